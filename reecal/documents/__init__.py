"""The documents the bundled records cite, shipped with the package, and the passage
around each quote.

Every bundled record cites one of the five articles under ``seeds/`` by its path
(``seeds/002_8fbe4b02216616b5.txt``).  Their text ships inside the package, so an
installed reecal can check each quote and show it in its context; :data:`CATALOGUE`
says what each document is and quotes its disclaimer, where it carries one.

>>> import reecal
>>> cast = reecal.load().get("cast-doctoral-talent-2025")
>>> [(doc.path, doc.disclaimer[:40]) for doc in cited(cast.sources)]
[('seeds/002_8fbe4b02216616b5.txt', 'Information should be independently veri')]
>>> p = passage(cast.sources[0], context=0)
>>> p.document, p.first_line > 0
('seeds/002_8fbe4b02216616b5.txt', True)
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Iterable
from typing import NamedTuple

from reecal.documents.catalogue import CATALOGUE, Document
from reecal.documents.matching import normalise, repair_mojibake
from reecal.model.values import Source

__all__ = ["CATALOGUE", "Document", "Passage", "Reader", "cited", "document", "passage", "text"]


def document(path: str) -> Document | None:
    """The bundled document cited as *path*, or None."""
    return _by_path().get(path)


@functools.cache
def _by_path() -> dict[str, Document]:
    return {d.path: d for d in CATALOGUE}


@functools.cache
def text(path: str) -> str | None:
    """The text of the bundled document cited as *path* (None if there is none)."""
    from importlib.resources import files

    if document(path) is None:
        return None
    return (files(__name__) / path).read_text(encoding="utf-8")


def cited(sources: Iterable[Source]) -> list[Document]:
    """The bundled documents *sources* cite, once each, in citing order."""
    seen: dict[str, Document] = {}
    for s in sources:
        doc = document(s.document)
        if doc is not None:
            seen.setdefault(doc.path, doc)
    return list(seen.values())


class Passage(NamedTuple):
    """Lines of a document around a quote: ``lines`` start at line ``first_line``
    (counted from 1) and the quote is in lines ``quote_from`` to ``quote_to``."""

    document: str
    first_line: int
    lines: tuple[str, ...]
    quote_from: int
    quote_to: int


@functools.lru_cache(maxsize=32)
def _folded(body: str) -> tuple[tuple[str, ...], str, tuple[int, ...]]:
    """A document's lines (mojibake repaired), its text folded as the quote check folds
    it, and where each line starts in that folded text; kept, since every quote of a
    document is looked up in the same text."""
    lines = tuple(repair_mojibake(body).splitlines())
    flat, starts = "", []
    for line in lines:
        starts.append(len(flat))
        part = normalise(line)
        flat += part + " " if part else ""
    return lines, flat, tuple(starts)


Reader = Callable[[str], "str | None"]
"""Where a document's text comes from, by the path records cite: :func:`text` for the
bundled ones; :meth:`reecal.Dataset.document` also reads a data directory's own."""


def passage(source: Source, context: int = 1, read: Reader = text) -> Passage | None:
    """The lines of *source*'s document that hold its quote, with *context* lines (that
    are not blank) either side; None when *read* has no such document or the quote is
    not in it.  Mojibake is repaired and white space folded as the quote check does
    (:mod:`reecal.documents.matching`)."""
    body = read(source.document)
    if body is None:
        return None
    lines, flat, starts = _folded(body)
    quote = normalise(source.quote)
    at = flat.find(quote)
    if at < 0:
        return None
    first = bisect.bisect_right(starts, at) - 1  # the last line starting at or before it
    last = bisect.bisect_right(starts, at + len(quote) - 1) - 1
    shown = [i for i, line in enumerate(lines) if line.strip()]
    before = [i for i in shown if i < first][-context:] if context else []
    after = [i for i in shown if i > last][:context]
    lo, hi = (before or [first])[0], (after or [last])[-1]
    return Passage(source.document, lo + 1, lines[lo:hi + 1], first + 1, last + 1)
