"""Who is reachable, in a replay (SPEC section 10): each notification resolved at its
instant, in every output format, in explain and in the summary."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from escmatrix.events import Event
from escmatrix.output.simulation import CsvSink, JsonLinesSink, JsonSink
from escmatrix.simulation.engine import Notification, Simulation
from escmatrix.simulation.replay import replay
from escmatrix.simulation.summary import Summary
from escmatrix.validation import load_matrix_text
from tests.conftest import MATRICES, run_cli

ROME = ZoneInfo("Europe/Rome")
MATRIX = load_matrix_text("""
version: 1
name: Reachability in a replay
timezone: Europe/Rome
calendars:
  office: {week: {mon-fri: "09:00-18:00"}}
contacts:
  desk: {name: Desk, kind: team, email: desk@example.com}
  oncall:
    name: On call
    rotation: {members: [ana, ben], every: 1w, handoff: "mon 09:00", start: 2026-03-02}
  ana: {name: Ana Lima, email: ana@example.com}
  ben: {name: Ben Carter, email: ben@example.com}
  marco: {name: Marco Bianchi, email: m@example.com, calendar: office, deputy: giulia}
  giulia: {name: Giulia Rossi, email: g@example.com}
  board: {name: Executive board, email: b@example.com, calendar: office, outside_hours: wait}
levels:
  - {id: L1, name: Desk, contacts: [desk], window: 10m}
  - {id: L2, name: On call, contacts: [oncall], window: 10m}
  - {id: L3, name: Manager, contacts: [marco], window: 10m}
  - {id: L4, name: Board, contacts: [board], window: resolution}
categories:
  - {id: c, name: C}
