"""The physical layer (bytes, line ends, folding, UTF-8) and the content-line syntax."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reecal.formats.lint.finding import Finding, Findings, Line

__all__ = ["Token", "logical", "parse", "physical", "tokens"]

MAX_OCTETS = 75


_TOKEN = re.compile(rb"([A-Za-z0-9-]++):([^\r\n]*+)(?>\r\n|\n|\r)?+(?![ \t])"
                    rb"|((?:[\x21-\x2c./\x3a-\x40\x5b-\x60\x7b-\x7e]|[A-Za-z0-9-]++(?![;:]))"
                    rb"[^\r\n]*+)(?>\r\n|\n|\r)?+(?![ \t])"
                    rb"|((?:(?>\r\n|\n|\r)(?![ \t]))++)"
                    rb"|([^\r\n]*+)((?:(?:\r\n|\n|\r)[ \t][^\r\n]*+)*+)(\r\n|\n|\r)?")
"""What the next lines are, in four kinds: a property without parameters that is not
folded (most lines: read at once as name and value); a line that is not folded and
cannot be a content line (it starts with a visible character that no name holds, or
with a name followed by neither ``;`` nor ``:``); a run of empty lines; or any other
logical line (its first physical line, the continuation lines folded into it, and
its line end).  The quantifiers are possessive, so the engine keeps no state per
fold (a plain ``*`` took 570 MB for 8 MB of folds)."""
_PHYSICAL = re.compile(rb"([^\r\n]*+)(\r\n|\n|\r)?")
_FOLDS = tuple(end + space for end in (b"\r\n", b"\n", b"\r") for space in (b" ", b"\t"))
"""Every way a fold starts, CRLF first: in the continuation lines a line end is always
followed by a space or tab, so once the CRLF ones are gone each LF or CR left is a
fold too.  ``bytes.replace`` per kind holds a few copies at most; a regular
expression's ``sub`` listed every piece (400 MB for 8 MB of folds)."""
_LONG = re.compile(rb"[^\r\n]{%d,}+" % (MAX_OCTETS + 1))
_BARE = {"LF": re.compile(rb"(?<!\r)\n"), "CR": re.compile(rb"\r(?!\n)")}


def _breaks(data: bytes, start: int = 0, end: int | None = None) -> int:
    """How many line ends (CRLF, LF or CR) data[start:end] holds."""
    end = len(data) if end is None else end
    return (data.count(b"\n", start, end) + data.count(b"\r", start, end)
            - data.count(b"\r\n", start, end))


Token = tuple[int, bytes | None, bytes, int]
"""(number, name, raw, count): where a logical line starts, and either the name and
value of a plain property, or ``b""`` and a line that is no content line at all, or
None and the unfolded bytes of any other line (to parse); *count* is how many lines
it stands for (more than one for a run of empty lines)."""


def tokens(data: bytes) -> Iterator[Token]:
    """Each logical line of *data*, lazily, unfolded as bytes (a fold may fall inside
    a UTF-8 sequence: RFC 5545 §3.1); a run of empty lines comes as one (8 MB of line
    ends are 8 million lines).  A line starting with a space or tab continues the one
    before; line ends are CRLF, LF or a bare CR.  One regular expression does the
    scanning, so each line costs one match, not a step of Python per layer."""
    number = 1
    for m in _TOKEN.finditer(data):
        name, value, junk, empty, head, folds, ending = m.groups()
        if name is not None:
            yield number, name, value, 1
            number += 1
        elif junk is not None:
            yield number, b"", junk, 1
            number += 1
        elif empty:
            count = _breaks(empty)
            yield number, None, b"", count
            number += count
        elif folds:
            joined = head + folds
            for fold in _FOLDS:
                joined = joined.replace(fold, b"")
            yield number, None, joined, 1
            number += 1 + _breaks(folds)
        elif ending is not None or head:
            yield number, None, head, 1
            number += 1


def logical(data: bytes) -> Iterator[tuple[int, bytes]]:
    """Each logical line of *data* as (number, unfolded bytes), empty lines included:
    :func:`tokens`, for readers that take lines whole."""
    for number, name, raw, count in tokens(data):
        if name:
            yield number, name + b":" + raw
        else:
            yield from ((n, raw) for n in range(number, number + count))


def physical(data: bytes, path: str, found: Findings) -> None:
    """Add *data*'s line-ending, length and encoding defects to *found*: each kind is
    found by scanning the whole file at once, so a file without them costs a few
    passes in C, whatever its number of lines."""
    last = _breaks(data) + (0 if data.endswith((b"\r", b"\n")) else 1)
    crlf = data.count(b"\r\n")
    for kind, end in (("LF", b"\n"), ("CR", b"\r")):
        count = data.count(end) - crlf
        first = _BARE[kind].search(data) if count else None
        if first is None:
            continue
        code = f"bare-{kind.lower()}"
        found.append(Finding(path, 1 + _breaks(data, 0, first.start()), code,
                             f"line ends with a bare {kind} (RFC 5545 §3.1 wants CRLF)"))
        if count > 1:
            found.append(Finding(path, last, code, f"{count} lines in all end with a bare {kind}"))
    number, pos = 1, 0
    for m in _LONG.finditer(data):
        number, pos = number + _breaks(data, pos, m.start()), m.start()
        if not found.full("long-line", number):
            found.append(Finding(path, number, "long-line", f"line is {m.end() - m.start()} "
                                 "octets long (fold at 75, RFC 5545 §3.1)"))
    if not data.isascii() and not _decodes(data):
        _encoding(data, path, found)


def _decodes(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _encoding(data: bytes, path: str, found: Findings) -> None:
    """The lines of *data* (which is not all UTF-8) that are not valid UTF-8; each is
    judged with its neighbours, to tell a fold that splits a character from bytes that
    are not UTF-8 at all."""
    before = previous = b""  # the two physical lines before the current one
    number = 0
    for m in _PHYSICAL.finditer(data):
        raw, ending = m.groups()
        if ending is None and not raw:
            break
        number += 1
        if not previous.isascii():
            _utf8(previous, before, raw, number - 1, path, found)
        before, previous = previous, raw
    if not previous.isascii():
        _utf8(previous, before, b"", number, path, found)


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


_NAME = re.compile(r"[A-Za-z0-9-]+")
_PARAM = re.compile(r'([A-Za-z0-9-]+)=[^";:]*+(?:"[^"]*+"[^";:]*+)*+')
"""name=value[,value...]: runs of plain characters and quoted strings, written so that
the engine keeps no state per character (8 MB of commas took 3 GB with a group per
value)."""


def parse(number: int, text: str) -> Line | None:
    """name *(";" param) ":" value, honouring quoted parameter values."""
    m = _NAME.match(text)
    if m is None:
        return None
    pos = m.end()
    params: dict[str, str] = {}
    while text.startswith(";", pos):
        pm = _PARAM.match(text, pos + 1)
        if not pm:
            return None
        key, _, val = pm.group(0).partition("=")
        params[key.upper()] = val.strip('"')
        pos = pm.end()
    if not text.startswith(":", pos):
        return None
    return Line(number, m.group(0).upper(), params, text[pos + 1:])
