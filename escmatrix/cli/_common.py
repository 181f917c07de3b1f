"""What every command shares: consoles, errors with exit code 2, atomic output, loading."""

from __future__ import annotations

import errno
import io
import os
import signal
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

import typer

from escmatrix.findings import EXIT_ERROR

if TYPE_CHECKING:
    from rich.console import Console

    from escmatrix.cli._inputs import Input
    from escmatrix.loading.mapping import Mapping
    from escmatrix.model import Category, Matrix


def stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def fail(message: str, code: int = EXIT_ERROR) -> NoReturn:
    """Print ``error: message`` on standard error and exit (2 by default)."""
    from rich.markup import escape

    console = stderr_console()
    console.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def warn(message: str) -> None:
    from rich.markup import escape

    stderr_console().print(
        f"[bold yellow]warning:[/] {escape(message)}", highlight=False, soft_wrap=True
    )


def refuse_binary_to_terminal(output: str | None) -> None:
    """Exit 2 when a workbook would be written to standard output and that is a terminal."""
    if output == "-" and sys.stdout.isatty():
        fail("a workbook is binary: write it to a file with -o FILE.xlsx, or pipe it")


@contextmanager
def atomic_output(path: str | None, binary: bool = False) -> Iterator[IO[Any]]:
    """A file to write ``path`` through: a temporary file beside it, renamed over ``path``
    only when the block finishes without error; ``None`` or ``-`` is standard output.
    A write that fails (a folder that cannot be written, a full disk) exits 2 with a
    message, and the temporary file is gone."""
    if path in (None, "-"):
        stream: IO[Any] = sys.stdout.buffer if binary else sys.stdout
        try:
            yield stream
            stream.flush()
        except OSError as error:
            output_failed("standard output", error)
        return
    target = Path(path)
    if target.is_dir():
        fail(f"{path}: is a directory; give a file name")
    if target.exists() and not target.is_file():
        # A device or a pipe (/dev/null, a FIFO): nothing half-written can be left in it,
        # and renaming a file over it would replace the device itself.
        try:
            with open(target, "wb") as raw:
                if binary:
                    yield raw
                else:
                    with _DeviceText(raw, encoding="utf-8") as text:
                        yield text
        except OSError as error:
            output_failed(path, error)
        return
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        fail(f"{path}: the folder {directory} does not exist")
    # No signal between making the temporary file and the block that removes it: one that
    # comes meanwhile is handled (as KeyboardInterrupt) once inside it.
    blocked = _block_signals()
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=directory
        )
    except OSError as error:
        _unblock_signals(blocked)
        output_failed(path, error)
    try:
        _unblock_signals(blocked)
        with os.fdopen(
            handle,
            "wb" if binary else "w",
            encoding=None if binary else "utf-8",
            newline=None if binary else "",
        ) as stream:
            yield stream
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            output_failed(path, error)
        raise


class _DeviceText(io.TextIOWrapper):
    """Text written into a device: a sink that starts over (a log in no order) goes back to
    its start, and cutting a device short, which keeps nothing (/dev/null), does nothing."""

    def truncate(self, pos: int | None = None) -> int:
        self.flush()
        try:
            return super().truncate(pos)
        except OSError as error:
            if error.errno != errno.EINVAL:
                raise
            return self.tell()


_STOPPING = ("SIGINT", "SIGTERM", "SIGHUP")


def _block_signals() -> set[Any] | None:
    """Hold the signals that stop a command (where the system can); the ones held before."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    wanted = {getattr(signal, name) for name in _STOPPING if hasattr(signal, name)}
    return set(signal.pthread_sigmask(signal.SIG_BLOCK, wanted))


def _unblock_signals(before: set[Any] | None) -> None:
    if before is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def output_failed(name: str, error: OSError) -> NoReturn:
    """Exit 2 for an output that could not be written: a message naming it, except for a
    pipe closed by its reader (``| head``), which has nothing more to hear."""
    if error.errno == errno.EPIPE:
        quiet_stdout()
        raise typer.Exit(EXIT_ERROR)
    fail(f"{name}: cannot be written: {error.strerror or error}")


def quiet_stdout() -> None:
    """Standard output into /dev/null from now on: what was buffered for a closed pipe or
    a full disk is dropped, and the interpreter's final flush has nothing to fail on."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):
        pass  # not a real file (tests): nothing to flush at exit


def wrote(path: str | None, what: str, source: str | None = None) -> None:
    """Say on standard error what an ``-o FILE`` received (nothing for standard output)."""
    if path not in (None, "-"):
        origin = f" from {source}" if source else ""
        # plain text: importing rich to print one line would cost more than the line
        sys.stderr.write(f"wrote {path}{origin} ({what})\n")


def write_text(path: str | None, text: str) -> None:
    with atomic_output(path) as stream:
        stream.write(text)


def load_matrix_or_exit(path: str | Input, text: str | None = None) -> Matrix:
    """The matrix at ``path`` (as given, ``-`` for standard input, or an input checked
    before), or in ``text`` named ``path``; on errors print them and exit 2 (bad input)."""
    from escmatrix.validation import InputError, MatrixError, load_matrix_text

    name = path if isinstance(path, str) else path.given
    try:
        return load_matrix_text(read_yaml_input(path, "matrix") if text is None else text, name)
    except InputError as error:
        fail(str(error))
    except MatrixError as error:
        from escmatrix.output.findings import report_text

        errors = [f for f in error.findings if f.severity == "error"]
        report_text(errors, sys.stderr, color=sys.stderr.isatty())
        fail(f"{name}: the matrix has {len(errors)} error(s); fix them first (escmatrix validate)")


def read_yaml_input(path: str | Input, what: str) -> str:
    """The text of a matrix or mapping file (as given, or an input checked before), read
    through the one input check with its bound; :class:`InputError` when it cannot be."""
    from escmatrix.cli._inputs import check_input, read_input
    from escmatrix.limits import MATRIX_BYTES
    from escmatrix.validation import decode_text

    source = check_input(path, what, MATRIX_BYTES) if isinstance(path, str) else path
    return decode_text(read_input(source, what, MATRIX_BYTES), source.given)


def load_mapping_or_exit(path: str | Input) -> Mapping:
    """The mapping file at ``path`` (as given, or an input checked before); on errors print
    them and exit 2."""
    from escmatrix.loading.mapping import MappingError, load_mapping_text
    from escmatrix.output.findings import report_text
    from escmatrix.validation import InputError

    name = path if isinstance(path, str) else path.given
    try:
        return load_mapping_text(read_yaml_input(path, "mapping file"), name)
    except InputError as error:
        fail(str(error))
    except MappingError as error:
        errors = [f for f in error.findings if f.severity == "error"]
        report_text(errors, sys.stderr, color=sys.stderr.isatty())
        fail(f"{name}: the mapping has {len(errors)} error(s)")


def pick_categories(matrix: Matrix, ids: list[str] | None) -> list[Category] | None:
    """The categories named by ``--category`` (None: all); exit 2 on an unknown id."""
    if not ids:
        return None
    chosen = []
    for category_id in ids:
        if category_id not in matrix.category_by_id:
            from escmatrix.suggest import unknown

            fail(f"--category: {unknown('category', category_id, matrix.category_by_id)}")
        chosen.append(matrix.category_by_id[category_id])
    return chosen
