"""The effect on a log: the figures a diff gives equal those of two separate simulate runs
on the same log, on every way a replay can take (canonical and mapped logs, matrices in
different zones, the second pass for ladders)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import Any

from escmatrix.simulation.diff import compare_matrices, compare_on_log
from escmatrix.simulation.diff import effect as effect_module
from escmatrix.validation import load_matrix, load_matrix_text
from tests.conftest import DATA, MATRICES, run_cli

SAMPLE_LOG = MATRICES / "samples" / "call-center-tickets.csv"
PROPOSED = MATRICES / "samples" / "call-center-proposed.yaml"


def simulated(matrix: Path, log: Path, *extra: str) -> dict[str, Any]:
    """What `simulate --format json` says."""
    result: dict[str, Any] = run_cli(
        "simulate", str(matrix), str(log), "--format", "json", *extra
    ).json()
    return result


def ladders(records: list[dict[str, Any]]) -> dict[str, list[tuple[Any, ...]]]:
    by_ticket: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for r in records:
        when = dt.datetime.fromisoformat(r["time"]).astimezone(dt.timezone.utc)
        by_ticket[r["ticket"]].append((when, r["level"], tuple(r["contacts"]), r["reason"]))
    return by_ticket


def assert_equal_to_two_simulations(
    old_path: Path, new_path: Path, log: Path, *extra: str
) -> dict[str, Any]:
    result = run_cli(
        "diff", str(old_path), str(new_path), "--log", str(log), *extra, "--format", "json"
    ).json()
    effect = result["effect"]
    old_run, new_run = simulated(old_path, log, *extra), simulated(new_path, log, *extra)
    old_m, new_m = load_matrix(old_path), load_matrix(new_path)
    assert effect["notifications"]["old"] == old_run["summary"]["notifications"]
    assert effect["notifications"]["new"] == new_run["summary"]["notifications"]
    contacts = {row["id"]: (row["old"], row["new"]) for row in effect["notifications_per_contact"]}
    old_per, new_per = (
        old_run["summary"]["notifications_per_contact"],
        new_run["summary"]["notifications_per_contact"],
    )
    assert contacts == {c: (old_per.get(c, 0), new_per.get(c, 0)) for c in {*old_per, *new_per}}
    levels = {row["id"]: (row["old"], row["new"]) for row in effect["tickets_by_highest_level"]}
    old_top, new_top = (
        old_run["summary"]["tickets_by_highest_level"],
        new_run["summary"]["tickets_by_highest_level"],
    )
    assert levels == {
        lvl: (old_top.get(lvl, 0), new_top.get(lvl, 0)) for lvl in {*old_top, *new_top}
    }
    for side, run in (("old", old_run), ("new", new_run)):
        hours = [0] * 168
        for counts in run["summary"]["notifications_per_contact_hour_of_week"].values():
            hours = [a + b for a, b in zip(hours, counts, strict=True)]
        assert effect["hour_of_week"][side] == hours
    before, after = ladders(old_run["notifications"]), ladders(new_run["notifications"])
    changed = [t for t in {**before, **after} if before.get(t) != after.get(t)]
    assert effect["ladders"]["changed"] == len(changed)
    assert [s["ticket"] for s in effect["ladders"]["samples"]] == changed[:5]
    for sample in effect["ladders"]["samples"]:
        assert ladders(sample["old"]).get(sample["ticket"], []) == before.get(sample["ticket"], [])
        assert ladders(sample["new"]).get(sample["ticket"], []) == after.get(sample["ticket"], [])
    rows = {
        r["id"]: (r["old"], r["new"], r["old_unreachable"], r["new_unreachable"])
        for r in effect["outside_working_hours"]
    }
    old_s, new_s = old_run["summary"], new_run["summary"]
    found = {c.id for m in (old_m, new_m) for c in m.contacts if c.calendar}
    for key in ("after_hours_per_contact", "unreachable_per_contact"):
        found |= {*old_s[key], *new_s[key]}
    assert rows == {
        c: (
            old_s["after_hours_per_contact"].get(c, 0),
            new_s["after_hours_per_contact"].get(c, 0),
            old_s["unreachable_per_contact"].get(c, 0),
            new_s["unreachable_per_contact"].get(c, 0),
        )
        for c in found
    }
    assert effect["old_summary"]["notifications_per_contact"] == old_per
    return result


def test_call_center_change_equals_two_simulations() -> None:
    result = assert_equal_to_two_simulations(MATRICES / "call-center.yaml", PROPOSED, SAMPLE_LOG)
    effect = result["effect"]
    assert effect["ladders"]["changed"] > 0
    rows = {row["id"]: row for row in effect["notifications_per_contact"]}
    assert rows["finance-team"]["old"] == 0 and rows["finance-team"]["new"] > 0
    assert rows["billing-team"]["new"] == 0 and rows["billing-team"]["percent"] == -100.0


def test_a_horizon_applies_to_both(tmp_path: Path) -> None:
    assert_equal_to_two_simulations(
        MATRICES / "call-center.yaml",
        PROPOSED,
        SAMPLE_LOG,
        "--until",
        "2026-03-02T12:00",
    )


def test_mapped_volvo_log_equals_two_simulations(tmp_path: Path) -> None:
    """A real export through its mapping (the Python engine, one reader for both)."""
    text = (MATRICES / "volvo-push-to-front.yaml").read_text("utf-8")
    assert "scale: 0.5" in text
    proposed = tmp_path / "volvo.yaml"
    proposed.write_text(text.replace("scale: 0.5", "scale: 0.25"), "utf-8")
    mapping = str(MATRICES / "mappings" / "bpi2013-volvo.yaml")
    result = assert_equal_to_two_simulations(
        MATRICES / "volvo-push-to-front.yaml",
        proposed,
        DATA / "logs" / "volvo-excerpt.csv",
        "--map",
        mapping,
    )
    assert result["effect"]["ladders"]["changed"] > 0


def test_matrices_in_different_zones(tmp_path: Path) -> None:
    """Each matrix reads the log in its own zone: one pass each, instants compared."""
    text = (
        (MATRICES / "call-center.yaml")
        .read_text("utf-8")
        .replace("timezone: Europe/Rome", "timezone: Europe/Lisbon", 1)
    )
    text = text.replace("week:\n", "timezone: Europe/Rome\n    week:\n", 1)
    proposed = tmp_path / "lisbon.yaml"
    proposed.write_text(text, "utf-8")
    result = assert_equal_to_two_simulations(MATRICES / "call-center.yaml", proposed, SAMPLE_LOG)
    assert result["changes"][0]["subject"] == "timezone"
    # the sample log's times carry an offset, so only the text of the times differs
    assert result["effect"]["ladders"]["changed"] == 0


def test_ladders_not_kept_are_replayed_again(tmp_path: Path, monkeypatch: Any) -> None:
    """With none of the first tickets kept whole, the sample comes from a second pass."""
    monkeypatch.setattr(effect_module, "KEPT_LADDERS", 0)
    assert_equal_to_two_simulations(MATRICES / "call-center.yaml", PROPOSED, SAMPLE_LOG)


def test_a_category_the_new_matrix_drops(tmp_path: Path) -> None:
    """Its tickets are skipped by the new matrix: counted as replayed by the old only."""
    old = load_matrix(MATRICES / "call-center.yaml")
    text = (MATRICES / "call-center.yaml").read_text("utf-8")
    start = text.index("  - id: training-request")
    new = load_matrix_text(text[:start], "new.yaml")
    diff = compare_matrices(old, new)
    effect = compare_on_log(old, new, diff.renames, SAMPLE_LOG)
    assert effect.only_old > 0 and effect.only_new == 0
    assert effect.new.skipped["unknown category"] == effect.only_old
    assert not effect.old.skipped


def test_renamed_contact_is_one_row(tmp_path: Path) -> None:
    old = load_matrix(MATRICES / "call-center.yaml")
    text = (MATRICES / "call-center.yaml").read_text("utf-8")
    new = load_matrix_text(text.replace("support-manager", "duty-manager"), "new.yaml")
    diff = compare_matrices(old, new)
    assert [c.kind for c in diff.changes] == ["renamed"]
    effect = compare_on_log(old, new, diff.renames, SAMPLE_LOG)
    assert effect.changed == 0
    ids = [row.key for row in effect.contacts]
    assert "duty-manager" in ids and "support-manager" not in ids
