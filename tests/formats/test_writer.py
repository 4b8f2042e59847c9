"""The direct writer against icalendar: for generated records, reecal's VEVENTs and
feeds are the bytes icalendar writes when the same components are built with its API.

icalendar is the reference for folding, property order, parameters and value forms.
For TEXT it is not canonical: its ``vText`` turns a literal ``\\N`` into a line break
(see tests/formats/test_ics.py), so the reference escapes TEXT as reecal does, and
the escaping is proved on its own: icalendar's parser reads every value back, and
icalendar's own escaping agrees wherever the value holds no ``\\N``.  Example counts
come from the profile (tests/support.py).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar.parser import Contentline
from icalendar.timezone import tzid_from_dt

from reecal import Dataset, Event, Kind, Place, Record, Source, Status
from reecal.formats.contentlines import escape, fold
from reecal.formats.ics import ALARMS, PRODID, REFRESH, TZ_FLOOR, feed
from reecal.formats.prose import describe, summary
from reecal.formats.vevent import vevents
from reecal.model.dates import Part, Point
from reecal.model.zones import iana_name
from tests.strategies import HOSTILE, datasets, seeded, text

# ------------------------------------------------------------ the reference

_STATUS = {Status.CONFIRMED: "CONFIRMED", Status.TENTATIVE: "TENTATIVE",
           Status.POSTPONED: "TENTATIVE", Status.CANCELLED: "CANCELLED"}


class _Text(icalendar.vText):
    """icalendar's TEXT value, escaped without its ``\\N`` shortcut."""

    def to_ical(self) -> bytes:
        return escape(self).encode()


def _in_zone(moment: date | datetime, tz: str) -> date | datetime:
    """An instant in its IANA zone where icalendar names the zone by that id, else UTC."""
    if not isinstance(moment, datetime):
        return moment
    name = iana_name(tz)
    local = moment.astimezone(ZoneInfo(name))
    return local if tzid_from_dt(local) == name else local.astimezone(UTC)


def _reference_vevent(r: Record, p: Point, ds: Dataset, alarms: bool) -> icalendar.Event:
    stamp = r.updated.astimezone(UTC)
    ev = icalendar.Event.new(uid=_uid(r, p), stamp=stamp, last_modified=stamp, sequence=r.revision,
                             start=_in_zone(p.start, r.tz), end=_in_zone(p.end, r.tz))
    ev.add("TRANSP", "TRANSPARENT")
    ev.add("SUMMARY", _Text(summary(r, p.part)))
    ev.add("DESCRIPTION", _Text(describe(r, ds)))
    if r.place is not None:
        ev.add("LOCATION", _Text(r.place.label))
        if r.place.lat is not None and r.place.lon is not None:
            ev.add("GEO", icalendar.vGeo((r.place.lat, r.place.lon)))
    if r.url:
        ev.add("URL", r.url)
    ev.add("CATEGORIES", [r.kind.value, *r.tags])
    ev.add("STATUS", _STATUS[r.status])  # RFC 5545 has no "postponed"
    ev.add("CLASS", "PUBLIC")
    if alarms and p.part == Part.CLOSES:
        for before in ALARMS:
            alarm = icalendar.Alarm()
            alarm.add("ACTION", "DISPLAY")
            alarm.add("TRIGGER", -before)
            s = "s" if before.days != 1 else ""
            alarm.add("DESCRIPTION", _Text(f"Closes in {before.days} day{s}: {r.title}"))
            ev.add_component(alarm)
    return ev


