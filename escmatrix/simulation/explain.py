"""One hypothetical ticket that nobody solves: who is contacted when (``escmatrix explain``)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from escmatrix.durations import DurationError, DurationRangeError, format_window, parse_duration
from escmatrix.events import (
    CLOSED,
    CREATED,
    ESCALATED,
    PAUSED,
    PRIORITY_CHANGED,
    RESOLVED,
    RESUMED,
    STANDARD_EVENTS,
    Event,
)
from escmatrix.limits import TIME_RANGE, TimeRangeError, check_time
from escmatrix.model import Category, Cell, Matrix
from escmatrix.simulation.engine import Notification, Simulation
from escmatrix.suggest import hint, unknown

_NO_CELL = Cell()

TICKET = "example"


class ExplainError(ValueError):
    """A bad --event, --at, category or priority."""


@dataclass(frozen=True)
class PlannedEvent:
    """``--event 45m=manager_requested``: an event at an offset from the start (real
    elapsed time) or at an absolute time; ``priority_changed:P1`` and ``escalated:L3``
    carry a value."""

    at: dt.timedelta | dt.datetime
    name: str
    value: str | None = None


def parse_planned(text: str, zone: dt.tzinfo) -> PlannedEvent:
    when, sep, what = text.partition("=")
    if not sep or not when.strip() or not what.strip():
        raise ExplainError(f"--event {text!r}: write it as OFFSET=NAME, e.g. 45m=manager_requested")
    name, _, value = what.strip().partition(":")
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", name):
        raise ExplainError(f"--event {text!r}: {name!r} is not an event name")
    return PlannedEvent(parse_when(when.strip(), zone, f"--event {text!r}"), name, value or None)


def parse_when(text: str, zone: dt.tzinfo, what: str) -> dt.timedelta | dt.datetime:
    """An offset (``45m``, ``PT2H``) or an ISO 8601 time (naive times are in ``zone``)."""
    try:
        duration = parse_duration(text)
    except DurationRangeError as error:
        raise ExplainError(f"{what}: {error}") from None
    except DurationError:
        duration = None
    if duration is not None:
        if duration.is_business:
            raise ExplainError(f"{what}: give the offset in time (45m, 2h, 1d), not business days")
        return dt.timedelta(seconds=duration.seconds)
    return parse_time(text, zone, what)


def parse_time(text: str, zone: dt.tzinfo, what: str) -> dt.datetime:
    """An ISO 8601 time (naive: in ``zone``) in the years a replay computes."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ExplainError(
            f"{what}: {text!r} is neither an offset (45m) nor an ISO 8601 time"
        ) from None
    try:
        return check_time(moment if moment.tzinfo else moment.replace(tzinfo=zone))
    except TimeRangeError:
        raise ExplainError(f"{what}: {text!r} is outside {TIME_RANGE}") from None


def explain(
    matrix: Matrix,
    category: str,
    *,
    priority: str | None = None,
    at: dt.datetime,
    events: tuple[PlannedEvent, ...] = (),
) -> list[Notification | Note]:
    """The notifications of one ticket of ``category`` opened at ``at``, with the given
    events and nobody solving it, until its last level (or its last window runs out);
    an event that notifies nobody is a :class:`Note` saying what it did, or why nothing."""
    if category not in matrix.category_by_id:
        raise ExplainError(unknown("category", category, matrix.category_by_id))
    if priority is not None and priority not in matrix.priority_by_id:
        raise ExplainError(unknown("priority", priority, matrix.priority_by_id))
    timeline = [Event(TICKET, at, CREATED, category=category, priority=priority)]
    for index, planned in enumerate(events, 1):
        if isinstance(planned.at, dt.timedelta):  # offsets are real elapsed time
            when = (at.astimezone(dt.timezone.utc) + planned.at).astimezone(at.tzinfo)
        else:
            when = planned.at
        _check_value(matrix, planned)
        if when < at:
            raise ExplainError(
                f"--event {planned.name} at {when.isoformat()} is before the ticket opens"
            )
        timeline.append(
            Event(
                TICKET,
                when,
                planned.name,
                line=index,
                priority=planned.value if planned.name == PRIORITY_CHANGED else None,
                level=planned.value if planned.name == ESCALATED else None,
            )
        )
    timeline.sort(key=lambda event: event.us)
    # followed for a century past the last event: far beyond any ladder, and within what
    # the calendars compute however many levels the path has
    horizon = timeline[-1].time + dt.timedelta(days=36_525)
    simulation = Simulation(matrix, horizon=horizon)
    steps: list[Notification | Note] = []
    level, current = None, priority or matrix.default_priority
    for event in timeline:
        counts = simulation.counts
        ignored = Counter(counts.ignored)
        out = simulation.feed(event)
        steps.extend(out)
        caused = [n for n in out if n.at == event.us]
        level = out[-1].level if out else level
        if not caused and event.name != CREATED and level is not None:
            why = list(counts.ignored - ignored)
            if event.name == PRIORITY_CHANGED and event.priority == current:
                why.append(f"the ticket already has priority {current}")
            steps.append(_note(matrix, category, event, level, why))
        if event.name == PRIORITY_CHANGED:
            current = event.priority
    steps.extend(simulation.finish())
    return steps


