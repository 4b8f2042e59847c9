"""The rules on components, properties and values (RFC 5545, RFC 5546's restrictions)."""

from __future__ import annotations

import re
from datetime import date, datetime

from reecal.formats.lint.finding import Finding, Line

__all__ = ["semantic"]

TEXT_PROPS = frozenset({
    "SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "CONTACT", "NAME", "X-WR-CALNAME",
    "X-WR-CALDESC", "TZNAME",
})
LIST_TEXT_PROPS = frozenset({"CATEGORIES", "RESOURCES"})
DATE_PROPS = frozenset({"DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "EXDATE", "RDATE"})
NEEDS_UID = frozenset({"VEVENT", "VTODO", "VJOURNAL"})


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


def _moment(line: Line) -> date | datetime | None:
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


def semantic(lines: list[Line], bad: list[int], path: str) -> list[Finding]:
    found: list[Finding] = [Finding(path, n, "syntax", "not a content line (name:value)")
                            for n in bad[:20]]
    stack: list[tuple[str, int, list[Line]]] = []
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


def _value(line: Line, path: str) -> list[Finding]:
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


def _component(name: str, begin: int, props: list[Line], path: str,
               uids: dict[tuple[str, str], int], *, itip: bool = False) -> list[Finding]:
    out: list[Finding] = []
    if name not in NEEDS_UID:
        return out
    by: dict[str, list[Line]] = {}
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
