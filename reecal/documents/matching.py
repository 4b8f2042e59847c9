"""Finding a quote in a document as people read it.

Two of the seeds are mojibake: UTF-8 bytes that were decoded as Windows-874 (Thai),
so ``’`` became ``โ€™`` and a no-break space became ``ย\\xa0``; the last byte of
``”`` is undefined in that code page and was lost, so it is restored where a
sequence is cut short.  Quotes may be written in clean text; they are compared with
the document after the damage is undone, and after white space is folded.  The
documents themselves stay unchanged.

>>> repair_mojibake("Chinaโ€™s rare earth")
'China’s rare earth'
>>> normalise("a\\n  b")
'a b'
"""

from __future__ import annotations

import functools
import re

__all__ = ["normalise", "quote_in", "repair_mojibake"]


@functools.lru_cache(maxsize=1)
def _table() -> tuple[dict[str, int], re.Pattern[str]]:
    """Windows-874 as browsers decode it: bytes it leaves undefined read as in 1252."""
    back: dict[str, int] = {}
    for b in range(0x80, 0x100):
        for codec in ("cp874", "cp1252", "latin-1"):
            try:
                ch = bytes([b]).decode(codec)
            except UnicodeDecodeError:
                continue
            back.setdefault(ch, b)
            break
    run = re.compile("[" + "".join(re.escape(c) for c in sorted(back)) + "]+")
    return back, run


def repair_mojibake(text: str) -> str:
    """Undo UTF-8-read-as-Windows-874 damage, run by run; other text is untouched."""
    back, run = _table()

    def fix(m: re.Match[str]) -> str:
        chunk = m.group(0)
        raw = bytes(back[c] for c in chunk)
        # The byte 0x9D (the end of "”", E2 80 9D) is undefined in both code
        # pages and was dropped when the page was saved: put it back where an
        # E2 80 sequence is cut short.
        raw = re.sub(rb"\xe2\x80(?![\x80-\xbf])", b"\xe2\x80\x9d", raw)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return chunk

    return run.sub(fix, text)


def normalise(text: str) -> str:
    """Fold every white-space run (no-break spaces included) to one space."""
    return " ".join(text.replace("\xa0", " ").split())


def quote_in(quote: str, document: str) -> bool:
    """True if *quote* appears in *document*, as written or after repair."""
    q = normalise(quote)
    plain, repaired = _forms(document)
    return q in plain or q in repaired


@functools.lru_cache(maxsize=4)
def _forms(document: str) -> tuple[str, str]:
    """*document* normalised, as written and after repair: made once for the many
    quotes looked for in one document (a string's hash is kept, so a hit is cheap)."""
    return normalise(document), normalise(repair_mojibake(document))
