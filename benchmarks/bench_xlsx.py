"""How long the Excel workbooks take: the replay's report and the export of a large matrix.

    python benchmarks/bench_xlsx.py [--tickets 100000] [--runs 3] [--levels 1000]
                                    [--categories 1000] [--skip-writers]

Three parts, each timed as separate processes, back to back in each of --runs runs
(medians, with the range; peak memory is the child's maximum resident set):

1. **The writers, side by side**, on the same rows: the notifications of a generated log of
   --tickets tickets (benchmarks/generate_log.py, replayed once to JSON Lines), written as
   the Notifications sheet of the report (ticket, a local date-time, level, level name,
   contacts, reason, detail; every text checked for control characters and formula
   look-alikes, as the report does) by
   - openpyxl in write-only mode (the writer of the report before),
   - XlsxWriter in constant_memory mode, a cell at a time (``write_string``,
     ``write_number``),
   - escmatrix's writer (``escmatrix.excel.writer``: XlsxWriter with whole rows);
   and the floor of only reading and parsing the same JSON Lines. Ratios are to openpyxl.
2. **The report end to end**: ``simulate CALL-CENTER LOG --format xlsx -o report.xlsx``
   against ``--format jsonl -o /dev/null`` of the same log (the replay without a workbook);
   goal: at most 15 s at 100,000 tickets. CALL-CENTER is the example with its contacts
   always reachable as written (as benchmarks/bench_simulate.py runs it).
3. **The export** of a --levels x --categories matrix (benchmarks/bench_render.py's
   matrix), ``export MATRIX -o matrix.xlsx``, against ``render --format markdown`` of the
   same matrix (the same grid as text).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _machine import describe
from bench_render import matrix_text
from bench_simulate import always_reachable, measure_cpu
from generate_log import generate

READ = """
import datetime as dt, json, sys
def rows(path):
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            r = json.loads(line)
            time = dt.datetime.fromisoformat(r["time"]).replace(tzinfo=None)
            yield (r["ticket"], time, r["level"], r["level_name"], ", ".join(r["contacts"]),
                   r["reason"], r["detail"])
HEADERS = ["Ticket", "Time", "Level", "Level name", "Contacts", "Reason", "Detail"]
"""
FLOOR = (
    READ
    + """
for row in rows(sys.argv[1]):
    pass
"""
)
OPENPYXL = (
    READ
    + """
import re
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
ILLEGAL = re.compile(r"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]")
book = Workbook(write_only=True)
ws = book.create_sheet("Notifications")
ws.append(HEADERS)
def text(value):
    if ILLEGAL.search(value):
        value = ILLEGAL.sub("\\ufffd", value)
    if value.startswith(("=", "+", "-", "@")) or value.startswith("#"):
        cell = WriteOnlyCell(ws, value)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell
    return value
for ticket, time, *texts in rows(sys.argv[1]):
    stamp = WriteOnlyCell(ws, time)
    stamp.number_format = "yyyy-mm-dd hh:mm:ss"
    ws.append([text(ticket), stamp, *(text(t) for t in texts)])
book.save(sys.argv[2])
"""
)
XLSXWRITER = (
    READ
    + """
import re
import xlsxwriter
ILLEGAL = re.compile(r"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]")
book = xlsxwriter.Workbook(sys.argv[2], {"constant_memory": True, "strings_to_formulas": False,
                                         "strings_to_numbers": False, "strings_to_urls": False})
ws = book.add_worksheet("Notifications")
stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
quoted = book.add_format({"quote_prefix": True})
for column, header in enumerate(HEADERS):
    ws.write_string(0, column, header)
write = ws.write_string
for row, (ticket, time, *texts) in enumerate(rows(sys.argv[1]), start=1):
    ws.write_datetime(row, 1, time, stamp)
    for column, value in zip((0, 2, 3, 4, 5, 6), (ticket, *texts)):
        if ILLEGAL.search(value):
            value = ILLEGAL.sub("\\ufffd", value)
        risky = value.startswith(("=", "+", "-", "@")) or value.startswith("#")
        write(row, column, value, quoted if risky else None)
book.close()
"""
)
ESCMATRIX = (
    READ
    + """
