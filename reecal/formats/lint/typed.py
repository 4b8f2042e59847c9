"""The rules on values of a type other than text (RFC 5545 §3.3): dates and times,
recurrence rules, alarm triggers, and the types icalendar reads (integers, GEO,
durations, UTC offsets).  A recurrence rule is read here part by part rather than by
a parser that forgives it (icalendar accepts ``INTERVAL=0``, ``BYMONTHDAY=32`` and
COUNT with UNTIL) or spends memory without bound on a hostile one (megabytes of
``BYSECOND=1,1,1...``).

>>> from reecal.formats.lint.lines import parse
>>> typed_defects(parse(1, "RRULE:FREQ=MONTHLY;BYMONTHDAY=32"))
[('wrong-type', 'RRULE: BYMONTHDAY=32 is out of range (1 to 31, or -31 to -1) (RFC 5545 §3.3.10)')]
>>> typed_defects(parse(2, "RRULE:FREQ=WEEKLY;BYDAY=MO,-1FR;UNTIL=20261231T000000Z"))
[]
>>> typed_defects(parse(3, "TRIGGER:soon"))
[('wrong-type', "TRIGGER 'soon' is not a duration (RFC 5545 §3.8.6.3)")]
"""

from __future__ import annotations

import re
from datetime import date, datetime

from reecal.formats.lint.finding import Defect, Line

__all__ = ["DATE", "DATE_TIME", "MAX_ITEMS", "TYPED", "moment_value", "typed_defects"]

DATE = re.compile(r"\d{8}")
DATE_TIME = re.compile(r"\d{8}T\d{6}Z?")
_ICALENDAR: dict[str, tuple[str, str]] = {
    **dict.fromkeys(("SEQUENCE", "PRIORITY", "PERCENT-COMPLETE", "REPEAT"),
                    ("vInt", "an integer")),
    "GEO": ("vGeo", "a latitude;longitude pair"), "DURATION": ("vDuration", "a duration"),
    **dict.fromkeys(("TZOFFSETFROM", "TZOFFSETTO"), ("vUTCOffset", "a UTC offset")),
}
"""Properties whose value icalendar's own type reads."""
TYPED = frozenset({*_ICALENDAR, "RRULE", "EXRULE", "TRIGGER"})
"""The properties :func:`typed_defects` has a rule for."""
MAX_ITEMS = 1000
"""More values than any part of a rule can hold distinct (BYYEARDAY's 732): a rule
listing more is reported, and not read further."""
_FREQ = frozenset({"SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"})
_DAYS = frozenset({"SU", "MO", "TU", "WE", "TH", "FR", "SA"})
_RANGES = {  # part: (least, most, whether -most to -least is allowed too)
    "BYSECOND": (0, 60, False), "BYMINUTE": (0, 59, False), "BYHOUR": (0, 23, False),
    "BYMONTHDAY": (1, 31, True), "BYYEARDAY": (1, 366, True), "BYWEEKNO": (1, 53, True),
    "BYMONTH": (1, 12, False), "BYSETPOS": (1, 366, True),
}
_WEEKDAY = re.compile(r"([+-]?)(\d{1,2})?(SU|MO|TU|WE|TH|FR|SA)")
_NUMBER = re.compile(r"([+-]?)(\d{1,3})")
_DURATION = re.compile(r"[+-]?P(?:\d+W|(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)?)")


def moment_value(v: str) -> date | datetime | None:
    """A DATE or DATE-TIME value (floating, or UTC with Z); None if it is neither a
    well-formed nor a real one."""
    try:
        if DATE.fullmatch(v):
            return date(int(v[:4]), int(v[4:6]), int(v[6:8]))
        if DATE_TIME.fullmatch(v):
            return datetime(int(v[:4]), int(v[4:6]), int(v[6:8]), int(v[9:11]),
                            int(v[11:13]), int(v[13:15]))
    except ValueError:
        return None
    return None


