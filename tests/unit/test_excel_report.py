"""The Excel report of a replay (escmatrix.excel.report): every sheet read back with openpyxl
(not write-only), the Notifications table, charts and their references, the heat maps'
colour scales, text that never becomes a formula, date-times, sheets that go on past the row
limit, and a restart that leaves nothing of the first attempt."""

from __future__ import annotations

import datetime as dt
import errno
import io
import zipfile
import zoneinfo
from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from escmatrix.excel.report import EXCEL_ROWS, ReportSink
from escmatrix.model import Matrix
from escmatrix.simulation.engine import Notification
from escmatrix.simulation.summary import Summary
from escmatrix.validation import load_matrix, load_matrix_text
from tests.conftest import MATRICES
from tests.unit.excel_checks import prints_for_people

ROME = zoneinfo.ZoneInfo("Europe/Rome")
MATRIX = load_matrix(MATRICES / "call-center.yaml")
NAMES = {level.id: level.name for level in MATRIX.levels}
HEADER = ["Ticket", "Time (Europe/Rome)", "Level", "Level name", "Contacts", "Reason", "Detail"]
# the call center's contacts have office hours and deputies: who could not be reached (SPEC 10)
HEADER += ["Unreachable", "Next reachable (Europe/Rome)", "After hours"]
FORMULA_LIKE = ("=", "+", "-", "@")


def note(
    ticket: str,
    minutes: int,
    level: str = "L1",
    contacts: tuple[str, ...] = ("reps",),
    reason: str = "created",
    detail: str = "ticket created",
) -> Notification:
    """A notification ``minutes`` after Monday 2 March 2026 08:00 in Rome."""
    when = dt.datetime(2026, 3, 2, 8, tzinfo=ROME) + dt.timedelta(minutes=minutes)
    return Notification(ticket, when, level, NAMES.get(level, level), contacts, reason, detail)


RECORDS = [
    note("CC-1", 0),
    note("CC-2", 5, contacts=("reps", "support-manager")),
    note("CC-1", 40, "L2", ("support-manager",), "timeout", "30m window of L1 elapsed"),
    note("CC-3", 60 * 26, "L3", ("account-manager",), "trigger:privacy-risk", "privacy"),
]


def count(summary: Summary, records: list[Notification]) -> Summary:
    """The figures of ``records`` in ``summary``, counted here (not by Summary.add, whose
    way of counting is the engine's business)."""
    for r in records:
        summary.notifications += 1
        summary.by_reason["trigger" if r.reason.startswith("trigger:") else r.reason] += 1
        for contact in r.contacts:
            summary.per_contact[contact] += 1
            hours = summary.per_contact_hour.setdefault(contact, [0] * 168)
            hours[r.time.weekday() * 24 + r.time.hour] += 1
    summary.tickets = len({r.ticket for r in records})
    return summary


def write_report(
    records: list[Notification],
    matrix: Matrix = MATRIX,
    summary: Summary | None = None,
    **options: Any,
) -> tuple[bytes, Summary]:
    summary = count(summary or Summary(matrix=matrix.name, log="log.csv"), records)
    stream = io.BytesIO()
    sink = ReportSink(stream, matrix, **options)
    for record in records:
        sink.write(record)
    sink.close(summary)
    return stream.getvalue(), summary


def load(data: bytes, tmp_path: Path) -> Any:
    path = tmp_path / "report.xlsx"
    path.write_bytes(data)
    return openpyxl.load_workbook(path)


def values(ws: Any) -> list[list[Any]]:
    return [list(row) for row in ws.iter_rows(values_only=True)]


def labelled(ws: Any) -> dict[str, list[Any]]:
    """The rows of a sheet by the text in their first cell."""
    return {row[0]: row[1:] for row in values(ws) if isinstance(row[0], str)}


def ref(formula: str) -> str:
    """A chart's reference as Excel reads it (a sheet name needs no quotes unless it has
    spaces): 'Contacts'!$C$2:$C$4 and Contacts!$C$2:$C$4 are the same."""
    sheet, _, cells = formula.rpartition("!")
    return f"{sheet.strip(chr(39))}!{cells}"


