"""Importing workbooks: hand-made sheets in the call-center template layout (built here with
openpyxl, in English, Italian, Portuguese and Spanish), escmatrix exports, and files that
are not workbooks at all."""

from __future__ import annotations

import gc
import json
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from escmatrix.canonical import matrix_to_dict
from escmatrix.excel.export import write_workbook
from escmatrix.excel.importer import ImportResult, import_workbook
from escmatrix.excel.names import Slugger, fold, slugify
from escmatrix.excel.sheets import WorkbookError
from escmatrix.validation import load_matrix
from tests.conftest import MATRICES

Rows = list[list[Any]]


def put_rows(ws: Any, rows: Rows, first_row: int = 1, first_column: int = 1) -> None:
    for r, values in enumerate(rows, start=first_row):
        for c, value in enumerate(values, start=first_column):
            if value is None:
                continue
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text, even when it starts with "="


def make_book(
    path: Path, rows: Rows, *, first_row: int = 1, merges: tuple[str, ...] = (),
    title: str = "Matrix", more: dict[str, Rows] | None = None,
) -> Path:  # fmt: skip
    workbook = openpyxl.Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = title
    put_rows(ws, rows, first_row)
    for merged in merges:
        ws.merge_cells(merged)
    for name, sheet_rows in (more or {}).items():
        put_rows(workbook.create_sheet(name), sheet_rows)
    workbook.save(path)
    return path


def read(path: Path) -> ImportResult:
    result = import_workbook(path)
    errors = [str(f) for f in result.report.findings if f.severity == "error"]
    assert not errors, "\n".join(errors) + "\n" + result.yaml
    return result


def problems(result: ImportResult) -> list[str]:
    return [str(p) for p in result.problems]


def level(result: ImportResult, index: int) -> dict[str, Any]:
    return dict(result.data["levels"][index])


def cell(result: ImportResult, category: int, level_id: str) -> dict[str, Any]:
    return dict(result.data["categories"][category]["cells"][level_id])


def trigger_names(result: ImportResult, ids: list[str]) -> list[str]:
    by_id = {t["id"]: t["name"] for t in result.data["triggers"]}
    return [by_id[i] for i in ids]


# --- the Italian template of the article -----------------------------------------------------

ITALIAN = [
    ["Matrice di escalation del servizio clienti"],
    [],
    ["Livello di escalation", *(f"Livello {n}" for n in range(1, 8))],
    ["Punto di contatto", "Rappresentante del call center", "Responsabile supporto call center",
     "Account Manager", "Direttore delle vendite", "Direttore delle vendite e delle operazioni",
     "Stakeholder", "Direzione superiore"],
    ["Sequenza temporale", "15-30 minuti", "30 minuti-1 ora", "1 ora-2 ore", "2 ore-5 ore",
     "1-2 giorni lavorativi", "1-3 giorni lavorativi", "Risoluzione"],
    ["Problema : Reclamo sulla qualità del prodotto o sul servizio clienti passato",
     "Risposta : Il cliente dichiara il suo problema\nTrigger:\n"
     "• Rappresentante incapace di risolvere il problema\n"
     "• Il rappresentante chiede di parlare con il manager",
     "Risposta:\n- Tentata soluzione\n- Raccogli i dettagli di contatto\n"
     "- Follow-up dopo la revisione interna\nTrigger:\n- Soluzione fallita\n"
     "- Richiede un dipartimento o una competenza specifica",
     "Risposta: Rivedi i dettagli dell'account; Comunicare nuove informazioni\n"
     "Attivatore: Minacciata la chiusura dell'account • Potenziale passaggio al concorrente",
     "Risposta:\n* Ulteriori indagini sul problema\n* Offre incentivi finanziari\n"
     "Trigger:\n* Problema irrisolto\n* Il cliente presenta un reclamo formale",
     "Risposta: Scusarsi\nTrigger: Il cliente richiede il rimborso/cancellazione",
     "Risposta: Rivedere i tentativi precedenti\n"
     "Trigger: Processo necessario per l'approvazione dell'alta direzione",
     "Risposta:\n1. Esamina il rapporto sull'incidente\n2. Firma i piani"],
    ["Domanda sul prodotto/servizio"],
    ["Lo stato dell'ordine"],
    ["Fatturazione/pagamento", "Trigger: Il rappresentante chiede di parlare con il manager"],
    ["Gestione account e accesso"],
    ["Chiamata di follow-up"],
    ["Richiesta informatica"],
    ["Richiesta di formazione"],
]  # fmt: skip


