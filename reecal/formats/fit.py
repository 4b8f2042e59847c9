"""Text that fits a terminal: its width in columns (CJK characters take two), cut with
``…``, wrapped at spaces (and between CJK characters), never inside a word, so an id
or a URL is never broken.

>>> wrap("see baotou-rare-earth-forum-15 for more", 20, "  ", "    ")
['  see', '    baotou-rare-earth-forum-15', '    for more']
>>> wrap("稀土产业论坛在包头开幕。", 10)
['稀土产业论', '坛在包头开', '幕。']
>>> pack(["2026-05-15", "in 14 days", "conference"], 24)
['2026-05-15  in 14 days', '  conference']
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence

__all__ = ["clip", "pack", "width", "wrap"]

_NO_BREAK_BEFORE = frozenset("、。，．：；！？）」』】》〉”’,.;:!?)")
"""Punctuation that stays on the line of the character before it."""


@functools.lru_cache(maxsize=4096)  # a table measures each cell several times
def width(text: str) -> int:
    """Columns *text* takes in a terminal (CJK characters take two; marks none)."""
    if text.isascii():  # one column each (what the loop below finds for every ASCII character)
        return len(text)
    total = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


def clip(text: str, limit: int) -> str:
    """*text*, cut with ``…`` to at most *limit* columns."""
    if width(text) <= limit:
        return text
    out, used = [], 0
    for ch in text:
        w = width(ch)
        if used + w > limit - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def _pieces(word: str) -> list[str]:
    """*word* in the pieces a line may break between: whole, unless it holds CJK
    characters, each of which may end a line (with the punctuation after it)."""
    pieces = [""]
    for ch in word:
        wide = width(ch) == 2
        after_wide = bool(pieces[-1]) and width(pieces[-1][-1]) == 2
        if pieces[-1] and (wide or after_wide) and ch not in _NO_BREAK_BEFORE:
            pieces.append(ch)
        else:
            pieces[-1] += ch
    return pieces


def _words(text: str) -> list[tuple[str, str]]:
    """Each word of *text* with the spaces before it: ``re.findall(r"( *)([^ ]+)")``.

    >>> _words("  a bc   ")
    [('  ', 'a'), (' ', 'bc')]
    """
    found, i, n = [], 0, len(text)
    while i < n:
        j = i
        while j < n and text[j] == " ":
            j += 1
        k = j
        while k < n and text[k] != " ":
            k += 1
        if k == j:  # spaces to the end
            break
        found.append((text[i:j], text[j:k]))
        i = k
    return found


def wrap(text: str, limit: int | None, first: str = "", rest: str | None = None
         ) -> list[str]:
    """*text* as lines of at most *limit* columns, the first starting with *first*,
    the others with *rest* (default: as *first*).  Spaces inside a line are kept; a
    word wider than a line is left whole on a line of its own.  With *limit* None,
    one line."""
    hang = first if rest is None else rest
    if limit is None:
        return [first + text]
    lines: list[str] = []
    line, used, empty = first, width(first), True
    for gap, word in _words(text):
        for n, piece in enumerate(_pieces(word)):
            sep = gap if n == 0 else ""
            if not empty and used + width(sep) + width(piece) > limit:
                lines.append(line)
                line, used, empty = hang, width(hang), True
            if not empty:
                line, used = line + sep, used + width(sep)
            line, used, empty = line + piece, used + width(piece), False
    lines.append(line.rstrip() if empty else line)
    return lines


def pack(facts: Sequence[str], limit: int | None, sep: str = "  ", first: str = "",
         rest: str = "  ") -> list[str]:
    """*facts* on as few lines of *limit* columns as they fit on, *sep* between them,
    the first line starting with *first*, the others with *rest*: :func:`wrap` with
    each fact a word (one wider than a line is left whole on a line of its own).
    With *limit* None, one line."""
    if limit is None:
        return [first + sep.join(facts)]
    lines = [first]
    for fact in facts:
        if lines[-1].strip() and width(lines[-1] + sep + fact) > limit:
            lines.append(rest)
        lines[-1] += (sep if lines[-1].strip() else "") + fact
    return lines
