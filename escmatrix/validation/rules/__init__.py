"""Semantic rules, one module per group; importing this package registers them all.

Rules reported by the reading steps are registered here too, so that ``escmatrix validate
--list-rules`` and the documentation list every finding the validator can give.
"""

from escmatrix.validation.registry import register_builtin
from escmatrix.validation.rules import (
    availability,
    calendars,
    contacts,
    levels,
    references,
    triggers,
)

__all__ = ["availability", "calendars", "contacts", "levels", "references", "triggers"]

register_builtin(
    "unreadable-file", "error", "The file cannot be read: missing, a folder, binary, not UTF-8."
)
register_builtin("yaml-syntax", "error", "The file is not one readable YAML document.")
register_builtin("duplicate-key", "error", "A key is given twice in one mapping.")
register_builtin("empty-file", "error", "The file holds no matrix at all.")
register_builtin("schema", "error", "The document does not follow the matrix format.")
register_builtin("bad-duration", "error", "A window or duration cannot be read.")
register_builtin("bad-segment", "error", "Working hours are not a valid span such as 09:00-18:00.")
register_builtin("bad-holiday-date", "error", "A listed holiday is not a date (YYYY-MM-DD).")
register_builtin(
    "bad-rotation",
    "error",
    "An on-call rotation with no members, a turn, handoff, start or override that cannot be read.",
)
register_builtin(
    "bad-schedule", "error", "A schedule's .ics file is missing, unreadable or holds no events."
)
