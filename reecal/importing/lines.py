"""An organiser's .ics as content lines with their line numbers, checked before any
parser sees it: every problem is reported as ``file:line: message``.

Lines are unfolded as bytes (RFC 5545 §3.1), so a fold inside a UTF-8 sequence is
undone before the line is decoded.  Each event becomes a :class:`Block`: its
unfolded lines, which a draft quotes.

>>> [b.uid for b in blocks(b"BEGIN:VCALENDAR\\r\\nBEGIN:VEVENT\\r\\nUID:a\\r\\n"
...                        b"DTSTART:20260512\\r\\nEND:VEVENT\\r\\nEND:VCALENDAR\\r\\n", "x.ics")]
['a']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time

from attrs import frozen

from reecal.errors import ImportFailed, Problem, shown
from reecal.formats.lint.lines import logical, tokens
from reecal.formats.lint.values import CONTROL
from reecal.loading.files import size_text

__all__ = ["MAX_BYTES", "Block", "blocks", "too_large"]

MAX_BYTES = 8 * 1024 * 1024
"""A calendar file larger than this is refused (organisers' files are far smaller)."""

_NAME = re.compile(r"[A-Za-z0-9-]+")
_VALUE = re.compile(r"\d{8}(?:T\d{6}Z?)?")
_NAME_PART = re.compile(r"[;:]")
_DATED = ("DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE", "RDATE")
_MAX_PROBLEMS = 20


@frozen
class Line:
    number: int
    text: str

    @property
    def name(self) -> str:
        return _NAME_PART.split(self.text, maxsplit=1)[0].upper()

    def params(self) -> dict[str, str]:
        """The parameters (TZID, VALUE, ...), quoted values unquoted."""
        head = _head(self.text)
        out = {}
        for m in re.finditer(r';([A-Za-z0-9-]+)=("[^"]*"|[^;:,]*)', head):
            out[m[1].upper()] = m[2].strip('"')
        return out

    @property
    def value(self) -> str:
        return self.text[len(_head(self.text)) + 1:]


def _head(text: str) -> str:
    """The name and parameters of a content line: up to its first colon outside quotes."""
    quoted = False
    for i, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return text[:i]
    return text


@frozen
class Block:
    """One VEVENT: its unfolded content lines, BEGIN to END."""

    lines: tuple[Line, ...]

    @property
    def line(self) -> int:
        return self.lines[0].number

    def get(self, name: str) -> Line | None:
        return next((x for x in self.lines if x.name == name), None)

    @property
    def uid(self) -> str:
        found = self.get("UID")
        return found.value if found else ""

    @property
    def quote(self) -> str:
        return "\n".join(x.text for x in self.lines)

    def bad_text(self) -> Problem | None:
        """The first line holding a character no record may hold (a bidirectional
        override...), as a problem naming its property: the draft quotes every line."""
        from reecal.model.checks import bad_char

        for x in self.lines:
            bad = bad_char(x.text, multiline=True)
            if bad:
                return Problem(x.number, f"{shown(x.name)} holds a {bad}, which a "
                                         "record does not allow")
        return None


class _Problems:
    """The problems found, keeping only the first :data:`_MAX_PROBLEMS` by line (and
    how many there were): a file of millions of bad lines costs no more memory than
    a good one."""

    def __init__(self) -> None:
        self.kept: list[Problem] = []
        self.count = 0
        self.bound: int | None = None
        """Once the first problems are known, the line past which no other can be."""

    def append(self, problem: Problem) -> None:
        if not self.counted(problem[0]):
            self.count += 1
            self.kept.append(problem)
            if len(self.kept) >= 4 * _MAX_PROBLEMS:
                self.kept = sorted(self.kept)[:_MAX_PROBLEMS]
                self.bound = self.kept[-1][0]

    def counted(self, line: int) -> bool:
        """True, and the problem counted, when a problem at *line* cannot be among
        the first: its message need not even be made."""
        if self.bound is not None and line > self.bound:
            self.count += 1
            return True
        return False

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.append(problem)

    def __bool__(self) -> bool:
        return self.count > 0

    def raise_any(self, name: str) -> None:
        """ImportFailed listing the first problems, if any was found."""
        if self.count:
            raise ImportFailed(name, sorted(self.kept)[:_MAX_PROBLEMS],
                               more=max(0, self.count - _MAX_PROBLEMS))


def _decoded(data: bytes, problems: _Problems) -> Iterator[Line]:
    """The lines that are not blank (runs of empty lines are skipped whole); a line
    that cannot be a content line and comes after the problems listed is only
    counted (millions of them cost seconds, not minutes)."""
    for number, name, raw, _ in tokens(data):
        if name is None and not raw:
            continue
        line = name + b":" + raw if name else raw
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(Problem(number, f"not valid UTF-8 (byte {exc.start} of the line)"))
            continue
        bad = CONTROL.search(text)
        if bad:
            problems.append(Problem(number, f"control character U+{ord(bad[0]):04X} in the "
                                            "line (RFC 5545 allows none but tab)"))
        if not text.strip() or (name == b"" and problems.counted(number)):
            continue
        yield Line(number, text)


def _zones(data: bytes) -> set[str]:
    """The TZIDs the file's VTIMEZONEs define (a first pass: lines are read once more
    rather than all kept)."""
    found = set()
    for _, line in logical(data):
        if line[:5].upper() in (b"TZID:", b"TZID;"):
            found.add(Line(0, line.decode("utf-8", "replace")).value)
    return found


def _check_values(line: Line, zones: set[str], problems: _Problems) -> None:
    tzid = line.params().get("TZID")
    if tzid is not None and tzid not in zones and not _known_zone(tzid):
        problems.append(Problem(line.number, f"undefined TZID '{shown(tzid)}': no "
                                             "VTIMEZONE defines it and it is no known zone"))
    if line.name == "RDATE" and line.params().get("VALUE", "").upper() == "PERIOD":
        return
    for value in line.value.split(","):
        if not _VALUE.fullmatch(value.strip()) or not _real(value.strip()):
            problems.append(Problem(line.number, f"bad date in {line.name}: "
                                                 f"'{shown(value, 40)}'"))
            return


def _real(value: str) -> bool:
    try:
        day = date(int(value[:4]), int(value[4:6]), int(value[6:8]))
        if "T" in value:  # as strptime's %H%M%S reads it (a leap second's 60 and 61 too)
            hour, minute, second = int(value[9:11]), int(value[11:13]), int(value[13:15])
            if second > 61:
                return False
            datetime.combine(day, time(hour, minute, min(second, 59)))
    except ValueError:
        return False
    return 1900 <= int(value[:4]) <= 2100


def _known_zone(name: str) -> bool:
    from zoneinfo import ZoneInfo

    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    if name in WINDOWS_TO_OLSON:
        return True
    try:
        ZoneInfo(name)
    except (KeyError, ValueError, OSError):  # not found (a KeyError), or not a zone's name
        return False
    return True


def too_large(name: str, limit: int) -> ImportFailed:
    """The error for a calendar file (shown as *name*) over *limit* bytes."""
    return ImportFailed(name, [Problem(0, f"file is larger than {size_text(limit)}")])


def blocks(data: bytes, name: str) -> list[Block]:
    """The events of calendar file *data* (shown as *name* in messages), in file order;
    :class:`~reecal.errors.ImportFailed` listing the first problems found (and how
    many there were).  Linear in the file, in time and (once a problem is found, when
    no event is kept) in memory."""
    problems = _Problems()
    if len(data) > MAX_BYTES:
        raise too_large(name, MAX_BYTES)
    _calendar_or_not(data, name)
    zones = _zones(data)
    found, current, nested, events, seen = [], list[Line](), False, 0, False
    begun, uid, dated = 0, None, False  # the event's first line, its UID, DTSTART seen
    stack: list[tuple[str, int]] = []
    for line in _decoded(data, problems):
        if not seen and line.text.upper() != "BEGIN:VCALENDAR":
            problems.append(Problem(line.number, "not an iCalendar file: it does not "
                                                 "start with BEGIN:VCALENDAR"))
        seen = True
        kind = line.name
        if not _NAME.fullmatch(kind) or ":" not in line.text:
            problems.append(Problem(line.number, f"not a content line: "
                                                 f"'{shown(line.text, 40)}'"))
            continue
        if kind == "BEGIN":
            wrong = _nesting(stack[-1][0] if stack else "", line, name)
            problems.extend(wrong)
            nested = nested or bool(wrong)
            stack.append((line.value.upper(), line.number))
            events += stack[-1][0] == "VEVENT"
        if events:
            begun = begun or line.number
            uid = line.value if uid is None and kind == "UID" else uid
            dated = dated or kind == "DTSTART"
            if not problems:
                current.append(line)
            if kind in _DATED and stack[-1][0] == "VEVENT":
                _check_values(line, zones, problems)
        if kind == "END":
            if not stack or stack[-1][0] != line.value.upper():
                problems.append(Problem(line.number, f"END:{shown(line.value)} "
                                                     "closes nothing open"))
                continue
            if stack.pop()[0] == "VEVENT":
                events -= 1
                _event(begun, uid, dated, _Problems() if nested else problems)
                if not problems:  # a broken file's events are never used: not kept
                    found.append(Block(tuple(current)))
                current, begun, uid, dated = [], 0, None, False
    if not seen and not problems:
        raise ImportFailed(name, [Problem(0, "file is empty")])
    problems.extend(Problem(number, f"BEGIN:{shown(kind)} is never closed")
                    for kind, number in stack)
    problems.raise_any(name)
    return found


def _nesting(parent: str, line: Line, name: str) -> list[Problem]:
    """A component begun inside an event where RFC 5545 allows none (a VEVENT in a
    VEVENT): the lint's rule, one problem (the events' own checks would mislead)."""
    from reecal.formats.lint.rules import nesting_findings

    if parent != "VEVENT":
        return []
    return [Problem(f.line, f.message) for f in
            nesting_findings(parent, line.value.upper(), line.number, name)]


def _calendar_or_not(data: bytes, name: str) -> None:
    """One problem, and no more, for a file that is not iCalendar at all: one that
    does not start (after a byte-order mark and blank lines) with BEGIN:VCALENDAR,
    or holds a NUL byte in its first kilobytes (binary)."""
    head = data[:4096]
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
    if not start:
        return  # empty: said below
    if b"\x00" in head:
        why, at = "it holds binary data", head.index(b"\x00")
    elif start[:15].upper() != b"BEGIN:VCALENDAR":
        why, at = "it does not start with BEGIN:VCALENDAR", len(head) - len(start)
    else:
        return
    line = head[:at].replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
    raise ImportFailed(name, [Problem(line, f"not an iCalendar file: {why}")])


def _event(line: int, uid: str | None, dated: bool, problems: _Problems) -> None:
    """The problems of the event begun at *line*: no UID (its first, *uid*), no
    DTSTART (*dated* if one was seen)."""
    if not (uid or "").strip():
        problems.append(Problem(line, "event has no UID (it is needed to update "
                                      "the draft when the file changes)"))
    if not dated:
        problems.append(Problem(line, "event has no DTSTART"))
