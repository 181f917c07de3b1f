"""Importing large hand-made workbooks: linear in the size of the sheet.

    python benchmarks/bench_import.py [--runs 3]

Two shapes of the call-center template's Matrix sheet, each at two sizes four times
apart: wide (N level columns, each with a contact and a timeline) and tall (N category
rows, each with a response and a trigger). For each, ``escmatrix import BOOK -o
BOOK.yaml`` is timed as a process (medians of --runs runs); the ratio of the larger to
the smaller size is about 4 when the import is linear (it was quadratic before: 16,384
columns or 40,000 rows took over 300 s).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _machine import describe

SHAPES = {"wide (level columns)": (4096, 16384), "tall (category rows)": (10_000, 40_000)}


def workbook(path: Path, levels: int, categories: int) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Matrix")
    sheet.append(["Escalation level", *[f"Level {i + 1}" for i in range(levels)]])
    sheet.append(["Point of contact", *[f"Person {i + 1}" for i in range(levels)]])
    sheet.append(["Timeline", *["15-30 minutes"] * levels])
    for j in range(categories):
        sheet.append([f"Category {j + 1}", "Response: Check\nTrigger: Customer asks"])
    book.save(path)


def timed(book: Path) -> float:
    start = time.perf_counter()
    command = [sys.executable, "-m", "escmatrix", "import", str(book), "-o", f"{book}.yaml"]
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(describe())
    print(f"escmatrix import, median of {args.runs} runs")
    with tempfile.TemporaryDirectory(prefix="escmatrix-bench-") as folder:
        for shape, sizes in SHAPES.items():
            medians = []
            for size in sizes:
                book = Path(folder) / f"{size}.xlsx"
                if shape.startswith("wide"):
                    workbook(book, size, 3)
                else:
                    workbook(book, 3, size)
                medians.append(statistics.median(timed(book) for _ in range(args.runs)))
                print(f"  {shape:22} {size:>7,}  {medians[-1]:6.1f} s")
            print(f"  {'':22} ratio {medians[1] / medians[0]:.1f} for 4x the size")


if __name__ == "__main__":
    main()
