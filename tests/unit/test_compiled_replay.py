"""The compiled replay (escmatrix/simulation/_fast.pyx) against the Python engine: the same
JSON Lines byte for byte and the same summary, on shipped logs, awkward files and random
logs (times in every form the reader takes, bad rows, odd ticket ids, horizons, filters,
time zones with transitions off the hour)."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import gzip
import io
import os
import tempfile
import zoneinfo
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from escmatrix.model import Matrix
from escmatrix.output.simulation import JsonLinesSink, SummarySink
from escmatrix.simulation import fast
from escmatrix.simulation.events import LogError
from escmatrix.simulation.replay import ReplayOptions, replay
from escmatrix.validation import load_matrix
from tests.conftest import DATA, MATRICES, call_center, replay_engine
from tests.unit.test_engine import MATRIX, ROME
from tests.unit.test_engine_properties import logs

# CI sets this so that a missing build fails here instead of skipping every comparison.
if os.environ.get("ESCMATRIX_REQUIRE_COMPILED") != "1" and not fast.available():
    pytest.skip("the compiled replay is not built", allow_module_level=True)


def python_engine() -> contextlib.AbstractContextManager[None]:
    return replay_engine("python")


def run(matrix: Matrix, log: Path | str, options: ReplayOptions | None) -> tuple[str, Any]:
    stream = io.StringIO()
    summary = replay(matrix, log, JsonLinesSink(stream, matrix), options)
    return stream.getvalue(), summary.to_dict()


def same(matrix: Matrix, log: Path | str, options: ReplayOptions | None = None) -> str:
    """Replay ``log`` both ways; assert the same output and summary; return the output."""
    assert fast.available()
    assert fast.supports(matrix), "the compiled replay would not run: nothing is compared"
    compiled = outcome(matrix, log, options)
    with python_engine():
        assert not fast.available()
        reference = outcome(matrix, log, options)
    assert compiled[0] == reference[0]
    assert compiled[1] == reference[1]
    return compiled[0]


def outcome(matrix: Matrix, log: Path | str, options: ReplayOptions | None) -> tuple[Any, Any]:
    """:func:`run`, or a log that cannot be read as (its error's message, None)."""
    try:
        return run(matrix, log, options)
    except LogError as error:
        return str(error), None


def test_the_compiled_replay_is_built() -> None:
    assert fast.engine_name() == "compiled"


def test_shipped_sample() -> None:
    matrix = call_center()
    text = same(matrix, MATRICES / "samples" / "call-center-tickets.csv")
    assert text.count("\n") > 20
    same(matrix, MATRICES / "samples" / "call-center-tickets.csv", ReplayOptions(strict=True))


@pytest.mark.parametrize("name", ["canonical-quirks.csv", "canonical-bad-rows.csv"])
def test_awkward_files(name: str) -> None:
    matrix = call_center()
    same(matrix, DATA / "logs" / name)


def test_strict_stops_at_the_same_row() -> None:
    matrix = call_center()
    errors = []
    for engine in ("compiled", "python"):
        context = python_engine() if engine == "python" else contextlib.nullcontext()
        with context, pytest.raises(LogError) as caught:
            run(matrix, DATA / "logs" / "canonical-bad-rows.csv", ReplayOptions(strict=True))
        errors.append(str(caught.value))
    assert errors[0] == errors[1]


def test_gzip_horizon_filter_and_summary_only(tmp_path: Path) -> None:
    matrix = call_center()
    sample = (MATRICES / "samples" / "call-center-tickets.csv").read_bytes()
    packed = tmp_path / "log.csv.gz"
    packed.write_bytes(gzip.compress(sample))
    same(matrix, packed)
    until = dt.datetime(2026, 3, 3, 12, tzinfo=ROME)
    same(matrix, packed, ReplayOptions(until=until))
    rows = list(csv.DictReader(io.StringIO(sample.decode("utf-8-sig"))))
    some = frozenset(row["ticket"] for row in rows[::3])
    same(matrix, packed, ReplayOptions(tickets=some))
    summaries = []
    for engine in ("compiled", "python"):
        context = python_engine() if engine == "python" else contextlib.nullcontext()
        with context:
            sink = SummarySink(None, matrix)
            summaries.append(replay(matrix, packed, sink).to_dict())
            assert sink.records == []
    assert summaries[0] == summaries[1]


def test_a_log_in_no_order_is_sorted_the_same_way(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text(
        "ticket,time,event,category\n"
        "A,2026-03-02T09:00:00+01:00,created,general\n"
        "B,2026-03-02T09:05:00+01:00,created,general\n"
        "A,2026-03-02T08:00:00+01:00,fyi,general\n"  # A goes back in time, B between
        "A,2026-03-02T12:00:00+01:00,resolved,general\n",
        encoding="utf-8",
    )
    text = same(MATRIX, log)
    summary = replay(MATRIX, log, JsonLinesSink(io.StringIO(), MATRIX))
    assert "sorted by time" in summary.warnings[0]
    assert text


# --------------------------------------------------------------------------- random logs


def _time_text(at: dt.datetime, form: int) -> str:
    """``at`` written the ways a canonical log may write it."""
    if form == 0:
        return at.isoformat()  # 2026-03-02T08:00:00+01:00, the fast path
    if form == 1:
        return at.astimezone(dt.timezone.utc).isoformat().replace("+00:00", "Z")
    if form == 2:
        return at.replace(tzinfo=None).isoformat(sep=" ")  # no zone: read in the matrix zone
    if form == 3:
        return f" {at.isoformat()} "  # spaces around
    if form == 4:
        return at.replace(microsecond=123456).isoformat()
    return at.isoformat(timespec="milliseconds")


@st.composite
def csv_logs(draw: st.DrawFn) -> tuple[str, dt.datetime | None, frozenset[str] | None]:
    events, horizon = draw(logs())
    ids = {
        f"T{i}": draw(
            st.sampled_from([f"T{i}", f'T"{i}', f"T\\{i}", f"Tè{i}", f"T {i}", f"T\t{i}"])
        )
        for i in range(6)
    }
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["ticket", "time", "event", "category", "priority", "level"])
    for event in events:
        form = draw(st.integers(0, 12))
        writer.writerow(
            [
                ids[event.ticket],
                _time_text(event.time, form),
                event.name,
                event.category or draw(st.sampled_from(["", "", "nowhere"])),
                event.priority or draw(st.sampled_from(["", "", "P9"])),
                event.level or "",
            ]
        )
        if draw(st.integers(0, 15)) == 0:
            writer.writerow(
                draw(st.sampled_from([["", "x", "created"], ["T0", "soon", "fyi"], []]))
            )
    wanted = None
    if draw(st.integers(0, 4)) == 0:
        wanted = frozenset(draw(st.lists(st.sampled_from(sorted(ids.values())), max_size=3)))
    return out.getvalue(), horizon, wanted


@settings(max_examples=300, deadline=None)
@given(csv_logs(), st.sampled_from(["Europe/Rome", "Australia/Lord_Howe", "America/St_Johns"]))
def test_random_logs(log: tuple[str, dt.datetime | None, frozenset[str] | None], zone: str) -> None:
    text, horizon, wanted = log
    matrix = MATRIX if zone == "Europe/Rome" else _in_zone(zone)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "log.csv"
        path.write_text(text, encoding="utf-8")
        same(matrix, path, ReplayOptions(until=horizon, tickets=wanted))


_ZONED: dict[str, Matrix] = {}


def _in_zone(zone: str) -> Matrix:
    """The engine test matrix with its zone (and the office calendar's) moved to ``zone``."""
    if zone not in _ZONED:
        import dataclasses

        calendars = tuple(dataclasses.replace(c, timezone=zone) for c in MATRIX.calendars)
        _ZONED[zone] = dataclasses.replace(MATRIX, timezone=zone, calendars=calendars)
        zoneinfo.ZoneInfo(zone)
    return _ZONED[zone]


# --------------------------------------------------------------------------- CSV layouts
# The compiled replay splits a quote-free line itself and leaves every other record to
# csv.reader; these logs mix the two and put every kind of record across the boundaries of
# the chunks it reads.

_NOTE = st.text(st.sampled_from(list('ab é,;|\t"\r\n\x00')), max_size=12)


@st.composite
def csv_layouts(draw: st.DrawFn) -> str:
    events, _ = draw(logs())
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))

    def line(cells: list[str]) -> str:
        texts = []
        for cell in cells:
            if any(c in cell for c in (delimiter, '"', "\r", "\n")) or not draw(st.integers(0, 9)):
                cell = '"' + cell.replace('"', '""') + '"'
            texts.append(cell)
        return delimiter.join(texts) + draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))

    out = [line(["ticket", "time", "event", "category", "priority", "level", "note"])]
    for event in events:
        ticket = event.ticket + draw(st.sampled_from(["", "", " ", "\xa0", "\u3000", "é"]))
        name = draw(st.sampled_from(["{}", "{}", " {} ", "\xa0{}", "{}\u2003"])).format(event.name)
        cells = [
            ticket,
            _time_text(event.time, draw(st.integers(0, 8))),
            name,
            event.category or "",
            event.priority or "",
            event.level or "",
            draw(_NOTE) + "x" * draw(st.sampled_from([0, 0, 0, 3000, 9000])),
        ]
        cells = cells[: draw(st.sampled_from([7, 7, 7, 6, 3, 2]))]
        cells += [""] * draw(st.sampled_from([0, 0, 0, 2]))
        out.append(line(cells))
        if not draw(st.integers(0, 12)):
            out.append(draw(st.sampled_from(["\n", "  \n", "\r\n", delimiter * 3 + "\n"])))
    if not draw(st.integers(0, 20)):
        out.append('T9,"2026-03-02T08:00:00+01:00,created\n')  # a quote never closed
    return "".join(out)


