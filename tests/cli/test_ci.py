"""The pre-commit hook (``.pre-commit-hooks.yaml``) and the GitHub Actions workflow of
docs/ci.md, run the way a team that keeps its matrices in git runs them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import DATA, MATRICES, ROOT

BIN = Path(sys.executable).parent
WORKFLOW_DOC = ROOT / "docs" / "ci.md"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repo, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return done.stdout


def test_hook_definition() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    (hook,) = hooks
    assert hook["id"] == "escmatrix-validate"
    assert hook["entry"] == "escmatrix validate --strict"
    import re

    pattern = re.compile(hook["files"])
    for path in (
        "matrices/a.yaml",
        "ops/matrices/b.yml",
        "matrices/mappings/m.yaml",
        "x.matrix.yaml",
    ):
        assert pattern.search(path), path
    for path in (
        "config.yaml",
        "matrices/tickets.csv",
        "mymatrices/a.yaml",
        ".pre-commit-config.yaml",
    ):
        assert not pattern.search(path), path


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_try_repo(tmp_path: Path) -> None:
    """The hook installed from this repository by pre-commit itself: it fails a commit of
    a broken matrix or one with warnings, passes a good one, and leaves other YAML alone.
    (It builds escmatrix into pre-commit's own environment: tens of seconds.)"""
    if not (BIN / "pre-commit").exists() and shutil.which("pre-commit") is None:
        pytest.skip("pre-commit is not installed (it is in the test extra)")
    repo = tmp_path / "team"
    (repo / "matrices").mkdir(parents=True)
    (repo / "elsewhere").mkdir()
    git(repo, "init", "-q")
    shutil.copy(MATRICES / "call-center.yaml", repo / "matrices" / "good.yaml")
    shutil.copy(
        DATA / "rules" / "unknown-reference" / "fires.yaml", repo / "matrices" / "broken.yaml"
    )
    shutil.copy(DATA / "rules" / "unused-contact" / "fires.yaml", repo / "matrices" / "warns.yaml")
    shutil.copy(
        DATA / "rules" / "unknown-reference" / "fires.yaml", repo / "elsewhere" / "broken.yaml"
    )
    git(repo, "add", ".")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
    }
    done = subprocess.run(
        [str(BIN / "pre-commit"), "try-repo", str(ROOT), "escmatrix-validate", "--all-files"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert "matrices/broken.yaml:" in out and "unknown-reference" in out
    assert "matrices/warns.yaml:" in out and "unused-contact" in out
    assert "elsewhere/broken.yaml" not in out and "good.yaml:" not in out


# --------------------------------------------------------------------------- the workflow


def workflow() -> dict[str, Any]:
    """The workflow given in docs/ci.md (its ```yaml block with jobs)."""
    blocks = [b.split("```", 1)[0] for b in WORKFLOW_DOC.read_text("utf-8").split("```yaml")[1:]]
    (block,) = [b for b in blocks if "\njobs:" in b]
    loaded: dict[str, Any] = yaml.safe_load(block)
    return loaded


def step(name: str) -> dict[str, Any]:
    steps = workflow()["jobs"]["matrices"]["steps"]
    found: dict[str, Any] = next(s for s in steps if s.get("name") == name)
    return found


def run_step(name: str, cwd: Path, base: str) -> subprocess.CompletedProcess[str]:
    """A step's shell script, with the environment GitHub gives a pull request's job."""
    env = {
        **os.environ,
        **{k: str(v) for k, v in workflow().get("env", {}).items()},
        "GITHUB_BASE_REF": base,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
    }
    env.pop("NO_COLOR", None)
    return subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", step(name)["run"]],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_the_workflow_is_documented_and_linked() -> None:
    data = workflow()
    assert "pull_request" in data[True]  # YAML 1.1 reads the key `on` as true
    assert "(docs/ci.md)" in (ROOT / "README.md").read_text("utf-8")
    names = [s.get("name") for s in data["jobs"]["matrices"]["steps"]]
    assert names.index("Validate") < names.index("Diff") < names.index("Comment")
    assert "gh pr comment" in step("Comment")["run"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_workflow_steps_on_a_pull_request(tmp_path: Path) -> None:
    """A team repository with a pull request changing its matrix: the workflow's validate
    and diff steps run as written (only the comment step, which talks to GitHub, is not)."""
    origin = tmp_path / "origin"
    (origin / "matrices" / "mappings").mkdir(parents=True)
    (origin / "logs").mkdir()
    shutil.copy(MATRICES / "call-center.yaml", origin / "matrices" / "call-center.yaml")
    shutil.copy(MATRICES / "it-helpdesk.yaml", origin / "matrices" / "it-helpdesk.yaml")
    shutil.copy(MATRICES / "mappings" / "bpi2013-volvo.yaml", origin / "matrices" / "mappings")
    log = workflow()["env"]["LOG"]
    (origin / log).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(MATRICES / "samples" / "call-center-tickets.csv", origin / log)
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", ".")
    git(origin, "commit", "-q", "-m", "matrices")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(origin), str(clone))
    git(clone, "checkout", "-q", "-b", "shorter-l2")
    shutil.copy(
        MATRICES / "samples" / "call-center-proposed.yaml", clone / "matrices" / "call-center.yaml"
    )
    git(clone, "commit", "-q", "-am", "L2 gets 45 minutes; billing to finance")

    validated = run_step("Validate", clone, "main")
    assert validated.returncode == 0, validated.stderr
    assert "::error" not in validated.stdout
    diffed = run_step("Diff", clone, "main")
    assert diffed.returncode == 0, diffed.stderr
    comment = (clone / "diff.md").read_text("utf-8")
    assert comment.count("### escmatrix diff:") == 1  # it-helpdesk.yaml did not change
    assert "origin/main:matrices/call-center.yaml" in comment
    assert "L2: 30m..1h → 30m..45m" in comment and "**Effect on " in comment

    # a broken matrix in the pull request: annotations, and the job fails
    shutil.copy(
        DATA / "rules" / "unknown-reference" / "fires.yaml", clone / "matrices" / "it-helpdesk.yaml"
    )
    git(clone, "commit", "-q", "-am", "broken")
    failed = run_step("Validate", clone, "main")
    assert failed.returncode == 1
    assert "::error file=matrices/it-helpdesk.yaml,line=" in failed.stdout
