"""Which files to read, and reading them: the user's paths and the bundled data.

>>> [name for name, _ in bundled()][:1]
['reecal/data/baotou-forum-2023.toml']
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

from reecal.errors import DataError

if TYPE_CHECKING:  # pathlib costs start-up time a listing of the bundled data need not pay
    from pathlib import Path

__all__ = ["MAX_FILE_BYTES", "Paths", "bundled", "decode", "expand", "read"]

MAX_FILE_BYTES = 256 * 1024 * 1024
"""Data files larger than this are refused (a guard against accidents and abuse)."""

Paths = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]
"""One path (a file or a directory) or several."""


def read(path: Path, shown: str) -> bytes:
    """The bytes of one data file (DataError if it cannot be read or is too large)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // (1024 * 1024)
            raise DataError(f"file is larger than {limit} MiB", path=shown)
        return path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror or exc}", path=shown) from None


def decode(raw: bytes, shown: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(f"not valid UTF-8 (byte {exc.start})", path=shown, line=line) from None


def bundled() -> list[tuple[str, bytes]]:
    """The bundled data files as (name, bytes), in name order."""
    here = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data")
    if os.path.isdir(here):
        out = []
        for name in sorted(os.listdir(here)):
            if name.endswith(".toml"):
                with open(os.path.join(here, name), "rb") as fh:
                    out.append((f"reecal/data/{name}", fh.read()))
        return out
    from importlib import resources  # installed in a zip: slower, but works

    root = resources.files("reecal") / "data"
    return [(f"reecal/data/{e.name}", e.read_bytes())
            for e in sorted(root.iterdir(), key=lambda e: e.name) if e.name.endswith(".toml")]


def _each(paths: Paths) -> list[str | os.PathLike[str]]:
    """*paths* as a list: one path (text or a path object) is one path, not its letters."""
    if isinstance(paths, (str, os.PathLike)):
        return [paths]
    return list(paths)


def expand(paths: Paths) -> list[tuple[Path, str]]:
    """The data files that *paths* name, as (path, name shown in messages).

    Directories are searched for ``*.toml`` recursively, in name order; a file named
    twice (a directory and a file in it) is read once.
    """
    from pathlib import Path

    found: list[tuple[Path, str]] = []
    for raw in _each(paths):
        shown = os.fspath(raw)
        if not shown:
            raise DataError("an empty path names no file (it would mean the current "
                            "directory)", path='""')
        p = Path(raw)
        if p.is_dir():
            found.extend((q, str(q)) for q in sorted(p.rglob("*.toml")) if q.is_file())
        elif p.exists():
            found.append((p, shown))
        else:
            raise DataError("no such file or directory", path=shown)
    seen: set[Path] = set()
    out = []
    for p, name in found:
        real = p.resolve()
        if real not in seen:
            seen.add(real)
            out.append((p, name))
    return out
