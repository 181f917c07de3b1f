"""Simulation output formats: the fast JSON Lines writer equals json.dumps, and the
streaming formats parse back to the records."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from escmatrix.output.records import RecordTexts, spreadsheet_text
from escmatrix.output.simulation import CsvSink, JsonLinesSink, JsonSink
from escmatrix.simulation.engine import Notification
from escmatrix.simulation.summary import Summary
from tests.unit.test_engine import MATRIX

texts = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=30)
notifications = st.builds(
    Notification,
    ticket=texts,
    time=st.datetimes(
        timezones=st.sampled_from([dt.timezone(dt.timedelta(hours=2)), ZoneInfo("Europe/Rome")])
    ),
    level=texts,
    level_name=texts,
    contacts=st.lists(texts, max_size=3).map(tuple),
    reason=st.sampled_from(["created", "timeout", 'trigger:x"y']),
    detail=texts,
)


@given(st.lists(notifications, max_size=8))
def test_json_lines_is_exactly_json_dumps(records: list[Notification]) -> None:
    stream = io.StringIO()
    sink = JsonLinesSink(stream, MATRIX)
    for record in records * 2:  # twice: the second time from the caches
        sink.write(record)
    expected = "".join(json.dumps(r.to_record(), ensure_ascii=False) + "\n" for r in records * 2)
    assert stream.getvalue() == expected


@given(st.lists(notifications, max_size=5))
def test_json_and_csv_parse_back(records: list[Notification]) -> None:
    summary = Summary()
    stream = io.StringIO()
    sink = JsonSink(stream, MATRIX)
    for record in records:
        sink.write(record)
        summary.add(record)
    sink.close(summary)
    data = json.loads(stream.getvalue())
    assert data["notifications"] == [r.to_record() for r in records]
    assert data["summary"]["notifications"] == len(records)
    stream = io.StringIO()
    csv_sink = CsvSink(stream, MATRIX)
    for record in records:
        csv_sink.write(record)
    rows = list(csv.DictReader(io.StringIO(stream.getvalue(), newline="")))
    # a cell a spreadsheet would run as a formula comes back with a quote in front
    assert [r["ticket"] for r in rows] == [spreadsheet_text(r.ticket) for r in records]
    assert [r["contacts"] for r in rows] == [
        spreadsheet_text(";".join(r.contacts)) for r in records
    ]


def test_reset_empties_a_streaming_output() -> None:
    stream = io.StringIO()
    sink = JsonSink(stream, MATRIX)
    record = Notification("A", dt.datetime(2026, 3, 2, tzinfo=dt.timezone.utc), "L1", "Desk",
                          ("desk",), "created", "x")  # fmt: skip
    sink.write(record)
    sink.reset()
    sink.close(Summary())
    assert json.loads(stream.getvalue())["notifications"] == []


@given(st.lists(notifications, max_size=8))
def test_csv_rows_are_exactly_csv_writer(records: list[Notification]) -> None:
    texts = RecordTexts()
    expected = io.StringIO()
    writer = csv.writer(expected, lineterminator="\r\n")
    safe = spreadsheet_text  # a cell a spreadsheet would run gets a quote in front
    for record in records * 2:  # twice: the second time from the caches
        writer.writerow(
            (safe(record.ticket), record.time.isoformat(), safe(record.level),
             safe(record.level_name), safe(";".join(record.contacts)), safe(record.reason),
             safe(record.detail))
        )  # fmt: skip
    assert "".join(texts.csv_line(r) for r in records * 2) == expected.getvalue()
