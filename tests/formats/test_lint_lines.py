"""lint reads lines with one tokenizer regex (for speed: tests/formats/test_lint_limits.py);
here it must agree, line for line, with the plain reading of RFC 5545 §3.1 written the
slow, obvious way: split at every CRLF, LF or CR, and join each line that starts with
a space or tab to the one before."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from reecal.formats.lint import _content
from reecal.formats.lint.finding import Findings, Line
from reecal.formats.lint.lines import logical, parse, tokens
from tests.strategies import ics_inputs, seeded
from tests.support import FUZZ


def reference(data: bytes) -> list[tuple[int, bytes]]:
    """(number, unfolded bytes) of each logical line, the obvious way."""
    pieces = re.split(rb"\r\n|\n|\r", data)
    if not pieces[-1]:
        pieces.pop()  # the line end of the last line, or no line at all
    out: list[tuple[int, bytes]] = []
    for number, piece in enumerate(pieces, start=1):
        if piece[:1] in (b" ", b"\t") and out:
            out[-1] = (out[-1][0], out[-1][1] + piece[1:])
        else:
            out.append((number, piece))
    return out


def read_slowly(data: bytes) -> tuple[list[Line], list[tuple[int, str]]]:
    """The content lines, and (line, code) of the blank and unparsable ones."""
    lines, bad = [], []
    for number, raw in reference(data):
        text = raw.decode("utf-8", "replace")
        line = parse(number, text)
        if line is not None:
            lines.append(line)
        else:
            bad.append((number, "syntax" if text.strip() else "blank-line"))
    return lines, bad


PIECES = [b"\r\n", b"\n", b"\r", b" ", b"\t", b"\r\n ", b"\n\t", b"A", b"x-y", b":", b";",
          b"=", b'"', b",", b"\x00", b"\x0c", b"\xc3\xa9", b"\xe3\x80\x80", b"\xff", b"\\"]
soups = st.lists(st.sampled_from(PIECES), max_size=40).map(b"".join)


TRICKY = [b"A\r\n\r\n x", b"\r\n\r\n\tx", b"\n \n", b"\r \r", b"A:b\r\n c", b"x\r\n y",
          b" x:y", b"\x0c\r\n", b"\xe3\x80\x80\n", b"A;B=C:d\r\n", b"\r\r\n", b"A:\r"]
"""Where the tokenizer's kinds of line meet: an empty line continued by a fold, a
plain property or a non-content line that a fold continues, white space that is not
a space, a CR before a CRLF."""


@FUZZ
@seeded(TRICKY)
@given(st.one_of(soups, ics_inputs()))
def test_the_tokenizer_reads_the_lines_rfc_5545_describes(data: bytes) -> None:
    assert list(logical(data)) == reference(data)
    found = Findings()
    lines = list(_content(tokens(data), "x.ics", found))
    expected, bad = read_slowly(data)
    assert lines == expected
    assert sorted((f.line, f.code) for f in found) == sorted(bad)[:len(found)]
    assert sum(found.counts.values()) == len(bad)
