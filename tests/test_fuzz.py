"""A seeded mutation loop over the inputs people give escmatrix: matrices, mappings, ticket
logs and workbooks, each taken from the shipped examples and damaged at random (bytes
flipped, spans cut or repeated, hostile tokens inserted, the file cut short). Every run
must end with an exit code of 0, 1 or 2 and never a traceback, and a log that replays
must give the same output on the compiled engine and on plain Python.

In CI the loop is short and the same on every run (ESCMATRIX_FUZZ_RUNS, default 30 per
family, ESCMATRIX_FUZZ_SEED, default 2026); a longer exploration, e.g.
``ESCMATRIX_FUZZ_RUNS=2000 ESCMATRIX_FUZZ_SEED=$RANDOM python -m pytest tests/test_fuzz.py``,
prints the seed and the input of a failure so that it can be replayed."""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import DATA, MATRICES, ROOT

RUNS = int(os.environ.get("ESCMATRIX_FUZZ_RUNS", "30"))
SEED = int(os.environ.get("ESCMATRIX_FUZZ_SEED", "2026"))
TOKENS = [
    b'"',
    b"'",
    b"\0",
    b"\r",
    b"\n",
    b"\t",
    b",",
    b";",
    b"{",
    b"}",
    b"[",
    b"]",
    b": ",
    b"- ",
    b"*a",
    b"&a ",
    b"<<: *a",
    b"!!python/object/apply:os.system [ls]",
    b"!x ",
    b"? ",
    b"[" * 70,
    b"9" * 40,
    b".inf",
    b".nan",
    b"-1",
    b"1.0e+300",
    b"999999999999d",
    b"99999999bd",
    b"0001-01-01T00:00",
    b"9999-12-31T23:59:59-01:00",
    b"2026-02-30T25:61",
    b"=HYPERLINK(",
    b"@SUM(1+1)",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\xe9",
    b"\xc3",
    b"---\n",
    b"%YAML 1.1\n",
    b"resolution",
    b"escalated",
    b"reopened",
    b"created",
    b"#",
    b"\\",
]
CALL_CENTER = MATRICES / "call-center.yaml"


def mutate(data: bytes, rng: random.Random) -> bytes:
    """``data`` damaged one to four times."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(out) + 1)
        kind = rng.randrange(7)
        if kind == 0 and out:
            out[min(at, len(out) - 1)] = rng.randrange(256)
        elif kind == 1:
            out[at:at] = rng.choice(TOKENS)
        elif kind == 2:
            del out[at : at + rng.randint(1, 64)]
        elif kind == 3:
            piece = out[at : at + rng.randint(1, 200)]
            out[at:at] = piece * rng.randint(2, 50)
        elif kind == 4:
            del out[at:]
        elif kind == 5:
            lines = bytes(out).split(b"\n")
            rng.shuffle(lines)
            out = bytearray(b"\n".join(lines))
        else:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    return bytes(out)


def run(args: list[str]) -> tuple[int, str, str]:
    """The command in this process: a traceback is a failure of the test."""
    from escmatrix.cli import app

    result = CliRunner().invoke(app, args, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        traceback.print_exception(result.exception)
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def workbook_seeds(folder: Path) -> list[bytes]:
    from escmatrix.excel import build_workbook
    from escmatrix.validation import load_matrix

    export, _ = build_workbook(load_matrix(CALL_CENTER))
    return [
        stable(export),
        stable(
            [
                ["Escalation level", "Level 1", "Level 2"],
                ["Point of contact", "Desk", "Team lead (Maria)"],
                ["Timeline", "15-30 minutes", "Resolution"],
                ["Billing", "Response: Check the invoice\nTrigger: Customer asks", None],
            ]
        ),
    ]


def log_workbook() -> bytes:
    rows = (MATRICES / "samples" / "call-center-tickets.csv").read_text("utf-8").splitlines()
    return stable([row.split(",") for row in rows])


def stable(book: Any) -> bytes:
    """A workbook (or the rows of a sheet) as the same bytes on every run (no time in its
    properties or its zip), so that the mutants are the same too: the corpus tool's way."""
    import importlib.util

    from openpyxl import Workbook

    if isinstance(book, list):
        rows, book = book, Workbook()
        for row in rows:
            book.active.append(row)
    raw = io.BytesIO()
    book.save(raw)
    tool = ROOT / "tools" / "make_hostile_corpus.py"
    spec = importlib.util.spec_from_file_location("make_hostile_corpus", tool)
    assert spec is not None and spec.loader is not None
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    stable_zip: Callable[[bytes], bytes] = corpus.stable_zip
    return stable_zip(raw.getvalue())


Plan = tuple[list[tuple[bytes, str]], str, Callable[[str, str], list[str]]]


