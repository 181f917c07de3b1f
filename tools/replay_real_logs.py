"""Replay the three real ticket logs end to end against their shipped matrices and mappings.

    python tools/replay_real_logs.py ../shared/data

Fails unless every ticket of each log is created (the counts of the data set's README), and,
for a log whose mapping reads the level that held each ticket, unless every `manual` record
is at a level the log shows for that ticket (SPEC 5.3: a replay never invents an escalation);
prints, for each log, the time taken and what the summary says.
"""

from __future__ import annotations

import csv
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LOGS = [
    # (log file, matrix, mapping, tickets the log holds)
    ("bpi2013-volvo-incidents.csv", "volvo-push-to-front.yaml", "bpi2013-volvo.yaml", 7_554),
    ("helpdesk-italian-software.csv", "helpdesk-italian-software.yaml",
     "helpdesk-italian-software.yaml", 4_580),
    ("servicenow-incident-events.csv.gz", "servicenow-incidents.yaml", "servicenow-incidents.yaml",
     20_769),
]  # fmt: skip


def main() -> None:
    data = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT.parent / "shared" / "data")
    failed = False
    for log, matrix, mapping, expected in LOGS:
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "replay.json"
            command = [
                sys.executable, "-m", "escmatrix", "simulate",
                str(ROOT / "matrices" / matrix), str(data / log),
                "--map", str(ROOT / "matrices" / "mappings" / mapping),
                "--format", "json", "-o", str(out),
            ]  # fmt: skip
            start = time.perf_counter()
            result = subprocess.run(command, capture_output=True, text=True)
            seconds = time.perf_counter() - start
            if result.returncode != 0:
                print(f"{log}: exit {result.returncode}\n{result.stderr}")
                failed = True
                continue
            replayed = json.loads(out.read_text("utf-8"))
            summary = replayed["summary"]
        ok = summary["tickets"] == expected
        failed |= not ok
        print(
            f"{'ok ' if ok else 'BAD'} {log}: {summary['tickets']:,} tickets"
            f" (expected {expected:,}),"
            f" {summary['events']:,} events, {summary['notifications']:,} notifications,"
            f" {summary['creation_inferred']:,} created at their first row, skipped rows"
            f" {summary['skipped_rows'] or 'none'}, unknown events"
            f" {len(summary['unknown_events'])} kinds; {seconds:.1f} s"
        )
        print(f"    tickets by highest level: {summary['tickets_by_highest_level']}")
        shown = levels_shown(data / log, ROOT / "matrices" / "mappings" / mapping)
        if shown is not None:
            manual = [n for n in replayed["notifications"] if n["reason"] == "manual"]
            invented = [n for n in manual if n["level"] not in shown.get(n["ticket"], ())]
            failed |= bool(invented)
            reached = sum(1 for levels in shown.values() if max(levels) == "L3")
            print(
                f"    {'ok ' if not invented else 'BAD'} manual records: {len(manual):,},"
                f" at a level the log never shows for the ticket: {len(invented):,}"
                f" (first: {invented[0]['ticket'] if invented else '-'});"
                f" tickets the log shows at L3: {reached:,}"
            )
    sys.exit(1 if failed else 0)


def levels_shown(log: Path, mapping_path: Path) -> dict[str, set[str]] | None:
    """The levels each ticket held according to the log itself (its raw level column,
    translated by the mapping), read independently of escmatrix's readers; None when the
    mapping reads no level."""
    sys.path.insert(0, str(ROOT))
    from escmatrix.loading.mapping import load_mapping

    mapping = load_mapping(mapping_path)
    spec = mapping.fields.get("level")
    if spec is None or spec.column is None:
        return None
    opener = gzip.open if log.suffix == ".gz" else open
    shown: dict[str, set[str]] = {}
    with opener(log, "rt", encoding="utf-8-sig", newline="") as stream:
        for row in csv.DictReader(stream, delimiter=mapping.delimiter or ","):
            raw = row[spec.column]
            level = (spec.values or {}).get(raw, raw)
            shown.setdefault(row[mapping.ticket], set()).add(level)
    return shown


if __name__ == "__main__":
    main()
