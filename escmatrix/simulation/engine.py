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
  join its notification, so nobody who should hear of the event is left out.
- ``escalated`` moves to the logged level if it is higher, else one level up (SPEC); at the
  top of the path it changes nothing and is counted.
- ``resolved`` and ``closed`` end the ticket; ``reopened`` brings back either, at the level
  it ended at, with a fresh clock. Other events for an ended ticket are counted and ignored.
- A ticket whose first row is not ``created`` is created at that row (counted as creation
  inferred), then the row is applied.
- A ticket whose category is unknown (and no default was given) is skipped with all its
  rows, counted under ``unknown category`` with its first line number.
- An unknown priority falls back to the matrix default and is counted.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from escmatrix.durations import format_duration
from escmatrix.durations import Duration, Window
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
    Event,
    Problems,
)

UTC = dt.timezone.utc
NEVER = dt.datetime.max.replace(tzinfo=UTC)

REASONS = ("created", "timeout", "trigger", "manual", "priority", "reopened", "exhausted")


class LogOrderError(Exception):
    """A ticket's events go back in time: the log is in no usable order."""

    def __init__(self, ticket: str, line: int, time: dt.datetime, previous: dt.datetime) -> None:
        super().__init__(
            f"line {line}: ticket {ticket} goes back in time ({time.isoformat()} after"
            f" {previous.isoformat()})"
        )
        self.ticket, self.line = ticket, line


@dataclass(frozen=True, slots=True)
class Notification:
    """Who is contacted, when and why."""

    ticket: str
    time: dt.datetime  # in the matrix time zone
    level: str
    level_name: str
    contacts: tuple[str, ...]
    reason: str  # created, timeout, trigger:<id>, manual, priority, reopened, exhausted
    detail: str

    def to_record(self) -> dict[str, object]:
        return {
            "ticket": self.ticket,
            "time": self.time.isoformat(),
            "level": self.level,
            "level_name": self.level_name,
            "contacts": list(self.contacts),
            "reason": self.reason,
            "detail": self.detail,
        }


FIELDS = ("ticket", "time", "level", "level_name", "contacts", "reason", "detail")


