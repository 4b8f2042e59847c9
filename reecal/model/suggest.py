""""Did you mean": the one helper every error message and command uses.

>>> close_matches("crse", ["csoe", "cres", "cast"])
['cres']
>>> close_matches("baotou-forum-15", ["baotou-rare-earth-forum-15", "cast-2025"], n=3)
['baotou-rare-earth-forum-15']
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

__all__ = ["close_matches", "fold", "hint"]


def fold(text: str) -> str:
    """Text as compared by search and suggestions: NFKC, then case-folded."""
    return unicodedata.normalize("NFKC", text).casefold()


def close_matches(word: str, options: Iterable[str], n: int = 1, *, loose: bool = True
                  ) -> list[str]:
    """Up to *n* options close to *word*, best first.

    The same letters in another order come first ("crse" for "cres"); then options
    very like the word; failing those (unless *loose* is false, where a wrong guess
    misleads more than none), the single best fair match; failing that, the options
    that contain the word.
    """
    import difflib  # only when a suggestion is wanted: it costs start-up time

    opts = list(options)
    same = [o for o in opts if sorted(o) == sorted(word) and o != word]
    close = difflib.get_close_matches(word, opts, n=n, cutoff=0.8)
    if not close and loose:
        close = difflib.get_close_matches(word, opts, n=1, cutoff=0.6)
    if not close and not same and loose:
        needle = fold(word)
        close = [o for o in opts if needle and needle in fold(o)]
    return list(dict.fromkeys([*same, *close]))[:n]


def hint(word: str, options: Iterable[str], otherwise: str = "", *, loose: bool = True) -> str:
    """The "did you mean" part of a message about *word*, or *otherwise*.

    >>> hint("evnt", ["event", "series"]), hint("x", ["event"], " (known: event)")
    (' (did you mean "event"?)', ' (known: event)')
    """
    close = close_matches(word, options, loose=loose)
    return f' (did you mean "{close[0]}"?)' if close else otherwise
