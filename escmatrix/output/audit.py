"""Output formats of ``audit``, looked up by name.

Streaming formats (json, jsonl, csv) write each deviation as it comes into a seekable file,
so that an audit that must start again (a log in no order) can empty it; the human formats
(table, summary) keep what they need and draw it at the end. The Excel workbook is
:mod:`escmatrix.excel.audit_report`.
"""

from __future__ import annotations

import csv
import json
from typing import IO, Any

from escmatrix.model import Matrix
from escmatrix.output.records import spreadsheet_text
from escmatrix.simulation.audit import FIELDS, KINDS, AuditSummary, Deviation
from escmatrix.simulation.audit.core import working
from escmatrix.simulation.audit.summary import ACTORS_SHOWN

_US = 1_000_000


class AuditStreamSink:
    """Base of the streaming formats: writes to ``stream`` (a seekable text file)."""

    def __init__(self, stream: IO[str], matrix: Matrix) -> None:
        self.stream = stream
        self.matrix = matrix
        self.start()

    def start(self) -> None:
        """Write whatever precedes the records."""

    def reset(self) -> None:
        self.stream.seek(0)
        self.stream.truncate()
        self.start()

    def write(self, deviation: Deviation) -> None:
        raise NotImplementedError  # pragma: no cover

    def close(self, summary: AuditSummary) -> None:
        """Write whatever follows the records."""


class JsonLinesSink(AuditStreamSink):
    def write(self, deviation: Deviation) -> None:
        self.stream.write(json.dumps(deviation.to_record(), ensure_ascii=False) + "\n")


class CsvSink(AuditStreamSink):
    def start(self) -> None:
        # "\r\n" (RFC 4180): with it a detail holding a lone "\r" is quoted, not split
        self.writer = csv.writer(self.stream, lineterminator="\r\n")
        self.writer.writerow(FIELDS)

    def write(self, deviation: Deviation) -> None:
        record = deviation.to_record()
        self.writer.writerow(
            [_cell(record[name]) for name in FIELDS]  # ticket ids, actors: text, never formulas
        )


def _cell(value: object) -> object:
    if value is None:
        return ""
    return spreadsheet_text(value) if isinstance(value, str) else value


class JsonSink(AuditStreamSink):
    """``{"deviations": [...], "summary": {...}}``, written as the records come."""

    def start(self) -> None:
        self.stream.write('{\n  "deviations": [')
        self.first = True

    def write(self, deviation: Deviation) -> None:
        self.stream.write("\n    " if self.first else ",\n    ")
        self.stream.write(json.dumps(deviation.to_record(), ensure_ascii=False))
        self.first = False

    def close(self, summary: AuditSummary) -> None:
        body = json.dumps(summary.to_dict(), ensure_ascii=False, indent=2).replace("\n", "\n  ")
        self.stream.write(("\n  ],\n" if not self.first else "],\n") + f'  "summary": {body}\n}}\n')


class TableSink:
    """Every deviation in a table on ``console``, then the headline figures."""

    def __init__(self, console: Any, matrix: Matrix) -> None:
        self.console = console
        self.matrix = matrix
        self.records: list[Deviation] = []

    def write(self, deviation: Deviation) -> None:
        self.records.append(deviation)

    def reset(self) -> None:
        self.records.clear()

    def close(self, summary: AuditSummary) -> None:
        from rich.table import Table

        table = Table(show_lines=False, header_style="bold")
        for name in ("time", "ticket", "kind", "level", "move", "expected", "actual", "by"):
            table.add_column(name, overflow="fold")
        table.add_column("actor", overflow="fold")
        if summary.group_by:
            table.add_column(summary.group_by, overflow="fold")
        table.add_column("detail", overflow="fold")
        for d in sorted(self.records, key=lambda d: (d.time, d.ticket)):
            move = f"{d.from_level}>{d.to_level}" if d.from_level and d.to_level else ""
            row = [
                d.time.strftime("%Y-%m-%d %H:%M"),
                d.ticket,
                d.kind,
                d.level,
                move,
                d.expected or "",
                d.actual or "",
                d.by or "",
                d.actor or "",
            ]
            if summary.group_by:
                row.append(d.group or "")
            table.add_row(*row, d.detail)
        self.console.print(table)
        draw_headline(self.console, summary)


class SummarySink(TableSink):
    def write(self, deviation: Deviation) -> None:
        pass  # the summary counts everything itself

    def close(self, summary: AuditSummary) -> None:
        draw_summary(self.console, self.matrix, summary)


STREAM_FORMATS: dict[str, type[AuditStreamSink]] = {
    "json": JsonSink,
    "jsonl": JsonLinesSink,
    "csv": CsvSink,
}
HUMAN_FORMATS: dict[str, type[TableSink]] = {"table": TableSink, "summary": SummarySink}


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def draw_headline(console: Any, summary: AuditSummary) -> None:
    console.print(
        f"{summary.tickets:,} tickets, {summary.events:,} events, {summary.deviations:,}"
        f" deviations; {summary.conforming:,} tickets"
        f" ({percent(summary.conforming, summary.tickets)}) followed the matrix;"
        f" horizon {summary.horizon.isoformat() if summary.horizon else '-'}",
        style="dim",
    )
    for warning in summary.warnings:
        console.print(f"warning: {warning}", style="yellow")
    if summary.unplaced:
        what = ", ".join(f"{count:,} {reason}" for reason, count in summary.unplaced.most_common())
        console.print(f"rows not placed or skipped: {what} (see --format summary)", style="yellow")


