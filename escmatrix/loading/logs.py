"""Ticket logs as a stream of :class:`~escmatrix.events.Event` (SPEC section 4).

:func:`read_events` reads a canonical log (columns ``ticket``, ``time``, ``event`` and
optionally ``category``, ``priority``, ``channel``, ``level``, ``actor``) or, with a
:class:`~escmatrix.loading.mapping.Mapping`, a real export. Formats: CSV (comma, semicolon,
tab or pipe separated; UTF-8 with or without a byte-order mark, or UTF-16 with one), JSON
Lines, either of them gzip-compressed, and Excel workbooks (``log.xlsx`` or
``log.xlsx#Sheet``). The format is told by the name and, failing that, by the first bytes,
so standard input (``-``) may be any of them.

The log is streamed: memory holds the rows of one ticket at a time (a run of consecutive
rows of the same ticket, sorted by time before it is emitted, so a ticket's events come out
in time order wherever the file keeps its rows together; at most
:data:`~escmatrix.limits.RUN_ROWS` of them) and, for mapped logs, a small record per ticket
(its state and last values, to tell what changed). Lines are read with a bound
(:data:`~escmatrix.limits.LOG_LINE_CHARS`), and a CSV quote left open to the end of the
file stops the read at the row where it opened.

A row that cannot become an event is reported to :class:`Problems` with its line (the
physical line where the row starts, so quoted newlines count; the row number in a
workbook) and skipped; under ``strict`` the first one raises :class:`LogError`. A file that
cannot be read at all raises :class:`LogError` from :func:`read_events` itself, before the
first event; one that turns out unreadable part-way (bad bytes) raises it when reached.
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
from operator import itemgetter
from pathlib import Path
from typing import IO, Any

from escmatrix import events as _events
from escmatrix.events import CREATED, Event, make_event
from escmatrix.findings import LogError, Problems
from escmatrix.instants import to_us
from escmatrix.limits import (
    FIRST_YEAR,
    LAST_YEAR,
    LOG_LINE_CHARS,
    LOG_WORKBOOK_BYTES,
    RUN_ROWS,
    TIME_RANGE,
    TimeRangeError,
    check_time,
)
from escmatrix.loading.mapping import (
    CLOSED,
    FIELDS,
    KEEP,
    OPEN,
    PAUSED,
    RESOLVED,
    ChangeSpec,
    FieldSpec,
    Mapping,
    time_parser,
)
from escmatrix.suggest import closest

__all__ = ["CANONICAL_COLUMNS", "REQUIRED_COLUMNS", "read_events"]

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
_ISO_HINT = "ISO 8601, e.g. 2026-03-01T09:30:00+01:00"


class LineTooLong(Exception):
    """A line of a log longer than :data:`~escmatrix.limits.LOG_LINE_CHARS`; ``binary``
    when it holds NUL characters (``/dev/zero``, a binary file)."""

    def __init__(self, binary: bool = False) -> None:
        super().__init__()
        self.binary = binary

    @property
    def message(self) -> str:
        if self.binary:
            return "is a binary file, not a ticket log"
        return (
            f"the line is longer than {LOG_LINE_CHARS:,} characters; a ticket log's lines are"
            " far shorter (a quote never closed, or not a log?)"
        )


class BrokenSheet(Exception):
    """A workbook log whose sheet cannot be read on from some row (damaged XML or zip)."""


# Errors a stream can raise part-way through a file.
_STREAM_ERRORS = (
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


def read_events(
    path: LogSource,
    *,
    mapping: Mapping | None = None,
    timezone: dt.tzinfo,
    problems: Problems,
    strict: bool = False,
    name: str | None = None,
) -> Iterator[Event]:
    """Events of the log at ``path`` (a path, or a binary stream called ``name`` in
    messages, by default ``-``), per ticket in time order.

    Times without an offset are read in the mapping's ``timezone`` when it has one, else in
    ``timezone`` (the matrix zone). Bad rows go to ``problems``; under ``strict`` (or when
    ``problems.strict`` is set) the first raises :class:`LogError`. A log that cannot be
    read raises :class:`LogError` here, before the first event."""
    log = open_log(
        path, mapping=mapping, timezone=timezone, problems=problems, strict=strict, name=name
    )
    return log.events(mapping, problems)


@dataclass
class OpenedLog:
    """A log opened and its header read: what :func:`read_events` turns into events."""

    table: _Table
    zone: dt.tzinfo  # for times without an offset
    report: Report  # where bad rows go

    def events(self, mapping: Mapping | None, problems: Problems) -> Iterator[Event]:
        """The events of the log (the table is closed when they are read, or on an error)."""
        try:
            if mapping is None:
                indices = canonical_columns(self.table)
                return _canonical_events(self.table, self.zone, self.report, indices)
            return _Mapped(mapping, self.table, self.zone, self.report, problems).events()
        except BaseException:
            self.table.close()
            raise

    def time_reader(self) -> Callable[[Any], dt.datetime]:
        """How a canonical log's time cells are read when ``fromisoformat`` cannot."""
        return _time_reader(self.table.kind, time_parser("iso", self.zone), self.zone)


