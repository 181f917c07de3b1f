"""The normalised matrix as plain data: one form for every way of writing the same matrix.

- every default is written out (``kind: person``, ``scope: cell``, the full ``path``);
- durations and windows in their canonical text (``15m..30m``, ``2bd``, ``resolution``);
- calendars day by day (``mon-fri`` becomes five days), segments as ``HH:MM-HH:MM``;
- single values that may be lists are lists (``event``, ``response``);
- ``escalate: 1`` and ``escalate: next`` are both ``next``; a scale of 1 is no scale;
- contacts, calendars and priorities (mappings in the file) sorted by id; levels, triggers
  and categories keep their order, which means something;
- empty cells are dropped.

The result is JSON-ready; after :func:`prune` (which drops the nulls and empty lists) it is
valid against the matrix schema, so it can be written back as a matrix file.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from escmatrix.durations import format_duration, format_window
from escmatrix.model import WEEKDAYS, CalendarDef, Escalate, Matrix, Rotation


def _number(value: Any) -> int | float:
    as_float = float(value)
    return int(as_float) if as_float.is_integer() else as_float


def _escalate(escalate: Escalate) -> str | int:
    if escalate.kind == "level":
        return str(escalate.level)
    if escalate.kind == "none":
        return "none"
    if escalate.kind == "steps" and escalate.steps != 1:
        return escalate.steps
    return "next"


def calendar_to_dict(calendar: CalendarDef) -> dict[str, Any]:
    return {
        "name": calendar.name,
        "timezone": calendar.timezone,
        "week": {
            day: [str(segment) for segment in segments]
            for day, segments in zip(WEEKDAYS, calendar.week, strict=True)
        },
        "holidays": {
            "country": calendar.holidays.country,
            "subdivision": calendar.holidays.subdivision,
            "dates": sorted(date.isoformat() for date in set(calendar.holidays.dates)),
        },
    }


def _local(moment: dt.datetime, zone: str) -> str:
    """A time as local wall-clock time of the matrix zone: ``2026-03-02T08:00:00``."""
    return moment.astimezone(ZoneInfo(zone)).replace(tzinfo=None).isoformat()


def rotation_to_dict(rotation: Rotation | None, zone: str) -> dict[str, Any] | None:
    if rotation is None:
        return None
    return {
        "members": list(rotation.members),
        "every": format_duration(rotation.every),
        "handoff": rotation.handoff,
        "start": rotation.start.isoformat(),
        "overrides": [
            {"member": o.member, "from": _local(o.start, zone), "to": _local(o.end, zone)}
            for o in rotation.overrides
        ],
    }


def matrix_to_dict(matrix: Matrix) -> dict[str, Any]:
    """The canonical form of ``matrix`` (see the module documentation)."""
    return {
        "version": matrix.version,
        "name": matrix.name,
        "description": matrix.description,
        "timezone": matrix.timezone,
        "default_calendar": matrix.default_calendar,
        "calendars": {
            cal.id: calendar_to_dict(cal) for cal in sorted(matrix.calendars, key=lambda c: c.id)
        },
        "contacts": {
            c.id: {
                "name": c.name,
                "kind": c.kind,
                "role": c.role,
                "email": c.email,
                "phone": c.phone,
                "channels": list(c.channels),
                "calendar": c.calendar,
                "description": c.description,
                "deputy": c.deputy,
                "outside_hours": c.outside_hours,
                "rotation": rotation_to_dict(c.rotation, matrix.timezone),
                "schedule": c.schedule.file if c.schedule is not None else None,
            }
            for c in sorted(matrix.contacts, key=lambda c: c.id)
        },
        "levels": [
            {
                "id": level.id,
                "name": level.name,
                "contacts": list(level.contacts),
                "window": (
                    {
                        "default": format_window(level.window.default),
                        **{key: format_window(w) for key, w in sorted(level.window.by_priority)},
                    }
                    if level.window.by_priority
                    else format_window(level.window.default)
                ),
                "calendar": level.calendar,
                "description": level.description,
            }
            for level in matrix.levels
        ],
        "priorities": {
            "default": matrix.default_priority,
            **{
                p.id: {
                    "name": p.name,
                    "start": p.start,
                    "scale": None if p.scale in (None, 1) else _number(p.scale),
                    "description": p.description,
                }
                for p in sorted(matrix.priorities, key=lambda p: p.id)
            },
        },
        "triggers": [
            {
                "id": t.id,
                "name": t.name,
                "event": list(t.events),
                "escalate": _escalate(t.escalate),
                "notify": list(t.notify),
                "scope": t.scope,
                "description": t.description,
            }
            for t in matrix.triggers
        ],
        "categories": [
            {
                "id": c.id,
                "name": c.name,
                "kind": c.kind,
                "path": list(matrix.path(c)),
                "contacts": {level_id: list(ids) for level_id, ids in c.contacts},
                "cells": {
                    level_id: {"response": list(cell.response), "triggers": list(cell.triggers)}
                    for level_id, cell in c.cells
                    if cell.response or cell.triggers
                },
                "description": c.description,
            }
            for c in matrix.categories
        ],
    }


def prune(value: Any) -> Any:
    """Drop ``None`` values and empty collections, for writing a file a person reads."""
    if isinstance(value, dict):
        pruned = {k: prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v is not None and v != [] and v != {}}
    if isinstance(value, list):
        return [prune(v) for v in value]
    return value
