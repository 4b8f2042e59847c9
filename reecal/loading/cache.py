"""The command line's cache of loaded data, keyed on the content of every input file.

Parsing TOML and checking every field is the slow part of loading a large data file,
so the ``reecal`` command keeps what it loaded in ``$XDG_CACHE_HOME/reecal``
(``~/.cache/reecal``) as a JSON snapshot (:mod:`reecal.loading.snapshot`).  The library
never does this on its own: :func:`reecal.load` uses a cache only when given one.

* The key is a SHA-256 of every input file's name and *bytes* (never its mtime), of
  reecal's version and code, and of the Python that runs it, so an entry is never
  served for data, code or an interpreter it was not made from.  reecal's code is
  known by the path, size and modification time of each of its modules, the rule by
  which Python itself invalidates the bytecode it caches.
* Beside the snapshot, the command line keeps the *briefs* of the same data
  (:mod:`reecal.formats.briefs`, what ``upcoming`` and ``deadlines`` read) and its
  help text, as :mod:`marshal` data: numbers, text, tuples, lists and dicts, checked
  for that shape when read.  marshal is not hardened against crafted input, which is
  one more reason nobody else may write here.
* An entry is read only from a directory that belongs to the current user and that
  nobody else may write to, and only if the file itself is the user's: a snapshot is
  trusted (read without re-checking every field), so nobody else may plant one.
* A snapshot is JSON: text, numbers, lists and tables, which nothing executes.  Code
  objects, which marshal can hold, are refused: nothing read here is ever run.
* Entries are written to a temporary file and renamed into place, so two processes
  may load at once; anything unreadable is ignored and rebuilt.
"""

from __future__ import annotations

import os
import stat
import sys

TYPE_CHECKING = False  # typing is not imported: the help's start-up does without it
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any, TypeAlias

    from reecal.loading.integrity import Loaded

__all__ = ["FORMAT", "Cache", "code_digest"]

FORMAT = 5
"""Part of every key: bump it when what is stored, or how the key is made, changes."""

try:  # the built-in module: importing hashlib would add ~5 ms to every start-up
    from _sha256 import sha256  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover (a Python built without it)
    from hashlib import sha256

BIG = 1 << 22
"""Inputs larger than this (4 MiB) are hashed by hashlib's SHA-256 (OpenSSL's, which
uses the processor's SHA instructions), smaller ones by the built-in module, which is
quicker to import: the same digest either way."""

KEEP = 16
"""How many entries of each kind to keep; the least recently written go first."""

if TYPE_CHECKING:
    Inputs: TypeAlias = Sequence[tuple[str, bytes]]


PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
"""reecal's own directory (os.path, not pathlib: the cache is on every listing's path)."""


