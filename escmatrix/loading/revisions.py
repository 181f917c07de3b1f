"""A file as it was in a git commit: ``REV:PATH`` arguments, read with ``git show``.

``PATH`` is read the way ``git show`` reads it: from the top of the repository, or from the
current folder when it starts with ``./``; an empty ``REV`` (``:PATH``) is the index, what
``git add`` staged. An argument names a revision only when no file of that name exists, so a
plain path with a colon in it still reads the file.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


class RevisionError(Exception):
    """``REV:PATH`` cannot be read: no git, not in a repository, no such revision or file."""


def split_revision(spec: str) -> tuple[str, str] | None:
    """``(REV, PATH)`` when ``spec`` is ``REV:PATH`` and no file is called ``spec``."""
    if spec == "-" or ":" not in spec or Path(spec).exists():
        return None
    revision, _, path = spec.partition(":")
    if not path:
        return None
    return revision, path


def read_revision(revision: str, path: str) -> bytes:
    """The bytes of ``path`` in ``revision`` (see the module documentation)."""
    spec = f"{revision}:{path}"
    git = shutil.which("git")
    if git is None:
        raise RevisionError(
            f"{spec}: reading a file from a revision needs git, which is not installed"
            " (or not on PATH); give the file itself instead"
        )

    def run(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([git, *args], capture_output=True, check=False)

    if run("rev-parse", "--git-dir").returncode != 0:
        raise RevisionError(
            f"{spec}: not inside a git repository, so there is no revision {revision!r} to"
            " read from (a plain file name with a colon must exist)"
        )
    if revision and run("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").returncode:
        raise RevisionError(f"{spec}: unknown revision {revision!r} (see git log)")
    where = f"revision {revision}" if revision else "the index (staged files)"
    kind = run("cat-file", "-t", spec)
    if kind.returncode != 0:
        raise RevisionError(
            f"{spec}: there is no file {path} in {where} (the path is from the top of the"
            " repository; ./PATH is from the current folder)"
        )
    if kind.stdout.strip() != b"blob":
        raise RevisionError(f"{spec}: {path} is a folder in {where}, not a file")
    shown = run("show", "--no-textconv", spec)  # the stored bytes, no conversion filter
    if shown.returncode != 0:  # pragma: no cover - the file was there a moment ago
        raise RevisionError(f"{spec}: git could not read it")
    return shown.stdout