def typed_defects(line: Line) -> list[Defect]:
    """What is wrong with the value of *line*, one of :data:`TYPED`."""
    if line.name == "TRIGGER":
        return _trigger(line)
    if line.name in _ICALENDAR:
        return _icalendar(line)
    return _recur(line)


def _icalendar(line: Line) -> list[Defect]:
    """A value icalendar's type for the property cannot read."""
    import icalendar.prop

    kind, what = _ICALENDAR[line.name]
    try:
        ok = getattr(icalendar.prop, kind).from_ical(line.value) is not None
    except Exception:  # icalendar raises ValueError, and others on hostile input
        ok = False
    if ok:
        return []
    return [("wrong-type",
             f"{line.name} {line.value[:40]!r} is not {what} (RFC 5545 §3.3, §3.8)")]


def _in_range(item: str, least: int, most: int, signed: bool) -> bool:
    m = _NUMBER.fullmatch(item)
    if m is None or (m.group(1) == "-" and not signed):
        return False
    return least <= int(m.group(2)) <= most


def _weekday(item: str) -> bool:
    m = _WEEKDAY.fullmatch(item)
    return m is not None and (m.group(2) is None or 1 <= int(m.group(2)) <= 53)


def _part(name: str, value: str) -> str | None:
    """What is wrong with one NAME=VALUE part of a rule, or None."""
    if name == "FREQ":
        return None if value in _FREQ else f"FREQ={value[:20]} is not a frequency"
    if name in ("COUNT", "INTERVAL"):
        ok = value.isdigit() and len(value) <= 9 and int(value) >= 1
        return None if ok else f"{name}={value[:20]} is not a positive integer"
    if name == "UNTIL":
        return None if moment_value(value) is not None else f"UNTIL={value[:20]} is not a date"
    if name == "WKST":
        return None if value in _DAYS else f"WKST={value[:20]} is not a weekday"
    if name == "BYDAY":
        bad = next((i for i in value.split(",") if not _weekday(i)), None)
        return None if bad is None else f"BYDAY={bad[:20]} is not a weekday"
    if name in _RANGES:
        least, most, signed = _RANGES[name]
        bad = next((i for i in value.split(",") if not _in_range(i, least, most, signed)), None)
        if bad is None:
            return None
        also = f", or -{most} to -{least}" if signed else ""
        return f"{name}={bad[:20]} is out of range ({least} to {most}{also})"
    if name.startswith("X-"):
        return None
    return f"{name[:20]} is not a part of a rule"


def _recur(line: Line) -> list[Defect]:
    """An RRULE or EXRULE that is not a recurrence rule: its first problem."""
    value = line.value.strip().upper()
    problem = None
    if value.count(",") >= MAX_ITEMS:
        problem = f"lists more than {MAX_ITEMS} values, more than any rule holds"
    else:
        seen: set[str] = set()
        for part in value.split(";"):
            name, eq, v = part.partition("=")
            if not eq or not v:
                problem = f"{part[:20]!r} is not NAME=VALUE"
            elif name in seen:
                problem = f"{name[:20]} is given twice"
            else:
                seen.add(name)
                problem = _part(name, v)
            if problem:
                break
        if problem is None and "FREQ" not in seen:
            problem = "has no FREQ"
        elif problem is None and {"COUNT", "UNTIL"} <= seen:
            problem = "has both COUNT and UNTIL (at most one of them)"
    if problem is None:
        return []
    return [("wrong-type", f"{line.name}: {problem} (RFC 5545 §3.3.10)")]


def _trigger(line: Line) -> list[Defect]:
    """A TRIGGER that is neither a duration nor, with VALUE=DATE-TIME, a UTC time."""
    value = line.value.strip()
    if line.params.get("VALUE", "").upper() == "DATE-TIME":
        ok = value.endswith("Z") and moment_value(value) is not None
        what = "a UTC date and time"
    else:
        ok = _DURATION.fullmatch(value.upper()) is not None and value[-1:].isalpha()
        what = "a duration"
    if ok:
        return []
    return [("wrong-type", f"TRIGGER {value[:40]!r} is not {what} (RFC 5545 §3.8.6.3)")]
