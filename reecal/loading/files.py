"""Which files to read, and reading them: the user's paths and the bundled data.

>>> [name for name, _ in bundled()][:1]
['reecal/data/baotou-forum-2023.toml']
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable

from reecal.errors import DataError

TYPE_CHECKING = False  # typing is not imported: the agenda's start-up does without it
if TYPE_CHECKING:  # pathlib costs start-up time a listing of the bundled data need not pay
    from pathlib import Path
    from typing import IO

__all__ = [
    "EMPTY_PATH",
    "MAX_FILE_BYTES",
    "NotRegularError",
    "Paths",
    "TooLargeError",
    "bundled",
    "decode",
    "expand",
    "inputs",
    "read",
    "read_regular",
    "read_stream",
    "size_text",
]

MAX_FILE_BYTES = 256 * 1024 * 1024
"""Data files larger than this are refused (a guard against accidents and abuse)."""

Paths = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]
"""One path (a file or a directory) or several."""


def read(path: Path, shown: str) -> bytes:
    """The bytes of one data file (DataError if it cannot be read or is too large)."""
    return read_regular(path, shown, MAX_FILE_BYTES)


class TooLargeError(DataError):
    """A file over the size limit (:func:`read_regular`)."""


class NotRegularError(DataError):
    """A FIFO, a device, a directory... where a regular file is expected
    (:func:`read_regular`)."""


_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


def read_regular(path: str | os.PathLike[str], shown: str, limit: int) -> bytes:
    """The bytes of the regular file at *path* (a symlink to one is followed), at most
    *limit* of them; anything else is a one-line :class:`DataError` naming *shown*.

    It never waits and never reads without end: the file is opened without blocking
    (a FIFO with no writer would hang an ordinary open), refused unless it is a
    regular file (a FIFO, a device such as /dev/zero, a directory), and read only
    up to one byte past *limit*, so a file that grows after it was looked at is
    still refused rather than read until memory runs out.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror or exc}", path=shown) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a file")
            raise NotRegularError(f"cannot read: {kind}, not a regular file", path=shown)
        if info.st_size > limit:  # known too large: not read at all (and checked below
            raise _too_large(shown, limit)  # again, for a file that grows meanwhile)
        chunks, size = [], 0
        step = info.st_size + 1  # the whole file in one read (and one byte, to see it grew)
        while size <= limit:
            chunk = os.read(fd, min(step, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            step = 1 << 20
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror or exc}", path=shown) from None
    finally:
        os.close(fd)
    if size > limit:
        raise _too_large(shown, limit)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _too_large(shown: str, limit: int, what: str = "file") -> TooLargeError:
    return TooLargeError(f"{what} is larger than {size_text(limit)}; not read", path=shown)


def read_stream(stream: IO[bytes], shown: str, limit: int) -> bytes:
    """What *stream* (standard input) holds, at most *limit* bytes: the same one-line
    errors as :func:`read_regular`, and never more than one byte past the limit read."""
    try:
        data = stream.read(limit + 1)
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror or exc}", path=shown) from None
    if len(data) > limit:
        raise _too_large(shown, limit, "input")
    return data


def size_text(n: int) -> str:
    """*n* bytes as people say it (in messages about size limits).

    >>> size_text(256 * 1024 * 1024), size_text(8 * 1024 * 1024), size_text(100)
    ('256 MiB', '8 MiB', '100 bytes')
    """
    return f"{n // (1 << 20)} MiB" if n >= 1 << 20 and not n % (1 << 20) else f"{n} bytes"


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


def inputs(paths: Paths = (), *, include_bundled: bool = True) -> list[tuple[str, bytes]]:
    """What loading *paths* reads, as (name, bytes): the bundled data files first
    (unless *include_bundled* is False), then the files *paths* name (:func:`expand`)."""
    found = bundled() if include_bundled else []
    if _each(paths):
        found += [(shown, read(p, shown)) for p, shown in expand(paths)]
    return found


EMPTY_PATH = "an empty path names no file (it would mean the current directory)"
"""Why an empty path is refused (it would mean the current directory)."""


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
            raise DataError(EMPTY_PATH, path='""')
        p = Path(raw)
        if p.is_dir():
            # everything but a directory: a FIFO or a link to a device found here is
            # refused by read_regular as it is when named directly (same message)
            found.extend((q, str(q)) for q in sorted(p.rglob("*.toml")) if not q.is_dir())
        elif p.exists() or p.is_symlink():  # a dangling link: read says why
            found.append((p, shown))
        else:
            raise DataError("no such file or directory", path=shown)
    seen: set[Path] = set()
    out = []
    for p, name in found:
        try:
            real = p.resolve()
        except (OSError, RuntimeError):  # a loop of links: reading it says so, in one line
            real = p
        if real not in seen:
            seen.add(real)
            out.append((p, name))
    return out