def open_log(
    path: LogSource,
    *,
    mapping: Mapping | None = None,
    timezone: dt.tzinfo,
    problems: Problems,
    strict: bool = False,
    name: str | None = None,
) -> OpenedLog:
    """Open the log at ``path`` and read its header (see :func:`read_events`); the caller
    closes ``table``. :class:`LogError` when it cannot be read."""
    source = log_name(path, name)
    report: Report = problems.add
    if strict and not problems.strict:

        def report(source: str, line: int, reason: str, message: str) -> None:
            raise LogError(source, line, message)

    zone: dt.tzinfo = timezone
    if mapping is not None and mapping.timezone:
        import zoneinfo

        zone = zoneinfo.ZoneInfo(mapping.timezone)
    wanted = mapping.columns if mapping is not None else list(CANONICAL_COLUMNS)
    table = _open_table(path, source, wanted, mapping.delimiter if mapping else None, report)
    return OpenedLog(table, zone, report)


# --------------------------------------------------------------------------- opening


class _Rows:
    """Rows of a log as lists of cells, with ``line_num``: the last line (or row) read.
    A blank row comes out as an empty list, as :func:`csv.reader` gives it."""

    line_num = 0

    def __iter__(self) -> _Rows:
        return self

    def __next__(self) -> list[Any]:
        raise StopIteration


@dataclass
class _Table:
    """The header and rows of a log, whatever its format. JSON Lines has no header: its
    'header' is the list of names the reader asked for, and each row holds those keys."""

    kind: str  # csv | jsonl | xlsx
    header: list[str]
    rows: Any  # csv.reader or _Rows: iterates lists, has line_num
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


def _open_table(
    path: LogSource, source: str, wanted: list[str], delimiter: str | None, report: Report
) -> _Table:
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
) -> _Table:
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
        return _Table("jsonl", list(wanted), rows, close, source, lines=lines)
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
    return _Table("csv", header, reader, close, source, lines_before + 1, lines_before, text, lines)


class Lines:
    """The lines of a log's text for ``csv.reader`` or the JSON Lines reader, each read
    with a bound: a line longer than :data:`~escmatrix.limits.LOG_LINE_CHARS` raises
    :class:`LineTooLong` before it is held whole. ``ended`` turns true when the text is
    exhausted: a CSV record returned after that ran to the end inside a quoted cell."""

    __slots__ = ("_readline", "ended", "first")

    def __init__(self, text: Any) -> None:
        self._readline = text.readline
        self.first: str | None = None  # a line read before, given out first
        self.ended = False

    def readline(self) -> str:
        line: str = self._readline(LOG_LINE_CHARS + 1)
        if len(line) > LOG_LINE_CHARS:
            raise LineTooLong("\x00" in line)
        return line

    def __iter__(self) -> Lines:
        return self

    def __next__(self) -> str:
        line = self.first
        if line is not None:
            self.first = None
        else:
            line = self.readline()
        if not line:
            self.ended = True
            raise StopIteration
        return line


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


class _JsonLines(_Rows):
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


class _SheetRows(_Rows):
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


def _open_xlsx(binary: Any, sheet: str | None, source: str, close: Callable[[], None]) -> _Table:
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
    rows = _SheetRows(numbered, header_line)
    return _Table("xlsx", header, rows, close_all, source, header_line)


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


