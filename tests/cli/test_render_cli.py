"""`escmatrix render`, `init` and `schema`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from escmatrix.canonical import matrix_to_dict
from escmatrix.validation import load_matrix
from tests.conftest import DATA, MATRICES

CALL_CENTER = str(MATRICES / "call-center.yaml")


def test_json_is_the_canonical_model(cli: Any) -> None:
    data = cli("render", CALL_CENTER, "--format", "json").json()
    assert data == json.loads(json.dumps(matrix_to_dict(load_matrix(CALL_CENTER))))
    assert [level["window"] for level in data["levels"]] == [
        "15m..30m",
        "30m..1h",
        "1h..2h",
        "2h..5h",
        "1bd..2bd",
        "1bd..3bd",
        "resolution",
    ]
    assert len(data["categories"]) == 8


def test_category_narrows(cli: Any) -> None:
    data = cli("render", CALL_CENTER, "-f", "json", "--category", "billing").json()
    assert [c["id"] for c in data["categories"]] == ["billing"]
    cli("render", CALL_CENTER, "--category", "nope", code=2)


def test_markdown(cli: Any) -> None:
    out = cli("render", CALL_CENTER, "--format", "markdown").stdout
    lines = out.splitlines()
    table = [line for line in lines if line.startswith("| ")]
    assert table[0].startswith("| Escalation level | L1 · Call center representative |")
    assert table[2].startswith("| **Timeline** | 15-30 minutes | 30 minutes-1 hour | 1-2 hours |")
    complaint = next(line for line in table if line.startswith("| Complaint about"))
    assert "Response:<br>• Customer states the problem<br>Trigger:" in complaint
    assert len(complaint.split(" | ")) == 8  # label + seven levels
    assert "## Triggers" in out


def test_mermaid_edges(cli: Any) -> None:
    out = cli("render", CALL_CENTER, "-f", "mermaid", "-c", "product-complaint").stdout
    assert out.startswith("flowchart LR\n")
    assert 'L1 -->|"15-30 minutes"| L2' in out
    assert 'L1 -.->|"Customer asks to speak with a manager"| L2' in out
    assert 'L3 -.->|"Customer privacy or data at risk"| L5' in out
    assert 'start -->|"P1 Critical"| L2' in out
    assert "L7 -->" not in out  # resolution: no timeout edge
    several = cli("render", CALL_CENTER, "-f", "mermaid").stdout
    assert several.count("subgraph ") == 8


def test_table(cli: Any) -> None:
    out = cli("render", CALL_CENTER).stdout
    assert "Escalation level" in out and "Point of contact" in out and "15-30 minutes" in out


@pytest.mark.parametrize("columns", ["80", "60"])
def test_table_at_80_columns_drops_nothing(
    cli: Any, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    """Levels that do not fit are drawn in further blocks, never cropped."""
    from escmatrix.output.grid import build_grid

    monkeypatch.setenv("COLUMNS", columns)
    out = cli("render", CALL_CENTER).stdout
    assert max(len(line) for line in out.splitlines()) <= int(columns)
    words = set(out.replace("│", " ").split())
    grid = build_grid(load_matrix(CALL_CENTER))
    for text in [
        *grid.header,
        *(r.label for r in grid.rows),
        *(c for r in grid.rows for c in r.cells),
    ]:
        assert set(text.split()) <= words, text
    headings = [line.strip() for line in out.splitlines() if "(level" in line]
    assert headings[0].startswith("Customer service escalation matrix (levels L1-")
    assert headings[-1].endswith(" L7 of 7)") and len(headings) >= 3


def test_table_in_a_file_is_one_block_of_whole_lines(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    target = tmp_path / "matrix.txt"
    cli("render", CALL_CENTER, "-o", str(target))
    lines = target.read_text().splitlines()
    assert not any("(level" in line for line in lines)
    header = next(line for line in lines if line.startswith("│ Escalation level"))
    assert [cell.strip() for cell in header.split("│")[2:-1]] == [f"L{n}" for n in range(1, 8)]
    assert any("• Customer threatens to close the account" in line for line in lines)


def test_table_prints_through_rich_at_any_width() -> None:
    from rich.console import Console

    from escmatrix.output.render_table import render

    console = Console(width=50, record=True, color_system=None)
    console.print(render(load_matrix(CALL_CENTER)))
    text = console.export_text()
    assert max(len(line) for line in text.splitlines()) <= 50
    assert "L7" in text and "Senior management" in text


def test_output_file_is_written_atomically(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "matrix.md"
    cli("render", CALL_CENTER, "-f", "markdown", "-o", str(target))
    assert target.read_text().startswith("# Customer service escalation matrix")
    assert [p.name for p in tmp_path.iterdir()] == ["matrix.md"]


def test_invalid_matrix_is_bad_input(cli: Any) -> None:
    result = cli("render", str(DATA / "rules" / "unknown-reference" / "fires.yaml"), code=2)
    assert "error" in result.stderr
    cli("render", "no-such-file.yaml", code=2)


@pytest.mark.parametrize("template", ["call-center", "it-helpdesk", "hospitality"])
def test_init_writes_a_valid_matrix(cli: Any, tmp_path: Path, template: str) -> None:
    target = tmp_path / "new.yaml"
    cli("init", "--template", template, "-o", str(target))
    cli("validate", "--strict", str(target))
    assert "$schema=matrix.schema.json" in target.read_text()
    cli("init", "--template", template, "-o", str(target), code=2)  # never overwrites
    cli("init", "--template", template, "-o", str(target), "--force")


def test_init_lists_and_refuses_unknown(cli: Any) -> None:
    listed = cli("init", "--list").stdout
    assert "call-center" in listed and "Customer service escalation matrix" in listed
    cli("init", "--template", "nope", code=2)
    assert cli("init").stdout.startswith("# Check this file as you type")


def test_scaled_business_windows_read_as_working_time(cli: Any, tmp_path: Path) -> None:
    """P1 scales L5's 1-2 business days (office calendar, 8-hour days) by 0.25: render,
    export and explain all say the working time it means."""
    import openpyxl

    markdown = cli("render", CALL_CENTER, "-f", "markdown").stdout
    p1 = next(line for line in markdown.splitlines() if line.startswith("| **Timeline P1"))
    assert p1.split(" | ")[5:7] == ["2h-4h of working time", "2h-6h of working time"]
    cli("export", CALL_CENTER, "-o", str(tmp_path / "it.xlsx"), "--language", "it")
    sheet = openpyxl.load_workbook(tmp_path / "it.xlsx")["Matrix"]
    texts = {str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value}
    assert "2h-4h di tempo lavorativo" in texts
    assert not any("0,25" in text for text in texts)
    steps = cli(
        "explain", CALL_CENTER, "-c", "product-complaint", "-p", "P1",
        "--at", "2026-03-27T17:40", "-e", "10m=privacy_risk", "-f", "json",
    ).json()  # fmt: skip
    assert steps[2]["detail"] == "4h window of L5 (P1) elapsed without resolution"
