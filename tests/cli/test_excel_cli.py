"""`escmatrix export` and `escmatrix import`: round trips through the command line, problems
reported by cell, exit codes, and nothing written when something goes wrong."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from escmatrix.validation import check_file
from tests.conftest import MATRICES, ROOT, run_cli
from tests.unit.test_excel_import import ITALIAN, make_book

SHIPPED = sorted(MATRICES.glob("*.yaml"))


def flat(text: str) -> str:
    """Messages as one line each way round: error messages may be wrapped to the terminal."""
    return " ".join(text.split())


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_export_then_import_renders_the_same_json(tmp_path: Path, path: Path) -> None:
    workbook, back = tmp_path / "m.xlsx", tmp_path / "back.yaml"
    run_cli("export", str(path), "-o", str(workbook))
    result = run_cli("import", str(workbook), "-o", str(back))
    assert f"wrote {back} from {workbook} (an escmatrix export)" in result.stderr
    # no warning that the matrix itself does not have (the call center's board waits for
    # the office to open: a coverage gap it warns of on purpose)
    own = run_cli("validate", "--format", "json", str(path)).json()
    assert len(own) == int(*re.findall(r"(\d+) validation warning", result.stderr) or [0])
    before = run_cli("render", "--format", "json", str(path)).stdout
    after = run_cli("render", "--format", "json", str(back)).stdout
    assert after == before
    assert back.read_text("utf-8").startswith("# Imported from m.xlsx by escmatrix import")


def test_export_in_italian(tmp_path: Path) -> None:
    run_cli("export", str(MATRICES / "call-center.yaml"), "-o", str(tmp_path / "it.xlsx"),
            "--language", "it")  # fmt: skip
    sheet = openpyxl.load_workbook(tmp_path / "it.xlsx")["Matrix"]
    assert (sheet["A1"].value, sheet["A2"].value, sheet["A3"].value) == (
        "Livello di escalation", "Punto di contatto", "Sequenza temporale"
    )  # fmt: skip
    assert sheet["C3"].value == "30 minuti-1 ora"
    run_cli("export", str(MATRICES / "call-center.yaml"), "-o", str(tmp_path / "x.xlsx"),
            "--language", "fr", code=2)  # fmt: skip
    assert not (tmp_path / "x.xlsx").exists()


def test_export_never_writes_over_its_matrix(tmp_path: Path) -> None:
    matrix = tmp_path / "matrix.yaml"
    shutil.copy(MATRICES / "call-center.yaml", matrix)
    before = matrix.read_bytes()
    for target in (str(matrix), str(tmp_path / "." / "matrix.yaml")):
        result = run_cli("export", str(matrix), "-o", target, code=2)
        assert "is the matrix this command reads" in flat(result.stderr)
    assert matrix.read_bytes() == before


def test_export_wants_an_xlsx_file(tmp_path: Path) -> None:
    result = run_cli("export", str(MATRICES / "call-center.yaml"), "-o", str(tmp_path / "m.xls"),
                     code=2)  # fmt: skip
    assert "a workbook is written to a .xlsx file" in flat(result.stderr)
    assert list(tmp_path.iterdir()) == []


def test_export_of_a_matrix_with_errors_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nname: x\nlevels: []\ncategories: []\n", "utf-8")
    run_cli("export", str(bad), "-o", str(tmp_path / "bad.xlsx"), code=2)
    assert not (tmp_path / "bad.xlsx").exists()


def test_a_failed_export_keeps_the_old_workbook(tmp_path: Path) -> None:
    text = (MATRICES / "call-center.yaml").read_text("utf-8")
    matrix = tmp_path / "m.yaml"
    matrix.write_text(text.replace("name: Giulia Rossi", 'name: "Giulia \\a Rossi"'), "utf-8")
    old = tmp_path / "m.xlsx"
    old.write_bytes(b"last week's workbook")
    result = run_cli("export", str(matrix), "-o", str(old), code=2)
    assert "contacts.support-manager.name: holds the control character U+0007" in flat(
        result.stderr
    )
    assert old.read_bytes() == b"last week's workbook"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.xlsx", "m.yaml"]


def test_export_warns_about_what_a_workbook_cannot_keep(tmp_path: Path) -> None:
    text = (MATRICES / "call-center.yaml").read_text("utf-8")
    matrix = tmp_path / "m.yaml"
    matrix.write_text(text.replace("    role: DPO\n", '    role: ""\n'), "utf-8")
    result = run_cli("export", str(matrix), "-o", str(tmp_path / "m.xlsx"))
    assert "contacts.security-officer.role: empty text is stored as no value" in result.stderr


# --- import --------------------------------------------------------------------------------------


def test_import_of_a_hand_made_italian_sheet(tmp_path: Path) -> None:
    workbook = make_book(tmp_path / "matrice.xlsx", ITALIAN, merges=("A1:H1",))
    out = tmp_path / "matrice.yaml"
    result = run_cli("import", str(workbook), "-o", str(out))
    assert f"wrote {out} from {workbook} (a hand-made sheet)" in result.stderr
    assert "unreachable-contact" in result.stderr  # a note: contacts have no email or phone
    report = check_file(out)
    assert report.matrix is not None and not report.errors
    assert [level.window.default.max is None for level in report.matrix.levels][-1]
    run_cli("validate", str(out))


def test_import_to_standard_output(tmp_path: Path) -> None:
    workbook = make_book(tmp_path / "matrice.xlsx", ITALIAN)
    result = run_cli("import", str(workbook))
    assert "name: Matrice di escalation del servizio clienti" in result.stdout
    assert "Reclamo sulla qualità del prodotto" in result.stdout
    assert list(p.name for p in tmp_path.iterdir()) == ["matrice.xlsx"]


UNPLACED = [
    ["Escalation level", "Level 1", "Level 2", None, "notes"],
    ["Timeline", "15 minutes", "Resolution"],
    ["Billing", "Response: Check"],
    [None, "orphan", None, None, "[/] [bold]not markup"],
]


def test_cells_that_cannot_be_placed_are_warnings(tmp_path: Path) -> None:
    workbook = make_book(tmp_path / "odd.xlsx", UNPLACED)
    out = tmp_path / "odd.yaml"
    result = run_cli("import", str(workbook), "-o", str(out))
    lines = result.stderr.splitlines()
    assert f"warning: {workbook}: Matrix!E1: outside the matrix table; not placed: 'notes'" in lines
    assert "Matrix!B4: in a row without a label; not placed: 'orphan'" in result.stderr
    assert (
        "Matrix!E4: outside the matrix table; not placed: '[/] [bold]not markup'" in result.stderr
    )
    assert out.exists() and check_file(out).matrix is not None


def test_strict_import_writes_nothing_when_a_cell_cannot_be_placed(tmp_path: Path) -> None:
    workbook = make_book(tmp_path / "odd.xlsx", UNPLACED)
    out = tmp_path / "odd.yaml"
    out.write_text("# yesterday's import\n", "utf-8")
    result = run_cli("import", str(workbook), "-o", str(out), "--strict", code=1)
    assert f"error: {workbook}: Matrix!B4: in a row without a label; not placed: 'orphan'" in (
        result.stderr.splitlines()
    )
    assert "3 cell(s) not placed, 0 validation error(s); nothing written (--strict)" in flat(
        result.stderr
    )
    assert out.read_text("utf-8") == "# yesterday's import\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["odd.xlsx", "odd.yaml"]


def test_import_with_validation_errors_writes_the_file_and_exits_1(tmp_path: Path) -> None:
    rows = [["Escalation level", "Level 1", "Level 2"], ["Timeline", "30-15 minutes", "Resolution"],
            ["Billing"]]  # fmt: skip
    workbook = make_book(tmp_path / "minmax.xlsx", rows)
    out = tmp_path / "minmax.yaml"
    result = run_cli("import", str(workbook), "-o", str(out), code=1)
    assert f"{out}:" in result.stderr and "window-min-over-max" in result.stderr
    assert out.exists()
    run_cli("import", str(workbook), "-o", str(tmp_path / "strict.yaml"), "--strict", code=1)
    assert not (tmp_path / "strict.yaml").exists()


def _ole(stream: str) -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + stream.encode("utf-16-le")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.xlsx", b"just some text\n", "is not an Excel workbook (.xlsx)"),
        ("locked.xlsx", _ole("EncryptedPackage"), "is password-protected (encrypted)"),
        ("old.xls", _ole("Workbook"), "is an Excel 97-2003 workbook (.xls)"),
        ("missing.xlsx", None, "no such file"),
    ],
)
def test_import_of_files_that_are_not_workbooks(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    out = tmp_path / "out.yaml"
    result = run_cli("import", str(path), "-o", str(out), code=2)
    assert f"error: {path}: {message}" in flat(result.stderr)
    assert not out.exists()


def test_import_of_workbooks_without_a_matrix(tmp_path: Path) -> None:
    out = tmp_path / "out.yaml"
    empty = make_book(tmp_path / "empty.xlsx", [])
    result = run_cli("import", str(empty), "-o", str(out), code=2)
    assert f"{empty}: is an empty workbook" in flat(result.stderr)
    other = make_book(tmp_path / "phones.xlsx", [["Name", "Phone"], ["Giulia", "+39 02"]])
    result = run_cli("import", str(other), "-o", str(out), code=2)
    assert "holds no escalation matrix" in flat(result.stderr)
    assert not out.exists()


def test_import_never_writes_over_its_workbook(tmp_path: Path) -> None:
    workbook = make_book(tmp_path / "m.xlsx", ITALIAN)
    before = workbook.read_bytes()
    result = run_cli("import", str(workbook), "-o", str(workbook), code=2)
    assert "is the workbook this command reads" in flat(result.stderr)
    assert workbook.read_bytes() == before


def test_the_command_line_starts_without_openpyxl_or_xlsxwriter() -> None:
    code = (
        "import sys, escmatrix.cli, escmatrix.excel\n"
        "for name in ('openpyxl', 'xlsxwriter'): assert name not in sys.modules, name"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_commands_are_listed_in_help() -> None:
    text = run_cli("--help").stdout
    assert "export" in text and "import" in text
    assert "--strict" in run_cli("import", "--help").stdout
    assert "--language" in run_cli("export", "--help").stdout


def test_import_from_standard_input(tmp_path: Path) -> None:
    workbook = make_book(tmp_path / "matrice.xlsx", ITALIAN)
    out = tmp_path / "m.yaml"
    result = run_cli("import", "-", "-o", str(out), input=workbook.read_bytes())  # type: ignore[arg-type]
    assert f"wrote {out} from - (a hand-made sheet)" in result.stderr
    assert out.read_text("utf-8").startswith("# Imported from - by escmatrix import")
    result = run_cli("import", "-", input=b"not a workbook", code=2)  # type: ignore[arg-type]
    assert "error: -: is not an Excel workbook (.xlsx)" in result.stderr


def test_the_readme_names_the_labels_the_export_writes(tmp_path: Path) -> None:
    """Every label the README quotes for the Matrix sheet is written by some export."""
    readme = (ROOT / "README.md").read_text("utf-8")
    sentence = readme.split("The `Matrix` sheet is laid out like")[1].split("styled for")[0]
    quoted = [" ".join(q.split()).rstrip(" …") for q in re.findall(r"`([^`]+)`", sentence)]
    texts = set()
    for language in ("it", "pt", "es"):
        book = tmp_path / f"{language}.xlsx"
        run_cli("export", str(MATRICES / "call-center.yaml"), "-o", str(book), "-l", language)
        sheet = openpyxl.load_workbook(book)["Matrix"]
        for row in sheet.iter_rows():
            texts.update(str(c.value) for c in row if c.value is not None)
    written = "\n".join(texts)
    assert len(quoted) >= 10
    for label in quoted:
        for part in label.split(" | "):
            assert part in written, part