def _time_reader(
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


def time_problem(text: Any, error: Exception, hint: str = _ISO_HINT) -> tuple[str, str]:
    """The reason and message of a row skipped because its time cell ``text`` could not
    be read (``error``); ``hint`` says what the log's times look like."""
    if text is None or (type(text) is str and not text.strip()):
        return MISSING_TIME, "skipped: the row has no time"
    if isinstance(error, TimeRangeError):
        return TIME_OUT_OF_RANGE, f"skipped: time {text!r} is outside {TIME_RANGE}"
    return BAD_TIME, f"skipped: cannot read time {text!r} ({hint})"


def canonical_columns(table: _Table) -> dict[str, int]:
    """Where each canonical column is in ``table`` (absent optional ones left out);
    :class:`LogError` when a required one is missing."""
    lower = [h.strip().lower() for h in table.header]
    indices = {}
    for name in CANONICAL_COLUMNS:
        if name in lower:
            indices[name] = lower.index(name)
        elif name in REQUIRED_COLUMNS and table.kind != "jsonl":
            found = ", ".join(repr(h) for h in table.header[:20])
            close = closest(name, table.header)
            meant = f"did you mean {close!r}? " if close else ""
            raise LogError(
                table.source,
                table.header_line,
                f"missing required column {name!r} ({meant}a canonical log has columns ticket,"
                f" time, event; this one has {found}); to read another layout, give a mapping"
                " file",
            )
    return indices


def _canonical_events(
    table: _Table, zone: dt.tzinfo, report: Report, indices: dict[str, int]
) -> Iterator[Event]:
    source = table.source
    width = len(table.header)
    pad = [None] * width
    it, itime, iev = indices["ticket"], indices["time"], indices["event"]
    # absent optional columns read the cell appended after the row's last one
    optional = itemgetter(*(indices.get(name, width) for name in CANONICAL_COLUMNS[3:]))
    fromiso = dt.datetime.fromisoformat
    combine = dt.datetime.combine  # 4x faster than .replace(tzinfo=) on CPython 3.11
    read_time = _time_reader(table.kind, time_parser("iso", zone), zone)
    first_year, last_year = FIRST_YEAR, LAST_YEAR
    if isinstance(table.rows, _SheetRows):
        table.rows.time_columns = {itime}
    rows = table.rows
    base = 1 + table.offset
    end = rows.line_num
    run: list[Event] = []
    ticket_now: str | None = None
    last: Any = None
    disordered = False
    lines = table.lines or Lines(io.StringIO())
    try:
        for row in rows:
            line = end + base
            end = rows.line_num
            if lines.ended:
                table.unclosed(line)
            if len(row) != width:
                if not row:
                    continue
                if len(row) < width:
                    row.extend(pad[: width - len(row)])
                else:
                    del row[width:]
            row.append(None)
            ticket = row[it]
            if not ticket or not (ticket := ticket.strip()):
                if any(cell and str(cell).strip() for cell in row):
                    report(source, line, MISSING_TICKET, "skipped: the row has no ticket id")
                continue
            text = row[itime]
            try:
                time = fromiso(text)
                if time.tzinfo is None:
                    time = combine(time.date(), time.time(), zone)
                if not first_year <= time.year <= last_year:
                    raise ValueError
            except (ValueError, TypeError):
                try:
                    time = read_time(text)
                except ValueError as error:
                    report(source, line, *time_problem(text, error))
                    continue
            name = row[iev]
            if not name or not (name := name.strip()):
                report(source, line, MISSING_EVENT, f"skipped: ticket {ticket} has no event")
                continue
            category, priority, level, channel, actor = optional(row)
            us = to_us(time)
            event = make_event(
                ticket,
                us,
                time.tzinfo or zone,
                name,
                line,
                category or None,
                priority or None,
                level or None,
                channel or None,
                actor or None,
            )
            if ticket == ticket_now and len(run) < RUN_ROWS:
                if us < last:
                    disordered = True
                else:
                    last = us
                run.append(event)
                continue
            if run:
                if disordered:
                    run.sort(key=_by_time)
                    disordered = False
                yield from run
            run = [event]
            ticket_now = ticket
            last = us
    except _STREAM_ERRORS as error:
        table.failed(error, end + base, report)
    finally:
        table.close()
    if disordered:
        run.sort(key=_by_time)
    yield from run


def _by_time(event: Event) -> int:
    return event.us


# --------------------------------------------------------------------------- mapped

# (previous state, new state) -> (events before the row's changes, events after them)
_ENDED = (RESOLVED, CLOSED)
_E_PAUSED, _E_RESUMED, _E_RESOLVED = _events.PAUSED, _events.RESUMED, _events.RESOLVED
_E_REOPENED, _E_CLOSED = _events.REOPENED, _events.CLOSED
_TRANSITIONS: dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]]] = {
    (OPEN, PAUSED): ((), (_E_PAUSED,)),
    (OPEN, RESOLVED): ((), (_E_RESOLVED,)),
    (OPEN, CLOSED): ((), (_E_CLOSED,)),
    (PAUSED, OPEN): ((_E_RESUMED,), ()),
    (PAUSED, RESOLVED): ((), (_E_RESOLVED,)),
    (PAUSED, CLOSED): ((), (_E_CLOSED,)),
    (RESOLVED, OPEN): ((_E_REOPENED,), ()),
    (RESOLVED, PAUSED): ((_E_REOPENED,), (_E_PAUSED,)),
    (RESOLVED, CLOSED): ((), (_E_CLOSED,)),
    (CLOSED, OPEN): ((_E_REOPENED,), ()),
    (CLOSED, PAUSED): ((_E_REOPENED,), (_E_PAUSED,)),
    (CLOSED, RESOLVED): ((_E_REOPENED,), (_E_RESOLVED,)),
}
_FIRST = {OPEN: (), PAUSED: (_E_PAUSED,), RESOLVED: (_E_RESOLVED,), CLOSED: (_E_CLOSED,)}
_NOTHING: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())


