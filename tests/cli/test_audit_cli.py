"""`escmatrix audit` from the command line: formats, options, bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from escmatrix.simulation.audit import FIELDS, KINDS
from tests.conftest import DATA, MATRICES
from tests.unit.excel_checks import prints_for_people

VOLVO = str(MATRICES / "volvo-push-to-front.yaml")
VOLVO_MAP = str(MATRICES / "mappings" / "bpi2013-volvo.yaml")
VOLVO_LOG = str(DATA / "logs" / "volvo-audit-excerpt.csv")
CALL_CENTER = str(MATRICES / "call-center.yaml")
SAMPLE = str(MATRICES / "samples" / "call-center-tickets.csv")


def volvo(cli: Any, *args: str, code: int = 0) -> Any:
    return cli("audit", VOLVO, VOLVO_LOG, "--map", VOLVO_MAP, *args, code=code)


def test_summary_is_the_default(cli: Any) -> None:
    out = volvo(cli).stdout
    assert "Conformance:" in out and "First level alone:" in out
    for title in ("Deviations by kind", "Lateness by level", "Escalations per actor"):
        assert title in out
    assert "The ten latest tickets" in out


def test_jsonl_csv_and_json_carry_the_same_records(cli: Any) -> None:
    lines = [json.loads(line) for line in volvo(cli, "-f", "jsonl").stdout.splitlines()]
    rows = list(csv.DictReader(io.StringIO(volvo(cli, "-f", "csv").stdout)))
    data = volvo(cli, "-f", "json").json()
    assert lines and len(lines) == len(rows) == len(data["deviations"])
    assert all(list(record) == list(FIELDS) for record in lines)
    assert {record["kind"] for record in lines} <= set(KINDS)
    assert [(r["ticket"], r["kind"], r["time"]) for r in lines] == [
        (r["ticket"], r["kind"], r["time"]) for r in rows
    ]
    assert data["deviations"] == lines
    summary = data["summary"]
    assert summary["deviations"] == len(lines)
    assert sum(summary["deviations_by_kind"].values()) == len(lines)
    assert summary["tickets"] == 129


def test_table(cli: Any) -> None:
    out = volvo(cli, "-f", "table", "-g", "team").stdout
    assert "skipped-level" in out and "team" in out and "followed the matrix" in out


def test_group_by_an_attribute_of_the_mapping(cli: Any) -> None:
    summary = volvo(cli, "-f", "json", "--group-by", "organisation").json()["summary"]
    assert summary["group_by"] == "organisation"
    assert "Org line C" in summary["groups"]
    group = summary["groups"]["Org line C"]
    assert group["tickets"] >= group["conforming"] > 0


def test_group_by_an_unknown_field_is_an_error(cli: Any) -> None:
    result = volvo(cli, "--group-by", "nope", code=2)
    assert "--group-by 'nope'" in result.stderr and "organisation" in result.stderr


def test_xlsx(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "audit.xlsx"
    volvo(cli, "-f", "xlsx", "-o", str(out), "-g", "organisation")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [
        "Summary",
        "Deviations",
        "Kinds",
        "Levels",
        "Groups",
        "Actors",
        "Latest",
    ]
    deviations = book["Deviations"]
    assert list(deviations.tables) == ["Deviations"]
    rows = list(deviations.iter_rows(min_row=2, values_only=True))
    records = volvo(cli, "-f", "jsonl").stdout.splitlines()
    assert len(rows) == len(records)
    assert {row[1] for row in rows} <= set(KINDS)
    assert book["Kinds"]._charts and book["Groups"]._charts
    figures = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row[0]}
    assert figures["Tickets"] == 129
    prints_for_people(book["Summary"], title_rows=None, one_page=True)
    for name in book.sheetnames[1:]:
        prints_for_people(book[name])


def test_xlsx_needs_a_file(cli: Any) -> None:
    assert "-o" in volvo(cli, "-f", "xlsx", code=2).stderr


def test_text_from_the_log_is_never_a_formula(cli: Any, tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text(
        "ticket,time,event,category,level,actor\n"
        "=HYPERLINK(1),2026-03-02T09:00:00+01:00,created,product-complaint,L2,@evil\n",
        encoding="utf-8",
    )
    out = tmp_path / "audit.xlsx"
    cli("audit", CALL_CENTER, str(log), "-f", "xlsx", "-o", str(out), "-g", "actor")
    ws = openpyxl.load_workbook(out)["Deviations"]
    assert ws["A2"].value == "=HYPERLINK(1)" and ws["A2"].data_type == "s"
    assert ws["K2"].value == "@evil" and ws["K2"].data_type == "s"


def test_rows_that_cannot_be_placed(cli: Any, tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text(
        "ticket,time,event,category,level\n"
        "A,2026-03-02T09:00:00+01:00,created,product-complaint,L1\n"
        "A,2026-03-02T09:20:00+01:00,escalated,product-complaint,L9\n",
        encoding="utf-8",
    )
    result = cli("audit", CALL_CENTER, str(log), "-f", "jsonl")
    assert "1 level not in the matrix" in result.stderr and f"{log}:3" in result.stderr
    summary = cli("audit", CALL_CENTER, str(log), "-f", "json").json()["summary"]
    assert summary["unplaced_rows"] == {"level not in the matrix": 1}
    assert summary["unplaced_examples"][0].startswith(f"{log}:3: ")
    assert "Rows not placed or skipped" in cli("audit", CALL_CENTER, str(log)).stdout
    strict = cli("audit", CALL_CENTER, str(log), "--strict", code=2)
    assert f"{log}:3:" in strict.stderr and "'L9'" in strict.stderr


def test_until_judges_open_tickets_up_to_it(cli: Any) -> None:
    records = [
        json.loads(line)
        for line in cli(
            "audit", CALL_CENTER, SAMPLE, "-f", "jsonl", "--until", "2026-03-09T09:00"
        ).stdout.splitlines()
    ]
    summary = cli("audit", CALL_CENTER, SAMPLE, "-f", "json", "--until", "2026-03-02T09:00")
    assert summary.json()["summary"]["horizon"] == "2026-03-02T09:00:00+01:00"
    assert any("still at" in r["detail"] for r in records if r["kind"] == "late")


def test_standard_input_and_a_log_in_no_order(cli: Any) -> None:
    rows = [
        "ticket,time,event,category,level",
        "A,2026-03-02T09:00:00+01:00,created,product-complaint,L1",
        "B,2026-03-02T09:05:00+01:00,created,product-complaint,L1",
        "A,2026-03-02T08:00:00+01:00,manager_requested,product-complaint,L1",
    ]
    result = cli("audit", CALL_CENTER, "-", "-f", "json", input="\n".join(rows) + "\n")
    data = json.loads(result.stdout)
    assert data["summary"]["tickets"] == 2
    assert "in no order" in data["summary"]["warnings"][0]


@pytest.mark.parametrize("target", ["log", "matrix", "map"])
def test_refuses_to_overwrite_an_input(cli: Any, tmp_path: Path, target: str) -> None:
    paths = {}
    for name, source in (("log", VOLVO_LOG), ("matrix", VOLVO), ("map", VOLVO_MAP)):
        paths[name] = tmp_path / Path(source).name
        paths[name].write_bytes(Path(source).read_bytes())
    before = paths[target].read_bytes()
    result = cli(
        "audit", str(paths["matrix"]), str(paths["log"]), "--map", str(paths["map"]),
        "-f", "jsonl", "-o", str(paths[target]), code=2,
    )  # fmt: skip
    assert "this command reads; write to another file" in result.stderr
    assert paths[target].read_bytes() == before


def test_bad_input_exits_2(cli: Any, tmp_path: Path) -> None:
    assert "no such file" in cli("audit", CALL_CENTER, str(tmp_path / "none.csv"), code=2).stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("who,when\nA,B\n", encoding="utf-8")
    assert "missing required column" in cli("audit", CALL_CENTER, str(bad), code=2).stderr
    assert "--until" in cli("audit", CALL_CENTER, SAMPLE, "--until", "soon", code=2).stderr


def test_an_audit_of_no_ticket_exits_2(cli: Any, tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text(
        "ticket,time,event,category,level\nA,2026-03-02T09:00:00+01:00,created,nope,L1\n",
        encoding="utf-8",
    )
    out = tmp_path / "audit.jsonl"
    result = cli("audit", CALL_CENTER, str(log), "-f", "jsonl", "-o", str(out), code=2)
    assert "nothing audited: every ticket" in result.stderr and "unknown category" in result.stderr
    assert not out.exists()
    until = cli("audit", CALL_CENTER, SAMPLE, "--until", "2020-01-01T00:00", code=2)
    assert "after --until" in until.stderr
