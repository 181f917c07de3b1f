"""Calendars: real time zones and holiday regions, sane working hours, windows that expire."""

from __future__ import annotations

import importlib
import importlib.util
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
    close = _close_zone(name)
    if close:
        return f"unknown time zone {name!r} (did you mean {close!r}?)"
    return f"unknown time zone {name!r}: use an IANA name such as Europe/Rome or America/New_York"


def _close_zone(name: str) -> str | None:
    """The zone a misspelt name most likely meant: the same name in other letter case,
    else the closest by spelling (``Europe/Roma`` -> ``Europe/Rome``). Listing the zones
    takes tens of milliseconds, so it only happens for a name that is already wrong."""
    import difflib
    import zoneinfo

    try:
        zones = zoneinfo.available_timezones()
    except (OSError, ValueError):  # pragma: no cover - an unreadable zone database
        return None
    by_lower = {zone.lower(): zone for zone in zones}
    if name.lower() in by_lower:
        return by_lower[name.lower()]
    close = difflib.get_close_matches(name, sorted(zones), n=1, cutoff=0.8)
    return close[0] if close else None


@register(
    "overlapping-segments",
    "error",
    "Working hours of one day overlap, or a day listed as closed gets hours from another key.",
)
def overlapping_segments(ctx: Context) -> Iterator[Issue]:
    for calendar in ctx.matrix.calendars:
        week_spec = ctx.data["calendars"][calendar.id]["week"]
        keys_of_day = {day: [k for k in week_spec if day in expand_days(k)] for day in range(7)}
        # (key, message head) -> days, so that mon-fri: [09:00-13:00, 12:00-18:00] is
        # one finding about five days, not five findings
        found: dict[tuple[str, str], list[str]] = {}
        for day, segments in enumerate(calendar.week):
            if not segments:
                continue
            reach = segments[0]  # of the segments so far (sorted by start), the one ending last
            for after in segments[1:]:
                if after.start < reach.end:
                    key = keys_of_day[day][-1]
                    found.setdefault((key, f"{reach} and {after} overlap"), []).append(
                        WEEKDAYS[day]
                    )
                if after.end > reach.end:
                    reach = after
        for (key, head), days in found.items():
            several = len(keys_of_day[WEEKDAYS.index(days[0])]) > 1
            hint = (
                "; the hours of every key that names a day add up, so give a day with"
                " other hours a key of its own (mon-thu and fri)"
                if several
                else ""
            )
            yield Issue(
                "overlapping-segments",
                ("calendars", calendar.id, "week", key),
                f"{head} on {', '.join(days)}{hint}",
                on_key=True,
            )
        for key, value in week_spec.items():
            if not (isinstance(value, str) and value.strip() == "closed"):
                continue
            opened = [WEEKDAYS[day] for day in expand_days(key) if calendar.week[day]]
            if opened:
                others = sorted({k for d in opened for k in keys_of_day[WEEKDAYS.index(d)]} - {key})
                yield Issue(
                    "overlapping-segments",
                    ("calendars", calendar.id, "week", key),
                    f"{', '.join(opened)} {'is' if len(opened) == 1 else 'are'} listed as closed"
                    f" but {', '.join(others)} gives {'it' if len(opened) == 1 else 'them'}"
                    " working hours; hours add up across keys, so leave the day out of"
                    f" {', '.join(others)} instead",
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
        base = ("calendars", calendar.id, "holidays")
        if country is None:
            if subdivision is not None:
                yield Issue(
                    "unknown-holiday-region",
                    (*base, "subdivision"),
                    f"subdivision {subdivision!r} needs the country it belongs to"
                    " (holidays: {country: US, subdivision: CA})",
                )
            continue
        known = subdivisions(country)
        if known is None:
            upper = country.upper()
            hint = (
                f" (did you mean {upper!r}?)"
                if upper != country and subdivisions(upper) is not None
                else ": use an ISO 3166 code such as IT, US or BR"
            )
            yield Issue(
                "unknown-holiday-region",
                (*base, "country"),
                f"no public holidays are known for country {country!r}{hint}",
            )
        elif subdivision is not None and subdivision not in known:
            same = [code for code in known if code.lower() == subdivision.lower()]
            if same:
                hint = f"did you mean {same[0]!r}?"
            else:
                hint = "known: " + (
                    ", ".join(known[:12]) + (", ..." if len(known) > 12 else "") or "none"
                )
            yield Issue(
                "unknown-holiday-region",
                (*base, "subdivision"),
                f"{country} has no subdivision {subdivision!r} ({hint})",
            )


def subdivisions(country: str) -> tuple[str, ...] | None:
    """The subdivision codes (and aliases) of ``country``, or None for an unknown country.

    Importing ``holidays`` and one country costs ~150 ms, more than the rest of
    validation together, so answers are kept in a small cache file (in the user's cache
    folder) that is invalidated whenever the installed ``holidays`` package changes."""
    from escmatrix.loading import holiday_cache

    key = holiday_cache.package_key()
    file = holiday_cache.cache_file("holiday-regions.json")
    # v3: every name holidays.country_holidays accepts is a country (UK, Korea, ...)
    key = key and f"v3:{key}"
    entries = holiday_cache.read(file, key) if key else {}
    if country not in entries:
        entries[country] = _lookup_subdivisions(country)
        if key:
            holiday_cache.write(file, key, entries)
    found = entries[country]
    return None if found is None else tuple(found)


@cache
def _lookup_subdivisions(country: str) -> list[str] | None:
    from holidays.registry import COUNTRIES

    for module, (class_name, *codes) in COUNTRIES.items():
        # the names holidays.country_holidays accepts: ISO codes, aliases (UK), class name
        if country in codes or country == class_name:
            cls = getattr(importlib.import_module(f"holidays.countries.{module}"), class_name)
            aliases = list(getattr(cls, "subdivisions_aliases", {}) or {})
            return list(cls.subdivisions) + aliases
    return None