def no_formulas(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                xml = archive.read(name)
                assert b"<f>" not in xml and b"<f " not in xml, name


def test_sheets_in_order_and_one_row_per_notification(tmp_path: Path) -> None:
    data, _ = write_report(RECORDS)
    book = load(data, tmp_path)
    assert book.sheetnames == ["Summary", "Notifications", "Contacts", "Hours", "Levels"]
    assert book.active.title == "Summary"
    ws = book["Notifications"]
    rows = values(ws)
    assert rows[0] == HEADER
    assert rows[1:] == [
        [r.ticket, r.time.replace(tzinfo=None), r.level, r.level_name,
         ", ".join(MATRIX.contact_by_id[c].name for c in r.contacts), r.reason, r.detail,
         None, None, None]  # nobody unreachable or after hours in these records
        for r in RECORDS
    ]  # fmt: skip
    assert rows[2][4] == "Call center representatives, Giulia Rossi"
    assert ws.freeze_panes == "A2"
    assert ws["A1"].font.bold


def test_notifications_are_an_excel_table(tmp_path: Path) -> None:
    data, _ = write_report(RECORDS)
    ws = load(data, tmp_path)["Notifications"]
    assert list(ws.tables) == ["Notifications"]
    table = ws.tables["Notifications"]
    assert table.ref == "A1:J5"
    assert table.autoFilter.ref == "A1:J5"
    assert table.column_names == HEADER  # Excel repairs a table whose names differ


def test_times_are_excel_datetimes_in_the_matrix_zone(tmp_path: Path) -> None:
    utc = Notification(
        "CC-9", dt.datetime(2026, 7, 1, 6, 30, tzinfo=dt.timezone.utc), "L1", NAMES["L1"],
        ("reps",), "created", "ticket created",
    )  # fmt: skip
    data, _ = write_report([*RECORDS, utc])
    ws = load(data, tmp_path)["Notifications"]
    cell = ws["B2"]
    assert cell.is_date and isinstance(cell.value, dt.datetime)  # not text
    assert cell.value == dt.datetime(2026, 3, 2, 8, 0)
    assert cell.number_format == "yyyy-mm-dd hh:mm:ss"
    assert ws["B6"].value == dt.datetime(2026, 7, 1, 8, 30)  # 06:30 UTC is 08:30 in Rome (CEST)


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    matrix = load_matrix_text(
        (MATRICES / "call-center.yaml")
        .read_text("utf-8")
        .replace("name: Giulia Rossi", "name: '-1'")
        .replace("name: Marco Bianchi", "name: '#N/A'")
    )
    records = [
        note("=SUM(A1)", 0, detail="@x"),
        note("+39 02", 1, "L2", ("support-manager",), detail="-2"),
        note("#DIV/0!", 2, "L3", ("account-manager",), detail='=HYPERLINK("http://x")'),
        note("@", 3, detail="="),
    ]
    summary = Summary(matrix="=cmd|' /C calc'!A0", log="-log.csv")
    summary.unknown_events["=1+1"] = 2
    summary.warnings.append("@warn")
    data, _ = write_report(records, matrix, summary)
    book = load(data, tmp_path)
    notifications = values(book["Notifications"])
    assert [row[0] for row in notifications[1:]] == ["=SUM(A1)", "+39 02", "#DIV/0!", "@"]
    assert [row[6] for row in notifications[1:]] == ["@x", "-2", '=HYPERLINK("http://x")', "="]
    assert notifications[2][4] == "-1" and notifications[3][4] == "#N/A"
    assert book["Contacts"]["A3"].value in ("-1", "#N/A")
    risky = 0
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", f"{ws.title}!{cell.coordinate}"
                    if cell.value.startswith(FORMULA_LIKE) or cell.value.startswith("#"):
                        risky += 1
                        assert cell.quotePrefix, f"{ws.title}!{cell.coordinate}"
    assert risky >= 16
    no_formulas(data)


def test_text_a_workbook_cannot_hold_is_changed_with_a_warning(tmp_path: Path) -> None:
    long = "x" * 40_000
    data, summary = write_report([note("T\x07", 0, detail=long)])
    ws = load(data, tmp_path)["Notifications"]
    assert ws["A2"].value == "T\ufffd"
    assert len(ws["G2"].value) == 32_767 and ws["G2"].value.endswith("…")
    assert len(summary.warnings) == 2
    assert any("control characters" in w for w in summary.warnings)
    warnings = [row[2] for row in values(load(data, tmp_path)["Summary"]) if row[2]]
    assert any("longer than an Excel cell" in str(w) for w in warnings)


def test_summary_sheet(tmp_path: Path) -> None:
    summary = Summary(matrix=MATRIX.name, log="tickets.csv")
    summary.horizon = dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.timezone.utc)
    summary.events, summary.creation_inferred, summary.after_horizon = 9, 1, 3
    summary.unresolved = {"L2": 1, "L3": 1}
    summary.skipped = Counter({"missing ticket id": 2, "unparseable time": 1})
    summary.skipped_examples = [
        "tickets.csv:5: skipped: the row has no ticket id",
        "tickets.csv:6: skipped: cannot read time 'noon'",
        "elsewhere: no line",
    ]
    summary.unknown_events = Counter({"callback": 4})
    summary.ignored = Counter({"escalated at the top of the path": 1})
    summary.warnings = ["tickets.csv: rows are not in time order across tickets"]
    data, _ = write_report(RECORDS, summary=summary)
    ws = load(data, tmp_path)["Summary"]
    rows = labelled(ws)
    assert rows["Matrix"][0] == MATRIX.name and rows["Log"][0] == "tickets.csv"
    assert (
        rows["Time zone"][0] == "Europe/Rome" and "Excel has no time zones" in rows["Time zone"][1]
    )
    assert rows["Horizon"][0] == dt.datetime(2026, 3, 3, 10, 0)  # 09:00 UTC in Rome
    assert rows["Tickets"][0] == 3 and rows["Events"][0] == 9
    assert rows["Notifications"] == [4, "sheet Notifications"]
    assert rows["Tickets created at their first row"][0] == 1
    assert rows["Events after the horizon"][0] == 3
    assert rows["created"][0] == 2 and rows["timeout"][0] == 1 and rows["trigger"][0] == 1
    assert rows["L2 Call center support manager"][0] == 1
    assert rows["missing ticket id"][0] == 2 and rows["unparseable time"][0] == 1
    assert rows["First skipped rows"] == ["Line", "Why"]
    lines = [row[1:] for row in values(ws) if row[0] is None and isinstance(row[1], int)]
    assert lines == [
        [5, "skipped: the row has no ticket id"],
        [6, "skipped: cannot read time 'noon'"],
    ]
    assert [None, None, "elsewhere: no line"] in values(ws)
    assert rows["callback"][0] == 4
    assert rows["escalated at the top of the path"][0] == 1
    assert [None, None, "tickets.csv: rows are not in time order across tickets"] in values(ws)
    assert ws["B7"].is_date  # the horizon
    assert ws["A1"].font.bold


