"""A vdir (one ``.ics`` per event in a directory, as khal and vdirsyncer keep them)
as a sync store.  A file's ETag is the hash of its bytes; writes are atomic (a
temporary file renamed over the target); files reecal did not make are never
touched, nor are sub-directories or dot-files.
"""

from __future__ import annotations

import os
from pathlib import Path

from reecal.errors import DataError, FeedError, SyncError
from reecal.formats.lint import MAX_BYTES
from reecal.loading.files import read_regular
from reecal.publish.files import write_files
from reecal.publish.sync.plan import Remote, digest
from reecal.publish.sync.store import PreconditionFailed

__all__ = ["VdirStore"]


class VdirStore:
    """The vdir at *path* (a directory, created by the first write if missing)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.key = f"vdir:{path.resolve()}"
        self.name = self.holder = str(path)
        self.edited = "edited by another program"

    def href(self, uid: str) -> str:
        """The file name of *uid*: the UID with ``/`` and leading dots made safe."""
        return uid.replace("/", "_").lstrip(".") + ".ics"

    def _read(self, href: str) -> bytes | None:
        """The bytes of *href*, None if there is no such file; read as every input is
        (:func:`reecal.loading.files.read_regular`: a FIFO never blocks the sync)."""
        path = self.path / href
        if not os.path.lexists(path):
            return None
        try:
            return read_regular(path, str(path), MAX_BYTES)
        except DataError as exc:
            raise SyncError(str(exc)) from None

    def list(self) -> list[Remote]:
        if not self.path.exists():
            return []
        if not self.path.is_dir():
            raise SyncError(f"{self.path}: exists and is not a directory")
        found = []
        for entry in sorted(os.scandir(self.path), key=lambda e: e.name):
            if entry.name.endswith(".ics") and not entry.name.startswith(".") and entry.is_file(
                    follow_symlinks=False):
                data = self._read(entry.name)
                if data is not None:
                    found.append(Remote(entry.name, digest(data), data))
        return found

    def _check(self, href: str, if_match: str | None) -> None:
        current = self._read(href)
        if (digest(current) if current is not None else None) != if_match:
            raise PreconditionFailed(href)

    def put(self, href: str, data: bytes, if_match: str | None) -> str:
        self._check(href, if_match)
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            write_files(self.path, {href: data}, what="the vdir's files")
        except OSError as exc:
            raise SyncError(f"cannot create {self.path}: {exc.strerror or exc}") from None
        except FeedError as exc:
            raise SyncError(str(exc)) from None
        return digest(data)

    def delete(self, href: str, if_match: str) -> None:
        self._check(href, if_match)
        try:
            (self.path / href).unlink()
        except OSError as exc:
            raise SyncError(f"cannot delete {self.path / href}: {exc.strerror or exc}") from None
