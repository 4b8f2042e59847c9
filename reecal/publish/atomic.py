"""Replacing a set of files all or nothing, even across a kill.

Each new file is first written in full beside its target (``.<name>.<random>.tmp``)
and flushed to disk.  One file is then renamed over its target: atomic by itself.
For several, a journal (``.reecal-journal.json``) naming every temporary file is
written and flushed *before* the first rename; the renames follow (each target first
hard-linked to ``.<name>.<pid>.bak``, so a reader never finds it missing), then the
backups and the journal are removed.

A write that fails (an error) puts the old files back.  A write that is killed leaves
the journal: the next write into that directory (:func:`recover`) finishes it, every
temporary file it names being complete, so the directory ends with the whole new set
and no leftovers.  Until then ``reecal export --check`` names the leftovers
(:func:`leftovers`).  Two writers into one directory at the same moment are not
supported.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

__all__ = ["JOURNAL", "leftovers", "recover", "replace_all", "unlink"]

JOURNAL = ".reecal-journal.json"
_TEMP = re.compile(r"\.(?P<name>.+)\.(?:[A-Za-z0-9_]+\.tmp|\d+\.bak)")
"""A temporary file or backup this module makes for the file *name*."""

Step = Callable[[str], None]
"""Called before each step of a replacement with its name (tests inject a kill)."""


def _nothing(step: str) -> None:
    """The default :data:`Step`: no test is watching."""


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_journal(out: Path, temps: dict[str, str]) -> None:
    doc = {"replace": {name: os.path.relpath(tmp, out) for name, tmp in temps.items()}}
    tmp = out / f"{JOURNAL}.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, sort_keys=True)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, out / JOURNAL)
    _fsync_dir(out)


def replace_all(out: Path, temps: dict[str, str], *, step: Step = _nothing) -> None:
    """Rename each complete temporary file (by target name under *out*) over its
    target, all or nothing: on an error the old files are put back and the error
    raised; on a kill the journal lets :func:`recover` finish the job."""
    journal = len(temps) > 1
    if journal:
        step("journal")
        _write_journal(out, temps)
    backups: dict[str, Path] = {}
    done: list[str] = []
    try:
        for name, tmp in temps.items():
            target = out / name
            if target.exists():
                step(f"backup {name}")
                bak = target.with_name(f".{target.name}.{os.getpid()}.bak")
                unlink(bak)
                try:
                    os.link(target, bak)
                except OSError:
                    shutil.copyfile(target, bak)
                backups[name] = bak
            step(f"rename {name}")
            os.replace(tmp, target)
            done.append(name)
    except OSError:
        for name in done:
            if name in backups:
                os.replace(backups.pop(name), out / name)
            else:
                unlink(out / name)
        paths: list[str | Path] = [*temps.values(), *backups.values(), out / JOURNAL]
        for path in paths:
            unlink(path)
        raise
    step("clean up")
    for bak in backups.values():
        unlink(bak)
    if journal:
        unlink(out / JOURNAL)


def recover(out: Path, names: Iterable[str]) -> list[str]:
    """Finish a replacement into *out* that was killed, and remove what it left of
    *names* (temporary files, backups); returns the names of the files that
    replacement installs (those renamed before the kill too: nothing named them)."""
    finished = []
    journal = out / JOURNAL
    if journal.is_file():
        try:
            plan = json.loads(journal.read_text(encoding="utf-8"))["replace"]
        except (OSError, ValueError, KeyError, TypeError):
            plan = {}  # a journal cut short: its renames had not begun
        if isinstance(plan, dict):
            for name, tmp in sorted(plan.items()):
                source = out / str(tmp)
                if not isinstance(name, str) or not _inside(out, source, name):
                    continue
                if source.is_file():
                    os.replace(source, out / name)
                finished.append(name)
        unlink(journal)
    for leftover in leftovers(out, names):
        unlink(out / leftover)
    unlink(out / f"{JOURNAL}.tmp")
    return finished


def _inside(out: Path, *paths: str | Path) -> bool:
    base = out.resolve()
    return all((out / p).resolve().is_relative_to(base) for p in paths)


def leftovers(out: Path, names: Iterable[str]) -> list[str]:
    """What an interrupted replacement of *names* left in *out*: the journal, and the
    temporary files and backups of those names (paths relative to *out*)."""
    found = [JOURNAL] if os.path.lexists(out / JOURNAL) else []
    folders: dict[Path, set[str]] = {}
    for name in names:
        folders.setdefault(Path(name).parent, set()).add(Path(name).name)
    for folder, files in sorted(folders.items()):
        try:
            entries = sorted(os.listdir(out / folder))
        except OSError:
            continue
        for entry in entries:
            m = _TEMP.fullmatch(entry)
            if m and m.group("name") in files:
                found.append(str(folder / entry) if str(folder) != "." else entry)
    return found


def unlink(path: str | Path) -> None:
    """Remove *path* if it is there."""
    with contextlib.suppress(OSError):
        os.unlink(path)
