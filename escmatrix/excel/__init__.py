"""Excel workbooks: export a matrix for people, import one written in Excel.

- :func:`write_workbook` writes the ``Matrix`` sheet in the call-center template layout
  (in English, Italian, Portuguese or Spanish) plus detail sheets that hold the whole
  matrix, through a temporary file; :func:`build_workbook` returns the workbook checked and
  laid out, ready to be saved to a stream (written with XlsxWriter).
- :func:`import_workbook` reads an escmatrix export exactly, or a hand-made sheet in the
  template layout, and returns the matrix as canonical data and tidy YAML, with every cell
  it could not place reported as ``Sheet!B7: …``.

openpyxl (reading) and XlsxWriter (writing) are imported only when one of these runs, so
that the command line starts fast.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from escmatrix.excel.importer import ImportResult
    from escmatrix.model import Matrix

__all__ = ["build_workbook", "import_workbook", "write_workbook"]


def build_workbook(matrix: Matrix, language: str = "en") -> tuple[Any, list[str]]:
    """The workbook for ``matrix`` (``.save(stream)`` writes it) and warnings about values
    it changes."""
    from escmatrix.excel.export import build_workbook as build

    return build(matrix, language)


def write_workbook(matrix: Matrix, path: str | os.PathLike[str], language: str = "en") -> list[str]:
    """Write ``matrix`` to the workbook ``path`` atomically; returns the warnings."""
    from escmatrix.excel.export import write_workbook as write

    return write(matrix, path, language)


def import_workbook(
    path: str | os.PathLike[str] | bytes, yaml_name: str = "<imported>", name: str | None = None
) -> ImportResult:
    """Read the matrix in a workbook (see :func:`escmatrix.excel.importer.import_workbook`)."""
    from escmatrix.excel.importer import import_workbook as read

    return read(path, yaml_name, name)
