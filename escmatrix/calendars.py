"""Working-time arithmetic: when does a window that started at ``t`` expire?

A :class:`WorkCalendar` answers four questions about time: is it open at an instant, when
does it next open, what instant is an amount of working time (or a number of business
days) after a start, and how much working time lies between two instants. There are two
kinds: :class:`AlwaysCalendar` (the built-in ``always``, 24x7) and
:class:`BusinessCalendar` (built from a matrix's :class:`~escmatrix.model.CalendarDef` by
:mod:`escmatrix.loading.calendars`).

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
    Saturday), ``N.9bd`` can end after ``(N+1)bd``, as the clamping rule implies, and so
    can it on a day a change of offset makes an hour shorter when the working hours span
    the change (00:00-24:00 is 23 real hours on the spring-forward day).

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
    ``add_working`` and ``working_time``. ``add_days_us`` adds business days given as
    whole days and a fraction already turned into working microseconds
    (``day_fraction_us``), so that a replay works a window out once.

Compiled
    This module is compiled with Cython when the package is installed with a C compiler
    (``calendars.pxd`` gives the types); the same code runs as plain Python otherwise. It
    does no file I/O: a matrix's calendars, with their public holidays, are built by
    :mod:`escmatrix.loading.calendars`.

Speed
    Nothing steps minute by minute. Each local date's segment instants (and whether it is
    a holiday) are computed once and cached, as are per-week totals; long amounts skip
    whole weeks. A call whose result is in the same day costs a few microseconds. Adding
    1,000 business days or 10,000 working hours takes about 0.1 ms once the dates are
    cached, and about 10 ms on a new calendar that must first compute four years of
    dates and holidays (see ``benchmarks/bench_calendars.py``).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from functools import lru_cache
from typing import Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from escmatrix.durations import Duration
from escmatrix.instants import EPOCH_ORDINAL, US_PER_DAY, US_PER_SECOND, delta_us, from_us, to_us
from escmatrix.model import ALWAYS, Segment, full_day_minutes

__all__ = [
    "AlwaysCalendar",
    "BusinessCalendar",
    "NoWorkingTime",
    "WorkCalendar",
    "merge_segments",
    "zone",
]

_MAX_CACHED_DAYS = 100_000  # ~270 years of dates; cleared, not grown, beyond that
FOREVER = 2**62  # after any instant (and -FOREVER before any): a state that never ends
_STATE_DAYS = 400  # how far state_us looks back for the end of a closed spell
_US_PER_MINUTE = 60 * US_PER_SECOND


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

    def add_days_us(self, start: int, whole: int, fraction_us: int) -> int: ...

    def day_fraction_us(self, fraction: Fraction) -> int: ...

    def state_us(self, t: int) -> tuple[bool, int, int]: ...


def zone(name: str) -> ZoneInfo:
    """The IANA zone ``name`` (ValueError naming it when there is none)."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(f"unknown time zone {name!r}") from None


def _amount_us(amount: dt.timedelta) -> int:
    us = delta_us(amount)
    if us < 0:
        raise ValueError(f"cannot add a negative amount of working time ({amount})")
    return us


@lru_cache(maxsize=256)
def split_days(days: Fraction | int) -> tuple[int, Fraction]:
    """A number of business days as whole days and the fraction of a day left (worked
    out once per amount: Fraction arithmetic is slow)."""
    value = Fraction(days)
    if value < 0:
        raise ValueError(f"cannot add a negative number of business days ({days})")
    whole = int(value)
    return whole, value - whole


