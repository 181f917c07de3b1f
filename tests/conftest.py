"""Shared test helpers: paths, and running the command line with exit-code checks."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import traceback
from collections.abc import Iterator
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

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
MATRICES = ROOT / "matrices"


@contextlib.contextmanager
def replay_engine(name: str) -> Iterator[None]:
    """Replays in the block use the ``compiled`` or the ``python`` engine."""
    before = os.environ.get("ESCMATRIX_ENGINE")
    os.environ["ESCMATRIX_ENGINE"] = name
    try:
        yield
    finally:
        if before is None:
            del os.environ["ESCMATRIX_ENGINE"]
        else:
            os.environ["ESCMATRIX_ENGINE"] = before


def call_center() -> Matrix:
    """The call-center example as written before contacts had hours and deputies: the
    compiled replay only takes a matrix whose contacts are always reached as written."""
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
