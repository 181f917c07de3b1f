"""``render --format mermaid``: a flowchart of each category's path.

Solid edges are timeouts, labelled with the window; dotted edges are triggers, labelled
with the trigger's name; priorities that start higher enter the path where they start.
With several categories each is a subgraph of one chart.
"""

from __future__ import annotations

import re
from itertools import pairwise

from escmatrix.durations import format_window_human
from escmatrix.model import Category, Matrix


def _label(text: str) -> str:
    return '"' + text.replace('"', "#quot;").replace("\n", "<br/>") + '"'


def _node_id(prefix: str, ident: str) -> str:
    return prefix + re.sub(r"[^A-Za-z0-9_]", "_", ident)


def category_lines(matrix: Matrix, category: Category, prefix: str) -> list[str]:
    path = matrix.path(category)
    lines = [f"{prefix}start(({_label('new ticket')}))"]
    for level_id in path:
        level = matrix.level_by_id[level_id]
        who = ", ".join(
            matrix.contact_by_id[c].name if c in matrix.contact_by_id else c
            for c in matrix.contacts_for(category, level_id)
        )
        text = f"{level_id} · {level.name}" + (f"<br/>{who}" if who else "")
        lines.append(f"{_node_id(prefix, level_id)}[{_label(text)}]")
    lines.append(f"{prefix}start --> {_node_id(prefix, path[0])}")
    for priority in matrix.priorities:
        if priority.start in path and priority.start != path[0]:
            name = f"{priority.id} {priority.name}" if priority.name else priority.id
            lines.append(f"{prefix}start -->|{_label(name)}| {_node_id(prefix, priority.start)}")
    for here, after in pairwise(path):
        level = matrix.level_by_id[here]
        window = level.window.default
        if not window.is_resolution:
            label = format_window_human(window, working_day=matrix.working_day_seconds(level))
            lines.append(f"{_node_id(prefix, here)} -->|{_label(label)}| {_node_id(prefix, after)}")
    seen: set[tuple[str, str, str]] = set()
    for here in path:
        cell = category.cell(here)
        armed = [t for t in matrix.triggers if t.scope == "any" or (cell and t.id in cell.triggers)]
        for trigger in armed:
            target = matrix.target(category, here, trigger.escalate)
            if target is None or (here, target, trigger.id) in seen:
                continue
            seen.add((here, target, trigger.id))
            lines.append(
                f"{_node_id(prefix, here)} -.->|{_label(trigger.name)}| {_node_id(prefix, target)}"
            )
    return lines


def render(matrix: Matrix, categories: list[Category] | None = None) -> str:
    chosen = list(categories if categories is not None else matrix.categories)
    out = ["flowchart LR"]
    if len(chosen) == 1:
        out += [f"  {line}" for line in category_lines(matrix, chosen[0], "")]
    else:
        for category in chosen:
            prefix = _node_id("", category.id) + "_"
            out.append(f"  subgraph {prefix}cat[{_label(category.name)}]")
            out.append("    direction LR")
            out += [f"    {line}" for line in category_lines(matrix, category, prefix)]
            out.append("  end")
    return "\n".join(out) + "\n"
