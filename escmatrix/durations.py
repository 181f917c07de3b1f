"""Durations and escalation windows.

A :class:`Duration` is either an amount of time (``15m``, ``1h30m``, ``1d`` = 24 hours,
ISO 8601 ``PT15M``) or a number of business days (``2bd``, ``1.5bd``); the two are never
mixed in one value. On a business calendar an amount of time is working time; on the
built-in ``always`` calendar it is real elapsed time.

A :class:`Window` is how long a ticket may stay at a level: ``MIN..MAX``, a single ``MAX``,
or ``resolution`` (no limit). People write windows in spreadsheets as ``15-30 minutes``,
``30 minuti-1 ora``, ``1-2 giorni lavorativi``, ``Resolução`` or ``1-3 días hábiles``;
:func:`parse_window` reads those too, and :func:`format_window_human` writes them back.

Every value has one canonical text form (:func:`format_duration`, :func:`format_window`),
so two files that mean the same matrix normalise to the same text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from fractions import Fraction
from functools import cache, lru_cache

from escmatrix.limits import MAX_BUSINESS_DAYS, MAX_DURATION_DAYS

__all__ = [
    "Duration",
    "DurationError",
    "Window",
    "as_working_time",
    "format_duration",
    "format_window",
    "format_window_human",
    "parse_duration",
    "parse_window",
]

MINUTE = 60
HOUR = 3600
DAY = 86400
WEEK = 7 * DAY


class DurationError(ValueError):
    """A duration or window text that cannot be read; the message says why."""


class DurationRangeError(DurationError):
    """A duration longer than the calendars compute: more than
    :data:`~escmatrix.limits.MAX_DURATION_DAYS` days of time or
    :data:`~escmatrix.limits.MAX_BUSINESS_DAYS` business days."""


def check_range(duration: Duration) -> Duration:
    """``duration`` itself, or :class:`DurationRangeError` when it is too long to compute."""
    if duration.is_business:
        too_long = duration.business_days > MAX_BUSINESS_DAYS
    else:
        too_long = duration.seconds > MAX_DURATION_DAYS * DAY
    if too_long:
        shown = format_duration(duration)
        shown = shown if len(shown) < 30 else shown[:27] + "..."
        raise DurationRangeError(f"{shown} is longer than escmatrix computes: {DURATION_RANGE}")
    return duration


DURATION_RANGE = (
    f"at most {MAX_DURATION_DAYS:,} days (about ten years) of time or"
    f" {MAX_BUSINESS_DAYS:,} business days"
)


@dataclass(frozen=True, order=True)
class Duration:
    """An amount of time in whole seconds, or a number of business days."""

    seconds: int = 0
    business_days: Fraction = Fraction(0)

    def __post_init__(self) -> None:
        if self.seconds < 0 or self.business_days < 0:
            raise DurationError("a duration cannot be negative")
        if self.seconds and self.business_days:
            raise DurationError("a duration is either time or business days, not both")
        if not isinstance(self.business_days, Fraction):
            object.__setattr__(self, "business_days", Fraction(self.business_days))

    @property
    def is_business(self) -> bool:
        return self.business_days != 0

    @property
    def is_zero(self) -> bool:
        return self.seconds == 0 and self.business_days == 0

    def scaled(self, factor: Fraction) -> Duration:
        """This duration multiplied by ``factor``; time is rounded to whole seconds."""
        if self.is_business:
            return Duration(business_days=self.business_days * factor)
        return Duration(seconds=round(self.seconds * factor))

    def __str__(self) -> str:
        return format_duration(self)


@dataclass(frozen=True)
class Window:
    """How long a ticket may stay at a level. ``max is None`` means until resolution."""

    min: Duration | None = None
    max: Duration | None = None

    def __post_init__(self) -> None:
        if self.max is None and self.min is not None:
            raise DurationError("a window with a minimum needs a maximum")

    @property
    def is_resolution(self) -> bool:
        return self.max is None

    def scaled(self, factor: Fraction) -> Window:
        return Window(
            None if self.min is None else self.min.scaled(factor),
            None if self.max is None else self.max.scaled(factor),
        )

    def __str__(self) -> str:
        return format_window(self)


RESOLUTION = Window()

# --- compact and ISO 8601 forms ---------------------------------------------------------

_NUMBER = r"\d+(?:\.\d+)?"
_COMPACT = re.compile(
    rf"^(?:(?P<w>{_NUMBER})\s*w\s*)?(?:(?P<d>{_NUMBER})\s*d\s*)?(?:(?P<h>{_NUMBER})\s*h\s*)?"
    rf"(?:(?P<m>{_NUMBER})\s*m\s*)?(?:(?P<s>{_NUMBER})\s*s)?$"
)
_BUSINESS = re.compile(rf"^(?P<n>{_NUMBER})\s*bd$")
_ISO = re.compile(
    rf"^P(?:(?P<w>{_NUMBER})W)?(?:(?P<d>{_NUMBER})D)?"
    rf"(?:T(?:(?P<h>{_NUMBER})H)?(?:(?P<m>{_NUMBER})M)?(?:(?P<s>{_NUMBER})S)?)?$"
)
_UNIT_SECONDS = {"w": WEEK, "d": DAY, "h": HOUR, "m": MINUTE, "s": 1}
_BARE_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _whole_seconds(amount: Fraction, text: str) -> int:
    if amount.denominator != 1:
        raise DurationError(f"{text!r} is not a whole number of seconds")
    return int(amount)


def _from_parts(match: re.Match[str], text: str) -> Duration:
    total = Fraction(0)
    for unit, seconds in _UNIT_SECONDS.items():
        value = match.group(unit)
        if value is not None:
            total += Fraction(value) * seconds
    return Duration(seconds=_whole_seconds(total, text))


def parse_duration(value: object) -> Duration:
    """Read ``15m``, ``1h30m``, ``1d``, ``2bd``, ``1.5bd`` or ISO 8601 ``PT15M`` (see
    :func:`_parse_duration`); :class:`DurationRangeError` for one too long to compute."""
    return check_range(_parse_duration(value))


def _parse_duration(value: object) -> Duration:
    """Read ``15m``, ``1h30m``, ``1d``, ``2bd``, ``1.5bd`` or ISO 8601 ``PT15M``.

    Spelled-out amounts such as ``30 minuti`` or ``2 dias úteis`` are read as well.
    A bare number is refused: minutes or hours? The message says how to write it.
    """
    if isinstance(value, bool) or not isinstance(value, str):
        if isinstance(value, (int, float)):
            raise DurationError(no_unit(str(value)))
        raise DurationError(f"expected a duration such as 15m, 2h or 1bd, got {value!r}")
    text = value.strip()
    if not text:
        raise DurationError("empty duration")
    if len(text) > _LONGEST:
        raise DurationError(f"{text[:20]!r}... is too long to be a duration")
    lowered = text.lower()
    match = _BUSINESS.match(lowered)
    if match:
        return Duration(business_days=Fraction(match.group("n")))
    if re.fullmatch(r"\d+(?:\.\d+)?", lowered):
        raise DurationError(no_unit(text))
    if lowered[0].isdigit():
        match = _COMPACT.match(lowered)
        if match and any(match.group(u) for u in _UNIT_SECONDS):
            return _from_parts(match, text)
    match = _ISO.match(text.upper())
    if match and text.upper() not in ("P", "PT") and not text.upper().endswith("T"):
        return _from_parts(match, text)
    if re.search(r"\d[YM]", text.upper().split("T")[0]) and text.upper().startswith("P"):
        raise DurationError(f"{text!r}: years and months have no fixed length; use days or bd")
    human = _parse_human_amount(text)
    if human is not None:
        return human
    raise DurationError(f"cannot read duration {text!r}: write it as 15m, 1h30m, 1d, 2bd or PT15M")


def no_unit(number: str) -> str:
    """The message for an amount written without a unit: minutes are the likely meaning."""
    return f"{number} has no unit: did you mean {number}m (minutes)? Hours are {number}h"


def format_duration(duration: Duration, *, days: bool = True) -> str:
    """The canonical text of a duration: ``2bd``, ``1d2h30m``, ``45s``, ``0m``; without
    ``days``, hours are not gathered into days (``26h30m``: working time reads better so,
    as a business calendar's day is not 24 hours)."""
    if duration.is_business:
        return f"{_format_number(duration.business_days)}bd"
    return format_seconds(duration.seconds, days=days)


_UNITS = (("d", DAY), ("h", HOUR), ("m", MINUTE), ("s", 1))


def format_seconds(seconds: int, *, days: bool = True) -> str:
    """:func:`format_duration` of an amount of whole seconds (no :class:`Duration` made)."""
    if seconds == 0:
        return "0m"
    parts = []
    remaining = seconds
    for unit, size in _UNITS if days else _UNITS[1:]:
        count, remaining = divmod(remaining, size)
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts)


