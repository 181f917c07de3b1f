"""The change in words: one fixture pair per kind of change, and no change at all for two
files that mean the same matrix (a matrix against its own normalised JSON, and
hypothesis-generated respellings)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from escmatrix.canonical import matrix_to_dict, prune
from escmatrix.simulation.diff import compare_matrices
from escmatrix.simulation.diff.changes import day_ranges, match
from escmatrix.validation import load_matrix, load_matrix_text
from tests.conftest import DATA, MATRICES

CASES = sorted(p for p in (DATA / "diff").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_each_kind_of_change_in_words(case: Path) -> None:
    """Exactly the expected sentences, in order: nothing missing and no noise."""
    expected = (case / "expected.txt").read_text("utf-8").splitlines()
    found = compare_matrices(load_matrix(case / "old.yaml"), load_matrix(case / "new.yaml"))
    assert [change.text for change in found.changes] == expected
    assert found.changed == bool(expected)


def test_a_renamed_level_is_a_rename_and_its_references_follow() -> None:
    case = DATA / "diff" / "level-id-renamed"
    found = compare_matrices(load_matrix(case / "old.yaml"), load_matrix(case / "new.yaml"))
    assert [(c.section, c.kind, c.old, c.new) for c in found.changes] == [
        ("levels", "renamed", "L2", "LEAD")
    ]
    assert found.renames.level("L2") == "LEAD"


def test_changes_carry_both_values() -> None:
    case = DATA / "diff" / "window-changed"
    found = compare_matrices(load_matrix(case / "old.yaml"), load_matrix(case / "new.yaml"))
    l2 = next(c for c in found.changes if c.subject == "L2")
    assert (l2.section, l2.kind) == ("windows", "changed")
    assert l2.old == {"default": "30m..1h", "P1": "15m..30m"}
    assert l2.new == {"default": "30m..45m", "P1": "10m..15m"}
    assert json.loads(json.dumps(l2.to_dict()))["old"] == l2.old


def test_matching_by_id_then_by_unique_name() -> None:
    old = {
        "a": {"name": "Alpha"},
        "b": {"name": "Beta"},
        "c": {"name": "Same"},
        "d": {"name": "same"},
    }
    new = {"a": {"name": "Other"}, "bb": {"name": " beta "}, "x": {"name": "Same"}}
    pairs, removed, added = match(old, new)
    assert pairs == {"a": "a", "b": "bb"}  # 'Same' is carried by two old items: no match
    assert removed == ["c", "d"] and added == ["x"]


def test_day_ranges() -> None:
    assert day_ranges([0, 1, 2, 3, 4, 6]) == "mon-fri, sun"
    assert day_ranges([2]) == "wed"


@pytest.mark.parametrize("path", sorted(MATRICES.glob("*.yaml")), ids=lambda p: p.name)
def test_a_matrix_against_its_own_normalised_json_shows_no_change(path: Path) -> None:
    matrix = load_matrix(path)
    again = load_matrix_text(json.dumps(prune(matrix_to_dict(matrix))), "normalised.json")
    found = compare_matrices(matrix, again)
    assert found.changes == []


# --------------------------------------------------------------------------- respellings

DURATION_SPELLINGS = {
    "15m": ["15m", "PT15M", "15 minutes", "0h15m"],
    "30m": ["30m", "PT30M", "30 minutes"],
    "1h": ["1h", "PT1H", "60m", "1 hour"],
    "2h": ["2h", "PT2H", "120m"],
    "1bd": ["1bd", "1 business day"],
    "2bd": ["2bd", "2 business days"],
}


def _duration(text: str, rnd: random.Random) -> str:
    return rnd.choice(DURATION_SPELLINGS.get(text, [text]))


def _window(text: str, rnd: random.Random) -> Any:
    if text == "resolution":
        return rnd.choice(["resolution", "Resolution", "Risoluzione"])
    if ".." not in text:
        return _duration(text, rnd)
    low, high = text.split("..")
    if rnd.random() < 0.5:
        return {"min": _duration(low, rnd), "max": _duration(high, rnd)}
    return f"{_duration(low, rnd)}..{_duration(high, rnd)}"


def _shuffled(mapping: dict[str, Any], rnd: random.Random) -> dict[str, Any]:
    items = list(mapping.items())
    rnd.shuffle(items)
    return dict(items)


def respell(document: dict[str, Any], rnd: random.Random) -> dict[str, Any]:
    """The same matrix written another way: keys in another order, durations and windows
    spelled otherwise, weekdays grouped, defaults written out or left out, single values
    as lists or not, ``escalate: next`` as 1."""
    doc = json.loads(json.dumps(document))
    for level in doc["levels"]:
        window = level["window"]
        level["window"] = (
            {k: _window(v, rnd) for k, v in window.items()}
            if isinstance(window, dict)
            else _window(window, rnd)
        )
    for calendar in doc.get("calendars", {}).values():
        week = calendar.get("week", {})
        weekdays = ["mon", "tue", "wed", "thu", "fri"]
        if (
            all(week.get(d) == week.get("mon") and week.get(d) for d in weekdays)
            and rnd.random() < 0.7
        ):
            hours = week["mon"]
            for day in weekdays:
                week.pop(day)
            week["mon-fri"] = hours[0] if len(hours) == 1 and rnd.random() < 0.5 else hours
        calendar["week"] = _shuffled(week, rnd)
        if rnd.random() < 0.5 and doc.get("timezone"):
            calendar["timezone"] = doc["timezone"]
    for trigger in doc.get("triggers", []):
        if len(trigger.get("event", [])) == 1 and rnd.random() < 0.5:
            trigger["event"] = trigger["event"][0]
        if trigger.get("escalate", "next") == "next":
            trigger["escalate"] = rnd.choice(["next", 1, None])
            if trigger["escalate"] is None:
                del trigger["escalate"]
        if trigger.get("scope", "cell") == "cell" and rnd.random() < 0.5:
            trigger.pop("scope", None)
    for contact in doc.get("contacts", {}).values():
        if contact.get("kind", "person") == "person" and rnd.random() < 0.5:
            contact["kind"] = "person"
    if rnd.random() < 0.5:
        doc["default_calendar"] = doc.get("default_calendar", "always")
    for key in ("contacts", "calendars"):
        if key in doc:
            doc[key] = _shuffled({k: _shuffled(v, rnd) for k, v in doc[key].items()}, rnd)
    doc["levels"] = [_shuffled(level, rnd) for level in doc["levels"]]
    doc["categories"] = [_shuffled(category, rnd) for category in doc["categories"]]
    return _shuffled(doc, rnd)


RESPELLED = [
    MATRICES / "call-center.yaml",
    MATRICES / "it-helpdesk.yaml",
    DATA / "diff" / "respelled" / "old.yaml",
]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), which=st.sampled_from(RESPELLED))
def test_respellings_show_no_change(seed: int, which: Path) -> None:
    matrix = load_matrix(which)
    document = prune(matrix_to_dict(matrix))
    text = yaml.safe_dump(
        respell(document, random.Random(seed)), sort_keys=False, allow_unicode=True
    )
    again = load_matrix_text(text, "respelled.yaml")
    assert compare_matrices(matrix, again).changes == []


MUTATIONS = [
    ("levels", 1, "window", "17m..33m"),
    ("levels", 0, "name", "Somebody else"),
    ("levels", 1, "contacts", ["reps"]),
    ("triggers", 0, "event", ["something_else"]),
    ("triggers", 0, "escalate", "L4"),
    ("categories", 0, "name", "Renamed"),
    ("categories", 1, "path", ["L1", "L3"]),
]


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: f"{m[0]}-{m[2]}")
def test_a_real_change_survives_respelling(mutation: tuple[str, int, str, Any]) -> None:
    """The other half of the property: respelled, a changed matrix still shows its change."""
    matrix = load_matrix(MATRICES / "call-center.yaml")
    document = prune(matrix_to_dict(matrix))
    section, index, key, value = mutation
    document[section][index][key] = value
    text = yaml.safe_dump(respell(document, random.Random(7)), sort_keys=False)
    found = compare_matrices(matrix, load_matrix_text(text, "changed.yaml"))
    assert found.changed
