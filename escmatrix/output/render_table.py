"""``render --format table``: the matrix in the terminal, drawn like the call-center
template (levels as columns, contact and timeline rows, one row per category).

No column is ever dropped: when the levels do not fit the width they are split into
blocks, each a table of its own with the row labels repeated (``levels L1-L4 of 7``). A
file or a pipe has no width limit (see :mod:`escmatrix.output.console`) and gets a single
table. The table is drawn here rather than by rich's ``Table``, which measures and wraps
every cell through several layers: a matrix of 1,000 levels and 1,000 categories (a
million cells, nearly all empty) is drawn in seconds this way.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from escmatrix.model import Category, Matrix
from escmatrix.output.grid import LABEL_LEVEL, OFF_PATH, Grid, build_grid

LABEL_WIDTH = (14, 28)  # the label column: at least, at most (characters)
LEVEL_WIDTH = (12, 30)  # a level column
STYLES = {"contact": "cyan", "timeline": "bold green", "priority": "green"}
HEADER_STYLE = "bold white on blue"
# box drawing (rich's ROUNDED box)
TOP = ("╭", "─", "┬", "╮")
MIDDLE = ("├", "─", "┼", "┤")
BOTTOM = ("╰", "─", "┴", "╯")
BAR = "│"


@dataclass
class MatrixTable:
    """The rendered grid: a rich renderable that lays itself out for the console width,
    and can write itself straight to a console's file (:meth:`write_to`), which is what
    the command line does: rich's own printing costs more than drawing the table."""

    title: str
    grid: Grid

    def __rich_console__(self, console: Any, options: Any) -> Iterator[Any]:
        from rich.segment import Segment

        for line in self.lines(options.max_width, console):
            yield Segment.line() if line is None else Segment(*line)

    def lines(self, width: int, console: Any) -> Iterator[tuple[str, Any] | None]:
        """(text, rich style) segments, None at each line end."""
        from rich.style import Style

        plain = console.no_color or console.color_system is None
        styles: dict[str, Style | None] = {"": None}
        for line in draw(self.title, self.grid, width):
            if plain:
                yield "".join(text for text, _ in line), None
            else:
                for text, name in line:
                    style = styles.get(name, False)
                    if style is False:
                        style = styles[name] = Style.parse(name)
                    yield text, style
            yield None

    def write_to(self, console: Any) -> None:
        """Write the table to ``console``'s file, in its colours, at its width."""
        ansi: dict[str, tuple[str, str]] = {}
        system = None if console.no_color else getattr(console, "_color_system", None)
        write = console.file.write
        for line in draw(self.title, self.grid, console.width):
            if system is None:
                write("".join(text for text, _ in line) + "\n")
                continue
            parts = []
            for text, name in line:
                codes = ansi.get(name)
                if codes is None:
                    codes = ansi[name] = _ansi(name, system)
                parts.append(codes[0] + text + codes[1])
            write("".join(parts) + "\n")


def _ansi(name: str, system: Any) -> tuple[str, str]:
    """The escape codes that start and end text in style ``name``."""
    if not name:
        return "", ""
    from rich.style import Style

    start, _, end = Style.parse(name).render("\0", color_system=system).partition("\0")
    return start, end


def render(matrix: Matrix, categories: list[Category] | None = None) -> MatrixTable:
    return MatrixTable(matrix.name, build_grid(matrix, categories))


Line = list[tuple[str, str]]  # (text, style name) pieces of one output line


def _natural(text: str) -> int:
    """The width of a text: its longest line."""
    return max(map(len, text.split("\n"))) if "\n" in text else len(text)


