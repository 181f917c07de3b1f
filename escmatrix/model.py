"""The escalation matrix as frozen dataclasses.

Collections keep the order of the file (levels are ordered: the first is the lowest).
Lookups by id go through the ``*_by_id`` properties. The model holds meaning only; where a
value came from in a file lives in :class:`escmatrix.loading.positions.Positions`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from typing import Literal

from escmatrix.durations import Duration, Window

ALWAYS = "always"
"""The built-in calendar: 24x7, absolute elapsed time."""

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Segment:
    """A span of local wall-clock time in a working day, ``start`` < ``end`` in minutes
    from midnight (``end`` may be 1440: the whole day to midnight)."""

    start: int
    end: int

    @property
    def minutes(self) -> int:
        return self.end - self.start

    def __str__(self) -> str:
        return (
            f"{self.start // 60:02d}:{self.start % 60:02d}-{self.end // 60:02d}:{self.end % 60:02d}"
        )


@dataclass(frozen=True)
class HolidaySpec:
    """Closed days: public holidays of ``country`` (and ``subdivision``) from the
    ``holidays`` package, plus listed ``dates``."""

    country: str | None = None
    subdivision: str | None = None
    dates: tuple[dt.date, ...] = ()


@dataclass(frozen=True)
class CalendarDef:
    """A named working-time calendar."""

    id: str
    timezone: str
    week: tuple[tuple[Segment, ...], ...]  # seven entries, Monday first
    holidays: HolidaySpec = HolidaySpec()
    name: str | None = None

    @property
    def working_minutes_per_week(self) -> int:
        return sum(seg.minutes for day in self.week for seg in day)

    @property
    def full_day_minutes(self) -> int:
        """The calendar's full working day: its longest day of the week in wall-clock
        minutes (what a fraction of a business day is a share of)."""
        return full_day_minutes(self.week)


def full_day_minutes(week: tuple[tuple[Segment, ...], ...]) -> int:
    """The longest day of ``week`` in minutes of working time."""
    return max((sum(seg.minutes for seg in day) for day in week), default=0)


@dataclass(frozen=True)
class Override:
    """``member`` is on duty from ``start`` to ``end`` (aware; ``end`` excluded), whoever
    the rotation would have."""

    member: str
    start: dt.datetime
    end: dt.datetime


@dataclass(frozen=True)
class Rotation:
    """An on-call rotation: ``members`` take turns of ``every`` (wall-clock time in the matrix
    zone), the first from the ``handoff`` (a weekday or None, and minutes from midnight)
    on or after ``start``; ``overrides`` win over the turns (a later one over an earlier)."""

    members: tuple[str, ...]
    every: Duration
    start: dt.date
    handoff_day: int | None = None  # 0 = Monday; None: the start date itself
    handoff_minute: int = 0
    overrides: tuple[Override, ...] = ()

    @property
    def handoff(self) -> str:
        """``mon 09:00``, or ``09:00`` without a weekday."""
        time = f"{self.handoff_minute // 60:02d}:{self.handoff_minute % 60:02d}"
        return time if self.handoff_day is None else f"{WEEKDAYS[self.handoff_day]} {time}"


@dataclass(frozen=True)
class Shift:
    """One shift of an iCalendar schedule: ``member`` (a contact id, or None when the event
    names nobody the matrix knows: ``who``) is on duty from ``start`` to ``end``
    (microseconds since the epoch). ``line`` is the event's line in the file."""

    start: int
    end: int
    member: str | None
    who: str
    line: int = 0


@dataclass(frozen=True)
class Schedule:
    """An iCalendar file (``file``, as written in the matrix) read into shifts."""

    file: str
    shifts: tuple[Shift, ...] = ()


