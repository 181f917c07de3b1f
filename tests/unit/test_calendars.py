"""Working-time arithmetic on real corners: daylight-saving weekends, public holidays,
lunch breaks, Saturday mornings, night shifts, fractions of a business day.

Expected instants are written as ISO 8601 text with their offset, so a test states the
exact instant and the zone's offset in one string (comparing two datetimes of one zone
compares wall clocks and would hide a wrong fold)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from escmatrix.calendars import AlwaysCalendar, BusinessCalendar, NoWorkingTime
from escmatrix.durations import Duration, parse_duration
from escmatrix.loading.calendars import build_calendar, calendars_for
from escmatrix.loading.matrix import expand_days, parse_segment
from escmatrix.model import CalendarDef, HolidaySpec, Matrix

UTC = dt.timezone.utc
LUNCH_OFFICE = {"mon-fri": ["09:00-13:00", "14:00-18:00"]}
SATURDAY_OFFICE = {"mon-fri": ["09:00-13:00", "14:00-18:00"], "sat": "09:00-12:00"}
PLAIN_OFFICE = {"mon-fri": "09:00-18:00"}


def definition(
    week: dict[str, str | list[str]],
    tz: str = "Europe/Rome",
    country: str | None = None,
    subdivision: str | None = None,
    dates: tuple[str, ...] = (),
    id: str = "office",
) -> CalendarDef:
    """A calendar definition written the way a matrix file writes one."""
    days: list[list] = [[] for _ in range(7)]
    for key, value in week.items():
        texts = [value] if isinstance(value, str) else value
        segments = [parse_segment(text) for text in texts if text != "closed"]
        for day in expand_days(key):
            days[day].extend(segments)
    return CalendarDef(
        id=id,
        timezone=tz,
        week=tuple(tuple(sorted(day, key=lambda s: s.start)) for day in days),
        holidays=HolidaySpec(country, subdivision, tuple(dt.date.fromisoformat(d) for d in dates)),
    )


def calendar(
    week: dict[str, str | list[str]], tz: str = "Europe/Rome", **kwargs
) -> BusinessCalendar:
    return build_calendar(definition(week, tz, **kwargs))


def at(text: str, tz: str = "Europe/Rome", fold: int = 0) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(tz), fold=fold)


def iso(value: dt.datetime) -> str:
    return value.isoformat(sep=" ")


H = dt.timedelta(hours=1)
M = dt.timedelta(minutes=1)
US = dt.timedelta(microseconds=1)


# --- Europe/Rome across the spring-forward weekend (Sunday 2026-03-29, 02:00 -> 03:00) ------


def test_office_hours_across_spring_forward_weekend() -> None:
    office = calendar(PLAIN_OFFICE)
    friday = at("2026-03-27 17:00")
    assert iso(office.add_working(friday, 2 * H)) == "2026-03-30 10:00:00+02:00"
    assert office.working_time(friday, at("2026-03-30 10:00")) == 2 * H


def test_always_counts_real_time_across_spring_forward() -> None:
    always = AlwaysCalendar(ZoneInfo("Europe/Rome"))
    assert iso(always.add_working(at("2026-03-29 01:50"), 30 * M)) == "2026-03-29 03:20:00+02:00"
    assert always.working_time(at("2026-03-29 01:00"), at("2026-03-29 04:00")) == 2 * H
    # 1d is 24 real hours, not the same wall-clock time the next day
    one_day = parse_duration("1d")
    assert iso(always.add(at("2026-03-28 12:00"), one_day)) == "2026-03-29 13:00:00+02:00"


def test_whole_day_calendar_has_23_hours_on_spring_forward_day() -> None:
    around_the_clock = calendar({"mon-sun": "00:00-24:00"})
    day = (at("2026-03-29 00:00"), at("2026-03-30 00:00"))
    assert around_the_clock.working_time(*day) == 23 * H
    assert iso(around_the_clock.add_working(at("2026-03-28 12:00"), 24 * H)) == (
        "2026-03-29 13:00:00+02:00"
    )


def test_nine_to_six_is_nine_hours_on_a_dst_day_but_a_segment_across_the_change_is_not() -> None:
    sunday = calendar({"sun": "09:00-18:00"})
    assert sunday.working_time(at("2026-03-29 00:00"), at("2026-03-30 00:00")) == 9 * H
    night = calendar({"sun": "01:00-04:00"})
    assert night.working_time(at("2026-03-29 00:00"), at("2026-03-30 00:00")) == 2 * H
    assert night.working_time(at("2026-03-22 00:00"), at("2026-03-23 00:00")) == 3 * H
    # 01:00 CET + 90 minutes of real time is 03:30 CEST
    assert iso(night.add_working(at("2026-03-29 01:00"), 90 * M)) == "2026-03-29 03:30:00+02:00"


def test_a_segment_bound_in_the_spring_gap_is_read_with_fold_0() -> None:
    # 02:30 does not exist on 2026-03-29; fold=0 reads it with the winter offset: 03:30 CEST
    late_start = calendar({"sun": "02:30-04:00"})
    assert iso(late_start.next_opening(at("2026-03-29 01:00"))) == "2026-03-29 03:30:00+02:00"
    assert late_start.working_time(at("2026-03-29 00:00"), at("2026-03-30 00:00")) == 30 * M
    # a segment inside the gap keeps its length, an hour later: 03:15-03:45 CEST
    inside = calendar({"sun": "02:15-02:45"})
    assert iso(inside.next_opening(at("2026-03-29 01:00"))) == "2026-03-29 03:15:00+02:00"
    assert inside.working_time(at("2026-03-29 00:00"), at("2026-03-30 00:00")) == 30 * M
    # 02:30-03:15 reads as 03:30-03:15 CEST: no working time, so no business day either
    turned = calendar({"sun": "02:30-03:15"})
    assert turned.working_time(at("2026-03-29 00:00"), at("2026-03-30 00:00")) == dt.timedelta()
    start = at("2026-03-22 02:40")
    assert iso(turned.add_business_days(start, 1)) == "2026-04-05 02:40:00+02:00"
    assert iso(turned.add_working(start, 40 * M)) == "2026-04-05 02:35:00+02:00"


def test_segments_that_the_spring_gap_makes_overlap_are_not_counted_twice() -> None:
    # 02:45 is read as 03:45 CEST, after 03:00 CEST: the real span 01:00 CET - 04:00 CEST
    # (2 hours) is all working time, once
    night = calendar({"sun": ["01:00-02:45", "03:00-04:00"]})
    assert night.working_time(at("2026-03-29 00:00"), at("2026-03-30 00:00")) == 2 * H
    assert iso(night.add_working(at("2026-03-29 00:00"), 2 * H)) == "2026-03-29 04:00:00+02:00"


# --- Europe/Rome across the fall-back weekend (Sunday 2026-10-25, 03:00 -> 02:00) ------------


def test_always_counts_real_time_across_fall_back() -> None:
    always = AlwaysCalendar(ZoneInfo("Europe/Rome"))
    start = at("2026-10-25 01:30")
    assert iso(always.add_working(start, H)) == "2026-10-25 02:30:00+02:00"
    second_pass = always.add_working(start, 2 * H)
    assert iso(second_pass) == "2026-10-25 02:30:00+01:00"
    assert second_pass.fold == 1
    assert always.working_time(start, second_pass) == 2 * H


def test_fall_back_day_lengths() -> None:
    assert (
        calendar({"mon-sun": "00:00-24:00"}).working_time(
            at("2026-10-25 00:00"), at("2026-10-26 00:00")
        )
        == 25 * H
    )
    assert (
        calendar({"sun": "01:00-04:00"}).working_time(
            at("2026-10-25 00:00"), at("2026-10-26 00:00")
        )
        == 4 * H
    )
    assert (
        calendar({"sun": "09:00-18:00"}).working_time(
            at("2026-10-25 00:00"), at("2026-10-26 00:00")
        )
        == 9 * H
    )


def test_office_hours_across_fall_back_weekend() -> None:
    office = calendar(PLAIN_OFFICE)
    friday = at("2026-10-23 17:00")
    assert iso(office.add_working(friday, 2 * H)) == "2026-10-26 10:00:00+01:00"
    assert office.working_time(friday, at("2026-10-26 10:00")) == 2 * H


def test_business_day_on_always_keeps_the_wall_clock_time_across_fall_back() -> None:
    always = AlwaysCalendar(ZoneInfo("Europe/Rome"))
    # the ambiguous 02:30 on the fall-back day is read with fold=0 (its first occurrence)
    assert iso(always.add_business_days(at("2026-10-24 02:30"), 1)) == ("2026-10-25 02:30:00+02:00")
    second = at("2026-10-25 02:30", fold=1)
    assert iso(always.add_business_days(second, 1)) == "2026-10-26 02:30:00+01:00"
    # a year later the same wall time is ambiguous again: fold=0 again, whatever the start
    last_year = at("2025-10-26 02:30", fold=1)
    assert iso(last_year) == "2025-10-26 02:30:00+01:00"
    around_the_clock = calendar({"mon-sun": "00:00-24:00"})
    for cal in (always, around_the_clock):
        assert iso(cal.add_business_days(last_year, 364)) == "2026-10-25 02:30:00+02:00"
    # a fraction of a business day on always is that fraction of 24 real hours
    half = always.add_business_days(at("2026-10-24 12:00"), Fraction(1, 2))
    assert iso(half) == "2026-10-25 00:00:00+02:00"
    assert iso(always.add_business_days(at("2026-10-25 00:00"), Fraction(1, 2))) == (
        "2026-10-25 11:00:00+01:00"
    )


# --- America/New_York ----------------------------------------------------------------------


def new_york_office() -> BusinessCalendar:
    return calendar({"mon-fri": "08:00-17:00"}, "America/New_York", country="US", subdivision="NY")


def test_new_york_spring_forward_weekend() -> None:
    office = new_york_office()
    friday = at("2026-03-06 16:00", "America/New_York")
    assert iso(office.add_working(friday, 2 * H)) == "2026-03-09 09:00:00-04:00"


def test_new_york_observed_independence_day() -> None:
    # 4 July 2026 is a Saturday: the holiday is observed on Friday 3 July
    office = new_york_office()
    thursday = at("2026-07-02 16:00", "America/New_York")
    assert iso(office.add_working(thursday, 2 * H)) == "2026-07-06 09:00:00-04:00"
    assert not office.is_open(at("2026-07-03 10:00", "America/New_York"))


def test_new_york_thanksgiving_business_day() -> None:
    office = new_york_office()
    wednesday = at("2026-11-25 10:00", "America/New_York")
    assert iso(office.add_business_days(wednesday, 1)) == "2026-11-27 10:00:00-05:00"


def test_southern_hemisphere_midnight() -> None:
    # Sydney is at +10:00 in July, +11:00 in January: the hour before midnight belongs to
    # the day before whichever offset is guessed
    around_the_clock = calendar({"mon-sun": "00:00-24:00"}, "Australia/Sydney")
    late = at("2026-07-06 23:30", "Australia/Sydney")
    assert around_the_clock.working_time(late, late + H) == H
    assert iso(around_the_clock.add_working(late, 20 * M)) == "2026-07-06 23:50:00+10:00"
    weekdays = calendar({"mon-fri": "00:00-24:00"}, "Australia/Sydney")
    friday = at("2026-07-10 23:30", "Australia/Sydney")
    assert weekdays.is_open(friday)
    assert iso(weekdays.add_working(friday, H)) == "2026-07-13 00:30:00+10:00"


def test_a_day_that_does_not_exist() -> None:
    # Samoa skipped 30 December 2011 when it moved across the date line
    around_the_clock = calendar({"mon-sun": "00:00-24:00"}, "Pacific/Apia")
    thursday = at("2011-12-29 12:00", "Pacific/Apia")
    assert around_the_clock.working_time(thursday, at("2011-12-31 12:00", "Pacific/Apia")) == 24 * H
    assert iso(around_the_clock.add_working(thursday, 12 * H)) == "2011-12-31 00:00:00+14:00"
    assert iso(around_the_clock.add_business_days(thursday, 1)) == "2011-12-31 12:00:00+14:00"


def test_results_are_in_the_calendar_zone_whatever_the_input_zone() -> None:
    office = new_york_office()
    result = office.add_working(dt.datetime(2026, 1, 5, 14, tzinfo=UTC), H)
    assert iso(result) == "2026-01-05 10:00:00-05:00"
    assert result.tzinfo is office.tz
    rome = office.next_opening(at("2026-01-05 12:00"))  # 06:00 in New York
    assert iso(rome) == "2026-01-05 08:00:00-05:00"


# --- holidays --------------------------------------------------------------------------------


def test_easter_monday_in_italy() -> None:
    office = calendar(PLAIN_OFFICE, country="IT")
    friday = at("2026-04-03 17:00")
    assert not office.is_open(at("2026-04-06 10:00"))
    assert iso(office.add_working(friday, 2 * H)) == "2026-04-07 10:00:00+02:00"
    assert iso(office.add_business_days(friday, 1)) == "2026-04-07 17:00:00+02:00"
    assert office.working_time(friday, at("2026-04-07 10:00")) == 2 * H
    # without the country's holidays Easter Monday is a working day
    assert iso(calendar(PLAIN_OFFICE).add_working(friday, 2 * H)) == "2026-04-06 10:00:00+02:00"


def test_listed_holiday_date() -> None:
    # 14 August 2026 is a listed closed day, 15 August (a Saturday) is Ferragosto
    with_list = calendar(SATURDAY_OFFICE, country="IT", dates=("2026-08-14",))
    thursday = at("2026-08-13 17:00")
    assert iso(with_list.add_working(thursday, 2 * H)) == "2026-08-17 10:00:00+02:00"
    without_list = calendar(SATURDAY_OFFICE, country="IT")
    assert iso(without_list.add_working(thursday, 2 * H)) == "2026-08-14 10:00:00+02:00"
    assert with_list.is_holiday(dt.date(2026, 8, 14))
    assert with_list.is_holiday(dt.date(2026, 8, 15))
    assert not with_list.is_holiday(dt.date(2026, 8, 13))


def test_subdivision_holiday() -> None:
    # Saints Peter and Paul (29 June) is a holiday in Rome only
    rome = calendar(PLAIN_OFFICE, country="IT", subdivision="RM")
    milan = calendar(PLAIN_OFFICE, country="IT", subdivision="MI")
    monday = at("2026-06-29 10:00")
    assert not rome.is_open(monday)
    assert milan.is_open(monday)


# --- lunch breaks, Saturday mornings, Sunday nights -------------------------------------------


def test_lunch_break() -> None:
    office = calendar(LUNCH_OFFICE)
    assert iso(office.add_working(at("2026-03-02 12:30"), H)) == "2026-03-02 14:30:00+01:00"
    assert office.is_open(at("2026-03-02 12:59:59.999999"))
    assert not office.is_open(at("2026-03-02 13:00"))
    assert not office.is_open(at("2026-03-02 13:30"))
    assert iso(office.next_opening(at("2026-03-02 13:30"))) == "2026-03-02 14:00:00+01:00"
    assert office.working_time(at("2026-03-02 12:00"), at("2026-03-02 15:00")) == 2 * H
    # a business day from inside the break starts at the next opening
    assert iso(office.add_business_days(at("2026-03-02 13:30"), 1)) == "2026-03-03 14:00:00+01:00"


def test_amount_that_ends_at_a_segment_end_stays_there() -> None:
    office = calendar(LUNCH_OFFICE)
    assert iso(office.add_working(at("2026-03-02 12:00"), H)) == "2026-03-02 13:00:00+01:00"
    assert iso(office.add_working(at("2026-03-02 17:00"), H)) == "2026-03-02 18:00:00+01:00"
    assert not office.is_open(at("2026-03-02 18:00"))
    # no amount at all: the next opening
    assert iso(office.add_working(at("2026-03-02 13:00"), dt.timedelta())) == (
        "2026-03-02 14:00:00+01:00"
    )
    assert iso(office.next_opening(at("2026-03-02 10:00"))) == "2026-03-02 10:00:00+01:00"


def test_saturday_morning_segment() -> None:
    office = calendar(SATURDAY_OFFICE)
    friday = at("2026-03-06 17:00")
    assert iso(office.add_working(friday, 2 * H)) == "2026-03-07 10:00:00+01:00"
    assert iso(office.add_working(friday, 4 * H)) == "2026-03-07 12:00:00+01:00"
    assert iso(office.add_working(friday, 5 * H)) == "2026-03-09 10:00:00+01:00"
    # the same time on Saturday is after its last segment: clamped to its end
    assert iso(office.add_business_days(friday, 1)) == "2026-03-07 12:00:00+01:00"
    assert iso(office.add_business_days(friday, 2)) == "2026-03-09 17:00:00+01:00"


def test_ticket_opened_on_sunday_night() -> None:
    office = calendar(LUNCH_OFFICE)
    sunday = at("2026-03-01 23:30")
    assert not office.is_open(sunday)
    assert iso(office.next_opening(sunday)) == "2026-03-02 09:00:00+01:00"
    assert iso(office.add_working(sunday, 30 * M)) == "2026-03-02 09:30:00+01:00"
    assert iso(office.add_business_days(sunday, 1)) == "2026-03-03 09:00:00+01:00"
    assert office.working_time(sunday, at("2026-03-02 10:00")) == H


def test_night_shift_split_at_midnight() -> None:
    nights = calendar({"mon-fri": ["00:00-06:00", "22:00-24:00"]}, "UTC")
    start = at("2026-03-02 23:00", "UTC")  # Monday
    assert iso(nights.add_working(start, 2 * H)) == "2026-03-03 01:00:00+00:00"
    assert iso(nights.add_working(at("2026-03-06 23:00", "UTC"), 2 * H)) == (
        "2026-03-09 01:00:00+00:00"
    )


# --- whole days ----------------------------------------------------------------------------


def test_whole_day_segments() -> None:
    weekdays = calendar({"mon-fri": "00:00-24:00"})
    assert iso(weekdays.add_working(at("2026-03-06 23:00"), 2 * H)) == "2026-03-09 01:00:00+01:00"
    assert iso(weekdays.add_working(at("2026-03-02 23:00"), 2 * H)) == "2026-03-03 01:00:00+01:00"
    assert weekdays.is_open(at("2026-03-06 23:59:59.999999"))
    assert not weekdays.is_open(at("2026-03-07 00:00"))
    assert weekdays.working_time(at("2026-03-06 00:00"), at("2026-03-10 00:00")) == 48 * H
    mondays = calendar({"mon": "00:00-24:00"})
    assert iso(mondays.add_working(at("2026-03-02 23:00"), 2 * H)) == "2026-03-09 01:00:00+01:00"


def test_exactly_a_week_of_working_time_ends_on_friday_evening() -> None:
    office = calendar({"mon-fri": "09:00-17:00"})
    sunday = at("2026-03-01 12:00")
    assert iso(office.add_working(sunday, 40 * H)) == "2026-03-06 17:00:00+01:00"
    assert iso(office.add_working(sunday, 80 * H)) == "2026-03-13 17:00:00+01:00"
    assert iso(office.add_working(sunday, 80 * H + US)) == "2026-03-16 09:00:00.000001+01:00"
    assert office.working_time(sunday, at("2026-03-13 17:00")) == 80 * H
    assert office.working_time(sunday, at("2026-03-13 16:59:59.999999")) == 80 * H - US


def test_working_time_up_to_a_microsecond_before_midnight() -> None:
    around_the_clock = calendar({"mon-sun": "00:00-24:00"})
    day = at("2026-03-02 00:00")
    assert around_the_clock.working_time(day, at("2026-03-02 23:59:59.999999")) == 24 * H - US
    assert around_the_clock.working_time(day, at("2026-03-03 00:00")) == 24 * H
    week = at("2026-03-09 00:00")
    assert around_the_clock.working_time(day, week - US) == 7 * 24 * H - US


# --- business days and their fractions -------------------------------------------------------


def test_fractional_business_day() -> None:
    office = calendar(PLAIN_OFFICE)  # a full working day is 9 hours
    monday = at("2026-03-02 10:00")
    assert office.full_day == 9 * H
    assert iso(office.add_business_days(monday, Fraction(3, 2))) == "2026-03-03 14:30:00+01:00"
    assert iso(office.add_business_days(monday, Fraction(1, 2))) == "2026-03-02 14:30:00+01:00"
    assert iso(office.add_business_days(monday, Fraction(1, 3))) == "2026-03-02 13:00:00+01:00"
    assert iso(office.add(monday, parse_duration("1.5bd"))) == "2026-03-03 14:30:00+01:00"
    # 0bd is the next opening
    assert iso(office.add_business_days(at("2026-03-01 12:00"), 0)) == "2026-03-02 09:00:00+01:00"


def test_fraction_of_the_longest_day_with_a_lunch_break() -> None:
    office = calendar(SATURDAY_OFFICE)  # the longest day is 8 hours (the Saturday is 3)
    assert office.full_day == 8 * H
    half = office.add_business_days(at("2026-03-02 09:00"), Fraction(1, 2))
    assert iso(half) == "2026-03-02 13:00:00+01:00"


def test_business_days_clamp_into_a_shorter_day() -> None:
    week = {"mon": "09:00-18:00", "tue": ["09:00-13:00", "15:00-18:00"], "wed": "10:00-18:00"}
    office = calendar(week)
    # Monday 14:00 falls in Tuesday's gap: the end of the segment before it
    assert iso(office.add_business_days(at("2026-03-02 14:00"), 1)) == "2026-03-03 13:00:00+01:00"
    # Tuesday 09:30 is before Wednesday's first segment: its start
    assert iso(office.add_business_days(at("2026-03-03 09:30"), 1)) == "2026-03-04 10:00:00+01:00"
    # Monday 17:00 + 2bd is Wednesday 17:00, inside working time
    assert iso(office.add_business_days(at("2026-03-02 17:00"), 2)) == "2026-03-04 17:00:00+01:00"


def test_one_day_is_24_working_hours_on_a_business_calendar() -> None:
    office = calendar(LUNCH_OFFICE)  # 8 hours a day: 1d is three working days
    assert iso(office.add(at("2026-03-02 09:00"), parse_duration("1d"))) == (
        "2026-03-04 18:00:00+01:00"
    )
    assert iso(office.add(at("2026-03-02 09:00"), Duration(seconds=90 * 60))) == (
        "2026-03-02 10:30:00+01:00"
    )


def test_many_business_days_equal_one_at_a_time() -> None:
    office = calendar(SATURDAY_OFFICE, country="IT", dates=("2026-08-14", "2027-08-16"))
    start = at("2026-01-07 10:15")
    stepped = start
    for _ in range(700):
        stepped = office.add_business_days(stepped, 1)
    assert iso(office.add_business_days(start, 700)) == iso(stepped)


def test_large_amounts_round_trip() -> None:
    office = calendar(LUNCH_OFFICE, country="IT")
    start = at("2026-01-07 10:15:00.5")
    amount = 10_000 * H + dt.timedelta(microseconds=7)
    end = office.add_working(start, amount)
    assert office.working_time(start, end) == amount
    far = office.add_business_days(start, 1000)
    assert far.date() > dt.date(2029, 11, 1)
    assert office.working_time(start, far) == 1000 * 8 * H


def test_overlapping_and_touching_segments_are_merged() -> None:
    office = calendar({"mon-fri": ["09:00-13:00", "12:00-15:00", "15:00-18:00"]})
    assert office.working_time(at("2026-03-02 00:00"), at("2026-03-03 00:00")) == 9 * H
    assert office.full_day == 9 * H


def test_working_time_of_an_empty_or_reversed_span_is_zero() -> None:
    office = calendar(PLAIN_OFFICE)
    assert office.working_time(at("2026-03-02 12:00"), at("2026-03-02 12:00")) == dt.timedelta()
    assert office.working_time(at("2026-03-02 12:00"), at("2026-03-02 10:00")) == dt.timedelta()
    always = AlwaysCalendar("UTC")
    assert always.working_time(at("2026-03-02 12:00"), at("2026-03-02 10:00")) == dt.timedelta()


# --- errors ----------------------------------------------------------------------------------

NAIVE = dt.datetime(2026, 3, 2, 10, 0)
AWARE = at("2026-03-02 10:00")


@pytest.mark.parametrize("make", [lambda: calendar(PLAIN_OFFICE), lambda: AlwaysCalendar("UTC")])
@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.is_open(NAIVE),
        lambda c: c.next_opening(NAIVE),
        lambda c: c.add_working(NAIVE, H),
        lambda c: c.add_business_days(NAIVE, 1),
        lambda c: c.working_time(NAIVE, AWARE),
        lambda c: c.working_time(AWARE, NAIVE),
        lambda c: c.add(NAIVE, parse_duration("1bd")),
    ],
)
def test_naive_datetimes_are_refused(make, call) -> None:
    with pytest.raises(ValueError, match="no time zone"):
        call(make())


@pytest.mark.parametrize("make", [lambda: calendar(PLAIN_OFFICE), lambda: AlwaysCalendar("UTC")])
def test_negative_amounts_are_refused(make) -> None:
    cal = make()
    with pytest.raises(ValueError, match="negative"):
        cal.add_working(AWARE, -H)
    with pytest.raises(ValueError, match="negative"):
        cal.add_business_days(AWARE, -1)


@pytest.mark.parametrize("make", [lambda: calendar(PLAIN_OFFICE), lambda: AlwaysCalendar("UTC")])
def test_negative_microseconds_are_refused(make) -> None:
    with pytest.raises(ValueError, match="negative"):
        make().add_working_us(1_772_442_000_000_000, -1)


def test_microsecond_api() -> None:
    office = calendar(LUNCH_OFFICE)
    epoch = dt.datetime(1970, 1, 1, tzinfo=UTC)
    start = at("2026-03-02 12:30")
    t = (start - epoch) // US
    end = office.add_working_us(t, 3600 * 10**6)
    assert iso((epoch + end * US).astimezone(office.tz)) == "2026-03-02 14:30:00+01:00"
    assert office.working_us(t, end) == 3600 * 10**6
    tomorrow = office.add_us(t, parse_duration("1bd"))
    assert iso((epoch + tomorrow * US).astimezone(office.tz)) == "2026-03-03 12:30:00+01:00"
    always = AlwaysCalendar("Europe/Rome")
    assert always.add_us(t, parse_duration("30m")) == t + 1800 * 10**6
    assert always.working_us(t, t - 1) == 0


def test_calendar_without_working_time() -> None:
    never = calendar({"mon-sun": "closed"})
    assert not never.is_open(AWARE)
    assert never.working_time(AWARE, AWARE + 1000 * H) == dt.timedelta()
    for call in (
        lambda: never.next_opening(AWARE),
        lambda: never.add_working(AWARE, H),
        lambda: never.add_business_days(AWARE, 1),
    ):
        with pytest.raises(NoWorkingTime, match="no working hours"):
            call()


def test_unknown_zone_or_country() -> None:
    with pytest.raises(ValueError, match="unknown time zone"):
        calendar(PLAIN_OFFICE, "Europe/Roma")
    with pytest.raises(ValueError, match="XX"):
        calendar(PLAIN_OFFICE, country="XX")
    with pytest.raises(ValueError, match="unknown time zone"):
        AlwaysCalendar("Mars/Olympus_Mons")


# --- a matrix's calendars ----------------------------------------------------------------------


def test_calendars_for_a_matrix() -> None:
    office = definition(SATURDAY_OFFICE, "Europe/Rome", country="IT")
    support = definition(PLAIN_OFFICE, "America/New_York", id="support")
    matrix = Matrix(
        version=1,
        name="m",
        timezone="Asia/Tokyo",
        levels=(),
        categories=(),
        calendars=(office, support),
    )
    calendars = calendars_for(matrix)
    assert set(calendars) == {"office", "support", "always"}
    assert isinstance(calendars["always"], AlwaysCalendar)
    assert calendars["always"].tz.key == "Asia/Tokyo"
    assert calendars["support"].tz.key == "America/New_York"
    assert calendars["office"].id == "office"
    start = dt.datetime(2026, 3, 6, 16, 0, tzinfo=UTC)  # Friday 17:00 in Rome
    assert iso(calendars["office"].add(start, parse_duration("2h"))) == (
        "2026-03-07 10:00:00+01:00"
    )
    assert iso(calendars["always"].add(start, parse_duration("2h"))) == (
        "2026-03-07 03:00:00+09:00"
    )


def test_every_calendar_that_validates_builds() -> None:
    """The validator and the arithmetic agree: a matrix without errors (the example
    matrices, every rule's corrected fixture) gets working calendars, e.g. a holiday
    country written as an alias (UK) or a three-letter code (PRT)."""
    from escmatrix.validation import check_file
    from tests.conftest import DATA, MATRICES

    built = 0
    for path in sorted((DATA / "rules").glob("*/*.yaml")) + sorted(MATRICES.glob("*.yaml")):
        if path.parent.name == "unreadable-file":
            continue
        report = check_file(path)
        if report.matrix is None:
            continue
        for cal in calendars_for(report.matrix).values():
            if isinstance(cal, AlwaysCalendar) or cal.full_day:
                assert cal.working_time(AWARE, cal.add_business_days(AWARE, 1)) > dt.timedelta()
        built += 1
    assert built >= 20


# --- public holidays kept on file --------------------------------------------------------------


def test_public_holidays_are_kept_on_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import holidays as package

    from escmatrix.loading.calendars import PublicHolidays

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = PublicHolidays("IT", "RM")
    expected = frozenset(package.country_holidays("IT", subdiv="RM", years=2026))
    assert first.year(2026) == expected
    assert dt.date(2026, 6, 29) in expected  # Rome's patron saints: the subdivision counts
    assert (tmp_path / "escmatrix" / "holiday-dates.json").exists()
    again = PublicHolidays("IT", "RM")
    assert again.year(2026) == expected
    assert again._source is None  # read back, the package was not asked
    assert PublicHolidays("IT", None).year(2026) != expected  # another entry
    # a damaged file is worked out again
    (tmp_path / "escmatrix" / "holiday-dates.json").write_text("{not json")
    assert PublicHolidays("IT", "RM").year(2026) == expected


def test_public_holidays_without_a_writable_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from escmatrix.loading.calendars import PublicHolidays

    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))  # escmatrix/ cannot be made in it
    assert dt.date(2026, 12, 25) in PublicHolidays("IT", None).year(2026)
    with pytest.raises(ValueError, match="XX"):
        PublicHolidays("XX", None)
