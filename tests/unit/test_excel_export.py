"""Exporting workbooks: the template layout, styling, text that never becomes a formula,
atomic writing, and export -> import giving back exactly the same matrix (every shipped
matrix, every valid rule fixture, and property-generated matrices)."""

from __future__ import annotations

import errno
import json
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from escmatrix.canonical import matrix_to_dict
from escmatrix.excel.export import ExportError, build_workbook, write_workbook
from escmatrix.excel.importer import import_workbook
from escmatrix.model import Matrix
from escmatrix.output.yaml_writer import matrix_yaml
from escmatrix.validation import check_file, load_matrix, load_matrix_text
from tests.conftest import DATA, MATRICES, ROOT
from tests.unit.excel_checks import prints_for_people
from tests.unit.test_yaml_writer import canonical_matrices

SHIPPED = sorted(MATRICES.glob("*.yaml")) + sorted(
    (ROOT / "escmatrix" / "templates").glob("*.yaml")
)
LANGUAGES = ("en", "it", "pt", "es")


def canonical(matrix: Matrix) -> str:
    """What `escmatrix render --format json` prints."""
    return json.dumps(matrix_to_dict(matrix), indent=2, ensure_ascii=False) + "\n"


def round_trip(matrix: Matrix, path: Path, language: str = "en") -> Matrix:
    warnings = write_workbook(matrix, path, language)
    assert warnings == []
    result = import_workbook(path, str(path.with_suffix(".yaml")))  # schedules beside it
    assert result.kind == "export"
    assert [str(p) for p in result.problems] == []
    errors = [str(f) for f in result.report.findings if f.severity == "error"]
    assert result.report.matrix is not None, errors
    return result.report.matrix


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_shipped_matrices_round_trip(tmp_path: Path, path: Path, language: str) -> None:
    matrix = load_matrix(path)
    assert canonical(round_trip(matrix, tmp_path / "m.xlsx", language)) == canonical(matrix)


def test_every_valid_fixture_round_trips(tmp_path: Path) -> None:
    count = 0
    for path in sorted(DATA.rglob("*.yaml")):
        if path.parent.name == "unreadable-file" or "hostile" in path.parts:
            continue  # not UTF-8, not YAML, not readable: on purpose
        report = check_file(path)
        if report.matrix is None:
            continue
        for schedule in path.parent.glob("*.ics"):
            shutil.copy(schedule, tmp_path)
        assert canonical(round_trip(report.matrix, tmp_path / "m.xlsx")) == canonical(
            report.matrix
        ), path
        count += 1
    assert count >= 20


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(data=canonical_matrices(), language=st.sampled_from(LANGUAGES))
def test_generated_matrices_round_trip(tmp_path: Path, data: dict[str, Any], language: str) -> None:
    """Valid matrices with awkward text (formula-like, YAML-like, accents, emoji, line
    breaks, outer spaces) and ids (yes, 1.5, 2026-01-01): written as YAML, loaded,
    exported and imported, they come back the same."""
    matrix = load_matrix_text(matrix_yaml(data))
    assert canonical(round_trip(matrix, tmp_path / "g.xlsx", language)) == canonical(matrix)


# --- the layout ---------------------------------------------------------------------------------


def _values(ws: Any) -> list[list[Any]]:
    return [list(row) for row in ws.iter_rows(values_only=True)]


