"""The replay's modules are one source for both installs: compiled with Cython where there is
a C compiler, plain Python where there is none. These tests check which one runs, and run
the engine's, calendars' and readers' tests again on the plain Python."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from escmatrix import COMPILED, compiled
from tests.conftest import ROOT

PACKAGE = ROOT / "escmatrix"
AGAIN = [
    "tests/unit/test_engine.py",
    "tests/unit/test_engine_properties.py",
    "tests/unit/test_calendars.py",
    "tests/unit/test_calendar_properties.py",
    "tests/unit/test_instants.py",
    "tests/unit/test_timers.py",
    "tests/unit/test_logs.py",
    "tests/unit/test_readers.py",
    "tests/unit/test_simulation_output.py",
]


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def test_compiled_lists_every_module_setup_compiles() -> None:
    typed = {module_name(p) for p in PACKAGE.rglob("*.pxd") if p.with_suffix(".py").exists()}
    accelerators = {module_name(p) for p in PACKAGE.rglob("*.pyx")}
    assert set(COMPILED) == typed | accelerators


def test_which_modules_run_compiled() -> None:
    if os.environ.get("ESCMATRIX_PURE") == "1":
        assert compiled() == []
    elif os.environ.get("ESCMATRIX_REQUIRE_COMPILED") == "1":  # set by .ci/run
        assert compiled() == sorted(COMPILED)


@pytest.mark.skipif(os.environ.get("ESCMATRIX_PURE") == "1", reason="this is that run")
def test_the_same_tests_pass_on_plain_python() -> None:
    env = dict(os.environ, ESCMATRIX_PURE="1")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *AGAIN,
         "tests/test_pure_python.py"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
