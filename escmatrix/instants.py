"""Instants as whole microseconds since the epoch, the unit of every replay.

Comparing and adding integers is what makes a replay of a million rows take seconds: events
carry their time as microseconds, the engine's clocks and timers run on them, and datetimes
are built only where a person reads one. This module is the one place where the two meet.

Compiled with Cython when a compiler is there (``instants.pxd`` gives the types); the same
code runs as plain Python otherwise.
"""

from __future__ import annotations

import datetime as dt

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
        return (EPOCH + dt.timedelta(0, seconds, micro)).astimezone(zone)
    return moment.replace(microsecond=micro) if micro else moment


def delta_us(delta: dt.timedelta) -> int:
    """A timedelta as whole microseconds."""
    return (delta.days * 86_400 + delta.seconds) * US_PER_SECOND + delta.microseconds


_TWO_DIGITS = [f"{n:02d}" for n in range(60)]
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

    def offset_us(self, at: int) -> int:
        """The zone's UTC offset at ``at``, or _NONE when it changes within that hour."""
        hour = at // _HOUR
        offset = self._offsets.get(hour)
        if offset is None:
            if len(self._offsets) >= _CLOCK_LIMIT:
                self._offsets.clear()
            start = from_us(hour * _HOUR, self.zone)
            end = from_us(hour * _HOUR + _HOUR - 1, self.zone)
            before, after = start.utcoffset(), end.utcoffset()
            offset = delta_us(before) if before == after and before is not None else _NONE
            self._offsets[hour] = offset
        return offset

    def local_us(self, at: int) -> int:
        """``at`` as local wall-clock microseconds since 1970-01-01 00:00 local."""
        offset = self.offset_us(at)
        if offset == _NONE:
            offset = delta_us(from_us(at, self.zone).utcoffset() or dt.timedelta(0))
        return at + offset

    def iso(self, at: int) -> str:
        """``at`` in ISO 8601 with its offset, exactly as ``datetime.isoformat`` writes it."""
        offset = self.offset_us(at)
        if offset == _NONE:
            return from_us(at, self.zone).isoformat()
        local = at + offset
        day = local // _DAY
        rest = local - day * _DAY
        date = self._dates.get(day)
        if date is None:
            if len(self._dates) >= _CLOCK_LIMIT:
                self._dates.clear()
            date = dt.date.fromordinal(day + _ORDINAL_1970).isoformat() + "T"
            self._dates[day] = date
        suffix = self._suffixes.get(offset)
        if suffix is None:
            suffix = from_us(at, self.zone).isoformat()[-6:] if offset % 60_000_000 == 0 else ""
            if not suffix:  # an offset with seconds: rare, and written the slow way
                return from_us(at, self.zone).isoformat()
            self._suffixes[offset] = suffix
        seconds = rest // _SECOND
        micro = rest - seconds * _SECOND
        text = (
            date
            + _TWO_DIGITS[seconds // 3600]
            + ":"
            + _TWO_DIGITS[seconds // 60 % 60]
            + ":"
            + _TWO_DIGITS[seconds % 60]
        )
        if micro:
            text += f".{micro:06d}"
        return text + suffix

    def hour_of_week(self, at: int) -> int:
        """The local hour of the week of ``at``: 0 is Monday 00:00-01:00, 167 Sunday 23:00."""
        local = self.local_us(at)
        day = local // _DAY
        hour = (local - day * _DAY) // _HOUR
        return ((day + 3) % 7) * 24 + hour  # 1970-01-01 was a Thursday

    def local_day(self, at: int) -> int:
        """The local date of ``at`` as an ordinal (``datetime.date.fromordinal`` reads it)."""
        return self.local_us(at) // _DAY + _ORDINAL_1970