def _format_number(value: Fraction) -> str:
    """A business-day count as a plain decimal: ``2``, ``1.5``, ``0.125``."""
    if value.denominator == 1:
        return str(value.numerator)
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    if denominator == 1:  # a terminating decimal: print it exactly
        digits = 0
        while (value * 10**digits).denominator != 1:
            digits += 1
        scaled = int(value * 10**digits)
        sign, scaled = ("-" if scaled < 0 else ""), abs(scaled)
        whole, frac = divmod(scaled, 10**digits)
        return f"{sign}{whole}.{frac:0{digits}d}"
    return f"{float(value):.6f}".rstrip("0")  # 1/3 of a day from a scale: six places


# --- windows ----------------------------------------------------------------------------


def parse_window(value: object) -> Window:
    """Read a window: ``15m..30m``, ``30m``, ``resolution``, ``{min: 15m, max: 30m}``,
    or a spelled-out range such as ``15-30 minutes`` or ``1-2 giorni lavorativi``;
    :class:`DurationRangeError` for one too long to compute."""
    if isinstance(value, str):
        return _window_text(value)
    return _checked_window(value)


@lru_cache(maxsize=4096)
def _window_text(text: str) -> Window:
    """A window's text, read once: a sheet of thousands of levels repeats a few of them."""
    return _checked_window(text)


