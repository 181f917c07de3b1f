"""Replay the three real ticket logs end to end against their shipped matrices and mappings.

    python tools/replay_real_logs.py ../shared/data

Fails unless every ticket of each log is created (the counts of the data set's README);
prints, for each log, the time taken and what the summary says.
"""

from __future__ import annotations

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
            summary = json.loads(out.read_text("utf-8"))["summary"]
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
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
