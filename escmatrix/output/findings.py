"""Reporters for validation findings, all drawn from one list of records."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TextIO

from escmatrix.findings import Finding


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report_text(findings: Sequence[Finding], out: TextIO, color: bool = False) -> None:
    """``FILE:LINE:COL: SEVERITY RULE-ID message``, one a line."""
    if not color:
        for finding in findings:
            out.write(f"{finding}\n")
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, highlight=False, soft_wrap=True)
    for f in findings:
        style = "bold red" if f.severity == "error" else "bold yellow"
        console.print(
            Text.assemble(
                (f"{f.file}:{f.line}:{f.column}:", "bold"),
                " ",
                (f.severity, style),
                " ",
                (f.rule, "cyan"),
                " ",
                f.message,
            )
        )


def report_json(findings: Sequence[Finding], out: TextIO, color: bool = False) -> None:
    """A JSON array of ``{file, line, column, severity, rule, message}``."""
    json.dump([f.to_dict() for f in findings], out, indent=2, ensure_ascii=False)
    out.write("\n")


def report_github(findings: Sequence[Finding], out: TextIO, color: bool = False) -> None:
    """GitHub Actions workflow commands, shown as annotations on the pull request."""
    for f in findings:
        props = f"file={_escape_property(f.file)},line={f.line},col={f.column}"
        props += f",title={_escape_property(f.rule)}"
        out.write(f"::{f.severity} {props}::{_escape_data(f.message)}\n")


REPORTERS: dict[str, Callable[[Sequence[Finding], TextIO, bool], None]] = {
    "text": report_text,
    "json": report_json,
    "github": report_github,
}