def _checked_window(value: object) -> Window:
    window = _parse_window(value)
    for bound in (window.min, window.max):
        if bound is not None:
            check_range(bound)
    return window


_LONGEST = 100  # characters of a duration or window text: "1 ora 30 minuti-2 ore" is 21


def _parse_window(value: object) -> Window:
    if isinstance(value, dict):
        unknown = set(value) - {"min", "max"}
        if unknown:
            raise DurationError(f"a window has only min and max, not {sorted(unknown)}")
        if value.get("max") is None:
            if value.get("min") is not None:
                raise DurationError("a window with a minimum needs a maximum")
            return RESOLUTION
        low = None if value.get("min") is None else parse_duration(value["min"])
        return _checked(Window(low, parse_duration(value["max"])))
    if isinstance(value, bool) or not isinstance(value, str):
        return Window(None, parse_duration(value))
    text = value.strip()
    if len(text) > _LONGEST:
        raise DurationError(f"{text[:20]!r}... is too long to be a window")
    if _is_resolution(text):
        return RESOLUTION
    if ".." in text:
        low_text, _, high_text = text.partition("..")
        if not high_text.strip():
            raise DurationError(f"{text!r}: a window needs a maximum (or write resolution)")
        if _BARE_NUMBER.fullmatch(low_text.strip()) and _BARE_NUMBER.fullmatch(high_text.strip()):
            raise _no_unit_range(text, low_text.strip(), high_text.strip())
        low = parse_duration(low_text) if low_text.strip() else None
        return _checked(Window(low, parse_duration(high_text)))
    human = _parse_human_range(text)
    if human is not None:
        return _checked(human)
    bare = re.fullmatch(r"(\d+(?:[.,]\d+)?)\s*(?:-|to)\s*(\d+(?:[.,]\d+)?)", text)
    if bare:  # "15-30": a range without its unit
        raise _no_unit_range(text, *bare.groups())
    return Window(None, parse_duration(text))


def _no_unit_range(text: str, low: str, high: str) -> DurationError:
    return DurationError(
        f"{text} has no unit: did you mean {low}m..{high}m ({low}-{high} minutes)?"
        f" Hours are {low}h..{high}h"
    )


def _checked(window: Window) -> Window:
    low, high = window.min, window.max
    if low is None or high is None:
        return window
    if low.is_business != high.is_business and not (low.is_zero or high.is_zero):
        raise DurationError(
            f"window {format_window(window)} mixes business days with hours; use one kind"
        )
    return window


def format_window(window: Window) -> str:
    """The canonical text of a window: ``15m..30m``, ``30m`` or ``resolution``."""
    if window.max is None:
        return "resolution"
    if window.min is None:
        return format_duration(window.max)
    return f"{format_duration(window.min)}..{format_duration(window.max)}"


