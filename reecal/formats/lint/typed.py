"""The rules on values of a type other than text (RFC 5545 §3.3): dates and times,
recurrence rules, alarm triggers, and the types icalendar reads (integers, GEO,
durations, UTC offsets).  A recurrence rule is read here part by part rather than by
a parser that forgives it (icalendar accepts ``INTERVAL=0``, ``BYMONTHDAY=32`` and
COUNT with UNTIL) or spends memory without bound on a hostile one (megabytes of
``BYSECOND=1,1,1...``).

>>> from reecal.formats.lint.lines import parse
>>> typed_defects(parse(1, "RRULE:FREQ=MONTHLY;BYMONTHDAY=32"))
[('wrong-type', 'RRULE: BYMONTHDAY=32 is out of range (1 to 31, or -31 to -1) (RFC 5545 §3.3.10)')]
>>> typed_defects(parse(2, "RRULE:FREQ=MONTHLY;BYDAY=MO,-1FR;UNTIL=20261231T000000Z"))
[]
>>> typed_defects(parse(3, "TRIGGER:soon"))
[('wrong-type', "TRIGGER 'soon' is not a duration (RFC 5545 §3.8.6.3)")]
"""

from __future__ import annotations

import re
from datetime import date, datetime

from reecal.formats.lint.finding import Defect, Line

__all__ = ["DATE", "DATE_TIME", "MAX_ITEMS", "TYPED", "moment_value", "rule_problem",
           "typed_defects"]

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
_WEEKDAY = re.compile(r"([+-]?)(\d{1,2})?(SU|MO|TU|WE|TH|FR|SA)", re.ASCII)
_NUMBER = re.compile(r"([+-]?)(\d{1,3})", re.ASCII)
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


def _shown(value: str) -> str:
    """A value as a message quotes it: as written, cut short."""
    return value[:20] + ("…" if len(value) > 20 else "")


def _part(name: str, value: str) -> str | None:
    """What is wrong with one NAME=VALUE part of a rule (*value* as written), or None."""
    up = value.upper()  # rule parts' names and values are case-insensitive (§2.1)
    if name == "FREQ":
        return None if up in _FREQ else f"FREQ={_shown(value)} is not a frequency"
    if name in ("COUNT", "INTERVAL"):
        ok = value.isascii() and value.isdigit() and len(value) <= 9 and int(value) >= 1
        return None if ok else f"{name}={_shown(value)} is not a whole number from 1 to " \
                               "999,999,999"
    if name == "UNTIL":
        return None if moment_value(up) is not None else f"UNTIL={_shown(value)} is not a date"
    if name == "WKST":
        return None if up in _DAYS else f"WKST={_shown(value)} is not a weekday"
    if name == "BYDAY":
        bad = next((i for i in value.split(",") if not _weekday(i.upper())), None)
        return None if bad is None else f"BYDAY={_shown(bad)} is not a weekday"
    if name in _RANGES:
        least, most, signed = _RANGES[name]
        bad = next((i for i in value.split(",") if not _in_range(i, least, most, signed)), None)
        if bad is None:
            return None
        also = f", or -{most} to -{least}" if signed else ""
        return f"{name}={_shown(bad)} is out of range ({least} to {most}{also})"
    if name.startswith("X-"):
        return None
    return f"{_shown(name)} is not a part of a rule"


def _with_freq(parts: dict[str, str]) -> str | None:
    """A part the rule's FREQ does not allow (RFC 5545 §3.3.10's notes), or None."""
    freq = parts.get("FREQ", "").upper()
    if "BYWEEKNO" in parts and freq != "YEARLY":
        return f"BYWEEKNO is only for FREQ=YEARLY, not FREQ={freq}"
    if "BYYEARDAY" in parts and freq in ("DAILY", "WEEKLY", "MONTHLY"):
        return f"BYYEARDAY is not for FREQ={freq}"
    if "BYMONTHDAY" in parts and freq == "WEEKLY":
        return "BYMONTHDAY is not for FREQ=WEEKLY"
    numbered = next((d for d in parts.get("BYDAY", "").split(",") if d[:1] in "+-0123456789"
                     and d), None)
    if numbered and (freq not in ("MONTHLY", "YEARLY") or "BYWEEKNO" in parts):
        return (f"BYDAY={_shown(numbered)}: a numbered weekday is only for FREQ=MONTHLY, or "
                "FREQ=YEARLY without BYWEEKNO")
    return None


def rule_problem(value: str) -> str | None:
    """The first thing that keeps *value* (an RRULE's or EXRULE's) from being a
    recurrence rule, in words ("has no FREQ"); None for a rule (also what ``reecal
    import`` refuses, where icalendar and dateutil would expand it)."""
    value = value.strip()
    problem = None
    if not value:
        problem = "is empty (a rule needs at least FREQ)"
    elif value.count(",") >= MAX_ITEMS:
        problem = f"lists more than {MAX_ITEMS} values, more than any rule holds"
    else:
        parts: dict[str, str] = {}
        for part in value.split(";"):
            name, eq, v = part.partition("=")
            name = name.upper()
            if not eq or not v:
                problem = f"{_shown(part)!r} is not NAME=VALUE"
            elif name in parts:
                problem = f"{_shown(name)} is given twice"
            else:
                parts[name] = v
                problem = _part(name, v)
            if problem:
                break
        if problem is None and "FREQ" not in parts:
            problem = "has no FREQ"
        elif problem is None and {"COUNT", "UNTIL"} <= parts.keys():
            problem = "has both COUNT and UNTIL (at most one of them)"
        elif problem is None:
            problem = _with_freq(parts)
    return problem


def _recur(line: Line) -> list[Defect]:
    """An RRULE or EXRULE that is not a recurrence rule: its first problem."""
    problem = rule_problem(line.value)
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
