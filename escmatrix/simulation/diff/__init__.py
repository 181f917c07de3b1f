"""Two matrices compared: what changed, in words, and what it does to a real log (SPEC 9).

:func:`compare_matrices` describes the change; :func:`compare_on_log` replays a log against
both and compares the figures; :class:`Diff` holds both for the output formats.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from escmatrix.model import Matrix
from escmatrix.simulation.diff.changes import (
    SECTIONS,
    Change,
    MatrixDiff,
    Renames,
    compare_matrices,
)
from escmatrix.simulation.diff.effect import Effect, compare_on_log

__all__ = [
    "SECTIONS",
    "Change",
    "Diff",
    "Effect",
    "MatrixDiff",
    "Renames",
    "compare_matrices",
    "compare_on_log",
]


@dataclass
class Diff:
    """The outcome of ``escmatrix diff``: where each side came from, both matrices, the
    change in words, and its effect on a log (None without one)."""

    old: str
    new: str
    old_matrix: Matrix
    new_matrix: Matrix
    changes: MatrixDiff
    effect: Effect | None = None

    @property
    def changed(self) -> bool:
        return self.changes.changed

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "changed": self.changed,
            "changes": [change.to_dict() for change in self.changes.changes],
            "renames": {
                kind: {o: n for o, n in pairs.items() if o != n}
                for kind, pairs in vars(self.changes.renames).items()
            },
            "effect": None if self.effect is None else self.effect.to_dict(),
        }
