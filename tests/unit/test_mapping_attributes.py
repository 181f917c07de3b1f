"""Mappings that pass more columns through (``attributes:``), ``others:`` for values a
field's ``values`` does not list, and change rules that also watch resolved tickets."""

from __future__ import annotations

import dataclasses
import textwrap
from pathlib import Path

import pytest

from escmatrix.events import Event
from escmatrix.findings import Problems
from escmatrix.loading.logs import read_events
from escmatrix.loading.mapping import ChangeSpec
from tests.conftest import DATA, MATRICES
from tests.unit.test_mappings import HEAD, UTC, findings, mapping_of, run

LOG = """\
id,at,state,team,org,lvl
A,2026-03-02 09:00,open,desk,North,one
A,2026-03-02 09:10,open,,North,two
A,2026-03-02 09:20,open,lead,,x
B,2026-03-02 10:00,open,,South,
"""


def test_attributes_pass_through_and_an_empty_cell_keeps_the_previous_value(
    tmp_path: Path,
) -> None:
    events, problems = run(
        tmp_path,
        LOG,
        HEAD
        + """\
attributes:
  team: team
  organisation: {column: org, values: {North: N}, others: elsewhere, default: unknown}
changes:
  - {column: team, event: handed_over}
""",
    )
    assert problems.total == 0
    assert [(e.ticket, e.name, dict(e.attributes)) for e in events] == [
        ("A", "created", {"team": "desk", "organisation": "N"}),
        ("A", "handed_over", {"team": "lead", "organisation": "N"}),
        ("B", "created", {"team": None, "organisation": "elsewhere"}),
    ]


def test_others_is_the_value_of_unlisted_texts_and_a_missing_cell_keeps_the_level(
    tmp_path: Path,
) -> None:
    events, problems = run(
        tmp_path,
        LOG,
        HEAD
        + """\
level: {column: lvl, values: {one: L1}, others: L2}
changes:
  - {field: level, event: moved}
""",
    )
    assert problems.total == 0
    assert [(e.ticket, e.name, e.level) for e in events] == [
        ("A", "created", "L1"),
        ("A", "moved", "L2"),
        ("B", "created", None),  # an empty first cell: no value (no default)
    ]


def test_canonical_events_have_no_attributes() -> None:
    events = list(
        read_events(
            MATRICES / "samples" / "call-center-tickets.csv", timezone=UTC, problems=Problems()
        )
    )
    assert events and all(e.attributes == () for e in events)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an attribute may not take the name of an event field
        ("attributes:\n  actor: Resource\n", [(6, 3, "error", "schema")]),
        ("attributes:\n  my team: Team\n", [(6, 3, "error", "schema")]),
        (
            "attributes:\n  team: {values: {a: b}}\n",
            [(6, 9, "error", "bad-field"), (6, 18, "warning", "unused-values")],
        ),
        ("attributes:\n  team: {column: t, others: x}\n", [(6, 29, "warning", "unused-values")]),
        (
            "level: {column: l, values: {a: L1}, others: L9, order: [L1, L2]}\n",
            [(5, 45, "warning", "value-not-in-order")],
        ),
    ],
)
def test_attribute_and_others_findings(
    body: str, expected: list[tuple[int, int, str, str]]
) -> None:
    text = HEAD + "status: {column: s, values: {x: open}}\n" + body
    assert [f for f in findings(text) if f[3] != "no-events"] == expected


def test_a_change_rule_can_also_watch_resolved_tickets(tmp_path: Path) -> None:
    log = """\
    id,at,state,lvl
    A,2026-03-02 09:00,open,L1
    A,2026-03-02 09:10,done,L2
    A,2026-03-02 09:20,done,L1
    """
    mapping = mapping_of(
        HEAD
        + """\
level: lvl
status: {column: state, values: {open: open, done: resolved}}
changes:
  - {field: level, event: moved}
"""
    )
    path = tmp_path / "log.csv"
    path.write_text(textwrap.dedent(log), encoding="utf-8")

    def names(mapping: object) -> list[tuple[str, str | None]]:
        found = read_events(path, mapping=mapping, timezone=UTC, problems=Problems())  # type: ignore[arg-type]
        return [(e.name, e.level) for e in found]

    assert names(mapping) == [("created", "L1"), ("moved", "L2"), ("resolved", "L2")]
    watching = dataclasses.replace(
        mapping, changes=(ChangeSpec("seen", field="level", while_ended=True),)
    )
    assert names(watching) == [
        ("created", "L1"),
        ("seen", "L2"),
        ("resolved", "L2"),
        ("seen", "L1"),  # on a resolved ticket's row: only the rule that says so
    ]


def test_the_volvo_mapping_passes_the_team_and_the_organisation() -> None:
    from escmatrix.loading.mapping import load_mapping

    events = list(
        read_events(
            DATA / "logs" / "volvo-excerpt.csv",
            mapping=load_mapping(MATRICES / "mappings" / "bpi2013-volvo.yaml"),
            timezone=UTC,
            problems=Problems(),
        )
    )
    first: Event = events[0]
    assert dict(first.attributes) == {
        "team": "V30",
        "organisation": "Org line A2",
        "division": "A2_4",
        "product": "PROD582",
    }
