"""Bounds on what a TOML data file may make the parser do.

The standard parser (``tomllib``) recurses once per nested array or inline table, so
500 of them in 1 KB end in RecursionError; and it copies a dotted key's path once per
segment, so one key of 20,000 segments in 40 KB takes gigabytes.  No data file needs
either: records nest a few levels and keys have a few segments.  These checks run
before (keys) and around (nesting) the parser, in linear time, and name the line.

>>> too_many_segments("a" + ".a" * 100 + " = 1\\n", "x.toml")
Traceback (most recent call last):
...
reecal.errors.DataError: x.toml:1: a dotted key of more than 64 parts (a data file needs a few)
>>> nesting_line('a = [[1], "[[[["]\\nb = [' + "[" * 70, 64)
2
"""

from __future__ import annotations

import itertools
import re

from reecal.errors import DataError

__all__ = ["MAX_DEPTH", "MAX_KEY_PARTS", "nesting_line", "too_many_segments"]

MAX_KEY_PARTS = 64
"""The most parts a dotted key or table header may have."""
MAX_DEPTH = 64
"""The deepest nesting of arrays and inline tables reported (the parser's own limit,
Python's recursion limit, is reached first on most machines; this names the line)."""

_KEY = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_DOTTED = re.compile(rf"(?:^|[{{,\[])[ \t]*{_KEY}(?:[ \t]*\.[ \t]*{_KEY}){{{MAX_KEY_PARTS},}}")
_TOKEN = re.compile(r'''"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^']|'(?!''))*\'\'\''''
                    r'''|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|#[^\n]*|[\[\]{}\n]''')


def too_many_segments(text: str, path: str) -> None:
    """DataError naming the line of the first key with more than :data:`MAX_KEY_PARTS`
    parts.  Only lines with that many dots are looked at (a key cannot span lines)."""
    if text.count(".") < MAX_KEY_PARTS:
        return
    lines = text.split("\n")
    if max(map(str.count, lines, itertools.repeat("."))) < MAX_KEY_PARTS:
        return  # every line counted in C: no line has the dots for such a key
    for number, line in enumerate(lines, start=1):
        if line.count(".") >= MAX_KEY_PARTS and _DOTTED.search(line):
            raise DataError(f"a dotted key of more than {MAX_KEY_PARTS} parts (a data file "
                            "needs a few)", path=path, line=number)


def nesting_line(text: str, limit: int = MAX_DEPTH) -> int | None:
    """The line where arrays and inline tables first nest deeper than *limit*, strings
    and comments aside; None if they never do."""
    depth, line = 0, 1
    for m in _TOKEN.finditer(text):
        token = m.group()
        if token in ("[", "{"):
            depth += 1
            if depth > limit:
                return line
        elif token in ("]", "}"):
            depth = max(depth - 1, 0)
        else:
            line += token.count("\n")
    return None
