"""Turn schema-valid matrix data into the model.

Values the schema cannot check (durations, windows, working-hour segments, dates) are read
here; a value that cannot be read becomes an :class:`~escmatrix.findings.Issue` with its
document path and the model is not built.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from fractions import Fraction
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from escmatrix.durations import (
    DurationError,
    DurationRangeError,
    Window,
    parse_duration,
    parse_window,
)
from escmatrix.findings import DocPath, Issue
from escmatrix.model import (
    ALWAYS,
    WEEKDAYS,
    CalendarDef,
    Category,
    Cell,
    Contact,
    Escalate,
    HolidaySpec,
    Level,
    LevelWindow,
    Matrix,
    Override,
    Priority,
    Rotation,
    Schedule,
    Segment,
    Trigger,
)

DEFAULT_TIMEZONE = "UTC"


class _Collector:
    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def add(self, rule: str, path: DocPath, message: str) -> None:
        self.issues.append(Issue(rule, path, message))


def build_matrix(
    data: dict[str, Any], base: Path | None = None
) -> tuple[Matrix | None, list[Issue]]:
    """Build the model from data that passed the schema. ``base`` is the folder that
    schedules (``.ics`` files) are relative to: the matrix file's (default: the current)."""
    out = _Collector()
    timezone = data.get("timezone", DEFAULT_TIMEZONE)
    calendars = tuple(
        _calendar(cal_id, spec, timezone, ("calendars", cal_id), out)
        for cal_id, spec in (data.get("calendars") or {}).items()
    )
    zone = _zone_or_utc(timezone)
    contacts = tuple(
        Contact(
            id=contact_id,
            name=spec["name"],
            kind=spec.get("kind", "person"),
            role=spec.get("role"),
            email=spec.get("email"),
            phone=spec.get("phone"),
            channels=tuple(spec.get("channels", ())),
            calendar=spec.get("calendar"),
            description=_text(spec.get("description")),
            deputy=spec.get("deputy"),
            outside_hours=spec.get("outside_hours", "deputy"),
            rotation=_rotation(spec, zone, ("contacts", contact_id), out),
        )
        for contact_id, spec in (data.get("contacts") or {}).items()
    )
    contacts = tuple(
        _with_schedule(contact, data["contacts"][contact.id], base, zone, contacts, out)
        for contact in contacts
    )
    levels = tuple(
        Level(
            id=spec["id"],
            name=spec["name"],
            contacts=tuple(spec.get("contacts", ())),
            window=_level_window(spec["window"], ("levels", index, "window"), out),
            calendar=spec.get("calendar"),
            description=_text(spec.get("description")),
        )
        for index, spec in enumerate(data["levels"])
    )
    raw_priorities = dict(data.get("priorities") or {})
    default_priority = raw_priorities.pop("default", None)
    priorities = tuple(
        Priority(
            id=priority_id,
            name=(spec or {}).get("name"),
            start=(spec or {}).get("start"),
            scale=_scale((spec or {}).get("scale"), ("priorities", priority_id, "scale"), out),
            description=_text((spec or {}).get("description")),
        )
        for priority_id, spec in raw_priorities.items()
    )
    triggers = tuple(_trigger(spec) for spec in data.get("triggers") or ())
    categories = tuple(_category(spec) for spec in data["categories"])
    if out.issues:
        return None, out.issues
    matrix = Matrix(
        version=data["version"],
        name=data["name"],
        timezone=timezone,
        levels=levels,
        categories=categories,
        contacts=contacts,
        calendars=calendars,
        default_calendar=data.get("default_calendar", ALWAYS),
        priorities=priorities,
        default_priority=default_priority,
        triggers=triggers,
        description=_text(data.get("description")),
    )
    return matrix, []


def _text(value: str | None) -> str | None:
    """Free text without the line break a folded YAML block (``>``) leaves at its end."""
    return None if value is None else value.strip() or None


def _scale(value: object, path: DocPath, out: _Collector) -> Fraction | None:
    if value is None:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        out.add("out-of-range", path, f"scale {value} is not a number a window can be scaled by")
        return None
    # via str: 0.1 in a file means one tenth, not the nearest binary float
    return Fraction(str(value))


_UNREADABLE = Window()


def _window(value: object, path: DocPath, out: _Collector) -> Window:
    try:
        return parse_window(value)
    except DurationRangeError as error:
        out.add("out-of-range", path, str(error))
        return _UNREADABLE
    except DurationError as error:
        out.add("bad-duration", path, str(error))
        return _UNREADABLE


def _level_window(value: object, path: DocPath, out: _Collector) -> LevelWindow:
    if isinstance(value, dict) and "default" in value:
        by_priority = tuple(
            (key, _window(spec, (*path, key), out))
            for key, spec in value.items()
            if key != "default"
        )
        return LevelWindow(_window(value["default"], (*path, "default"), out), by_priority)
    return LevelWindow(_window(value, path, out))


