"""Audit the three real ticket logs end to end against their shipped matrices and mappings.

    python tools/audit_real_logs.py ../shared/data

For each log, `escmatrix audit` runs with `--format json` (and `--group-by` the attribute
the log's mapping passes through); the script fails unless every ticket is audited and no
row is left unplaced (rows a mapping's `ignore:` leaves out are only counted). On the
Volvo log (BPI Challenge 2013) it also checks the audit's counts against a direct count
over the raw export's `ST Level` (the count the tests make on an excerpt:
tests/unit/test_audit_real_logs.py) and prints the answers to the challenge's questions.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LOGS = [
    # (log file, matrix, mapping, --group-by, tickets the log holds)
    ("bpi2013-volvo-incidents.csv", "volvo-push-to-front.yaml", "bpi2013-volvo.yaml",
     "organisation", 7_554),
    ("helpdesk-italian-software.csv", "helpdesk-italian-software.yaml",
     "helpdesk-italian-software.yaml", "workgroup", 4_580),
    ("servicenow-incident-events.csv.gz", "servicenow-incidents.yaml", "servicenow-incidents.yaml",
     "assignment_group", 20_769),
]  # fmt: skip


def audit(data: Path, log: str, matrix: str, mapping: str, group: str) -> tuple[Any, float]:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "audit.json"
        command = [
            sys.executable, "-m", "escmatrix", "audit",
            str(ROOT / "matrices" / matrix), str(data / log),
            "--map", str(ROOT / "matrices" / "mappings" / mapping),
            "--group-by", group, "--format", "json", "-o", str(out),
        ]  # fmt: skip
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if result.returncode != 0:
            raise SystemExit(f"{log}: exit {result.returncode}\n{result.stderr}")
        return json.loads(out.read_text("utf-8")), seconds


def percent(part: int, whole: int) -> str:
    return f"{part:,} ({100 * part / whole:.1f}%)"


def main() -> None:
    from escmatrix.loading.logs import IGNORED
    from tests.unit.test_audit_real_logs import volvo_counts

    data = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT.parent / "shared" / "data")
    failed = False
    for log, matrix, mapping, group, expected in LOGS:
        report, seconds = audit(data, log, matrix, mapping, group)
        summary = report["summary"]
        # rows a mapping leaves out on purpose are counted, not a failure
        unplaced = {k: n for k, n in summary["unplaced_rows"].items() if k != IGNORED}
        ok = summary["tickets"] == expected and not unplaced
        ok &= summary["deviations"] == len(report["deviations"])
        kinds = summary["tickets_by_kind"]
        print(
            f"{'ok ' if ok else 'BAD'} {log}: {summary['tickets']:,} tickets (expected"
            f" {expected:,}), {summary['deviations']:,} deviations,"
            f" {percent(summary['conforming_tickets'], summary['tickets'])} with none;"
            f" rows not placed {summary['unplaced_rows'] or 'none'}; {seconds:.1f} s"
        )
        print(f"    tickets by kind: {kinds}")
        print(f"    counted: {summary['notes']}")
        if log.startswith("bpi2013"):
            direct = volvo_counts(data / log)
            audited = {
                "tickets": summary["tickets"],
                "not started at the 1st line": kinds["wrong-start"],
                "went back down": kinds["backward"],
                "skipped a line": kinds["skipped-level"],
                "came back to a line": kinds["ping-pong"],
                "1st line alone": summary["first_level_alone"],
            }
            same = audited == direct
            ok &= same
            print(f"    {'same' if same else 'DIFFERENT'} as the direct count over ST Level:")
            for name, count in direct.items():
                print(f"      {name}: {percent(count, direct['tickets'])}")
            for organisation in ("Org line A2", "Org line C"):
                figures = summary["groups"][organisation]
                print(
                    f"      {organisation}: {percent(figures['conforming'], figures['tickets'])}"
                    " with no deviation of their own"
                )
        failed |= not ok
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
