"""Conformance of ``reecal.formats.ics``, one test per RFC rule or bug it pins.

The feeds as a whole go through seven consumers in ``tests/interop/``; these tests
pin single rules on hand-made records, so a regression names the rule it breaks.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import attrs
import icalendar
import pytest

from reecal import Dataset, Event, Kind, Place, Programme, Source, Window
from reecal.formats.ics import feed
from reecal.formats.prose import describe, summary

SRC = (Source(document="seeds/x.txt", quote="q"),)
STAMP = datetime(2025, 1, 1, tzinfo=UTC)


BASE = Event(id="e", kind=Kind.CONFERENCE, title="T", start=date(2026, 5, 15),
             end=date(2026, 5, 18), sources=SRC, updated=STAMP)


def _event(**changes: object) -> Event:
    return attrs.evolve(BASE, **changes)


def _feed(*records: Event | Programme, name: str = "t") -> bytes:
    return feed(Dataset(records), name=name)


def _events(raw: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(raw).walk("VEVENT"))


@pytest.mark.parametrize("value", [
    "C:\\New folder", "\\N", "a\\nb", "\\\\N", "x;y,z", "line\nbreak", "\\;", "\\,",
])
def test_rfc5545_3_3_11_text_round_trips_backslash_n_and_specials(value: str) -> None:
    """icalendar 7.3's vText turns a literal ``\\N`` into a line break; reecal's must not.

    Found by the property test (a quote of ``\\N`` came back as a newline).
    """
    ev = _events(_feed(_event(title=value.replace("\n", " "), summary=value,
                              sources=(Source(document="seeds/x.txt", quote=value),),
                              place=Place(city=value.replace("\n", " "), country="China",
                                          tz="Asia/Shanghai"))))[0]
    r = _event(title=value.replace("\n", " "), summary=value,
               sources=(Source(document="seeds/x.txt", quote=value),))
    assert str(ev["SUMMARY"]) == summary(r)
    assert value in str(ev["DESCRIPTION"])
    assert str(ev["LOCATION"]).startswith(value.replace("\n", " "))


def test_rfc5545_3_3_11_calendar_name_and_description_are_escaped() -> None:
    raw = _feed(_event(), name="a,b;c\\N")
    assert b"\r\nNAME:a\\,b\\;c\\\\N\r\n" in raw
    assert b"\r\nX-WR-CALNAME:a\\,b\\;c\\\\N\r\n" in raw
    import vobject  # icalendar reads calendar-level NAME and X- properties still escaped

    cal = vobject.readOne(raw.decode())
    assert cal.contents["name"][0].value == "a,b;c\\N"
    assert cal.x_wr_calname.value == "a,b;c\\N"
    assert cal.description.value.startswith("a,b;c\\N: ")


def test_rfc5545_3_6_1_all_day_dtend_is_exclusive() -> None:
    ev = _events(_feed(_event()))[0]
    assert ev.decoded("DTSTART") == date(2026, 5, 15)
    assert ev.decoded("DTEND") == date(2026, 5, 19)
    assert b"DTSTART;VALUE=DATE:20260515" in ev.to_ical()


def test_rfc5545_3_8_4_7_uid_does_not_depend_on_order_or_content() -> None:
    a, b = _event(id="a"), _event(id="b", title="Other")
    first = [str(e["UID"]) for e in _events(_feed(a, b))]
    second = [str(e["UID"]) for e in _events(_feed(b, _event(id="a", title="changed")))]
    assert sorted(first) == sorted(second) == ["a@reecal", "b@reecal"]


def test_aoe_deadline_is_utc_minus_12() -> None:
    p = Programme(id="p", title="P", window=Window(closes=datetime(2025, 11, 17, 23, 59, 59),
                                                     tz="AoE"),
                  sources=SRC, updated=STAMP)
    ev = _events(_feed(p))[0]
    assert ev.decoded("DTSTART").astimezone(UTC) == datetime(2025, 11, 18, 11, 59, 59, tzinfo=UTC)
    assert "AoE" in describe(p)


def test_building_a_feed_leaves_the_garbage_collector_alone(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """No process-wide side effects: a server thread building a feed must not switch off
    the collector for every other thread.  The writer stays linear by building one event
    at a time instead (benchmarks/run.py measures the time per record)."""
    import gc

    def forbidden(*args: object) -> None:
        raise AssertionError("a library call changed the garbage collector")

    for name in ("disable", "enable", "freeze", "set_threshold"):
        monkeypatch.setattr(gc, name, forbidden)
    assert b"BEGIN:VEVENT" in _feed(_event())
    with pytest.raises(AttributeError):  # not a record
        feed([object()], name="x")  # type: ignore[list-item]


def _onsets(obs: icalendar.cal.Component) -> list[datetime]:
    """When an observance starts: its DTSTART and RDATEs (local wall-clock times)."""
    starts = [obs.decoded("DTSTART").replace(tzinfo=None)]
    rdates = obs.get("RDATE", [])
    for prop in rdates if isinstance(rdates, list) else [rdates]:
        starts += [d.dt.replace(tzinfo=None) for d in prop.dts]
    return starts


@pytest.mark.parametrize("tz", ["Asia/Shanghai", "Asia/Tokyo", "Europe/Berlin", "AoE",
                                "America/Sao_Paulo"])
def test_vtimezone_is_safe_for_ical4j_and_resolves_every_event(tz: str) -> None:
    """ical4j (Android's DAVx5, ICSx5) shows events at 23:00 the day before when a
    VTIMEZONE's single observance, TZOFFSETFROM equal to TZOFFSETTO, starts in the
    event's own year (ical4j issue 493).  Every VTIMEZONE starts years before its
    events, and the observance with the latest onset before each event (the rule
    ical4j and RFC 5545 §3.6.5 apply) gives the offset the zone really had."""
    from zoneinfo import ZoneInfo

    from reecal.model.zones import iana_name

    closes = [datetime(2025, 11, 17, 23, 59, 59), datetime(2026, 3, 29, 12, 0),
              datetime(2030, 7, 1, 9, 30)]
    progs = [Programme(id=f"p{i}", title="P", window=Window(closes=c, tz=tz), sources=SRC,
                       updated=STAMP) for i, c in enumerate(closes)]
    cal = icalendar.Calendar.from_ical(_feed(*progs))
    (vtz,) = cal.walk("VTIMEZONE")
    observances = vtz.walk("STANDARD") + vtz.walk("DAYLIGHT")
    first_event_year = min(c.year for c in closes)
    assert all(o.decoded("DTSTART").year < first_event_year for o in observances)
    assert not (len(observances) == 1 and observances[0]["TZOFFSETFROM"].td
                == observances[0]["TZOFFSETTO"].td
                and observances[0].decoded("DTSTART").year == first_event_year)
    for ev in cal.walk("VEVENT"):
        local = ev.decoded("DTSTART").replace(tzinfo=None)
        onset, offset = max((start, o["TZOFFSETTO"].td) for o in observances
                            for start in _onsets(o) if start <= local)
        real = local.replace(tzinfo=ZoneInfo(iana_name(tz))).utcoffset()
        assert offset == real, (tz, local, onset)


def test_outlook_keeps_the_first_reminder_a_week_before() -> None:
    """Outlook keeps one VALARM per appointment (MS-OXCICAL): the week's notice is first."""
    p = Programme(id="p", title="P", window=Window(closes=date(2026, 3, 1), tz="UTC"),
                  sources=SRC, updated=STAMP)
    (ev,) = _events(feed(Dataset([p]), name="t", alarms=True))
    triggers = [a.decoded("TRIGGER") for a in ev.walk("VALARM")]
    assert triggers[0] == -timedelta(days=7) and len(triggers) == 2
