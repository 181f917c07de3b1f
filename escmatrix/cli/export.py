"""escmatrix export MATRIX -o FILE.xlsx — the matrix as an Excel workbook for people."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer


class Language(str, Enum):
    en = "en"
    it = "it"
    pt = "pt"
    es = "es"


def export(
    matrix_path: Annotated[str, typer.Argument(metavar="MATRIX", help="The matrix file.")],
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE.xlsx",
            help="The workbook to write (.xlsx; - for stdout).",
        ),
    ],
    language: Annotated[
        Language,
        typer.Option(
            "--language",
            "-l",
            help="Language of the Matrix sheet's labels and timelines.",
        ),
    ] = Language.en,
) -> None:
    """Write the matrix to an Excel workbook.

    The Matrix sheet is laid out like the call-center template (levels as columns, point
    of contact and timeline rows, one row per category with its responses and triggers);
    the other sheets hold levels, contacts, triggers, categories, priorities, calendars
    and settings, so that `escmatrix import` gives back the same matrix. The file is
    written through a temporary file: a failed export leaves nothing behind."""
    from rich.markup import escape

    from escmatrix.cli._common import (
        atomic_output,
        fail,
        load_matrix_or_exit,
        refuse_binary_to_terminal,
        stderr_console,
        wrote,
    )
    from escmatrix.cli._inputs import checked_input, refuse_overwrite
    from escmatrix.limits import MATRIX_BYTES

    refuse_binary_to_terminal(output)
    source = checked_input(matrix_path, "matrix", MATRIX_BYTES)
    refuse_overwrite(output, [source])
    if output != "-" and Path(output).suffix.lower() != ".xlsx":
        fail(escape(f"{output}: a workbook is written to a .xlsx file"))
    matrix = load_matrix_or_exit(source)
    from escmatrix.excel.export import ExportError, build_workbook

    try:
        workbook, warnings = build_workbook(matrix, language.value)
    except ExportError as error:
        fail(escape(f"{matrix_path}: {error}"))
    with atomic_output(output, binary=True) as stream:
        workbook.save(stream)
    console = stderr_console()
    for message in warnings:
        text = escape(f"{matrix_path}: {message}")
        console.print(f"[bold yellow]warning:[/] {text}", highlight=False, soft_wrap=True)
    sheets = ", ".join(workbook.sheetnames)
    wrote(output, f"{len(matrix.levels)} levels, {len(matrix.categories)} categories; {sheets}")


def register(app: typer.Typer) -> None:
    app.command()(export)
