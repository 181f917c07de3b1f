"""Properties of the working-time arithmetic, on calendars with daylight saving, holidays,
lunch breaks, night shifts and segments that the DST change cuts or turns around:

- working time added, then measured, comes back exactly;
- a result is inside working time or exactly at the end of a segment;
- results never go backwards as the amount grows;
- ``always`` is exactly a business calendar open 00:00-24:00 every day.

Instants are compared in UTC: two datetimes of one zone compare by wall clock, which
would hide a wrong fold in the repeated autumn hour."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from escmatrix.calendars import AlwaysCalendar, BusinessCalendar, WorkCalendar
from escmatrix.durations import Duration
from tests.unit.test_calendars import calendar

UTC = dt.timezone.utc
US = dt.timedelta(microseconds=1)

ROME_OFFICE = calendar(
    {"mon-fri": ["09:00-13:00", "14:00-18:00"], "sat": "09:00-12:00"},
    "Europe/Rome",
    country="IT",
    dates=("2025-08-14", "2026-08-14", "2026-12-24", "2027-12-24"),
)
NEW_YORK_OFFICE = calendar(
    {"mon-fri": "08:00-17:00"}, "America/New_York", country="US", subdivision="NY"
)
NIGHT_SHIFT = calendar(
    {"mon-fri": ["00:00-06:00", "22:00-24:00"], "sat": "00:00-06:00"},
    "UTC",
    dates=("2026-01-01", "2026-05-01"),
)
# Segments that the Rome DST changes (last Sunday of March and October, 02:00-03:00) cut,
# shift, make overlap (02:45 is read as 03:45 CEST, after 03:00) or turn around
# (02:30-03:15 reads as 03:30-03:15 CEST), on every day, with Italian holidays.
ROME_NIGHTS = calendar(
    {"mon-sun": ["00:30-01:15", "01:30-02:45", "03:00-04:00", "09:00-18:00"]},
    "Europe/Rome",
    country="IT",
)
ROME_GAP = calendar({"mon-sat": ["02:30-03:15", "09:00-18:00"]}, "Europe/Rome", country="IT")
# Southern hemisphere: summer time in January, and a weekend day open around the clock.
SYDNEY = calendar(
    {"mon-fri": "08:30-17:30", "sat": "00:00-24:00"},
    "Australia/Sydney",
    country="AU",
    subdivision="NSW",
)
ROME_24X7 = calendar({"mon-sun": "00:00-24:00"}, "Europe/Rome")
ROME_ALWAYS = AlwaysCalendar("Europe/Rome")

CALENDARS: list[WorkCalendar] = [
    ROME_OFFICE,
    NEW_YORK_OFFICE,
    NIGHT_SHIFT,
    ROME_NIGHTS,
    ROME_GAP,
    SYDNEY,
    ROME_24X7,
    ROME_ALWAYS,
]
# Calendars whose every working day has the same hours, so that N.f business days always
# end between N and N+1 business days (see the module docstring of escmatrix.calendars).
UNIFORM = [NEW_YORK_OFFICE, ROME_24X7, ROME_ALWAYS, calendar({"mon-fri": "09:00-18:00"})]

# DST changes in Rome and New York, where the corners are.
_CHANGES = [
    dt.datetime(2026, 3, 29, 1, tzinfo=UTC),
    dt.datetime(2026, 10, 25, 1, tzinfo=UTC),
    dt.datetime(2027, 3, 28, 1, tzinfo=UTC),
    dt.datetime(2026, 3, 8, 7, tzinfo=UTC),
    dt.datetime(2026, 11, 1, 6, tzinfo=UTC),
    dt.datetime(2026, 4, 4, 16, tzinfo=UTC),
    dt.datetime(2026, 10, 3, 16, tzinfo=UTC),
]
_ZONES = [UTC, dt.timezone(dt.timedelta(hours=-5)), *(c.tz for c in CALENDARS[:2])]

anywhen = st.datetimes(
    min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2028, 12, 31), timezones=st.just(UTC)
)
near_change = st.builds(
    lambda change, offset: change + dt.timedelta(microseconds=offset),
    st.sampled_from(_CHANGES),
    st.integers(-3 * 86_400 * 10**6, 3 * 86_400 * 10**6),
)
instants = st.builds(
    lambda moment, zone: moment.astimezone(zone),
    st.one_of(anywhen, near_change),
    st.sampled_from(_ZONES),
)
amounts = st.one_of(
    st.integers(0, 4 * 3600 * 10**6),  # within a day or two
    st.integers(0, 400 * 3600 * 10**6),  # weeks
    st.sampled_from([0, 1, 3600 * 10**6, 24 * 3600 * 10**6]),
).map(lambda us: dt.timedelta(microseconds=us))
calendars = st.sampled_from(CALENDARS)

SETTINGS = settings(max_examples=150, deadline=None)


def utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(UTC)


def at_working_time_or_segment_end(cal: WorkCalendar, moment: dt.datetime) -> bool:
    return cal.is_open(moment) or cal.working_time(moment - US, moment) == US


@SETTINGS
@given(cal=calendars, start=instants, amount=amounts)
def test_added_working_time_measures_back(
    cal: WorkCalendar, start: dt.datetime, amount: dt.timedelta
) -> None:
    end = cal.add_working(start, amount)
    assert cal.working_time(start, end) == amount
    assert end.tzinfo is cal.tz


@SETTINGS
@given(cal=calendars, start=instants, amount=amounts)
def test_results_are_in_working_time_or_at_a_segment_end(
    cal: WorkCalendar, start: dt.datetime, amount: dt.timedelta
) -> None:
    end = cal.add_working(start, amount)
    assert utc(end) >= utc(start)
    assert at_working_time_or_segment_end(cal, end)
    if not amount:
        assert cal.is_open(end)


@SETTINGS
@given(cal=calendars, start=instants, first=amounts, second=amounts)
def test_results_never_go_backwards(
    cal: WorkCalendar, start: dt.datetime, first: dt.timedelta, second: dt.timedelta
) -> None:
    low, high = sorted((first, second))
    assert utc(cal.add_working(start, low)) <= utc(cal.add_working(start, high))


@SETTINGS
@given(cal=calendars, start=instants, first=amounts, second=amounts)
def test_adding_in_two_steps_is_adding_once(
    cal: WorkCalendar, start: dt.datetime, first: dt.timedelta, second: dt.timedelta
) -> None:
    # (an amount of zero after a segment end would move on to the next opening)
    second = second or US
    once = cal.add_working(start, first + second)
    assert utc(cal.add_working(cal.add_working(start, first), second)) == utc(once)


@SETTINGS
@given(cal=calendars, a=instants, b=instants, c=instants)
def test_working_time_adds_up_and_never_exceeds_real_time(
    cal: WorkCalendar, a: dt.datetime, b: dt.datetime, c: dt.datetime
) -> None:
    a, b, c = sorted((a, b, c), key=utc)
    assert cal.working_time(a, b) + cal.working_time(b, c) == cal.working_time(a, c)
    assert cal.working_time(a, c) <= utc(c) - utc(a)
    assert cal.working_time(c, a) == dt.timedelta()


@SETTINGS
@given(cal=calendars, start=instants)
def test_next_opening(cal: WorkCalendar, start: dt.datetime) -> None:
    opening = cal.next_opening(start)
    assert cal.is_open(opening)
    assert utc(opening) >= utc(start)
    assert cal.working_time(start, opening) == dt.timedelta()
    if cal.is_open(start):
        assert utc(opening) == utc(start)


@SETTINGS
@given(cal=calendars, start=instants, days=st.integers(0, 40), more=st.integers(1, 40))
def test_business_days_move_forward(
    cal: WorkCalendar, start: dt.datetime, days: int, more: int
) -> None:
    first = cal.add_business_days(start, days)
    later = cal.add_business_days(start, days + more)
    assert utc(start) <= utc(first) < utc(later)
    assert cal.working_time(first, later) > dt.timedelta()
    for result in (first, later):
        assert at_working_time_or_segment_end(cal, result)
        assert result.tzinfo is cal.tz


@SETTINGS
@given(
    cal=st.sampled_from(UNIFORM),
    start=instants,
    days=st.integers(0, 20),
    fraction=st.fractions(0, 1, max_denominator=48),
)
def test_fractions_of_a_business_day_fall_between_whole_days_on_uniform_calendars(
    cal: WorkCalendar, start: dt.datetime, days: int, fraction: Fraction
) -> None:
    whole, following = cal.add_business_days(start, days), cal.add_business_days(start, days + 1)
    # A fraction is that share of the calendar's working day as it is written (24 hours for
    # 00:00-24:00): on a day a change of offset makes shorter it can reach past the next
    # whole day, as the module's documentation says. Elsewhere it falls between the two.
    assume(cal.working_time(whole, following) == getattr(cal, "full_day", dt.timedelta(days=1)))
    part = utc(cal.add_business_days(start, days + fraction))
    assert utc(whole) <= part <= utc(following)


@SETTINGS
@given(start=instants, end=instants, amount=amounts, days=st.fractions(0, 30, max_denominator=8))
def test_always_is_a_calendar_open_around_the_clock(
    start: dt.datetime, end: dt.datetime, amount: dt.timedelta, days: Fraction
) -> None:
    assert isinstance(ROME_24X7, BusinessCalendar)
    for method, argument in (("add_working", amount), ("add_business_days", days)):
        expected = getattr(ROME_24X7, method)(start, argument)
        found = getattr(ROME_ALWAYS, method)(start, argument)
        assert (utc(found), found.utcoffset()) == (utc(expected), expected.utcoffset())
    assert ROME_ALWAYS.working_time(start, end) == ROME_24X7.working_time(start, end)


def micro(value: dt.datetime | dt.timedelta) -> int:
    if isinstance(value, dt.datetime):
        value = value - dt.datetime(1970, 1, 1, tzinfo=UTC)
    return value // US


@SETTINGS
@given(
    cal=calendars,
    start=instants,
    end=instants,
    amount=amounts,
    days=st.fractions(0, 10, max_denominator=4),
)
def test_microsecond_api_gives_the_same_instants(
    cal: WorkCalendar,
    start: dt.datetime,
    end: dt.datetime,
    amount: dt.timedelta,
    days: Fraction,
) -> None:
    t = micro(start)
    assert cal.add_working_us(t, micro(amount)) == micro(cal.add_working(start, amount))
    assert cal.working_us(t, micro(end)) == micro(cal.working_time(start, end))
    seconds = Duration(seconds=amount // dt.timedelta(seconds=1))
    assert cal.add_us(t, seconds) == micro(cal.add(start, seconds))
    business = Duration(business_days=days)
    assert cal.add_us(t, business) == micro(cal.add(start, business))
