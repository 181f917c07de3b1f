"""The JSON Schema: shipped matrices pass it (also with a third-party validator), the fast
generated check agrees with jsonschema, and schema messages point at the right place."""

from __future__ import annotations

import copy
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from escmatrix.loading.yaml_positions import load_yaml
from escmatrix.validation import check_text
from escmatrix.validation.fastcheck import is_valid
from escmatrix.validation.schema import matrix_schema
from tests.conftest import DATA, MATRICES, ROOT

SHIPPED = sorted(MATRICES.glob("*.yaml"))
FIXTURES = sorted((DATA / "rules").glob("*/*.yaml"))


def data_of(path: Path) -> Any:
    return load_yaml(path.read_text("utf-8", errors="replace")).data  # unreadable-file: Latin-1


def test_schema_is_valid_draft_2020_12() -> None:
    schema = matrix_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_matrices_pass_the_schema(path: Path) -> None:
    assert list(Draft202012Validator(matrix_schema()).iter_errors(data_of(path))) == []


def test_shipped_matrices_pass_a_third_party_validator() -> None:
    # check-jsonschema comes with the test extra (pip install -e ".[test]"); run it through
    # this interpreter, whose bin/ need not be on PATH (.venv/bin/python -m pytest)
    assert importlib.util.find_spec("check_jsonschema"), "install the test extra"
    schema = ROOT / "escmatrix" / "schema" / "matrix.schema.json"
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), *map(str, SHIPPED)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_generated_fast_check_is_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "generate_schema_check.py"), "--check"]
    )
    assert result.returncode == 0, "run: python tools/generate_schema_check.py"


@pytest.mark.parametrize("path", SHIPPED + FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fast_check_agrees_with_jsonschema(path: Path) -> None:
    data = data_of(path)
    if data is None:
        return
    assert is_valid(data) == Draft202012Validator(matrix_schema()).is_valid(data)


MUTATIONS = [None, 0, 1.5, -1, True, "", "x y", "L1", [], {}, ["a"], {"a": 1}, {"max": "1h"}]


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    """A shipped matrix with one value somewhere replaced, removed or added."""
    data = copy.deepcopy(data_of(draw(st.sampled_from(SHIPPED))))
    node = data
    for _ in range(draw(st.integers(0, 4))):
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            break
        key = draw(st.sampled_from(keys))
        if not isinstance(node[key], (dict, list)) or draw(st.booleans()):
            break
        node = node[key]
    keys = list(node) if isinstance(node, dict) else list(range(len(node)))
    action = draw(st.sampled_from(["replace", "delete", "add"]))
    if action == "add" and isinstance(node, dict):
        node[draw(st.sampled_from(["extra", "x-note", "name", "window"]))] = draw(
            st.sampled_from(MUTATIONS)
        )
    elif keys and action == "delete":
        del node[draw(st.sampled_from(keys))]
    elif keys:
        node[draw(st.sampled_from(keys))] = draw(st.sampled_from(MUTATIONS))
    return data


@settings(max_examples=300, deadline=None)
@given(mutated())
def test_fast_check_agrees_with_jsonschema_on_mutations(data: Any) -> None:
    assert is_valid(data) == Draft202012Validator(matrix_schema()).is_valid(data)


def messages(text: str) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.message) for f in check_text(text).findings if f.rule == "schema"]


def test_unexpected_key_points_at_the_key() -> None:
    found = messages(
        "version: 1\nname: x\nlevels: [{id: L1, name: a, window: 1h}]\n"
        "categories: [{id: c, name: c}]\ncolor: red\n"
    )
    assert found == [
        (
            5,
            1,
            "unexpected key 'color' (expected one of: version, name, description,"
            " timezone, default_calendar, calendars, contacts, levels, priorities,"
            " triggers, categories)",
        )
    ]


def test_window_without_max_names_the_missing_key() -> None:
    found = messages(
        "version: 1\nname: x\nlevels: [{id: L1, name: a, window: {min: 1m}}]\n"
        "categories: [{id: c, name: c}]\n"
    )
    assert found == [(3, 36, "missing required key 'max'")]


def test_bad_id_points_at_it() -> None:
    found = messages(
        "version: 1\nname: x\nlevels: [{id: L 1, name: a, window: 1h}]\n"
        "categories: [{id: c, name: c}]\n"
    )
    assert [(line, col) for line, col, _ in found] == [(3, 15)]
    assert "letters, digits" in found[0][2]


def test_top_level_must_be_a_mapping() -> None:
    found = messages("- just\n- a list\n")
    assert found == [(1, 1, "expected a mapping, got a list")]


def test_schema_command_prints_the_schema(cli: Any) -> None:
    assert json.loads(cli("schema").stdout) == matrix_schema()
