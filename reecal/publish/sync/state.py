"""What reecal last wrote to each sync target: per UID, the store's ETag after the
write and the hash of the bytes written.  One small JSON file per target, written
atomically; a missing or unreadable one is no state (the next sync then compares
content and SEQUENCE instead, see :func:`reecal.publish.sync.plan.plan`).

>>> import tempfile
>>> from datetime import UTC, datetime
>>> d = Path(tempfile.mkdtemp())
>>> path = state_file(d, "vdir:/tmp/cal")
>>> save(path, "vdir:/tmp/cal", {"a@reecal": Entry('"1"', "ab")}, datetime(2026, 1, 1, tzinfo=UTC))
>>> load(path)
{'a@reecal': Entry(etag='"1"', sha256='ab')}
>>> _ = path.write_text("{not json"); load(path)
{}
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path

from reecal.errors import FeedError, SyncError
from reecal.publish.files import write_files
from reecal.publish.sync.plan import Entry

__all__ = ["load", "save", "state_file"]

VERSION = 1


def state_file(directory: Path, key: str) -> Path:
    """The state file of the target *key* (a collection's URL, or a directory) in
    *directory*."""
    return directory / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.json"


def load(path: Path) -> dict[str, Entry]:
    """UID → what the last sync wrote; empty when the file is missing or not reecal's."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("version") != VERSION:
            return {}
        return {str(uid): Entry(str(e["etag"]), str(e["sha256"]))
                for uid, e in doc["entries"].items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def save(path: Path, key: str, entries: dict[str, Entry], now: datetime) -> None:
    """Write the state of target *key* atomically (SyncError when it cannot be written)."""
    doc = {"version": VERSION, "target": key, "synced": now.isoformat(),
           "entries": {uid: {"etag": e.etag, "sha256": e.sha256}
                       for uid, e in sorted(entries.items())}}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_files(path.parent, {path.name: (json.dumps(doc, indent=1) + "\n").encode()},
                    what="the sync state files")
    except (OSError, FeedError) as exc:
        raise SyncError(f"cannot keep the sync state in {path}: "
                        f"{getattr(exc, 'strerror', None) or exc}") from None
