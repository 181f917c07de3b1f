"""The YAML writer: tidy, commented matrix files that load back to the same canonical form.

The hypothesis strategy :func:`canonical_matrices` (valid matrices in canonical form, with
awkward text and ids) is shared with the Excel round-trip tests.
"""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from escmatrix.canonical import matrix_to_dict
from escmatrix.durations import Duration, Window, format_window
from escmatrix.output.yaml_writer import matrix_yaml, quote, tidy
from escmatrix.validation import check_file, check_text, load_matrix, load_matrix_text
from tests.conftest import MATRICES, ROOT

SHIPPED = sorted(MATRICES.glob("*.yaml")) + sorted(
    (ROOT / "escmatrix" / "templates").glob("*.yaml")
)


def canonical_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def reload(text: str, base: Path | None = None) -> dict[str, Any]:
    report = check_text(text, "<written>", base)
    errors = [str(f) for f in report.findings if f.severity == "error"]
    assert report.matrix is not None, "\n".join(errors) + "\n" + text
    return matrix_to_dict(report.matrix)


# --- strategy: valid matrices in canonical form ------------------------------------------

AWKWARD = [
    "Billing / payment",
    "yes",
    "No",
    "on",
    "OFF",
    "null",
    "~",
    "true",
    "1",
    "1.5",
    "1e3",
    "0x1F",
    "0o17",
    ".5",
    "2026-08-14",
    "12:30",
    "=SUM(A1:A3)",
    "=1+1",
    "+39 02 0000 1001",
    "-5% discount",
    "- dash item",
    "@manager",
    "#N/A",
    "#hash",
    "a: b",
    "a #b",
    "[x]",
    "{y}",
    "x, y",
    "ends with colon:",
    "café ñandú",
    "Ünïcødé 😀",
    "  padded  ",
    " lead",
    "trail ",
    "line one\nline two",
    "tab\there",
    'quote " and \\ backslash',
    "'single'",
    "*star",
    "&anchor",
    "!tag",
    "|pipe",
    ">fold",
    "%percent",
    "`tick`",
    "—",
    "Response:",
    "Trigger: customer asks",
    "…",
    "\u2028separator",
    "nbsp\u00a0space",
    "_x0041_",
    "a\n\nb\n",
    "ends with newline\n",
    "Levels 1-4 run on the clock (24x7, the call center"
    " never closes); levels 5 and 6 count business days in the office calendar.",
]

_CHARS = st.characters(
    exclude_categories=("Cs", "Cc", "Cn"), include_characters="\n\t", exclude_characters="\r"
)
texts = st.one_of(st.sampled_from(AWKWARD), st.text(_CHARS, min_size=1, max_size=24))
optional_texts = st.none() | texts
# descriptions are free text without outer whitespace in the canonical form
descriptions = st.none() | texts.map(str.strip).filter(bool)
ID_SAMPLES = [
    "L1",
    "yes",
    "no",
    "on",
    "1",
    "2",
    "1.5",
    "2026-01-01",
    "null",
    "True",
    "0x1",
    "1e3",
    "a.b",
    "x_y",
    "N-2",
    "P1",
    "reps",
]
ids = st.one_of(
    st.sampled_from(ID_SAMPLES), st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,8}", fullmatch=True)
)
channel_names = st.sampled_from(
    ["phone", "chat", "email", "ticket-queue", "Slack #support", "Teams", "pager"]
)
TIMEZONES = ["UTC", "Europe/Rome", "America/Sao_Paulo", "Asia/Tokyo"]
SECONDS = [45, 60, 300, 900, 1800, 3600, 5400, 7200, 18000, 86400, 93600]
BUSINESS = [Fraction(1, 4), Fraction(1, 2), Fraction(1), Fraction(3, 2), Fraction(2), Fraction(3)]


