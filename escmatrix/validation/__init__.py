"""Validate matrix files: YAML with positions, the JSON Schema, then the semantic rules.

Semantic rules run on the model, so they run only once the document follows the schema
and its values can be read; until then the earlier findings say what to fix first.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from escmatrix.findings import Finding, Issue
from escmatrix.limits import MATRIX_BYTES, MIB
from escmatrix.loading.yaml_positions import Positions, load_document
from escmatrix.model import Matrix
from escmatrix.validation.registry import RULES, Context, Rule, load_rules

__all__ = [
    "MatrixError",
    "Report",
    "all_rules",
    "check_file",
    "check_paths",
    "check_text",
    "load_matrix",
]
YAML_SUFFIXES = (".yaml", ".yml")


class InputError(Exception):
    """A file that cannot be read at all (missing, a directory, binary, too large)."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message


class MatrixError(Exception):
    """A matrix that has errors; ``findings`` says which and where."""

    def __init__(self, findings: list[Finding]) -> None:
        errors = [f for f in findings if f.severity == "error"]
        super().__init__("\n".join(str(f) for f in errors[:20]))
        self.findings = findings


@dataclass
class Report:
    """The outcome of validating one file."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    matrix: Matrix | None = None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


def all_rules() -> dict[str, Rule]:
    """Every rule by id."""
    return load_rules()


def read_text(path: str | os.PathLike[str]) -> str:
    """The text of a file (also a device or a pipe, read with the same bound), or
    :class:`InputError` saying plainly why it cannot be read."""
    source = str(path)
    file = Path(path)
    if not file.exists():
        raise InputError(source, "no such file")
    if file.is_dir():
        raise InputError(source, "is a directory, not a file")
    try:
        with file.open("rb") as stream:
            raw = read_bounded(stream, source, MATRIX_BYTES, "a matrix file")
    except OSError as error:
        raise InputError(source, f"cannot be read: {error.strerror or error}") from None
    return decode_text(raw, source)


def read_bounded(stream: IO[bytes], source: str, limit: int, what: str) -> bytes:
    """At most ``limit`` bytes of ``stream``: :class:`InputError` when there are more
    (read no further than that, from a file, a pipe or a device alike)."""
    raw = stream.read(limit + 1)
    if len(raw) > limit:
        raise InputError(source, f"is larger than {limit // MIB} MiB; {what} is far smaller")
    return raw


def decode_text(raw: bytes, source: str) -> str:
    """The text of a matrix or mapping file's bytes (read from disk, a stream or git), or
    :class:`InputError` saying why they are no matrix: too large, binary, not UTF-8."""
    if len(raw) > MATRIX_BYTES:
        raise InputError(
            source, f"is larger than {MATRIX_BYTES // MIB} MiB; a matrix file is far smaller"
        )
    if b"\x00" in raw:
        raise InputError(source, "is a binary file, not YAML text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            source, f"is not UTF-8 text (byte {error.start + 1} cannot be decoded)"
        ) from None


def check_file(path: str | os.PathLike[str]) -> Report:
    """Validate one file. Raises :class:`InputError` if it cannot be read at all."""
    return check_text(read_text(path), str(path))


def yaml_files(path: str) -> list[str]:
    """``path``, or for a folder the YAML files in it and its subfolders (hidden ones
    left out), sorted; a folder without any raises :class:`InputError`."""
    folder = Path(path)
    if path == "-" or not folder.is_dir():
        return [path]
    found = sorted(
        str(file)
        for file in folder.rglob("*")
        if file.suffix.lower() in YAML_SUFFIXES
        and file.is_file()
        and not any(part.startswith(".") for part in file.relative_to(folder).parts)
    )
    if not found:
        raise InputError(path, "is a folder with no .yaml or .yml file in it")
    return found


def check_paths(
    paths: list[str], read: Callable[[str], str] | None = None
) -> tuple[list[Finding], int]:
    """Findings for matrix and mapping files (a folder: the YAML files in it), and how
    many files were checked. A file that cannot be read is an ``unreadable-file`` finding.
    ``read`` gives a file's text (default :func:`read_text`; the command line's also reads
    ``-``, standard input) or raises :class:`InputError`."""
    read = read or read_text
    from escmatrix.loading import is_mapping_text

    findings: list[Finding] = []
    checked = 0
    for given in paths:
        try:
            files = yaml_files(given)
        except InputError as error:
            findings.append(_unreadable(error))
            continue
        for path in files:
            checked += 1
            try:
                text = read(path)
            except InputError as error:
                findings.append(_unreadable(error))
                continue
            if is_mapping_text(text):  # a log mapping file (top-level `mapping: 1`)
                from escmatrix.loading.mapping import check_mapping_text

                findings.extend(check_mapping_text(text, path)[0])
            else:
                findings.extend(check_text(text, path).findings)
    return findings, checked


def _unreadable(error: InputError) -> Finding:
    return Finding(error.source, 0, 0, "error", "unreadable-file", error.message)


def check_text(text: str, source: str = "<matrix>", base: Path | None = None) -> Report:
    """Validate matrix text; ``source`` names it in findings; schedules (``.ics`` files)
    are read relative to ``base`` (default: the folder of ``source`` when it names a file,
    else the current folder)."""
    if base is None and source != "-" and not source.startswith("<"):
        base = Path(source).parent
    load_rules()
    document = load_document(
        text, "the file is empty: a matrix needs at least version, name, levels and categories"
    )
    issues: list[Issue] = list(document.issues)
    matrix = None
    if document.readable and document.data is not None:
        data = document.data
        if not (issues or _schema_issues(data, issues)):
            from escmatrix.loading.matrix import build_matrix

            matrix, build_issues = build_matrix(data, base)
            issues.extend(build_issues)
            if matrix is not None:
                issues.extend(_semantic_issues(matrix, data))
    findings = sorted(_locate(issue, document.positions, source) for issue in issues)
    errors = any(f.severity == "error" for f in findings)
    return Report(source, findings, matrix if not errors else None)


def _schema_issues(data: object, issues: list[Issue]) -> bool:
    """Add schema issues to ``issues``; True when there were any."""
    from escmatrix.validation.fastcheck import is_valid

    if is_valid(data):  # the common case, without importing jsonschema
        return False
    from escmatrix.validation.schema import schema_issues

    found = list(schema_issues(data))
    issues.extend(found)
    return bool(found)


def _semantic_issues(matrix: Matrix, data: dict[str, object]) -> list[Issue]:
    context = Context(matrix, data)
    found: list[Issue] = []
    for rule in load_rules().values():
        if rule.check is not None:
            found.extend(rule.check(context))
    return found


def _locate(issue: Issue, positions: Positions, source: str) -> Finding:
    line, column = positions.locate(issue.path, issue.on_key)
    severity = issue.severity or RULES[issue.rule].severity
    return Finding(source, line, column, severity, issue.rule, issue.message)


def load_matrix(path: str | os.PathLike[str]) -> Matrix:
    """Read and validate a matrix file; raises :class:`MatrixError` when it has errors
    and :class:`InputError` when it cannot be read."""
    report = check_file(path)
    if report.matrix is None:
        raise MatrixError(report.findings)
    return report.matrix


def load_matrix_text(text: str, source: str = "<matrix>", base: Path | None = None) -> Matrix:
    report = check_text(text, source, base)
    if report.matrix is None:
        raise MatrixError(report.findings)
    return report.matrix
