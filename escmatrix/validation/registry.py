"""The rule registry: every finding the validator can report has an entry here.

A rule is an id, a severity, a one-line summary and, for semantic rules, a check that takes
a :class:`Context` and yields :class:`~escmatrix.findings.Issue` objects. Rules reported
while reading the file (syntax, schema, unreadable durations) are registered without a
check so that they are listed and documented like the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from escmatrix.findings import Issue, Severity
from escmatrix.model import Matrix

Check = Callable[["Context"], Iterable[Issue]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    summary: str
    check: Check | None = None


RULES: dict[str, Rule] = {}


def register(rule_id: str, severity: Severity, summary: str) -> Callable[[Check], Check]:
    """Decorator: register a semantic rule's check under ``rule_id``."""

    def decorate(check: Check) -> Check:
        _add(Rule(rule_id, severity, summary, check))
        return check

    return decorate


def register_builtin(rule_id: str, severity: Severity, summary: str) -> None:
    """Register a rule that the reading steps report themselves."""
    _add(Rule(rule_id, severity, summary))


def _add(rule: Rule) -> None:
    if rule.id in RULES:
        raise ValueError(f"rule {rule.id} registered twice")
    RULES[rule.id] = rule


@dataclass
class Context:
    """What a semantic rule sees: the model, and the data it was built from (for paths)."""

    matrix: Matrix
    data: dict[str, Any]

    @cached_property
    def level_rows(self) -> dict[str, int]:
        """Level id -> index in ``levels`` (first occurrence)."""
        rows: dict[str, int] = {}
        for index, level in enumerate(self.matrix.levels):
            rows.setdefault(level.id, index)
        return rows


def load_rules() -> dict[str, Rule]:
    """Import every rule module (they register themselves) and return the registry."""
    from escmatrix.validation import rules  # noqa: F401

    return RULES