def test_italian_template_of_the_article(tmp_path: Path) -> None:
    path = make_book(tmp_path / "matrice.xlsx", ITALIAN, merges=("A1:H1",), title="Foglio1")
    result = read(path)
    assert result.kind == "template"
    assert problems(result) == []
    data = result.data
    assert data["name"] == "Matrice di escalation del servizio clienti"
    assert [lvl["id"] for lvl in data["levels"]] == [f"L{n}" for n in range(1, 8)]
    assert [lvl["window"] for lvl in data["levels"]] == [
        "15m..30m", "30m..1h", "1h..2h", "2h..5h", "1bd..2bd", "1bd..3bd", "resolution"
    ]  # fmt: skip
    assert level(result, 0)["name"] == "Rappresentante del call center"
    assert level(result, 4)["contacts"] == ["direttore-vendite-operazioni"]
    assert data["contacts"]["account-manager"]["name"] == "Account Manager"
    complaint = data["categories"][0]
    assert complaint["name"] == "Reclamo sulla qualità del prodotto o sul servizio clienti passato"
    assert complaint["id"] == "reclamo-qualita-prodotto-servizio"
    assert complaint["id"].isascii()
    assert cell(result, 0, "L1")["response"] == ["Il cliente dichiara il suo problema"]
    assert trigger_names(result, cell(result, 0, "L1")["triggers"]) == [
        "Rappresentante incapace di risolvere il problema",
        "Il rappresentante chiede di parlare con il manager",
    ]
    assert cell(result, 0, "L2")["response"] == [
        "Tentata soluzione",
        "Raccogli i dettagli di contatto",
        "Follow-up dopo la revisione interna",
    ]
    assert cell(result, 0, "L3")["response"] == [
        "Rivedi i dettagli dell'account", "Comunicare nuove informazioni"
    ]  # fmt: skip
    assert trigger_names(result, cell(result, 0, "L3")["triggers"]) == [
        "Minacciata la chiusura dell'account", "Potenziale passaggio al concorrente"
    ]  # fmt: skip
    assert cell(result, 0, "L4")["response"] == [
        "Ulteriori indagini sul problema", "Offre incentivi finanziari"
    ]  # fmt: skip
    assert cell(result, 0, "L7")["response"] == [
        "Esamina il rapporto sull'incidente", "Firma i piani"
    ]  # fmt: skip
    # the same wording in two cells is one trigger; events are slugs of the wording
    manager = data["categories"][3]["cells"]["L1"]["triggers"]
    assert manager == [cell(result, 0, "L1")["triggers"][1]]
    first = data["triggers"][0]
    assert first["id"] == "rappresentante-incapace-risolvere"
    assert first["event"] == ["rappresentante_incapace_risolvere"]
    assert len(data["categories"]) == 8
    assert data["categories"][1] == {
        "id": "domanda-sul-prodotto-servizio", "name": "Domanda sul prodotto/servizio",
        "kind": "hierarchical", "path": [f"L{n}" for n in range(1, 8)], "contacts": {},
        "cells": {}, "description": None,
    }  # fmt: skip
    # the YAML says where things came from
    assert "# Foglio1!C3: 'Livello 2'; timeline Foglio1!C5: '30 minuti-1 ora'" in result.yaml
    assert "# Imported from matrice.xlsx by escmatrix import (a hand-made sheet)." in result.yaml


# --- English, Portuguese, Spanish; merged cells; bullets ------------------------------------


