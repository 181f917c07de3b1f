"""Check data against the shipped JSON Schema, with short messages placed on the right key."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

from escmatrix.findings import Issue

_TYPE_NAMES = {
    "object": "a mapping",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}


@cache
def matrix_schema_text() -> str:
    return resources.files("escmatrix.schema").joinpath("matrix.schema.json").read_text("utf-8")


@cache
def matrix_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(matrix_schema_text())
    return schema


@cache
def _validator(schema_text: str) -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads(schema_text))


def schema_issues(data: Any, schema_text: str | None = None) -> Iterator[Issue]:
    """Issues for every place ``data`` breaks the schema (the matrix schema by default)."""
    validator = _validator(schema_text or matrix_schema_text())
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path))):
        yield from _issues(error)


def _short(value: Any) -> str:
    text = repr(value)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return text if len(text) <= 40 else text[:37] + "..."


def _deepest(error: Any) -> Any:
    """For anyOf/oneOf, the alternative that came closest to matching: the one whose
    properties know most of the value's keys, then jsonschema's own best match."""
    from jsonschema.exceptions import best_match

    while error.validator in ("anyOf", "oneOf") and error.context:
        candidates = [e for e in error.context if e.validator != "type"] or list(error.context)
        if isinstance(error.instance, dict):
            keys = set(error.instance)

            def known(candidate: Any, keys: set[str] = keys) -> int:
                if candidate.validator in ("anyOf", "oneOf") and candidate.context:
                    return max(known(sub) for sub in candidate.context)
                schema = candidate.schema if isinstance(candidate.schema, dict) else {}
                named = set(schema.get("properties", {})) | set(schema.get("required", []))
                return len(keys & named)

            most = max(known(c) for c in candidates)
            candidates = [c for c in candidates if known(c) == most]
            # then the one that got furthest into the value (a per-priority window's P1)
            depth = max(len(c.absolute_path) for c in candidates)
            candidates = [c for c in candidates if len(c.absolute_path) == depth]
        error = best_match(candidates)
    return error


def _issues(error: Any) -> Iterator[Issue]:
    original_path = tuple(error.absolute_path)
    error = _deepest(error)
    path = tuple(error.absolute_path)
    keyword = error.validator
    value = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    if "propertyNames" in error.absolute_schema_path:
        # the value is a key of the mapping at ``path``: point at the key itself
        yield Issue(
            "schema",
            (*path, value),
            f"{_short(value)} is not a valid name here: {_describe(schema)}",
            on_key=True,
        )
    elif keyword == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        yield Issue("schema", path, f"missing required key '{missing}'")
    elif keyword == "additionalProperties":
        known = schema.get("properties", {})
        for key in value:
            if key not in known and not key.startswith("x-"):
                yield Issue(
                    "schema",
                    (*path, key),
                    f"unexpected key '{key}' (expected one of: {', '.join(known)})",
                    on_key=True,
                )
    elif keyword == "type" and _is_amount(path, value):
        from escmatrix.durations import no_unit

        yield Issue("bad-duration", path, no_unit(str(value)))
    elif keyword == "type":
        wanted = error.validator_value
        wanted_list = wanted if isinstance(wanted, list) else [wanted]
        names = " or ".join(_TYPE_NAMES.get(str(w), str(w)) for w in wanted_list)
        yield Issue("schema", path, f"expected {names}, got {_short(value)}")
    elif keyword == "enum":
        options = ", ".join(str(v) for v in error.validator_value)
        yield Issue("schema", path, f"{_short(value)} is not one of: {options}")
    elif keyword == "const":
        yield Issue("schema", path, f"{_short(value)} must be {error.validator_value!r}")
    elif keyword == "pattern":
        yield Issue("schema", path, f"{_short(value)} is not valid: {_describe(schema)}")
    elif keyword in ("minItems", "minLength"):
        yield Issue("schema", path, "must not be empty")
    elif keyword in ("minimum", "exclusiveMinimum"):
        yield Issue("schema", path, f"{_short(value)} is too small ({error.message})")
    else:
        message = error.message if len(error.message) < 120 else _describe(schema)
        yield Issue("schema", path or original_path, message)


_DURATION_KEYS = ("window", "min", "max", "every")


def _is_amount(path: tuple[Any, ...], value: Any) -> bool:
    """A bare number where a window or duration goes (``window: 120``): a missing unit."""
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and any(part in _DURATION_KEYS for part in path if isinstance(part, str))
    )


def _describe(schema: Any) -> str:
    if isinstance(schema, dict):
        if "description" in schema:
            return str(schema["description"])
        if "pattern" in schema:
            return f"must match {schema['pattern']}"
    return "does not match the format"