@dataclass(frozen=True)
class Contact:
    id: str
    name: str
    kind: Literal["person", "team", "external"] = "person"
    role: str | None = None
    email: str | None = None
    phone: str | None = None
    channels: tuple[str, ...] = ()
    calendar: str | None = None  # reachable only in this calendar's working time
    description: str | None = None
    deputy: str | None = None  # reached instead while this contact is not
    # outside its calendar's hours a page goes to the deputy ("deputy": and waits for the
    # opening when there is none), or waits for the opening whatever the deputy ("wait")
    outside_hours: Literal["deputy", "wait"] = "deputy"
    rotation: Rotation | None = None  # an on-call rotation: the member on duty is reached
    schedule: Schedule | None = None  # an iCalendar schedule: the member on shift

    @property
    def uses_availability(self) -> bool:
        """True when who is reached for this contact depends on the time (SPEC 10)."""
        return bool(self.calendar or self.deputy or self.rotation or self.schedule)

    @property
    def reachable_channels(self) -> tuple[str, ...]:
        """Channels given explicitly, plus ``email``/``phone`` when an address is given."""
        found = list(self.channels)
        for channel, address in (("email", self.email), ("phone", self.phone)):
            if address and channel not in found:
                found.append(channel)
        return tuple(found)


@dataclass(frozen=True)
class LevelWindow:
    """A level's window, with optional per-priority windows that win over scaling."""

    default: Window
    by_priority: tuple[tuple[str, Window], ...] = ()

    def for_priority(self, priority: str | None) -> Window | None:
        """The explicit window for ``priority``, or None when only the default applies."""
        for key, window in self.by_priority:
            if key == priority:
                return window
        return None


@dataclass(frozen=True)
class Level:
    id: str
    name: str
    contacts: tuple[str, ...]
    window: LevelWindow
    calendar: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Priority:
    id: str
    name: str | None = None
    start: str | None = None
    scale: Fraction | None = None
    description: str | None = None


@dataclass(frozen=True)
class Escalate:
    """Where a trigger moves a ticket: the next level, N levels up, a named level, or
    nowhere (``none``: the trigger only informs its ``notify`` contacts)."""

    kind: Literal["next", "steps", "level", "none"] = "next"
    steps: int = 1
    level: str | None = None

    def __str__(self) -> str:
        if self.kind == "level":
            return str(self.level)
        if self.kind == "steps":
            return f"+{self.steps}"
        return self.kind


@dataclass(frozen=True)
class Trigger:
    id: str
    name: str
    events: tuple[str, ...]
    escalate: Escalate = Escalate()
    notify: tuple[str, ...] = ()
    scope: Literal["cell", "any"] = "cell"
    description: str | None = None


@dataclass(frozen=True)
class Cell:
    """What happens at one level of one category: the expected responses and the
    triggers armed while a ticket of the category is at that level."""

    response: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    kind: Literal["hierarchical", "functional", "priority", "automatic"] = "hierarchical"
    path: tuple[str, ...] | None = None  # None: every level, in order
    contacts: tuple[tuple[str, tuple[str, ...]], ...] = ()  # level id -> contacts instead
    cells: tuple[tuple[str, Cell], ...] = ()  # level id -> cell
    description: str | None = None

    def cell(self, level_id: str) -> Cell | None:
        for key, cell in self.cells:
            if key == level_id:
                return cell
        return None

    def contacts_at(self, level_id: str) -> tuple[str, ...] | None:
        """The functional contacts replacing the level's own at ``level_id``, if any."""
        for key, contacts in self.contacts:
            if key == level_id:
                return contacts
        return None