def _trigger(spec: dict[str, Any]) -> Trigger:
    events = spec["event"]
    escalate_value = spec.get("escalate", "next")
    if isinstance(escalate_value, int):
        escalate = Escalate("steps", steps=escalate_value)
    elif re.fullmatch(r"\+\d+", escalate_value):
        escalate = Escalate("steps", steps=int(escalate_value[1:]))
    elif escalate_value == "next":
        escalate = Escalate()
    elif escalate_value == "none":
        escalate = Escalate("none")
    else:
        escalate = Escalate("level", level=escalate_value)
    return Trigger(
        id=spec["id"],
        name=spec["name"],
        events=(events,) if isinstance(events, str) else tuple(events),
        escalate=escalate,
        notify=tuple(spec.get("notify", ())),
        scope=spec.get("scope", "cell"),
        description=_text(spec.get("description")),
    )


def _category(spec: dict[str, Any]) -> Category:
    cells = []
    for level_id, cell in (spec.get("cells") or {}).items():
        cell = cell or {}
        response = cell.get("response", ())
        cells.append(
            (
                level_id,
                Cell(
                    response=(response,) if isinstance(response, str) else tuple(response),
                    triggers=tuple(cell.get("triggers", ())),
                ),
            )
        )
    path = spec.get("path")
    return Category(
        id=spec["id"],
        name=spec["name"],
        kind=spec.get("kind", "hierarchical"),
        path=tuple(path) if path is not None else None,
        contacts=tuple((lvl, tuple(ids)) for lvl, ids in (spec.get("contacts") or {}).items()),
        cells=tuple(cells),
        description=_text(spec.get("description")),
    )


# --- calendars ---------------------------------------------------------------------------

_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")


def parse_segment(text: str) -> Segment:
    """``"09:00-13:00"`` -> Segment(540, 780); ``24:00`` is allowed as an end."""
    start_text, sep, end_text = text.strip().partition("-")
    if not sep:
        raise ValueError(f"{text!r} is not a span of time such as 09:00-18:00")
    minutes = []
    for part in (start_text.strip(), end_text.strip()):
        match = _TIME.match(part)
        if not match:
            raise ValueError(f"{part!r} is not a time of day (HH:MM)")
        hours, mins = int(match.group(1)), int(match.group(2))
        if mins > 59 or hours > 24 or (hours == 24 and mins):
            raise ValueError(f"{part!r} is not a time of day (00:00 to 24:00)")
        minutes.append(hours * 60 + mins)
    if minutes[0] >= minutes[1]:
        raise ValueError(
            f"{text.strip()!r} ends before it starts; split a night shift at midnight"
            " (22:00-24:00 and 00:00-06:00 the next day)"
        )
    return Segment(minutes[0], minutes[1])


def expand_days(spec: str) -> list[int]:
    """``"mon-fri"`` -> [0, 1, 2, 3, 4]; ``"sat,sun"`` -> [5, 6]; ``"fri-mon"`` wraps."""
    days: list[int] = []
    for part in spec.split(","):
        first, _, last = part.strip().partition("-")
        start = WEEKDAYS.index(first)
        end = WEEKDAYS.index(last) if last else start
        index = start
        while True:
            days.append(index)
            if index == end:
                break
            index = (index + 1) % 7
    return days


def _calendar(
    cal_id: str, spec: dict[str, Any], default_tz: str, path: DocPath, out: _Collector
) -> CalendarDef:
    week: list[list[Segment]] = [[] for _ in WEEKDAYS]
    for day_spec, value in spec.get("week", {}).items():
        texts = [value] if isinstance(value, str) else list(value)
        segments = []
        for index, text in enumerate(texts):
            if text.strip() == "closed":
                continue
            item_path = (*path, "week", day_spec) + ((index,) if not isinstance(value, str) else ())
            try:
                segments.append(parse_segment(text))
            except ValueError as error:
                out.add("bad-segment", item_path, str(error))
        for day in expand_days(day_spec):
            week[day].extend(segments)
    holidays = spec.get("holidays") or {}
    dates = []
    for index, text in enumerate(holidays.get("dates", ())):
        try:  # exactly YYYY-MM-DD: fromisoformat alone accepts more on Python 3.11
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                raise ValueError(text)
            dates.append(dt.date.fromisoformat(text))
        except ValueError:
            out.add(
                "bad-holiday-date",
                (*path, "holidays", "dates", index),
                f"{text!r} is not a calendar date (YYYY-MM-DD)",
            )
    return CalendarDef(
        id=cal_id,
        timezone=spec.get("timezone", default_tz),
        week=tuple(tuple(sorted(day, key=lambda s: s.start)) for day in week),
        holidays=HolidaySpec(holidays.get("country"), holidays.get("subdivision"), tuple(dates)),
        name=spec.get("name"),
    )


