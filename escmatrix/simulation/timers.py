"""The engine's timers: tickets in the order their clocks run out.

A binary heap of (due, sequence, ticket): the earliest first, and those due at the same
instant in the order they were set. A ticket that moves, pauses or ends simply sets a new
timer (or none); its old entry is recognised as stale by its sequence number when it comes
up. ``_timers.pyx`` is the same heap in C with exactly this API (the engine takes it when
it is built); tests run on both.
"""

from __future__ import annotations

import contextlib
import heapq

from escmatrix.instants import NONE


class Timers:
    """Timers in due order. :meth:`push` returns the timer's sequence number; :meth:`pop`
    returns the ticket of the earliest and leaves its sequence number in :attr:`popped`."""

    __slots__ = ("_heap", "_seq", "popped")

    def __init__(self) -> None:
        self._heap: list[tuple[int, int, object]] = []
        self._seq = 0
        self.popped = 0

    def __len__(self) -> int:
        return len(self._heap)

    def push(self, due: int, ticket: object) -> int:
        """Set a timer for ``ticket`` at ``due``; its sequence number (never 0)."""
        self._seq += 1
        heapq.heappush(self._heap, (due, self._seq, ticket))
        return self._seq

    def due(self) -> int:
        """When the earliest timer is due (NONE when there is none)."""
        return self._heap[0][0] if self._heap else NONE

    def pop(self) -> object:
        """Take the earliest timer: its ticket (IndexError when there is none)."""
        _, self.popped, ticket = heapq.heappop(self._heap)
        return ticket


with contextlib.suppress(ImportError):  # the same heap in C, when the package was built
    from escmatrix.simulation._timers import Timers  # type: ignore[no-redef]  # noqa: F401
