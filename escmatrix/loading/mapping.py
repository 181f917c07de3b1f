"""Mapping files: how a real ticket export becomes escmatrix events.

A mapping is YAML (``mapping: 1`` marks it) that names the export's columns for ticket, time,
category, priority, level, channel and actor; translates values (``Major`` -> ``P1``); turns
a status column into states whose changes become ``paused``, ``resumed``, ``resolved``,
``reopened`` and ``closed``; turns activity values and changes of a value between two rows
of a ticket into events. docs/mappings.md is the user's reference.

Mapping files are checked the way matrices are: YAML with positions (duplicate keys
reported), the JSON Schema ``schema/mapping.schema.json``, then the rules below, each
finding at ``FILE:LINE:COL``. Whether a named column exists can only be known from a log;
:func:`escmatrix.loading.logs.read_events` checks that when it opens one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from escmatrix.findings import DocPath, Finding, Issue, Severity
from escmatrix.limits import check_time
from escmatrix.loading import is_mapping_text
from escmatrix.loading.yaml_positions import Positions, load_document

__all__ = [
    "FIELDS",
    "MAPPING_RULES",
    "STATES",
    "ChangeSpec",
    "EventSpec",
    "FieldSpec",
    "Mapping",
    "MappingError",
    "StatusSpec",
    "TimeSpec",
    "check_mapping_file",
    "check_mapping_text",
    "is_mapping_text",
    "load_mapping",
    "load_mapping_text",
    "mapping_schema_text",
    "time_parser",
]

FIELDS = ("category", "priority", "level", "channel", "actor")
"""The event attributes a mapping can fill, in the order of :class:`Event`'s fields."""

RESERVED_NAMES = ("ticket", "time", "event", "line", *FIELDS)
"""Names an ``attributes:`` entry cannot take: the event's own fields."""

OPEN, PAUSED, RESOLVED, CLOSED, KEEP = "open", "paused", "resolved", "closed", "keep"
STATES = (OPEN, PAUSED, RESOLVED, CLOSED, KEEP)

MAPPING_RULES: dict[str, tuple[Severity, str]] = {
    "yaml-syntax": ("error", "The file is not valid YAML."),
    "duplicate-key": ("error", "A key is given twice in one mapping."),
    "empty-file": ("error", "The file is empty."),
    "schema": ("error", "The file does not follow the mapping format's schema."),
    "unknown-timezone": ("error", "A time zone is not an IANA zone name such as Europe/Rome."),
    "bad-time-format": ("error", "A time format cannot be read."),
    "bad-field": ("error", "A field names neither a column nor a default value."),
    "bad-change": ("error", "A change rule names both or neither of 'field' and 'column'."),
    "unknown-field": ("error", "A change rule names a field the mapping does not define."),
    "change-needs-order": ("error", "'when: up' or 'down' on a value without an 'order'."),
    "value-not-in-order": ("warning", "A translated value is missing from the field's order."),
    "unused-values": (
        "warning",
        "A field has 'values' but no column to read them from, or 'others' but no 'values'.",
    ),
    "no-events": ("warning", "Nothing but 'created' can come out of the mapping."),
}

_ISO = "iso"


class MappingError(Exception):
    """A mapping file that has errors; ``findings`` says which and where."""

    def __init__(self, findings: list[Finding]) -> None:
        errors = [f for f in findings if f.severity == "error"]
        super().__init__("\n".join(str(f) for f in errors[:20]))
        self.findings = findings


@dataclass(frozen=True)
class TimeSpec:
    column: str
    format: str | tuple[str, ...] = _ISO  # several: each is tried, the last that worked first


@dataclass(frozen=True)
class FieldSpec:
    """Where an event attribute comes from: a column (optional), translations, a default,
    and the value of any text ``values`` does not list (``others``)."""

    column: str | None = None
    values: dict[str, str] | None = field(default=None, hash=False)
    default: str | None = None
    order: tuple[str, ...] | None = None
    others: str | None = None

    def rank(self, value: str) -> int | None:
        if self.order is None or value not in self.order:
            return None
        return self.order.index(value)


@dataclass(frozen=True)
class StatusSpec:
    columns: tuple[str, ...]
    values: dict[str, str] = field(hash=False)
    separator: str = "/"
    default: str | None = None  # the state of unlisted values; None: report them


@dataclass(frozen=True)
class EventSpec:
    column: str
    values: dict[str, tuple[str, ...]] | None = field(default=None, hash=False)


