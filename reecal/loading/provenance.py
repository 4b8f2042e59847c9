"""Checking records against the documents they cite (:mod:`reecal.documents`): every
quote must be in its document, mojibake repaired and white space folded as
:mod:`reecal.documents.matching` does.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import attrs

from reecal.documents import CATALOGUE, text
from reecal.documents.matching import quote_in
from reecal.model.records import Record
from reecal.model.values import Series, Source

__all__ = ["Finding", "check_sources"]


@attrs.frozen
class Finding:
    record: str
    document: str
    message: str

    def __str__(self) -> str:
        return f"{self.record}: {self.document}: {self.message}"


def _documents(root: Path) -> dict[str, str]:
    return {
        f"seeds/{p.name}": p.read_text(encoding="utf-8")
        for p in sorted((root / "seeds").glob("*")) if p.is_file()
    }


def check_sources(records: Iterable[Record], root: Path | None = None, *,
                  series: Iterable[Series] = ()) -> list[Finding]:
    """Every quote of a record (and of a series' cadence) citing a local document must
    appear in it, and every disclaimer the catalogue quotes must appear in its document.

    The documents are those shipped in the package (:mod:`reecal.documents`), or
    those under *root*/seeds when *root* is given (a checkout's originals).  URL
    sources cannot be checked offline and are skipped.
    """
    docs = _documents(root) if root is not None else None

    def read(path: str) -> str | None:
        return docs.get(path) if docs is not None else text(path)

    found = [Finding("(catalogue)", d.path, f"disclaimer not found: {d.disclaimer[:60]!r}")
             for d in CATALOGUE if d.disclaimer and not quote_in(d.disclaimer, read(d.path) or "")]
    cited: list[tuple[str, Source]] = [(r.id, s) for r in records for s in r.sources]
    cited += [(x.id, s) for x in series if x.cadence for s in x.cadence.sources]
    for rid, s in cited:
        if s.document.startswith(("http://", "https://")):
            continue
        body = read(s.document)
        if body is None:
            found.append(Finding(rid, s.document, "no such document under seeds/"))
        elif not quote_in(s.quote, body):
            found.append(Finding(rid, s.document, f"quote not found: {s.quote[:60]!r}"))
    return found
