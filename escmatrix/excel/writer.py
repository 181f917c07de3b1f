"""Workbooks written for people, with XlsxWriter: the replay's and the audit's reports and
the matrix export (openpyxl stays for reading).

What every workbook escmatrix writes gets from here:

- **Text stays text.** Every string is written as a text cell, never as a formula, a
  number, a link or an error value; text that Excel would take for a formula or an error
  when the cell is edited (beginning with ``=``, ``+``, ``-`` or ``@``, or an error code
  such as ``#N/A``) gets Excel's quote prefix. :meth:`Book.clean` makes any text storable:
  control characters a workbook cannot hold become U+FFFD and text over a cell's 32,767
  characters is cut, each with a warning (the export refuses such text before it gets here).
- **Constant memory.** Every sheet streams its rows into a temporary file as they are
  written (XlsxWriter's ``constant_memory`` mode; rows go in order), inside a temporary
  folder of the book's own, removed when the book is saved or discarded, on every path.
  The package is made in that folder too and copied whole to the output stream at
  :meth:`Book.save`: nothing reaches the stream before the workbook is complete.
- **Whole rows fast.** :meth:`Sheet.record` writes a row of prepared cells straight into
  the sheet's row file, about five times faster than XlsxWriter's ``write_string`` and
  ``write_number`` a cell at a time (their generic checks cost some 5 µs a cell, and a
  report has millions); the XML is byte for byte what those write
  (tests/unit/test_excel_writer.py holds the two to each other, so that an XlsxWriter
  release that changes its cells fails the tests, not a report).
- **Tables over streamed rows**, which XlsxWriter refuses in ``constant_memory`` mode only
  because it would write the header row again: :meth:`Sheet.table` adds one over rows
  already written, header included.
- **Print setup** for every sheet (:meth:`Sheet.print_setup`): landscape, fit to the page
  width, the header rows repeated on every page, the sheet's name and page numbers.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from xlsxwriter import Workbook
from xlsxwriter.utility import xl_col_to_name, xl_range
from xlsxwriter.worksheet import Worksheet

from escmatrix.excel.layout import MAX_CELL_CHARS

__all__ = [
    "EXCEL_COLUMNS",
    "EXCEL_ROWS",
    "Book",
    "Cell",
    "CellStyle",
    "Sheet",
    "excel_length",
    "is_risky",
]

EXCEL_ROWS = 1_048_576  # rows in one worksheet
EXCEL_COLUMNS = 16_384  # columns in one worksheet (A to XFD)
FORMULA_LIKE = ("=", "+", "-", "@")
ERROR_CODES = frozenset(
    ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!", "#CALC!")
)
# Characters XML 1.0 (and so a workbook) cannot hold; tab, line feed and carriage return can.
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
LINE_POINTS = 15.0  # height of one line of 11-point text
MAX_ROW_POINTS = 408.75  # Excel's tallest row (409 points), in whole pixels

# Text that needs more than copying into the cell XML: characters to escape, a leading or
# trailing space (xml:space), an Excel escape look-alike, a formula or error look-alike, or
# text that may be too long; everything else (nearly every cell of a report) is copied.
_CAREFUL = re.compile(r"[\x00-\x1f&<>]|_x[0-9A-Fa-f]{4}_|^[\s=+\-@#]|\s$")
_PLAIN_LENGTH = MAX_CELL_CHARS // 2  # at most two UTF-16 units a character: never too long
# OOXML's escapes, as XlsxWriter writes them: "_xHHHH_" text gets its underscore escaped,
# control characters other than tab and line feed become _xHHHH_.
_ESCAPE_LOOKALIKE = re.compile(r"(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
_LEADING_SPACE = re.compile(r"^\s")
_TRAILING_SPACE = re.compile(r"\s$")

# Styles: XlsxWriter format properties, combined by Book.format.
Style = dict[str, Any]
DARK = "#1F4E78"


def is_risky(text: str) -> bool:
    """Whether a spreadsheet would take ``text``, typed into a cell, for a formula or an
    error value."""
    return text.startswith(FORMULA_LIKE) or text in ERROR_CODES


def excel_length(text: str) -> int:
    """The length of ``text`` as Excel counts it (UTF-16 units: an emoji counts 2)."""
    if len(text) <= _PLAIN_LENGTH:
        return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)
    return len(text.encode("utf-16-le")) // 2


def _cut(text: str, units: int) -> str:
    """The start of ``text`` within ``units`` UTF-16 units, never half a character."""
    data = text.encode("utf-16-le")[: units * 2]
    return data.decode("utf-16-le", errors="ignore")


def estimated_lines(text: str, width: float) -> int:
    """Lines ``text`` takes wrapped in a column ``width`` characters wide."""
    per_line = max(1.0, width * 1.1)
    return sum(max(1, math.ceil(len(line) / per_line)) for line in text.split("\n"))


def row_height(lines: int) -> float | None:
    """The height of a row of ``lines`` lines of wrapped text (None: the default)."""
    if lines <= 1:
        return None
    return min(MAX_ROW_POINTS, lines * LINE_POINTS + 3)


@dataclass(frozen=True)
class Cell:
    """A value for :meth:`Sheet.append` in a style of its own (over the row's)."""

    value: Any
    style: Style | None = None
    num_format: str | None = None


@dataclass(frozen=True)
class CellStyle:
    """The style attribute of a cell in the sheet XML, for :meth:`Sheet.record`: for text,
    for text that gets the quote prefix, and for numbers and times ('' for no style)."""

    text: str
    quoted: str
    number: str
    text_cell: str = field(init=False)  # what follows a text cell's reference, up to its text

    def __post_init__(self) -> None:
        object.__setattr__(self, "text_cell", f'{self.text} t="inlineStr"><is><t>')


class StreamSheet(Worksheet):
    """XlsxWriter's worksheet in ``constant_memory`` mode, plus rows of cell XML
    (:meth:`add_rows`, :meth:`add_row`) and a table over rows already written
    (:meth:`add_streamed_table`).

    They work with the state of that mode: ``fh`` is the row file, ``previous_row`` the
    row whose cells XlsxWriter holds until a later row is written (``_write_single_row``
    writes it out), ``_write_row`` writes a ``<row>`` tag with the row's height."""

    previous_row: int
    constant_memory: Any

    def has_row_info(self, row: int) -> bool:
        """Whether row ``row`` has a height (or format) of its own: its tag is not plain."""
        return row in self.row_info

    def add_rows(self, first_row: int, last_row: int, xml: str, last_col: int) -> None:
        """Write rows ``first_row`` to ``last_row`` (0-based), whole ``<row>`` elements in
        ``xml`` (rows of no height of their own), after what was written before; columns
        0 to ``last_col`` count for the sheet's dimension."""
        if first_row > self.previous_row:
            self._write_single_row(first_row)  # the row XlsxWriter still holds
        self._check_dimensions(first_row, 0)
        self._check_dimensions(last_row, last_col)
        self.fh.write(xml)
        self.previous_row = last_row + 1  # XlsxWriter holds nothing for it: nothing to write

    def add_row(self, row: int, cells: str, last_col: int) -> None:
        """Write row ``row``, whose ``<c>`` elements are ``cells``, with its ``<row>`` tag
        as XlsxWriter writes it (a height set by ``set_row``)."""
        if row > self.previous_row:
            self._write_single_row(row)
        self._check_dimensions(row, 0)
        self._check_dimensions(row, last_col)
        self._write_row(row, None, self.row_info.get(row))
        self.fh.write(cells)
        self.fh.write("</row>")
        self.previous_row = row + 1

    def add_streamed_table(
        self, first_row: int, last_row: int, last_col: int, options: dict[str, Any]
    ) -> None:
        """An Excel table over rows ``first_row`` (its header, written already) to
        ``last_row``. XlsxWriter's ``add_table`` is given the header and one row (it would
        otherwise note each cell of the range) with its own writing of the header skipped,
        then the table is stretched over every row."""
        memory, self.constant_memory = self.constant_memory, False
        self._write_string = _skip
        try:
            result = self.add_table(first_row, 0, first_row + 1, last_col, options)
        finally:
            del self._write_string
            self.constant_memory = memory
        if result != 0:
            raise ValueError(f"the table {options.get('name')!r} cannot be added ({result})")
        table = self.tables[-1]
        table["range"] = xl_range(first_row, 0, last_row, last_col)
        table["a_range"] = table["range"]
        if table.get("autofilter"):
            table["autofilter"] = table["range"]


def _skip(*args: Any, **kwargs: Any) -> int:
    return 0


class Book:
    """A workbook being written to a binary ``stream`` (which gets it at :meth:`save`).

    ``count_format`` is the number format of whole numbers written by :meth:`Sheet.append`
    (the reports' figures: ``#,##0``); None writes them plain."""

    def __init__(self, stream: IO[bytes], count_format: str | None = None) -> None:
        self.stream = stream
        self.folder = tempfile.mkdtemp(prefix="escmatrix-xlsx-")
        # the package is made in the folder and copied to the stream once whole: a stream
        # that fails (a full disk) fails the copy, never XlsxWriter's zip file half-way
        self._package = os.path.join(self.folder, "workbook.xlsx")
        try:
            self.workbook = Workbook(
                self._package,
                {
                    "constant_memory": True,
                    "tmpdir": self.folder,
                    "strings_to_formulas": False,
                    "strings_to_numbers": False,
                    "strings_to_urls": False,
                },
            )
        except BaseException:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise
        self.count_format = count_format
        self.warnings: list[str] = []
        self.sheets: list[Sheet] = []
        self._formats: dict[tuple[tuple[str, Any], ...], Any] = {}
        self._styles: dict[tuple[tuple[str, Any], ...], CellStyle] = {}
        self._done = False

    # --- sheets and formats -----------------------------------------------------------------

    def sheet(self, title: str) -> Sheet:
        ws = self.workbook.add_worksheet(title, worksheet_class=StreamSheet)
        sheet = Sheet(self, ws)
        self.sheets.append(sheet)
        return sheet

    def format(self, *styles: Style | None, **more: Any) -> Any:
        """The XlsxWriter format of ``styles`` and ``more`` properties together (one
        format for each combination); None for no style at all (the cell's default)."""
        merged: Style = {}
        for style in styles:
            if style:
                merged.update(style)
        merged.update({k: v for k, v in more.items() if v is not None and v is not False})
        if not merged:
            return None
        key = tuple(sorted(merged.items()))
        found = self._formats.get(key)
        if found is None:
            found = self._formats[key] = self.workbook.add_format(merged)
        return found

    def cell_style(self, style: Style | None = None, num_format: str | None = None) -> CellStyle:
        """The cell style attributes of ``style`` for :meth:`Sheet.record`; numbers and
        times also get ``num_format``."""
        key = (*sorted((style or {}).items()), ("", num_format))
        found = self._styles.get(key)
        if found is None:
            text = self._attribute(self.format(style))
            quoted = self._attribute(self.format(style, quote_prefix=True))
            number = self._attribute(self.format(style, num_format=num_format))
            found = self._styles[key] = CellStyle(text, quoted, number)
        return found

    @staticmethod
    def _attribute(fmt: Any) -> str:
        if fmt is None:
            return ""
        index = fmt._get_xf_index()
        return f' s="{index}"' if index else ""

    # --- text ------------------------------------------------------------------------------

    def clean(self, value: str) -> str:
        """``value`` as a workbook can store it (a warning says what changed)."""
        if ILLEGAL.search(value):
            value = ILLEGAL.sub("\ufffd", value)
            self.warn(
                "some text holds control characters that a workbook cannot store; the report"
                " shows them as \ufffd"
            )
        if len(value) > _PLAIN_LENGTH and excel_length(value) > MAX_CELL_CHARS:
            value = _cut(value, MAX_CELL_CHARS - 1) + "…"
            self.warn(
                f"some text was longer than an Excel cell holds ({MAX_CELL_CHARS:,}"
                " characters) and is cut in the report"
            )
        return value

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    # --- the end ----------------------------------------------------------------------------

    def save(self, title: str, creator: str) -> None:
        """Pack the workbook into the stream, then remove its temporary files."""
        from xlsxwriter.exceptions import FileCreateError

        try:
            for sheet in self.sheets:
                sheet.flush()
            self.workbook.set_properties({"title": self.clean(title)[:255], "author": creator})
            try:
                self.workbook.close()
            except FileCreateError as error:  # the OSError of writing the package, wrapped
                cause = error.args[0] if error.args else None
                if isinstance(cause, OSError):
                    raise cause from None
                raise
            with open(self._package, "rb") as package:
                shutil.copyfileobj(package, self.stream, 1 << 20)
        finally:
            self.discard()

    def discard(self) -> None:
        """Remove the temporary files of the workbook (nothing is written to the stream
        unless :meth:`save` got that far)."""
        if self._done:
            return
        self._done = True
        for ws in self.workbook.worksheets():
            handle = getattr(ws, "row_data_fh", None)
            if handle is not None:
                with contextlib.suppress(OSError, ValueError):
                    handle.close()
        shutil.rmtree(self.folder, ignore_errors=True)


class Sheet:
    """One worksheet: rows appended in order (``row`` is the next one, 0-based)."""

    def __init__(self, book: Book, ws: StreamSheet) -> None:
        self.book = book
        self.ws = ws
        self.row = 0
        self.widths: list[float] = []
        self._pending: list[str] = []  # <row> elements of record() not yet in the row file
        self._pending_first = self._pending_last = self._pending_last_col = 0

    @property
    def title(self) -> str:
        return str(self.ws.name)

    def set_widths(self, *widths: float) -> None:
        """Widths of the first columns, in characters."""
        self.widths = list(widths)
        for column, width in enumerate(widths):
            self.ws.set_column(column, column, width)

    def width(self, column: int, width: float) -> None:
        while len(self.widths) <= column:
            self.widths.append(8.43)
        self.widths[column] = width
        self.ws.set_column(column, column, width)

    def freeze(self, rows: int, columns: int = 0) -> None:
        self.ws.freeze_panes(rows, columns)

    # --- rows through XlsxWriter's own writing (small sheets) -------------------------------

    def append(
        self,
        values: Iterable[Any],
        style: Style | None = None,
        num_format: str | None = None,
        blanks: bool = False,
        fit: bool = False,
    ) -> None:
        """A row of ``values`` in ``style``: text (never a formula), whole numbers (in the
        book's count format unless ``num_format``), other numbers, naive date-times
        (``num_format`` or the time format); None or '' leaves the cell empty (styled,
        with ``blanks``). ``fit`` makes the row as tall as its wrapped text."""
        values = list(values)
        if fit:
            self.fit([v.value if isinstance(v, Cell) else v for v in values])
        for column, value in enumerate(values):
            if isinstance(value, Cell):
                own = {**(style or {}), **(value.style or {})}
                self.put(self.row, column, value.value, own, value.num_format or num_format, blanks)
            else:
                self.put(self.row, column, value, style, num_format, blanks)
        self.row += 1

    def skip(self, rows: int = 1) -> None:
        self.row += rows

    def fit(self, values: Sequence[Any], row: int | None = None) -> None:
        """Make row ``row`` (the next one) as tall as the wrapped text of ``values``."""
        lines = 1
        for column, value in enumerate(values):
            if isinstance(value, str) and value:
                width = self.widths[column] if column < len(self.widths) else 8.43
                lines = max(lines, estimated_lines(value, width))
        height = row_height(lines)
        if height is not None:
            self.ws.set_row(self.row if row is None else row, height)

    def put(
        self,
        row: int,
        column: int,
        value: Any,
        style: Style | None = None,
        num_format: str | None = None,
        blanks: bool = False,
    ) -> None:
        if self._pending:
            self.flush()
        ws, book = self.ws, self.book
        if value is None or value == "":
            if blanks and style:
                ws.write_blank(row, column, None, book.format(style))
        elif isinstance(value, str):
            value = book.clean(value)
            ws.write_string(row, column, value, book.format(style, quote_prefix=is_risky(value)))
        elif isinstance(value, bool):
            ws.write_boolean(row, column, value, book.format(style))
        elif isinstance(value, int):
            fmt = num_format or book.count_format
            ws.write_number(row, column, value, book.format(style, num_format=fmt))
        elif isinstance(value, float):
            ws.write_number(row, column, value, book.format(style, num_format=num_format))
        elif hasattr(value, "year"):  # a naive date-time
            fmt = num_format or TIME_FORMAT
            ws.write_datetime(row, column, value, book.format(style, num_format=fmt))
        else:
            raise TypeError(f"a cell cannot hold {type(value).__name__}")

    # --- whole rows, fast (records, the matrix grid) ----------------------------------------

    def record(
        self,
        values: Sequence[Any],
        styles: Sequence[CellStyle],
        blanks: bool = False,
    ) -> None:
        """A row of ``values``, each in the style of its column: text (None or '' leaves
        the cell empty, styled with ``blanks``), or a number (times as Excel serial
        numbers, see :func:`excel_time`)."""
        row = self.row
        number = str(row + 1)
        cells: list[str] = [f'<row r="{number}">']
        append = cells.append
        careful = _CAREFUL.search
        for letter, value, style in zip(_letters(len(values)), values, styles, strict=False):
            if value.__class__ is str:
                if not value:
                    if blanks and style.text:
                        append(f'<c r="{letter}{number}"{style.text}/>')
                elif careful(value) is None and len(value) <= _PLAIN_LENGTH:
                    append(f'<c r="{letter}{number}"{style.text_cell}{value}</t></is></c>')
                else:
                    append(self._careful(f"{letter}{number}", value, style))
            elif value is None:
                if blanks and style.text:
                    append(f'<c r="{letter}{number}"{style.text}/>')
            else:
                append(f'<c r="{letter}{number}"{style.number}><v>{value:.16G}</v></c>')
        last_col = len(values) - 1
        if self.ws.has_row_info(row):
            self.flush()
            self.ws.add_row(row, "".join(cells[1:]), last_col)
        else:
            if not self._pending:
                self._pending_first = row
            append("</row>")
            self._pending.append("".join(cells))
            self._pending_last = row
            self._pending_last_col = max(self._pending_last_col, last_col)
            if len(self._pending) >= 1000:
                self.flush()
        self.row = row + 1

    def flush(self) -> None:
        """Write the rows :meth:`record` holds into the sheet's row file."""
        if self._pending:
            xml = "".join(self._pending)
            self._pending = []
            self.ws.add_rows(self._pending_first, self._pending_last, xml, self._pending_last_col)

    def _careful(self, ref: str, value: str, style: CellStyle) -> str:
        """A text cell as XlsxWriter writes it in ``constant_memory`` mode: OOXML escapes,
        XML escapes, spaces kept; the quote prefix for formula-like text."""
        value = self.book.clean(value)
        attribute = style.quoted if is_risky(value) else style.text
        value = _ESCAPE_LOOKALIKE.sub(r"_x005F\1", value)
        value = _CONTROL.sub(lambda match: f"_x{ord(match.group()):04X}_", value)
        space = (
            ' xml:space="preserve"'
            if _LEADING_SPACE.search(value) or _TRAILING_SPACE.search(value)
            else ""
        )
        if "&" in value or "<" in value or ">" in value:
            value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return f'<c r="{ref}"{attribute} t="inlineStr"><is><t{space}>{value}</t></is></c>'

    # --- tables, filters, print -------------------------------------------------------------

    def table(self, name: str, headers: Sequence[str], header_row: int = 0) -> None:
        """An Excel table (filters on every column, banded rows) from the header at
        ``header_row`` over the rows written below it (at least one: a table needs a row
        under its header)."""
        self.flush()
        last = max(header_row + 1, self.row - 1)
        self.ws.add_streamed_table(
            header_row,
            last,
            len(headers) - 1,
            {
                "name": name,
                "style": "Table Style Light 9",
                "columns": [{"header": header} for header in headers],
            },
        )

    def autofilter(self, columns: int, header_row: int = 0) -> None:
        """Filters on the first ``columns`` columns over the rows written below the header."""
        self.flush()
        self.ws.autofilter(header_row, 0, max(header_row + 1, self.row - 1), columns - 1)

    def print_setup(
        self,
        title: str,
        title_rows: int = 1,
        title_columns: int = 0,
        one_page: bool = False,
    ) -> None:
        """Landscape, fit to the page width (and height, with ``one_page``), the first
        ``title_rows`` rows (and ``title_columns`` columns) printed on every page, centred,
        ``title`` and the sheet's name at the top and the page numbers at the bottom."""
        ws = self.ws
        ws.set_landscape()
        ws.fit_to_pages(1, 1 if one_page else 0)
        if title_rows:
            ws.repeat_rows(0, title_rows - 1)
        if title_columns:
            ws.repeat_columns(0, title_columns - 1)
        ws.center_horizontally()
        ws.set_margins(left=0.4, right=0.4)
        header = " ".join(title.split())[:100].replace("&", "&&")  # & starts a code
        ws.set_header(f"&L{header}&R&A")
        ws.set_footer("&CPage &P of &N")


TIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
_EXCEL_EPOCH_DAYS = 25_569  # 1970-01-01 as an Excel serial date (the 1900 date system)
_US_PER_DAY = 86_400_000_000


def excel_time(local_us: int) -> float:
    """A local wall-clock time, in microseconds since 1970-01-01 00:00, as Excel's serial
    number (days since 1899-12-30), as XlsxWriter's ``write_datetime`` computes it (one day
    less before 1 March 1900: Excel counts a 29 February 1900 that never was)."""
    days, rest = divmod(local_us, _US_PER_DAY)
    serial = days + _EXCEL_EPOCH_DAYS + rest / _US_PER_DAY
    return serial if serial >= 61 else serial - 1


_LETTERS: list[str] = [xl_col_to_name(column) for column in range(64)]


def _letters(columns: int) -> list[str]:
    """The letters of the first ``columns`` columns (A, B, ... Z, AA ...)."""
    while len(_LETTERS) < columns:
        _LETTERS.append(xl_col_to_name(len(_LETTERS)))
    return _LETTERS
