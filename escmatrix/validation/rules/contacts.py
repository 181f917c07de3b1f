"""Contacts that can be reached and are used."""

from __future__ import annotations

from collections.abc import Iterator

from escmatrix.findings import Issue
from escmatrix.validation.registry import Context, register


@register(
    "unreachable-contact",
    "warning",
    "A contact has no way to be reached (no channel, email or phone) or is never available.",
)
def unreachable_contact(ctx: Context) -> Iterator[Issue]:
    m = ctx.matrix
    for contact in m.contacts:
        # a rotation or a schedule is reached through its members
        on_call = contact.rotation is not None or contact.schedule is not None
        if not contact.reachable_channels and not on_call:
            yield Issue(
                "unreachable-contact",
                ("contacts", contact.id),
                f"{contact.name} has no channels, email or phone: how is {contact.id} contacted?",
                on_key=True,
            )
        calendar = m.calendar_by_id.get(contact.calendar or "")
        if calendar is not None and calendar.working_minutes_per_week == 0:
            yield Issue(
                "unreachable-contact",
                ("contacts", contact.id, "calendar"),
                f"{contact.name} is never available: calendar {calendar.id!r} has no working hours",
            )


@register(
    "unused-contact", "warning", "A contact is defined but no level, category or trigger uses it."
)
def unused_contact(ctx: Context) -> Iterator[Issue]:
    m = ctx.matrix
    used = {c for level in m.levels for c in level.contacts}
    used.update(c for trigger in m.triggers for c in trigger.notify)
    used.update(c for cat in m.categories for _, ids in cat.contacts for c in ids)
    for contact in m.contacts:  # deputies and the members of rotations and schedules
        if contact.deputy:
            used.add(contact.deputy)
        if contact.rotation is not None:
            used.update(contact.rotation.members)
            used.update(o.member for o in contact.rotation.overrides)
        if contact.schedule is not None:
            used.update(s.member for s in contact.schedule.shifts if s.member)
    for contact in m.contacts:
        if contact.id not in used:
            yield Issue(
                "unused-contact",
                ("contacts", contact.id),
                f"contact {contact.id!r} is never contacted",
                on_key=True,
            )
