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

from pathlib import Path

from reecal.formats.lint.finding import Finding, Line
from reecal.formats.lint.lines import logical, parse, physical
from reecal.formats.lint.rules import semantic

__all__ = ["GOOD_MINIMAL", "MAX_BYTES", "Finding", "lint_bytes", "lint_path", "to_crlf"]

MAX_BYTES = 8 * 1024 * 1024
"""Files larger than this are refused with one finding rather than read."""

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
    """Every defect found in *data*, in line order."""
    if len(data) > MAX_BYTES:
        return [Finding(path, 1, "too-large",
                        f"file is {len(data)} bytes, over the {MAX_BYTES} byte limit; not read")]
    lines, found = physical(data, path)
    parsed: list[Line] = []
    bad: list[int] = []
    for number, text in logical(lines):
        if not text.strip():
            continue
        line = parse(number, text)
        if line is None:
            bad.append(number)
        else:
            parsed.append(line)
    found += semantic(parsed, bad, path)
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
