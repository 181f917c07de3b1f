"""Working-time arithmetic: when does a window that started at ``t`` expire?

A :class:`WorkCalendar` answers four questions about time: is it open at an instant, when
does it next open, what instant is an amount of working time (or a number of business
days) after a start, and how much working time lies between two instants. There are two
kinds: :class:`AlwaysCalendar` (the built-in ``always``, 24x7) and
:class:`BusinessCalendar` (built from a matrix's :class:`~escmatrix.model.CalendarDef`).
:func:`calendars_for` builds every calendar of a matrix; :func:`build_calendar` one.

The choices, following SPEC section 3, and where it is silent, what an operations lead
would expect:

Instants
    Every datetime passed in must be timezone-aware (any tzinfo); a naive one raises
    ``ValueError``. Every datetime returned is in the calendar's zone (for ``always``, the
    matrix zone). Internally instants are whole microseconds since the Unix epoch, so the
    arithmetic is exact: ``working_time(s, add_working(s, d)) == d`` to the microsecond.

``always``
    Counts real elapsed time, also across a daylight-saving change (``30m`` at 01:50 on
    the spring-forward night ends at 03:20 local time). ``Nbd`` on ``always`` treats every
    day as a business day open 00:00-24:00: the same local time of day N days later (a
    time that does not exist that day is read as below), and a fraction is that fraction
    of 24 real hours. So ``always`` behaves exactly like a business calendar open
    00:00-24:00 every day with no holidays, in the matrix zone.

Working segments
    A calendar's week gives, per weekday, spans of local wall-clock time. A span is
    half-open: open at its start, closed at its end (09:00-18:00 is open at 09:00 and
    closed at 18:00). Overlapping or touching spans of one day are merged. ``24:00`` is
    the next midnight, so ``00:00-24:00`` every day is open around the clock.
    Each bound becomes an instant with :mod:`zoneinfo` and ``fold=0``: an ambiguous time
    (the repeated hour in autumn) is its first occurrence, a time that does not exist (the
    skipped hour in spring) is read with the offset before the change (02:30 on
    2026-03-29 in Europe/Rome is 03:30 CEST). Working time is the *real* time between the
    instants: 09:00-18:00 is 9 hours on a DST day too, while a span across the change is
    an hour shorter (spring) or longer (autumn); a span inside the spring gap keeps its
    length an hour later (02:15-02:45 works 03:15-03:45 CEST). The bounds of a day are
    then made non-decreasing and kept between that day's midnight and the next, so a span
    the gap turns around (02:30-03:15 reads as 03:30-03:15 CEST) has no working time
    instead of a negative one.

Business days and holidays
    A day is a business day when it is not a holiday and has working time. Holidays are
    ``holidays.country_holidays(country, subdiv=subdivision)`` (the package's default
    categories, i.e. public holidays, with its "observed" days, e.g. a US Independence
    Day observed on Friday 3 July) plus the listed dates. A holiday closes the whole day.

``add_working(start, amount)``
    A timer that starts outside working time starts at the next opening. When the amount
    runs out exactly at the end of a segment the result is that end (17:00 plus 1 hour is
    18:00, not 09:00 the next morning); with ``amount == 0`` the result is
    ``next_opening(start)``. So results are always inside working time or exactly at a
    segment end, and never go backwards as the amount grows.

``add_business_days(start, days)``
    The start first moves to the next opening. The result is the same local time of day
    on the N-th following business day, clamped into that day's working time: after the
    last segment it is the end of the last segment, in a gap (lunch) the end of the
    segment before the gap, before the first segment the start of the first segment. A
    fractional part is that fraction of the calendar's *full working day* - its longest
    day of the week in wall-clock hours (9 hours for Mon-Fri 09:00-18:00 plus Saturday
    09:00-12:00), the same on DST days - added as working time after the whole days
    (``1.5bd`` from Monday 10:00 in a 9-hour office is Tuesday 10:00 plus 4.5 working
    hours: Tuesday 14:30). ``0bd`` is the next opening. Results never go backwards as the
    *whole* number of days grows; with a fraction on a calendar whose days differ (a short
    Saturday), ``N.9bd`` can end after ``(N+1)bd``, as the clamping rule implies.

``1d``
    In a :class:`~escmatrix.durations.Duration` ``1d`` is 24 hours: 24 hours of working
    time on a business calendar (about 2.7 days of a 9-hour office), 24 real hours on
    ``always``. :meth:`WorkCalendar.add` dispatches: business days to
    :meth:`add_business_days`, anything else to :meth:`add_working`.

No working time
    A calendar whose week has no working time raises :class:`NoWorkingTime` (a
    ``ValueError``) from every method that would have to search for an opening; the
    ``window-never-expires`` rule reports such a level before a simulation runs.

Microseconds
    ``add_us``, ``add_working_us`` and ``working_us`` are the same arithmetic on whole
    microseconds since the Unix epoch (ints in, ints out), for the simulation's hot path:
    they skip the datetime conversions (about two thirds of a same-day call). They take
    the same amounts (never negative) and give the same instants as ``add``,
    ``add_working`` and ``working_time``.

Speed
    Nothing steps minute by minute. Each local date's segment instants (and whether it is
    a holiday) are computed once and cached, as are per-week totals; long amounts skip
    whole weeks. A call whose result is in the same day costs a few microseconds. Adding
    1,000 business days or 10,000 working hours takes about 0.1 ms once the dates are
    cached, and about 10 ms on a new calendar that must first compute four years of
    dates and holidays (see ``benchmarks/bench_calendars.py``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from fractions import Fraction
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from escmatrix.durations import Duration
from escmatrix.model import ALWAYS, CalendarDef, Segment, full_day_minutes

if TYPE_CHECKING:
    from escmatrix.model import Matrix

__all__ = [
    "AlwaysCalendar",
    "BusinessCalendar",
    "NoWorkingTime",
    "WorkCalendar",
    "build_calendar",
    "calendars_for",
]

_UTC = dt.timezone.utc
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=_UTC)
_EPOCH_ORDINAL = _EPOCH.toordinal()  # Monday is ordinal % 7 == 1
_US_PER_SECOND = 1_000_000
_US_PER_DAY = 86_400 * _US_PER_SECOND
_MAX_CACHED_DAYS = 100_000  # ~270 years of dates; cleared, not grown, beyond that
FOREVER = 2**62  # after any instant (and -FOREVER before any): a state that never ends
_STATE_DAYS = 400  # how far state_us looks back for the end of a closed spell


class NoWorkingTime(ValueError):
    """The calendar has no working time at all: no opening can ever be found."""


class WorkCalendar(Protocol):
    """What the simulation engine needs from a calendar."""

    id: str
    tz: ZoneInfo

    def is_open(self, at: dt.datetime) -> bool: ...

    def next_opening(self, at: dt.datetime) -> dt.datetime: ...

    def add_working(self, start: dt.datetime, amount: dt.timedelta) -> dt.datetime: ...

    def add_business_days(self, start: dt.datetime, days: Fraction | int) -> dt.datetime: ...

    def working_time(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta: ...

    def add(self, start: dt.datetime, duration: Duration) -> dt.datetime: ...

    def add_us(self, start: int, duration: Duration) -> int: ...

    def add_working_us(self, start: int, amount: int) -> int: ...

    def working_us(self, start: int, end: int) -> int: ...

    def state_us(self, t: int) -> tuple[bool, int, int]: ...


# --- conversions -------------------------------------------------------------------------


def _to_us(at: dt.datetime) -> int:
    """An aware datetime as whole microseconds since the epoch."""
    try:
        delta = at - _EPOCH
    except TypeError:
        raise ValueError(f"{at!r} has no time zone: pass an aware datetime") from None
    if at.tzinfo is None:  # a naive datetime minus an aware one raises, but be explicit
        raise ValueError(f"{at!r} has no time zone: pass an aware datetime")
    return (delta.days * 86_400 + delta.seconds) * _US_PER_SECOND + delta.microseconds


def _td_us(delta: dt.timedelta) -> int:
    return (delta.days * 86_400 + delta.seconds) * _US_PER_SECOND + delta.microseconds


def _amount_us(amount: dt.timedelta) -> int:
    us = (amount.days * 86_400 + amount.seconds) * _US_PER_SECOND + amount.microseconds
    if us < 0:
        raise ValueError(f"cannot add a negative amount of working time ({amount})")
    return us


@lru_cache(maxsize=256)
def _split_days(days: Fraction | int) -> tuple[int, Fraction]:
    """A number of business days as whole days and the fraction of a day left (worked
    out once per amount: Fraction arithmetic is slow)."""
    value = Fraction(days)
    if value < 0:
        raise ValueError(f"cannot add a negative number of business days ({days})")
    whole = int(value)
    return whole, value - whole


class _Base:
    """What both kinds of calendar share: the conversion of results and :meth:`add`."""

    id: str
    tz: ZoneInfo

    def _from_us(self, us: int) -> dt.datetime:
        seconds, micro = divmod(us, _US_PER_SECOND)
        try:  # exact for a whole number of seconds, and the fastest way (about 1 µs)
            result = dt.datetime.fromtimestamp(seconds, self.tz)
        except (OSError, OverflowError, ValueError):  # e.g. before 1970 on Windows
            return (_EPOCH + dt.timedelta(0, seconds, micro)).astimezone(self.tz)
        return result.replace(microsecond=micro) if micro else result

    def add_working(self, start: dt.datetime, amount: dt.timedelta) -> dt.datetime:
        raise NotImplementedError  # pragma: no cover

    def add_business_days(self, start: dt.datetime, days: Fraction | int) -> dt.datetime:
        raise NotImplementedError  # pragma: no cover

    def add(self, start: dt.datetime, duration: Duration) -> dt.datetime:
        """``start`` plus a window's duration: business days or an amount of working time."""
        if duration.business_days:
            return self.add_business_days(start, duration.business_days)
        return self.add_working(start, dt.timedelta(seconds=duration.seconds))

    # -- the same on whole microseconds since the epoch (the simulation's hot path) -----

    def add_us(self, start: int, duration: Duration) -> int:
        """:meth:`add` on microseconds since the epoch."""
        if duration.business_days:
            return _to_us(self.add_business_days(self._from_us(start), duration.business_days))
        return self.add_working_us(start, duration.seconds * _US_PER_SECOND)

    def add_working_us(self, start: int, amount: int) -> int:
        """:meth:`add_working` on microseconds since the epoch."""
        raise NotImplementedError  # pragma: no cover

    def working_us(self, start: int, end: int) -> int:
        """:meth:`working_time` on microseconds since the epoch."""
        raise NotImplementedError  # pragma: no cover

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id!r} in {self.tz.key}>"


