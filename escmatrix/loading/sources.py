"""Ticket logs opened: a file, a stream, a workbook's sheet, whatever its format.

:func:`open_table` tells the format of a log by its name and, failing that, by its first
bytes (CSV with any of the usual delimiters, UTF-8 with or without a byte-order mark or
UTF-16 with one; JSON Lines; either gzip-compressed; Excel workbooks, ``log.xlsx#Sheet``)
and gives its header and rows (:class:`Table`). Lines are read with a bound
(:data:`~escmatrix.limits.LOG_LINE_CHARS`). The reasons a row can be skipped for are named
here, shared by the canonical reader (:mod:`escmatrix.loading.canonical`) and the reader of
mapped exports (:mod:`escmatrix.loading.mapped`).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import gzip
import io
import json
import os
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from escmatrix.findings import LogError
from escmatrix.limits import LOG_WORKBOOK_BYTES, TIME_RANGE, TimeRangeError, check_time
from escmatrix.loading.lines import CsvRows, Lines, LineTooLong
from escmatrix.suggest import closest

REQUIRED_COLUMNS = ("ticket", "time", "event")
CANONICAL_COLUMNS = (*REQUIRED_COLUMNS, "category", "priority", "level", "channel", "actor")

# Reasons counted by Problems: short, stable, shown in summaries.
MISSING_TICKET = "missing ticket id"
BAD_TIME = "unparseable time"
MISSING_TIME = "missing time"
TIME_OUT_OF_RANGE = "time out of range"
MISSING_EVENT = "missing event"
BAD_JSON = "invalid JSON line"
UNMAPPED_STATUS = "unmapped status"
UNMAPPED_VALUE = "unmapped value"
TRUNCATED = "truncated file"
IGNORED = "ignored by the mapping"  # counted, but never an error under strict

_CSV_SUFFIXES = (".csv", ".tsv", ".txt")
_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
_XLSX_SUFFIXES = (".xlsx", ".xlsm")
_GZIP_MAGIC = b"\x1f\x8b"
_ZIP_MAGIC = b"PK\x03\x04"
_DELIMITERS = ",;\t|"
ISO_HINT = "ISO 8601, e.g. 2026-03-01T09:30:00+01:00"


class BrokenSheet(Exception):
    """A workbook log whose sheet cannot be read on from some row (damaged XML or zip)."""


# Errors a stream can raise part-way through a file.
STREAM_ERRORS = (
    UnicodeDecodeError,
    EOFError,
    csv.Error,
    OSError,
    zlib.error,
    LineTooLong,
    BrokenSheet,
)

Report = Callable[[str, int, str, str], None]


LogSource = str | os.PathLike[str] | IO[bytes]
"""A log: a path (``log.xlsx#Sheet`` names a sheet), or a binary stream."""


def log_name(log: LogSource, name: str | None = None) -> str:
    """What messages call ``log``: ``name`` if given, else its path, or ``-`` for a stream."""
    if name is not None:
        return name
    return os.fspath(log) if isinstance(log, (str, os.PathLike)) else "-"


# --------------------------------------------------------------------------- opening


class Rows:
    """Rows of a log as lists of cells, with ``line_num``: the last line (or row) read.
    A blank row comes out as an empty list, as :func:`csv.reader` gives it."""

    line_num = 0

    def __iter__(self) -> Rows:
        return self

    def __next__(self) -> list[Any]:
        raise StopIteration


@dataclass
class Table:
    """The header and rows of a log, whatever its format. JSON Lines has no header: its
    'header' is the list of names the reader asked for, and each row holds those keys."""

    kind: str  # csv | jsonl | xlsx
    header: list[str]
    rows: Any  # CsvRows or Rows: iterates lists, has line_num
    close: Callable[[], None]
    source: str
    header_line: int = 1
    offset: int = 0  # added to rows.line_num: blank lines read before the header
    text: Any = None  # CSV: the text stream rows reads
    lines: Lines | None = None  # CSV and JSON Lines: the lines rows reads

    def unclosed(self, line: int) -> None:
        """:class:`LogError` for a CSV record that ran to the end of the file inside a
        quoted cell: a quote opened at ``line`` and never closed."""
        raise LogError(
            self.source,
            line,
            "a quote opened in this row is never closed, so the rest of the file would be"
            " one cell; close the quote (or remove it) and run again",
        )

    def index(self, name: str, where: str = "") -> int:
        """The position of column ``name`` (``Name#2``: the second column called Name);
        :class:`LogError` naming the column and the header when there is none."""
        found = _resolve(self.header, name)
        if found is None:
            shown = ", ".join(repr(h) for h in self.header[:40])
            more = f" and {len(self.header) - 40} more" if len(self.header) > 40 else ""
            by = f" (named at {where})" if where else ""
            close = closest(name, self.header)
            meant = f"; did you mean {close!r}?" if close else ""
            raise LogError(
                self.source,
                self.header_line,
                f"no column {name!r}{by}{meant}; the columns are: {shown}{more}",
            )
        return found

    def failed(self, error: BaseException, line: int, report: Report) -> None:
        """A read error part-way through: :class:`LogError`, except a compressed file
        that ends early, which is counted (the rows before it were read)."""
        if isinstance(error, EOFError):
            report(
                self.source,
                line,
                TRUNCATED,
                "the compressed file ends early; the rows before this point were read",
            )
            return
        if isinstance(error, UnicodeDecodeError):
            raise LogError(self.source, line, _not_utf8(error)) from None
        if isinstance(error, LineTooLong):
            raise LogError(self.source, line, error.message) from None
        if isinstance(error, BrokenSheet):
            raise LogError(
                self.source, line, f"the workbook cannot be read on from here ({error})"
            ) from None
        if isinstance(error, csv.Error):
            raise LogError(self.source, line, f"cannot be read as CSV: {error}") from None
        raise LogError(self.source, line, f"cannot be read ({error})") from None


def _resolve(header: list[str], name: str) -> int | None:
    """Exact name first (the first column of that name), then ``Name#N`` for the N-th
    column called Name, then a unique match ignoring case and surrounding spaces."""
    names = [h.strip() for h in header]
    if name in names:
        return names.index(name)
    base, hash_mark, number = name.rpartition("#")
    if hash_mark and number.isdigit() and int(number) >= 1:
        positions = [i for i, h in enumerate(names) if h == base.strip()]
        if len(positions) >= int(number):
            return positions[int(number) - 1]
    folded = name.strip().casefold()
    matches = [i for i, h in enumerate(names) if h.casefold() == folded]
    return matches[0] if len(matches) == 1 else None


def open_table(
    path: LogSource, source: str, wanted: list[str], delimiter: str | None, report: Report
) -> Table:
    sheet = None
    if not isinstance(path, (str, os.PathLike)):
        binary: Any = path  # the caller's: read, never closed
        name = "" if source == "-" else source.lower()
        owned = False
    else:
        file = Path(path)
        if not file.exists() and "#" in str(path):
            base, _, sheet = str(path).rpartition("#")
            file = Path(base)
        if not file.exists():
            raise LogError(source, 0, "no such file")
        if file.is_dir():
            raise LogError(source, 0, "is a directory, not a ticket log")
        try:
            binary = open(file, "rb")  # noqa: SIM115 - the table closes it
        except OSError as error:
            raise LogError(source, 0, f"cannot be read: {error.strerror}") from None
        name = file.name.lower()
        owned = True
    closers: list[Any] = [binary] if owned else []

    def close() -> None:
        for stream in closers:
            stream.close()

    try:
        return _open_stream(binary, name, sheet, source, wanted, delimiter, closers, report, owned)
    except BaseException:
        close()
        raise


def _open_stream(
    binary: Any,
    name: str,
    sheet: str | None,
    source: str,
    wanted: list[str],
    delimiter: str | None,
    closers: list[Any],
    report: Report,
    owned: bool = True,
) -> Table:
    def close() -> None:
        for stream in closers:
            stream.close()

    if not hasattr(binary, "peek"):
        binary = io.BufferedReader(binary)
        if not owned:
            closers.append(_Detached(binary))
    head = bytes(binary.peek(4)[:4])
    if name.endswith(".gz") or head[:2] == _GZIP_MAGIC:
        if head[:2] != _GZIP_MAGIC:
            raise LogError(source, 0, "is named .gz but is not gzip-compressed")
        name = name[:-3] if name.endswith(".gz") else name
        binary = gzip.GzipFile(fileobj=binary, mode="rb")
        closers.insert(0, binary)
        try:
            head = bytes(binary.peek(4)[:4])
        except (OSError, EOFError, zlib.error) as error:
            raise LogError(source, 0, f"is not a readable gzip file ({error})") from None
    if name.endswith(_XLSX_SUFFIXES) or head == _ZIP_MAGIC:
        return _open_xlsx(binary, sheet, source, close)
    if sheet is not None:
        raise LogError(source, 0, "no such file ('#Sheet' is for Excel workbooks)")
    utf16 = head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    text = io.TextIOWrapper(binary, encoding="utf-16" if utf16 else "utf-8-sig", newline="")
    closers.insert(0, text if owned else _Detached(text))
    lines_before = 0
    lines = Lines(text)
    try:
        first = lines.readline()
        while first and not first.strip():  # blank lines before the header
            lines_before += 1
            first = lines.readline()
    except UnicodeDecodeError as error:
        raise LogError(source, lines_before + 1, _not_utf8(error)) from None
    except LineTooLong as error:
        raise LogError(source, lines_before + 1, error.message) from None
    except (OSError, EOFError, zlib.error) as error:
        raise LogError(source, 0, f"cannot be read ({error})") from None
    if "\x00" in first:
        raise LogError(source, lines_before + 1, "is a binary file, not a ticket log")
    lines.first = first
    if name.endswith(_JSONL_SUFFIXES) or (
        not name.endswith(_CSV_SUFFIXES) and first.lstrip().startswith("{")
    ):
        rows = _JsonLines(lines, wanted, lines_before, source, report)
        return Table("jsonl", list(wanted), rows, close, source, lines=lines)
    if not first:
        raise LogError(source, 0, "is empty: a ticket log needs a header line")
    if delimiter is None:
        delimiter = "\t" if name.endswith(".tsv") else _guess_delimiter(first)
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = next(reader)
    except csv.Error as error:
        raise LogError(source, lines_before + 1, f"cannot read the header: {error}") from None
    except LineTooLong as error:
        raise LogError(source, lines_before + 1, error.message) from None
    return Table(
        "csv",
        header,
        CsvRows(lines, reader, delimiter),
        close,
        source,
        lines_before + 1,
        lines_before,
        text,
        lines,
    )


class _Detached:
    """Closes a layer (text, buffer) over a stream the caller owns by detaching it: the
    stream stays open (to be read again, or closed by its owner)."""

    def __init__(self, layer: io.TextIOWrapper | io.BufferedReader) -> None:
        self.layer: io.TextIOWrapper | io.BufferedReader | None = layer

    def close(self) -> None:
        if self.layer is not None:
            self.layer.detach()
            self.layer = None


def _guess_delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


class _JsonLines(Rows):
    """Objects of a JSON Lines stream as lists of the values of ``wanted`` keys. A line
    that is not a JSON object is reported here and comes out as a blank row."""

    def __init__(
        self, lines: Iterator[str], wanted: list[str], before: int, source: str, report: Report
    ) -> None:
        self.lines = lines
        self.wanted = wanted
        self.line_num = before
        self.source = source
        self.report = report

    def __next__(self) -> list[Any]:
        text = next(self.lines)
        self.line_num += 1
        if not text.strip():
            return []
        try:
            obj = json.loads(text)
        except ValueError as error:
            self.report(self.source, self.line_num, BAD_JSON, f"skipped: not JSON ({error})")
            return []
        except RecursionError:
            self.report(
                self.source, self.line_num, BAD_JSON, "skipped: JSON nested too deeply to read"
            )
            return []
        if not isinstance(obj, dict):
            self.report(self.source, self.line_num, BAD_JSON, "skipped: not a JSON object")
            return []
        values = [_json_text(obj.get(key)) for key in self.wanted]
        if all(value is None for value in values):
            keys = ", ".join(self.wanted)
            self.report(
                self.source,
                self.line_num,
                MISSING_TICKET,
                f"skipped: the object has none of the keys the log is read by ({keys})",
            )
            return []
        return values


def _json_text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _number_text(value)
    return json.dumps(value, ensure_ascii=False)


def _number_text(value: float) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class SheetRows(Rows):
    """Workbook rows as text cells; date-time cells stay date-times in ``time_columns``
    (set by the reader) and become ISO text elsewhere."""

    def __init__(self, rows: Iterator[tuple[int, tuple[Any, ...]]], line: int) -> None:
        self.rows = rows
        self.line_num = line
        self.time_columns: set[int] = set()

    def __next__(self) -> list[Any]:
        try:
            self.line_num, values = next(self.rows)
        except StopIteration:
            raise
        except Exception as error:  # the sheet's XML or zip damaged part-way: any of many
            raise BrokenSheet(error) from None
        keep = self.time_columns
        cells = [_cell(v, i in keep) for i, v in enumerate(values)]
        return cells if any(c is not None and c != "" for c in cells) else []


def _open_xlsx(binary: Any, sheet: str | None, source: str, close: Callable[[], None]) -> Table:
    import warnings

    from openpyxl import load_workbook

    if not binary.seekable():  # a pipe: the workbook is read into memory, with a bound
        data = binary.read(LOG_WORKBOOK_BYTES + 1)
        if len(data) > LOG_WORKBOOK_BYTES:
            limit = LOG_WORKBOOK_BYTES // 1024 // 1024
            raise LogError(source, 0, f"is a workbook of more than {limit} MiB read from a pipe")
        binary = io.BytesIO(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # style and extension notices from openpyxl
            book = load_workbook(binary, read_only=True, data_only=True)
    except Exception as error:  # zipfile's and openpyxl's many ways of saying it is not one
        raise LogError(source, 0, f"is not an Excel workbook ({error})") from None

    def close_all() -> None:
        book.close()
        close()

    try:
        if sheet is None:
            worksheet = book.worksheets[0]
        elif sheet in book.sheetnames:
            worksheet = book[sheet]
        else:
            sheets = ", ".join(book.sheetnames)
            raise LogError(source, 0, f"has no sheet {sheet!r}; its sheets are: {sheets}")
        worksheet.reset_dimensions()  # trust the rows, not the declared size
        numbered = enumerate(worksheet.iter_rows(values_only=True), start=1)
        header: list[str] = []
        header_line = 0
        for number, values in numbered:
            if any(v is not None and str(v).strip() for v in values):
                header = ["" if v is None else str(v) for v in values]
                header_line = number
                break
    except LogError:
        close_all()
        raise
    except Exception as error:  # the sheet's XML or zip damaged
        close_all()
        raise LogError(source, 0, f"cannot be read as a workbook ({error})") from None
    except BaseException:
        close_all()
        raise
    if not header:
        close_all()
        raise LogError(source, 0, "has an empty sheet: a ticket log needs a header row")
    rows = SheetRows(numbered, header_line)
    return Table("xlsx", header, rows, close_all, source, header_line)


def _cell(value: Any, time: bool) -> Any:
    """A workbook cell as text, or as a date-time in a time column."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dt.date):
        if not isinstance(value, dt.datetime):
            value = dt.datetime(value.year, value.month, value.day)
        return value if time else value.isoformat(sep=" ")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _number_text(value)
    return str(value)


def _not_utf8(error: UnicodeDecodeError) -> str:
    return (
        f"is not UTF-8 text ({error.reason}, byte {error.object[error.start : error.start + 1]!r})"
    )


# --------------------------------------------------------------------------- canonical


def time_reader(
    kind: str, parse: Callable[[str], dt.datetime], zone: dt.tzinfo
) -> Callable[[Any], dt.datetime]:
    """``parse`` for text cells, also with spaces around; workbook date-times as they are."""

    def read(value: Any) -> dt.datetime:
        if type(value) is str:
            return parse(value.strip())
        if isinstance(value, dt.datetime):
            if value.tzinfo is None:
                return check_time(dt.datetime.combine(value.date(), value.time(), zone))
            return check_time(value)
        raise ValueError("not a time")

    return read


def time_problem(text: Any, error: Exception, hint: str = ISO_HINT) -> tuple[str, str]:
    """The reason and message of a row skipped because its time cell ``text`` could not
    be read (``error``); ``hint`` says what the log's times look like."""
    if text is None or (type(text) is str and not text.strip()):
        return MISSING_TIME, "skipped: the row has no time"
    if isinstance(error, TimeRangeError):
        return TIME_OUT_OF_RANGE, f"skipped: time {text!r} is outside {TIME_RANGE}"
    return BAD_TIME, f"skipped: cannot read time {text!r} ({hint})"
