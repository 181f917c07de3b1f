"""The simulation engine: ticket events in, notifications out (SPEC section 5).

Pure: no files, no printing. :class:`Simulation` keeps one small state per ticket and
produces :class:`Notification` records as events arrive; :meth:`Simulation.finish` fires
the timers still running up to the horizon.

Semantics, beyond SPEC section 5 (choices written down where it is silent):

- Tickets are independent. While the log is in time order, every ticket's timers that fall
  before an event fire before it, so the output is in time order too. When the log goes
  back in time (a log grouped by ticket), other tickets' timers fire at their own next
  event or at the horizon; each ticket's records stay in time order. A ticket whose own
  events go back in time raises :class:`LogOrderError` (the replay driver then holds and
  sorts the log).
- A timer due exactly when one of the ticket's events happens is pre-empted by the event;
  at the horizon, timers due at or before it fire.
- Paused time is working time of the level's calendar: on resume the deadline moves on by
  the working time spent paused. A ticket escalated while paused stays paused; the new
  level's clock starts when it is resumed.
- When several armed triggers match one event, the one that moves the ticket highest wins
  (the first in the file on a tie); the ``notify`` contacts of every matching armed trigger
  join its notification, so nobody who should hear of the event is left out. A trigger
  that does not move the ticket informs only its ``notify`` contacts.
- ``escalated`` moves to the logged level if it is higher; one with no level moves one level
  up. One whose level is at or below where the replay has the ticket, or a level the matrix
  does not know, changes nothing and is counted (SPEC 5.3: never an escalation to a level the
  log does not show); so does one with no level at the top of the path.
- ``priority_changed`` while paused: if the working time used before the pause already
  exceeds the new window, the ticket moves at once and stays paused (SPEC 5.4); no timer
  fires while a ticket is paused.
- ``resolved`` and ``closed`` end the ticket; ``reopened`` brings back either, at the level
  it ended at, with a fresh clock. Other events for an ended ticket are counted and ignored.
  (A small record of each ended ticket is kept to allow that.)
- A ticket whose first row is not ``created`` is created at that row (counted as creation
  inferred), then the row is applied.
- A ticket whose category is unknown (and no default was given) is skipped with all its
  rows, counted under ``unknown category`` with its first line number.
- An unknown priority falls back to the matrix default and is counted.

Inside, instants are whole microseconds since the epoch (comparing and adding integers is
what makes a replay of a million rows take seconds, not minutes); datetimes are built
only for the notifications.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar

from escmatrix.calendars import calendars_for
from escmatrix.durations import Duration, as_working_time, format_duration
from escmatrix.model import Category, Escalate, Matrix, Trigger
from escmatrix.simulation.events import (
    CLOSED,
    CREATED,
    ESCALATED,
    PAUSED,
    PRIORITY_CHANGED,
    REOPENED,
    RESOLVED,
    RESUMED,
    BoundedCounter,
    Event,
    Problems,
)
from escmatrix.simulation.reach import Reach
from escmatrix.suggest import hint

UTC = dt.timezone.utc
EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
NEVER = dt.datetime(9999, 12, 31, tzinfo=UTC)
_US = dt.timedelta(microseconds=1)
_US_PER_SECOND = 1_000_000
_new_tuple = tuple.__new__
_BEFORE_ALL = -(2**62)  # before any instant: the watermark and latest time of an empty log


_day_starts: dict[tuple[int, dt.tzinfo], int] = {}


def to_us(at: dt.datetime) -> int:
    """An aware datetime as whole microseconds since the epoch."""
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
            start = _day_starts[key] = (midnight - EPOCH) // _US
        return start + ((at.hour * 60 + at.minute) * 60 + at.second) * 1_000_000 + at.microsecond
    return (at - EPOCH) // _US


def local_time(us: int, zone: dt.tzinfo) -> dt.datetime:
    """Whole microseconds since the epoch as a time in ``zone``."""
    seconds, micro = divmod(us, _US_PER_SECOND)
    moment = dt.datetime.fromtimestamp(seconds, zone)
    return moment.replace(microsecond=micro) if micro else moment


Record = TypeVar("Record")


def drain(
    feed: Callable[[Event, list[Record]], None],
    events: Iterable[Event],
    finish: Callable[[], list[Record]],
) -> Iterator[Record]:
    """Every record ``feed`` puts out for ``events`` (one list reused), then ``finish()``'s."""
    out: list[Record] = []
    for event in events:
        feed(event, out)
        if out:
            yield from out
            out.clear()
    yield from finish()


