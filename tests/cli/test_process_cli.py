"""The command layer owns the process: the garbage collector tuned for every command that
replays a log, and -o written straight into a device that can go back to its start."""

from __future__ import annotations

import gc
import json
import os
import tempfile
import threading
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MATRICES

CALL_CENTER = str(MATRICES / "call-center.yaml")
PROPOSED = str(MATRICES / "samples" / "call-center-proposed.yaml")
SAMPLE = MATRICES / "samples" / "call-center-tickets.csv"
REPLAY_THRESHOLD = (50_000, 20, 100)


@pytest.fixture
def thresholds(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, ...]]:
    """Every threshold the garbage collector is given while the test runs."""
    given: list[tuple[int, ...]] = []
    original = gc.set_threshold

    def record(*values: int) -> None:
        given.append(values)
        original(*values)

    monkeypatch.setattr(gc, "set_threshold", record)
    return given


def shuffled_log(folder: Path) -> Path:
    """The sample log backwards: in no order, so that a replay starts over."""
    rows = SAMPLE.read_text().splitlines()
    log = folder / "shuffled.csv"
    log.write_text("\n".join([rows[0], *reversed(rows[1:])]) + "\n")
    return log


@pytest.mark.parametrize(
    "args",
    [
        ["simulate", CALL_CENTER, str(SAMPLE), "-f", "jsonl"],
        ["simulate", CALL_CENTER, str(SAMPLE)],
        ["audit", CALL_CENTER, str(SAMPLE), "-f", "csv"],
        ["diff", CALL_CENTER, PROPOSED, "--log", str(SAMPLE)],
    ],
)
def test_commands_that_replay_tune_the_collector(
    cli: Any, thresholds: list[tuple[int, ...]], args: list[str]
) -> None:
    before = gc.get_threshold()
    cli(*args)
    assert thresholds[0] == REPLAY_THRESHOLD
    assert thresholds[-1] == before == gc.get_threshold()


def test_the_library_replay_leaves_the_collector_alone(
    thresholds: list[tuple[int, ...]],
) -> None:
    from escmatrix.output.simulation import STREAM_FORMATS
    from escmatrix.simulation.replay import replay
    from escmatrix.validation import load_matrix

    matrix = load_matrix(CALL_CENTER)
    with tempfile.TemporaryFile("w+", encoding="utf-8") as stream:
        summary = replay(matrix, str(SAMPLE), STREAM_FORMATS["jsonl"](stream, matrix))
    assert summary.tickets == 30
    assert thresholds == []


@pytest.mark.parametrize("command", ["simulate", "audit"])
@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv"])
def test_a_device_is_written_straight(
    cli: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, command: str, fmt: str
) -> None:
    """-o /dev/null gets the records without a temporary copy, also when the run starts
    over on a log in no order (the device goes back to its start)."""

    def no_copy(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a device given as -o is written through a temporary file")

    monkeypatch.setattr(tempfile, "TemporaryFile", no_copy)
    result = cli(command, CALL_CENTER, str(shuffled_log(tmp_path)), "-f", fmt, "-o", os.devnull)
    assert "in no order" in result.stderr
    assert f"wrote {os.devnull}" in result.stderr
    assert list(tmp_path.iterdir()) == [tmp_path / "shuffled.csv"]


def test_a_pipe_that_cannot_go_back_gets_the_records_once(cli: Any, tmp_path: Path) -> None:
    """A pipe cannot take back what a run that starts over wrote: its records go through a
    temporary file, and the reader gets each record once."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    cli("simulate", CALL_CENTER, str(shuffled_log(tmp_path)), "-f", "jsonl", "-o", str(fifo))
    reader.join(timeout=10)
    records = [json.loads(line) for line in received[0].splitlines()]
    assert len(records) == 94
    assert len({json.dumps(r, sort_keys=True) for r in records}) == 94
