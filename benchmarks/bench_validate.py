"""How long `escmatrix validate` takes on the call-center example, against
`check-jsonschema --schemafile` on the same file with the same schema.

    python benchmarks/bench_validate.py [--runs 15]

Both run as commands, as a user runs them, in this environment, with bytecode caches
warm (a first run of each is not timed). The goal: validate takes at most half the time
check-jsonschema takes. Also timed: `escmatrix --help`, and validate on its very first
run after the holidays package is installed or upgraded (an empty cache of holiday
regions, see escmatrix/validation/rules/calendars.py).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _machine import describe

ROOT = Path(__file__).resolve().parent.parent
MATRIX = ROOT / "matrices" / "call-center.yaml"
SCHEMA = ROOT / "escmatrix" / "schema" / "matrix.schema.json"


def timed(command: list[str], runs: int, env: dict[str, str], fresh_cache: bool = False) -> float:
    """Median wall time of ``command`` in seconds, after one untimed warm-up run."""
    subprocess.run(command, capture_output=True, env=env, check=True)
    samples = []
    for _ in range(runs):
        run_env = dict(env)
        if fresh_cache:
            run_env["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="escmatrix-bench-")
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, env=run_env)
        samples.append(time.perf_counter() - start)
        if result.returncode != 0:
            sys.exit(
                f"{' '.join(command)} failed:\n{result.stdout.decode()}{result.stderr.decode()}"
            )
        if fresh_cache:
            shutil.rmtree(run_env["XDG_CACHE_HOME"], ignore_errors=True)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode cached
    escmatrix = [sys.executable, "-m", "escmatrix"]
    checker = shutil.which("check-jsonschema")
    if checker is None:
        sys.exit("check-jsonschema is not installed (pip install -e '.[test]')")
    ours = timed([*escmatrix, "validate", str(MATRIX)], args.runs, env)
    theirs = timed([checker, "--schemafile", str(SCHEMA), str(MATRIX)], args.runs, env)
    first = timed([*escmatrix, "validate", str(MATRIX)], args.runs, env, fresh_cache=True)
    helptime = timed([*escmatrix, "--help"], args.runs, env)
    print(f"machine: {describe()}")
    print(f"median of {args.runs} runs, matrices/call-center.yaml")
    print(f"  check-jsonschema --schemafile       {theirs * 1000:7.0f} ms")
    print(
        f"  escmatrix validate                  {ours * 1000:7.0f} ms"
        f"  ({ours / theirs:.0%} of check-jsonschema; goal <= 50%)"
    )
    print(
        f"  escmatrix validate, first run       {first * 1000:7.0f} ms"
        "  (holiday-region cache empty)"
    )
    print(f"  escmatrix --help                    {helptime * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
