"""Instants as microseconds: conversions both ways, and a zone's local clock (ISO text,
local day, hour of the week) against datetime's own answers, in zones with transitions
off the hour."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from escmatrix.instants import LocalClock, from_us, to_us

ZONES = [
    "Europe/Rome",
    "America/New_York",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "America/St_Johns",
    "UTC",
]
instants = st.tuples(
    st.integers(-2_500_000_000, 4_000_000_000),  # 1890 to 2096, in seconds
    st.sampled_from([0, 0, 1, 999_999]),
    st.sampled_from(ZONES),
)


@given(st.lists(instants, max_size=20))
def test_local_clock_agrees_with_datetime(cases: list[tuple[int, int, str]]) -> None:
    # one clock per zone for all: its hour caches must never mix hours, folds or zones
    clocks = {zone: LocalClock(ZoneInfo(zone)) for zone in ZONES}
    for seconds, micro, zone in cases * 2:
        for hours in (0, 1, 2):  # the hours after an instant too (a transition in them)
            at = (seconds + hours * 3600) * 1_000_000 + micro
            moment = dt.datetime.fromtimestamp(seconds + hours * 3600, ZoneInfo(zone))
            moment = moment.replace(microsecond=micro)
            clock = clocks[zone]
            assert clock.iso(at) == moment.isoformat()
            assert clock.hour_of_week(at) == moment.weekday() * 24 + moment.hour
            assert clock.local_day(at) == moment.toordinal()
            assert from_us(at, ZoneInfo(zone)) == moment
            assert to_us(moment) == at


def test_a_transition_off_the_hour() -> None:
    # Lord Howe Island moves its clocks by 30 minutes at 02:00: 01:30-02:00 happens twice
    zone = ZoneInfo("Australia/Lord_Howe")
    clock = LocalClock(zone)
    start = to_us(dt.datetime(2026, 4, 5, 0, 0, tzinfo=zone))
    for minutes in range(0, 240, 7):
        at = start + minutes * 60_000_000
        assert clock.iso(at) == from_us(at, zone).isoformat()


@given(
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2200, 1, 1)),
    st.integers(-14 * 60, 14 * 60),
    st.booleans(),
)
def test_microseconds_of_any_aware_time(naive: dt.datetime, minutes: int, zoned: bool) -> None:
    zone = ZoneInfo("Europe/Rome") if zoned else dt.timezone(dt.timedelta(minutes=minutes))
    at = naive.replace(tzinfo=zone)
    expected = (at - dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)) // dt.timedelta(
        microseconds=1
    )
    assert to_us(at) == expected
    assert to_us(at) == expected  # again, from the day cache


@given(
    st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(1, 1, 3))
    | st.datetimes(min_value=dt.datetime(9999, 12, 30), max_value=dt.datetime(9999, 12, 31)),
    st.integers(-14 * 60, 14 * 60),
    st.booleans(),
)
def test_the_first_and_last_days_a_datetime_holds(
    naive: dt.datetime, minutes: int, zoned: bool
) -> None:
    zone = ZoneInfo("Asia/Tokyo") if zoned else dt.timezone(dt.timedelta(minutes=minutes))
    at = naive.replace(tzinfo=zone)  # in UTC, perhaps year 0 or 10000: still an instant
    assert from_us(to_us(at), zone) == at
