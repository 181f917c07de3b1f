"""The engine's hook for who is really reachable (SPEC section 10): a notification's
contacts resolved at its instant by :class:`escmatrix.availability.Availability`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from escmatrix.availability import Availability

if TYPE_CHECKING:
    from escmatrix.calendars import WorkCalendar
    from escmatrix.model import Matrix
    from escmatrix.simulation.engine import Notification


class Reach:
    """Builds the records of a matrix with availability: ``contacts`` are the people
    reached, the detail says what happened, and the other fields who could not be."""

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
        found = self.availability.resolve(contacts, at)
        if found.detail:
            detail = f"{detail}; {found.detail}"
        nxt = found.next_reachable
        return self.record(
            ticket,
            moment,
            level,
            level_name,
            found.contacts,
            reason,
            detail,
            found.unreachable,
            None if nxt is None else self.to_time(nxt),
            found.after_hours,
        )
