"""The rules on components, properties and values (RFC 5545, RFC 5546's restrictions)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo

from reecal.formats.lint.finding import Finding, Findings, Issue, Line
from reecal.formats.lint.values import moment_value, status_defects, value_defects

__all__ = ["semantic"]

NEEDS_UID = frozenset({"VEVENT", "VTODO", "VJOURNAL"})
CHILDREN: dict[str, frozenset[str]] = {
    "": frozenset({"VCALENDAR"}),
    "VCALENDAR": frozenset({"VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE",
                            "VAVAILABILITY"}),
    "VEVENT": frozenset({"VALARM"}), "VTODO": frozenset({"VALARM"}),
    "VTIMEZONE": frozenset({"STANDARD", "DAYLIGHT"}), "VAVAILABILITY": frozenset({"AVAILABLE"}),
}
"""Where each component may be (RFC 5545 §3.4, §3.6; RFC 7953); X- components anywhere
within a calendar.  A component not listed here may hold none."""
_KNOWN = frozenset({*CHILDREN, *(c for cs in CHILDREN.values() for c in cs)} - {""})
MAX_NESTING = 16
"""Components nested deeper than this are one finding and are not followed further (a
calendar needs four levels: VCALENDAR, VTIMEZONE, STANDARD; VEVENT, VALARM)."""
_COMMON_ONCE = {"DTSTAMP", "UID", "DTSTART", "CLASS", "CREATED", "DESCRIPTION", "GEO",
                "LAST-MODIFIED", "LOCATION", "ORGANIZER", "PRIORITY", "SEQUENCE", "STATUS",
                "SUMMARY", "URL", "RECURRENCE-ID"}
ONCE: dict[str, frozenset[str]] = {
    "VCALENDAR": frozenset({"PRODID", "VERSION", "CALSCALE", "METHOD"}),
    "VEVENT": frozenset(_COMMON_ONCE | {"TRANSP", "DTEND", "DURATION"}),
    "VTODO": frozenset(_COMMON_ONCE | {"COMPLETED", "PERCENT-COMPLETE", "DUE", "DURATION"}),
    "VJOURNAL": frozenset(_COMMON_ONCE - {"GEO", "LOCATION", "PRIORITY"}),
    "VTIMEZONE": frozenset({"TZID", "LAST-MODIFIED", "TZURL"}),
    "STANDARD": frozenset({"DTSTART", "TZOFFSETTO", "TZOFFSETFROM"}),
    "DAYLIGHT": frozenset({"DTSTART", "TZOFFSETTO", "TZOFFSETFROM"}),
}
"""Properties a component may hold at most once (RFC 5545 §3.6.1-§3.6.5)."""


def _moment(line: Line, zones: Zones | None = None) -> date | datetime | None:
    """The value of a DATE or DATE-TIME property: aware when it is UTC or its TZID is
    defined by the calendar's VTIMEZONE (*zones*) or is an IANA name; else floating."""
    v = line.value.strip()
    found = moment_value(v)
    if not isinstance(found, datetime):
        return found
    if line.params.get("VALUE", "").upper() == "DATE":
        return None  # a date with a time: reported as such, not compared
    if v.endswith("Z"):
        return found.replace(tzinfo=UTC)
    tzid = line.params.get("TZID")
    tz = (zones.get(tzid) if zones is not None else None) if tzid else None
    if tzid and tz is None:
        try:
            tz = ZoneInfo(tzid)
        except (ValueError, OSError, KeyError):
            return found
    return found.replace(tzinfo=tz) if tz is not None else found


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


class _Props(dict[str, list[Line]]):
    """A component's properties by name: the first two of each (all the rules look at),
    and how many there were, so a component of a million lines takes no memory."""

    def __init__(self) -> None:
        super().__init__()
        self.count: dict[str, int] = {}
        self.parts: set[str] = set()  # the names of the components directly inside

    def add(self, line: Line) -> None:
        n = self.count[line.name] = self.count.get(line.name, 0) + 1
        if n <= 2:
            self.setdefault(line.name, []).append(line)