@st.composite
def windows(draw: st.DrawFn, resolution: bool = True) -> str:
    if resolution and draw(st.integers(0, 5)) == 0:
        return "resolution"
    business = draw(st.booleans())
    if business:
        values = sorted(draw(st.lists(st.sampled_from(BUSINESS), min_size=1, max_size=2)))
        durations = [Duration(business_days=v) for v in values]
    else:
        values = sorted(draw(st.lists(st.sampled_from(SECONDS), min_size=1, max_size=2)))
        durations = [Duration(seconds=v) for v in values]
    low = durations[0] if len(durations) == 2 else None
    return format_window(Window(low, durations[-1]))


@st.composite
def segments(draw: st.DrawFn) -> list[str]:
    bounds = sorted(draw(st.sets(st.integers(0, 48), min_size=0, max_size=4)))
    pairs = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds) - 1, 2)]
    return [f"{a // 2:02d}:{a % 2 * 30:02d}-{b // 2:02d}:{b % 2 * 30:02d}" for a, b in pairs]


@st.composite
def calendars(draw: st.DrawFn, timezone: str) -> dict[str, Any]:
    days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    week = {day: draw(segments()) for day in days}
    if not any(week.values()):
        week["mon"] = ["09:00-17:00"]
    dates = draw(st.sets(st.dates(dt.date(2025, 1, 1), dt.date(2027, 12, 31)), max_size=3))
    return {
        "name": draw(optional_texts),
        "timezone": draw(st.sampled_from([timezone, *TIMEZONES])),
        "week": week,
        "holidays": {
            "country": draw(st.sampled_from([None, "IT"])),
            "subdivision": None,
            "dates": sorted(d.isoformat() for d in dates),
        },
    }


@st.composite
def rotations(draw: st.DrawFn, contact_ids: list[str]) -> dict[str, Any]:
    """A rotation in canonical form (the times of overrides are local, in the matrix zone)."""
    override = {
        "member": contact_ids[0],
        "from": "2026-01-20T08:00:00",
        "to": "2026-01-21T08:00:00",
    }
    return {
        "members": draw(st.lists(st.sampled_from(contact_ids), min_size=1, max_size=3)),
        "every": draw(st.sampled_from(["12h", "1d", "7d", "14d", "1d6h"])),
        "handoff": draw(st.sampled_from(["00:00", "mon 09:00", "fri 17:30", "08:15"])),
        "start": draw(st.sampled_from(["2026-01-05", "2025-12-31"])),
        "overrides": draw(st.sampled_from([[], [override]])),
    }