def test_empty_sections_say_none(tmp_path: Path) -> None:
    data, _ = write_report([])
    book = load(data, tmp_path)
    rows = values(book["Summary"])
    headers = [i for i, row in enumerate(rows) if row[0] == "Unknown events (not in the matrix)"]
    assert rows[headers[0] + 1][0] == "none"
    table = book["Notifications"].tables["Notifications"]
    assert table.ref == "A1:J2"  # a table needs a row under its header
    assert book["Contacts"]._charts == []
    assert "no notifications" in [row[0] for row in values(book["Hours"])]


def test_contacts_sheet_and_its_chart(tmp_path: Path) -> None:
    data, summary = write_report(RECORDS)
    ws = load(data, tmp_path)["Contacts"]
    rows = values(ws)
    assert rows[0] == ["Contact", "Id", "Notifications"]
    assert rows[1:] == [
        ["Giulia Rossi", "support-manager", 2],
        ["Call center representatives", "reps", 2],
        ["Marco Bianchi", "account-manager", 1],
    ] or rows[1:] == [
        ["Call center representatives", "reps", 2],
        ["Giulia Rossi", "support-manager", 2],
        ["Marco Bianchi", "account-manager", 1],
    ]
    assert [row[2] for row in rows[1:]] == [n for _, n in summary.per_contact.most_common()]
    assert len(ws._charts) == 1
    chart = ws._charts[0]
    assert chart.tagname == "barChart" and chart.type == "bar"
    (series,) = chart.series
    assert ref(series.val.numRef.f) == "Contacts!$C$2:$C$4"
    assert ref((series.cat.numRef or series.cat.strRef).f) == "Contacts!$A$2:$A$4"
    assert ref(series.tx.strRef.f).replace("$", "") == "Contacts!C1"
    assert chart.x_axis.scaling.orientation == "maxMin"  # the busiest at the top


