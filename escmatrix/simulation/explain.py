"""One hypothetical ticket that nobody solves: who is contacted when (``escmatrix explain``)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from escmatrix.durations import DurationError, parse_duration
from escmatrix.model import Matrix
from escmatrix.simulation.engine import NEVER, Notification, Simulation
from escmatrix.simulation.events import CREATED, ESCALATED, PRIORITY_CHANGED, Event

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
    except DurationError:
        duration = None
    if duration is not None:
        if duration.is_business:
            raise ExplainError(f"{what}: give the offset in time (45m, 2h, 1d), not business days")
        return dt.timedelta(seconds=duration.seconds)
    return parse_time(text, zone, what)


def parse_time(text: str, zone: dt.tzinfo, what: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ExplainError(
            f"{what}: {text!r} is neither an offset (45m) nor an ISO 8601 time"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def explain(
    matrix: Matrix,
    category: str,
    *,
    priority: str | None = None,
    at: dt.datetime,
    events: tuple[PlannedEvent, ...] = (),
) -> list[Notification]:
    """The notifications of one ticket of ``category`` opened at ``at``, with the given
    events and nobody solving it, until its last level (or its last window runs out)."""
    if category not in matrix.category_by_id:
        raise ExplainError(
            f"unknown category {category!r} (known: {', '.join(matrix.category_by_id)})"
        )
    if priority is not None and priority not in matrix.priority_by_id:
        known = ", ".join(matrix.priority_by_id) or "none are defined"
        raise ExplainError(f"unknown priority {priority!r} (known: {known})")
    timeline = [Event(TICKET, at, CREATED, category=category, priority=priority)]
    for index, planned in enumerate(events, 1):
        if isinstance(planned.at, dt.timedelta):  # offsets are real elapsed time
            when = (at.astimezone(dt.timezone.utc) + planned.at).astimezone(at.tzinfo)
        else:
            when = planned.at
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
    timeline.sort(key=lambda event: event.time)
    simulation = Simulation(matrix, horizon=NEVER)
    return list(simulation.replay(timeline))
