"""The one finding type, exit codes, and the step that turns document paths into positions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from escmatrix.limits import DISTINCT_NAMES

EXIT_SUCCESS = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

Severity = Literal["error", "warning"]
PathPart = str | int
DocPath = tuple[PathPart, ...]


@dataclass(frozen=True, order=True)
class Finding:
    """A problem found in a file, at a 1-based line and column (0 when unknown)."""

    file: str
    line: int
    column: int
    severity: Severity
    rule: str
    message: str

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity} {self.rule} {self.message}"


@dataclass(frozen=True)
class Issue:
    """A finding before it has a position: a rule id, a path into the document and a message.

    ``on_key`` points at the key of the mapping entry rather than its value (for
    duplicate ids and unexpected keys)."""

    rule: str
    path: DocPath
    message: str
    severity: Severity | None = None  # None: the rule's own severity
    on_key: bool = False


def has_errors(findings: Iterable[Finding], strict: bool = False) -> bool:
    return any(f.severity == "error" or strict for f in findings)


def exit_code(findings: Sequence[Finding], strict: bool = False) -> int:
    return EXIT_FINDINGS if has_errors(findings, strict) else EXIT_SUCCESS


# --- rows of a ticket log -----------------------------------------------------------------


class LogError(Exception):
    """A bad row under ``--strict``, or a log that cannot be read at all."""

    def __init__(self, source: str, line: int, message: str) -> None:
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {message}")
        self.source = source
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Problem:
    source: str
    line: int
    reason: str  # a short kind: "missing ticket id", "unparseable time", ...
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.message}"


@dataclass
class Problems:
    """Rows skipped and why: every kind counted, the first examples kept with their line.

    Under ``strict`` the first problem raises :class:`LogError` instead."""

    strict: bool = False
    keep: int = 20
    counts: Counter[str] = field(default_factory=Counter)
    examples: list[Problem] = field(default_factory=list)

    def add(self, source: str, line: int, reason: str, message: str) -> None:
        if self.strict:
            raise LogError(source, line, message)
        self.counts[reason] += 1
        if len(self.examples) < self.keep:
            self.examples.append(Problem(source, line, reason, message))

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class BoundedCounter(Counter[str]):
    """A :class:`~collections.Counter` of at most ``limit`` distinct keys: the counts of a
    key first seen after that are added to :attr:`other` instead, so that a log with a
    million distinct unknown event names costs a thousand entries, and the total stays
    exact (:attr:`total_rows`)."""

    def __init__(self, *args: Any, limit: int = DISTINCT_NAMES, **kwargs: Any) -> None:
        self.limit = limit
        self.other = 0
        super().__init__(*args, **kwargs)

    def __setitem__(self, key: str, value: int) -> None:
        if len(self) < self.limit or key in self:
            super().__setitem__(key, value)
        else:
            self.other += value

    def copy(self) -> BoundedCounter:
        copied = BoundedCounter(limit=self.limit)
        dict.update(copied, self)
        copied.other = self.other
        return copied

    @property
    def total_rows(self) -> int:
        return sum(self.values()) + self.other


def top_and_rest(counts: Counter[str], count: int) -> tuple[list[tuple[str, int]], int, int]:
    """The ``count`` most common keys of ``counts``, then how many other keys there are
    (keys past a :class:`BoundedCounter`'s limit are not told apart: they count as one)
    and the rows of those others."""
    shown = counts.most_common(count)
    other = getattr(counts, "other", 0)
    rest = len(counts) - len(shown) + (1 if other else 0)
    rows = sum(counts.values()) + other - sum(n for _, n in shown)
    return shown, rest, rows
