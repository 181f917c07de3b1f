"""Instants as whole microseconds since the epoch, the unit of every replay.

Comparing and adding integers is what makes a replay of a million rows take seconds: events
carry their time as microseconds, the engine's clocks and timers run on them, and datetimes
are built only where a person reads one. This module is the one place where the two meet.

Compiled with Cython when a compiler is there (``instants.pxd`` gives the types); the same
code runs as plain Python otherwise.
"""

from __future__ import annotations

import datetime as dt

from escmatrix.limits import FIRST_YEAR, LAST_YEAR

US_PER_SECOND = 1_000_000
US_PER_HOUR = 3_600 * US_PER_SECOND
US_PER_DAY = 86_400 * US_PER_SECOND
# "No such instant": a deadline that is not set, a ticket that is not paused. Below every
# instant a datetime can hold (year 1 is about -6.2e16).
NONE = -(2**62) - 1
BEFORE_ALL = -(2**62)  # before any instant: the watermark of an empty log
UTC = dt.timezone.utc
EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
EPOCH_ORDINAL = 719_163  # dt.date(1970, 1, 1).toordinal(); ordinal % 7 == 1 is a Monday
_ONE_US = dt.timedelta(microseconds=1)

_day_starts: dict[tuple[int, dt.tzinfo], int] = {}


def to_us(at: dt.datetime) -> int:
    """An aware datetime as whole microseconds since the epoch (ValueError when naive)."""
    zone = at.tzinfo
    if type(zone) is dt.timezone:
        # A fixed offset, as ISO 8601 text gives: the day's start is worked out once a day
        # and offset, and the time of day added (twice as fast as subtracting datetimes).
        key = (at.toordinal(), zone)
        start = _day_starts.get(key)
        if start is None:
            if len(_day_starts) >= 50_000:
                _day_starts.clear()
            midnight = dt.datetime.combine(at.date(), dt.time(), zone)
            start = (midnight - EPOCH) // _ONE_US
            _day_starts[key] = start
        return (
            start + ((at.hour * 60 + at.minute) * 60 + at.second) * US_PER_SECOND + (at.microsecond)
        )
    if zone is None or at.utcoffset() is None:
        raise ValueError(f"{at!r} has no time zone: pass an aware datetime")
    return (at - EPOCH) // _ONE_US


def from_us(us: int, zone: dt.tzinfo) -> dt.datetime:
    """The instant ``us`` as an aware datetime in ``zone``."""
    seconds, micro = divmod(us, US_PER_SECOND)
    try:  # exact for a whole number of seconds, and the fastest way (about 1 µs)
        moment = dt.datetime.fromtimestamp(seconds, zone)
    except (OSError, OverflowError, ValueError):  # e.g. before 1970 on some platforms
        try:
            return (EPOCH + dt.timedelta(0, seconds, micro)).astimezone(zone)
        except OverflowError:  # the first hours of year 1 in a zone ahead of UTC: year 0
            offset = zone.utcoffset(dt.datetime(1, 1, 2)) or dt.timedelta(0)
            local = dt.datetime(1970, 1, 1) + (dt.timedelta(0, seconds, micro) + offset)
            return local.replace(tzinfo=zone)
    return moment.replace(microsecond=micro) if micro else moment


def delta_us(delta: dt.timedelta) -> int:
    """A timedelta as whole microseconds."""
    return (delta.days * 86_400 + delta.seconds) * US_PER_SECOND + delta.microseconds


_TWO_DIGITS = [f"{n:02d}" for n in range(60)]
_MINUTES_SECONDS = [f"{n // 60:02d}:{n % 60:02d}" for n in range(3600)]
# the constants above, as C values when this module is compiled
_SECOND, _HOUR, _DAY, _NONE, _ORDINAL_1970 = (
    US_PER_SECOND,
    US_PER_HOUR,
    US_PER_DAY,
    NONE,
    EPOCH_ORDINAL,
)
_CLOCK_LIMIT = 100_000  # hours, days or offsets a clock keeps; cleared, not grown, beyond that


