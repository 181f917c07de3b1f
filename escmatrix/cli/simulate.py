"""escmatrix simulate MATRIX LOG — replay a ticket log: who would have been contacted when."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

import typer

from escmatrix.cli._runs import (
    LogArgument,
    MapOption,
    MatrixArgument,
    OutputOption,
    UntilOption,
)


class SimulateFormat(str, Enum):
    timeline = "timeline"
    table = "table"
    summary = "summary"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    xlsx = "xlsx"


def simulate(
    matrix_path: MatrixArgument,
    log: LogArgument,
    mapping_path: MapOption = None,
    until: UntilOption = None,
    ticket: Annotated[
        list[str] | None,
        typer.Option("--ticket", "-t", metavar="ID", help="Only this ticket (repeatable)."),
    ] = None,
    output_format: Annotated[
        SimulateFormat, typer.Option("--format", "-f", help="Output format.")
    ] = SimulateFormat.summary,
    output: OutputOption = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Stop at the first bad row instead of skipping it.")
    ] = False,
) -> None:
    """Replay a ticket log: who would have been contacted, and when.

    Bad rows are skipped and counted (with their line numbers) unless --strict stops the
    run. Streaming formats (json, jsonl, csv) keep memory flat on logs of any length;
    xlsx writes an Excel report (notifications, summary, contacts, hours, levels) to -o.
    """
    from escmatrix.cli._common import wrote
    from escmatrix.cli._runs import (
        apply_until,
        load_inputs,
        nothing_done,
        progress_for,
        require_file_for_workbook,
        write_records,
    )
    from escmatrix.findings import LogError
    from escmatrix.simulation.replay import ReplayOptions, replay

    inputs = load_inputs(matrix_path, log, mapping_path, output)
    matrix = inputs.matrix
    options = ReplayOptions(
        mapping=inputs.mapping, strict=strict, tickets=frozenset(ticket) if ticket else None
    )
    apply_until(options, until, matrix)
    fmt = output_format.value
    require_file_for_workbook(fmt, output, "report.xlsx")
    progress, log_stream = progress_for(inputs.source, inputs.log, "replaying the log")
    options.progress = progress.update if progress else None

    def run(sink: Any) -> Any:
        summary = replay(matrix, log_stream, sink, options, name=log)
        if progress:
            progress.stop()
        if not summary.tickets:
            nothing_done(
                "replayed",
                log,
                summary.skipped,
                summary.skipped_examples,
                summary.after_horizon,
                options.tickets,
            )
        return summary

    summary = write_records(fmt, output, matrix, _formats, run, progress, (LogError,))
    _report(summary, fmt)
    wrote(output, f"{fmt}: {summary.notifications:,} notifications of {summary.tickets:,} tickets")


def _formats() -> tuple[dict[str, Any], dict[str, Any], Any]:
    from escmatrix.output.simulation import HUMAN_FORMATS, STREAM_FORMATS

    def workbook(stream: Any, matrix: Any) -> Any:
        from escmatrix.excel.report import ReportSink  # XlsxWriter: only for a workbook

        return ReportSink(stream, matrix)

    return HUMAN_FORMATS, STREAM_FORMATS, workbook


def _report(summary: Any, fmt: str) -> None:
    """Skipped rows and warnings on standard error (the summary format shows them itself)."""
    if fmt in ("summary", "timeline", "table"):
        return
    from escmatrix.cli._common import warn

    for warning in summary.warnings:
        warn(warning)
    if summary.skipped:
        what = ", ".join(f"{n} {reason}" for reason, n in summary.skipped.most_common())
        warn(f"skipped rows: {what}; first: {(summary.skipped_examples or ['-'])[0]}")


def register(app: typer.Typer) -> None:
    app.command()(simulate)
