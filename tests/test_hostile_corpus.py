"""The hostile corpus (tests/data/hostile/<family>/, written by tools/make_hostile_corpus.py):
each input is run as its family's ``expect.yaml`` says, and must give that exit code and
a message naming the input where it points (file:line:column, sheet!cell, or the input
itself), never a traceback; every file of the run's folder must be as it was (no input
overwritten, no output half-written, no temporary file left); a log that replays must
account for every row (replayed or counted as skipped)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from tests.conftest import DATA, MATRICES, ROOT

HOSTILE = DATA / "hostile"
FAMILIES = ("matrix", "log", "mapping", "workbook", "output", "signals")
OLD = b"the old output, which must stay\n"
SIGNALS = {"TERM": signal.SIGTERM, "HUP": signal.SIGHUP, "INT": signal.SIGINT}


def cases() -> list[Any]:
    found = []
    for family in FAMILIES:
        expected = yaml.safe_load((HOSTILE / family / "expect.yaml").read_text("utf-8"))
        for key, spec in expected.items():
            if not spec.get("helper"):
                found.append(pytest.param(family, key, spec, id=f"{family}/{key}"))
    return found


CASES = cases()


def test_the_corpus_is_large_and_every_input_has_its_expectation() -> None:
    inputs = [p for family in FAMILIES for p in (HOSTILE / family).iterdir()]
    inputs = [p for p in inputs if p.name != "expect.yaml"]
    assert len(inputs) >= 60 and len(CASES) >= 100
    for family in FAMILIES:
        expected = yaml.safe_load((HOSTILE / family / "expect.yaml").read_text("utf-8"))
        named = {key.split("@")[0] for key in expected}
        on_disk = {p.name for p in (HOSTILE / family).iterdir()} - {"expect.yaml"}
        absent = {key for key, spec in expected.items() if spec.get("absent")}
        assert on_disk == named - absent, family


def snapshot(folder: Path) -> dict[str, bytes | str]:
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_symlink():
            found[name] = "-> " + os.readlink(path)
        elif path.is_file():
            found[name] = path.read_bytes()
        else:
            found[name] = "folder"
    return found


def prepare(tmp_path: Path, family: str, key: str, spec: dict[str, Any]) -> tuple[str, list[str]]:
    """Copy the family into a scratch folder; the input's name and the command line."""
    shutil.copytree(HOSTILE / family, tmp_path, dirs_exist_ok=True)
    (tmp_path / "expect.yaml").unlink()
    shutil.copy(MATRICES / "call-center.yaml", tmp_path / "m.yaml")
    shutil.copy(MATRICES / "samples" / "call-center-tickets.csv", tmp_path / "sample.csv")
    (tmp_path / "out.txt").write_bytes(OLD)
    (tmp_path / "out.xlsx").write_bytes(OLD)
    given = key.split("@")[0]
    if spec.get("link") == "symbolic":
        (tmp_path / "link.out").symlink_to(given)
    elif spec.get("link") == "hard":
        os.link(tmp_path / given, tmp_path / "link.out")
    words = {"MATRIX": "m.yaml", "LOG": "sample.csv", "OUT": "out.txt", "OUT.xlsx": "out.xlsx"}
    words["LINK"] = "link.out"
    args = [words.get(arg, arg).replace("INPUT", given) for arg in spec["run"]]
    return given, args


@pytest.mark.parametrize(("family", "key", "spec"), CASES)
def test_hostile_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, family: str, key: str, spec: dict[str, Any]
) -> None:
    need = spec.get("needs")
    if need and not Path(need).exists():
        pytest.skip(f"no {need} here")
    given, args = prepare(tmp_path, family, key, spec)
    scratch = tmp_path.parent / f"{tmp_path.name}-tmp"  # TMPDIR of a process: must stay empty
    scratch.mkdir()
    before = snapshot(tmp_path)
    if "signal" in spec:
        code, out, err = interrupted(tmp_path, scratch, given, args, spec)
    elif spec.get("stdin") or spec.get("stdout"):
        code, out, err = in_process(tmp_path, scratch, given, args, spec)
    else:
        monkeypatch.chdir(tmp_path)
        result = CliRunner().invoke(app(), args, catch_exceptions=True)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            traceback.print_exception(result.exception)
            raise result.exception
        code, out, err = result.exit_code, result.stdout, result.stderr
    shown = out + err
    assert code == spec["code"], f"exit {code}, expected {spec['code']}\n{shown[-3000:]}"
    assert "Traceback" not in err
    if "where" in spec:
        assert spec["where"] in shown, shown[-3000:]
    assert snapshot(tmp_path) == before, "a file was written, changed or left behind"
    assert list(scratch.iterdir()) == [], "a temporary file was left behind"
    if "rows" in spec or "skipped" in spec:
        accounted(out, spec)


