"""The audit on excerpts of the real logs, through their shipped matrices and mappings.

For the Volvo log (BPI Challenge 2013) the counts the challenge asked about are checked
against a direct count over the raw export's ``ST Level`` column, written here without the
project's readers: tickets that did not start at the 1st line, went back down, skipped a
line, came back to a line they had left, and the share the 1st line handled alone.
``tools/audit_real_logs.py`` makes the same check on the full log.
"""

from __future__ import annotations

import csv
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any

from escmatrix.loading.mapping import load_mapping
from escmatrix.simulation.audit import AuditOptions, AuditSummary, Deviation, audit
from escmatrix.validation import load_matrix
from tests.conftest import DATA, MATRICES

LOGS = DATA / "logs"
VOLVO = LOGS / "volvo-audit-excerpt.csv"


class Collect(list[Deviation]):
    def write(self, deviation: Deviation) -> None:
        self.append(deviation)

    def reset(self) -> None:
        self.clear()


def audited(log: Path, matrix: str, mapping: str, **options: Any) -> tuple[Collect, AuditSummary]:
    found = Collect()
    summary = audit(
        load_matrix(MATRICES / matrix),
        log,
        found,
        AuditOptions(mapping=load_mapping(MATRICES / "mappings" / mapping), **options),
    )
    return found, summary


def volvo_counts(path: Path) -> dict[str, int]:
    """The challenge's counts, straight from the export: each incident's support lines in
    row order (``L2/L3``, team V13 "2nd 3rd", is the 2nd line), a line repeated on
    consecutive rows being one stay. The rows of a completed incident (status Completed,
    with a Completed row before it and no row reopening it in between) are not followed:
    nobody holds a completed incident, and its later rows only record its closing."""
    line = {"L1": 1, "L2": 2, "L2/L3": 2, "L3": 3}
    stays: dict[str, list[int]] = {}
    completed: dict[str, bool] = {}
    with open(path, encoding="utf-8-sig", newline="") as file:
        for row in csv.DictReader(file):
            ticket, status = row["SR Number"], row["Status"]
            was_completed = completed.get(ticket, False)
            if status != "Unmatched":  # a row that matches no status changes nothing
                completed[ticket] = status == "Completed"
            if was_completed and status in ("Completed", "Unmatched"):
                continue
            held = stays.setdefault(ticket, [])
            if not held or held[-1] != line[row["ST Level"]]:
                held.append(line[row["ST Level"]])
    counts: Counter[str] = Counter()
    for held in stays.values():
        moves = list(pairwise(held))
        counts["tickets"] += 1
        counts["not started at the 1st line"] += held[0] != 1
        counts["went back down"] += any(b < a for a, b in moves)
        counts["skipped a line"] += any(b > a + 1 for a, b in moves)
        counts["came back to a line"] += len(held) != len(set(held))
        counts["1st line alone"] += set(held) == {1}
    return dict(counts)


def test_volvo_counts_match_a_direct_count_over_st_level() -> None:
    _, summary = audited(VOLVO, "volvo-push-to-front.yaml", "bpi2013-volvo.yaml")
    direct = volvo_counts(VOLVO)
    assert direct["tickets"] == 129
    # the excerpt holds every case the counts are about
    assert all(count > 0 for count in direct.values()), direct
    assert {
        "tickets": summary.tickets,
        "not started at the 1st line": summary.tickets_by_kind["wrong-start"],
        "went back down": summary.tickets_by_kind["backward"],
        "skipped a line": summary.tickets_by_kind["skipped-level"],
        "came back to a line": summary.tickets_by_kind["ping-pong"],
        "1st line alone": summary.first_level_alone,
    } == direct
    assert summary.unplaced == {}
    assert summary.notes["level changes on rows of resolved or closed tickets (not followed)"]


def test_volvo_conformance_per_organisation() -> None:
    found, summary = audited(
        VOLVO, "volvo-push-to-front.yaml", "bpi2013-volvo.yaml", group_by="organisation"
    )
    assert {"Org line A2", "Org line C"} <= set(summary.groups)
    tickets = sum(1 for _ in {d.ticket for d in found})
    assert tickets == summary.tickets - summary.conforming
    for group, figures in summary.groups.items():
        mine = [d for d in found if d.group == group]
        assert sum(figures.by_kind.values()) == len(mine)
        assert figures.tickets - figures.conforming == len({d.ticket for d in mine})
    # every record names the group that held the ticket
    assert all(d.group is not None for d in found)


def test_helpdesk_has_no_level_column_the_audit_follows_upgrades() -> None:
    found, summary = audited(
        LOGS / "helpdesk-excerpt.csv",
        "helpdesk-italian-software.yaml",
        "helpdesk-italian-software.yaml",
        group_by="workgroup",
    )
    assert summary.tickets == 39
    assert (
        summary.notes["tickets whose first row has no level (taken to start at their start level)"]
        == 39
    )
    assert summary.notes["escalated rows with no level (taken as one level up the path)"] > 0
    kinds = Counter(d.kind for d in found)
    assert kinds["wrong-start"] == kinds["backward"] == kinds["ping-pong"] == 0
    assert summary.first_level_alone < summary.tickets


def test_servicenow_levels_come_from_the_assignment_group() -> None:
    found, summary = audited(
        LOGS / "servicenow-excerpt.csv",
        "servicenow-incidents.yaml",
        "servicenow-incidents.yaml",
        group_by="assignment_group",
    )
    assert summary.tickets == 16 and summary.unplaced == {}
    kinds = Counter(d.kind for d in found)
    assert kinds["wrong-start"] > 0  # incidents opened straight in a resolver group
    assert set(summary.groups) >= {"Group 70"}
