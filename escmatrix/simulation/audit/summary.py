"""The figures of an audit: what ``audit --format summary`` shows, as plain data."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from escmatrix.findings import Problems
from escmatrix.simulation.audit.core import KINDS, Audit, working

ACTORS_SHOWN = 15  # actors in the summary table (json and xlsx hold them all)


def quantile(values: Counter[int], share: float) -> int:
    """The nearest-rank quantile of a multiset of numbers (``share`` 0.5: the median)."""
    total = sum(values.values())
    rank = max(1, math.ceil(share * total))
    seen = 0
    for value in sorted(values):
        seen += values[value]
        if seen >= rank:
            return value
    raise ValueError("no values")


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


@dataclass
class Lateness:
    """Late stays at one level: how many, and how late (seconds of the level's clock)."""

    late: int
    median: int
    p90: int
    worst: int


@dataclass
class GroupFigures:
    tickets: int
    deviating: int
    by_kind: dict[str, int]

    @property
    def conforming(self) -> int:
        return self.tickets - self.deviating


@dataclass
class ActorFigures:
    escalations: int
    premature: int
    late: int


@dataclass
class LateTicket:
    ticket: str
    level: str
    by: int  # seconds of the level's clock
    since: dt.datetime  # when the level's window ran out
    still_open: bool


@dataclass
class AuditSummary:
    """Everything ``audit --format summary`` shows, as plain data."""

    matrix: str = ""
    log: str = ""
    horizon: dt.datetime | None = None
    group_by: str | None = None
    events: int = 0
    tickets: int = 0
    conforming: int = 0
    deviations: int = 0
    creation_inferred: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)  # every kind, in SPEC order
    tickets_by_kind: dict[str, int] = field(default_factory=dict)
    by_level: dict[str, dict[str, int]] = field(default_factory=dict)  # in level order
    groups: dict[str, GroupFigures] = field(default_factory=dict)  # most tickets first
    lateness: dict[str, Lateness] = field(default_factory=dict)  # in level order
    first_level_alone: int = 0
    paused_tickets: int = 0
    paused_total: int = 0  # seconds
    paused_median: int = 0
    paused_p90: int = 0
    paused_worst: int = 0
    actors: dict[str, ActorFigures] = field(default_factory=dict)  # most escalations first
    latest: list[LateTicket] = field(default_factory=list)
    open_at_horizon: dict[str, int] = field(default_factory=dict)
    unplaced: Counter[str] = field(default_factory=Counter)  # rows not placed or skipped
    unplaced_examples: list[str] = field(default_factory=list)
    notes: Counter[str] = field(default_factory=Counter)
    ignored: Counter[str] = field(default_factory=Counter)
    unknown_events: Counter[str] = field(default_factory=Counter)
    after_horizon: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def conformance(self) -> float:
        """The share of tickets with no deviation."""
        return _share(self.conforming, self.tickets)

    @property
    def first_level_alone_share(self) -> float:
        return _share(self.first_level_alone, self.tickets)

    @classmethod
    def of(cls, audit: Audit, problems: Problems, log: str) -> AuditSummary:
        """The figures of a finished audit."""
        counts, matrix = audit.counts, audit.matrix
        order = [level.id for level in matrix.levels]
        summary = cls(
            matrix=matrix.name,
            log=log,
            horizon=audit.horizon or audit.latest,
            group_by=audit.group_by,
            events=counts.events,
            tickets=counts.tickets,
            conforming=counts.tickets - counts.deviating,
            deviations=counts.deviations,
            creation_inferred=counts.creation_inferred,
            by_kind={kind: counts.by_kind[kind] for kind in KINDS},
            tickets_by_kind={kind: counts.tickets_by_kind[kind] for kind in KINDS},
            by_level={
                level: {k: counts.by_level[level][k] for k in KINDS if counts.by_level[level][k]}
                for level in order
                if level in counts.by_level
            },
            first_level_alone=counts.first_level_alone,
            open_at_horizon={
                level: counts.open_at_horizon[level]
                for level in order
                if counts.open_at_horizon[level]
            },
            unplaced=Counter(problems.counts),
            unplaced_examples=[str(p) for p in problems.examples],
            notes=Counter({k: v for k, v in counts.notes.items() if v}),
            ignored=Counter({k: v for k, v in counts.ignored.items() if v}),
            unknown_events=Counter(counts.unknown_events),
            after_horizon=counts.after_horizon,
        )
        for group, tickets in counts.group_tickets.most_common():
            kinds = counts.by_group.get(group, Counter())
            summary.groups[group] = GroupFigures(
                tickets, counts.group_deviating[group], {k: kinds[k] for k in KINDS if kinds[k]}
            )
        for level in order:
            late = counts.lateness.get(level)
            if late:
                summary.lateness[level] = Lateness(
                    sum(late.values()), quantile(late, 0.5), quantile(late, 0.9), max(late)
                )
        paused = counts.paused
        if paused:
            summary.paused_tickets = sum(paused.values())
            summary.paused_total = sum(seconds * n for seconds, n in paused.items())
            summary.paused_median = quantile(paused, 0.5)
            summary.paused_p90 = quantile(paused, 0.9)
            summary.paused_worst = max(paused)
        ranked = sorted(counts.escalations.items(), key=lambda item: (-item[1], item[0]))
        for actor, escalations in ranked:
            summary.actors[actor] = ActorFigures(
                escalations, counts.premature[actor], counts.late_escalations[actor]
            )
        summary.latest = [
            LateTicket(ticket, level, round(by / 1_000_000), since, still_open)
            for by, ticket, level, since, still_open in counts.latest
        ]
        return summary

    def to_dict(self) -> dict[str, Any]:
        return {
            "matrix": self.matrix,
            "log": self.log,
            "horizon": self.horizon.isoformat() if self.horizon else None,
            "group_by": self.group_by,
            "events": self.events,
            "tickets": self.tickets,
            "conforming_tickets": self.conforming,
            "conformance": round(self.conformance, 4),
            "deviations": self.deviations,
            "creation_inferred": self.creation_inferred,
            "deviations_by_kind": self.by_kind,
            "tickets_by_kind": self.tickets_by_kind,
            "deviations_by_level": self.by_level,
            "groups": {
                group: {
                    "tickets": figures.tickets,
                    "conforming": figures.conforming,
                    "conformance": round(_share(figures.conforming, figures.tickets), 4),
                    "deviations_by_kind": figures.by_kind,
                }
                for group, figures in self.groups.items()
            },
            "lateness_by_level": {
                level: {
                    "late_stays": late.late,
                    "median": working(late.median * 1_000_000),
                    "p90": working(late.p90 * 1_000_000),
                    "worst": working(late.worst * 1_000_000),
                    "median_seconds": late.median,
                    "p90_seconds": late.p90,
                    "worst_seconds": late.worst,
                }
                for level, late in self.lateness.items()
            },
            "first_level_alone": self.first_level_alone,
            "first_level_alone_share": round(self.first_level_alone_share, 4),
            "paused": {
                "tickets": self.paused_tickets,
                "total_seconds": self.paused_total,
                "median": working(self.paused_median * 1_000_000),
                "p90": working(self.paused_p90 * 1_000_000),
                "worst": working(self.paused_worst * 1_000_000),
            },
            "actors": {
                actor: {
                    "escalations": figures.escalations,
                    "premature": figures.premature,
                    "late": figures.late,
                    "premature_share": round(_share(figures.premature, figures.escalations), 4),
                    "late_share": round(_share(figures.late, figures.escalations), 4),
                }
                for actor, figures in self.actors.items()
            },
            "latest_tickets": [
                {
                    "ticket": late.ticket,
                    "level": late.level,
                    "by": working(late.by * 1_000_000),
                    "by_seconds": late.by,
                    "late_since": late.since.isoformat(),
                    "still_open": late.still_open,
                }
                for late in self.latest
            ],
            "open_at_horizon": self.open_at_horizon,
            "unplaced_rows": dict(self.unplaced.most_common()),
            "unplaced_examples": self.unplaced_examples,
            "notes": dict(self.notes.most_common()),
            "ignored_events": dict(self.ignored.most_common()),
            "unknown_events": dict(self.unknown_events.most_common()),
            "events_after_horizon": self.after_horizon,
            "warnings": self.warnings,
        }
