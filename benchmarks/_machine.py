"""The machine a benchmark ran on, for the figures in the README, and timing a command."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds, peak MiB) of one run of ``command``, a separate process (measure from a
    small parent: a child forked from a large one reports the parent's peak)."""
    elapsed, peak, _ = measure_cpu(command, env)
    return elapsed, peak


def measure_cpu(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(seconds, peak MiB, CPU seconds) of one run of ``command``: the CPU time the child
    used, which other work on a shared machine disturbs far less than the elapsed time."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    error = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed:\n{error}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def describe() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as info:
            kib = int(info.readline().split()[1])
            memory = f", {kib / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()};"
        f" Python {platform.python_version()}"
    )
