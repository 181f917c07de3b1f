"""What the workbook looks like, shared by the exporter and the importer (no openpyxl here).

The ``Matrix`` sheet follows the call-center template: ``Escalation level | Level 1 …``
in the first row, ``Point of contact`` and ``Timeline`` rows under it, then one row per
category whose cells hold ``Response:`` and ``Trigger:`` lists. The detail sheets hold
everything else, one table each, so that an exported workbook imports back to the same
matrix.
"""

from __future__ import annotations

from dataclasses import dataclass

from escmatrix.durations import LANGUAGES
from escmatrix.model import Matrix
from escmatrix.output.grid import category_cell, contact_names, timeline_rows

__all__ = ["LANGUAGES", "MATRIX_SHEET", "Labels", "SheetRow", "labels", "matrix_sheet_rows"]

MATRIX_SHEET = "Matrix"
MAX_CELL_CHARS = 32767  # Excel's limit for the text of one cell


@dataclass(frozen=True)
class Labels:
    """The words of the Matrix sheet in one language."""

    level: str  # the first header cell
    level_word: str  # "Level" in "Level 1"
    contact: str
    timeline: str
    response: str
    trigger: str
    functional: str  # heading of functional contacts in a category cell


LABELS = {
    "en": Labels(
        "Escalation level",
        "Level",
        "Point of contact",
        "Timeline",
        "Response",
        "Trigger",
        "Contact",
    ),
    "it": Labels(
        "Livello di escalation",
        "Livello",
        "Punto di contatto",
        "Sequenza temporale",
        "Risposta",
        "Attivatore",
        "Contatto",
    ),
    "pt": Labels(
        "Nível de escalonamento",
        "Nível",
        "Ponto de contato",
        "Linha do tempo",
        "Resposta",
        "Gatilho",
        "Contato",
    ),
    "es": Labels(
        "Nivel de escalamiento",
        "Nivel",
        "Punto de contacto",
        "Cronología",
        "Respuesta",
        "Disparador",
        "Contacto",
    ),
}


def labels(language: str) -> Labels:
    if language not in LABELS:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    return LABELS[language]


@dataclass(frozen=True)
class SheetRow:
    """One row of the Matrix sheet: its label (column A), one text per level, and its
    kind for styling: header, contact, timeline, priority or category."""

    label: str
    cells: tuple[str, ...]
    kind: str


def level_header(matrix: Matrix, index: int, language: str) -> str:
    word = f"{labels(language).level_word} {index + 1}"
    name = matrix.levels[index].name
    return word if name.strip() == word else f"{word}\n{name}"


def _localised_cell(text: str, words: Labels) -> str:
    """A category cell of :mod:`escmatrix.output.grid` with its headings translated."""
    lines = []
    for line in text.split("\n"):
        if line == "Response:":
            line = f"{words.response}:"
        elif line == "Trigger:":
            line = f"{words.trigger}:"
        elif line.startswith("Contact: "):
            line = f"{words.functional}: {line[len('Contact: ') :]}"
        lines.append(line)
    return "\n".join(lines)


def matrix_sheet_rows(matrix: Matrix, language: str = "en") -> list[SheetRow]:
    """The Matrix sheet as text, header first (the same cells as the terminal table,
    in ``language``)."""
    words = labels(language)
    levels = matrix.levels
    rows = [
        SheetRow(
            words.level,
            tuple(level_header(matrix, i, language) for i in range(len(levels))),
            "header",
        ),
        SheetRow(
            words.contact, tuple(contact_names(matrix, lvl.contacts) for lvl in levels), "contact"
        ),
        *(
            SheetRow(row.label, row.cells, row.kind)
            for row in timeline_rows(matrix, language, words.timeline)
        ),
    ]
    for category in matrix.categories:
        on_path = frozenset(matrix.path(category))
        cells = tuple(
            _localised_cell(category_cell(matrix, category, level.id, on_path), words)
            for level in levels
        )
        rows.append(SheetRow(category.name, cells, "category"))
    return rows


# --- detail sheets ------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    header: str
    width: int
    note: str = ""  # shown as the header cell's comment: how to fill the column
    wrap: bool = False


