"""Open a workbook safely and read its sheets as plain cells.

Before openpyxl sees a file it is checked for what it is: a zip package (``.xlsx``), an
encrypted (password-protected) or legacy ``.xls`` OLE file, or something else, and a zip
whose unpacked size is out of proportion is refused. Workbooks are opened read-only with
cached values (``data_only``); openpyxl uses defusedxml, which refuses XML bombs. Merged
ranges and formulas that have no saved value are read from the sheet XML directly, as
read-only worksheets do not keep them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from escmatrix import limits
from escmatrix.validation import InputError

MAX_FILE_BYTES = limits.WORKBOOK_BYTES
MAX_UNPACKED_BYTES = limits.WORKBOOK_UNPACKED_BYTES
MAX_ROWS = limits.WORKBOOK_ROWS

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


class WorkbookError(InputError):
    """A file that is not a workbook escmatrix can read; the message says why."""


Position = tuple[int, int]  # (row, column), 1-based


def column_letter(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_ref(sheet: str, row: int, column: int) -> str:
    """``Matrix!B7``; a sheet name with spaces or punctuation is quoted as Excel does."""
    name = sheet if re.fullmatch(r"\w+", sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{name}!{column_letter(column)}{row}"


def _parse_ref(ref: str) -> Position:
    match = re.fullmatch(r"\$?([A-Z]+)\$?(\d+)", ref.upper())
    if not match:
        raise ValueError(ref)
    column = 0
    for ch in match.group(1):
        column = column * 26 + ord(ch) - 64
    return int(match.group(2)), column


@dataclass
class Sheet:
    """The non-empty cells of one worksheet, with its merged ranges."""

    title: str
    values: dict[Position, Any] = field(default_factory=dict)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2
    formulas: dict[Position, str] = field(default_factory=dict)  # formulas with no value
    truncated: bool = False

    def ref(self, row: int, column: int) -> str:
        return cell_ref(self.title, row, column)

    def positions(self) -> list[Position]:
        return sorted(set(self.values) | set(self.formulas))


# OOXML escapes a character in cell text as _xHHHH_ (a control character, or the underscore
# of text that looks like an escape: _x005F_x0041_ is the text "_x0041_"); openpyxl keeps
# them as they are, Excel and XlsxWriter do not.
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape(text: str) -> str:
    """Cell text with OOXML's _xHHHH_ escapes read back as the characters they stand for."""
    if "_x" not in text:
        return text
    return _OOXML_ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text)


def cell_text(value: Any) -> str:
    """A cell value as text: numbers without a needless ``.0``, dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        text = value.isoformat()
        return text[:-9] if text.endswith("T00:00:00") else text
    return str(value)


def check_file(path: str | os.PathLike[str]) -> None:
    """Raise :class:`WorkbookError` unless ``path`` looks like an ``.xlsx`` workbook."""
    source = str(path)
    file = Path(path)
    if not file.exists():
        raise WorkbookError(source, "no such file")
    if file.is_dir():
        raise WorkbookError(source, "is a directory, not a workbook")
    size = file.stat().st_size
    if size > MAX_FILE_BYTES:
        raise WorkbookError(
            source, f"is {size // 1024 // 1024} MiB; a matrix workbook is far smaller"
        )
    try:
        with file.open("rb") as stream:
            head = stream.read(8)
            stream.seek(0)
            body = stream.read() if head == _OLE_MAGIC else head
    except OSError as error:
        raise WorkbookError(source, f"cannot be read: {error.strerror}") from None
    check_content(source, body, file)


def check_content(source: str, data: bytes, package: Any = None) -> None:
    """Raise :class:`WorkbookError` unless ``data`` (the file's bytes, or at least its first
    eight for a zip file, then read from ``package``) is an ``.xlsx`` workbook."""
    head = data[:8]
    if head == _OLE_MAGIC:
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise WorkbookError(
                source,
                "is password-protected (encrypted); open it in Excel, remove the password"
                " (File > Info > Protect Workbook) and save it again",
            )
        raise WorkbookError(
            source, "is an Excel 97-2003 workbook (.xls); open it in Excel and save it as .xlsx"
        )
    if not head.startswith(_ZIP_MAGIC):
        raise WorkbookError(source, "is not an Excel workbook (.xlsx)")
    try:
        with zipfile.ZipFile(package if package is not None else io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, NotImplementedError, EOFError) as error:
        # NotImplementedError: a zip of a version Python cannot read (a damaged header)
        raise WorkbookError(source, f"is not an Excel workbook (.xlsx): {error}") from None
    if "xl/workbook.bin" in names:
        raise WorkbookError(source, "is a binary workbook (.xlsb); save it as .xlsx")
    if "xl/workbook.xml" not in names:
        raise WorkbookError(source, "is a zip file but not an Excel workbook (.xlsx)")
    if unpacked > MAX_UNPACKED_BYTES:
        raise WorkbookError(
            source, f"unpacks to {unpacked // 1024 // 1024} MiB; refusing it as a possible zip bomb"
        )


def _scan_xml(archive: zipfile.ZipFile, member: str) -> tuple[list[str], dict[Position, str]]:
    """Merged ranges, and formulas whose cell has no saved value, from a sheet's XML."""
    from defusedxml.ElementTree import iterparse

    merged: list[str] = []
    formulas: dict[Position, str] = {}
    with archive.open(member) as stream:
        for _, element in iterparse(stream, events=("end",)):
            tag = element.tag
            if tag == f"{_MAIN_NS}c":
                formula = element.find(f"{_MAIN_NS}f")
                value = element.find(f"{_MAIN_NS}v")
                if formula is not None and (value is None or not (value.text or "")):
                    with contextlib.suppress(ValueError):
                        formulas[_parse_ref(element.get("r", ""))] = "=" + (formula.text or "")
                element.clear()
            elif tag == f"{_MAIN_NS}mergeCell":
                merged.append(element.get("ref", ""))
            elif tag == f"{_MAIN_NS}row":
                element.clear()
    return merged, formulas


