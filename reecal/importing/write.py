"""Importing a calendar file into a data directory: read it safely, make the drafts,
prove they load and pass the provenance check, then write them all or none.

The user's file is only read (never more than :data:`~reecal.importing.lines.MAX_BYTES`
and a byte, never a directory, FIFO or device); the data directory gets one
``ID.toml`` per new or updated draft and the file's copy in ``sources/``.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from reecal.errors import DataError, ImportFailed, Problem, ReecalError, printable
from reecal.importing.convert import Drafts, import_ics
from reecal.importing.lines import MAX_BYTES, too_large
from reecal.importing.toml import render, render_all
from reecal.loading import files
from reecal.loading.files import NotRegularError, TooLargeError, read_regular

__all__ = ["import_file", "read_source", "read_stream"]


def read_source(path: Path) -> bytes:
    """The bytes of calendar file *path*: ImportFailed for anything but a readable
    regular file of at most MAX_BYTES bytes (read as data files are:
    :func:`reecal.loading.files.read_regular`)."""
    shown = printable(str(path))
    return _read(lambda: read_regular(path, shown, MAX_BYTES), shown)


def read_stream(stream: BinaryIO, name: str) -> bytes:
    """The bytes of a calendar file read from *stream* (standard input), shown as
    *name*: ImportFailed past MAX_BYTES."""
    return _read(lambda: files.read_stream(stream, name, MAX_BYTES), name)


def _read(read: Callable[[], bytes], shown: str) -> bytes:
    """What *read* returns; what it cannot read is ImportFailed with one problem."""
    try:
        return read()
    except TooLargeError:
        raise too_large(shown, MAX_BYTES) from None
    except NotRegularError:
        raise ImportFailed(shown, [Problem(0, "not a regular file (a directory, FIFO or "
                                              "device cannot be imported)")]) from None
    except DataError as exc:
        raise ImportFailed(shown, [Problem(0, exc.message)]) from None


def _toml(out: Path) -> list[Path]:
    """The data files of *out* as ``--data DIR`` finds them (a FIFO or a link to a
    device included: loading them refuses the directory, as ``--data`` does)."""
    return [p for p, _ in files.expand(out)] if out.is_dir() else []


def _unwritten(out: Path, name: str, body: bytes, action: str) -> None:
    """ReecalError unless writing *body* to *out*/*name* replaces nothing import did
    not write: a new draft's name is free (no file, no link, not even a dangling
    one), an updated draft is a regular file, and a copy of the calendar already
    there is one with the same bytes; no folder on the way is a link."""
    target = out / name
    for folder in target.relative_to(out).parents:
        if folder != Path(".") and (out / folder).is_symlink():
            raise ReecalError(f"{out / folder}: a link, not a folder import made; "
                              "nothing was written")
    if not (target.exists() or target.is_symlink()):
        return
    regular = target.is_file() and not target.is_symlink()
    if action == "updated" and regular:
        return
    if action == "copy" and regular and target.read_bytes() == body:
        return
    raise ReecalError(f"{target}: already there and not a draft import wrote; "
                      "nothing was written (move it away)")


def import_file(source: Path, out: Path, *, now: datetime, until: date,
                source_url: str | None = None, data: bytes | None = None,
                stamp: datetime | None = None) -> Drafts:
    """Import calendar file *source* into data directory *out* (created if missing,
    but not its parents): write the new and updated drafts and the file's copy, all
    or none, after proving they load with the bundled data and what *out* already
    holds and that every quote is in the copy.  Returns what was imported.  Given
    *data* (read from standard input), *source* only names it.  *stamp* is the
    drafts' ``updated`` (default: *now*)."""
    import reecal

    if out.exists() and not out.is_dir():
        raise ReecalError(f"{out}: not a directory")
    if not out.parent.is_dir():
        raise ReecalError(f"{out.parent}: no such directory (the drafts' directory {out.name} "
                          "is created in it if missing, but not the directories above)")
    if data is None:
        data = read_source(source)
    mine = _toml(out)
    existing = reecal.load(mine) if mine else reecal.load()
    drafts = import_ics(data, name=str(source), now=now, until=until, source_url=source_url,
                        existing=existing, taken=[p.stem for p in mine], stamp=stamp)
    written = {}
    for d in drafts.changed:
        name = f"{d.record.id}.toml"
        origin = existing.origin(d.record.id)
        if origin is not None and Path(origin.path).resolve() != (out / name).resolve():
            raise ReecalError(f"{origin.path}: the draft {d.record.id} was moved here; the "
                              "organiser changed the event: update it by hand, or move it "
                              f"back to {out / name}")
        body = render(d.record) if d.action == "new" else render_all(d.record)
        written[name] = body.encode("utf-8")
        _unwritten(out, name, written[name], d.action)
    if not written:
        return drafts
    _unwritten(out, drafts.document, data, "copy")
    written[drafts.document] = data
    _prove(drafts, written, out)
    from reecal.publish.files import write_files

    made = [p for p in (out, out / "sources") if not p.exists()]
    for p in made:
        p.mkdir()
    try:
        write_files(out, written)
    except ReecalError:
        for p in reversed(made):
            shutil.rmtree(p, ignore_errors=True)
        raise
    return drafts


def _prove(drafts: Drafts, files: dict[str, bytes], out: Path) -> None:
    """DataError unless the directory as it would be loads and every new draft's
    quotes are in the copy it cites."""
    import reecal
    from reecal.loading.provenance import check_sources

    with tempfile.TemporaryDirectory(prefix="reecal-import-") as tmp:
        stage = Path(tmp)
        (stage / "sources").mkdir()
        for name, body in files.items():
            (stage / name).write_bytes(body)
        kept = [p for p in _toml(out) if p.relative_to(out).as_posix() not in files]
        try:
            ds = reecal.load([*kept, stage])
        except DataError as exc:
            raise DataError(f"the drafts would not load, so none was written: {exc}") from None
        mine = [ds.get(d.record.id) for d in drafts.changed]
        for d, r in zip(drafts.changed, mine, strict=True):
            if d.action == "updated" and r != d.record:
                raise DataError(f"the updated draft {d.record.id} would not load as it was "
                                "made, so none was written; update it by hand")
        found = check_sources(mine, data=stage)
        if found:
            raise DataError(f"a draft's quote is not in its source, so none was written: "
                            f"{found[0]}")