def test_matrix_sheet_follows_the_template(tmp_path: Path) -> None:
    write_workbook(load_matrix(MATRICES / "call-center.yaml"), tmp_path / "cc.xlsx")
    book = openpyxl.load_workbook(tmp_path / "cc.xlsx")
    assert book.sheetnames == ["Matrix", "Levels", "Contacts", "Triggers", "Categories", "Cells",
                               "Priorities", "Calendars", "Settings"]  # fmt: skip
    rows = _values(book["Matrix"])
    assert rows[0][:3] == ["Escalation level", "Level 1\nCall center representative",
                           "Level 2\nCall center support manager"]  # fmt: skip
    assert rows[1][:3] == ["Point of contact", "Call center representatives",
                           "Giulia Rossi (Call center support manager)"]  # fmt: skip
    assert rows[2] == ["Timeline", "15-30 minutes", "30 minutes-1 hour", "1-2 hours", "2-5 hours",
                       "1-2 business days", "1-3 business days", "Resolution"]  # fmt: skip
    assert rows[3][:3] == ["Timeline P1 (Critical)", "—", "7.5-15 minutes"]
    complaint = next(
        row for row in rows if row[0] == "Complaint about product quality or past service"
    )
    assert complaint[1] == (
        "Response:\n• Customer states the problem\nTrigger:\n"
        "• Representative unable to resolve the problem\n• Customer asks to speak with a manager"
    )
    billing = next(row for row in rows if row[0] == "Billing / payment")
    assert billing[2].startswith("Contact: Billing and accounts\nResponse:\n• Check invoices")
    assert billing[5] == "—"  # L5 is not on the billing path


@pytest.mark.parametrize(
    ("language", "labels", "timeline", "headings"),
    [
        ("it", ("Livello di escalation", "Punto di contatto", "Sequenza temporale"),
         ["15-30 minuti", "30 minuti-1 ora", "1-2 ore", "2-5 ore", "1-2 giorni lavorativi",
          "1-3 giorni lavorativi", "Risoluzione"], ("Risposta:", "Attivatore:", "Livello 1")),
        ("pt", ("Nível de escalonamento", "Ponto de contato", "Linha do tempo"),
         ["15-30 minutos", "30 minutos-1 hora", "1-2 horas", "2-5 horas", "1-2 dias úteis",
          "1-3 dias úteis", "Resolução"], ("Resposta:", "Gatilho:", "Nível 1")),
        ("es", ("Nivel de escalamiento", "Punto de contacto", "Cronología"),
         ["15-30 minutos", "30 minutos-1 hora", "1-2 horas", "2-5 horas", "1-2 días hábiles",
          "1-3 días hábiles", "Resolución"], ("Respuesta:", "Disparador:", "Nivel 1")),
    ],
)  # fmt: skip
def test_matrix_sheet_in_other_languages(
    tmp_path: Path, language: str, labels: tuple[str, ...], timeline: list[str],
    headings: tuple[str, ...],
) -> None:  # fmt: skip
    write_workbook(load_matrix(MATRICES / "call-center.yaml"), tmp_path / "cc.xlsx", language)
    rows = _values(openpyxl.load_workbook(tmp_path / "cc.xlsx")["Matrix"])
    assert (rows[0][0], rows[1][0], rows[2][0]) == labels
    assert rows[2][1:] == timeline
    assert rows[0][1].startswith(headings[2])
    text = "\n".join(str(v) for row in rows for v in row if v)
    assert headings[0] in text and headings[1] in text and "Response:" not in text


def test_workbook_is_styled_for_people(tmp_path: Path) -> None:
    write_workbook(load_matrix(MATRICES / "call-center.yaml"), tmp_path / "cc.xlsx")
    book = openpyxl.load_workbook(tmp_path / "cc.xlsx")
    ws = book["Matrix"]
    assert ws["A1"].font.bold and ws["B1"].font.bold
    assert ws["B1"].fill.fgColor.rgb.endswith("1F4E78")
    assert ws["A7"].font.bold and ws["A7"].fill.fill_type == "solid"
    assert ws["B7"].alignment.wrap_text and ws["B7"].alignment.vertical == "top"
    assert ws.freeze_panes == "B2"
    assert ws.column_dimensions["A"].width >= 18 and ws.column_dimensions["B"].width >= 16
    assert ws.row_dimensions[7].height and ws.row_dimensions[7].height > 30
    prints_for_people(ws)
    assert ws.print_title_cols == "$A:$A"
    for name in book.sheetnames[1:]:
        detail = book[name]
        assert detail["A1"].font.bold, name
        assert detail.freeze_panes in ("A2", "B2"), name
        prints_for_people(detail)
    assert book["Levels"]["A1"].comment is not None  # how to fill the column
    assert book["Levels"].auto_filter.ref.startswith("A1:")


