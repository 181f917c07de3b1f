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
from operator import itemgetter
from typing import Any

from escmatrix.events import Event, make_event
from escmatrix.findings import LogError
from escmatrix.instants import to_us
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
    source = table.source
    width = len(table.header)
    pad = [None] * width
    it, itime, iev = indices["ticket"], indices["time"], indices["event"]
    # absent optional columns read the cell appended after the row's last one
    optional = itemgetter(*(indices.get(name, width) for name in CANONICAL_COLUMNS[3:]))
    fromiso = dt.datetime.fromisoformat
    combine = dt.datetime.combine  # 4x faster than .replace(tzinfo=) on CPython 3.11
    read_time = time_reader(table.kind, time_parser("iso", zone), zone)
    first_year, last_year = FIRST_YEAR, LAST_YEAR
    if isinstance(table.rows, SheetRows):
        table.rows.time_columns = {itime}
    rows = table.rows
    base = 1 + table.offset
    end = rows.line_num
    run: list[Event] = []
    ticket_now: str | None = None
    last: Any = None
    disordered = False
    lines = table.lines or Lines(io.StringIO())
    try:
        for row in rows:
            line = end + base
            end = rows.line_num
            if lines.ended:
                table.unclosed(line)
            if len(row) != width:
                if not row:
                    continue
                if len(row) < width:
                    row.extend(pad[: width - len(row)])
                else:
                    del row[width:]
            row.append(None)
            ticket = row[it]
            if not ticket or not (ticket := ticket.strip()):
                if any(cell and str(cell).strip() for cell in row):
                    report(source, line, MISSING_TICKET, "skipped: the row has no ticket id")
                continue
            text = row[itime]
            try:
                time = fromiso(text)
                if time.tzinfo is None:
                    time = combine(time.date(), time.time(), zone)
                if not first_year <= time.year <= last_year:
                    raise ValueError
            except (ValueError, TypeError):
                try:
                    time = read_time(text)
                except ValueError as error:
                    report(source, line, *time_problem(text, error))
                    continue
            name = row[iev]
            if not name or not (name := name.strip()):
                report(source, line, MISSING_EVENT, f"skipped: ticket {ticket} has no event")
                continue
            category, priority, level, channel, actor = optional(row)
            us = to_us(time)
            event = make_event(
                ticket,
                us,
                time.tzinfo or zone,
                name,
                line,
                category or None,
                priority or None,
                level or None,
                channel or None,
                actor or None,
            )
            if ticket == ticket_now and len(run) < RUN_ROWS:
                if us < last:
                    disordered = True
                else:
                    last = us
                run.append(event)
                continue
            if run:
                if disordered:
                    run.sort(key=_by_time)
                    disordered = False
                yield from run
            run = [event]
            ticket_now = ticket
            last = us
    except STREAM_ERRORS as error:
        table.failed(error, end + base, report)
    finally:
        table.close()
    if disordered:
        run.sort(key=_by_time)
    yield from run


def _by_time(event: Event) -> int:
    return event.us
