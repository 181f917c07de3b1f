"""Who is reachable (SPEC section 10): rotations across DST, overrides, iCalendar schedules,
deputies, waiting for the opening, and the working-time spells calendars report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from escmatrix.availability import Availability, RotationDuty, ScheduleDuty
from escmatrix.calendars import FOREVER, BusinessCalendar
from escmatrix.durations import parse_duration
from escmatrix.loading.calendars import calendars_for
from escmatrix.loading.matrix import parse_handoff
from escmatrix.loading.schedules import ScheduleError, read_schedule
from escmatrix.model import Contact, Override, Rotation, Schedule, Segment
from escmatrix.validation import load_matrix_text
from tests.conftest import DATA

ROME = ZoneInfo("Europe/Rome")
NEW_YORK = ZoneInfo("America/New_York")
UTC = dt.timezone.utc


def us(text: str, zone: dt.tzinfo) -> int:
    moment = dt.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return int(moment.timestamp()) * 1_000_000


def local(t: int, zone: ZoneInfo) -> dt.datetime:
    return dt.datetime.fromtimestamp(t // 1_000_000, zone)


def rotation(
    members: tuple[str, ...] = ("ana", "ben", "chen"),
    every: str = "1w",
    handoff: str = "mon 09:00",
    start: dt.date = dt.date(2026, 1, 5),
    overrides: tuple[Override, ...] = (),
) -> Rotation:
    day, minute = parse_handoff(handoff)
    return Rotation(members, parse_duration(every), start, day, minute, overrides)


# --- rotations across DST --------------------------------------------------------------------

DST_DAYS = [
    (ROME, "2026-03-29"),  # spring forward at 02:00
    (ROME, "2026-10-25"),  # fall back at 03:00
    (NEW_YORK, "2026-03-08"),
    (NEW_YORK, "2026-11-01"),
]


@pytest.mark.parametrize(("zone", "day"), DST_DAYS, ids=lambda v: str(v))
def test_weekly_handoff_keeps_its_wall_clock_time_across_dst(zone: ZoneInfo, day: str) -> None:
    duty = RotationDuty(rotation(), zone)
    change = dt.date.fromisoformat(day)
    before = change - dt.timedelta(days=change.weekday() + 7)  # the Monday a week before
    for weeks in range(3):
        monday = before + dt.timedelta(weeks=weeks)
        _, start, end = duty.turn(us(f"{monday}T12:00", zone))
        assert local(start, zone).replace(tzinfo=None) == dt.datetime.combine(monday, dt.time(9))
        assert local(end, zone).replace(tzinfo=None) == dt.datetime.combine(
            monday + dt.timedelta(weeks=1), dt.time(9)
        )
        # one second before the handoff the previous member, at it the next
        _, _, previous_end = duty.turn(start - 1_000_000)
        assert previous_end == start


@pytest.mark.parametrize(("zone", "day"), DST_DAYS, ids=lambda v: str(v))
def test_twelve_hour_turns_hand_over_at_08_and_20_on_the_change_day(
    zone: ZoneInfo, day: str
) -> None:
    duty = RotationDuty(rotation(("day", "night"), "12h", "08:00"), zone)
    date = dt.date.fromisoformat(day)
    k, start, end = duty.turn(us(f"{date}T12:00", zone))
    assert local(start, zone).strftime("%H:%M") == "08:00"
    assert local(end, zone).strftime("%H:%M") == "20:00"
    _, night_start, night_end = duty.turn(us(f"{date}T23:00", zone))
    assert night_start == end
    assert local(night_end, zone).strftime("%H:%M") == "08:00"
    hours = (night_start - us(f"{date}T08:00", zone)) / 3_600_000_000
    assert hours == 12  # 08:00 to 20:00 local: the change is at night
    # the turn across the change is an hour shorter (spring) or longer (autumn)
    _, previous_start, previous_end = duty.turn(us(f"{date}T03:30", zone))
    assert previous_end == start
    assert (previous_end - previous_start) / 3_600_000_000 in (11, 12, 13)
    assert duty.at(us(f"{date}T12:00", zone))[0] == ("day", "night")[k % 2]


@st.composite
def rotations_and_instants(draw: st.DrawFn) -> tuple[Rotation, ZoneInfo, list[int]]:
    zone = draw(st.sampled_from([ROME, NEW_YORK]))
    members = tuple(draw(st.lists(st.sampled_from("abcde"), min_size=1, max_size=4)))
    every = draw(st.sampled_from(["12h", "1d", "1w", "2w", "8h", "1d6h"]))
    handoff = draw(st.sampled_from(["mon 09:00", "sun 02:30", "02:30", "00:00", "fri 17:45"]))
    start = dt.date(2026, 1, 1) + dt.timedelta(days=draw(st.integers(0, 40)))
    overrides = []
    for _ in range(draw(st.integers(0, 3))):
        begin = dt.datetime(2026, 1, 1, tzinfo=zone) + dt.timedelta(
            hours=draw(st.integers(0, 365 * 24))
        )
        length = dt.timedelta(hours=draw(st.integers(1, 200)))
        overrides.append(Override(draw(st.sampled_from("xyz")), begin, begin + length))
    year = us("2026-01-01T00:00", zone)
    instants = draw(
        st.lists(st.integers(year, year + 366 * 86_400 * 1_000_000), min_size=1, max_size=30)
    )
    return rotation(members, every, handoff, start, tuple(overrides)), zone, instants


def oracle(rot: Rotation, zone: ZoneInfo, t: int) -> str:
    """Who is on duty, worked out another way: the last override holding ``t``, else the
    turns laid out with aware datetimes from the anchor, forwards or backwards."""
    moment = dt.datetime.fromtimestamp(t / 1_000_000, UTC)
    for override in reversed(rot.overrides):
        if override.start <= moment < override.end:
            return override.member
    day = rot.start
    if rot.handoff_day is not None:
        while day.weekday() != rot.handoff_day:
            day += dt.timedelta(days=1)
    anchor = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=rot.handoff_minute)
    step = dt.timedelta(seconds=rot.every.seconds)

    def begins(k: int) -> dt.datetime:  # wall clock read with fold=0, as a calendar reads it
        return (anchor + k * step).replace(tzinfo=zone).astimezone(UTC)

    k = 0
    while begins(k) > moment:
        k -= 1
    while begins(k + 1) <= moment:
        k += 1
    return rot.members[k % len(rot.members)]


@settings(max_examples=200, deadline=None)
@given(rotations_and_instants())
def test_every_instant_has_exactly_one_member_and_overrides_win(
    case: tuple[Rotation, ZoneInfo, list[int]],
) -> None:
    rot, zone, instants = case
    duty = RotationDuty(rot, zone)
    for t in instants:
        member, low, high = duty.at(t)
        assert low <= t < high
        assert member == oracle(rot, zone, t)
        # the answer holds over the whole interval it gives, and changes right after it
        assert duty.at(low)[0] == member and duty.at(high - 1)[0] == member
        _, after_low, _ = duty.at(high)
        assert after_low == high  # no gap and no overlap at the boundary
        _, _, before_high = duty.at(low - 1)
        assert before_high == low


def test_overrides_win_and_a_later_one_wins_over_an_earlier_one() -> None:
    first = Override(
        "ben", dt.datetime(2026, 3, 2, 9, tzinfo=ROME), dt.datetime(2026, 3, 4, 9, tzinfo=ROME)
    )
    later = Override(
        "chen", dt.datetime(2026, 3, 3, 9, tzinfo=ROME), dt.datetime(2026, 3, 3, 21, tzinfo=ROME)
    )
    duty = RotationDuty(rotation(overrides=(first, later)), ROME)
    # 2026-03-02 is Monday of week 8 since 2026-01-05: 8 % 3 = 2 -> chen; ana before
    assert duty.at(us("2026-03-02T08:59", ROME))[0] == "ben"  # week 7: 7 % 3 = 1 -> ben
    assert duty.at(us("2026-03-02T09:00", ROME))[0] == "ben"  # the override
    member, low, high = duty.at(us("2026-03-03T12:00", ROME))
    assert (member, low, high) == (
        "chen",
        us("2026-03-03T09:00", ROME),
        us("2026-03-03T21:00", ROME),
    )
    assert duty.at(us("2026-03-03T21:00", ROME))[0] == "ben"
    assert duty.at(us("2026-03-04T09:00", ROME))[0] == "chen"  # the turn again
    assert duty.at(us("2026-01-05T09:00", ROME))[0] == "ana"
    assert duty.at(us("2026-01-05T08:59", ROME))[0] == "chen"  # before the start: counted back


# --- an iCalendar schedule ------------------------------------------------------------------

NIGHTS = DATA / "schedules" / "support-nights.ics"
PEOPLE = (
    Contact("alice", "Alice Moretti", email="alice@example.com"),
    Contact("bob", "Bob Ricci", email="bob@example.com"),
)


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("2026-03-02T20:00", "alice"),  # the weekly Monday night shift, 18:00-08:00
        ("2026-03-03T07:59", "alice"),
        ("2026-03-03T08:00", None),  # the shift has ended
        ("2026-03-09T18:00", "alice"),
        ("2026-03-16T20:00", None),  # EXDATE: no shift that Monday
        ("2026-03-16T10:00", "bob"),  # a one-off day shift named by its summary
        ("2026-03-23T20:00", None),  # the occurrence moved to Wednesday (RECURRENCE-ID)
        ("2026-03-25T20:00", "alice"),
        ("2026-03-26T07:30", "alice"),
        ("2026-03-30T18:30", "alice"),  # after the DST change: still 18:00 local
        ("2026-03-30T17:30", None),
        ("2026-04-07T07:00", "alice"),  # the sixth and last occurrence
        ("2026-04-13T20:00", None),  # COUNT=6 is over
    ],
)
def test_schedule_duty_against_hand_computed_shifts(when: str, expected: str | None) -> None:
    shifts = read_schedule(NIGHTS, NIGHTS.name, ROME, PEOPLE)
    duty = ScheduleDuty(Schedule(NIGHTS.name, shifts))
    member, low, high = duty.at(us(when, ROME))
    assert member == expected
    assert low <= us(when, ROME) < high


def test_overlapping_shifts_go_to_the_one_that_began_last(tmp_path: Path) -> None:
    text = (
        NIGHTS.read_text()
        .replace(
            "DTSTART;TZID=Europe/Rome:20260316T090000", "DTSTART;TZID=Europe/Rome:20260309T200000"
        )
        .replace("DTEND;TZID=Europe/Rome:20260316T170000", "DTEND;TZID=Europe/Rome:20260309T220000")
    )
    path = tmp_path / "overlap.ics"
    path.write_text(text)
    duty = ScheduleDuty(Schedule("overlap.ics", read_schedule(path, "overlap.ics", ROME, PEOPLE)))
    assert duty.at(us("2026-03-09T19:00", ROME))[0] == "alice"
    assert duty.at(us("2026-03-09T21:00", ROME)) == (
        "bob",
        us("2026-03-09T20:00", ROME),
        us("2026-03-09T22:00", ROME),
    )
    assert duty.at(us("2026-03-09T22:00", ROME))[0] == "alice"


def test_a_schedule_that_cannot_be_used_says_why(tmp_path: Path) -> None:
    with pytest.raises(ScheduleError, match="no such file"):
        read_schedule(tmp_path / "none.ics", "none.ics", ROME, PEOPLE)
    (tmp_path / "bad.ics").write_text("hello\n")
    with pytest.raises(ScheduleError, match=r"bad\.ics: is not an iCalendar file"):
        read_schedule(tmp_path / "bad.ics", "bad.ics", ROME, PEOPLE)
    (tmp_path / "empty.ics").write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")
    with pytest.raises(ScheduleError, match="no events"):
        read_schedule(tmp_path / "empty.ics", "empty.ics", ROME, PEOPLE)


# --- calendars: spells of working and closed time ---------------------------------------------


def test_state_us_gives_the_spell_around_an_instant() -> None:
    week = (
        (Segment(540, 780), Segment(840, 1080)),  # Monday 09-13, 14-18
        (Segment(1320, 1440),),  # Tuesday 22-24
        (Segment(0, 360),),  # Wednesday 00-06: one spell with Tuesday night
        (),
        (),
        (),
        (),
    )
    calendar = BusinessCalendar("shop", ROME, week, closed_dates=(dt.date(2026, 3, 9),))
    assert calendar.state_us(us("2026-03-02T10:00", ROME)) == (
        True,
        us("2026-03-02T09:00", ROME),
        us("2026-03-02T13:00", ROME),
    )
    assert calendar.state_us(us("2026-03-02T13:30", ROME)) == (
        False,
        us("2026-03-02T13:00", ROME),
        us("2026-03-02T14:00", ROME),
    )
    assert calendar.state_us(us("2026-03-04T01:00", ROME)) == (
        True,
        us("2026-03-03T22:00", ROME),
        us("2026-03-04T06:00", ROME),
    )
    # closed from Wednesday 06:00 to Tuesday 10 March 22:00 (Monday 9 is a holiday)
    assert calendar.state_us(us("2026-03-09T10:00", ROME)) == (
        False,
        us("2026-03-04T06:00", ROME),
        us("2026-03-10T22:00", ROME),
    )
    never = BusinessCalendar("never", ROME, ((),) * 7)
    assert never.state_us(0) == (False, -FOREVER, FOREVER)


# --- resolution: deputies, waiting, rotations ------------------------------------------------

MATRIX = """
version: 1
name: Reachability
timezone: Europe/Rome
calendars:
  office: {week: {mon-fri: "09:00-18:00"}}