""")


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=ROME)


def ladder(opened: str) -> list[Notification]:
    simulation = Simulation(MATRIX, horizon=at(opened) + dt.timedelta(hours=1))
    return list(simulation.replay([Event("T1", at(opened), "created", category="c")]))


def test_each_notification_reaches_who_is_really_there() -> None:
    # Saturday night, week of 9 March: Ben is on call; Marco is out (Giulia stands in);
    # the board waits for Monday's opening.
    records = ladder("2026-03-14T02:00")
    assert [r.contacts for r in records] == [("desk",), ("ben",), ("giulia",), ()]
    assert records[1].detail.endswith("; Ben Carter is on duty for On call")
    assert records[2].after_hours == ("marco",)
    assert records[2].detail.endswith(
        "; Marco Bianchi is outside office hours; deputy Giulia Rossi contacted"
    )
    board = records[3]
    assert board.unreachable == ("board",)
    assert board.next_reachable == at("2026-03-16T09:00")
    assert "waits until Mon 16 Mar 2026 09:00" in board.detail
    # in office hours everyone is reached as written, and nothing is added to the detail
    day = ladder("2026-03-10T10:00")
    assert [r.contacts for r in day] == [("desk",), ("ben",), ("marco",), ("board",)]
    assert all(r.unreachable == () and r.next_reachable is None for r in day)
    assert day[2].detail == "10m window of L2 elapsed without resolution"


def test_the_summary_counts_people_after_hours_and_pages_that_reached_nobody() -> None:
    summary = Summary()
    for record in ladder("2026-03-14T02:00") + ladder("2026-03-03T10:00"):
        summary.add(record)
    data = summary.to_dict()
    assert data["notifications_per_contact"] == {
        "desk": 2, "ana": 1, "ben": 1, "giulia": 1, "marco": 1, "board": 1
    }  # fmt: skip
    assert data["after_hours_per_contact"] == {"marco": 1, "board": 1}
    assert data["unreachable_per_contact"] == {"board": 1}
    assert data["notifications_reaching_nobody"] == 1


def test_every_format_carries_the_fields_of_a_matrix_with_availability() -> None:
    records = ladder("2026-03-14T02:00")
    lines = io.StringIO()
    sink = JsonLinesSink(lines, MATRIX)
    for record in records:
        sink.write(record)
    written = [json.loads(line) for line in lines.getvalue().splitlines()]
    assert written == [r.to_record(True) for r in records]
    assert lines.getvalue().splitlines()[3] == json.dumps(records[3].to_record(True))
    assert written[3]["unreachable"] == ["board"]
    assert written[3]["next_reachable"] == "2026-03-16T09:00:00+01:00"
    table = io.StringIO()
    csv_sink = CsvSink(table, MATRIX)
    for record in records:
        csv_sink.write(record)
    rows = list(csv.DictReader(io.StringIO(table.getvalue())))
    assert rows[3]["unreachable"] == "board" and rows[3]["contacts"] == ""
    assert rows[3]["next_reachable"] == "2026-03-16T09:00:00+01:00"
    assert rows[2]["after_hours"] == "marco"
    document = io.StringIO()
    json_sink = JsonSink(document, MATRIX)
    for record in records:
        json_sink.write(record)
    json_sink.close(Summary())
    assert json.loads(document.getvalue())["notifications"] == written


def test_a_matrix_without_availability_keeps_its_records_as_they_were(tmp_path: Path) -> None:
    matrix = load_matrix_text((MATRICES / "volvo-push-to-front.yaml").read_text("utf-8"))
    assert not matrix.uses_availability
    log = tmp_path / "log.csv"
    log.write_text("ticket,time,event\nA,2026-03-02T10:00:00+01:00,created\n")
    lines = io.StringIO()
    replay(matrix, log, JsonLinesSink(lines, matrix))
    assert set(json.loads(lines.getvalue().splitlines()[0])) == {
        "ticket", "time", "level", "level_name", "contacts", "reason", "detail"
    }  # fmt: skip
    table = io.StringIO()
    replay(matrix, log, CsvSink(table, matrix))
    assert table.getvalue().splitlines()[0] == "ticket,time,level,level_name,contacts,reason,detail"


def test_simulate_and_explain_on_the_call_center_example(tmp_path: Path) -> None:
    """Outside office hours the account manager's and the director's pages go to their
    deputies; the board's wait for the opening (the example says so per contact)."""
    matrix = str(MATRICES / "call-center.yaml")
    log = tmp_path / "log.csv"
    log.write_text(
        "ticket,time,event,category,priority\n"
        "N1,2026-03-27T23:00,created,product-complaint,P3\n"
        "N1,2026-03-27T23:05,manager_requested,product-complaint,P3\n"
        "N2,2026-03-28T02:10,created,billing,P1\n"
        "N2,2026-03-28T02:15,privacy_risk,billing,P1\n"
        "N2,2026-03-28T03:00,resolved,billing,P1\n"
    )
    data: Any = run_cli("simulate", matrix, str(log), "--format", "json").json()
    by_level = {(r["ticket"], r["level"]): r for r in data["notifications"]}
    assert by_level[("N1", "L3")]["contacts"] == ["support-manager"]  # Giulia for Marco
    assert by_level[("N1", "L3")]["after_hours"] == ["account-manager"]
    board = by_level[("N2", "L7")]
    assert board["contacts"] == ["security-officer"]  # the trigger's DPO is always there
    assert board["unreachable"] == ["senior-management"]
    assert board["next_reachable"] == "2026-03-28T09:00:00+01:00"  # Saturday 09:00-12:00
    summary = data["summary"]
    assert summary["unreachable_per_contact"] == {"senior-management": 1}
    assert summary["after_hours_per_contact"]["account-manager"] == 1
    text = run_cli(
        "explain", matrix, "-c", "billing", "-p", "P1", "--at", "2026-03-28T02:10",
        "-e", "5m=privacy_risk",
    ).stdout  # fmt: skip
    assert "Executive board is outside office hours; waits until Sat 28 Mar 2026 09:00" in text
    assert "Who answers, and how to reach them:" in text
    assert "Data protection officer (DPO): email dpo@example.com, phone +39 02 0000 1099" in text


def test_explain_shows_the_member_on_duty_and_how_to_reach_them() -> None:
    text = run_cli(
        "explain", str(MATRICES / "on-call.yaml"), "-c", "incident", "-p", "P1",
        "--at", "2026-03-12T22:00",
    ).stdout  # fmt: skip
    # week of 9 March: Ana's turn, but Ben covers her Thursday night (an override)
    assert "L2 Primary on call (Ben Carter)" in text
    assert "Ben Carter is on duty for Primary on call" in text
    assert "Ben Carter: email ben.carter@example.com, phone +1 212 555 0142, pager" in text
    assert "deputy Sam Rivera contacted" in text
