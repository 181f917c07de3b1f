"""Triggers that can fire and that move tickets up."""

from __future__ import annotations

from collections.abc import Iterator

from escmatrix.findings import Issue
from escmatrix.model import Matrix, Trigger
from escmatrix.validation.registry import Context, register


def armed_levels(matrix: Matrix, trigger: Trigger) -> set[str]:
    """The levels at which ``trigger`` is armed in at least one category."""
    if trigger.scope == "any":
        return {level_id for c in matrix.categories for level_id in matrix.path(c)}
    return {
        level_id
        for category in matrix.categories
        for level_id, cell in category.cells
        if trigger.id in cell.triggers
    }


@register(
    "trigger-never-armed",
    "warning",
    "A trigger is listed in no category cell and is not scope: any, so it never fires.",
)
def trigger_never_armed(ctx: Context) -> Iterator[Issue]:
    for index, trigger in enumerate(ctx.matrix.triggers):
        if trigger.scope != "any" and not armed_levels(ctx.matrix, trigger):
            yield Issue(
                "trigger-never-armed",
                ("triggers", index, "id"),
                f"trigger {trigger.id!r} is in no category's cells; list it in a cell or set"
                " scope: any",
            )


@register(
    "trigger-only-down", "error", "A trigger's target is at or below every level where it is armed."
)
def trigger_only_down(ctx: Context) -> Iterator[Issue]:
    m = ctx.matrix
    for index, trigger in enumerate(m.triggers):
        target = trigger.escalate.level
        if trigger.escalate.kind != "level" or target not in m.level_index:
            continue
        armed = [level_id for level_id in armed_levels(m, trigger) if level_id in m.level_index]
        if armed and all(m.level_index[level_id] >= m.level_index[target] for level_id in armed):
            lowest = min(armed, key=m.level_index.__getitem__)
            yield Issue(
                "trigger-only-down",
                ("triggers", index, "escalate"),
                f"{trigger.id!r} escalates to {target}, but it is armed only at {lowest} or above:"
                " a ticket is never moved down, so it can never move one",
            )
