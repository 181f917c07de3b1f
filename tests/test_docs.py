"""The README is tested: every command has help and is documented, every `$ escmatrix`
line in it runs with the exit code it shows, and its example matrix is valid."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
import typer

from escmatrix.cli import app
from escmatrix.validation import check_text
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text("utf-8")
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
LINES = re.findall(r"^\$ escmatrix (.+)$", README, re.M)


def test_every_command_is_in_the_readme() -> None:
    assert set(COMMANDS) == {"validate", "render", "explain", "simulate", "audit", "diff",
                             "export", "import", "init", "schema"}  # fmt: skip
    for name in COMMANDS:
        assert f"escmatrix {name}" in README, name


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(cli: Any, name: str) -> None:
    out = cli(name, "--help").stdout
    assert "Usage:" in out and len(out.splitlines()) > 5


def test_readme_commands_run_in_order(cli: Any, tmp_path: Path, monkeypatch: Any) -> None:
    """Each `$ escmatrix` line, in a scratch folder that sees the repository's matrices and
    tests; a line whose shown output has errors must exit 1, the others 0."""
    for folder in ("matrices", "tests"):
        (tmp_path / folder).symlink_to(ROOT / folder)
    monkeypatch.chdir(tmp_path)
    assert len(LINES) >= 10
    for line in LINES:
        block = README[README.index(f"$ escmatrix {line}") :].split("```")[0].splitlines()[1:]
        shown = []
        for out in block:  # the output shown under the line, up to the next command
            if out.startswith("$ "):
                break
            shown.append(out)
        findings = any(": error " in out for out in shown)
        cli(*line.split(), code=1 if findings else 0)
    assert (tmp_path / "call-center.yaml").is_file()  # export, then import, worked


def test_the_format_example_is_a_valid_matrix() -> None:
    block = README.split("## The matrix format")[1].split("```yaml")[1].split("```")[0]
    report = check_text(block, "README.md")
    assert [str(f) for f in report.findings] == []


def quick_start() -> list[str]:
    """The command lines of the README's Quick start block."""
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = section.split("```console", 1)[1].split("```", 1)[0]
    return [line.removeprefix("$ ") for line in block.splitlines() if line.strip()]


def test_quick_start_runs_verbatim_in_ci() -> None:
    """CI runs the README's two set-up commands exactly as a newcomer types them."""
    commands = quick_start()
    assert len(commands) == 2
    assert "pip install ." in commands[0] and "escmatrix simulate" in commands[0]
    assert '".[test]"' in commands[1] and commands[1].endswith("python -m pytest")
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    for command in commands:
        assert command in ci_lines, command
    assert os.access(ROOT / ".ci" / "run", os.X_OK)


def test_the_limits_table_states_the_limits() -> None:
    from escmatrix import limits

    table = README.split("## Limits")[1].split("\n## ")[0]
    for value in (
        f"{limits.MATRIX_BYTES // limits.MIB} MiB",
        f"{limits.WORKBOOK_BYTES // limits.MIB} MiB",
        f"{limits.WORKBOOK_UNPACKED_BYTES // limits.MIB} MiB",
        f"{limits.WORKBOOK_ROWS:,} rows",
        f"{limits.YAML_DEPTH} levels",
        f"{limits.YAML_ALIAS_VALUES:,} values",
        f"{limits.YAML_VALUES:,}",
        f"{limits.MAX_DURATION_DAYS:,} days",
        f"{limits.MAX_BUSINESS_DAYS:,} business days",
        f"{limits.FIRST_YEAR}-{limits.LAST_YEAR}",
        f"{limits.LOG_LINE_CHARS // limits.MIB} MiB characters",
        f"{limits.RUN_ROWS:,}",
        f"{limits.STDIN_COPY_BYTES // limits.MIB // 1024} GiB",
        f"{limits.LOG_WORKBOOK_BYTES // limits.MIB} MiB (held in memory",
        f"{limits.DISTINCT_NAMES:,} counted",
    ):
        assert value in table, value
