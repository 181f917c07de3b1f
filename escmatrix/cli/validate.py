"""escmatrix validate MATRIX... — check matrices against the format and the rules."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from escmatrix.findings import EXIT_ERROR, EXIT_SUCCESS, Finding, exit_code


class ReportFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


def validate(
    matrices: Annotated[
        list[str] | None,
        typer.Argument(
            help="Matrix files to check ('-' reads standard input).", show_default=False
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
    from escmatrix.loading import is_mapping_text
    from escmatrix.output.findings import REPORTERS
    from escmatrix.validation import InputError, all_rules, check_text, read_text

    if list_rules:
        for rule in all_rules().values():
            typer.echo(f"{rule.id:24} {rule.severity:8} {rule.summary}")
        raise typer.Exit(EXIT_SUCCESS)
    if not matrices:
        raise typer.BadParameter("give at least one matrix file", param_hint="MATRIX")
    findings: list[Finding] = []
    unreadable = False
    for path in matrices:
        try:
            text = read_text(path)
        except InputError as error:
            unreadable = True
            findings.append(Finding(error.source, 0, 0, "error", "unreadable-file", error.message))
            continue
        if is_mapping_text(text):  # a log mapping file (top-level `mapping: 1`)
            from escmatrix.loading.mapping import check_mapping_text

            findings.extend(check_mapping_text(text, path)[0])
        else:
            findings.extend(check_text(text, path).findings)
    color = output_format is ReportFormat.text and sys.stdout.isatty()
    REPORTERS[output_format.value](findings, sys.stdout, color)
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    if output_format is ReportFormat.text and sys.stderr.isatty():
        checked = f"{len(matrices)} file{'s' if len(matrices) != 1 else ''} checked"
        sys.stderr.write(f"{checked}: {errors} error(s), {warnings} warning(s)\n")
    raise typer.Exit(EXIT_ERROR if unreadable else exit_code(findings, strict))


def register(app: typer.Typer) -> None:
    app.command()(validate)
