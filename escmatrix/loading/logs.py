"""Ticket logs as a stream of :class:`~escmatrix.events.Event` (SPEC section 4).

:func:`read_events` reads a canonical log (columns ``ticket``, ``time``, ``event`` and
optionally ``category``, ``priority``, ``channel``, ``level``, ``actor``) or, with a
:class:`~escmatrix.loading.mapping.Mapping`, a real export. Formats: CSV (comma, semicolon,
tab or pipe separated; UTF-8 with or without a byte-order mark, or UTF-16 with one), JSON
Lines, either of them gzip-compressed, and Excel workbooks (``log.xlsx`` or
``log.xlsx#Sheet``). The format is told by the name and, failing that, by the first bytes,
so standard input (``-``) may be any of them.

The log is streamed: memory holds the rows of one ticket at a time (a run of consecutive
rows of the same ticket, sorted by time before it is emitted, so a ticket's events come out
in time order wherever the file keeps its rows together; at most
:data:`~escmatrix.limits.RUN_ROWS` of them) and, for mapped logs, a small record per ticket
(its state and last values, to tell what changed). Lines are read with a bound
(:data:`~escmatrix.limits.LOG_LINE_CHARS`), and a CSV quote left open to the end of the
file stops the read at the row where it opened.

A row that cannot become an event is reported to :class:`Problems` with its line (the
physical line where the row starts, so quoted newlines count; the row number in a
workbook) and skipped; under ``strict`` the first one raises :class:`LogError`. A file that
cannot be read at all raises :class:`LogError` from :func:`read_events` itself, before the
first event; one that turns out unreadable part-way (bad bytes) raises it when reached.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from escmatrix.events import Event
from escmatrix.findings import LogError, Problems
from escmatrix.loading.canonical import canonical_columns, canonical_events
from escmatrix.loading.mapped import Mapped
from escmatrix.loading.mapping import Mapping
from escmatrix.loading.sources import (
    CANONICAL_COLUMNS,
    IGNORED,
    REQUIRED_COLUMNS,
    LogSource,
    Report,
    Table,
    log_name,
    open_table,
)

__all__ = [
    "CANONICAL_COLUMNS",
    "IGNORED",
    "REQUIRED_COLUMNS",
    "LogSource",
    "OpenedLog",
    "log_name",
    "open_log",
    "read_events",
]


def read_events(
    path: LogSource,
    *,
    mapping: Mapping | None = None,
    timezone: dt.tzinfo,
    problems: Problems,
    strict: bool = False,
    name: str | None = None,
) -> Iterator[Event]:
    """Events of the log at ``path`` (a path, or a binary stream called ``name`` in
    messages, by default ``-``), per ticket in time order.

    Times without an offset are read in the mapping's ``timezone`` when it has one, else in
    ``timezone`` (the matrix zone). Bad rows go to ``problems``; under ``strict`` (or when
    ``problems.strict`` is set) the first raises :class:`LogError`. A log that cannot be
    read raises :class:`LogError` here, before the first event."""
    log = open_log(
        path, mapping=mapping, timezone=timezone, problems=problems, strict=strict, name=name
    )
    return log.events(mapping, problems)


@dataclass
class OpenedLog:
    """A log opened and its header read: what :func:`read_events` turns into events."""

    table: Table
    zone: dt.tzinfo  # for times without an offset
    report: Report  # where bad rows go

    def events(self, mapping: Mapping | None, problems: Problems) -> Iterator[Event]:
        """The events of the log (the table is closed when they are read, or on an error)."""
        try:
            if mapping is None:
                indices = canonical_columns(self.table)
                return canonical_events(self.table, self.zone, self.report, indices)
            return Mapped(mapping, self.table, self.zone, self.report, problems).events()
        except BaseException:
            self.table.close()
            raise


def open_log(
    path: LogSource,
    *,
    mapping: Mapping | None = None,
    timezone: dt.tzinfo,
    problems: Problems,
    strict: bool = False,
    name: str | None = None,
) -> OpenedLog:
    """Open the log at ``path`` and read its header (see :func:`read_events`); the caller
    closes ``table``. :class:`LogError` when it cannot be read."""
    source = log_name(path, name)
    report: Report = problems.add
    if strict and not problems.strict:

        def report(source: str, line: int, reason: str, message: str) -> None:
            raise LogError(source, line, message)

    zone: dt.tzinfo = timezone
    if mapping is not None and mapping.timezone:
        import zoneinfo

        zone = zoneinfo.ZoneInfo(mapping.timezone)
    wanted = mapping.columns if mapping is not None else list(CANONICAL_COLUMNS)
    table = open_table(path, source, wanted, mapping.delimiter if mapping else None, report)
    return OpenedLog(table, zone, report)