def test_contacts_chart_shows_the_busiest(tmp_path: Path) -> None:
    matrix_text = (MATRICES / "call-center.yaml").read_text("utf-8")
    records = [
        note(f"T{i}", i, contacts=tuple(f"c{j}" for j in range(i % 40 + 1))) for i in range(60)
    ]
    data, _ = write_report(records, load_matrix_text(matrix_text))
    ws = load(data, tmp_path)["Contacts"]
    assert ws.max_row == 41  # every contact is listed
    (series,) = ws._charts[0].series
    assert ref(series.val.numRef.f) == "Contacts!$C$2:$C$26"  # the chart shows the busiest 25
    assert ws["A2"].value == "c0"  # unknown ids are shown as they are


def test_hours_sheet_heat_maps(tmp_path: Path) -> None:
    data, summary = write_report(RECORDS)
    ws = load(data, tmp_path)["Hours"]
    rows = values(ws)
    busiest = [contact for contact, _ in summary.per_contact.most_common()]
    starts = [i for i, row in enumerate(rows) if row[1:] == [None] * 25 and row[0] in
              {MATRIX.contact_by_id[c].name for c in busiest}]  # fmt: skip
    assert [rows[i][0] for i in starts] == [MATRIX.contact_by_id[c].name for c in busiest]
    for contact, start in zip(busiest, starts, strict=True):
        assert rows[start + 1] == [None, *range(24), "Total"]
        week = rows[start + 2 : start + 9]
        assert [row[0] for row in week] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        hours = [count for row in week for count in row[1:25]]
        assert hours == summary.per_contact_hour[contact]
        assert [row[25] for row in week] == [sum(row[1:25]) for row in week]
    reps = rows[starts[busiest.index("reps")] + 2]
    assert reps[9] == 2  # Monday 08:00-08:59: CC-1 and CC-2
    ranges = {str(cf.sqref): cf.rules for cf in ws.conditional_formatting}
    assert sorted(ranges) == sorted(f"B{s + 3}:Y{s + 9}" for s in starts)
    priorities = []
    for rules in ranges.values():
        (rule,) = rules
        assert rule.type == "colorScale"
        assert [v.type for v in rule.colorScale.cfvo] == ["min", "max"]
        priorities.append(rule.priority)
    assert len(set(priorities)) == len(priorities) == len(busiest)


def test_levels_sheet_and_its_chart(tmp_path: Path) -> None:
    summary = Summary(matrix=MATRIX.name, log="log.csv")
    summary.highest_level = {"L2": 1, "L3": 2}
    summary.unresolved = {"L3": 2}
    data, _ = write_report(RECORDS, summary=summary)
    ws = load(data, tmp_path)["Levels"]
    rows = values(ws)
    assert rows[0][:3] == ["Level", "Name", "Tickets (highest level reached)"]
    assert [row[0] for row in rows[1:]] == [level.id for level in MATRIX.levels]
    assert rows[1] == ["L1", "Call center representative", 0, 2, 0]
    assert rows[2] == ["L2", "Call center support manager", 1, 1, 0]
    assert rows[3] == ["L3", "Account manager", 2, 1, 2]
    (chart,) = ws._charts
    (series,) = chart.series
    last = len(MATRIX.levels) + 1
    assert ref(series.val.numRef.f) == f"Levels!$C$2:$C${last}"
    assert ref((series.cat.numRef or series.cat.strRef).f) == f"Levels!$A$2:$A${last}"


