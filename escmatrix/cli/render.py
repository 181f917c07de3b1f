"""escmatrix render MATRIX — the matrix for people: table, Markdown, Mermaid or JSON."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer


class RenderFormat(str, Enum):
    table = "table"
    markdown = "markdown"
    mermaid = "mermaid"
    json = "json"


def render(
    matrix_path: Annotated[str, typer.Argument(metavar="MATRIX", help="The matrix file.")],
    category: Annotated[
        list[str] | None,
        typer.Option(
            "--category", "-c", metavar="ID", help="Only this category (repeat for several)."
        ),
    ] = None,
    output_format: Annotated[
        RenderFormat, typer.Option("--format", "-f", help="Output format.")
    ] = RenderFormat.table,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write to this file instead of the screen."
        ),
    ] = None,
) -> None:
    """Draw the matrix: table, Markdown, Mermaid or JSON.

    The table is laid out like the call-center template; Markdown is for a wiki; Mermaid
    draws each category's path; JSON is the normalised model (two files that mean the
    same matrix give the same JSON)."""
    from escmatrix.cli._common import atomic_output, load_matrix_or_exit, pick_categories, wrote
    from escmatrix.cli._inputs import checked_input, refuse_overwrite
    from escmatrix.limits import MATRIX_BYTES
    from escmatrix.output import renderer

    source = checked_input(matrix_path, "matrix", MATRIX_BYTES)
    refuse_overwrite(output, [source])
    matrix = load_matrix_or_exit(source)
    categories = pick_categories(matrix, category)
    result = renderer(output_format.value)(matrix, categories)
    with atomic_output(output) as stream:
        if isinstance(result, str):
            stream.write(result)
        else:
            from escmatrix.output.console import console_for

            console = console_for(stream)
            if hasattr(result, "write_to"):  # the table: faster than rich's printing
                result.write_to(console)
            else:
                console.print(result)
    shown = f"{len(categories)} of {len(matrix.categories)}" if categories else "all"
    wrote(
        output,
        f"{matrix.name}: {len(matrix.levels)} levels, {shown} categories as {output_format.value}",
    )


def register(app: typer.Typer) -> None:
    app.command()(render)
