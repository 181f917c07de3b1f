"""Every rule has a fixture folder that proves it fires (exactly where expected) and does
not fire on the corrected file. A new rule is a new folder, not new test code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from escmatrix.validation import all_rules, check_paths
from tests.conftest import DATA

RULE_DIR = DATA / "rules"
RULE_IDS = sorted(all_rules())


def expected_positions(path: Path) -> set[tuple[int, int]]:
    return {
        (int(m.group(1)), int(m.group(2)))
        for m in re.finditer(r"^# expect: (\d+):(\d+)$", path.read_bytes().decode("latin-1"), re.M)
    }


def test_every_rule_has_fixtures() -> None:
    folders = {p.name for p in RULE_DIR.iterdir() if p.is_dir()}
    assert folders == set(RULE_IDS), "rule folders and registered rules differ"
    for rule_id in RULE_IDS:
        assert (RULE_DIR / rule_id / "fires.yaml").is_file()
        assert (RULE_DIR / rule_id / "passes.yaml").is_file()


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_fires_where_expected(rule_id: str) -> None:
    fires = RULE_DIR / rule_id / "fires.yaml"
    expected = expected_positions(fires)
    assert expected, f"{fires} has no '# expect: LINE:COL' lines"
    found = {(f.line, f.column) for f in check_paths([str(fires)])[0] if f.rule == rule_id}
    assert found == expected


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_does_not_fire_on_corrected_file(rule_id: str) -> None:
    passes = RULE_DIR / rule_id / "passes.yaml"
    assert [f for f in check_paths([str(passes)])[0] if f.rule == rule_id] == []


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_is_documented(rule_id: str) -> None:
    rule = all_rules()[rule_id]
    assert rule.severity in ("error", "warning")
    assert rule.summary and "\n" not in rule.summary