def app() -> Any:
    from escmatrix.cli import app

    return app


def accounted(out: str, spec: dict[str, Any]) -> None:
    """Every row of the log replayed or counted as skipped, with the counts expected."""
    import json

    summary = json.loads(out)["summary"]
    skipped = summary["skipped_rows"]
    for reason, count in spec.get("skipped", {}).items():
        assert skipped.get(reason) == count, skipped
    if "rows" in spec:
        replayed = summary["events"] + summary["events_after_horizon"]
        assert replayed + sum(skipped.values()) == spec["rows"], summary


def process_env(scratch: Path) -> dict[str, str]:
    return dict(os.environ, TMPDIR=str(scratch), PYTHONDONTWRITEBYTECODE="1")


def in_process(
    folder: Path, scratch: Path, given: str, args: list[str], spec: dict[str, Any]
) -> tuple[int, str, str]:
    """The command as a process, its standard input the input file or its standard output
    ``spec['stdout']`` (a device such as /dev/full)."""
    stdin = (folder / given).open("rb") if spec.get("stdin") else subprocess.DEVNULL
    stdout: Any = open(spec["stdout"], "wb") if spec.get("stdout") else subprocess.PIPE  # noqa: SIM115
    try:
        result = subprocess.run(
            [sys.executable, "-m", "escmatrix", *args],
            cwd=folder,
            env=process_env(scratch),
            stdin=stdin,
            stdout=stdout,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )
    finally:
        for stream in (stdin, stdout):
            if hasattr(stream, "close"):
                stream.close()
    decoded = (result.stdout or b"").decode("utf-8", "replace")
    return result.returncode, decoded, result.stderr.decode("utf-8", "replace")


def interrupted(
    folder: Path, scratch: Path, given: str, args: list[str], spec: dict[str, Any]
) -> tuple[int, str, str]:
    """The command as a process, sent ``spec['signal']`` once it has begun writing; a log
    on standard input is fed only its first part, so that the run is still reading it."""
    feed = (folder / given).read_bytes() if spec.get("stdin") else None
    workbook = "xlsx" in args
    with subprocess.Popen(
        [sys.executable, "-m", "escmatrix", *args],
        cwd=folder,
        env=process_env(scratch),
        stdin=subprocess.PIPE if feed else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as running:
        if feed is not None:
            assert running.stdin is not None
            running.stdin.write(feed[: len(feed) // 3])
            running.stdin.flush()
        deadline = time.monotonic() + 60
        while not (
            any(p.name.startswith(".out") for p in folder.iterdir())
            and (not workbook or any(scratch.iterdir()))
        ):
            assert running.poll() is None, "the run ended before it could be stopped"
            assert time.monotonic() < deadline
            time.sleep(0.02)
        time.sleep(0.1)  # part-way, not at the very first byte
        running.send_signal(SIGNALS[spec["signal"]])
        out, err = running.communicate(timeout=60)  # (closes standard input)
    return running.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


def test_the_corpus_is_what_the_generator_writes(tmp_path: Path) -> None:
    """tools/make_hostile_corpus.py writes the same files (so they can be regenerated)."""
    tool = ROOT / "tools" / "make_hostile_corpus.py"
    code = (
        tool.read_text("utf-8")
        .replace("ROOT = Path(__file__).resolve().parent.parent", f"ROOT = Path({str(ROOT)!r})")
        .replace(
            'HOSTILE = ROOT / "tests" / "data" / "hostile"', f"HOSTILE = Path({str(tmp_path)!r})"
        )
    )
    script = tmp_path / "make.py"
    script.write_text(code)
    subprocess.run([sys.executable, str(script)], cwd=ROOT, check=True, capture_output=True)
    script.unlink()
    for family in FAMILIES:
        for path in (tmp_path / family).iterdir():
            assert path.read_bytes() == (HOSTILE / family / path.name).read_bytes(), path.name
