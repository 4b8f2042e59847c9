r"""RFC 5545 content lines: TEXT escaping and folding, as icalendar 7 writes them.

The feed writer builds each line as ``NAME[;PARAM=value]:value`` text and passes it
through :func:`fold`; nothing here knows about components.  Both rules match
icalendar byte for byte (``tests/formats/test_writer.py`` compares the two):

* :func:`escape`: a TEXT value's backslashes, ``;``, ``,`` and line breaks escaped
  (§3.3.11), backslash first, so every value round-trips;
* :func:`fold`: a line longer than 74 octets is cut into pieces of at most 74 octets,
  each continuation starting with a space (§3.1), never inside a UTF-8 sequence and
  never right after a ``\`` or ``^`` (icalendar keeps an escape on one line).

>>> escape("C:\\New; a, b\nc")
'C:\\\\New\\; a\\, b\\nc'
>>> [len(piece.encode()) for piece in fold("DESCRIPTION:" + "稀" * 30).split("\r\n")]
[72, 31]
"""

from __future__ import annotations

from itertools import pairwise

__all__ = ["LIMIT", "escape", "fold", "lines"]

LIMIT = 75
"""A line is cut before the octet that would make it this long (icalendar's limit)."""
_SAFE = (LIMIT - 1) // 4 + 1
"""A line of fewer characters is short enough whatever they are (4 octets at most each)."""
_ESCAPES = (0x5C, 0x5E)  # backslash and caret: icalendar never ends a folded piece on one


def escape(value: str) -> str:
    r"""A TEXT value escaped exactly as RFC 5545 §3.3.11 says.

    icalendar's ``vText`` turns a literal ``\N`` in the value into a line break
    before escaping (its documented shortcut), so a quote holding the two characters
    backslash and N came back changed (found by the property tests).  This escapes
    the backslash first, then ``;``, ``,`` and line breaks (CRLF, CR and LF each
    become ``\n``).
    """
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """*line* folded as icalendar's ``Contentline.to_ical`` folds it.

    icalendar adds characters while the piece stays under :data:`LIMIT` octets of
    UTF-8, so the first piece holds at most 74 octets and each continuation a space
    and at most 74.  Cutting the encoded bytes gives the same pieces (see :func:`_cuts`).
    """
    if len(line) < _SAFE or (len(line) < LIMIT and line.isascii()):
        return line
    data = line.encode()
    if len(data) < LIMIT:
        return line
    if len(data) == len(line):  # ASCII: the same cuts in the text
        return "\r\n ".join([line[a:b] for a, b in pairwise(_cuts(data))])
    return "\r\n ".join([data[a:b].decode() for a, b in pairwise(_cuts(data))])


def _cuts(data: bytes) -> list[int]:
    """Where *data* is cut: each piece 74 octets, less what would split a character,
    less one more if it would end on a backslash or caret."""
    cuts = [0]
    start, size = 0, len(data)
    while size - start >= LIMIT:
        end = start + LIMIT - 1
        while data[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: not a boundary
            end -= 1
        if data[end - 1] in _ESCAPES:
            end -= 1
        cuts.append(end)
        start = end
    cuts.append(size)
    return cuts


def lines(content: list[str]) -> str:
    """The content lines *content*, each folded and ended with CRLF.

    Most lines are short: :func:`fold`'s first test is repeated here so that they
    cost no call (a tenth of a VEVENT's time).
    """
    return "\r\n".join([
        line if len(line) < _SAFE or (len(line) < LIMIT and line.isascii()) else fold(line)
        for line in content]) + "\r\n"
