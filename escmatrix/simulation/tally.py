"""What a summary counts of each record, as the records come.

:class:`Tally` is the per-record half of :class:`~escmatrix.simulation.summary.Summary`:
one dictionary update or two a record (reasons; contacts by local hour of the week; days;
who was not reached as written), turned into the summary's figures once the replay is
over. Compiled with Cython when a compiler is there (``tally.pxd`` gives the types); the
same code runs as plain Python otherwise.
"""

from __future__ import annotations

from escmatrix.instants import LocalClock
from escmatrix.simulation.engine import Notification

HOURS_OF_WEEK = 7 * 24


class Tally:
    """Raw counts of records. ``days``: count (local day, whether a creation) too."""

    def __init__(self, days: bool = False) -> None:
        self.records = 0
        self.days = days
        self.reasons: dict[str, int] = {}
        # contacts -> notifications per local hour of the week (168, Monday 00:00 first)
        self.hours: dict[tuple[str, ...], list[int]] = {}
        self.per_day: dict[tuple[int, bool], int] = {}  # (local day ordinal, created) -> n
        self.away: dict[tuple[tuple[str, ...], tuple[str, ...]], int] = {}
        self.reached_nobody = 0
        self._clocks: dict[object, LocalClock] = {}

    def add(self, n: Notification) -> None:
        """Count one record."""
        self.records += 1
        reason = n.reason
        self.reasons[reason] = self.reasons.get(reason, 0) + 1
        clock = self._clocks.get(n.zone)
        if clock is None:
            clock = LocalClock(n.zone)
            self._clocks[n.zone] = clock
        hours = self.hours.get(n.contacts)
        if hours is None:
            hours = [0] * HOURS_OF_WEEK
            self.hours[n.contacts] = hours
        hour = clock.hour_of_week(n.at)
        hours[hour] += 1
        if self.days:
            key = (clock.local_day(n.at), reason == "created")
            self.per_day[key] = self.per_day.get(key, 0) + 1
        if n.unreachable or n.after_hours:
            away = (n.after_hours, n.unreachable)
            self.away[away] = self.away.get(away, 0) + 1
            if n.unreachable and not n.contacts:
                self.reached_nobody += 1
