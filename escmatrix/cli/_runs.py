"""What the commands that run over a ticket log share (``simulate``, ``audit``): their
common arguments, the checks of their inputs, a progress line, and writing the records in
the three ways a format needs.

Each ``write_*`` helper takes ``make_sink`` (builds the format's sink on a stream or
console) and ``run`` (runs the replay or audit into that sink and returns its summary); the
sink's ``close(summary)`` writes what follows the records. Nothing is left half-written:
files go through :func:`~escmatrix.cli._common.atomic_output`, and a streaming format
written to standard output or a pipe goes through a temporary file first, because a run
that restarts (a log in no order) empties its sink; a device that can go back to its
start (/dev/null) is written straight.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO, Annotated, Any

import typer

# The arguments and options both commands take, with one help text each.
MatrixArgument = Annotated[str, typer.Argument(metavar="MATRIX", help="The matrix file.")]
LogArgument = Annotated[
    str,
    typer.Argument(
        metavar="LOG", help="Ticket log: CSV (.gz), JSON Lines, .xlsx; '-' is standard input."
    ),
]
MapOption = Annotated[
    str | None,
    typer.Option(
        "--map",
        "-m",
        metavar="FILE",
        help="Mapping file for a real export (see matrices/mappings).",
    ),
]
UntilOption = Annotated[
    str | None,
    typer.Option(
        "--until",
        metavar="TIME",
        help="Horizon: ISO 8601, or an offset past the log's last time such as 2h"
        " (default: the last time in the log).",
    ),
]
TimeUntilOption = Annotated[
    str | None,
    typer.Option(
        "--until", metavar="TIME", help="Horizon, ISO 8601 (default: the last time in the log)."
    ),
]
OutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to this file (atomically); - is standard output.",
    ),
]

Run = Callable[[Any], Any]


@dataclass
class Inputs:
    """The checked and loaded inputs of a run over a log."""

    matrix: Any
    mapping: Any
    log: str | IO[bytes]  # what the library reads: the path, or standard input's copy
    source: Any  # the log's checked input (cli._inputs.Input)


def load_inputs(matrix_path: str, log: str, mapping_path: str | None, output: str | None) -> Inputs:
    """Check the matrix, the log and the mapping (one input check for every command), refuse
    an output that is one of them, and load the matrix and the mapping; exit 2 on any
    problem."""
    from escmatrix.cli._common import fail, load_mapping_or_exit, load_matrix_or_exit
    from escmatrix.cli._inputs import check_input, log_input, refuse_overwrite
    from escmatrix.limits import MATRIX_BYTES
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
    return Inputs(matrix, mapping, log_input(log_source), log_source)


def parse_until(until: str | None, matrix: Any, offsets: bool = True) -> Any:
    """``--until``: a time (naive times in the matrix zone) or, with ``offsets``, an offset
    (``45m``, ``2h``, ``1d``: that long after the last time in the log, a ``timedelta``);
    exit 2 when it is neither, or out of the range a replay computes."""
    if not until:
        return None
    import datetime as dt
    import zoneinfo

    from escmatrix.cli._common import fail
    from escmatrix.simulation.explain import ExplainError, parse_when

    try:
        when = parse_when(until, zoneinfo.ZoneInfo(matrix.timezone), "--until")
    except ExplainError as error:
        fail(str(error))
    if isinstance(when, dt.timedelta) and not offsets:
        fail(f"--until {until!r}: give the horizon as a time, ISO 8601 (2026-03-31T18:00)")
    return when


def apply_until(options: Any, until: str | None, matrix: Any) -> None:
    """Set a replay's horizon from ``--until``: ``options.until`` for a time,
    ``options.after`` for an offset past the log's last time."""
    import datetime as dt

    when = parse_until(until, matrix)
    if isinstance(when, dt.timedelta):
        options.after = when
    else:
        options.until = when


def require_file_for_workbook(fmt: str, output: str | None, example: str) -> None:
    """A workbook goes to the file of ``-o``, or with ``-o -`` to standard output when that
    is not a terminal (a pipe or a file); exit 2 otherwise."""
    if fmt != "xlsx":
        return
    from escmatrix.cli._common import fail, refuse_binary_to_terminal

    if output is None:
        fail(
            f"--format xlsx writes a workbook: give its file with -o (e.g. -o {example}),"
            " or -o - to pipe it"
        )
    refuse_binary_to_terminal(output)


def nothing_done(
    verb: str,
    log: str,
    skipped: Counter[str],
    examples: Sequence[str],
    after_horizon: int,
    tickets: frozenset[str] | None = None,
) -> None:
    """A run over no ticket at all is not a success: say why on standard error and exit 2
    (called before any output is written, so the temporary output file is removed)."""
    from escmatrix.cli._common import fail

    source = "standard input" if log == "-" else log
    if skipped:
        counts = ", ".join(f"{n:,} {why}" for why, n in skipped.most_common())
        first = (examples or ["-"])[0]
        fail(f"nothing {verb}: every ticket of {source} was skipped ({counts}); first: {first}")
    if tickets:
        wanted = ", ".join(sorted(tickets))
        fail(f"nothing {verb}: {source} has no ticket {wanted} (--ticket)")
    if after_horizon:
        fail(f"nothing {verb}: all {after_horizon:,} events of {source} are after --until")
    fail(f"nothing {verb}: {source} holds no ticket events")


