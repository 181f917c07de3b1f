"""Durations and windows: every written form, canonical text, and round trips."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from escmatrix.durations import (
    LANGUAGES,
    Duration,
    DurationError,
    Window,
    as_working_time,
    format_duration,
    format_window,
    format_window_human,
    parse_duration,
    parse_window,
)

M, H, D = 60, 3600, 86400


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15m", Duration(15 * M)),
        ("1h30m", Duration(90 * M)),
        ("1h 30m", Duration(90 * M)),
        ("1d", Duration(D)),
        ("1w", Duration(7 * D)),
        ("45s", Duration(45)),
        ("1.5h", Duration(90 * M)),
        ("2bd", Duration(business_days=Fraction(2))),
        ("1.5bd", Duration(business_days=Fraction(3, 2))),
        ("PT15M", Duration(15 * M)),
        ("pt1h30m", Duration(90 * M)),
        ("P1DT2H", Duration(D + 2 * H)),
        ("P2W", Duration(14 * D)),
        ("30 minuti", Duration(30 * M)),
        ("2 dias úteis", Duration(business_days=Fraction(2))),
        ("1 día hábil", Duration(business_days=Fraction(1))),
        ("3 working days", Duration(business_days=Fraction(3))),
        ("1 ora", Duration(H)),
    ],
)
def test_parse_duration(text: str, expected: Duration) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("15", "no unit"),
        ("P1Y", "years and months"),
        ("P1M", "years and months"),
        ("1h30", "cannot read"),
        ("PT", "cannot read"),
        ("1.5s", "whole number of seconds"),
        ("", "empty"),
        ("soon", "cannot read"),
        ("1bd2h", "cannot read"),
    ],
)
def test_parse_duration_refuses(text: str, message: str) -> None:
    with pytest.raises(DurationError, match=message):
        parse_duration(text)


def test_bare_numbers_and_other_types_are_refused() -> None:
    with pytest.raises(DurationError, match="no unit"):
        parse_duration(15)
    with pytest.raises(DurationError, match="expected a duration"):
        parse_duration(None)
    with pytest.raises(DurationError):
        parse_duration(True)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("15m..30m", "15m..30m"),
        ("PT15M..PT30M", "15m..30m"),
        ("30m", "30m"),
        ("resolution", "resolution"),
        ("15-30 minutes", "15m..30m"),
        ("15–30 minutes", "15m..30m"),
        ("30 minutes-1 hour", "30m..1h"),
        ("15-30 minuti", "15m..30m"),
        ("30 minuti-1 ora", "30m..1h"),
        ("1 ora-2 ore", "1h..2h"),
        ("2 ore-5 ore", "2h..5h"),
        ("1-2 giorni lavorativi", "1bd..2bd"),
        ("1-3 giorni lavorativi", "1bd..3bd"),
        ("Risoluzione", "resolution"),
        ("1-2 dias úteis", "1bd..2bd"),
        ("Resolução", "resolution"),
        ("1-2 días hábiles", "1bd..2bd"),
        ("Resolución", "resolution"),
        ("da 15 a 30 minuti", "15m..30m"),
        ("between 1 and 2 hours", "1h..2h"),
        ("7,5-15 minuti", "7m30s..15m"),
        ("1-2 business days", "1bd..2bd"),
    ],
)
def test_parse_window_forms(text: str, canonical: str) -> None:
    assert format_window(parse_window(text)) == canonical


def test_window_mappings() -> None:
    assert parse_window({"min": "15m", "max": "30m"}) == parse_window("15m..30m")
    assert parse_window({"max": "30m"}) == parse_window("30m")
    assert parse_window({"max": None}).is_resolution
    with pytest.raises(DurationError, match="only min and max"):
        parse_window({"min": "1m", "most": "2m"})
    with pytest.raises(DurationError, match="needs a maximum"):
        parse_window("15m..")
    with pytest.raises(DurationError, match="mixes business days"):
        parse_window("1h..2bd")


@pytest.mark.parametrize(
    ("window", "language", "text"),
    [
        ("15m..30m", "en", "15-30 minutes"),
        ("30m..1h", "en", "30 minutes-1 hour"),
        ("1bd..2bd", "en", "1-2 business days"),
        ("resolution", "en", "Resolution"),
        ("30m..1h", "it", "30 minuti-1 ora"),
        ("1bd..2bd", "it", "1-2 giorni lavorativi"),
        ("resolution", "it", "Risoluzione"),
        ("1bd..3bd", "pt", "1-3 dias úteis"),
        ("resolution", "pt", "Resolução"),
        ("1bd..2bd", "es", "1-2 días hábiles"),
        ("7m30s..15m", "en", "7.5-15 minutes"),
        ("7m30s..15m", "it", "7,5-15 minuti"),
        ("1h..2h30m", "en", "1-2.5 hours"),
    ],
)
def test_format_window_human(window: str, language: str, text: str) -> None:
    assert format_window_human(parse_window(window), language) == text


def test_scaling() -> None:
    assert parse_duration("30m").scaled(Fraction(1, 4)) == parse_duration("7m30s")
    assert parse_duration("2bd").scaled(Fraction(1, 4)) == parse_duration("0.5bd")
    assert parse_window("15m..30m").scaled(Fraction(2)) == parse_window("30m..1h")


# --- properties -----------------------------------------------------------------------

seconds = st.integers(min_value=0, max_value=400 * D)
# business days are decimals in files (1.5bd, 0.25bd); scaling by a decimal keeps them so
business = st.integers(min_value=1, max_value=400_000).map(lambda n: Fraction(n, 1000))
durations = st.one_of(
    seconds.map(lambda s: Duration(seconds=s)),
    business.map(lambda b: Duration(business_days=b)),
)


@given(durations)
def test_parse_format_duration_is_identity(duration: Duration) -> None:
    assert parse_duration(format_duration(duration)) == duration


@st.composite
def windows(draw: st.DrawFn) -> Window:
    if draw(st.booleans()):
        return Window()
    business_kind = draw(st.booleans())
    high = draw(business if business_kind else seconds.filter(bool))
    make = (
        (lambda v: Duration(business_days=v)) if business_kind else (lambda v: Duration(seconds=v))
    )
    if draw(st.booleans()):
        return Window(None, make(high))
    low = draw(
        st.integers(min_value=0, max_value=int(high * 1000)).map(lambda n: Fraction(n, 1000))
        if business_kind
        else st.integers(min_value=0, max_value=high)
    )
    return Window(make(low), make(high))


@given(windows())
def test_parse_format_window_is_identity(window: Window) -> None:
    assert parse_window(format_window(window)) == window


@given(windows(), st.sampled_from(LANGUAGES))
def test_human_window_reads_back(window: Window, language: str) -> None:
    # The written-out form people use in spreadsheets reads back as the same window.
    assert parse_window(format_window_human(window, language)) == window


@pytest.mark.parametrize(
    ("window", "language", "text"),
    [
        ("0.25bd..0.5bd", "en", "2h15m-4h30m of working time"),
        ("0.5bd", "it", "4h30m di tempo lavorativo"),
        ("0.125bd..0.25bd", "pt", "1h7m30s-2h15m de tempo útil"),
        ("0bd..0.5bd", "es", "0m-4h30m de tiempo hábil"),
        ("0.5bd..1.5bd", "en", "0.5-1.5 business days"),  # a day or more stays in days
        ("1bd..2bd", "en", "1-2 business days"),
    ],
)
def test_part_of_a_business_day_is_written_as_working_time(
    window: str, language: str, text: str
) -> None:
    nine_hours = 9 * 3600
    assert format_window_human(parse_window(window), language, nine_hours) == text
    back = parse_window(text)
    if "business" not in text:  # reads back as the working time it means
        assert back.max == as_working_time(parse_window(window).max, nine_hours)
    assert format_window_human(parse_window(window), language) != text or "business" in text


@given(st.integers(min_value=1, max_value=999), st.sampled_from(LANGUAGES))
def test_working_time_reads_back(thousandths: int, language: str) -> None:
    window = Window(None, Duration(business_days=Fraction(thousandths, 1000)))
    text = format_window_human(window, language, 8 * 3600)
    assert parse_window(text) == Window(None, as_working_time(window.max, 8 * 3600))
