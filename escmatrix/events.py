"""Ticket events: what log readers produce and the engine consumes.

A canonical ticket log has one event per row (SPEC section 4). Readers turn CSV, JSON Lines,
Excel or a mapped real-world export into :class:`Event` objects; rows that cannot become an
event are reported to a :class:`~escmatrix.findings.Problems` collector with their line
number, never dropped silently.

Compiled with Cython when a compiler is there (``events.pxd`` gives the types, and the
engine reads an event's fields as C values); the same code runs as plain Python otherwise.
"""

from __future__ import annotations

import datetime as dt

from escmatrix.instants import from_us, to_us

CREATED = "created"
ESCALATED = "escalated"
PRIORITY_CHANGED = "priority_changed"
PAUSED = "paused"
RESUMED = "resumed"
RESOLVED = "resolved"
REOPENED = "reopened"
CLOSED = "closed"
STANDARD_EVENTS = (
    CREATED,
    ESCALATED,
    PRIORITY_CHANGED,
    PAUSED,
    RESUMED,
    RESOLVED,
    REOPENED,
    CLOSED,
)

FIELDS = (
    "ticket", "time", "name", "line", "category", "priority", "level", "channel", "actor",
    "attributes",
)  # fmt: skip


class Event:
    """One row of a ticket log: ``us``, its instant in microseconds since the epoch, and
    ``zone``, the time zone it was written in (``time`` gives both as a datetime).

    ``line`` is the 1-based line (or row) in the source, for messages (0 when unknown);
    ``level`` is, for ``escalated``, the level the ticket went to, and otherwise the level
    that held the ticket (for the audit). ``attributes`` are the more columns a mapping
    passes through, as (name, value) pairs in the mapping's order."""

    __slots__ = (
        "actor", "attributes", "category", "channel", "level", "line", "name", "priority",
        "ticket", "us", "zone",
    )  # fmt: skip

    def __init__(
        self,
        ticket: str,
        time: dt.datetime,
        name: str,
        line: int = 0,
        category: str | None = None,
        priority: str | None = None,
        level: str | None = None,
        channel: str | None = None,
        actor: str | None = None,
        attributes: tuple[tuple[str, str | None], ...] = (),
    ) -> None:
        zone = time.tzinfo
        self.us = to_us(time)  # ValueError for a naive time
        assert zone is not None
        self.ticket = ticket
        self.zone = zone
        self.name = name
        self.line = line
        self.category = category
        self.priority = priority
        self.level = level
        self.channel = channel
        self.actor = actor
        self.attributes = attributes

    @property
    def time(self) -> dt.datetime:
        """The event's time in the zone it was written in."""
        return from_us(self.us, self.zone)

    def fill(
        self,
        ticket: str,
        us: int,
        zone: dt.tzinfo,
        name: str,
        line: int,
        category: str | None,
        priority: str | None,
        level: str | None,
        channel: str | None,
        actor: str | None,
        attributes: tuple[tuple[str, str | None], ...],
    ) -> None:
        """Set every field of a new event (:func:`make_event`): the one place they are set
        but the constructor, which takes a datetime."""
        self.ticket = ticket
        self.us = us
        self.zone = zone
        self.name = name
        self.line = line
        self.category = category
        self.priority = priority
        self.level = level
        self.channel = channel
        self.actor = actor
        self.attributes = attributes

    def replace(self, **changes: object) -> Event:
        """A copy with some fields changed (``time`` as a datetime)."""
        values = dict(zip(FIELDS, self.fields(), strict=True))
        values.update(changes)
        return Event(**values)  # type: ignore[arg-type]

    def fields(self) -> tuple[object, ...]:
        return (
            self.ticket, self.time, self.name, self.line, self.category, self.priority,
            self.level, self.channel, self.actor, self.attributes,
        )  # fmt: skip

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Event):
            return NotImplemented
        return self.fields() == other.fields()

    def __hash__(self) -> int:
        return hash(self.fields())

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{k}={v!r}" for k, v in zip(FIELDS, self.fields(), strict=True) if v is not None
        )
        return f"Event({shown})"


def make_event(
    ticket: str,
    us: int,
    zone: dt.tzinfo,
    name: str,
    line: int,
    category: str | None,
    priority: str | None,
    level: str | None,
    channel: str | None,
    actor: str | None,
    attributes: tuple[tuple[str, str | None], ...] = (),
) -> Event:
    """An event from its instant in microseconds: what readers call once per row (no
    datetime is built)."""
    event = Event.__new__(Event)
    event.fill(ticket, us, zone, name, line, category, priority, level, channel, actor, attributes)
    return event
