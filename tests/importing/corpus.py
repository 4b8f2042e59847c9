"""What importing's tests share: the corpus of organisers' .ics files, the day they are
imported on, and a directory's files as bytes."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.support import ROOT

CORPUS = ROOT / "tests" / "data" / "imports"
GOOD = sorted(CORPUS.glob("*.ics"))
TODAY = "2026-01-10"
NOW = datetime(2026, 1, 10, tzinfo=UTC)


def tree(d: Path) -> dict[str, bytes]:
    """Every file under *d*, by its relative path: what a run wrote, to compare."""
    return {p.relative_to(d).as_posix(): p.read_bytes() for p in sorted(d.rglob("*"))
            if p.is_file()}