def code_digest(root: str | os.PathLike[str] = PACKAGE) -> bytes:
    """reecal's code under *root* (each module's path, size and modification time) and
    the interpreter's version: a change to any invalidates every entry."""
    h = sha256(f"{sys.version}\0{sys.implementation.cache_tag}\0".encode())
    root = os.fspath(root)
    folders = [root]
    skip = len(root)
    while folders:
        folder = folders.pop()
        with os.scandir(folder) as found:
            entries = sorted(found, key=lambda e: e.name)
        for e in entries:
            if e.name.endswith(".py") and e.is_file():
                st = e.stat()
                h.update(f"{e.path[skip:]}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
            elif e.is_dir() and e.name not in ("__pycache__", "data") and e.name[0] != ".":
                folders.append(e.path)
    h.update(_dependencies().encode())
    return bytes(h.digest())


DEPENDENCIES = ("click", "icalendar", "tzdata")
"""What kept output comes from besides reecal: the help's words (click), a feed's
VTIMEZONEs (icalendar, and tzdata or the system's zone database)."""


def _dependencies() -> str:
    """The installed versions of :data:`DEPENDENCIES` (their ``*.dist-info`` folders on
    the import path) and when the system's zone database last changed: help kept from
    another click, or a feed from another icalendar or older zone rules, is not served."""
    found = []
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        found += sorted(n for n in names if n.endswith(".dist-info")
                        and n.split("-", 1)[0].lower() in DEPENDENCIES)
    tzpath = os.environ.get("PYTHONTZPATH")  # as zoneinfo reads it, or its built-in path
    for folder in (tzpath.split(os.pathsep) if tzpath else (
            "/usr/share/zoneinfo", "/usr/lib/zoneinfo", "/usr/share/lib/zoneinfo",
            "/etc/zoneinfo")):
        if os.path.isdir(folder):
            found.append(f"{folder}:{os.stat(folder).st_mtime_ns}")
    return "\0".join(found)


class Cache:
    """Entries in *directory*: per set of inputs, the snapshot of what was loaded and
    what the command line derived from it; :attr:`looked_up` is the key last asked for."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = os.fspath(directory)
        self.looked_up: str | None = None

    def key(self, inputs: Inputs) -> str:
        """SHA-256 over reecal's code, the interpreter and every input's name and
        content."""
        h = _sha256_for(sum(len(data) for _, data in inputs))
        h.update(f"reecal-cache-{FORMAT}\0".encode())
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

    def read(self, name: str) -> bytes | None:
        """The entry *name*, if it is there, ours and whole (its digest checks); else
        None.  An entry of ours that is not whole is removed, to be made again."""
        if not self._safe():
            return None
        path = os.path.join(self.directory, name)
        try:
            with open(path, "rb") as fh:
                if not _ours(os.fstat(fh.fileno())):
                    return None
                data = fh.read()
        except OSError:
            return None
        body = memoryview(data)[_DIGEST:]
        if len(data) > _DIGEST and data[:_DIGEST] == _digest(body):
            return bytes(body)
        import contextlib

        with contextlib.suppress(OSError):
            os.unlink(path)
        return None

    def has(self, name: str) -> bool:
        """Whether there is an entry *name* (without reading it)."""
        return os.path.isfile(os.path.join(self.directory, name))

    def write(self, name: str, data: bytes | Iterable[bytes]) -> None:
        """Store *data* (or its pieces, written as they come) as entry *name*,
        atomically; failures are ignored (it is a cache)."""
        import contextlib  # (imported to write: reading, on every start-up, does without it)
        import tempfile

        d = self.directory
        try:
            os.makedirs(d, mode=0o700, exist_ok=True)
            if not self._safe():
                return
            fd, tmp = tempfile.mkstemp(dir=d, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    # the digest (so that an entry changed since is not served) goes
                    # first, in the place kept for it once every piece is written
                    pieces = (data,) if isinstance(data, bytes) else data
                    h = _sha256_for(len(data) if isinstance(data, bytes) else BIG + 1)
                    fh.write(bytes(_DIGEST))
                    for piece in pieces:
                        h.update(piece)
                        fh.write(piece)
                    fh.seek(0)
                    fh.write(h.digest())
                os.replace(tmp, os.path.join(d, name))
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
            self._prune(name.rsplit(".", 1)[-1])
        except OSError:
            pass

    def get(self, key: str) -> Loaded | None:
        """The snapshot stored under *key* (see :meth:`key`), or None."""
        self.looked_up = key
        data = self.read(f"{key}.json")
        if data is None:
            return None
        import json

        from reecal.loading.snapshot import load

        try:
            return load(json.loads(data))
        except (ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, loaded: Loaded) -> None:
        """Store the snapshot of *loaded* under *key*."""
        import json

        from reecal.loading.snapshot import dump

        self.write(f"{key}.json", json.dumps(dump(loaded), ensure_ascii=False,
                                             separators=(",", ":")).encode())

    def get_values(self, name: str) -> Any:
        """The plain values stored as entry *name* by :meth:`put_values`, or None.
        marshal reads values and runs nothing; the caller checks their shape."""
        data = self.read(name)
        if data is None:
            return None
        import marshal

        try:
            return marshal.loads(data)
        except (EOFError, ValueError, TypeError):
            return None

    def put_values(self, name: str, values: Any) -> None:
        """Store plain values (numbers, text, tuples, lists, dicts) as entry *name*."""
        import marshal

        self.write(name, marshal.dumps(values))

    def _prune(self, suffix: str) -> None:
        import contextlib

        entries = [os.path.join(self.directory, n) for n in os.listdir(self.directory)
                   if n.endswith("." + suffix) and not n.startswith(".")]
        entries.sort(key=_mtime, reverse=True)
        for old in entries[KEEP:]:
            with contextlib.suppress(OSError):
                os.unlink(old)


_DIGEST = 32
"""Every entry starts with the SHA-256 of the rest."""


def _sha256_for(size: int) -> Any:
    """A SHA-256 for *size* bytes: hashlib's (OpenSSL's) for more than :data:`BIG`."""
    if size > BIG:
        import hashlib  # several times faster on large inputs

        return hashlib.sha256()
    return sha256()


def _digest(data: bytes | memoryview) -> bytes:
    h = _sha256_for(len(data))
    h.update(data)
    return bytes(h.digest())


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
