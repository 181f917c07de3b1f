"""Logs that try to break the reader or the engine: times the calendars cannot compute,
quotes never closed, lines without end, JSON nested without end, objects without keys,
a million distinct event names. Each row read is replayed or counted with its line, the
memory stays bounded."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo
from pathlib import Path
from typing import Any

import pytest

from escmatrix.findings import BoundedCounter, LogError, Problems, top_and_rest
from escmatrix.limits import DISTINCT_NAMES, LOG_LINE_CHARS, RUN_ROWS
from escmatrix.loading.logs import read_events
from escmatrix.loading.mapping import load_mapping_text
from escmatrix.output.simulation import JsonLinesSink
from escmatrix.simulation.replay import replay
from tests.conftest import call_center

CALL_CENTER = call_center()  # every contact reached as written
CALL_CENTER_ZONE = zoneinfo.ZoneInfo(CALL_CENTER.timezone)
HEADER = "ticket,time,event,category\n"


def replayed(log: Path) -> tuple[str, Any]:
    """(records, summary) of ``log``, or (the error, None)."""
    stream = io.StringIO()
    try:
        summary = replay(CALL_CENTER, log, JsonLinesSink(stream, CALL_CENTER))
    except LogError as error:
        return str(error), None
    return stream.getvalue(), summary.to_dict()


def csv_log(tmp_path: Path, *rows: str, name: str = "log.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8", newline="")
    return path


def test_times_the_calendars_cannot_compute_are_skipped_with_their_line(tmp_path: Path) -> None:
    log = csv_log(
        tmp_path,
        "A,0001-01-01T00:00,created,billing",  # year 0 once in UTC
        "B,9999-12-31T23:59:59-01:00,created,billing",  # year 10000 once in UTC
        "C,1899-12-31T23:00:00+00:00,created,billing",
        "D,3000-01-01T00:00:00Z,created,billing",
        "E,2026-03-02T08:00:00+01:00,created,billing",
    )
    records, summary = replayed(log)
    assert summary["skipped_rows"] == {"time out of range": 4}
    assert [example.split(":")[1] for example in summary["skipped_examples"]] == [
        "2",
        "3",
        "4",
        "5",
    ]
    assert summary["tickets"] == 1 and '"ticket": "E"' in records


def test_times_out_of_range_in_mapped_logs_and_workbooks(tmp_path: Path) -> None:
    from openpyxl import Workbook

    mapping = load_mapping_text(
        "mapping: 1\nticket: id\ntime: {column: at, format: 'd/m/yyyy H:MM'}\n"
        "category: {default: billing}\nevents: [{column: what}]\n"
    )
    path = tmp_path / "export.csv"
    path.write_text("id,at,what\nA,1/1/0001 0:00,x\nB,2/3/2026 8:00,x\n", encoding="utf-8")
    problems = Problems()
    events = list(read_events(path, mapping=mapping, timezone=CALL_CENTER_ZONE, problems=problems))
    assert [e.ticket for e in events] == ["B", "B"]
    assert [(p.line, p.reason) for p in problems.examples] == [(2, "time out of range")]
    book = Workbook()
    sheet = book.active
    sheet.append(["ticket", "time", "event"])
    sheet.append(["A", dt.datetime(1, 1, 1), "created"])
    sheet.append(["B", dt.datetime(2026, 3, 2, 8), "created"])
    book.save(tmp_path / "log.xlsx")
    problems = Problems()
    events = list(read_events(tmp_path / "log.xlsx", timezone=CALL_CENTER_ZONE, problems=problems))
    assert [e.ticket for e in events] == ["B"]
    assert [(p.line, p.reason) for p in problems.examples] == [(2, "time out of range")]


def test_a_row_without_a_time_says_so(tmp_path: Path) -> None:
    log = csv_log(tmp_path, "A,,created,billing", "B", "C,2026-03-02T08:00,created,billing")
    _, summary = replayed(log)
    assert summary["skipped_rows"] == {"missing time": 2}
    assert all("has no time" in example for example in summary["skipped_examples"])


def test_an_unclosed_quote_stops_at_its_row(tmp_path: Path) -> None:
    """A quote that never closes would make the rest of the file one cell (9 rows read as
    one, 8 of them lost without a count): the run stops at the row where it opens."""
    rows = [f"T{i},2026-03-02T08:{i:02d}:00+01:00,created,billing" for i in range(9)]
    rows[2] = 'T2,2026-03-02T08:02:00+01:00,"created,billing'
    error, summary = replayed(csv_log(tmp_path, *rows))
    assert summary is None
    assert error.startswith(f"{tmp_path / 'log.csv'}:4: a quote opened in this row is never closed")
    # a quoted cell over several lines that does close is a row like any other
    rows[2] = 'T2,2026-03-02T08:02:00+01:00,created,"billing\nnote"'
    _, summary = replayed(csv_log(tmp_path, *rows))
    assert summary["tickets"] == 8 and summary["skipped_rows"] == {"unknown category": 1}


def test_a_line_without_end_is_refused_before_it_is_read_whole(tmp_path: Path) -> None:
    log = csv_log(
        tmp_path, "A,2026-03-02T08:00,created,billing", "B," + "x" * (LOG_LINE_CHARS + 10)
    )
    error, summary = replayed(log)
    assert summary is None and error.startswith(f"{log}:3: the line is longer than")
    header = tmp_path / "head.csv"
    header.write_text("x" * (LOG_LINE_CHARS + 10))
    with pytest.raises(LogError, match=r"head.csv:1: the line is longer"):
        list(read_events(header, timezone=CALL_CENTER_ZONE, problems=Problems()))
    zeros = tmp_path / "zeros.csv"
    zeros.write_bytes(b"\0" * (LOG_LINE_CHARS + 10))
    with pytest.raises(LogError, match=r"zeros.csv:1: is a binary file"):
        list(read_events(zeros, timezone=CALL_CENTER_ZONE, problems=Problems()))


def test_json_nested_past_the_reader_and_objects_without_keys_are_counted(
    tmp_path: Path,
) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    path = tmp_path / "log.jsonl"
    path.write_text(
        '{"ticket": "A", "time": "2026-03-02T08:00", "event": "created", "x": ' + deep + "}\n"
        '{"unrelated": 1}\n'
        "{}\n"
        "\n"
        '{"ticket": "B", "time": "2026-03-02T08:00", "event": "created"}\n'
    )
    problems = Problems()
    events = list(read_events(path, timezone=CALL_CENTER_ZONE, problems=problems))
    assert [e.ticket for e in events] == ["B"]
    assert [(p.line, p.reason) for p in problems.examples] == [
        (1, "invalid JSON line"),
        (2, "missing ticket id"),
        (3, "missing ticket id"),
    ]


def test_mapped_json_lines_count_objects_that_lack_the_mapped_keys(tmp_path: Path) -> None:
    mapping = load_mapping_text(
        "mapping: 1\nticket: id\ntime: when\ncategory: {column: cat}\nevents: [{column: what}]\n"
    )
    path = tmp_path / "log.jsonl"
    path.write_text(
        '{"id": "A", "when": "2026-01-01T00:00", "cat": "billing", "what": "created"}\n'
        '{"when": "2026-01-01T00:01", "cat": "billing", "what": "created"}\n'
        '{"id": "B", "cat": "billing", "what": "created"}\n'
        '{"foo": 1}\n'
        '{"id": "C", "when": "2026-01-01T00:02", "cat": "billing", "what": "created"}\n'
    )
    problems = Problems()
    events = list(read_events(path, mapping=mapping, timezone=CALL_CENTER_ZONE, problems=problems))
    assert sorted({e.ticket for e in events}) == ["A", "C"]
    assert [(p.line, p.reason) for p in problems.examples] == [
        (2, "missing ticket id"),
        (3, "missing time"),
        (4, "missing ticket id"),
    ]


def test_rows_of_skipped_tickets_are_not_events(tmp_path: Path) -> None:
    log = csv_log(
        tmp_path,
        "A,2026-01-01T00:00,created,nope",
        "A,2026-01-01T00:01,paused,nope",
        "A,2026-01-01T00:02,resumed,nope",
        "B,2026-01-01T00:02,created,billing",
    )
    _, summary = replayed(log)
    assert summary["events"] == 1
    assert summary["skipped_rows"] == {"unknown category": 1, "rows of skipped tickets": 2}


def test_a_million_distinct_unknown_events_keep_a_bounded_count(tmp_path: Path) -> None:
    names = 3 * DISTINCT_NAMES
    rows = ["A,2026-01-01T00:00,created,billing"]
    rows += [f"A,2026-01-01T00:01,odd{i},billing" for i in range(names)]
    rows += [f"B{i},2026-01-01T00:02,odd0,billing" for i in range(5)]
    _, summary = replayed(csv_log(tmp_path, *rows))
    assert len(summary["unknown_events"]) == DISTINCT_NAMES
    # a ticket created at its first row (odd0) has that row applied: counted too
    assert summary["unknown_events"]["odd0"] == 6
    assert sum(summary["unknown_events"].values()) + summary["unknown_events_other"] == names + 5


def test_bounded_counter() -> None:
    counts = BoundedCounter(limit=3)
    for name in "aabbcdefa":
        counts[name] += 1
    assert dict(counts) == {"a": 3, "b": 2, "c": 1}
    assert counts.other == 3 and counts.total_rows == 9
    copied = counts.copy()
    assert copied == counts and copied.other == 3
    assert top_and_rest(counts, 1) == ([("a", 3)], 3, 6)


def test_a_long_run_of_one_ticket_is_replayed_in_parts(tmp_path: Path) -> None:
    rows = ["A,2026-01-01T00:00,created,billing"]
    rows += [f"A,2026-01-01T00:01,note{i % 7},billing" for i in range(RUN_ROWS + 50)]
    rows.append("A,2026-01-01T00:00:30,manager_requested,billing")  # back in time
    _, summary = replayed(csv_log(tmp_path, *rows))
    assert summary["events"] == RUN_ROWS + 52
    assert "in no order" in summary["warnings"][0]


def test_a_strptime_format_with_a_zone(tmp_path: Path) -> None:
    from escmatrix.loading.mapping import check_mapping_text

    text = (
        "mapping: 1\nticket: id\ntime: {column: at, format: '%d/%m/%Y %H:%M %z'}\n"
        "category: {default: billing}\nevents: [{column: what}]\n"
    )
    findings, mapping = check_mapping_text(text)
    assert findings == [] and mapping is not None
    path = tmp_path / "export.csv"
    path.write_text("id,at,what\nA,02/03/2026 08:00 +0100,x\n", encoding="utf-8")
    events = list(read_events(path, mapping=mapping, timezone=dt.timezone.utc, problems=Problems()))
    assert events[0].time == dt.datetime(2026, 3, 2, 7, tzinfo=dt.timezone.utc)
    named = text.replace("%z", "%Z")
    assert check_mapping_text(named)[0] == []
