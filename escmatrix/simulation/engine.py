"""The simulation engine: ticket events in, notifications out (SPEC section 5).

Pure: no files, no printing. :class:`Simulation` keeps one small state per ticket and
produces :class:`Notification` records as events arrive; :meth:`Simulation.finish` fires
the timers still running up to the horizon.

This is the one implementation of the replay. It is ordinary Python, and it is compiled
with Cython when the package is installed with a C compiler: ``engine.pxd`` beside it gives
the classes C fields and the methods C calls (Cython's pure-Python mode), so the same
source runs either way. Instants are whole microseconds since the epoch
(:mod:`escmatrix.instants`); ``NONE`` stands for "no such instant" (a deadline not set, a
ticket not paused) so that every clock is a plain integer.

Semantics, beyond SPEC section 5 (choices written down where it is silent):

- Tickets are independent. While the log is in time order, every ticket's timers that fall
  before an event fire before it, so the output is in time order too. When the log goes
  back in time (a log grouped by ticket), other tickets' timers fire at their own next
  event or at the horizon; each ticket's records stay in time order. A ticket whose own
  events go back in time raises :class:`LogOrderError` (the replay driver then holds and
  sorts the log).
- A timer due exactly when one of the ticket's events happens is pre-empted by the event;
  at the horizon, timers due at or before it fire. Timers fire one at a time in the order
  they fall due (those due at the same instant in the order they were set).
- Paused time is working time of the level's calendar: on resume what was left of the
  window when the pause began runs from then on (the deadline moves on by the working time
  spent paused, and never to before the resume). A ticket escalated while paused stays
  paused; the new level's clock starts when it is resumed.
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
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from escmatrix.availability import Availability
from escmatrix.calendars import split_days
from escmatrix.durations import as_working_time, format_duration
from escmatrix.events import (
    CLOSED,
    CREATED,
    ESCALATED,
    PAUSED,
    PRIORITY_CHANGED,
    REOPENED,
    RESOLVED,
    RESUMED,
    Event,
)
from escmatrix.findings import BoundedCounter, Problems
from escmatrix.instants import BEFORE_ALL, NONE, US_PER_SECOND, from_us, to_us
from escmatrix.loading.calendars import calendars_for
from escmatrix.model import ALWAYS, Category, Escalate, Matrix, Trigger
from escmatrix.simulation import timers
from escmatrix.suggest import hint

UTC = dt.timezone.utc
NEVER = dt.datetime(9999, 12, 31, tzinfo=UTC)

# What an event does, by its name (anything else is a trigger event or unknown).
_E_CREATED, _E_ESCALATED, _E_PRIORITY, _E_PAUSED, _E_RESUMED = 1, 2, 3, 4, 5
_E_END, _E_REOPENED, _E_OTHER = 6, 7, 0
_DETAILS_KEPT = 20_000  # sentences joined with a reachability detail, kept for reuse
# What a trigger event does at a step (see Simulation._trigger_decision).
_IGNORED, _INFORM, _MOVE = 1, 2, 3
_CODES = {
    CREATED: _E_CREATED,
    ESCALATED: _E_ESCALATED,
    PRIORITY_CHANGED: _E_PRIORITY,
    PAUSED: _E_PAUSED,
    RESUMED: _E_RESUMED,
    RESOLVED: _E_END,
    CLOSED: _E_END,
    REOPENED: _E_REOPENED,
}


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


FIELDS = ("ticket", "time", "level", "level_name", "contacts", "reason", "detail")
REACH_FIELDS = ("unreachable", "next_reachable", "after_hours")  # a matrix with availability


class Notification:
    """Who is contacted, when and why: one record of a replay.

    ``at`` is the instant in microseconds since the epoch and ``zone`` the matrix time zone
    (``time`` gives both as a datetime). ``reason`` is ``created``, ``timeout``,
    ``trigger:<id>``, ``manual``, ``priority``, ``reopened`` or ``exhausted``. Who is really
    reachable (SPEC 10; a matrix without availability keeps the defaults): ``contacts`` are
    the people notified, ``unreachable`` the contacts nobody could stand in for,
    ``next_reachable`` when the first of them can be reached, ``after_hours`` the contacts
    asked for outside their hours."""

    __slots__ = (
        "after_hours", "at", "contacts", "detail", "level", "level_name", "next_us", "reason",
        "ticket", "unreachable", "zone",
    )  # fmt: skip

    def __init__(
        self,
        ticket: str,
        time: dt.datetime,
        level: str,
        level_name: str,
        contacts: tuple[str, ...],
        reason: str,
        detail: str,
        unreachable: tuple[str, ...] = (),
        next_reachable: dt.datetime | None = None,
        after_hours: tuple[str, ...] = (),
    ) -> None:
        zone = time.tzinfo
        self.at = to_us(time)  # ValueError for a naive time
        assert zone is not None
        self.ticket = ticket
        self.zone = zone
        self.level = level
        self.level_name = level_name
        self.contacts = tuple(contacts)
        self.reason = reason
        self.detail = detail
        self.unreachable = tuple(unreachable)
        self.next_us = NONE if next_reachable is None else to_us(next_reachable)
        self.after_hours = tuple(after_hours)

    @property
    def time(self) -> dt.datetime:
        """The record's time in the matrix time zone."""
        return from_us(self.at, self.zone)

    @property
    def next_reachable(self) -> dt.datetime | None:
        """When the first unreachable contact can be reached (None: nobody waits)."""
        return None if self.next_us == NONE else from_us(self.next_us, self.zone)

    def fields(self) -> tuple[object, ...]:
        return (
            self.ticket, self.time, self.level, self.level_name, self.contacts, self.reason,
            self.detail, self.unreachable, self.next_reachable, self.after_hours,
        )  # fmt: skip

    def to_record(self, reach: bool = False) -> dict[str, object]:
        """The record as JSON-ready data: what every machine format writes; ``reach`` adds
        the fields of a matrix with availability."""
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

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Notification):
            return NotImplemented
        return self.fields() == other.fields()

    def __hash__(self) -> int:
        return hash(self.fields())

    def __repr__(self) -> str:
        names = FIELDS + REACH_FIELDS
        return (
            "Notification("
            + ", ".join(f"{k}={v!r}" for k, v in zip(names, self.fields(), strict=True))
            + ")"
        )


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


