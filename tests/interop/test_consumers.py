"""Every committed feed, read by independent consumers (no network).

1. reecal's byte-level lint; 2. the strict ``ical`` parser; 3. vobject with
validation, compared with a non-validating read; 4. libical (GNOME/Evolution)
under Debian's python3; 5. an icalendar round trip against the source records;
6. khal, a real terminal client; 7. Radicale, a real CalDAV server on 127.0.0.1,
read back with the caldav client.  Nothing here is skipped: a missing consumer is
a failure (tests/install-deps.sh installs them all).
"""

from __future__ import annotations

import json
import subprocess
import urllib.request
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

import reecal
from reecal import Event
from reecal.formats.prose import describe, summary
from reecal.model.dates import Part, Point
from reecal.model.zones import UTC, iana_name, zone
from reecal.publish.feeds import FEEDS
from tests.support import ROOT, feed_events, khal_command
from tests.support import radicale as radicale_server

pytestmark = [pytest.mark.interop, pytest.mark.slow]

FEED_PATHS = [ROOT / "calendars" / f.filename for f in FEEDS]
IDS = [f.slug for f in FEEDS]
SYSTEM_PYTHON = "/usr/bin/python3"


def expected_events(ds: reecal.Dataset, slug: str) -> dict[str, tuple[reecal.Record, Point]]:
    """UID → (record, point) that the feed *slug* must hold."""
    feed = next(f for f in FEEDS if f.slug == slug)
    return feed_events(ds, feed.parts)


# ------------------------------------------------------------------ 1. lint


@pytest.mark.parametrize("path", FEED_PATHS, ids=IDS)
def test_lint_finds_nothing(path: Path) -> None:
    from reecal.formats.lint import lint_path

    assert [str(f) for f in lint_path(path)] == []


# ------------------------------------------------------------------ 2. ical (strict)


@pytest.mark.parametrize("path", FEED_PATHS, ids=IDS)
def test_strict_ical_parser_accepts(path: Path, ds: reecal.Dataset) -> None:
    from ical.calendar_stream import IcsCalendarStream

    cal = IcsCalendarStream.calendar_from_ics(path.read_text(encoding="utf-8"))
    want = expected_events(ds, path.stem)
    assert {e.uid for e in cal.events} == set(want)
    for e in cal.events:
        r, point = want[e.uid]
        assert e.summary == summary(r, point.part)


# ------------------------------------------------------------------ 3. vobject


@pytest.mark.parametrize("path", FEED_PATHS, ids=IDS)
def test_vobject_validates_and_reads_text_whole(path: Path, ds: reecal.Dataset) -> None:
    import vobject

    text = path.read_text(encoding="utf-8")
    strict = vobject.readOne(text, validate=True)
    loose = vobject.readOne(text, validate=False)
    want = expected_events(ds, path.stem)

    def fields(cal: object) -> dict[str, tuple[str, str, str]]:
        out = {}
        for ev in cal.vevent_list:  # type: ignore[attr-defined]
            loc = ev.location.value if hasattr(ev, "location") else ""
            out[ev.uid.value] = (ev.summary.value, ev.description.value, loc)
        return out

    got = fields(strict)
    assert got == fields(loose)
    for key, (summ, desc, loc) in got.items():
        r, point = want[key]
        assert summ == summary(r, point.part)
        assert desc == describe(r, ds)  # vobject cuts at raw commas: none here
        assert loc == (r.place.label if r.place else "")


# ------------------------------------------------------------------ 4. libical