# --- always --------------------------------------------------------------------------------


class AlwaysCalendar(_Base):
    """The built-in 24x7 calendar: real elapsed time in the matrix zone."""

    def __init__(self, tz: ZoneInfo | str, id: str = ALWAYS) -> None:
        self.id = id
        self.tz = _zone(tz) if isinstance(tz, str) else tz

    def is_open(self, at: dt.datetime) -> bool:
        _to_us(at)  # rejects a naive datetime
        return True

    def next_opening(self, at: dt.datetime) -> dt.datetime:
        _to_us(at)
        return at.astimezone(self.tz)

    def add_working(self, start: dt.datetime, amount: dt.timedelta) -> dt.datetime:
        return self._from_us(_to_us(start) + _amount_us(amount))

    def add_business_days(self, start: dt.datetime, days: Fraction | int) -> dt.datetime:
        whole, fraction = _split_days(days)
        _to_us(start)  # rejects a naive datetime
        local = start.astimezone(self.tz)
        if whole:
            date = local.date() + dt.timedelta(days=whole)
            local = dt.datetime.combine(date, local.time(), self.tz).replace(fold=0)
        return self._from_us(_to_us(local) + round(fraction * _US_PER_DAY))

    def working_time(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        return dt.timedelta(microseconds=max(0, _to_us(end) - _to_us(start)))

    def add_working_us(self, start: int, amount: int) -> int:
        if amount < 0:
            raise ValueError("cannot add a negative amount of working time")
        return start + amount

    def working_us(self, start: int, end: int) -> int:
        return max(0, end - start)

    def state_us(self, t: int) -> tuple[bool, int, int]:
        """Always open, from before any instant to after any."""
        return True, -FOREVER, FOREVER


# --- business calendars ------------------------------------------------------------------

# A day record: (first instant of the day, first instant of the next day,
#                ((segment start, segment end), ...), working microseconds of the day)
_Day = tuple[int, int, tuple[tuple[int, int], ...], int]
# A week record (keyed by its Monday): (working microseconds, business days, start, end)
_Week = tuple[int, int, int, int]


def merge_segments(segments: tuple[Segment, ...]) -> tuple[Segment, ...]:
    """The union of a day's segments, sorted; touching segments become one."""
    merged: list[Segment] = []
    for segment in sorted(segments, key=lambda s: (s.start, s.end)):
        if merged and segment.start <= merged[-1].end:
            if segment.end > merged[-1].end:
                merged[-1] = Segment(merged[-1].start, segment.end)
        else:
            merged.append(segment)
    return tuple(merged)


class BusinessCalendar(_Base):
    """Working hours per weekday in a time zone, minus holidays. Build one with
    :func:`build_calendar`; the arguments here are for tests and special cases."""

    def __init__(
        self,
        id: str,
        tz: ZoneInfo | str,
        week: tuple[tuple[Segment, ...], ...],
        holidays: Any = None,
        closed_dates: tuple[dt.date, ...] | frozenset[dt.date] = (),
    ) -> None:
        if len(week) != 7:
            raise ValueError(f"a week has 7 days, got {len(week)}")
        self.id = id
        self.tz = _zone(tz) if isinstance(tz, str) else tz
        self.week = tuple(merge_segments(tuple(day)) for day in week)
        # PublicHolidays, a holidays.HolidayBase, any collection of dates, or None
        self._holidays = holidays
        self._closed = frozenset(closed_dates)
        self.full_day = dt.timedelta(minutes=full_day_minutes(self.week))
        self._full_day_us = _td_us(self.full_day)
        self._days: dict[int, _Day] = {}
        self._midnights: dict[int, int] = {}
        self._holiday_years: dict[int, frozenset[dt.date]] = {}
        self._weeks: dict[int, _Week] = {}
        # A guess of the zone's offset, to find an instant's local date without a
        # conversion; _locate corrects it near midnight.
        self._offset_guess = _td_us(
            dt.datetime(2000, 1, 15, tzinfo=self.tz).utcoffset() or dt.timedelta(0)
        )

    # -- cached days and weeks ----------------------------------------------------------

    def is_holiday(self, date: dt.date) -> bool:
        """Whether ``date`` (a local date) is closed as a holiday."""
        if date in self._closed:
            return True
        if self._holidays is None:
            return False
        year = self._holiday_years.get(date.year)
        if year is None:
            if isinstance(self._holidays, PublicHolidays):
                year = self._holidays.year(date.year)
            else:
                year = _dates_of_year(self._holidays, date.year)
            self._holiday_years[date.year] = year
        return date in year

    def _instant(self, ordinal: int, minute: int) -> int:
        """The instant of local wall-clock ``minute`` (0 to 1440) of a date (fold=0)."""
        naive = dt.datetime.fromordinal(ordinal)
        if minute:
            naive += dt.timedelta(minutes=minute)
        offset = self.tz.utcoffset(naive)  # naive: fold=0, the zone's own rules
        wall = (ordinal - _EPOCH_ORDINAL) * _US_PER_DAY + minute * 60_000_000
        return wall - _td_us(offset) if offset is not None else wall

    def _midnight(self, ordinal: int) -> int:
        found = self._midnights.get(ordinal)
        if found is None:
            found = self._midnights[ordinal] = self._instant(ordinal, 0)
        return found

    def _day(self, ordinal: int) -> _Day:
        record = self._days.get(ordinal)
        if record is not None:
            return record
        if len(self._days) >= _MAX_CACHED_DAYS:
            self._days.clear()
            self._weeks.clear()
            self._midnights.clear()
        first = self._midnight(ordinal)
        following = self._midnight(ordinal + 1)
        last = max(first, following)
        spans: list[tuple[int, int]] = []
        segments = self.week[(ordinal - 1) % 7]  # ordinal 1 is a Monday
        if segments and not self.is_holiday(dt.date.fromordinal(ordinal)):
            if following - first == _US_PER_DAY:
                # Midnight to midnight in 24 hours: no change of offset today (tzdata has no
                # day with two changes that cancel out), so a wall-clock time is midnight
                # plus its minutes. This is the common case and costs no conversion.
                for segment in segments:
                    spans.append(
                        (first + segment.start * 60_000_000, first + segment.end * 60_000_000)
                    )
            else:  # a DST change (or another change of offset) falls on this day
                floor = first
                for segment in segments:
                    start = min(max(self._instant(ordinal, segment.start), floor), last)
                    end = min(max(self._instant(ordinal, segment.end), start), last)
                    if end > start:
                        spans.append((start, end))
                    floor = end
        record = (first, last, tuple(spans), sum(e - s for s, e in spans))
        self._days[ordinal] = record
        return record

    def _week(self, monday: int) -> _Week:
        record = self._weeks.get(monday)
        if record is None:
            days = [self._day(monday + i) for i in range(7)]
            record = (
                sum(d[3] for d in days),
                sum(1 for d in days if d[3]),
                days[0][0],
                days[6][1],
            )
            self._weeks[monday] = record
        return record

    def _locate(self, t: int) -> tuple[int, _Day]:
        """The local date (as an ordinal) whose day holds instant ``t``, and its record."""
        ordinal = (t + self._offset_guess) // _US_PER_DAY + _EPOCH_ORDINAL
        record = self._days.get(ordinal) or self._day(ordinal)
        while t < record[0]:
            ordinal -= 1
            record = self._days.get(ordinal) or self._day(ordinal)
        while t >= record[1]:
            ordinal += 1
            record = self._days.get(ordinal) or self._day(ordinal)
        return ordinal, record

    def _require_working_time(self) -> None:
        if not self._full_day_us:
            raise NoWorkingTime(
                f"calendar {self.id!r} has no working hours: no timer in it can ever expire"
            )

    # -- arithmetic on microseconds -----------------------------------------------------

    def _add_us(self, t: int, remaining: int) -> int:
        """The instant ``remaining`` microseconds of working time after ``t``."""
        if not self._full_day_us:
            self._require_working_time()
        ordinal, record = self._locate(t)
        for start, end in record[2]:  # the day of t: only what is left of it counts
            if end <= t:
                continue
            if start < t:
                start = t
            if end - start >= remaining:
                return start + remaining
            remaining -= end - start
        days = self._days
        while True:  # whole days from here on: every segment lies after t
            ordinal += 1
            if ordinal % 7 == 1:  # a Monday: skip whole weeks that do not use it up
                week = self._week(ordinal)
                while week[0] < remaining:
                    remaining -= week[0]
                    ordinal += 7
                    week = self._week(ordinal)
            record = days.get(ordinal) or self._day(ordinal)
            if record[3] >= remaining:
                for start, end in record[2]:
                    if end - start >= remaining:
                        return start + remaining
                    remaining -= end - start
            remaining -= record[3]

    def _between_us(self, t0: int, t1: int) -> int:
        if t1 <= t0:
            return 0
        ordinal, record = self._locate(t0)
        total = 0
        while record[0] < t1:
            if ordinal % 7 == 1 and record[0] >= t0:
                week = self._week(ordinal)
                if week[3] <= t1:
                    total += week[0]
                    ordinal += 7
                    record = self._day(ordinal)
                    continue
            if t0 <= record[0] and record[1] <= t1:
                total += record[3]
            else:
                for start, end in record[2]:
                    if start < t0:
                        start = t0
                    if end > t1:
                        end = t1
                    if end > start:
                        total += end - start
            ordinal += 1
            record = self._days.get(ordinal) or self._day(ordinal)
        return total

    # -- the public API -------------------------------------------------------------------

    def is_open(self, at: dt.datetime) -> bool:
        t = _to_us(at)
        _, record = self._locate(t)
        return any(start <= t < end for start, end in record[2])

    def next_opening(self, at: dt.datetime) -> dt.datetime:
        return self._from_us(self._add_us(_to_us(at), 0))

    def add_working(self, start: dt.datetime, amount: dt.timedelta) -> dt.datetime:
        return self._from_us(self._add_us(_to_us(start), _amount_us(amount)))

    def working_time(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        us = self._between_us(_to_us(start), _to_us(end))
        return dt.timedelta(0, *divmod(us, _US_PER_SECOND))

    def add_working_us(self, start: int, amount: int) -> int:
        if amount < 0:
            raise ValueError("cannot add a negative amount of working time")
        return self._add_us(start, amount)

    def working_us(self, start: int, end: int) -> int:
        return self._between_us(start, end)

    def state_us(self, t: int) -> tuple[bool, int, int]:
        """(open at ``t``, when that spell of working or of closed time began, when it
        ends), on microseconds since the epoch. Working spans that touch across midnight
        are one spell; a closed spell is looked back on for at most 400 days (before that
        it is said to have begun ``-FOREVER``); a calendar with no working time is closed
        from ``-FOREVER`` to ``FOREVER``."""
        if not self._full_day_us:
            return False, -FOREVER, FOREVER
        ordinal, record = self._locate(t)
        for start, end in record[2]:
            if start <= t < end:
                return True, self._spell_start(ordinal, start), self._spell_end(ordinal, end)
        before = -FOREVER
        for day in range(ordinal, ordinal - _STATE_DAYS, -1):
            ends = [end for _, end in self._day(day)[2] if end <= t]
            if ends:
                before = max(ends)
                break
        return False, before, self._add_us(t, 0)

    def _spell_end(self, ordinal: int, end: int) -> int:
        """The end of the working spell whose span ends at ``end`` on day ``ordinal``."""
        for _ in range(_STATE_DAYS):
            if end != self._day(ordinal)[1]:
                return end
            ordinal += 1
            spans = self._day(ordinal)[2]
            if not spans or spans[0][0] != end:
                return end
            end = spans[0][1]
        return end

    def _spell_start(self, ordinal: int, start: int) -> int:
        """The start of the working spell whose span starts at ``start`` on day ``ordinal``."""
        for _ in range(_STATE_DAYS):
            if start != self._day(ordinal)[0]:
                return start
            ordinal -= 1
            spans = self._day(ordinal)[2]
            if not spans or spans[-1][1] != start:
                return start
            start = spans[-1][0]
        return start

    def add_business_days(self, start: dt.datetime, days: Fraction | int) -> dt.datetime:
        whole, fraction = _split_days(days)
        t = self._add_us(_to_us(start), 0)  # the next opening
        if whole:
            ordinal, _ = self._locate(t)
            wall = self._from_us(t).replace(tzinfo=None)
            ordinal = self._nth_business_day(ordinal, whole)
            date = dt.date.fromordinal(ordinal)
            target = _to_us(dt.datetime.combine(date, wall.time(), self.tz).replace(fold=0))
            t = self._clamp(target, self._day(ordinal)[2])
        if fraction:
            t = self._add_us(t, round(fraction * self._full_day_us))
        return self._from_us(t)

    def _nth_business_day(self, ordinal: int, n: int) -> int:
        """The ordinal of the ``n``-th business day after ``ordinal`` (n >= 1)."""
        while True:
            ordinal += 1
            if ordinal % 7 == 1:
                week = self._week(ordinal)
                while week[1] < n:
                    n -= week[1]
                    ordinal += 7
                    week = self._week(ordinal)
            if self._day(ordinal)[3]:
                n -= 1
                if n == 0:
                    return ordinal

    @staticmethod
    def _clamp(target: int, spans: tuple[tuple[int, int], ...]) -> int:
        """``target`` moved into working time: a gap moves it back to the end of the
        segment before, before the first segment forward to its start."""
        if target < spans[0][0]:
            return spans[0][0]
        previous_end = spans[0][0]
        for start, end in spans:
            if target < start:
                return previous_end
            if target < end:
                return target
            previous_end = end
        return previous_end


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(f"unknown time zone {name!r}") from None


def _dates_of_year(holidays: Any, year: int) -> frozenset[dt.date]:
    """The dates of ``year`` in a holidays object (or any collection of dates), as a set: a
    lookup in the holidays object itself costs microseconds."""
    dt.date(year, 1, 1) in holidays  # noqa: B015 - makes a holidays object compute the year
    return frozenset(d for d in holidays if isinstance(d, dt.date) and d.year == year)


class PublicHolidays:
    """A country's public holidays from the ``holidays`` package, year by year, the years
    already worked out kept in a cache file (:mod:`escmatrix.holiday_cache`): a year read
    back costs microseconds, importing the package a tenth of a second or more. A country
    the package does not know raises ``ValueError`` here (the file only holds known ones)."""

    def __init__(self, country: str, subdivision: str | None) -> None:
        from escmatrix import holiday_cache

        self.country, self.subdivision = country, subdivision
        self._source: Any = None  # the holidays object, made when a year is not on file
        self._file = holiday_cache.cache_file("holiday-dates.json")
        self._key = holiday_cache.package_key()
        self._name = f"{country}|{subdivision or ''}"
        entries = holiday_cache.read(self._file, self._key) if self._key else {}
        on_file = entries.get(self._name)
        self._years: dict[int, frozenset[dt.date]] = {}
        if isinstance(on_file, dict):
            with contextlib.suppress(ValueError, TypeError):
                self._years = {
                    int(year): frozenset(dt.date.fromisoformat(day) for day in days)
                    for year, days in on_file.items()
                }
        else:
            self._load()  # checks the country and subdivision now, not mid-replay
            self._save()

    def _load(self) -> Any:
        if self._source is None:
            import holidays  # heavy: only for a year not on file

            try:
                self._source = holidays.country_holidays(self.country, subdiv=self.subdivision)
            except NotImplementedError as error:
                raise ValueError(f"calendar holidays: {error}") from None
        return self._source

    def _save(self) -> None:
        from escmatrix import holiday_cache

        if not self._key:
            return
        entries = holiday_cache.read(self._file, self._key)  # another calendar's years too
        entries[self._name] = {
            str(year): sorted(day.isoformat() for day in days) for year, days in self._years.items()
        }
        holiday_cache.write(self._file, self._key, entries)

    def year(self, year: int) -> frozenset[dt.date]:
        """The holidays of ``year``."""
        found = self._years.get(year)
        if found is None:
            found = self._years[year] = _dates_of_year(self._load(), year)
            self._save()
        return found


@lru_cache(maxsize=64)
def build_calendar(definition: CalendarDef) -> BusinessCalendar:
    """The calendar a matrix defines. Calendars are cached by definition, so their cached
    days are shared by every simulation of the same matrix in one process."""
    spec = definition.holidays
    public = PublicHolidays(spec.country, spec.subdivision) if spec.country else None
    return BusinessCalendar(
        definition.id, _zone(definition.timezone), definition.week, public, spec.dates
    )


def calendars_for(matrix: Matrix) -> dict[str, WorkCalendar]:
    """Every calendar of ``matrix`` by id, plus the built-in ``always`` in its zone."""
    found: dict[str, WorkCalendar] = {c.id: build_calendar(c) for c in matrix.calendars}
    found[ALWAYS] = AlwaysCalendar(_zone(matrix.timezone))
    return found
