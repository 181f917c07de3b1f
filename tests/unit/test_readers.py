"""The narrow fast paths of the log readers against what they stand in for: CsvRows splits a
quote-free line itself and must give exactly the rows and line numbers of ``csv.reader``;
IsoReader reads the common ISO 8601 forms straight to microseconds and must give exactly
what ``datetime.fromisoformat`` gives. Random layouts mix every kind of record (quotes,
CRLF and lone CR, NUL, blank and short rows, long cells) and every form of time."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zoneinfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from escmatrix.instants import NONE, IsoReader, to_us
from escmatrix.loading.lines import CsvRows, Lines

ZONES = ["Europe/Rome", "Australia/Lord_Howe", "America/St_Johns", "Asia/Kolkata", "UTC"]
_NOTE = st.text(st.sampled_from(list('ab é,;|\t"\r\n\x00')), max_size=12)


def rows_both_ways(text: str, delimiter: str) -> tuple[list[object], list[object]]:
    """(rows of CsvRows with the line count after each, the same from csv.reader)."""

    def read(fast: bool) -> list[object]:
        lines = Lines(io.StringIO(text, newline=""))
        reader = csv.reader(lines, delimiter=delimiter)
        out: list[object] = []
        try:
            out.append(next(reader))
            rows = CsvRows(lines, reader, delimiter) if fast else reader
            for row in rows:
                out.append((row, rows.line_num))
        except (csv.Error, StopIteration) as error:
            out.append(type(error).__name__)
        return out

    return read(True), read(False)


@st.composite
def layouts(draw: st.DrawFn) -> tuple[str, str]:
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))

    def line(cells: list[str]) -> str:
        texts = []
        for cell in cells:
            if any(c in cell for c in (delimiter, '"', "\r", "\n")) or not draw(st.integers(0, 9)):
                cell = '"' + cell.replace('"', '""') + '"'
            texts.append(cell)
        return delimiter.join(texts) + draw(st.sampled_from(["\n", "\n", "\r\n", "\r", ""]))

    out = [line(["ticket", "time", "event", "note"])]
    for i in range(draw(st.integers(0, 25))):
        cells = [
            f"T{i}" + draw(st.sampled_from(["", "", " ", "\xa0"])),
            "2026-03-02T08:00:00+01:00",
            draw(st.sampled_from(["created", " fyi ", ""])),
            draw(_NOTE) + "x" * draw(st.sampled_from([0, 0, 0, 3000])),
        ]
        out.append(line(cells[: draw(st.sampled_from([4, 4, 3, 1]))]))
        if not draw(st.integers(0, 8)):
            out.append(
                draw(st.sampled_from(["\n", "  \n", "\r\n", delimiter * 3 + "\n", "\x00\n"]))
            )
    if not draw(st.integers(0, 10)):
        out.append('T9,"2026-03-02T08:00:00+01:00,created\n')  # a quote never closed
    return "".join(out), delimiter


@settings(max_examples=300, deadline=None)
@given(layouts())
def test_rows_are_those_of_csv_reader(layout: tuple[str, str]) -> None:
    fast, reference = rows_both_ways(*layout)
    assert fast == reference


@pytest.mark.parametrize("shift", range(0, 12, 3))
def test_every_kind_of_record_in_a_row(shift: int) -> None:
    rows = ["ticket,time,event,note\r\n", "A,2026-03-02T08:00:00+01:00,created," + "p" * shift]
    for i in range(300):
        rows.append(
            [
                f"\r\nT{i},2026,created,plain",
                f'\r\nT{i},2026,created,"a ""quoted"",\nnote"',
                f"\nT{i},2026,created,lone\r",
                f"\r\nT{i},2026,fyi,é",
                f"\n\xa0T{i}\xa0,2026,\x00created,x",
            ][i % 5]
        )
    fast, reference = rows_both_ways("".join(rows), ",")
    assert fast == reference and len(fast) > 300


def test_a_cell_over_the_field_limit_fails_as_csv_reader_does() -> None:
    text = "ticket,time\n" + "x" * (csv.field_size_limit() + 1) + ",t\n"
    fast, reference = rows_both_ways(text, ",")
    assert fast == reference == [["ticket", "time"], "Error"]


def _texts(at: dt.datetime, form: int) -> str:
    """``at`` written the ways a log may write it."""
    return [
        at.isoformat(),
        at.astimezone(dt.timezone.utc).isoformat().replace("+00:00", "Z"),
        at.replace(tzinfo=None).isoformat(sep=" "),
        at.replace(tzinfo=None).isoformat(timespec="minutes"),
        at.isoformat(timespec="milliseconds"),
        at.isoformat(timespec="microseconds"),
        at.replace(tzinfo=None).isoformat(timespec="seconds"),
        f" {at.isoformat()}",
        at.isoformat().replace("-", "/", 1),
        at.strftime("%Y-%m-%dT%H:%M:%S+0100"),
    ][form]


def reference(text: str, zone: dt.tzinfo) -> tuple[int, dt.tzinfo] | None:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = dt.datetime.combine(moment.date(), moment.time(), zone)
    assert moment.tzinfo is not None
    return to_us(moment), moment.tzinfo


@settings(max_examples=1500, deadline=None)
@given(
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2999, 12, 31)),
    st.sampled_from(ZONES),
    st.integers(0, 9),
    st.sampled_from([0, 0, 123_000, 123_456]),
)
def test_iso_times_are_those_of_fromisoformat(
    naive: dt.datetime, zone_name: str, form: int, micro: int
) -> None:
    zone = zoneinfo.ZoneInfo(zone_name)
    text = _texts(naive.replace(microsecond=micro, tzinfo=zone), form)
    reader = IsoReader(zone)
    found = reader.read(text)
    expected = reference(text, zone)
    if found == NONE:
        return  # left to the general way, which the reader then takes
    assert expected is not None, text
    assert (found, reader.zone.utcoffset(None)) == (expected[0], expected[1].utcoffset(None))
    if text[-1].isdigit() and "+" not in text[19:] and "-" not in text[19:]:
        assert reader.zone is zone  # a time without an offset is in the log's zone


def test_common_forms_take_the_fast_way() -> None:
    reader = IsoReader(zoneinfo.ZoneInfo("Europe/Rome"))
    for text in (
        "2026-03-02T08:30:00+01:00",
        "2026-03-02 08:30",
        "2026-03-02T08:30:00Z",
        "2026-07-02T08:30:00.123456-03:30",
    ):
        assert reader.read(text) != NONE, text
    for text in ("2026-03-29T02:30", "2026-10-25T02:30", "2026-13-02T08:30", "0001-01-01T00:00"):
        assert reader.read(text) == NONE, text  # a gap, an ambiguous hour, no month, too early