def test_english_sheet_with_title_blank_rows_and_merged_cells(tmp_path: Path) -> None:
    rows: Rows = [
        [None, "Escalation matrix — customer care"],
        [None, "Owner: operations; reviewed every quarter"],
        [],
        [],
        [None, "Escalation level", "Level 1", "Level 2", "Level 3", "Level 4"],
        [None, "Point of contact", "Reps team", "Giulia Rossi (Support manager) giulia@example.com",
         "Directors"],
        [None, "Timeline", "15-30 minutes", "30 minutes-1 hour", "1-2 business days", "Resolution"],
        [None, "Billing", "Response:\n• Check the invoice\n• Explain the charge",
         "Response: Correct the charge\nTrigger: Customer disputes the correction", "—", "n/a"],
        [None, None, "Trigger: Customer asks for a manager"],
        [None, "Order status", "-", "Contact: Logistics desk\nResponse: Track the parcel"],
    ]  # fmt: skip
    merges = ("B1:F1", "D6:D6", "E6:F6", "B8:B9")
    path = make_book(tmp_path / "care.xlsx", rows, merges=merges, title="Escalations")
    result = read(path)
    assert problems(result) == []
    data = result.data
    assert data["name"] == "Escalation matrix — customer care"
    assert data["description"] == "Owner: operations; reviewed every quarter"
    assert [lvl["window"] for lvl in data["levels"]] == [
        "15m..30m",
        "30m..1h",
        "1bd..2bd",
        "resolution",
    ]
    # a contact merged over two levels is the contact of both
    assert level(result, 2)["contacts"] == level(result, 3)["contacts"] == ["directors"]
    giulia = data["contacts"]["giulia-rossi"]
    assert (giulia["role"], giulia["email"]) == ("Support manager", "giulia@example.com")
    assert level(result, 1)["name"] == "Support manager"
    assert data["contacts"]["reps-team"]["kind"] == "team"
    # a category label merged over two rows is one category
    billing = data["categories"][0]
    assert billing["path"] == ["L1", "L2"]
    assert billing["cells"]["L1"]["response"] == ["Check the invoice", "Explain the charge"]
    assert trigger_names(result, billing["cells"]["L1"]["triggers"]) == [
        "Customer asks for a manager"
    ]
    order = data["categories"][1]
    assert order["path"] == ["L2", "L3", "L4"]
    assert order["kind"] == "functional"
    assert order["contacts"] == {"L2": ["logistics-desk"]}
    assert data["contacts"]["logistics-desk"]["kind"] == "team"


def test_portuguese_sheet(tmp_path: Path) -> None:
    rows: Rows = [
        ["Nível de escalonamento", "Nível 1", "Nível 2", "Nível 3"],
        ["Ponto de contato", "Atendente", "Supervisora (Coordenação)", "Diretoria"],
        ["Linha do tempo", "15-30 minutos", "1-2 dias úteis", "Resolução"],
        ["Problema: Cobrança / pagamento",
         "Resposta: Verificar a fatura • Explicar a cobrança\nGatilho: Cliente pede reembolso",
         "Resposta: Corrigir a cobrança; Registrar o incidente\n"
         "Gatilhos:\n- Cliente ameaça cancelar",
         "Ação: Aprovar o reembolso"],
    ]  # fmt: skip
    result = read(make_book(tmp_path / "matriz.xlsx", rows))
    assert problems(result) == []
    data = result.data
    assert [lvl["window"] for lvl in data["levels"]] == ["15m..30m", "1bd..2bd", "resolution"]
    assert level(result, 1)["name"] == "Coordenação"
    billing = data["categories"][0]
    assert (billing["id"], billing["name"]) == ("cobranca-pagamento", "Cobrança / pagamento")
    assert billing["cells"]["L1"]["response"] == ["Verificar a fatura", "Explicar a cobrança"]
    assert trigger_names(result, billing["cells"]["L1"]["triggers"]) == ["Cliente pede reembolso"]
    assert billing["cells"]["L2"]["response"] == ["Corrigir a cobrança", "Registrar o incidente"]
    assert trigger_names(result, billing["cells"]["L2"]["triggers"]) == ["Cliente ameaça cancelar"]
    assert billing["cells"]["L3"]["response"] == ["Aprovar o reembolso"]
    assert data["triggers"][1]["id"] == "cliente-ameaca-cancelar"


