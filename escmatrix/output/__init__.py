"""Output formats, each a module with a ``render`` function, looked up by name.

Render formats (``escmatrix render --format``) take a matrix and an optional list of
categories and return text, or a rich renderable for the terminal table.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

RENDER_FORMATS = {
    "table": "escmatrix.output.render_table",
    "markdown": "escmatrix.output.render_markdown",
    "mermaid": "escmatrix.output.render_mermaid",
    "json": "escmatrix.output.render_json",
}


def renderer(name: str) -> Callable[..., Any]:
    """The ``render`` function of format ``name``."""
    render: Callable[..., Any] = import_module(RENDER_FORMATS[name]).render
    return render