@dataclass(frozen=True)
class ChangeSpec:
    event: str
    field: str | None = None
    column: str | None = None
    when: str = "any"  # any | up | down
    to: frozenset[str] | None = None
    # also on rows of a resolved or closed ticket (not in mapping files: the audit uses it
    # to see every level a row writes)
    while_ended: bool = False


@dataclass(frozen=True, eq=False)
class Mapping:
    """A checked mapping file. ``positions`` locates its keys for messages."""

    ticket: str
    time: TimeSpec
    source: str = "<mapping>"
    name: str | None = None
    timezone: str | None = None
    missing: frozenset[str] = frozenset({""})
    delimiter: str | None = None
    order: tuple[str, ...] = ()
    created_time: TimeSpec | None = None
    ignore: tuple[tuple[str, frozenset[str]], ...] = ()  # (column, values): rows left out
    fields: dict[str, FieldSpec] = field(default_factory=dict)
    # more columns passed through to every event (name -> where it comes from), e.g. the
    # team or the organisation, for ``audit --group-by``
    attributes: dict[str, FieldSpec] = field(default_factory=dict)
    status: StatusSpec | None = None
    events: tuple[EventSpec, ...] = ()
    changes: tuple[ChangeSpec, ...] = ()
    positions: Positions = field(default_factory=Positions, repr=False)
    column_paths: dict[str, DocPath] = field(default_factory=dict, repr=False)

    def where(self, column: str) -> str:
        """``FILE:LINE:COL`` of the first place the mapping names ``column``."""
        path = self.column_paths.get(column, ())
        line, col = self.positions.locate(path)
        return f"{self.source}:{line}:{col}"

    @property
    def columns(self) -> list[str]:
        """Every column the mapping reads, in the order they first appear in the file."""
        return list(self.column_paths)


# --------------------------------------------------------------------------- time formats

_TOKENS = re.compile(r"yyyy|yy|mm|m|dd|d|HH|H|MM|M|SS|S|f+|Z")
_TOKEN_REGEX = {
    "yyyy": r"(\d{4})",
    "yy": r"(\d{2})",
    "mm": r"(\d{2})",
    "m": r"(\d{1,2})",
    "dd": r"(\d{2})",
    "d": r"(\d{1,2})",
    "HH": r"(\d{2})",
    "H": r"(\d{1,2})",
    "MM": r"(\d{2})",
    "M": r"(\d{1,2})",
    "SS": r"(\d{2})",
    "S": r"(\d{1,2})",
    "f": r"(\d{1,9})",
    "Z": r"(Z|z|[+-]\d{2}(?::?\d{2})?)",
}
_TOKEN_ROLE = {
    "yyyy": "y",
    "yy": "yy",
    "mm": "mo",
    "m": "mo",
    "dd": "d",
    "d": "d",
    "HH": "H",
    "H": "H",
    "MM": "M",
    "M": "M",
    "SS": "S",
    "S": "S",
    "f": "f",
    "Z": "Z",
}

TimeParser = Callable[[str], dt.datetime]


def _offset(text: str) -> dt.tzinfo:
    if text in ("Z", "z"):
        return dt.timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + (int(digits[2:4]) if len(digits) > 2 else 0)
    return _fixed_zone(sign * minutes)


@cache
def _fixed_zone(minutes: int) -> dt.tzinfo:
    return dt.timezone(dt.timedelta(minutes=minutes)) if minutes else dt.timezone.utc


def _compile_pattern(fmt: str) -> tuple[re.Pattern[str], list[str]]:
    """``yyyy/m/d H:MM:SS`` -> a regular expression and the role of each group."""
    regex, roles, pos = [], [], 0
    for match in _TOKENS.finditer(fmt):
        regex.append(re.escape(fmt[pos : match.start()]))
        token = match.group()
        key = "f" if token.startswith("f") else token
        regex.append(_TOKEN_REGEX[key])
        roles.append(_TOKEN_ROLE[key])
        pos = match.end()
    regex.append(re.escape(fmt[pos:]))
    needed = {"y", "mo", "d"}
    have = {"y" if role == "yy" else role for role in roles}
    if not needed <= have:
        raise ValueError(
            f"{fmt!r} needs a year (yyyy), a month (m or mm) and a day (d or dd);"
            " write e.g. 'yyyy-mm-dd HH:MM:SS', 'd/m/yyyy H:MM' or a strptime pattern with %"
        )
    if len(roles) != len(set(roles)):
        raise ValueError(f"{fmt!r} names a part of the date or time twice")
    return re.compile("".join(regex) + r"\Z"), roles


