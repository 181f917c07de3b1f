"""The engine's hook for who is really reachable (SPEC section 10): a notification's
contacts resolved at its instant by :class:`escmatrix.availability.Availability`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from escmatrix.availability import Availability, Resolution

if TYPE_CHECKING:
    from escmatrix.calendars import WorkCalendar
    from escmatrix.model import Matrix
    from escmatrix.simulation.engine import Notification


_new_tuple = tuple.__new__
_DETAILS_KEPT = 20_000
_Cached = tuple[int, int, Resolution, dt.datetime | None]


class Reach:
    """Builds the records of a matrix with availability: ``contacts`` are the people
    reached, the detail says what happened, and the other fields who could not be.

    The answer for a set of contacts is kept with the interval it holds for (and its
    ``next_reachable`` as a datetime): a replay in time order asks the resolver again only
    when that interval is over, and otherwise costs a lookup a record."""

    def __init__(
        self,
        matrix: Matrix,
        calendars: dict[str, WorkCalendar],
        to_time: Callable[[int], dt.datetime],
    ) -> None:
        from escmatrix.simulation.engine import Notification  # the engine imports this module

        self.availability = Availability(matrix, calendars)
        self.to_time = to_time
        self.record = Notification
        self._cache: dict[tuple[str, ...], _Cached] = {}
        self._details: dict[tuple[str, str], str] = {}

    def _resolve(self, contacts: tuple[str, ...], at: int) -> _Cached:
        found, low, high = self.availability.resolve_span(contacts, at)
        nxt = found.next_reachable
        cached = (low, high, found, None if nxt is None else self.to_time(nxt))
        self._cache[contacts] = cached
        return cached

    def notification(
        self,
        ticket: str,
        moment: dt.datetime,
        at: int,
        level: str,
        level_name: str,
        contacts: tuple[str, ...],
        reason: str,
        detail: str,
    ) -> Notification:
        cached = self._cache.get(contacts)
        if cached is None or not cached[0] <= at < cached[1]:
            cached = self._resolve(contacts, at)
        found = cached[2]
        if found.detail:
            # one text object per sentence pair: outputs that cache encoded texts find it
            key = (detail, found.detail)
            joined = self._details.get(key)
            if joined is None:
                if len(self._details) >= _DETAILS_KEPT:
                    self._details.clear()
                joined = self._details[key] = f"{detail}; {found.detail}"
            detail = joined
        # tuple.__new__ directly: what Notification(...) does, without its Python frame
        return _new_tuple(
            self.record,
            (
                ticket,
                moment,
                level,
                level_name,
                found.contacts,
                reason,
                detail,
                found.unreachable,
                cached[3],
                found.after_hours,
            ),
        )
