"""escmatrix diff OLD NEW — what a matrix change says, and what it does to a real log."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from escmatrix.cli._inputs import Input
    from escmatrix.model import Matrix


class DiffFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


def diff(
    old: Annotated[
        str,
        typer.Argument(metavar="OLD", help="The matrix before: a file, or REV:PATH from git."),
    ],
    new: Annotated[
        str,
        typer.Argument(metavar="NEW", help="The matrix after: a file, or REV:PATH from git."),
    ],
    log: Annotated[
        str | None,
        typer.Option(
            "--log",
            "-l",
            metavar="LOG",
            help="Replay this ticket log against both and compare ('-': standard input).",
        ),
    ] = None,
    mapping_path: Annotated[
        str | None,
        typer.Option("--map", "-m", metavar="FILE", help="Mapping file for a real export."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until", metavar="TIME", help="Horizon, ISO 8601 (default: the last time in the log)."
        ),
    ] = None,
    output_format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="Output format.")
    ] = DiffFormat.text,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to this file (atomically)."),
    ] = None,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit with 1 when the matrices differ (as git diff)."),
    ] = False,
) -> None:
    """Compare two matrices: the change in words and, with --log, its effect on a real log.

    OLD and NEW are files or REV:PATH (a matrix as it was in a git commit, read with git
    show; :PATH is the staged one). The change is told per level, window (per priority),
    contact, trigger, calendar, category and priority; with --log both matrices replay the
    log and the notifications per contact, the highest levels reached, the notifications
    outside working hours, the load per hour of the week and the tickets whose ladder
    changed are compared. Markdown is made for a pull-request comment. Exit 0 whether or
    not something changed, unless --exit-code; 2 for bad input.
    """

    from escmatrix.cli._common import atomic_output, fail, load_mapping_or_exit, wrote
    from escmatrix.cli._inputs import checked_input, log_input, refuse_overwrite
    from escmatrix.cli._process import replay_collector
    from escmatrix.cli._runs import apply_until
    from escmatrix.findings import LogError
    from escmatrix.limits import MATRIX_BYTES
    from escmatrix.loading.revisions import split_revision
    from escmatrix.output.diff import DIFF_FORMATS
    from escmatrix.simulation.diff import Diff, compare_matrices, compare_on_log
    from escmatrix.simulation.replay import ReplayOptions

    if mapping_path and not log:
        fail("--map says how to read a log: give the log with --log")
    if until and not log:
        fail("--until sets the horizon of a replay: give the log with --log")
    sides = [
        None if split_revision(spec) else checked_input(spec, "matrix", MATRIX_BYTES)
        for spec in (old, new)
    ]
    log_source = checked_input(log, "ticket log", sheets=True) if log else None
    map_source = checked_input(mapping_path, "mapping file", MATRIX_BYTES) if mapping_path else None
    inputs = [i for i in (*sides, log_source, map_source) if i is not None]
    refuse_overwrite(output, inputs)
    if sum(source.is_stdin for source in inputs) > 1:
        fail("only one input can be read from standard input ('-')")
    before, after = (_matrix(spec, side) for spec, side in zip((old, new), sides, strict=True))
    changes = compare_matrices(before, after)
    result = Diff(old, new, before, after, changes)
    if log_source is not None and changes.changed:
        options = ReplayOptions(mapping=load_mapping_or_exit(map_source) if map_source else None)
        apply_until(options, until, after)
        try:
            with replay_collector():
                result.effect = compare_on_log(
                    before, after, changes.renames, log_input(log_source), options, name=log
                )
        except LogError as error:
            fail(str(error))
    with atomic_output(output) as stream:
        DIFF_FORMATS[output_format.value](result, stream)
    effect = " and their effect on the log" if result.effect is not None else ""
    wrote(output, f"{output_format.value}: {len(result.changes.changes):,} changes{effect}")
    if exit_code and result.changed:
        raise typer.Exit(1)


def _matrix(spec: str, source: Input | None) -> Matrix:
    """The matrix named by an argument: a file or '-' (``source``, checked), or REV:PATH
    read from git."""
    from escmatrix.cli._common import fail, load_matrix_or_exit
    from escmatrix.loading.revisions import RevisionError, read_revision, split_revision
    from escmatrix.validation import InputError, decode_text

    if source is not None:
        return load_matrix_or_exit(source)
    revision = split_revision(spec)
    assert revision is not None
    try:
        text = decode_text(read_revision(*revision), spec)
    except (RevisionError, InputError) as error:
        fail(str(error))
    return load_matrix_or_exit(spec, text)


def register(app: typer.Typer) -> None:
    app.command()(diff)
