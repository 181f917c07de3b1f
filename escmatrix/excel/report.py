"""The Excel report of a replay (``escmatrix simulate MATRIX LOG --format xlsx -o FILE``).

:class:`ReportSink` is a simulate output like the others (``write(notification)``,
``reset()``, ``close(summary)``). The workbook it writes has these sheets:

- ``Summary``: the figures of the replay (matrix, log, time zone, horizon, counts,
  notifications by reason, unresolved tickets by level, skipped rows with the lines of the
  first ones, unknown events, events that changed nothing, warnings);
- ``Notifications``: one row per notification in an Excel table (filters on every column)
  under a frozen header; past Excel's 1,048,576 rows a sheet the rows go on in
  ``Notifications 2`` and so on;
- ``Contacts``: notifications per contact, busiest first, with a bar chart of the busiest;
- ``Hours``: per contact, busiest first, a week of hours (7 days x 24 hours) under a colour
  scale, the same heat map as ``--format summary`` draws;
- ``Levels``: tickets by the highest level they reached, in level order, with a chart.

Memory stays flat whatever the length of the log: openpyxl's write-only mode streams the
notification rows into a temporary file as they arrive; the other sheets are written at
``close``, and only then is the workbook packed into the output stream, so a failed replay
writes nothing to it. :meth:`ReportSink.discard` removes the temporary files of a
workbook that is not finished (``close`` does it too).

Text comes from ticket data and people's names: any of it is stored as a text cell, never
as a formula or an error value, and text that Excel would take for a formula when the cell
is edited (beginning with ``=``, ``+``, ``-`` or ``@``) gets Excel's quote prefix. Control
characters a workbook cannot store become U+FFFD, and text over an Excel cell's 32,767
characters is cut, with a warning. Times are Excel date-times, local to the matrix time
zone (Excel has no time zones; the Summary sheet and the Notifications header name it).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import warnings
import zoneinfo
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from escmatrix import __version__
from escmatrix.excel.layout import MAX_CELL_CHARS
from escmatrix.excel.saving import save as save_workbook
from escmatrix.findings import top_and_rest
from escmatrix.model import Matrix
from escmatrix.simulation.engine import Notification
from escmatrix.simulation.summary import HOURS_OF_WEEK, Summary

__all__ = ["EXCEL_ROWS", "ReportSink"]

EXCEL_ROWS = 1_048_576  # rows in one worksheet
SUMMARY_SHEET, NOTIFICATIONS_SHEET = "Summary", "Notifications"
CONTACTS_SHEET, HOURS_SHEET, LEVELS_SHEET = "Contacts", "Hours", "Levels"
CHART_CONTACTS = 25  # contacts in the Contacts chart (the sheet lists them all)
HOURS_CONTACTS = 50  # heat maps in the Hours sheet
TIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
COUNT_FORMAT = "#,##0"
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

_FORMULA_LIKE = ("=", "+", "-", "@")
_DARK = "1F4E78"  # as in the matrix export
_HEADER_FILL = PatternFill("solid", fgColor=_DARK)
_WHITE_BOLD = Font(bold=True, color="FFFFFF")
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_MUTED = Font(color="808080")
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(horizontal="center")


class ReportBook:
    """A workbook written for people, in openpyxl's write-only mode: what the replay's and
    the audit's reports share (text cells that are never formulas, styles, sections, the
    temporary files of an unfinished workbook). Subclasses call :meth:`new_book` and
    :meth:`save`."""

    def __init__(self, stream: IO[bytes], matrix: Matrix) -> None:
        self.stream = stream
        self.matrix = matrix
        self.zone = zoneinfo.ZoneInfo(matrix.timezone)
        self._book: Any = None
        self.warnings: list[str] = []

    def new_book(self) -> None:
        self._book = Workbook(write_only=True)
        self.warnings = []

    def pass_warnings(self, warnings: list[str]) -> None:
        """The book's own warnings (text it had to change) join ``warnings``."""
        for warning in self.warnings:
            if warning not in warnings:
                warnings.append(warning)

    def save(self, title: str) -> None:
        """Pack the workbook into the stream."""
        self._book.properties.creator = f"escmatrix {__version__}"
        self._book.properties.title = self._clean(title)[:255]
        save_workbook(self._book, self.stream)

    def discard(self) -> None:
        """Remove the temporary files of the workbook being written (a saved workbook has
        none left); nothing more is written until :meth:`new_book`."""
        book, self._book = self._book, None
        if book is None:
            return
        for ws in book.worksheets:
            writer = getattr(ws, "_writer", None)  # a write-only sheet's file, once begun
            if writer is None:
                continue
            if not ws.closed:
                with contextlib.suppress(Exception):
                    ws.close()
            with contextlib.suppress(OSError, ValueError):
                writer.cleanup()  # the file and openpyxl's record of it

    # --- cells ------------------------------------------------------------------------------

    def _clean(self, value: str) -> str:
        """``value`` as a workbook can store it (a warning says what changed)."""
        if ILLEGAL_CHARACTERS_RE.search(value):
            value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
            self._warn(
                "some text holds control characters that a workbook cannot store; the report"
                " shows them as \ufffd"
            )
        if len(value) > MAX_CELL_CHARS:
            value = value[: MAX_CELL_CHARS - 1] + "…"
            self._warn(
                f"some text was longer than an Excel cell holds ({MAX_CELL_CHARS:,}"
                " characters) and is cut in the report"
            )
        return value

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def _text(self, ws: Any, value: str) -> Any:
        """A text for ``ws.append``: the string itself when openpyxl stores it as text,
        else a cell forced to text. (openpyxl takes a string beginning with ``=`` for a
        formula and ``#N/A`` and the like for error values.)"""
        if not value:
            return None
        value = self._clean(value)
        if _risky(value):
            cell = WriteOnlyCell(ws, value)
            cell.data_type = "s"
            cell.quotePrefix = True  # editing the cell in Excel keeps it text
            return cell
        return value

    def _cell(
        self,
        ws: Any,
        value: Any,
        font: Font | None = None,
        fill: Any = None,
        number_format: str | None = None,
        alignment: Alignment | None = None,
    ) -> Any:
        """A styled cell for ``ws.append``; text is never a formula."""
        if isinstance(value, str):
            value = self._clean(value)
        if isinstance(value, dt.datetime):
            if value.tzinfo is not None:
                value = value.astimezone(self.zone).replace(tzinfo=None)
            number_format = number_format or TIME_FORMAT
        cell = WriteOnlyCell(ws, value)
        if isinstance(value, str):
            cell.data_type = "s"
            if _risky(value):
                cell.quotePrefix = True
        elif isinstance(value, int) and not isinstance(value, bool):
            number_format = number_format or COUNT_FORMAT
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        if number_format is not None:
            cell.number_format = number_format
        if alignment is not None:
            cell.alignment = alignment
        return cell

    def _row(self, ws: Any, values: Iterable[Any], **style: Any) -> None:
        ws.append([None if value is None else self._cell(ws, value, **style) for value in values])

    def _header(self, ws: Any, values: Iterable[Any]) -> None:
        self._row(ws, values, font=_WHITE_BOLD, fill=_HEADER_FILL)

    def _contact_names(self, contacts: tuple[str, ...]) -> str:
        known = self.matrix.contact_by_id
        return ", ".join(known[c].name if c in known else c for c in contacts)

    def _level_name(self, level: str) -> str:
        known = self.matrix.level_by_id
        return f"{level} {known[level].name}" if level in known else level

    def _local(self, moment: dt.datetime | None) -> dt.datetime | None:
        return None if moment is None else moment.astimezone(self.zone).replace(tzinfo=None)

    def _value(self, ws: Any, value: Any, **style: Any) -> Any:
        return None if value is None or value == "" else self._cell(ws, value, **style)

    def _examples(self, ws: Any, title: str, log: str, examples: Sequence[str]) -> None:
        """Rows of the log (``LOG:LINE: why``) under a header, the line as a number."""
        if not examples:
            return
        ws.append([])
        self._header(ws, [title, "Line", "Why"])
        prefix = f"{log}:"
        for example in examples:
            line, _, why = example.removeprefix(prefix).partition(": ")
            if line.isdigit() and example.startswith(prefix):
                ws.append(
                    [None, self._value(ws, int(line), number_format="0"), self._value(ws, why)]
                )
            else:
                ws.append([None, None, self._value(ws, example)])

    def _warnings(self, ws: Any, warnings: Sequence[str]) -> None:
        ws.append([])
        self._header(ws, ["Warnings", None, None])
        if not warnings:
            ws.append([self._value(ws, "none", font=_MUTED)])
        for warning in warnings:
            ws.append([None, None, self._value(ws, warning, alignment=_WRAP)])

    def _section(self, ws: Any, title: str, unit: str, rows: Sequence[tuple[str, int]]) -> None:
        """A blank row, a header, then one row per item (or "none")."""
        ws.append([])
        self._header(ws, [title, unit, None])
        if not rows:
            ws.append([self._value(ws, "none", font=_MUTED)])
        for name, count in rows:
            ws.append([self._value(ws, name), self._value(ws, count)])


