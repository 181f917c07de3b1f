"""Simulation speed and memory against the floor of merely reading the log.

    python benchmarks/bench_simulate.py [--tickets 10000 100000 1000000] [--runs 3]

For each size, a canonical log is generated (benchmarks/generate_log.py) and, in the same
run, two commands are timed as separate processes, back to back in each of --runs runs
(medians; the ratio is the median of the runs' ratios, with their range):

- the floor: read the CSV with csv.reader and parse every timestamp with
  datetime.fromisoformat, nothing else;
- `escmatrix simulate CALL-CENTER LOG --format jsonl -o /dev/null` (and with --xlsx, the
  same to an Excel report), where CALL-CENTER is matrices/call-center.yaml with its
  contacts always reachable as written (no hours, deputies: SPEC 10);
- with --reach, the same on matrices/call-center.yaml as shipped, which resolves who is
  reachable at each notification (office hours, deputies, waiting for the opening): the
  ratio of the two (CPU time of the process, which other work on a shared machine disturbs
  less than elapsed time) is what the resolution costs.

Goal: simulate costs at most 3x the floor on 100,000 tickets, peaks at no more than
200 MiB, and grows linearly with the log. Peak memory is the child's maximum resident set.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _machine import describe, measure, measure_cpu
from generate_log import generate

ROOT = Path(__file__).resolve().parent.parent
MATRIX = ROOT / "matrices" / "call-center.yaml"
FLOOR = """
import csv, sys
from datetime import datetime
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = csv.reader(f)
    header = next(rows)
    column = header.index("time")
    for row in rows:
        datetime.fromisoformat(row[column])
"""


def _simulate(log: Path, fmt: str, output: str, matrix: Path) -> list[str]:
    """The command replaying ``log`` against ``matrix`` into ``output`` in format ``fmt``."""
    command = [sys.executable, "-m", "escmatrix", "simulate", str(matrix), str(log)]
    return [*command, "--format", fmt, "-o", output]


def always_reachable(target: Path) -> Path:
    """The call-center matrix with every contact reached as written (no hours, deputy or
    waiting), written to ``target``."""
    sys.path.insert(0, str(ROOT))
    from escmatrix.canonical import matrix_to_dict
    from escmatrix.output.yaml_writer import matrix_yaml
    from escmatrix.validation import load_matrix

    data = matrix_to_dict(load_matrix(MATRIX))
    for contact in data["contacts"].values():
        contact.update(calendar=None, deputy=None, outside_hours="deputy")
    target.write_text(matrix_yaml(data), "utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--xlsx", action="store_true", help="also time the Excel report")
    parser.add_argument(
        "--reach",
        action="store_true",
        help="also time the replay with and without resolving who is reachable",
    )
    args = parser.parse_args()
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    print(f"machine: {describe()}")
    print(
        f"median of {args.runs} runs; matrix matrices/call-center.yaml, its contacts always"
        " reachable (--reach: as written, and resolved as shipped)"
    )
    columns = ("tickets", 9), ("rows", 10), ("floor s", 8), ("simulate s", 10), ("ratio", 6)
    columns += (("range", 11),)
    columns += ("peak MiB", 9), ("µs/row", 7)
    header = " ".join(f"{name:>{width}}" for name, width in columns)
    if args.xlsx:
        header += f" {'xlsx s':>7} {'xlsx MiB':>9}"
    if args.reach:
        header += f" {'cpu s':>8} {'+reach cpu s':>12} {'reach cost':>10} {'range':>11}"
    print(header)
    with tempfile.TemporaryDirectory(prefix="escmatrix-bench-") as folder:
        plain = always_reachable(Path(folder) / "call-center-always.yaml")
        for count in args.tickets:
            log = Path(folder) / f"tickets-{count}.csv"
            with open(log, "w", newline="", encoding="utf-8") as out:
                rows = generate(count, 1, out)
            floor_cmd = [sys.executable, "-c", FLOOR, str(log)]
            sim_cmd = _simulate(log, "jsonl", os.devnull, plain)
            xlsx_cmd = _simulate(log, "xlsx", str(Path(folder) / "report.xlsx"), plain)
            reach_cmd = _simulate(log, "jsonl", os.devnull, MATRIX)
            floors, sims, peaks, xtimes, xpeaks = [], [], [], [], []
            pythons: list[float] = []
            reached: list[float] = []
            for _ in range(args.runs):
                floors.append(measure(floor_cmd, env)[0])
                seconds, peak = measure(sim_cmd, env)
                sims.append(seconds)
                peaks.append(peak)
                if args.xlsx:
                    seconds, peak = measure(xlsx_cmd, env)
                    xtimes.append(seconds)
                    xpeaks.append(peak)
                if args.reach:
                    pythons.append(measure_cpu(sim_cmd, env)[2])
                    reached.append(measure_cpu(reach_cmd, env)[2])
            floor, sim = statistics.median(floors), statistics.median(sims)
            # each run times the floor and the replay back to back: the ratio is the median
            # of the runs' ratios, which holds still while the machine's speed drifts
            ratios = [s / f for f, s in zip(floors, sims, strict=True)]
            line = (
                f"{count:>9,} {rows:>10,} {floor:>8.2f} {sim:>10.2f}"
                f" {statistics.median(ratios):>5.2f}x {min(ratios):>5.1f}-{max(ratios):<5.1f}"
                f" {max(peaks):>9.0f} {sim / rows * 1e6:>7.1f}"
            )
            if args.xlsx:
                line += f" {statistics.median(xtimes):>7.2f} {max(xpeaks):>9.0f}"
            if args.reach:
                costs = [r / p for p, r in zip(pythons, reached, strict=True)]
                line += (
                    f" {statistics.median(pythons):>8.2f} {statistics.median(reached):>12.2f}"
                    f" {statistics.median(costs):>9.3f}x {min(costs):>5.2f}-{max(costs):<5.2f}"
                )
            print(line, flush=True)
            log.unlink()


if __name__ == "__main__":
    main()
