"""Write a matrix to an Excel workbook (``escmatrix export``).

The ``Matrix`` sheet is the call-center template for people; the detail sheets hold the
rest of the matrix so that importing the workbook gives back the same matrix (see
:mod:`escmatrix.excel.layout`). Every text goes in as a text cell, never as a formula,
even when it starts with ``=``, ``+``, ``-`` or ``@``.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

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
    SheetRow,
    labels,
    matrix_sheet_rows,
)
from escmatrix.excel.writer import (
    DARK,
    EXCEL_COLUMNS,
    EXCEL_ROWS,
    ILLEGAL,
    Book,
    CellStyle,
    Style,
    estimated_lines,
    excel_length,
    row_height,
)
from escmatrix.model import Matrix
from escmatrix.output.grid import OFF_PATH

__all__ = ["ExportError", "MatrixWorkbook", "build_workbook", "save_workbook", "write_workbook"]

_BORDER: Style = {"border": 1, "border_color": "#BFBFBF"}
_HEADER_FILL: Style = {"bg_color": DARK, "pattern": 1}
_WHITE_BOLD: Style = {"bold": True, "font_color": "#FFFFFF"}
_BOLD: Style = {"bold": True}
_MUTED: Style = {"font_color": "#808080"}
_TOP_WRAP: Style = {"text_wrap": True, "valign": "top"}
_MIDDLE_WRAP: Style = {"text_wrap": True, "valign": "vcenter"}
_CENTER_WRAP: Style = {"text_wrap": True, "valign": "vcenter", "align": "center"}
_FILLS: dict[str, Style] = {
    "header": _HEADER_FILL,
    "label": {"bg_color": "#DDEBF7", "pattern": 1},
    "contact": {"bg_color": "#F2F2F2", "pattern": 1},
    "timeline": {"bg_color": "#E2EFDA", "pattern": 1},
    "priority": {"bg_color": "#F0F7EC", "pattern": 1},
}
_HEADER: Style = {**_WHITE_BOLD, **_HEADER_FILL, **_CENTER_WRAP, **_BORDER}
_DETAIL_CELL: Style = {**_TOP_WRAP, **_BORDER}


class ExportError(ValueError):
    """A matrix value that a workbook cannot hold (control characters, over-long text)."""


class _Writer:
    """Collects warnings about values a workbook changes (empty text, carriage returns)."""

    def __init__(self) -> None:
        self.warnings: list[str] = []

    def text(self, value: str, where: str) -> str:
        match = ILLEGAL.search(value)
        if match:
            raise ExportError(
                f"{where}: holds the control character U+{ord(match.group()):04X}, which a"
                " workbook cannot store; remove it from the matrix"
            )
        if excel_length(value) > MAX_CELL_CHARS:
            raise ExportError(
                f"{where}: is {excel_length(value)} characters long; an Excel cell holds at"
                f" most {MAX_CELL_CHARS}"
            )
        if "\r" in value:
            self.warn(f"{where}: carriage returns become line breaks in a workbook")
            value = value.replace("\r\n", "\n").replace("\r", "\n")
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


def _matrix_sheet(
    book: Book, matrix: Matrix, rows: Sequence[SheetRow], widths: Sequence[float]
) -> None:
    """The call-center template: levels as columns, one row per category; every cell
    bordered, the rows as tall as their wrapped text."""
    sheet = book.sheet(MATRIX_SHEET)
    sheet.ws.set_tab_color(DARK)
    sheet.set_widths(*widths)
    sheet.freeze(1, 1)
    sheet.print_setup(matrix.name, title_rows=1, title_columns=1)
    style = book.cell_style
    header = style(_HEADER)
    off_path = style({**_MUTED, **_CENTER_WRAP, **_BORDER})
    plain = style({**_TOP_WRAP, **_BORDER})
    kinds = {
        kind: style({**_FILLS[kind], **_CENTER_WRAP, **_BORDER}) for kind in ("contact", "priority")
    }
    kinds["timeline"] = style({**_FILLS["timeline"], **_CENTER_WRAP, **_BORDER, **_BOLD})
    labels_of = {
        "header": header,
        "category": style({**_BOLD, **_FILLS["label"], **_TOP_WRAP, **_BORDER}),
        "other": style({**_BOLD, **_FILLS["label"], **_MIDDLE_WRAP, **_BORDER}),
    }
    for row in rows:
        cell = header if row.kind == "header" else kinds.get(row.kind, plain)
        styles: list[CellStyle] = [labels_of.get(row.kind, labels_of["other"])]
        styles += [off_path if text == OFF_PATH else cell for text in row.cells]
        values = (row.label, *row.cells)
        lines = 1
        for column, text in enumerate(values):
            if text:
                lines = max(lines, estimated_lines(text, widths[column]))
        height = row_height(lines)
        if height is not None:
            sheet.ws.set_row(sheet.row, height)
        sheet.record(values, styles, blanks=True)


def _matrix_widths(rows: Sequence[SheetRow], levels: int) -> list[float]:
    """Column A as wide as the longest label line (18 to 40), each level column as its
    longest line (16 to 36)."""
    label = max([18.0] + [min(40.0, len(line) + 2.0) for r in rows for line in r.label.split("\n")])
    longest = [0] * levels
    for row in rows:
        for index, text in enumerate(row.cells):
            if text:
                size = max(len(line) for line in text.split("\n"))
                if size > longest[index]:
                    longest[index] = size
    return [label, *(min(36.0, max(16.0, size + 2.0)) for size in longest)]


def _table(
    book: Book,
    title: str,
    columns: tuple[Column, ...],
    rows: list[list[Any]],
    choices: dict[str, str],
    filters: bool = True,
) -> None:
    """A detail table: styled header with notes, one row per item, filters, frozen header."""
    sheet = book.sheet(title)
    widths: list[float] = []
    for c, column in enumerate(columns):
        longest = max(
            (len(line) for row in rows if isinstance(row[c], str) for line in row[c].split("\n")),
            default=0,
        )
        widths.append(float(min(60, max(column.width, longest + 2 if not column.wrap else 0))))
    sheet.set_widths(*widths)
    sheet.freeze(1, 0 if not filters else 1)
    sheet.print_setup(title)
    sheet.append([column.header for column in columns], _HEADER)
    for c, column in enumerate(columns):
        if column.note:
            sheet.ws.write_comment(
                0, c, column.note, {"author": "escmatrix", "width": 260, "height": 70}
            )
    for values in rows:
        sheet.append(values, _DETAIL_CELL, blanks=True, fit=True)
    if filters:
        sheet.autofilter(len(columns))
    headers = [column.header for column in columns]
    for header, options in choices.items():
        index = headers.index(header)
        sheet.ws.data_validation(
            1,
            index,
            max(len(rows), 499),
            index,
            {
                "validate": "list",
                "source": options.split(","),
                "ignore_blank": True,
                "error_message": f"Choose one of: {options.replace(',', ', ')}",
            },
        )


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


def _settings_rows(data: dict[str, Any], language: str, out: _Writer) -> list[list[Any]]:
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
    return rows


_SETTINGS_COLUMNS = (Column("Setting", 24), Column("Value", 60, wrap=True))


@dataclass
class MatrixWorkbook:
    """The workbook of a matrix, checked and laid out, ready to be written (:meth:`save`)."""

    matrix: Matrix
    language: str
    grid: list[SheetRow]
    details: dict[str, list[list[Any]]]
    settings: list[list[Any]]
    sheetnames: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.sheetnames = [MATRIX_SHEET, *self.details, SETTINGS_SHEET]

    def save(self, stream: IO[bytes]) -> None:
        """Write the workbook to a binary stream (it gets the workbook whole, at the end)."""
        book = Book(stream)
        try:
            widths = _matrix_widths(self.grid, len(self.matrix.levels))
            _matrix_sheet(book, self.matrix, self.grid, widths)
            for name, rows in self.details.items():
                _table(book, name, DETAIL_SHEETS[name], rows, _CHOICES.get(name, {}))
            _table(book, SETTINGS_SHEET, _SETTINGS_COLUMNS, self.settings, {}, filters=False)
            book.save(self.matrix.name[:255], f"escmatrix {__version__}")
        finally:
            book.discard()


def build_workbook(matrix: Matrix, language: str = "en") -> tuple[MatrixWorkbook, list[str]]:
    """The workbook for ``matrix`` and the warnings about values it cannot keep exactly.
    Raises :class:`ExportError` for values it cannot hold at all (before anything is
    written)."""
    labels(language)  # unknown language: ValueError before any work
    if len(matrix.levels) + 1 > EXCEL_COLUMNS:
        raise ExportError(
            f"the matrix has {len(matrix.levels):,} levels; the Matrix sheet has a column for"
            f" each and an Excel sheet holds {EXCEL_COLUMNS:,} columns (at most"
            f" {EXCEL_COLUMNS - 1:,} levels)"
        )
    out = _Writer()
    data = matrix_to_dict(matrix)
    out.text(data["name"], "name")
    out.optional(data["description"], "description")
    details = _detail_rows(data, out)  # checks every text, naming it by its place in the matrix
    grid = _grid(matrix, language)
    settings = _settings_rows(data, language, out)
    sizes = {MATRIX_SHEET: len(grid), **{name: len(rows) + 1 for name, rows in details.items()}}
    for name, size in sizes.items():
        if size > EXCEL_ROWS:
            raise ExportError(
                f"the {name} sheet would have {size:,} rows; an Excel sheet holds {EXCEL_ROWS:,}"
            )
    return MatrixWorkbook(matrix, language, grid, details, settings), out.warnings


def _grid(matrix: Matrix, language: str) -> list[SheetRow]:
    """The Matrix sheet's rows, their texts as a workbook keeps them (checked above)."""
    quiet = _Writer()
    return [
        SheetRow(
            quiet.text(row.label, MATRIX_SHEET),
            tuple(quiet.text(text, MATRIX_SHEET) for text in row.cells),
            row.kind,
        )
        for row in matrix_sheet_rows(matrix, language)
    ]


def save_workbook(matrix: Matrix, stream: IO[bytes], language: str = "en") -> list[str]:
    """Write the workbook to a binary stream; returns the warnings."""
    workbook, warnings = build_workbook(matrix, language)
    workbook.save(stream)
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
            workbook.save(stream)
        os.chmod(temporary, target.stat().st_mode & 0o777 if target.exists() else 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return warnings