contacts:
  marco: {name: Marco Bianchi, email: m@example.com, calendar: office, deputy: luca}
  luca: {name: Luca Ferrari, email: l@example.com, calendar: office, deputy: giulia}
  giulia: {name: Giulia Rossi, email: g@example.com}
  board: {name: Executive board, email: b@example.com, calendar: office, outside_hours: wait,
          deputy: giulia}
  alone: {name: Anna Verdi, email: a@example.com, calendar: office}
  ana: {name: Ana Lima, email: ana@example.com, calendar: office}
  ben: {name: Ben Carter, email: ben@example.com}
  oncall:
    name: On call
    rotation: {members: [ana, ben], every: 1w, handoff: "mon 09:00", start: 2026-03-02}
    deputy: giulia
levels:
  - {id: L1, name: First, contacts: [marco, alone, oncall], window: 30m}
  - {id: L2, name: Second, contacts: [board], window: resolution}
categories:
  - {id: c, name: C}
"""


@pytest.fixture(scope="module")
def reach() -> Availability:
    matrix = load_matrix_text(MATRIX)
    return Availability(matrix, calendars_for(matrix))


def test_in_office_hours_everyone_is_reached_as_written(reach: Availability) -> None:
    found = reach.resolve(("marco", "board"), us("2026-03-03T10:00", ROME))
    assert found.contacts == ("marco", "board")
    assert (found.unreachable, found.next_reachable, found.detail) == ((), None, "")


def test_outside_hours_the_deputy_chain_is_followed(reach: Availability) -> None:
    found = reach.resolve(("marco",), us("2026-03-07T02:10", ROME))
    assert found.contacts == ("giulia",)
    assert found.after_hours == ("marco", "luca")
    assert found.detail == (
        "Marco Bianchi is outside office hours; deputy Luca Ferrari is outside office hours;"
        " deputy Giulia Rossi contacted"
    )


def test_without_a_deputy_or_on_purpose_the_page_waits_for_the_opening(
    reach: Availability,
) -> None:
    found = reach.resolve(("alone", "board"), us("2026-03-07T02:10", ROME))
    assert found.contacts == ()
    assert found.unreachable == ("alone", "board")
    assert found.waiting == ("board",)  # it has a deputy, but waits on purpose
    assert found.next_reachable == us("2026-03-09T09:00", ROME)
    assert "waits until Mon 09 Mar 2026 09:00" in found.detail
    assert "nobody reachable until Mon 09 Mar 2026 09:00" in found.detail


def test_a_rotation_reaches_its_member_on_duty_and_then_its_deputy(reach: Availability) -> None:
    # week of 2 March: Ana (office hours); week of 9 March: Ben (always)
    assert reach.resolve(("oncall",), us("2026-03-03T10:00", ROME)).contacts == ("ana",)
    night = reach.resolve(("oncall",), us("2026-03-03T22:00", ROME))
    assert night.contacts == ("giulia",)
    assert night.detail.startswith("Ana Lima is on duty for On call; Ana Lima is outside")
    assert reach.resolve(("oncall",), us("2026-03-10T22:00", ROME)).contacts == ("ben",)


def test_answers_are_kept_for_the_interval_they_hold(reach: Availability) -> None:
    first = reach.resolve(("marco",), us("2026-03-07T02:10", ROME))
    assert reach.resolve(("marco",), us("2026-03-08T23:00", ROME)) is first  # from the cache
    _, low, high = reach.resolve_span(("marco",), us("2026-03-07T02:10", ROME))
    assert (low, high) == (us("2026-03-06T18:00", ROME), us("2026-03-09T09:00", ROME))
    assert reach.resolve(("marco",), us("2026-03-09T09:00", ROME)).contacts == ("marco",)