# --- spelled-out forms in English, Italian, Portuguese and Spanish ------------------------


def _fold(text: str) -> str:
    """Lower case, accents removed, dashes unified, spaces collapsed."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    return re.sub(r"\s+", " ", text).strip(" .;:")


_RESOLUTION_WORDS = {
    "resolution",
    "resolved",
    "until resolution",
    "until resolved",
    "no limit",
    "risoluzione",
    "fino alla risoluzione",
    "fino a risoluzione",
    "resolucao",
    "ate a resolucao",
    "ate resolucao",
    "resolucion",
    "hasta la resolucion",
    "hasta resolucion",
}


def _is_resolution(text: str) -> bool:
    return _fold(text) in _RESOLUTION_WORDS


# unit word (folded) -> (seconds per unit, or None for business days)
_UNIT_WORDS: dict[str, int | None] = {}
for _words, _size in (
    ("s sec secs second seconds secondo secondi segundo segundos", 1),
    ("m min mins minute minutes minuto minuti minutos", MINUTE),
    ("h hr hrs hour hours ora ore hora horas", HOUR),
    ("d day days giorno giorni dia dias", DAY),
    ("w wk week weeks settimana settimane semana semanas", WEEK),
):
    for _word in _words.split():
        _UNIT_WORDS[_word] = _size
for _phrase in (
    "bd",
    "business day",
    "business days",
    "working day",
    "working days",
    "work day",
    "work days",
    "giorno lavorativo",
    "giorni lavorativi",
    "giorno feriale",
    "giorni feriali",
    "dia util",
    "dias uteis",
    "dia de trabalho",
    "dias de trabalho",
    "dia habil",
    "dias habiles",
    "dia laborable",
    "dias laborables",
):
    _UNIT_WORDS[_phrase] = None

_UNIT_PATTERN = "|".join(sorted((re.escape(w) for w in _UNIT_WORDS), key=len, reverse=True))
_AMOUNT = r"(\d+(?:[.,]\d+)?)"
_FROM = "(?:da |de |entre |from |between )?"  # "da 15 a 30 minuti", "between 1 and 2 hours"
_TO = "(?:-|to|a|e|and|y)"


@cache
def _human_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(single amount, range in one unit, range in two units), compiled on first use: most
    matrices write ``15m..30m`` and never need them, and validation must start fast."""
    return (
        re.compile(rf"^{_AMOUNT}\s*({_UNIT_PATTERN})$"),
        re.compile(rf"^{_FROM}{_AMOUNT}\s*{_TO}\s*{_AMOUNT}\s*({_UNIT_PATTERN})$"),
        re.compile(
            rf"^{_FROM}{_AMOUNT}\s*({_UNIT_PATTERN})\s*{_TO}\s*{_AMOUNT}\s*({_UNIT_PATTERN})$"
        ),
    )


def _amount(number: str, unit: str, text: str) -> Duration:
    quantity = Fraction(number.replace(",", "."))
    size = _UNIT_WORDS[unit]
    if size is None:
        return Duration(business_days=quantity)
    return Duration(seconds=_whole_seconds(quantity * size, text))


def _parse_human_amount(text: str) -> Duration | None:
    match = _human_patterns()[0].match(_fold(text))
    return _amount(match.group(1), match.group(2), text) if match else None


def _parse_working_time(folded: str) -> Window | None:
    """``2h15m-4h30m of working time`` (in any of the four languages), as written by
    :func:`format_window_human`: amounts of time, which a business calendar counts in
    working time."""
    for phrase in _WORKING_TIME.values():
        suffix = " " + _fold(phrase)
        if folded.endswith(suffix):
            amounts = folded.removesuffix(suffix).split("-")
            if len(amounts) > 2 or not all(amounts):
                return None
            try:
                bounds = [parse_duration(amount.strip()) for amount in amounts]
            except DurationError:
                return None
            if any(bound.is_business for bound in bounds):
                return None
            return Window(bounds[0] if len(bounds) == 2 else None, bounds[-1])
    return None


def _parse_human_range(text: str) -> Window | None:
    folded = _fold(text)
    working = _parse_working_time(folded)
    if working is not None:
        return working
    single_unit, two_units = _human_patterns()[1:]
    match = two_units.match(folded)
    if match:
        low = _amount(match.group(1), match.group(2), text)
        return Window(low, _amount(match.group(3), match.group(4), text))
    match = single_unit.match(folded)
    if match:
        unit = match.group(3)
        return Window(_amount(match.group(1), unit, text), _amount(match.group(2), unit, text))
    single = _parse_human_amount(text)
    return Window(None, single) if single is not None else None


