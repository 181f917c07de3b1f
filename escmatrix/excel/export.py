"""Write a matrix to an Excel workbook (``escmatrix export``).

The ``Matrix`` sheet is the call-center template for people; the detail sheets hold the
rest of the matrix so that importing the workbook gives back the same matrix (see
:mod:`escmatrix.excel.layout`). Every text goes in as a text cell, never as a formula,
even when it starts with ``=``, ``+``, ``-`` or ``@``.
"""

from __future__ import annotations

import math
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from escmatrix import __version__
from escmatrix.canonical import matrix_to_dict
from escmatrix.excel.layout import (
    DETAIL_SHEETS,
    MATRIX_SHEET,
    MAX_CELL_CHARS,
    SETTINGS,
    SETTINGS_INFO,
    SETTINGS_SHEET,
    Column,
    labels,
    matrix_sheet_rows,
)
from escmatrix.excel.saving import save
from escmatrix.model import Matrix
from escmatrix.output.grid import OFF_PATH

__all__ = ["ExportError", "build_workbook", "save_workbook", "write_workbook"]

# Characters XML 1.0 (and so a workbook) cannot hold; openpyxl refuses them.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_FORMULA_LIKE = ("=", "+", "-", "@")

_DARK = "1F4E78"
_HEADER_FILL = PatternFill("solid", fgColor=_DARK)
_LABEL_FILL = PatternFill("solid", fgColor="DDEBF7")
_CONTACT_FILL = PatternFill("solid", fgColor="F2F2F2")
_TIMELINE_FILL = PatternFill("solid", fgColor="E2EFDA")
_PRIORITY_FILL = PatternFill("solid", fgColor="F0F7EC")
_WHITE_BOLD = Font(bold=True, color="FFFFFF")
_BOLD = Font(bold=True)
_MUTED = Font(color="808080")
_THIN = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_TOP_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER_WRAP = Alignment(wrap_text=True, vertical="center", horizontal="center")
_LINE_POINTS = 15.0  # height of one line of 11-point text


class ExportError(ValueError):
    """A matrix value that a workbook cannot hold (control characters, over-long text)."""


class _Writer:
    """Collects warnings about values a workbook changes (empty text, carriage returns)."""

    def __init__(self) -> None:
        self.warnings: list[str] = []

    def text(self, value: str, where: str) -> str:
        match = _ILLEGAL.search(value)
        if match:
            raise ExportError(
                f"{where}: holds the control character U+{ord(match.group()):04X}, which a"
                " workbook cannot store; remove it from the matrix"
            )
        if len(value) > MAX_CELL_CHARS:
            raise ExportError(
                f"{where}: is {len(value)} characters long; an Excel cell holds at most"
                f" {MAX_CELL_CHARS}"
            )
        if "\r" in value:
            self.warn(f"{where}: carriage returns become line breaks in a workbook")
        return value

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def optional(self, value: str | None, where: str) -> str | None:
        if value == "":
            self.warn(f"{where}: empty text is stored as no value in a workbook")
            return None
        return None if value is None else self.text(value, where)

    def lines(self, items: Iterable[str], where: str) -> str:
        items = list(items)
        for index, item in enumerate(items):
            if "\n" in item or "," in item or item != item.strip():
                self.warn(
                    f"{where}[{index}]: {item!r} has a comma, a line break or outer spaces,"
                    " which a list cell cannot keep apart"
                )
        return self.text("\n".join(items), where)


def put(ws: Worksheet, row: int, column: int, value: Any) -> Any:
    """Set one cell; text is always a text cell (never a formula, error or number), and
    text that a spreadsheet would take for a formula gets Excel's quote prefix, so that
    editing the cell in Excel keeps it text."""
    cell = ws.cell(row=row, column=column)
    if value is None or value == "":
        return cell
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(_FORMULA_LIKE):
            cell.quotePrefix = True
    return cell