class LocalClock:
    """Local wall-clock readings of instants in one time zone, fast: the zone's offset is
    looked up once per hour of real time (an hour in which it changes is read the slow,
    exact way), the text of each date and offset once. What every record and summary of a
    replay needs from an instant: its ISO 8601 text, its local date, weekday and hour."""

    def __init__(self, zone: dt.tzinfo) -> None:
        self.zone = zone
        self._offsets: dict[int, int] = {}  # hour since the epoch -> offset in µs, or _NONE
        self._dates: dict[int, str] = {}  # local day since the epoch -> "2026-03-30T"
        self._suffixes: dict[int, str] = {}  # offset in µs -> "+02:00"
        self._local_offsets: dict[int, int] = {}  # local hour -> offset in µs, or NONE
        # the last hour read, kept outside the dictionaries: a log in time order asks for the
        # same hour record after record
        self._last_hour = self._text_hour = _NONE
        self._last_offset = self._text_offset = 0
        self._text_prefix = self._text_suffix = ""

    def offset_us(self, at: int) -> int:
        """The zone's UTC offset at ``at``, or _NONE when it changes within that hour."""
        hour = at // _HOUR
        if hour == self._last_hour:
            return self._last_offset
        found = self._offsets.get(hour)
        if found is None:
            if len(self._offsets) >= _CLOCK_LIMIT:
                self._offsets.clear()
            start = from_us(hour * _HOUR, self.zone)
            end = from_us(hour * _HOUR + _HOUR - 1, self.zone)
            before, after = start.utcoffset(), end.utcoffset()
            found = delta_us(before) if before == after and before is not None else _NONE
            self._offsets[hour] = found
        self._last_hour = hour
        self._last_offset = found
        return found

    def local_us(self, at: int) -> int:
        """``at`` as local wall-clock microseconds since 1970-01-01 00:00 local."""
        offset = self.offset_us(at)
        if offset == _NONE:
            offset = delta_us(from_us(at, self.zone).utcoffset() or dt.timedelta(0))
        return at + offset

    def iso(self, at: int) -> str:
        """``at`` in ISO 8601 with its offset, exactly as ``datetime.isoformat`` writes it."""
        offset = self.offset_us(at)
        if offset == _NONE or offset % 60_000_000 != 0:  # an offset with seconds: rare
            return from_us(at, self.zone).isoformat()
        local = at + offset
        hour = local // _HOUR
        if hour == self._text_hour and offset == self._text_offset:
            prefix = self._text_prefix
        else:
            prefix = self._prefix(at, offset, hour)
        rest = local - hour * _HOUR
        seconds = rest // _SECOND
        micro = rest - seconds * _SECOND
        if micro:
            return f"{prefix}{_MINUTES_SECONDS[seconds]}.{micro:06d}{self._text_suffix}"
        return f"{prefix}{_MINUTES_SECONDS[seconds]}{self._text_suffix}"

    def _prefix(self, at: int, offset: int, hour: int) -> str:
        """What the ISO text of local ``hour`` begins with (2026-03-02T08:), kept for the
        next time, with the offset's text after the seconds."""
        day = hour // 24
        date = self._dates.get(day)
        if date is None:
            if len(self._dates) >= _CLOCK_LIMIT:
                self._dates.clear()
            date = dt.date.fromordinal(day + _ORDINAL_1970).isoformat() + "T"
            self._dates[day] = date
        suffix = self._suffixes.get(offset)
        if suffix is None:
            suffix = from_us(at, self.zone).isoformat()[-6:]
            self._suffixes[offset] = suffix
        prefix = date + _TWO_DIGITS[hour - day * 24] + ":"
        self._text_hour = hour
        self._text_offset = offset
        self._text_prefix = prefix
        self._text_suffix = suffix
        return prefix

    def hour_of_week(self, at: int) -> int:
        """The local hour of the week of ``at``: 0 is Monday 00:00-01:00, 167 Sunday 23:00."""
        local = self.local_us(at)
        day = local // _DAY
        hour = (local - day * _DAY) // _HOUR
        return ((day + 3) % 7) * 24 + hour  # 1970-01-01 was a Thursday

    def local_day(self, at: int) -> int:
        """The local date of ``at`` as an ordinal (``datetime.date.fromordinal`` reads it)."""
        return self.local_us(at) // _DAY + _ORDINAL_1970

    def utc_us(self, local: int) -> int:
        """The instant of local wall-clock microseconds ``local`` (since 1970-01-01 00:00
        local), or NONE when that hour of the day is ambiguous or skipped by a change of
        offset (the exact conversion decides then)."""
        hour = local // _HOUR
        offset = self._local_offsets.get(hour)
        if offset is None:
            if len(self._local_offsets) >= _CLOCK_LIMIT:
                self._local_offsets.clear()
            start = dt.datetime(1970, 1, 1) + dt.timedelta(microseconds=hour * _HOUR)
            end = start + dt.timedelta(microseconds=_HOUR - 1)
            offsets = {
                self.zone.utcoffset(moment.replace(fold=fold))
                for moment in (start, end)
                for fold in (0, 1)
            }
            found = offsets.pop() if len(offsets) == 1 else None
            offset = _NONE if found is None else delta_us(found)
            if offset != _NONE and not self._is_real(local - offset, local):
                offset = _NONE  # the hour does not exist that day (the gap of a change)
            self._local_offsets[hour] = offset
        return _NONE if offset == _NONE else local - offset

    def _is_real(self, at: int, local: int) -> bool:
        return self.local_us(at) == local


