"""`escmatrix simulate` and `escmatrix explain` from the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DATA, MATRICES

CALL_CENTER = str(MATRICES / "call-center.yaml")
SAMPLE = str(MATRICES / "samples" / "call-center-tickets.csv")
BAD_ROWS = str(DATA / "logs" / "canonical-bad-rows.csv")


def canonical_log(folder: Path, *rows: str, name: str = "log.csv") -> Path:
    """A canonical log (ticket, time, event, category) of ``rows`` in ``folder``."""
    log = folder / name
    log.write_text("".join(f"{row}\n" for row in ("ticket,time,event,category", *rows)))
    return log


def test_json_format_holds_records_and_summary(cli: Any) -> None:
    data = cli("simulate", CALL_CENTER, SAMPLE, "--format", "json").json()
    records, summary = data["notifications"], data["summary"]
    assert summary["tickets"] == 30 and summary["notifications"] == len(records)
    assert summary["notifications_by_reason"]["created"] == 30
    assert sum(summary["tickets_by_highest_level"].values()) == 30
    assert set(records[0]) == {
        "ticket",
        "time",
        "level",
        "level_name",
        "contacts",
        "reason",
        "detail",
        # the call center's contacts have office hours and deputies (SPEC 10)
        "unreachable",
        "next_reachable",
        "after_hours",
    }
    times = [r["time"] for r in records]
    assert times == sorted(times)  # the sample log is in time order, so is the output


def test_jsonl_and_csv_carry_the_same_records(cli: Any) -> None:
    lines = cli("simulate", CALL_CENTER, SAMPLE, "--format", "jsonl").stdout.splitlines()
    records = [json.loads(line) for line in lines]
    rows = list(
        csv.DictReader(io.StringIO(cli("simulate", CALL_CENTER, SAMPLE, "-f", "csv").stdout))
    )
    assert len(records) == len(rows) == 94
    assert [(r["ticket"], r["reason"]) for r in records] == [
        (r["ticket"], r["reason"]) for r in rows
    ]
    assert rows[0]["contacts"] == ";".join(records[0]["contacts"])


@pytest.mark.parametrize("fmt", ["timeline", "table", "summary"])
def test_human_formats(cli: Any, fmt: str) -> None:
    out = cli("simulate", CALL_CENTER, SAMPLE, "--format", fmt).stdout
    assert "CC-1001" in out or "Tickets by highest level reached" in out
    if fmt == "summary":
        assert "Notifications by hour of the week" in out and "Mon" in out


def test_one_ticket(cli: Any) -> None:
    records = [
        json.loads(x)
        for x in cli(
            "simulate", CALL_CENTER, SAMPLE, "-f", "jsonl", "--ticket", "CC-1001"
        ).stdout.splitlines()
    ]
    assert {r["ticket"] for r in records} == {"CC-1001"}
    assert records[0]["reason"] == "created"
    assert records[1]["reason"] == "trigger:manager-requested"


def test_until_is_the_horizon(cli: Any) -> None:
    until = "2026-03-02T09:00:00+01:00"
    data = cli("simulate", CALL_CENTER, SAMPLE, "-f", "json", "--until", until).json()
    assert data["summary"]["horizon"] == until
    assert all(r["time"] <= until for r in data["notifications"])
    cli("simulate", CALL_CENTER, SAMPLE, "--until", "someday", code=2)


def test_bad_rows_are_counted_or_stop_the_run_under_strict(cli: Any) -> None:
    result = cli("simulate", CALL_CENTER, BAD_ROWS, "-f", "json")
    skipped = result.json()["summary"]["skipped_rows"]
    assert skipped == {
        "missing ticket id": 1,
        "unparseable time": 1,
        "missing event": 1,
        "unknown category": 1,
    }
    assert "canonical-bad-rows.csv:5" in result.stderr
    strict = cli("simulate", CALL_CENTER, BAD_ROWS, "--strict", code=2)
    assert "canonical-bad-rows.csv:5" in strict.stderr


def test_mapped_real_log(cli: Any) -> None:
    data = cli(
        "simulate",
        str(MATRICES / "volvo-push-to-front.yaml"),
        str(DATA / "logs" / "volvo-excerpt.csv"),
        "--map",
        str(MATRICES / "mappings" / "bpi2013-volvo.yaml"),
        "-f",
        "json",
    ).json()
    assert data["summary"]["tickets"] == 14
    assert data["summary"]["skipped_rows"] == {}


def test_output_file_is_atomic_and_inputs_are_never_overwritten(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    cli("simulate", CALL_CENTER, SAMPLE, "-f", "jsonl", "-o", str(target))
    assert len(target.read_text().splitlines()) == 94
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]
    cli("simulate", CALL_CENTER, SAMPLE, "-f", "jsonl", "-o", SAMPLE, code=2)
    target.write_text("keep me")
    cli("simulate", CALL_CENTER, BAD_ROWS, "-f", "jsonl", "--strict", "-o", str(target), code=2)
    assert target.read_text() == "keep me"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_bad_inputs(cli: Any, tmp_path: Path) -> None:
    cli("simulate", CALL_CENTER, str(tmp_path / "missing.csv"), code=2)
    cli("simulate", CALL_CENTER, str(tmp_path), code=2)
    cli("simulate", str(tmp_path / "nope.yaml"), SAMPLE, code=2)
    bad_map = tmp_path / "map.yaml"
    bad_map.write_text("mapping: 1\nticket: x\n")
    assert "error" in cli("simulate", CALL_CENTER, SAMPLE, "--map", str(bad_map), code=2).stderr


def test_log_in_no_order_is_sorted_with_a_warning(cli: Any, tmp_path: Path) -> None:
    rows = (MATRICES / "samples" / "call-center-tickets.csv").read_text().splitlines()
    shuffled = tmp_path / "shuffled.csv"
    shuffled.write_text("\n".join([rows[0], *reversed(rows[1:])]) + "\n")
    ordered = cli("simulate", CALL_CENTER, SAMPLE, "-f", "json").json()["notifications"]
    result = cli("simulate", CALL_CENTER, str(shuffled), "-f", "json")
    assert "in no order" in result.stderr
    assert sorted(map(json.dumps, result.json()["notifications"])) == sorted(
        map(json.dumps, ordered)
    )


def test_standard_input(cli: Any) -> None:
    text = (MATRICES / "samples" / "call-center-tickets.csv").read_text()
    assert (
        len(cli("simulate", CALL_CENTER, "-", "-f", "jsonl", input=text).stdout.splitlines()) == 94
    )


def test_explain_text_and_json(cli: Any) -> None:
    out = cli(
        "explain", CALL_CENTER, "-c", "billing", "-p", "P1", "--at", "2026-03-27T17:40"
    ).stdout
    assert "Fri 27 Mar 17:40 — L2 Call center support manager (Billing and accounts)" in out
    records = cli(
        "explain",
        CALL_CENTER,
        "-c",
        "product-complaint",
        "--at",
        "2026-03-27T17:40",
        "-e",
        "10m=manager_requested",
        "-e",
        "3h=privacy_risk",
        "-f",
        "json",
    ).json()
    assert [(r["time"], r["level"], r["reason"]) for r in records] == [
        ("2026-03-27T17:40:00+01:00", "L1", "created"),
        ("2026-03-27T17:50:00+01:00", "L2", "trigger:manager-requested"),
        ("2026-03-27T18:50:00+01:00", "L3", "timeout"),
        ("2026-03-27T20:40:00+01:00", "L5", "trigger:privacy-risk"),
        # L5 counts business days in the office calendar: from Saturday 09:00
        ("2026-03-31T09:00:00+02:00", "L6", "timeout"),
        ("2026-04-03T09:00:00+02:00", "L7", "timeout"),
    ]
    # 20:40 is outside Luca Ferrari's office hours: his deputy Anna Verdi is notified
    assert records[3]["contacts"] == ["sales-director", "security-officer"]
    assert records[3]["after_hours"] == ["ops-director"]
    assert records[3]["detail"].endswith(
        "; Luca Ferrari is outside office hours; deputy Anna Verdi contacted"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["-c", "nope"],
        ["-c", "billing", "-p", "P9"],
        ["-c", "billing", "--at", "tomorrow"],
        ["-c", "billing", "-e", "soon"],
        ["-c", "billing", "-e", "2bd=paused"],
    ],
)
def test_explain_bad_options(cli: Any, args: list[str]) -> None:
    assert "error" in cli("explain", CALL_CENTER, *args, code=2).stderr


def test_output_into_a_pipe_keeps_the_pipe(cli: Any, tmp_path: Path) -> None:
    """-o onto a device or pipe (/dev/null) writes into it, never renames a file over it."""
    import os
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    cli("simulate", CALL_CENTER, SAMPLE, "-f", "jsonl", "-o", str(fifo))
    reader.join(timeout=10)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert len(received[0].splitlines()) == 94
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_horizon_is_printed_in_the_matrix_time_zone(cli: Any, tmp_path: Path) -> None:
    # a summer instant written with the winter offset, as the Volvo export does
    log = canonical_log(
        tmp_path,
        "T1,2026-07-01T09:00:00+01:00,created,billing",
        "T1,2026-07-01T10:00:00+01:00,resolved,billing",
    )
    summary = cli("simulate", CALL_CENTER, str(log), "-f", "json").json()["summary"]
    assert summary["horizon"] == "2026-07-01T11:00:00+02:00"
    text = cli("simulate", CALL_CENTER, str(log)).stdout
    assert "2026-07-01T11:00:00+02:00" in text
    until = cli("simulate", CALL_CENTER, str(log), "-f", "json", "--until", "2026-07-01T12:00Z")
    assert until.json()["summary"]["horizon"] == "2026-07-01T14:00:00+02:00"


def test_explain_shows_events_that_notify_nobody(cli: Any, tmp_path: Path) -> None:
    args = ["explain", CALL_CENTER, "-c", "product-complaint", "--at", "2026-03-27T17:40"]
    events = ["20m=manager_requestd", "30m=paused", "40m=resumed", "50m=formal_complaint"]
    steps = cli(*args, *(f"-e{e}" for e in events), "-f", "json").json()
    notes = [s for s in steps if "event" in s]
    assert [(n["event"], n["level"]) for n in notes] == [
        ("manager_requestd", "L1"),
        ("paused", "L1"),
        ("resumed", "L1"),
        ("formal_complaint", "L2"),
    ]
    assert "did you mean 'manager_requested'?" in notes[0]["detail"]
    assert "not armed at L2" in notes[3]["detail"] and "armed at L4" in notes[3]["detail"]
    assert [s["time"] for s in steps] == sorted(s["time"] for s in steps)
    out = tmp_path / "explained.txt"
    result = cli(*args, "-e", "20m=manager_requestd", "-o", str(out))
    text = out.read_text()
    assert "18:00 — L1 Call center representative — event manager_requestd" in text
    assert f"wrote {out}" in result.stderr and result.stdout == ""


def test_explain_names_what_it_does_not_know(cli: Any) -> None:
    args = ["explain", CALL_CENTER, "--at", "2026-03-27T17:40"]
    assert "did you mean 'billing'?" in cli(*args, "-c", "biling", code=2).stderr
    assert "did you mean 'P1'?" in cli(*args, "-c", "billing", "-p", "p1", code=2).stderr
    wrong = cli(*args, "-c", "billing", "-e", "1h=priority_changed:P7", code=2).stderr
    assert "unknown priority 'P7'" in wrong
    assert (
        "unknown level 'L9'" in cli(*args, "-c", "billing", "-e", "1h=escalated:L9", code=2).stderr
    )


def test_files_and_pipes_get_whole_lines(cli: Any, tmp_path: Path) -> None:
    """No wrapping unless the output is a terminal: one record, one line."""
    args = [
        "simulate",
        str(MATRICES / "servicenow-incidents.yaml"),
        str(DATA / "logs" / "servicenow-excerpt.csv"),
        "--map",
        str(MATRICES / "mappings" / "servicenow-incidents.yaml"),
    ]
    count = len(cli(*args, "-f", "jsonl").stdout.splitlines())
    timeline = cli(*args, "-f", "timeline").stdout.splitlines()
    records = [line for line in timeline if line.startswith("  ")]
    assert len(records) == count
    assert max(len(line) for line in records) > 160
    table = tmp_path / "table.txt"
    cli(*args, "-f", "table", "-o", str(table))
    rows = [line for line in table.read_text().splitlines() if "INC" in line]
    assert len(rows) == count


@pytest.mark.parametrize("fmt", ["jsonl", "summary", "timeline", "csv", "xlsx"])
def test_a_replay_of_nothing_fails_and_says_why(cli: Any, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    missing = cli("simulate", CALL_CENTER, SAMPLE, "-f", fmt, "--ticket", "CC-9999",
                  "-o", str(out), code=2)  # fmt: skip
    assert "has no ticket CC-9999" in missing.stderr and missing.stdout == ""
    assert list(tmp_path.iterdir()) == []  # nothing written, no temporary left
    log = canonical_log(
        tmp_path,
        "T1,2026-03-02T09:00:00+01:00,created,incident",
        "T1,2026-03-02T10:00:00+01:00,resolved,incident",
        "T2,2026-03-02T09:30:00+01:00,created,biling",
        name="incidents.csv",
    )
    skipped = cli("simulate", CALL_CENTER, str(log), "-f", fmt, "-o", str(out), code=2)
    assert "every ticket" in skipped.stderr and "2 unknown category" in skipped.stderr
    assert "the matrix has no category 'incident'" in skipped.stderr
    assert not out.exists()
    if fmt == "jsonl":  # standard output too
        result = cli("simulate", CALL_CENTER, str(log), "-f", "jsonl", code=2)
        assert result.stdout == ""
        log.write_text("ticket,time,event\n")
        assert "no ticket events" in cli("simulate", CALL_CENTER, str(log), code=2).stderr


def test_unknown_category_suggests_the_one_meant(cli: Any, tmp_path: Path) -> None:
    log = canonical_log(
        tmp_path,
        "T1,2026-03-02T09:00:00+01:00,created,billing",
        "T2,2026-03-02T09:30:00+01:00,created,biling",
    )
    summary = cli("simulate", CALL_CENTER, str(log), "-f", "json").json()["summary"]
    assert summary["skipped_rows"] == {"unknown category": 1}
    assert (
        "the matrix has no category 'biling' (did you mean 'billing'?)"
        in (summary["skipped_examples"][0])
    )
    assert "did you mean 'billing'?" in cli("render", CALL_CENTER, "-c", "biling", code=2).stderr


def test_summary_over_time_by_trigger_and_heat_legend(cli: Any) -> None:
    summary = cli("simulate", CALL_CENTER, SAMPLE, "-f", "json").json()["summary"]
    assert summary["per_day"] == {
        "2026-03-02": {"tickets_created": 30, "notifications": 93},
        "2026-03-03": {"tickets_created": 0, "notifications": 1},
    }
    assert summary["notifications_by_trigger"] == {
        "manager-requested": 2, "privacy-risk": 2, "refund-requested": 1
    }  # fmt: skip
    assert (
        sum(summary["notifications_by_trigger"].values())
        == (summary["notifications_by_reason"]["trigger"])
    )
    text = cli("simulate", CALL_CENTER, SAMPLE).stdout
    lines = text.splitlines()
    assert any(line.startswith(" Mon 02 Mar 2026 │ ") and " 30 │ " in line for line in lines)
    assert any("privacy-risk · Customer privacy or data at risk" in line for line in lines)
    assert "░ up to a quarter of the contact's busiest hour" in text
    days = [line for line in lines if line[:5] in {f"  {d}" for d in ("Mon", "Tue", "Sun")}]
    assert days and all(line.split()[1] != "0" for line in days)  # no all-zero days
    assert text == cli("simulate", CALL_CENTER, SAMPLE, "-o", "-").stdout


def test_summary_by_week_and_unknown_events_with_a_suggestion(cli: Any, tmp_path: Path) -> None:
    log = canonical_log(
        tmp_path,
        "T1,2026-03-02T09:00:00+01:00,created,billing",
        "T1,2026-03-02T09:05:00+01:00,manager_request,billing",
        "T1,2026-03-02T09:10:00+01:00,resolved,billing",
        "T2,2026-04-20T09:00:00+02:00,created,billing",
        "T2,2026-04-20T09:10:00+02:00,resolved,billing",
    )
    text = cli("simulate", CALL_CENTER, str(log)).stdout
    assert "Per week (matrix time zone)" in text
    assert " week of Mon 02 Mar 2026 " in text and " week of Mon 20 Apr 2026 " in text
    assert "manager_request (did you mean 'manager_requested'?)" in text


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_large_log_shows_the_share_read_and_the_time_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rich.console import Console

    from escmatrix.cli import _runs as command
    from escmatrix.cli._inputs import check_input, log_input
    from escmatrix.output.simulation import SummarySink
    from escmatrix.simulation.replay import ReplayOptions, replay
    from escmatrix.validation import load_matrix

    rows = [f"T{n},2026-03-02T{8 + n % 10:02d}:00:00+01:00,created,billing" for n in range(45_000)]
    log = canonical_log(tmp_path, *rows, "T1,2026-03-02T18:00:00+01:00,resolved,billing")
    assert log.stat().st_size > command.PROGRESS_BYTES
    monkeypatch.setattr(command.sys, "stderr", _Terminal())
    source = check_input(str(log), "ticket log", sheets=True)
    progress, stream = command.progress_for(source, log_input(source), "replaying the log")
    assert progress is not None and not isinstance(stream, str)
    seen: list[float] = []

    def update(events: int, tickets: int) -> None:
        progress.update(events, tickets)
        seen.append(progress.bar.tasks[0].percentage)

    matrix = load_matrix(CALL_CENTER)
    summary = replay(matrix, stream, SummarySink(None, matrix), ReplayOptions(progress=update),
                     name=str(log))  # fmt: skip
    progress.close()
    assert summary.tickets == 45_000 and stream.closed
    assert seen == sorted(seen) and 0 < seen[0] < 50 and seen[-1] == 100
    drawn = Console(file=io.StringIO(), record=True, width=150, color_system=None)
    drawn.print(progress.bar.make_tasks_table(progress.bar.tasks))
    line = drawn.export_text()
    assert "45,000 tickets" in line and "100%" in line and "left" in line
    # without a size to go by (a pipe), the line counts events only
    monkeypatch.setattr(command.sys, "stderr", io.StringIO())
    assert command.progress_for(source, str(log), "replaying the log") == (None, str(log))