DETAIL_SHEETS: dict[str, tuple[Column, ...]] = {
    "Levels": (
        Column("ID", 10, "Level id, unique (L1, L2 …). Rows are the levels, lowest first."),
        Column("Name", 30),
        Column("Contacts", 22, "Contact ids (see Contacts), one per line.", wrap=True),
        Column("Window", 14, "How long a ticket may stay: 15m..30m, 2h, 1bd..2bd or resolution."),
        Column("Calendar", 12, "Calendar id the window counts in (empty: the default)."),
        Column("Priority windows", 22, "One per line: P1: 5m..10m", wrap=True),
        Column("Description", 40, wrap=True),
    ),
    "Contacts": (
        Column("ID", 18, "Contact id, unique."),
        Column("Name", 28),
        Column("Kind", 10, "person, team or external."),
        Column("Role", 26),
        Column("Email", 28),
        Column("Phone", 18),
        Column("Channels", 16, "One per line: phone, chat, ticket-queue …", wrap=True),
        Column("Calendar", 12, "Calendar id: when the contact can be reached."),
        Column("Deputy", 14, "Contact id reached instead while this one is not reachable."),
        Column(
            "Outside hours",
            12,
            "deputy: a page outside the contact's hours goes to the deputy (waits when there"
            " is none); wait: it waits for the opening.",
        ),
        Column(
            "Rotation members",
            18,
            "On-call rotation: contact ids in turn, one per line.",
            wrap=True,
        ),
        Column("Rotation every", 10, "Length of a turn: 12h, 1d, 1w, 2w."),
        Column("Rotation handoff", 12, "Weekday and time of the handoff: mon 09:00."),
        Column("Rotation start", 12, "Date the first member's first turn begins, YYYY-MM-DD."),
        Column(
            "Rotation overrides",
            34,
            "One per line: member from to, e.g. bob 2026-03-02T09:00 2026-03-09T09:00",
            wrap=True,
        ),
        Column("Schedule", 18, "An iCalendar (.ics) file beside the matrix: its shifts."),
        Column("Description", 40, wrap=True),
    ),
    "Triggers": (
        Column("ID", 20, "Trigger id, unique. Rows keep their order."),
        Column("Name", 40, wrap=True),
        Column("Events", 22, "Event names in ticket logs, one per line.", wrap=True),
        Column("Escalate", 10, "next, a number of levels up, a level id, or none (only notify)."),
        Column("Notify", 18, "Contact ids to inform, one per line.", wrap=True),
        Column("Scope", 8, "cell (armed where a category cell lists it) or any."),
        Column("Description", 40, wrap=True),
    ),
    "Categories": (
        Column("ID", 20, "Category id, unique. Rows keep their order."),
        Column("Name", 40, wrap=True),
        Column("Kind", 13, "hierarchical, functional, priority or automatic."),
        Column("Path", 12, "Level ids the category goes through, one per line.", wrap=True),
        Column("Functional contacts", 28, "One per line: L2: billing-team", wrap=True),
        Column("Description", 40, wrap=True),
    ),
    "Cells": (
        Column("Category", 20, "Category id."),
        Column("Level", 10, "Level id."),
        Column("Part", 10, "response or trigger."),
        Column("Text", 60, "A response, or a trigger id; one per row, in order.", wrap=True),
    ),
    "Priorities": (
        Column("ID", 10, "Priority id, unique."),
        Column("Name", 20),
        Column("Start", 10, "Level id a ticket of this priority starts at (empty: the first)."),
        Column("Scale", 10, "Multiplies every window (0.5: twice as fast); empty: 1."),
        Column("Description", 40, wrap=True),
    ),
    "Calendars": (
        Column("ID", 14, "Calendar id, unique."),
        Column("Name", 24),
        Column("Time zone", 18),
        *(
            Column(
                day, 13, "Working hours, one span per line: 09:00-13:00; empty: closed.", wrap=True
            )
            for day in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
        ),
        Column("Holiday country", 10, "ISO 3166 code (IT, US, BR …) for public holidays."),
        Column("Holiday subdivision", 12),
        Column("Holiday dates", 14, "Extra closed days, YYYY-MM-DD, one per line.", wrap=True),
    ),
}

SETTINGS_SHEET = "Settings"
SETTINGS = (
    ("Format version", "version"),
    ("Name", "name"),
    ("Description", "description"),
    ("Time zone", "timezone"),
    ("Default calendar", "default_calendar"),
    ("Default priority", "default_priority"),
    ("Matrix sheet language", "language"),
)
SETTINGS_INFO = "Exported by"  # informative only; the importer skips it

SHEET_ORDER = (
    MATRIX_SHEET,
    "Levels",
    "Contacts",
    "Triggers",
    "Categories",
    "Cells",
    "Priorities",
    "Calendars",
    SETTINGS_SHEET,
)