@settings(max_examples=200, deadline=None)
@given(csv_layouts())
def test_random_layouts(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "log.csv"
        path.write_text(text, encoding="utf-8", newline="")
        same(MATRIX, path)


@pytest.mark.parametrize("shift", range(0, 48, 3))
def test_records_across_chunk_boundaries(tmp_path: Path, shift: int) -> None:
    """Lines of every kind (CRLF, lone CR, quoted newlines, blank) repeat for more than a
    chunk; shifting them by a few characters moves each chunk boundary through each kind."""
    rows = ["ticket,time,event,category,note\r\n", "A,2026-03-02T08:00:00+01:00,created,general,"]
    rows.append("p" * shift + "\r\n")
    for i in range(900):
        minute = f"2026-03-02T{8 + i // 60:02d}:{i % 60:02d}:00+01:00"
        rows.append(
            [
                f"T{i},{minute},created,general,plain\r\n",
                f'T{i},{minute},created,general,"a ""quoted"",\nnote"\n',
                f"T{i},{minute},created,general,lone\r",
                f"\r\nT{i},{minute},fyi,general,é\n",
                f"\xa0T{i}\xa0,{minute},\xa0created,general,x\n",
            ][i % 5]
        )
    log = tmp_path / "log.csv"
    log.write_text("".join(rows), encoding="utf-8", newline="")
    assert len("".join(rows)) > 40_000
    assert same(MATRIX, log).count("\n") > 800


def test_read_errors_stop_at_the_same_line(tmp_path: Path) -> None:
    """A compressed file cut short is read up to the same row; bad bytes are reported at
    the same line."""
    sample = "".join(
        f"T{i},2026-03-02T{8 + i // 60 % 10:02d}:{i % 60:02d}:00+01:00,created,general\n"
        for i in range(3000)
    )
    data = ("ticket,time,event,category\n" + sample).encode()
    packed = gzip.compress(data)
    cut = tmp_path / "cut.csv.gz"
    cut.write_bytes(packed[: len(packed) * 2 // 3])
    assert same(MATRIX, cut).count("\n") > 1000
    assert run(MATRIX, cut, None)[1]["skipped_rows"] == {"truncated file": 1}
    bad = tmp_path / "bad.csv"
    bad.write_bytes(data[:60_000] + b"\xff" + data[60_000:])
    errors = []
    for engine in ("compiled", "python"):
        context = python_engine() if engine == "python" else contextlib.nullcontext()
        with context, pytest.raises(LogError) as caught:
            run(MATRIX, bad, None)
        errors.append(str(caught.value))
    assert errors[0] == errors[1]
    assert "not UTF-8" in errors[0]


# --------------------------------------------------------------------------- business days

_WEEKS = [
    {"mon-fri": ["09:00-13:00", "14:00-18:00"]},
    {"mon-fri": "08:00-20:00", "sat": "09:00-12:00"},
    {"mon-sun": "00:00-24:00"},
    {"tue": "01:30-02:45", "sun": ["00:00-01:00", "23:00-24:00"]},
    # more spans in a day than the compiled replay keeps: it asks the calendar
    {"mon-fri": [f"{h:02d}:00-{h:02d}:30" for h in range(8, 18)]},
]


_MINUTES = st.one_of(
    st.integers(0, 12).map(lambda h: h * 60),
    st.integers(0, 300).map(lambda h: h * 60),
    st.integers(0, 300 * 60),
)


@settings(max_examples=1000, deadline=None)
@given(
    st.sampled_from(range(len(_WEEKS))),
    st.sampled_from(["Europe/Rome", "Australia/Lord_Howe", "America/St_Johns", "Asia/Kolkata"]),
    st.integers(0, 3 * 365 * 24).map(lambda h: h * 60) | st.integers(0, 3 * 365 * 24 * 60),
    _MINUTES,
    st.booleans(),
)
def test_business_days_match_the_calendar(
    week: int, zone: str, minute: int, amount_minutes: int, holidays: bool
) -> None:
    """Starts on the hour and amounts of whole hours (whole days and weeks of work) come
    often: the edges of days and weeks."""
    from escmatrix.simulation._fast import BusinessDays  # type: ignore[import-not-found]

    from tests.unit.test_calendars import calendar

    office = calendar(_WEEKS[week], zone, dates=("2026-03-30", "2026-12-25") if holidays else ())
    days = BusinessDays(office)
    start = int(dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc).timestamp()) * 1_000_000
    t = start + minute * 60_000_000
    amount = amount_minutes * 60_000_000
    found = days.add_working_us(t, amount)
    if week == len(_WEEKS) - 1:
        assert found is None
    else:
        assert found == office.add_working_us(t, amount)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_other_encodings_and_delimiters(tmp_path: Path, encoding: str) -> None:
    """The compiled replay reads the text the log's stream decodes: a byte-order mark,
    UTF-16, and a semicolon-separated file with a non-ASCII ticket id."""
    sample = (MATRICES / "samples" / "call-center-tickets.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(sample)))
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(
        [
            [f"{cell}é" if i and n == 0 else cell for n, cell in enumerate(row)]
            for i, row in enumerate(rows)
        ]
    )
    log = tmp_path / "log.csv"
    log.write_bytes(out.getvalue().encode(encoding))
    matrix = call_center()
    assert "é" in same(matrix, log)


def test_a_matrix_with_availability_is_replayed_by_the_python_engine(monkeypatch: Any) -> None:
    """Who is reachable is resolved by the Python engine only: the compiled replay is not
    asked, and the records are the Python engine's."""
    matrix = load_matrix(MATRICES / "call-center.yaml")
    assert matrix.uses_availability and not fast.supports(matrix)
    log = MATRICES / "samples" / "call-center-tickets.csv"
    with python_engine():
        reference = run(matrix, log, None)

    def refuse(*args: Any) -> None:
        raise AssertionError("the compiled replay ran on a matrix with availability")

    monkeypatch.setattr(fast, "replay_compiled", refuse)
    assert run(matrix, log, None) == reference
    assert '"after_hours": ["account-manager"]' in reference[0]
