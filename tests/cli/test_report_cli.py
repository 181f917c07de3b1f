"""`escmatrix simulate --format xlsx -o FILE`: the Excel report from the command line, its
agreement with the other formats, and the cases that must write nothing (exit 2)."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import pty
import stat
import subprocess
import sys
import tempfile
import threading
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.conftest import DATA, MATRICES

CALL_CENTER = str(MATRICES / "call-center.yaml")
SAMPLE = str(MATRICES / "samples" / "call-center-tickets.csv")
BAD_ROWS = str(DATA / "logs" / "canonical-bad-rows.csv")
VOLVO = str(MATRICES / "volvo-push-to-front.yaml")
VOLVO_MAP = str(MATRICES / "mappings" / "bpi2013-volvo.yaml")
VOLVO_LOG = str(DATA / "logs" / "volvo-audit-excerpt.csv")


def rows(path: Path, sheet: str = "Notifications") -> list[list[Any]]:
    book = openpyxl.load_workbook(path)
    return [list(row) for row in book[sheet].iter_rows(values_only=True)]


def test_report_has_a_row_per_jsonl_record(cli: Any, tmp_path: Path) -> None:
    report = tmp_path / "report.xlsx"
    result = cli("simulate", CALL_CENTER, SAMPLE, "--format", "xlsx", "-o", str(report))
    assert result.stdout == ""
    lines = cli("simulate", CALL_CENTER, SAMPLE, "--format", "jsonl").stdout.splitlines()
    records = [json.loads(line) for line in lines]
    header, *notifications = rows(report)
    assert header[1] == "Time (Europe/Rome)"
    assert len(notifications) == len(records) == 94
    for row, record in zip(notifications, records, strict=True):
        time = dt.datetime.fromisoformat(record["time"])
        assert row[0] == record["ticket"] and row[2] == record["level"]
        assert row[1] == time.replace(tzinfo=None)
        assert row[3] == record["level_name"]
        assert row[5] == record["reason"] and row[6] == record["detail"]
    assert [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]


def test_report_summary_agrees_with_the_json_summary(cli: Any, tmp_path: Path) -> None:
    report = tmp_path / "r.xlsx"
    cli("simulate", CALL_CENTER, BAD_ROWS, "-f", "xlsx", "-o", str(report))
    summary = cli("simulate", CALL_CENTER, BAD_ROWS, "-f", "json").json()["summary"]
    book = openpyxl.load_workbook(report)
    figures = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row[0]}
    assert figures["Tickets"] == summary["tickets"] and figures["Events"] == summary["events"]
    assert figures["Notifications"] == summary["notifications"]
    for reason, count in summary["skipped_rows"].items():
        assert figures[reason] == count
    lines = [row[1] for row in book["Summary"].iter_rows(values_only=True) if row[0] is None]
    assert [n for n in lines if isinstance(n, int)] == [5, 6, 8, 9]
    contacts = {row[1]: row[2] for row in book["Contacts"].iter_rows(min_row=2, values_only=True)}
    assert contacts == summary["notifications_per_contact"]


def test_log_in_no_order_gives_the_same_report(cli: Any, tmp_path: Path) -> None:
    """The replay restarts on a log in no order: the sink starts a new workbook, and the
    report holds each notification once."""
    lines = Path(SAMPLE).read_text().splitlines()
    shuffled = tmp_path / "shuffled.csv"
    shuffled.write_text("\n".join([lines[0], *reversed(lines[1:])]) + "\n")
    ordered, restarted = tmp_path / "ordered.xlsx", tmp_path / "restarted.xlsx"
    cli("simulate", CALL_CENTER, SAMPLE, "-f", "xlsx", "-o", str(ordered))
    result = cli("simulate", CALL_CENTER, str(shuffled), "-f", "xlsx", "-o", str(restarted))
    assert "in no order" in result.stderr
    assert sorted(map(repr, rows(restarted))) == sorted(map(repr, rows(ordered)))
    warnings = [row[2] for row in rows(restarted, "Summary") if row[0] is None and row[2]]
    assert any("in no order" in str(w) for w in warnings)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "ordered.xlsx",
        "restarted.xlsx",
        "shuffled.csv",
    ]


def test_a_workbook_needs_a_file_or_a_dash(cli: Any) -> None:
    result = cli("simulate", CALL_CENTER, SAMPLE, "-f", "xlsx", code=2)
    assert "give its file with -o" in result.stderr and result.stdout == ""


WORKBOOKS = {
    "simulate": (["simulate", CALL_CENTER, SAMPLE, "-f", "xlsx"], "Notifications", 95),
    "audit": (["audit", VOLVO, VOLVO_LOG, "--map", VOLVO_MAP, "-f", "xlsx"], "Deviations", None),
    "export": (["export", CALL_CENTER], "Matrix", None),
}


@pytest.mark.parametrize("command", sorted(WORKBOOKS))
def test_a_workbook_to_standard_output(command: str, tmp_path: Path) -> None:
    """`-o -` writes the workbook to standard output when it is a pipe, and is refused
    (exit 2, nothing written) when it is a terminal."""
    args, sheet, rows = WORKBOOKS[command]
    run = [sys.executable, "-m", "escmatrix", *args, "-o", "-"]
    piped = subprocess.run(run, capture_output=True, cwd=tmp_path, check=False)
    assert piped.returncode == 0, piped.stderr.decode()
    book = openpyxl.load_workbook(io.BytesIO(piped.stdout))
    assert sheet in book.sheetnames
    if rows is not None:
        assert book[sheet].max_row == rows
    assert b"wrote" not in piped.stderr
    leader, follower = pty.openpty()
    try:
        terminal = subprocess.run(
            run, stdout=follower, stderr=subprocess.PIPE, cwd=tmp_path, check=False
        )
    finally:
        os.close(follower)
    os.set_blocking(leader, False)
    try:
        written = os.read(leader, 1 << 16)
    except OSError:  # nothing was written to the terminal
        written = b""
    finally:
        os.close(leader)
    assert terminal.returncode == 2
    assert b"a workbook is binary" in terminal.stderr and b"PK" not in written
    assert list(tmp_path.iterdir()) == []


def test_failures_leave_nothing_behind(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # where workbooks keep their rows
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"keep me")
    cli("simulate", CALL_CENTER, BAD_ROWS, "-f", "xlsx", "--strict", "-o", str(target), code=2)
    assert target.read_bytes() == b"keep me"
    fresh = tmp_path / "new.xlsx"
    cli("simulate", CALL_CENTER, BAD_ROWS, "-f", "xlsx", "--strict", "-o", str(fresh), code=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.xlsx", "tmp"]
    log = tmp_path / "log.csv"
    log.write_text(Path(SAMPLE).read_text())
    result = cli("simulate", CALL_CENTER, str(log), "-f", "xlsx", "-o", str(log), code=2)
    assert "is the ticket log this command reads" in result.stderr
    assert log.read_text() == Path(SAMPLE).read_text()
    cli("simulate", CALL_CENTER, SAMPLE, "-f", "xlsx", "-o", str(tmp_path), code=2)
    cli("simulate", CALL_CENTER, SAMPLE, "-f", "xlsx", "-o", str(tmp_path / "no" / "r.xlsx"),
        code=2)  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.csv", "report.xlsx", "tmp"]
    assert list(scratch.iterdir()) == []


def test_report_replaces_an_older_one(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"old")
    cli("simulate", CALL_CENTER, SAMPLE, "-f", "xlsx", "-o", str(target), "--ticket", "CC-1003")
    assert zipfile.is_zipfile(target)
    assert {row[0] for row in rows(target)[1:]} == {"CC-1003"}


def test_a_pipe_gets_the_workbook_and_stays_a_pipe(cli: Any, tmp_path: Path) -> None:
    """A file that is not a regular one (a pipe, /dev/null) is written into, never renamed
    over."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received = bytearray()

    def read() -> None:
        with open(pipe, "rb") as stream:
            received.extend(stream.read())

    reader = threading.Thread(target=read)
    reader.start()
    cli("simulate", CALL_CENTER, SAMPLE, "-f", "xlsx", "-o", str(pipe))
    reader.join(timeout=30)
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    book = openpyxl.load_workbook(io.BytesIO(bytes(received)))
    assert book["Notifications"].max_row == 95


def test_help_lists_the_format(cli: Any) -> None:
    assert "xlsx" in cli("simulate", "--help").stdout
