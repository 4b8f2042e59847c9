"""Run under Debian's /usr/bin/python3 (python3-gi + gir1.2-ical-3.0), not the venv.

Parses an .ics file with libical (the GNOME/Evolution parser) and prints JSON:
the X-LIC-ERROR properties libical inserted, the result of the RFC 5546
restriction check, and each event's UID, SUMMARY, DESCRIPTION, LOCATION and
start/end (dates as YYYYMMDD, date-times as UTC YYYYMMDDTHHMMSSZ).
"""

import json
import sys

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib as I  # noqa: E402


def errors(comp, found):
    prop = comp.get_first_property(I.PropertyKind.XLICERROR_PROPERTY)
    while prop is not None:
        found.append(prop.as_ical_string().strip())
        prop = comp.get_next_property(I.PropertyKind.XLICERROR_PROPERTY)
    child = comp.get_first_component(I.ComponentKind.ANY_COMPONENT)
    while child is not None:
        errors(child, found)
        child = comp.get_next_component(I.ComponentKind.ANY_COMPONENT)


def when(t):
    if t is None or t.is_null_time():
        return None
    if t.is_date():
        return f"{t.get_year():04d}{t.get_month():02d}{t.get_day():02d}"
    u = t.convert_to_zone(I.Timezone.get_utc_timezone())
    return (f"{u.get_year():04d}{u.get_month():02d}{u.get_day():02d}"
            f"T{u.get_hour():02d}{u.get_minute():02d}{u.get_second():02d}Z")


def main(path):
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    cal = I.Component.new_from_string(text)
    if cal is None:
        print(json.dumps({"parsed": False}))
        return
    found = []
    errors(cal, found)
    ok = bool(cal.check_restrictions())
    after = []
    errors(cal, after)  # the restriction check adds X-LIC-ERRORs for what it finds
    events = []
    ev = cal.get_first_component(I.ComponentKind.VEVENT_COMPONENT)
    while ev is not None:
        events.append({
            "uid": ev.get_uid(),
            "summary": ev.get_summary(),
            "description": ev.get_description(),
            "location": ev.get_location(),
            "start": when(ev.get_dtstart()),
            "end": when(ev.get_dtend()),
        })
        ev = cal.get_next_component(I.ComponentKind.VEVENT_COMPONENT)
    print(json.dumps({"parsed": True, "errors": found, "restrictions_ok": ok,
                      "restriction_errors": after[len(found):], "events": events},
                     ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
