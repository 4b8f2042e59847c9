"""A byte-level linter for iCalendar files: the defects parsers let through.

Parsers are lenient: most accept bare LF, long lines, a fold that splits a UTF-8
character, an unescaped comma, a TZID with no VTIMEZONE... and then some client
garbles or drops the event.  This linter reads the bytes and reports each such
defect as ``file:line: message``, the line being where the content line starts (a
finding about the whole file, such as one that is not iCalendar at all, is
``file: message``).

>>> [str(f) for f in lint_bytes(b"BEGIN:VCALENDAR\\nEND:VCALENDAR\\n", "x.ics")][:1]
['x.ics:1: line ends with a bare LF (RFC 5545 §3.1 wants CRLF)']
>>> lint_bytes(to_crlf(GOOD_MINIMAL), "ok.ics")
[]
>>> [str(f) for f in lint_bytes(b"<!DOCTYPE html>\\n<html>", "page.html")]
['page.html: not an iCalendar file (it starts with "<!DOCTYPE html>"; expected BEGIN:VCALENDAR)']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

from reecal.formats.lint.finding import Finding, Findings, Line
from reecal.formats.lint.lines import Token, parse, physical, tokens
from reecal.formats.lint.rules import semantic

__all__ = ["GOOD_MINIMAL", "MAX_BYTES", "Finding", "lint_bytes", "lint_path", "lint_stream",
           "to_crlf"]

MAX_BYTES = 8 * 1024 * 1024
"""Files larger than this are refused with one finding rather than read."""

BOM = b"\xef\xbb\xbf"
SHOWN = 40
"""How many characters of a file that is not iCalendar its finding quotes."""

GOOD_MINIMAL = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//example//EN
BEGIN:VEVENT
UID:a@example
DTSTAMP:20260101T000000Z
DTSTART;VALUE=DATE:20260301
DTEND;VALUE=DATE:20260302
SUMMARY:Example\\, with an escaped comma
END:VEVENT
END:VCALENDAR
"""


def to_crlf(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


def lint_bytes(data: bytes, path: str = "<bytes>") -> list[Finding]:
    """Every defect found in *data*, in line order; one finding only when *data* is
    too large or is not iCalendar at all (an HTML page, an image, an empty file)."""
    if len(data) > MAX_BYTES:
        return [Finding(path, 0, "too-large",
                        f"file is {len(data)} bytes, over the {MAX_BYTES} byte limit; not read")]
    alien = _not_icalendar(data, path)
    if alien is not None:
        return [alien]
    bom = []
    if data.startswith(BOM):
        bom = [Finding(path, 1, "bom", "file starts with a byte order mark (U+FEFF), which "
                                       "some parsers read as part of BEGIN:VCALENDAR")]
        data = data[len(BOM):]
    found = Findings()
    found += bom
    physical(data, path, found)
    semantic(_content(tokens(data), path, found), path, found)
    return found.done(path)


def _content(lines: Iterable[Token], path: str, found: Findings) -> Iterator[Line]:
    """The content lines, parsed, lazily; blank and unparsable lines are findings."""
    for number, name, raw, count in lines:
        if name:  # bad bytes: reported by physical
            yield Line(number, name.decode("ascii").upper(), {}, raw.decode("utf-8", "replace"))
            continue
        text = raw.decode("utf-8", "replace")
        line = parse(number, text) if name is None and raw else None
        if line is not None:
            yield line
        elif text.strip():
            if not found.full("syntax", number):
                found.append(Finding(path, number, "syntax", "not a content line (name:value)"))
        else:
            found.run("blank-line", range(number, number + count),
                      lambda n: Finding(path, n, "blank-line", _BLANK))


_BLANK = ("a blank line (RFC 5545 §3.1: every line is a property or BEGIN/END; some parsers "
          "stop)")


def lint_path(path: str | Path) -> list[Finding]:
    """Lint a file; a file that is unreadable, oversized or not a regular file (a
    FIFO, a device, a directory) is itself a finding."""
    from reecal.loading.files import read_regular

    return _lint_read(lambda: read_regular(path, str(path), MAX_BYTES), str(path))


def lint_stream(stream: IO[bytes], name: str = "<stdin>") -> list[Finding]:
    """Lint what *stream* (standard input) holds, reading no more than the size limit."""
    from reecal.loading.files import read_stream

    return _lint_read(lambda: read_stream(stream, name, MAX_BYTES), name)


def _lint_read(read: Callable[[], bytes], name: str) -> list[Finding]:
    """Lint what *read* returns; what it cannot read is one finding."""
    from reecal.errors import DataError
    from reecal.loading.files import TooLargeError

    try:
        data = read()
    except DataError as exc:
        code = "too-large" if isinstance(exc, TooLargeError) else "unreadable"
        return [Finding(name, 0, code, exc.message)]
    return lint_bytes(data, name)


def _not_icalendar(data: bytes, path: str) -> Finding | None:
    """One finding for *data* whose first line (after a byte order mark and white
    space) is not BEGIN:VCALENDAR, quoting how it starts; None for iCalendar."""
    body = data.removeprefix(BOM).lstrip(b" \t\r\n")
    first = re.split(rb"[\r\n]", body, maxsplit=1)[0].rstrip(b" \t")
    if first.upper() == b"BEGIN:VCALENDAR":
        return None
    if not body:
        what = "it is empty" if not data else "it holds only white space"
    else:
        start = first[:SHOWN * 4].decode("utf-8", "backslashreplace")
        shown = start[:SHOWN] + ("..." if len(start) > SHOWN else "")
        what = f'it starts with "{shown}"'
    return Finding(path, 0, "no-calendar",
                   f"not an iCalendar file ({what}; expected BEGIN:VCALENDAR)")
