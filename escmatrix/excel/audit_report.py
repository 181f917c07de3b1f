"""The Excel workbook of an audit (``escmatrix audit MATRIX LOG --format xlsx -o FILE``).

:class:`AuditReportSink` is an audit output like the others (``write(deviation)``,
``reset()``, ``close(summary)``), built on the replay report's
:class:`~escmatrix.excel.report.ReportBook`: the same text cells (never formulas), styles
and streaming. The sheets:

- ``Summary``: the figures (conformance, first level alone, paused time, ...), deviations
  by kind, tickets open at the horizon, rows not placed or skipped with the lines of the
  first ones, what was counted, warnings;
- ``Deviations``: one row per deviation in an Excel table (filters on every column), with
  ``By`` also in hours as a number; past Excel's row limit it goes on in ``Deviations 2``;
- ``Kinds``: deviations and tickets by kind, with a chart;
- ``Levels``: deviations by level and kind, and lateness (median, 90th percentile, worst);
- ``Groups``: conformance per ``--group-by`` value, with a chart of deviations by group;
- ``Actors``: escalations per actor with their premature and late shares;
- ``Latest``: the ten latest tickets.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference

from escmatrix import __version__
from escmatrix.durations import parse_duration
from escmatrix.excel.report import (
    _BOLD,
    _MUTED,
    _TITLE,
    EXCEL_ROWS,
    TIME_FORMAT,
    RecordSheets,
    ReportBook,
    _widths,
)
from escmatrix.model import Matrix
from escmatrix.simulation.audit import KINDS, AuditSummary, Deviation

SUMMARY, DEVIATIONS, KINDS_SHEET = "Summary", "Deviations", "Kinds"
LEVELS, GROUPS, ACTORS, LATEST = "Levels", "Groups", "Actors", "Latest"
CHART_GROUPS = 25  # groups in the Groups chart (the sheet lists them all)
HOURS = "0.0"
SHARE = "0.0%"


def _hours(seconds: int) -> float:
    return round(seconds / 3600, 2)


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


class AuditReportSink(ReportBook):
    """Writes the audit workbook to ``stream`` (binary) at :meth:`close`."""

    def __init__(self, stream: IO[bytes], matrix: Matrix, rows_per_sheet: int = EXCEL_ROWS) -> None:
        if not 2 <= rows_per_sheet <= EXCEL_ROWS:
            raise ValueError(f"rows_per_sheet must be within 2 and {EXCEL_ROWS}")
        super().__init__(stream, matrix)
        self.rows_per_sheet = rows_per_sheet
        self.headers = (
            "Ticket",
            "Kind",
            f"Time ({matrix.timezone})",
            "Level",
            "From",
            "To",
            "Expected",
            "Actual",
            "By",
            "By (hours)",
            "Actor",
            "Group",
            "Detail",
        )
        self.start()

    def start(self) -> None:
        self.new_book()
        self._book.create_sheet(SUMMARY)
        widths = (16, 15, 21, 7, 7, 7, 12, 12, 12, 11, 18, 18, 90)
        self.records = RecordSheets(self, DEVIATIONS, self.headers, widths, self.rows_per_sheet, 1)
        self._hours: dict[str, float | None] = {}

    def reset(self) -> None:
        """Start over (the audit restarts on a log in no order)."""
        self.discard()
        self.start()

    def write(self, d: Deviation) -> None:
        ws = self.records.current
        time = d.time.astimezone(self.zone).replace(tzinfo=None)
        stamp = WriteOnlyCell(ws, time)
        stamp.number_format = TIME_FORMAT
        hours = None
        if d.by is not None:
            hours = self._hours.get(d.by)
            if hours is None:
                hours = self._hours[d.by] = _hours(parse_duration(d.by).seconds)
        by_hours = None
        if hours is not None:
            by_hours = WriteOnlyCell(ws, hours)
            by_hours.number_format = HOURS
        text = self._text
        ws.append(
            (
                text(ws, d.ticket),
                text(ws, d.kind),
                stamp,
                text(ws, d.level),
                text(ws, d.from_level or ""),
                text(ws, d.to_level or ""),
                text(ws, d.expected or ""),
                text(ws, d.actual or ""),
                text(ws, d.by or ""),
                by_hours,
                text(ws, d.actor or ""),
                text(ws, d.group or ""),
                text(ws, d.detail),
            )
        )

    def close(self, summary: AuditSummary) -> None:
        try:
            self.pass_warnings(summary.warnings)
            self.records.finish()
            self._summary_sheet(summary)
            self._kinds_sheet(summary)
            self._levels_sheet(summary)
            self._groups_sheet(summary)
            self._actors_sheet(summary)
            self._latest_sheet(summary)
            self.save(f"Audit of {summary.log} against {summary.matrix}")
        finally:
            self.discard()

    # --- sheets ----------------------------------------------------------------------------

    def _figure(
        self, ws: Any, label: str, value: Any, note: str | None = None, **style: Any
    ) -> None:
        ws.append(
            [
                self._cell(ws, label, font=_BOLD),
                self._value(ws, value, **style),
                self._value(ws, note, font=_MUTED),
            ]
        )

    def _summary_sheet(self, s: AuditSummary) -> None:
        ws = self._book[SUMMARY]
        _widths(ws, 44, 48, 90)
        self._row(ws, ["Audit of a ticket log against an escalation matrix"], font=_TITLE)
        self._row(ws, [f"written by escmatrix {__version__}"], font=_MUTED)
        ws.append([])
        figure = self._figure
        figure(ws, "Matrix", s.matrix)
        figure(ws, "Log", s.log)
        figure(
            ws,
            "Time zone",
            self.matrix.timezone,
            "every time in this workbook is a local time in this zone (Excel has no time"
            " zones; in the hour the clocks go back, local times repeat)",
        )
        figure(ws, "Horizon", self._local(s.horizon), "tickets still open are judged up to it")
        figure(ws, "Grouped by", s.group_by or "", None if s.group_by else "no --group-by")
        figure(ws, "Tickets", s.tickets)
        figure(ws, "Events", s.events)
        figure(ws, "Tickets with no deviation", s.conforming)
        figure(ws, "Conformance", s.conformance, "the share of tickets with no deviation",
               number_format=SHARE)  # fmt: skip
        figure(ws, "Deviations", s.deviations, self.records.where())
        figure(ws, "First level alone", s.first_level_alone,
               "tickets that never went above the first level of their path")  # fmt: skip
        figure(ws, "First level alone, share", s.first_level_alone_share, number_format=SHARE)
        figure(ws, "Tickets paused", s.paused_tickets, "their clock was stopped")
        for label, seconds in (
            ("Paused per paused ticket, median (h)", s.paused_median),
            ("Paused per paused ticket, 90th percentile (h)", s.paused_p90),
            ("Paused per paused ticket, worst (h)", s.paused_worst),
        ):
            figure(ws, label, _hours(seconds), "working time of the levels' clocks",
                   number_format=HOURS)  # fmt: skip
        figure(ws, "Tickets created at their first row", s.creation_inferred)
        figure(ws, "Events after the horizon", s.after_horizon, "not audited")
        ws.append([])
        self._header(ws, ["Deviations by kind", "Deviations", "Tickets"])
        for kind in KINDS:
            ws.append(
                [
                    self._value(ws, kind),
                    self._value(ws, s.by_kind[kind]),
                    self._value(ws, s.tickets_by_kind[kind]),
                ]
            )
        self._section(
            ws,
            "Open at the horizon, by level",
            "Tickets",
            [(self._level_name(level), n) for level, n in s.open_at_horizon.items()],
        )
        self._section(ws, "Rows not placed or skipped", "Rows", s.unplaced.most_common())
        self._examples(ws, "First rows not placed or skipped", s.log, s.unplaced_examples)
        self._section(ws, "Counted", "Count", s.notes.most_common())
        self._section(ws, "Events that changed nothing", "Rows", s.ignored.most_common())
        self._section(
            ws, "Unknown events (not in the matrix)", "Rows", s.unknown_events.most_common()
        )
        self._warnings(ws, s.warnings)

    def _table(self, title: str, headers: Sequence[str], widths: Sequence[float]) -> Any:
        ws = self._book.create_sheet(title)
        _widths(ws, *widths)
        ws.freeze_panes = "A2"
        self._header(ws, headers)
        return ws

    def _bar_chart(
        self, ws: Any, title: str, rows: int, column: int, anchor: str, horizontal: bool
    ) -> None:
        chart = BarChart()
        chart.type = "bar" if horizontal else "col"
        chart.title = title
        chart.add_data(
            Reference(ws, min_col=column, min_row=1, max_row=rows + 1), titles_from_data=True
        )
        chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=rows + 1))
        if horizontal:
            chart.x_axis.scaling.orientation = "maxMin"  # the first row at the top
        chart.x_axis.delete = chart.y_axis.delete = False
        chart.legend = None
        chart.width, chart.height = 18.0, max(7.5, 0.6 * rows + 2.5)
        ws.add_chart(chart, anchor)

    def _kinds_sheet(self, s: AuditSummary) -> None:
        ws = self._table(
            KINDS_SHEET, ["Kind", "Deviations", "Tickets", "Of tickets"], (18, 12, 12, 12)
        )
        for kind in KINDS:
            ws.append(
                [
                    self._value(ws, kind),
                    self._cell(ws, s.by_kind[kind]),
                    self._cell(ws, s.tickets_by_kind[kind]),
                    self._cell(ws, _share(s.tickets_by_kind[kind], s.tickets), number_format=SHARE),
                ]
            )
        self._bar_chart(ws, "Deviations by kind", len(KINDS), 2, "F2", horizontal=True)

    def _levels_sheet(self, s: AuditSummary) -> None:
        headers = ["Level", "Name", *KINDS, "Late stays", "Late median (h)", "Late p90 (h)"]
        headers.append("Late worst (h)")
        ws = self._table(LEVELS, headers, (8, 30, *([12] * len(KINDS)), 11, 15, 13, 14))
        for level in self.matrix.levels:
            row = s.by_level.get(level.id, {})
            late = s.lateness.get(level.id)
            figures: list[Any] = [self._cell(ws, row.get(kind, 0)) for kind in KINDS]
            if late is None:
                figures += [self._cell(ws, 0), None, None, None]
            else:
                figures.append(self._cell(ws, late.late))
                for seconds in (late.median, late.p90, late.worst):
                    figures.append(self._cell(ws, _hours(seconds), number_format=HOURS))
            ws.append([self._value(ws, level.id), self._value(ws, level.name), *figures])

    def _groups_sheet(self, s: AuditSummary) -> None:
        name = s.group_by or "Group"
        headers = [name, "Tickets", "No deviation", "Conformance", "Deviations", *KINDS]
        ws = self._table(GROUPS, headers, (24, 10, 13, 13, 11, *([12] * len(KINDS))))
        if not s.groups:
            ws.append([self._value(ws, "no --group-by given", font=_MUTED)])
            return
        ranked = sorted(
            s.groups.items(), key=lambda item: (-sum(item[1].by_kind.values()), item[0])
        )
        for group, figures in ranked:
            ws.append(
                [
                    self._value(ws, group),
                    self._cell(ws, figures.tickets),
                    self._cell(ws, figures.conforming),
                    self._cell(
                        ws, _share(figures.conforming, figures.tickets), number_format=SHARE
                    ),
                    self._cell(ws, sum(figures.by_kind.values())),
                    *(self._cell(ws, figures.by_kind.get(kind, 0)) for kind in KINDS),
                ]
            )
        shown = min(len(ranked), CHART_GROUPS)
        title = f"Deviations by {name}"
        if shown < len(ranked):
            title += f", the {shown} with most of {len(ranked)}"
        self._bar_chart(ws, title, shown, 5, f"{_column(len(headers) + 2)}2", horizontal=True)

    def _actors_sheet(self, s: AuditSummary) -> None:
        headers = ["Actor", "Escalations", "Premature", "Premature share", "Late", "Late share"]
        ws = self._table(ACTORS, headers, (24, 12, 11, 16, 8, 11))
        for actor, figures in s.actors.items():
            ws.append(
                [
                    self._value(ws, actor),
                    self._cell(ws, figures.escalations),
                    self._cell(ws, figures.premature),
                    self._cell(
                        ws, _share(figures.premature, figures.escalations), number_format=SHARE
                    ),
                    self._cell(ws, figures.late),
                    self._cell(ws, _share(figures.late, figures.escalations), number_format=SHARE),
                ]
            )

    def _latest_sheet(self, s: AuditSummary) -> None:
        headers = ["Ticket", "Level", "Late by (h)", f"Late since ({self.matrix.timezone})", ""]
        ws = self._table(LATEST, headers, (18, 8, 12, 22, 12))
        for item in s.latest:
            ws.append(
                [
                    self._value(ws, item.ticket),
                    self._value(ws, item.level),
                    self._cell(ws, _hours(item.by), number_format=HOURS),
                    self._cell(ws, item.since),
                    self._value(ws, "still open" if item.still_open else ""),
                ]
            )


def _column(number: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(number)
