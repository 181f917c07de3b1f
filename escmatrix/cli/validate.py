"""escmatrix validate MATRIX... — check matrices against the format and the rules."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from escmatrix.findings import EXIT_ERROR, EXIT_SUCCESS, exit_code


class ReportFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


def validate(
    matrices: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="MATRIX...",
            help="Matrix or mapping files to check; a folder checks the YAML files in it"
            " ('-' reads standard input).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="How to print findings.")
    ] = ReportFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    list_rules: Annotated[
        bool, typer.Option("--list-rules", help="List every rule with its severity and exit.")
    ] = False,
) -> None:
    """Check matrices (and log mapping files) against their format and rules.

    Checks YAML syntax, the format's schema, then the semantic rules. Prints one finding
    per line as FILE:LINE:COL: SEVERITY RULE-ID message. Exit code 0
    when clean, 1 when there are errors (or warnings under --strict), 2 when a file cannot
    be read.
    """
    from escmatrix.cli._inputs import check_input, read_input
    from escmatrix.limits import MATRIX_BYTES
    from escmatrix.output.findings import REPORTERS
    from escmatrix.validation import all_rules, check_paths, decode_text

    if list_rules:
        for rule in all_rules().values():
            typer.echo(f"{rule.id:24} {rule.severity:8} {rule.summary}")
        raise typer.Exit(EXIT_SUCCESS)
    if not matrices:
        raise typer.BadParameter("give at least one matrix file", param_hint="MATRIX")

    def read(path: str) -> str:  # standard input, devices and pipes with the file's bound
        source = check_input(path, "matrix file", MATRIX_BYTES)
        return decode_text(read_input(source, "matrix file", MATRIX_BYTES), path)

    findings, checked = check_paths(matrices, read)
    unreadable = any(f.rule == "unreadable-file" for f in findings)
    color = output_format is ReportFormat.text and sys.stdout.isatty()
    REPORTERS[output_format.value](findings, sys.stdout, color)
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    if output_format is ReportFormat.text and sys.stderr.isatty():
        files = f"{checked} file{'s' if checked != 1 else ''} checked"
        sys.stderr.write(f"{files}: {errors} error(s), {warnings} warning(s)\n")
    raise typer.Exit(EXIT_ERROR if unreadable else exit_code(findings, strict))


def register(app: typer.Typer) -> None:
    app.command()(validate)
