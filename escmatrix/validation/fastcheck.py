"""A fast yes/no answer to "does this data follow the matrix schema?".

Uses the check that fastjsonschema generated from the shipped schema (see
``tools/generate_schema_check.py``); jsonschema is imported only when the answer is no,
to say what is wrong and where.
"""

from __future__ import annotations

from typing import Any

from escmatrix.validation import _schema_check


def is_valid(data: Any) -> bool:
    try:
        _schema_check.validate(data)
    except ValueError:
        return False
    return True
