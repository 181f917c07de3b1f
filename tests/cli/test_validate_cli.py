"""`escmatrix validate`: formats, exit codes and bad input that must never crash."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DATA, MATRICES

BAD = DATA / "rules" / "unknown-reference" / "fires.yaml"
WARN_ONLY = DATA / "rules" / "unused-contact" / "fires.yaml"


@pytest.mark.parametrize("path", sorted(MATRICES.glob("*.yaml")), ids=lambda p: p.name)
def test_shipped_matrices_are_clean_under_strict(cli: Any, path: Path) -> None:
    result = cli("validate", "--strict", str(path))
    assert result.stdout == ""


def test_text_format_one_finding_per_line(cli: Any) -> None:
    out = cli("validate", str(BAD), code=1).stdout.splitlines()
    assert len(out) == 10
    assert (
        out[0] == f"{BAD}:3:19: error unknown-reference unknown calendar 'office' (known: always)"
    )


def test_json_format(cli: Any) -> None:
    records = cli("validate", "--format", "json", str(BAD), code=1).json()
    assert {tuple(sorted(r)) for r in records} == {
        ("column", "file", "line", "message", "rule", "severity")
    }
    assert [(r["line"], r["column"]) for r in records][:2] == [(3, 19), (5, 50)]
    assert all(r["severity"] == "error" and r["rule"] == "unknown-reference" for r in records)


def test_github_format(cli: Any) -> None:
    lines = cli("validate", "--format", "github", str(BAD), code=1).stdout.splitlines()
    assert lines[0] == (
        f"::error file={BAD},line=3,col=19,title=unknown-reference::"
        "unknown calendar 'office' (known%3A always)".replace("%3A", ":")
    )
    assert all(line.startswith("::error file=") for line in lines)


def test_warnings_exit_zero_unless_strict(cli: Any) -> None:
    assert "warning unused-contact" in cli("validate", str(WARN_ONLY)).stdout
    cli("validate", "--strict", str(WARN_ONLY), code=1)


def test_several_files_and_the_worst_exit_code(cli: Any, tmp_path: Path) -> None:
    result = cli(
        "validate",
        str(MATRICES / "call-center.yaml"),
        str(BAD),
        str(tmp_path / "missing.yaml"),
        code=2,
    )
    assert f"{tmp_path / 'missing.yaml'}:0:0: error unreadable-file no such file" in result.stdout
    assert "unknown-reference" in result.stdout


def test_list_rules(cli: Any) -> None:
    out = cli("validate", "--list-rules").stdout
    assert "unknown-reference" in out and "timeline-shrinks" in out and "warning" in out


def test_standard_input(cli: Any) -> None:
    text = (MATRICES / "call-center.yaml").read_text()
    cli("validate", "-", input=text)
    assert "-:3:19" in cli("validate", "-", input=BAD.read_text(), code=1).stdout


def test_no_files_is_a_usage_error(cli: Any) -> None:
    cli("validate", code=2)


@pytest.mark.parametrize(
    ("name", "content", "code", "expected"),
    [
        ("empty folder", None, 2, "unreadable-file"),
        ("binary.yaml", b"\x00\x01\x02PK\x03\x04", 2, "binary file"),
        ("latin1.yaml", "name: caf\xe9\n".encode("latin-1"), 2, "not UTF-8"),
        ("empty.yaml", b"", 1, "empty-file"),
        ("list.yaml", b"- a\n- b\n", 1, "expected a mapping, got a list"),
        ("scalar.yaml", b"just text\n", 1, "expected a mapping"),
        ("deep.yaml", b"a: " + b"[" * 5000, 1, "nesting deeper"),
        ("tabs.yaml", b"a:\n\tb: 1\n", 1, "yaml-syntax"),
        ("types.yaml", b"version: one\nname: [x]\nlevels: {}\ncategories: 3\n", 1, "schema"),
        (
            "levels.yaml",
            b"version: 1\nname: x\nlevels: [1, {id: 2}]\ncategories: [x]\n",
            1,
            "schema",
        ),
    ],
)
def test_bad_input_never_crashes(
    cli: Any, tmp_path: Path, name: str, content: bytes | None, code: int, expected: str
) -> None:
    path = tmp_path / name
    if content is None:
        path.mkdir()
    else:
        path.write_bytes(content)
    result = cli("validate", str(path), code=code)
    assert expected in result.stdout
    assert all(line.startswith(f"{path}:") for line in result.stdout.splitlines())


def test_a_folder_checks_the_yaml_files_in_it(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "team" / ".hidden").mkdir(parents=True)
    (tmp_path / "good.yaml").write_text((MATRICES / "call-center.yaml").read_text())
    (tmp_path / "team" / "bad.yml").write_text(BAD.read_text())
    (tmp_path / "team" / ".hidden" / "ignored.yaml").write_text("[")
    (tmp_path / "notes.txt").write_text("not a matrix")
    out = cli("validate", str(tmp_path), "-f", "json", code=1).json()
    assert {f["file"] for f in out} == {str(tmp_path / "team" / "bad.yml")}
    assert {f["rule"] for f in out} == {"unknown-reference"}
    cli("validate", str(tmp_path / "good.yaml"), str(MATRICES / "mappings"))


def test_usage_lines_name_the_arguments(cli: Any) -> None:
    for command, usage in [
        ("validate", "[MATRIX...]"),
        ("render", "MATRIX"),
        ("simulate", "MATRIX LOG"),
        ("import", "FILE.xlsx"),
    ]:
        first = cli(command, "--help").stdout.splitlines()[0]
        assert first == f"Usage: escmatrix {command} [OPTIONS] {usage}"


def test_shell_completion_script(cli: Any) -> None:
    script = cli("--show-completion", "bash").stdout
    assert "complete" in script and "_ESCMATRIX_COMPLETE" in script


def test_alias_bomb(cli: Any, tmp_path: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 10) + "]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines))
    assert f"{path}:5:" in cli("validate", str(path), code=1).stdout


def test_module_entry_point_and_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "escmatrix", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout.startswith("escmatrix ")


@pytest.mark.parametrize(
    "path", sorted((MATRICES / "mappings").glob("*.yaml")), ids=lambda p: p.name
)
def test_shipped_mappings_are_clean_under_strict(cli: Any, path: Path) -> None:
    assert cli("validate", "--strict", str(path)).stdout == ""


def test_a_bad_mapping_is_reported_with_positions(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(
        "mapping: 1\nticket: number\ntime: {column: opened, format: sometime}\nfoo: 1\n"
    )
    records = cli("validate", "--format", "json", str(path), code=1).json()
    assert {(r["line"], r["rule"]) for r in records} >= {(4, "schema")}
    assert all(r["file"] == str(path) for r in records)
