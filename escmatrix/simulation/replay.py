"""Replay a ticket log against a matrix: read, simulate, hand every record to a sink.

The log is read as a stream. If a ticket's own rows go back in time the log is in no
usable order: the sink is reset, the whole log is read into memory, sorted by time (rows
with the same time keep file order) and replayed, with a warning saying so.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from escmatrix.events import Event
from escmatrix.findings import LogError, Problems
from escmatrix.model import Matrix
from escmatrix.simulation.engine import LogOrderError, Notification, Simulation
from escmatrix.simulation.summary import Summary

if TYPE_CHECKING:
    from escmatrix.loading.logs import LogSource, OpenedLog
    from escmatrix.loading.mapping import Mapping


class Sink(Protocol):
    """Where notifications go: an output format writing a file, or a list in tests."""

    def write(self, notification: Notification) -> None: ...

    def reset(self) -> None: ...


@dataclass
class ReplayOptions:
    mapping: Mapping | None = None
    until: dt.datetime | None = None
    after: dt.timedelta | None = None  # no until: timers run this long past the last event
    tickets: frozenset[str] | None = None  # only these tickets
    strict: bool = False
    progress: Callable[[int, int], None] | None = None  # (events, tickets), now and then


def replay(
    matrix: Matrix,
    log: LogSource,
    sink: Sink,
    options: ReplayOptions | None = None,
    *,
    name: str | None = None,
) -> Summary:
    """Replay the log at ``log`` into ``sink``; return the summary. ``log`` is a path, or
    a binary stream (called ``name`` in messages, by default ``-``): a log read more than
    once (in no order, or against matrices in different zones) must then be seekable back
    to where it was."""
    return replay_each([(matrix, sink)], log, options, name=name)[0]


def replay_each(
    runs: Sequence[tuple[Matrix, Sink]],
    log: LogSource,
    options: ReplayOptions | None = None,
    *,
    name: str | None = None,
) -> list[Summary]:
    """Replay one log against several matrices, each into its own sink; their summaries.

    One reader feeds every engine, so the log is read and parsed once. Each matrix gets a
    pass of its own instead when the matrices read the log's times in different zones
    (neither the log nor the mapping gives them an offset)."""
    options = options or ReplayOptions()
    reading = Reading(log, name)
    source = reading.source
    try:
        return _run(runs, reading, options, sort=False)
    except LogOrderError as disorder:
        reading.again = f"the log is in no order ({disorder}) and is read again to be sorted"
        for _, sink in runs:
            sink.reset()
        summaries = _run(runs, reading, options, sort=True)
        for summary in summaries:
            summary.warnings.insert(
                0,
                f"{source}: {disorder}; the log is in no order (neither by time nor grouped"
                " by ticket), so it was read whole into memory and sorted by time",
            )
        return summaries


class Reading:
    """The log of a replay (or an audit), which may be read more than once: a path is
    opened again, a stream goes back to where it was (:class:`LogError` when it cannot)."""

    def __init__(self, log: LogSource, name: str | None) -> None:
        from escmatrix.loading.logs import log_name

        self.log = log
        self.source = log_name(log, name)
        self.stream = None if isinstance(log, (str, os.PathLike)) else log
        self.start = None
        if self.stream is not None and self.stream.seekable():
            self.start = self.stream.tell()
        self.reads = 0
        self.again = "the log is read once for each matrix"

    def next_read(self) -> LogSource:
        if self.reads and self.stream is not None:
            try:
                if self.start is None:
                    raise OSError("it cannot seek")
                self.stream.seek(self.start)
            except OSError as error:
                raise LogError(
                    self.source,
                    0,
                    f"{self.again}, which this stream cannot be ({error}); give the log as a file",
                ) from None
        self.reads += 1
        return self.log


def _run(
    runs: Sequence[tuple[Matrix, Sink]],
    reading: Reading,
    options: ReplayOptions,
    sort: bool,
) -> list[Summary]:
    import zoneinfo

    from escmatrix.loading.logs import open_log

    source = reading.source

    def opened_log(zone_of: Matrix, problems: Problems) -> OpenedLog:
        return open_log(
            reading.next_read(),
            mapping=options.mapping,
            timezone=zoneinfo.ZoneInfo(zone_of.timezone),
            problems=problems,
            strict=options.strict,
            name=source,
        )

    read = Problems(strict=options.strict)  # rows the reader skips, and why
    opened = opened_log(runs[0][0], read)
    zones = {matrix.timezone for matrix, _ in runs}
    if len(zones) > 1 and not (options.mapping and options.mapping.timezone):
        opened.table.close()
        reading.again = "the log is read once for each matrix (their time zones differ)"
        return [_run([run], reading, options, sort)[0] for run in runs]
    # One reader, every engine: an engine's own problems (tickets of a category it does not
    # know) are its own; the reader's are everyone's.
    engines = [
        (
            Simulation(
                matrix,
                horizon=options.until,
                after=options.after,
                problems=read if len(runs) == 1 else Problems(strict=options.strict),
                source=source,
            ),
            Summary(log=source, count_days=getattr(sink, "counts_days", False)),
            sink,
        )
        for matrix, sink in runs
    ]
    events: Iterable[Event] = opened.events(options.mapping, read)
    if options.tickets is not None:
        wanted = options.tickets
        events = (event for event in events if event.ticket in wanted)
    if sort:
        events = sorted(events, key=lambda event: event.us)
    if len(engines) == 1:
        simulation, summary, sink = engines[0]
        for notification in simulation.replay(_counted(events, simulation, options.progress)):
            summary.add(notification)
            sink.write(notification)
    else:
        feeds = [(sim.feed, summary.add, sink.write) for sim, summary, sink in engines]
        for event in _counted(events, engines[0][0], options.progress):
            for feed, add, write in feeds:
                for notification in feed(event):
                    add(notification)
                    write(notification)
        for simulation, summary, sink in engines:
            for notification in simulation.finish():
                summary.add(notification)
                sink.write(notification)
    return [
        _completed(summary, simulation, _joined(read, simulation.problems), source, sort)
        for simulation, summary, _ in engines
    ]


def _joined(read: Problems, own: Problems) -> Problems:
    """The reader's problems and one engine's, as one (the same object when shared)."""
    if own is read:
        return read
    joined = Problems(strict=read.strict, keep=read.keep)
    joined.counts = read.counts + own.counts
    joined.examples = sorted(read.examples + own.examples, key=lambda p: p.line)[: read.keep]
    return joined


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
            progress(count, simulation.tickets_seen)
        yield event
    progress(simulation.events_seen, simulation.tickets_seen)