def _estimated_lines(text: str, width: float) -> int:
    per_line = max(1.0, width * 1.1)
    return sum(max(1, math.ceil(len(line) / per_line)) for line in text.split("\n"))


def _fit_rows(ws: Worksheet, widths: dict[int, float], first_row: int = 1) -> None:
    """Row heights for wrapped text (Excel does not grow rows written by a program)."""
    for row in ws.iter_rows(min_row=first_row):
        lines = 1
        for cell in row:
            if isinstance(cell.value, str):
                lines = max(lines, _estimated_lines(cell.value, widths.get(cell.column, 10)))
        if lines > 1:
            ws.row_dimensions[row[0].row].height = min(409.0, lines * _LINE_POINTS + 3)


def _print_setup(ws: Worksheet, title: str, title_columns: str | None = None) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    if title_columns:
        ws.print_title_cols = title_columns
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    header = title.replace("&", "&&").replace("\n", " ")
    ws.oddHeader.left.text = header[:200]
    ws.oddHeader.right.text = "&A"
    ws.oddFooter.center.text = "Page &P of &N"


def _matrix_sheet(ws: Worksheet, matrix: Matrix, language: str, out: _Writer) -> None:
    rows = matrix_sheet_rows(matrix, language)
    label_width = max(
        [18.0] + [min(40.0, len(line) + 2.0) for row in rows for line in row.label.split("\n")]
    )
    widths = {1: label_width}
    for column in range(2, len(matrix.levels) + 2):
        longest = max(
            (len(line) for row in rows for line in row.cells[column - 2].split("\n")), default=10
        )
        widths[column] = min(36.0, max(16.0, longest + 2.0))
    fills = {"contact": _CONTACT_FILL, "timeline": _TIMELINE_FILL, "priority": _PRIORITY_FILL}
    for r, row in enumerate(rows, start=1):
        label = put(ws, r, 1, out.text(row.label, f"{MATRIX_SHEET}!A{r}"))
        label.font = _WHITE_BOLD if row.kind == "header" else _BOLD
        label.fill = _HEADER_FILL if row.kind == "header" else _LABEL_FILL
        label.alignment = (
            _TOP_WRAP if row.kind == "category" else Alignment(wrap_text=True, vertical="center")
        )
        label.border = _BORDER
        for c, text in enumerate(row.cells, start=2):
            where = f"{MATRIX_SHEET}!{get_column_letter(c)}{r}"
            cell = put(ws, r, c, out.text(text, where))
            cell.border = _BORDER
            if row.kind == "header":
                cell.font, cell.fill, cell.alignment = _WHITE_BOLD, _HEADER_FILL, _CENTER_WRAP
            elif text == OFF_PATH:
                cell.font, cell.alignment = _MUTED, _CENTER_WRAP
            elif row.kind in fills:
                cell.fill = fills[row.kind]
                cell.alignment = _CENTER_WRAP
                if row.kind == "timeline":
                    cell.font = _BOLD
            else:
                cell.alignment = _TOP_WRAP
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = width
    _fit_rows(ws, widths)
    ws.freeze_panes = "B2"
    _print_setup(ws, matrix.name, "A:A")


