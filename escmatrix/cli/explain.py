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
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write to this file instead of the screen."
        ),
    ] = None,
) -> None:
    """Show who is contacted when for one ticket that nobody solves.

    The full ladder with times in calendar terms, until the last level (or until the last
    window runs out). Add events to see triggers, pauses and priority changes at work.
    """
    import zoneinfo

    from escmatrix.cli._common import atomic_output, fail, load_matrix_or_exit, wrote
    from escmatrix.cli._inputs import checked_input, refuse_overwrite
    from escmatrix.limits import MATRIX_BYTES
    from escmatrix.simulation.explain import ExplainError, parse_planned, parse_time
    from escmatrix.simulation.explain import explain as run

    source = checked_input(matrix_path, "matrix", MATRIX_BYTES)
    refuse_overwrite(output, [source])
    matrix = load_matrix_or_exit(source)
    zone = zoneinfo.ZoneInfo(matrix.timezone)
    try:
        start = (
            parse_time(at, zone, "--at")
            if at
            else dt.datetime.now(zone).replace(second=0, microsecond=0)
        )
        planned = tuple(parse_planned(text, zone) for text in event or ())
        steps = run(matrix, category, priority=priority, at=start, events=planned)
    except ExplainError as error:
        fail(str(error))
    with atomic_output(output) as stream:
        if output_format is ExplainFormat.json:
            from escmatrix.simulation.engine import Notification

            reach = matrix.uses_availability  # records say who could not be reached
            records = [
                step.to_record(reach) if isinstance(step, Notification) else step.to_record()
                for step in steps
            ]
            stream.write(json.dumps(records, indent=2, ensure_ascii=False) + "\n")
        else:
            from escmatrix.output.console import console_for
            from escmatrix.output.explain import draw_explain

            draw_explain(console_for(stream), matrix, category, priority, start, steps)
    wrote(output, f"{len(steps)} steps of a {category} ticket as {output_format.value}")


def register(app: typer.Typer) -> None:
    app.command()(explain)
