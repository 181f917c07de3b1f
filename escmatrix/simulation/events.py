"""Ticket events: what log readers produce and the engine consumes.

A canonical ticket log has one event per row (SPEC section 4). Readers turn CSV, JSON Lines,
Excel or a mapped real-world export into :class:`Event` objects; rows that cannot become an
event are reported to a :class:`Problems` collector with their line number, never dropped
silently.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from escmatrix.limits import DISTINCT_NAMES

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


class Event(NamedTuple):
    """One row of a ticket log. ``time`` is always timezone-aware.

    A named tuple, not a dataclass: readers build one per row, and a frozen dataclass's
    constructor would cost more than reading the row."""

    ticket: str
    time: dt.datetime
    name: str
    line: int = 0  # 1-based line (or row) in the source, for messages; 0 when unknown
    category: str | None = None
    priority: str | None = None
    level: str | None = None  # for escalated: the level the ticket went to
    channel: str | None = None
    actor: str | None = None
    # more columns a mapping passes through, as (name, value) pairs in the mapping's order
    attributes: tuple[tuple[str, str | None], ...] = ()


class LogError(Exception):
    """A bad row under ``--strict``, or a log that cannot be read at all."""

    def __init__(self, source: str, line: int, message: str) -> None:
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {message}")
        self.source = source
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Problem:
    source: str
    line: int
    reason: str  # a short kind: "missing ticket id", "unparseable time", ...
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.message}"


@dataclass
class Problems:
    """Rows skipped and why: every kind counted, the first examples kept with their line.

    Under ``strict`` the first problem raises :class:`LogError` instead."""

    strict: bool = False
    keep: int = 20
    counts: Counter[str] = field(default_factory=Counter)
    examples: list[Problem] = field(default_factory=list)

    def add(self, source: str, line: int, reason: str, message: str) -> None:
        if self.strict:
            raise LogError(source, line, message)
        self.counts[reason] += 1
        if len(self.examples) < self.keep:
            self.examples.append(Problem(source, line, reason, message))

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class BoundedCounter(Counter[str]):
    """A :class:`~collections.Counter` of at most ``limit`` distinct keys: the counts of a
    key first seen after that are added to :attr:`other` instead, so that a log with a
    million distinct unknown event names costs a thousand entries, and the total stays
    exact (:attr:`total_rows`)."""

    def __init__(self, *args: Any, limit: int = DISTINCT_NAMES, **kwargs: Any) -> None:
        self.limit = limit
        self.other = 0
        super().__init__(*args, **kwargs)

    def __setitem__(self, key: str, value: int) -> None:
        if len(self) < self.limit or key in self:
            super().__setitem__(key, value)
        else:
            self.other += value

    def copy(self) -> BoundedCounter:
        copied = BoundedCounter(limit=self.limit)
        dict.update(copied, self)
        copied.other = self.other
        return copied

    @property
    def total_rows(self) -> int:
        return sum(self.values()) + self.other


def top_and_rest(counts: Counter[str], count: int) -> tuple[list[tuple[str, int]], int, int]:
    """The ``count`` most common keys of ``counts``, then how many other keys there are
    (keys past a :class:`BoundedCounter`'s limit are not told apart: they count as one)
    and the rows of those others."""
    shown = counts.most_common(count)
    other = getattr(counts, "other", 0)
    rest = len(counts) - len(shown) + (1 if other else 0)
    rows = sum(counts.values()) + other - sum(n for _, n in shown)
    return shown, rest, rows
