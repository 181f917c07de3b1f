"""What every command does the same way."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MATRICES

CALL_CENTER = str(MATRICES / "call-center.yaml")
SAMPLE = str(MATRICES / "samples" / "call-center-tickets.csv")


OUTPUTS = [
    (["render", CALL_CENTER, "-f", "markdown"], "matrix.md"),
    (["explain", CALL_CENTER, "-c", "billing", "--at", "2026-03-02T09:00"], "ladder.txt"),
    (["simulate", CALL_CENTER, SAMPLE, "-f", "jsonl"], "records.jsonl"),
    (["simulate", CALL_CENTER, SAMPLE, "-f", "xlsx"], "report.xlsx"),
    (["audit", CALL_CENTER, SAMPLE, "-f", "json"], "audit.json"),
    (["diff", CALL_CENTER, str(MATRICES / "hospitality.yaml")], "diff.txt"),
    (["export", CALL_CENTER], "matrix.xlsx"),
    (["init"], "new.yaml"),
    (["schema"], "matrix.schema.json"),
]


@pytest.mark.parametrize(("args", "name"), OUTPUTS)
def test_every_output_file_is_announced(
    cli: Any, tmp_path: Path, args: list[str], name: str
) -> None:
    target = tmp_path / name
    result = cli(*args, "-o", str(target))
    assert target.stat().st_size > 0
    assert f"wrote {target} " in result.stderr and "(" in result.stderr


def test_import_announces_its_output(cli: Any, tmp_path: Path) -> None:
    workbook = tmp_path / "matrix.xlsx"
    cli("export", CALL_CENTER, "-o", str(workbook))
    result = cli("import", str(workbook), "-o", str(tmp_path / "back.yaml"))
    assert f"wrote {tmp_path / 'back.yaml'} from {workbook} (" in result.stderr


def test_every_command_with_an_output_file_is_checked_above() -> None:
    import typer

    from escmatrix.cli import app

    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    with_output = {
        name
        for name, command in commands.items()
        if any("--output" in getattr(param, "opts", ()) for param in command.params)
    }
    assert with_output == {args[0] for args, _ in OUTPUTS} | {"import"}


def test_standard_output_is_not_announced(cli: Any) -> None:
    assert "wrote" not in cli("schema").stderr


def test_usage_lines_name_arguments_in_capitals_without_braces(cli: Any) -> None:
    import typer

    from escmatrix.cli import app

    for name in typer.main.get_command(app).commands:  # type: ignore[attr-defined]
        usage = cli(name, "--help").stdout.splitlines()[0]
        assert usage.startswith(f"Usage: escmatrix {name} [OPTIONS]")
        arguments = [word.strip("[].") for word in usage.split()[4:]]
        assert "{" not in usage and all(word.split(".")[0].isupper() for word in arguments), usage
