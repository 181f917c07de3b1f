"""Audit speed against the floor of merely reading the log, and where the time goes.

    python benchmarks/bench_audit.py [../shared/data] [--runs 7] [--generated 10000 100000]

On the Volvo log (BPI Challenge 2013, 65,533 rows), in the same run, back to back in each of
--runs runs (medians; the ratio is the median of the runs' ratios, with their range):

- the floor: read the CSV with csv.reader and parse every `Change Date+Time` with
  datetime.fromisoformat, nothing else (a separate process);
- `escmatrix audit matrices/volvo-push-to-front.yaml LOG --map matrices/mappings/bpi2013-volvo.yaml
  --group-by organisation --format jsonl -o /dev/null` (a separate process);

both elapsed and as the CPU time the child used (which other work on a shared machine
disturbs far less).

Then where the audit's time goes: the start-up (the same command on a log of one incident:
Python, the imports, loading and checking the matrix and the mapping; median of --runs), and
in this process (CPU time, the best of --runs) reading the log through the mapping into
events and auditing those events (from a list, so that the reading is not counted twice).

With --generated N ..., canonical logs of N tickets in time order (benchmarks/generate_log.py,
levels on the manual escalations) are audited against matrices/call-center.yaml, for the
peak memory (the child's maximum resident set): it grows with the tickets open at once and
a small record per ended ticket, not with the rows.

Goal: the audit of the Volvo log within 3x the floor.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _machine import describe, measure, measure_cpu
from generate_log import generate

ROOT = Path(__file__).resolve().parent.parent
MATRIX = ROOT / "matrices" / "volvo-push-to-front.yaml"
MAPPING = ROOT / "matrices" / "mappings" / "bpi2013-volvo.yaml"
LOG = "bpi2013-volvo-incidents.csv"
FLOOR = """
import csv, sys
from datetime import datetime
with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    rows = csv.reader(f)
    header = next(rows)
    column = header.index(sys.argv[2])
    for row in rows:
        datetime.fromisoformat(row[column])
"""


def audit_command(matrix: Path, log: Path, *options: str) -> list[str]:
    command = [sys.executable, "-m", "escmatrix", "audit", str(matrix), str(log), *options]
    return [*command, "--format", "jsonl", "-o", os.devnull]


def breakdown(log: Path, runs: int) -> dict[str, float]:
    """CPU seconds (the best of ``runs``) of the three parts of an audit, in this process."""
    import zoneinfo

    from escmatrix.findings import Problems
    from escmatrix.loading.logs import read_events
    from escmatrix.loading.mapping import load_mapping
    from escmatrix.simulation.audit import Audit
    from escmatrix.simulation.audit.run import audit_mapping
    from escmatrix.validation import load_matrix

    best = {"read the log into events": 9e9, "audit the events": 9e9}
    matrix = load_matrix(MATRIX)
    mapping = load_mapping(MAPPING)
    for _ in range(runs):
        loaded = time.process_time()
        reading = audit_mapping(mapping, "organisation")
        events = list(
            read_events(
                log,
                mapping=reading,
                timezone=zoneinfo.ZoneInfo(matrix.timezone),
                problems=Problems(),
            )
        )
        read = time.process_time()
        audit = Audit(matrix, group_by="organisation", attributes=mapping.attributes)
        for _ in audit.run(events):
            pass
        done = time.process_time()
        for part, seconds in zip(best, (read - loaded, done - read), strict=True):
            best[part] = min(best[part], seconds)
    best["events"] = len(events)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--generated", type=int, nargs="*", default=[10_000, 100_000])
    args = parser.parse_args()
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    log = Path(args.data) / LOG
    print(f"machine: {describe()}")
    print(f"median of {args.runs} runs; {LOG}")
    floor_cmd = [sys.executable, "-c", FLOOR, str(log), "Change Date+Time"]
    audit_cmd = audit_command(MATRIX, log, "--map", str(MAPPING), "--group-by", "organisation")
    floors, audits, peaks, floor_cpu, audit_cpu = [], [], [], [], []
    for _ in range(args.runs):
        seconds, _, cpu = measure_cpu(floor_cmd, env)
        floors.append(seconds)
        floor_cpu.append(cpu)
        seconds, peak, cpu = measure_cpu(audit_cmd, env)
        audits.append(seconds)
        audit_cpu.append(cpu)
        peaks.append(peak)
    for what, floor_runs, audit_runs in (
        ("elapsed", floors, audits),
        ("CPU", floor_cpu, audit_cpu),
    ):
        ratios = [a / f for f, a in zip(floor_runs, audit_runs, strict=True)]
        print(
            f"{what:>7}: floor {statistics.median(floor_runs):.2f} s, audit"
            f" {statistics.median(audit_runs):.2f} s: {statistics.median(ratios):.1f}x"
            f" ({min(ratios):.1f}-{max(ratios):.1f})"
        )
    print(f"peak {max(peaks):.0f} MiB")
    with tempfile.TemporaryDirectory(prefix="escmatrix-bench-") as folder:
        one = Path(folder) / "one-incident.csv"
        with open(log, encoding="utf-8-sig", newline="") as whole:
            header, first = whole.readline(), whole.readline()
            one.write_text(header + first, encoding="utf-8")
        command = audit_command(MATRIX, one, "--map", str(MAPPING), "--group-by", "organisation")
        startup = statistics.median(measure(command, env)[0] for _ in range(args.runs))
        if args.generated:
            generated_logs(folder, args.generated, env)
    # in this process last: a child forked from a large parent reports the parent's peak
    parts = breakdown(log, args.runs)
    events = int(parts.pop("events"))
    print(f"where the time goes ({events:,} events):")
    print(f"  {'start-up (a one-incident log)':<34} {startup:6.3f} s  (wall clock, median)")
    for part, seconds in parts.items():
        print(f"  {part:<34} {seconds:6.3f} s  {seconds / events * 1e6:5.1f} µs an event (CPU)")


def generated_logs(folder: str, counts: list[int], env: dict[str, str]) -> None:
    print("generated canonical logs against matrices/call-center.yaml:")
    print(f"{'tickets':>10} {'rows':>10} {'audit s':>8} {'peak MiB':>9}")
    for count in counts:
        generated = Path(folder) / f"tickets-{count}.csv"
        with open(generated, "w", newline="", encoding="utf-8") as out:
            rows = generate(count, 1, out)
        command = audit_command(ROOT / "matrices" / "call-center.yaml", generated)
        seconds, peak = measure(command, env)
        print(f"{count:>10,} {rows:>10,} {seconds:>8.2f} {peak:>9.0f}", flush=True)
        generated.unlink()


if __name__ == "__main__":
    main()
