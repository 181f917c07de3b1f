"""What the tests of written workbooks check the same way (read back with openpyxl)."""

from __future__ import annotations

from typing import Any


def page_fit(ws: Any) -> tuple[int, int] | None:
    """(pages wide, pages tall) the sheet is printed on, 0 for as many as it takes; None
    when it is printed at its own size. A missing fitToWidth or fitToHeight is 1 (the
    default of the OOXML format)."""
    properties = ws.sheet_properties.pageSetUpPr
    if properties is None or not properties.fitToPage:
        return None
    setup = ws.page_setup
    wide = 1 if setup.fitToWidth is None else int(setup.fitToWidth)
    tall = 1 if setup.fitToHeight is None else int(setup.fitToHeight)
    return wide, tall


def prints_for_people(ws: Any, title_rows: str | None = "$1:$1", one_page: bool = False) -> None:
    """Landscape, fit to the page width (and to one page), ``title_rows`` on every page, the
    sheet's name in the page header and page numbers in the footer."""
    assert ws.page_setup.orientation == "landscape", ws.title
    assert page_fit(ws) == ((1, 1) if one_page else (1, 0)), ws.title
    if title_rows:
        assert ws.print_title_rows == title_rows, ws.title
    assert "&A" in (ws.oddHeader.right.text or ""), ws.title
    assert "&P" in (ws.oddFooter.center.text or ""), ws.title
