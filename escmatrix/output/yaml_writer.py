"""Write a matrix as YAML the way a person writes it.

The input is the canonical form (:func:`escmatrix.canonical.matrix_to_dict`); the
output is a matrix file that loads back to the same canonical form, tidied:

- defaults are left out (``kind: person``, ``scope: cell``, ``escalate: next``, a ``path``
  through every level, a calendar in the matrix time zone …);
- calendar days with the same hours are grouped (``mon-fri: ["09:00-13:00", …]``);
- short items are written in flow style on one line (``{id: L1, name: …, window: 15m..30m}``),
  long ones as block mappings; long or multi-line text as ``>`` or ``|`` blocks;
- each section has a blank line and a comment heading, and ``notes`` add comments above
  any entry (where an imported value came from, the text it was read from …).

Strings are quoted only when they have to be: when YAML would read them as something else
(``yes``, ``1.5``, ``2026-08-14``, ``null``), or they hold characters that mean something
in YAML. The result is checked by reading it back; a writer bug raises instead of writing
a file that means something else.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import yaml

from escmatrix.findings import DocPath
from escmatrix.model import ALWAYS, WEEKDAYS

__all__ = ["SECTION_COMMENTS", "matrix_yaml", "quote", "tidy"]

WIDTH = 100
INDENT = 2

SECTION_COMMENTS = {
    "calendars": "Calendars: the working hours that business-day windows count in.",
    "contacts": "Contacts: the people and teams the levels call on.",
    "levels": "Levels, lowest first: who is contacted, and how long a ticket may stay before it"
    " moves up.",
    "priorities": "Priorities: where a ticket starts and how fast its clock runs.",
    "triggers": "Triggers: events that move a ticket up before its time is over.",
    "categories": "Categories: the kinds of problem, the levels each goes through, and what"
    " happens at each.",
}
_TOP_ORDER = ("version", "name", "description", "timezone", "default_calendar", *SECTION_COMMENTS)


# --- tidying the canonical form ------------------------------------------------------------


def _put(target: dict[str, Any], key: str, value: Any, default: Any = None) -> None:
    if value is not None and value != default and value != [] and value != {}:
        target[key] = value


def _week(week: Mapping[str, list[str]]) -> dict[str, Any]:
    """Per-day hours grouped into runs of days with the same hours: ``mon-fri``."""
    grouped: dict[str, Any] = {}
    days = [(day, list(week.get(day, []))) for day in WEEKDAYS]
    index = 0
    while index < len(days):
        day, segments = days[index]
        end = index
        while end + 1 < len(days) and days[end + 1][1] == segments:
            end += 1
        if segments:
            key = day if end == index else f"{day}-{days[end][0]}"
            grouped[key] = segments[0] if len(segments) == 1 else segments
        index = end + 1
    return grouped


def tidy(data: Mapping[str, Any]) -> dict[str, Any]:
    """The canonical form with defaults left out and calendar days grouped: what the
    YAML holds. Reading it back gives ``data`` again."""
    out: dict[str, Any] = {"version": data["version"], "name": data["name"]}
    _put(out, "description", data.get("description"))
    timezone = data.get("timezone", "UTC")
    out["timezone"] = timezone
    _put(out, "default_calendar", data.get("default_calendar"), ALWAYS)
    calendars: dict[str, Any] = {}
    for cal_id, cal in (data.get("calendars") or {}).items():
        entry: dict[str, Any] = {}
        _put(entry, "name", cal.get("name"))
        _put(entry, "timezone", cal.get("timezone"), timezone)
        entry["week"] = _week(cal.get("week") or {})
        holidays: dict[str, Any] = {}
        for key in ("country", "subdivision", "dates"):
            _put(holidays, key, (cal.get("holidays") or {}).get(key))
        _put(entry, "holidays", holidays)
        calendars[cal_id] = entry
    _put(out, "calendars", calendars)
    contacts: dict[str, Any] = {}
    for contact_id, contact in (data.get("contacts") or {}).items():
        entry = {"name": contact["name"]}
        _put(entry, "kind", contact.get("kind"), "person")
        for key in ("role", "email", "phone", "channels", "calendar", "deputy", "schedule"):
            _put(entry, key, contact.get(key))
        _put(entry, "outside_hours", contact.get("outside_hours"), "deputy")
        rotation = contact.get("rotation")
        if rotation:
            turns = {key: rotation[key] for key in ("members", "every") if key in rotation}
            _put(turns, "handoff", rotation.get("handoff"), "00:00")
            turns["start"] = rotation["start"]
            _put(turns, "overrides", rotation.get("overrides"))
            entry["rotation"] = turns
        _put(entry, "description", contact.get("description"))
        contacts[contact_id] = entry
    _put(out, "contacts", contacts)
    levels = []
    for level in data["levels"]:
        entry = {"id": level["id"], "name": level["name"]}
        _put(entry, "description", level.get("description"))
        _put(entry, "contacts", level.get("contacts"))
        entry["window"] = level["window"]
        _put(entry, "calendar", level.get("calendar"))
        levels.append(entry)
    out["levels"] = levels
    priorities: dict[str, Any] = {}
    for key, priority in (data.get("priorities") or {}).items():
        if key == "default":
            _put(priorities, key, priority)
            continue
        entry = {}
        for field in ("name", "start", "scale", "description"):
            _put(entry, field, (priority or {}).get(field))
        priorities[key] = entry
    _put(out, "priorities", priorities)
    triggers = []
    for trigger in data.get("triggers") or ():
        entry = {"id": trigger["id"], "name": trigger["name"]}
        _put(entry, "description", trigger.get("description"))
        events = trigger["event"]
        entry["event"] = events[0] if isinstance(events, list) and len(events) == 1 else events
        _put(entry, "escalate", trigger.get("escalate"), "next")
        _put(entry, "scope", trigger.get("scope"), "cell")
        _put(entry, "notify", trigger.get("notify"))
        triggers.append(entry)
    _put(out, "triggers", triggers)
    all_levels = [level["id"] for level in data["levels"]]
    categories = []
    for category in data["categories"]:
        entry = {"id": category["id"], "name": category["name"]}
        _put(entry, "description", category.get("description"))
        _put(entry, "kind", category.get("kind"), "hierarchical")
        path = category.get("path")
        if path is not None and list(path) != all_levels:
            entry["path"] = list(path)
        _put(entry, "contacts", category.get("contacts"))
        cells: dict[str, Any] = {}
        for level_id, cell in (category.get("cells") or {}).items():
            tidy_cell: dict[str, Any] = {}
            _put(tidy_cell, "response", (cell or {}).get("response"))
            _put(tidy_cell, "triggers", (cell or {}).get("triggers"))
            if tidy_cell:
                cells[level_id] = tidy_cell
        _put(entry, "cells", cells)
        categories.append(entry)
    out["categories"] = categories
    return out


# --- scalars ----------------------------------------------------------------------------

_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
# Characters a plain (unquoted) scalar may hold, in flow context too; it must start with a
# letter or digit and may not end with a space.
# No "?": PyYAML ends a plain scalar at "?" in flow context ("[0?]" does not parse).
_PLAIN = re.compile(r"[^\W_][\w .()/'+&=~$%!@*<>-]*(?<! )")
# Numbers as YAML 1.2 reads them (editors use 1.2): quote these even where 1.1 would not.
_NUMBER_12 = re.compile(
    r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+"
)


def _plain_ok(text: str, allow_timestamp: bool = False) -> bool:
    if not _PLAIN.fullmatch(text) or _NUMBER_12.fullmatch(text):
        return False
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
    return tag == _STR_TAG or (allow_timestamp and tag == _TIMESTAMP_TAG)


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _double_quoted(text: str) -> str:
    parts = ['"']
    for ch in text:
        if ch in _ESCAPES:
            parts.append(_ESCAPES[ch])
        elif ch.isprintable():
            parts.append(ch)
        elif ord(ch) <= 0xFF:
            parts.append(f"\\x{ord(ch):02x}")
        elif ord(ch) <= 0xFFFF:
            parts.append(f"\\u{ord(ch):04x}")
        else:
            parts.append(f"\\U{ord(ch):08x}")
    parts.append('"')
    return "".join(parts)


def quote(value: Any, allow_timestamp: bool = False) -> str:
    """One scalar as YAML text that is safe on one line, in block or flow context."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = yaml.safe_dump(value).splitlines()[0]
        return text
    text = str(value)
    return text if _plain_ok(text, allow_timestamp) else _double_quoted(text)