def layout(grid: Grid, width: int) -> tuple[int, list[list[tuple[int, int]]]]:
    """The label column's width and the blocks: each a list of (level index, width).

    Every column is as wide as its text when the whole table fits ``width``. Otherwise
    columns are capped so that about three levels fit beside the labels (a wider cell
    wraps), packed into blocks in level order, and each block's spare room goes back to
    its columns that wrap."""
    label = max(LABEL_WIDTH[0], _natural(LABEL_LEVEL), *(_natural(r.label) for r in grid.rows))
    natural = [max(LEVEL_WIDTH[0], _natural(header)) for header in grid.header]
    for row in grid.rows:
        for i, cell in enumerate(row.cells):
            if cell and len(cell) > natural[i]:  # (a text is never narrower than its length)
                natural[i] = max(natural[i], _natural(cell))
    if label + 4 + sum(w + 3 for w in natural) <= width:
        return label, [list(enumerate(natural))]
    label = max(1, min(label, LABEL_WIDTH[1], max(LABEL_WIDTH[0], width // 4), width - 9))
    room = max(1, width - label - 7)  # the widest a single level column can be
    cap = min(max(LEVEL_WIDTH[0], (width - label - 4) // 3 - 3), LEVEL_WIDTH[1], room)
    capped = [min(w, cap) for w in natural]
    runs: list[list[tuple[int, int]]] = []
    used = label + 4
    for index, w in enumerate(capped):
        if runs and runs[-1] and used + w + 3 <= width:
            runs[-1].append((index, w))
        else:
            runs.append([(index, w)])
            used = label + 4
        used += w + 3
    for run in runs:
        spare = width - label - 4 - sum(w + 3 for _, w in run)
        while spare > 0:
            short = [n for n, (i, w) in enumerate(run) if w < min(natural[i], room)]
            if not short:
                break
            for n in short[:spare]:
                i, w = run[n]
                run[n] = (i, w + 1)
            spare -= min(spare, len(short))
    return label, runs


def _wrap(text: str, width: int, cache: dict[tuple[str, int], list[str]]) -> list[str]:
    """The lines of a cell, each at most ``width`` characters (long words are cut)."""
    if not text:
        return [""]
    key = (text, width)
    found = cache.get(key)
    if found is None:
        found = []
        for paragraph in text.split("\n"):
            found.extend(
                textwrap.wrap(
                    paragraph, width, break_long_words=True, break_on_hyphens=False,
                    subsequent_indent="  " if paragraph.startswith("• ") and width > 4 else "",
                ) or [""]
            )  # fmt: skip
        cache[key] = found
    return found


def draw(title: str, grid: Grid, width: int) -> Iterator[Line]:
    """The table's lines: one table per block of level columns that fits ``width``."""
    label, runs = layout(grid, width)
    cache: dict[tuple[str, int], list[str]] = {}
    total = len(grid.header)
    for number, run in enumerate(runs):
        indices = [i for i, _ in run]
        widths = [label, *(w for _, w in run)]
        heading = title
        if len(runs) > 1:
            first, last = (grid.header[i].split("\n")[0] for i in (indices[0], indices[-1]))
            span = first if len(run) == 1 else f"{first}-{last}"
            levels = "levels" if len(run) > 1 else "level"
            heading = f"{title} ({levels} {span} of {total})"
        if number:
            yield []
        yield [(heading.center(sum(widths) + 3 * len(widths) + 1).rstrip(), "bold")]
        yield _rule(TOP, widths)
        header = [LABEL_LEVEL, *(grid.header[i] for i in indices)]
        yield from _row(header, widths, [HEADER_STYLE] * len(widths), cache)
        middle = _rule(MIDDLE, widths)
        blank = "".join(f" {'':{w}} {BAR}" for w in widths[1:])  # a row of empty cells
        for row in grid.rows:
            yield middle
            cells = [row.cells[i] for i in indices]
            if not any(cells) and len(row.label) <= label and "\n" not in row.label:
                yield [(BAR, ""), (f" {row.label:{label}} ", "bold"), (BAR + blank, "")]
                continue
            kind = STYLES.get(row.kind, "")
            styles = ["bold", *("dim" if cell == OFF_PATH else kind for cell in cells)]
            yield from _row([row.label, *cells], widths, styles, cache)
        yield _rule(BOTTOM, widths)


def _rule(parts: tuple[str, str, str, str], widths: list[int]) -> Line:
    left, fill, cross, right = parts
    return [(left + cross.join(fill * (w + 2) for w in widths) + right, "")]


def _row(
    cells: list[str], widths: list[int], styles: list[str], cache: dict[tuple[str, int], list[str]]
) -> Iterator[Line]:
    wrapped = [_wrap(text, w, cache) for text, w in zip(cells, widths, strict=True)]
    height = max(len(lines) for lines in wrapped)
    for n in range(height):
        line: Line = [(BAR, "")]
        for lines, w, name in zip(wrapped, widths, styles, strict=True):
            text = lines[n] if n < len(lines) else ""
            line.append((f" {text.ljust(w)} ", name))
            line.append((BAR, ""))
        yield line
