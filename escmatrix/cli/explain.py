"""escmatrix explain MATRIX --category ID — one hypothetical ticket, nobody solves it."""

from __future__ import annotations

import datetime as dt
import json
from enum import Enum
from typing import Annotated

import typer


class ExplainFormat(str, Enum):
    text = "text"
    json = "json"


def explain(
    matrix_path: Annotated[str, typer.Argument(metavar="MATRIX", help="The matrix file.")],
    category: Annotated[
        str, typer.Option("--category", "-c", metavar="ID", help="Category of the ticket.")
    ],
    priority: Annotated[
        str | None,
        typer.Option(
            "--priority", "-p", metavar="ID", help="Priority (default: the matrix default)."
        ),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="TIME",
            help="When the ticket opens, ISO 8601 (default: now).",
            show_default=False,
        ),
    ] = None,
    event: Annotated[
        list[str] | None,
        typer.Option(
            "--event",
            "-e",
            metavar="OFFSET=NAME",
            help="OFFSET=NAME: an event after the opening, e.g. 45m=manager_requested,"
            " 2h=priority_changed:P1, 1d=paused, 2026-03-30T10:00=resumed (repeatable).",
        ),
    ] = None,
    output_format: Annotated[
        ExplainFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ExplainFormat.text,
) -> None:
    """Show who is contacted when for one ticket that nobody solves.

    The full ladder with times in calendar terms, until the last level (or until the last
    window runs out). Add events to see triggers, pauses and priority changes at work.
    """
    import zoneinfo

    from escmatrix.cli._common import fail, load_matrix_or_exit
    from escmatrix.output.simulation import describe
    from escmatrix.simulation.explain import ExplainError, parse_planned, parse_time
    from escmatrix.simulation.explain import explain as run

    matrix = load_matrix_or_exit(matrix_path)
    zone = zoneinfo.ZoneInfo(matrix.timezone)
    try:
        start = (
            parse_time(at, zone, "--at")
            if at
            else dt.datetime.now(zone).replace(second=0, microsecond=0)
        )
        planned = tuple(parse_planned(text, zone) for text in event or ())
        records = run(matrix, category, priority=priority, at=start, events=planned)
    except ExplainError as error:
        fail(str(error))
    if output_format is ExplainFormat.json:
        typer.echo(json.dumps([r.to_record() for r in records], indent=2, ensure_ascii=False))
        return
    import sys

    from rich.console import Console
    from rich.text import Text

    # a pipe or a file gets whole lines; a terminal wraps them to its width
    console = Console(highlight=False, soft_wrap=not sys.stdout.isatty())
    chosen = matrix.category_by_id[category]
    prio = priority or matrix.default_priority
    opened = start.strftime("%a %d %b %Y %H:%M")
    title = f"{prio + ' ' if prio else ''}{chosen.name} ticket opened {opened}"
    console.print(Text(f"{title} ({matrix.timezone}); nobody solves it:", style="bold"))
    for record in records:
        when = record.time.strftime("%a %d %b %H:%M")
        who, why = describe(matrix, record)
        console.print(Text.assemble("  ", (when, "bold"), " — ", (who, "cyan"), " — ", why))
    last = records[-1]
    if last.reason != "exhausted":
        level = matrix.level_by_id[last.level]
        window = matrix.window(level, prio)
        if window.is_resolution:
            console.print(
                Text(f"  {last.level} keeps the ticket until it is resolved.", style="dim")
            )


def register(app: typer.Typer) -> None:
    app.command()(explain)