def skip_unknown_category(matrix: Matrix, problems: Problems, source: str, event: Event) -> None:
    """Report the first row of a ticket whose category cannot be told (SPEC 5: the ticket
    is skipped with all its rows)."""
    if event.category:
        known = hint(event.category, matrix.category_by_id)
        what = f"the matrix has no category {event.category!r} ({known})"
    else:
        what = "the row gives no category (a mapping can set one: category: {default: ID})"
    problems.add(
        source,
        event.line,
        "unknown category",
        f"ticket {event.ticket}: {what}; the ticket is skipped",
    )


def known_priority(matrix: Matrix, priority: str | None, ignored: Counter[str]) -> str | None:
    """The priority a ticket row gives, or the matrix default for none or an unknown one
    (counted in ``ignored``)."""
    if priority is None:
        return matrix.default_priority
    if priority in matrix.priority_by_id:
        return priority
    ignored[f"unknown priority {priority!r} (default used)"] += 1
    return matrix.default_priority


class LogOrderError(Exception):
    """A ticket's events go back in time: the log is in no usable order."""

    def __init__(self, ticket: str, line: int, time: dt.datetime, previous: dt.datetime) -> None:
        super().__init__(
            f"line {line}: ticket {ticket} goes back in time ({time.isoformat()} after"
            f" {previous.isoformat()})"
        )
        self.ticket, self.line = ticket, line


class Notification(NamedTuple):
    """Who is contacted, when and why."""

    ticket: str
    time: dt.datetime  # in the matrix time zone
    level: str
    level_name: str
    contacts: tuple[str, ...]
    reason: str  # created, timeout, trigger:<id>, manual, priority, reopened, exhausted
    detail: str
    # Who is really reachable (SPEC 10; a matrix without availability keeps the defaults):
    # the contacts nobody could stand in for, when the first of them can be reached, and
    # the contacts asked for outside their hours. ``contacts`` are the people notified.
    unreachable: tuple[str, ...] = ()
    next_reachable: dt.datetime | None = None
    after_hours: tuple[str, ...] = ()

    def to_record(self, reach: bool = False) -> dict[str, object]:
        """The record as JSON data; ``reach`` adds the fields of a matrix with availability."""
        record: dict[str, object] = {
            "ticket": self.ticket,
            "time": self.time.isoformat(),
            "level": self.level,
            "level_name": self.level_name,
            "contacts": list(self.contacts),
            "reason": self.reason,
            "detail": self.detail,
        }
        if reach:
            record["unreachable"] = list(self.unreachable)
            nxt = self.next_reachable
            record["next_reachable"] = nxt.isoformat() if nxt is not None else None
            record["after_hours"] = list(self.after_hours)
        return record


FIELDS = Notification._fields[:7]  # the fields of every record
REACH_FIELDS = Notification._fields[7:]  # and those of a matrix with availability


@dataclass
class Counts:
    """What the engine saw besides notifications."""

    events: int = 0
    tickets: int = 0
    creation_inferred: int = 0
    unknown_events: BoundedCounter = field(default_factory=BoundedCounter)
    ignored: BoundedCounter = field(default_factory=BoundedCounter)
    after_horizon: int = 0
    highest_level: Counter[str] = field(default_factory=Counter)
    unresolved: Counter[str] = field(default_factory=Counter)  # open at the horizon, by level