def _probe() -> None:
    """Nothing: its type tells whether this module runs compiled."""


# True when this module was compiled with Cython (a compiled function is not a plain
# Python function): the readers then take the fast path below, which as plain Python would
# be slower than the standard library's own parsing.
COMPILED = type(_probe).__name__ != "function"

_DAYS_IN_MONTH = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_FIRST_YEAR, _LAST_YEAR = FIRST_YEAR, LAST_YEAR


def _digits(text: str, start: int, count: int) -> int:
    """The value of ``count`` ASCII digits of ``text`` from ``start``; -1 for anything else."""
    value = 0
    for i in range(start, start + count):
        c = ord(text[i]) - 48
        if c < 0 or c > 9:
            return -1
        value = value * 10 + c
    return value


def days_from_civil(year: int, month: int, day: int) -> int:
    """Days from 1970-01-01 to a date of the proleptic Gregorian calendar."""
    if month <= 2:
        year -= 1
    era = (year if year >= 0 else year - 399) // 400
    yoe = year - era * 400
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


class IsoReader:
    """ISO 8601 times read straight to microseconds, for the common forms of a log:
    ``YYYY-MM-DD`` then ``T`` or a space, ``HH:MM``, optional ``:SS`` and ``.fff`` or
    ``.ffffff``, then ``Z``, ``±HH:MM`` or nothing (then local time in ``zone``).

    :meth:`read` gives exactly what ``datetime.fromisoformat`` and :func:`to_us` give (with
    a time without an offset put in ``zone``, ``fold=0``), and leaves the time's zone in
    :attr:`zone`; NONE for any other text, a year outside the years a replay takes, or a
    local time in an hour a change of offset makes ambiguous, which the caller then reads
    the general way."""

    def __init__(self, zone: dt.tzinfo) -> None:
        self.default = zone
        self.zone = zone
        self._clock = LocalClock(zone)
        self._fixed: dict[int, dt.tzinfo] = {0: UTC}

    def read(self, text: str) -> int:
        n = len(text)
        if n < 16 or n > 32:
            return _NONE
        if text[4] != "-" or text[7] != "-" or text[13] != ":":
            return _NONE
        if text[10] != "T" and text[10] != " ":
            return _NONE
        year = _digits(text, 0, 4)
        month = _digits(text, 5, 2)
        day = _digits(text, 8, 2)
        hour = _digits(text, 11, 2)
        minute = _digits(text, 14, 2)
        if year < _FIRST_YEAR or year > _LAST_YEAR or month < 1 or month > 12:
            return _NONE
        if day < 1 or day > _DAYS_IN_MONTH[month] or hour < 0 or hour > 23:
            return _NONE
        if minute < 0 or minute > 59:
            return _NONE
        if (
            month == 2
            and day == 29
            and not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0))
        ):
            return _NONE
        second = 0
        micro = 0
        at = 16
        if at < n and text[at] == ":":
            if at + 3 > n:
                return _NONE
            second = _digits(text, at + 1, 2)
            if second < 0 or second > 59:
                return _NONE
            at += 3
            if at < n and text[at] == ".":
                if at + 7 <= n and _digits(text, at + 1, 6) >= 0:
                    micro = _digits(text, at + 1, 6)
                    at += 7
                elif at + 4 <= n and _digits(text, at + 1, 3) >= 0:
                    micro = _digits(text, at + 1, 3) * 1000
                    at += 4
                else:
                    return _NONE
        local = (
            ((days_from_civil(year, month, day) * 24 + hour) * 60 + minute) * 60 + second
        ) * _SECOND + micro
        if at == n:
            utc = self._clock.utc_us(local)
            self.zone = self.default
            return utc
        if n == at + 1 and text[at] == "Z":
            self.zone = UTC
            return local
        if n != at + 6 or text[at + 3] != ":" or (text[at] != "+" and text[at] != "-"):
            return _NONE
        hours = _digits(text, at + 1, 2)
        minutes = _digits(text, at + 4, 2)
        if hours < 0 or hours > 23 or minutes < 0 or minutes > 59:
            return _NONE
        offset = hours * 3600 + minutes * 60
        if text[at] == "-":
            offset = -offset
        zone = self._fixed.get(offset)
        if zone is None:
            zone = dt.timezone(dt.timedelta(seconds=offset))
            self._fixed[offset] = zone
        self.zone = zone
        return local - offset * _SECOND
