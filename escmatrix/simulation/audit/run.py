"""Audit a ticket log against a matrix: read, audit, hand every deviation to a sink.

The log is read as a stream by the project's log readers. A mapped log is read with two
more change rules than its mapping has: a change of ``level`` (up or down) and, for
``--group-by``, a change of the grouping column give an event (:data:`ROW_EVENT`) on a row
that would give none, so that every move and every change of group reaches the audit. If a
ticket's own rows go back in time the log is in no usable order: the sink is reset, the
whole log is read into memory, sorted by time and audited, with a warning saying so (as the
replay does).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import zoneinfo
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from escmatrix.events import Event
from escmatrix.findings import Problems
from escmatrix.model import Matrix
from escmatrix.simulation.audit.core import GROUP_FIELDS, ROW_EVENT, Audit, Deviation
from escmatrix.simulation.audit.summary import AuditSummary
from escmatrix.simulation.engine import LogOrderError

if TYPE_CHECKING:
    from escmatrix.loading.logs import LogSource
    from escmatrix.loading.mapping import Mapping
    from escmatrix.simulation.replay import Reading


class AuditSink(Protocol):
    """Where deviations go: an output format writing a file, or a list in tests."""

    def write(self, deviation: Deviation) -> None: ...

    def reset(self) -> None: ...


@dataclass
class AuditOptions:
    mapping: Mapping | None = None
    until: dt.datetime | None = None
    group_by: str | None = None
    strict: bool = False
    progress: Callable[[int, int], None] | None = None  # (events, tickets), now and then


def group_fields(mapping: Mapping | None) -> tuple[str, ...]:
    """What ``--group-by`` can name for a log read through ``mapping`` (or canonical)."""
    return (*GROUP_FIELDS, *(mapping.attributes if mapping is not None else ()))


def audit_mapping(mapping: Mapping, group_by: str | None) -> Mapping:
    """``mapping`` with the change rules that make every move and change of group an
    event (see the module's docstring)."""
    from escmatrix.loading.mapping import ChangeSpec

    extra = []
    if "level" in mapping.fields:
        extra.append(ChangeSpec(ROW_EVENT, field="level", while_ended=True))
    if group_by in mapping.attributes:
        column = mapping.attributes[group_by].column
        if column is not None:
            extra.append(ChangeSpec(ROW_EVENT, column=column))
    elif group_by in mapping.fields and group_by != "level":
        extra.append(ChangeSpec(ROW_EVENT, field=group_by))
    return dataclasses.replace(mapping, changes=(*mapping.changes, *extra))


def audit(
    matrix: Matrix,
    log: LogSource,
    sink: AuditSink,
    options: AuditOptions | None = None,
    *,
    name: str | None = None,
) -> AuditSummary:
    """Audit the log ``log`` into ``sink``; return the figures. ``log`` is a path, or a
    binary stream (called ``name`` in messages, by default ``-``) that can go back to where
    it was, for a log in no order is read twice. Raises
    :class:`~escmatrix.simulation.audit.core.AuditError` for a ``group_by`` the log does
    not have, :class:`~escmatrix.findings.LogError` for a log that cannot be read
    (or a row that cannot be read or placed, under ``strict``)."""
    from escmatrix.simulation.replay import Reading

    options = options or AuditOptions()
    reading = Reading(log, name)
    try:
        return _run(matrix, reading, sink, options, sort=False)
    except LogOrderError as disorder:
        reading.again = f"the log is in no order ({disorder}) and is read again to be sorted"
        sink.reset()
        summary = _run(matrix, reading, sink, options, sort=True)
        summary.warnings.insert(
            0,
            f"{reading.source}: {disorder}; the log is in no order (neither by time nor grouped"
            " by ticket), so it was read whole into memory and sorted by time",
        )
        return summary


def _run(
    matrix: Matrix, reading: Reading, sink: AuditSink, options: AuditOptions, sort: bool
) -> AuditSummary:
    from escmatrix.loading.logs import open_log

    mapping = options.mapping
    source = reading.source
    problems = Problems(strict=options.strict)
    auditor = Audit(
        matrix,
        horizon=options.until,
        problems=problems,
        source=source,
        group_by=options.group_by,
        attributes=mapping.attributes if mapping is not None else (),
    )
    if mapping is not None:
        mapping = audit_mapping(mapping, options.group_by)
    opened = open_log(
        reading.next_read(),
        mapping=mapping,
        timezone=zoneinfo.ZoneInfo(matrix.timezone),
        problems=problems,
        strict=options.strict,
        name=source,
    )
    events: Iterable[Event] = opened.events(mapping, problems)
    if sort:
        events = sorted(events, key=lambda event: event.us)
    if options.progress is not None:
        events = _counted(events, auditor, options.progress)
    write = sink.write
    for deviation in auditor.run(events):
        write(deviation)
    return AuditSummary.of(auditor, problems, source)


def _counted(
    events: Iterable[Event], auditor: Audit, progress: Callable[[int, int], None]
) -> Iterator[Event]:
    for count, event in enumerate(events, 1):
        if count % 5000 == 0:
            progress(count, auditor.counts.tickets)
        yield event
    progress(auditor.counts.events, auditor.counts.tickets)