def test_spanish_sheet_and_a_table_found_by_its_contact_row(tmp_path: Path) -> None:
    rows: Rows = [
        ["Matriz de escalamiento"],
        [None, "Nivel 1", "Nivel 2", "Nivel 3"],
        ["Punto de contacto", "Agente", "Supervisor", "Gerente"],
        ["Cronología", "30 minutos-1 hora", "1-3 días hábiles", "Resolución"],
        ["Facturación",
         "Respuesta:\n- Revisar la factura\n- Explicar el cargo\n"
         "Disparador:\n* El cliente pide un gerente",
         "Respuesta: Reembolsar\nDisparadores: Queja formal; Riesgo de privacidad", None],
    ]  # fmt: skip
    result = read(make_book(tmp_path / "matriz.xlsx", rows, title="Hoja1"))
    assert problems(result) == []
    data = result.data
    assert data["name"] == "Matriz de escalamiento"
    assert [lvl["id"] for lvl in data["levels"]] == ["L1", "L2", "L3"]
    assert [lvl["window"] for lvl in data["levels"]] == ["30m..1h", "1bd..3bd", "resolution"]
    assert [lvl["name"] for lvl in data["levels"]] == ["Agente", "Supervisor", "Gerente"]
    billing = data["categories"][0]
    assert billing["cells"]["L1"]["response"] == ["Revisar la factura", "Explicar el cargo"]
    assert trigger_names(result, billing["cells"]["L1"]["triggers"]) == [
        "El cliente pide un gerente"
    ]
    assert trigger_names(result, billing["cells"]["L2"]["triggers"]) == [
        "Queja formal", "Riesgo de privacidad"
    ]  # fmt: skip


def test_level_headers_that_are_names_become_slugs(tmp_path: Path) -> None:
    rows: Rows = [
        ["Escalation level", "Front desk", "Front desk", "Duty manager"],
        ["Timeline", "15m", "30m", "Resolution"],
        ["Noise complaint", "Response: Apologise", "", ""],
    ]
    result = read(make_book(tmp_path / "hotel.xlsx", rows))
    assert [lvl["id"] for lvl in result.data["levels"]] == [
        "front-desk",
        "front-desk-2",
        "duty-manager",
    ]
    assert [lvl["name"] for lvl in result.data["levels"]] == [
        "Front desk",
        "Front desk",
        "Duty manager",
    ]


def test_headers_with_names_bare_headings_and_look_alike_labels(tmp_path: Path) -> None:
    rows: Rows = [
        ["Escalation matrix"],
        [
            "Escalation level",
            "Level 1 (Front desk)",
            "Level 2 - Duty manager",
            "Nível 3: Diretoria",
        ],
        ["Timeline", "15m", "30m", "Resolution"],
        ["Timeline disputes", "Response\nCheck the bill\nTrigger\nGuest asks for a manager"],
    ]
    result = read(make_book(tmp_path / "h.xlsx", rows))
    assert problems(result) == []
    assert result.data["name"] == "Escalation matrix"
    names = [lvl["name"] for lvl in result.data["levels"]]
    assert names == ["Front desk", "Duty manager", "Diretoria"]
    category = result.data["categories"][0]
    assert category["name"] == "Timeline disputes"
    assert category["cells"]["L1"]["response"] == ["Check the bill"]
    assert trigger_names(result, category["cells"]["L1"]["triggers"]) == [
        "Guest asks for a manager"
    ]
    assert result.data["priorities"] == {"default": None}


def test_per_priority_timeline_rows(tmp_path: Path) -> None:
    rows: Rows = [
        ["Escalation level", "Level 1", "Level 2", "Level 3"],
        ["Timeline", "15-30 minutes", "1-2 hours", "Resolution"],
        ["Timeline P1 (Critical)", "—", "30 minutes-1 hour", "Resolution"],
        ["Timeline P2", "5-10 minutes", "20 minutes", "Resolution"],
        ["Billing"],
    ]
    result = read(make_book(tmp_path / "p.xlsx", rows))
    assert problems(result) == []
    priorities = result.data["priorities"]
    assert priorities["P1"] == {"name": "Critical", "start": "L2", "scale": 0.5}
    assert priorities["P2"] == {"name": None, "start": None, "scale": None}
    assert level(result, 0)["window"] == {"default": "15m..30m", "P2": "5m..10m"}
    assert level(result, 1)["window"] == {"default": "1h..2h", "P2": "20m"}


