"""The Excel report of a replay (``escmatrix simulate MATRIX LOG --format xlsx -o FILE``).

:class:`ReportSink` is a simulate output like the others (``write(notification)``,
``reset()``, ``close(summary)``). The workbook it writes has these sheets:

- ``Summary``: the figures of the replay (matrix, log, time zone, horizon, counts,
  notifications by reason, unresolved tickets by level, skipped rows with the lines of the
  first ones, unknown events, events that changed nothing, warnings), printed on one page;
- ``Notifications``: one row per notification in an Excel table (filters on every column)
  under a frozen header; past Excel's 1,048,576 rows a sheet the rows go on in
  ``Notifications 2`` and so on;
- ``Contacts``: notifications per contact, busiest first, with a bar chart of the busiest;
- ``Hours``: per contact, busiest first, a week of hours (7 days x 24 hours) under a colour
  scale, the same heat map as ``--format summary`` draws;
- ``Levels``: tickets by the highest level reached, in level order, with a chart.

Every sheet prints landscape, fit to the page width, its header row on every page.

Memory stays flat whatever the length of the log: the workbook is written with XlsxWriter
in constant-memory mode (:mod:`escmatrix.excel.writer`), the notification rows streamed into
a temporary file as they arrive; the other sheets are written at ``close``, and only then
is the workbook packed into the output stream, so a failed replay writes nothing to it.
:meth:`ReportSink.discard` removes the temporary files of a workbook that is not finished
(``close`` does it too).

Text comes from ticket data and people's names: any of it is stored as a text cell, never
as a formula or an error value, and text that Excel would take for a formula when the cell
is edited (beginning with ``=``, ``+``, ``-`` or ``@``) gets Excel's quote prefix. Control
characters a workbook cannot store become U+FFFD, and text over an Excel cell's 32,767
characters is cut, with a warning. Times are Excel date-times, local to the matrix time
zone (Excel has no time zones; the Summary sheet and the Notifications header name it).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import Counter
from collections.abc import Sequence
from typing import IO, Any

from escmatrix import __version__
from escmatrix.excel.writer import (
    DARK,
    EXCEL_ROWS,
    TIME_FORMAT,
    Book,
    Cell,
    Sheet,
    Style,
    excel_time,
)
from escmatrix.findings import top_and_rest
from escmatrix.instants import NONE, LocalClock, to_us
from escmatrix.model import Matrix
from escmatrix.simulation.engine import Notification
from escmatrix.simulation.summary import HOURS_OF_WEEK, Summary

__all__ = ["EXCEL_ROWS", "ReportBook", "ReportSink"]

SUMMARY_SHEET, NOTIFICATIONS_SHEET = "Summary", "Notifications"
CONTACTS_SHEET, HOURS_SHEET, LEVELS_SHEET = "Contacts", "Hours", "Levels"
CHART_CONTACTS = 25  # contacts in the Contacts chart (the sheet lists them all)
HOURS_CONTACTS = 50  # heat maps in the Hours sheet
COUNT_FORMAT = "#,##0"
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

HEADER: Style = {
    "bold": True,
    "font_color": "#FFFFFF",
    "bg_color": DARK,
    "pattern": 1,
    "text_wrap": True,  # a title wider than its column takes two lines, never cut
    "valign": "top",
}
BOLD: Style = {"bold": True}
TITLE: Style = {"bold": True, "font_size": 14}
MUTED: Style = {"font_color": "#808080"}
WRAP: Style = {"text_wrap": True, "valign": "top"}
CENTER: Style = {"align": "center"}
_CM = 37.8  # pixels a centimetre, for the sizes of charts


class ReportBook:
    """A workbook written for people: what the replay's and the audit's reports share (text
    cells that are never formulas, styles, sections, charts, the temporary files of an
    unfinished workbook). Subclasses call :meth:`new_book` and :meth:`save`."""

    def __init__(self, stream: IO[bytes], matrix: Matrix) -> None:
        self.stream = stream
        self.matrix = matrix
        self.zone = zoneinfo.ZoneInfo(matrix.timezone)
        self.clock = LocalClock(self.zone)
        self.book: Book | None = None

    @property
    def warnings(self) -> list[str]:
        """Text the book had to change to store it."""
        return self.book.warnings if self.book is not None else []

    def new_book(self) -> Book:
        self.book = Book(self.stream, count_format=COUNT_FORMAT)
        return self.book

    def pass_warnings(self, warnings: list[str]) -> None:
        """The book's own warnings (text it had to change) join ``warnings``."""
        for warning in self.warnings:
            if warning not in warnings:
                warnings.append(warning)

    def save(self, title: str) -> None:
        """Pack the workbook into the stream (and remove its temporary files)."""
        assert self.book is not None
        self.book.save(title, f"escmatrix {__version__}")

    def discard(self) -> None:
        """Remove the temporary files of the workbook being written (a saved workbook has
        none left); nothing more is written until :meth:`new_book`."""
        if self.book is not None:
            self.book.discard()

    # --- sheets and cells --------------------------------------------------------------------

    def sheet(
        self,
        title: str,
        widths: Sequence[float],
        headers: Sequence[str] | None = None,
        one_page: bool = False,
    ) -> Sheet:
        """A new sheet with its column widths and print setup; with ``headers``, a header
        row frozen at the top of the screen and of every printed page."""
        assert self.book is not None
        sheet = self.book.sheet(title)
        sheet.set_widths(*widths)
        if headers is not None:
            sheet.freeze(1)
            self.header(sheet, headers)
        sheet.print_setup(title, title_rows=1, one_page=one_page)
        return sheet

    def header(self, sheet: Sheet, values: Sequence[Any]) -> None:
        sheet.append(values, HEADER, fit=True)

    def line(self, sheet: Sheet, values: Sequence[Any], style: Style | None = None) -> None:
        """A row of text that wraps within its columns (the row as tall as it needs)."""
        sheet.append([self.local(v) for v in values], {**WRAP, **(style or {})}, fit=True)

    def local(self, value: Any) -> Any:
        """An aware date-time as the naive local time in the matrix zone; other values as
        they are."""
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            return self.local_time(to_us(value))
        if isinstance(value, Cell):
            return Cell(self.local(value.value), value.style, value.num_format)
        return value

    def local_time(self, at: int) -> dt.datetime:
        """The instant ``at`` (microseconds) as the naive local time in the matrix zone."""
        local = self.clock.local_us(at)
        return dt.datetime(1970, 1, 1) + dt.timedelta(microseconds=local)

    def serial(self, at: int) -> float | None:
        """The instant ``at`` as an Excel date-time in the matrix zone (None for NONE)."""
        return None if at == NONE else excel_time(self.clock.local_us(at))

    def contact_names(self, contacts: tuple[str, ...]) -> str:
        known = self.matrix.contact_by_id
        return ", ".join(known[c].name if c in known else c for c in contacts)

    def level_name(self, level: str) -> str:
        known = self.matrix.level_by_id
        return f"{level} {known[level].name}" if level in known else level

    def title(self, sheet: Sheet, title: str, version: bool = False) -> None:
        sheet.append([title], TITLE)
        if version:
            sheet.append([f"written by escmatrix {__version__}"], MUTED)
        sheet.skip()

    def figure(
        self,
        sheet: Sheet,
        label: str,
        value: Any,
        note: str | None = None,
        num_format: str | None = None,
    ) -> None:
        """A labelled figure of the Summary sheet, with a note in grey."""
        self.line(sheet, [Cell(label, BOLD), Cell(value, num_format=num_format), Cell(note, MUTED)])

    def examples(self, sheet: Sheet, title: str, log: str, examples: Sequence[str]) -> None:
        """Rows of the log (``LOG:LINE: why``) under a header, the line as a number."""
        if not examples:
            return
        sheet.skip()
        self.header(sheet, [title, "Line", "Why"])
        prefix = f"{log}:"
        for example in examples:
            line, _, why = example.removeprefix(prefix).partition(": ")
            if line.isdigit() and example.startswith(prefix):
                self.line(sheet, [None, Cell(int(line), num_format="0"), why])
            else:
                self.line(sheet, [None, None, example])

    def warnings_section(self, sheet: Sheet, warnings: Sequence[str]) -> None:
        sheet.skip()
        self.header(sheet, ["Warnings", None, None])
        if not warnings:
            sheet.append(["none"], MUTED)
        for warning in warnings:
            self.line(sheet, [None, None, warning])

    def section(self, sheet: Sheet, title: str, unit: str, rows: Sequence[tuple[str, int]]) -> None:
        """A blank row, a header, then one row per item (or "none")."""
        sheet.skip()
        self.header(sheet, [title, unit, None])
        if not rows:
            sheet.append(["none"], MUTED)
        for name, count in rows:
            self.line(sheet, [name, count])

    def bar_chart(
        self,
        sheet: Sheet,
        title: str,
        rows: int,
        column: int,
        anchor: str,
        horizontal: bool,
        size: tuple[float, float] | None = None,
    ) -> None:
        """A bar chart of column ``column`` (0-based, its header the series' name) over the
        first ``rows`` rows under the header, named by column A; horizontal bars list the
        first row at the top. ``size`` is (width, height) in centimetres."""
        assert self.book is not None
        chart = self.book.workbook.add_chart({"type": "bar" if horizontal else "column"})
        name = sheet.title
        chart.add_series(
            {
                "name": [name, 0, column],
                "categories": [name, 1, 0, rows, 0],
                "values": [name, 1, column, rows, column],
                "fill": {"color": DARK},
            }
        )
        chart.set_title({"name": title, "name_font": {"size": 12}})
        chart.set_legend({"none": True})
        if horizontal:
            chart.set_y_axis({"reverse": True})  # the category axis of a bar chart
        width, height = size or (18.0, max(7.5, 0.6 * rows + 2.5))
        chart.set_size({"width": round(width * _CM), "height": round(height * _CM)})
        sheet.ws.insert_chart(anchor, chart)