@st.composite
def canonical_matrices(draw: st.DrawFn) -> dict[str, Any]:
    """A valid matrix (no validation errors) in the canonical form of matrix_to_dict."""
    timezone = draw(st.sampled_from(TIMEZONES))
    cal_ids = draw(st.lists(ids.filter(lambda i: i != "always"), max_size=2, unique=True))
    cals = {cal_id: draw(calendars(timezone)) for cal_id in sorted(cal_ids)}
    cal_choice = st.sampled_from([None, *cal_ids])
    contact_ids = draw(st.lists(ids, min_size=1, max_size=4, unique=True))
    contacts = {
        contact_id: {
            "name": draw(texts),
            "kind": draw(st.sampled_from(["person", "team", "external"])),
            "role": draw(optional_texts),
            "email": draw(optional_texts),
            "phone": draw(optional_texts),
            "channels": draw(st.lists(channel_names, max_size=2)),
            "calendar": draw(cal_choice),
            "description": draw(descriptions),
            # a deputy later in the order only: no deputy cycles
            "deputy": draw(st.sampled_from([None, *(c for c in contact_ids if c > contact_id)])),
            "outside_hours": draw(st.sampled_from(["deputy", "wait"])),
            "rotation": draw(st.none() | rotations(contact_ids)),
            "schedule": None,
        }
        for contact_id in sorted(contact_ids)
    }
    priority_ids = draw(st.lists(ids.filter(lambda i: i != "default"), max_size=3, unique=True))
    level_ids = draw(
        st.lists(
            ids.filter(lambda i: i not in ("next", "none")), min_size=1, max_size=4, unique=True
        )
    )
    levels = []
    for level_id in level_ids:
        window: Any = draw(windows())
        explicit = (
            draw(st.lists(st.sampled_from(priority_ids), unique=True)) if priority_ids else []
        )
        if explicit:
            window = {"default": window, **{p: draw(windows()) for p in sorted(explicit)}}
        levels.append(
            {
                "id": level_id,
                "name": draw(texts),
                "contacts": draw(st.lists(st.sampled_from(contact_ids), max_size=2)),
                "window": window,
                "calendar": draw(cal_choice),
                "description": draw(descriptions),
            }
        )
    priorities: dict[str, Any] = {"default": draw(st.sampled_from([None, *priority_ids]))}
    for priority_id in sorted(priority_ids):
        priorities[priority_id] = {
            "name": draw(optional_texts),
            "start": draw(st.sampled_from([None, *level_ids])),
            "scale": draw(st.sampled_from([None, 0.25, 0.5, 1.5, 2, 3])),
            "description": draw(descriptions),
        }
    trigger_ids = draw(st.lists(ids, max_size=3, unique=True))
    triggers = []
    for trigger_id in trigger_ids:
        notify = draw(st.lists(st.sampled_from(contact_ids), max_size=2))
        escalate: Any = draw(st.sampled_from(["next", 2, 3, "none", *level_ids]))
        if escalate == "none" and not notify:
            notify = [contact_ids[0]]
        triggers.append(
            {
                "id": trigger_id,
                "name": draw(texts),
                "event": draw(st.lists(ids, min_size=1, max_size=2)),
                "escalate": escalate,
                "notify": notify,
                "scope": draw(st.sampled_from(["cell", "any"])),
                "description": draw(descriptions),
            }
        )
    categories = []
    for category_id in draw(st.lists(ids, min_size=1, max_size=3, unique=True)):
        chosen = draw(st.sets(st.integers(0, len(level_ids) - 1), min_size=1))
        path = [level_ids[i] for i in sorted(chosen)]
        functional = {
            level: draw(st.lists(st.sampled_from(contact_ids), min_size=1, max_size=2))
            for level in draw(st.lists(st.sampled_from(path), unique=True, max_size=2))
        }
        cells = {}
        for level in draw(st.lists(st.sampled_from(level_ids), unique=True, max_size=3)):
            cell = {
                "response": draw(st.lists(st.one_of(texts, st.just("")), max_size=3)),
                "triggers": draw(st.lists(st.sampled_from(trigger_ids), max_size=2))
                if trigger_ids
                else [],
            }
            if cell["response"] or cell["triggers"]:
                cells[level] = cell
        categories.append(
            {
                "id": category_id,
                "name": draw(texts),
                "kind": draw(
                    st.sampled_from(["hierarchical", "functional", "priority", "automatic"])
                ),
                "path": path,
                "contacts": functional,
                "cells": cells,
                "description": draw(descriptions),
            }
        )
    data = {
        "version": 1,
        "name": draw(texts),
        "description": draw(descriptions),
        "timezone": timezone,
        "default_calendar": draw(st.sampled_from(["always", *cal_ids])),
        "calendars": cals,
        "contacts": contacts,
        "levels": levels,
        "priorities": priorities,
        "triggers": triggers,
        "categories": categories,
    }
    _no_downward_triggers(data)
    return data


def _no_downward_triggers(data: dict[str, Any]) -> None:
    """A trigger that escalates to a level at or below every level where it is armed is an
    error (trigger-only-down): such triggers escalate to the next level instead."""
    rank = {level["id"]: i for i, level in enumerate(data["levels"])}
    for trigger in data["triggers"]:
        target = trigger["escalate"]
        if not isinstance(target, str) or target not in rank:
            continue
        if trigger["scope"] == "any":
            armed = {lvl for c in data["categories"] for lvl in c["path"]}
        else:
            armed = {
                lvl
                for c in data["categories"]
                for lvl, cell in c["cells"].items()
                if trigger["id"] in cell["triggers"]
            }
        if armed and all(rank[lvl] >= rank[target] for lvl in armed):
            trigger["escalate"] = "next"


