"""The matrix as the call-center template draws it: levels as columns, a row of contacts, a
row of timelines, then one row per category with its responses and triggers.

The terminal table, the Markdown table and the Excel sheet are all drawn from this grid.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

from escmatrix.durations import Duration, format_duration, format_window_human
from escmatrix.model import Category, Matrix

OFF_PATH = "—"
LABEL_LEVEL = "Escalation level"
LABEL_CONTACT = "Point of contact"
LABEL_TIMELINE = "Timeline"


@dataclass(frozen=True)
class GridRow:
    label: str
    cells: tuple[str, ...]
    kind: str  # "contact", "timeline", "priority" or "category"


@dataclass(frozen=True)
class Grid:
    header: tuple[str, ...]  # one per level
    rows: tuple[GridRow, ...]


def contact_names(matrix: Matrix, contact_ids: tuple[str, ...]) -> str:
    names = []
    for contact_id in contact_ids:
        contact = matrix.contact_by_id.get(contact_id)
        if contact is None:
            names.append(contact_id)
        elif contact.role and contact.role != contact.name:
            names.append(f"{contact.name} ({contact.role})")
        else:
            names.append(contact.name)
    return "\n".join(names)


def _every(seconds: int) -> str:
    weeks, rest = divmod(seconds, 7 * 86_400)
    return f"{weeks}w" if weeks and not rest else format_duration(Duration(seconds))


def point_of_contact(matrix: Matrix, contact_ids: tuple[str, ...]) -> str:
    """The contacts of a level as the grid shows them: names, and who really answers: a
    rotation's members, turn and handoff, a schedule's file, a deputy."""
    lines = []
    for contact_id, line in zip(
        contact_ids, contact_names(matrix, contact_ids).split("\n"), strict=True
    ):
        contact = matrix.contact_by_id.get(contact_id)
        if contact is not None and contact.rotation is not None:
            rotation = contact.rotation
            members = contact_names(matrix, rotation.members).replace("\n", ", ")
            line += (
                f": rotation of {members}, every {_every(rotation.every.seconds)},"
                f" handoff {rotation.handoff}"
            )
        elif contact is not None and contact.schedule is not None:
            line += f": on-call schedule {contact.schedule.file}"
        if contact is not None and contact.deputy:
            line += f"; deputy {contact_names(matrix, (contact.deputy,))}"
        lines.append(line)
    return "\n".join(lines)


def _bullets(title: str, items: list[str]) -> list[str]:
    return [f"{title}:", *(f"• {item}" for item in items)] if items else []


def category_cell(
    matrix: Matrix, category: Category, level_id: str, on_path: Container[str] | None = None
) -> str:
    """The text of one category cell: functional contacts, responses, triggers
    (``on_path``: the category's path as a set, when the caller has it)."""
    if level_id not in (matrix.path(category) if on_path is None else on_path):
        return OFF_PATH
    lines: list[str] = []
    functional = category.contacts_at(level_id)
    if functional is not None:
        lines += [f"Contact: {contact_names(matrix, functional).replace(chr(10), ', ')}"]
    cell = category.cell(level_id)
    if cell is not None:
        lines += _bullets("Response", list(cell.response))
        names = [
            matrix.trigger_by_id[t].name if t in matrix.trigger_by_id else t for t in cell.triggers
        ]
        lines += _bullets("Trigger", names)
    return "\n".join(lines)


def timeline_rows(
    matrix: Matrix, language: str = "en", label: str = LABEL_TIMELINE
) -> list[GridRow]:
    """The timeline row, then one for each priority that changes the windows (``—``
    before the level the priority starts at), written in ``language``."""
    default = tuple(
        format_window_human(level.window.default, language, matrix.working_day_seconds(level))
        for level in matrix.levels
    )
    rows = [GridRow(label, default, "timeline")]
    for priority in matrix.priorities:
        windows = []
        started = priority.start is None
        for level in matrix.levels:
            started = started or level.id == priority.start
            windows.append(
                format_window_human(
                    matrix.window(level, priority.id), language, matrix.working_day_seconds(level)
                )
                if started
                else OFF_PATH
            )
        if tuple(windows) != default:
            name = f"{label} {priority.id}" + (f" ({priority.name})" if priority.name else "")
            rows.append(GridRow(name, tuple(windows), "priority"))
    return rows


def build_grid(matrix: Matrix, categories: list[Category] | None = None) -> Grid:
    header = tuple(f"{level.id}\n{level.name}" for level in matrix.levels)
    rows = [
        GridRow(
            LABEL_CONTACT,
            tuple(point_of_contact(matrix, level.contacts) for level in matrix.levels),
            "contact",
        ),
        *timeline_rows(matrix),
    ]
    for category in categories if categories is not None else matrix.categories:
        on_path = frozenset(matrix.path(category))
        cells = tuple(category_cell(matrix, category, level.id, on_path) for level in matrix.levels)
        rows.append(GridRow(category.name, cells, "category"))
    return Grid(header, tuple(rows))
