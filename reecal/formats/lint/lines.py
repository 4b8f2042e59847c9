"""The physical layer (bytes, line ends, folding, UTF-8) and the content-line syntax."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reecal.formats.lint.finding import Finding, Line

__all__ = ["logical", "parse", "physical"]

MAX_OCTETS = 75


def physical(data: bytes, path: str) -> tuple[list[tuple[int, bytes]], list[Finding]]:
    """Split into physical lines; report line-ending, length and encoding defects."""
    found: list[Finding] = []
    lines: list[tuple[int, bytes]] = []
    # split on CRLF, LF or CR, remembering which
    pos, number = 0, 1
    n = len(data)
    bare_lf = bare_cr = 0
    while pos < n:
        m = re.compile(rb"\r\n|\n|\r").search(data, pos)
        if m is None:
            lines.append((number, data[pos:]))
            break
        lines.append((number, data[pos:m.start()]))
        ending = m.group(0)
        if ending == b"\n":
            bare_lf += 1
            if bare_lf <= 1:
                found.append(Finding(path, number, "bare-lf",
                                     "line ends with a bare LF (RFC 5545 §3.1 wants CRLF)"))
        elif ending == b"\r":
            bare_cr += 1
            if bare_cr <= 1:
                found.append(Finding(path, number, "bare-cr",
                                     "line ends with a bare CR (RFC 5545 §3.1 wants CRLF)"))
        pos = m.end()
        number += 1
    for kind, count, code in (("LF", bare_lf, "bare-lf"), ("CR", bare_cr, "bare-cr")):
        if count > 1:
            found.append(Finding(path, lines[-1][0] if lines else 1, code,
                                 f"{count} lines in all end with a bare {kind}"))
    for i, (num, raw) in enumerate(lines):
        if len(raw) > MAX_OCTETS:
            found.append(Finding(path, num, "long-line",
                                 f"line is {len(raw)} octets long (fold at 75, RFC 5545 §3.1)"))
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            nxt = lines[i + 1][1] if i + 1 < len(lines) else b""
            cut_at_end = exc.start >= len(raw) - 3 and exc.reason == "unexpected end of data"
            if cut_at_end and nxt[:1] in (b" ", b"\t") and _joins(raw[exc.start:], nxt[1:]):
                found.append(Finding(path, num, "split-utf8",
                                     "fold splits a UTF-8 character across lines "
                                     "(RFC 5545 §3.1: fold between characters)"))
            elif raw[:1] in (b" ", b"\t") and i > 0 and exc.start == 1 and _joins(
                    lines[i - 1][1][-3:], raw[1:]):
                continue  # reported on the previous line
            else:
                found.append(Finding(path, num, "invalid-utf8",
                                     f"not valid UTF-8 (byte {exc.start + 1} of the line)"))
    return lines, found


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


def logical(lines: list[tuple[int, bytes]]) -> Iterator[tuple[int, str]]:
    """Unfold: a line starting with a space or tab continues the previous one."""
    current: bytearray | None = None
    start = 1
    for number, raw in lines:
        if raw[:1] in (b" ", b"\t") and current is not None:
            current += raw[1:]
            continue
        if current is not None:
            yield start, current.decode("utf-8", errors="replace")
        current, start = bytearray(raw), number
    if current is not None:
        yield start, current.decode("utf-8", errors="replace")


_NAME = re.compile(r"[A-Za-z0-9-]+")


def parse(number: int, text: str) -> Line | None:
    """name *(";" param) ":" value, honouring quoted parameter values."""
    m = _NAME.match(text)
    if not m:
        return None
    name = m.group(0).upper()
    pos = m.end()
    params: dict[str, str] = {}
    while pos < len(text) and text[pos] == ";":
        pm = re.compile(r'([A-Za-z0-9-]+)=("[^"]*"|[^";:,]*)(,("[^"]*"|[^";:,]*))*').match(
            text, pos + 1)
        if not pm:
            return None
        key, _, val = pm.group(0).partition("=")
        params[key.upper()] = val.strip('"')
        pos = pm.end()
    if pos >= len(text) or text[pos] != ":":
        return None
    return Line(number=number, name=name, params=params, value=text[pos + 1:])