class _Step:
    """Everything about one level of one category's path for one priority, computed once:
    the window, its calendar, the contacts and the sentences of its notifications."""

    __slots__ = (
        "armed",
        "calendar",
        "contacts",
        "exhausted_detail",
        "fixed_us",
        "is_last",
        "level_id",
        "level_name",
        "max",
        "position",
        "timeout_detail",
    )

    def __init__(
        self, sim: Simulation, category: Category, position: int, priority: str | None
    ) -> None:
        matrix = sim.matrix
        path = matrix.path(category)
        self.position = position
        self.level_id = level_id = path[position]
        level = matrix.level_by_id[level_id]
        self.level_name = level.name
        self.contacts = matrix.contacts_for(category, level_id)
        self.calendar = sim._calendars[matrix.level_calendar(level)]
        window = matrix.window(level, priority)
        self.max: Duration | None = window.max
        # On the 24x7 calendar an amount of time is a plain addition.
        fixed = (
            window.max is not None and not window.max.is_business and self.calendar.id == "always"
        )
        self.fixed_us = window.max.seconds * _US_PER_SECOND if fixed and window.max else None
        self.is_last = position + 1 >= len(path)
        label = ""
        if window.max is not None:
            scaled = f" ({priority})" if window != level.window.default else ""
            amount = as_working_time(window.max, matrix.working_day_seconds(level))
            label = f"{format_duration(amount)} window of {level_id}{scaled}"
        self.timeout_detail = f"{label} elapsed without resolution"
        self.exhausted_detail = f"{self.timeout_detail}; {level_id} is the last level of the path"
        self.armed = matrix.armed(category, level_id)


class _Ended(NamedTuple):
    """What is kept of a resolved or closed ticket, so that it can be reopened."""

    category: str
    priority: str | None
    position: int
    highest: int
    closed: bool


class _Ticket:
    __slots__ = (
        "base_deadline",
        "category",
        "deadline",
        "entered",
        "exhausted",
        "highest",
        "id",
        "last_time",
        "path",
        "paused_since",
        "paused_work",
        "position",
        "priority",
        "seq",
        "step",
    )

    def __init__(
        self,
        ticket_id: str,
        category: Category,
        path: tuple[str, ...],
        priority: str | None,
        now: int,
    ) -> None:
        self.id = ticket_id
        self.category = category
        self.path = path
        self.priority = priority
        self.position = 0
        self.highest = 0
        self.step: _Step
        self.entered = now
        self.base_deadline: int | None = None
        self.deadline: int | None = None
        self.paused_since: int | None = None
        self.paused_work = 0
        self.exhausted = False
        self.last_time = now
        self.seq = 0


