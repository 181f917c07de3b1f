"""escmatrix init — start a matrix from one of the shipped examples."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

MODELINE = "# yaml-language-server: $schema="


def templates() -> dict[str, str]:
    """Template name -> text, from the matrices shipped in the package."""
    from importlib import resources

    folder = resources.files("escmatrix.templates")
    return {
        entry.name.removesuffix(".yaml"): entry.read_text("utf-8")
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".yaml")
    }


def init(
    template: Annotated[
        str,
        typer.Option(
            "--template",
            "-t",
            metavar="NAME",
            help="Which example to start from (--list shows them).",
        ),
    ] = "call-center",
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write the new matrix to this file."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    list_templates: Annotated[
        bool, typer.Option("--list", help="List the templates and exit.")
    ] = False,
) -> None:
    """Start a new matrix from a shipped example.

    Writes to standard output unless -o is given; never overwrites a file without --force.
    """
    from escmatrix.cli._common import fail, write_text, wrote

    available = templates()
    if list_templates:
        for name, text in available.items():
            title = next(
                (line[6:].strip() for line in text.splitlines() if line.startswith("name: ")), ""
            )
            typer.echo(f"{name:28} {title}")
        return
    if template not in available:
        fail(f"unknown template {template!r} (known: {', '.join(available)})")
    if output not in (None, "-") and Path(output).exists() and not force:
        fail(f"{output}: already exists; use --force to overwrite it")
    lines = available[template].splitlines(keepends=True)
    if lines and lines[0].startswith(MODELINE):
        # The shipped modeline points into this repository; a new file gets its own.
        lines[0] = (
            "# Check this file as you type: `escmatrix schema -o matrix.schema.json`, then\n"
            f"# {MODELINE[2:]}matrix.schema.json\n"
        )
    write_text(output, "".join(lines))
    wrote(output, "a new matrix", source=f"template {template!r}")


def register(app: typer.Typer) -> None:
    app.command()(init)