class RecordSheets:
    """Records under a frozen header, one Excel table (filters on every column) a sheet;
    past ``rows_per_sheet`` (Excel's 1,048,576 by default) they go on in ``Title 2`` and
    so on. The sheets are made at ``index``, ``index + 1`` ... of the book."""

    def __init__(
        self,
        book: ReportBook,
        title: str,
        headers: Sequence[str],
        widths: Sequence[float],
        rows_per_sheet: int,
        index: int,
    ) -> None:
        self.book = book
        self.title = title
        self.headers = tuple(headers)
        self.widths = tuple(widths)
        self.rows_per_sheet = rows_per_sheet
        self.index = index
        self.sheets: list[Any] = []
        self.rows: list[int] = []  # rows written in each, the header included
        self._new_sheet()

    @property
    def current(self) -> Any:
        """The sheet the next record goes to."""
        if self.rows[-1] >= self.rows_per_sheet:
            self._new_sheet()
        self.rows[-1] += 1
        return self.sheets[-1]

    def _new_sheet(self) -> None:
        """Widths and the frozen header first (write-only sheets write them before the
        rows), then the header row."""
        number = len(self.sheets) + 1
        title = self.title if number == 1 else f"{self.title} {number}"
        ws = self.book._book.create_sheet(title, index=self.index + number - 1)
        _widths(ws, *self.widths)
        ws.freeze_panes = "A2"
        self.book._header(ws, self.headers)
        self.sheets.append(ws)
        self.rows.append(1)

    def where(self) -> str:
        """Where the records are, for the Summary sheet."""
        titles = [sheet.title for sheet in self.sheets]
        if len(titles) == 1:
            return f"sheet {titles[0]}"
        return f"sheets {', '.join(titles)} (Excel holds at most {EXCEL_ROWS:,} rows a sheet)"

    def finish(self) -> None:
        """An Excel table over each sheet: filters, banded rows."""
        last = get_column_letter(len(self.headers))
        name = self.title.replace(" ", "")
        for number, (ws, rows) in enumerate(zip(self.sheets, self.rows, strict=True), start=1):
            ref = f"A1:{last}{max(2, rows)}"  # a table needs a row under its header
            table = Table(
                displayName=name + (str(number) if number > 1 else ""),
                ref=ref,
                autoFilter=AutoFilter(ref=ref),
                tableStyleInfo=TableStyleInfo(name="TableStyleLight9", showRowStripes=True),
            )
            # a write-only sheet cannot read its header back: the columns are named here
            table.tableColumns = [
                TableColumn(id=i, name=header) for i, header in enumerate(self.headers, start=1)
            ]
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", "In write-only mode you must add table columns")
                ws.add_table(table)


