"""Who is reachable: deputies, schedules and the hours of the week a level reaches nobody."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from escmatrix.findings import DocPath, Issue
from escmatrix.model import ALWAYS, WEEKDAYS, Matrix
from escmatrix.suggest import unknown
from escmatrix.validation.registry import Context, register

MINUTES_OF_WEEK = 7 * 24 * 60
_REFERENCE_WEEK = dt.date(2026, 1, 5)  # a Monday with no DST change near it (north)
_MAX_WEEKS = 12


@register("deputy-cycle", "error", "Deputies that stand in for each other in a circle.")
def deputy_cycle(ctx: Context) -> Iterator[Issue]:
    m = ctx.matrix
    contacts = m.contact_by_id
    reported: set[str] = set()
    for contact in m.contacts:
        chain = [contact.id]
        current = contact.deputy
        while current is not None and current in contacts and current not in chain:
            chain.append(current)
            current = contacts[current].deputy
        if current is None or current not in chain:
            continue
        cycle = chain[chain.index(current) :]
        if reported.intersection(cycle):
            continue
        reported.update(cycle)
        first = min(cycle, key=list(contacts).index)
        shown = cycle[cycle.index(first) :] + cycle[: cycle.index(first)] + [first]
        yield Issue(
            "deputy-cycle",
            ("contacts", first, "deputy"),
            f"deputies stand in for each other in a circle ({' → '.join(shown)}):"
            " when all of them are out of reach nobody is",
        )


@register(
    "unknown-schedule-member", "error", "A shift of a schedule names nobody the matrix knows."
)
def unknown_schedule_member(ctx: Context) -> Iterator[Issue]:
    m = ctx.matrix
    known = [c.id for c in m.contacts] + [c.name for c in m.contacts]
    for contact in m.contacts:
        if contact.schedule is None:
            continue
        seen: set[str] = set()
        for shift in contact.schedule.shifts:
            if shift.member is not None or shift.who in seen:
                continue
            seen.add(shift.who)
            where = f"{contact.schedule.file}:{shift.line}" if shift.line else contact.schedule.file
            yield Issue(
                "unknown-schedule-member",
                ("contacts", contact.id, "schedule"),
                f"{where}: {unknown('schedule member', shift.who, known)}; an attendee's"
                " e-mail or name, or the summary, must be a contact's",
            )


@register(
    "coverage-gap",
    "warning",
    "Hours of the week when nobody a category reaches at a level can be reached.",
)
def coverage_gap(ctx: Context) -> Iterator[Issue]:
    m = ctx.matrix
    if not m.uses_availability:
        return
    from escmatrix.availability import Availability
    from escmatrix.calendars import AlwaysCalendar, BusinessCalendar, WorkCalendar

    # Holidays are closed days people plan for, not a gap in the week: leave them out.
    try:
        calendars: dict[str, WorkCalendar] = {
            c.id: BusinessCalendar(c.id, c.timezone, c.week) for c in m.calendars
        }
        calendars[ALWAYS] = AlwaysCalendar(m.timezone)
        availability = Availability(m, calendars)
        start, weeks = _period(m)
    except (ValueError, KeyError):  # an unknown time zone: unknown-timezone says so
        return
    done: set[tuple[str, tuple[str, ...]]] = set()
    for category_index, category in enumerate(m.categories):
        for level_id in m.path(category):
            level = m.level_by_id.get(level_id)
            contacts = m.contacts_for(category, level_id) if level is not None else ()
            if not contacts or (level_id, contacts) in done:
                continue
            if any(c not in m.contact_by_id for c in contacts):
                continue  # unknown-reference says so
            done.add((level_id, contacts))
            runs = availability.coverage_gaps(contacts, start, weeks)
            if not runs:
                continue
            functional = category.contacts_at(level_id) is not None
            path: DocPath = (
                ("categories", category_index, "contacts", level_id)
                if functional
                else ("levels", ctx.level_rows[level_id], "contacts")
            )
            label = f"{level_id} ({category.id})" if functional else level_id
            yield Issue(
                "coverage-gap",
                path,
                f"{label}: nobody reachable {format_runs(runs)}"
                + (f" (in {weeks} weeks from {start.isoformat()})" if weeks > 1 else ""),
            )


def _period(m: Matrix) -> tuple[dt.date, int]:
    """The weeks the coverage is looked at: those of the schedules' first shifts, else a
    whole cycle of the rotations from their latest start, else one week (a rotation or
    schedule may change who is on duty from week to week; calendars do not)."""
    import zoneinfo

    zone = zoneinfo.ZoneInfo(m.timezone)
    starts: list[dt.date] = []
    weeks = 1
    for contact in m.contacts:
        rotation, schedule = contact.rotation, contact.schedule
        if rotation is not None and rotation.members:
            starts.append(rotation.start)
            cycle = len(rotation.members) * rotation.every.seconds
            weeks = max(weeks, -(-cycle // (7 * 86_400)))
        if schedule is not None and schedule.shifts:
            first = dt.datetime.fromtimestamp(schedule.shifts[0].start // 1_000_000, zone)
            starts.append(first.date())
            weeks = max(weeks, 4)
    start = max(starts) if starts else _REFERENCE_WEEK
    return start - dt.timedelta(days=start.weekday()), min(weeks, _MAX_WEEKS)


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def format_run(first: int, length: int) -> str:
    """A run of minutes of the week: ``Sat 12:00 - Mon 09:00``, ``Mon 13:00-14:00``,
    ``at any time``."""
    if length >= MINUTES_OF_WEEK:
        return "at any time"
    last = (first + length) % MINUTES_OF_WEEK
    start_day, start = divmod(first, 1440)
    end_day, end = divmod(last, 1440)
    if end == 0 and length <= 1440 and (end_day - start_day) % 7 == 1:
        return f"{WEEKDAYS[start_day].title()} {_clock(start)}-24:00"
    if start_day == end_day and length < 1440:
        return f"{WEEKDAYS[start_day].title()} {_clock(start)}-{_clock(end)}"
    return (
        f"{WEEKDAYS[start_day].title()} {_clock(start)} - {WEEKDAYS[end_day].title()} {_clock(end)}"
    )


def format_runs(runs: list[tuple[int, int]]) -> str:
    """Runs of minutes of the week in words; the same hours on consecutive days are written
    once: ``Mon-Fri 13:00-14:00, Mon-Thu 18:00-09:00 (overnight), Fri 18:00 - Mon 09:00``."""
    chains: dict[tuple[int, int], list[list[tuple[int, int]]]] = {}
    for first, length in runs:
        same = chains.setdefault((first % 1440, length), [])
        if same and length < 1440 and first - same[-1][-1][0] == 1440:
            same[-1].append((first, length))
        else:
            same.append([(first, length)])
    groups = sorted((chain for found in chains.values() for chain in found), key=lambda c: c[0])
    texts = []
    for group in groups:
        if len(group) == 1:
            texts.append(format_run(*group[0]))
            continue
        first, length = group[0]
        start = first % 1440
        end = (start + length) % 1440
        days = f"{WEEKDAYS[first // 1440].title()}-{WEEKDAYS[group[-1][0] // 1440].title()}"
        overnight = " (overnight)" if start + length > 1440 else ""
        texts.append(f"{days} {_clock(start)}-{_clock(end) if end else '24:00'}{overnight}")
    return ", ".join(texts)
