"""How long `escmatrix render` takes to draw the table of a very large matrix.

    python benchmarks/bench_render.py [--levels 1000] [--categories 1000] [--runs 5]

A generated matrix of N levels and M categories (each category with one cell, so the grid
is N x M cells, nearly all empty) is drawn as the terminal table twice, as a user runs
it: into a file (one block, whole lines) and with ``COLUMNS=80`` (the levels in blocks
that fit 80 columns). The baseline, timed back to back in each run, is ``--format
markdown`` of the same matrix: the same grid written as text, with no layout at all.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _machine import describe


def matrix_text(levels: int, categories: int) -> str:
    lines = ["version: 1", "name: Large matrix", "timezone: Europe/Rome", "contacts:"]
    lines += [f"  c{i}: {{name: Contact {i}, email: c{i}@example.com}}" for i in range(levels)]
    lines.append("levels:")
    for i in range(levels):
        window = "resolution" if i == levels - 1 else f"{i + 1}m..{i + 2}m"
        lines.append(f"  - {{id: L{i}, name: Level {i} team, contacts: [c{i}], window: {window}}}")
    lines.append("categories:")
    for j in range(categories):
        lines += [
            f"  - id: cat{j}",
            f"    name: Category {j}",
            f"    cells: {{L{j % levels}: {{response: [Check the account]}}}}",
        ]
    return "\n".join(lines) + "\n"


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", type=int, default=1000)
    parser.add_argument("--categories", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = dict(os.environ)
    env.pop("COLUMNS", None)
    narrow = {**env, "COLUMNS": "80"}
    with tempfile.TemporaryDirectory(prefix="escmatrix-bench-") as folder:
        matrix = Path(folder) / "large.yaml"
        matrix.write_text(matrix_text(args.levels, args.categories))
        render = [sys.executable, "-m", "escmatrix", "render", str(matrix)]
        output = str(Path(folder) / "table.txt")
        subprocess.run([*render, "-o", output], env=env, check=True, capture_output=True)
        samples: dict[str, list[float]] = {"markdown": [], "file": [], "80 columns": []}
        for _ in range(args.runs):
            samples["markdown"].append(timed([*render, "-f", "markdown"], env))
            samples["file"].append(timed([*render, "-o", output], env))
            samples["80 columns"].append(timed(render, narrow))
        size = Path(output).stat().st_size
    print(describe())
    print(f"{args.levels:,} levels x {args.categories:,} categories, median of {args.runs} runs")
    base = statistics.median(samples["markdown"])
    for name, values in samples.items():
        median = statistics.median(values)
        print(f"  {name:12} {median:6.2f} s  ({median / base:.1f}x markdown)")
    print(f"  the table in a file: {size / 1024 / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