class _TicketState:
    __slots__ = ("raw", "state", "values")

    def __init__(self, values: list[str | None], raw: list[str | None]) -> None:
        self.state = OPEN
        self.values = values
        self.raw = raw


class _Mapped:
    """Rows of a real export -> events, as the mapping says."""

    def __init__(
        self, mapping: Mapping, table: _Table, zone: dt.tzinfo, report: Report, problems: Problems
    ) -> None:
        self.mapping = mapping
        self.problems = problems
        self.table = table
        self.source = table.source
        self.report = report
        self.missing = mapping.missing

        def col(name: str) -> int:
            return table.index(name, mapping.where(name))

        self.i_ticket = col(mapping.ticket)
        self.i_time = col(mapping.time.column)
        self.parse = _time_reader(table.kind, time_parser(mapping.time.format, zone), zone)
        self.i_order = [col(name) for name in mapping.order]
        self.ignore = [(col(name), values) for name, values in mapping.ignore]
        self.i_created = None
        self.parse_created = self.parse
        if mapping.created_time is not None:
            self.i_created = col(mapping.created_time.column)
            self.parse_created = _time_reader(
                table.kind, time_parser(mapping.created_time.format, zone), zone
            )
        if isinstance(table.rows, _SheetRows):
            times = {self.i_time} if self.i_created is None else {self.i_time, self.i_created}
            table.rows.time_columns = times
        # fields, then the attributes: (name, column index or None, spec or None)
        self.fields: list[tuple[str, int | None, FieldSpec | None]] = []
        for name, spec in (
            *((name, mapping.fields.get(name)) for name in FIELDS),
            *mapping.attributes.items(),
        ):
            index = col(spec.column) if spec is not None and spec.column is not None else None
            self.fields.append((name, index, spec))
        self.attribute_names = tuple(mapping.attributes)
        self.status = mapping.status
        self.i_status = [col(name) for name in self.status.columns] if self.status else []
        self.value_events = [(col(spec.column), spec.values) for spec in mapping.events]
        self.changes: list[tuple[int | None, int | None, ChangeSpec, Any]] = []
        for change in mapping.changes:
            if change.field is not None:
                field_index = FIELDS.index(change.field)
                rank = self.mapping.fields[change.field].rank
                self.changes.append((field_index, None, change, rank))
            else:
                assert change.column is not None
                self.changes.append((None, col(change.column), change, None))
        self.raw_columns = [c[1] for c in self.changes if c[1] is not None]
        self.while_ended = any(change.while_ended for change in mapping.changes)
        self.tickets: dict[str, _TicketState] = {}
        self.width = len(table.header)

    # -- reading rows ------------------------------------------------------------------

    def events(self) -> Iterator[Event]:
        table = self.table
        source, report, missing = self.source, self.report, self.missing
        i_ticket, i_time, i_order = self.i_ticket, self.i_time, self.i_order
        ignore, counts = self.ignore, self.problems.counts
        parse = self.parse
        width = self.width
        pad = [None] * width
        rows = table.rows
        base = 1 + table.offset
        end = rows.line_num
        run: list[tuple[Any, ...]] = []
        ticket_now = ""
        last_key: tuple[Any, ...] = ()
        disordered = False
        lines = table.lines or Lines(io.StringIO())
        try:
            for row in rows:
                line = end + base
                end = rows.line_num
                if lines.ended:
                    table.unclosed(line)
                if len(row) < width:
                    if not row:
                        continue
                    row.extend(pad[: width - len(row)])
                if ignore and _ignored(row, ignore):
                    counts[IGNORED] += 1
                    continue
                ticket = row[i_ticket]
                if ticket is None or (ticket := ticket.strip()) in missing:
                    if any(cell is not None and str(cell).strip() for cell in row):
                        report(source, line, MISSING_TICKET, "skipped: the row has no ticket id")
                    continue
                text = row[i_time]
                try:
                    time = parse(text)
                except (ValueError, TypeError) as error:
                    hint = self._format_hint(self.mapping.time.format)
                    report(source, line, *time_problem(text, error, hint))
                    continue
                key = (time, *[_tie(row[i], missing) for i in i_order]) if i_order else (time,)
                record = (key, line, row)
                if ticket == ticket_now and len(run) < RUN_ROWS:
                    if key < last_key:
                        disordered = True
                    else:
                        last_key = key
                    run.append(record)
                    continue
                if run:
                    if disordered:
                        run.sort(key=itemgetter(0))
                        disordered = False
                    yield from self._derive(ticket_now, run)
                run = [record]
                ticket_now = ticket
                last_key = key
        except _STREAM_ERRORS as error:
            table.failed(error, end + base, report)
        finally:
            table.close()
        if run:
            if disordered:
                run.sort(key=itemgetter(0))
            yield from self._derive(ticket_now, run)

    @staticmethod
    def _format_hint(fmt: str | tuple[str, ...]) -> str:
        if fmt == "iso":
            return _ISO_HINT
        if isinstance(fmt, str):
            return f"format {fmt!r}"
        return "one of the formats " + ", ".join(repr(f) for f in fmt)

    # -- deriving events -----------------------------------------------------------------

    def _value(self, raw: Any, spec: FieldSpec, line: int, name: str) -> str | None:
        """The translated value of a cell, or None when it has none."""
        if raw is None:
            return None
        if type(raw) is not str:
            raw = str(raw)
        raw = raw.strip()
        if raw in self.missing:
            return None
        values = spec.values
        if values is None:
            return raw
        value = values.get(raw)
        if value is None:
            if spec.others is not None:
                return spec.others
            if spec.default is not None:
                return spec.default
            self.report(
                self.source,
                line,
                UNMAPPED_VALUE,
                f"{name} {raw!r} is not in the mapping's {name}.values; treated as no value",
            )
        return value

    def _state(self, row: list[Any], line: int) -> str:
        status = self.status
        assert status is not None
        parts = []
        for index in self.i_status:
            cell = row[index]
            cell = "" if cell is None else str(cell).strip()
            if cell in self.missing:
                cell = ""
            parts.append(cell)
        if not any(parts):
            return KEEP
        raw = status.separator.join(parts)
        state = status.values.get(raw)
        if state is None:
            if status.default is not None:
                return status.default
            self.report(
                self.source,
                line,
                UNMAPPED_STATUS,
                f"status {raw!r} is not in the mapping's status.values; the ticket keeps its state",
            )
            return KEEP
        return state

    def _derive(self, ticket: str, run: list[tuple[Any, ...]]) -> Iterator[Event]:
        """Events of one run of a ticket's rows, sorted; the ticket's state carries over."""
        state = self.tickets.get(ticket)
        for key, line, row in run:
            time = key[0]
            first = state is None
            values = self._field_values(row, line, None if state is None else state.values)
            raw_now = self._raw_values(row)
            new_state = self._state(row, line) if self.status is not None else KEEP
            changed: list[str] = []
            before: tuple[str, ...]
            after: tuple[str, ...]
            if state is None:
                state = self.tickets[ticket] = _TicketState(values, [None] * len(raw_now))
                new_state = OPEN if new_state == KEEP else new_state
                before, after = (), _FIRST[new_state]
            else:
                old_state = state.state
                new_state = old_state if new_state == KEEP else new_state
                before, after = _TRANSITIONS.get((old_state, new_state), _NOTHING)
                ended = old_state in _ENDED and new_state in _ENDED
                if not ended or self.while_ended:
                    changed = self._changes(state, values, raw_now, ended)
            for position, value in enumerate(raw_now):
                if value is not None:
                    state.raw[position] = value
            state.values = values
            state.state = new_state
            category, priority, level, channel, actor = values[:5]
            attributes = tuple(zip(self.attribute_names, values[5:], strict=True))
            if first:
                opened = time
                if self.i_created is not None:
                    opened = self._created_time(row[self.i_created], time)
                yield Event(
                    ticket,
                    opened,
                    CREATED,
                    line,
                    category,
                    priority,
                    level,
                    channel,
                    actor,
                    attributes,
                )
            extra = self._value_events(row)
            if first and CREATED in extra:  # already created: once is enough
                extra = [name for name in extra if name != CREATED]
            for name in (*before, *changed, *extra, *after):
                yield Event(
                    ticket, time, name, line, category, priority, level, channel, actor, attributes
                )

    def _field_values(
        self, row: list[Any], line: int, previous: list[str | None] | None
    ) -> list[str | None]:
        """Translated category, priority, level, channel, actor and attributes of a row; a
        cell without a value keeps the ticket's previous value (the default for its first
        row)."""
        values: list[str | None] = []
        for position, (name, index, spec) in enumerate(self.fields):
            value = None
            if spec is not None:
                if index is not None:
                    value = self._value(row[index], spec, line, name)
                if value is None:
                    value = spec.default if previous is None else previous[position]
            values.append(value)
        return values

    def _raw_values(self, row: list[Any]) -> list[str | None]:
        found: list[str | None] = []
        for index in self.raw_columns:
            cell = row[index]
            cell = None if cell is None else str(cell).strip()
            found.append(None if cell in self.missing else cell)
        return found

    def _changes(
        self,
        state: _TicketState,
        new_values: list[str | None],
        raw_now: list[str | None],
        ended: bool = False,
    ) -> list[str]:
        """The events of the change rules a row meets (on a row of a resolved or closed
        ticket, ``ended``, only those that say ``while_ended``)."""
        found = []
        raw_position = 0
        for field_index, _column, spec, rank in self.changes:
            if field_index is not None:
                old, new = state.values[field_index], new_values[field_index]
            else:
                old, new = state.raw[raw_position], raw_now[raw_position]
                raw_position += 1
                if new is None:
                    continue
            if ended and not spec.while_ended:
                continue
            if old is None or new is None or old == new:
                continue
            if spec.to is not None and new not in spec.to:
                continue
            if spec.when != "any":
                old_rank, new_rank = rank(old), rank(new)
                if old_rank is None or new_rank is None:
                    continue
                if (new_rank > old_rank) != (spec.when == "up"):
                    continue
            found.append(spec.event)
        return found

    def _value_events(self, row: list[Any]) -> list[str]:
        found: list[str] = []
        for index, values in self.value_events:
            cell = row[index]
            if cell is None:
                continue
            cell = str(cell).strip()
            if cell in self.missing:
                continue
            if values is None:
                found.append(cell)
            else:
                found.extend(values.get(cell, ()))
        return found

    def _created_time(self, cell: Any, time: dt.datetime) -> dt.datetime:
        """The opening time from its own column when it can be read and is earlier."""
        if cell is None or (type(cell) is str and cell.strip() in self.missing):
            return time
        try:
            opened = self.parse_created(cell.strip() if type(cell) is str else cell)
        except (ValueError, TypeError, AttributeError):
            return time
        return opened if opened < time else time


def _ignored(row: list[Any], ignore: list[tuple[int, frozenset[str]]]) -> bool:
    for index, values in ignore:
        cell = row[index]
        if cell is not None and str(cell).strip() in values:
            return True
    return False


def _tie(cell: Any, missing: frozenset[str]) -> tuple[int, Any]:
    """Tie-break value: numbers (by value) before text, text before no value."""
    text = "" if cell is None else str(cell).strip()
    if text in missing:
        return (2, "")
    try:
        return (0, float(text))
    except ValueError:
        return (1, text)
