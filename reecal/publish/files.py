"""Writing and checking the published files: all or nothing.

Every file is rendered in memory, written to a temporary file beside its target and
flushed to disk, and only then renamed over the old one; if anything fails before the
renames, the temporary files are removed and the old feeds are untouched, and if a
rename fails the ones already replaced are restored.

Only files reecal wrote are replaced (unless forced): a feed whose PRODID is reecal's,
an Atom feed with reecal's generator, a README that starts with reecal's marker.
Other files in the directory are never touched.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from reecal.errors import DataError, FeedError
from reecal.formats.atom import GENERATOR
from reecal.formats.ics import PRODID
from reecal.formats.lint import MAX_BYTES
from reecal.loading.files import TooLargeError, read_regular
from reecal.publish.atomic import Step, leftovers, recover, replace_all, unlink
from reecal.publish.feeds import CHANGES, FEEDS, changes, not_after, render
from reecal.publish.guard import sequence_problems
from reecal.publish.readme import MARKER, readme
from reecal.query.dataset import Dataset

__all__ = ["README", "check", "foreign", "names", "render_all", "write", "write_files"]

README = "README.md"
_HEAD = 8192
"""How much of an existing file is read to tell whether reecal wrote it."""
_OURS_ICS = re.compile(rb"(?:\A|\n)PRODID:" + re.escape(PRODID.encode()) + rb"\r?\n")


def names() -> list[str]:
    """The published files' names, in the order they are written."""
    return [f.filename for f in FEEDS] + [CHANGES, README]


def render_all(ds: Dataset, *, base: str | None = None, now: datetime | None = None
               ) -> dict[str, bytes]:
    """Every published file (feeds, the changes feed and the README) by file name, in
    memory.  The bytes depend on the data alone; given *now*, the moment of publishing,
    a record updated after it is refused (FeedError)."""
    if now is not None:
        not_after(ds, now)
    out = {f.filename: render(f, ds, base=base) for f in FEEDS}
    out[CHANGES] = changes(ds, base=base)
    out[README] = readme(base).encode("utf-8")
    return out


def _directory(out: Path, *, must_exist: bool) -> None:
    """FeedError unless *out* is a directory (or, when it need not exist, is absent)."""
    if out.is_dir():
        return
    if out.exists() or out.is_symlink():
        raise FeedError(f"{out}: exists and is not a directory (give --out DIR)")
    if must_exist:
        raise FeedError(f"{out}: no such directory (run 'reecal export' to create it, "
                        "or give --out DIR)")


def check(ds: Dataset, out: Path, *, base: str | None = None, now: datetime | None = None
          ) -> list[str]:
    """Names of the published files that differ from what the data gives (stale), and
    what an interrupted export left (:func:`reecal.publish.atomic.leftovers`);
    FeedError when *out* is not a directory, or when a record is updated after *now*."""
    _directory(out, must_exist=True)
    rendered = render_all(ds, base=base, now=now)
    stale = [name for name, data in rendered.items() if _existing(out / name) != data]
    return stale + [f"{x} (left by an interrupted export)" for x in leftovers(out, rendered)]


Opener = Callable[[int, bytes], None]


def _write_fd(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]
    os.fsync(fd)


def _existing(path: Path) -> bytes | None:
    """The bytes of the file at *path* that a write would replace; None when there is
    none or it is not a regular file (a FIFO or a device is never read: it would hang
    or never end).  FeedError when it is over the size limit."""
    if not os.path.lexists(path):
        return None
    try:
        return read_regular(path, str(path), MAX_BYTES)
    except TooLargeError:
        raise FeedError(f"{path}: the existing file is over {MAX_BYTES} bytes; not read "
                        "(remove it or write elsewhere)") from None
    except DataError:
        return None


def _guard(files: dict[str, bytes], out: Path) -> None:
    """Refuse (FeedError) when an event changed but its SEQUENCE did not go up compared
    with the feed it replaces: subscribers' calendars would keep the old copy."""
    problems = []
    for name, data in files.items():
        old = _existing(out / name) if name.endswith(".ics") else None
        if old is not None:
            problems += sequence_problems(old, data)
    if problems:
        raise FeedError(sorted(set(problems))[0] + (
            f" (and {len(set(problems)) - 1} more)" if len(set(problems)) > 1 else ""))


def _ours(path: Path) -> bool:
    """Whether reecal wrote *path*: a regular file that is a feed with reecal's PRODID,
    an Atom feed with reecal's generator, or a README starting with reecal's marker."""
    if path.is_symlink() or not path.is_file():
        return False
    try:
        with path.open("rb") as f:
            head = f.read(_HEAD)
    except OSError:
        return False
    if path.name == README:
        return head.startswith(MARKER.encode() + b"\n")
    if path.name == CHANGES:
        return b"\n  " + GENERATOR.encode() + b"\n" in head
    return _OURS_ICS.search(head) is not None


def foreign(out: Path) -> list[str]:
    """The published files' names that exist in *out* but were not written by reecal."""
    return sorted(n for n in names() if os.path.lexists(out / n) and not _ours(out / n))


def write(ds: Dataset, out: Path, *, base: str | None = None, force: bool = False,
          now: datetime | None = None, _writer: Opener = _write_fd,
          _step: Step | None = None) -> list[str]:
    """Write every published file into *out*, all or nothing; returns the names changed.

    Refuses (FeedError) to replace a file reecal did not write, unless *force*, to
    publish an event that changed without a higher SEQUENCE, and to publish a record
    updated after *now* (when given: the moment of publishing).
    """
    _directory(out, must_exist=False)
    theirs = [] if force else foreign(out)
    if theirs:
        it = "it" if len(theirs) == 1 else "them"
        raise FeedError(f"{out}: {', '.join(theirs)} {'was' if len(theirs) == 1 else 'were'} "
                        f"not written by reecal; move {it} or pass --force to replace {it}")
    files = render_all(ds, base=base, now=now)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FeedError(f"cannot create {out}: {exc.strerror or exc}") from None
    return write_files(out, files, _writer=_writer, _step=_step)


def write_files(out: Path, files: dict[str, bytes], *, what: str = "the published feeds",
                _writer: Opener = _write_fd, _step: Step | None = None) -> list[str]:
    """Write *files* (by path under the existing directory *out*) all or nothing, even
    across a kill (:mod:`reecal.publish.atomic`: a write killed before is finished
    first); returns the paths that changed, those the finished write installed among
    them.  The SEQUENCE guard checks every ``.ics``.  *what* names the files in the
    error a failed write gives."""
    try:
        finished = set(recover(out, files))
    except OSError as exc:
        raise FeedError(f"cannot finish an interrupted write in {out}: "
                        f"{exc.strerror or exc}") from None
    _guard(files, out)
    changed = [n for n, d in files.items() if _existing(out / n) != d]
    installed = [n for n in files if n in finished or n in changed]  # (named on stdout)
    temps: dict[str, str] = {}
    try:
        for name in changed:
            target = out / name
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                       suffix=".tmp")
            temps[name] = tmp
            try:
                _writer(fd, files[name])
            finally:
                os.close(fd)
            os.chmod(tmp, 0o644)
    except OSError as exc:
        for tmp in temps.values():
            unlink(tmp)
        raise FeedError(f"cannot write {out}: {exc.strerror or exc}; "
                        f"{what} were left as they were") from None
    try:
        replace_all(out, temps, **({"step": _step} if _step else {}))
    except OSError as exc:
        raise FeedError(f"cannot replace {what} in {out}: {exc.strerror or exc}; "
                        f"{what} were restored") from None
    return installed
