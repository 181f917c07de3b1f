"""The workbook writer (escmatrix.excel.writer): rows written whole are byte for byte what
XlsxWriter's own cell writing gives, text never becomes a formula, a table over streamed
rows, and temporary files that never outlive the book."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from escmatrix.excel.writer import TIME_FORMAT, Book, excel_length, excel_time

AWKWARD = [
    "plain text",
    "=SUM(A1)",
    "+39 02 0000",
    "-2",
    "@user",
    "#N/A",
    "#DIV/0!",
    "#1 priority",
    "a & b <c> d > e",
    " leading space",
    "trailing space ",
    "line\nbreak",
    "ends with a line break\n",
    "tab\there",
    "carriage\rreturn",
    "bell\x07and\x1f",
    "_x0041_ looks like an escape",
    "_X00a0_",
    "ünïcødé ✓ 😀",
    "\u00a0non-breaking\u2003",
    "é" * 20_000,
]
NUMBERS = [0, 7, -1.5, 1e20, 45_000.25, 123_456_789_012]
TIMES = [
    dt.datetime(2026, 3, 2, 8, 0),
    dt.datetime(1999, 12, 31, 23, 59, 59),
    dt.datetime(1900, 1, 15, 12),
]
STYLE = {"text_wrap": True, "valign": "top", "border": 1}


def rows() -> list[list[Any]]:
    """Rows of text, empty cells, numbers and times in three columns."""
    texts = [*AWKWARD, "", None]
    out = []
    for i, text in enumerate(texts):
        out.append([text, NUMBERS[i % len(NUMBERS)], TIMES[i % len(TIMES)]])
    return out


def sheet_xml(data: bytes, name: str = "xl/worksheets/sheet1.xml") -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)


def write(whole_rows: bool, style: Any = STYLE, heights: bool = True) -> tuple[bytes, Book]:
    stream = io.BytesIO()
    book = Book(stream)
    sheet = book.sheet("Records")
    formats = (None, "0.00", TIME_FORMAT)
    styles = [book.cell_style(style, fmt) for fmt in formats]  # the same formats, in order
    sheet.set_widths(20, 12, 20)
    sheet.freeze(1)
    sheet.append(["Text", "Number", "Time"], {"bold": True})
    for index, values in enumerate(rows()):
        if heights and index % 3 == 0:
            sheet.ws.set_row(sheet.row, 15 * (index % 4 + 1) + 3)
        if whole_rows:
            text, number, time = values
            local = int((time - dt.datetime(1970, 1, 1)).total_seconds()) * 1_000_000
            sheet.record([text, number, excel_time(local)], styles, blanks=True)
        else:
            for column, (value, fmt) in enumerate(zip(values, formats, strict=True)):
                sheet.put(sheet.row, column, value, style, fmt, blanks=True)
            sheet.skip()
    book.save("records", "escmatrix")
    return stream.getvalue(), book


@pytest.mark.parametrize("style", [STYLE, None], ids=["styled", "plain"])
def test_whole_rows_are_what_xlsxwriter_writes_cell_by_cell(style: Any) -> None:
    whole, _ = write(True, style)
    cells, _ = write(False, style)
    assert sheet_xml(whole) == sheet_xml(cells)
    assert sheet_xml(whole, "xl/styles.xml") == sheet_xml(cells, "xl/styles.xml")


def test_text_comes_back_as_text_and_never_a_formula(tmp_path: Path) -> None:
    data, book = write(True)
    path = tmp_path / "w.xlsx"
    path.write_bytes(data)
    ws = openpyxl.load_workbook(path)["Records"]
    got = [ws.cell(row, 1) for row in range(2, len(AWKWARD) + 2)]
    for cell, text in zip(got, AWKWARD, strict=True):
        assert cell.data_type == "s", text
        risky = text.startswith(("=", "+", "-", "@")) or text in ("#N/A", "#DIV/0!")
        assert cell.quotePrefix == risky, text
    assert got[0].value == "plain text" and got[1].value == "=SUM(A1)"
    assert got[15].value == "bell\ufffdand\ufffd"  # control characters a workbook cannot hold
    assert got[20].value == "é" * 20_000
    assert len(book.warnings) == 1 and "control characters" in book.warnings[0]
    assert ws["B2"].value == 0 and ws["B5"].value == 1e20 and ws["B2"].number_format == "0.00"
    assert ws["C2"].value == TIMES[0] and ws["C3"].value == TIMES[1] and ws["C2"].is_date
    assert ws.row_dimensions[2].height == 18
    with zipfile.ZipFile(path) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_text_too_long_for_a_cell_is_cut_with_a_warning() -> None:
    book = Book(io.BytesIO())
    emoji = "😀" * 20_000  # 40,000 UTF-16 units: Excel counts an emoji twice
    assert excel_length(emoji) == 40_000
    cut = book.clean(emoji)
    assert excel_length(cut) == 32_767 and cut.endswith("…") and cut[:-1] == "😀" * 16_383
    assert book.warnings and "longer than an Excel cell" in book.warnings[0]
    book.discard()


def test_a_table_over_streamed_rows(tmp_path: Path) -> None:
    stream = io.BytesIO()
    book = Book(stream)
    sheet = book.sheet("Data")
    styles = [book.cell_style()] * 2
    sheet.append(["Name", "Count"])
    for i in range(5_000):
        sheet.record([f"n{i}", i], styles)
    sheet.table("Data", ["Name", "Count"])
    assert len(sheet.ws.table_cells) <= 4  # the range's cells are not noted one by one
    book.save("t", "escmatrix")
    path = tmp_path / "t.xlsx"
    path.write_bytes(stream.getvalue())
    ws = openpyxl.load_workbook(path)["Data"]
    table = ws.tables["Data"]
    assert table.ref == "A1:B5001" and table.autoFilter.ref == "A1:B5001"
    assert table.column_names == ["Name", "Count"]
    assert ws["A1"].value == "Name" and ws["A5001"].value == "n4999"


def test_temporary_files_never_outlive_the_book(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    stream = io.BytesIO()
    book = Book(stream)
    sheet = book.sheet("S")
    sheet.record(["x"] * 3, [book.cell_style()] * 3)
    sheet.flush()
    assert list(tmp_path.iterdir()) == [Path(book.folder)] and list(Path(book.folder).iterdir())
    assert stream.getvalue() == b""  # nothing before save
    book.save("s", "escmatrix")
    assert list(tmp_path.iterdir()) == [] and zipfile.is_zipfile(io.BytesIO(stream.getvalue()))
    unfinished = Book(io.BytesIO())
    unfinished.sheet("S").append(["y"])
    unfinished.discard()
    unfinished.discard()
    assert list(tmp_path.iterdir()) == []