def _table(
    ws: Worksheet, columns: tuple[Column, ...], rows: list[list[Any]], choices: dict[str, str]
) -> None:
    """A detail table: styled header with notes, one row per item, filters, frozen header."""
    widths: dict[int, float] = {}
    for c, column in enumerate(columns, start=1):
        cell = put(ws, 1, c, column.header)
        cell.font, cell.fill, cell.alignment, cell.border = (
            _WHITE_BOLD,
            _HEADER_FILL,
            _CENTER_WRAP,
            _BORDER,
        )
        if column.note:
            cell.comment = Comment(column.note, "escmatrix", width=260, height=70)
        longest = max(
            (
                len(line)
                for row in rows
                if isinstance(row[c - 1], str)
                for line in row[c - 1].split("\n")
            ),
            default=0,
        )
        widths[c] = float(min(60, max(column.width, longest + 2 if not column.wrap else 0)))
        ws.column_dimensions[get_column_letter(c)].width = widths[c]
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            cell = put(ws, r, c, value)
            cell.border = _BORDER
            cell.alignment = _TOP_WRAP
    last = get_column_letter(len(columns))
    ws.auto_filter.ref = f"A1:{last}{max(2, len(rows) + 1)}"
    ws.freeze_panes = "B2"
    for header, options in choices.items():
        index = [column.header for column in columns].index(header) + 1
        letter = get_column_letter(index)
        validation = DataValidation(type="list", formula1=f'"{options}"', allow_blank=True)
        validation.error = f"Choose one of: {options.replace(',', ', ')}"
        validation.showErrorMessage = True
        ws.add_data_validation(validation)
        validation.add(f"{letter}2:{letter}{max(len(rows) + 1, 500)}")
    _fit_rows(ws, widths, first_row=2)
    _print_setup(ws, ws.title)


def _detail_rows(data: dict[str, Any], out: _Writer) -> dict[str, list[list[Any]]]:
    """The rows of every detail sheet, from the canonical form of the matrix."""
    text, optional, lines = out.text, out.optional, out.lines
    levels = []
    for i, level in enumerate(data["levels"]):
        where = f"levels[{i}]"
        window = level["window"]
        default = window["default"] if isinstance(window, dict) else window
        by_priority = (
            [f"{key}: {value}" for key, value in window.items() if key != "default"]
            if isinstance(window, dict)
            else []
        )
        levels.append(
            [
                text(level["id"], f"{where}.id"),
                text(level["name"], f"{where}.name"),
                "\n".join(level["contacts"]),
                default,
                level["calendar"],
                "\n".join(by_priority),
                optional(level["description"], f"{where}.description"),
            ]
        )
    contacts = []
    for contact_id, contact in data["contacts"].items():
        where = f"contacts.{contact_id}"
        contacts.append(
            [
                contact_id,
                text(contact["name"], f"{where}.name"),
                contact["kind"],
                optional(contact["role"], f"{where}.role"),
                optional(contact["email"], f"{where}.email"),
                optional(contact["phone"], f"{where}.phone"),
                lines(contact["channels"], f"{where}.channels"),
                contact["calendar"],
                contact["deputy"],
                contact["outside_hours"],
                *_rotation_cells(contact["rotation"]),
                optional(contact["schedule"], f"{where}.schedule"),
                optional(contact["description"], f"{where}.description"),
            ]
        )
    triggers = []
    for i, trigger in enumerate(data["triggers"]):
        where = f"triggers[{i}]"
        triggers.append(
            [
                trigger["id"],
                text(trigger["name"], f"{where}.name"),
                "\n".join(trigger["event"]),
                trigger["escalate"],
                "\n".join(trigger["notify"]),
                trigger["scope"],
                optional(trigger["description"], f"{where}.description"),
            ]
        )
    categories, cells = [], []
    for i, category in enumerate(data["categories"]):
        where = f"categories[{i}]"
        functional = [f"{level}: {', '.join(ids)}" for level, ids in category["contacts"].items()]
        categories.append(
            [
                category["id"],
                text(category["name"], f"{where}.name"),
                category["kind"],
                "\n".join(category["path"]),
                "\n".join(functional),
                optional(category["description"], f"{where}.description"),
            ]
        )
        for level_id, cell in category["cells"].items():
            for j, response in enumerate(cell["response"]):
                response = text(response, f"{where}.cells.{level_id}.response[{j}]")
                cells.append([category["id"], level_id, "response", response])
            for trigger_id in cell["triggers"]:
                cells.append([category["id"], level_id, "trigger", trigger_id])
    priorities = [
        [
            key,
            optional(p["name"], f"priorities.{key}.name"),
            p["start"],
            p["scale"],
            optional(p["description"], f"priorities.{key}.description"),
        ]
        for key, p in data["priorities"].items()
        if key != "default"
    ]
    calendars = []
    for cal_id, cal in data["calendars"].items():
        holidays = cal["holidays"]
        calendars.append(
            [
                cal_id,
                optional(cal["name"], f"calendars.{cal_id}.name"),
                cal["timezone"],
                *("\n".join(cal["week"][day]) for day in cal["week"]),
                holidays["country"],
                holidays["subdivision"],
                "\n".join(holidays["dates"]),
            ]
        )
    return {
        "Levels": levels,
        "Contacts": contacts,
        "Triggers": triggers,
        "Categories": categories,
        "Cells": cells,
        "Priorities": priorities,
        "Calendars": calendars,
    }


