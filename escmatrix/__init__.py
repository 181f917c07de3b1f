"""escmatrix: escalation matrices as files you can validate, render, export and run.

The library API returns plain data; the command line is a thin layer over it::

    from escmatrix import load_matrix, check_file
    matrix = load_matrix("matrices/call-center.yaml")
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "check_file", "load_matrix", "load_matrix_text"]


def __getattr__(name: str) -> object:
    # Keep `import escmatrix` light: the command line imports what each command needs.
    if name in ("check_file", "load_matrix", "load_matrix_text", "check_text"):
        from escmatrix import validation

        return getattr(validation, name)
    raise AttributeError(f"module 'escmatrix' has no attribute {name!r}")
