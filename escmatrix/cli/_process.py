"""The process around a command: signals, standard output and the garbage collector.

SIGTERM and SIGHUP take the path SIGINT takes (``KeyboardInterrupt``): every ``with`` and
``finally`` runs, so the hidden temporary file beside an ``-o`` target, the temporary
files of a workbook being written and the copy of standard input are removed, then the
process exits with 128 plus the signal's number, as a shell reports it. Standard output
that cannot be written at the end (``> /dev/full``, a closed pipe) is a message and exit
2, not an interpreter error. A command that replays a log (simulate, audit, diff with a
log) tunes the garbage collector for it (:func:`replay_collector`): the library never
touches the process's state.
"""

from __future__ import annotations

import errno
import gc
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
_received: list[int] = []


def _interrupt(signum: int, frame: FrameType | None) -> None:
    _received.append(signum)
    _ignore()  # one is enough: a second must not break the cleaning up of the first
    raise KeyboardInterrupt


def _ignore() -> None:
    for kind in _SIGNALS:
        signal.signal(kind, signal.SIG_IGN)


def run(command: Callable[[], object]) -> None:
    """Run ``command`` (the Typer app: it exits through ``SystemExit``) in this process."""
    code: str | int | None = 0
    try:
        for kind in _SIGNALS:
            if signal.getsignal(kind) is not signal.SIG_IGN:  # nohup keeps ignoring SIGHUP
                signal.signal(kind, _interrupt)
        command()
    except SystemExit as exit:
        code = exit.code
    except KeyboardInterrupt:
        code = 130
    except OSError as error:  # writing help or usage, before any command runs
        code = _unwritable(error)
    if _received:
        code = 128 + _received[0]  # as a shell reports a process ended by that signal
    else:
        _ignore()  # the command is done: a signal now has nothing left to stop
    try:
        sys.stdout.flush()
    except OSError as error:
        code = _unwritable(error)
    sys.exit(code)  # exit handlers run: openpyxl's removes the temporary files it made


def _unwritable(error: OSError) -> int:
    from escmatrix.cli._common import quiet_stdout

    quiet_stdout()
    if error.errno != errno.EPIPE:
        sys.stderr.write(f"error: standard output: cannot be written: {error.strerror}\n")
    return 2


@contextmanager
def replay_collector() -> Iterator[None]:
    """The garbage collector tuned for a replay, then as it was.

    A replay allocates millions of small objects that live on (ticket states) or die at
    once (events, records), with no reference cycles to speak of: collecting the young
    generation every 700 allocations costs about a tenth of the run for nothing. What was
    allocated before (the matrix, the imported modules) is frozen out of the collections."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()
