"""The summary of a replay: counts gathered from the notifications and the engine."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from escmatrix.findings import BoundedCounter, Problems
from escmatrix.simulation.engine import Notification, Simulation
from escmatrix.simulation.tally import HOURS_OF_WEEK, Tally


@dataclass
class Summary:
    """Everything ``simulate --format summary`` shows, as plain data."""

    matrix: str = ""
    log: str = ""
    horizon: dt.datetime | None = None
    events: int = 0
    tickets: int = 0
    notifications: int = 0
    creation_inferred: int = 0
    highest_level: dict[str, int] = field(default_factory=dict)  # in level order
    by_reason: Counter[str] = field(default_factory=Counter)
    per_contact: Counter[str] = field(default_factory=Counter)
    per_contact_hour: dict[str, list[int]] = field(
        default_factory=dict
    )  # 168 hours, Monday 00:00 first
    # who is really reachable (SPEC 10): per contact asked for, notifications outside its
    # hours and notifications nobody could take for it; and records that reached nobody
    after_hours: Counter[str] = field(default_factory=Counter)
    unreachable: Counter[str] = field(default_factory=Counter)
    reached_nobody: int = 0
    unresolved: dict[str, int] = field(default_factory=dict)
    skipped: Counter[str] = field(default_factory=Counter)
    skipped_examples: list[str] = field(default_factory=list)
    unknown_events: Counter[str] = field(default_factory=BoundedCounter)
    ignored: Counter[str] = field(default_factory=BoundedCounter)
    after_horizon: int = 0
    warnings: list[str] = field(default_factory=list)
    by_trigger: Counter[str] = field(default_factory=Counter)  # trigger id -> notifications
    # per local day (matrix time zone): (tickets created, notifications); counted only when
    # the output shows it (count_days)
    per_day: dict[dt.date, tuple[int, int]] = field(default_factory=dict)
    count_days: bool = False
    # raw counts kept by add() and tallied by complete(): one dictionary update a record
    _tally_of: Tally | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._tally_of = Tally(self.count_days)

    def add(self, notification: Notification) -> None:
        """Count one notification (call for every record the replay produces)."""
        assert self._tally_of is not None
        self._tally_of.add(notification)

    def _tally(self) -> None:
        """Turn the raw counts kept by :meth:`add` into the summary's figures."""
        raw = self._tally_of
        assert raw is not None
        self.notifications += raw.records
        for reason, count in raw.reasons.items():
            trigger = reason.startswith("trigger:")
            self.by_reason["trigger" if trigger else reason] += count
            if trigger:
                self.by_trigger[reason.removeprefix("trigger:")] += count
        if raw.per_day:
            per_day = {day: list(counts) for day, counts in self.per_day.items()}
            for (ordinal, is_creation), count in raw.per_day.items():
                day = per_day.setdefault(dt.date.fromordinal(ordinal), [0, 0])
                day[1] += count
                if is_creation:
                    day[0] += count
            self.per_day = {day: (c[0], c[1]) for day, c in sorted(per_day.items())}
        for contacts, counts in raw.hours.items():
            total = sum(counts)
            for contact in contacts:
                self.per_contact[contact] += total
                hours = self.per_contact_hour.get(contact)
                if hours is None:
                    hours = self.per_contact_hour[contact] = [0] * HOURS_OF_WEEK
                for hour, count in enumerate(counts):
                    hours[hour] += count
        for (after_hours, unreachable), count in raw.away.items():
            for contact in after_hours:
                self.after_hours[contact] += count
            for contact in unreachable:
                self.unreachable[contact] += count
        self.reached_nobody += raw.reached_nobody
        self._tally_of = Tally(self.count_days)

    def complete(self, simulation: Simulation, problems: Problems) -> None:
        """Take the engine's counts and the skipped rows once the replay has finished."""
        self._tally()
        counts, matrix = simulation.counts, simulation.matrix
        self.matrix = matrix.name
        horizon = simulation.horizon_reached
        # in the matrix time zone, like every record (not the offset the log wrote)
        self.horizon = horizon.astimezone(simulation.zone) if horizon else None
        self.events = counts.events
        self.tickets = counts.tickets
        self.creation_inferred = counts.creation_inferred
        order = [level.id for level in matrix.levels]
        self.highest_level = {
            lvl: counts.highest_level[lvl] for lvl in order if counts.highest_level[lvl]
        }
        self.unresolved = {lvl: counts.unresolved[lvl] for lvl in order if counts.unresolved[lvl]}
        self.skipped = Counter(problems.counts)
        self.skipped_examples = [str(p) for p in problems.examples]
        self.unknown_events = counts.unknown_events.copy()
        self.ignored = counts.ignored.copy()
        for kind in [k for k, v in self.ignored.items() if not v]:
            del self.ignored[kind]
        self.after_horizon = counts.after_horizon

    def to_dict(self) -> dict[str, Any]:
        self._tally()
        return {
            "matrix": self.matrix,
            "log": self.log,
            "horizon": self.horizon.isoformat() if self.horizon else None,
            "events": self.events,
            "tickets": self.tickets,
            "notifications": self.notifications,
            "creation_inferred": self.creation_inferred,
            "tickets_by_highest_level": self.highest_level,
            "notifications_by_reason": dict(self.by_reason.most_common()),
            "notifications_by_trigger": dict(self.by_trigger.most_common()),
            "per_day": {
                day.isoformat(): {"tickets_created": created, "notifications": total}
                for day, (created, total) in self.per_day.items()
            },
            "notifications_per_contact": dict(self.per_contact.most_common()),
            "notifications_per_contact_hour_of_week": self.per_contact_hour,
            "after_hours_per_contact": dict(self.after_hours.most_common()),
            "unreachable_per_contact": dict(self.unreachable.most_common()),
            "notifications_reaching_nobody": self.reached_nobody,
            "unresolved_at_horizon": self.unresolved,
            "skipped_rows": dict(self.skipped.most_common()),
            "skipped_examples": self.skipped_examples,
            "unknown_events": dict(self.unknown_events.most_common()),
            # rows of names past the ones listed (a summary lists a thousand at most)
            "unknown_events_other": getattr(self.unknown_events, "other", 0),
            "ignored_events": dict(self.ignored.most_common()),
            "ignored_events_other": getattr(self.ignored, "other", 0),
            "events_after_horizon": self.after_horizon,
            "warnings": self.warnings,
        }
