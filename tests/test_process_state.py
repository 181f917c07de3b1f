"""No library function touches the process's state: below the command layer (escmatrix/cli/)
nothing reads standard input, tunes the garbage collector, installs signal handlers,
registers exit handlers or exits. The command layer does that for the library."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "escmatrix"

# Modules whose only use is process state.
MODULES = {"gc", "signal", "atexit", "faulthandler"}
# Attributes of sys and os that read or change the process's state.
ATTRIBUTES = {
    "sys": {"stdin", "__stdin__", "exit", "setrecursionlimit", "setswitchinterval"},
    "os": {"_exit", "chdir", "umask", "kill", "setsid"},
}
BUILTINS = {"input", "exit", "quit"}


def _library_sources() -> list[Path]:
    found = [
        path
        for path in sorted(PACKAGE.rglob("*"))
        if path.suffix in (".py", ".pyx") and "cli" not in path.relative_to(PACKAGE).parts[:1]
    ]
    assert len(found) > 50  # the scan sees the package
    return found


def _touches(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, what) of every use of process state in ``tree``."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, f"import {a.name}") for a in node.names if a.name in MODULES]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            module = node.module or ""
            if module in MODULES:
                found.append((node.lineno, f"from {module} import ..."))
            for alias in node.names:
                if alias.name in ATTRIBUTES.get(module, ()):
                    found.append((node.lineno, f"from {module} import {alias.name}"))
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.attr in ATTRIBUTES.get(node.value.id, ()):
                found.append((node.lineno, f"{node.value.id}.{node.attr}"))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in BUILTINS
        ):
            found.append((node.lineno, f"{node.func.id}()"))
    return found


def test_no_library_module_touches_process_state() -> None:
    touched = []
    for path in _library_sources():
        text = path.read_text("utf-8")
        if path.suffix == ".pyx":  # Cython: the Python subset is enough to see imports
            text = "\n".join(
                line
                for line in text.splitlines()
                if line.startswith(("import ", "from ")) and " cimport " not in line
            )
        for line, what in _touches(ast.parse(text)):
            touched.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {what}")
    assert touched == []


def test_the_scan_finds_each_kind() -> None:
    source = """
import gc
from signal import signal
import sys, os
sys.stdin.read()
os._exit(1)
input()
"""
    found = sorted(_touches(ast.parse(source)))
    assert [what for _, what in found] == [
        "import gc",
        "from signal import ...",
        "sys.stdin",
        "os._exit",
        "input()",
    ]