class _Plan:
    """One category's path for one priority: its steps, each worked out the first time a
    ticket reaches it, and the shared records of tickets that ended on it."""

    __slots__ = ("category", "ended", "path", "priority", "steps")

    def __init__(self, category: Category, path: tuple[str, ...], priority: object) -> None:
        self.category = category
        self.path = path
        self.priority = priority
        self.steps: list[_Step | None] = [None] * len(path)
        self.ended: dict[int, _Ended] = {}


class _Step:
    """Everything about one level of one category's path for one priority, computed once:
    the window, its calendar, the contacts, the sentences of its notifications, and what
    each trigger event or logged escalation does there (decided the first time)."""

    __slots__ = (
        "amount_us",
        "armed",
        "calendar",
        "contacts",
        "escalations",
        "exhausted_detail",
        "fixed_us",
        "fraction_us",
        "is_last",
        "level_id",
        "level_name",
        "max",
        "position",
        "timeout_detail",
        "triggers",
        "whole_days",
    )

    def __init__(self, sim: Simulation, plan: _Plan, position: int) -> None:
        matrix = sim.matrix
        category, path, priority = plan.category, plan.path, plan.priority
        self.position = position
        self.level_id = level_id = path[position]
        level = matrix.level_by_id[level_id]
        self.level_name = level.name
        self.contacts = matrix.contacts_for(category, level_id)
        self.calendar = sim.calendars[matrix.level_calendar(level)]
        window = matrix.window(level, priority)  # type: ignore[arg-type]
        self.max = window.max
        # How the window runs out, worked out once: a plain addition on the 24x7 calendar
        # (fixed_us), an amount of working time, or whole business days and a fraction.
        self.fixed_us = self.amount_us = NONE
        self.whole_days = self.fraction_us = 0
        if window.max is not None and window.max.is_business:
            whole, fraction = split_days(window.max.business_days)
            self.whole_days = whole
            self.fraction_us = self.calendar.day_fraction_us(fraction)
        elif window.max is not None and self.calendar.id == ALWAYS:
            self.fixed_us = window.max.seconds * US_PER_SECOND
        elif window.max is not None:
            self.amount_us = window.max.seconds * US_PER_SECOND
        self.is_last = position + 1 >= len(path)
        label = ""
        if window.max is not None:
            scaled = f" ({priority})" if window != level.window.default else ""
            amount = as_working_time(window.max, matrix.working_day_seconds(level))
            label = f"{format_duration(amount)} window of {level_id}{scaled}"
        self.timeout_detail = f"{label} elapsed without resolution"
        self.exhausted_detail = f"{self.timeout_detail}; {level_id} is the last level of the path"
        self.armed = matrix.armed(category, level_id)
        self.triggers: dict[str, tuple[Any, ...]] = {}
        self.escalations: dict[object, tuple[int | None, str, str]] = {}

    def deadline(self, start: int) -> int:
        """When the window that starts at ``start`` runs out (NONE: it never does)."""
        if self.fixed_us != NONE:
            return start + self.fixed_us
        if self.amount_us != NONE:
            return self.calendar.add_working_us(start, self.amount_us)
        if self.max is None:
            return NONE
        return self.calendar.add_days_us(start, self.whole_days, self.fraction_us)


