"""Who is really reached when a level notifies its contacts (SPEC section 10).

Pure: the matrix in, answers out; no files (schedules arrive as shifts, read by
:mod:`escmatrix.loading.schedules`). Instants are whole microseconds since the epoch, as in
the engine. Working hours come from :mod:`escmatrix.calendars`.

For one contact at one instant, the walk is:

1. A contact with a ``calendar`` is out of reach outside its working time (holidays closed).
2. A rotation or a schedule stands for the member on duty at that instant (an override
   wins over the turns); that member is then walked the same way (its own hours and
   deputy). A schedule with no shift at that instant has nobody on duty.
3. A contact out of reach (outside its hours, nobody on duty, or its member on duty out of
   reach) is replaced by its ``deputy``, walked the same way: deputies chain. A chain that
   comes back to a contact already walked stops there (validation reports the cycle).
4. A contact with none of these is always reached.

:meth:`Availability.resolve` does that for the contacts of one notification: the people
reached (each once, in order), the level's contacts nobody could stand in for
(``unreachable``) with the first instant one of them can be reached (``next_reachable``,
looked for up to a year ahead), the contacts that were asked for outside their hours
(``after_hours``), and a sentence saying what happened. Each answer holds for the whole
interval in which none of the calendars, turns and shifts it looked at changes, and is kept
for that interval per set of contacts: a replay asks again only when that interval is over.

Rotations hand over at the same wall-clock time in the matrix zone across DST changes:
turn ``k`` starts at the local time ``anchor + k * every`` (``anchor``: the handoff time on
the first matching day on or after ``start``; turns before it count back the same way).
A local time that does not exist (the spring-forward hour) is read with the offset before
the change, as calendars do, so each turn ends exactly where the next begins: every instant
has exactly one member on duty. A turn that the change leaves empty (``every: 1h`` through
the skipped hour) goes to nobody and the next member takes over.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import itertools
from typing import NamedTuple
from zoneinfo import ZoneInfo

from escmatrix.calendars import FOREVER, WorkCalendar
from escmatrix.model import Contact, Matrix, Rotation, Schedule

__all__ = ["FOREVER", "Availability", "Resolution", "RotationDuty", "ScheduleDuty"]

_US_PER_MINUTE = 60_000_000
_LOOK_AHEAD = 366 * 86_400 * 1_000_000  # next_reachable is looked for up to a year ahead
_EPOCH_NAIVE = dt.datetime(1970, 1, 1)


class Resolution(NamedTuple):
    """Who one notification reaches."""

    contacts: tuple[str, ...]  # the people actually notified
    unreachable: tuple[str, ...]  # contacts nobody could stand in for
    next_reachable: int | None  # when the first of them can be reached (None: not in a year)
    detail: str  # what happened, "" when every contact was reached as it is
    after_hours: tuple[str, ...]  # contacts asked for outside their working hours
    waiting: tuple[str, ...] = ()  # of the unreachable, those that wait on purpose


# --- duty: who is on duty at an instant ----------------------------------------------------

# A piece of a duty timeline: (start, end, member or None)
_Piece = tuple[int, int, str | None]


def _local_us(zone: ZoneInfo, naive: dt.datetime) -> int:
    """The instant of a local wall-clock time (fold=0, as calendars read one)."""
    offset = zone.utcoffset(naive)
    wall = (naive - _EPOCH_NAIVE) // dt.timedelta(microseconds=1)
    return wall - (offset // dt.timedelta(microseconds=1) if offset is not None else 0)


def _layered(pieces: list[_Piece]) -> list[_Piece]:
    """Pieces laid one over the other in order (a later one wins where they overlap), as
    a sorted list of pieces that do not overlap."""
    result: list[_Piece] = []
    for start, end, member in pieces:
        kept: list[_Piece] = []
        for s, e, m in result:
            if e <= start or s >= end:
                kept.append((s, e, m))
                continue
            if s < start:
                kept.append((s, start, m))
            if e > end:
                kept.append((end, e, m))
        kept.append((start, end, member))
        result = sorted(kept)
    return result


class _Timeline:
    """A sorted list of pieces that do not overlap, looked up by instant."""

    def __init__(self, pieces: list[_Piece]) -> None:
        self.pieces = pieces
        self.starts = [p[0] for p in pieces]

    def find(self, t: int) -> tuple[_Piece | None, int, int]:
        """(the piece holding ``t`` or None, and else the gap around it: the end of the
        piece before and the start of the piece after)."""
        index = bisect.bisect_right(self.starts, t) - 1
        if index >= 0 and self.pieces[index][1] > t:
            return self.pieces[index], 0, 0
        before = self.pieces[index][1] if index >= 0 else -FOREVER
        after = self.pieces[index + 1][0] if index + 1 < len(self.pieces) else FOREVER
        return None, before, after


class RotationDuty:
    """The member on duty of an on-call rotation at any instant (see the module docs)."""

    def __init__(self, rotation: Rotation, zone: ZoneInfo) -> None:
        self.rotation = rotation
        self.zone = zone
        self.members = rotation.members
        day = rotation.start
        if rotation.handoff_day is not None:
            day += dt.timedelta(days=(rotation.handoff_day - day.weekday()) % 7)
        self.anchor = dt.datetime.combine(day, dt.time()) + dt.timedelta(
            minutes=rotation.handoff_minute
        )
        self.step = dt.timedelta(seconds=max(60, rotation.every.seconds))
        self.step_us = self.step // dt.timedelta(microseconds=1)
        self.first = _local_us(zone, self.anchor)
        self.overrides = _Timeline(
            _layered(
                [
                    (_us(o.start), _us(o.end), o.member)
                    for o in rotation.overrides
                    if o.end > o.start
                ]
            )
        )

    def handoff(self, k: int) -> int:
        """The instant turn ``k`` begins (turn 0 is the first member's first turn)."""
        return _local_us(self.zone, self.anchor + k * self.step)

    def turn(self, t: int) -> tuple[int, int, int]:
        """(turn number, its start, its end) of the turn holding instant ``t``."""
        k = (t - self.first) // self.step_us
        while self.handoff(k) > t:
            k -= 1
        while self.handoff(k + 1) <= t:
            k += 1
        return k, self.handoff(k), self.handoff(k + 1)

    def at(self, t: int) -> tuple[str | None, int, int]:
        """(member on duty at ``t``, and the interval around ``t`` in which that holds)."""
        piece, before, after = self.overrides.find(t)
        if piece is not None:
            return piece[2], piece[0], piece[1]
        k, start, end = self.turn(t)
        member = self.members[k % len(self.members)] if self.members else None
        return member, max(start, before), min(end, after)


class ScheduleDuty:
    """The member on duty of an iCalendar schedule: the shift holding the instant (of
    overlapping shifts, the one that began last; on a tie the first in the file), or
    nobody between shifts and for a shift that names no contact."""

    def __init__(self, schedule: Schedule) -> None:
        self.schedule = schedule
        shifts = sorted(enumerate(schedule.shifts), key=lambda item: item[1].start)
        bounds = sorted({s.start for _, s in shifts} | {s.end for _, s in shifts})
        pieces: list[_Piece] = []
        active: list[tuple[int, int, int, str | None]] = []  # (-start, order, end, member)
        next_shift = 0
        for left, right in itertools.pairwise(bounds):
            while next_shift < len(shifts) and shifts[next_shift][1].start <= left:
                order, shift = shifts[next_shift]
                heapq.heappush(active, (-shift.start, order, shift.end, shift.member))
                next_shift += 1
            # a shift that has ended is dropped once it is on top: below the top it
            # cannot win anyway, as the top began later and is still running
            while active and active[0][2] <= left:
                heapq.heappop(active)
            if not active:
                continue
            member = active[0][3]
            if pieces and pieces[-1][1] == left and pieces[-1][2] == member:
                pieces[-1] = (pieces[-1][0], right, member)
            else:
                pieces.append((left, right, member))
        self.timeline = _Timeline(pieces)

    def at(self, t: int) -> tuple[str | None, int, int]:
        piece, before, after = self.timeline.find(t)
        if piece is None:
            return None, before, after
        return piece[2], piece[0], piece[1]


def _us(at: dt.datetime) -> int:
    return (at - dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)) // dt.timedelta(microseconds=1)


