"""Fast yes/no schema check (placeholder: jsonschema)."""

from __future__ import annotations

from typing import Any


def is_valid(data: Any) -> bool:
    from escmatrix.validation.schema import _validator, matrix_schema_text

    return bool(_validator(matrix_schema_text()).is_valid(data))
