"""The command line's cache of loaded data, keyed on the content of every input file.

Parsing TOML and checking every field is the slow part of loading a large data file,
so the ``reecal`` command keeps what it loaded in ``$XDG_CACHE_HOME/reecal``
(``~/.cache/reecal``) as a JSON snapshot (:mod:`reecal.loading.snapshot`).  The library
never does this on its own: :func:`reecal.load` uses a cache only when given one.

* The key is a SHA-256 of every input file's name and *bytes* (never its mtime) and
  of reecal's own model and loading code, so an entry is never served for data or
  code it was not made from.
* An entry is read only from a directory that belongs to the current user and that
  nobody else may write to, and only if the file itself is the user's: a snapshot is
  trusted (read without re-checking every field), so nobody else may plant one.
* A snapshot is JSON: text, numbers, lists and tables, which nothing executes.
* Entries are written to a temporary file and renamed into place, so two processes
  may load at once; anything unreadable is ignored and rebuilt.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Sequence

from reecal.loading.integrity import Loaded
from reecal.loading.snapshot import FORMAT, dump, load

__all__ = ["Cache"]

try:  # the built-in module: importing hashlib would add ~5 ms to every start-up
    from _sha256 import sha256  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover (a Python built without it)
    from hashlib import sha256

KEEP = 16
"""How many entries to keep; the least recently written go first."""

Inputs = Sequence[tuple[str, bytes]]


PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
"""reecal's own directory (os.path, not pathlib: the cache is on every listing's path)."""


def _read(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


def code_digest(root: str | os.PathLike[str] = PACKAGE) -> bytes:
    """reecal's model and loading code (under *root*): a change to either invalidates
    every entry."""
    h = sha256()
    for sub in ("model", "loading"):
        folder = os.path.join(root, sub)
        for name in sorted(n for n in os.listdir(folder) if n.endswith(".py")):
            h.update(name.encode() + b"\0" + _read(os.path.join(folder, name)))
    h.update(_read(os.path.join(root, "_version.py")))
    return bytes(h.digest())


class Cache:
    """Snapshots of loaded data in *directory*, one file per set of inputs."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = os.fspath(directory)

    def key(self, inputs: Inputs) -> str:
        """SHA-256 over reecal's code and every input's name and content."""
        h = sha256(f"reecal-cache-{FORMAT}\0".encode())
        h.update(code_digest())
        for name, data in inputs:
            h.update(name.encode("utf-8", "surrogateescape") + b"\0")
            h.update(len(data).to_bytes(8, "big"))
            h.update(data)
        return str(h.hexdigest())

    def _safe(self) -> bool:
        """The directory is ours and only we can write to it."""
        try:
            st = os.stat(self.directory)
        except OSError:
            return False
        return stat.S_ISDIR(st.st_mode) and _ours(st)

    def get(self, key: str) -> Loaded | None:
        """What was stored under *key* (see :meth:`key`), or None."""
        if not self._safe():
            return None
        path = os.path.join(self.directory, f"{key}.json")
        try:
            with open(path, "rb") as fh:
                if not _ours(os.fstat(fh.fileno())):
                    return None
                return load(json.loads(fh.read()))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, loaded: Loaded) -> None:
        """Store *loaded* under *key*, atomically; failures are ignored (it is a cache)."""
        import tempfile

        d = self.directory
        try:
            os.makedirs(d, mode=0o700, exist_ok=True)
            if not self._safe():
                return
            fd, tmp = tempfile.mkstemp(dir=d, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(dump(loaded), fh, ensure_ascii=False, separators=(",", ":"))
                os.replace(tmp, os.path.join(d, f"{key}.json"))
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
            self._prune()
        except OSError:
            pass

    def _prune(self) -> None:
        entries = [os.path.join(self.directory, n) for n in os.listdir(self.directory)
                   if n.endswith(".json")]
        entries.sort(key=_mtime, reverse=True)
        for old in entries[KEEP:]:
            with contextlib.suppress(OSError):
                os.unlink(old)


def _ours(st: os.stat_result) -> bool:
    """Owned by the current user (where the system has owners) and writable by nobody
    else."""
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        return False
    return not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _mtime(path: str) -> float:
    try:
        return os.path.getmtime(path)
    except OSError:
        return 0.0