# --- the resolver ----------------------------------------------------------------------------


class _Walk:
    """What one walk saw: the interval its answer holds for, sentences, contacts away."""

    __slots__ = ("away", "high", "low", "phrases", "waits")

    def __init__(self) -> None:
        self.low, self.high = -FOREVER, FOREVER
        self.phrases: list[str] = []
        self.away: list[str] = []
        self.waits = False  # the walk stopped at a contact that waits for its opening

    def clip(self, low: int, high: int) -> None:
        if low > self.low:
            self.low = low
        if high < self.high:
            self.high = high


class Availability:
    """Resolves the contacts of a notification to the people reached (see the module docs).

    ``calendars`` are the matrix's calendars by id (what
    :func:`escmatrix.loading.calendars.calendars_for` builds, holidays included; the
    coverage-gap rule passes calendars without holidays)."""

    def __init__(self, matrix: Matrix, calendars: dict[str, WorkCalendar]) -> None:
        self.matrix = matrix
        self.zone = ZoneInfo(matrix.timezone)
        self.calendars = calendars
        self.contacts: dict[str, Contact] = matrix.contact_by_id
        self.duties: dict[str, RotationDuty | ScheduleDuty] = {}
        for contact in matrix.contacts:
            if contact.rotation is not None:
                self.duties[contact.id] = RotationDuty(contact.rotation, self.zone)
            elif contact.schedule is not None:
                self.duties[contact.id] = ScheduleDuty(contact.schedule)
        # contacts -> (from, until, answer): the last answer asked for, and how long it holds
        self._cache: dict[tuple[str, ...], tuple[int, int, Resolution]] = {}

    def name(self, contact_id: str) -> str:
        contact = self.contacts.get(contact_id)
        return contact.name if contact is not None else contact_id

    # -- one contact ------------------------------------------------------------------------

    def reach(self, contact_id: str, t: int, walk: _Walk | None = None) -> str | None:
        """The contact reached for ``contact_id`` at ``t``, or None when nobody is."""
        return self._walk(contact_id, t, walk or _Walk(), (), "")

    def _walk(
        self, contact_id: str, t: int, walk: _Walk, seen: tuple[str, ...], prefix: str
    ) -> str | None:
        contact = self.contacts.get(contact_id)
        if contact is None:
            return contact_id  # not a contact of the matrix (validation says so): as given
        if contact_id in seen:
            return None  # a deputy cycle (validation says so): nobody new to ask
        seen = (*seen, contact_id)
        reached: str | None = None
        name = contact.name
        calendar = self.calendars.get(contact.calendar) if contact.calendar else None
        duty = self.duties.get(contact_id)
        is_open = True
        if calendar is not None:
            is_open, low, high = calendar.state_us(t)
            walk.clip(low, high)
        if not is_open:
            walk.away.append(contact_id)
            walk.phrases.append(f"{prefix}{name} is outside {contact.calendar} hours")
            if contact.outside_hours == "wait":
                walk.waits = True
                return None  # on purpose: the page waits for the opening, no deputy
        elif duty is not None:
            member, low, high = duty.at(t)
            walk.clip(low, high)
            if member is None:
                walk.phrases.append(f"{prefix}{name} has nobody on duty")
            else:
                on_duty = self.name(member)
                walk.phrases.append(
                    f"{prefix}{name}: {on_duty} on duty"
                    if prefix
                    else f"{on_duty} is on duty for {name}"
                )
                reached = self._walk(member, t, walk, seen, "")
        else:
            reached = contact_id
            if prefix:
                walk.phrases.append(f"{prefix}{name} contacted")
        if reached is None and contact.deputy:
            reached = self._walk(contact.deputy, t, walk, seen, "deputy ")
        return reached

    def next_reachable(self, contact_id: str, t: int) -> int | None:
        """The first instant from ``t`` on at which someone is reached for ``contact_id``
        (up to a year ahead), or None."""
        at = t
        limit = t + _LOOK_AHEAD
        while at < limit:
            walk = _Walk()
            if self._walk(contact_id, at, walk, (), "") is not None:
                return at
            if walk.high >= FOREVER or walk.high <= at:
                return None
            at = walk.high
        return None

    # -- one notification ---------------------------------------------------------------------

    def resolve(self, contacts: tuple[str, ...], t: int) -> Resolution:
        """Who a notification to ``contacts`` at instant ``t`` reaches."""
        cached = self._cache.get(contacts)
        if cached is not None and cached[0] <= t < cached[1]:
            return cached[2]
        resolution, low, high = self.resolve_span(contacts, t)
        self._cache[contacts] = (low, high, resolution)
        return resolution

    def resolve_span(
        self, contacts: tuple[str, ...], t: int, look_ahead: bool = True
    ) -> tuple[Resolution, int, int]:
        """:meth:`resolve`, with the interval around ``t`` the answer holds for; without
        ``look_ahead`` ``next_reachable`` is not looked for (None)."""
        walk = _Walk()
        reached: list[str] = []
        unreachable: list[str] = []
        nexts: list[int] = []
        waiting: list[str] = []
        for contact_id in contacts:
            walk.waits = False
            who = self._walk(contact_id, t, walk, (), "")
            if who is None:
                unreachable.append(contact_id)
                if walk.waits:
                    waiting.append(contact_id)
                when = self.next_reachable(contact_id, t) if look_ahead else None
                if when is not None:
                    nexts.append(when)
                    what = "waits" if walk.waits else "nobody reachable"
                    walk.phrases.append(f"{what} until {self.when(when)}")
                elif look_ahead:
                    walk.phrases.append("nobody reachable within a year")
            elif who not in reached:
                reached.append(who)
        resolution = Resolution(
            tuple(reached),
            tuple(unreachable),
            min(nexts) if nexts else None,
            "; ".join(walk.phrases),
            tuple(dict.fromkeys(walk.away)),
            tuple(waiting),
        )
        return resolution, walk.low, walk.high

    def when(self, t: int) -> str:
        """An instant as the sentences write it: ``Mon 30 Mar 2026 09:00`` (matrix zone)."""
        moment = dt.datetime.fromtimestamp(t // 1_000_000, self.zone)
        return moment.strftime("%a %d %b %Y %H:%M")

    # -- coverage ------------------------------------------------------------------------------

    def coverage_gaps(
        self, contacts: tuple[str, ...], monday: dt.date, weeks: int
    ) -> list[tuple[int, int]]:
        """The minutes of the week (Monday 00:00 in the matrix zone is 0) at which nobody
        is reached for ``contacts`` in at least one of ``weeks`` weeks from ``monday``, as
        runs of (first minute, number of minutes), a run across Sunday midnight as one.
        Minutes when every contact left out waits for its opening on purpose
        (``outside_hours: wait``) are no gap."""
        start = _local_us(self.zone, dt.datetime.combine(monday, dt.time()))
        end = _local_us(self.zone, dt.datetime.combine(monday, dt.time()) + weeks * _WEEK)
        missed = bytearray(_MINUTES_OF_WEEK)
        t = start
        while t < end:
            resolution, _, high = self.resolve_span(contacts, t, look_ahead=False)
            high = min(max(high, t + _US_PER_MINUTE), end)
            if not resolution.contacts and resolution.waiting != resolution.unreachable:
                local = dt.datetime.fromtimestamp(t // 1_000_000, self.zone)
                first = local.weekday() * 1440 + local.hour * 60 + local.minute
                length = min(-(-(high - t) // _US_PER_MINUTE), _MINUTES_OF_WEEK)
                for minute in range(first, first + length):
                    missed[minute % _MINUTES_OF_WEEK] = 1
            t = high
        return _runs(missed)


_WEEK = dt.timedelta(days=7)
_MINUTES_OF_WEEK = 7 * 1440


def _runs(marks: bytearray) -> list[tuple[int, int]]:
    """Runs of marked minutes of the week as (first, length); one across the week's end."""
    size = len(marks)
    if all(marks):
        return [(0, size)]
    if not any(marks):
        return []
    origin = marks.index(0)  # start from an unmarked minute so that no run is cut in two
    runs: list[tuple[int, int]] = []
    index = 0
    while index < size:
        minute = (origin + index) % size
        if marks[minute]:
            length = 0
            while index < size and marks[(origin + index) % size]:
                length += 1
                index += 1
            runs.append((minute, length))
        else:
            index += 1
    return sorted(runs)
