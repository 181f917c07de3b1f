"""Replay a ticket log against a matrix: read, simulate, hand every record to a sink.

The log is read as a stream. If a ticket's own rows go back in time the log is in no
usable order: the sink is reset, the whole log is read into memory, sorted by time (rows
with the same time keep file order) and replayed, with a warning saying so.
"""

from __future__ import annotations

import datetime as dt
import gc
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from escmatrix.model import Matrix
from escmatrix.simulation.engine import LogOrderError, Notification, Simulation
from escmatrix.simulation.events import Event, Problems
from escmatrix.simulation.summary import Summary

if TYPE_CHECKING:
    from escmatrix.loading.mapping import Mapping


class Sink(Protocol):
    """Where notifications go: an output format writing a file, or a list in tests."""

    def write(self, notification: Notification) -> None: ...

    def reset(self) -> None: ...


@dataclass
class ReplayOptions:
    mapping: Mapping | None = None
    until: dt.datetime | None = None
    tickets: frozenset[str] | None = None  # only these tickets
    strict: bool = False
    progress: Callable[[int, int], None] | None = None  # (events, tickets), now and then


def replay(
    matrix: Matrix, log: str | Path, sink: Sink, options: ReplayOptions | None = None
) -> Summary:
    """Replay the log at ``log`` ("-" is standard input) into ``sink``; return the summary."""
    options = options or ReplayOptions()
    source = str(log)
    spooled = None
    if source == "-":  # read standard input once into a file we can read again
        with tempfile.NamedTemporaryFile(
            prefix="escmatrix-", suffix=".csv", delete=False
        ) as spooled:
            shutil.copyfileobj(sys.stdin.buffer, spooled)
        log = spooled.name
    # A replay allocates millions of small objects that live on (ticket states) or die at
    # once (events, records), with no reference cycles to speak of: collecting the young
    # generation every 700 allocations costs about a tenth of the run for nothing.
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    try:
        try:
            return _run(matrix, log, source, sink, options, sort=False)
        except LogOrderError as disorder:
            sink.reset()
            summary = _run(matrix, log, source, sink, options, sort=True)
            summary.warnings.insert(
                0,
                f"{source}: {disorder}; the log is in no order (neither by time nor grouped by"
                " ticket), so it was read whole into memory and sorted by time",
            )
            return summary
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()
        if spooled is not None:
            Path(spooled.name).unlink(missing_ok=True)


def _run(
    matrix: Matrix, log: str | Path, source: str, sink: Sink, options: ReplayOptions, sort: bool
) -> Summary:
    import zoneinfo

    from escmatrix.loading.logs import open_log
    from escmatrix.simulation import fast

    problems = Problems(strict=options.strict)
    simulation = Simulation(matrix, horizon=options.until, problems=problems, source=source)
    summary = Summary(log=source)
    opened = open_log(
        log,
        mapping=options.mapping,
        timezone=zoneinfo.ZoneInfo(matrix.timezone),
        problems=problems,
        strict=options.strict,
    )
    compiled, stream = fast.target(sink)
    if (
        compiled
        and not sort
        and options.mapping is None
        and opened.table.kind == "csv"
        and fast.available()
    ):
        fast.replay_compiled(simulation, opened, stream, summary, options)
        return _completed(summary, simulation, problems, source, sort)
    events: Iterable[Event] = opened.events(options.mapping, problems)
    if options.tickets is not None:
        wanted = options.tickets
        events = (event for event in events if event.ticket in wanted)
    if sort:
        events = sorted(events, key=lambda event: event.time)
    for notification in simulation.replay(_counted(events, simulation, options.progress)):
        summary.add(notification)
        sink.write(notification)
    return _completed(summary, simulation, problems, source, sort)


def _completed(
    summary: Summary, simulation: Simulation, problems: Problems, source: str, sort: bool
) -> Summary:
    summary.complete(simulation, problems)
    if not simulation.in_time_order and not sort:
        summary.warnings.append(
            f"{source}: rows are not in time order across tickets (grouped by ticket?);"
            " each ticket's records are in time order, the output as a whole is not"
        )
    return summary


def _counted(
    events: Iterable[Event], simulation: Simulation, progress: Callable[[int, int], None] | None
) -> Iterator[Event]:
    if progress is None:
        yield from events
        return
    for count, event in enumerate(events, 1):
        if count % 5000 == 0:
            progress(count, simulation.counts.tickets)
        yield event
    progress(simulation.events_seen, simulation.counts.tickets)
