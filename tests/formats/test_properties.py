"""Property tests: any record that the model accepts exports to a feed that is right.

Each drawn feed is checked for all four properties (drawing records full of hostile
text is most of the cost), as many times as the profile says (tests/support.py).
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given

from reecal import Dataset, DatePrecision, Event, Programme
from reecal.formats.lint import lint_bytes
from reecal.formats.prose import describe, summary
from reecal.model.dates import Part, month_end
from tests.strategies import feeds
from tests.support import feed_events

Feed = tuple[Dataset, bytes, bool]
"""A dataset, its feed, and whether the feed has alarms."""


@given(feeds())
def test_every_feed_has_all_four_properties(feed: Feed) -> None:
    export_then_parse_returns_the_records_fields(feed)
    no_value_adds_a_property_or_a_component(feed)
    every_line_is_at_most_75_octets_and_utf8(feed)
    lint_is_clean_and_the_strict_parser_accepts(feed)


# ------------------------------------------------------------------ property 1


def export_then_parse_returns_the_records_fields(feed: Feed) -> None:
    import icalendar

    ds, raw, _ = feed
    cal = icalendar.Calendar.from_ical(raw)
    want = feed_events(ds)
    got = cal.walk("VEVENT")
    assert sorted(str(e["UID"]) for e in got) == sorted(want)
    for ev in got:
        r, point = want[str(ev["UID"])]
        assert isinstance(r, Event | Programme)
        assert str(ev["SUMMARY"]) == summary(r, point.part)
        assert r.title in str(ev["SUMMARY"])
        desc = str(ev["DESCRIPTION"])
        assert desc == describe(r)
        for s in r.sources:
            assert s.quote in desc
        if r.summary:
            assert r.summary in desc
        assert ev["SEQUENCE"] == r.revision
        assert ev["DTSTAMP"].dt == r.updated
        if r.place is not None:
            assert str(ev["LOCATION"]) == r.place.label
            if r.place.lat is not None:
                assert (ev["GEO"].latitude, ev["GEO"].longitude) == (r.place.lat, r.place.lon)
        if r.url:
            assert str(ev["URL"]) == r.url
        assert (ev.start, ev.end) == (point.start, point.end)  # instants compare across zones
        if isinstance(r, Event):  # all-day, and DTEND is the day after the last day
            last = month_end(r.start) if r.certainty.dates is DatePrecision.MONTH else (
                r.end or r.start)  # a month-only record spans its month
            assert (ev.start, ev.end) == (r.start, last + timedelta(days=1))
        elif point.part == Part.CLOSES:
            assert ev.start == r.window.closes_at
            assert timedelta(0) < ev.end - ev.start <= timedelta(minutes=1)


# ------------------------------------------------------------------ property 2


BASE_PROPS = {"SUMMARY", "DTSTART", "DTEND", "DTSTAMP", "UID", "SEQUENCE", "CATEGORIES",
              "CLASS", "DESCRIPTION", "LAST-MODIFIED", "STATUS", "TRANSP"}


def no_value_adds_a_property_or_a_component(feed: Feed) -> None:
    import icalendar

    ds, raw, alarms = feed
    cal = icalendar.Calendar.from_ical(raw)
    want = feed_events(ds)
    names = [c.name for c in cal.subcomponents]
    assert names.count("VEVENT") == len(want)
    assert set(names) <= {"VEVENT", "VTIMEZONE"}
    for ev in cal.walk("VEVENT"):
        r, point = want[str(ev["UID"])]
        assert isinstance(r, Event | Programme)
        expected = set(BASE_PROPS)
        if r.place is not None:
            expected.add("LOCATION")
            if r.place.lat is not None:
                expected.add("GEO")
        if r.url:
            expected.add("URL")
        assert set(ev.keys()) == expected
        subs = [c.name for c in ev.subcomponents]
        assert subs == (["VALARM", "VALARM"] if alarms and point.part == Part.CLOSES else [])
    begins = raw.count(b"\r\nBEGIN:")
    assert begins == len(cal.subcomponents) + sum(len(c.subcomponents)
                                                  for c in cal.subcomponents)


# ------------------------------------------------------------------ property 3


def every_line_is_at_most_75_octets_and_utf8(feed: Feed) -> None:
    _, raw, _ = feed
    assert raw.endswith(b"\r\n")
    lines = raw[:-2].split(b"\r\n")
    for line in lines:
        assert b"\r" not in line and b"\n" not in line
        assert len(line) <= 75
        line.decode("utf-8")  # raises if a fold split a character


# ------------------------------------------------------------------ property 4


def lint_is_clean_and_the_strict_parser_accepts(feed: Feed) -> None:
    from ical.calendar_stream import IcsCalendarStream

    ds, raw, _ = feed
    assert lint_bytes(raw) == []
    cal = IcsCalendarStream.calendar_from_ics(raw.decode("utf-8"))
    assert len(cal.events) == len(feed_events(ds))


