"""The console the human formats draw on.

A terminal gets its own width and colour (``NO_COLOR`` is honoured). A file or a pipe gets
plain text that is never wrapped: a line of the output is one line of the file, whatever
its length, so that it can be searched and cut; tables take the width they need. Setting
``COLUMNS`` gives a file or a pipe that width instead (tables then fit it).
"""

from __future__ import annotations

import os
from typing import IO, Any

UNLIMITED = 1_000_000  # columns: wide enough that nothing is ever wrapped or cropped


def is_terminal(stream: IO[Any]) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def console_for(stream: IO[Any]) -> Any:
    """A rich console writing to ``stream``, as described above."""
    from rich.console import Console

    if is_terminal(stream):
        return Console(file=stream, highlight=False)
    columns = os.environ.get("COLUMNS", "")
    width = int(columns) if columns.isdigit() and int(columns) > 0 else UNLIMITED
    return Console(file=stream, width=width, color_system=None, highlight=False, soft_wrap=True)