@dataclass(frozen=True)
class Matrix:
    version: int
    name: str
    timezone: str
    levels: tuple[Level, ...]
    categories: tuple[Category, ...]
    contacts: tuple[Contact, ...] = ()
    calendars: tuple[CalendarDef, ...] = ()
    default_calendar: str = ALWAYS
    priorities: tuple[Priority, ...] = ()
    default_priority: str | None = None
    triggers: tuple[Trigger, ...] = ()
    description: str | None = None

    @cached_property
    def uses_availability(self) -> bool:
        """True when a contact has reachable hours, a deputy, a rotation or a schedule: the
        records then say who was really reached (SPEC section 10)."""
        return any(contact.uses_availability for contact in self.contacts)

    @cached_property
    def level_by_id(self) -> dict[str, Level]:
        return {level.id: level for level in self.levels}

    @cached_property
    def level_index(self) -> dict[str, int]:
        return {level.id: index for index, level in enumerate(self.levels)}

    @cached_property
    def contact_by_id(self) -> dict[str, Contact]:
        return {contact.id: contact for contact in self.contacts}

    @cached_property
    def calendar_by_id(self) -> dict[str, CalendarDef]:
        return {calendar.id: calendar for calendar in self.calendars}

    @cached_property
    def priority_by_id(self) -> dict[str, Priority]:
        return {priority.id: priority for priority in self.priorities}

    @cached_property
    def trigger_by_id(self) -> dict[str, Trigger]:
        return {trigger.id: trigger for trigger in self.triggers}

    @cached_property
    def category_by_id(self) -> dict[str, Category]:
        return {category.id: category for category in self.categories}

    def path(self, category: Category) -> tuple[str, ...]:
        """The level ids a category goes through, lowest first."""
        return (
            category.path if category.path is not None else tuple(level.id for level in self.levels)
        )

    def level_calendar(self, level: Level) -> str:
        return level.calendar or self.default_calendar

    def working_day_seconds(self, level: Level) -> int | None:
        """The full working day of the level's business calendar in seconds (what a
        fraction of a business day is a share of); None on the 24x7 calendar."""
        calendar = self.calendar_by_id.get(self.level_calendar(level))
        return None if calendar is None else calendar.full_day_minutes * 60

    def category_for(self, category_id: str | None) -> Category | None:
        """The category a ticket row names; a row naming none belongs to the only category
        of a matrix that has one. None when it cannot be told (unknown, or no id)."""
        if category_id is None and len(self.categories) == 1:
            return self.categories[0]
        return self.category_by_id.get(category_id or "")

    def start_level(self, category: Category, priority: str | None) -> str:
        """Where a new ticket of ``category`` and ``priority`` starts: the priority's
        ``start`` if the category's path has it, else the first level of the path."""
        path = self.path(category)
        known = self.priority_by_id.get(priority or "")
        start = known.start if known is not None else None
        return start if start in path else path[0]

    def armed(self, category: Category, level_id: str) -> frozenset[str]:
        """The ids of the triggers armed while a ticket of ``category`` is at ``level_id``:
        those listed in the category's cell for the level, and every ``scope: any`` one."""
        cell = category.cell(level_id)
        armed = set(cell.triggers) if cell else set()
        armed.update(t.id for t in self.triggers if t.scope == "any")
        return frozenset(armed)

    def contacts_for(self, category: Category, level_id: str) -> tuple[str, ...]:
        """Who is contacted when a ticket of ``category`` reaches ``level_id``."""
        functional = category.contacts_at(level_id)
        return functional if functional is not None else self.level_by_id[level_id].contacts

    def window(self, level: Level, priority: str | None) -> Window:
        """The effective window of ``level`` for a ticket of ``priority``: the level's
        per-priority window if it has one, else its default scaled by the priority."""
        explicit = level.window.for_priority(priority)
        if explicit is not None:
            return explicit
        scale = self.priority_by_id[priority].scale if priority in self.priority_by_id else None
        if scale is None or scale == 1:
            return level.window.default
        return level.window.default.scaled(scale)

    def target(self, category: Category, current: str, escalate: Escalate) -> str | None:
        """Where ``escalate`` moves a ticket of ``category`` at level ``current``, or None
        when it would not move it up.

        ``next`` and ``N`` count levels of the category's path (N is clamped to its last
        level); a level id that the path skips means the first path level above it.
        """
        path = self.path(category)
        position = self.path_position(category, current)
        if escalate.kind == "none":
            return None
        if escalate.kind == "level":
            rank = self.level_index.get(escalate.level or "", -1)
            above = [i for i, lvl in enumerate(path) if self.level_index.get(lvl, -1) >= rank]
            index = above[0] if above else len(path) - 1
        else:
            steps = escalate.steps if escalate.kind == "steps" else 1
            index = min(position + steps, len(path) - 1)
        return path[index] if index > position else None

    def path_position(self, category: Category, level_id: str) -> int:
        """The index of ``level_id`` in the category's path; a level the path skips counts
        as the highest path level below it (or -1 when it is below the whole path)."""
        path = self.path(category)
        if level_id in path:
            return path.index(level_id)
        rank = self.level_index.get(level_id, -1)
        below = [i for i, lvl in enumerate(path) if self.level_index.get(lvl, -1) < rank]
        return below[-1] if below else -1