class _Calendar:
    """What one VCALENDAR's rules need across its components: UIDs (unique within a
    calendar: an iTIP stream repeats them across calendars), its VTIMEZONEs, the TZIDs
    used and the DTSTART/DTEND pairs, checked once the calendar is complete."""

    def __init__(self) -> None:
        self.uids: dict[tuple[str, str], int] = {}
        self.zones = Zones()
        self.uses: list[tuple[int, str]] = []
        self.spans: list[tuple[Line, Line]] = []

    def finish(self, elsewhere: dict[str, int]) -> list[Issue]:
        """The issues found once the calendar is complete; *elsewhere*: the line of the
        VTIMEZONE of each TZID that the file's VCALENDARs so far define."""
        out: list[Issue] = []
        for number, tzid in self.uses:
            if tzid in self.zones:
                continue
            other = elsewhere.get(tzid.strip().casefold())
            said = "" if other is None else f" (it is defined at line {other}, in another)"
            out.append((number, "missing-vtimezone",
                        f"TZID={tzid} has no VTIMEZONE in its VCALENDAR{said} (RFC 5545 "
                        "§3.2.19; Outlook then reads the time as floating)"))
        for start_line, end_line in self.spans:
            start, end = _moment(start_line, self.zones), _moment(end_line, self.zones)
            if start is None or end is None:
                continue
            after = _after(end, start)
            if after is None:
                out.append((end_line.number, "mixed-types",
                                   "DTEND and DTSTART are not of the same value type "
                                   "(RFC 5545 §3.6.1)"))
            elif not after:
                out.append((end_line.number, "dtend-not-after",
                                   "DTEND is not after DTSTART (RFC 5545 §3.8.2.2)"))
        return out


def semantic(lines: Iterable[Line], path: str, found: Findings) -> None:
    """The findings on components and properties, from one pass over *lines*, added to
    *found* (which keeps a bounded number of each kind)."""
    stack: list[tuple[str, int, _Props]] = []
    calendars_open = [_Calendar()]  # the first: for components outside any VCALENDAR
    zone_text: list[str] = []
    defined: dict[str, int] = {}  # each TZID's first VTIMEZONE in the file, by line
    calendars = 0
    overflow = 0  # components begun past MAX_NESTING, not followed
    for line in lines:
        kind = line.name
        if overflow or (kind == "BEGIN" and len(stack) >= MAX_NESTING):
            overflow += {"BEGIN": 1, "END": -1}.get(kind, 0)
            if overflow == 1 and kind == "BEGIN":
                found.append(Finding(path, line.number, "nesting", "components nested more "
                                     f"than {MAX_NESTING} deep; what is inside is not checked"))
            continue
        if zone_text or (kind == "BEGIN" and line.value.strip().upper() == "VTIMEZONE"):
            zone_text.append(_text(line))
        if kind == "BEGIN":
            comp = line.value.strip().upper()
            if comp == "VCALENDAR":
                calendars += 1
                calendars_open.append(_Calendar())
            found += nesting_findings(stack[-1][0] if stack else "", comp, line.number, path)
            if stack:
                stack[-1][2].parts.add(comp)
            stack.append((comp, line.number, _Props()))
            continue
        if kind == "END":
            comp = line.value.strip().upper()
            if not stack or stack[-1][0] != comp:
                if found.full("nesting", line.number):
                    continue
                found.append(Finding(path, line.number, "nesting",
                                     f"END:{comp} does not close "
                                     f"{'BEGIN:' + stack[-1][0] if stack else 'anything'}"))
                continue
            name, begin, props = stack.pop()
            # DTSTART is required only in a calendar without METHOD (RFC 5545 §3.6.1)
            itip = any("METHOD" in ps for _, _, ps in stack)
            found.issues(path, _component(name, begin, props, calendars_open[-1], itip=itip))
            if name == "VCALENDAR":
                have = set(props)
                for required in ("PRODID", "VERSION"):
                    if required not in have:
                        found.append(Finding(path, begin, f"missing-{required.lower()}",
                                             f"VCALENDAR has no {required} (RFC 5545 §3.6)"))
                found.issues(path, calendars_open.pop().finish(defined)
                             if len(calendars_open) > 1 else [])
            if name == "VTIMEZONE":
                for p in props.get("TZID", [])[:1]:
                    calendars_open[-1].zones.add(p.value, "\r\n".join(zone_text) + "\r\n")
                    defined.setdefault(p.value.strip().casefold(), begin)
                zone_text = []
            continue
        if stack:
            stack[-1][2].add(line)
        elif not found.full("outside", line.number):
            found.append(Finding(path, line.number, "outside", f"{kind} outside any "
                                                              "component"))
        if "TZID" in line.params and kind != "TZID":
            calendars_open[-1].uses.append((line.number, line.params["TZID"]))
        for code, message in value_defects(line):
            found.add(path, line.number, code, message)
    for comp, begin, _ in stack:
        found.append(Finding(path, begin, "nesting", f"BEGIN:{comp} is never closed"))
    if calendars == 0:
        found.append(Finding(path, 1, "no-calendar", "no BEGIN:VCALENDAR"))
    found.issues(path, [issue for c in reversed(calendars_open)
                        for issue in c.finish(defined)])