class _Base:
    """What both kinds of calendar share: conversions, and :meth:`add` on top of
    :meth:`add_working_us` and :meth:`add_days_us`."""

    def __init__(self, id: str, tz: ZoneInfo) -> None:
        self.id = id
        self.tz = tz
        self.full_day_us = US_PER_DAY

    def _from_us(self, us: int) -> dt.datetime:
        return from_us(us, self.tz)

    def add_working(self, start: dt.datetime, amount: dt.timedelta) -> dt.datetime:
        return self._from_us(self.add_working_us(to_us(start), _amount_us(amount)))

    def add_business_days(self, start: dt.datetime, days: Fraction | int) -> dt.datetime:
        whole, fraction = split_days(days)
        return self._from_us(self.add_days_us(to_us(start), whole, self.day_fraction_us(fraction)))

    def add(self, start: dt.datetime, duration: Duration) -> dt.datetime:
        """``start`` plus a window's duration: business days or an amount of working time."""
        return self._from_us(self.add_us(to_us(start), duration))

    def add_us(self, start: int, duration: Duration) -> int:
        """:meth:`add` on microseconds since the epoch."""
        if duration.business_days:
            whole, fraction = split_days(duration.business_days)
            return self.add_days_us(start, whole, self.day_fraction_us(fraction))
        return self.add_working_us(start, duration.seconds * US_PER_SECOND)

    def day_fraction_us(self, fraction: Fraction) -> int:
        """A fraction of a business day as working microseconds: that share of the
        calendar's full working day (of 24 hours on ``always``)."""
        return round(fraction * self.full_day_us)

    def add_working_us(self, start: int, amount: int) -> int:
        """:meth:`add_working` on microseconds since the epoch."""
        raise NotImplementedError  # pragma: no cover

    def working_us(self, start: int, end: int) -> int:
        """:meth:`working_time` on microseconds since the epoch."""
        raise NotImplementedError  # pragma: no cover

    def add_days_us(self, start: int, whole: int, fraction_us: int) -> int:
        """:meth:`add_business_days` on microseconds: ``whole`` business days, then
        ``fraction_us`` of working time (see :meth:`day_fraction_us`)."""
        raise NotImplementedError  # pragma: no cover

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id!r} in {self.tz.key}>"


# --- always --------------------------------------------------------------------------------


