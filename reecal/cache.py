"""A cache of loaded datasets, keyed on the content of every input file.

Parsing TOML is the slow part of loading a large data file (about 15,000 records a
second), so a loaded :class:`~reecal.dataset.Dataset` is kept in
``$XDG_CACHE_HOME/reecal`` (``~/.cache/reecal``).  The key is a SHA-256 of every
input file's name and *bytes* (never its mtime) and of reecal's own model code, so a
cache entry can never be served for data or code it was not made from.

Entries are written to a temporary file and renamed into place, so two processes may
load at once: each either finds a complete entry or builds its own.  An entry is a
pickle, and is read only from a directory that belongs to the current user and that
nobody else may write to; anything unreadable is ignored and rebuilt.
``REECAL_CACHE=0`` turns the cache off.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import stat
from collections.abc import Sequence
from typing import Any

__all__ = ["cache_dir", "enabled", "key", "read", "write"]

KEEP = 16
"""How many entries to keep; the least recently written go first."""

_CODE = ("model.py", "enums.py", "loader.py", "dataset.py", "zones.py", "errors.py",
         "_version.py")


def enabled() -> bool:
    return os.environ.get("REECAL_CACHE", "1").lower() not in ("0", "no", "false", "off")


def cache_dir() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "reecal")


def key(inputs: Sequence[tuple[str, bytes]]) -> str:
    """SHA-256 over reecal's model code and every input's name and content."""
    if sum(len(data) for _, data in inputs) > 1 << 20:
        from hashlib import sha256  # OpenSSL's: five times faster on large inputs
    else:
        try:  # the built-in module: importing hashlib costs ~10 ms at start-up
            from _sha256 import sha256  # type: ignore[import-not-found,no-redef]
        except ImportError:
            from hashlib import sha256
    h = sha256(b"reecal-cache-1\0")
    here = os.path.dirname(os.path.abspath(__file__))
    for name in _CODE:
        try:
            with open(os.path.join(here, name), "rb") as fh:
                h.update(fh.read())
        except OSError:
            h.update(name.encode())
    for name, data in inputs:
        h.update(name.encode("utf-8", "surrogateescape") + b"\0")
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    digest: str = h.hexdigest()
    return digest


def _safe(directory: str) -> bool:
    """The directory is ours and only we can write to it."""
    try:
        st = os.stat(directory)
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode):
        return False
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        return False
    return not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read(k: str) -> Any | None:
    """The cached object for key *k*, or None (missing, unsafe or unreadable)."""
    if not enabled():
        return None
    d = cache_dir()
    path = os.path.join(d, f"{k}.pickle")
    if not _safe(d):
        return None
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            if hasattr(os, "getuid") and st.st_uid != os.getuid():
                return None
            return pickle.load(fh)
    except Exception:
        return None


def write(k: str, value: Any) -> None:
    """Store *value* under *k*, atomically; failures are ignored (it is only a cache)."""
    if not enabled():
        return
    import tempfile

    d = cache_dir()
    try:
        os.makedirs(d, mode=0o700, exist_ok=True)
        if not _safe(d):
            return
        fd, tmp = tempfile.mkstemp(dir=d, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, os.path.join(d, f"{k}.pickle"))
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        _prune(d)
    except Exception:
        pass


def _prune(d: str) -> None:
    entries = [os.path.join(d, n) for n in os.listdir(d) if n.endswith(".pickle")]
    entries.sort(key=os.path.getmtime, reverse=True)
    for old in entries[KEEP:]:
        with contextlib.suppress(OSError):
            os.unlink(old)