def _reference_feed(ds: Dataset, name: str, alarms: bool) -> bytes:
    description = f"{name}: rare-earth industry dates from reecal."
    cal = icalendar.Calendar.new(prodid=PRODID, calscale="GREGORIAN", uid="-")
    del cal["UID"]
    for prop, value in (("NAME", name), ("X-WR-CALNAME", name), ("DESCRIPTION", description),
                        ("X-WR-CALDESC", description)):
        cal.add(prop, _Text(value))
    cal.add("REFRESH-INTERVAL", icalendar.vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    cal.add("X-PUBLISHED-TTL", icalendar.vDuration(REFRESH))
    items = sorted(((r, p) for r in ds for p in r.dates.points),
                   key=lambda i: (_utc(_in_zone(i[1].start, i[0].tz)), _uid(i[0], i[1])))
    timed = [s for r, p in items if isinstance(s := _in_zone(p.start, r.tz), datetime)
             and s.tzinfo is not UTC]
    if timed:
        first = min(TZ_FLOOR, min(s.year for s in timed) - 1)
        last = max(s.year for s in timed) + 1
        for tzid in sorted({str(getattr(s.tzinfo, "key", "")) for s in timed}):
            tz = icalendar.Timezone.from_tzid(tzid, first_date=date(first, 1, 1),
                                              last_date=date(last, 12, 31))
            tz.pop("COMMENT", None)
            cal.add_component(tz)
    for r, p in items:
        cal.add_component(_reference_vevent(r, p, ds, alarms))
    out: bytes = cal.to_ical()
    return out


def _utc(moment: date | datetime) -> datetime:
    if isinstance(moment, datetime):
        return moment.astimezone(UTC)
    return datetime(moment.year, moment.month, moment.day, tzinfo=UTC)


def _uid(r: Record, p: Point) -> str:
    return f"{r.id}{'' if p.part == Part.EVENT else '.' + p.part}@reecal"


# ------------------------------------------------------------ the properties


@given(datasets(), st.booleans(), text(long=False))
def test_vevents_and_feeds_are_what_icalendar_writes(ds: Dataset, alarms: bool,
                                                     name: str) -> None:
    """Each record's VEVENTs (the text a cache may keep per record), then the feed."""
    for r in ds:
        got = vevents(r, ds, alarms=alarms)
        assert [(v.uid, v.part) for v in got] == [(_uid(r, p), p.part.value)
                                                  for p in r.dates.points]
        for v, p in zip(got, r.dates.points, strict=True):
            assert v.ics == _reference_vevent(r, p, ds, alarms).to_ical()
    assert feed(ds, name=name, alarms=alarms) == _reference_feed(ds, name, alarms)


STRADDLING = ["稀土永磁" * 40, "a" + "稀土" * 60, "ab" + "😀" * 40, "abc" + "👩‍🔬" * 20,
              "e\u0301" * 80, "a\u0308\u0323" * 50, "x" * 72 + "\\;" + "y" * 80,
              "x" * 73 + "\\" + "z" * 80, "x" * 72 + "^^" + "z" * 80, "\\" * 300,
              "中" * 24 + "\\," * 40, "\r\n".join(["稀土"] * 50), "x" * 74, "x" * 75,
              "^" * 200, "a^" * 100, "稀^" * 60, "😀\\" * 50]
"""Long CJK, non-BMP and combining text whose characters straddle the 75-octet cut at
every offset, and escapes that would end a folded piece."""

_PIECES = st.one_of(st.sampled_from([*HOSTILE, "稀土", "😀", "\\", "^", "e\u0301"]),
                    st.text(max_size=20))


@seeded(STRADDLING)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_text_folds_and_escapes_as_icalendar_does(value: str) -> None:
    for prefix in ("SUMMARY:", "DESCRIPTION:", "X:", "LOCATION;LANGUAGE=zh:"):
        line = prefix + escape(value)
        assert fold(line) == Contentline(line).to_ical().decode()
        raw = prefix + value.replace("\r", "").replace("\n", "")
        assert fold(raw) == Contentline(raw).to_ical().decode()
    event = icalendar.Event.from_ical(
        f"BEGIN:VEVENT\r\n{fold('SUMMARY:' + escape(value))}\r\nEND:VEVENT\r\n")
    assert str(event["SUMMARY"]) == value.replace("\r\n", "\n").replace("\r", "\n")
    if "\\N" not in value:
        assert escape(value) == icalendar.vText(value).to_ical().decode()


@pytest.mark.parametrize(("lat", "lon"), [(40, 109), (-0.0, 180), (1e-7, -179.99999999)])
def test_coordinates_are_written_as_icalendar_writes_them(lat: float, lon: float) -> None:
    """A data file may give whole numbers (TOML integers): GEO still says 40.0."""
    r = Event(id="e", kind=Kind.CONFERENCE, title="T", start=date(2026, 5, 15),
              place=Place(city="Baotou", country="China", tz="Asia/Shanghai", lat=lat, lon=lon),
              sources=(Source(document="seeds/x.txt", quote="q"),),
              updated=datetime(2025, 1, 1, tzinfo=UTC))
    ds = Dataset([r])
    [v] = vevents(r, ds)
    assert v.ics == _reference_vevent(r, r.dates.points[0], ds, False).to_ical()