# --- what cannot be placed is reported --------------------------------------------------------


def test_cells_outside_the_table_are_reported_with_their_cell(tmp_path: Path) -> None:
    rows: Rows = [
        ["Escalation level", "Level 1", "Level 2", None, "notes"],
        ["Point of contact", "Reps", "Manager"],
        ["Timeline", "15 minutes", "ASAP"],
        ["Billing", "Response: Check", "", None, "ask finance first"],
        [None, "orphan text"],
        [],
        [],
        ["Legend: — means the level is skipped"],
    ]
    result = import_workbook(
        make_book(tmp_path / "odd.xlsx", rows, more={"Notes": [["x"], [None, "y"]]})
    )
    found = problems(result)
    assert "Matrix!C3: cannot read the timeline 'ASAP' (cannot read duration 'ASAP': write it as" \
           " 15m, 1h30m, 1d, 2bd or PT15M)" in found  # fmt: skip
    assert "Matrix!B5: in a row without a label; not placed: 'orphan text'" in found
    assert "Matrix!E1: outside the matrix table; not placed: 'notes'" in found
    assert "Matrix!E4: outside the matrix table; not placed: 'ask finance first'" in found
    assert (
        "Matrix!A8: outside the matrix table; not placed: 'Legend: — means the level is skipped'"
        in found
    )
    assert "Notes!A1: not read (the matrix is on sheet 'Matrix'): 'x'" in found
    assert "Notes!B2: not read (the matrix is on sheet 'Matrix'): 'y'" in found
    assert len(found) == 7
    assert level(result, 1)["window"] == "resolution"
    assert "ASAP'; it could not be read:" in result.yaml
    assert result.report.matrix is not None


def test_formulas_as_text_are_text_and_formulas_without_a_value_are_reported(
    tmp_path: Path,
) -> None:
    rows: Rows = [
        ["Escalation level", "Level 1", "Level 2"],
        ["Point of contact", "@helpdesk", "+39 02 0000 1001"],
        ["Timeline", "15-30 minutes", "Resolution"],
        ["=Billing", "Response:\n=SUM(A1:A3) is not a formula\n-5% discount\n@mention", "=1+1"],
    ]
    path = make_book(tmp_path / "f.xlsx", rows)
    book = openpyxl.load_workbook(path)
    book["Matrix"]["D4"] = "=B4&C4"  # a real formula that was never calculated
    book.save(path)
    result = read(path)
    data = result.data
    assert data["categories"][0]["name"] == "=Billing"
    assert data["categories"][0]["cells"]["L1"]["response"] == [
        "=SUM(A1:A3) is not a formula", "-5% discount", "@mention"
    ]  # fmt: skip
    assert data["categories"][0]["cells"]["L2"]["response"] == ["=1+1"]
    assert data["contacts"]["helpdesk"]["name"] == "@helpdesk"
    assert problems(result) == [
        "Matrix!D4: formula '=B4&C4' has no saved value (the file was never recalculated);"
        " open and save it in Excel, or type the text in"
    ]


# --- escmatrix exports ------------------------------------------------------------------------


def test_export_then_import_gives_the_same_matrix(tmp_path: Path) -> None:
    matrix = load_matrix(MATRICES / "call-center.yaml")
    write_workbook(matrix, tmp_path / "cc.xlsx", "pt")
    result = read(tmp_path / "cc.xlsx")
    assert result.kind == "export" and problems(result) == []
    assert result.report.matrix is not None
    before = json.dumps(matrix_to_dict(matrix), indent=2)
    assert json.dumps(matrix_to_dict(result.report.matrix), indent=2) == before


