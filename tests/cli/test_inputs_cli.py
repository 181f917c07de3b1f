"""Every command's inputs go through one check: files, standard input, devices and pipes
with the same bounds, ``book.xlsx#Sheet``, and an ``-o`` that is an input (also through a
symbolic or a hard link) refused before anything is written."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from escmatrix.cli._inputs import _Rewindable
from escmatrix.findings import LogError
from tests.conftest import MATRICES, ROOT, run_cli

CALL_CENTER = MATRICES / "call-center.yaml"
SAMPLE = MATRICES / "samples" / "call-center-tickets.csv"


def escmatrix(*args: str, stdin: Any = None) -> subprocess.CompletedProcess[str]:
    """The real command in a process: standard input may be a pipe or a file."""
    return subprocess.run(
        [sys.executable, "-m", "escmatrix", *args],
        stdin=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def copies(tmp_path: Path) -> tuple[Path, Path, Path]:
    matrix = tmp_path / "m.yaml"
    shutil.copy(CALL_CENTER, matrix)
    log = tmp_path / "log.csv"
    shutil.copy(SAMPLE, log)
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "mapping: 1\nticket: ticket\ntime: time\ncategory: category\nevents: [{column: event}]\n"
    )
    return matrix, log, mapping


def test_no_command_writes_over_one_of_its_inputs(tmp_path: Path) -> None:
    matrix, log, mapping = copies(tmp_path)
    (tmp_path / "soft.yaml").symlink_to(matrix)
    os.link(matrix, tmp_path / "hard.yaml")
    (tmp_path / "soft-map.yaml").symlink_to(mapping)
    before = {path: path.read_bytes() for path in (matrix, log, mapping)}
    workbook = tmp_path / "m.xlsx"
    run_cli("export", str(matrix), "-o", str(workbook))
    book_bytes = workbook.read_bytes()
    for target in (matrix, tmp_path / "soft.yaml", tmp_path / "hard.yaml"):
        run_cli("render", str(matrix), "-o", str(target), code=2)
        run_cli("render", str(matrix), "-f", "json", "-o", str(target), code=2)
        run_cli("simulate", str(matrix), str(log), "-o", str(target), code=2)
    for target in (mapping, tmp_path / "soft-map.yaml", log):
        result = run_cli(
            "simulate", str(matrix), str(log), "--map", str(mapping), "-o", str(target), code=2
        )
        assert "write to another file" in result.stderr
    (tmp_path / "book-link.xlsx").symlink_to(workbook)
    run_cli("import", str(workbook), "-o", str(tmp_path / "book-link.xlsx"), code=2)
    assert workbook.read_bytes() == book_bytes
    assert {path: path.read_bytes() for path in before} == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_standard_input_that_is_the_output_file_is_refused(tmp_path: Path) -> None:
    matrix, _, _ = copies(tmp_path)
    before = matrix.read_bytes()
    with matrix.open("rb") as stdin:
        result = escmatrix("render", "-", "-o", str(matrix), stdin=stdin)
    assert result.returncode == 2 and "read from standard input" in result.stderr
    assert matrix.read_bytes() == before


def test_a_sheet_of_a_workbook_log(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Notes"
    sheet = book.create_sheet("Log")
    for row in SAMPLE.read_text().splitlines():
        sheet.append(row.split(","))
    book.save(tmp_path / "log.xlsx")
    out = run_cli("simulate", str(CALL_CENTER), f"{tmp_path / 'log.xlsx'}#Log", "-f", "jsonl")
    assert len(out.stdout.splitlines()) == 94
    result = run_cli("simulate", str(CALL_CENTER), f"{tmp_path / 'log.xlsx'}#Nope", code=2)
    assert "has no sheet 'Nope'" in result.stderr
    result = run_cli("simulate", str(CALL_CENTER), f"{tmp_path / 'nope.xlsx'}#Log", code=2)
    assert "nope.xlsx#Log: no such file" in result.stderr


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.yaml", "no such file"),
        (lambda p: p, "is a directory"),
        (lambda p: p.joinpath("bin.yaml").write_bytes(b"a: \0\0") and p / "bin.yaml", "binary"),
        (lambda p: p.joinpath("l1.yaml").write_bytes(b"a: \xe9\n") and p / "l1.yaml", "UTF-8"),
        (lambda p: Path("/dev/zero"), "is larger than 16 MiB"),
    ],
)
def test_a_mapping_that_cannot_be_read(tmp_path: Path, make: Any, message: str) -> None:
    mapping = make(tmp_path)
    result = run_cli("simulate", str(CALL_CENTER), str(SAMPLE), "--map", str(mapping), code=2)
    assert f"error: {mapping}: " in result.stderr and message in result.stderr


def test_devices_and_standard_input_are_read_with_the_same_bounds() -> None:
    result = run_cli("validate", "/dev/zero", code=2)
    assert "/dev/zero:0:0: error unreadable-file is larger than 16 MiB" in result.stdout
    with open("/dev/zero", "rb") as zeros:
        result = escmatrix("validate", "-", stdin=zeros)
    assert result.returncode == 2 and "-:0:0: error unreadable-file" in result.stdout
    with open("/dev/zero", "rb") as zeros:
        result = escmatrix("simulate", str(CALL_CENTER), "-", stdin=zeros)
    assert result.returncode == 2 and "error: -:1: is a binary file" in result.stderr
    result = run_cli("simulate", str(CALL_CENTER), "/dev/zero", code=2)
    assert "error: /dev/zero:1: is a binary file" in result.stderr


def test_a_log_in_no_order_from_a_pipe_is_read_again_sorted(tmp_path: Path) -> None:
    lines = SAMPLE.read_text().splitlines(keepends=True)
    shuffled = tmp_path / "shuffled.csv"
    shuffled.write_text(lines[0] + "".join(lines[1:][::7] + lines[1:][3::7] + lines[1:][1::7]))
    expected = run_cli("simulate", str(CALL_CENTER), str(shuffled), "-f", "jsonl").stdout
    with subprocess.Popen(["cat", str(shuffled)], stdout=subprocess.PIPE) as reader:
        result = escmatrix("simulate", str(CALL_CENTER), "-", "-f", "jsonl", stdin=reader.stdout)
    assert result.returncode == 0 and result.stdout == expected
    assert "-: line" in result.stderr and "sorted by time" in result.stderr


def test_standard_input_is_kept_up_to_a_bound() -> None:
    data = b"".join(b"row %d\n" % i for i in range(10_000))
    stream = io.BufferedReader(_Rewindable(io.BufferedReader(io.BytesIO(data)), 1 << 20))
    assert stream.read(100) == data[:100]
    stream.seek(0)
    assert stream.read() == data
    stream.seek(10)
    assert stream.read(5) == data[10:15]
    small = io.BufferedReader(_Rewindable(io.BufferedReader(io.BytesIO(data)), 1000))
    assert small.read() == data
    with pytest.raises(OSError, match="kept up to 1,000 bytes"):
        small.seek(0)


def test_a_log_in_no_order_longer_than_what_is_kept_says_so(tmp_path: Path) -> None:
    from escmatrix.output.simulation import JsonLinesSink
    from escmatrix.simulation.replay import replay
    from escmatrix.validation import load_matrix

    lines = SAMPLE.read_text().splitlines(keepends=True)
    data = (lines[0] + "".join(lines[1:][::-1])).encode()
    stream = io.BufferedReader(_Rewindable(io.BufferedReader(io.BytesIO(data)), 500))
    matrix = load_matrix(CALL_CENTER)
    with pytest.raises(LogError, match="is read again to be sorted, which this stream cannot be"):
        replay(matrix, stream, JsonLinesSink(io.StringIO(), matrix))
