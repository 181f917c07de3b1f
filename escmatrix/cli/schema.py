"""escmatrix schema — print the JSON Schema of the matrix format."""

from __future__ import annotations

from typing import Annotated

import typer


def schema(
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to this file instead."),
    ] = None,
) -> None:
    """Print the JSON Schema of the matrix format, for editors and CI.

    The schema follows JSON Schema draft 2020-12. Save it beside your matrices and add
    this first line to a matrix to have a YAML language server check and complete it as
    you type:

        # yaml-language-server: $schema=matrix.schema.json
    """
    from escmatrix.cli._common import write_text, wrote
    from escmatrix.validation.schema import matrix_schema_text

    write_text(output, matrix_schema_text())
    wrote(output, "the JSON Schema of the matrix format")


def register(app: typer.Typer) -> None:
    app.command()(schema)
