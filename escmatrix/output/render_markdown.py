"""``render --format markdown``: the matrix as a GitHub-flavoured Markdown table."""

from __future__ import annotations

from escmatrix.model import Category, Matrix
from escmatrix.output.grid import LABEL_LEVEL, build_grid


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>") or " "


def render(matrix: Matrix, categories: list[Category] | None = None) -> str:
    grid = build_grid(matrix, categories)
    lines = [f"# {matrix.name}", ""]
    if matrix.description:
        lines += [matrix.description.strip(), ""]
    header = [LABEL_LEVEL, *(h.replace("\n", " · ") for h in grid.header)]
    lines.append("| " + " | ".join(_cell(h) for h in header) + " |")
    lines.append("|" + "---|" * len(header))
    for row in grid.rows:
        label = f"**{row.label}**" if row.kind != "category" else row.label
        lines.append("| " + " | ".join([_cell(label), *(_cell(c) for c in row.cells)]) + " |")
    if matrix.triggers:
        lines += [
            "",
            "## Triggers",
            "",
            "| Trigger | Event | Moves to | Also notifies |",
            "|---|---|---|---|",
        ]
        for t in matrix.triggers:
            scope = " (any level)" if t.scope == "any" else ""
            notify = ", ".join(t.notify) or " "
            lines.append(
                f"| {_cell(t.name)}{scope} | `{'`, `'.join(t.events)}` | {t.escalate} | {notify} |"
            )
    return "\n".join(lines) + "\n"