class ReportSink(ReportBook):
    """Writes the report workbook to ``stream`` (binary) at :meth:`close`.

    ``rows_per_sheet`` (a header and the notifications under it) is Excel's limit; tests
    pass a smaller one to see the rows go on in a second sheet."""

    def __init__(self, stream: IO[bytes], matrix: Matrix, rows_per_sheet: int = EXCEL_ROWS) -> None:
        if not 2 <= rows_per_sheet <= EXCEL_ROWS:
            raise ValueError(f"rows_per_sheet must be within 2 and {EXCEL_ROWS}")
        super().__init__(stream, matrix)
        self.rows_per_sheet = rows_per_sheet
        self.headers: tuple[str, ...] = (
            "Ticket",
            f"Time ({matrix.timezone})",
            "Level",
            "Level name",
            "Contacts",
            "Reason",
            "Detail",
        )
        # a matrix with availability: who could not be reached, and when (SPEC 10)
        self.reach = matrix.uses_availability
        if self.reach:
            self.headers += (
                "Unreachable",
                f"Next reachable ({matrix.timezone})",
                "After hours",
            )
        self.start()

    # --- the protocol of simulate outputs -------------------------------------------------

    def start(self) -> None:
        """A new workbook with its Summary sheet (filled at close) and a first, empty
        Notifications sheet."""
        self.new_book()
        self._book.create_sheet(SUMMARY_SHEET)
        self.records = RecordSheets(
            self, NOTIFICATIONS_SHEET, self.headers, (16, 21, 8, 30, 36, 22, 80, 30, 21, 30),
            self.rows_per_sheet, 1,
        )  # fmt: skip
        self._names: dict[tuple[str, ...], str] = {}
        self.per_level: Counter[str] = Counter()

    def reset(self) -> None:
        """Start over (the replay restarts on a log in no order)."""
        self.discard()
        self.start()

    def write(self, n: Notification) -> None:
        ws = self.records.current
        time = n.time
        if time.tzinfo is not self.zone:
            time = time.astimezone(self.zone)
        stamp = WriteOnlyCell(ws, time.replace(tzinfo=None))
        stamp.number_format = TIME_FORMAT
        names = self._names.get(n.contacts)
        if names is None:
            names = self._names[n.contacts] = self._contact_names(n.contacts)
        text = self._text
        row = [
            text(ws, n.ticket),
            stamp,
            text(ws, n.level),
            text(ws, n.level_name),
            text(ws, names),
            text(ws, n.reason),
            text(ws, n.detail),
        ]
        if self.reach:
            nxt = None
            if n.next_reachable is not None:
                nxt = WriteOnlyCell(ws, self._local(n.next_reachable))
                nxt.number_format = TIME_FORMAT
            row += [
                text(ws, self._contact_names(n.unreachable)),
                nxt,
                text(ws, self._contact_names(n.after_hours)),
            ]
        ws.append(row)
        self.per_level[n.level] += 1

    def close(self, summary: Summary) -> None:
        """Write the other sheets and pack the workbook into the stream. The sink's own
        warnings (text it had to change) are added to ``summary.warnings``."""
        try:
            self.pass_warnings(summary.warnings)
            self.records.finish()
            self._summary_sheet(summary)
            self._contacts_sheet(summary)
            self._hours_sheet(summary)
            self._levels_sheet(summary)
            self.save(f"Replay of {summary.log} against {summary.matrix}")
        finally:
            self.discard()

    # --- sheets ----------------------------------------------------------------------------

    def _summary_sheet(self, summary: Summary) -> None:
        ws = self._book[SUMMARY_SHEET]
        _widths(ws, 44, 48, 90)
        row = self._row
        row(ws, ["Replay of a ticket log against an escalation matrix"], font=_TITLE)
        row(ws, [f"written by escmatrix {__version__}"], font=_MUTED)
        ws.append([])
        where = self.records.where()
        figures: list[tuple[str, Any, str | None]] = [
            ("Matrix", summary.matrix, None),
            ("Log", summary.log, None),
            (
                "Time zone",
                self.matrix.timezone,
                "every time in this workbook is a local time in this zone (Excel has no time"
                " zones; in the hour the clocks go back, local times repeat)",
            ),
            ("Horizon", self._local(summary.horizon), "the replay ran up to this time"),
            ("Tickets", summary.tickets, None),
            ("Events", summary.events, None),
            ("Notifications", summary.notifications, where),
            (
                "Tickets created at their first row",
                summary.creation_inferred,
                "the log has no 'created' row for them",
            ),
            ("Events after the horizon", summary.after_horizon, "not replayed"),
        ]
        for label, value, note in figures:
            ws.append(
                [
                    self._cell(ws, label, font=_BOLD),
                    self._value(ws, value),
                    self._value(ws, note, font=_MUTED),
                ]
            )
        self._section(
            ws, "Notifications by reason", "Notifications", summary.by_reason.most_common()
        )
        if self.reach:
            names = self._contact_names
            self._section(
                ws,
                "Notifications outside the contact's hours",
                "Notifications",
                [(names((c,)), n) for c, n in summary.after_hours.most_common()],
            )
            self._section(
                ws,
                "Notifications nobody could take for the contact (it waited for its opening)",
                "Notifications",
                [(names((c,)), n) for c, n in summary.unreachable.most_common()],
            )
            self._section(
                ws,
                "Notifications that reached nobody",
                "Notifications",
                [("all of the level's contacts waited", summary.reached_nobody)],
            )
        self._section(
            ws,
            "Unresolved at the horizon, by level",
            "Tickets",
            [(self._level_name(lvl), n) for lvl, n in summary.unresolved.items()],
        )
        self._section(ws, "Skipped rows, by reason", "Rows", summary.skipped.most_common())
        self._examples(ws, "First skipped rows", summary.log, summary.skipped_examples)
        for title, counted in (
            ("Unknown events (not in the matrix)", summary.unknown_events),
            ("Events that changed nothing", summary.ignored),
        ):
            shown, rest, rows = top_and_rest(counted, len(counted))
            self._section(ws, title, "Rows", shown + ([("(all others)", rows)] if rest else []))
        self._warnings(ws, summary.warnings)

    def _contacts_sheet(self, summary: Summary) -> None:
        ws = self._book.create_sheet(CONTACTS_SHEET)
        _widths(ws, 36, 24, 15)
        ws.freeze_panes = "A2"
        self._header(ws, ["Contact", "Id", "Notifications"])
        busiest = summary.per_contact.most_common()
        for contact, count in busiest:
            ws.append(
                [
                    self._value(ws, self._contact_names((contact,))),
                    self._value(ws, contact),
                    self._value(ws, count),
                ]
            )
        ws.auto_filter.ref = f"A1:C{max(2, len(busiest) + 1)}"
        if not busiest:
            return
        shown = min(len(busiest), CHART_CONTACTS)
        chart = BarChart()
        chart.type = "bar"  # horizontal bars: names stay readable
        chart.title = (
            "Notifications per contact"
            if shown == len(busiest)
            else f"Notifications per contact, busiest {shown} of {len(busiest)}"
        )
        chart.add_data(
            Reference(ws, min_col=3, min_row=1, max_row=shown + 1), titles_from_data=True
        )
        chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=shown + 1))
        chart.x_axis.scaling.orientation = "maxMin"  # the busiest at the top
        chart.x_axis.delete = chart.y_axis.delete = False
        chart.legend = None
        chart.width, chart.height = 18.0, max(7.5, 0.6 * shown + 2.5)
        ws.add_chart(chart, "E2")

    def _hours_sheet(self, summary: Summary) -> None:
        ws = self._book.create_sheet(HOURS_SHEET)
        ws.column_dimensions["A"].width = 12
        for column in range(2, 26):
            ws.column_dimensions[get_column_letter(column)].width = 5.5
        ws.column_dimensions[get_column_letter(26)].width = 10
        busiest = [c for c, _ in summary.per_contact.most_common() if c in summary.per_contact_hour]
        shown = busiest[:HOURS_CONTACTS]
        which = "" if len(shown) == len(busiest) else f", busiest {len(shown)} of {len(busiest)}"
        self._row(ws, [f"Notifications by hour of the week, per contact{which}"], font=_TITLE)
        self._row(
            ws,
            [
                f"hours in {self.matrix.timezone}; darker cells, more notifications"
                " (relative to each contact's busiest hour)"
            ],
            font=_MUTED,
        )
        row = 2
        for contact in shown:
            hours = summary.per_contact_hour[contact]
            assert len(hours) == HOURS_OF_WEEK
            ws.append([])
            self._row(ws, [self._contact_names((contact,))], font=_BOLD)
            self._row(
                ws, [None, *range(24), "Total"], font=_BOLD, alignment=_CENTER, number_format="0"
            )
            first = row + 4
            for day, name in enumerate(DAYS):
                counts = hours[day * 24 : day * 24 + 24]
                ws.append(
                    [
                        self._cell(ws, name, font=_BOLD),
                        *counts,
                        self._cell(ws, sum(counts), font=_BOLD),
                    ]
                )
            row += 3 + len(DAYS)
            # a rule of its own for each block (openpyxl numbers each rule's priority)
            heat = ColorScaleRule(
                start_type="min", start_color="FFFFFF", end_type="max", end_color="F8696B"
            )
            ws.conditional_formatting.add(f"B{first}:Y{first + len(DAYS) - 1}", heat)
        if not shown:
            ws.append([])
            self._row(ws, ["no notifications"], font=_MUTED)

    def _levels_sheet(self, summary: Summary) -> None:
        ws = self._book.create_sheet(LEVELS_SHEET)
        _widths(ws, 8, 36, 16, 15, 16)
        ws.freeze_panes = "A2"
        self._header(
            ws,
            [
                "Level",
                "Name",
                "Tickets (highest level reached)",
                "Notifications",
                "Unresolved at the horizon",
            ],
        )
        ids = [level.id for level in self.matrix.levels]
        ids += [lvl for lvl in (*summary.highest_level, *self.per_level) if lvl not in ids]
        levels = self.matrix.level_by_id
        for level in ids:
            ws.append(
                [
                    self._value(ws, level),
                    self._value(ws, levels[level].name if level in levels else ""),
                    self._value(ws, summary.highest_level.get(level, 0)),
                    self._value(ws, self.per_level.get(level, 0)),
                    self._value(ws, summary.unresolved.get(level, 0)),
                ]
            )
        if not ids:
            return
        chart = BarChart()
        chart.type = "col"
        chart.title = "Tickets by highest level reached"
        chart.add_data(
            Reference(ws, min_col=3, min_row=1, max_row=len(ids) + 1), titles_from_data=True
        )
        chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=len(ids) + 1))
        chart.x_axis.delete = chart.y_axis.delete = False
        chart.legend = None
        chart.width, chart.height = max(12.0, 1.8 * len(ids) + 4), 8.0
        ws.add_chart(chart, "G2")


def _risky(text: str) -> bool:
    """Whether a spreadsheet would take ``text`` for a formula or an error value."""
    return text.startswith(_FORMULA_LIKE) or text in ERROR_CODES


def _widths(ws: Any, *widths: float) -> None:
    """Widths of the first columns (a write-only sheet needs them before its rows)."""
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
