"""Canonical ticket logs: CSV, JSON Lines, Excel, gzip; bad rows, strict mode, unreadable
files, time zones, order, streaming."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import sys
import tracemalloc
import zoneinfo
from pathlib import Path

import pytest

from escmatrix.events import Event
from escmatrix.findings import LogError, Problems
from escmatrix.loading.logs import read_events
from tests.conftest import DATA

LOGS = DATA / "logs"
ROME = zoneinfo.ZoneInfo("Europe/Rome")
PLUS1 = dt.timezone(dt.timedelta(hours=1))


def read(path: str | Path, strict: bool = False, **kwargs: object) -> tuple[list[Event], Problems]:
    problems = Problems()
    zone = kwargs.pop("timezone", ROME)
    events = list(
        read_events(path, timezone=zone, problems=problems, strict=strict, **kwargs)  # type: ignore[arg-type]
    )
    return events, problems


def brief(events: list[Event]) -> list[tuple[int, str, str]]:
    return [(e.line, e.ticket, e.name) for e in events]


def reasons(problems: Problems) -> list[tuple[int, str]]:
    return [(p.line, p.reason) for p in problems.examples]


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


# --------------------------------------------------------------------------- CSV


def test_csv_with_bom_crlf_blank_lines_extra_columns_and_quoted_newlines() -> None:
    events, problems = read(LOGS / "canonical-quirks.csv")
    assert problems.total == 0
    # the header names columns in another order and case; T1's rows come back in file
    # order, T2's run is emitted when the ticket changes
    assert brief(events) == [
        (3, "T1", "created"),
        (5, "T1", "manager_requested"),
        (7, "T2", "created"),
        (8, "T1", "escalated"),  # a three-line row, starts at line 8
        (11, "T2", "resolved"),
        (12, "T2", "closed"),
    ]
    first = events[0]
    assert first == Event(
        "T1",
        dt.datetime(2026, 3, 2, 8, 30, tzinfo=PLUS1),
        "created",
        3,
        category="billing",
        priority="P2",
        channel="phone",
        actor="anna",
    )
    # no offset: read in the given zone; Z: UTC; spaces around cells are fine
    assert events[1].time == dt.datetime(2026, 3, 2, 8, 40, tzinfo=ROME)
    assert events[1].time.tzinfo is ROME
    assert events[3].level == "L3" and events[3].priority is None
    assert events[4].time == dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.timezone.utc)
    assert (events[5].ticket, events[5].name) == ("T2", "closed")


def test_bad_rows_are_counted_with_their_physical_line() -> None:
    events, problems = read(LOGS / "canonical-bad-rows.csv")
    assert brief(events) == [
        (2, "T1", "created"),
        (3, "T1", "paused"),
        (9, "T2", "created"),
        (11, "T1", "resumed"),
    ]
    assert events[1].category == "a note\nspanning two lines"
    assert dict(problems.counts) == {
        "missing ticket id": 1,
        "unparseable time": 1,
        "missing event": 1,
    }
    assert reasons(problems) == [
        (5, "missing ticket id"),
        (6, "unparseable time"),
        (8, "missing event"),
    ]
    assert "yesterday at noon" in problems.examples[1].message
    assert str(problems.examples[0]).startswith(f"{LOGS / 'canonical-bad-rows.csv'}:5: ")


def test_strict_stops_at_the_first_bad_row() -> None:
    with pytest.raises(LogError) as caught:
        read(LOGS / "canonical-bad-rows.csv", strict=True)
    assert caught.value.line == 5
    assert "no ticket id" in caught.value.message


def test_problems_strict_flag_also_stops() -> None:
    problems = Problems(strict=True)
    with pytest.raises(LogError) as caught:
        list(read_events(LOGS / "canonical-bad-rows.csv", timezone=ROME, problems=problems))
    assert caught.value.line == 5


def test_semicolon_and_tab_separated(tmp_path: Path) -> None:
    text = "ticket;time;event;category\nA;2026-03-02T08:00:00+01:00;created;billing, payments\n"
    events, _ = read(write(tmp_path / "log.csv", text))
    assert [(e.ticket, e.category) for e in events] == [("A", "billing, payments")]
    tsv = "ticket\ttime\tevent\nA\t2026-03-02T08:00:00\tcreated\n"
    events, _ = read(write(tmp_path / "log.tsv", tsv))
    assert brief(events) == [(2, "A", "created")]


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = write(
        tmp_path / "log.csv", "ticket,time,event\nÀ1,2026-03-02T08:00:00,created\n", "utf-16"
    )
    events, _ = read(path)
    assert brief(events) == [(2, "À1", "created")]


def test_blank_lines_before_the_header_count(tmp_path: Path) -> None:
    path = write(tmp_path / "log.csv", "\n\nticket,time,event\n,2026-03-02T08:00:00,created\n")
    _, problems = read(path)
    assert reasons(problems) == [(4, "missing ticket id")]


def test_a_ticket_s_rows_come_out_in_time_order_equal_times_in_file_order(tmp_path: Path) -> None:
    text = (
        "ticket,time,event\n"
        "A,2026-03-02T10:00:00+01:00,resolved\n"
        "A,2026-03-02T08:00:00+01:00,created\n"
        "A,2026-03-02T09:00:00+01:00,paused\n"
        "A,2026-03-02T09:00:00+01:00,resumed\n"
        "B,2026-03-02T07:00:00+01:00,created\n"
        "A,2026-03-02T07:30:00+01:00,closed\n"
    )
    events, _ = read(write(tmp_path / "log.csv", text))
    # A's first run is sorted; B and A's later row stay where the file puts them
    assert brief(events) == [
        (3, "A", "created"),
        (4, "A", "paused"),
        (5, "A", "resumed"),
        (2, "A", "resolved"),
        (6, "B", "created"),
        (7, "A", "closed"),
    ]


# --------------------------------------------------------------------------- gzip, stdin


def test_gzip_by_name_and_by_content(tmp_path: Path) -> None:
    raw = (LOGS / "canonical-quirks.csv").read_bytes()
    expected, _ = read(LOGS / "canonical-quirks.csv")
    named = tmp_path / "log.csv.gz"
    named.write_bytes(gzip.compress(raw))
    unnamed = tmp_path / "log.data"
    unnamed.write_bytes(gzip.compress(raw))
    assert read(named)[0] == expected
    assert read(unnamed)[0] == expected


def test_not_gzip_although_named_so(tmp_path: Path) -> None:
    path = write(tmp_path / "log.csv.gz", "ticket,time,event\n")
    with pytest.raises(LogError, match="not gzip-compressed"):
        read(path)


def test_a_cut_off_gzip_keeps_the_rows_before_the_cut_and_counts_it(tmp_path: Path) -> None:
    body = "".join(f"T{i},2026-03-02T08:{i % 60:02d}:00+01:00,created\n" for i in range(3000))
    data = gzip.compress(("ticket,time,event\n" + body).encode())
    path = tmp_path / "log.csv.gz"
    path.write_bytes(data[: len(data) // 2])
    events, problems = read(path)
    assert 0 < len(events) < 3000
    assert problems.counts["truncated file"] == 1
    with pytest.raises(LogError, match="ends early"):
        read(path, strict=True)


def test_a_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    """A binary stream (what the command line hands over for standard input) reads as the
    file does, and is left open for its owner; the library never reads standard input."""
    raw = (LOGS / "canonical-quirks.csv").read_bytes()
    expected = list(read(LOGS / "canonical-quirks.csv")[0])
    monkeypatch.setattr(sys, "stdin", None)
    for data in (raw, gzip.compress(raw)):
        stream = io.BytesIO(data)
        problems = Problems()
        events = list(read_events(stream, timezone=ROME, problems=problems))
        assert events == expected
        assert not stream.closed


def test_problems_name_a_stream_as_given() -> None:
    for name, shown in ((None, "-"), ("export.csv", "export.csv")):
        problems = Problems()
        stream = io.BytesIO(b"ticket,time,event\nA,x,y\n")
        list(read_events(stream, timezone=ROME, problems=problems, name=name))
        assert problems.examples[0].source == shown


# --------------------------------------------------------------------------- JSON Lines


def test_json_lines() -> None:
    events, problems = read(LOGS / "canonical.jsonl")
    assert brief(events) == [
        (1, "T1", "created"),
        (3, "42", "created"),
        (4, "T1", "privacy_risk"),
        (8, "T1", "resolved"),
    ]
    assert events[0].priority == "P2" and events[3].level == "L2"
    assert events[1].time == dt.datetime(2026, 3, 2, 8, 35, tzinfo=ROME)
    assert reasons(problems) == [
        (5, "invalid JSON line"),
        (6, "invalid JSON line"),
        (7, "unparseable time"),
    ]


def test_json_lines_by_content_and_gzip(tmp_path: Path) -> None:
    raw = (LOGS / "canonical.jsonl").read_bytes()
    expected = brief(read(LOGS / "canonical.jsonl")[0])
    (tmp_path / "a.ndjson.gz").write_bytes(gzip.compress(raw))
    (tmp_path / "b.log").write_bytes(raw)
    assert brief(read(tmp_path / "a.ndjson.gz")[0]) == expected
    assert brief(read(tmp_path / "b.log")[0]) == expected


# --------------------------------------------------------------------------- Excel


def make_workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_excel_first_sheet_and_named_sheet(tmp_path: Path) -> None:
    path = make_workbook(
        tmp_path / "log.xlsx",
        {
            "Tickets": [
                ["ticket", "time", "event", "priority", "notes"],
                [1001, dt.datetime(2026, 3, 2, 8, 30), "created", "P1", "naive date-time cell"],
                [],
                ["1001", "2026-03-02T09:00:00+01:00", "resolved", None, None],
                [None, dt.datetime(2026, 3, 2, 9, 5), "closed"],
                [dt.date(2026, 3, 2), dt.date(2026, 3, 2), "note"],
                [1002.0, "not a time", "created"],
            ],
            "Other": [["ticket", "time", "event"], ["X", "2026-03-02T10:00:00Z", "created"]],
        },
    )
    events, problems = read(path)
    assert brief(events) == [
        (2, "1001", "created"),
        (4, "1001", "resolved"),
        (6, "2026-03-02 00:00:00", "note"),
    ]
    assert events[0].time == dt.datetime(2026, 3, 2, 8, 30, tzinfo=ROME)
    assert events[2].time == dt.datetime(2026, 3, 2, tzinfo=ROME)  # a date cell: midnight
    assert events[0].priority == "P1"
    assert reasons(problems) == [(5, "missing ticket id"), (7, "unparseable time")]
    events, _ = read(f"{path}#Other")
    assert brief(events) == [(2, "X", "created")]


def test_excel_errors(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "log.xlsx", {"Tickets": [["ticket", "time", "event"]]})
    with pytest.raises(LogError, match="has no sheet 'Nope'; its sheets are: Tickets"):
        read(f"{path}#Nope")
    fake = write(tmp_path / "fake.xlsx", "ticket,time,event\n")
    with pytest.raises(LogError, match="not an Excel workbook"):
        read(fake)
    empty = make_workbook(tmp_path / "empty.xlsx", {"Sheet": []})
    with pytest.raises(LogError, match="empty sheet"):
        read(empty)


# --------------------------------------------------------------------------- unreadable


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.csv", None, "no such file"),
        ("folder", "dir", "is a directory"),
        ("latin1.csv", b"ticket,time,event\nA,2026-03-02T08:00:00,cr\xe9\xe9\n", "not UTF-8"),
        ("binary.csv", b"ticket\x00time\x00event\n", "binary file"),
        ("empty.csv", b"", "is empty"),
        (
            "columns.csv",
            b"id,when,what\nA,2026-03-02T08:00:00,created\n",
            "missing required column 'ticket'",
        ),
    ],
)
def test_unreadable_logs_raise(tmp_path: Path, name: str, content: object, message: str) -> None:
    path = tmp_path / name
    if content == "dir":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    with pytest.raises(LogError, match=message) as caught:
        read(path)
    assert caught.value.source == str(path)


def test_bad_bytes_part_way_name_the_line(tmp_path: Path) -> None:
    good = "".join(f"T{i},2026-03-02T08:00:00,created\n" for i in range(20000)).encode()
    path = tmp_path / "log.csv"
    path.write_bytes(b"ticket,time,event\n" + good + b"T,2026-03-02T08:00:00,cr\xff\n")
    problems = Problems()
    events = read_events(path, timezone=ROME, problems=problems)  # opening works
    with pytest.raises(LogError, match="not UTF-8") as caught:
        list(events)
    assert caught.value.line > 1000


def test_missing_column_names_the_header(tmp_path: Path) -> None:
    path = write(tmp_path / "log.csv", "ticket,time,category\n")
    with pytest.raises(LogError) as caught:
        read(path)
    assert caught.value.line == 1
    assert "'event'" in caught.value.message and "'category'" in caught.value.message


# --------------------------------------------------------------------------- the engine's needs


def test_an_event_keeps_its_fields_and_its_zone() -> None:
    when = dt.datetime(2026, 7, 1, 9, 30, tzinfo=ROME)
    event = Event("T", when, "created", 7, "c", "P1", "L2", "phone", "me")
    assert event.name == "created" and event.line == 7 and event.actor == "me"
    assert event.time == when and event.time.tzinfo is ROME
    assert event.us == 1_782_891_000_000_000
    assert event == Event("T", when, "created", 7, "c", "P1", "L2", "phone", "me")


def test_the_log_is_streamed(tmp_path: Path) -> None:
    """Peak memory while reading does not grow with the length of the log."""

    def peak(rows: int) -> int:
        path = tmp_path / f"log-{rows}.csv"
        with open(path, "w", encoding="utf-8") as out:
            out.write("ticket,time,event,category\n")
            for i in range(rows):
                out.write(f"T{i // 3},2026-03-02T08:{i % 60:02d}:00+01:00,created,billing\n")
        tracemalloc.start()
        try:
            count = sum(1 for _ in read_events(path, timezone=ROME, problems=Problems()))
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
            assert count == rows

    small, large = peak(2_000), peak(40_000)
    assert large < small * 2


def test_reading_is_lazy(tmp_path: Path) -> None:
    path = write(tmp_path / "log.csv", "ticket,time,event\nA,2026-03-02T08:00:00,created\n")
    events = read_events(path, timezone=ROME, problems=Problems())
    assert next(events).ticket == "A"
    events.close()  # type: ignore[attr-defined]