def _component(name: str, begin: int, by: _Props, cal: _Calendar, *,
               itip: bool = False) -> list[Issue]:
    out = [(by[once][1].number, f"duplicate-{once.lower()}",
                   f"{name} has {by.count[once]} {once} properties (at most one is allowed; "
                   "RFC 5545 §3.6)")
           for once in sorted(ONCE.get(name, ())) if len(by.get(once, [])) > 1]
    for line in by.get("STATUS", [])[:1]:
        out += [(line.number, code, message) for code, message in status_defects(name, line)]
    if name in ("STANDARD", "DAYLIGHT"):
        return out + _observance(name, begin, by)
    if name == "VTIMEZONE" and not by.parts & {"STANDARD", "DAYLIGHT"}:
        return [*out, (begin, "observance", "VTIMEZONE has neither STANDARD nor DAYLIGHT "
                                            "(RFC 5545 §3.6.5: at least one is required)")]
    if name == "VALARM":
        return out + [(begin, "alarm", f"VALARM has no {required} (RFC 5545 "
                                                     "§3.6.6)")
                      for required in ("ACTION", "TRIGGER") if required not in by]
    if name not in NEEDS_UID:
        return out
    for required in ("UID", "DTSTAMP") + (("DTSTART",) if name == "VEVENT" and not itip
                                          else ()):
        if required not in by:
            out.append((begin, f"missing-{required.lower()}",
                               f"{name} has no {required} (RFC 5545 §3.6.1)"))
    if "DTEND" in by and "DURATION" in by:
        out.append((by["DURATION"][0].number, "dtend-and-duration",
                           f"{name} has both DTEND and DURATION (RFC 5545 §3.6.1 allows "
                           "one or the other)"))
    if "UID" in by and by["UID"][0].value.strip():
        uid = by["UID"][0].value
        rid = by["RECURRENCE-ID"][0].value if "RECURRENCE-ID" in by else ""
        key = (uid, rid)
        if key in cal.uids:
            out.append((by["UID"][0].number, "duplicate-uid",
                               f"UID {uid[:60]} is already used at line {cal.uids[key]} "
                               "(clients keep only one of them)"))
        else:
            cal.uids[key] = by["UID"][0].number
    for rule in by.get("RRULE", [])[:1]:
        out += _until(rule, by.get("DTSTART", [])[:1])
    if "DTSTART" in by and "DTEND" in by:  # compared once the calendar's zones are known
        cal.spans.append((by["DTSTART"][0], by["DTEND"][0]))
    return out


def _until(rule: Line, starts: list[Line]) -> list[Issue]:
    """An RRULE whose UNTIL is not of DTSTART's type (RFC 5545 §3.3.10): a DATE for an
    all-day start, a DATE-TIME for a timed one."""
    m = re.search(r"(?:^|;)UNTIL=([0-9TZ]+)", rule.value.upper())
    if m is None or not starts:
        return []
    start_is_date = bool(re.fullmatch(r"\d{8}", starts[0].value.strip()))
    until_is_date = "T" not in m.group(1)
    if start_is_date == until_is_date:
        return []
    kind = "a DATE" if start_is_date else "a DATE-TIME"
    return [(rule.number, "rrule-until",
                    f"RRULE's UNTIL={m.group(1)} must be {kind}, as DTSTART is (RFC 5545 "
                    "§3.3.10)")]


def _observance(name: str, begin: int, by: dict[str, list[Line]]) -> list[Issue]:
    """A VTIMEZONE's STANDARD or DAYLIGHT: its start as a local DATE-TIME and both
    offsets (RFC 5545 §3.6.5)."""
    out = [(begin, "observance", f"{name} has no {required} (RFC 5545 §3.6.5)")
           for required in ("DTSTART", "TZOFFSETFROM", "TZOFFSETTO") if required not in by]
    for start in by.get("DTSTART", [])[:1]:
        if not isinstance(moment_value(start.value.strip()), datetime) or (
                start.value.strip().endswith("Z")):
            out.append((start.number, "observance",
                               f"{name}'s DTSTART {start.value.strip()[:20]} must be a local "
                               "date and time (RFC 5545 §3.6.5)"))
    return out


def nesting_findings(parent: str, child: str, number: int, path: str) -> list[Finding]:
    """*child* begun inside *parent* ("" at the top) where it cannot be: anything but a
    VCALENDAR at the top, or a component RFC 5545 defines where it does not go (other
    components, IANA's or X-, may be anywhere within a calendar)."""
    if parent and (child not in _KNOWN or parent not in _KNOWN):
        return []
    if child in CHILDREN.get(parent, frozenset()):
        return []
    where = f"inside {parent}" if parent else "outside any VCALENDAR"
    return [Finding(path, number, "nesting", f"BEGIN:{child} {where} (RFC 5545 §3.4, §3.6)")]