# --- availability: rotations and schedules ---------------------------------------------------

_HANDOFF = re.compile(r"^\s*(?:(mon|tue|wed|thu|fri|sat|sun)[a-z]*\s+)?(\d{1,2}):(\d{2})\s*$", re.I)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _zone_or_utc(name: str) -> ZoneInfo:
    """The matrix zone (an unknown one is reported by its own rule; UTC stands in)."""
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError, OSError):  # ZoneInfoNotFoundError is a KeyError
        return ZoneInfo("UTC")


def parse_handoff(text: str) -> tuple[int | None, int]:
    """``"mon 09:00"`` -> (0, 540); ``"21:30"`` -> (None, 1290)."""
    match = _HANDOFF.match(text)
    if not match:
        raise ValueError(f"handoff {text!r} is not a weekday and a time such as 'mon 09:00'")
    day, hours, minutes = match.group(1), int(match.group(2)), int(match.group(3))
    if hours > 23 or minutes > 59:
        raise ValueError(f"handoff {text!r}: {hours:02d}:{minutes:02d} is not a time of day")
    return (WEEKDAYS.index(day.lower()) if day else None), hours * 60 + minutes


def parse_moment(text: object, zone: dt.tzinfo) -> dt.datetime:
    """An ISO 8601 time; without an offset it is read in ``zone``."""
    if isinstance(text, dt.datetime):
        moment = text
    elif isinstance(text, str):
        moment = dt.datetime.fromisoformat(text.strip())
    else:
        raise ValueError(f"{text!r} is not a time")
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


def _rotation(
    spec: dict[str, Any], zone: ZoneInfo, path: DocPath, out: _Collector
) -> Rotation | None:
    raw = spec.get("rotation")
    if raw is None:
        return None
    path = (*path, "rotation")
    if spec.get("schedule") is not None:
        out.add(
            "bad-rotation",
            path,
            "a contact is a rotation or a schedule, not both: keep one of them",
        )
    members = tuple(raw.get("members") or ())
    if not members:
        out.add("bad-rotation", (*path, "members"), "a rotation needs at least one member")
    every = _UNREADABLE_EVERY
    try:
        every = parse_duration(raw["every"])
        if every.is_business:
            raise DurationError(
                f"{raw['every']!r}: a turn is wall-clock time (12h, 1d, 1w), not business days"
            )
        if every.seconds < 60 or every.seconds % 60:
            raise DurationError(
                f"{raw['every']!r}: a turn is a whole number of minutes, 1m or more"
            )
    except DurationError as error:
        out.add("bad-rotation", (*path, "every"), f"every: {error}")
        every = _UNREADABLE_EVERY
    day, minute = None, 0
    if raw.get("handoff") is not None:
        try:
            day, minute = parse_handoff(str(raw["handoff"]))
        except ValueError as error:
            out.add("bad-rotation", (*path, "handoff"), str(error))
    start = dt.date(2000, 1, 3)
    text = str(raw["start"])
    try:
        if not _DATE.fullmatch(text):
            raise ValueError(text)
        start = dt.date.fromisoformat(text)
    except ValueError:
        out.add("bad-rotation", (*path, "start"), f"start {text!r} is not a date (YYYY-MM-DD)")
    overrides = []
    for index, item in enumerate(raw.get("overrides") or ()):
        where = (*path, "overrides", index)
        try:
            begin = parse_moment(item["from"], zone)
            end = parse_moment(item["to"], zone)
        except ValueError:
            out.add(
                "bad-rotation",
                where,
                f"override: {item['from']!r} to {item['to']!r} are not ISO 8601 times",
            )
            continue
        if end <= begin:
            out.add("bad-rotation", (*where, "to"), "override: 'to' is not after 'from'")
            continue
        overrides.append(Override(item["member"], begin, end))
    return Rotation(members, every, start, day, minute, tuple(overrides))


_UNREADABLE_EVERY = parse_duration("1d")


def _with_schedule(
    contact: Contact,
    spec: dict[str, Any],
    base: Path | None,
    zone: ZoneInfo,
    contacts: tuple[Contact, ...],
    out: _Collector,
) -> Contact:
    file = spec.get("schedule")
    if file is None:
        return contact
    from escmatrix.loading.schedules import ScheduleError, read_schedule

    path = Path(file) if Path(file).is_absolute() else (base or Path.cwd()) / file
    try:
        shifts = read_schedule(path, file, zone, contacts)
    except ScheduleError as error:
        out.add("bad-schedule", ("contacts", contact.id, "schedule"), str(error))
        shifts = ()
    return dataclasses.replace(contact, schedule=Schedule(file, shifts))