def _block_scalar(text: str, indent: int, room: int) -> list[str] | None:
    """``text`` as a folded (``>``) or literal (``|``) block, or None when a block cannot
    hold it exactly. ``room`` is the width left for the text on the first line."""
    if "\r" in text or "\t" in text:
        return None
    body = text[:-1] if text.endswith("\n") else text
    if not body or body.endswith("\n") or body[0] == " ":
        return None
    chomp = "" if text.endswith("\n") else "-"
    lines = body.split("\n")
    if any(not line.isprintable() or line != line.rstrip() for line in lines):
        return None
    pad = " " * indent
    if len(lines) > 1:
        if any(line.startswith(" ") for line in lines if line):
            return None
        return [f"|{chomp}", *(pad + line if line else "" for line in lines)]
    if len(body) <= room and not text.endswith("\n"):
        return None  # fits on the line: no block needed
    words = re.split(r"(?<=\S) (?=\S)", body)
    folded, current = [], ""
    for word in words:
        if current and len(pad) + len(current) + 1 + len(word) > WIDTH:
            folded.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    folded.append(current)
    return [f">{chomp}", *(pad + line for line in folded)]


# --- emitting ------------------------------------------------------------------------------

_TIMESTAMP_PATHS = ("dates",)  # keys whose items are written as bare dates


