"""Did-you-mean: the closest known name to one that is not known, for every message that
names something unknown (a contact in a matrix, a --category, a column, a log event)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(value: str, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The known name closest to ``value`` (case aside), or None when none is close."""
    choices = sorted(set(known))
    by_fold: dict[str, str] = {}
    for choice in choices:
        by_fold.setdefault(choice.casefold(), choice)
    if value.casefold() in by_fold:
        return by_fold[value.casefold()]
    close = difflib.get_close_matches(value.casefold(), list(by_fold), n=1, cutoff=cutoff)
    return by_fold[close[0]] if close else None


def hint(value: str, known: Iterable[str], limit: int = 8) -> str:
    """``did you mean 'sales-director'?``, else the names known (the first ``limit``)."""
    choices = sorted(set(known))
    close = closest(value, choices)
    if close is not None and close != value:
        return f"did you mean {close!r}?"
    if not choices:
        return "none are defined"
    return "known: " + ", ".join(choices[:limit]) + (", ..." if len(choices) > limit else "")


def unknown(kind: str, value: str, known: Iterable[str]) -> str:
    """``unknown contact 'sales-dir' (did you mean 'sales-director'?)``."""
    return f"unknown {kind} {value!r} ({hint(value, known)})"