# --- properties --------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(canonical_matrices())
def test_written_yaml_loads_back_to_the_same_canonical_form(data: dict[str, Any]) -> None:
    text = matrix_yaml(data)
    assert canonical_json(reload(text)) == canonical_json(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(canonical_matrices(), st.lists(st.sampled_from(AWKWARD), min_size=1, max_size=3))
def test_notes_anywhere_keep_the_file_valid(data: dict[str, Any], notes: list[str]) -> None:
    paths = [
        (),
        ("name",),
        ("levels", 0),
        ("levels", 0, "window"),
        ("contacts",),
        ("categories", 0, "cells", "nowhere"),
        ("triggers", 5),
        ("priorities", "P9"),
    ]
    text = matrix_yaml(data, header=notes, notes={path: notes for path in paths})
    assert canonical_json(reload(text)) == canonical_json(data)


@given(st.text(_CHARS, max_size=40))
def test_any_text_is_quoted_safely(text: str) -> None:
    for written in (quote(text), "[" + quote(text) + "]", "{k: " + quote(text) + "}"):
        loaded = yaml.safe_load(written)
        value = (
            loaded
            if isinstance(loaded, str)
            else (loaded[0] if isinstance(loaded, list) else loaded["k"])
        )
        assert value == text


# --- examples ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_matrices_round_trip_through_the_writer(path: Path) -> None:
    data = matrix_to_dict(load_matrix(path))
    text = matrix_yaml(data)
    assert canonical_json(reload(text)) == canonical_json(data)
    assert "\n# Levels, lowest first" in text and "\n# Categories:" in text


def test_call_center_is_written_the_way_a_person_writes_it() -> None:
    text = matrix_yaml(matrix_to_dict(load_matrix(MATRICES / "call-center.yaml")))
    lines = text.splitlines()
    assert (
        "  - {id: L1, name: Call center representative, contacts: [reps], window: 15m..30m}"
        in lines
    )
    assert '    week: {mon-fri: ["09:00-13:00", "14:00-18:00"], sat: "09:00-12:00"}' in lines
    assert "    holidays: {country: IT, dates: [2026-08-14, 2026-12-24]}" in lines
    assert "  P1: {name: Critical, start: L2, scale: 0.25}" in lines
    assert "description: >-" in lines
    assert all(len(line) <= 100 for line in lines)
    # blank line and a comment heading each section
    for section in ("calendars", "contacts", "levels", "priorities", "triggers", "categories"):
        index = lines.index(f"{section}:")
        assert lines[index - 1].startswith("# ") and lines[index - 2] == ""
    # defaults are left out
    assert "kind: person" not in text and "scope: cell" not in text
    assert "escalate: next" not in text and "default_calendar" not in text


def test_tidy_drops_defaults_and_groups_days() -> None:
    data = matrix_to_dict(
        load_matrix_text(
            "version: 1\nname: x\ntimezone: Europe/Rome\ncalendars:\n"
            "  c:\n    timezone: Europe/Rome\n"
            "    week: {mon: 09:00-17:00, tue: 09:00-17:00, wed-fri: 09:00-17:00,"
            " sun: 10:00-12:00}\n"
            "contacts: {a: {name: A, kind: person, channels: [phone]}}\n"
            "levels:\n  - {id: L1, name: One, contacts: [a], window: 15m}\n"
            "  - {id: L2, name: Two, contacts: [a], window: resolution}\n"
            "triggers: [{id: t, name: T, event: [e], escalate: 1, scope: cell}]\n"
            "categories: [{id: c, name: C, kind: hierarchical, path: [L1, L2],"
            " cells: {L1: {triggers: [t]}}}]\n"
        )
    )
    out = tidy(data)
    assert out["calendars"]["c"] == {"week": {"mon-fri": "09:00-17:00", "sun": "10:00-12:00"}}
    assert out["contacts"]["a"] == {"name": "A", "channels": ["phone"]}
    assert out["triggers"] == [{"id": "t", "name": "T", "event": "e"}]
    assert out["categories"][0] == {"id": "c", "name": "C", "cells": {"L1": {"triggers": ["t"]}}}
    assert "default_calendar" not in out


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Call center representative", "Call center representative"),
        ("15m..30m", "15m..30m"),
        ("1bd..2bd", "1bd..2bd"),
        ("café", "café"),
        ("L1", "L1"),
        ("yes", '"yes"'),
        ("No", '"No"'),
        ("null", '"null"'),
        ("1", '"1"'),
        ("1.5", '"1.5"'),
        ("1e3", '"1e3"'),
        ("0x1F", '"0x1F"'),
        ("2026-08-14", '"2026-08-14"'),
        ("09:00-13:00", '"09:00-13:00"'),
        ("+39 02 0000", '"+39 02 0000"'),
        ("=SUM(A1)", '"=SUM(A1)"'),
        ("a: b", '"a: b"'),
        ("a, b", '"a, b"'),
        ("x #y", '"x #y"'),
        ("", '""'),
        ("line\nbreak", '"line\\nbreak"'),
        ("\u2028", '"\\u2028"'),
        ('say "hi"', '"say \\"hi\\""'),
        (0.25, "0.25"),
        (2, "2"),
        (1e-05, "1.0e-05"),
        (None, "null"),
    ],
)
def test_quote(value: Any, expected: str) -> None:
    assert quote(value) == expected
    assert yaml.safe_load(f"[{expected}]") == [value]


