"""The audit (SPEC section 8): what actually happened on a ticket log, against the matrix.

Pure: no files, no printing. :class:`Audit` follows each ticket's *actual* path, the levels
the log says held it, and compares it with what the matrix prescribes; it yields one
:class:`Deviation` per departure from the matrix. It is not a replay: nothing is moved by a
timer. What the matrix prescribes comes from the same places the replay engine takes it
from: the start level (:meth:`Matrix.start_level`), a level's window for a priority
(:meth:`Matrix.window`), its calendar (:meth:`Matrix.level_calendar` and the calendars of
:func:`calendars_for`), the triggers armed at a level (:meth:`Matrix.armed`) and where a
trigger or a timeout leads (:meth:`Matrix.target`).

The actual path:

- A row's level is the event's ``level`` (a canonical ``level`` column, a mapping's
  ``level:``, the level of an ``escalated`` row). A row without one leaves the ticket where
  it is; consecutive rows at one level are one stay. An ``escalated`` row without a level
  moves the ticket one level up its path (as in the replay), counted.
- A ticket whose first row has no level is taken to start at its start level (counted; its
  start cannot be judged). A level the matrix does not have cannot be placed: the row is
  reported with its line (a :class:`Problems` entry; ``strict`` stops), and so is an
  ``escalated`` row with no level at the top of the path.
- ``resolved``/``closed`` end the ticket; levels written on its rows are not followed until
  it is ``reopened``, which brings it back at the level it ended at with a fresh clock (then
  at the row's level, if that differs: a move).

The clock of a stay is the replay engine's: the level's calendar, the window of the priority
in force, paused time excluded (working time of the level's calendar), a ``priority_changed``
re-timing the level from when the ticket entered it (late at once when that window has
already run out, also while paused if the time used before the pause exceeds it). A stay is
late when the ticket is still at the level after that deadline; ``by`` is the working time
past it, paused time excluded (a deadline that passes outside working time and a move before
the next opening is no lateness).

Moves are judged once every row of the ticket at that instant has been seen, so a trigger
event or a priority change written on the same row as the move (or a row with the same time)
counts as coming before it. A trigger that only informs (no level to reach) neither allows a
move nor is checked.

A ``missed-trigger`` allowance (the level's minimum, or 15 minutes) runs in the calendar of
the level where the trigger was armed, from the trigger event; pausing the ticket does not
stop it (a trigger asks for action now). The record is made when the outcome is known: when
the ticket reaches the target level late (``by``: how late), ends without reaching it or is
still below it at the horizon (``by``: the working time from the end of the allowance to
then).

Inside, instants are whole microseconds since the epoch, as in the engine.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from escmatrix.calendars import WorkCalendar
from escmatrix.durations import Duration, format_duration, format_seconds
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
from escmatrix.findings import Problems
from escmatrix.instants import from_us as local_time
from escmatrix.instants import to_us
from escmatrix.loading.calendars import calendars_for
from escmatrix.model import Category, Escalate, Matrix, Trigger
from escmatrix.simulation.engine import (
    LogOrderError,
    drain,
    known_priority,
    skip_unknown_category,
)

KINDS = (
    "wrong-start",
    "backward",
    "skipped-level",
    "ping-pong",
    "off-path",
    "late",
    "premature",
    "missed-trigger",
)
_BIT = {kind: 1 << index for index, kind in enumerate(KINDS)}

GROUP_FIELDS = ("actor", "category", "priority", "channel")
"""Fields of every row that ``--group-by`` can name (besides a mapping's attributes)."""

ROW_EVENT = "(row)"
"""The event the audit asks a mapped log for on a row whose level (or group) changes and
that gives no other event: it only carries the row's values. Not an event id (those cannot
start with a parenthesis), so it never meets a matrix's trigger."""

ALLOWANCE = Duration(seconds=15 * 60)
"""How long after an armed trigger event the ticket may take to reach the trigger's target
at a level with no minimum."""

# counted, never errors: shown in the summary with their counts
START_NOT_LOGGED = "tickets whose first row has no level (taken to start at their start level)"
ESCALATED_NO_LEVEL = "escalated rows with no level (taken as one level up the path)"
AFTER_END = "level changes on rows of resolved or closed tickets (not followed)"

UNKNOWN_LEVEL = "level not in the matrix"
NOWHERE_UP = "escalated at the top of the path"

_US = 1_000_000


class Deviation(NamedTuple):
    """One departure of a ticket from the matrix (SPEC section 8)."""

    ticket: str
    kind: str  # one of KINDS
    time: dt.datetime  # in the matrix time zone
    level: str
    from_level: str | None
    to_level: str | None
    expected: str | None
    actual: str | None
    by: str | None  # a duration in the level's clock (working time on a business calendar)
    actor: str | None
    group: str | None
    detail: str

    def to_record(self) -> dict[str, Any]:
        record = self._asdict()
        record["time"] = self.time.isoformat()
        return record


FIELDS = Deviation._fields


def working(us: int) -> str:
    """An amount of working time as a duration text: hours not gathered into days, and
    from an hour up to the nearest minute (``26h30m``, ``45m12s``)."""
    seconds = round(us / _US)
    if seconds >= 3600:
        seconds = round(seconds / 60) * 60
    return format_seconds(seconds, days=False)


class AuditError(ValueError):
    """An audit that cannot start (e.g. ``--group-by`` names no field of the log)."""


# --------------------------------------------------------------------------- the matrix


class _Rule:
    """What the matrix prescribes for one level, for tickets of one category and priority,
    worked out once from the model (the same answers the replay engine uses)."""

    __slots__ = (
        "armed",
        "calendar",
        "label",
        "level_id",
        "max",
        "max_us",
        "min",
        "min_us",
        "next_id",
        "next_rank",
        "on_path",
        "rank",
    )

    def __init__(
        self,
        matrix: Matrix,
        calendars: dict[str, WorkCalendar],
        category: Category,
        level_id: str,
        priority: str | None,
    ) -> None:
        level = matrix.level_by_id[level_id]
        self.level_id = level_id
        self.rank = matrix.level_index[level_id]
        self.on_path = level_id in matrix.path(category)
        self.calendar = calendars[matrix.level_calendar(level)]
        window = matrix.window(level, priority)
        self.max, self.min = window.max, window.min
        self.max_us = self._fixed(window.max)
        self.min_us = self._fixed(window.min)
        following = matrix.target(category, level_id, Escalate())
        self.next_id = following
        self.next_rank = -1 if following is None else matrix.level_index[following]
        self.armed = matrix.armed(category, level_id)
        scaled = window != level.window.default
        self.label = f"the {level_id} window" + (f" for {priority}" if scaled else "")

    def _fixed(self, amount: Duration | None) -> int | None:
        """The amount in microseconds where adding it is a plain addition (24x7 time)."""
        if amount is None or amount.is_business or self.calendar.id != "always":
            return None
        return amount.seconds * _US

    def after(self, start: int, amount: Duration | None, fixed: int | None) -> int | None:
        """``start`` plus ``amount`` of this level's clock (None: no limit)."""
        if amount is None:
            return None
        if fixed is not None:
            return start + fixed
        return self.calendar.add_us(start, amount)


# --------------------------------------------------------------------------- tickets


@dataclass(slots=True)
class _Check:
    """An armed trigger event waiting for the ticket to reach the trigger's target."""

    deadline: int  # the end of the allowance
    target: str
    target_rank: int
    level: str  # where the trigger was armed
    actual: str  # the level at the end of the allowance (as far as known)
    calendar: WorkCalendar
    actor: str | None
    group: str | None
    text: str  # the start of the record's sentence


@dataclass(slots=True)
class _Move:
    """A move up, judged (premature, skipped-level) once the instant is over."""

    from_level: str
    to_level: str
    at: int
    entered: int  # when the ticket entered the level it left
    paused: int  # working time paused in that stay
    triggered: int  # the highest rank an armed trigger event of that stay called for
    start: int  # the highest start rank of the priorities in force at the instant, or -1
    due: bool  # the window's maximum had run out: the matrix itself called for the move
    actor: str | None
    group: str | None


class _Ticket:
    __slots__ = (
        "actor",
        "base",
        "category",
        "checks",
        "deadline",
        "deviated",
        "entered",
        "group",
        "groups",
        "held",
        "id",
        "kinds",
        "last_time",
        "late_at",
        "late_rule",
        "level",
        "paused_after",
        "paused_since",
        "paused_total",
        "paused_work",
        "pending",
        "priority",
        "rule",
        "triggered",
        "unplaced_line",
    )

    def __init__(self, ticket_id: str, category: Category, priority: str | None, now: int) -> None:
        self.id = ticket_id
        self.category = category
        self.priority = priority
        self.last_time = now
        self.level = ""
        self.rule: _Rule
        self.entered = now
        self.base: int | None = None  # the deadline before pauses
        self.deadline: int | None = None  # None while paused or with no limit
        self.late_at: int | None = None
        self.late_rule: _Rule | None = None
        self.paused_since: int | None = None
        self.paused_work = 0  # working time paused in this stay before it was late
        self.paused_after = 0  # ... and after
        self.paused_total = 0  # working time paused over the ticket's life
        self.triggered = -1  # the highest rank an armed trigger of this stay calls for
        self.pending: _Move | None = None
        self.checks: list[_Check] = []
        self.held = 0  # levels held, a bit per level
        self.kinds = 0  # kinds of deviation found, a bit per kind
        self.actor: str | None = None
        self.group: str | None = None
        self.groups: set[str] = set()
        self.deviated: set[str] = set()
        self.unplaced_line = 0


class _Ended(NamedTuple):
    """What is kept of a resolved or closed ticket, so that it can be reopened. Ended
    tickets share these records: a handful of distinct ones stand for thousands."""

    category: str
    priority: str | None
    level: str
    held: int
    kinds: int
    paused_total: int
    groups: frozenset[str]
    deviated: frozenset[str]
    group: str | None
    closed: bool


_NONE: frozenset[str] = frozenset()


# --------------------------------------------------------------------------- figures


@dataclass
class AuditCounts:
    """What the audit counted besides deviations (plain data for the summary)."""

    events: int = 0
    tickets: int = 0
    deviating: int = 0
    deviations: int = 0
    creation_inferred: int = 0
    after_horizon: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    tickets_by_kind: Counter[str] = field(default_factory=Counter)
    by_level: dict[str, Counter[str]] = field(default_factory=dict)
    by_group: dict[str, Counter[str]] = field(default_factory=dict)
    group_tickets: Counter[str] = field(default_factory=Counter)
    group_deviating: Counter[str] = field(default_factory=Counter)
    lateness: dict[str, Counter[int]] = field(default_factory=dict)  # level -> seconds late
    escalations: Counter[str] = field(default_factory=Counter)  # per actor
    premature: Counter[str] = field(default_factory=Counter)
    late_escalations: Counter[str] = field(default_factory=Counter)
    latest: list[tuple[int, str, str, dt.datetime, bool]] = field(default_factory=list)
    notes: Counter[str] = field(default_factory=Counter)
    ignored: Counter[str] = field(default_factory=Counter)
    unknown_events: Counter[str] = field(default_factory=Counter)
    open_at_horizon: Counter[str] = field(default_factory=Counter)
    # filled by finish()
    first_level_alone: int = 0
    paused: Counter[int] = field(default_factory=Counter)  # seconds paused -> tickets


LATEST = 10


class Audit:
    """Audits ticket events against a matrix. Feed events with :meth:`feed` (or iterate
    :meth:`run`), then call :meth:`finish`; :attr:`counts` holds the figures."""

    def __init__(
        self,
        matrix: Matrix,
        *,
        horizon: dt.datetime | None = None,
        problems: Problems | None = None,
        source: str = "<log>",
        group_by: str | None = None,
        attributes: Iterable[str] = (),
    ) -> None:
        known = (*GROUP_FIELDS, *attributes)
        if group_by is not None and group_by not in known:
            raise AuditError(
                f"--group-by {group_by!r}: not a field of the log's rows (known: "
                + ", ".join(known)
                + "); a mapping can pass more columns through as attributes"
            )
        self.matrix = matrix
        self.horizon = horizon
        self._horizon_us = None if horizon is None else to_us(horizon)
        self.problems = problems if problems is not None else Problems()
        self.source = source
        self.group_by = group_by
        self.counts = AuditCounts()
        self.zone = zoneinfo.ZoneInfo(matrix.timezone)
        self._calendars = calendars_for(matrix)
        self._group: Callable[[Event, _Ticket], str | None] = _group_reader(group_by)
        self._rules: dict[tuple[str, str, str | None], _Rule] = {}
        self._starts: dict[tuple[str, str | None], tuple[str, int]] = {}
        self._trigger_info: dict[tuple[str, str, str], tuple[str | None, int, Trigger] | None] = {}
        self._triggers_by_event: dict[str, list[Trigger]] = {}
        for trigger in matrix.triggers:
            for name in trigger.events:
                self._triggers_by_event.setdefault(name, []).append(trigger)
        self._above_first = {
            category.id: sum(
                1 << matrix.level_index[level.id]
                for level in matrix.levels
                if matrix.level_index[level.id] > matrix.level_index[matrix.path(category)[0]]
            )
            for category in matrix.categories
        }
        self._tickets: dict[str, _Ticket] = {}
        self._ended: dict[str, _Ended] = {}
        self._end_states: dict[_Ended, _Ended] = {}
        self._skipped: set[str] = set()
        self._latest = -(2**62)
        self._latest_time: dt.datetime | None = None
        self._handlers = {
            CREATED: self._created_again,
            ESCALATED: self._nothing,
            PRIORITY_CHANGED: self._priority_changed,
            PAUSED: self._paused,
            RESUMED: self._resumed,
            RESOLVED: self._end,
            CLOSED: self._end,
            REOPENED: self._reopened_while_open,
            ROW_EVENT: self._nothing,
        }

    # --- public -------------------------------------------------------------------------

    @property
    def latest(self) -> dt.datetime | None:
        """The latest event time seen (the default horizon)."""
        return self._latest_time

    def run(self, events: Iterable[Event]) -> Iterator[Deviation]:
        """Every deviation of ``events``, then those of :meth:`finish`."""
        return drain(self._feed, events, self.finish)

    def feed(self, event: Event) -> list[Deviation]:
        """Apply one event; returns the deviations it settled."""
        out: list[Deviation] = []
        self._feed(event, out)
        return out

    def finish(self) -> list[Deviation]:
        """Judge the tickets still open up to the horizon (the latest event by default),
        and work out the figures that need every ticket."""
        horizon = self._horizon_us if self._horizon_us is not None else self._latest
        out: list[Deviation] = []
        counts = self.counts
        for ticket in self._tickets.values():
            if ticket.pending is not None:
                self._settle(ticket, out)
            if horizon >= ticket.last_time:
                how = f"; still at {ticket.level} at the horizon"
                self._leave(ticket, horizon, None, how, ticket.actor, ticket.group, out, True)
                self._close_checks(ticket, horizon, "still below it at the horizon", out)
            counts.open_at_horizon[ticket.level] += 1
            self._tally(ticket.category.id, ticket.held, ticket.paused_total)
        for ended in self._ended.values():
            self._tally(ended.category, ended.held, ended.paused_total)
        return out

    # --- time ---------------------------------------------------------------------------

    def _time(self, us: int) -> dt.datetime:
        return local_time(us, self.zone)

    def _tally(self, category: str, held: int, paused: int) -> None:
        if not held & self._above_first[category]:
            self.counts.first_level_alone += 1
        if paused:
            self.counts.paused[round(paused / _US)] += 1

    # --- the matrix, worked out once ------------------------------------------------------

    def _rule(self, category: Category, level: str, priority: str | None) -> _Rule:
        key = (category.id, level, priority)
        rule = self._rules.get(key)
        if rule is None:
            rule = self._rules[key] = _Rule(self.matrix, self._calendars, category, level, priority)
        return rule

    def _start(self, category: Category, priority: str | None) -> tuple[str, int]:
        """(the start level, the rank up to which the priority's start allows a jump or -1)"""
        key = (category.id, priority)
        found = self._starts.get(key)
        if found is None:
            matrix = self.matrix
            start = matrix.start_level(category, priority)
            known = matrix.priority_by_id.get(priority or "")
            allows = known is not None and known.start == start
            found = self._starts[key] = (start, matrix.level_index[start] if allows else -1)
        return found

    def _armed(
        self, category: Category, level: str, name: str
    ) -> tuple[str | None, int, Trigger] | None:
        """For an event ``name`` at ``level``: (the highest target of the armed triggers it
        fires, its rank, the trigger), with no target when they only inform; None when no
        armed trigger matches."""
        key = (category.id, level, name)
        if key in self._trigger_info:
            return self._trigger_info[key]
        matrix = self.matrix
        armed = matrix.armed(category, level)
        matching = [t for t in self._triggers_by_event.get(name, ()) if t.id in armed]
        found: tuple[str | None, int, Trigger] | None = None
        if matching:
            found = (None, -1, matching[0])
            for trigger in matching:
                target = matrix.target(category, level, trigger.escalate)
                if target is not None and matrix.level_index[target] > found[1]:
                    found = (target, matrix.level_index[target], trigger)
        self._trigger_info[key] = found
        return found

    # --- events ---------------------------------------------------------------------------

    def _feed(self, event: Event, out: list[Deviation]) -> None:
        now = event.us
        horizon = self._horizon_us
        if horizon is not None and now > horizon:
            self.counts.after_horizon += 1
            return
        if event.name != ROW_EVENT:
            self.counts.events += 1
        if now > self._latest:
            self._latest, self._latest_time = now, event.time
        ticket = self._tickets.get(event.ticket)
        if ticket is not None:
            if now != ticket.last_time:
                if now < ticket.last_time:
                    raise LogOrderError(
                        ticket.id, event.line, event.time, self._time(ticket.last_time)
                    )
                if ticket.pending is not None:
                    self._settle(ticket, out)
                ticket.last_time = now
            self._apply(ticket, event, now, out)
            return
        ended = self._ended.get(event.ticket)
        if ended is not None:
            self._after_end(event, now, ended, out)
        elif event.ticket in self._skipped:
            self.problems.counts["rows of skipped tickets"] += 1
        else:
            self._first_row(event, now, out)

    def _first_row(self, event: Event, now: int, out: list[Deviation]) -> None:
        matrix = self.matrix
        category = matrix.category_for(event.category)
        if category is None:
            self._skipped.add(event.ticket)
            skip_unknown_category(matrix, self.problems, self.source, event)
            return
        priority = known_priority(matrix, event.priority, self.counts.ignored)
        ticket = _Ticket(event.ticket, category, priority, now)
        self._tickets[event.ticket] = ticket
        self.counts.tickets += 1
        ticket.actor = event.actor
        self._see_group(ticket, self._group(event, ticket))
        start, _ = self._start(category, priority)
        level = event.level
        if level is not None and level not in matrix.level_by_id:
            self._unplaced(ticket, event, UNKNOWN_LEVEL, self._unknown_level(event, level))
            level = None
        if level is None:
            self.counts.notes[START_NOT_LOGGED] += 1
            level = start
        elif level != start:
            self._deviate(
                ticket,
                "wrong-start",
                now,
                level,
                out,
                to_level=level,
                expected=start,
                actual=level,
                actor=event.actor,
                group=ticket.group,
                detail=f"started at {self._name(level)}; a {priority or 'no-priority'}"
                f" {category.name} ticket starts at {self._name(start)}",
            )
        self._enter(ticket, level, now, event.actor, out)
        if event.name != CREATED:
            self.counts.creation_inferred += 1
            self._apply(ticket, event, now, out)

    def _apply(self, ticket: _Ticket, event: Event, now: int, out: list[Deviation]) -> None:
        deadline = ticket.deadline
        if deadline is not None and deadline < now and ticket.late_at is None:
            ticket.late_at, ticket.late_rule = deadline, ticket.rule
        self._place(ticket, event, now, out)
        name = event.name
        handler = self._handlers.get(name)
        if handler is not None:
            handler(ticket, event, now, out)
        elif name in self._triggers_by_event:
            self._trigger(ticket, event, now, out)
        else:
            self.counts.unknown_events[name] += 1

    def _place(self, ticket: _Ticket, event: Event, now: int, out: list[Deviation]) -> None:
        """Follow the row's level (and group): a move when the level differs."""
        held_by = ticket.group
        self._see_group(ticket, self._group(event, ticket))
        if event.actor is not None:
            ticket.actor = event.actor
        level = event.level
        if level is None:
            if event.name == ESCALATED:
                level = ticket.rule.next_id
                if level is None:
                    self._unplaced(
                        ticket,
                        event,
                        NOWHERE_UP,
                        f"ticket {ticket.id}: escalated with no level while at {ticket.level},"
                        " the top of its path; the row is not placed",
                    )
                    return
                self.counts.notes[ESCALATED_NO_LEVEL] += 1
            else:
                return
        if level == ticket.level:
            return
        if level not in self.matrix.level_by_id:
            self._unplaced(ticket, event, UNKNOWN_LEVEL, self._unknown_level(event, level))
            return
        self._move(ticket, level, now, event.actor, held_by, out)

    def _unknown_level(self, event: Event, level: str) -> str:
        known = ", ".join(self.matrix.level_by_id)
        return (
            f"ticket {event.ticket}: level {level!r} is not a level of the matrix (known:"
            f" {known}); the row is not placed"
        )

    def _unplaced(self, ticket: _Ticket, event: Event, reason: str, message: str) -> None:
        """A row the audit cannot place, reported once per row (a mapped row can give
        several events)."""
        if ticket.unplaced_line == event.line and event.line:
            return
        ticket.unplaced_line = event.line
        self.problems.add(self.source, event.line, reason, message)

    def _see_group(self, ticket: _Ticket, value: str | None) -> None:
        if value is None:
            return
        ticket.group = value
        if value not in ticket.groups:
            ticket.groups.add(value)
            self.counts.group_tickets[value] += 1

    def _nothing(self, ticket: _Ticket, event: Event, now: int, out: list[Deviation]) -> None:
        pass

    def _created_again(self, ticket: _Ticket, event: Event, now: int, out: list[Deviation]) -> None:
        self.counts.ignored["created again while open"] += 1

    def _reopened_while_open(
        self, ticket: _Ticket, event: Event, now: int, out: list[Deviation]
    ) -> None:
        self.counts.ignored["reopened while open"] += 1

    # --- stays ----------------------------------------------------------------------------

    def _enter(
        self,
        ticket: _Ticket,
        level: str,
        now: int,
        actor: str | None,
        out: list[Deviation],
        judge: bool = True,
    ) -> None:
        """Start a stay at ``level`` (a fresh clock; a paused ticket stays paused); unless
        ``judge`` is off (a reopening), a level off the path is a deviation."""
        rule = ticket.rule = self._rule(ticket.category, level, ticket.priority)
        ticket.level = level
        ticket.entered = now
        ticket.base = rule.after(now, rule.max, rule.max_us)
        ticket.late_at = ticket.late_rule = None
        ticket.paused_work = ticket.paused_after = 0
        ticket.triggered = -1
        if ticket.paused_since is not None:
            ticket.paused_since = now
            ticket.deadline = None
        else:
            ticket.deadline = ticket.base
        ticket.held |= 1 << rule.rank
        if judge and not rule.on_path:
            path = self.matrix.path(ticket.category)
            self._deviate(
                ticket,
                "off-path",
                now,
                level,
                out,
                to_level=level,
                expected=", ".join(path),
                actual=level,
                actor=actor,
                group=ticket.group,
                detail=f"was at {self._name(level)}, which the path of {ticket.category.name}"
                f" ({' > '.join(path)}) does not have",
            )

    def _close_pause(self, ticket: _Ticket, at: int) -> None:
        """Count the working time paused up to ``at`` (the ticket stays paused)."""
        since = ticket.paused_since
        assert since is not None
        if at > since:
            spent = ticket.rule.calendar.working_us(since, at)
            ticket.paused_total += spent
            if ticket.late_at is None:
                ticket.paused_work += spent
            else:
                ticket.paused_after += spent
        ticket.paused_since = at

    def _late_from(self, ticket: _Ticket, at: int) -> None:
        """The stay is late from ``at`` (a priority change used the window up)."""
        if ticket.paused_since is not None:
            self._close_pause(ticket, at)
        ticket.late_at, ticket.late_rule = at, ticket.rule
        ticket.deadline = None

    def _leave(
        self,
        ticket: _Ticket,
        at: int,
        to: str | None,
        how: str,
        actor: str | None,
        group: str | None,
        out: list[Deviation],
        still_open: bool = False,
    ) -> tuple[int, bool]:
        """End the current stay at ``at``: moving to level ``to``, or (None) ending the
        ticket or, ``still_open``, judging it at the horizon, as ``how`` says in a late
        record's sentence.
        Returns (the working time paused in the stay, whether it was late)."""
        deadline = ticket.deadline
        if deadline is not None and deadline < at and ticket.late_at is None:
            ticket.late_at, ticket.late_rule = deadline, ticket.rule
        if ticket.paused_since is not None:
            self._close_pause(ticket, at)
        rule = ticket.rule
        paused = ticket.paused_work + ticket.paused_after
        late_at = ticket.late_at
        if late_at is None or at <= late_at:
            return paused, False
        by = rule.calendar.working_us(late_at, at) - ticket.paused_after
        if by <= 0:
            return paused, False
        late_rule = ticket.late_rule or rule
        held = rule.calendar.working_us(ticket.entered, at) - paused
        level = ticket.level
        allowed = format_duration(late_rule.max) if late_rule.max is not None else "-"
        self._deviate(
            ticket,
            "late",
            late_at,
            level,
            out,
            from_level=level,
            to_level=to,
            expected=allowed,
            actual=working(held),
            by=working(by),
            by_us=by,
            actor=actor,
            group=group,
            detail=f"held {level} for {working(held)} of its clock (paused time excluded);"
            f" {late_rule.label} allows {allowed};"
            f" late by {working(by)}{how}",
        )
        self._keep_latest(ticket.id, by, level, self._time(late_at), still_open)
        return paused, True

    def _move(
        self,
        ticket: _Ticket,
        level: str,
        now: int,
        actor: str | None,
        held_by: str | None,
        out: list[Deviation],
    ) -> None:
        if ticket.pending is not None:
            self._settle(ticket, out)  # two moves at one instant: judge the first now
        old_rule = ticket.rule
        old = ticket.level
        entered, triggered = ticket.entered, ticket.triggered
        paused, late = self._leave(
            ticket, now, level, f" before it moved to {level}", actor, held_by, out
        )
        deadline = ticket.deadline
        due = ticket.late_at is not None or (deadline is not None and deadline <= now)
        rank = self.matrix.level_index[level]
        counts = self.counts
        if rank > old_rule.rank:
            if actor is not None:
                counts.escalations[actor] += 1
                if late:
                    counts.late_escalations[actor] += 1
            ticket.pending = _Move(
                actor=actor,
                at=now,
                entered=entered,
                from_level=old,
                group=held_by,
                paused=paused,
                to_level=level,
                triggered=triggered,
                start=self._start(ticket.category, ticket.priority)[1],
                due=due,
            )
        else:
            self._deviate(
                ticket,
                "backward",
                now,
                old,
                out,
                from_level=old,
                to_level=level,
                expected=old_rule.next_id,
                actual=level,
                actor=actor,
                group=held_by,
                detail=f"moved down from {self._name(old)} to {self._name(level)}",
            )
        if ticket.held & (1 << rank):
            self._deviate(
                ticket,
                "ping-pong",
                now,
                level,
                out,
                from_level=old,
                to_level=level,
                actual=level,
                actor=actor,
                group=held_by,
                detail=f"came back to {self._name(level)} from {old}; it had held"
                f" {level} before and left it",
            )
        self._enter(ticket, level, now, actor, out)
        if ticket.checks:
            self._reached(ticket, rank, level, now, out)

    def _settle(self, ticket: _Ticket, out: list[Deviation]) -> None:
        """Judge the pending move up now that its instant is over: skipped-level (past a
        level of the path, with no armed trigger or priority start that allows it) and
        premature (before the level's minimum, with no armed trigger event)."""
        move = ticket.pending
        assert move is not None
        ticket.pending = None
        category = ticket.category
        rule = self._rule(category, move.from_level, ticket.priority)
        rank = self.matrix.level_index[move.to_level]
        start_rank = max(move.start, self._start(category, ticket.priority)[1])
        by_start = start_rank > rule.rank and rank <= start_rank
        allowed = max(move.triggered, start_rank if start_rank > rule.rank else -1)
        if rule.next_id is not None and rank > rule.next_rank and rank > allowed:
            expected = rule.next_id
            if allowed > rule.next_rank:
                expected = self.matrix.levels[allowed].id
            passed = [
                lvl
                for lvl in self.matrix.path(category)
                if rule.rank < self.matrix.level_index[lvl] < rank
            ]
            self._deviate(
                ticket,
                "skipped-level",
                move.at,
                move.from_level,
                out,
                from_level=move.from_level,
                to_level=move.to_level,
                expected=expected,
                actual=move.to_level,
                actor=move.actor,
                group=move.group,
                detail=f"moved up from {move.from_level} to {self._name(move.to_level)}, past"
                f" {', '.join(passed)}, with no armed trigger or priority start that allows it",
            )
        if rule.min is None or move.triggered >= 0 or by_start or move.due:
            return
        earliest = rule.after(move.entered, rule.min, rule.min_us)
        assert earliest is not None
        if move.paused:
            earliest = rule.calendar.add_working_us(earliest, move.paused)
        if move.at >= earliest:
            return
        early = rule.calendar.working_us(move.at, earliest)
        if early <= 0:
            return
        held = rule.calendar.working_us(move.entered, move.at) - move.paused
        minimum = format_duration(rule.min)
        if move.actor is not None:
            self.counts.premature[move.actor] += 1
        self._deviate(
            ticket,
            "premature",
            move.at,
            move.from_level,
            out,
            from_level=move.from_level,
            to_level=move.to_level,
            expected=minimum,
            actual=working(held),
            by=working(early),
            actor=move.actor,
            group=move.group,
            detail=f"moved up to {move.to_level} after {working(held)} at {move.from_level}"
            f" (paused time excluded); {rule.label} holds it at least {minimum}, and no"
            " armed trigger event came",
        )

    # --- the handlers of events -----------------------------------------------------------

    def _priority_changed(
        self, ticket: _Ticket, event: Event, now: int, out: list[Deviation]
    ) -> None:
        new = event.priority
        if new is None or new not in self.matrix.priority_by_id:
            self.counts.ignored["priority_changed without a known priority"] += 1
            return
        if new == ticket.priority:
            return
        ticket.priority = new
        move = ticket.pending
        if move is not None and move.at == now:  # a jump to the new priority's start
            move.start = max(move.start, self._start(ticket.category, new)[1])
        rule = ticket.rule = self._rule(ticket.category, ticket.level, new)
        if ticket.late_at is not None:
            return  # late already: a new window does not undo it
        base = ticket.base = rule.after(ticket.entered, rule.max, rule.max_us)
        if base is None:
            ticket.deadline = None
            return
        deadline = rule.calendar.add_working_us(base, ticket.paused_work)
        if ticket.paused_since is not None:
            # the working time used before the pause counts (SPEC 5.4)
            if deadline <= ticket.paused_since:
                self._late_from(ticket, now)
        elif deadline > now:
            ticket.deadline = deadline
        else:
            self._late_from(ticket, now)

    def _paused(self, ticket: _Ticket, event: Event, now: int, out: list[Deviation]) -> None:
        if ticket.paused_since is not None:
            self.counts.ignored["paused while paused"] += 1
            return
        ticket.paused_since = now
        ticket.deadline = None

    def _resumed(self, ticket: _Ticket, event: Event, now: int, out: list[Deviation]) -> None:
        if ticket.paused_since is None:
            self.counts.ignored["resumed while running"] += 1
            return
        self._close_pause(ticket, now)
        ticket.paused_since = None
        if ticket.late_at is None and ticket.base is not None:
            ticket.deadline = ticket.rule.calendar.add_working_us(ticket.base, ticket.paused_work)

    def _end(self, ticket: _Ticket, event: Event, now: int, out: list[Deviation]) -> None:
        if ticket.pending is not None:
            self._settle(ticket, out)
        what = "resolved" if event.name == RESOLVED else "closed"
        self._leave(ticket, now, None, f" before it was {what}", event.actor, ticket.group, out)
        self._close_checks(ticket, now, f"never reached it (the ticket was {what})", out)
        del self._tickets[ticket.id]
        state = _Ended(
            ticket.category.id,
            ticket.priority,
            ticket.level,
            ticket.held,
            ticket.kinds,
            ticket.paused_total,
            frozenset(ticket.groups) if ticket.groups else _NONE,
            frozenset(ticket.deviated) if ticket.deviated else _NONE,
            ticket.group,
            event.name == CLOSED,
        )
        self._ended[ticket.id] = self._end_states.setdefault(state, state)

    def _after_end(self, event: Event, now: int, ended: _Ended, out: list[Deviation]) -> None:
        if event.name == REOPENED:
            category = self.matrix.category_by_id[ended.category]
            ticket = _Ticket(event.ticket, category, ended.priority, now)
            ticket.held, ticket.kinds = ended.held, ended.kinds
            ticket.paused_total = ended.paused_total
            ticket.groups, ticket.deviated = set(ended.groups), set(ended.deviated)
            ticket.group = ended.group
            del self._ended[event.ticket]
            self._tickets[event.ticket] = ticket
            self.counts.notes["reopenings (back at the level the ticket ended at)"] += 1
            self._enter(ticket, ended.level, now, event.actor, out, judge=False)
            self._place(ticket, event, now, out)
            return
        if event.level is not None and event.level != ended.level:
            self.counts.notes[AFTER_END] += 1
        if event.name == CLOSED and not ended.closed:
            closed = ended._replace(closed=True)
            self._ended[event.ticket] = self._end_states.setdefault(closed, closed)
        elif event.name != ROW_EVENT:
            state = "closed" if ended.closed else "resolved"
            self.counts.ignored[f"{event.name} after the ticket was {state}"] += 1

    def _trigger(self, ticket: _Ticket, event: Event, now: int, out: list[Deviation]) -> None:
        name = event.name
        move = ticket.pending
        if move is not None and move.at == now:
            # written with the move (same row or instant): it came at the level just left
            found = self._armed(ticket.category, move.from_level, name)
            if found is not None and found[0] is not None:
                move.triggered = max(move.triggered, found[1])
                self._watch(ticket, move.from_level, found, event, now)
                return
        found = self._armed(ticket.category, ticket.level, name)
        if found is None:
            self.counts.ignored[f"trigger event {name} not armed at the ticket's level"] += 1
            return
        if found[0] is None:
            self.counts.ignored[f"trigger {found[2].id} only informs: nothing to check"] += 1
            return
        ticket.triggered = max(ticket.triggered, found[1])
        self._watch(ticket, ticket.level, found, event, now)

    def _watch(
        self,
        ticket: _Ticket,
        level: str,
        found: tuple[str | None, int, Trigger],
        event: Event,
        now: int,
    ) -> None:
        """Expect the ticket at the trigger's target within the allowance."""
        target, target_rank, trigger = found
        assert target is not None
        if self.matrix.level_index[ticket.level] >= target_rank:
            return  # already there
        rule = self._rule(ticket.category, level, ticket.priority)
        amount = rule.min or ALLOWANCE
        deadline = rule.after(now, amount, rule._fixed(amount))
        assert deadline is not None
        ticket.checks.append(
            _Check(
                actor=event.actor,
                actual=ticket.level,
                calendar=rule.calendar,
                deadline=deadline,
                group=ticket.group,
                level=level,
                target=target,
                target_rank=target_rank,
                text=f"trigger '{trigger.name}' (event {event.name}) armed at {level} calls for"
                f" {target} within {format_duration(amount)}",
            )
        )

    def _reached(
        self, ticket: _Ticket, rank: int, level: str, now: int, out: list[Deviation]
    ) -> None:
        """The ticket moved to ``level`` at ``now``: settle the checks it answers."""
        waiting = []
        for check in ticket.checks:
            if now <= check.deadline:
                if rank >= check.target_rank:
                    continue  # in time
                check.actual = level
            elif rank >= check.target_rank:
                self._missed(ticket, check, now, f"reached it {{by}} late, at {level}", out)
                continue
            waiting.append(check)
        ticket.checks = waiting

    def _close_checks(self, ticket: _Ticket, at: int, outcome: str, out: list[Deviation]) -> None:
        for check in ticket.checks:
            if at > check.deadline:
                self._missed(ticket, check, at, outcome, out)
        ticket.checks = []

    def _missed(
        self, ticket: _Ticket, check: _Check, at: int, outcome: str, out: list[Deviation]
    ) -> None:
        by = check.calendar.working_us(check.deadline, at)
        if by <= 0:
            return
        self._deviate(
            ticket,
            "missed-trigger",
            check.deadline,
            check.level,
            out,
            from_level=check.level,
            to_level=check.target,
            expected=check.target,
            actual=check.actual,
            by=working(by),
            actor=check.actor,
            group=check.group,
            detail=f"{check.text}; it was at {check.actual} then, and "
            + outcome.replace("{by}", working(by)),
        )

    # --- records ------------------------------------------------------------------------

    def _name(self, level: str) -> str:
        return f"{level} ({self.matrix.level_by_id[level].name})"

    def _deviate(
        self,
        ticket: _Ticket,
        kind: str,
        at: int,
        level: str,
        out: list[Deviation],
        *,
        from_level: str | None = None,
        to_level: str | None = None,
        expected: str | None = None,
        actual: str | None = None,
        by: str | None = None,
        by_us: int = 0,
        actor: str | None = None,
        group: str | None = None,
        detail: str,
    ) -> None:
        counts = self.counts
        bit = _BIT[kind]
        if not ticket.kinds:
            counts.deviating += 1
        if not ticket.kinds & bit:
            counts.tickets_by_kind[kind] += 1
            ticket.kinds |= bit
        counts.deviations += 1
        counts.by_kind[kind] += 1
        per_level = counts.by_level.get(level)
        if per_level is None:
            per_level = counts.by_level[level] = Counter()
        per_level[kind] += 1
        if group is not None:
            per_group = counts.by_group.get(group)
            if per_group is None:
                per_group = counts.by_group[group] = Counter()
            per_group[kind] += 1
            if group not in ticket.deviated:
                ticket.deviated.add(group)
                counts.group_deviating[group] += 1
        moment = self._time(at)
        if kind == "late":
            lateness = counts.lateness.get(level)
            if lateness is None:
                lateness = counts.lateness[level] = Counter()
            lateness[round(by_us / _US)] += 1
        out.append(
            Deviation(
                ticket.id,
                kind,
                moment,
                level,
                from_level,
                to_level,
                expected,
                actual,
                by,
                actor,
                group,
                detail,
            )
        )

    def _keep_latest(
        self, ticket: str, by: int, level: str, moment: dt.datetime, still_open: bool
    ) -> None:
        """The ten tickets with the greatest lateness (each with its worst stay)."""
        latest = self.counts.latest
        for index, (other_by, other, *_) in enumerate(latest):
            if other == ticket:
                if by > other_by:
                    latest[index] = (by, ticket, level, moment, still_open)
                    latest.sort(key=lambda item: -item[0])
                return
        if len(latest) < LATEST or by > latest[-1][0]:
            latest.append((by, ticket, level, moment, still_open))
            latest.sort(key=lambda item: -item[0])
            del latest[LATEST:]


def _group_reader(group_by: str | None) -> Callable[[Event, _Ticket], str | None]:
    """How the ``--group-by`` value of a row is read."""
    if group_by is None:
        return lambda event, ticket: None
    if group_by == "actor":
        return lambda event, ticket: event.actor
    if group_by == "channel":
        return lambda event, ticket: event.channel
    if group_by == "category":
        return lambda event, ticket: ticket.category.id
    if group_by == "priority":
        return lambda event, ticket: ticket.priority

    def attribute(event: Event, ticket: _Ticket) -> str | None:
        for name, value in event.attributes:
            if name == group_by:
                return value
        return None

    return attribute
