"""escmatrix audit MATRIX LOG — what actually happened on a ticket log, against the matrix."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

import typer

from escmatrix.cli._runs import (
    MapOption,
    MatrixArgument,
    OutputOption,
    TimeUntilOption,
)


class AuditFormat(str, Enum):
    summary = "summary"
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    xlsx = "xlsx"


def audit(
    matrix_path: MatrixArgument,
    log: Annotated[
        str,
        typer.Argument(
            metavar="LOG",
            help="Ticket log with the levels that held each ticket: CSV (.gz), JSON Lines,"
            " .xlsx; '-' is standard input.",
        ),
    ],
    mapping_path: MapOption = None,
    until: TimeUntilOption = None,
    group_by: Annotated[
        str | None,
        typer.Option(
            "--group-by",
            "-g",
            metavar="FIELD",
            help="actor, category, priority, channel, or an attribute the mapping passes"
            " through (e.g. team): conformance per value.",
        ),
    ] = None,
    output_format: Annotated[
        AuditFormat, typer.Option("--format", "-f", help="Output format.")
    ] = AuditFormat.summary,
    output: OutputOption = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="Stop at the first row that cannot be read or placed (exit 2)."
        ),
    ] = False,
) -> None:
    """Audit a ticket log: did each ticket follow the matrix?

    Each ticket's actual path (the levels the log says held it) is compared with what the
    matrix prescribes: where it should start, how long it may stay at each level (min and
    max, in the level's calendar, paused time excluded), which moves are allowed. One
    record per deviation: wrong-start, backward, skipped-level, ping-pong, off-path, late,
    premature, missed-trigger. Rows that cannot be placed are counted with their lines
    (--strict stops at the first). Exit 0 when the audit ran, whatever it found.
    """
    from escmatrix.cli._common import fail, wrote
    from escmatrix.cli._runs import (
        load_inputs,
        nothing_done,
        parse_until,
        progress_for,
        require_file_for_workbook,
        write_records,
    )
    from escmatrix.findings import LogError
    from escmatrix.simulation.audit import AuditError, AuditOptions, group_fields
    from escmatrix.simulation.audit import audit as run_audit

    inputs = load_inputs(matrix_path, log, mapping_path, output)
    matrix, mapping = inputs.matrix, inputs.mapping
    if group_by is not None and group_by not in group_fields(mapping):
        known = ", ".join(group_fields(mapping))
        fail(
            f"--group-by {group_by!r}: not a field of the log's rows (known: {known});"
            " a mapping's 'attributes:' can pass more columns through"
        )
    options = AuditOptions(mapping=mapping, strict=strict, group_by=group_by)
    options.until = parse_until(until, matrix, offsets=False)
    fmt = output_format.value
    require_file_for_workbook(fmt, output, "audit.xlsx")
    progress, log_stream = progress_for(inputs.source, inputs.log, "auditing the log")
    options.progress = progress.update if progress else None

    def run(sink: Any) -> Any:
        summary = run_audit(matrix, log_stream, sink, options, name=log)
        if progress:
            progress.stop()
        if not summary.tickets:
            nothing_done(
                "audited", log, summary.unplaced, summary.unplaced_examples, summary.after_horizon
            )
        return summary

    errors = (LogError, AuditError)
    summary = write_records(fmt, output, matrix, _formats, run, progress, errors)
    if fmt not in ("summary", "table"):
        _report(summary)
    wrote(output, f"{fmt}: {summary.deviations:,} deviations of {summary.tickets:,} tickets")


def _formats() -> tuple[dict[str, Any], dict[str, Any], Any]:
    from escmatrix.output.audit import HUMAN_FORMATS, STREAM_FORMATS

    def workbook(stream: Any, matrix: Any) -> Any:
        from escmatrix.excel.audit_report import AuditReportSink  # XlsxWriter: only for xlsx

        return AuditReportSink(stream, matrix)

    return HUMAN_FORMATS, STREAM_FORMATS, workbook


def _report(summary: Any) -> None:
    """Rows not placed and warnings on standard error (the summary shows them itself)."""
    from escmatrix.cli._common import warn

    for warning in summary.warnings:
        warn(warning)
    if summary.unplaced:
        what = ", ".join(f"{n:,} {reason}" for reason, n in summary.unplaced.most_common())
        warn(
            f"rows not placed or skipped: {what}; first: {(summary.unplaced_examples or ['-'])[0]}"
        )


def register(app: typer.Typer) -> None:
    app.command()(audit)
