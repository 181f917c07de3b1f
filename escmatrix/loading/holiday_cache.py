"""A small file cache for what the ``holidays`` package says, in the user's cache folder.

Importing ``holidays`` and one country costs 0.1-0.2 s, more than validating a matrix or
replaying tens of thousands of log rows. What escmatrix asks of it (the subdivisions of a
country, the public holidays of a year) is kept in JSON files under
``$XDG_CACHE_HOME/escmatrix`` (``~/.cache/escmatrix``), each stamped with a key of the
installed package, found without importing it: another release starts afresh. A file
that cannot be read counts as empty; one that cannot be written only costs time. A file
keeps the entries of the last few installs side by side (:data:`KEYS_KEPT`), so that two
installs on one machine do not overwrite each other's entries on every run.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import tempfile
from pathlib import Path
from typing import Any


def package_key() -> str | None:
    """The installed ``holidays`` package as a key (its registry file's path, size and
    modification time); None when it cannot be found."""
    spec = importlib.util.find_spec("holidays")
    if spec is None or not spec.submodule_search_locations:
        return None
    registry = Path(next(iter(spec.submodule_search_locations))) / "registry.py"
    try:
        stat = registry.stat()
    except OSError:
        return None
    return f"{registry}:{stat.st_size}:{stat.st_mtime_ns}"


def cache_file(name: str) -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "escmatrix" / name


KEYS_KEPT = 4  # installs whose entries a file keeps, the most recently written last


def _stored(file: Path) -> dict[str, Any]:
    """The file's entries by key (empty when it cannot be read)."""
    try:
        stored = json.loads(file.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    by_key = stored.get("by key") if isinstance(stored, dict) else None
    return (
        {k: v for k, v in by_key.items() if isinstance(v, dict)} if isinstance(by_key, dict) else {}
    )


def read(file: Path, key: str) -> dict[str, Any]:
    """The entries of ``file`` written for ``key``, else nothing."""
    return dict(_stored(file).get(key, {}))


def write(file: Path, key: str, entries: dict[str, Any]) -> None:
    """Write ``entries`` for ``key`` (keeping those of a few other installs), whole,
    renamed into place."""
    by_key = _stored(file)
    by_key.pop(key, None)
    by_key[key] = entries
    while len(by_key) > KEYS_KEPT:
        del by_key[next(iter(by_key))]
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=f".{file.stem}-")
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"by key": by_key}, out)
        os.replace(temporary, file)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
