"""One resource per UID, sharing the feed's bytes: reecal.formats.ics.resources."""

from __future__ import annotations

import re

import icalendar

import reecal
from reecal.formats.ics import PRODID, feed, resources
from tests.support import feed_events

_VEVENT = re.compile(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", re.S)


def _uid(vevent: bytes) -> str:
    return str(icalendar.Event.from_ical(vevent)["UID"])


def test_each_resource_holds_the_feeds_vevent_byte_for_byte(ds: reecal.Dataset) -> None:
    in_feed = {_uid(v): v for v in _VEVENT.findall(feed(ds, name="reecal: selection"))}
    got = resources(ds)
    assert set(got) == set(in_feed) == set(feed_events(ds))
    for key, data in got.items():
        events = _VEVENT.findall(data)
        assert events == [in_feed[key]], key


def test_each_resource_is_a_calendar_with_the_zones_it_uses(ds: reecal.Dataset) -> None:
    for key, data in resources(ds).items():
        cal = icalendar.Calendar.from_ical(data)
        assert str(cal["PRODID"]) == PRODID and str(cal["VERSION"]) == "2.0"
        assert "UID" not in cal  # nothing random at the calendar level
        (event,) = cal.walk("VEVENT")
        zones = {str(z["TZID"]) for z in cal.walk("VTIMEZONE")}
        start = event.decoded("DTSTART")
        used = {str(start.tzinfo.key)} if getattr(start, "tzinfo", None) is not None and \
            hasattr(start.tzinfo, "key") else set()
        assert zones == used, key
        assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")


def test_parts_and_a_subset_give_the_same_bytes_as_the_whole(ds: reecal.Dataset) -> None:
    whole = resources(ds)
    some = [ds.get("cast-doctoral-talent-2025")]
    assert resources(some, parts=["closes"], ds=ds) == {
        "cast-doctoral-talent-2025.closes@reecal": whole["cast-doctoral-talent-2025.closes@reecal"]}