def test_dates_may_stay_bare_where_the_loader_keeps_them_text() -> None:
    assert quote("2026-08-14", allow_timestamp=True) == "2026-08-14"


def test_notes_are_written_above_their_entries() -> None:
    data = matrix_to_dict(load_matrix(MATRICES / "call-center.yaml"))
    notes = {
        ("levels", 1): ["Matrix!C3: '30 minuti-1 ora'"],
        ("contacts", "reps", "kind"): ["kind was guessed"],  # inside an entry: block style
        ("categories", 3, "cells", "L2"): ["two\nlines"],
        ("triggers", 0, "scope"): ["a default that is left out"],  # goes to the trigger
        ("timezone",): ["bell \x07 character"],
    }
    text = matrix_yaml(data, header=["Imported from x.xlsx"], notes=notes)
    lines = text.splitlines()
    assert lines[0] == "# Imported from x.xlsx"
    at = lines.index("  # Matrix!C3: '30 minuti-1 ora'")
    assert lines[at + 1].startswith("  - {id: L2,")
    at = lines.index("    # kind was guessed")
    assert lines[at + 1] == "    kind: team"
    at = lines.index("      # two")
    assert lines[at + 1] == "      # lines" and lines[at + 2] == "      L2:"
    at = lines.index("  # a default that is left out")
    assert lines[at + 1].startswith("  - ") and "rep-cannot-resolve" in lines[at + 1]
    assert "# bell \\u0007 character" in lines
    assert canonical_json(reload(text)) == canonical_json(data)


def test_long_and_multi_line_text_uses_block_scalars() -> None:
    base = matrix_to_dict(load_matrix(MATRICES / "call-center.yaml"))
    for description, marker in [
        ("word " * 40 + "end", "description: >-"),
        ("first line\nsecond line\n", "description: |"),
        ("first line\nsecond line", "description: |-"),
        ("trailing space \nnext", 'description: "trailing space \\nnext"'),
        ("  indented\nnext", 'description: "  indented\\nnext"'),
    ]:
        data = {**base, "description": description}
        text = matrix_yaml(data)
        assert marker in text.splitlines()
        assert reload(text)["description"] == description.strip()


def test_every_valid_rule_fixture_round_trips() -> None:
    """The rule fixtures are a corpus of small valid matrices with unusual features."""
    count = 0
    for path in sorted((ROOT / "tests" / "data").rglob("*.yaml")):
        if path.parent.name == "unreadable-file" or "hostile" in path.parts:
            continue  # not UTF-8, not YAML, not readable: on purpose
        report = check_file(path)
        if report.matrix is None:
            continue
        data = matrix_to_dict(report.matrix)
        written = reload(matrix_yaml(data), path.parent)  # schedules are beside the fixture
        assert canonical_json(written) == canonical_json(data), path
        count += 1
    assert count >= 20
