"""A diff with a log against two simulate runs of the same log.

    python benchmarks/bench_diff.py [--tickets 100000] [--runs 5]

A canonical log of N tickets is generated (benchmarks/generate_log.py) and, in each run,
three commands are timed back to back as separate processes:

- `escmatrix simulate matrices/call-center.yaml LOG -o /dev/null` and the same for
  `matrices/samples/call-center-proposed.yaml` (the baseline: their times added up);
- `escmatrix diff matrices/call-center.yaml matrices/samples/call-center-proposed.yaml
  --log LOG --format json -o /dev/null`.

The ratio is the median of the runs' ratios (diff / both simulates), with its range; times
are medians. Goal: at most 1.5x. It is measured twice: on the matrices as shipped, whose
contacts have office hours and deputies (the Python engine: one reader feeds both engines),
and on copies without them (the compiled replay: one pass for each matrix, whose JSON Lines
the diff reads back).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _machine import describe
from bench_simulate import measure
from generate_log import generate

ROOT = Path(__file__).resolve().parent.parent
OLD = ROOT / "matrices" / "call-center.yaml"
NEW = ROOT / "matrices" / "samples" / "call-center-proposed.yaml"
ESCMATRIX = [sys.executable, "-m", "escmatrix"]


def plain(path: Path, folder: Path) -> Path:
    """A copy of the matrix at ``path`` whose contacts have no hours and no deputies."""
    text = path.read_text("utf-8")
    head, rest = text.split("\ncontacts:", 1)
    contacts, levels = rest.split("\nlevels:", 1)
    contacts = re.sub(r"\n\s+(calendar|deputy|outside_hours):[^\n]*", "", contacts)
    copy = folder / f"plain-{path.name}"
    copy.write_text(f"{head}\ncontacts:{contacts}\nlevels:{levels}", "utf-8")
    return copy


def series(old: Path, new: Path, log: Path, runs: int, env: dict[str, str]) -> str:
    simulate = [[*ESCMATRIX, "simulate", str(m), str(log), "-o", os.devnull] for m in (old, new)]
    diff = [*ESCMATRIX, "diff", str(old), str(new), "--log", str(log), "--format", "json"]
    diff += ["-o", os.devnull]
    baselines, diffs, ratios, peaks = [], [], [], []
    for _ in range(runs):
        baseline = sum(measure(command, env)[0] for command in simulate)
        seconds, peak = measure(diff, env)
        baselines.append(baseline)
        diffs.append(seconds)
        peaks.append(peak)
        ratios.append(seconds / baseline)
    return (
        f"{statistics.median(baselines):>14.2f} {statistics.median(diffs):>7.2f}"
        f" {statistics.median(ratios):>5.2f}x {min(ratios):>5.2f}-{max(ratios):<5.2f}"
        f" {max(peaks):>9.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, nargs="+", default=[100_000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    print(f"machine: {describe()}")
    print(f"median of {args.runs} runs; {OLD.relative_to(ROOT)} -> {NEW.relative_to(ROOT)}")
    print(
        f"{'tickets':>9} {'rows':>10} {'matrices':<26} {'2 simulates s':>14} {'diff s':>7}"
        f" {'ratio':>6} {'range':>11} {'diff MiB':>9}"
    )
    with tempfile.TemporaryDirectory(prefix="escmatrix-bench-") as name:
        folder = Path(name)
        pairs = {
            "as shipped (Python engine)": (OLD, NEW),
            "no hours (compiled)": (plain(OLD, folder), plain(NEW, folder)),
        }
        for count in args.tickets:
            log = folder / f"tickets-{count}.csv"
            with open(log, "w", newline="", encoding="utf-8") as out:
                rows = generate(count, 1, out)
            for label, (old, new) in pairs.items():
                line = series(old, new, log, args.runs, env)
                print(f"{count:>9,} {rows:>10,} {label:<26} {line}", flush=True)
            log.unlink()


if __name__ == "__main__":
    main()