def test_formula_like_text_is_stored_as_text(tmp_path: Path) -> None:
    text = (MATRICES / "call-center.yaml").read_text("utf-8")
    text = text.replace("name: Customer service escalation matrix", "name: '=HYPERLINK(\"x\")'")
    text = text.replace("name: Giulia Rossi", "name: '@giulia'")
    text = text.replace(
        "[Customer states the problem]", "['=1+1', '-5% discount', '+39 02 0000', '#N/A']"
    )
    text = text.replace("name: Billing / payment", "name: '=SUM(A1:A3)'")
    matrix = load_matrix_text(text)
    path = tmp_path / "f.xlsx"
    write_workbook(matrix, path)
    book = openpyxl.load_workbook(path)  # formulas would be read back as formulas
    risky = 0
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", cell.coordinate
                    if cell.value.startswith(("=", "+", "-", "@")):
                        risky += 1
                        assert cell.quotePrefix, f"{ws.title}!{cell.coordinate}"
    assert risky >= 6
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
    assert canonical(round_trip(matrix, path)) == canonical(matrix)


# --- what a workbook cannot hold ----------------------------------------------------------------


def _with(replace: str, by: str) -> Matrix:
    text = (MATRICES / "call-center.yaml").read_text("utf-8").replace(replace, by, 1)
    return load_matrix_text(text)


def test_control_characters_and_overlong_text_are_refused() -> None:
    with pytest.raises(
        ExportError, match=r"levels\[0\]\.name: holds the control character U\+0007"
    ):
        build_workbook(_with("name: Call center representative\n", 'name: "bell \\a"\n'))
    with pytest.raises(ExportError, match="an Excel cell holds at most 32767"):
        build_workbook(_with("[Customer states the problem]", f"[{'x' * 40000}]"))


def test_values_a_workbook_changes_are_warned_about() -> None:
    matrix = _with("    role: Account manager\n", '    role: ""\n')
    _, warnings = build_workbook(matrix)
    assert warnings == [
        "contacts.account-manager.role: empty text is stored as no value in a workbook"
    ]
    matrix = _with("name: Customer service escalation matrix", 'name: "two\\r\\nlines"')
    _, warnings = build_workbook(matrix)
    assert warnings == ["name: carriage returns become line breaks in a workbook"]
    matrix = _with("channels: [phone, chat]", 'channels: ["phone, chat"]')
    _, warnings = build_workbook(matrix)
    assert warnings == [
        "contacts.reps.channels[0]: 'phone, chat' has a comma, a line break or outer spaces,"
        " which a list cell cannot keep apart"
    ]


def test_unknown_language() -> None:
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        build_workbook(load_matrix(MATRICES / "call-center.yaml"), "fr")


def test_a_failed_export_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cc.xlsx"
    path.write_bytes(b"the old workbook")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # the workbook's own temporaries

    def full_disk(source: Any, target: Any, *args: Any) -> None:
        target.write(b"half a workbook")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copyfileobj", full_disk)
    with pytest.raises(OSError) as failure:
        write_workbook(load_matrix(MATRICES / "call-center.yaml"), path)
    assert failure.value.errno == errno.ENOSPC
    assert path.read_bytes() == b"the old workbook"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cc.xlsx", "tmp"]
    assert list(scratch.iterdir()) == []


def test_a_matrix_wider_or_longer_than_a_sheet_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Excel's sheets have 16,384 columns and 1,048,576 rows: a matrix whose Matrix sheet
    (a column a level) or a detail sheet would not fit is an error, not a broken workbook.
    (The limits are made small here, not the matrix large.)"""
    import escmatrix.excel.export as export

    matrix = load_matrix(MATRICES / "call-center.yaml")
    monkeypatch.setattr(export, "EXCEL_COLUMNS", len(matrix.levels))
    with pytest.raises(ExportError, match="an Excel sheet holds 7 columns"):
        build_workbook(matrix)
    monkeypatch.setattr(export, "EXCEL_COLUMNS", len(matrix.levels) + 1)
    build_workbook(matrix)
    monkeypatch.setattr(export, "EXCEL_ROWS", len(matrix.categories))
    with pytest.raises(ExportError, match="rows; an Excel sheet holds"):
        build_workbook(matrix)
