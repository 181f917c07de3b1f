"""Faults around the commands: outputs that cannot be written (a folder that refuses
files, a full disk, a full standard output, a closed pipe), signals in the middle of a
long run (tests/data/hostile/signals), values the calendars cannot compute, and CSV
cells a spreadsheet would run.
Each is a message and exit 2 (never a traceback), and nothing is left behind."""

from __future__ import annotations

import csv
import io
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DATA, MATRICES, ROOT, run_cli

CALL_CENTER = str(MATRICES / "call-center.yaml")
SAMPLE = str(MATRICES / "samples" / "call-center-tickets.csv")
FULL = Path("/dev/full")
needs_dev_full = pytest.mark.skipif(not FULL.exists(), reason="no /dev/full here")


def process(*args: str, env: dict[str, str] | None = None, **kwargs: Any) -> Any:
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.Popen(
        [sys.executable, "-m", "escmatrix", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def finished(*args: str, **kwargs: Any) -> tuple[int, str, str]:
    with process(*args, **kwargs) as running:
        out, err = running.communicate(timeout=120)
    return running.returncode, out, err


def every_output(tmp_path: Path, target: str) -> list[list[str]]:
    """A command line for every command that writes a file, each writing ``target``."""
    workbook = tmp_path / "m.xlsx"
    run_cli("export", CALL_CENTER, "-o", str(workbook))
    return [
        ["render", CALL_CENTER, "-o", target],
        ["render", CALL_CENTER, "-f", "markdown", "-o", target],
        ["explain", CALL_CENTER, "-c", "billing", "--at", "2026-03-02T09:00", "-o", target],
        ["simulate", CALL_CENTER, SAMPLE, "-o", target],
        ["simulate", CALL_CENTER, SAMPLE, "-f", "jsonl", "-o", target],
        ["simulate", CALL_CENTER, SAMPLE, "-f", "csv", "-o", target],
        ["simulate", CALL_CENTER, SAMPLE, "-f", "timeline", "-o", target],
        ["simulate", CALL_CENTER, SAMPLE, "-f", "xlsx", "-o", target],
        ["export", CALL_CENTER, "-o", target],
        ["import", str(workbook), "-o", target],
        ["schema", "-o", target],
        ["init", "--force", "-o", target],
        ["diff", CALL_CENTER, str(MATRICES / "it-helpdesk.yaml"), "-o", target],
    ]


@needs_dev_full
def test_a_full_device_is_a_message(tmp_path: Path) -> None:
    for args in every_output(tmp_path, str(FULL)):
        if args[0] == "export":
            continue  # a workbook is written to a .xlsx name: the full disk below
        result = run_cli(*args, code=2)
        assert "/dev/full: cannot be written: No space left on device" in result.stderr, args


def test_a_full_disk_leaves_nothing_behind(tmp_path: Path) -> None:
    """A file size limit stands for a full disk: writes past it fail as they would."""
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "report.xlsx"

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (100, 100))

    for args in every_output(tmp_path, str(target)):
        code, _, err = finished(*args, preexec_fn=small_files)
        assert code == 2 and f"{target}: cannot be written" in err, (args, err)
        assert list(folder.iterdir()) == [], args


def test_a_folder_that_refuses_files(tmp_path: Path) -> None:
    for target in ("/proc/escmatrix-out.txt", "/sys/escmatrix-out.txt"):
        if not Path(target).parent.exists():
            continue
        result = run_cli("render", CALL_CENTER, "-o", target, code=2)
        assert f"{target}: cannot be written" in result.stderr


@needs_dev_full
@pytest.mark.parametrize(
    "args",
    [
        ["validate", str(DATA / "rules" / "unknown-reference" / "fires.yaml")],
        ["validate", "--list-rules"],
        ["render", CALL_CENTER],
        ["explain", CALL_CENTER, "-c", "billing", "--at", "2026-03-02T09:00"],
        ["simulate", CALL_CENTER, SAMPLE, "-f", "jsonl"],
        ["simulate", CALL_CENTER, SAMPLE],
        ["schema"],
        ["--help"],
    ],
)
def test_a_full_standard_output_is_a_message(args: list[str]) -> None:
    with FULL.open("w") as full:
        code, _, err = finished(*args, stdout=full)
    assert code == 2 and "error: standard output: cannot be written" in err
    assert "Traceback" not in err


def test_a_closed_pipe_ends_quietly() -> None:
    with process("simulate", CALL_CENTER, SAMPLE, "-f", "jsonl") as running:
        running.stdout.readline()
        running.stdout.close()
        err = running.stderr.read()
        running.wait(timeout=60)
    assert running.returncode in (0, 1, 2) and "Traceback" not in err


def test_times_and_durations_the_calendars_cannot_compute(tmp_path: Path) -> None:
    for at in ("0001-01-01T00:00", "9999-12-31T23:00"):
        result = run_cli("explain", CALL_CENTER, "-c", "billing", "--at", at, code=2)
        assert "is outside the years 1900-2999" in result.stderr and result.stdout == ""
    result = run_cli(
        "explain", CALL_CENTER, "-c", "billing", "--at", "2026-03-02T09:00",
        "--event", "999999999999d=manager_requested", code=2,
    )  # fmt: skip
    assert "is longer than escmatrix computes" in result.stderr
    result = run_cli("simulate", CALL_CENTER, SAMPLE, "--until", "0001-01-01T00:00", code=2)
    assert "--until: '0001-01-01T00:00' is outside the years 1900-2999" in result.stderr
    matrix = tmp_path / "m.yaml"
    matrix.write_text(Path(CALL_CENTER).read_text().replace("15m..30m", "999999999999d", 1))
    for args in (
        ["validate", str(matrix)],
        ["render", str(matrix)],
        ["simulate", str(matrix), SAMPLE],
        ["explain", str(matrix), "-c", "billing"],
        ["export", str(matrix), "-o", str(tmp_path / "m.xlsx")],
    ):
        result = run_cli(*args, code=1 if args[0] == "validate" else 2)
        assert "out-of-range" in result.stdout + result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.yaml"]


def test_a_scale_that_makes_a_window_too_long(tmp_path: Path) -> None:
    matrix = tmp_path / "m.yaml"
    text = Path(CALL_CENTER).read_text()
    assert "scale: 0.25" in text
    matrix.write_text(text.replace("scale: 0.25", "scale: 1.0e+300", 1))
    findings = run_cli("validate", "-f", "json", str(matrix), code=1).json()
    line = text.splitlines().index(next(x for x in text.splitlines() if "scale: 0.25" in x)) + 1
    assert [(f["rule"], f["line"]) for f in findings] == [("out-of-range", line)]


def test_until_an_offset_after_the_last_time_of_the_log() -> None:
    later = run_cli("simulate", CALL_CENTER, SAMPLE, "--until", "2h", "-f", "json").json()
    last = run_cli("simulate", CALL_CENTER, SAMPLE, "-f", "json").json()["summary"]["horizon"]
    import datetime as dt

    horizon = dt.datetime.fromisoformat(last) + dt.timedelta(hours=2)
    same = run_cli("simulate", CALL_CENTER, SAMPLE, "--until", horizon.isoformat(), "-f", "json")
    assert later == same.json()
    assert later["summary"]["horizon"] == horizon.isoformat()


def test_csv_cells_a_spreadsheet_would_run_are_text(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    ids = ['=HYPERLINK("http://x","y")', "@SUM(1+1)", "+1", "-2", "ok"]
    log.write_text(
        "ticket,time,event,category\n"
        + "".join(
            f'"{t.replace(chr(34), 2 * chr(34))}",2026-03-02T08:00,created,billing\n' for t in ids
        )
    )
    rows = list(
        csv.DictReader(io.StringIO(run_cli("simulate", CALL_CENTER, str(log), "-f", "csv").stdout))
    )
    assert [row["ticket"] for row in rows] == ["'" + t for t in ids[:4]] + ["ok"]
    for row in rows:
        assert not any(cell[:1] in "=+-@\t\r" for cell in row.values() if cell)
