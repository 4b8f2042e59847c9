"""The rules on one property's value (RFC 5545 §3.1, §3.3, §3.8): what the bytes of a
content line say, before any parser has forgiven them.

>>> from reecal.formats.lint.lines import parse
>>> [code for code, _ in value_defects(parse(3, "DTSTAMP:20260101T000000"))]
['stamp-not-utc']
>>> [code for code, _ in value_defects(parse(4, "SUMMARY:a\\\\xb"))]
['bad-escape']
"""

from __future__ import annotations

import re

from reecal.formats.lint.finding import Defect, Line
from reecal.formats.lint.typed import DATE, DATE_TIME, TYPED, moment_value, typed_defects
from reecal.model.checks import bad_char

__all__ = ["CONTROL", "DATE_PROPS", "TEXT_PROPS", "Defect", "moment_value", "status_defects",
           "value_defects"]

TEXT_PROPS = frozenset({
    "SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "CONTACT", "NAME", "X-WR-CALNAME",
    "X-WR-CALDESC", "TZNAME",
})
LIST_TEXT_PROPS = frozenset({"CATEGORIES", "RESOURCES"})
DATE_PROPS = frozenset({"DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "EXDATE", "RDATE"})
STAMP_PROPS = frozenset({"DTSTAMP", "CREATED", "LAST-MODIFIED", "COMPLETED"})
"""Properties whose DATE-TIME must be UTC (RFC 5545 §3.8.7, §3.8.2.1)."""

_ISO_DASHES = re.compile(r"\d{4}-\d{2}-\d{2}")
CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
"""CONTROL of RFC 5545 §3.1: no value may hold one (HTAB is allowed)."""
_ESCAPE = re.compile(r"\\(.?)", re.S)
_RULED = DATE_PROPS | STAMP_PROPS | TEXT_PROPS | LIST_TEXT_PROPS | TYPED | frozenset(
    ["VERSION", "UID"])
"""The properties :func:`value_defects` has a rule for, beyond the characters."""
_STATUS = {
    "VEVENT": {"TENTATIVE", "CONFIRMED", "CANCELLED"},
    "VTODO": {"NEEDS-ACTION", "COMPLETED", "IN-PROCESS", "CANCELLED"},
    "VJOURNAL": {"DRAFT", "FINAL", "CANCELLED"},
}


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


def _dates(line: Line) -> list[Defect]:
    value = line.value.strip()
    kind = line.params.get("VALUE", "").upper()
    if kind == "PERIOD":
        return []
    if kind not in ("", "DATE", "DATE-TIME"):
        return [("wrong-type", f"{line.name} has VALUE={kind[:20]}: a date is DATE or "
                               "DATE-TIME (RFC 5545 §3.2.20)")]
    out: list[Defect] = []
    for item in value.split(",") if line.name in ("EXDATE", "RDATE") else [value]:
        if _ISO_DASHES.match(item):
            out.append(("iso-8601-date",
                        f"{line.name} {item[:30]} is written with dashes or colons; "
                        "iCalendar writes 20260501 or 20260501T093000 (RFC 5545 "
                        "§3.3.4, §3.3.5)"))
        elif moment_value(item) is None:  # 7 digits, a year 0, a 13th month...
            out.append(("invalid-date",
                        f"{line.name} {item[:30]} is not a real date or time "
                        "(RFC 5545 §3.3.4, §3.3.5)"))
        elif kind == "DATE" and DATE_TIME.fullmatch(item):
            out.append(("date-with-time",
                        f"{line.name} has VALUE=DATE but a time: {item} (RFC 5545 "
                        "§3.3.4)"))
        elif DATE.fullmatch(item) and kind != "DATE":
            out.append(("date-without-value",
                        f"{line.name} is a bare date without VALUE=DATE (RFC 5545 "
                        "§3.3.4)"))
        if out:
            break
    return out


def _text(line: Line) -> list[Defect]:
    out: list[Defect] = []
    chars = ",;" if line.name in TEXT_PROPS else ";"
    ch = _unescaped(line.value, chars)
    if ch:
        out.append(("unescaped-text",
                           f"unescaped '{ch}' in {line.name} (RFC 5545 §3.3.11; some "
                           "readers cut the text there)"))
    for m in _ESCAPE.finditer(line.value):
        if m.group(1) not in ("\\", ";", ",", "n", "N"):
            said = f"'\\{m.group(1)}'" if m.group(1) else "a backslash at the end"
            out.append(("bad-escape",
                               f"{said} in {line.name}: TEXT escapes only \\\\, \\;, \\, and "
                               "\\n (RFC 5545 §3.3.11)"))
            break
    return out


def value_defects(line: Line) -> list[Defect]:
    """Every defect in *line*'s own value."""
    plain = line.value.isascii() and line.value.isprintable()
    if plain and not line.params and line.name not in _RULED:
        return []  # most lines of a large file: no rule below applies
    out: list[Defect] = []
    if line.params and (bad := bad_char(" ".join(line.params.values()), multiline=False)):
        out.append(("invisible-char",
                           f"a parameter of {line.name} holds a {bad}, which clients and "
                           "terminals act on or hide"))
    if not plain and CONTROL.search(line.value):
        out.append(("control-char",
                           f"{line.name} holds a control character (RFC 5545 §3.1 allows "
                           "none in a value; escape a line break as \\n)"))
    elif not plain and (bad := bad_char(line.value, multiline=True)) is not None:
        out.append(("invisible-char",
                           f"{line.name} holds a {bad}, which clients and terminals act on or "
                           "hide (reecal's records may not hold one either)"))
    if line.name in DATE_PROPS:
        out += _dates(line)
    elif line.name in STAMP_PROPS and not line.value.strip().endswith("Z"):
        out.append(("stamp-not-utc",
                           f"{line.name} must be a UTC time ending in Z (RFC 5545 §3.8.7)"))
    elif line.name in STAMP_PROPS and moment_value(line.value.strip()) is None:
        out.append(("invalid-date",
                           f"{line.name} {line.value.strip()[:30]} is not a real date or time "
                           "(RFC 5545 §3.3.5)"))
    elif line.name in TEXT_PROPS or line.name in LIST_TEXT_PROPS:
        out += _text(line)
    elif line.name in TYPED:
        out += typed_defects(line)
    elif line.name == "VERSION" and line.value.strip() != "2.0":
        out.append(("version",
                           f"VERSION:{line.value.strip()[:20]}: iCalendar is VERSION:2.0 "
                           "(RFC 5545 §3.7.4; 1.0 is vCalendar, another format)"))
    elif line.name == "UID" and not line.value.strip():
        out.append(("empty-uid",
                           "UID is empty (RFC 5545 §3.8.4.7: it identifies the event)"))
    return out


def status_defects(component: str, line: Line) -> list[Defect]:
    """A STATUS the component cannot have (RFC 5545 §3.8.1.11)."""
    allowed = _STATUS.get(component)
    if allowed is None or line.value.strip().upper() in allowed:
        return []
    return [("wrong-type",
                    f"STATUS:{line.value.strip()[:20]} is not a {component} status "
                    f"({', '.join(sorted(allowed))}; RFC 5545 §3.8.1.11)")]