def libical(path: Path) -> dict[str, object]:
    out = subprocess.run([SYSTEM_PYTHON, str(Path(__file__).parent /
                                             "libical_check.py"), str(path)],
                         capture_output=True, text=True, check=True, timeout=60)
    return json.loads(out.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize("path", FEED_PATHS, ids=IDS)
def test_libical_parses_without_errors(path: Path, ds: reecal.Dataset) -> None:
    got = libical(path)
    assert got["parsed"] is True
    assert got["errors"] == []
    assert got["restrictions_ok"] is True, got["restriction_errors"]
    want = expected_events(ds, path.stem)
    events = got["events"]
    assert isinstance(events, list)
    assert {e["uid"] for e in events} == set(want)
    for e in events:
        r, point = want[e["uid"]]
        assert e["summary"] == summary(r, point.part)
        assert e["description"] == describe(r, ds)
        if isinstance(r, Event):
            assert e["start"] == r.start.strftime("%Y%m%d")
            assert e["end"] == (r.dates.last_day + timedelta(days=1)).strftime("%Y%m%d")
        elif point.part == Part.CLOSES:
            utc = r.window.closes_at.astimezone(UTC)
            assert e["start"] == utc.strftime("%Y%m%dT%H%M%SZ")


def test_libical_would_reject_method_publish_without_organizer(tmp_path: Path) -> None:
    """Why the feeds carry no METHOD: RFC 5546 PUBLISH requires ORGANIZER."""
    data = (ROOT / "calendars" / "all.ics").read_bytes().replace(
        b"VERSION:2.0\r\n", b"VERSION:2.0\r\nMETHOD:PUBLISH\r\n", 1)
    f = tmp_path / "publish.ics"
    f.write_bytes(data)
    got = libical(f)
    assert got["restrictions_ok"] is False
    assert any("ORGANIZER" in e for e in got["restriction_errors"])  # type: ignore[union-attr]


# ------------------------------------------------------------------ 5. icalendar round trip


@pytest.mark.parametrize("path", FEED_PATHS, ids=IDS)
def test_icalendar_round_trip_equals_the_records(path: Path, ds: reecal.Dataset) -> None:
    import icalendar

    cal = icalendar.Calendar.from_ical(path.read_bytes())
    assert cal.get_missing_tzids() == set()
    assert [c.errors for c in cal.walk() if c.errors] == []
    want = expected_events(ds, path.stem)
    events = cal.walk("VEVENT")
    assert len(events) == len(want)
    for ev in events:
        r, point = want[str(ev["UID"])]
        assert str(ev["SUMMARY"]) == summary(r, point.part)
        assert str(ev["DESCRIPTION"]) == describe(r, ds)
        assert ev["SEQUENCE"] == r.revision
        assert ev["DTSTAMP"].dt == r.updated
        assert str(ev["STATUS"]) == {"cancelled": "CANCELLED", "tentative": "TENTATIVE",
                                     "postponed": "TENTATIVE"}.get(r.status.value, "CONFIRMED")
        assert list(ev.categories) == [r.kind.value, *r.tags]
        if r.place is not None:
            assert str(ev["LOCATION"]) == r.place.label
        if isinstance(r, Event):
            assert type(ev.start) is date and type(ev.end) is date
            assert (ev.start, ev.end) == (r.start, r.dates.last_day + timedelta(days=1))
            assert str(ev["TRANSP"]) == "TRANSPARENT"
        elif point.part == Part.CLOSES:
            assert isinstance(ev.start, datetime)
            assert ev.start == r.window.closes_at
            assert ev["DTSTART"].params["TZID"] == iana_name(r.window.tz)
            assert ev.end == point.end
            assert timedelta(0) < ev.end - ev.start <= timedelta(minutes=1)
        alarms = ev.walk("VALARM")
        if path.stem == "deadlines-alerts" and point.part == Part.CLOSES:
            assert sorted(a["TRIGGER"].dt for a in alarms) == [-timedelta(days=7),
                                                               -timedelta(days=1)]
        else:
            assert alarms == []


# ------------------------------------------------------------------ 6. khal


@pytest.mark.parametrize("path", FEED_PATHS, ids=IDS)
def test_khal_imports_and_lists_each_event_on_its_days(path: Path, tmp_path: Path,
                                                       ds: reecal.Dataset) -> None:
    vdir = tmp_path / "vdir" / "feed"
    vdir.mkdir(parents=True)
    khal, env = khal_command(tmp_path, vdir, "feed")
    subprocess.run([*khal, "import", "--batch", "-a", "feed", str(path)],
                   check=True, capture_output=True, timeout=120, env=env)
    first, last = ds.span or (date(2020, 1, 1), date(2030, 1, 1))
    out = subprocess.run([*khal, "list", "--json", "uid",
                          "--json", "title", "--json", "start-date",
                          (first - timedelta(days=1)).isoformat(),
                          (last + timedelta(days=2)).isoformat()],
                         check=True, capture_output=True, text=True, timeout=120, env=env)
    shown: dict[str, set[date]] = {}
    days_listed = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    # khal prints one JSON array per day of the range, in order
    day0 = first - timedelta(days=1)
    for offset, entries in enumerate(days_listed):
        for e in entries:
            shown.setdefault(e["uid"], set()).add(day0 + timedelta(days=offset))
    want = expected_events(ds, path.stem)
    assert set(shown) == set(want)
    for key, (r, point) in want.items():
        if isinstance(r, Event):
            days = {r.start + timedelta(days=k) for k in range(r.dates.days)}
            assert shown[key] == days, key  # the exclusive DTEND is honoured
        else:
            instant = r.window.closes_at if point.part == Part.CLOSES else r.window.opens_at
            assert instant is not None
            beijing = instant.astimezone(zone("Asia/Shanghai"))
            days = {beijing.date()}
        assert shown[key] >= days, key


# ------------------------------------------------------------------ 7. Radicale + caldav


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with radicale_server(tmp_path_factory.mktemp("radicale")) as url:
        yield url


@pytest.mark.parametrize("path", FEED_PATHS, ids=IDS)
def test_radicale_stores_and_serves_the_feed_intact(path: Path, radicale: str,
                                                    ds: reecal.Dataset) -> None:
    import caldav

    collection = f"{radicale}interop/{path.stem}/"
    req = urllib.request.Request(collection, data=path.read_bytes(), method="PUT", headers={
        "Content-Type": "text/calendar; charset=utf-8",
        "Authorization": "Basic aW50ZXJvcDp4",  # interop:x
    })
    with urllib.request.urlopen(req, timeout=30) as resp:
        assert resp.status == 201
    want = expected_events(ds, path.stem)
    with caldav.DAVClient(url=radicale, username="interop", password="x") as client:
        events = client.calendar(url=collection).search(event=True)
        got = {}
        for ev in events:
            comp = ev.icalendar_component
            got[str(comp["UID"])] = comp
    assert set(got) == set(want)
    for key, comp in got.items():
        r, point = want[key]
        assert str(comp["SUMMARY"]) == summary(r, point.part)
        assert str(comp["DESCRIPTION"]) == describe(r, ds)  # no mojibake, no truncation
        if isinstance(r, Event):
            assert (comp.start, comp.end) == (r.start, r.dates.last_day + timedelta(days=1))
        elif point.part == Part.CLOSES:
            assert comp.start == r.window.closes_at
