"""Small helpers shared by the rule modules."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def unknown(kind: str, value: str, known: Iterable[str]) -> str:
    """``unknown contact 'sales-dir' (did you mean 'sales-director'?)``."""
    choices = sorted(set(known))
    close = difflib.get_close_matches(value, choices, n=1)
    if close:
        return f"unknown {kind} {value!r} (did you mean {close[0]!r}?)"
    if not choices:
        return f"unknown {kind} {value!r} (none are defined)"
    listed = ", ".join(choices[:8]) + (", ..." if len(choices) > 8 else "")
    return f"unknown {kind} {value!r} (known: {listed})"
