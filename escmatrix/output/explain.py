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
    if matrix.uses_availability:
        draw_how_to_reach(console, matrix, records)


def how_to_reach(matrix: Matrix, contact_id: str) -> str:
    """``email giulia@example.com, phone +39 02 0000 1001, chat``: a contact's ways in."""
    contact = matrix.contact_by_id.get(contact_id)
    if contact is None:
        return "not a contact of the matrix"
    ways = [f"email {contact.email}"] if contact.email else []
    ways += [f"phone {contact.phone}"] if contact.phone else []
    ways += [c for c in contact.channels if not (c == "email" and contact.email)]
    return ", ".join(ways) or "no channel, e-mail or phone given"


def draw_how_to_reach(console: Any, matrix: Matrix, records: list[Notification]) -> None:
    """Who is really reached by the ladder (the member on duty, the deputy standing in),
    and how to reach them; then who waits for their opening."""
    from rich.text import Text

    from escmatrix.output.grid import contact_names

    reached = list(dict.fromkeys(c for record in records for c in record.contacts))
    waiting = list(dict.fromkeys(c for record in records for c in record.unreachable))
    console.print(Text("Who answers, and how to reach them:", style="bold"))
    for contact_id in reached:
        name = contact_names(matrix, (contact_id,))
        console.print(Text.assemble("  ", (name, "cyan"), ": ", how_to_reach(matrix, contact_id)))
    for contact_id in waiting:
        name = contact_names(matrix, (contact_id,))
        console.print(
            Text.assemble(
                "  ",
                (name, "cyan"),
                ": ",
                how_to_reach(matrix, contact_id),
                (" (waits for its opening)", "dim"),
            )
        )