def test_rows_go_on_in_further_sheets_past_the_limit(tmp_path: Path) -> None:
    records = [note(f"T{i}", i) for i in range(7)]
    data, _ = write_report(records, rows_per_sheet=4)
    book = load(data, tmp_path)
    assert book.sheetnames[:4] == ["Summary", "Notifications", "Notifications 2", "Notifications 3"]
    tickets = []
    sheets = ("Notifications", "Notifications 2", "Notifications 3")
    for name, table in zip(
        sheets, ("Notifications", "Notifications2", "Notifications3"), strict=True
    ):
        ws = book[name]
        rows = values(ws)
        assert rows[0] == HEADER and ws.freeze_panes == "A2"
        assert ws.tables[table].ref == f"A1:J{max(2, len(rows))}"
        tickets += [row[0] for row in rows[1:]]
    assert tickets == [f"T{i}" for i in range(7)]
    assert labelled(book["Summary"])["Notifications"][1] == (
        "sheets Notifications, Notifications 2, Notifications 3"
        " (Excel holds at most 1,048,576 rows a sheet)"
    )
    with pytest.raises(ValueError):
        ReportSink(io.BytesIO(), MATRIX, rows_per_sheet=EXCEL_ROWS + 1)


def temporary_files(sink: ReportSink) -> list[Path]:
    """The workbook's temporary folder and the files in it (the rows written so far)."""
    assert sink.book is not None
    folder = Path(sink.book.folder)
    return [folder, *folder.iterdir()] if folder.exists() else [folder]


def test_reset_starts_a_clean_report(tmp_path: Path) -> None:
    stream = io.BytesIO()
    sink = ReportSink(stream, MATRIX)
    for record in RECORDS:
        sink.write(record)
    first = temporary_files(sink)
    assert len(first) > 1 and all(path.exists() for path in first)
    sink.reset()
    assert not any(path.exists() for path in first)
    assert stream.getvalue() == b""  # nothing written before close
    summary = count(Summary(matrix=MATRIX.name, log="log.csv"), RECORDS[2:])
    for record in RECORDS[2:]:
        sink.write(record)
    second = temporary_files(sink)
    sink.close(summary)
    assert not any(path.exists() for path in second)
    book = load(stream.getvalue(), tmp_path)
    assert [row[0] for row in values(book["Notifications"])] == ["Ticket", "CC-1", "CC-3"]
    assert book["Levels"]["D2"].value == 0  # L1 notifications of the first attempt are gone
    assert book.sheetnames == ["Summary", "Notifications", "Contacts", "Hours", "Levels"]


class FullDisk(io.RawIOBase):
    """A stream that takes a few bytes, then fails as a full disk does."""

    def __init__(self, room: int) -> None:
        self.room = room

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if len(data) > self.room:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.room -= len(data)
        return len(data)


def test_a_failed_close_leaves_no_temporary_file() -> None:
    sink = ReportSink(FullDisk(100), MATRIX)  # type: ignore[arg-type]
    for record in RECORDS:
        sink.write(record)
    files = temporary_files(sink)
    summary = Summary()
    with pytest.raises(OSError) as failure:
        sink.close(summary)
    assert failure.value.errno == errno.ENOSPC  # the error of the stream, as it is
    assert not any(path.exists() for path in files)
    sink.discard()  # again: nothing to do


def test_every_sheet_prints_like_the_export(tmp_path: Path) -> None:
    """Landscape, fit to the page width, the header row on every page; the Summary sheet on
    one page; header titles wrap in their cell (never cut) and long notes too."""
    data, _ = write_report(RECORDS)
    book = load(data, tmp_path)
    prints_for_people(book["Summary"], title_rows=None, one_page=True)
    for name in book.sheetnames[1:]:
        prints_for_people(book[name])
    for name in ("Notifications", "Contacts", "Levels"):
        assert all(cell.alignment.wrap_text for cell in book[name][1] if cell.value), name
    levels = book["Levels"]
    assert levels.row_dimensions[1].height and levels.row_dimensions[1].height > 15  # 2 lines
    summary = book["Summary"]
    zone = next(row for row in summary.iter_rows() if row[0].value == "Time zone")
    assert zone[2].alignment.wrap_text  # the note is wider than its column
    assert summary.row_dimensions[zone[0].row].height > 15