def time_parser(fmt: str | tuple[str, ...] | list[str], zone: dt.tzinfo) -> TimeParser:
    """A function that reads one time text in format ``fmt`` (``iso``, a pattern such as
    ``yyyy/m/d H:MM:SS``, or a strptime pattern with ``%``; or a list of such formats, tried
    in turn), giving it ``zone`` when it has no offset. It raises :class:`ValueError` for
    text it cannot read, :class:`~escmatrix.limits.TimeRangeError` (a ValueError) for a
    time outside the years a replay computes. The format itself is checked at once
    (ValueError)."""
    if not isinstance(fmt, str):
        if len(fmt) == 1:
            return time_parser(fmt[0], zone)
        parse = _first_of([_parser(one, zone) for one in fmt], list(fmt))
    else:
        parse = _parser(fmt, zone)

    def parse_in_range(text: str) -> dt.datetime:
        return check_time(parse(text))

    return parse_in_range


def _parser(fmt: str, zone: dt.tzinfo) -> TimeParser:
    """:func:`time_parser` of one format, without the range check."""
    fromiso = dt.datetime.fromisoformat
    combine = dt.datetime.combine  # 4x faster than .replace(tzinfo=) on CPython 3.11
    if fmt == _ISO:

        def parse_iso(text: str) -> dt.datetime:
            value = fromiso(text)
            if value.tzinfo is None:
                return combine(value.date(), value.time(), zone)
            return value

        return parse_iso
    if "%" in fmt:
        strptime = dt.datetime.strptime
        try:
            # an aware sample, so that %z and %Z have something to write and read back
            strptime(dt.datetime(2001, 2, 3, 4, 5, 6, tzinfo=dt.timezone.utc).strftime(fmt), fmt)
        except ValueError as error:
            raise ValueError(f"{fmt!r} is not a strptime pattern: {error}") from None

        def parse_strptime(text: str) -> dt.datetime:
            value = strptime(text, fmt)
            if value.tzinfo is None:
                return combine(value.date(), value.time(), zone)
            return value

        return parse_strptime
    regex, roles = _compile_pattern(fmt)
    index = {role: i for i, role in enumerate(roles)}
    iy = index.get("y", index.get("yy"))
    two_digit_year = "yy" in index
    imo, iday = index["mo"], index["d"]
    ih, imi, isec = index.get("H"), index.get("M"), index.get("S")
    ifrac, izone = index.get("f"), index.get("Z")
    match = regex.match
    datetime = dt.datetime
    simple = not two_digit_year and ifrac is None and izone is None and None not in (ih, imi)
    if simple and isec is not None:
        assert iy is not None and ih is not None and imi is not None

        def parse_seconds(text: str) -> dt.datetime:
            found = match(text)
            if found is None:
                raise ValueError(f"does not match {fmt!r}")
            g = found.groups()
            return datetime(
                int(g[iy]),
                int(g[imo]),
                int(g[iday]),
                int(g[ih]),
                int(g[imi]),
                int(g[isec]),
                0,
                zone,
            )

        return parse_seconds
    if simple:
        assert iy is not None and ih is not None and imi is not None

        def parse_minutes(text: str) -> dt.datetime:
            found = match(text)
            if found is None:
                raise ValueError(f"does not match {fmt!r}")
            g = found.groups()
            return datetime(
                int(g[iy]), int(g[imo]), int(g[iday]), int(g[ih]), int(g[imi]), 0, 0, zone
            )

        return parse_minutes

    def parse_pattern(text: str) -> dt.datetime:
        found = match(text)
        if found is None:
            raise ValueError(f"does not match {fmt!r}")
        g = found.groups()
        assert iy is not None
        year = int(g[iy]) + (2000 if two_digit_year else 0)
        micro = int(g[ifrac][:6].ljust(6, "0")) if ifrac is not None else 0
        tz = _offset(g[izone]) if izone is not None else zone
        return datetime(
            year,
            int(g[imo]),
            int(g[iday]),
            int(g[ih]) if ih is not None else 0,
            int(g[imi]) if imi is not None else 0,
            int(g[isec]) if isec is not None else 0,
            micro,
            tz,
        )

    return parse_pattern


def _first_of(parsers: list[TimeParser], formats: list[str]) -> TimeParser:
    """Try each parser, starting with the one that read the previous text."""
    order = list(range(len(parsers)))

    def parse_any(text: str) -> dt.datetime:
        for position, index in enumerate(order):
            try:
                value = parsers[index](text)
            except ValueError:
                continue
            if position:
                order.insert(0, order.pop(position))
            return value
        raise ValueError(f"matches none of {', '.join(repr(f) for f in formats)}")

    return parse_any


