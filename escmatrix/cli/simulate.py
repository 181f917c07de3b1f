"""escmatrix simulate MATRIX LOG — replay a ticket log: who would have been contacted when."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from enum import Enum
from typing import IO, Annotated, Any

import typer


class SimulateFormat(str, Enum):
    timeline = "timeline"
    table = "table"
    summary = "summary"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    xlsx = "xlsx"


def simulate(
    matrix_path: Annotated[str, typer.Argument(metavar="MATRIX", help="The matrix file.")],
    log: Annotated[
        str,
        typer.Argument(
            metavar="LOG", help="Ticket log: CSV (.gz), JSON Lines, .xlsx; '-' is standard input."
        ),
    ],
    mapping_path: Annotated[
        str | None,
        typer.Option(
            "--map",
            "-m",
            metavar="FILE",
            help="Mapping file for a real export (see matrices/mappings).",
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until", metavar="TIME", help="Horizon, ISO 8601 (default: the last time in the log)."
        ),
    ] = None,
    ticket: Annotated[
        list[str] | None,
        typer.Option("--ticket", "-t", metavar="ID", help="Only this ticket (repeatable)."),
    ] = None,
    output_format: Annotated[
        SimulateFormat, typer.Option("--format", "-f", help="Output format.")
    ] = SimulateFormat.summary,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to this file (atomically)."),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Stop at the first bad row instead of skipping it.")
    ] = False,
) -> None:
    """Replay a ticket log: who would have been contacted, and when.

    Bad rows are skipped and counted (with their line numbers) unless --strict stops the
    run. Streaming formats (json, jsonl, csv) keep memory flat on logs of any length;
    xlsx writes an Excel report (notifications, summary, contacts, hours, levels) to -o.
    """
    import zoneinfo

    from escmatrix.cli._common import (
        atomic_output,
        fail,
        load_mapping_or_exit,
        load_matrix_or_exit,
    )
    from escmatrix.cli._inputs import check_input, log_input, refuse_overwrite
    from escmatrix.limits import MATRIX_BYTES
    from escmatrix.simulation.events import LogError
    from escmatrix.simulation.replay import ReplayOptions, replay
    from escmatrix.validation import InputError

    try:
        matrix_input = check_input(matrix_path, "matrix", MATRIX_BYTES)
        log_source = check_input(log, "ticket log", sheets=True)
        map_input = (
            check_input(mapping_path, "mapping file", MATRIX_BYTES) if mapping_path else None
        )
    except InputError as error:
        fail(str(error))
    inputs = [matrix_input, log_source] + ([map_input] if map_input else [])
    refuse_overwrite(output, inputs)
    if sum(source.is_stdin for source in inputs) > 1:
        fail("only one input can be read from standard input ('-')")
    matrix = load_matrix_or_exit(matrix_input)
    mapping = load_mapping_or_exit(map_input) if map_input else None
    options = ReplayOptions(
        mapping=mapping, strict=strict, tickets=frozenset(ticket) if ticket else None
    )
    if until:
        from escmatrix.simulation.explain import ExplainError, parse_time

        try:
            options.until = parse_time(until, zoneinfo.ZoneInfo(matrix.timezone), "--until")
        except ExplainError as error:
            fail(str(error))
    if output_format is SimulateFormat.xlsx and output in (None, "-"):
        fail("--format xlsx writes a workbook: give its file with -o (e.g. -o report.xlsx)")
    progress, log_stream = _progress(log_source, log_input(log_source))
    options.progress = progress.update if progress else None
    fmt = output_format.value
    try:
        if fmt in _human_formats():
            with atomic_output(output) as stream:
                from escmatrix.output.console import console_for

                sink: Any = _human_formats()[fmt](console_for(stream), matrix)
                summary = replay(matrix, log_stream, sink, options, name=log)
                _replayed_something(summary, options, log, progress)
                if progress:
                    progress.stop()
                sink.close(summary)
        elif fmt == "xlsx":
            assert output is not None
            summary = _workbook(matrix, log_stream, log, output, options, progress)
        else:
            summary = _stream(matrix, log_stream, log, output, fmt, options, progress)
    except LogError as error:
        if progress:
            progress.stop()
        fail(str(error))
    finally:
        if progress:
            progress.close()
    _report(summary, fmt)
    from escmatrix.cli._common import wrote

    wrote(output, f"{fmt}: {summary.notifications:,} notifications of {summary.tickets:,} tickets")


def _human_formats() -> dict[str, Any]:
    from escmatrix.output.simulation import HUMAN_FORMATS

    return HUMAN_FORMATS


def _stream(
    matrix: Any, log: Any, name: str, output: str | None, fmt: str, options: Any, progress: Any
) -> Any:
    """Write a streaming format: straight into the (temporary) output file, or through a
    temporary file copied to standard output at the end, so a restarted replay (log in no
    order) never leaves a half-written result."""
    from escmatrix.cli._common import atomic_output
    from escmatrix.output.simulation import STREAM_FORMATS
    from escmatrix.simulation.replay import replay

    direct = output not in (None, "-") and (not os.path.exists(output) or os.path.isfile(output))
    with atomic_output(output) as target:
        # closed below (or with the output when writing straight into it)
        stream = target if direct else tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115
        try:
            sink = STREAM_FORMATS[fmt](stream, matrix)
            summary = replay(matrix, log, sink, options, name=name)
            _replayed_something(summary, options, name, progress)
            sink.close(summary)
            if progress:
                progress.stop()
            if not direct:
                stream.seek(0)
                shutil.copyfileobj(stream, target)
        finally:
            if not direct:
                stream.close()
    return summary


def _workbook(matrix: Any, log: Any, name: str, output: str, options: Any, progress: Any) -> Any:
    """Write the Excel report through a temporary file renamed over ``output`` at the end
    (a device or a pipe, which must not be renamed over, gets the workbook at the end)."""
    from escmatrix.cli._common import atomic_output
    from escmatrix.excel.report import ReportSink
    from escmatrix.simulation.replay import replay

    special = os.path.exists(output) and not os.path.isfile(output) and not os.path.isdir(output)
    with open(output, "wb") if special else atomic_output(output, binary=True) as stream:
        sink = ReportSink(stream, matrix)
        try:
            summary = replay(matrix, log, sink, options, name=name)
            _replayed_something(summary, options, name, progress)
            if progress:
                progress.stop()
            sink.close(summary)
        finally:
            sink.discard()
    return summary


def _replayed_something(summary: Any, options: Any, log: str, progress: Any) -> None:
    """A replay of no ticket at all is not a success: say why on standard error and exit 2,
    before any output is written (the temporary output file is removed)."""
    if summary.tickets:
        return
    from escmatrix.cli._common import fail

    if progress:
        progress.stop()
    source = "standard input" if log == "-" else log
    if summary.skipped:
        counts = ", ".join(f"{n:,} {why}" for why, n in summary.skipped.most_common())
        first = (summary.skipped_examples or ["-"])[0]
        fail(f"nothing replayed: every ticket of {source} was skipped ({counts}); first: {first}")
    if options.tickets:
        wanted = ", ".join(sorted(options.tickets))
        fail(f"nothing replayed: {source} has no ticket {wanted} (--ticket)")
    if summary.after_horizon:
        fail(
            f"nothing replayed: all {summary.after_horizon:,} events of {source} are after --until"
        )
    fail(f"nothing replayed: {source} holds no ticket events")


class _Progress:
    """A progress line on standard error: the events and tickets so far, and when the log's
    size is known (``total`` bytes, ``position`` how far the reading is), the share read
    and the time left."""

    def __init__(
        self,
        total: int | None = None,
        position: Callable[[], int] | None = None,
        console: Any = None,
        opened: IO[bytes] | None = None,
    ) -> None:
        from rich.progress import (
            BarColumn,
            Progress,
            SpinnerColumn,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        columns: list[Any] = [SpinnerColumn(), TextColumn("{task.description}")]
        if total and position:
            columns += [BarColumn(), TaskProgressColumn(), TimeRemainingColumn(), "left"]
        else:
            columns.append(TimeElapsedColumn())
        self.bar = Progress(*columns, transient=True, console=console)
        if console is None:
            self.bar.console.stderr = True
        self.position = position if total else None
        self.opened = opened  # the log, opened here to ask its position; closed at the end
        self.task = self.bar.add_task("replaying the log", total=total or None)
        self.bar.start()

    def update(self, events: int, tickets: int) -> None:
        self.bar.update(
            self.task,
            description=f"replaying the log: {events:,} events, {tickets:,} tickets",
            completed=self.position() if self.position else None,
        )

    def stop(self) -> None:
        self.bar.stop()

    def close(self) -> None:
        self.stop()
        if self.opened is not None:
            self.opened.close()


_PROGRESS_BYTES = 2_000_000  # smaller logs replay in a blink: no progress line


def _progress(source: Any, log: str | IO[bytes]) -> tuple[_Progress | None, str | IO[bytes]]:
    """A progress line for a large log when standard error is a terminal, and what the
    replay then reads: a log file (not a workbook) is opened here so that the line can
    show the share read and the time left; a file given as standard input shows them too."""
    if not sys.stderr.isatty():
        return None, log
    path = source.path
    if path is not None and path.is_file() and source.sheet is None:
        size = path.stat().st_size
        if size < _PROGRESS_BYTES:
            return None, log
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            return _Progress(), log  # read whole by openpyxl: no position to show
        opened = open(path, "rb")  # noqa: SIM115 - closed by the progress line
        return _Progress(size, opened.tell, opened=opened), opened
    if path is None and source.regular and not isinstance(log, str):  # `< log.csv`
        size = os.fstat(log.fileno()).st_size
        if size >= _PROGRESS_BYTES:
            return _Progress(size, log.tell), log
    return None, log


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
