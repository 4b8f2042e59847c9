"""Checking records against the documents they cite (:mod:`reecal.documents`): every
quote must be in its document, mojibake repaired and white space folded as
:mod:`reecal.documents.matching` does.

A user's data directory may hold documents of its own (``reecal import`` copies an
organiser's calendar to ``sources/NAME.ics`` there): an iCalendar file is compared
after its content lines are unfolded (RFC 5545 §3.1), so a quote of a whole line
matches however the file folds it.

>>> raw = "SUMMARY:中国".encode()
>>> unfold(raw[:9] + b"\\r\\n " + raw[9:])  # folded inside 中's three bytes
'SUMMARY:中国'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import attrs

from reecal.documents import CATALOGUE, text
from reecal.documents.matching import quote_in
from reecal.errors import DataError
from reecal.loading.files import read_regular
from reecal.model.records import Record
from reecal.model.values import Series, Source

__all__ = ["MAX_DOCUMENT_BYTES", "Finding", "check_sources", "own_document", "unfold",
           "unfolded"]

MAX_DOCUMENT_BYTES = 8 * 1024 * 1024
"""A document of a data directory larger than this is not read (reported instead)."""

_FOLD = re.compile(rb"(?:\r\n|\n|\r)[ \t]")


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


def unfolded(raw: bytes) -> bytes:
    """An iCalendar file's bytes with its content lines unfolded (each line break
    followed by a space or tab removed, RFC 5545 §3.1)."""
    return _FOLD.sub(b"", raw)


def unfold(raw: bytes) -> str:
    """An iCalendar file's text, :func:`unfolded` before it is decoded: a fold may fall
    inside a UTF-8 sequence.  Bytes that are still not UTF-8 are replaced."""
    return unfolded(raw).decode("utf-8", "replace")


def own_document(data: Path, path: str) -> str | None:
    """The text of document *path* under the data directory *data*: None if it is
    missing, outside *data*, unreadable or too large."""
    base = data.resolve()
    target = (base / path).resolve()
    if not target.is_relative_to(base):
        return None
    try:
        raw = read_regular(target, path, MAX_DOCUMENT_BYTES)
    except DataError:  # missing, not a regular file, unreadable or too large
        return None
    if target.suffix.lower() == ".ics":
        return unfold(raw)
    return raw.decode("utf-8", "replace")


def check_sources(records: Iterable[Record], root: Path | None = None, *,
                  series: Iterable[Series] = (), data: Path | None = None) -> list[Finding]:
    """Every quote of a record (and of a series' cadence) citing a local document must
    appear in it, and every disclaimer the catalogue quotes must appear in its document.

    The documents are those shipped in the package (:mod:`reecal.documents`), or
    those under *root*/seeds when *root* is given (a checkout's originals).  With
    *data* (a data directory), a document not under ``seeds/`` is a path relative to
    it (never outside it), an ``.ics`` one read unfolded (:func:`unfold`).  URL
    sources cannot be checked offline and are skipped.
    """
    docs = _documents(root) if root is not None else None
    read_already: dict[str, str | None] = {}

    def read(path: str) -> str | None:
        """Each document read once, however many records cite it."""
        if path not in read_already:
            if data is not None and not path.startswith("seeds/"):
                read_already[path] = own_document(data, path)
            else:
                read_already[path] = docs.get(path) if docs is not None else text(path)
        return read_already[path]

    found = [Finding("(catalogue)", d.path, f"disclaimer not found: {d.disclaimer[:60]!r}")
             for d in CATALOGUE if d.disclaimer and not quote_in(d.disclaimer, read(d.path) or "")]
    cited: list[tuple[str, Source]] = [(r.id, s) for r in records for s in r.sources]
    cited += [(x.id, s) for x in series if x.cadence for s in x.cadence.sources]
    for rid, s in cited:
        if s.document.startswith(("http://", "https://")):
            continue
        body = read(s.document)
        if body is None:
            where = "seeds/" if data is None or s.document.startswith("seeds/") else str(data)
            found.append(Finding(rid, s.document, f"no such document under {where}"))
        elif not quote_in(s.quote, body):
            found.append(Finding(rid, s.document, f"quote not found: {s.quote[:60]!r}"))
    return found
