"""The one finding type, exit codes, and the step that turns document paths into positions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Literal

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
