"""The text of notification records, as every format writes them.

A replay's records (:class:`~escmatrix.simulation.engine.Notification`) become lines of
JSON Lines, rows of CSV, entries of JSON, lines of a table or a timeline: this module is
the one place where a record's fields become text. :class:`RecordTexts` writes exactly what
``json.dumps(record.to_record(), ensure_ascii=False)`` and :func:`csv.writer` would, several
times faster: a time's date and offset are read once per hour (:class:`LocalClock`), and the
parts that repeat (a level with its contacts, reasons, most details) are encoded once.

Compiled with Cython when a compiler is there (``records.pxd`` gives the types); the same
code runs as plain Python otherwise.
"""

from __future__ import annotations

from json.encoder import encode_basestring as _quote  # what json.dumps uses for text

from escmatrix.instants import NONE, LocalClock
from escmatrix.simulation.engine import Notification

_CACHE_LIMIT = 20_000  # encoded texts kept; cleared, not grown, beyond that
_CSV_SPECIAL = (",", '"', "\r", "\n")


def csv_cell(text: str) -> str:
    """``text`` as one CSV cell, quoted only when it must be (csv.QUOTE_MINIMAL with the
    "\\r\\n" line ends the CSV output uses), and made text for a spreadsheet
    (:func:`spreadsheet_text`)."""
    text = spreadsheet_text(text)
    for char in _CSV_SPECIAL:
        if char in text:
            return '"' + text.replace('"', '""') + '"'
    return text


_FORMULA_START = frozenset("=+-@\t\r")


def spreadsheet_text(cell: str) -> str:
    """A CSV cell that a spreadsheet opens as text: one that begins with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return (a formula to Excel, LibreOffice and Google
    Sheets, e.g. a ticket id ``=HYPERLINK(...)``) gets a single quote in front, as OWASP
    advises against CSV injection."""
    return "'" + cell if cell[:1] in _FORMULA_START else cell


class RecordTexts:
    """Records' fields as text, with the caches that make it fast; one per output."""

    def __init__(self) -> None:
        self._clocks: dict[object, LocalClock] = {}
        self._levels: dict[tuple[str, str, tuple[str, ...]], str] = {}
        self._texts: dict[str, str] = {}
        self._cells: dict[tuple[str, str, tuple[str, ...]], str] = {}
        self._csv: dict[str, str] = {}
        self._ends: dict[tuple[object, ...], str] = {}

    def clock(self, zone: object) -> LocalClock:
        """The clock of ``zone`` (a replay's records all share the matrix zone)."""
        clock = self._clocks.get(zone)
        if clock is None:
            clock = LocalClock(zone)  # type: ignore[arg-type]
            self._clocks[zone] = clock
        return clock

    def time(self, record: Notification) -> str:
        """The record's time in ISO 8601 with its offset."""
        return self.clock(record.zone).iso(record.at)

    def _json_text(self, text: str) -> str:
        encoded = self._texts.get(text)
        if encoded is None:
            if len(self._texts) >= _CACHE_LIMIT:
                self._texts.clear()
            encoded = _quote(text)
            self._texts[text] = encoded
        return encoded

    def json_line(self, n: Notification, reach: bool = False) -> str:
        """The record as one line of JSON (without the line end); ``reach`` adds the fields
        of a matrix with availability."""
        key = (n.level, n.level_name, n.contacts)
        middle = self._levels.get(key)
        if middle is None:
            contacts = ", ".join([_quote(c) for c in n.contacts])
            middle = (
                f', "level": {_quote(n.level)}, "level_name": {_quote(n.level_name)},'
                f' "contacts": [{contacts}], "reason": '
            )
            self._levels[key] = middle
        end = self._json_reach(n) if reach else "}"
        return (
            f'{{"ticket": {_quote(n.ticket)}, "time": "{self.time(n)}"{middle}'
            f'{self._json_text(n.reason)}, "detail": {self._json_text(n.detail)}{end}'
        )

    def _json_reach(self, n: Notification) -> str:
        """The end of a record of a matrix with availability (SPEC 10), encoded once per
        distinct end."""
        key = (n.unreachable, n.next_us, n.zone, n.after_hours)
        end = self._ends.get(key)
        if end is None:
            unreachable = ", ".join([_quote(c) for c in n.unreachable])
            after_hours = ", ".join([_quote(c) for c in n.after_hours])
            nxt = "null" if n.next_us == NONE else '"' + self.clock(n.zone).iso(n.next_us) + '"'
            end = (
                f', "unreachable": [{unreachable}], "next_reachable": {nxt},'
                f' "after_hours": [{after_hours}]}}'
            )
            if len(self._ends) >= _CACHE_LIMIT:
                self._ends.clear()
            self._ends[key] = end
        return end

    def _csv_text(self, text: str) -> str:
        cell = self._csv.get(text)
        if cell is None:
            if len(self._csv) >= _CACHE_LIMIT:
                self._csv.clear()
            cell = csv_cell(text)
            self._csv[text] = cell
        return cell

    def csv_line(self, n: Notification, reach: bool = False) -> str:
        """The record as one CSV row, with its "\\r\\n" line end; ``reach`` adds the
        fields of a matrix with availability."""
        key = (n.level, n.level_name, n.contacts)
        middle = self._cells.get(key)
        if middle is None:
            middle = (
                f"{csv_cell(n.level)},{csv_cell(n.level_name)},{csv_cell(';'.join(n.contacts))}"
            )
            self._cells[key] = middle
        end = self._csv_reach(n) if reach else ""
        return (
            f"{csv_cell(n.ticket)},{self.time(n)},{middle},{self._csv_text(n.reason)},"
            f"{self._csv_text(n.detail)}{end}\r\n"
        )

    def _csv_reach(self, n: Notification) -> str:
        nxt = "" if n.next_us == NONE else self.clock(n.zone).iso(n.next_us)
        return (
            ","
            + csv_cell(";".join(n.unreachable))
            + ","
            + nxt
            + ","
            + csv_cell(";".join(n.after_hours))
        )
