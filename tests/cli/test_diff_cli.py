"""escmatrix diff on the command line: exit codes, formats, REV:PATH from git, bad input."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from escmatrix.output.diff import write_text
from escmatrix.simulation.diff import Diff, compare_matrices
from escmatrix.validation import load_matrix
from tests.conftest import DATA, MATRICES
from tests.unit.test_diff_effect import PROPOSED, SAMPLE_LOG

CASE = DATA / "diff" / "window-changed"
OLD, NEW = str(CASE / "old.yaml"), str(CASE / "new.yaml")
ANSI = "\x1b["


def test_exit_status_as_git_diff(cli: Any) -> None:
    cli("diff", OLD, NEW)
    cli("diff", OLD, NEW, "--exit-code", code=1)
    cli("diff", OLD, OLD, "--exit-code")
    same = cli("diff", OLD, str(DATA / "diff" / "respelled" / "new.yaml"), "--exit-code")
    assert "No change" in same.stdout


def test_text_in_a_pipe_is_plain_and_says_the_change(cli: Any) -> None:
    out = cli("diff", OLD, NEW).stdout
    assert ANSI not in out
    assert "L2: 30m..1h → 30m..45m; P1: 15m..30m → 10m..15m" in out
    assert out.index("Windows") < out.index("L2: 30m..1h")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_text_is_coloured_on_a_terminal_unless_no_color(monkeypatch: Any, tmp_path: Path) -> None:
    old = load_matrix(MATRICES / "call-center.yaml")
    new = load_matrix(PROPOSED)
    diff = Diff("old", "new", old, new, compare_matrices(old, new))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    coloured = Terminal()
    write_text(diff, coloured)
    assert ANSI in coloured.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    plain = Terminal()
    write_text(diff, plain)
    assert ANSI not in plain.getvalue() and "30m..45m" in plain.getvalue()


def the_proposal(cli: Any, fmt: str) -> Any:
    """`diff` of the shipped call-center proposal on the sample log, in format ``fmt``."""
    old, new = MATRICES / "call-center.yaml", PROPOSED
    return cli("diff", str(old), str(new), "--log", str(SAMPLE_LOG), "--format", fmt)


def test_markdown_starts_with_the_effect(cli: Any) -> None:
    out = the_proposal(cli, "markdown").stdout
    lines = out.splitlines()
    assert lines[0].startswith("### escmatrix diff:")
    assert lines[2].startswith("**Effect on ") and "notifications" in lines[2]
    assert "| contact | old | new | change | % |" in out
    assert "| Finance team | 0 |" in out
    assert "<details>" in out and "</details>" in out


def test_json_carries_every_figure(cli: Any) -> None:
    data = the_proposal(cli, "json").json()
    assert data["changed"] is True
    assert {c["section"] for c in data["changes"]} == {"windows", "categories", "contacts"}
    effect = data["effect"]
    assert set(effect) >= {
        "notifications", "notifications_per_contact", "tickets_by_highest_level",
        "outside_working_hours", "hour_of_week", "ladders", "old_summary", "new_summary",
    }  # fmt: skip
    assert len(effect["hour_of_week"]["change"]) == 168
    assert effect["log"] == str(SAMPLE_LOG)


def test_no_change_skips_the_replay(cli: Any) -> None:
    data = cli("diff", OLD, OLD, "--log", str(SAMPLE_LOG), "--format", "json").json()
    assert data["changed"] is False and data["effect"] is None


def test_output_file_and_inputs_kept(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "diff.md"
    cli("diff", OLD, NEW, "--format", "markdown", "-o", str(target))
    assert target.read_text("utf-8").startswith("### escmatrix diff:")
    copy = tmp_path / "old.yaml"
    shutil.copy(OLD, copy)
    cli("diff", str(copy), NEW, "-o", str(copy), code=2)
    assert copy.read_text("utf-8") == Path(OLD).read_text("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["diff.md", "old.yaml"]


@pytest.mark.parametrize(
    "args",
    [
        ["nope.yaml", NEW],
        [OLD, str(DATA / "rules" / "unknown-reference" / "fires.yaml")],
        [OLD, NEW, "--map", str(MATRICES / "mappings" / "bpi2013-volvo.yaml")],
        [OLD, NEW, "--until", "2026-03-02"],
        [OLD, NEW, "--log", "missing.csv"],
        [OLD, NEW, "--log", str(SAMPLE_LOG), "--until", "next tuesday"],
        ["-", "-"],
    ],
    ids=[
        "missing",
        "invalid",
        "map-without-log",
        "until-without-log",
        "missing-log",
        "bad-until",
        "stdin-twice",
    ],
)
def test_bad_input_exits_2(cli: Any, args: list[str]) -> None:
    result = cli("diff", *args, code=2)
    assert "error:" in result.stderr


def test_standard_input_for_a_matrix_and_for_the_log(cli: Any) -> None:
    text = Path(NEW).read_text("utf-8")
    out = cli("diff", OLD, "-", input=text).stdout
    assert "30m..45m" in out
    log = SAMPLE_LOG.read_text("utf-8")
    piped = cli("diff", OLD, NEW, "--log", "-", "--format", "json", input=log).json()
    named = cli("diff", OLD, NEW, "--log", str(SAMPLE_LOG), "--format", "json").json()
    assert piped["effect"]["log"] == "-"
    for key in ("tickets", "notifications", "notifications_per_contact", "ladders"):
        assert piped["effect"][key] == named["effect"][key]


# --------------------------------------------------------------------------- REV:PATH


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repo, check=True, capture_output=True,
    )  # fmt: skip


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: Any) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "repo"
    (root / "matrices").mkdir(parents=True)
    git(root, "init", "-q")
    shutil.copy(OLD, root / "matrices" / "desk.yaml")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first")
    shutil.copy(NEW, root / "matrices" / "desk.yaml")
    git(root, "commit", "-q", "-am", "second")
    monkeypatch.chdir(root)
    return root


def test_revisions_from_git(cli: Any, repo: Path) -> None:
    out = cli(
        "diff", "HEAD~1:matrices/desk.yaml", "HEAD:matrices/desk.yaml", "--exit-code", code=1
    ).stdout
    assert "L2: 30m..1h → 30m..45m" in out and "HEAD~1:matrices/desk.yaml" in out
    cli("diff", "HEAD:matrices/desk.yaml", "matrices/desk.yaml", "--exit-code")
    os.chdir(repo / "matrices")
    cli("diff", "HEAD~1:./desk.yaml", "desk.yaml", "--exit-code", code=1)
    (repo / "matrices" / "desk.yaml").write_text(Path(OLD).read_text("utf-8"), "utf-8")
    git(repo, "add", "matrices/desk.yaml")
    cli("diff", "HEAD:./desk.yaml", ":./desk.yaml", "--exit-code", code=1)  # staged


@pytest.mark.parametrize(
    "spec, says",
    [
        ("nosuchrev:matrices/desk.yaml", "unknown revision"),
        ("HEAD:matrices/gone.yaml", "no file matrices/gone.yaml"),
        ("HEAD:matrices", "is a folder"),
    ],
)
def test_bad_revisions_exit_2(cli: Any, repo: Path, spec: str, says: str) -> None:
    result = cli("diff", spec, "matrices/desk.yaml", code=2)
    assert says in result.stderr and spec in result.stderr


def test_outside_a_repository(cli: Any, tmp_path: Path, monkeypatch: Any) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    result = cli("diff", "HEAD:desk.yaml", NEW, code=2)
    assert "not inside a git repository" in result.stderr


def test_without_git(cli: Any, repo: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    result = cli("diff", "HEAD:matrices/desk.yaml", NEW, code=2)
    assert "needs git" in result.stderr


def test_a_file_with_a_colon_in_its_name_is_a_file(
    cli: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(NEW, tmp_path / "v2:desk.yaml")
    out = cli("diff", OLD, "v2:desk.yaml", "--exit-code", code=1).stdout
    assert "30m..45m" in out


def test_a_piped_log_is_read_again_for_the_ladders(cli: Any, monkeypatch: Any) -> None:
    """With no ladder kept while replaying, the sample is replayed again from the start of
    standard input (kept by the command line so that it can go back)."""
    from escmatrix.simulation.diff import effect

    monkeypatch.setattr(effect, "KEPT_LADDERS", 0)
    args = ("diff", str(MATRICES / "call-center.yaml"), str(PROPOSED), "--format", "json")
    piped = cli(*args, "--log", "-", input=SAMPLE_LOG.read_text("utf-8")).json()
    named = cli(*args, "--log", str(SAMPLE_LOG)).json()
    samples = piped["effect"]["ladders"]["samples"]
    assert len(samples) == 5 and all(s["old"] and s["new"] for s in samples)
    assert samples == named["effect"]["ladders"]["samples"]
