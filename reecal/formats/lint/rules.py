"""The rules on components, properties and values (RFC 5545, RFC 5546's restrictions)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo

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


def _moment(line: Line, zones: Zones | None = None) -> date | datetime | None:
    """The value of a DATE or DATE-TIME property: aware when it is UTC or its TZID is
    defined by the calendar's VTIMEZONE (*zones*) or is an IANA name; else floating."""
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
                return dt.replace(tzinfo=UTC)
            tzid = line.params.get("TZID")
            tz = (zones.get(tzid) if zones is not None else None) if tzid else None
            if tzid and tz is None:
                try:
                    tz = ZoneInfo(tzid)
                except (ValueError, OSError, KeyError):
                    return dt
            return dt.replace(tzinfo=tz) if tz is not None else dt
    except ValueError:
        return None
    return None


class Zones:
    """The VTIMEZONEs of one VCALENDAR, by TZID (any case: RFC 5545 §3.2 makes unquoted
    parameter values case-insensitive), turned into zones by icalendar when asked."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self._built: dict[str, tzinfo | None] = {}

    def add(self, tzid: str, text: str) -> None:
        self.texts[tzid.strip().casefold()] = text

    def __contains__(self, tzid: str) -> bool:
        return tzid.strip().casefold() in self.texts

    def get(self, tzid: str) -> tzinfo | None:
        key = tzid.strip().casefold()
        if key not in self._built:
            self._built[key] = _zone(self.texts[key]) if key in self.texts else None
        return self._built[key]


def _zone(text: str) -> tzinfo | None:
    """The zone a VTIMEZONE's text defines, or None if icalendar cannot build one."""
    from icalendar import Timezone

    try:
        component = Timezone.from_ical(text)
        return component.to_tz() if isinstance(component, Timezone) else None
    except Exception:  # a hostile VTIMEZONE: any failure means "cannot compare"
        return None


def _text(line: Line) -> str:
    """*line* written back as a content line (for icalendar to read a VTIMEZONE)."""
    params = "".join(f";{k}={v}" for k, v in line.params.items())
    return f"{line.name}{params}:{line.value}"


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


class _Calendar:
    """What one VCALENDAR's rules need across its components: UIDs (unique within a
    calendar: an iTIP stream repeats them across calendars), its VTIMEZONEs, the TZIDs
    used and the DTSTART/DTEND pairs, checked once the calendar is complete."""

    def __init__(self) -> None:
        self.uids: dict[tuple[str, str], int] = {}
        self.zones = Zones()
        self.uses: list[tuple[int, str]] = []
        self.spans: list[tuple[Line, Line]] = []

    def finish(self, path: str) -> list[Finding]:
        out = [Finding(path, number, "missing-vtimezone",
                       f"TZID={tzid} has no VTIMEZONE in its VCALENDAR (RFC 5545 §3.2.19; "
                       "Outlook then reads the time as floating)")
               for number, tzid in self.uses if tzid not in self.zones]
        for start_line, end_line in self.spans:
            start, end = _moment(start_line, self.zones), _moment(end_line, self.zones)
            if start is None or end is None:
                continue
            after = _after(end, start)
            if after is None:
                out.append(Finding(path, end_line.number, "mixed-types",
                                   "DTEND and DTSTART are not of the same value type"))
            elif not after:
                out.append(Finding(path, end_line.number, "dtend-not-after",
                                   "DTEND is not after DTSTART (RFC 5545 §3.8.2.2)"))
        return out


def semantic(lines: list[Line], bad: list[int], path: str) -> list[Finding]:
    found: list[Finding] = [Finding(path, n, "syntax", "not a content line (name:value)")
                            for n in bad[:20]]
    stack: list[tuple[str, int, list[Line]]] = []
    cal = _Calendar()  # components outside any VCALENDAR share one
    zone_text: list[str] = []
    calendars = 0
    for line in lines:
        if zone_text or (line.name == "BEGIN" and line.value.strip().upper() == "VTIMEZONE"):
            zone_text.append(_text(line))
        if line.name == "BEGIN":
            comp = line.value.strip().upper()
            if comp == "VCALENDAR":
                calendars += 1
                cal = _Calendar()
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
            found += _component(name, begin, props, path, cal, itip=itip)
            if name == "VCALENDAR":
                have = {p.name for p in props}
                for required in ("PRODID", "VERSION"):
                    if required not in have:
                        found.append(Finding(path, begin, f"missing-{required.lower()}",
                                             f"VCALENDAR has no {required} (RFC 5545 §3.6)"))
                found += cal.finish(path)
                cal = _Calendar()
            if name == "VTIMEZONE":
                for p in props:
                    if p.name == "TZID":
                        cal.zones.add(p.value, "\r\n".join(zone_text) + "\r\n")
                zone_text = []
            continue
        if stack:
            stack[-1][2].append(line)
        else:
            found.append(Finding(path, line.number, "outside", f"{line.name} outside any "
                                                              "component"))
        if "TZID" in line.params and line.name != "TZID":
            cal.uses.append((line.number, line.params["TZID"]))
        found += _value(line, path)
    for comp, begin, _ in stack:
        found.append(Finding(path, begin, "nesting", f"BEGIN:{comp} is never closed"))
    if calendars == 0:
        found.append(Finding(path, 1, "no-calendar", "no BEGIN:VCALENDAR"))
    return found + cal.finish(path)


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


def _component(name: str, begin: int, props: list[Line], path: str, cal: _Calendar, *,
               itip: bool = False) -> list[Finding]:
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
        if key in cal.uids:
            out.append(Finding(path, by["UID"][0].number, "duplicate-uid",
                               f"UID {uid[:60]} is already used at line {cal.uids[key]} "
                               "(clients keep only one of them)"))
        else:
            cal.uids[key] = by["UID"][0].number
    if "DTSTART" in by and "DTEND" in by:  # compared once the calendar's zones are known
        cal.spans.append((by["DTSTART"][0], by["DTEND"][0]))
    return out
