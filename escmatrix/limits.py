"""Every bound escmatrix holds its inputs to, in one place.

Each is what keeps a hostile or broken input from costing unbounded memory or time, or
from reaching arithmetic the calendars cannot do; none is near what a real matrix or log
needs. The README's table of limits states these values (tests/test_docs.py checks it).
"""

from __future__ import annotations

import datetime as dt

MIB = 1024 * 1024

# --- files ---------------------------------------------------------------------------------
MATRIX_BYTES = 16 * MIB
"""A matrix or mapping file, from a file, standard input, a pipe or a device alike."""
WORKBOOK_BYTES = 64 * MIB
"""A workbook to import (also from standard input)."""
WORKBOOK_UNPACKED_BYTES = 512 * MIB
"""What a workbook to import may unpack to (a zip bomb is refused)."""
WORKBOOK_ROWS = 100_000
"""Rows read from one sheet of a workbook to import."""
LOG_LINE_CHARS = 1 * MIB
"""One line of a ticket log (CSV or JSON Lines): a longer one stops the run at its line,
before it is held in memory."""
RUN_ROWS = 10_000
"""Consecutive rows of one ticket a log reader holds to put them in time order; a longer
run is replayed in parts (a later row earlier than a part makes the log one in no order,
which is then sorted whole)."""
LOG_WORKBOOK_BYTES = 256 * MIB
"""A workbook log read from a pipe (held in memory to be read: a zip is read from its end)."""
STDIN_COPY_BYTES = 1024 * MIB
"""What ``simulate MATRIX -`` keeps of standard input (in an unnamed temporary file) to
read a log in no order a second time, sorted."""

# --- YAML ----------------------------------------------------------------------------------
YAML_DEPTH = 64
"""Nesting of mappings and sequences in a matrix or mapping file."""
YAML_ALIAS_VALUES = 100_000
"""Values aliases (``*anchor``) may stand for, each alias counting its whole value: a
"billion laughs" bomb (aliases of aliases) stops here."""
YAML_VALUES = 1_000_000
"""Values written in one document (a matrix of 25,000 categories has about 200,000): what
a file within the size limit holds beyond that would cost gigabytes to read."""

# --- times and durations -------------------------------------------------------------------
FIRST_YEAR = 1900
LAST_YEAR = 2999
"""Times a replay or an explanation accepts: log times, ``--until``, ``--at``, events."""
MAX_DURATION_DAYS = 3660
"""A duration (a window, also once scaled by a priority, or an explain offset) of at most
3,660 days (about ten years) of time ..."""
MAX_BUSINESS_DAYS = 2610
"""... or 2,610 business days (ten years of five-day weeks)."""

# --- counts --------------------------------------------------------------------------------
DISTINCT_NAMES = 1000
"""Distinct unknown event names (and kinds of events that changed nothing) counted one by
one in a summary; rows of names past these are counted together, with the total."""


class TimeRangeError(ValueError):
    """A time outside :data:`FIRST_YEAR` to :data:`LAST_YEAR`."""


TIME_RANGE = f"the years {FIRST_YEAR}-{LAST_YEAR}"


def check_time(moment: dt.datetime) -> dt.datetime:
    """``moment`` itself, or :class:`TimeRangeError` when its year is out of range."""
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise TimeRangeError(f"{moment.isoformat()} is outside {TIME_RANGE}")
    return moment