_HUMAN_UNITS = {
    # language: (resolution, [(seconds, singular, plural)], business singular, business plural)
    "en": (
        "Resolution",
        [
            (DAY, "day", "days"),
            (HOUR, "hour", "hours"),
            (MINUTE, "minute", "minutes"),
            (1, "second", "seconds"),
        ],
        "business day",
        "business days",
    ),
    "it": (
        "Risoluzione",
        [
            (DAY, "giorno", "giorni"),
            (HOUR, "ora", "ore"),
            (MINUTE, "minuto", "minuti"),
            (1, "secondo", "secondi"),
        ],
        "giorno lavorativo",
        "giorni lavorativi",
    ),
    "pt": (
        "Resolução",
        [
            (DAY, "dia", "dias"),
            (HOUR, "hora", "horas"),
            (MINUTE, "minuto", "minutos"),
            (1, "segundo", "segundos"),
        ],
        "dia útil",
        "dias úteis",
    ),
    "es": (
        "Resolución",
        [
            (DAY, "día", "días"),
            (HOUR, "hora", "horas"),
            (MINUTE, "minuto", "minutos"),
            (1, "segundo", "segundos"),
        ],
        "día hábil",
        "días hábiles",
    ),
}
LANGUAGES = tuple(_HUMAN_UNITS)


def _human_parts(duration: Duration, language: str) -> tuple[str, str, str]:
    """(number, singular unit, plural unit): the largest unit in which the amount is at
    least 1 and a whole or half number (``7.5 minutes``, ``2.5 hours``, ``90 seconds``)."""
    _, units, business_one, business_many = _HUMAN_UNITS[language]
    comma = language != "en"
    if duration.is_business:
        return _localise(_format_number(duration.business_days), comma), business_one, business_many
    for size, one, many in units:
        amount = Fraction(duration.seconds, size)
        if (amount >= 1 and (amount * 2).denominator == 1) or size == 1:
            return _localise(_format_number(amount), comma), one, many
    raise AssertionError("seconds always divide")  # pragma: no cover


def _localise(number: str, comma: bool) -> str:
    return number.replace(".", ",") if comma else number


_WORKING_TIME = {  # after an amount of working time: "2h15m-4h30m of working time"
    "en": "of working time",
    "it": "di tempo lavorativo",
    "pt": "de tempo útil",
    "es": "de tiempo hábil",
}


def as_working_time(duration: Duration, working_day: int | None) -> Duration:
    """A part of one business day as the working time it means (that share of the
    calendar's full working day of ``working_day`` seconds, as the calendar adds it);
    any other duration, or no working day given, as it is. ``0.25bd`` of a 9-hour day is
    2h15m: what a person writes, where ``0.25 business days`` needs working out."""
    days = duration.business_days
    if not working_day or not duration.is_business or days >= 1:
        return duration
    return Duration(seconds=round(days * working_day))


def format_window_human(
    window: Window, language: str = "en", working_day: int | None = None
) -> str:
    """A window as people write it: ``15-30 minutes``, ``30 minutes-1 hour``,
    ``1-2 business days``, ``Resolution`` (``language`` is en, it, pt or es). With the
    ``working_day`` of the level's calendar (seconds), a window shorter than one business
    day (a scaled one: ``0.25bd..0.5bd``) is the working time it means: ``2h15m-4h30m of
    working time``."""
    if language not in _HUMAN_UNITS:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    if window.max is None:
        return _HUMAN_UNITS[language][0]
    if as_working_time(window.max, working_day) is not window.max:
        bounds = [d for d in (window.min, window.max) if d is not None]
        amounts = "-".join(format_duration(as_working_time(d, working_day)) for d in bounds)
        return f"{amounts} {_WORKING_TIME[language]}"
    high, high_one, high_many = _human_parts(window.max, language)
    high_unit = high_one if high == "1" else high_many
    if window.min is None:
        return f"{high} {high_unit}"
    low, low_one, low_many = _human_parts(window.min, language)
    if (low_one, low_many) == (high_one, high_many):
        return f"{low}-{high} {high_many}"
    return f"{low} {low_one if low == '1' else low_many}-{high} {high_unit}"
