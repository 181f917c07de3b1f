"""What changed between two matrices, in the sentences a reviewer reads (SPEC section 9).

Both matrices are compared in their normalised form (:func:`escmatrix.canonical.matrix_to_dict`),
so two files that mean the same matrix (keys in another order, ``15-30 minutes`` or
``15m..30m``, ``mon-fri`` or five days) show no change. Levels, categories, triggers,
priorities, calendars and contacts are matched by id first, then by name: a level whose id
changed but whose name did not is a rename, not a removal and an addition. Before they are
compared, the old matrix's references are translated to the new ids, so a renamed contact
is one sentence, not a change at every level that calls it.

Windows are compared as a ticket lives them: per priority, after the priority's scale (and
its own window at the level, which wins over the scale).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from escmatrix.canonical import matrix_to_dict, prune
from escmatrix.durations import format_window
from escmatrix.model import WEEKDAYS, Matrix

SECTIONS = {
    "matrix": "Matrix",
    "levels": "Levels",
    "windows": "Windows",
    "categories": "Categories",
    "triggers": "Triggers",
    "priorities": "Priorities",
    "calendars": "Calendars",
    "contacts": "Contacts",
}
"""The sections of a diff, in the order they are shown, with their titles."""


@dataclass(frozen=True)
class Change:
    """One difference: where (``section``, ``subject``: the new id, or the old one for a
    removal), what kind (added, removed, renamed, reordered, changed), the sentence, and
    the values on each side (JSON-ready)."""

    section: str
    subject: str
    kind: str
    text: str
    old: Any = None
    new: Any = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "subject": self.subject,
            "kind": self.kind,
            "text": self.text,
            "old": self.old,
            "new": self.new,
        }


@dataclass(frozen=True)
class Renames:
    """Old id → new id of everything matched across the two matrices (ids that stayed
    included), per kind."""

    levels: dict[str, str] = field(default_factory=dict)
    contacts: dict[str, str] = field(default_factory=dict)
    triggers: dict[str, str] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)
    priorities: dict[str, str] = field(default_factory=dict)
    calendars: dict[str, str] = field(default_factory=dict)

    def level(self, old_id: str) -> str:
        return self.levels.get(old_id, old_id)

    def contact_ids(self, old_ids: Iterable[str]) -> tuple[str, ...]:
        return tuple(self.contacts.get(c, c) for c in old_ids)

    def reason(self, old_reason: str) -> str:
        """A notification reason of the old matrix in the new ids (``trigger:<id>``)."""
        if old_reason.startswith("trigger:"):
            return "trigger:" + self.triggers.get(old_reason[8:], old_reason[8:])
        return old_reason


@dataclass
class MatrixDiff:
    """The differences between two matrices, in the order of :data:`SECTIONS`."""

    changes: list[Change]
    renames: Renames

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    def by_section(self) -> dict[str, list[Change]]:
        grouped: dict[str, list[Change]] = {}
        for change in self.changes:
            grouped.setdefault(change.section, []).append(change)
        return grouped


def compare_matrices(old: Matrix, new: Matrix) -> MatrixDiff:
    """Every difference between ``old`` and ``new`` (see the module documentation)."""
    return _Comparison(old, new).run()


# --------------------------------------------------------------------------- matching


def _fold(name: Any) -> str:
    return " ".join(str(name or "").split()).casefold()


def match(
    old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]
) -> tuple[dict[str, str], list[str], list[str]]:
    """(old id → new id, removed old ids, added new ids): ids first, then names (a name
    that more than one unmatched item on a side carries matches nothing)."""
    pairs = {key: key for key in old if key in new}
    rest_old = [key for key in old if key not in new]
    rest_new = [key for key in new if key not in old]

    def by_name(items: dict[str, dict[str, Any]], keys: list[str]) -> dict[str, str]:
        names: dict[str, list[str]] = {}
        for key in keys:
            names.setdefault(_fold(items[key].get("name")), []).append(key)
        return {name: found[0] for name, found in names.items() if len(found) == 1 and name}

    new_names = by_name(new, rest_new)
    for name, old_key in by_name(old, rest_old).items():
        if name in new_names:
            pairs[old_key] = new_names[name]
    matched_new = set(pairs.values())
    removed = [key for key in rest_old if key not in pairs]
    added = [key for key in rest_new if key not in matched_new]
    return pairs, removed, added


# --------------------------------------------------------------------------- wording


def _ids(values: Iterable[str]) -> str:
    found = list(values)
    return ", ".join(found) if found else "none"


def _quoted(value: Any) -> str:
    return "none" if value in (None, "", []) else f"'{value}'"


def _plain(value: Any) -> str:
    if value in (None, "", []):
        return "none"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _plus_minus(old: Sequence[Any], new: Sequence[Any], show: Callable[[Any], str]) -> str:
    """``+ a, b; − c`` for what ``new`` adds to ``old`` and takes from it."""
    added = [show(v) for v in new if v not in old]
    removed = [show(v) for v in old if v not in new]
    parts = []
    if added:
        parts.append("+ " + ", ".join(added))
    if removed:
        parts.append("− " + ", ".join(removed))
    return "; ".join(parts)


def _list_change(old: Sequence[Any], new: Sequence[Any], show: Callable[[Any], str] = str) -> str:
    """``a, b → b, a`` when only the order changed; else what was added and removed."""
    if sorted(map(str, old)) == sorted(map(str, new)):
        return f"{', '.join(map(show, old))} → {', '.join(map(show, new))}"
    return _plus_minus(old, new, show)


def day_ranges(days: Sequence[int]) -> str:
    """Weekday indices as ``mon-fri, sun``."""
    runs: list[list[int]] = []
    for day in days:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ", ".join(
        WEEKDAYS[run[0]] if len(run) == 1 else f"{WEEKDAYS[run[0]]}-{WEEKDAYS[run[-1]]}"
        for run in runs
    )


def _hours(segments: list[str]) -> str:
    return ", ".join(segments) if segments else "closed"


# --------------------------------------------------------------------------- comparison


class _Comparison:
    def __init__(self, old: Matrix, new: Matrix) -> None:
        self.old_matrix, self.new_matrix = old, new
        self.old, self.new = matrix_to_dict(old), matrix_to_dict(new)
        self.changes: list[Change] = []
        self.renames = Renames()

    def add(self, section: str, subject: str, kind: str, text: str, old: Any, new: Any) -> None:
        self.changes.append(Change(section, subject, kind, text, old, new))

    def run(self) -> MatrixDiff:
        old, new = self.old, self.new
        r = self.renames
        # Match everything first: each section translates the references it compares.
        self.levels = self._match_kind(r.levels, _by_id(old["levels"]), _by_id(new["levels"]))
        self.categories = self._match_kind(
            r.categories, _by_id(old["categories"]), _by_id(new["categories"])
        )
        self.triggers = self._match_kind(
            r.triggers, _by_id(old["triggers"]), _by_id(new["triggers"])
        )
        self.priorities = self._match_kind(r.priorities, _priorities(old), _priorities(new))
        self.calendars = self._match_kind(r.calendars, old["calendars"], new["calendars"])
        self.contacts = self._match_kind(r.contacts, old["contacts"], new["contacts"])
        self._matrix()
        self._levels()
        self._windows()
        self._categories()
        self._triggers()
        self._priorities()
        self._calendars()
        self._contacts()
        order = list(SECTIONS)
        self.changes.sort(key=lambda change: order.index(change.section))  # stable
        return MatrixDiff(self.changes, self.renames)

    @staticmethod
    def _match_kind(
        renames: dict[str, str], old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]
    ) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]], list[str], list[str]]:
        pairs, removed, added = match(old, new)
        renames.update(pairs)
        return old, new, removed, added

    # --- translation of the old matrix's references into the new ids --------------------

    def _level(self, old_id: str) -> str:
        return self.renames.level(old_id)

    def _contacts_of(self, old_ids: Iterable[str]) -> list[str]:
        return list(self.renames.contact_ids(old_ids))

    def _calendar(self, old_id: str | None) -> str | None:
        return None if old_id is None else self.renames.calendars.get(old_id, old_id)

    # --- the parts of a matrix ---------------------------------------------------------

    def _renamed(self, section: str, what: str, kind: tuple[Any, ...]) -> list[tuple[str, str]]:
        """Report additions, removals and renames of one kind; the matched (old, new) ids."""
        old, new, removed, added = kind
        renames: dict[str, str] = getattr(self.renames, section)
        for old_id, new_id in renames.items():
            if old_id != new_id:
                self.add(
                    section,
                    new_id,
                    "renamed",
                    f"{what} {old_id} is now {new_id} ({_quoted(new[new_id].get('name'))})",
                    old_id,
                    new_id,
                )
        for old_id in removed:
            text = f"{what} {old_id} ({_quoted(old[old_id].get('name'))}) removed"
            self.add(section, old_id, "removed", text, old[old_id], None)
        for new_id in added:
            text = f"{what} {new_id} ({_quoted(new[new_id].get('name'))}) added"
            extra = self._describe_added(section, new_id)
            self.add(
                section, new_id, "added", text + (f": {extra}" if extra else ""), None, new[new_id]
            )
        for old_id, new_id in renames.items():
            was, now = old[old_id].get("name"), new[new_id].get("name")
            if was != now:
                text = f"{what} {new_id} renamed: {_quoted(was)} → {_quoted(now)}"
                self.add(section, new_id, "renamed", text, was, now)
        return list(renames.items())

    def _rest(
        self,
        section: str,
        new_id: str,
        before: dict[str, Any],
        after: dict[str, Any],
        handled: Iterable[str],
        words: dict[str, Callable[[Any, Any], str]] | None = None,
    ) -> None:
        """The fields the section does not word itself, in the order of the format: the
        description, those ``words`` phrases, and any other (so that a field added to the
        format later is never passed over in silence)."""
        done = {"id", "name", *handled}
        words = words or {}
        for key in _union(before, after):
            was, now = before.get(key), after.get(key)
            if key in done or was == now:
                continue
            if key == "description":
                text = f"{new_id} description changed"
            elif key in words:
                text = f"{new_id} {words[key](was, now)}"
            else:
                text = f"{new_id} {key}: {_value(was)} → {_value(now)}"
            self.add(section, new_id, "changed", text, was, now)

    def _reordered(self, section: str, old_order: list[str], new_order: list[str]) -> None:
        """The order of the things both matrices have (``old_order`` in the new ids)."""
        kept_old = [key for key in old_order if key in new_order]
        kept_new = [key for key in new_order if key in kept_old]
        if kept_old != kept_new:
            tie = " (the first in the file wins a tie)" if section == "triggers" else ""
            text = f"{section} reordered{tie}: {_ids(kept_old)} → {_ids(kept_new)}"
            self.add(section, "", "reordered", text, kept_old, kept_new)

    def _describe_added(self, section: str, new_id: str) -> str:
        """What a reader wants to know of a new level, trigger, priority, calendar or
        contact besides its name."""
        new = self.new
        if section == "levels":
            ids = [level["id"] for level in new["levels"]]
            index = ids.index(new_id)
            if len(ids) == 1:
                where = "the only level"
            elif index == 0:
                where = f"the first, below {ids[1]}"
            elif index == len(ids) - 1:
                where = f"the top, above {ids[index - 1]}"
            else:
                where = f"between {ids[index - 1]} and {ids[index + 1]}"
            level = _by_id(new["levels"])[new_id]
            window = level["window"]
            window_text = window if isinstance(window, str) else window["default"]
            clock = level["calendar"] or new["default_calendar"]
            return f"{where}; contacts {_ids(level['contacts'])}; window {window_text} ({clock})"
        if section == "categories":
            return f"path {_ids(_by_id(new['categories'])[new_id]['path'])}"
        if section == "triggers":
            trigger = _by_id(new["triggers"])[new_id]
            return self._trigger_summary(trigger, new_id)
        if section == "priorities":
            priority = _priorities(new)[new_id]
            scale = priority["scale"]
            start = priority["start"] or "the path's first level"
            return f"starts at {start}, windows x {scale if scale is not None else 1}"
        if section == "calendars":
            calendar = new["calendars"][new_id]
            return f"{calendar['timezone']}; " + _week_text(calendar["week"])
        if section == "contacts":
            contact = new["contacts"][new_id]
            text = str(contact["kind"])
            rotation = contact.get("rotation")
            if rotation:
                text += (
                    f", on-call rotation of {_ids(rotation['members'])} every {rotation['every']}"
                )
            if contact.get("schedule"):
                text += ", on an iCalendar schedule"
            if contact["calendar"]:
                text += f", calendar {contact['calendar']}"
            if contact.get("deputy"):
                text += f", deputy {contact['deputy']}"
            return text
        return ""

    def _matrix(self) -> None:
        old, new = self.old, self.new
        for key, label in (("name", "name"), ("description", "description")):
            if old[key] != new[key]:
                self.add(
                    "matrix",
                    key,
                    "changed",
                    f"{label}: {_quoted(old[key])} → {_quoted(new[key])}",
                    old[key],
                    new[key],
                )
        if old["version"] != new["version"]:
            self.add(
                "matrix",
                "version",
                "changed",
                f"format version: {old['version']} → {new['version']}",
                old["version"],
                new["version"],
            )
        if old["timezone"] != new["timezone"]:
            text = f"time zone: {old['timezone']} → {new['timezone']}"
            self.add("matrix", "timezone", "changed", text, old["timezone"], new["timezone"])
        before, after = self._calendar(old["default_calendar"]), new["default_calendar"]
        if before != after:
            text = f"default calendar (the clock of levels without one): {before} → {after}"
            self.add("matrix", "default_calendar", "changed", text, old["default_calendar"], after)
        before = old["priorities"]["default"]
        before = self.renames.priorities.get(before, before) if before else None
        after = new["priorities"]["default"]
        if before != after:
            text = f"default priority (tickets without one): {_plain(before)} → {_plain(after)}"
            self.add(
                "matrix", "default_priority", "changed", text, old["priorities"]["default"], after
            )

        sections = {"version", "name", "description", "timezone", "default_calendar"}
        sections |= {"calendars", "contacts", "levels", "priorities", "triggers", "categories"}
        for key in _union(old, new):
            if key not in sections and old.get(key) != new.get(key):
                self.add("matrix", key, "changed", f"{key} changed", old.get(key), new.get(key))

    def _levels(self) -> None:
        old_levels, new_levels, _, _ = self.levels
        pairs = self._renamed("levels", "level", self.levels)
        for old_id, new_id in pairs:
            before, after = old_levels[old_id], new_levels[new_id]
            contacts = self._contacts_of(before["contacts"])
            if contacts != after["contacts"]:
                text = f"{new_id} contacts: {_contact_change(contacts, after['contacts'])}"
                self.add("levels", new_id, "changed", text, before["contacts"], after["contacts"])
            own_old, own_new = self._calendar(before["calendar"]), after["calendar"]
            old_clock = own_old or self._calendar(self.old["default_calendar"])
            new_clock = own_new or self.new["default_calendar"]
            if own_old != own_new or (old_clock != new_clock and (own_old or own_new)):
                text = (
                    f"{new_id} clock: {_clock(own_old, old_clock)} → {_clock(own_new, new_clock)}"
                )
                self.add("levels", new_id, "changed", text, before["calendar"], own_new)
            self._rest("levels", new_id, before, after, ("contacts", "window", "calendar"))
        self._reordered(
            "levels",
            [self._level(level["id"]) for level in self.old["levels"]],
            [level["id"] for level in self.new["levels"]],
        )

    def _windows(self) -> None:
        """Per matched level, the default window and each priority's effective window."""
        old_m, new_m = self.old_matrix, self.new_matrix
        priorities = [
            (old_id, new_id)
            for old_id, new_id in self.renames.priorities.items()
            if old_id in old_m.priority_by_id and new_id in new_m.priority_by_id
        ]
        priorities.sort(key=lambda pair: pair[1])
        for old_id, new_id in self.renames.levels.items():
            old_level, new_level = old_m.level_by_id[old_id], new_m.level_by_id[new_id]
            base_old = format_window(old_level.window.default)
            base_new = format_window(new_level.window.default)
            parts = []
            values: dict[str, list[str]] = {}
            if base_old != base_new:
                parts.append(f"{base_old} → {base_new}")
                values["default"] = [base_old, base_new]
            for old_p, new_p in priorities:
                before = format_window(old_m.window(old_level, old_p))
                after = format_window(new_m.window(new_level, new_p))
                if before != after and not (before == base_old and after == base_new):
                    parts.append(f"{new_p}: {before} → {after}")
                    values[new_p] = [before, after]
            if parts:
                text = f"{new_id}: " + "; ".join(parts)
                self.add(
                    "windows",
                    new_id,
                    "changed",
                    text,
                    {k: v[0] for k, v in values.items()},
                    {k: v[1] for k, v in values.items()},
                )

    def _categories(self) -> None:
        old_cats, new_cats, _, _ = self.categories
        pairs = self._renamed("categories", "category", self.categories)
        old_m, new_m = self.old_matrix, self.new_matrix
        for old_id, new_id in pairs:
            before, after = old_cats[old_id], new_cats[new_id]
            if before["kind"] != after["kind"]:
                self.add(
                    "categories",
                    new_id,
                    "changed",
                    f"{new_id} kind: {before['kind']} → {after['kind']}",
                    before["kind"],
                    after["kind"],
                )
            path = [self._level(lvl) for lvl in before["path"]]
            implicit = (
                old_m.category_by_id[old_id].path is None
                and new_m.category_by_id[new_id].path is None
            )
            if path != after["path"] and not implicit:
                text = f"{new_id} path: {_ids(path)} → {_ids(after['path'])}"
                self.add("categories", new_id, "changed", text, before["path"], after["path"])
            self._functional(new_id, before, after)
            self._responses(new_id, before, after)
            self._rest("categories", new_id, before, after, ("kind", "path", "contacts", "cells"))
        self._reordered(
            "categories",
            [self.renames.categories.get(c["id"], c["id"]) for c in self.old["categories"]],
            [c["id"] for c in self.new["categories"]],
        )

    def _functional(self, category: str, before: dict[str, Any], after: dict[str, Any]) -> None:
        """Contacts a category calls instead of a level's own (functional escalation)."""
        raw = {self._level(lvl): ids for lvl, ids in before["contacts"].items()}
        old_map = {lvl: self._contacts_of(ids) for lvl, ids in raw.items()}
        new_map = after["contacts"]
        new_levels = _by_id(self.new["levels"])
        for level in _union(old_map, new_map):
            was, now = old_map.get(level), new_map.get(level)
            if was == now:
                continue
            own = new_levels[level]["contacts"] if level in new_levels else []
            if was is None:
                text = f"{category} at {level}: {_ids(now)} instead of the level's {_ids(own)}"
            elif now is None:
                text = f"{category} at {level}: the level's {_ids(own)} again, not {_ids(was)}"
            else:
                text = f"{category} at {level}: {_contact_change(was, now)}"
            self.add("categories", category, "changed", text, raw.get(level), now)

    def _responses(self, category: str, before: dict[str, Any], after: dict[str, Any]) -> None:
        old_cells = {self._level(lvl): cell for lvl, cell in before["cells"].items()}
        new_cells = after["cells"]
        for level in _union(old_cells, new_cells):
            was = (old_cells.get(level) or {}).get("response", [])
            now = (new_cells.get(level) or {}).get("response", [])
            if was != now:
                text = f"{category} at {level} responses: {_list_change(was, now, _quoted)}"
                self.add("categories", category, "changed", text, was, now)

    def _armed(self, side: dict[str, Any], old: bool) -> dict[str, list[str]]:
        """trigger id → the ``category/level`` cells that list it (in the new ids)."""
        armed: dict[str, list[str]] = {}
        for category in side["categories"]:
            cat_id = (
                self.renames.categories.get(category["id"], category["id"])
                if old
                else (category["id"])
            )
            for level, cell in category["cells"].items():
                level_id = self._level(level) if old else level
                for trigger in cell["triggers"]:
                    trigger_id = self.renames.triggers.get(trigger, trigger) if old else trigger
                    armed.setdefault(trigger_id, []).append(f"{cat_id}/{level_id}")
        return armed

    def _trigger_summary(self, trigger: dict[str, Any], trigger_id: str) -> str:
        armed = self._armed(self.new, old=False).get(trigger_id, [])
        where = "everywhere (scope any)" if trigger["scope"] == "any" else _ids(armed)
        text = f"event {_plain(trigger['event'])}, {_escalates(trigger['escalate'])}, armed {where}"
        if trigger["notify"]:
            text += f", notifies {_ids(trigger['notify'])}"
        return text

    def _triggers(self) -> None:
        old_triggers, new_triggers, _, _ = self.triggers
        pairs = self._renamed("triggers", "trigger", self.triggers)
        armed_old, armed_new = self._armed(self.old, old=True), self._armed(self.new, old=False)
        for old_id, new_id in pairs:
            before, after = old_triggers[old_id], new_triggers[new_id]
            if before["event"] != after["event"]:
                text = f"{new_id} event: {_list_change(before['event'], after['event'])}"
                self.add("triggers", new_id, "changed", text, before["event"], after["event"])
            escalate = before["escalate"]
            escalate = (
                self._level(escalate)
                if isinstance(escalate, str) and escalate not in ("next", "none")
                else escalate
            )
            if escalate != after["escalate"]:
                text = f"{new_id}: {_escalates(escalate)} → {_escalates(after['escalate'])}"
                self.add("triggers", new_id, "changed", text, before["escalate"], after["escalate"])
            if before["scope"] != after["scope"]:
                text = f"{new_id} scope: {before['scope']} → {after['scope']}"
                self.add("triggers", new_id, "changed", text, before["scope"], after["scope"])
            notify = self._contacts_of(before["notify"])
            if notify != after["notify"]:
                text = f"{new_id} notifies: {_contact_change(notify, after['notify'])}"
                self.add("triggers", new_id, "changed", text, before["notify"], after["notify"])
            was, now = armed_old.get(new_id, []), armed_new.get(new_id, [])
            if sorted(was) != sorted(now):
                text = f"{new_id} armed at: {_plus_minus(was, now, str)}"
                self.add("triggers", new_id, "changed", text, was, now)
            self._rest("triggers", new_id, before, after, ("event", "escalate", "scope", "notify"))
        self._reordered(
            "triggers",
            [self.renames.triggers.get(t["id"], t["id"]) for t in self.old["triggers"]],
            [t["id"] for t in self.new["triggers"]],
        )

    def _priorities(self) -> None:
        old_p, new_p, _, _ = self.priorities
        for old_id, new_id in self._renamed("priorities", "priority", self.priorities):
            before, after = old_p[old_id], new_p[new_id]
            start = self._level(before["start"]) if before["start"] else None
            if start != after["start"]:
                first = "the path's first level"
                text = f"{new_id} starts at: {start or first} → {after['start'] or first}"
                self.add("priorities", new_id, "changed", text, before["start"], after["start"])
            if before["scale"] != after["scale"]:
                was = before["scale"] if before["scale"] is not None else 1
                now = after["scale"] if after["scale"] is not None else 1
                text = f"{new_id} scale (windows x): {was} → {now}"
                self.add("priorities", new_id, "changed", text, before["scale"], after["scale"])
            self._rest("priorities", new_id, before, after, ("start", "scale"))

    def _calendars(self) -> None:
        old_c, new_c, _, _ = self.calendars
        for old_id, new_id in self._renamed("calendars", "calendar", self.calendars):
            before, after = old_c[old_id], new_c[new_id]
            if before["timezone"] != after["timezone"]:
                text = f"{new_id} time zone: {before['timezone']} → {after['timezone']}"
                self.add(
                    "calendars", new_id, "changed", text, before["timezone"], after["timezone"]
                )
            changed: dict[tuple[str, str], list[int]] = {}
            for index, day in enumerate(WEEKDAYS):
                was, now = before["week"][day], after["week"][day]
                if was != now:
                    changed.setdefault((_hours(was), _hours(now)), []).append(index)
            for (was_text, now_text), days in changed.items():
                text = f"{new_id} hours {day_ranges(days)}: {was_text} → {now_text}"
                self.add(
                    "calendars",
                    new_id,
                    "changed",
                    text,
                    {WEEKDAYS[d]: before["week"][WEEKDAYS[d]] for d in days},
                    {WEEKDAYS[d]: after["week"][WEEKDAYS[d]] for d in days},
                )
            was_h, now_h = before["holidays"], after["holidays"]
            region = (_region(was_h), _region(now_h))
            if region[0] != region[1]:
                text = f"{new_id} public holidays: {region[0]} → {region[1]}"
                self.add("calendars", new_id, "changed", text, region[0], region[1])
            if was_h["dates"] != now_h["dates"]:
                text = f"{new_id} closed days: {_plus_minus(was_h['dates'], now_h['dates'], str)}"
                self.add("calendars", new_id, "changed", text, was_h["dates"], now_h["dates"])
            self._rest("calendars", new_id, before, after, ("timezone", "week", "holidays"))

    def _contacts(self) -> None:
        old_c, new_c, _, _ = self.contacts
        for old_id, new_id in self._renamed("contacts", "contact", self.contacts):
            before, after = old_c[old_id], new_c[new_id]
            translated = dict(before, calendar=self._calendar(before["calendar"]))
            if before.get("deputy") is not None:
                translated["deputy"] = self.renames.contacts.get(before["deputy"], before["deputy"])
            self._rest("contacts", new_id, translated, after, (), {"calendar": _reachable})


