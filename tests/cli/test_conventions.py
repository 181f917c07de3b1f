"""What every command does the same way."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MATRICES

CALL_CENTER = str(MATRICES / "call-center.yaml")
SAMPLE = str(MATRICES / "samples" / "call-center-tickets.csv")


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["render", CALL_CENTER, "-f", "markdown"], "matrix.md"),
        (["explain", CALL_CENTER, "-c", "billing", "--at", "2026-03-02T09:00"], "ladder.txt"),
        (["simulate", CALL_CENTER, SAMPLE, "-f", "jsonl"], "records.jsonl"),
        (["simulate", CALL_CENTER, SAMPLE, "-f", "xlsx"], "report.xlsx"),
        (["export", CALL_CENTER], "matrix.xlsx"),
        (["init"], "new.yaml"),
        (["schema"], "matrix.schema.json"),
    ],
)
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


def test_standard_output_is_not_announced(cli: Any) -> None:
    assert "wrote" not in cli("schema").stderr