class _Ended:
    """What is kept of a resolved or closed ticket, so that it can be reopened. Ended
    tickets share these records (see :meth:`Simulation._end_state`): a handful of distinct
    ones stand for thousands of tickets, at the cost of a key each."""

    __slots__ = ("closed", "highest", "plan", "position")

    def __init__(self, plan: _Plan, position: int, highest: int, closed: bool) -> None:
        self.plan = plan
        self.position = position
        self.highest = highest
        self.closed = closed


class _Ticket:
    step: _Step  # set by Simulation._start_clock, right after the ticket is made

    __slots__ = (
        "base_deadline",
        "deadline",
        "entered",
        "exhausted",
        "highest",
        "id",
        "last_time",
        "paused_since",
        "paused_work",
        "plan",
        "position",
        "seq",
        "step",
    )

    def __init__(self, ticket_id: str, plan: _Plan, position: int, highest: int, now: int):
        self.id = ticket_id
        self.plan = plan
        self.position = position
        self.highest = highest
        self.entered = now
        self.base_deadline = NONE
        self.deadline = NONE
        self.paused_since = NONE
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
        after: dt.timedelta | None = None,
    ) -> None:
        """``horizon``: when timers stop (default: the latest event); ``after``: with no
        horizon, timers run that much longer after the latest event."""
        import zoneinfo

        self.matrix = matrix
        self.horizon = horizon
        self._horizon_us = NONE if horizon is None else to_us(horizon)
        self._after_us = 0 if after is None else after // dt.timedelta(microseconds=1)
        self.problems = problems if problems is not None else Problems()
        self.source = source
        self.counts = Counts()
        self.zone = zoneinfo.ZoneInfo(matrix.timezone)
        self.calendars = calendars_for(matrix)
        # who is really reachable when a level notifies (SPEC 10): only if a contact has
        # hours, a deputy, a rotation or a schedule
        self._reach = Availability(matrix, self.calendars) if matrix.uses_availability else None
        self._details: dict[tuple[str, str], str] = {}
        self._paths = {category.id: matrix.path(category) for category in matrix.categories}
        self._categories = dict(matrix.category_by_id)
        self._priorities = dict(matrix.priority_by_id)
        self._plans: dict[tuple[str, object], _Plan] = {}
        self._openings: dict[tuple[str, object], tuple[_Plan, int, str]] = {}
        self._tickets: dict[str, _Ticket] = {}
        self._ended: dict[str, _Ended] = {}
        self._skipped: set[str] = set()
        self._timers = timers.Timers()
        self._watermark = BEFORE_ALL
        self._in_order = True
        self._latest = BEFORE_ALL
        self._events = 0
        self._created = 0
        self._inferred = 0
        self._after_horizon = 0
        self._triggers_by_event: dict[str, list[Trigger]] = {}
        for trigger in matrix.triggers:
            for name in trigger.events:
                self._triggers_by_event.setdefault(name, []).append(trigger)

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
    def tickets_seen(self) -> int:
        """Tickets created so far."""
        return self._created

    @property
    def latest(self) -> dt.datetime | None:
        """The latest event time seen (the default horizon), in the matrix time zone."""
        return None if self._latest == BEFORE_ALL else from_us(self._latest, self.zone)

    @property
    def horizon_reached(self) -> dt.datetime | None:
        """Where timers stopped: the horizon, else the latest event (and ``after``)."""
        if self.horizon is not None or self._latest == BEFORE_ALL:
            return self.horizon
        return from_us(self._latest + self._after_us, self.zone)

    def replay(self, events: Iterable[Event]) -> Iterator[Notification]:
        """Every notification of ``events``, then those of :meth:`finish` (what
        :func:`drain` does, with the engine's own calls)."""
        out: list[Notification] = []
        for event in events:
            self._feed(event, out)
            if out:
                yield from out
                out.clear()
        yield from self.finish()

    def feed(self, event: Event) -> list[Notification]:
        """Apply one event; returns the notifications it (and timers before it) caused."""
        out: list[Notification] = []
        self._feed(event, out)
        return out

    def finish(self) -> list[Notification]:
        """Fire the timers still running, up to the horizon (the latest event by default)."""
        counts = self.counts
        counts.events = self._events
        counts.tickets = self._created
        counts.creation_inferred = self._inferred
        counts.after_horizon = self._after_horizon
        horizon = self._horizon_us if self._horizon_us != NONE else self._latest
        if self._horizon_us == NONE and horizon != BEFORE_ALL:
            horizon += self._after_us
        out: list[Notification] = []
        if horizon != BEFORE_ALL:
            self._fire_due(horizon, out, True)
        highest = counts.highest_level
        highest.clear()
        for ticket in self._tickets.values():
            counts.unresolved[ticket.plan.path[ticket.position]] += 1
            highest[ticket.plan.path[ticket.highest]] += 1
        for ended in self._ended.values():
            highest[ended.plan.path[ended.highest]] += 1
        return out

    def escalation(
        self, category: Category, path: tuple[str, ...], position: int, level: object
    ) -> tuple[int | None, str, str]:
        """What an ``escalated`` row (to ``level``, or to no level) does to a ticket of
        ``category`` at ``position`` of its ``path``: (the path position it moves to or
        None, what is counted instead, the sentence).

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
        logged = matrix.target(category, path[position], Escalate("level", level=str(level)))
        if logged is None:
            return None, "escalated to a level at or below where the ticket already is", ""
        return path.index(logged), "", f"escalated in the log to {level}"

    # --- the loop -----------------------------------------------------------------------

    def _feed(self, event: Event, out: list[Notification]) -> None:
        now = event.us
        if self._horizon_us != NONE and now > self._horizon_us:
            self._after_horizon += 1
            return
        self._events += 1
        if now > self._latest:
            self._latest = now
        if self._in_order:
            if now < self._watermark:
                self._in_order = False
            else:
                self._watermark = now
                if self._timers.due() < now:
                    self._fire_due(now, out, False)
        ticket = self._tickets.get(event.ticket)
        if ticket is not None:
            if now < ticket.last_time:
                raise LogOrderError(
                    ticket.id, event.line, event.time, from_us(ticket.last_time, self.zone)
                )
            if ticket.deadline != NONE and ticket.deadline < now:
                self._advance(ticket, now, out)
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

    # --- timers -------------------------------------------------------------------------

    def _schedule(self, ticket: _Ticket) -> None:
        if ticket.deadline != NONE:
            ticket.seq = self._timers.push(ticket.deadline, ticket)

    def _fire_due(self, until: int, out: list[Notification], inclusive: bool) -> None:
        """Fire every ticket's timers due before ``until`` (or at it when inclusive)."""
        timers = self._timers
        due = timers.due()
        while due != NONE and (due < until or (inclusive and due == until)):
            ticket: _Ticket = timers.pop()  # type: ignore[assignment]
            if ticket.seq == timers.popped:  # else stale: moved, paused or ended since
                # One timer a pop: the next level's timer goes back on the heap, so that
                # other tickets' timers due before it fire first and the output stays in
                # time order.
                self._fire(ticket, out)
            due = timers.due()

    def _advance(self, ticket: _Ticket, until: int, out: list[Notification]) -> None:
        """Fire ``ticket``'s own timers due before ``until``."""
        while ticket.deadline != NONE and ticket.deadline < until:
            self._fire(ticket, out)

    def _fire(self, ticket: _Ticket, out: list[Notification]) -> None:
        """Fire the ticket's running timer: up one level, or exhausted at the last."""
        due = ticket.deadline
        step = ticket.step
        if step.is_last:
            ticket.exhausted = True
            ticket.deadline = NONE
            ticket.seq = 0
            out.append(self._notify(ticket, due, "exhausted", step.exhausted_detail))
        else:
            self._move(ticket, ticket.position + 1, due)
            out.append(self._notify(ticket, due, "timeout", step.timeout_detail))

    # --- state changes --------------------------------------------------------------------

    def _plan(self, category: Category, priority: object) -> _Plan:
        key = (category.id, priority)
        plan = self._plans.get(key)
        if plan is None:
            plan = _Plan(category, self._paths[category.id], priority)
            self._plans[key] = plan
        return plan

    def _step(self, ticket: _Ticket) -> _Step:
        plan = ticket.plan
        step = plan.steps[ticket.position]
        if step is None:
            step = _Step(self, plan, ticket.position)
            plan.steps[ticket.position] = step
        return step

    def _start_clock(self, ticket: _Ticket, at: int) -> None:
        """(Re)start the current level's clock at ``at``."""
        step = self._step(ticket)
        ticket.step = step
        ticket.entered = at
        ticket.paused_work = 0
        ticket.exhausted = False
        ticket.base_deadline = step.deadline(at)
        ticket.seq = 0  # whatever was scheduled before is stale now
        if ticket.paused_since != NONE:
            ticket.paused_since = at
            ticket.deadline = NONE
        else:
            ticket.deadline = ticket.base_deadline
            self._schedule(ticket)

    def _move(self, ticket: _Ticket, position: int, at: int) -> None:
        ticket.position = position
        if position > ticket.highest:
            ticket.highest = position
        self._start_clock(ticket, at)

    def _notify(self, ticket: _Ticket, at: int, reason: str, detail: str) -> Notification:
        """A notification to the contacts of the ticket's level."""
        return self._record(ticket, at, reason, detail, ticket.step.contacts)

    def _record(
        self, ticket: _Ticket, at: int, reason: str, detail: str, contacts: tuple
    ) -> Notification:
        """The one place a record is made."""
        step = ticket.step
        record = Notification.__new__(Notification)
        record.ticket = ticket.id
        record.at = at
        record.zone = self.zone
        record.level = step.level_id
        record.level_name = step.level_name
        record.reason = reason
        record.unreachable = ()
        record.next_us = NONE
        record.after_hours = ()
        if self._reach is not None:  # the people really reached at that instant (SPEC 10)
            found = self._reach.resolve(contacts, at)
            contacts = found.contacts
            if found.detail:
                detail = self._joined(detail, found.detail)
            record.unreachable = found.unreachable
            if found.next_reachable is not None:
                record.next_us = found.next_reachable
            record.after_hours = found.after_hours
        record.contacts = contacts
        record.detail = detail
        return record

    def _joined(self, detail: str, more: str) -> str:
        """``detail; more``, one text object per pair: outputs that keep encoded texts
        find it again."""
        key = (detail, more)
        joined = self._details.get(key)
        if joined is None:
            if len(self._details) >= _DETAILS_KEPT:
                self._details.clear()
            joined = f"{detail}; {more}"
            self._details[key] = joined
        return joined

    def _shifted(self, ticket: _Ticket) -> int:
        """The base deadline moved on by the working time spent paused."""
        if not ticket.paused_work:
            return ticket.base_deadline
        return ticket.step.calendar.add_working_us(ticket.base_deadline, ticket.paused_work)

    def _new_ticket(self, ticket_id: str, plan: _Plan, position: int, highest: int, now: int):
        ticket = _Ticket.__new__(_Ticket)
        ticket.id = ticket_id
        ticket.plan = plan
        ticket.position = position
        ticket.highest = highest
        ticket.entered = now
        ticket.base_deadline = NONE
        ticket.deadline = NONE
        ticket.paused_since = NONE
        ticket.paused_work = 0
        ticket.exhausted = False
        ticket.last_time = now
        ticket.seq = 0
        self._tickets[ticket_id] = ticket
        return ticket

    # --- events ---------------------------------------------------------------------------

    def _first_row(self, event: Event, now: int, out: list[Notification]) -> None:
        category = self._category(event)
        if category is None:
            self._events -= 1  # the ticket is skipped with its rows
            return
        priority = self._priority(event.priority)
        opening = self._openings.get((category.id, priority))
        if opening is None:
            opening = self._opening(category, priority)
            self._openings[(category.id, priority)] = opening
        plan = opening[0]
        position = opening[1]
        detail = opening[2]
        ticket = self._new_ticket(event.ticket, plan, position, position, now)
        self._created += 1
        inferred = event.name != CREATED
        if inferred:
            self._inferred += 1
            detail += (
                f"; the log has no 'created' row, so its first row ({event.name}) stands for it"
            )
        self._start_clock(ticket, now)
        out.append(self._notify(ticket, now, "created", detail))
        if inferred:
            self._apply(ticket, event, now, out)

    def _opening(self, category: Category, priority: object) -> tuple[_Plan, int, str]:
        """Where a new ticket of this category and priority starts, and the sentence."""
        matrix = self.matrix
        path = self._paths[category.id]
        position = path.index(matrix.start_level(category, priority))  # type: ignore[arg-type]
        detail = f"ticket created ({priority or 'no priority'}, {category.name})"
        if position:
            detail += f"; {priority} tickets start at {path[position]}"
        return self._plan(category, priority), position, detail

    def _category(self, event: Event) -> Category | None:
        category = self._categories.get(event.category) if event.category is not None else None
        if category is None:
            category = self.matrix.category_for(event.category)
        if category is None:
            self._skipped.add(event.ticket)
            skip_unknown_category(self.matrix, self.problems, self.source, event)
        return category

    def _priority(self, priority: object) -> object:
        if priority is not None and priority in self._priorities:
            return priority  # the common case, without a call
        return known_priority(self.matrix, priority, self.counts.ignored)  # type: ignore[arg-type]

    def _apply(self, ticket: _Ticket, event: Event, now: int, out: list[Notification]) -> None:
        code = _CODES.get(event.name, _E_OTHER)
        if code == _E_END:
            self._end(ticket, event)
        elif code == _E_PAUSED:
            self._paused(ticket, now)
        elif code == _E_RESUMED:
            self._resumed(ticket, now)
        elif code == _E_ESCALATED:
            self._escalated(ticket, event, now, out)
        elif code == _E_PRIORITY:
            self._priority_changed(ticket, event, now, out)
        elif code == _E_CREATED:
            self.counts.ignored["created again while open"] += 1
        elif code == _E_REOPENED:
            self.counts.ignored["reopened while open"] += 1
        else:
            self._trigger(ticket, event, now, out)

    def _paused(self, ticket: _Ticket, now: int) -> None:
        if ticket.paused_since != NONE:
            self.counts.ignored["paused while paused"] += 1
            return
        ticket.paused_since = now
        ticket.deadline = NONE
        ticket.seq = 0

    def _resumed(self, ticket: _Ticket, now: int) -> None:
        if ticket.paused_since == NONE:
            self.counts.ignored["resumed while running"] += 1
            return
        calendar = ticket.step.calendar
        running = ticket.base_deadline != NONE and not ticket.exhausted
        before = self._shifted(ticket) if running else NONE  # the deadline at the pause
        ticket.paused_work += calendar.working_us(ticket.paused_since, now)
        if running:
            # What was left of the window when the pause began runs from now on: the same
            # as moving the deadline on by the working time spent paused, but never before
            # now (a deadline with nothing left before it, Tuesday 09:00 paused from Monday
            # evening, runs out at the next opening after the resume).
            left = calendar.working_us(ticket.paused_since, before)
            ticket.deadline = calendar.add_working_us(now, left)
            self._schedule(ticket)
        ticket.paused_since = NONE

    def _end(self, ticket: _Ticket, event: Event) -> None:
        del self._tickets[ticket.id]
        ticket.seq = 0  # its timer, if any, is stale
        self._ended[ticket.id] = self._end_state(
            ticket.plan, ticket.position, ticket.highest, event.name == CLOSED
        )

    def _end_state(self, plan: _Plan, position: int, highest: int, closed: bool) -> _Ended:
        """The shared record of a ticket that ended in this state."""
        key = (position * 4096 + highest) * 2 + (1 if closed else 0)
        state = plan.ended.get(key)
        if state is None:
            state = _Ended(plan, position, highest, closed)
            plan.ended[key] = state
        return state

    def _after_end(self, event: Event, now: int, ended: _Ended, out: list[Notification]) -> None:
        if event.name == REOPENED:
            del self._ended[event.ticket]
            ticket = self._new_ticket(event.ticket, ended.plan, ended.position, ended.highest, now)
            self._start_clock(ticket, now)
            out.append(
                self._notify(
                    ticket,
                    now,
                    "reopened",
                    f"ticket reopened; back at {ticket.step.level_id} with a fresh clock",
                )
            )
        elif event.name == CLOSED and not ended.closed:
            self._ended[event.ticket] = self._end_state(
                ended.plan, ended.position, ended.highest, True
            )
        else:
            state = "closed" if ended.closed else "resolved"
            self.counts.ignored[f"{event.name} after the ticket was {state}"] += 1

    def _escalated(self, ticket: _Ticket, event: Event, now: int, out: list[Notification]) -> None:
        step = ticket.step
        decision = step.escalations.get(event.level)
        if decision is None:
            plan = ticket.plan
            decision = self.escalation(plan.category, plan.path, ticket.position, event.level)
            step.escalations[event.level] = decision
        target, counted, detail = decision
        if counted:
            self.counts.ignored[counted] += 1
        if target is not None:
            self._move(ticket, target, now)
            out.append(self._notify(ticket, now, "manual", detail))

    def _priority_changed(
        self, ticket: _Ticket, event: Event, now: int, out: list[Notification]
    ) -> None:
        new = event.priority
        matrix = self.matrix
        plan = ticket.plan
        if new is None or new not in matrix.priority_by_id:
            self.counts.ignored["priority_changed without a known priority"] += 1
            return
        if new == plan.priority:
            return
        plan = self._plan(plan.category, new)
        ticket.plan = plan
        start = matrix.priority_by_id[new].start
        if start in plan.path and plan.path.index(start) > ticket.position:
            name = matrix.priority_by_id[new].name
            self._move(ticket, plan.path.index(start), now)
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
        step = self._step(ticket)
        ticket.step = step
        if ticket.exhausted:
            return
        ticket.base_deadline = step.deadline(ticket.entered)
        if ticket.base_deadline == NONE:
            ticket.deadline = NONE
            ticket.seq = 0
            return
        deadline = self._shifted(ticket)
        if ticket.paused_since != NONE:
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
            ticket.deadline = NONE
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
        if event.name not in self._triggers_by_event:
            self.counts.unknown_events[event.name] += 1
            return
        step = ticket.step
        decision = step.triggers.get(event.name)
        if decision is None:
            decision = self._trigger_decision(ticket, event.name)
            step.triggers[event.name] = decision
        kind = decision[0]
        if kind == _IGNORED:
            self.counts.ignored[decision[1]] += 1
        elif kind == _INFORM:
            out.append(self._record(ticket, now, decision[1], decision[2], decision[3]))
        else:
            self._move(ticket, decision[1], now)
            contacts = ticket.step.contacts
            notify = decision[4]
            if notify:
                contacts = contacts + tuple(c for c in notify if c not in contacts)
            out.append(self._record(ticket, now, decision[2], decision[3], contacts))

    def _trigger_decision(self, ticket: _Ticket, name: str) -> tuple[Any, ...]:
        """What trigger event ``name`` does at the ticket's step, worked out once per step:
        (_IGNORED, what is counted),
        (_INFORM, reason, sentence, contacts) when the ticket stays, or (_MOVE, position,
        reason, sentence, notify)."""
        triggers = self._triggers_by_event[name]
        armed = ticket.step.armed
        matching = [t for t in triggers if t.id in armed]
        if not matching:
            return (_IGNORED, f"trigger event {name} not armed at the ticket's level")
        plan = ticket.plan
        best: Trigger | None = None
        best_position = ticket.position
        current = plan.path[ticket.position]
        for trigger in matching:
            target = self.matrix.target(plan.category, current, trigger.escalate)
            if target is not None:
                position = plan.path.index(target)
                if position > best_position:
                    best, best_position = trigger, position
        notify = tuple(dict.fromkeys(c for t in matching for c in t.notify))
        if best is None:
            if not notify:
                return (_IGNORED, f"trigger {matching[0].id} at or above its target")
            names = ", ".join(
                self.matrix.contact_by_id[c].name if c in self.matrix.contact_by_id else c
                for c in notify
            )
            first = matching[0]
            return (
                _INFORM,
                f"trigger:{first.id}",
                f"trigger '{first.name}' (event {name}) informs {names};"
                f" the ticket stays at {current}",
                notify,
            )
        return (_MOVE, best_position, f"trigger:{best.id}", f"trigger '{best.name}' (event {name})",
                notify)  # fmt: skip