def write_human(output: str | None, make_sink: Callable[[Any], Any], run: Run) -> Any:
    """A format drawn with rich, on :func:`~escmatrix.output.console.console_for` the
    output."""
    from escmatrix.cli._common import atomic_output
    from escmatrix.output.console import console_for

    with atomic_output(output) as stream:
        sink = make_sink(console_for(stream))
        summary = run(sink)
        sink.close(summary)
    return summary


def write_stream(output: str | None, make_sink: Callable[[Any], Any], run: Run) -> Any:
    """A streaming format: straight into the output given by ``-o`` (its temporary file, or
    a device such as /dev/null) when a run that starts over can go back to its start there;
    into standard output or a pipe through a temporary file copied at the end."""
    from escmatrix.cli._common import atomic_output

    with atomic_output(output) as target:
        direct = output not in (None, "-") and target.seekable()
        # closed below (or with the output when writing straight into it)
        stream = target if direct else tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115
        try:
            sink = make_sink(stream)
            summary = run(sink)
            sink.close(summary)
            if not direct:
                stream.seek(0)
                shutil.copyfileobj(stream, target)
        finally:
            if not direct:
                stream.close()
    return summary


def write_workbook(output: str, make_sink: Callable[[Any], Any], run: Run) -> Any:
    """An Excel workbook through a temporary file renamed over ``output`` at the end; a
    device, a pipe or standard output (``-``), which must not be renamed over, gets the
    workbook whole at the end (the sink writes nothing to its stream before)."""
    from escmatrix.cli._common import atomic_output

    with atomic_output(output, binary=True) as stream:
        sink = make_sink(stream)
        try:
            summary = run(sink)
            sink.close(summary)
        finally:
            sink.discard()
    return summary


def write_records(
    fmt: str,
    output: str | None,
    matrix: Any,
    formats: Callable[[], tuple[dict[str, Any], dict[str, Any], Any]],
    run: Run,
    progress: Progress | None,
    errors: tuple[type[Exception], ...],
) -> Any:
    """Run into the sink of format ``fmt``: ``formats()`` gives (the human formats, the
    streaming formats, a function making the workbook sink). ``run`` runs with the garbage
    collector tuned for a replay. An error of ``errors`` exits 2."""
    from escmatrix.cli._common import fail
    from escmatrix.cli._process import replay_collector

    def tuned(sink: Any) -> Any:
        with replay_collector():
            return run(sink)

    human, streams, workbook = formats()
    try:
        if fmt in human:
            return write_human(output, lambda console: human[fmt](console, matrix), tuned)
        if fmt == "xlsx":
            assert output is not None
            return write_workbook(output, lambda stream: workbook(stream, matrix), tuned)
        return write_stream(output, lambda stream: streams[fmt](stream, matrix), tuned)
    except errors as error:
        if progress:
            progress.stop()
        fail(str(error))
    finally:
        if progress:
            progress.close()


PROGRESS_BYTES = 2_000_000  # smaller logs are read in a blink: no progress line


class Progress:
    """A progress line on standard error: what is done (``what``), the events and tickets
    so far, and when the log's size is known (``total`` bytes, ``position`` how far the
    reading is), the share read and the time left."""

    def __init__(
        self,
        what: str,
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
        self.what = what
        self.bar = Progress(*columns, transient=True, console=console)
        if console is None:
            self.bar.console.stderr = True
        self.position = position if total else None
        self.opened = opened  # the log, opened here to ask its position; closed at the end
        self.task = self.bar.add_task(what, total=total or None)
        self.bar.start()

    def update(self, events: int, tickets: int) -> None:
        self.bar.update(
            self.task,
            description=f"{self.what}: {events:,} events, {tickets:,} tickets",
            completed=self.position() if self.position else None,
        )

    def stop(self) -> None:
        self.bar.stop()

    def close(self) -> None:
        self.stop()
        if self.opened is not None:
            self.opened.close()


def progress_for(
    source: Any, log: str | IO[bytes], what: str
) -> tuple[Progress | None, str | IO[bytes]]:
    """A progress line for a large log when standard error is a terminal, and what the
    run then reads: a log file (not a workbook) is opened here so that the line can show
    the share read and the time left; a file given as standard input shows them too."""
    if not sys.stderr.isatty():
        return None, log
    path = source.path
    if path is not None and path.is_file() and source.sheet is None:
        size = path.stat().st_size
        if size < PROGRESS_BYTES:
            return None, log
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            return Progress(what), log  # read whole by openpyxl: no position to show
        opened = open(path, "rb")  # noqa: SIM115 - closed by the progress line
        return Progress(what, size, opened.tell, opened=opened), opened
    if path is None and source.regular and not isinstance(log, str):  # `< log.csv`
        size = os.fstat(log.fileno()).st_size
        if size >= PROGRESS_BYTES:
            return Progress(what, size, log.tell), log
    return None, log
