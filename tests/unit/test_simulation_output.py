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

from escmatrix.output.simulation import CsvSink, IsoTimes, JsonLinesSink, JsonSink
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
    assert [r["ticket"] for r in rows] == [r.ticket for r in records]
    assert [r["contacts"] for r in rows] == [";".join(r.contacts) for r in records]


def test_reset_empties_a_streaming_output() -> None:
    stream = io.StringIO()
    sink = JsonSink(stream, MATRIX)
    record = Notification("A", dt.datetime(2026, 3, 2, tzinfo=dt.timezone.utc), "L1", "Desk",
                          ("desk",), "created", "x")  # fmt: skip
    sink.write(record)
    sink.reset()
    sink.close(Summary())
    assert json.loads(stream.getvalue())["notifications"] == []


ZONES = ["Europe/Rome", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"]


@given(
    st.lists(
        st.tuples(
            st.integers(-2_500_000_000, 4_000_000_000),  # 1890 to 2096, in seconds
            st.sampled_from([0, 0, 1, 999_999]),
            st.sampled_from(ZONES),
        ),
        max_size=20,
    )
)
def test_iso_times_are_isoformat(instants: list[tuple[int, int, str]]) -> None:
    # one formatter for all, as a sink has: its hour cache must never mix zones or folds
    iso = IsoTimes()
    for seconds, micro, zone in instants * 2:
        at = dt.datetime.fromtimestamp(seconds, ZoneInfo(zone)).replace(microsecond=micro)
        assert iso(at) == at.isoformat()
        # the hour after a transition (ambiguous, or with the offset changing off the hour)
        for hours in (1, 2):
            later = dt.datetime.fromtimestamp(seconds + hours * 3600, ZoneInfo(zone))
            assert iso(later) == later.isoformat()


def test_iso_times_across_a_transition_off_the_hour() -> None:
    # Lord Howe Island moves its clocks by 30 minutes at 02:00: 01:30-02:00 happens twice
    iso = IsoTimes()
    zone = ZoneInfo("Australia/Lord_Howe")
    start = dt.datetime(2026, 4, 5, 0, 0, tzinfo=zone).timestamp()
    for minutes in range(0, 240, 7):
        at = dt.datetime.fromtimestamp(start + minutes * 60, zone)
        assert iso(at) == at.isoformat()