def test_edits_to_an_exported_matrix_sheet_are_reported(tmp_path: Path) -> None:
    matrix = load_matrix(MATRICES / "call-center.yaml")
    write_workbook(matrix, tmp_path / "cc.xlsx")
    book = openpyxl.load_workbook(tmp_path / "cc.xlsx")
    book["Matrix"]["B3"] = "5-10 minutes"
    book["Matrix"]["J2"] = "note to self"
    book["Levels"]["A30"] = None
    book["Levels"]["B30"] = "a level without an id"
    book.create_sheet("Scratch")["C3"] = "ideas"
    book.save(tmp_path / "cc.xlsx")
    result = read(tmp_path / "cc.xlsx")
    assert problems(result) == [
        "Matrix!J2: 'note to self', but the detail sheets leave it empty; the detail sheets"
        " win, so a change made only on this sheet is not imported",
        "Matrix!B3: '5-10 minutes', but the detail sheets give '15-30 minutes'; the detail"
        " sheets win, so a change made only on this sheet is not imported",
        "Levels!B30: in a row without an ID: 'a level without an id'",
        "Scratch!C3: not read (an unknown sheet): 'ideas'",
    ]
    assert result.report.matrix is not None
    assert matrix_to_dict(result.report.matrix) == matrix_to_dict(matrix)


def test_an_edited_detail_sheet_wins_and_the_stale_matrix_sheet_is_named(tmp_path: Path) -> None:
    matrix = load_matrix(MATRICES / "call-center.yaml")
    write_workbook(matrix, tmp_path / "cc.xlsx", "it")
    book = openpyxl.load_workbook(tmp_path / "cc.xlsx")
    book["Levels"]["D3"] = "20-40 minuti"  # L2's window, written the way people write it
    book["Settings"]["B8"] = None  # the Matrix sheet's language is found from its labels
    book.save(tmp_path / "cc.xlsx")
    result = read(tmp_path / "cc.xlsx")
    assert level(result, 1)["window"] == "20m..40m"
    found = problems(result)
    assert found[0] == (
        "Matrix!C3: '30 minuti-1 ora', but the detail sheets give '20-40 minuti'; the detail"
        " sheets win, so a change made only on this sheet is not imported"
    )
    # the per-priority rows of L2 (P1, P2 and P4 scale its window) are stale too
    assert [p.split(":")[0] for p in found] == ["Matrix!C3", "Matrix!C4", "Matrix!C5", "Matrix!C6"]


def test_a_matrix_sheet_alone_is_read_as_a_hand_made_sheet(tmp_path: Path) -> None:
    matrix = load_matrix(MATRICES / "call-center.yaml")
    write_workbook(matrix, tmp_path / "cc.xlsx", "es")
    book = openpyxl.load_workbook(tmp_path / "cc.xlsx")
    for name in book.sheetnames[1:]:
        del book[name]
    book.save(tmp_path / "cc.xlsx")
    result = read(tmp_path / "cc.xlsx")
    assert result.kind == "template" and problems(result) == []
    original = matrix_to_dict(matrix)
    data = result.data
    assert [lvl["name"] for lvl in data["levels"]] == [lvl["name"] for lvl in original["levels"]]
    windows = [lvl["window"] for lvl in original["levels"]]
    assert [lvl["window"] for lvl in data["levels"]] == windows
    assert [c["name"] for c in data["categories"]] == [c["name"] for c in original["categories"]]
    assert [c["path"] for c in data["categories"]] == [c["path"] for c in original["categories"]]
    assert data["priorities"]["P1"] == {"name": "Critical", "start": "L2", "scale": 0.25}
    assert data["priorities"]["P4"] == {"name": "Low", "start": None, "scale": 2}
    complaint, wanted = data["categories"][0]["cells"], original["categories"][0]["cells"]
    assert {k: v["response"] for k, v in complaint.items()} == {
        k: v["response"] for k, v in wanted.items()
    }
    names = {t["id"]: t["name"] for t in original["triggers"]}
    assert trigger_names(result, complaint["L3"]["triggers"]) == [
        names[t] for t in wanted["L3"]["triggers"]
    ]
    assert data["categories"][3]["contacts"] == {"L2": ["billing-and-accounts"]}