@dataclass
class Counts:
    """What the engine saw besides notifications."""

    events: int = 0
    tickets: int = 0
    creation_inferred: int = 0
    unknown_events: Counter[str] = field(default_factory=Counter)
    ignored: Counter[str] = field(default_factory=Counter)
    after_horizon: int = 0
    highest_level: Counter[str] = field(default_factory=Counter)
    unresolved: Counter[str] = field(default_factory=Counter)  # open at the horizon, by level


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
    )

    def __init__(self, ticket_id: str, category: Category, path: tuple[str, ...], priority: str | None) -> None:
        self.id = ticket_id
        self.category = category
        self.path = path
        self.priority = priority
        self.position = 0
        self.highest = 0
        self.entered = NEVER
        self.base_deadline: dt.datetime | None = None
        self.deadline: dt.datetime | None = None
        self.paused_since: dt.datetime | None = None
        self.paused_work = dt.timedelta(0)
        self.exhausted = False
        self.last_time = NEVER
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
        from escmatrix.calendars import calendars_for

        self.matrix = matrix
        self.horizon = horizon
        self.problems = problems if problems is not None else Problems()
        self.source = source
        self.counts = Counts()
        self.zone = _zone(matrix.timezone)
        self._calendars = calendars_for(matrix)
        self._level_calendar = {
            level.id: self._calendars[matrix.level_calendar(level)] for level in matrix.levels
        }
        self._tickets: dict[str, _Ticket] = {}
        self._ended: dict[str, _Ended] = {}
        self._skipped: set[str] = set()
        self._heap: list[tuple[dt.datetime, int, str]] = []
        self._seq = 0
        self._watermark: dt.datetime | None = None
        self._in_order = True
        self._latest: dt.datetime | None = None
        self._triggers_by_event: dict[str, list[Trigger]] = {}
        for trigger in matrix.triggers:
            for name in trigger.events:
                self._triggers_by_event.setdefault(name, []).append(trigger)
        self._armed: dict[tuple[str, str], frozenset[str]] = {}
        self._window_cache: dict[tuple[str, str | None], Window] = {}
        self._contacts_cache: dict[tuple[str, str], tuple[str, ...]] = {}

    # --- public -------------------------------------------------------------------------

    @property
    def in_time_order(self) -> bool:
        """True while every event so far came in time order across tickets."""
        return self._in_order

    @property
    def latest(self) -> dt.datetime | None:
        """The latest event time seen (the default horizon)."""
        return self._latest

    def replay(self, events: Iterable[Event]) -> Iterator[Notification]:
        """Every notification of ``events``, then those of :meth:`finish`."""
        for event in events:
            yield from self.feed(event)
        yield from self.finish()

    def feed(self, event: Event) -> list[Notification]:
        """Apply one event; returns the notifications it (and timers before it) caused."""
        out: list[Notification] = []
        time = event.time
        if self.horizon is not None and time > self.horizon:
            self.counts.after_horizon += 1
            return out
        self.counts.events += 1
        if self._latest is None or time > self._latest:
            self._latest = time
        if self._in_order:
            if self._watermark is not None and time < self._watermark:
                self._in_order = False
            else:
                self._watermark = time
                self._fire_due(time, out, inclusive=False)
        ticket = self._tickets.get(event.ticket)
        if ticket is not None:
            if time < ticket.last_time:
                raise LogOrderError(ticket.id, event.line, time, ticket.last_time)
            self._advance(ticket, time, out, inclusive=False)
            ticket.last_time = time
            self._apply(ticket, event, out)
        elif event.ticket in self._skipped:
            self.problems.counts["rows of skipped tickets"] += 1
        else:
            self._first_row(event, out)
        return out

    def finish(self) -> list[Notification]:
        """Fire the timers still running, up to the horizon (the latest event by default)."""
        horizon = self.horizon if self.horizon is not None else self._latest
        out: list[Notification] = []
        if horizon is not None:
            self._fire_due(horizon, out, inclusive=True)
        highest = self.counts.highest_level
        highest.clear()
        for ticket in self._tickets.values():
            self.counts.unresolved[ticket.path[ticket.position]] += 1
            highest[ticket.path[ticket.highest]] += 1
        for ended in self._ended.values():
            path = self.matrix.path(self.matrix.category_by_id[ended.category])
            highest[path[ended.highest]] += 1
        return out

    # --- timers -------------------------------------------------------------------------

    def _schedule(self, ticket: _Ticket) -> None:
        if ticket.deadline is not None:
            self._seq += 1
            ticket.seq = self._seq
            heapq.heappush(self._heap, (ticket.deadline, self._seq, ticket.id))

    def _fire_due(self, until: dt.datetime, out: list[Notification], inclusive: bool) -> None:
        """Fire every ticket's timers due before ``until`` (or at it when inclusive)."""
        heap = self._heap
        while heap and (heap[0][0] < until or (inclusive and heap[0][0] == until)):
            _, seq, ticket_id = heapq.heappop(heap)
            ticket = self._tickets.get(ticket_id)
            if ticket is None or ticket.seq != seq:
                continue  # stale entry: the ticket moved, paused or ended since
            self._advance(ticket, until, out, inclusive)

    def _advance(self, ticket: _Ticket, until: dt.datetime, out: list[Notification], inclusive: bool) -> None:
        """Fire ``ticket``'s own timers due before ``until`` (or at it when inclusive)."""
        while ticket.deadline is not None and (
            ticket.deadline < until or (inclusive and ticket.deadline == until)
        ):
            due = ticket.deadline
            level_id = ticket.path[ticket.position]
            window = self._window(level_id, ticket.priority)
            assert window.max is not None
            label = self._window_label(window.max, ticket.priority, level_id)
            if ticket.position + 1 < len(ticket.path):
                self._move(ticket, ticket.position + 1, due)
                out.append(self._notify(ticket, due, "timeout",
                                        f"{label} elapsed without resolution"))  # fmt: skip
            else:
                ticket.exhausted = True
                ticket.deadline = None
                out.append(self._notify(ticket, due, "exhausted",
                                        f"{label} elapsed without resolution; {level_id} is the"
                                        " last level of the path"))  # fmt: skip

    def _window_label(self, maximum: Duration, priority: str | None, level_id: str) -> str:
        text = format_duration(maximum)
        level = self.matrix.level_by_id[level_id]
        scaled = priority is not None and self._window(level_id, priority) != level.window.default
        return f"{text} window of {level_id}" + (f" ({priority})" if scaled else "")

    # --- state changes --------------------------------------------------------------------

    def _window(self, level_id: str, priority: str | None) -> Window:
        key = (level_id, priority)
        window = self._window_cache.get(key)
        if window is None:
            window = self.matrix.window(self.matrix.level_by_id[level_id], priority)
            self._window_cache[key] = window
        return window

    def _start_clock(self, ticket: _Ticket, at: dt.datetime) -> None:
        """(Re)start the current level's clock at ``at``."""
        level_id = ticket.path[ticket.position]
        ticket.entered = at
        ticket.paused_work = dt.timedelta(0)
        ticket.exhausted = False
        window = self._window(level_id, ticket.priority)
        if window.max is None:
            ticket.base_deadline = None
        else:
            ticket.base_deadline = self._level_calendar[level_id].add(at, window.max)
        if ticket.paused_since is not None:
            ticket.paused_since = at
            ticket.deadline = None
        else:
            ticket.deadline = ticket.base_deadline
        ticket.seq = 0
        self._schedule(ticket)

    def _move(self, ticket: _Ticket, position: int, at: dt.datetime) -> None:
        ticket.position = position
        if position > ticket.highest:
            ticket.highest = position
        self._start_clock(ticket, at)

    def _notify(self, ticket: _Ticket, at: dt.datetime, reason: str, detail: str,
                extra: tuple[str, ...] = (), only: tuple[str, ...] | None = None) -> Notification:  # fmt: skip
        """A notification at the ticket's level: its contacts plus ``extra``, or ``only``."""
        level_id = ticket.path[ticket.position]
        key = (ticket.category.id, level_id)
        contacts = self._contacts_cache.get(key) if only is None else only
        if contacts is None:
            contacts = self.matrix.contacts_for(ticket.category, level_id)
            self._contacts_cache[key] = contacts
        if extra:
            contacts = contacts + tuple(c for c in extra if c not in contacts)
        level = self.matrix.level_by_id[level_id]
        return Notification(ticket.id, at.astimezone(self.zone), level_id, level.name,
                            contacts, reason, detail)  # fmt: skip

    # --- events ---------------------------------------------------------------------------

    def _first_row(self, event: Event, out: list[Notification]) -> None:
        ended = self._ended.get(event.ticket)
        if ended is not None:
            self._after_end(event, ended, out)
            return
        category = self._category(event)
        if category is None:
            return
        priority = self._priority(event.priority, event)
        path = self.matrix.path(category)
        ticket = _Ticket(event.ticket, category, path, priority)
        ticket.last_time = event.time
        start = self.matrix.priority_by_id[priority].start if priority in self.matrix.priority_by_id else None
        position = path.index(start) if start in path else 0
        ticket.position = ticket.highest = position
        self._tickets[event.ticket] = ticket
        self.counts.tickets += 1
        inferred = event.name != CREATED
        if inferred:
            self.counts.creation_inferred += 1
        self._start_clock(ticket, event.time)
        what = [priority or "no priority", category.name]
        detail = f"ticket created ({', '.join(what)})"
        if position:
            detail += f"; {priority} tickets start at {path[position]}"
        if inferred:
            detail += f"; the log has no 'created' row, so its first row ({event.name}) stands for it"
        out.append(self._notify(ticket, event.time, "created", detail))
        if inferred:
            self._apply(ticket, event, out)

    def _category(self, event: Event) -> Category | None:
        matrix = self.matrix
        category_id = event.category
        if category_id is None and len(matrix.categories) == 1:
            return matrix.categories[0]
        category = matrix.category_by_id.get(category_id or "")
        if category is None:
            self._skipped.add(event.ticket)
            what = f"unknown category {category_id!r}" if category_id else "no category"
            self.problems.add(self.source, event.line, "unknown category",
                              f"ticket {event.ticket}: {what} and no default category;"
                              " the ticket is skipped")  # fmt: skip
        return category

    def _priority(self, priority: str | None, event: Event) -> str | None:
        if priority is None:
            return self.matrix.default_priority
        if priority in self.matrix.priority_by_id:
            return priority
        self.counts.ignored[f"unknown priority {priority!r} (default used)"] += 1
        return self.matrix.default_priority

    def _apply(self, ticket: _Ticket, event: Event, out: list[Notification]) -> None:
        name = event.name
        if name == CREATED:
            self.counts.ignored["created again while open"] += 1
        elif name == ESCALATED:
            self._escalated(ticket, event, out)
        elif name == PRIORITY_CHANGED:
            self._priority_changed(ticket, event, out)
        elif name == PAUSED:
            if ticket.paused_since is None:
                ticket.paused_since = event.time
                ticket.deadline = None
                ticket.seq = 0
            else:
                self.counts.ignored["paused while paused"] += 1
        elif name == RESUMED:
            if ticket.paused_since is None:
                self.counts.ignored["resumed while running"] += 1
            else:
                level_id = ticket.path[ticket.position]
                calendar = self._level_calendar[level_id]
                ticket.paused_work += calendar.working_time(ticket.paused_since, event.time)
                ticket.paused_since = None
                if ticket.base_deadline is not None and not ticket.exhausted:
                    ticket.deadline = (
                        calendar.add_working(ticket.base_deadline, ticket.paused_work)
                        if ticket.paused_work else ticket.base_deadline
                    )  # fmt: skip
                    ticket.seq = 0
                    self._schedule(ticket)
        elif name in (RESOLVED, CLOSED):
            self._end(ticket, name)
        elif name == REOPENED:
            self.counts.ignored["reopened while open"] += 1
        elif name in self._triggers_by_event:
            self._trigger(ticket, event, out)
        else:
            self.counts.unknown_events[name] += 1

    def _end(self, ticket: _Ticket, name: str) -> None:
        del self._tickets[ticket.id]
        self._ended[ticket.id] = _Ended(
            ticket.category.id, ticket.priority, ticket.position, ticket.highest, name == CLOSED
        )

    def _after_end(self, event: Event, ended: _Ended, out: list[Notification]) -> None:
        if event.name == REOPENED:
            category = self.matrix.category_by_id[ended.category]
            ticket = _Ticket(event.ticket, category, self.matrix.path(category), ended.priority)
            ticket.position, ticket.highest = ended.position, ended.highest
            del self._ended[event.ticket]
            ticket.last_time = event.time
            self._tickets[event.ticket] = ticket
            self._start_clock(ticket, event.time)
            out.append(self._notify(ticket, event.time, "reopened",
                                    f"ticket reopened; back at {ticket.path[ticket.position]}"
                                    " with a fresh clock"))  # fmt: skip
        elif event.name == CLOSED and not ended.closed:
            self._ended[event.ticket] = ended._replace(closed=True)
        else:
            state = "closed" if ended.closed else "resolved"
            self.counts.ignored[f"{event.name} after the ticket was {state}"] += 1

    def _escalated(self, ticket: _Ticket, event: Event, out: list[Notification]) -> None:
        matrix, path = self.matrix, ticket.path
        position = ticket.position
        target = None
        if event.level is not None:
            if event.level not in matrix.level_by_id:
                self.counts.ignored[f"escalated to unknown level {event.level!r}"] += 1
            else:
                logged = matrix.target(
                    ticket.category, path[position], Escalate("level", level=event.level)
                )
                target = None if logged is None else path.index(logged)
        if target is None:
            if position + 1 >= len(path):
                self.counts.ignored["escalated at the top of the path"] += 1
                return
            target = position + 1
            detail = "escalated in the log" + (
                f" to {event.level}, not above where it already is; moved one level up"
                if event.level in matrix.level_by_id else "; moved one level up"
            )  # fmt: skip
        else:
            detail = f"escalated in the log to {event.level}"
        self._move(ticket, target, event.time)
        out.append(self._notify(ticket, event.time, "manual", detail))

    def _priority_changed(self, ticket: _Ticket, event: Event, out: list[Notification]) -> None:
        new = event.priority
        if new is None or new not in self.matrix.priority_by_id:
            self.counts.ignored["priority_changed without a known priority"] += 1
            return
        if new == ticket.priority:
            return
        ticket.priority = new
        start = self.matrix.priority_by_id[new].start
        if start in ticket.path and ticket.path.index(start) > ticket.position:
            name = self.matrix.priority_by_id[new].name
            self._move(ticket, ticket.path.index(start), event.time)
            out.append(self._notify(ticket, event.time, "priority",
                                    f"priority changed to {new}" + (f" ({name})" if name else "")
                                    + f", which starts at {start}"))  # fmt: skip
            return
        # Re-time the current level from when the ticket entered it.
        level_id = ticket.path[ticket.position]
        window = self._window(level_id, new)
        if window.max is None or ticket.exhausted:
            ticket.base_deadline = None if window.max is None else ticket.base_deadline
            return
        calendar = self._level_calendar[level_id]
        ticket.base_deadline = calendar.add(ticket.entered, window.max)
        if ticket.paused_since is not None:
            return
        deadline = (
            calendar.add_working(ticket.base_deadline, ticket.paused_work)
            if ticket.paused_work else ticket.base_deadline
        )  # fmt: skip
        if deadline <= event.time:
            label = self._window_label(window.max, new, level_id)
            if ticket.position + 1 < len(ticket.path):
                self._move(ticket, ticket.position + 1, event.time)
                out.append(self._notify(ticket, event.time, "timeout",
                                        f"priority changed to {new}: the {label} has already"
                                        " elapsed"))  # fmt: skip
            else:
                ticket.exhausted = True
                ticket.deadline = None
                ticket.seq = 0
                out.append(self._notify(ticket, event.time, "exhausted",
                                        f"priority changed to {new}: the {label} has already"
                                        f" elapsed; {level_id} is the last level of the path"))  # fmt: skip
            return
        ticket.deadline = deadline
        ticket.seq = 0
        self._schedule(ticket)

    def _armed_here(self, ticket: _Ticket) -> frozenset[str]:
        level_id = ticket.path[ticket.position]
        key = (ticket.category.id, level_id)
        armed = self._armed.get(key)
        if armed is None:
            cell = ticket.category.cell(level_id)
            listed = set(cell.triggers) if cell else set()
            listed.update(t.id for t in self.matrix.triggers if t.scope == "any")
            armed = self._armed[key] = frozenset(listed)
        return armed

    def _trigger(self, ticket: _Ticket, event: Event, out: list[Notification]) -> None:
        armed = self._armed_here(ticket)
        matching = [t for t in self._triggers_by_event[event.name] if t.id in armed]
        if not matching:
            self.counts.ignored[f"trigger event {event.name} not armed at the ticket's level"] += 1
            return
        best: Trigger | None = None
        best_position = ticket.position
        for trigger in matching:
            target = self.matrix.target(ticket.category, ticket.path[ticket.position], trigger.escalate)
            if target is not None:
                position = ticket.path.index(target)
                if position > best_position:
                    best, best_position = trigger, position
        notify = tuple(c for t in matching for c in t.notify)
        if best is None:
            if notify:
                names = ", ".join(
                    self.matrix.contact_by_id[c].name if c in self.matrix.contact_by_id else c
                    for c in dict.fromkeys(notify)
                )
                first = matching[0]
                out.append(self._notify(ticket, event.time, f"trigger:{first.id}",
                                        f"trigger '{first.name}' (event {event.name}) informs"
                                        f" {names}; the ticket stays at"
                                        f" {ticket.path[ticket.position]}",
                                        only=tuple(dict.fromkeys(notify))))  # fmt: skip
            else:
                self.counts.ignored[f"trigger {matching[0].id} at or above its target"] += 1
            return
        self._move(ticket, best_position, event.time)
        out.append(self._notify(ticket, event.time, f"trigger:{best.id}",
                                f"trigger '{best.name}' (event {event.name})", extra=notify))  # fmt: skip


def _zone(name: str) -> dt.tzinfo:
    import zoneinfo

    return zoneinfo.ZoneInfo(name)
