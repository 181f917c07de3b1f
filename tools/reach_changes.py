"""How many notifications change hands once who is reachable is resolved (SPEC 10).

    python tools/reach_changes.py MATRIX LOG [--map MAPPING] [--office CALENDAR]

Replays LOG against MATRIX twice: as shipped, and with every contact reached as written
(no hours, deputy, rotation or schedule). The records are the same but
for who is notified; this counts those whose people differ (a deputy or the member on duty
took the page, or nobody could), those that reached nobody, and those that came outside a
contact's hours. ``--office CALENDAR`` first gives every contact without hours that
calendar (e.g. the office hours of a real log's matrix, to see what reachable hours would do).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from escmatrix.loading.mapping import load_mapping
from escmatrix.model import Matrix
from escmatrix.simulation.engine import Notification
from escmatrix.simulation.replay import ReplayOptions, replay
from escmatrix.validation import load_matrix


class Records:
    def __init__(self) -> None:
        self.records: list[Notification] = []

    def write(self, notification: Notification) -> None:
        self.records.append(notification)

    def reset(self) -> None:
        self.records.clear()


def as_written(matrix: Matrix) -> Matrix:
    contacts = tuple(
        dataclasses.replace(
            c, calendar=None, deputy=None, outside_hours="deputy", rotation=None, schedule=None
        )
        for c in matrix.contacts
    )
    return dataclasses.replace(matrix, contacts=contacts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("matrix")
    parser.add_argument("log")
    parser.add_argument("--map")
    parser.add_argument("--office", metavar="CALENDAR")
    args = parser.parse_args()
    matrix = load_matrix(args.matrix)
    if args.office:
        contacts = tuple(
            c if c.calendar else dataclasses.replace(c, calendar=args.office)
            for c in matrix.contacts
        )
        matrix = dataclasses.replace(matrix, contacts=contacts)
    options = ReplayOptions(mapping=load_mapping(args.map) if args.map else None)
    shipped, written = Records(), Records()
    replay(matrix, args.log, shipped, options)
    replay(as_written(matrix), args.log, written, options)
    assert len(shipped.records) == len(written.records)
    changed = sum(
        a.contacts != b.contacts for a, b in zip(shipped.records, written.records, strict=True)
    )
    nobody = sum(1 for a in shipped.records if a.unreachable and not a.contacts)
    waited = sum(1 for a in shipped.records if a.unreachable)
    after = sum(1 for a in shipped.records if a.after_hours)
    total = len(shipped.records)
    print(
        f"{args.log}: {total:,} notifications; {changed:,} change hands"
        f" ({changed / max(total, 1):.1%}), {after:,} outside a contact's hours,"
        f" {waited:,} with a contact waiting for its opening, {nobody:,} reached nobody"
    )


if __name__ == "__main__":
    main()