class RecordSheets:
    """Records under a frozen header, one Excel table (filters on every column) a sheet;
    past ``rows_per_sheet`` (Excel's 1,048,576 by default) they go on in ``Title 2`` and
    so on. ``number_formats`` gives the format of each column's numbers and times."""

    def __init__(
        self,
        book: ReportBook,
        title: str,
        headers: Sequence[str],
        widths: Sequence[float],
        rows_per_sheet: int,
        number_formats: Sequence[str | None] = (),
    ) -> None:
        assert book.book is not None
        self.book = book
        self.title = title
        self.headers = tuple(headers)
        self.widths = tuple(widths)
        self.rows_per_sheet = rows_per_sheet
        formats = [*number_formats, *([None] * len(self.headers))][: len(self.headers)]
        self.styles = [book.book.cell_style(None, fmt) for fmt in formats]
        self.sheets: list[Sheet] = []
        self._new_sheet()

    def add(self, values: Sequence[Any]) -> None:
        """One record: text, numbers, and times as Excel serial numbers."""
        sheet = self.sheets[-1]
        if sheet.row >= self.rows_per_sheet:
            self._new_sheet()
            sheet = self.sheets[-1]
        sheet.record(values, self.styles)

    def _new_sheet(self) -> None:
        number = len(self.sheets) + 1
        title = self.title if number == 1 else f"{self.title} {number}"
        self.sheets.append(self.book.sheet(title, self.widths, self.headers))

    def where(self) -> str:
        """Where the records are, for the Summary sheet."""
        titles = [sheet.title for sheet in self.sheets]
        if len(titles) == 1:
            return f"sheet {titles[0]}"
        return f"sheets {', '.join(titles)} (Excel holds at most {EXCEL_ROWS:,} rows a sheet)"

    def finish(self) -> None:
        """An Excel table over each sheet: filters, banded rows."""
        name = self.title.replace(" ", "")
        for number, sheet in enumerate(self.sheets, start=1):
            sheet.table(name + (str(number) if number > 1 else ""), self.headers)


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
        book = self.new_book()
        self.summary_sheet = book.sheet(SUMMARY_SHEET)
        widths = (16, 21, 8, 30, 36, 22, 80, 30, 21, 30)[: len(self.headers)]
        formats = (None, TIME_FORMAT, *([None] * 6), TIME_FORMAT)
        self.records = RecordSheets(
            self, NOTIFICATIONS_SHEET, self.headers, widths, self.rows_per_sheet, formats
        )
        self._names: dict[tuple[str, ...], str] = {}
        self.per_level: Counter[str] = Counter()

    def reset(self) -> None:
        """Start over (the replay restarts on a log in no order)."""
        self.discard()
        self.start()

    def names(self, contacts: tuple[str, ...]) -> str:
        """The names of ``contacts``, joined (worked out once for each set)."""
        names = self._names.get(contacts)
        if names is None:
            if len(self._names) >= 10_000:
                self._names.clear()
            names = self._names[contacts] = self.contact_names(contacts)
        return names

    def write(self, n: Notification) -> None:
        names = self.names(n.contacts)
        time = excel_time(self.clock.local_us(n.at))
        if self.reach:
            self.records.add(
                (
                    n.ticket, time, n.level, n.level_name, names, n.reason, n.detail,
                    self.names(n.unreachable), self.serial(n.next_us), self.names(n.after_hours),
                )
            )  # fmt: skip
        else:
            self.records.add((n.ticket, time, n.level, n.level_name, names, n.reason, n.detail))
        self.per_level[n.level] += 1

    def close(self, summary: Summary) -> None:
        """Write the other sheets and pack the workbook into the stream. The sink's own
        warnings (text it had to change) are added to ``summary.warnings``."""
        try:
            self.records.finish()
            self._contacts_sheet(summary)
            self._hours_sheet(summary)
            self._levels_sheet(summary)
            self.pass_warnings(summary.warnings)
            self._summary_sheet(summary)  # last: it lists every warning (it is the first sheet)
            self.save(f"Replay of {summary.log} against {summary.matrix}")
        finally:
            self.discard()

    # --- sheets ----------------------------------------------------------------------------

    def _summary_sheet(self, summary: Summary) -> None:
        ws = self.summary_sheet
        ws.set_widths(44, 48, 90)
        ws.print_setup(SUMMARY_SHEET, title_rows=0, one_page=True)
        self.title(ws, "Replay of a ticket log against an escalation matrix", version=True)
        figures: list[tuple[str, Any, str | None]] = [
            ("Matrix", summary.matrix, None),
            ("Log", summary.log, None),
            (
                "Time zone",
                self.matrix.timezone,
                "every time in this workbook is a local time in this zone (Excel has no time"
                " zones; in the hour the clocks go back, local times repeat)",
            ),
            ("Horizon", summary.horizon, "the replay ran up to this time"),
            ("Tickets", summary.tickets, None),
            ("Events", summary.events, None),
            ("Notifications", summary.notifications, self.records.where()),
            (
                "Tickets created at their first row",
                summary.creation_inferred,
                "the log has no 'created' row for them",
            ),
            ("Events after the horizon", summary.after_horizon, "not replayed"),
        ]
        for label, value, note in figures:
            self.figure(ws, label, value, note)
        self.section(
            ws, "Notifications by reason", "Notifications", summary.by_reason.most_common()
        )
        if self.reach:
            names = self.contact_names
            self.section(
                ws,
                "Notifications outside the contact's hours",
                "Notifications",
                [(names((c,)), n) for c, n in summary.after_hours.most_common()],
            )
            self.section(
                ws,
                "Notifications nobody could take for the contact (it waited for its opening)",
                "Notifications",
                [(names((c,)), n) for c, n in summary.unreachable.most_common()],
            )
            self.section(
                ws,
                "Notifications that reached nobody",
                "Notifications",
                [("all of the level's contacts waited", summary.reached_nobody)],
            )
        self.section(
            ws,
            "Unresolved at the horizon, by level",
            "Tickets",
            [(self.level_name(lvl), n) for lvl, n in summary.unresolved.items()],
        )
        self.section(ws, "Skipped rows, by reason", "Rows", summary.skipped.most_common())
        self.examples(ws, "First skipped rows", summary.log, summary.skipped_examples)
        for title, counted in (
            ("Unknown events (not in the matrix)", summary.unknown_events),
            ("Events that changed nothing", summary.ignored),
        ):
            shown, rest, rows = top_and_rest(counted, len(counted))
            self.section(ws, title, "Rows", shown + ([("(all others)", rows)] if rest else []))
        self.warnings_section(ws, summary.warnings)

    def _contacts_sheet(self, summary: Summary) -> None:
        ws = self.sheet(CONTACTS_SHEET, (36, 24, 15), ["Contact", "Id", "Notifications"])
        busiest = summary.per_contact.most_common()
        for contact, count in busiest:
            ws.append([self.contact_names((contact,)), contact, count])
        ws.autofilter(3)
        if not busiest:
            return
        shown = min(len(busiest), CHART_CONTACTS)
        title = (
            "Notifications per contact"
            if shown == len(busiest)
            else f"Notifications per contact, busiest {shown} of {len(busiest)}"
        )
        self.bar_chart(ws, title, shown, 2, "E2", horizontal=True)

    def _hours_sheet(self, summary: Summary) -> None:
        ws = self.sheet(HOURS_SHEET, (12, *([5.5] * 24), 10))
        busiest = [c for c, _ in summary.per_contact.most_common() if c in summary.per_contact_hour]
        shown = busiest[:HOURS_CONTACTS]
        which = "" if len(shown) == len(busiest) else f", busiest {len(shown)} of {len(busiest)}"
        ws.append([f"Notifications by hour of the week, per contact{which}"], TITLE)
        ws.append(
            [
                f"hours in {self.matrix.timezone}; darker cells, more notifications"
                " (relative to each contact's busiest hour)"
            ],
            MUTED,
        )
        assert self.book is not None
        for contact in shown:
            hours = summary.per_contact_hour[contact]
            assert len(hours) == HOURS_OF_WEEK
            ws.skip()
            ws.append([self.contact_names((contact,))], BOLD)
            ws.append([None, *range(24), "Total"], {**BOLD, **CENTER}, num_format="0")
            first = ws.row
            for day, name in enumerate(DAYS):
                counts = hours[day * 24 : day * 24 + 24]
                ws.append([Cell(name, BOLD), *counts, Cell(sum(counts), BOLD)], num_format="0")
            ws.ws.conditional_format(
                first,
                1,
                first + len(DAYS) - 1,
                24,
                {"type": "2_color_scale", "min_color": "#FFFFFF", "max_color": "#F8696B"},
            )
        if not shown:
            ws.skip()
            ws.append(["no notifications"], MUTED)

    def _levels_sheet(self, summary: Summary) -> None:
        headers = [
            "Level",
            "Name",
            "Tickets (highest level reached)",
            "Notifications",
            "Unresolved at the horizon",
        ]
        ws = self.sheet(LEVELS_SHEET, (8, 36, 16, 15, 16), headers)
        ids = [level.id for level in self.matrix.levels]
        ids += [lvl for lvl in (*summary.highest_level, *self.per_level) if lvl not in ids]
        levels = self.matrix.level_by_id
        for level in ids:
            ws.append(
                [
                    level,
                    levels[level].name if level in levels else "",
                    summary.highest_level.get(level, 0),
                    self.per_level.get(level, 0),
                    summary.unresolved.get(level, 0),
                ]
            )
        if ids:
            size = (max(12.0, 1.8 * len(ids) + 4), 8.0)
            title = "Tickets by highest level reached"
            self.bar_chart(ws, title, len(ids), 2, "G2", horizontal=False, size=size)