def _check_value(matrix: Matrix, planned: PlannedEvent) -> None:
    """``priority_changed:P7`` or ``escalated:L9`` naming what the matrix lacks."""
    value = planned.value
    if planned.name == PRIORITY_CHANGED and value not in matrix.priority_by_id:
        if value is None:
            raise ExplainError("--event priority_changed: say which, e.g. 2h=priority_changed:P1")
        raise ExplainError(f"--event: {unknown('priority', value, matrix.priority_by_id)}")
    if planned.name == ESCALATED and value and value not in matrix.level_by_id:
        raise ExplainError(f"--event: {unknown('level', value, matrix.level_by_id)}")


@dataclass(frozen=True)
class Note:
    """An event that notified nobody, and what it did: a pause, a resume, a priority
    that only re-times the level, or nothing at all (and why)."""

    time: dt.datetime
    event: str
    level: str  # where the ticket is
    detail: str

    def to_record(self) -> dict[str, object]:
        return {"time": self.time.isoformat(), "event": self.event, "level": self.level,
                "detail": self.detail}  # fmt: skip


def _note(matrix: Matrix, category_id: str, event: Event, level: str, why: list[str]) -> Note:
    """What an event that notified nobody did; ``why`` holds what the engine counted."""
    name = event.name
    triggers = [t for t in matrix.triggers if name in t.events]
    if why:
        detail = f"{_event_text(event)} changes nothing: {'; '.join(why)}"
        if triggers and any("not armed" in reason for reason in why):
            detail = _not_armed(matrix, matrix.category_by_id[category_id], event, level)
    elif name == PAUSED:
        detail = f"ticket paused: {level}'s clock stops until it is resumed"
    elif name == RESUMED:
        detail = f"ticket resumed: {level}'s clock runs on from where it stopped"
    elif name in (RESOLVED, CLOSED):
        detail = f"ticket {name}: nobody is contacted any more"
    elif name == PRIORITY_CHANGED:
        window = format_window(matrix.window(matrix.level_by_id[level], event.priority))
        detail = f"priority changed to {event.priority}: {level} is re-timed ({window})"
    elif name not in STANDARD_EVENTS and not triggers:
        known = [*STANDARD_EVENTS, *(e for t in matrix.triggers for e in t.events)]
        detail = (
            f"event {name} changes nothing: the matrix has no trigger for it ({hint(name, known)})"
        )
    else:
        detail = f"{_event_text(event)} changes nothing at {level}"
    return Note(event.time, name, level, detail)


def _event_text(event: Event) -> str:
    value = event.priority or event.level
    return f"event {event.name}" + (f":{value}" if value else "")


def _not_armed(matrix: Matrix, category: Category, event: Event, level: str) -> str:
    """``no trigger for it is armed at L3 (armed at L1)``."""
    triggers = [t for t in matrix.triggers if event.name in t.events]
    armed_at = [
        lvl
        for lvl in matrix.path(category)
        if any(
            t.scope == "any" or t.id in (category.cell(lvl) or _NO_CELL).triggers for t in triggers
        )
    ]
    where = f"armed at {', '.join(armed_at)}" if armed_at else "armed at no level of its path"
    names = ", ".join(repr(t.name) for t in triggers)
    return f"event {event.name} changes nothing: {names} is not armed at {level} ({where})"
