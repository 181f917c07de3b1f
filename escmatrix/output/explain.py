"""``explain`` as text: the ladder of one hypothetical ticket, a line per step."""

from __future__ import annotations

import datetime as dt
from typing import Any

from escmatrix.model import Matrix
from escmatrix.output.simulation import describe
from escmatrix.simulation.engine import Notification
from escmatrix.simulation.explain import Note


def draw_explain(
    console: Any,
    matrix: Matrix,
    category: str,
    priority: str | None,
    start: dt.datetime,
    steps: list[Notification | Note],
) -> None:
    import zoneinfo

    from rich.text import Text

    zone = zoneinfo.ZoneInfo(matrix.timezone)
    chosen = matrix.category_by_id[category]
    prio = priority or matrix.default_priority
    opened = start.strftime("%a %d %b %Y %H:%M")
    title = f"{prio + ' ' if prio else ''}{chosen.name} ticket opened {opened}"
    console.print(Text(f"{title} ({matrix.timezone}); nobody solves it:", style="bold"))
    for step in steps:
        when = step.time.astimezone(zone).strftime("%a %d %b %H:%M")
        if isinstance(step, Note):
            where = f"{step.level} {matrix.level_by_id[step.level].name}"
            console.print(
                Text.assemble("  ", (when, "bold"), " — ", where, " — ", (step.detail, "dim"))
            )
            continue
        who, why = describe(matrix, step)
        console.print(Text.assemble("  ", (when, "bold"), " — ", (who, "cyan"), " — ", why))
    records = [step for step in steps if isinstance(step, Notification)]
    last = records[-1]
    if last.reason != "exhausted":
        level = matrix.level_by_id[last.level]
        window = matrix.window(level, prio)
        if window.is_resolution:
            console.print(
                Text(f"  {last.level} keeps the ticket until it is resolved.", style="dim")
            )
