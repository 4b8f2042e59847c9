"""The physical layer (bytes, line ends, folding, UTF-8) and the content-line syntax."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from reecal.formats.lint.finding import Finding, Findings, Line

__all__ = ["parse", "physical", "split_lines", "unfold"]

MAX_OCTETS = 75


_LINE = re.compile(rb"([^\r\n]*)(\r\n|\n|\r|$)")


def split_lines(data: bytes) -> Iterator[tuple[int, bytes, bytes]]:
    """(number, line, ending) for each physical line, lazily."""
    number, pos, n = 1, 0, len(data)
    while pos < n:
        m = _LINE.match(data, pos)
        assert m is not None  # the pattern matches anywhere, if only the empty string
        yield number, m.group(1), m.group(2)
        pos, number = m.end(), number + 1


def physical(data: bytes, path: str, found: Findings) -> Iterator[tuple[int, bytes]]:
    """The physical lines, lazily (the file is never held twice over); line-ending,
    length and encoding defects are added to *found* as the lines go by."""
    bare = {b"\n": 0, b"\r": 0}
    last = 1
    previous = b""
    lines = split_lines(data)
    current = next(lines, None)
    while current is not None:
        following = next(lines, None)
        num, raw, ending = current
        last = num
        if ending in bare:
            bare[ending] += 1
            if bare[ending] == 1:
                code, kind = ("bare-lf", "LF") if ending == b"\n" else ("bare-cr", "CR")
                found.append(Finding(path, num, code,
                                     f"line ends with a bare {kind} (RFC 5545 §3.1 wants CRLF)"))
        if len(raw) > MAX_OCTETS:
            found.append(Finding(path, num, "long-line",
                                 f"line is {len(raw)} octets long (fold at 75, RFC 5545 §3.1)"))
        if not raw.isascii():
            _utf8(raw, previous, following[1] if following else b"", num, path, found)
        yield num, raw
        previous, current = raw, following
    for ending, count in bare.items():
        if count > 1:
            code, kind = ("bare-lf", "LF") if ending == b"\n" else ("bare-cr", "CR")
            found.append(Finding(path, last, code, f"{count} lines in all end with a bare {kind}"))


def _utf8(raw: bytes, previous: bytes, nxt: bytes, num: int, path: str,
          found: Findings) -> None:
    """A line that is not valid UTF-8: a fold that splits a character (reported once,
    on the line where it is cut), or bytes that are not UTF-8 at all."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        cut_at_end = exc.start >= len(raw) - 3 and exc.reason == "unexpected end of data"
        if cut_at_end and nxt[:1] in (b" ", b"\t") and _joins(raw[exc.start:], nxt[1:]):
            found.append(Finding(path, num, "split-utf8",
                                 "fold splits a UTF-8 character across lines "
                                 "(RFC 5545 §3.1: fold between characters)"))
        elif not (raw[:1] in (b" ", b"\t") and previous and exc.start == 1
                  and _joins(previous[-3:], raw[1:])) and not found.full("invalid-utf8", num):
            found.append(Finding(path, num, "invalid-utf8",
                                 f"not valid UTF-8 (byte {exc.start + 1} of the line)"))


def _joins(head: bytes, tail: bytes) -> bool:
    """True if *head* ends with a cut UTF-8 sequence that *tail*'s first bytes complete."""
    for back in range(1, min(4, len(head)) + 1):
        lead = head[-back]
        if lead & 0xC0 == 0x80:
            continue  # a continuation byte: keep looking for the lead
        size = 2 if lead & 0xE0 == 0xC0 else 3 if lead & 0xF0 == 0xE0 else (
            4 if lead & 0xF8 == 0xF0 else 0)
        need = size - back
        if size == 0 or need <= 0 or len(tail) < need:
            return False
        try:
            (head[-back:] + tail[:need]).decode("utf-8")
        except UnicodeDecodeError:
            return False
        return True
    return False


def unfold(lines: Iterable[tuple[int, bytes]]) -> Iterator[tuple[int, bytes]]:
    """Unfold, as bytes (a fold may fall inside a UTF-8 sequence): a line starting with
    a space or tab continues the previous one.  Each logical line comes with the number
    of the physical line it starts on."""
    current: bytearray | None = None
    start = 1
    for number, raw in lines:
        if raw[:1] in (b" ", b"\t") and current is not None:
            current += raw[1:]
            continue
        if current is not None:
            yield start, bytes(current)
        current, start = bytearray(raw), number
    if current is not None:
        yield start, bytes(current)


_NAME = re.compile(r"[A-Za-z0-9-]+")
_PARAM = re.compile(r'([A-Za-z0-9-]+)=[^";:]*(?:"[^"]*"[^";:]*)*')
"""name=value[,value...]: runs of plain characters and quoted strings, written so that
the engine keeps no state per character (8 MB of commas took 3 GB with a group per
value)."""


def parse(number: int, text: str) -> Line | None:
    """name *(";" param) ":" value, honouring quoted parameter values."""
    colon = text.find(":")
    if colon > 0 and text.find(";", 0, colon) < 0 and _NAME.fullmatch(text, 0, colon):
        return Line(number, text[:colon].upper(), {}, text[colon + 1:])  # no parameters
    m = _NAME.match(text)
    if not m:
        return None
    name = m.group(0).upper()
    pos = m.end()
    params: dict[str, str] = {}
    while pos < len(text) and text[pos] == ";":
        pm = _PARAM.match(text, pos + 1)
        if not pm:
            return None
        key, _, val = pm.group(0).partition("=")
        params[key.upper()] = val.strip('"')
        pos = pm.end()
    if pos >= len(text) or text[pos] != ":":
        return None
    return Line(number=number, name=name, params=params, value=text[pos + 1:])
