"""When the compiled replay (``_fast.pyx``) runs instead of the Python one.

It runs for a canonical CSV log (plain or gzip) written as JSON Lines or only summed up
(``--format jsonl`` and ``summary``), read in file order, against a matrix in which every
contact is always reached as written (no hours, deputy, rotation or schedule: SPEC 10).
Everything else (mapped exports, JSON Lines and Excel logs, the other formats, a log sorted
after it proved to be in no order, a matrix with availability) takes the Python engine,
which stays the reference: the tests replay logs both ways and compare the output byte for
byte and the summaries field by field.

``ESCMATRIX_ENGINE=python`` in the environment turns the compiled replay off. When the
package was installed without a C compiler the compiled module is missing and the
Python engine runs; ``escmatrix --version`` says which one a replay uses.
"""

from __future__ import annotations

import gc
import importlib
import importlib.util
import os
from collections import Counter
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from escmatrix.loading.logs import OpenedLog
    from escmatrix.model import Matrix
    from escmatrix.simulation.engine import Simulation
    from escmatrix.simulation.replay import ReplayOptions
    from escmatrix.simulation.summary import Summary

_MODULE = "escmatrix.simulation._fast"


def installed() -> bool:
    """True when the compiled replay was built (found without importing it, which would
    import the engine: ``escmatrix --version`` asks)."""
    return importlib.util.find_spec(_MODULE) is not None


def available() -> bool:
    """True when the compiled replay is installed and not turned off."""
    return os.environ.get("ESCMATRIX_ENGINE", "") != "python" and installed()


def engine_name() -> str:
    if not installed():
        return "Python (the compiled replay is not installed)"
    if not available():
        return "Python (ESCMATRIX_ENGINE=python)"
    return "compiled"


def supports(matrix: Matrix) -> bool:
    """Whether the compiled replay can replay ``matrix``: not when who is reached depends on
    the time (a contact with hours, a deputy, a rotation or a schedule), which only the
    Python engine resolves."""
    return not matrix.uses_availability


def target(sink: Any) -> tuple[bool, IO[str] | None]:
    """(whether the compiled replay can write for ``sink``, the stream it writes to)."""
    compiled = getattr(sink, "compiled_target", None)
    if compiled is None:
        return False, None
    return True, compiled()


def replay_compiled(
    simulation: Simulation,
    log: OpenedLog,
    stream: IO[str] | None,
    summary: Summary,
    options: ReplayOptions,
) -> None:
    """Replay the canonical CSV ``log`` into ``stream`` (JSON Lines; None: no records) with
    the compiled core, leaving ``simulation``'s counts and ``summary`` as the Python replay
    would. Raises what the Python replay raises (``LogOrderError``, ``LogError``)."""
    from escmatrix.loading.logs import canonical_columns

    compiled: Any = importlib.import_module(_MODULE)
    try:
        indices = canonical_columns(log.table)
    except BaseException:
        log.table.close()
        raise
    target: IO[str] | RecordLines | None = stream
    if stream is None and summary.count_days:  # the summary counts the records' days
        target = RecordLines(summary.add_record_lines)
    core = compiled.Replay(simulation, target, options.tickets, options.progress)
    # The compiled replay makes no reference cycles: the collector would only walk the
    # rows the CSV reader allocates.
    collecting = gc.isenabled()
    gc.disable()
    try:
        core.run(log.table, indices, log.zone, log.report, log.time_reader())
        records, reasons, contact_hours = core.finish()
    finally:
        if collecting:
            gc.enable()
    summary.notifications += records
    summary._reasons.update(reasons)
    summary._contact_hours.update(Counter(contact_hours))


class RecordLines:
    """A text stream for the compiled replay's JSON Lines, handing whole lines to
    ``lines`` (text may arrive cut anywhere)."""

    def __init__(self, lines: Callable[[list[str]], None]) -> None:
        self._lines = lines
        self._rest = ""

    def write(self, text: str) -> int:
        lines = (self._rest + text).split("\n")
        self._rest = lines.pop()
        self._lines(lines)
        return len(text)

    def flush(self) -> None:
        pass
