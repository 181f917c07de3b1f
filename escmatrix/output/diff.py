"""Output formats of ``escmatrix diff``, looked up by name in :data:`DIFF_FORMATS`.

- ``text``: for the terminal (coloured there, plain in a pipe or under ``NO_COLOR``);
- ``markdown``: for a pull-request comment, a short headline of the effect first, then the
  changes and the tables, the ladders folded away;
- ``json``: :meth:`escmatrix.simulation.diff.Diff.to_dict`, every figure.

All three say the same things from the same figures; the sentences come from the diff.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from itertools import zip_longest
from typing import IO, Any

from escmatrix.model import Matrix
from escmatrix.output.simulation import DAYS, contact_names
from escmatrix.simulation.diff import SECTIONS, Diff, Effect
from escmatrix.simulation.diff.effect import OutsideRow, Row
from escmatrix.simulation.engine import Notification

TOP_CONTACTS = 3
"""Contacts named in the headline."""
TOP_HOURS = 5
"""Hours of the week listed under the heat map."""


# --------------------------------------------------------------------------- wording


def signed(value: int) -> str:
    return f"{value:+,}" if value else "0"


def percent(row: Row) -> str:
    share = row.percent
    if share is None:
        return "new" if row.new else ""
    return f"{share:+.1f}%" if share else "0%"


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def effect_sentence(effect: Effect) -> str:
    """The effect in one sentence: notifications, ladders, the contacts most affected."""
    old, new = effect.old.notifications, effect.new.notifications
    share = f", {100 * (new - old) / old:+.1f}%" if old else ""
    text = f"notifications {old:,} → {new:,} ({signed(new - old)}{share})"
    verb = "changes its" if effect.changed == 1 else "change their"
    text += f"; {effect.changed:,} of {_plural(effect.tickets, 'ticket')} {verb} ladder"
    if effect.changed:
        reach = "reaches" if effect.higher == 1 else "reach"
        text += f" ({effect.higher:,} {reach} a higher level, {effect.lower:,} a lower one)"
    moved = [row for row in effect.contacts if row.change][:TOP_CONTACTS]
    if moved:
        text += "; most affected: " + ", ".join(f"{r.name} {signed(r.change)}" for r in moved)
    return text


def headline(diff: Diff, effect: bool = True) -> str:
    """What a reviewer reads first (with the effect on the log, if there is one)."""
    if not diff.changed:
        return f"No change: {diff.old} and {diff.new} mean the same matrix."
    sections = diff.changes.by_section()
    text = f"{_plural(len(diff.changes.changes), 'change')} (" + ", ".join(
        f"{SECTIONS[name].lower()} {len(found)}" for name, found in sections.items()
    )
    text += ")"
    if effect and diff.effect is not None:
        text += f". On {diff.effect.log}: {effect_sentence(diff.effect)}"
    return text + "."


def _step(matrix: Matrix, n: Notification) -> str:
    names = contact_names(matrix, n.contacts) or "nobody"
    return f"{n.time.strftime('%a %d %b %Y %H:%M')}  {n.level}  {names}  ({n.reason})"


def hour_label(hour: int) -> str:
    return f"{DAYS[hour // 24]} {hour % 24:02d}:00"


def _busiest(changes: list[int]) -> list[int]:
    ranked = sorted((h for h, v in enumerate(changes) if v), key=lambda h: (-abs(changes[h]), h))
    return ranked[:TOP_HOURS]


OUTSIDE_HEADER = (
    "contact",
    "calendar",
    "outside its hours: old",
    "new",
    "change",
    "nobody took it",
)


def _outside_cells(row: OutsideRow) -> tuple[str, ...]:
    """A contact's notifications asked outside its hours (a deputy took them or they waited)
    and those nobody could take, old → new."""
    lost = (
        f"{row.old_unreachable:,} → {row.new_unreachable:,}"
        if row.old_unreachable or row.new_unreachable
        else ""
    )
    return (row.name, row.calendar, f"{row.old:,}", f"{row.new:,}", signed(row.new - row.old), lost)


def _skipped(effect: Effect) -> list[str]:
    """Rows the replays skipped (once when both skipped the same) and their warnings."""

    def what(counts: Any) -> str:
        return ", ".join(f"{n:,} {why}" for why, n in counts.most_common())

    old, new = effect.old.skipped, effect.new.skipped
    lines = []
    if old and old == new:
        lines.append(f"skipped rows (both matrices): {what(old)}")
    else:
        if old:
            lines.append(f"skipped rows with the old matrix: {what(old)}")
        if new:
            lines.append(f"skipped rows with the new matrix: {what(new)}")
    lines += [f"warning: {w}" for w in dict.fromkeys(effect.old.warnings + effect.new.warnings)]
    return lines


# --------------------------------------------------------------------------- json


def write_json(diff: Diff, stream: IO[str]) -> None:
    stream.write(json.dumps(diff.to_dict(), ensure_ascii=False, indent=2) + "\n")


# --------------------------------------------------------------------------- markdown


def _md(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _md_table(header: Sequence[str], rows: Sequence[Sequence[object]], right: int = 1) -> list[str]:
    """A GitHub table; columns from ``right`` on are numbers, aligned right."""
    lines = ["| " + " | ".join(header) + " |"]
    lines.append("|" + "|".join("---" if i < right else "--:" for i in range(len(header))) + "|")
    lines += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in rows]
    return [*lines, ""]


def write_markdown(diff: Diff, stream: IO[str]) -> None:
    stream.write(render_markdown(diff))


def render_markdown(diff: Diff) -> str:
    lines = [f"### escmatrix diff: `{diff.old}` → `{diff.new}`", ""]
    if diff.effect is not None:
        lines += [f"**Effect on `{diff.effect.log}`: {effect_sentence(diff.effect)}.**", ""]
    lines += [headline(diff, effect=False), ""]
    for section, changes in diff.changes.by_section().items():
        lines.append(f"**{SECTIONS[section]}**")
        lines += [f"- {_md(change.text)}" for change in changes]
        lines.append("")
    effect = diff.effect
    if effect is not None:
        lines += _markdown_effect(diff, effect)
    return "\n".join(lines).rstrip("\n") + "\n"


def _markdown_effect(diff: Diff, effect: Effect) -> list[str]:
    lines = [f"#### Effect on `{effect.log}` ({effect.tickets:,} tickets)", ""]
    changed = [row for row in effect.contacts if row.change]
    if changed:
        lines += _md_table(
            ("contact", "old", "new", "change", "%"),
            [(r.name, f"{r.old:,}", f"{r.new:,}", signed(r.change), percent(r)) for r in changed],
        )
    same = len(effect.contacts) - len(changed)
    if same:
        lines += [f"{_plural(same, 'contact')} with no change.", ""]
    if any(row.change for row in effect.levels):
        lines += _md_table(
            ("highest level reached", "old", "new", "change", "%"),
            [
                (f"{r.key} {r.name}", f"{r.old:,}", f"{r.new:,}", signed(r.change), percent(r))
                for r in effect.levels
            ],
        )
    if effect.moves:
        lines += _md_table(
            ("highest level", "tickets"),
            [(f"{old} → {new}", f"{n:,}") for (old, new), n in effect.moves.most_common()],
        )
    outside = [
        r for r in effect.outside if r.old or r.new or r.old_unreachable or r.new_unreachable
    ]
    if outside:
        lines += _md_table(OUTSIDE_HEADER, [_outside_cells(r) for r in outside], right=2)
    change = effect.hours_change
    if any(change):
        lines += [
            "Notifications by hour of the week, new − old (matrix time zone; days with a change):",
            "",
        ]
        lines += _md_table(
            ("", *(f"{h:02d}" for h in range(24))),
            [
                (day, *(signed(v) if v else "" for v in change[d * 24 : d * 24 + 24]))
                for d, day in enumerate(DAYS)
                if any(change[d * 24 : d * 24 + 24])
            ],
        )
    for line in _skipped(effect):
        lines += [f"_{_md(line)}_", ""]
    if effect.samples:
        lines += [
            f"<details><summary>{_plural(effect.changed, 'ticket')} whose ladder changed"
            f" (the first {len(effect.samples)}, both ladders)</summary>",
            "",
        ]
        for sample in effect.samples:
            lines.append(f"**{_md(sample.ticket)}**")
            lines.append("")
            lines += _md_table(
                ("old", "new"),
                [
                    (
                        _step(diff.old_matrix, a) if a else "",
                        _step(diff.new_matrix, b) if b else "",
                    )
                    for a, b in zip_longest(sample.old, sample.new)
                ],
                right=2,
            )
        lines += ["</details>", ""]
    return lines


# --------------------------------------------------------------------------- text


def write_text(diff: Diff, stream: IO[str]) -> None:
    """Coloured on a terminal (its width); a file or a pipe gets 160 columns, plain, and so
    does a terminal under ``NO_COLOR`` (no styles at all: the heat map then shows signs)."""
    from rich.console import Console

    terminal = stream.isatty()
    colour = terminal and not os.environ.get("NO_COLOR")
    console = Console(
        file=stream,
        width=None if terminal else 160,
        color_system="auto" if colour else None,
        highlight=False,
    )
    draw_text(console, diff)


def draw_text(console: Any, diff: Diff) -> None:
    from rich.text import Text

    console.print(Text(f"{diff.old} → {diff.new}", style="bold"))
    console.print(headline(diff, effect=False))
    for section, changes in diff.changes.by_section().items():
        console.print()
        console.print(Text(SECTIONS[section], style="bold underline"))
        for change in changes:
            style = {"added": "green", "removed": "red", "renamed": "cyan"}.get(change.kind, "")
            console.print(Text.assemble("  ", (change.text, style)))
    if diff.effect is not None:
        _draw_effect(console, diff, diff.effect)


def _table(title: str, header: Sequence[str], right: int = 1) -> Any:
    from rich.table import Table

    table = Table(title=title, title_justify="left", title_style="bold", show_edge=False)
    for index, name in enumerate(header):
        table.add_column(name, justify="right" if index >= right else "left")
    return table


def _change_style(value: int) -> str:
    return "red" if value > 0 else "green" if value < 0 else "dim"


def _draw_effect(console: Any, diff: Diff, effect: Effect) -> None:
    from rich.text import Text

    console.print()
    summary = effect.new
    console.print(
        Text(
            f"Effect on {effect.log}: {effect.tickets:,} tickets, {summary.events:,} events,"
            f" horizon {summary.horizon.isoformat() if summary.horizon else '-'}",
            style="bold underline",
        )
    )
    console.print(effect_sentence(effect))
    console.print()

    def rows(title: str, found: list[Row], label: Callable[[Row], str]) -> None:
        if not any(row.change for row in found):
            return
        table = _table(title, ("", "old", "new", "change", "%"))
        for r in found:
            table.add_row(
                label(r),
                f"{r.old:,}",
                f"{r.new:,}",
                Text(signed(r.change), style=_change_style(r.change)),
                percent(r),
            )
        console.print(table)
        console.print()

    changed = [row for row in effect.contacts if row.change]
    rows("Notifications per contact (the changed ones)", changed, lambda r: r.name)
    rows("Tickets by highest level reached", effect.levels, lambda r: f"{r.key} {r.name}")
    if effect.moves:
        moves = ", ".join(
            f"{old} → {new}: {_plural(n, 'ticket')}" for (old, new), n in effect.moves.most_common()
        )
        console.print(Text.assemble(("Highest level reached, old → new: ", "bold"), moves))
        console.print()
    outside = [
        r for r in effect.outside if r.old or r.new or r.old_unreachable or r.new_unreachable
    ]
    if outside:
        table = _table("Notifications asked of a contact outside its hours", OUTSIDE_HEADER, 2)
        for r in outside:
            cells = _outside_cells(r)
            table.add_row(*cells[:4], Text(cells[4], style=_change_style(r.new - r.old)), cells[5])
        console.print(table)
    _draw_heat(console, effect.hours_change)
    for line in _skipped(effect):
        console.print(line, style="yellow")
    _draw_ladders(console, diff, effect)


def _draw_heat(console: Any, change: list[int]) -> None:
    """The change of load per hour of the week: one character an hour, red for more
    notifications, green for fewer, darker for a larger change; without colour ``+``/``#``
    for more, ``-``/``=`` for fewer (``#`` and ``=``: at least half the largest change)."""
    from rich.text import Text

    if not any(change):
        return
    peak = max(abs(v) for v in change)
    colour = console.color_system is not None and not console.no_color
    console.print()
    legend = "red: more, green: fewer" if colour else "+ more, # much more, - fewer, = much fewer"
    console.print(Text(f"Load by hour of the week, new − old ({legend})", style="bold"))
    console.print(Text(" " * 14 + "".join(f"{h:<3}" for h in range(0, 24, 3)), style="dim"))
    shades = " ░▒▓█"
    for day, name in enumerate(DAYS):
        hours = change[day * 24 : day * 24 + 24]
        line = Text(f"  {name}  {signed(sum(hours)):>6}  ")
        for value in hours:
            if not value:
                line.append(" ")
            elif colour:
                shade = shades[1 + min(3, (abs(value) * 4 - 1) // peak)]
                line.append(shade, style="red" if value > 0 else "green")
            else:
                large = abs(value) * 2 >= peak
                line.append(("#" if large else "+") if value > 0 else ("=" if large else "-"))
        console.print(line)
    busiest = ", ".join(f"{hour_label(h)} {signed(change[h])}" for h in _busiest(change))
    console.print(f"  largest changes: {busiest}", style="dim")


def _draw_ladders(console: Any, diff: Diff, effect: Effect) -> None:
    from rich.table import Table

    if not effect.samples:
        return
    console.print()
    console.print(
        f"[bold]{_plural(effect.changed, 'ticket')} whose ladder changed[/bold]"
        f" (the first {len(effect.samples)}, both ladders):"
    )
    for sample in effect.samples:
        table = Table(title=sample.ticket, title_justify="left", show_edge=False)
        table.add_column("old")
        table.add_column("new")
        for a, b in zip_longest(sample.old, sample.new):
            table.add_row(
                _step(diff.old_matrix, a) if a else "", _step(diff.new_matrix, b) if b else ""
            )
        console.print(table)


DIFF_FORMATS: dict[str, Callable[[Diff, IO[str]], None]] = {
    "text": write_text,
    "markdown": write_markdown,
    "json": write_json,
}
