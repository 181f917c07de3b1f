"""Saving a workbook so that a failed write leaves nothing behind."""

from __future__ import annotations

from typing import IO, Any


def save(workbook: Any, stream: IO[bytes]) -> None:
    """``workbook.save(stream)``, with its zip archive closed whatever happens: a write that
    fails (a full disk) raises its ``OSError`` here, and no half-closed archive is left for
    the garbage collector to trip over once ``stream`` is closed."""
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl.writer.excel import ExcelWriter

    if workbook.write_only and not workbook.worksheets:
        workbook.create_sheet()  # as Workbook.save does
    archive = ZipFile(stream, "w", ZIP_DEFLATED, allowZip64=True)
    try:
        ExcelWriter(workbook, archive).save()  # closes the archive when it succeeds
    except BaseException:
        archive._writing = False  # type: ignore[attr-defined]  # a member cut short
        try:
            archive.close()
        except (OSError, ValueError):
            archive.fp = None
        raise
