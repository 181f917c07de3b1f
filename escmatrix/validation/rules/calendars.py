"""Calendars: real time zones and holiday regions, sane working hours, windows that expire."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from escmatrix.findings import Issue
from escmatrix.loading.matrix import expand_days
from escmatrix.model import WEEKDAYS
from escmatrix.validation.registry import Context, register


@cache
def timezone_exists(name: str) -> bool:
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


@register("unknown-timezone", "error", "A time zone is not an IANA zone name such as Europe/Rome.")
def unknown_timezone(ctx: Context) -> Iterator[Issue]:
    m = ctx.matrix
    if not timezone_exists(m.timezone):
        yield Issue("unknown-timezone", ("timezone",), _message(m.timezone))
    for calendar in m.calendars:
        if calendar.timezone != m.timezone and not timezone_exists(calendar.timezone):
            path = ("calendars", calendar.id, "timezone")
            yield Issue("unknown-timezone", path, _message(calendar.timezone))


def _message(name: str) -> str:
    return f"unknown time zone {name!r}: use an IANA name such as Europe/Rome or America/New_York"


@register("overlapping-segments", "error", "Working hours of one day overlap.")
def overlapping_segments(ctx: Context) -> Iterator[Issue]:
    for calendar in ctx.matrix.calendars:
        week_spec = ctx.data["calendars"][calendar.id]["week"]
        for day, segments in enumerate(calendar.week):
            for before, after in zip(segments, segments[1:]):
                if after.start < before.end:
                    key = [k for k in week_spec if day in expand_days(k)][-1]
                    yield Issue(
                        "overlapping-segments",
                        ("calendars", calendar.id, "week", key),
                        f"on {WEEKDAYS[day]} {before} and {after} overlap",
                        on_key=True,
                    )


@register(
    "window-never-expires",
    "error",
    "A level has a maximum window but its calendar has no working time, so it never expires.",
)
def window_never_expires(ctx: Context) -> Iterator[Issue]:
    m = ctx.matrix
    for index, level in enumerate(m.levels):
        calendar = m.calendar_by_id.get(m.level_calendar(level))
        if calendar is None or calendar.working_minutes_per_week:
            continue
        if level.window.default.max is not None or any(
            w.max is not None for _, w in level.window.by_priority
        ):
            where = ("levels", index, "calendar") if level.calendar else ("levels", index, "window")
            yield Issue(
                "window-never-expires",
                where,
                f"{level.id}'s clock runs in calendar {calendar.id!r}, which has no working"
                " hours: its window would never expire",
            )


@register(
    "unknown-holiday-region",
    "error",
    "A holiday country or subdivision is not known to the holidays package.",
)
def unknown_holiday_region(ctx: Context) -> Iterator[Issue]:
    for calendar in ctx.matrix.calendars:
        country, subdivision = calendar.holidays.country, calendar.holidays.subdivision
        if country is None:
            continue
        supported = supported_regions()
        base = ("calendars", calendar.id, "holidays")
        if country not in supported:
            yield Issue(
                "unknown-holiday-region",
                (*base, "country"),
                f"no public holidays are known for country {country!r}: use an ISO 3166 code"
                " such as IT, US or BR",
            )
        elif subdivision is not None and subdivision not in supported[country]:
            known = ", ".join(supported[country][:12]) or "none"
            yield Issue(
                "unknown-holiday-region",
                (*base, "subdivision"),
                f"{country} has no subdivision {subdivision!r} (known: {known})",
            )


@cache
def supported_regions() -> dict[str, list[str]]:
    import holidays

    return {code: list(subs) for code, subs in holidays.list_supported_countries().items()}