# --- files that are not workbooks --------------------------------------------------------------


def _ole(*streams: str) -> bytes:
    body = b"".join(name.encode("utf-16-le") + b"\x00" * 16 for name in streams)
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + body


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"version: 1\nname: not a workbook\n", "is not an Excel workbook (.xlsx)"),
        (b"", "is not an Excel workbook (.xlsx)"),
        (_ole("EncryptionInfo", "EncryptedPackage"), "is password-protected (encrypted)"),
        (_ole("Workbook", "SummaryInformation"), "is an Excel 97-2003 workbook (.xls)"),
        (b"PK\x03\x04 broken zip", "is not an Excel workbook (.xlsx)"),
    ],
    ids=["text", "empty-file", "encrypted", "xls", "broken-zip"],
)
def test_files_that_are_not_workbooks(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(content)
    with pytest.raises(WorkbookError) as raised:
        import_workbook(path)
    assert str(raised.value).startswith(f"{path}: {message}")


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with pytest.raises(WorkbookError, match="is a zip file but not an Excel workbook"):
        import_workbook(path)


def test_empty_workbook_and_workbook_without_a_table(tmp_path: Path) -> None:
    with pytest.raises(WorkbookError, match="is an empty workbook"):
        import_workbook(make_book(tmp_path / "empty.xlsx", []))
    with pytest.raises(WorkbookError, match="holds no escalation matrix"):
        import_workbook(make_book(tmp_path / "list.xlsx", [["Name", "Phone"], ["Giulia", "123"]]))


def _rewrite(path: Path, member: str, change: Any) -> None:
    with zipfile.ZipFile(path) as source:
        items = {name: source.read(name) for name in source.namelist()}
    items[member] = change(items[member])
    with zipfile.ZipFile(path, "w") as target:
        for name, data in items.items():
            target.writestr(name, data)


def test_xml_bombs_are_refused(tmp_path: Path) -> None:
    path = make_book(tmp_path / "bomb.xlsx", [["Escalation level", "Level 1"]])
    entities = b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    _rewrite(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b"<worksheet", entities + b"<worksheet", 1),
    )
    with pytest.raises(WorkbookError, match=r"refused as unsafe \(EntitiesForbidden\)"):
        import_workbook(path)


def test_openpyxl_warnings_become_messages(tmp_path: Path) -> None:
    """A workbook from a tool that writes no cell styles makes openpyxl warn; the warning is
    passed on as a message instead of escaping (pytest runs with warnings as errors)."""
    rows: Rows = [["Escalation level", "Level 1"], ["Timeline", "Resolution"], ["Billing"]]
    path = make_book(tmp_path / "bare.xlsx", rows)
    bare = (b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b'<cellXfs count="1"><xf/></cellXfs></styleSheet>')  # fmt: skip
    _rewrite(path, "xl/styles.xml", lambda _: bare)
    result = read(path)
    assert result.messages == [
        "openpyxl: Workbook contains no default style, apply openpyxl's default"
    ]


# --- ids -----------------------------------------------------------------------------------------


def test_slugs() -> None:
    assert slugify("Billing / payment") == "billing-payment"
    assert slugify("Cobrança à vista — Ação") == "cobranca-a-vista-acao"
    assert slugify("Straße") == "strasse"
    assert slugify("!!!", fallback="trigger") == "trigger"
    assert (
        slugify("Customer asks to speak with a manager", "_")
        == "customer_asks_to_speak_with_a_manager"
    )
    long = slugify("Customer requests a refund or cancellation of the whole order")
    assert long == "customer-requests-refund-cancellation" and len(long) <= 40
    ids = Slugger()
    assert [ids.new("Front desk"), ids.new("front  DESK"), ids.new("Front-desk")] == [
        "front-desk", "front-desk-2", "front-desk-3"
    ]  # fmt: skip
    assert fold("  Nível   de ESCALONAMENTO ") == "nivel de escalonamento"


