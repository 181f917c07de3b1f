"""``render --format table``: the matrix in the terminal, drawn like the call-center
template (levels as columns, contact and timeline rows, one row per category)."""

from __future__ import annotations

from typing import Any

from escmatrix.model import Category, Matrix
from escmatrix.output.grid import LABEL_LEVEL, OFF_PATH, build_grid


def render(matrix: Matrix, categories: list[Category] | None = None) -> Any:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    grid = build_grid(matrix, categories)
    table = Table(
        title=matrix.name,
        box=box.ROUNDED,
        show_lines=True,
        header_style="bold white on blue",
        title_style="bold",
    )
    table.add_column(LABEL_LEVEL, style="bold", min_width=14, max_width=28)
    for header in grid.header:
        table.add_column(header, min_width=12, vertical="top")
    styles = {"contact": "cyan", "timeline": "bold green", "priority": "green"}
    for row in grid.rows:
        cells = [
            Text(cell, style="dim" if cell == OFF_PATH else styles.get(row.kind, ""))
            for cell in row.cells
        ]
        table.add_row(Text(row.label, style="bold"), *cells)
    return table
