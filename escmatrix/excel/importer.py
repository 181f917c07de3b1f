"""Read a matrix from an Excel workbook (``escmatrix import``).

Two kinds of workbook are read:

- **escmatrix exports**: the detail sheets (``Levels``, ``Contacts``, ``Triggers``,
  ``Categories``, ``Cells``, ``Priorities``, ``Calendars``, ``Settings``) give back the
  exported matrix exactly; the ``Matrix`` sheet is only compared with them, and a cell
  that was changed after the export is reported, since the detail sheets win;
- **hand-made sheets** in the call-center template layout (see
  :mod:`escmatrix.excel.template`).

Every non-empty cell that cannot be placed in the matrix is reported as a
:class:`Problem` (``Sheet!B7: …``), never dropped silently. The matrix comes back as the
canonical form plus notes for the YAML writer, and as tidy YAML checked by the validator.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from escmatrix.durations import DurationError, format_window, parse_window
from escmatrix.excel.layout import (
    DETAIL_SHEETS,
    LANGUAGES,
    MATRIX_SHEET,
    SETTINGS,
    SETTINGS_INFO,
    SETTINGS_SHEET,
    matrix_sheet_rows,
)
from escmatrix.excel.sheets import Book, Sheet, WorkbookError, cell_text
from escmatrix.findings import DocPath
from escmatrix.model import ALWAYS, WEEKDAYS
from escmatrix.validation import Report, check_text

__all__ = ["ImportResult", "Problem", "WorkbookError", "import_workbook"]

MAX_REPORTED_PER_SHEET = 25


@dataclass(frozen=True)
class Problem:
    """A cell (or a sheet) that could not be placed in the matrix, or was read by guessing."""

    where: str  # Matrix!B7
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class Reading:
    """What a reader makes of a workbook: the canonical form, notes for the YAML writer,
    and the problems found."""

    data: dict[str, Any]
    notes: dict[DocPath, list[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    language: str | None = None  # the Matrix sheet's language, for exports

    def note(self, path: DocPath, text: str) -> None:
        self.notes.setdefault(path, []).append(text)

    def problem(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message))


@dataclass
class ImportResult:
    source: str
    kind: str  # "export" or "template"
    data: dict[str, Any]
    yaml: str
    report: Report
    problems: list[Problem]
    messages: list[str]  # notes from the reader that are not about cells


def report_sheet(
    reading: Reading, sheet: Sheet, positions: list[tuple[int, int]], why: str
) -> None:
    """Report cells that were not placed, at most :data:`MAX_REPORTED_PER_SHEET` a sheet."""
    positions = sorted(positions)
    for row, column in positions[:MAX_REPORTED_PER_SHEET]:
        text = sheet.formulas.get((row, column)) or cell_text(sheet.values.get((row, column)))
        reading.problem(sheet.ref(row, column), f"{why}: {_quoted(text)}")
    if len(positions) > MAX_REPORTED_PER_SHEET:
        reading.problem(
            f"{sheet.title}", f"… and {len(positions) - MAX_REPORTED_PER_SHEET} more cells {why}"
        )


def _quoted(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 1] + "…")


def report_formulas(reading: Reading, sheet: Sheet) -> None:
    for (row, column), formula in sorted(sheet.formulas.items()):
        reading.problem(
            sheet.ref(row, column),
            f"formula {_quoted(formula)} has no saved value (the file was never recalculated);"
            " open and save it in Excel, or type the text in",
        )


# --- escmatrix exports: the detail sheets -------------------------------------------------


def is_export(book: Book) -> bool:
    if "Levels" not in book.sheet_names:
        return False
    header = _header(book.sheet("Levels"))
    return {"id", "name", "window"} <= set(header.values())


def _header(sheet: Sheet) -> dict[int, str]:
    return {
        column: cell_text(value).strip().lower()
        for (row, column), value in sheet.values.items()
        if row == 1
    }


class _Table:
    """A detail sheet: header row 1, one item per row."""

    def __init__(self, reading: Reading, sheet: Sheet) -> None:
        self.sheet = sheet
        known = {column.header.lower(): column.header for column in DETAIL_SHEETS[sheet.title]}
        self.columns: dict[str, int] = {}
        for column, text in sorted(_header(sheet).items()):
            if text in known and known[text] not in self.columns:
                self.columns[known[text]] = column
        placed = set(self.columns.values())
        stray = [(row, column) for row, column in sheet.positions() if column not in placed]
        if stray:
            report_sheet(reading, sheet, stray, "not under a known column heading")
        report_formulas(reading, sheet)
        rows = sorted({row for row, _ in sheet.values if row > 1})
        self.rows = rows

    def raw(self, row: int, header: str) -> Any:
        column = self.columns.get(header)
        return None if column is None else self.sheet.values.get((row, column))

    def text(self, row: int, header: str) -> str | None:
        """Exact text (free text is kept as written), or None for an empty cell."""
        value = self.raw(row, header)
        return None if value is None else cell_text(value)

    def token(self, row: int, header: str) -> str | None:
        """An id or keyword: outer spaces dropped."""
        value = self.text(row, header)
        return value.strip() or None if value is not None else None

    def items(self, row: int, header: str) -> list[str]:
        """A list cell: one item a line (commas separate items too)."""
        value = self.text(row, header)
        if value is None:
            return []
        return [item.strip() for item in re.split(r"[\n,]", value) if item.strip()]

    def ref(self, row: int, header: str) -> str:
        return self.sheet.ref(row, self.columns.get(header, 1))

    def row_id(
        self, reading: Reading, row: int, kind: str, taken: Collection[str] = ()
    ) -> str | None:
        """The row's ID; or, for a row without one or with an ID in ``taken``, None after
        reporting every cell of the row as not placed."""
        found = self.token(row, "ID")
        if found is not None and found not in taken:
            return found
        why = "in a row without an ID" if found is None else f"{kind} ID {found!r} is taken"
        report_sheet(reading, self.sheet, [p for p in self.sheet.positions() if p[0] == row], why)
        return None


def _window_text(text: str | None, where: str, reading: Reading) -> str:
    if text is None:
        reading.problem(where, "no window; the level waits for resolution")
        return "resolution"
    try:
        return format_window(parse_window(text))
    except DurationError as error:
        reading.problem(
            where, f"cannot read window {text!r} ({error}); the level waits for resolution"
        )
        return "resolution"


def _read_levels(reading: Reading, table: _Table) -> list[dict[str, Any]]:
    levels = []
    for row in table.rows:
        level_id = table.row_id(reading, row, "level")
        if level_id is None:
            continue
        default = _window_text(table.text(row, "Window"), table.ref(row, "Window"), reading)
        window: Any = default
        by_priority: dict[str, str] = {}
        for line in table.items(row, "Priority windows"):
            key, sep, value = line.partition(":")
            if not sep or not key.strip():
                reading.problem(
                    table.ref(row, "Priority windows"),
                    f"{line!r} is not 'PRIORITY: WINDOW'; skipped",
                )
                continue
            by_priority[key.strip()] = _window_text(
                value.strip(), table.ref(row, "Priority windows"), reading
            )
        if by_priority:
            window = {"default": default, **dict(sorted(by_priority.items()))}
        levels.append(
            {
                "id": level_id,
                "name": _required(
                    table.text(row, "Name"), level_id, table.ref(row, "Name"), reading
                ),
                "contacts": table.items(row, "Contacts"),
                "window": window,
                "calendar": table.token(row, "Calendar"),
                "description": table.text(row, "Description"),
            }
        )
    return levels


def _required(value: str | None, fallback: str, where: str, reading: Reading) -> str:
    if value is None:
        reading.problem(where, f"no name; using the id {fallback!r}")
        return fallback
    return value


def _choice(
    value: str | None, choices: tuple[str, ...], default: str, where: str, reading: Reading
) -> str:
    if value is None:
        return default
    if value.lower() in choices:
        return value.lower()
    reading.problem(where, f"{value!r} is not one of {', '.join(choices)}; using {default}")
    return default


def _read_contacts(reading: Reading, table: _Table) -> dict[str, Any]:
    contacts: dict[str, Any] = {}
    for row in table.rows:
        contact_id = table.row_id(reading, row, "contact", contacts)
        if contact_id is None:
            continue
        contacts[contact_id] = {
            "name": _required(table.text(row, "Name"), contact_id, table.ref(row, "Name"), reading),
            "kind": _choice(
                table.token(row, "Kind"),
                ("person", "team", "external"),
                "person",
                table.ref(row, "Kind"),
                reading,
            ),
            "role": table.text(row, "Role"),
            "email": table.text(row, "Email"),
            "phone": table.text(row, "Phone"),
            "channels": table.items(row, "Channels"),
            "calendar": table.token(row, "Calendar"),
            "deputy": table.token(row, "Deputy"),
            "outside_hours": _choice(
                table.token(row, "Outside hours"),
                ("deputy", "wait"),
                "deputy",
                table.ref(row, "Outside hours"),
                reading,
            ),
            "rotation": _read_rotation(reading, table, row),
            "schedule": table.token(row, "Schedule"),
            "description": table.text(row, "Description"),
        }
    return dict(sorted(contacts.items()))


def _read_rotation(reading: Reading, table: _Table, row: int) -> dict[str, Any] | None:
    """The rotation columns of a contact row, or None when they are empty."""
    members = table.items(row, "Rotation members")
    every = table.token(row, "Rotation every")
    handoff = table.token(row, "Rotation handoff")
    start = table.token(row, "Rotation start")
    overrides_text = table.text(row, "Rotation overrides")
    if not (members or every or handoff or start or overrides_text):
        return None
    missing = [
        header
        for header, value in (("Rotation every", every), ("Rotation start", start))
        if value is None
    ]
    if every is None or start is None:
        reading.problem(
            table.ref(row, missing[0]),
            f"a rotation needs {' and '.join(h.split()[1] for h in missing)}; the rotation is"
            " left out",
        )
        return None
    overrides = []
    for line in (overrides_text or "").split("\n"):
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 3:
            reading.problem(
                table.ref(row, "Rotation overrides"),
                f"{line.strip()!r} is not 'member from to'; skipped",
            )
            continue
        overrides.append({"member": parts[0], "from": parts[1], "to": parts[2]})
    return {
        "members": members,
        "every": every,
        "handoff": handoff or "00:00",
        "start": start,
        "overrides": overrides,
    }


def _escalate(value: Any, where: str, reading: Reading) -> str | int:
    if value is None:
        return "next"
    if isinstance(value, bool):
        reading.problem(where, f"{value!r} is not next, a number or a level id; using next")
        return "next"
    if isinstance(value, (int, float)):
        if value >= 1 and float(value).is_integer():
            return "next" if int(value) == 1 else int(value)
        reading.problem(where, f"{value!r} is not a whole number of levels; using next")
        return "next"
    text = cell_text(value).strip()
    if re.fullmatch(r"\+\d+", text):
        steps = int(text[1:])
        return "next" if steps == 1 else steps
    return text or "next"


def _read_triggers(reading: Reading, table: _Table) -> list[dict[str, Any]]:
    triggers = []
    for row in table.rows:
        trigger_id = table.row_id(reading, row, "trigger")
        if trigger_id is None:
            continue
        events = table.items(row, "Events")
        if not events:
            reading.problem(table.ref(row, "Events"), f"no event; using {trigger_id!r}")
            events = [trigger_id]
        triggers.append(
            {
                "id": trigger_id,
                "name": _required(
                    table.text(row, "Name"), trigger_id, table.ref(row, "Name"), reading
                ),
                "event": events,
                "escalate": _escalate(
                    table.raw(row, "Escalate"), table.ref(row, "Escalate"), reading
                ),
                "notify": table.items(row, "Notify"),
                "scope": _choice(
                    table.token(row, "Scope"),
                    ("cell", "any"),
                    "cell",
                    table.ref(row, "Scope"),
                    reading,
                ),
                "description": table.text(row, "Description"),
            }
        )
    return triggers


def _read_categories(reading: Reading, table: _Table, level_ids: list[str]) -> list[dict[str, Any]]:
    categories = []
    for row in table.rows:
        category_id = table.row_id(reading, row, "category")
        if category_id is None:
            continue
        functional: dict[str, list[str]] = {}
        for line in (table.text(row, "Functional contacts") or "").split("\n"):
            if not line.strip():
                continue
            level, sep, ids = line.partition(":")
            if not sep or not level.strip():
                reading.problem(
                    table.ref(row, "Functional contacts"),
                    f"{line.strip()!r} is not 'LEVEL: contact, contact'; skipped",
                )
                continue
            functional.setdefault(level.strip(), []).extend(
                item.strip() for item in ids.split(",") if item.strip()
            )
        categories.append(
            {
                "id": category_id,
                "name": _required(
                    table.text(row, "Name"), category_id, table.ref(row, "Name"), reading
                ),
                "kind": _choice(
                    table.token(row, "Kind"),
                    ("hierarchical", "functional", "priority", "automatic"),
                    "hierarchical",
                    table.ref(row, "Kind"),
                    reading,
                ),
                "path": table.items(row, "Path") or list(level_ids),
                "contacts": functional,
                "cells": {},
                "description": table.text(row, "Description"),
            }
        )
    return categories


def _read_cells(reading: Reading, table: _Table, categories: list[dict[str, Any]]) -> None:
    by_id = {category["id"]: category for category in categories}
    for row in table.rows:
        category_id, level_id = table.token(row, "Category"), table.token(row, "Level")
        part = (table.token(row, "Part") or "").lower()
        cells = [p for p in table.sheet.positions() if p[0] == row]
        if category_id not in by_id:
            why = "no category" if category_id is None else f"unknown category {category_id!r}"
            report_sheet(reading, table.sheet, cells, f"not placed ({why})")
            continue
        if level_id is None or part not in ("response", "trigger"):
            why = "no level" if level_id is None else "part is not response or trigger"
            report_sheet(reading, table.sheet, cells, f"not placed ({why})")
            continue
        cell = by_id[category_id]["cells"].setdefault(level_id, {"response": [], "triggers": []})
        if part == "response":
            cell["response"].append(table.text(row, "Text") or "")
        else:
            trigger = table.token(row, "Text")
            if trigger is None:
                reading.problem(table.ref(row, "Text"), "a trigger row without a trigger id")
            else:
                cell["triggers"].append(trigger)


def _scale(value: Any, where: str, reading: Reading) -> int | float | None:
    if value is None:
        return None
    try:
        number = (
            float(cell_text(value).strip().replace(",", "."))
            if isinstance(value, str)
            else float(value)
        )
    except ValueError:
        reading.problem(where, f"scale {value!r} is not a number; ignored")
        return None
    if not number > 0:
        reading.problem(where, f"scale {value!r} must be above 0; ignored")
        return None
    return None if number == 1 else (int(number) if number.is_integer() else number)


def _read_priorities(reading: Reading, table: _Table) -> dict[str, Any]:
    priorities: dict[str, Any] = {}
    for row in table.rows:
        key = table.row_id(reading, row, "priority", {*priorities, "default"})
        if key is None:
            continue
        priorities[key] = {
            "name": table.text(row, "Name"),
            "start": table.token(row, "Start"),
            "scale": _scale(table.raw(row, "Scale"), table.ref(row, "Scale"), reading),
            "description": table.text(row, "Description"),
        }
    return dict(sorted(priorities.items()))


def _read_calendars(reading: Reading, table: _Table, timezone: str) -> dict[str, Any]:
    from escmatrix.loading.matrix import parse_segment

    calendars: dict[str, Any] = {}
    for row in table.rows:
        cal_id = table.row_id(reading, row, "calendar", calendars)
        if cal_id is None:
            continue
        week: dict[str, list[str]] = {}
        for day in WEEKDAYS:
            header = day.capitalize()
            segments = []
            for item in table.items(row, header):
                if item.lower() == "closed":
                    continue
                try:
                    segments.append(parse_segment(item))
                except ValueError as error:
                    reading.problem(table.ref(row, header), f"{error}; skipped")
            week[day] = [str(s) for s in sorted(segments, key=lambda s: s.start)]
        dates = []
        for item in table.items(row, "Holiday dates"):
            import datetime as dt

            try:
                dates.append(dt.date.fromisoformat(item).isoformat())
            except ValueError:
                reading.problem(
                    table.ref(row, "Holiday dates"), f"{item!r} is not a date (YYYY-MM-DD); skipped"
                )
        calendars[cal_id] = {
            "name": table.text(row, "Name"),
            "timezone": table.token(row, "Time zone") or timezone,
            "week": week,
            "holidays": {
                "country": table.token(row, "Holiday country"),
                "subdivision": table.token(row, "Holiday subdivision"),
                "dates": sorted(set(dates)),
            },
        }
    return dict(sorted(calendars.items()))


def _read_settings(reading: Reading, sheet: Sheet | None) -> dict[str, Any]:
    settings: dict[str, Any] = {}
    if sheet is None:
        return settings
    keys = {label.lower(): key for label, key in SETTINGS}
    rows = sorted({row for row, _ in sheet.values})
    for row in rows:
        label = cell_text(sheet.values.get((row, 1))).strip()
        cells = [p for p in sheet.positions() if p[0] == row]
        if row == 1 or label == SETTINGS_INFO:
            continue
        if label.lower() not in keys:
            report_sheet(reading, sheet, cells, "not a known setting")
            continue
        stray = [p for p in cells if p[1] > 2]
        if stray:
            report_sheet(reading, sheet, stray, "beside a setting's value")
        value = sheet.values.get((row, 2))
        settings[keys[label.lower()]] = value
    report_formulas(reading, sheet)
    return settings


def read_export(book: Book) -> Reading:
    """The matrix from the detail sheets of an escmatrix export."""
    reading = Reading({})
    sheets = {name: book.sheet(name) for name in book.sheet_names}
    settings = _read_settings(reading, sheets.get(SETTINGS_SHEET))
    tables = {name: _Table(reading, sheets[name]) for name in DETAIL_SHEETS if name in sheets}
    timezone = cell_text(settings.get("timezone")).strip() or "UTC"

    def table(name: str) -> _Table | None:
        return tables.get(name)

    def use(name: str, read: Callable[[_Table], Any], empty: Any) -> Any:
        found = table(name)
        return read(found) if found is not None else empty

    levels = use("Levels", lambda t: _read_levels(reading, t), [])
    level_ids = [level["id"] for level in levels]
    categories = use("Categories", lambda t: _read_categories(reading, t, level_ids), [])
    if "Cells" in tables:
        _read_cells(reading, tables["Cells"], categories)
    for category in categories:
        category["cells"] = {
            level: cell
            for level, cell in category["cells"].items()
            if cell["response"] or cell["triggers"]
        }
    default_priority = cell_text(settings.get("default_priority")).strip() or None
    version = settings.get("version", 1)
    if cell_text(version).strip() not in ("1", ""):
        reading.problem(
            f"{SETTINGS_SHEET}", f"format version {version!r} is not 1; read as version 1"
        )
    name = settings.get("name")
    reading.data = {
        "version": 1,
        "name": cell_text(name) if name is not None else Path(book.source).stem,
        "description": None
        if settings.get("description") is None
        else cell_text(settings["description"]),
        "timezone": timezone,
        "default_calendar": cell_text(settings.get("default_calendar")).strip() or ALWAYS,
        "calendars": use("Calendars", lambda t: _read_calendars(reading, t, timezone), {}),
        "contacts": use("Contacts", lambda t: _read_contacts(reading, t), {}),
        "levels": levels,
        "priorities": {
            "default": default_priority,
            **use("Priorities", lambda t: _read_priorities(reading, t), {}),
        },
        "triggers": use("Triggers", lambda t: _read_triggers(reading, t), []),
        "categories": categories,
    }
    reading.language = _matrix_language(settings, sheets.get(MATRIX_SHEET))
    for name, sheet in sheets.items():
        if name not in DETAIL_SHEETS and name not in (MATRIX_SHEET, SETTINGS_SHEET):
            report_sheet(reading, sheet, sheet.positions(), "not read (an unknown sheet)")
    return reading


def compare_matrix_sheet(reading: Reading, sheet: Sheet, rows: list[list[str]]) -> None:
    """Report every cell of the Matrix sheet that differs from what the detail sheets give
    (the Matrix sheet, or a detail sheet, was changed after the export): the detail sheets
    win, so a change made only on the Matrix sheet is not imported."""
    expected: dict[tuple[int, int], str] = {}
    for r, values in enumerate(rows, start=1):
        for c, text in enumerate(values, start=1):
            if text:
                expected[(r, c)] = text
    found = {p: cell_text(v) for p, v in sheet.values.items()}
    for position in sorted(set(expected) | set(found) | set(sheet.formulas)):
        want = expected.get(position, "")
        have = sheet.formulas.get(position) or found.get(position, "")
        if want == have:
            continue
        gives = f"give {_quoted(want)}" if want else "leave it empty"
        reading.problem(
            sheet.ref(*position),
            f"{_quoted(have) if have else 'empty'}, but the detail sheets {gives}; the detail"
            " sheets win, so a change made only on this sheet is not imported",
        )


def _matrix_language(settings: dict[str, Any], sheet: Sheet | None) -> str:
    """The language of the Matrix sheet: from the settings, else from its first label."""
    from escmatrix.excel.layout import LABELS

    language = cell_text(settings.get("language")).strip().lower()
    if language in LANGUAGES:
        return language
    first = cell_text(sheet.values.get((1, 1))).strip() if sheet is not None else ""
    return next((code for code, words in LABELS.items() if words.level == first), "en")


# --- the whole import ------------------------------------------------------------------------


def import_workbook(
    path: str | os.PathLike[str] | bytes, yaml_name: str = "<imported>", name: str | None = None
) -> ImportResult:
    """Read the matrix in the workbook at ``path`` (or in ``path`` when it is the bytes of
    a workbook, called ``name`` in messages).

    Raises :class:`WorkbookError` for a file that is not a readable workbook, or that holds
    no escalation matrix. ``yaml_name`` names the YAML in validation findings."""
    from escmatrix.excel.template import read_template
    from escmatrix.output.yaml_writer import matrix_yaml

    with Book(path, name) as book:
        source = book.source
        kind = "export" if is_export(book) else "template"
        reading = read_export(book) if kind == "export" else read_template(book)
        file_name = Path(source).name
        header = [
            f"Imported from {file_name} by escmatrix import"
            + (" (an escmatrix export)." if kind == "export" else " (a hand-made sheet)."),
            *reading.header,
        ]
        yaml_text = matrix_yaml(reading.data, header=header, notes=reading.notes)
        report = check_text(yaml_text, yaml_name)
        if kind == "export" and report.matrix is not None and MATRIX_SHEET in book.sheet_names:
            grid = [
                [row.label, *row.cells]
                for row in matrix_sheet_rows(report.matrix, reading.language or "en")
            ]
            compare_matrix_sheet(reading, book.sheet(MATRIX_SHEET), grid)
        messages = list(book.messages)
        found = sorted(reading.problems, key=lambda p: _problem_order(p, book.sheet_names))
    return ImportResult(source, kind, reading.data, yaml_text, report, found, messages)


def _problem_order(problem: Problem, names: list[str]) -> tuple[int, int, int]:
    """Problems in workbook order: by sheet, then row, then column."""
    sheet, _, cell = problem.where.rpartition("!")
    if not sheet:
        sheet, cell = problem.where, ""
    sheet = sheet.strip("'").replace("''", "'")
    index = names.index(sheet) if sheet in names else len(names)
    match = re.fullmatch(r"([A-Z]+)(\d+)", cell)
    if not match:
        return index, 0, 0
    column = 0
    for ch in match.group(1):
        column = column * 26 + ord(ch) - 64
    return index, int(match.group(2)), column