# --------------------------------------------------------------------------- helpers


def _by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in items}


def _priorities(side: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {key: value for key, value in side["priorities"].items() if key != "default"}


def _union(first: dict[Any, Any], second: dict[Any, Any]) -> list[Any]:
    return list(first) + [key for key in second if key not in first]


def _reachable(was: str | None, now: str | None) -> str:
    return f"calendar (when reachable): {was or 'always'} → {now or 'always'}"


def _value(value: Any) -> str:
    """A canonical value in a sentence: lists joined, mappings as compact JSON."""
    if isinstance(value, dict):
        import json

        return json.dumps(prune(value), ensure_ascii=False, separators=(", ", ": "))
    return _plain(value)


def _contact_change(old: Sequence[str], new: Sequence[str]) -> str:
    return f"{_ids(old)} → {_ids(new)}"


def _clock(own: str | None, effective: str | None) -> str:
    return str(effective) if own else f"{effective} (the default)"


def _escalates(escalate: str | int) -> str:
    """A canonical ``escalate`` in words."""
    if escalate == "next":
        return "moves to the next level"
    if escalate == "none":
        return "moves nowhere (notifies only)"
    if isinstance(escalate, int):
        return f"moves {escalate} levels up"
    return f"moves to {escalate}"


def _region(holidays: dict[str, Any]) -> str:
    if not holidays["country"]:
        return "none"
    if holidays["subdivision"]:
        return f"{holidays['country']}-{holidays['subdivision']}"
    return str(holidays["country"])


def _week_text(week: dict[str, list[str]]) -> str:
    groups: dict[str, list[int]] = {}
    for index, day in enumerate(WEEKDAYS):
        if week[day]:
            groups.setdefault(_hours(week[day]), []).append(index)
    if not groups:
        return "no working hours"
    return "; ".join(f"{day_ranges(days)} {hours}" for hours, days in groups.items())
