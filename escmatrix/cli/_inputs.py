"""The inputs of every command: one function checks a path as it was given, one reads a
small input with a bound, one refuses an output that is one of the inputs.

A path is a file, ``-`` for standard input, or a device or a pipe (read with the same
bounds as a file); a workbook may name a sheet (``log.xlsx#Sheet``). Errors name the input
as it was given (``-`` for standard input), never a temporary file.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from escmatrix.cli._common import fail
from escmatrix.limits import MIB, STDIN_COPY_BYTES
from escmatrix.validation import InputError

_WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class Input:
    """An input of a command, checked: it exists, is not a folder, can be read."""

    given: str  # as typed; "-" for standard input
    what: str  # "matrix", "ticket log" ...
    path: Path | None  # None: standard input
    sheet: str | None = None  # from a "book.xlsx#Sheet" path
    identity: tuple[int, int] | None = None  # (device, inode) of a regular file
    regular: bool = False  # a regular file (not a pipe, a device or a terminal)

    @property
    def is_stdin(self) -> bool:
        return self.path is None


def check_input(given: str, what: str, limit: int | None = None, *, sheets: bool = False) -> Input:
    """The input ``given`` (``what`` it is, for messages: "matrix", "ticket log" ...), or
    :class:`~escmatrix.validation.InputError` saying why it cannot be read. ``limit``: the
    most bytes it may have (checked now for a regular file, while reading for a stream).
    ``sheets``: a workbook path may end in ``#Sheet``."""
    if given == "-":
        try:
            status = os.fstat(sys.stdin.fileno())
        except (OSError, ValueError, io.UnsupportedOperation):
            return Input("-", what, None)  # replaced (tests) or closed: reading will tell
        regular = stat.S_ISREG(status.st_mode)
        identity = (status.st_dev, status.st_ino) if regular else None
        return Input("-", what, None, None, identity, regular)
    path, sheet = Path(given), None
    if sheets and "#" in given and not os.path.lexists(given):
        base, _, sheet = given.rpartition("#")
        path = Path(base)
        if not base.lower().endswith(_WORKBOOK_SUFFIXES):
            raise InputError(given, "no such file ('#Sheet' names a sheet of an .xlsx workbook)")
    try:
        status = path.stat()
    except FileNotFoundError:
        raise InputError(given, "no such file") from None
    except OSError as error:
        raise InputError(given, f"cannot be read: {error.strerror or error}") from None
    if stat.S_ISDIR(status.st_mode):
        raise InputError(given, f"is a directory, not a {what}")
    if not os.access(path, os.R_OK):
        raise InputError(given, "cannot be read: permission denied")
    regular = stat.S_ISREG(status.st_mode)
    if regular and limit is not None and status.st_size > limit:
        raise InputError(given, f"is {_size(status.st_size)}; a {what} is at most {_size(limit)}")
    identity = (status.st_dev, status.st_ino) if regular else None
    return Input(given, what, path, sheet, identity, regular)


def checked_input(
    given: str, what: str, limit: int | None = None, *, sheets: bool = False
) -> Input:
    """:func:`check_input`, exiting 2 with its message when the input cannot be read."""
    try:
        return check_input(given, what, limit, sheets=sheets)
    except InputError as error:
        fail(str(error))


def read_input(source: Input, what: str, limit: int) -> bytes:
    """The bytes of a small input (a matrix, a mapping, a workbook), from a file, standard
    input, a pipe or a device alike: never more than ``limit`` bytes are read
    (:class:`~escmatrix.validation.InputError` if there are more)."""
    try:
        if source.path is None:
            data = sys.stdin.buffer.read(limit + 1)
        else:
            with open(source.path, "rb") as stream:
                data = stream.read(limit + 1)
    except OSError as error:
        raise InputError(source.given, f"cannot be read: {error.strerror or error}") from None
    if len(data) > limit:
        raise InputError(source.given, f"is larger than {_size(limit)}; a {what} is far smaller")
    return data


def log_input(source: Input) -> str | IO[bytes]:
    """What a replay reads for ``source``: the path as given (with its ``#Sheet``), or for
    standard input a stream that can go back to its start (:class:`_Rewindable`)."""
    if source.path is not None:
        return source.given
    stdin = sys.stdin.buffer
    if source.regular and stdin.seekable():
        return stdin  # `< log.csv`: the file itself
    return io.BufferedReader(_Rewindable(stdin, STDIN_COPY_BYTES))


def refuse_overwrite(output: str | None, inputs: Iterable[Input]) -> None:
    """Exit 2 when the file ``output`` is one of ``inputs`` (compared as files: device and
    inode, so a symbolic or hard link to an input is caught too)."""
    if output in (None, "-"):
        return
    try:
        status = os.stat(output)
    except OSError:
        return  # not there yet (or not reachable: writing it will say so)
    for source in inputs:
        if source.identity == (status.st_dev, status.st_ino):
            if source.is_stdin:
                which = f"the {source.what} read from standard input"
            elif os.path.abspath(output) == os.path.abspath(source.given):
                which = f"the {source.what} this command reads"
            else:
                which = f"the same file as the {source.what} {source.given} (a link)"
            fail(f"{output}: is {which}; write to another file")


def _size(count: int) -> str:
    return f"{count / MIB:,.0f} MiB" if count >= MIB else f"{count:,} bytes"


class _Rewindable(io.RawIOBase):
    """Standard input that can be read again from its start: what has been read is kept in
    an unnamed temporary file (gone with the process, however it ends), up to ``limit``
    bytes; past that it is read on and can no longer go back.

    A replay reads a log twice only when it proves to be in no order; a workbook is read
    with seeks. Nothing is read ahead: a bad log on standard input stops at its first
    line, not after a copy of all of it."""

    def __init__(self, source: IO[bytes], limit: int) -> None:
        super().__init__()
        self._source = source
        self._limit = limit
        # closed by close(), or when it grows past the limit
        self._copy: Any = tempfile.TemporaryFile(prefix="escmatrix-stdin-")  # noqa: SIM115
        self._kept = 0  # bytes in the copy: the first ones read
        self._position = 0
        self._ended = False

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        wanted = len(buffer)
        if self._copy is not None and self._position < self._kept:
            self._copy.seek(self._position)
            got = self._copy.readinto(buffer[: min(wanted, self._kept - self._position)])
            self._position += got
            return got
        if self._ended:
            return 0
        data = self._source.read1(wanted) if hasattr(self._source, "read1") else b""
        if not data:
            self._ended = True
            return 0
        if self._copy is not None:
            if self._kept + len(data) <= self._limit:
                self._copy.seek(self._kept)
                self._copy.write(data)
                self._kept += len(data)
            else:
                self._copy.close()
                self._copy = None
        buffer[: len(data)] = data
        self._position += len(data)
        return len(data)

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_CUR:
            offset += self._position
        elif whence == io.SEEK_END:
            while self.readinto(memoryview(bytearray(1 << 16))):
                pass
            offset += self._position
        if offset == self._position:
            return offset
        while offset > self._position and not self._ended:
            chunk = bytearray(min(1 << 16, offset - self._position))
            if not self.readinto(memoryview(chunk)):
                break
        if offset > self._position:
            offset = self._position  # past the end: at the end
        if offset < self._position:
            if self._copy is None:
                raise OSError(
                    errno.ESPIPE,
                    f"standard input is kept up to {_size(self._limit)} to be read again;"
                    " it is longer",
                )
            self._position = offset
        return offset

    def close(self) -> None:
        if self._copy is not None:
            self._copy.close()
            self._copy = None
        super().close()
