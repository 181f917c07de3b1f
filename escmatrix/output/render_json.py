"""``render --format json``: the canonical, normalised matrix."""

from __future__ import annotations

import json

from escmatrix.canonical import matrix_to_dict
from escmatrix.model import Category, Matrix


def render(matrix: Matrix, categories: list[Category] | None = None) -> str:
    data = matrix_to_dict(matrix)
    if categories is not None:
        wanted = {c.id for c in categories}
        data["categories"] = [c for c in data["categories"] if c["id"] in wanted]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
