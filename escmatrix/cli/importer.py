"""escmatrix import FILE.xlsx -o FILE.yaml — a matrix from an Excel workbook."""

from __future__ import annotations

import sys
from collections import Counter
from typing import Annotated

import typer

from escmatrix.findings import EXIT_FINDINGS


def import_(
    workbook: Annotated[
        str,
        typer.Argument(metavar="FILE.xlsx", help="The workbook to read ('-': standard input)."),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE.yaml",
            help="The matrix file to write (default: standard output).",
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Cells that cannot be placed, and validation errors, fail the import:"
            " exit 1 and write nothing.",
        ),
    ] = False,
) -> None:
    """Read a matrix from an Excel workbook and write it as YAML.

    Reads escmatrix exports exactly, and hand-made sheets in the call-center template
    layout (labels in English, Italian, Portuguese or Spanish; ids are made from the
    names). Every cell that cannot be placed is reported as Sheet!CELL. The YAML is
    validated: with errors it is still written, so that you can fix it, and the exit
    code is 1."""
    from rich.markup import escape

    from escmatrix.cli._common import atomic_output, fail, stderr_console, wrote
    from escmatrix.cli._inputs import checked_input, read_input, refuse_overwrite
    from escmatrix.excel.importer import import_workbook
    from escmatrix.excel.sheets import WorkbookError
    from escmatrix.limits import WORKBOOK_BYTES
    from escmatrix.output.findings import report_text
    from escmatrix.validation import InputError

    console = stderr_console()

    def say(label: str, text: str) -> None:
        """One message a line, never wrapped, so that `Sheet!B7:` lines can be grepped."""
        style = {"error": "bold red", "warning": "bold yellow"}.get(label, "dim")
        console.print(f"[{style}]{label}:[/] {escape(text)}", highlight=False, soft_wrap=True)

    to_file = output not in (None, "-")
    book_input = checked_input(workbook, "workbook", WORKBOOK_BYTES)
    refuse_overwrite(output, [book_input])
    source: str | bytes = workbook
    if book_input.is_stdin or not book_input.regular:  # standard input, a pipe, a device
        try:
            source = read_input(book_input, "matrix workbook", WORKBOOK_BYTES)
        except InputError as error:
            fail(escape(str(error)))
    try:
        result = import_workbook(
            source, yaml_name=str(output) if to_file else "<stdout>", name=workbook
        )
    except WorkbookError as error:
        fail(escape(str(error)))
    for message in result.messages:
        say("note", f"{workbook}: {message}")
    errors = result.report.errors
    if strict and (result.problems or errors):
        for problem in result.problems:
            say("error", f"{workbook}: {problem}")
        report_text(errors, sys.stderr, color=sys.stderr.isatty())
        fail(
            escape(
                f"{workbook}: {len(result.problems)} cell(s) not placed, {len(errors)}"
                " validation error(s); nothing written (--strict)"
            ),
            code=EXIT_FINDINGS,
        )
    for problem in result.problems:
        say("warning", f"{workbook}: {problem}")
    with atomic_output(output) as stream:
        stream.write(result.yaml)
    if errors:
        report_text(errors, sys.stderr, color=sys.stderr.isatty())
    warnings = [f for f in result.report.findings if f.severity == "warning"]
    if warnings:
        counts = ", ".join(f"{rule} x{n}" for rule, n in Counter(f.rule for f in warnings).items())
        where = f"escmatrix validate {output}" if to_file else "escmatrix validate"
        say("note", f"{len(warnings)} validation warning(s) ({counts}); {where} shows them")
    what = "an escmatrix export" if result.kind == "export" else "a hand-made sheet"
    wrote(output, what, source=workbook)
    if errors:
        fail(
            escape(
                f"{output or 'the matrix'}: has {len(errors)} error(s); fix them and run"
                " escmatrix validate"
            ),
            code=EXIT_FINDINGS,
        )


def register(app: typer.Typer) -> None:
    app.command(name="import")(import_)