def _flow(value: Any, allow_timestamp: bool = False) -> str:
    if isinstance(value, Mapping):
        return (
            "{"
            + ", ".join(f"{quote(k)}: {_flow(v, k in _TIMESTAMP_PATHS)}" for k, v in value.items())
            + "}"
        )
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v, allow_timestamp) for v in value) + "]"
    return quote(value, allow_timestamp)


def _comment_lines(notes: Iterable[str], indent: int) -> list[str]:
    """Comment lines, wrapped at the page width; characters YAML would read as line breaks
    or refuse (control characters) are written as escapes."""
    lines: list[str] = []
    pad = " " * indent
    for note in notes:
        for line in str(note).split("\n"):
            safe = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in line)
            wrapped = textwrap.wrap(
                safe, WIDTH - indent - 2, break_long_words=False, break_on_hyphens=False
            ) or [""]
            lines.extend(f"{pad}# {part}".rstrip() for part in wrapped)
    return lines


class _Emitter:
    def __init__(self, notes: Mapping[DocPath, Sequence[str]], blocks: bool) -> None:
        self.notes = notes
        self.blocks = blocks
        self.lines: list[str] = []
        # every prefix of a noted path -> the notes at it and below (in the notes' order),
        # and the prefixes that have notes strictly below them: each question about a
        # path is one lookup, not a pass over all the notes (an import of 40,000 rows
        # has as many notes as rows)
        self._under: dict[DocPath, list[str]] = {}
        self._deeper: set[DocPath] = set()
        for noted, texts in notes.items():
            for length in range(len(noted) + 1):
                self._under.setdefault(noted[:length], []).extend(texts)
                if length < len(noted):
                    self._deeper.add(noted[:length])

    def _notes(self, path: DocPath, prefix: bool) -> list[str]:
        if prefix:
            return list(self._under.get(path, ()))
        return list(self.notes.get(path, ()))

    def _has_deeper_notes(self, path: DocPath) -> bool:
        return path in self._deeper

    def entry(self, key: str, value: Any, indent: int, path: DocPath, first: str = "") -> None:
        """``key: value`` at ``indent``; ``first`` replaces the indentation of the first line
        (``- `` for the first key of a sequence item)."""
        pad = " " * indent
        lead = first or pad
        head = f"{quote(key)}:"
        if isinstance(value, (Mapping, list)) and value:
            flow = _flow(value, key in _TIMESTAMP_PATHS)
            if len(pad) + len(head) + 1 + len(flow) <= WIDTH and not self._has_deeper_notes(path):
                self.lines.append(f"{lead}{head} {flow}")
                return
            self.lines.append(f"{lead}{head}")
            if isinstance(value, Mapping):
                self.mapping(value, indent + INDENT, path)
            else:
                self.sequence(value, indent + INDENT, path, key in _TIMESTAMP_PATHS)
            return
        if isinstance(value, str) and self.blocks:
            room = WIDTH - len(pad) - len(head) - 1
            block = _block_scalar(value, indent + INDENT, room)
            if block is not None:
                self.lines.append(f"{lead}{head} {block[0]}")
                self.lines.extend(block[1:])
                return
        self.lines.append(f"{lead}{head} {_flow(value)}")

    def mapping(
        self, value: Mapping[str, Any], indent: int, path: DocPath, first: str = ""
    ) -> None:
        for index, (key, item) in enumerate(value.items()):
            item_path = (*path, key)
            deep = (
                isinstance(item, (Mapping, list))
                and item
                and self._would_block(key, item, indent, item_path)
            )
            if not (index == 0 and first):
                self.lines.extend(_comment_lines(self._notes(item_path, prefix=not deep), indent))
            self.entry(key, item, indent, item_path, first if index == 0 else "")

    def _would_block(self, key: str, value: Any, indent: int, path: DocPath) -> bool:
        flow = _flow(value, key in _TIMESTAMP_PATHS)
        too_long = indent + len(quote(key)) + 2 + len(flow) > WIDTH
        return too_long or self._has_deeper_notes(path)

    def sequence(
        self, items: list[Any], indent: int, path: DocPath, timestamps: bool = False
    ) -> None:
        pad = " " * indent
        for index, item in enumerate(items):
            item_path = (*path, index)
            if isinstance(item, Mapping) and item:
                flow = _flow(item)
                fits = len(pad) + 2 + len(flow) <= WIDTH and not self._has_deeper_notes(item_path)
                if fits:
                    self.lines.extend(_comment_lines(self._notes(item_path, prefix=True), indent))
                    self.lines.append(f"{pad}- {flow}")
                    continue
                own = self._notes(item_path, prefix=False)
                first_key = next(iter(item))
                first_path = (*item_path, first_key)
                first_deep = isinstance(item[first_key], (Mapping, list)) and self._would_block(
                    first_key, item[first_key], indent + INDENT, first_path
                )
                own += self._notes(first_path, prefix=not first_deep)
                self.lines.extend(_comment_lines(own, indent))
                self.mapping(item, indent + INDENT, item_path, first=f"{pad}- ")
            else:
                self.lines.extend(_comment_lines(self._notes(item_path, prefix=True), indent))
                self.lines.append(f"{pad}- {_flow(item, timestamps)}")


