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

from xlsxwriter.utility import xl_col_to_name

from escmatrix.durations import parse_duration
from escmatrix.excel.report import MUTED, RecordSheets, ReportBook
from escmatrix.excel.writer import EXCEL_ROWS, TIME_FORMAT, Cell, Sheet
from escmatrix.instants import to_us
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
        book = self.new_book()
        self.summary_sheet = book.sheet(SUMMARY)
        widths = (16, 15, 21, 7, 7, 7, 12, 12, 12, 11, 18, 18, 90)
        formats = (None, None, TIME_FORMAT, *([None] * 6), HOURS)
        self.records = RecordSheets(
            self, DEVIATIONS, self.headers, widths, self.rows_per_sheet, formats
        )
        self._hours: dict[str, float | None] = {}

    def reset(self) -> None:
        """Start over (the audit restarts on a log in no order)."""
        self.discard()
        self.start()

    def write(self, d: Deviation) -> None:
        hours = None
        if d.by is not None:
            hours = self._hours.get(d.by)
            if hours is None:
                hours = self._hours[d.by] = _hours(parse_duration(d.by).seconds)
        self.records.add(
            (
                d.ticket,
                d.kind,
                self.serial(to_us(d.time)),
                d.level,
                d.from_level,
                d.to_level,
                d.expected,
                d.actual,
                d.by,
                hours,
                d.actor,
                d.group,
                d.detail,
            )
        )

    def close(self, summary: AuditSummary) -> None:
        try:
            self.records.finish()
            self._kinds_sheet(summary)
            self._levels_sheet(summary)
            self._groups_sheet(summary)
            self._actors_sheet(summary)
            self._latest_sheet(summary)
            self.pass_warnings(summary.warnings)
            self._summary_sheet(summary)  # last: it lists every warning (it is the first sheet)
            self.save(f"Audit of {summary.log} against {summary.matrix}")
        finally:
            self.discard()

    # --- sheets ----------------------------------------------------------------------------

    def _summary_sheet(self, s: AuditSummary) -> None:
        ws = self.summary_sheet
        ws.set_widths(44, 48, 90)
        ws.print_setup(SUMMARY, title_rows=0, one_page=True)
        self.title(ws, "Audit of a ticket log against an escalation matrix", version=True)
        figure = self.figure
        figure(ws, "Matrix", s.matrix)
        figure(ws, "Log", s.log)
        figure(
            ws,
            "Time zone",
            self.matrix.timezone,
            "every time in this workbook is a local time in this zone (Excel has no time"
            " zones; in the hour the clocks go back, local times repeat)",
        )
        figure(ws, "Horizon", s.horizon, "tickets still open are judged up to it")
        figure(ws, "Grouped by", s.group_by or "", None if s.group_by else "no --group-by")
        figure(ws, "Tickets", s.tickets)
        figure(ws, "Events", s.events)
        figure(ws, "Tickets with no deviation", s.conforming)
        figure(ws, "Conformance", s.conformance, "the share of tickets with no deviation",
               num_format=SHARE)  # fmt: skip
        figure(ws, "Deviations", s.deviations, self.records.where())
        figure(ws, "First level alone", s.first_level_alone,
               "tickets that never went above the first level of their path")  # fmt: skip
        figure(ws, "First level alone, share", s.first_level_alone_share, num_format=SHARE)
        figure(ws, "Tickets paused", s.paused_tickets, "their clock was stopped")
        for label, seconds in (
            ("Paused per paused ticket, median (h)", s.paused_median),
            ("Paused per paused ticket, 90th percentile (h)", s.paused_p90),
            ("Paused per paused ticket, worst (h)", s.paused_worst),
        ):
            figure(ws, label, _hours(seconds), "working time of the levels' clocks",
                   num_format=HOURS)  # fmt: skip
        figure(ws, "Tickets created at their first row", s.creation_inferred)
        figure(ws, "Events after the horizon", s.after_horizon, "not audited")
        ws.skip()
        self.header(ws, ["Deviations by kind", "Deviations", "Tickets"])
        for kind in KINDS:
            ws.append([kind, s.by_kind[kind], s.tickets_by_kind[kind]])
        self.section(
            ws,
            "Open at the horizon, by level",
            "Tickets",
            [(self.level_name(level), n) for level, n in s.open_at_horizon.items()],
        )
        self.section(ws, "Rows not placed or skipped", "Rows", s.unplaced.most_common())
        self.examples(ws, "First rows not placed or skipped", s.log, s.unplaced_examples)
        self.section(ws, "Counted", "Count", s.notes.most_common())
        self.section(ws, "Events that changed nothing", "Rows", s.ignored.most_common())
        self.section(
            ws, "Unknown events (not in the matrix)", "Rows", s.unknown_events.most_common()
        )
        self.warnings_section(ws, s.warnings)

    def _table(self, title: str, headers: Sequence[str], widths: Sequence[float]) -> Sheet:
        return self.sheet(title, widths, headers)

    def _kinds_sheet(self, s: AuditSummary) -> None:
        ws = self._table(
            KINDS_SHEET, ["Kind", "Deviations", "Tickets", "Of tickets"], (18, 12, 12, 12)
        )
        for kind in KINDS:
            share = Cell(_share(s.tickets_by_kind[kind], s.tickets), num_format=SHARE)
            ws.append([kind, s.by_kind[kind], s.tickets_by_kind[kind], share])
        self.bar_chart(ws, "Deviations by kind", len(KINDS), 1, "F2", horizontal=True)

    def _levels_sheet(self, s: AuditSummary) -> None:
        headers = ["Level", "Name", *KINDS, "Late stays", "Late median (h)", "Late p90 (h)"]
        headers.append("Late worst (h)")
        ws = self._table(LEVELS, headers, (8, 30, *([12] * len(KINDS)), 11, 15, 13, 14))
        for level in self.matrix.levels:
            row = s.by_level.get(level.id, {})
            late = s.lateness.get(level.id)
            figures: list[Any] = [row.get(kind, 0) for kind in KINDS]
            if late is None:
                figures += [0, None, None, None]
            else:
                figures.append(late.late)
                for seconds in (late.median, late.p90, late.worst):
                    figures.append(Cell(_hours(seconds), num_format=HOURS))
            ws.append([level.id, level.name, *figures])

    def _groups_sheet(self, s: AuditSummary) -> None:
        name = s.group_by or "Group"
        headers = [name, "Tickets", "No deviation", "Conformance", "Deviations", *KINDS]
        ws = self._table(GROUPS, headers, (24, 10, 13, 13, 11, *([12] * len(KINDS))))
        if not s.groups:
            ws.append(["no --group-by given"], MUTED)
            return
        ranked = sorted(
            s.groups.items(), key=lambda item: (-sum(item[1].by_kind.values()), item[0])
        )
        for group, figures in ranked:
            ws.append(
                [
                    group,
                    figures.tickets,
                    figures.conforming,
                    Cell(_share(figures.conforming, figures.tickets), num_format=SHARE),
                    sum(figures.by_kind.values()),
                    *(figures.by_kind.get(kind, 0) for kind in KINDS),
                ]
            )
        shown = min(len(ranked), CHART_GROUPS)
        title = f"Deviations by {name}"
        if shown < len(ranked):
            title += f", the {shown} with most of {len(ranked)}"
        anchor = f"{xl_col_to_name(len(headers) + 1)}2"
        self.bar_chart(ws, title, shown, 4, anchor, horizontal=True)

    def _actors_sheet(self, s: AuditSummary) -> None:
        headers = ["Actor", "Escalations", "Premature", "Premature share", "Late", "Late share"]
        ws = self._table(ACTORS, headers, (24, 12, 11, 16, 8, 11))
        for actor, figures in s.actors.items():
            ws.append(
                [
                    actor,
                    figures.escalations,
                    figures.premature,
                    Cell(_share(figures.premature, figures.escalations), num_format=SHARE),
                    figures.late,
                    Cell(_share(figures.late, figures.escalations), num_format=SHARE),
                ]
            )

    def _latest_sheet(self, s: AuditSummary) -> None:
        headers = ["Ticket", "Level", "Late by (h)", f"Late since ({self.matrix.timezone})", ""]
        ws = self._table(LATEST, headers, (18, 8, 12, 22, 12))
        for item in s.latest:
            ws.append(
                [
                    item.ticket,
                    item.level,
                    Cell(_hours(item.by), num_format=HOURS),
                    self.local(item.since),
                    "still open" if item.still_open else "",
                ]
            )
