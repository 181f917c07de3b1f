"""Reading files: YAML with positions, matrices, ticket logs and their mapping files."""

from __future__ import annotations

import re

_MAPPING_MARKER = re.compile(r"^mapping\s*:", re.M)


def is_mapping_text(text: str) -> bool:
    """True when a YAML text has a top-level ``mapping:`` key: a log mapping file, not a
    matrix (checked without importing the mapping reader)."""
    return bool(_MAPPING_MARKER.search(text))