def _rotation_cells(rotation: dict[str, Any] | None) -> list[str | None]:
    """Members, every, handoff, start and overrides of a rotation (canonical form)."""
    if rotation is None:
        return [None] * 5
    overrides = [f"{o['member']} {o['from']} {o['to']}" for o in rotation["overrides"]]
    return [
        "\n".join(rotation["members"]),
        rotation["every"],
        rotation["handoff"],
        rotation["start"],
        "\n".join(overrides) or None,
    ]


_CHOICES = {
    "Contacts": {"Kind": "person,team,external", "Outside hours": "deputy,wait"},
    "Triggers": {"Scope": "cell,any"},
    "Categories": {"Kind": "hierarchical,functional,priority,automatic"},
    "Cells": {"Part": "response,trigger"},
}


def _settings(ws: Worksheet, data: dict[str, Any], language: str, out: _Writer) -> None:
    values = {**data, "default_priority": data["priorities"]["default"], "language": language}
    rows: list[list[Any]] = []
    for label, key in SETTINGS:
        value = values.get(key)
        if key == "name":
            value = out.text(str(value), "name")
        elif key == "description":
            value = out.optional(value, "description")
        rows.append([label, value])
    rows.append([SETTINGS_INFO, f"escmatrix {__version__}"])
    _table(ws, (Column("Setting", 24), Column("Value", 60, wrap=True)), rows, {})
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = None


def build_workbook(matrix: Matrix, language: str = "en") -> tuple[Workbook, list[str]]:
    """The workbook for ``matrix`` and the warnings about values it cannot keep exactly.
    Raises :class:`ExportError` for values it cannot hold at all."""
    labels(language)  # unknown language: ValueError before any work
    out = _Writer()
    data = matrix_to_dict(matrix)
    out.text(data["name"], "name")
    out.optional(data["description"], "description")
    details = _detail_rows(data, out)  # checks every text, naming it by its place in the matrix
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = MATRIX_SHEET
    sheet.sheet_properties.tabColor = _DARK
    _matrix_sheet(sheet, matrix, language, _Writer())  # its texts were checked above
    for name, rows in details.items():
        _table(workbook.create_sheet(name), DETAIL_SHEETS[name], rows, _CHOICES.get(name, {}))
    _settings(workbook.create_sheet(SETTINGS_SHEET), data, language, out)
    workbook.properties.title = out.text(matrix.name, "name")[:255]
    workbook.properties.creator = f"escmatrix {__version__}"
    workbook.active = 0
    return workbook, out.warnings


def save_workbook(matrix: Matrix, stream: IO[bytes], language: str = "en") -> list[str]:
    """Write the workbook to a binary stream; returns the warnings."""
    workbook, warnings = build_workbook(matrix, language)
    save(workbook, stream)
    return warnings


def write_workbook(matrix: Matrix, path: str | os.PathLike[str], language: str = "en") -> list[str]:
    """Write the workbook to ``path`` through a temporary file beside it, so that a failed
    export leaves no partial file and never replaces ``path`` half-written."""
    workbook, warnings = build_workbook(matrix, language)
    target = Path(path)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            save(workbook, stream)
        os.chmod(temporary, target.stat().st_mode & 0o777 if target.exists() else 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return warnings