def family_plan(folder: Path) -> dict[str, Plan]:
    """Per family: the seeds (each with what its command needs besides), the file name a
    mutant is written to, and the command line for a mutant and its seed's need."""
    matrices = [(p.read_bytes(), "") for p in sorted(MATRICES.glob("*.yaml"))]
    matrices += [((DATA / "rules" / "unknown-reference" / "fires.yaml").read_bytes(), "")]
    mappings = [  # each mapping with its matrix and a log it reads
        (name, f"{MATRICES / matrix}|{DATA / 'logs' / log}")
        for name, matrix, log in (
            ("bpi2013-volvo.yaml", "volvo-push-to-front.yaml", "volvo-excerpt.csv"),
            ("helpdesk-italian-software.yaml", "helpdesk-italian-software.yaml",
             "helpdesk-excerpt.csv"),
            ("servicenow-incidents.yaml", "servicenow-incidents.yaml", "servicenow-excerpt.csv"),
        )
    ]  # fmt: skip
    logs = [
        ((MATRICES / "samples" / "call-center-tickets.csv").read_bytes(), ""),
        ((DATA / "logs" / "canonical-quirks.csv").read_bytes(), ""),
        ((DATA / "logs" / "canonical-bad-rows.csv").read_bytes(), ""),
    ]
    replay = ["simulate", str(CALL_CENTER)]
    return {
        "matrix": (matrices, "m.yaml", lambda path, _: ["validate", path]),
        "matrix-render": (matrices, "m.yaml", lambda path, _: ["render", path, "-f", "json"]),
        "mapping": (
            [((MATRICES / "mappings" / name).read_bytes(), need) for name, need in mappings],
            "map.yaml",
            lambda path, need: ["simulate", *need.split("|"), "--map", path, "-f", "json"],
        ),
        "log": (logs, "log.csv", lambda path, _: [*replay, path, "-f", "json"]),
        "log-jsonl": (
            [((DATA / "logs" / "canonical.jsonl").read_bytes(), "")],
            "log.jsonl",
            lambda path, _: [*replay, path, "-f", "json"],
        ),
        "workbook": (
            [(seed, "") for seed in workbook_seeds(folder)],
            "book.xlsx",
            lambda path, _: ["import", path],
        ),
        "log-workbook": (
            [(log_workbook(), "")],
            "log.xlsx",
            lambda path, _: [*replay, path, "-f", "json"],
        ),
    }


FAMILIES = ["matrix", "matrix-render", "mapping", "log", "log-jsonl", "log-workbook", "workbook"]


@pytest.mark.parametrize("family", FAMILIES)
def test_mutated_inputs_never_crash(tmp_path: Path, family: str) -> None:
    seeds, name, command = family_plan(tmp_path)[family]
    rng = random.Random(f"{SEED}-{family}")
    replayed: dict[str, str] = {}
    for number in range(RUNS):
        seed, need = rng.choice(seeds)
        data = mutate(seed, rng)
        path = tmp_path / f"{number}-{name}"
        path.write_bytes(data)
        try:
            code, out, err = run(command(str(path), need))
        except BaseException:
            print(f"seed {SEED}, family {family}, run {number}: input {data[:2000]!r}")
            raise
        assert code in (0, 1, 2), (code, err[-2000:], data[:2000])
        assert "Traceback" not in err
        if family.startswith("log") and code == 0:
            replayed[str(path)] = out
    if replayed:
        assert pure_python(list(replayed)) == replayed, "the engines disagree"


PURE = """
import json, sys
import tests.conftest  # with ESCMATRIX_PURE=1: the compiled modules from their Python source
from typer.testing import CliRunner
from escmatrix import compiled
from escmatrix.cli import app
assert compiled() == [], "not plain Python"
out = {}
for path in sys.argv[2:]:
    result = CliRunner().invoke(app, ["simulate", sys.argv[1], path, "-f", "json"])
    out[path] = result.stdout
print(json.dumps(out))
"""


def pure_python(paths: list[str]) -> dict[str, str]:
    """What the plain Python install gives for the same logs, in one process."""
    result = subprocess.run(
        [sys.executable, "-c", PURE, str(CALL_CENTER), *paths],
        cwd=ROOT,
        env=dict(os.environ, ESCMATRIX_PURE="1"),
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, str] = json.loads(result.stdout)
    return found


def test_the_mutations_reach_the_readers(tmp_path: Path) -> None:
    """The loop is worth running: mutants of a log mostly still read as logs (a few rows
    spoilt), and some matrices still validate, so the deep paths are exercised too."""
    seeds, _, command = family_plan(tmp_path)["log"]
    rng = random.Random("coverage")  # the same mutants whatever the exploration's seed
    codes = []
    for number in range(20):
        path = write(tmp_path, number, mutate(rng.choice(seeds)[0], rng))
        codes.append(run(command(str(path), ""))[0])
    assert codes.count(0) >= 5


def write(folder: Path, number: int, data: bytes) -> Path:
    path = folder / f"{number}.csv"
    path.write_bytes(data)
    return path
