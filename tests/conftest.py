"""Shared test helpers: paths, and running the command line with exit-code checks."""

from __future__ import annotations

import dataclasses
import json
import os
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import settings
from typer.testing import CliRunner

if TYPE_CHECKING:
    from escmatrix.model import Matrix

# CI replays the same examples every run (a green build stays green); a developer's run
# explores new ones. Select with HYPOTHESIS_PROFILE=ci.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def _run_as_python() -> None:
    """ESCMATRIX_PURE=1: import the modules that are compiled (escmatrix.COMPILED) from their
    Python source instead, and none of the C accelerators, so that the tests check the code
    a machine without a C compiler runs (tests/test_pure_python.py does that)."""
    import importlib.machinery
    import importlib.util
    import sys

    from escmatrix import COMPILED

    class SourceOnly(importlib.abc.MetaPathFinder):
        def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
            if name not in COMPILED:
                return None
            for entry in path or sys.path:
                source = Path(entry) / f"{name.rpartition('.')[2]}.py"
                if source.is_file():
                    return importlib.util.spec_from_file_location(name, source)
            raise ModuleNotFoundError(f"{name} is only compiled (ESCMATRIX_PURE=1)", name=name)

    sys.meta_path.insert(0, SourceOnly())


if os.environ.get("ESCMATRIX_PURE") == "1":
    _run_as_python()

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
MATRICES = ROOT / "matrices"


def call_center() -> Matrix:
    """The call-center example as written before contacts had hours and deputies: every
    contact is reached as written, and records have no availability fields."""
    from escmatrix.validation import load_matrix

    matrix = load_matrix(MATRICES / "call-center.yaml")
    contacts = tuple(
        dataclasses.replace(c, calendar=None, deputy=None, outside_hours="deputy")
        for c in matrix.contacts
    )
    return dataclasses.replace(matrix, contacts=contacts)


class Run:
    """The outcome of one command: exit code, standard output and standard error."""

    def __init__(self, code: int, stdout: str, stderr: str) -> None:
        self.code, self.stdout, self.stderr = code, stdout, stderr

    def json(self) -> Any:
        return json.loads(self.stdout)


def run_cli(*args: str, code: int = 0, input: str | None = None) -> Run:
    """Run ``escmatrix ARGS`` in-process; assert the exit code and re-raise any unexpected
    exception so that a crash shows its traceback instead of a wrong exit code."""
    from escmatrix.cli import app

    result = CliRunner().invoke(app, list(args), input=input, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        traceback.print_exception(result.exception)
        raise result.exception
    assert result.exit_code == code, (
        f"escmatrix {' '.join(args)} exited {result.exit_code}, expected {code}\n"
        f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    )
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def cli() -> Any:
    return run_cli
