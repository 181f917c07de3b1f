"""A real export's rows as events, as a mapping file says (SPEC section 4).

:class:`Mapped` follows each ticket's state (the mapping's status values: open, paused,
resolved, closed) and last values (priority, level, any column a change rule watches) and
turns what changed on a row into events: a status change into ``paused``, ``resumed``,
``resolved``, ``reopened`` or ``closed``; a higher level into ``escalated``; a new priority
into ``priority_changed``. Memory holds a small record per ticket.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from operator import itemgetter
from typing import Any

from escmatrix import events as _events
from escmatrix.events import CREATED, Event
from escmatrix.findings import Problems
from escmatrix.limits import RUN_ROWS
from escmatrix.loading.mapping import (
    CLOSED,
    FIELDS,
    KEEP,
    OPEN,
    PAUSED,
    RESOLVED,
    ChangeSpec,
    FieldSpec,
    Mapping,
    time_parser,
)
from escmatrix.loading.sources import (
    IGNORED,
    ISO_HINT,
    MISSING_TICKET,
    STREAM_ERRORS,
    UNMAPPED_STATUS,
    UNMAPPED_VALUE,
    Lines,
    Report,
    SheetRows,
    Table,
    time_problem,
    time_reader,
)

# (previous state, new state) -> (events before the row's changes, events after them)
_ENDED = (RESOLVED, CLOSED)
_E_PAUSED, _E_RESUMED, _E_RESOLVED = _events.PAUSED, _events.RESUMED, _events.RESOLVED
_E_REOPENED, _E_CLOSED = _events.REOPENED, _events.CLOSED
_TRANSITIONS: dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]]] = {
    (OPEN, PAUSED): ((), (_E_PAUSED,)),
    (OPEN, RESOLVED): ((), (_E_RESOLVED,)),
    (OPEN, CLOSED): ((), (_E_CLOSED,)),
    (PAUSED, OPEN): ((_E_RESUMED,), ()),
    (PAUSED, RESOLVED): ((), (_E_RESOLVED,)),
    (PAUSED, CLOSED): ((), (_E_CLOSED,)),
    (RESOLVED, OPEN): ((_E_REOPENED,), ()),
    (RESOLVED, PAUSED): ((_E_REOPENED,), (_E_PAUSED,)),
    (RESOLVED, CLOSED): ((), (_E_CLOSED,)),
    (CLOSED, OPEN): ((_E_REOPENED,), ()),
    (CLOSED, PAUSED): ((_E_REOPENED,), (_E_PAUSED,)),
    (CLOSED, RESOLVED): ((_E_REOPENED,), (_E_RESOLVED,)),
}
_FIRST = {OPEN: (), PAUSED: (_E_PAUSED,), RESOLVED: (_E_RESOLVED,), CLOSED: (_E_CLOSED,)}
_NOTHING: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())


class _TicketState:
    __slots__ = ("raw", "state", "values")

    def __init__(self, values: list[str | None], raw: list[str | None]) -> None:
        self.state = OPEN
        self.values = values
        self.raw = raw


class Mapped:
    """Rows of a real export -> events, as the mapping says."""

    def __init__(
        self, mapping: Mapping, table: Table, zone: dt.tzinfo, report: Report, problems: Problems
    ) -> None:
        self.mapping = mapping
        self.problems = problems
        self.table = table
        self.source = table.source
        self.report = report
        self.missing = mapping.missing

        def col(name: str) -> int:
            return table.index(name, mapping.where(name))

        self.i_ticket = col(mapping.ticket)
        self.i_time = col(mapping.time.column)
        self.parse = time_reader(table.kind, time_parser(mapping.time.format, zone), zone)
        self.i_order = [col(name) for name in mapping.order]
        self.ignore = [(col(name), values) for name, values in mapping.ignore]
        self.i_created = None
        self.parse_created = self.parse
        if mapping.created_time is not None:
            self.i_created = col(mapping.created_time.column)
            self.parse_created = time_reader(
                table.kind, time_parser(mapping.created_time.format, zone), zone
            )
        if isinstance(table.rows, SheetRows):
            times = {self.i_time} if self.i_created is None else {self.i_time, self.i_created}
            table.rows.time_columns = times
        # fields, then the attributes: (name, column index or None, spec or None)
        self.fields: list[tuple[str, int | None, FieldSpec | None]] = []
        for name, spec in (
            *((name, mapping.fields.get(name)) for name in FIELDS),
            *mapping.attributes.items(),
        ):
            index = col(spec.column) if spec is not None and spec.column is not None else None
            self.fields.append((name, index, spec))
        self.attribute_names = tuple(mapping.attributes)
        self.status = mapping.status
        self.i_status = [col(name) for name in self.status.columns] if self.status else []
        self.value_events = [(col(spec.column), spec.values) for spec in mapping.events]
        self.changes: list[tuple[int | None, int | None, ChangeSpec, Any]] = []
        for change in mapping.changes:
            if change.field is not None:
                field_index = FIELDS.index(change.field)
                rank = self.mapping.fields[change.field].rank
                self.changes.append((field_index, None, change, rank))
            else:
                assert change.column is not None
                self.changes.append((None, col(change.column), change, None))
        self.raw_columns = [c[1] for c in self.changes if c[1] is not None]
        self.while_ended = any(change.while_ended for change in mapping.changes)
        self.tickets: dict[str, _TicketState] = {}
        self.width = len(table.header)

    # -- reading rows ------------------------------------------------------------------

    def events(self) -> Iterator[Event]:
        table = self.table
        source, report, missing = self.source, self.report, self.missing
        i_ticket, i_time, i_order = self.i_ticket, self.i_time, self.i_order
        ignore, counts = self.ignore, self.problems.counts
        parse = self.parse
        width = self.width
        pad = [None] * width
        rows = table.rows
        base = 1 + table.offset
        end = rows.line_num
        run: list[tuple[Any, ...]] = []
        ticket_now = ""
        last_key: tuple[Any, ...] = ()
        disordered = False
        lines = table.lines or Lines(io.StringIO())
        try:
            for row in rows:
                line = end + base
                end = rows.line_num
                if lines.ended:
                    table.unclosed(line)
                if len(row) < width:
                    if not row:
                        continue
                    row.extend(pad[: width - len(row)])
                if ignore and _ignored(row, ignore):
                    counts[IGNORED] += 1
                    continue
                ticket = row[i_ticket]
                if ticket is None or (ticket := ticket.strip()) in missing:
                    if any(cell is not None and str(cell).strip() for cell in row):
                        report(source, line, MISSING_TICKET, "skipped: the row has no ticket id")
                    continue
                text = row[i_time]
                try:
                    time = parse(text)
                except (ValueError, TypeError) as error:
                    hint = self._format_hint(self.mapping.time.format)
                    report(source, line, *time_problem(text, error, hint))
                    continue
                key = (time, *[_tie(row[i], missing) for i in i_order]) if i_order else (time,)
                record = (key, line, row)
                if ticket == ticket_now and len(run) < RUN_ROWS:
                    if key < last_key:
                        disordered = True
                    else:
                        last_key = key
                    run.append(record)
                    continue
                if run:
                    if disordered:
                        run.sort(key=itemgetter(0))
                        disordered = False
                    yield from self._derive(ticket_now, run)
                run = [record]
                ticket_now = ticket
                last_key = key
        except STREAM_ERRORS as error:
            table.failed(error, end + base, report)
        finally:
            table.close()
        if run:
            if disordered:
                run.sort(key=itemgetter(0))
            yield from self._derive(ticket_now, run)

    @staticmethod
    def _format_hint(fmt: str | tuple[str, ...]) -> str:
        if fmt == "iso":
            return ISO_HINT
        if isinstance(fmt, str):
            return f"format {fmt!r}"
        return "one of the formats " + ", ".join(repr(f) for f in fmt)

    # -- deriving events -----------------------------------------------------------------

    def _value(self, raw: Any, spec: FieldSpec, line: int, name: str) -> str | None:
        """The translated value of a cell, or None when it has none."""
        if raw is None:
            return None
        if type(raw) is not str:
            raw = str(raw)
        raw = raw.strip()
        if raw in self.missing:
            return None
        values = spec.values
        if values is None:
            return raw
        value = values.get(raw)
        if value is None:
            if spec.others is not None:
                return spec.others
            if spec.default is not None:
                return spec.default
            self.report(
                self.source,
                line,
                UNMAPPED_VALUE,
                f"{name} {raw!r} is not in the mapping's {name}.values; treated as no value",
            )
        return value

    def _state(self, row: list[Any], line: int) -> str:
        status = self.status
        assert status is not None
        parts = []
        for index in self.i_status:
            cell = row[index]
            cell = "" if cell is None else str(cell).strip()
            if cell in self.missing:
                cell = ""
            parts.append(cell)
        if not any(parts):
            return KEEP
        raw = status.separator.join(parts)
        state = status.values.get(raw)
        if state is None:
            if status.default is not None:
                return status.default
            self.report(
                self.source,
                line,
                UNMAPPED_STATUS,
                f"status {raw!r} is not in the mapping's status.values; the ticket keeps its state",
            )
            return KEEP
        return state

    def _derive(self, ticket: str, run: list[tuple[Any, ...]]) -> Iterator[Event]:
        """Events of one run of a ticket's rows, sorted; the ticket's state carries over."""
        state = self.tickets.get(ticket)
        for key, line, row in run:
            time = key[0]
            first = state is None
            values = self._field_values(row, line, None if state is None else state.values)
            raw_now = self._raw_values(row)
            new_state = self._state(row, line) if self.status is not None else KEEP
            changed: list[str] = []
            before: tuple[str, ...]
            after: tuple[str, ...]
            if state is None:
                state = self.tickets[ticket] = _TicketState(values, [None] * len(raw_now))
                new_state = OPEN if new_state == KEEP else new_state
                before, after = (), _FIRST[new_state]
            else:
                old_state = state.state
                new_state = old_state if new_state == KEEP else new_state
                before, after = _TRANSITIONS.get((old_state, new_state), _NOTHING)
                ended = old_state in _ENDED and new_state in _ENDED
                if not ended or self.while_ended:
                    changed = self._changes(state, values, raw_now, ended)
            for position, value in enumerate(raw_now):
                if value is not None:
                    state.raw[position] = value
            state.values = values
            state.state = new_state
            category, priority, level, channel, actor = values[:5]
            attributes = tuple(zip(self.attribute_names, values[5:], strict=True))
            if first:
                opened = time
                if self.i_created is not None:
                    opened = self._created_time(row[self.i_created], time)
                yield Event(
                    ticket,
                    opened,
                    CREATED,
                    line,
                    category,
                    priority,
                    level,
                    channel,
                    actor,
                    attributes,
                )
            extra = self._value_events(row)
            if first and CREATED in extra:  # already created: once is enough
                extra = [name for name in extra if name != CREATED]
            for name in (*before, *changed, *extra, *after):
                yield Event(
                    ticket, time, name, line, category, priority, level, channel, actor, attributes
                )

    def _field_values(
        self, row: list[Any], line: int, previous: list[str | None] | None
    ) -> list[str | None]:
        """Translated category, priority, level, channel, actor and attributes of a row; a
        cell without a value keeps the ticket's previous value (the default for its first
        row)."""
        values: list[str | None] = []
        for position, (name, index, spec) in enumerate(self.fields):
            value = None
            if spec is not None:
                if index is not None:
                    value = self._value(row[index], spec, line, name)
                if value is None:
                    value = spec.default if previous is None else previous[position]
            values.append(value)
        return values

    def _raw_values(self, row: list[Any]) -> list[str | None]:
        found: list[str | None] = []
        for index in self.raw_columns:
            cell = row[index]
            cell = None if cell is None else str(cell).strip()
            found.append(None if cell in self.missing else cell)
        return found

    def _changes(
        self,
        state: _TicketState,
        new_values: list[str | None],
        raw_now: list[str | None],
        ended: bool = False,
    ) -> list[str]:
        """The events of the change rules a row meets (on a row of a resolved or closed
        ticket, ``ended``, only those that say ``while_ended``)."""
        found = []
        raw_position = 0
        for field_index, _column, spec, rank in self.changes:
            if field_index is not None:
                old, new = state.values[field_index], new_values[field_index]
            else:
                old, new = state.raw[raw_position], raw_now[raw_position]
                raw_position += 1
                if new is None:
                    continue
            if ended and not spec.while_ended:
                continue
            if old is None or new is None or old == new:
                continue
            if spec.to is not None and new not in spec.to:
                continue
            if spec.when != "any":
                old_rank, new_rank = rank(old), rank(new)
                if old_rank is None or new_rank is None:
                    continue
                if (new_rank > old_rank) != (spec.when == "up"):
                    continue
            found.append(spec.event)
        return found

    def _value_events(self, row: list[Any]) -> list[str]:
        found: list[str] = []
        for index, values in self.value_events:
            cell = row[index]
            if cell is None:
                continue
            cell = str(cell).strip()
            if cell in self.missing:
                continue
            if values is None:
                found.append(cell)
            else:
                found.extend(values.get(cell, ()))
        return found

    def _created_time(self, cell: Any, time: dt.datetime) -> dt.datetime:
        """The opening time from its own column when it can be read and is earlier."""
        if cell is None or (type(cell) is str and cell.strip() in self.missing):
            return time
        try:
            opened = self.parse_created(cell.strip() if type(cell) is str else cell)
        except (ValueError, TypeError, AttributeError):
            return time
        return opened if opened < time else time


def _ignored(row: list[Any], ignore: list[tuple[int, frozenset[str]]]) -> bool:
    for index, values in ignore:
        cell = row[index]
        if cell is not None and str(cell).strip() in values:
            return True
    return False


def _tie(cell: Any, missing: frozenset[str]) -> tuple[int, Any]:
    """Tie-break value: numbers (by value) before text, text before no value."""
    text = "" if cell is None else str(cell).strip()
    if text in missing:
        return (2, "")
    try:
        return (0, float(text))
    except ValueError:
        return (1, text)
