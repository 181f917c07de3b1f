"""YAML loading with positions: values, keys, duplicates, bombs and syntax errors."""

from __future__ import annotations

from escmatrix.loading.yaml_positions import MAX_DEPTH, load_yaml


def test_positions_of_values_and_keys() -> None:
    doc = load_yaml("a: 1\nlist:\n  - {x: 2}\n  - y\n")
    assert doc.data == {"a": 1, "list": [{"x": 2}, "y"]}
    assert doc.positions.locate(("a",)) == (1, 4)
    assert doc.positions.locate(("a",), on_key=True) == (1, 1)
    assert doc.positions.locate(("list", 0, "x")) == (3, 9)
    assert doc.positions.locate(("list", 1)) == (4, 5)
    # a path below a scalar falls back to the nearest ancestor
    assert doc.positions.locate(("list", 1, "deeper")) == (4, 5)


def test_duplicate_keys_are_reported_and_the_first_stands() -> None:
    doc = load_yaml("name: first\nother: 1\nname: second\n")
    assert doc.data["name"] == "first"
    [issue] = doc.issues
    assert issue.rule == "duplicate-key"
    assert doc.positions.locate(issue.path, issue.on_key) == (3, 1)
    assert "line 1" in issue.message


def test_keys_stay_text_and_dates_stay_text() -> None:
    doc = load_yaml("on: yes\n2: two\nwhen: 2026-08-14\n")
    assert doc.data == {"on": True, "2": "two", "when": "2026-08-14"}


def test_syntax_error_has_a_position() -> None:
    doc = load_yaml("a: [1, 2\nb: 3\n")
    [issue] = doc.issues
    assert issue.rule == "yaml-syntax"
    assert not doc.readable
    assert doc.positions.locate(issue.path)[0] >= 1


def test_deep_nesting_is_refused_without_recursion_error() -> None:
    doc = load_yaml("[" * 100_000)
    [issue] = doc.issues
    assert f"deeper than {MAX_DEPTH}" in issue.message


def test_alias_bomb_is_refused() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    doc = load_yaml("\n".join(lines))
    [issue] = doc.issues
    assert "expands to more than" in issue.message


def test_unsafe_tags_are_refused() -> None:
    doc = load_yaml("a: !!python/object/apply:os.system [ls]\n")
    assert doc.issues and doc.issues[0].rule == "yaml-syntax"


def test_one_document_only() -> None:
    doc = load_yaml("a: 1\n---\nb: 2\n")
    assert "one YAML document" in doc.issues[0].message


def test_merge_keys() -> None:
    doc = load_yaml("base: &b {x: 1, y: 2}\nthing:\n  <<: *b\n  y: 3\n")
    assert doc.data["thing"] == {"x": 1, "y": 3}
    assert not doc.issues


def test_empty_document() -> None:
    doc = load_yaml("# nothing\n")
    assert doc.data is None and doc.readable
