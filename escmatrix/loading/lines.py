"""A log's lines, each read with a bound.

:class:`Lines` hands ``csv.reader`` (or the JSON Lines reader) a log's text line by line,
and stops a line longer than :data:`~escmatrix.limits.LOG_LINE_CHARS` before it is held
whole (a quote never closed, ``/dev/zero``). Compiled with Cython when a compiler is there
(``lines.pxd`` gives the types: ``csv.reader`` then calls it without a Python frame); the
same code runs as plain Python otherwise.
"""

from __future__ import annotations

from typing import Any

from escmatrix.limits import LOG_LINE_CHARS


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


class CsvRows:
    """The rows of a CSV log after its header, exactly as ``csv.reader`` gives them, with
    ``line_num`` the lines read so far: a line with no quote, no carriage return but its
    line end and no NUL (nearly every line of a log) is split here, any other record is
    read by ``csv.reader`` from the same lines. ``reader`` is the ``csv.reader`` that read
    the header from ``lines``."""

    def __init__(self, lines: Lines, reader: Any, delimiter: str) -> None:
        import csv

        self._lines = lines
        self.delimiter = delimiter
        self.line_num = reader.line_num
        self._limit = csv.field_size_limit()
        self._pending: str | None = None
        self._reader = csv.reader(_Feed(self), delimiter=delimiter)

    def __iter__(self) -> CsvRows:
        return self

    def __next__(self) -> list[str]:
        return self.row(next(self._lines))

    def row(self, line: str) -> list[str]:
        """The row that starts with ``line``."""
        n = len(line)
        end = n
        if n and line[n - 1] == "\n":
            end = n - 1
            if n > 1 and line[n - 2] == "\r":
                end = n - 2
        if (
            n <= self._limit
            and '"' not in line
            and "\x00" not in line
            and ("\r" not in line or (end == n - 2 and line.find("\r") == end))
        ):
            self.line_num += 1
            if end == 0:
                return []
            return line[:end].split(self.delimiter)
        self._pending = line
        return next(self._reader)

    def _next_line(self) -> str:
        """The next line for ``csv.reader``: the one handed over first, then the next."""
        line = self._pending
        if line is not None:
            self._pending = None
        else:
            line = next(self._lines)
        self.line_num += 1
        return line


class _Feed:
    """The lines :class:`CsvRows` gives ``csv.reader`` (an iterator of lines)."""

    __slots__ = ("_rows",)

    def __init__(self, rows: CsvRows) -> None:
        self._rows = rows

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        return self._rows._next_line()
