"""Turn schema-valid matrix data into the model.

Values the schema cannot check (durations, windows, working-hour segments, dates) are read
here; a value that cannot be read becomes an :class:`~escmatrix.findings.Issue` with its
document path and the model is not built.
"""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction
from typing import Any

from escmatrix.durations import DurationError, Window, parse_window
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
    Priority,
    Segment,
    Trigger,
)

DEFAULT_TIMEZONE = "UTC"


class _Collector:
    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def add(self, rule: str, path: DocPath, message: str) -> None:
        self.issues.append(Issue(rule, path, message))


def build_matrix(data: dict[str, Any]) -> tuple[Matrix | None, list[Issue]]:
    """Build the model from data that passed the schema."""
    out = _Collector()
    timezone = data.get("timezone", DEFAULT_TIMEZONE)
    calendars = tuple(
        _calendar(cal_id, spec, timezone, ("calendars", cal_id), out)
        for cal_id, spec in (data.get("calendars") or {}).items()
    )
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
        )
        for contact_id, spec in (data.get("contacts") or {}).items()
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
            scale=_fraction((spec or {}).get("scale")),
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


def _fraction(value: object) -> Fraction | None:
    if value is None:
        return None
    # via str: 0.1 in a file means one tenth, not the nearest binary float
    return Fraction(str(value))


_UNREADABLE = Window()


def _window(value: object, path: DocPath, out: _Collector) -> Window:
    try:
        return parse_window(value)
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
