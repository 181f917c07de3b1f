"""Every id is unique in its kind and every reference resolves."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from escmatrix.findings import DocPath, Issue
from escmatrix.model import ALWAYS, Category, Level, Trigger
from escmatrix.suggest import unknown
from escmatrix.validation.registry import Context, register


@register(
    "unknown-reference", "error", "A contact, calendar, level, trigger or priority is not defined."
)
def unknown_reference(ctx: Context) -> Iterator[Issue]:
    m = ctx.matrix
    contacts, levels = m.contact_by_id, m.level_by_id
    calendars = {**m.calendar_by_id, ALWAYS: None}
    priorities, triggers = m.priority_by_id, m.trigger_by_id

    def check(
        kind: str, value: str, known: Mapping[str, object], path: DocPath, on_key: bool = False
    ) -> Iterator[Issue]:
        if value not in known:
            yield Issue("unknown-reference", path, unknown(kind, value, known), on_key=on_key)

    yield from check("calendar", m.default_calendar, calendars, ("default_calendar",))
    for contact in m.contacts:
        here: DocPath = ("contacts", contact.id)
        if contact.calendar:
            yield from check("calendar", contact.calendar, calendars, (*here, "calendar"))
        if contact.deputy:
            yield from check("contact", contact.deputy, contacts, (*here, "deputy"))
        if contact.rotation is not None:
            rotation = (*here, "rotation")
            for j, member in enumerate(contact.rotation.members):
                yield from check("contact", member, contacts, (*rotation, "members", j))
            for j, override in enumerate(contact.rotation.overrides):
                path = (*rotation, "overrides", j, "member")
                yield from check("contact", override.member, contacts, path)
    if m.default_priority is not None:
        yield from check("priority", m.default_priority, priorities, ("priorities", "default"))
    for priority in m.priorities:
        if priority.start:
            yield from check("level", priority.start, levels, ("priorities", priority.id, "start"))
    for index, level in enumerate(m.levels):
        base = ("levels", index)
        if level.calendar:
            yield from check("calendar", level.calendar, calendars, (*base, "calendar"))
        for j, contact_id in enumerate(level.contacts):
            yield from check("contact", contact_id, contacts, (*base, "contacts", j))
        for key, _ in level.window.by_priority:
            yield from check("priority", key, priorities, (*base, "window", key), on_key=True)
    for index, trigger in enumerate(m.triggers):
        base = ("triggers", index)
        for j, contact_id in enumerate(trigger.notify):
            yield from check("contact", contact_id, contacts, (*base, "notify", j))
        if trigger.escalate.kind == "level" and trigger.escalate.level is not None:
            yield from check("level", trigger.escalate.level, levels, (*base, "escalate"))
    for index, category in enumerate(m.categories):
        base = ("categories", index)
        for j, level_id in enumerate(category.path or ()):
            yield from check("level", level_id, levels, (*base, "path", j))
        for level_id, ids in category.contacts:
            yield from check("level", level_id, levels, (*base, "contacts", level_id), on_key=True)
            for j, contact_id in enumerate(ids):
                yield from check("contact", contact_id, contacts, (*base, "contacts", level_id, j))
        for level_id, cell in category.cells:
            yield from check("level", level_id, levels, (*base, "cells", level_id), on_key=True)
            for j, trigger_id in enumerate(cell.triggers):
                yield from check(
                    "trigger", trigger_id, triggers, (*base, "cells", level_id, "triggers", j)
                )


@register("duplicate-id", "error", "Two levels, triggers or categories share an id.")
def duplicate_id(ctx: Context) -> Iterator[Issue]:
    m = ctx.matrix
    sections: tuple[tuple[str, tuple[Level | Trigger | Category, ...]], ...] = (
        ("level", m.levels),
        ("trigger", m.triggers),
        ("category", m.categories),
    )
    for kind, items in sections:
        section = "categories" if kind == "category" else f"{kind}s"
        first: dict[str, int] = {}
        for index, item in enumerate(items):
            if item.id in first:
                yield Issue(
                    "duplicate-id",
                    (section, index, "id"),
                    f"{kind} id {item.id!r} is already used by {section}[{first[item.id]}]",
                )
            else:
                first[item.id] = index
    if ALWAYS in m.calendar_by_id:
        yield Issue(
            "duplicate-id",
            ("calendars", ALWAYS),
            "'always' is the built-in 24x7 calendar; give this calendar another name",
            on_key=True,
        )


@register("cell-off-path", "warning", "A category has a cell for a level its path never visits.")
def cell_off_path(ctx: Context) -> Iterator[Issue]:
    m = ctx.matrix
    for index, category in enumerate(m.categories):
        path = set(m.path(category))
        for section, entries in (("cells", category.cells), ("contacts", category.contacts)):
            for level_id, _ in entries:
                if level_id in m.level_by_id and level_id not in path:
                    yield Issue(
                        "cell-off-path",
                        ("categories", index, section, level_id),
                        f"{category.id!r} never reaches {level_id}:"
                        f" its path is {', '.join(m.path(category))}",
                        on_key=True,
                    )
