"""A byte-level linter for iCalendar files: the defects parsers let through.

Parsers are lenient: most accept bare LF, long lines, a fold that splits a UTF-8
character, an unescaped comma, a TZID with no VTIMEZONE... and then some client
garbles or drops the event.  This linter reads the bytes and reports each such
defect as ``file:line: message``, the line being where the content line starts.

>>> [str(f) for f in lint_bytes(b"BEGIN:VCALENDAR\\nEND:VCALENDAR\\n", "x.ics")][:1]
['x.ics:1: line ends with a bare LF (RFC 5545 §3.1 wants CRLF)']
>>> lint_bytes(to_crlf(GOOD_MINIMAL), "ok.ics")
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import attrs

__all__ = ["MAX_BYTES", "Finding", "lint_bytes", "lint_path", "to_crlf"]

MAX_BYTES = 8 * 1024 * 1024
"""Files larger than this are refused with one finding rather than read."""

MAX_OCTETS = 75

TEXT_PROPS = frozenset({
    "SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "CONTACT", "NAME", "X-WR-CALNAME",
    "X-WR-CALDESC", "TZNAME",
})
LIST_TEXT_PROPS = frozenset({"CATEGORIES", "RESOURCES"})
DATE_PROPS = frozenset({"DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "EXDATE", "RDATE"})
NEEDS_UID = frozenset({"VEVENT", "VTODO", "VJOURNAL"})

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


def _printable(text: str) -> str:
    r"""Quote what a hostile file put into a message so it stays one inert line.

    >>> _printable("BEGIN:V\x0bCAL\x1b[2J")
    'BEGIN:V\\x0bCAL\\x1b[2J'
    """
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 0x100
                   else f"\\u{ord(c):04x}" for c in text)


@attrs.frozen
class Finding:
    """One defect: where it is and what is wrong.

    The message often quotes the file; control and other unprintable characters in it
    are written as escapes, so a finding is always one line and cannot drive a terminal.
    """

    path: str
    line: int
    code: str
    message: str = attrs.field(converter=_printable)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {"file": self.path, "line": self.line, "code": self.code,
                "message": self.message}


@attrs.frozen
class _Line:
    number: int  # physical line where the logical line starts
    name: str
    params: dict[str, str]
    value: str


# --------------------------------------------------------------------------- physical layer


def _physical(data: bytes, path: str) -> tuple[list[tuple[int, bytes]], list[Finding]]:
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


def _logical(lines: list[tuple[int, bytes]]) -> Iterator[tuple[int, str]]:
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


def _parse(number: int, text: str) -> _Line | None:
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
    return _Line(number=number, name=name, params=params, value=text[pos + 1:])


# --------------------------------------------------------------------------- semantic layer


def _unescaped(value: str, chars: str) -> str | None:
    i = 0
    while i < len(value):
        ch = value[i]
        if ch == "\\":
            i += 2
            continue
        if ch in chars:
            return ch
        i += 1
    return None


def _moment(line: _Line) -> date | datetime | None:
    v = line.value.strip()
    try:
        if re.fullmatch(r"\d{8}", v):
            return date(int(v[:4]), int(v[4:6]), int(v[6:8]))
        m = re.fullmatch(r"(\d{8})T(\d{6})(Z?)", v)
        if m:
            d, t, z = m.groups()
            dt = datetime(int(d[:4]), int(d[4:6]), int(d[6:8]), int(t[:2]), int(t[2:4]),
                          int(t[4:6]))
            if z:
                from datetime import UTC

                return dt.replace(tzinfo=UTC)
            tzid = line.params.get("TZID")
            if tzid:
                try:
                    from zoneinfo import ZoneInfo

                    return dt.replace(tzinfo=ZoneInfo(tzid))
                except (ValueError, OSError, KeyError):
                    return dt
            return dt
    except ValueError:
        return None
    return None


def _after(end: date | datetime, start: date | datetime) -> bool | None:
    """Whether end > start; None when they cannot be compared."""
    if isinstance(end, datetime) != isinstance(start, datetime):
        return None
    if isinstance(end, datetime) and isinstance(start, datetime):
        if (end.tzinfo is None) != (start.tzinfo is None):
            end, start = end.replace(tzinfo=None), start.replace(tzinfo=None)
        try:
            return end > start
        except (TypeError, OverflowError):
            return None
    return end > start


def _semantic(lines: list[_Line], bad: list[int], path: str) -> list[Finding]:
    found: list[Finding] = [Finding(path, n, "syntax", "not a content line (name:value)")
                            for n in bad[:20]]
    stack: list[tuple[str, int, list[_Line]]] = []
    tzids_defined: set[str] = set()
    tzid_uses: list[tuple[int, str]] = []
    uids: dict[tuple[str, str], int] = {}
    calendars = 0
    for line in lines:
        if line.name == "BEGIN":
            comp = line.value.strip().upper()
            if comp == "VCALENDAR":
                calendars += 1
            stack.append((comp, line.number, []))
            continue
        if line.name == "END":
            comp = line.value.strip().upper()
            if not stack or stack[-1][0] != comp:
                found.append(Finding(path, line.number, "nesting",
                                     f"END:{comp} does not close "
                                     f"{'BEGIN:' + stack[-1][0] if stack else 'anything'}"))
                continue
            name, begin, props = stack.pop()
            # DTSTART is required only in a calendar without METHOD (RFC 5545 §3.6.1)
            itip = any(p.name == "METHOD" for _, _, ps in stack for p in ps)
            found += _component(name, begin, props, path, uids, itip=itip)
            if name == "VCALENDAR":
                have = {p.name for p in props}
                for required in ("PRODID", "VERSION"):
                    if required not in have:
                        found.append(Finding(path, begin, f"missing-{required.lower()}",
                                             f"VCALENDAR has no {required} (RFC 5545 §3.6)"))
            if name == "VTIMEZONE":
                for p in props:
                    if p.name == "TZID":
                        tzids_defined.add(p.value.strip())
            continue
        if stack:
            stack[-1][2].append(line)
        else:
            found.append(Finding(path, line.number, "outside", f"{line.name} outside any "
                                                              "component"))
        if "TZID" in line.params and line.name != "TZID":
            tzid_uses.append((line.number, line.params["TZID"]))
        found += _value(line, path)
    for comp, begin, _ in stack:
        found.append(Finding(path, begin, "nesting", f"BEGIN:{comp} is never closed"))
    if calendars == 0:
        found.append(Finding(path, 1, "no-calendar", "no BEGIN:VCALENDAR"))
    for number, tzid in tzid_uses:
        if tzid not in tzids_defined:
            found.append(Finding(path, number, "missing-vtimezone",
                                 f"TZID={tzid} has no VTIMEZONE (RFC 5545 §3.2.19; "
                                 "Outlook then reads the time as floating)"))
    return found


def _value(line: _Line, path: str) -> list[Finding]:
    out: list[Finding] = []
    if line.name in DATE_PROPS and re.fullmatch(r"\d{8}", line.value.strip()) and \
            line.params.get("VALUE", "").upper() != "DATE":
        out.append(Finding(path, line.number, "date-without-value",
                           f"{line.name} is a bare date without VALUE=DATE (RFC 5545 §3.3.4)"))
    if line.name in DATE_PROPS and line.name not in ("EXDATE", "RDATE") and \
            re.fullmatch(r"\d{8}(T\d{6}Z?)?", line.value.strip()) and _moment(line) is None:
        out.append(Finding(path, line.number, "invalid-date",
                           f"{line.name} {line.value.strip()} is not a real date or time "
                           "(RFC 5545 §3.3.4, §3.3.5)"))
    if line.name in TEXT_PROPS:
        ch = _unescaped(line.value, ",;")
        if ch:
            out.append(Finding(path, line.number, "unescaped-text",
                               f"unescaped '{ch}' in {line.name} (RFC 5545 §3.3.11; "
                               "some readers cut the text there)"))
    elif line.name in LIST_TEXT_PROPS:
        ch = _unescaped(line.value, ";")
        if ch:
            out.append(Finding(path, line.number, "unescaped-text",
                               f"unescaped '{ch}' in {line.name} (RFC 5545 §3.3.11)"))
    return out


def _component(name: str, begin: int, props: list[_Line], path: str,
               uids: dict[tuple[str, str], int], *, itip: bool = False) -> list[Finding]:
    out: list[Finding] = []
    if name not in NEEDS_UID:
        return out
    by: dict[str, list[_Line]] = {}
    for p in props:
        by.setdefault(p.name, []).append(p)
    for required in ("UID", "DTSTAMP") + (("DTSTART",) if name == "VEVENT" and not itip
                                          else ()):
        if required not in by:
            out.append(Finding(path, begin, f"missing-{required.lower()}",
                               f"{name} has no {required} (RFC 5545 §3.6.1)"))
    if "DTEND" in by and "DURATION" in by:
        out.append(Finding(path, by["DURATION"][0].number, "dtend-and-duration",
                           f"{name} has both DTEND and DURATION (RFC 5545 §3.6.1 allows "
                           "one or the other)"))
    for once in ("DTSTART", "DTEND", "UID", "DTSTAMP", "DURATION", "RECURRENCE-ID"):
        if len(by.get(once, [])) > 1:
            out.append(Finding(path, by[once][1].number, f"duplicate-{once.lower()}",
                               f"{name} has {len(by[once])} {once} properties "
                               "(at most one is allowed)"))
    if "UID" in by:
        uid = by["UID"][0].value
        rid = by["RECURRENCE-ID"][0].value if "RECURRENCE-ID" in by else ""
        key = (uid, rid)
        if key in uids:
            out.append(Finding(path, by["UID"][0].number, "duplicate-uid",
                               f"UID {uid[:60]} is already used at line {uids[key]} "
                               "(clients keep only one of them)"))
        else:
            uids[key] = by["UID"][0].number
    if "DTSTART" in by and "DTEND" in by:
        start, end = _moment(by["DTSTART"][0]), _moment(by["DTEND"][0])
        if start is not None and end is not None:
            after = _after(end, start)
            if after is None:
                out.append(Finding(path, by["DTEND"][0].number, "mixed-types",
                                   "DTEND and DTSTART are not of the same value type"))
            elif not after:
                out.append(Finding(path, by["DTEND"][0].number, "dtend-not-after",
                                   "DTEND is not after DTSTART (RFC 5545 §3.8.2.2)"))
    return out


# --------------------------------------------------------------------------- entry points


def lint_bytes(data: bytes, path: str = "<bytes>") -> list[Finding]:
    """Every defect found in *data*, in line order."""
    if len(data) > MAX_BYTES:
        return [Finding(path, 1, "too-large",
                        f"file is {len(data)} bytes, over the {MAX_BYTES} byte limit; not read")]
    physical, found = _physical(data, path)
    parsed: list[_Line] = []
    bad: list[int] = []
    for number, text in _logical(physical):
        if not text.strip():
            continue
        line = _parse(number, text)
        if line is None:
            bad.append(number)
        else:
            parsed.append(line)
    found += _semantic(parsed, bad, path)
    return sorted(found, key=lambda f: (f.line, f.code))


def lint_path(path: str | Path) -> list[Finding]:
    """Lint a file; an unreadable or oversized file is itself a finding."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            return [Finding(str(path), 1, "too-large",
                            f"file is {size} bytes, over the {MAX_BYTES} byte limit; not read")]
        data = p.read_bytes()
    except OSError as exc:
        return [Finding(str(path), 0, "unreadable", f"cannot read: {exc.strerror or exc}")]
    return lint_bytes(data, str(path))


