"""YAML loading with positions: values, keys, duplicates, bombs and syntax errors."""

from __future__ import annotations

import pytest

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
    assert issue.rule == "yaml-syntax" and "alias" in issue.message
    assert doc.positions.locate(issue.path)[0] == 5  # the alias that goes past the bound


def test_a_large_document_without_aliases_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its size is bounded by the file's; only aliases can make a small file expand."""
    body = "categories:\n" + "".join(f"  - {{id: c{i}, name: C {i}}}\n" for i in range(60_000))
    doc = load_yaml(body)
    assert doc.issues == [] and len(doc.data["categories"]) == 60_000
    import escmatrix.loading.yaml_positions as module

    monkeypatch.setattr(module, "MAX_VALUES", 100_000)
    [issue] = load_yaml(body).issues
    assert issue.rule == "yaml-syntax" and "more than 100,000 values" in issue.message


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


@pytest.mark.parametrize(
    ("text", "where", "says"),
    [
        ("a:\n\tb: 1\n", (2, 1), "YAML is indented with spaces only, never tabs"),
        ("a: |\n\tx\n", (2, 1), "YAML is indented with spaces only, never tabs"),
        ("a: [1, 2\nb: 3\n", (2, 2), "the list opened with '[' on line 1 is not closed"),
        ("a: {b: 1\n", (2, 1), "the mapping opened with '{' on line 1 is not closed"),
        ('a: "x\n', (2, 1), "the quoted text opened on line 1 has no closing quote"),
        ("a: b: c\n", (1, 5), "put a value that holds ': ' in quotes"),
        ("a: @x\n", (1, 4), "a value cannot start with '@' in YAML: put it in quotes (\"@x\")"),
        ("levels:\n  - a\n b: 2\n", (3, 2), "does not line up with the keys above it"),
        ('a: "x" y\n', (1, 8), "text after a quoted value"),
    ],
)
def test_syntax_errors_say_what_is_wrong(text: str, where: tuple[int, int], says: str) -> None:
    doc = load_yaml(text)
    [issue] = doc.issues
    assert issue.rule == "yaml-syntax"
    assert doc.positions.locate(issue.path) == where
    sentence, _, detail = issue.message.partition(" (YAML parser: ")
    assert says in sentence and detail.endswith(")")  # the parser's own words come after


@pytest.mark.parametrize(
    ("window", "column", "meant"),
    [("120", 48, "120m"), ("'120'", 48, "120m"), ("15..30", 48, "15m..30m"),
     ("15-30", 48, "15m..30m"), ("{default: 30m, P1: 10}", 67, "10m")],
)  # fmt: skip
def test_a_number_without_unit_suggests_minutes(window: str, column: int, meant: str) -> None:
    from escmatrix.validation import check_text

    text = (
        "version: 1\nname: x\ncontacts: {a: {name: A, email: a@example.com}}\n"
        f"levels:\n  - {{id: L1, name: One, contacts: [a], window: {window}}}\n"
        "  - {id: L2, name: Two, contacts: [a], window: resolution}\n"
        "priorities: {P1: {name: Urgent}}\ncategories: [{id: c, name: C}]\n"
    )
    [finding] = [f for f in check_text(text).findings if f.severity == "error"]
    assert (finding.rule, finding.line, finding.column) == ("bad-duration", 5, column)
    assert f"did you mean {meant}" in finding.message
