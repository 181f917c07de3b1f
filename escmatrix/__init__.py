"""escmatrix: escalation matrices as files you can validate, render, export and run.

The library API returns plain data; the command line is a thin layer over it::

    from escmatrix import load_matrix, check_file
    matrix = load_matrix("matrices/call-center.yaml")
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["COMPILED", "__version__", "check_file", "load_matrix", "load_matrix_text"]

# The modules Cython compiles when the package is installed with a C compiler: a .py with
# a .pxd beside it giving the types, or a .pyx accelerator standing in for a Python module
# of the same API (setup.py compiles exactly those; a test checks this list). Without a
# compiler the plain Python modules run.
COMPILED = (
    "escmatrix.calendars",
    "escmatrix.events",
    "escmatrix.instants",
    "escmatrix.loading.canonical",
    "escmatrix.loading.lines",
    "escmatrix.output.records",
    "escmatrix.simulation._timers",
    "escmatrix.simulation.engine",
    "escmatrix.simulation.tally",
)


def compiled() -> list[str]:
    """The modules of :data:`COMPILED` that are installed compiled (found without being
    imported)."""
    from importlib.machinery import EXTENSION_SUFFIXES
    from importlib.util import find_spec

    found = []
    for name in COMPILED:
        try:
            spec = find_spec(name)
        except ModuleNotFoundError:
            spec = None
        if spec is not None and str(spec.origin).endswith(tuple(EXTENSION_SUFFIXES)):
            found.append(name)
    return found


def __getattr__(name: str) -> object:
    # Keep `import escmatrix` light: the command line imports what each command needs.
    if name in ("check_file", "load_matrix", "load_matrix_text", "check_text"):
        from escmatrix import validation

        return getattr(validation, name)
    raise AttributeError(f"module 'escmatrix' has no attribute {name!r}")