# --------------------------------------------------------------------------- checking


@cache
def mapping_schema_text() -> str:
    return resources.files("escmatrix.schema").joinpath("mapping.schema.json").read_text("utf-8")


def check_mapping_text(
    text: str, source: str = "<mapping>"
) -> tuple[list[Finding], Mapping | None]:
    """Findings for mapping text, and the mapping when it has no errors."""
    document = load_document(
        text, "the file is empty: a mapping needs at least 'mapping: 1', ticket and time"
    )
    issues: list[Issue] = list(document.issues)
    mapping = None
    if document.readable and document.data is not None:
        data = document.data
        if not issues:
            schema_found = _schema_issues(data)
            issues.extend(schema_found)
            if not schema_found:
                built, build_issues = _build(data, source, document.positions)
                issues.extend(build_issues)
                mapping = built
    findings = sorted(_locate(issue, document.positions, source) for issue in issues)
    if any(f.severity == "error" for f in findings):
        mapping = None
    return findings, mapping


def check_mapping_file(path: str | os.PathLike[str]) -> list[Finding]:
    """Findings for one mapping file (for ``escmatrix validate``). Raises
    :class:`escmatrix.validation.InputError` if the file cannot be read at all."""
    from escmatrix.validation import read_text

    return check_mapping_text(read_text(path), str(path))[0]


def load_mapping(path: str | os.PathLike[str]) -> Mapping:
    """Read and check a mapping file; :class:`MappingError` when it has errors,
    :class:`escmatrix.validation.InputError` when it cannot be read."""
    from escmatrix.validation import read_text

    return load_mapping_text(read_text(path), str(path))


def load_mapping_text(text: str, source: str = "<mapping>") -> Mapping:
    findings, mapping = check_mapping_text(text, source)
    if mapping is None:
        raise MappingError(findings)
    return mapping


def _schema_issues(data: Any) -> list[Issue]:
    from escmatrix.validation.schema import schema_issues

    return list(schema_issues(data, mapping_schema_text()))


def _locate(issue: Issue, positions: Positions, source: str) -> Finding:
    line, column = positions.locate(issue.path, issue.on_key)
    severity = issue.severity or MAPPING_RULES[issue.rule][0]
    return Finding(source, line, column, severity, issue.rule, issue.message)


class _Builder:
    def __init__(self, source: str, positions: Positions) -> None:
        self.source = source
        self.positions = positions
        self.issues: list[Issue] = []
        self.columns: dict[str, DocPath] = {}

    def add(self, rule: str, path: DocPath, message: str) -> None:
        self.issues.append(Issue(rule, path, message))

    def column(self, name: str, path: DocPath) -> str:
        self.columns.setdefault(name, path)
        return name

    def time_spec(self, value: Any, path: DocPath) -> TimeSpec:
        if isinstance(value, str):
            return TimeSpec(self.column(value, path))
        fmt = value.get("format", _ISO)
        spec = TimeSpec(
            self.column(value["column"], (*path, "column")),
            fmt if isinstance(fmt, str) else tuple(fmt),
        )
        formats = [fmt] if isinstance(fmt, str) else fmt
        for index, one in enumerate(formats):
            try:
                time_parser(one, dt.timezone.utc)
            except ValueError as error:
                where = (*path, "format") if isinstance(fmt, str) else (*path, "format", index)
                self.add("bad-time-format", where, str(error))
        return spec

    def field_spec(self, name: str, value: Any, path: DocPath | None = None) -> FieldSpec:
        """A field (``category`` ...) or, at ``path``, an attribute called ``name``."""
        path = (name,) if path is None else path
        if isinstance(value, str):
            return FieldSpec(column=self.column(value, path))
        column = value.get("column")
        if column is not None:
            self.column(column, (*path, "column"))
        spec = FieldSpec(
            column=column,
            values=dict(value["values"]) if "values" in value else None,
            default=value.get("default"),
            order=tuple(value["order"]) if "order" in value else None,
            others=value.get("others"),
        )
        if column is None and spec.default is None:
            self.add("bad-field", path, f"'{name}' needs a 'column' to read, or a 'default' value")
        if column is None and spec.values:
            self.add(
                "unused-values",
                (*path, "values"),
                f"'{name}' has values to translate but no 'column' to read them from",
            )
        if spec.others is not None and spec.values is None:
            self.add(
                "unused-values",
                (*path, "others"),
                f"'{name}' has 'others' but no 'values': every text is taken as it is",
            )
        if spec.order is not None:
            for key, target in (spec.values or {}).items():
                if target not in spec.order:
                    self.add(
                        "value-not-in-order",
                        (*path, "values", key),
                        f"{target!r} is not in {name}.order; it can never move up or down",
                    )
            for key in ("default", "others"):
                target = getattr(spec, key)
                if target is not None and target not in spec.order:
                    self.add(
                        "value-not-in-order",
                        (*path, key),
                        f"{target!r} is not in {name}.order; it can never move up or down",
                    )
        return spec


