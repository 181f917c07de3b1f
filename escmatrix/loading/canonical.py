"""A canonical ticket log's rows as events (SPEC section 4).

Columns ``ticket``, ``time``, ``event`` and optionally ``category``, ``priority``,
``level``, ``channel``, ``actor``. The rows of one ticket that come together (a run) are put
in time order before they are given out. Compiled with Cython when a compiler is there
(``canonical.pxd`` gives the types); the same code runs as plain Python otherwise.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

from escmatrix.events import Event
from escmatrix.findings import LogError
from escmatrix.instants import COMPILED, NONE, IsoReader, to_us
from escmatrix.limits import FIRST_YEAR, LAST_YEAR, RUN_ROWS
from escmatrix.loading.mapping import time_parser
from escmatrix.loading.sources import (
    CANONICAL_COLUMNS,
    MISSING_EVENT,
    MISSING_TICKET,
    REQUIRED_COLUMNS,
    STREAM_ERRORS,
    Lines,
    Report,
    SheetRows,
    Table,
    time_problem,
    time_reader,
)
from escmatrix.suggest import closest


def canonical_columns(table: Table) -> dict[str, int]:
    """Where each canonical column is in ``table`` (absent optional ones left out);
    :class:`LogError` when a required one is missing."""
    lower = [h.strip().lower() for h in table.header]
    indices = {}
    for name in CANONICAL_COLUMNS:
        if name in lower:
            indices[name] = lower.index(name)
        elif name in REQUIRED_COLUMNS and table.kind != "jsonl":
            found = ", ".join(repr(h) for h in table.header[:20])
            close = closest(name, table.header)
            meant = f"did you mean {close!r}? " if close else ""
            raise LogError(
                table.source,
                table.header_line,
                f"missing required column {name!r} ({meant}a canonical log has columns ticket,"
                f" time, event; this one has {found}); to read another layout, give a mapping"
                " file",
            )
    return indices


def canonical_events(
    table: Table, zone: dt.tzinfo, report: Report, indices: dict[str, int]
) -> Iterator[Event]:
    """The events of a canonical log's rows, each ticket's run of rows in time order."""
    if isinstance(table.rows, SheetRows):
        table.rows.time_columns = {indices["time"]}
    return CanonicalRow(table, zone, report, indices).events(table)


class CanonicalRow:
    """One row of a canonical log as an event: its cells checked (a row with no ticket,
    time or event is reported and skipped) and its time read."""

    def __init__(
        self, table: Table, zone: dt.tzinfo, report: Report, indices: dict[str, int]
    ) -> None:
        self.source = table.source
        self.report = report
        self.zone = zone
        self.width = len(table.header)
        self.ticket = indices["ticket"]
        self.time = indices["time"]
        self.name = indices["event"]
        # absent optional columns read the cell appended after the row's last one
        self.optional = tuple(indices.get(name, self.width) for name in CANONICAL_COLUMNS[3:])
        self.general = time_reader(table.kind, time_parser("iso", zone), zone)
        # compiled, the common ISO forms are read straight to microseconds
        self.fast = IsoReader(zone) if COMPILED else None

    def events(self, table: Table) -> Iterator[Event]:
        """The events of ``table``'s rows (the table is closed at the end)."""
        rows = table.rows
        base = 1 + table.offset
        end = rows.line_num
        run: list[Event] = []
        ticket_now: str | None = None
        last = 0
        disordered = False
        lines = table.lines or Lines(io.StringIO())
        try:
            for row in rows:
                line = end + base
                end = rows.line_num
                if lines.ended:
                    table.unclosed(line)
                event = self.event(row, line)
                if event is None:
                    continue
                if event.ticket == ticket_now and len(run) < RUN_ROWS:
                    if event.us < last:
                        disordered = True
                    else:
                        last = event.us
                    run.append(event)
                    continue
                if run:
                    if disordered:
                        run.sort(key=_by_time)
                        disordered = False
                    yield from run
                run = [event]
                ticket_now = event.ticket
                last = event.us
        except STREAM_ERRORS as error:
            table.failed(error, end + base, self.report)
        finally:
            table.close()
        if disordered:
            run.sort(key=_by_time)
        yield from run

    def event(self, row: list[Any], line: int) -> Event | None:
        """The row's event; None when it is blank or skipped (and reported)."""
        width = self.width
        if len(row) != width:
            if not row:
                return None
            if len(row) < width:
                row.extend([None] * (width - len(row)))
            else:
                del row[width:]
        row.append(None)
        ticket = row[self.ticket]
        if ticket:
            ticket = ticket.strip()
        if not ticket:
            if _has_text(row):
                self.report(self.source, line, MISSING_TICKET, "skipped: the row has no ticket id")
            return None
        text = row[self.time]
        us = NONE
        zone = self.zone
        fast = self.fast
        if fast is not None and type(text) is str:
            us = fast.read(text)
            zone = fast.zone
        if us == NONE:
            try:
                time = dt.datetime.fromisoformat(text)
                if time.tzinfo is None:
                    time = dt.datetime.combine(time.date(), time.time(), self.zone)
                if not FIRST_YEAR <= time.year <= LAST_YEAR:
                    raise ValueError
            except (ValueError, TypeError):
                try:
                    time = self.general(text)
                except ValueError as error:
                    self.report(self.source, line, *time_problem(text, error))
                    return None
            us = to_us(time)
            zone = time.tzinfo or self.zone
        name = row[self.name]
        if name:
            name = name.strip()
        if not name:
            self.report(self.source, line, MISSING_EVENT, f"skipped: ticket {ticket} has no event")
            return None
        optional = self.optional
        event = Event.__new__(Event)
        event.fill(
            ticket,
            us,
            zone,
            name,
            line,
            row[optional[0]] or None,
            row[optional[1]] or None,
            row[optional[2]] or None,
            row[optional[3]] or None,
            row[optional[4]] or None,
            (),
        )
        return event


def _has_text(row: list[Any]) -> bool:
    """Whether a row holds anything but blanks."""
    return any(cell and str(cell).strip() for cell in row)


def _by_time(event: Event) -> int:
    return event.us