def _remap_notes(
    notes: Mapping[DocPath, Sequence[str]], data: Mapping[str, Any]
) -> dict[DocPath, list[str]]:
    """Each note moved to the deepest part of its path that the tidy data holds (a note on
    a default that is left out goes to the entry that would hold it)."""
    moved: dict[DocPath, list[str]] = {}
    for path, texts in notes.items():
        node: Any = data
        kept: list[Any] = []
        for part in path:
            inside = (isinstance(node, Mapping) and part in node) or (
                isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
            )
            if not inside:
                break
            node = node[part]
            kept.append(part)
        moved.setdefault(tuple(kept), []).extend(texts)
    return moved


def _emit(
    data: Mapping[str, Any],
    header: Sequence[str],
    notes: Mapping[DocPath, Sequence[str]],
    blocks: bool,
) -> str:
    emitter = _Emitter(notes, blocks)
    emitter.lines.extend(_comment_lines([*header, *notes.get((), ())], 0))
    for key in sorted(data, key=lambda k: _TOP_ORDER.index(k) if k in _TOP_ORDER else 99):
        if key in SECTION_COMMENTS:
            emitter.lines.append("")
            emitter.lines.extend(_comment_lines([SECTION_COMMENTS[key]], 0))
        value = data[key]
        block = isinstance(value, (Mapping, list)) and bool(value) and key in SECTION_COMMENTS
        if block:
            emitter.lines.extend(_comment_lines(emitter._notes((key,), prefix=False), 0))
            emitter.lines.append(f"{key}:")
            if isinstance(value, Mapping):
                emitter.mapping(value, INDENT, (key,))
            else:
                emitter.sequence(value, INDENT, (key,))
        else:
            emitter.lines.extend(_comment_lines(emitter._notes((key,), prefix=True), 0))
            emitter.entry(key, value, 0, (key,))
    return "\n".join(emitter.lines) + "\n"


def _reads_back(text: str, expected: Mapping[str, Any]) -> bool:
    from escmatrix.loading.yaml_positions import load_yaml

    document = load_yaml(text)
    return not document.issues and _same(document.data, expected)


def _same(left: Any, right: Any) -> bool:
    if isinstance(left, Mapping) and isinstance(right, Mapping):
        return list(left) == list(right) and all(_same(left[k], right[k]) for k in left)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(
            _same(a, b) for a, b in zip(left, right, strict=True)
        )
    return type(left) is type(right) and left == right


def matrix_yaml(
    data: Mapping[str, Any],
    *,
    header: Sequence[str] = (),
    notes: Mapping[DocPath, Sequence[str]] | None = None,
) -> str:
    """The matrix ``data`` (canonical form) as tidy, commented YAML.

    ``header`` lines become comments at the top; ``notes`` maps a path in the canonical
    form, such as ``("levels", 2)`` or ``("categories", 0, "cells", "L1")``, to comment
    lines written above that entry."""
    tidy_data = tidy(data)
    placed = _remap_notes(notes or {}, tidy_data)
    for blocks in (True, False):  # block scalars first; all-quoted if those fail to read back
        text = _emit(tidy_data, header, placed, blocks)
        if _reads_back(text, tidy_data):
            return text
    raise RuntimeError("the YAML writer produced text that does not read back to the matrix")