class Book:
    """An open workbook: its sheets in order, read on demand."""

    def __init__(self, path: str | os.PathLike[str] | bytes, name: str | None = None) -> None:
        """Open the workbook at ``path``, or the workbook in ``path`` when it is the bytes of
        one (read from standard input), called ``name`` in messages."""
        import openpyxl

        if isinstance(path, bytes):
            self.source = name or "<stdin>"
            if len(path) > MAX_FILE_BYTES:
                raise WorkbookError(self.source, "is too large for a matrix workbook")
            check_content(self.source, path)
            self._stream: IO[bytes] = io.BytesIO(path)
            package: Any = io.BytesIO(path)
        else:
            self.source = name or str(path)
            check_file(path)
            self._stream = open(path, "rb")  # noqa: SIM115 - read-only sheets read lazily
            package = path
        self.messages: list[str] = []
        self._sheets: dict[str, Sheet] = {}
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                self._book = openpyxl.load_workbook(self._stream, read_only=True, data_only=True)
            self._note(caught)
        except Exception as error:
            self._stream.close()
            raise WorkbookError(
                self.source, f"cannot be read as a workbook: {_reason(error)}"
            ) from None
        self._archive = zipfile.ZipFile(package)
        self.sheet_names: list[str] = list(self._book.sheetnames)
        self.title: str | None = self._book.properties.title if self._book.properties else None

    def _note(self, caught: list[warnings.WarningMessage]) -> None:
        for warning in caught:
            text = f"openpyxl: {warning.message}"
            if text not in self.messages:
                self.messages.append(text)

    def close(self) -> None:
        self._archive.close()
        self._book.close()
        self._stream.close()

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def sheet(self, name: str) -> Sheet:
        """The cells of sheet ``name`` (read once, then kept)."""
        if name not in self._sheets:
            self._sheets[name] = self._read(name)
        return self._sheets[name]

    def _read(self, name: str) -> Sheet:
        worksheet = self._book[name]
        sheet = Sheet(name)
        if not hasattr(worksheet, "iter_rows"):  # a chart sheet
            return sheet
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                worksheet.reset_dimensions()
                for row in worksheet.iter_rows():
                    for cell in row:
                        if cell.value is None or getattr(cell, "row", None) is None:
                            continue
                        if cell.row > MAX_ROWS:
                            sheet.truncated = True
                            break
                        value = cell.value
                        sheet.values[(cell.row, cell.column)] = (
                            unescape(value) if isinstance(value, str) else value
                        )
                    if sheet.truncated:
                        break
            self._note(caught)
            member = getattr(worksheet, "_worksheet_path", None)
            if member:
                merged, formulas = _scan_xml(self._archive, str(member).lstrip("/"))
                for ref in merged:
                    first, _, last = ref.partition(":")
                    try:
                        r1, c1 = _parse_ref(first)
                        r2, c2 = _parse_ref(last or first)
                    except ValueError:
                        continue
                    sheet.merged.append((r1, c1, r2, c2))
                sheet.formulas = {p: f for p, f in formulas.items() if p not in sheet.values}
        except WorkbookError:
            raise
        except Exception as error:
            raise WorkbookError(
                self.source, f"sheet {name!r} cannot be read: {_reason(error)}"
            ) from None
        return sheet

    def sheets(self) -> Iterator[Sheet]:
        for name in self.sheet_names:
            yield self.sheet(name)


def _reason(error: BaseException) -> str:
    """Why openpyxl could not read a file, in one line; XML refused by defusedxml (entity
    expansion, external references: the "billion laughs" bomb) is named as such."""
    cause: BaseException | None = error
    while cause is not None:
        if type(cause).__module__.startswith("defusedxml"):
            return f"it holds XML that is refused as unsafe ({type(cause).__name__})"
        cause = cause.__cause__ or cause.__context__
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__