import datetime as dt
from escmatrix.excel.writer import TIME_FORMAT, Book, excel_time
EPOCH = dt.datetime(1970, 1, 1)
with open(sys.argv[2], "wb") as out:
    book = Book(out)
    sheet = book.sheet("Notifications")
    styles = [book.cell_style(None, TIME_FORMAT if c == 1 else None) for c in range(7)]
    sheet.append(HEADERS)
    for ticket, time, *texts in rows(sys.argv[1]):
        local = (time - EPOCH) // dt.timedelta(microseconds=1)
        sheet.record((ticket, excel_time(local), *texts), styles)
    book.save("notifications", "bench")
"""
)


def side_by_side(commands: dict[str, list[str]], base: str, runs: int, env: dict[str, str]) -> None:
    """Time ``commands`` back to back in each of ``runs`` runs and print their medians (CPU
    time, peak memory) and their ratios to ``base`` (the median of the runs' ratios)."""
    samples: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].append(measure_cpu(command, env))
    bases = [seconds for seconds, _, _ in samples[base]]
    for name, measured in samples.items():
        seconds = statistics.median(s for s, _, _ in measured)
        cpu = statistics.median(c for _, _, c in measured)
        peak = max(p for _, p, _ in measured)
        ratios = [m[0] / b for m, b in zip(measured, bases, strict=True)]
        print(
            f"  {name:38} {seconds:7.2f} s  cpu {cpu:6.2f} s  {peak:5.0f} MiB"
            f"  {statistics.median(ratios):5.2f}x ({min(ratios):.2f}-{max(ratios):.2f})",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--levels", type=int, default=1000)
    parser.add_argument("--categories", type=int, default=1000)
    parser.add_argument("--skip-writers", action="store_true", help="skip part 1")
    args = parser.parse_args()
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    python = sys.executable
    print(f"machine: {describe()}")
    print(f"median of {args.runs} runs (range of the ratios in brackets)")
    with tempfile.TemporaryDirectory(prefix="escmatrix-bench-") as folder:
        work = Path(folder)
        matrix = always_reachable(work / "call-center-always.yaml")
        log = work / "tickets.csv"
        with open(log, "w", newline="", encoding="utf-8") as out:
            rows = generate(args.tickets, 1, out)
        simulate = [python, "-m", "escmatrix", "simulate", str(matrix), str(log)]
        records = work / "records.jsonl"
        subprocess.run([*simulate, "-f", "jsonl", "-o", str(records)], env=env, check=True,
                       capture_output=True)  # fmt: skip
        with open(records, encoding="utf-8") as lines:
            count = sum(1 for _ in lines)
        print(f"{args.tickets:,} tickets, {rows:,} log rows, {count:,} notifications")

        if not args.skip_writers:
            print("1. the Notifications sheet, same rows, each writer")
            target = str(work / "writer.xlsx")
            writers = {
                "read and parse only (floor)": FLOOR,
                "openpyxl write-only": OPENPYXL,
                "XlsxWriter, a cell at a time": XLSXWRITER,
                "escmatrix writer (XlsxWriter rows)": ESCMATRIX,
            }
            commands = {k: [python, "-c", w, str(records), target] for k, w in writers.items()}
            side_by_side(commands, "openpyxl write-only", args.runs, env)

        print("2. the report end to end")
        report = work / "report.xlsx"
        commands = {
            "simulate --format jsonl -o /dev/null": [*simulate, "-f", "jsonl", "-o", os.devnull],
            "simulate --format xlsx -o report.xlsx": [*simulate, "-f", "xlsx", "-o", str(report)],
        }
        side_by_side(commands, "simulate --format jsonl -o /dev/null", args.runs, env)
        size = report.stat().st_size / 1024 / 1024
        print(f"  the report: {size:.0f} MiB (goal: at most 15 s at 100,000 tickets)")

        print(f"3. export of a {args.levels:,}-level x {args.categories:,}-category matrix")
        large = work / "large.yaml"
        large.write_text(matrix_text(args.levels, args.categories), "utf-8")
        command = [python, "-m", "escmatrix"]
        commands = {
            "render --format markdown": [*command, "render", str(large), "-f", "markdown",
                                         "-o", str(work / "large.md")],
            "export -o large.xlsx": [*command, "export", str(large), "-o", str(work / "l.xlsx")],
        }  # fmt: skip
        side_by_side(commands, "render --format markdown", args.runs, env)


if __name__ == "__main__":
    main()