def test_reading_leaves_no_file_open(tmp_path: Path) -> None:
    """An unclosed file is reported when it is collected; pytest turns that into an error."""
    path = make_book(tmp_path / "x.xlsx", ITALIAN)
    for _ in range(3):
        import_workbook(path)
    gc.collect()


# --- any sheet at all ---------------------------------------------------------------------------

VOCABULARY = [
    "Escalation level", "Livello di escalation", "Point of contact", "Punto de contacto",
    "Timeline", "Linha do tempo", "Timeline P1 (Critical)", "Level 1", "Livello 2", "Nivel 3",
    "L4", "15-30 minutes", "30 minuti-1 ora", "1-2 dias úteis", "Resolución", "ASAP",
    "30-15 minutes",
    "Giulia Rossi (Manager) giulia@example.com", "Reps team\nBilling desk", "—", "n/a", "-",
    "Response: a\nTrigger: b", "Risposta:\n• x\n• y", "Gatilho: c; d", "Contact: Billing desk",
    "Response\n- one\n- two\nTrigger\n* three", "Billing", "Problema: Reclamo", "=1+1", "@x",
    "[/] markup", "   ", "12", "Trigger:", "Response:",
]  # fmt: skip


@st.composite
def sheets(draw: st.DrawFn) -> tuple[Rows, list[str]]:
    height, width = draw(st.integers(1, 8)), draw(st.integers(1, 6))
    text = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=12)
    cell = st.one_of(st.none(), st.sampled_from(VOCABULARY), text)
    rows = [[draw(cell) for _ in range(width)] for _ in range(height)]
    merges = []
    for _ in range(draw(st.integers(0, 2))):
        r, c = draw(st.integers(1, height)), draw(st.integers(1, width))
        r2, c2 = draw(st.integers(r, height)), draw(st.integers(c, width))
        if (r2, c2) != (r, c):
            merges.append(f"{_letter(c)}{r}:{_letter(c2)}{r2}")
    return rows, merges


def _letter(column: int) -> str:
    return "ABCDEFGH"[column - 1]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(sheet=sheets())
def test_any_sheet_is_read_or_refused_clearly(
    tmp_path: Path, sheet: tuple[Rows, list[str]]
) -> None:
    """Whatever a sheet holds, import either refuses it with a WorkbookError or writes YAML
    that reads back; every problem names a cell of the workbook."""
    rows, merges = sheet
    path = tmp_path / "any.xlsx"
    try:
        make_book(path, rows, merges=tuple(merges))
    except ValueError:  # overlapping merges: openpyxl refuses them too
        return
    try:
        result = import_workbook(path)
    except WorkbookError as error:
        assert str(error).startswith(f"{path}: ")
        return
    assert result.report.matrix is not None or result.report.errors
    for problem in result.problems:
        assert problem.where.startswith("Matrix")


def test_a_role_with_the_person_in_brackets(tmp_path: Path) -> None:
    """``Team lead (Maria)`` is Maria, whose role is team lead; ``Giulia Rossi (Support
    manager)`` is Giulia Rossi; a level without a name of its own is named by the role."""
    rows: Rows = [
        ["Escalation level", "Level 1", "Level 2 - Front office", "Level 3", "Level 4"],
        ["Point of contact", "Team lead (Maria)", "Capo turno (Luca Neri)",
         "Giulia Rossi (Support manager)", "Billing team"],
        ["Timeline", "15-30 minutes", "1-2 hours", "2-4 hours", "Resolution"],
        ["Billing"],
    ]  # fmt: skip
    result = read(make_book(tmp_path / "roles.xlsx", rows))
    contacts = result.data["contacts"]
    people = [(c["name"], c["role"], c["kind"]) for c in contacts.values()]
    assert people == [
        ("Maria", "Team lead", "person"),
        ("Luca Neri", "Capo turno", "person"),
        ("Giulia Rossi", "Support manager", "person"),
        ("Billing team", None, "team"),
    ]
    assert [level(result, i)["name"] for i in range(4)] == [
        "Team lead", "Front office", "Support manager", "Billing team"
    ]  # fmt: skip
    assert level(result, 0)["contacts"] == ["maria"]