class AlwaysCalendar(_Base):
    """The built-in 24x7 calendar: real elapsed time in the matrix zone."""

    def __init__(self, tz: ZoneInfo | str, id: str = ALWAYS) -> None:
        _Base.__init__(self, id, zone(tz) if isinstance(tz, str) else tz)

    def is_open(self, at: dt.datetime) -> bool:
        to_us(at)  # rejects a naive datetime
        return True

    def next_opening(self, at: dt.datetime) -> dt.datetime:
        to_us(at)
        return at.astimezone(self.tz)

    def working_time(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        return dt.timedelta(microseconds=max(0, to_us(end) - to_us(start)))

    def add_working_us(self, start: int, amount: int) -> int:
        if amount < 0:
            raise ValueError("cannot add a negative amount of working time")
        return start + amount

    def working_us(self, start: int, end: int) -> int:
        return end - start if end > start else 0

    def state_us(self, t: int) -> tuple[bool, int, int]:
        """Always open, from before any instant to after any."""
        return True, -FOREVER, FOREVER

    def add_days_us(self, start: int, whole: int, fraction_us: int) -> int:
        if whole:
            local = from_us(start, self.tz)
            date = local.date() + dt.timedelta(days=whole)
            start = to_us(dt.datetime.combine(date, local.time(), self.tz).replace(fold=0))
        return start + fraction_us


# --- business calendars ------------------------------------------------------------------


class _Day:
    """One local date of a business calendar: its first instant and the first of the next
    day, its working spans as instants (flat: start, end, start, end…), and their total."""

    __slots__ = ("first", "last", "ordinal", "spans", "work")

    def __init__(self, ordinal: int, first: int, last: int, spans: tuple[int, ...]) -> None:
        self.ordinal = ordinal
        self.first = first
        self.last = last
        self.spans = spans
        work = 0
        for i in range(0, len(spans), 2):
            work += spans[i + 1] - spans[i]
        self.work = work


class _Week:
    """Seven days from a Monday: working microseconds, business days, start and end."""

    __slots__ = ("days", "first", "last", "work")

    def __init__(self, work: int, days: int, first: int, last: int) -> None:
        self.work = work
        self.days = days
        self.first = first
        self.last = last


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


def dates_of_year(holidays: Any, year: int) -> frozenset[dt.date]:
    """The dates of ``year`` in a holidays object (or any collection of dates), as a set: a
    lookup in the holidays object itself costs microseconds."""
    dt.date(year, 1, 1) in holidays  # noqa: B015 - makes a holidays object compute the year
    return frozenset(d for d in holidays if isinstance(d, dt.date) and d.year == year)


class BusinessCalendar(_Base):
    """Working hours per weekday in a time zone, minus holidays.

    ``holidays`` is None, an object with a ``year(year) -> frozenset[date]`` method (the
    public holidays of :mod:`escmatrix.loading.calendars`), or any collection of dates (a
    ``holidays.HolidayBase`` too); ``closed_dates`` are more closed days."""

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
        _Base.__init__(self, id, zone(tz) if isinstance(tz, str) else tz)
        self.week = tuple(merge_segments(tuple(day)) for day in week)
        self._holidays = holidays
        self._by_year = holidays is not None and callable(getattr(holidays, "year", None))
        self._closed = frozenset(closed_dates)
        self.full_day = dt.timedelta(minutes=full_day_minutes(self.week))
        self.full_day_us = delta_us(self.full_day)
        self._days: dict[int, _Day] = {}
        self._midnights: dict[int, int] = {}
        self._holiday_years: dict[int, frozenset[dt.date]] = {}
        self._weeks: dict[int, _Week] = {}
        # A guess of the zone's offset, to find an instant's local date without a
        # conversion; _locate corrects it near midnight.
        self._offset_guess = delta_us(
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
            if self._by_year:
                year = self._holidays.year(date.year)
            else:
                year = dates_of_year(self._holidays, date.year)
            self._holiday_years[date.year] = year
        return date in year

    def _instant(self, ordinal: int, minute: int) -> int:
        """The instant of local wall-clock ``minute`` (0 to 1440) of a date (fold=0)."""
        naive = dt.datetime.fromordinal(ordinal)
        if minute:
            naive += dt.timedelta(minutes=minute)
        offset = self.tz.utcoffset(naive)  # naive: fold=0, the zone's own rules
        wall = (ordinal - EPOCH_ORDINAL) * US_PER_DAY + minute * _US_PER_MINUTE
        return wall - delta_us(offset) if offset is not None else wall

    def _midnight(self, ordinal: int) -> int:
        found = self._midnights.get(ordinal)
        if found is None:
            found = self._instant(ordinal, 0)
            self._midnights[ordinal] = found
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
        spans: list[int] = []
        segments = self.week[(ordinal - 1) % 7]  # ordinal 1 is a Monday
        if segments and not self.is_holiday(dt.date.fromordinal(ordinal)):
            if following - first == US_PER_DAY:
                # Midnight to midnight in 24 hours: no change of offset today (tzdata has no
                # day with two changes that cancel out), so a wall-clock time is midnight
                # plus its minutes. This is the common case and costs no conversion.
                for segment in segments:
                    spans.append(first + segment.start * _US_PER_MINUTE)
                    spans.append(first + segment.end * _US_PER_MINUTE)
            else:  # a DST change (or another change of offset) falls on this day
                floor = first
                for segment in segments:
                    start = min(max(self._instant(ordinal, segment.start), floor), last)
                    end = min(max(self._instant(ordinal, segment.end), start), last)
                    if end > start:
                        spans.append(start)
                        spans.append(end)
                    floor = end
        record = _Day(ordinal, first, last, tuple(spans))
        self._days[ordinal] = record
        return record

    def _week(self, monday: int) -> _Week:
        record = self._weeks.get(monday)
        if record is None:
            work = 0
            days = 0
            for i in range(7):
                day = self._day(monday + i)
                work += day.work
                if day.work:
                    days += 1
            record = _Week(work, days, self._day(monday).first, self._day(monday + 6).last)
            self._weeks[monday] = record
        return record

    def _locate(self, t: int) -> _Day:
        """The local date whose day holds instant ``t``."""
        ordinal = (t + self._offset_guess) // US_PER_DAY + EPOCH_ORDINAL
        record = self._day(ordinal)
        while t < record.first:
            record = self._day(record.ordinal - 1)
        while t >= record.last:
            record = self._day(record.ordinal + 1)
        return record

    def _require_working_time(self) -> None:
        if not self.full_day_us:
            raise NoWorkingTime(
                f"calendar {self.id!r} has no working hours: no timer in it can ever expire"
            )

    # -- arithmetic on microseconds -----------------------------------------------------

    def _add_us(self, t: int, remaining: int) -> int:
        """The instant ``remaining`` microseconds of working time after ``t``."""
        if not self.full_day_us:
            self._require_working_time()
        record = self._locate(t)
        spans = record.spans
        for i in range(0, len(spans), 2):  # the day of t: only what is left of it counts
            start = spans[i]
            end = spans[i + 1]
            if end <= t:
                continue
            if start < t:
                start = t
            if end - start >= remaining:
                return start + remaining
            remaining -= end - start
        ordinal = record.ordinal
        while True:  # whole days from here on: every segment lies after t
            ordinal += 1
            if ordinal % 7 == 1:  # a Monday: skip whole weeks that do not use it up
                week = self._week(ordinal)
                while week.work < remaining:
                    remaining -= week.work
                    ordinal += 7
                    week = self._week(ordinal)
            record = self._day(ordinal)
            if record.work >= remaining:
                spans = record.spans
                for i in range(0, len(spans), 2):
                    start = spans[i]
                    end = spans[i + 1]
                    if end - start >= remaining:
                        return start + remaining
                    remaining -= end - start
            remaining -= record.work

    def _between_us(self, t0: int, t1: int) -> int:
        if t1 <= t0:
            return 0
        record = self._locate(t0)
        total = 0
        while record.first < t1:
            ordinal = record.ordinal
            if ordinal % 7 == 1 and record.first >= t0:
                week = self._week(ordinal)
                if week.last <= t1:
                    total += week.work
                    record = self._day(ordinal + 7)
                    continue
            if t0 <= record.first and record.last <= t1:
                total += record.work
            else:
                spans = record.spans
                for i in range(0, len(spans), 2):
                    start = spans[i]
                    end = spans[i + 1]
                    if start < t0:
                        start = t0
                    if end > t1:
                        end = t1
                    if end > start:
                        total += end - start
            record = self._day(ordinal + 1)
        return total

    # -- the public API -------------------------------------------------------------------

    def is_open(self, at: dt.datetime) -> bool:
        t = to_us(at)
        spans = self._locate(t).spans
        return any(spans[i] <= t < spans[i + 1] for i in range(0, len(spans), 2))

    def next_opening(self, at: dt.datetime) -> dt.datetime:
        return self._from_us(self._add_us(to_us(at), 0))

    def working_time(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        us = self._between_us(to_us(start), to_us(end))
        return dt.timedelta(0, *divmod(us, US_PER_SECOND))

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
        if not self.full_day_us:
            return False, -FOREVER, FOREVER
        record = self._locate(t)
        spans = record.spans
        for i in range(0, len(spans), 2):
            if spans[i] <= t < spans[i + 1]:
                return (
                    True,
                    self._spell_start(record.ordinal, spans[i]),
                    self._spell_end(record.ordinal, spans[i + 1]),
                )
        before = -FOREVER
        for day in range(record.ordinal, record.ordinal - _STATE_DAYS, -1):
            spans = self._day(day).spans
            ends = [spans[i + 1] for i in range(0, len(spans), 2) if spans[i + 1] <= t]
            if ends:
                before = max(ends)
                break
        return False, before, self._add_us(t, 0)

    def _spell_end(self, ordinal: int, end: int) -> int:
        """The end of the working spell whose span ends at ``end`` on day ``ordinal``."""
        for _ in range(_STATE_DAYS):
            if end != self._day(ordinal).last:
                return end
            ordinal += 1
            spans = self._day(ordinal).spans
            if not spans or spans[0] != end:
                return end
            end = spans[1]
        return end

    def _spell_start(self, ordinal: int, start: int) -> int:
        """The start of the working spell whose span starts at ``start`` on day ``ordinal``."""
        for _ in range(_STATE_DAYS):
            if start != self._day(ordinal).first:
                return start
            ordinal -= 1
            spans = self._day(ordinal).spans
            if not spans or spans[-1] != start:
                return start
            start = spans[-2]
        return start

    def add_days_us(self, start: int, whole: int, fraction_us: int) -> int:
        t = self._add_us(start, 0)  # the next opening
        if whole:
            day = self._locate(t)
            target_day = self._day(self._nth_business_day(day.ordinal, whole))
            if day.last - day.first == US_PER_DAY and (
                target_day.last - target_day.first == US_PER_DAY
            ):
                # neither day changes its offset: the same wall-clock time is the same
                # time after midnight
                target = target_day.first + (t - day.first)
            else:
                wall = from_us(t, self.tz)
                date = dt.date.fromordinal(target_day.ordinal)
                target = to_us(dt.datetime.combine(date, wall.time(), self.tz).replace(fold=0))
            t = self._clamp(target, target_day.spans)
        if fraction_us:
            t = self._add_us(t, fraction_us)
        return t

    def _nth_business_day(self, ordinal: int, n: int) -> int:
        """The ordinal of the ``n``-th business day after ``ordinal`` (n >= 1)."""
        while True:
            ordinal += 1
            if ordinal % 7 == 1:
                week = self._week(ordinal)
                while week.days < n:
                    n -= week.days
                    ordinal += 7
                    week = self._week(ordinal)
            if self._day(ordinal).work:
                n -= 1
                if n == 0:
                    return ordinal

    def _clamp(self, target: int, spans: tuple[int, ...]) -> int:
        """``target`` moved into working time: a gap moves it back to the end of the
        segment before, before the first segment forward to its start."""
        if target < spans[0]:
            return spans[0]
        previous_end = spans[0]
        for i in range(0, len(spans), 2):
            if target < spans[i]:
                return previous_end
            if target < spans[i + 1]:
                return target
            previous_end = spans[i + 1]
        return previous_end