class Simulation:
    """Replays ticket events against a matrix. Feed events with :meth:`feed` (or iterate
    :meth:`replay`), then call :meth:`finish`; :attr:`counts` holds what was seen."""

    def __init__(
        self,
        matrix: Matrix,
        *,
        horizon: dt.datetime | None = None,
        problems: Problems | None = None,
        source: str = "<log>",
    ) -> None:
        import zoneinfo

        self.matrix = matrix
        self.horizon = horizon
        self._horizon_us = None if horizon is None else to_us(horizon)
        self.problems = problems if problems is not None else Problems()
        self.source = source
        self.counts = Counts()
        self.zone = zoneinfo.ZoneInfo(matrix.timezone)
        self._calendars = calendars_for(matrix)
        # who is really reachable when a level notifies (SPEC 10): only if a contact has
        # hours, a deputy, a rotation or a schedule
        self._reach = (
            Reach(matrix, self._calendars, self._time) if matrix.uses_availability else None
        )
        self._steps: dict[tuple[str, int, str | None], _Step] = {}
        self._paths = {category.id: matrix.path(category) for category in matrix.categories}
        self._openings: dict[tuple[str, str | None], tuple[tuple[str, ...], int, str]] = {}
        self._tickets: dict[str, _Ticket] = {}
        self._ended: dict[str, _Ended] = {}
        # Ended tickets share their records: a handful of distinct ones (category, priority,
        # levels, closed or not) stand for thousands of tickets, at the cost of a key each.
        self._end_states: dict[_Ended, _Ended] = {}
        self._skipped: set[str] = set()
        self._heap: list[tuple[int, int, str]] = []
        self._seq = 0
        self._watermark = _BEFORE_ALL
        self._in_order = True
        self._latest = _BEFORE_ALL
        self._events = 0
        self._latest_time: dt.datetime | None = None
        self._triggers_by_event: dict[str, list[Trigger]] = {}
        for trigger in matrix.triggers:
            for name in trigger.events:
                self._triggers_by_event.setdefault(name, []).append(trigger)
        self._handlers = {
            CREATED: self._created_again,
            ESCALATED: self._escalated,
            PRIORITY_CHANGED: self._priority_changed,
            PAUSED: self._paused,
            RESUMED: self._resumed,
            RESOLVED: self._end,
            CLOSED: self._end,
            REOPENED: self._reopened_while_open,
        }

    # --- public -------------------------------------------------------------------------

    @property
    def in_time_order(self) -> bool:
        """True while every event so far came in time order across tickets."""
        return self._in_order

    @property
    def events_seen(self) -> int:
        """Events applied so far (events after the horizon are not counted)."""
        return self._events

    @property
    def latest(self) -> dt.datetime | None:
        """The latest event time seen (the default horizon)."""
        return self._latest_time

    def replay(self, events: Iterable[Event]) -> Iterator[Notification]:
        """Every notification of ``events``, then those of :meth:`finish`."""
        return drain(self._feed, events, self.finish)

    def feed(self, event: Event) -> list[Notification]:
        """Apply one event; returns the notifications it (and timers before it) caused."""
        out: list[Notification] = []
        self._feed(event, out)
        return out

    def _feed(self, event: Event, out: list[Notification]) -> None:
        now = to_us(event.time)
        horizon = self._horizon_us
        if horizon is not None and now > horizon:
            self.counts.after_horizon += 1
            return
        self._events += 1
        if now > self._latest:
            self._latest, self._latest_time = now, event.time
        if self._in_order:
            if now < self._watermark:
                self._in_order = False
            else:
                self._watermark = now
                heap = self._heap
                if heap and heap[0][0] < now:
                    self._fire_due(now, out, inclusive=False)
        ticket = self._tickets.get(event.ticket)
        if ticket is not None:
            if now < ticket.last_time:
                raise LogOrderError(ticket.id, event.line, event.time, self._time(ticket.last_time))
            deadline = ticket.deadline
            if deadline is not None and deadline < now:
                self._advance(ticket, now, out, inclusive=False)
            ticket.last_time = now
            self._apply(ticket, event, now, out)
            return
        ended = self._ended.get(event.ticket)
        if ended is not None:
            self._after_end(event, now, ended, out)
        elif event.ticket in self._skipped:
            self._events -= 1  # counted as a skipped row, not as an event
            self.problems.counts["rows of skipped tickets"] += 1
        else:
            self._first_row(event, now, out)

    def finish(self) -> list[Notification]:
        """Fire the timers still running, up to the horizon (the latest event by default)."""
        self.counts.events = self._events
        horizon = self._horizon_us if self._horizon_us is not None else self._latest
        out: list[Notification] = []
        if horizon != _BEFORE_ALL:
            self._fire_due(horizon, out, inclusive=True)
        highest = self.counts.highest_level
        highest.clear()
        for ticket in self._tickets.values():
            self.counts.unresolved[ticket.path[ticket.position]] += 1
            highest[ticket.path[ticket.highest]] += 1
        for ended in self._ended.values():
            path = self._paths[ended.category]
            highest[path[ended.highest]] += 1
        return out

    # --- time ---------------------------------------------------------------------------

    def _time(self, us: int) -> dt.datetime:
        return local_time(us, self.zone)

    def _deadline(self, step: _Step, start: int) -> int | None:
        if step.fixed_us is not None:
            return start + step.fixed_us
        if step.max is None:
            return None
        return step.calendar.add_us(start, step.max)

    # --- timers -------------------------------------------------------------------------

    def _schedule(self, ticket: _Ticket) -> None:
        if ticket.deadline is not None:
            self._seq += 1
            ticket.seq = self._seq
            heapq.heappush(self._heap, (ticket.deadline, self._seq, ticket.id))

    def _fire_due(self, until: int, out: list[Notification], inclusive: bool) -> None:
        """Fire every ticket's timers due before ``until`` (or at it when inclusive)."""
        heap, tickets = self._heap, self._tickets
        while heap and (heap[0][0] < until or (inclusive and heap[0][0] == until)):
            _, seq, ticket_id = heapq.heappop(heap)
            ticket = tickets.get(ticket_id)
            if ticket is None or ticket.seq != seq:
                continue  # stale entry: the ticket moved, paused or ended since
            # One timer a pop: the next level's timer goes back on the heap, so that other
            # tickets' timers due before it fire first and the output stays in time order.
            self._fire(ticket, out)

    def _advance(
        self, ticket: _Ticket, until: int, out: list[Notification], inclusive: bool
    ) -> None:
        """Fire ``ticket``'s own timers due before ``until`` (or at it when inclusive)."""
        while ticket.deadline is not None and (
            ticket.deadline < until or (inclusive and ticket.deadline == until)
        ):
            self._fire(ticket, out)

    def _fire(self, ticket: _Ticket, out: list[Notification]) -> None:
        """Fire the ticket's running timer: up one level, or exhausted at the last."""
        due = ticket.deadline
        assert due is not None
        step = ticket.step
        if step.is_last:
            ticket.exhausted = True
            ticket.deadline = None
            ticket.seq = 0
            out.append(self._notify(ticket, due, "exhausted", step.exhausted_detail))
        else:
            detail = step.timeout_detail
            self._move(ticket, ticket.position + 1, due)
            out.append(self._notify(ticket, due, "timeout", detail))

    # --- state changes --------------------------------------------------------------------

    def _step(self, ticket: _Ticket) -> _Step:
        key = (ticket.category.id, ticket.position, ticket.priority)
        step = self._steps.get(key)
        if step is None:
            step = self._steps[key] = _Step(self, ticket.category, ticket.position, ticket.priority)
        return step

    def _start_clock(self, ticket: _Ticket, at: int) -> None:
        """(Re)start the current level's clock at ``at``."""
        step = ticket.step = self._step(ticket)
        ticket.entered = at
        ticket.paused_work = 0
        ticket.exhausted = False
        ticket.base_deadline = self._deadline(step, at)
        if ticket.paused_since is not None:
            ticket.paused_since = at
            ticket.deadline = None
        else:
            ticket.deadline = ticket.base_deadline
        ticket.seq = 0  # whatever was scheduled before is stale now
        self._schedule(ticket)

    def _move(self, ticket: _Ticket, position: int, at: int) -> None:
        ticket.position = position
        if position > ticket.highest:
            ticket.highest = position
        self._start_clock(ticket, at)

    def _notify(
        self,
        ticket: _Ticket,
        at: int,
        reason: str,
        detail: str,
        extra: tuple[str, ...] = (),
        only: tuple[str, ...] | None = None,
    ) -> Notification:
        """A notification at the ticket's level: its contacts plus ``extra``, or ``only``."""
        step = ticket.step
        contacts = step.contacts if only is None else only
        if extra:
            contacts = contacts + tuple(c for c in extra if c not in contacts)
        moment = self._time(at)
        if self._reach is not None:  # the people really reached at that instant (SPEC 10)
            return self._reach.notification(
                ticket.id, moment, at, step.level_id, step.level_name, contacts, reason, detail
            )
        # tuple.__new__ directly: what Notification(...) does, without its Python frame
        return _new_tuple(
            Notification,
            (
                ticket.id,
                moment,
                step.level_id,
                step.level_name,
                contacts,
                reason,
                detail,
                (),
                None,
                (),
            ),
        )

    # --- events ---------------------------------------------------------------------------

    def _first_row(self, event: Event, now: int, out: list[Notification]) -> None:
        category = self._category(event)
        if category is None:
            self._events -= 1  # the ticket is skipped with its rows
            return
        priority = self._priority(event.priority)
        opening = self._openings.get((category.id, priority))
        if opening is None:
            opening = self._openings[(category.id, priority)] = self._opening(category, priority)
        path, position, detail = opening
        ticket = _Ticket(event.ticket, category, path, priority, now)
        ticket.position = ticket.highest = position
        self._tickets[event.ticket] = ticket
        self.counts.tickets += 1
        inferred = event.name != CREATED
        if inferred:
            self.counts.creation_inferred += 1
        self._start_clock(ticket, now)
        if inferred:
            detail += (
                f"; the log has no 'created' row, so its first row ({event.name}) stands for it"
            )
        out.append(self._notify(ticket, now, "created", detail))
        if inferred:
            self._apply(ticket, event, now, out)

    def _opening(
        self, category: Category, priority: str | None
    ) -> tuple[tuple[str, ...], int, str]:
        """Where a new ticket of this category and priority starts, and the sentence."""
        matrix = self.matrix
        path = self._paths[category.id]
        position = path.index(matrix.start_level(category, priority))
        detail = f"ticket created ({priority or 'no priority'}, {category.name})"
        if position:
            detail += f"; {priority} tickets start at {path[position]}"
        return path, position, detail

    def _category(self, event: Event) -> Category | None:
        category = self.matrix.category_for(event.category)
        if category is None:
            self._skipped.add(event.ticket)
            skip_unknown_category(self.matrix, self.problems, self.source, event)
        return category

    def _priority(self, priority: str | None) -> str | None:
        return known_priority(self.matrix, priority, self.counts.ignored)

    def _apply(self, ticket: _Ticket, event: Event, now: int, out: list[Notification]) -> None:
        handler = self._handlers.get(event.name)
        if handler is not None:
            handler(ticket, event, now, out)
        elif event.name in self._triggers_by_event:
            self._trigger(ticket, event, now, out)
        else:
            self.counts.unknown_events[event.name] += 1

    def _created_again(
        self, ticket: _Ticket, event: Event, now: int, out: list[Notification]
    ) -> None:
        self.counts.ignored["created again while open"] += 1

    def _reopened_while_open(
        self, ticket: _Ticket, event: Event, now: int, out: list[Notification]
    ) -> None:
        self.counts.ignored["reopened while open"] += 1

    def _paused(self, ticket: _Ticket, event: Event, now: int, out: list[Notification]) -> None:
        if ticket.paused_since is not None:
            self.counts.ignored["paused while paused"] += 1
            return
        ticket.paused_since = now
        ticket.deadline = None
        ticket.seq = 0

    def _resumed(self, ticket: _Ticket, event: Event, now: int, out: list[Notification]) -> None:
        if ticket.paused_since is None:
            self.counts.ignored["resumed while running"] += 1
            return
        calendar = ticket.step.calendar
        ticket.paused_work += calendar.working_us(ticket.paused_since, now)
        ticket.paused_since = None
        if ticket.base_deadline is not None and not ticket.exhausted:
            ticket.deadline = self._shifted(ticket)
            self._schedule(ticket)

    def _shifted(self, ticket: _Ticket) -> int:
        """The base deadline moved on by the working time spent paused."""
        assert ticket.base_deadline is not None
        if not ticket.paused_work:
            return ticket.base_deadline
        return ticket.step.calendar.add_working_us(ticket.base_deadline, ticket.paused_work)

    def _end(self, ticket: _Ticket, event: Event, now: int, out: list[Notification]) -> None:
        del self._tickets[ticket.id]
        state = _new_tuple(  # _Ended(...) without its Python frame
            _Ended,
            (
                ticket.category.id,
                ticket.priority,
                ticket.position,
                ticket.highest,
                event.name == CLOSED,
            ),
        )
        self._ended[ticket.id] = self._end_states.setdefault(state, state)

    def _after_end(self, event: Event, now: int, ended: _Ended, out: list[Notification]) -> None:
        if event.name == REOPENED:
            category = self.matrix.category_by_id[ended.category]
            ticket = _Ticket(event.ticket, category, self._paths[category.id], ended.priority, now)
            ticket.position, ticket.highest = ended.position, ended.highest
            del self._ended[event.ticket]
            self._tickets[event.ticket] = ticket
            self._start_clock(ticket, now)
            out.append(
                self._notify(
                    ticket,
                    now,
                    "reopened",
                    f"ticket reopened; back at {ticket.path[ticket.position]} with a fresh clock",
                )
            )
        elif event.name == CLOSED and not ended.closed:
            closed = ended._replace(closed=True)
            self._ended[event.ticket] = self._end_states.setdefault(closed, closed)
        else:
            state = "closed" if ended.closed else "resolved"
            self.counts.ignored[f"{event.name} after the ticket was {state}"] += 1

    def _escalated(self, ticket: _Ticket, event: Event, now: int, out: list[Notification]) -> None:
        target, counted, detail = self.escalation(
            ticket.category, ticket.path, ticket.position, event.level
        )
        if counted:
            self.counts.ignored[counted] += 1
        if target is not None:
            self._move(ticket, target, now)
            out.append(self._notify(ticket, now, "manual", detail))

    def escalation(
        self, category: Category, path: tuple[str, ...], position: int, level: str | None
    ) -> tuple[int | None, str, str]:
        """What an ``escalated`` row (to ``level``, or to no level) does to a ticket of
        ``category`` at ``position`` of its ``path``:
        (the path position it moves to or None, what is counted instead, the sentence).

        A logged level at or below where the replay already has the ticket changes nothing
        (the draft matrix got there first): a replay never invents an escalation to a level
        the log does not show. A level the matrix does not know changes nothing either."""
        matrix = self.matrix
        if level is None:
            if position + 1 >= len(path):
                return None, "escalated at the top of the path", ""
            return position + 1, "", "escalated in the log; moved one level up"
        if level not in matrix.level_by_id:
            return None, f"escalated to unknown level {level!r}", ""
        logged = matrix.target(category, path[position], Escalate("level", level=level))
        if logged is None:
            return None, "escalated to a level at or below where the ticket already is", ""
        return path.index(logged), "", f"escalated in the log to {level}"

    def _priority_changed(
        self, ticket: _Ticket, event: Event, now: int, out: list[Notification]
    ) -> None:
        new = event.priority
        matrix = self.matrix
        if new is None or new not in matrix.priority_by_id:
            self.counts.ignored["priority_changed without a known priority"] += 1
            return
        if new == ticket.priority:
            return
        ticket.priority = new
        start = matrix.priority_by_id[new].start
        if start in ticket.path and ticket.path.index(start) > ticket.position:
            name = matrix.priority_by_id[new].name
            self._move(ticket, ticket.path.index(start), now)
            out.append(
                self._notify(
                    ticket,
                    now,
                    "priority",
                    f"priority changed to {new}"
                    + (f" ({name})" if name else "")
                    + f", which starts at {start}",
                )
            )
            return
        # Re-time the current level with the new window, counted from when it was entered.
        step = ticket.step = self._step(ticket)
        if ticket.exhausted:
            return
        ticket.base_deadline = self._deadline(step, ticket.entered)
        if ticket.base_deadline is None:
            ticket.deadline = None
            ticket.seq = 0
            return
        deadline = self._shifted(ticket)
        if ticket.paused_since is not None:
            # Paused: the working time used before the pause counts. If it already exceeds
            # the new window the ticket moves now and stays paused; else the rest of the
            # window runs once it is resumed.
            if deadline > ticket.paused_since:
                return
        elif deadline > now:
            ticket.deadline = deadline
            self._schedule(ticket)
            return
        label = step.timeout_detail.removesuffix(" elapsed without resolution")
        if step.is_last:
            ticket.exhausted = True
            ticket.deadline = None
            ticket.seq = 0
            out.append(
                self._notify(
                    ticket,
                    now,
                    "exhausted",
                    f"priority changed to {new}: the {label} has already elapsed;"
                    f" {step.level_id} is the last level of the path",
                )
            )
        else:
            self._move(ticket, ticket.position + 1, now)
            out.append(
                self._notify(
                    ticket,
                    now,
                    "timeout",
                    f"priority changed to {new}: the {label} has already elapsed",
                )
            )

    def _trigger(self, ticket: _Ticket, event: Event, now: int, out: list[Notification]) -> None:
        armed = ticket.step.armed
        matching = [t for t in self._triggers_by_event[event.name] if t.id in armed]
        if not matching:
            self.counts.ignored[f"trigger event {event.name} not armed at the ticket's level"] += 1
            return
        best: Trigger | None = None
        best_position = ticket.position
        current = ticket.path[ticket.position]
        for trigger in matching:
            target = self.matrix.target(ticket.category, current, trigger.escalate)
            if target is not None:
                position = ticket.path.index(target)
                if position > best_position:
                    best, best_position = trigger, position
        notify = tuple(dict.fromkeys(c for t in matching for c in t.notify))
        if best is None:
            if not notify:
                self.counts.ignored[f"trigger {matching[0].id} at or above its target"] += 1
                return
            names = ", ".join(
                self.matrix.contact_by_id[c].name if c in self.matrix.contact_by_id else c
                for c in notify
            )
            first = matching[0]
            out.append(
                self._notify(
                    ticket,
                    now,
                    f"trigger:{first.id}",
                    f"trigger '{first.name}' (event {event.name}) informs {names};"
                    f" the ticket stays at {current}",
                    only=notify,
                )
            )
            return
        self._move(ticket, best_position, now)
        out.append(
            self._notify(
                ticket,
                now,
                f"trigger:{best.id}",
                f"trigger '{best.name}' (event {event.name})",
                extra=notify,
            )
        )
