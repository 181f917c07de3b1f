"""The canonical form: two files that mean the same matrix render to identical JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from escmatrix.canonical import matrix_to_dict, prune
from escmatrix.validation import check_text, load_matrix, load_matrix_text
from tests.conftest import MATRICES

TERSE = """
version: 1
name: Same matrix
timezone: Europe/Rome
calendars:
  office:
    week: {mon-fri: "09:00-18:00"}
    holidays: {country: IT, dates: [2026-08-14]}
contacts:
  b: {name: Bob, email: b@example.com}
  a: {name: Alice, channels: [phone]}
levels:
  - {id: L1, name: First, contacts: [a], window: 15-30 minutes}
  - {id: L2, name: Second, contacts: [b], window: "1-2 giorni lavorativi", calendar: office}
  - {id: L3, name: Third, contacts: [b], window: Risoluzione}
priorities:
  default: P2
  P1: {name: Urgent, start: L2, scale: 0.5}
  P2: {scale: 1}
triggers:
  - {id: t, name: Manager asked, event: asked, escalate: 1, notify: [b]}
categories:
  - {id: c, name: C, cells: {L1: {response: Listen, triggers: [t]}, L2: {}}}
"""

VERBOSE = """
version: 1
name: Same matrix
timezone: Europe/Rome
default_calendar: always
calendars:
  office:
    timezone: Europe/Rome
    week:
      mon: ["09:00-18:00"]
      tue: ["09:00-18:00"]
      wed: ["09:00-18:00"]
      thu: ["09:00-18:00"]
      fri: "9:00-18:00"
      sat: closed
    holidays:
      country: IT
      dates: ["2026-08-14", "2026-08-14"]
contacts:
  a: {name: Alice, kind: person, channels: [phone]}
  b: {name: Bob, kind: person, email: b@example.com, channels: []}
levels:
  - id: L1
    name: First
    contacts: [a]
    window: {min: PT15M, max: PT30M}
  - {id: L2, name: Second, contacts: [b], window: 1bd..2bd, calendar: office}
  - {id: L3, name: Third, contacts: [b], window: resolution}
priorities:
  P1: {name: Urgent, start: L2, scale: 0.5}
  P2: {}
  default: P2
triggers:
  - id: t
    name: Manager asked
    event: [asked]
    escalate: next
    notify: [b]
    scope: cell
categories:
  - id: c
    name: C
    kind: hierarchical
    path: [L1, L2, L3]
    cells:
      L1: {response: [Listen], triggers: [t]}
"""


def test_equivalent_files_render_to_identical_json() -> None:
    terse = matrix_to_dict(load_matrix_text(TERSE))
    verbose = matrix_to_dict(load_matrix_text(VERBOSE))
    assert json.dumps(terse, sort_keys=False) == json.dumps(verbose, sort_keys=False)


def test_different_meaning_renders_differently() -> None:
    changed = VERBOSE.replace("max: PT30M", "max: PT31M")
    assert matrix_to_dict(load_matrix_text(TERSE)) != matrix_to_dict(load_matrix_text(changed))


@pytest.mark.parametrize("path", sorted(MATRICES.glob("*.yaml")), ids=lambda p: p.name)
def test_canonical_form_is_a_valid_matrix_that_means_the_same(path: Path) -> None:
    import yaml

    canonical = matrix_to_dict(load_matrix(path))
    text = yaml.safe_dump(prune(canonical), sort_keys=False, allow_unicode=True)
    report = check_text(text)
    assert [f for f in report.findings if f.severity == "error"] == []
    assert report.matrix is not None
    assert matrix_to_dict(report.matrix) == canonical