def _build(data: dict[str, Any], source: str, positions: Positions) -> tuple[Mapping, list[Issue]]:
    b = _Builder(source, positions)
    timezone = data.get("timezone")
    if timezone is not None:
        try:
            zoneinfo.ZoneInfo(timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            b.add(
                "unknown-timezone",
                ("timezone",),
                f"unknown time zone {timezone!r}; use an IANA name such as Europe/Rome",
            )
    ticket = b.column(data["ticket"], ("ticket",))
    time = b.time_spec(data["time"], ("time",))
    order = tuple(b.column(name, ("order", i)) for i, name in enumerate(data.get("order", ())))
    created_time = None
    if "time" in data.get("created", {}):
        created_time = b.time_spec(data["created"]["time"], ("created", "time"))
    ignore = tuple(
        (b.column(spec["column"], ("ignore", i, "column")), frozenset(spec["values"]))
        for i, spec in enumerate(data.get("ignore", ()))
    )
    fields = {name: b.field_spec(name, data[name]) for name in FIELDS if name in data}
    attributes = {
        name: b.field_spec(name, value, ("attributes", name))
        for name, value in data.get("attributes", {}).items()
    }

    status = None
    if "status" in data:
        spec = data["status"]
        raw = spec["column"]
        names = [raw] if isinstance(raw, str) else list(raw)
        paths = (
            [("status", "column")]
            if isinstance(raw, str)
            else [("status", "column", i) for i in range(len(names))]
        )
        status = StatusSpec(
            columns=tuple(b.column(n, p) for n, p in zip(names, paths, strict=True)),
            values=dict(spec["values"]),
            separator=spec.get("separator", "/"),
            default=spec.get("default"),
        )

    events = []
    for index, spec in enumerate(data.get("events", ())):
        values = None
        if "values" in spec:
            values = {
                key: (names,) if isinstance(names, str) else tuple(names)
                for key, names in spec["values"].items()
            }
        events.append(EventSpec(b.column(spec["column"], ("events", index, "column")), values))

    changes = []
    for index, spec in enumerate(data.get("changes", ())):
        path: DocPath = ("changes", index)
        field_name, column = spec.get("field"), spec.get("column")
        when = spec.get("when", "any")
        if (field_name is None) == (column is None):
            b.add("bad-change", path, "a change rule names either a 'field' or a 'column'")
            continue
        if field_name is not None and field_name not in fields:
            b.add(
                "unknown-field",
                (*path, "field"),
                f"the mapping has no '{field_name}' to watch; add a top-level '{field_name}:'",
            )
            continue
        if column is not None:
            b.column(column, (*path, "column"))
        if when != "any" and (field_name is None or fields[field_name].order is None):
            target = f"'{field_name}'" if field_name else "a raw column"
            b.add(
                "change-needs-order",
                (*path, "when"),
                f"'when: {when}' compares values by an order; give {target} an 'order:' list"
                " of its values from lowest to highest"
                + ("" if field_name else " (only mapped fields have one)"),
            )
        to = frozenset(spec["to"]) if "to" in spec else None
        changes.append(ChangeSpec(spec["event"], field_name, column, when, to))

    if status is None and not data.get("events") and not data.get("changes"):
        b.add(
            "no-events",
            (),
            "the mapping has no status, events or changes: every ticket will only be created",
        )

    mapping = Mapping(
        ticket=ticket,
        time=time,
        source=source,
        name=data.get("name"),
        timezone=timezone,
        missing=frozenset({"", *(text.strip() for text in data.get("missing", ()))}),
        delimiter=data.get("delimiter"),
        order=order,
        created_time=created_time,
        ignore=ignore,
        fields=fields,
        attributes=attributes,
        status=status,
        events=tuple(events),
        changes=tuple(changes),
        positions=positions,
        column_paths=b.columns,
    )
    return mapping, b.issues


def schema_json() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(mapping_schema_text())
    return schema