def draw_summary(console: Any, matrix: Matrix, summary: AuditSummary) -> None:
    from rich.table import Table
    from rich.text import Text

    def table(title: str, *columns: str) -> Any:
        grid = Table(title=title, title_justify="left", title_style="bold", show_edge=False)
        for index, name in enumerate(columns):
            grid.add_column(name, justify="left" if index == 0 else "right")
        return grid

    def name(level: str) -> str:
        known = matrix.level_by_id.get(level)
        return f"{level} {known.name}" if known else level

    console.print(Text(f"Audit of {summary.log} against {summary.matrix}", style="bold"))
    console.print(
        f"{summary.tickets:,} tickets, {summary.events:,} events;"
        f" horizon {summary.horizon.isoformat() if summary.horizon else '-'}"
        + (f"; grouped by {summary.group_by}" if summary.group_by else "")
    )
    console.print(
        Text.assemble(
            ("Conformance: ", "bold"),
            f"{summary.conforming:,} of {summary.tickets:,} tickets"
            f" ({percent(summary.conforming, summary.tickets)}) had no deviation;"
            f" {summary.deviations:,} deviations in all",
        )
    )
    console.print(
        Text.assemble(
            ("First level alone: ", "bold"),
            f"{summary.first_level_alone:,} tickets"
            f" ({percent(summary.first_level_alone, summary.tickets)}) never went above"
            " the first level of their path",
        )
    )
    kinds = table("Deviations by kind", "kind", "deviations", "tickets", "of tickets", "")
    peak = max(summary.by_kind.values(), default=0) or 1
    for kind in KINDS:
        count, tickets = summary.by_kind[kind], summary.tickets_by_kind[kind]
        bar = "█" * round(30 * count / peak) if count else ""
        kinds.add_row(kind, f"{count:,}", f"{tickets:,}", percent(tickets, summary.tickets), bar)
    console.print(kinds)
    if summary.by_level:
        shown = [k for k in KINDS if any(k in row for row in summary.by_level.values())]
        levels = table("Deviations by level", "level", *shown)
        for level, row in summary.by_level.items():
            levels.add_row(name(level), *(f"{row.get(k, 0):,}" for k in shown))
        console.print(levels)
    if summary.lateness:
        late = table(
            "Lateness by level (working time of the level's clock, paused time excluded)",
            "level",
            "late stays",
            "median",
            "90th percentile",
            "worst",
        )
        for level, figures in summary.lateness.items():
            late.add_row(
                name(level),
                f"{figures.late:,}",
                working(figures.median * _US),
                working(figures.p90 * _US),
                working(figures.worst * _US),
            )
        console.print(late)
    if summary.paused_tickets:
        console.print(
            Text.assemble(
                ("Paused: ", "bold"),
                f"{summary.paused_tickets:,} tickets"
                f" ({percent(summary.paused_tickets, summary.tickets)}) had their clock"
                f" stopped; per paused ticket median {working(summary.paused_median * _US)},"
                f" 90th percentile {working(summary.paused_p90 * _US)},"
                f" worst {working(summary.paused_worst * _US)}",
            )
        )
    else:
        console.print(Text.assemble(("Paused: ", "bold"), "no ticket had its clock stopped"))
    if summary.groups:
        groups = table(
            f"Conformance by {summary.group_by}",
            summary.group_by or "group",
            "tickets",
            "no deviation",
            "share",
            "deviations",
            "most",
        )
        for group, group_figures in summary.groups.items():
            common = max(group_figures.by_kind, key=lambda k: group_figures.by_kind[k], default="")
            groups.add_row(
                group,
                f"{group_figures.tickets:,}",
                f"{group_figures.conforming:,}",
                percent(group_figures.conforming, group_figures.tickets),
                f"{sum(group_figures.by_kind.values()):,}",
                common,
            )
        console.print(groups)
    if summary.actors:
        title = "Escalations per actor"
        if len(summary.actors) > ACTORS_SHOWN:
            title += f", top {ACTORS_SHOWN} of {len(summary.actors):,}"
        actors = table(
            title,
            "actor",
            "escalations",
            "premature",
            "share",
            "late",
            "share",
        )
        for actor, done in list(summary.actors.items())[:ACTORS_SHOWN]:
            actors.add_row(
                actor,
                f"{done.escalations:,}",
                f"{done.premature:,}",
                percent(done.premature, done.escalations),
                f"{done.late:,}",
                percent(done.late, done.escalations),
            )
        console.print(actors)
    if summary.latest:
        latest = table("The ten latest tickets", "ticket", "level", "late by", "since", "")
        for item in summary.latest:
            latest.add_row(
                item.ticket,
                item.level,
                working(item.by * _US),
                item.since.strftime("%Y-%m-%d %H:%M"),
                "still open" if item.still_open else "",
            )
        console.print(latest)
    if summary.open_at_horizon:
        still = table("Open at the horizon, by level", "level", "tickets")
        for level, count in summary.open_at_horizon.items():
            still.add_row(name(level), f"{count:,}")
        console.print(still)
    for title, counter in (
        ("Rows not placed or skipped", summary.unplaced),
        ("Counted", summary.notes),
        ("Events that changed nothing", summary.ignored),
        ("Unknown events (not in the matrix)", summary.unknown_events),
    ):
        if counter:
            grid = table(title, "what", "count")
            for what, count in counter.most_common(12):
                grid.add_row(what, f"{count:,}")
            console.print(grid)
            if counter is summary.unplaced:
                for example in summary.unplaced_examples[:10]:
                    console.print(f"  {example}", style="dim")
    if summary.after_horizon:
        console.print(f"{summary.after_horizon:,} events after the horizon were not audited")
    for warning in summary.warnings:
        console.print(f"warning: {warning}", style="yellow")
