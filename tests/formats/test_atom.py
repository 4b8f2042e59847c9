"""The changes feed: well-formed Atom that a real feed reader parses, one entry per
revision, dated by the record, saying in words what changed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime

import attrs
import feedparser
import pytest

import reecal
from reecal import Dataset, Event, Kind, Programme, Revision, Source, Status, Window
from reecal.formats.atom import TAG, changes, changes_feed

SRC = Source(document="https://example.org/x", quote="May 15-18, 2026")
JAN, FEB, MAR = (datetime(2026, m, 1, 9, tzinfo=UTC) for m in (1, 2, 3))
SITE = "https://dates.example.org"


def feed(*records: reecal.Record) -> bytes:
    return changes_feed(Dataset(records), name="What changed", description="Test",
                        url=f"{SITE}/calendars/changes.atom", site=SITE)


def parse(data: bytes) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def moved() -> Event:
    """A conference first noticed, postponed, for 12-14 May; moved to 15-18 May; then on."""
    return Event(id="moved-2026", kind=Kind.CONFERENCE, title="Moved", start=date(2026, 5, 15),
                 end=date(2026, 5, 18), sources=(SRC,), updated=MAR, revision=2, history=(
                     Revision(revision=0, updated=JAN, start=date(2026, 5, 12),
                              end=date(2026, 5, 14), note="The first notice gave 12–14 May."),
                     Revision(revision=1, updated=FEB, status=Status.POSTPONED)))


def test_the_bundled_feed_parses_with_an_entry_per_revision_dated_by_the_record(
        ds: reecal.Dataset) -> None:
    from reecal.publish.feeds import changes as bundled

    parsed = parse(bundled(ds))
    assert len(parsed.entries) == sum(len(r.history) + 1 for r in ds) == len(ds) + 1
    dated = {r.id: [h.updated for h in r.history] + [r.updated] for r in ds}
    for e in parsed.entries:
        rid = e.id.removeprefix(f"{TAG}record/").split("/")[0]
        assert datetime(*e.updated_parsed[:6], tzinfo=UTC) in dated[rid]
        assert e.link == f"https://reecal.github.io/reecal/records/{rid}.html"
    newest = max(r.updated for r in ds)
    assert datetime(*parsed.feed.updated_parsed[:6], tzinfo=UTC) == newest
    assert parsed.feed.generator == "reecal"
    assert parsed.feed.links[0].rel == "self" and parsed.feed.links[0].href == (
        "https://reecal.github.io/reecal/calendars/changes.atom")
    assert changes_feed(ds, name="a", description="b", url="https://x/c") == changes_feed(
        reecal.load(), name="a", description="b", url="https://x/c")  # same data, same bytes


def test_a_date_move_a_postponement_and_a_new_record_in_words() -> None:
    ev = moved()
    off = attrs.evolve(ev, revision=3, updated=datetime(2026, 3, 2, tzinfo=UTC),
                       status=Status.POSTPONED, history=(
                           *ev.history, Revision(revision=2, updated=MAR,
                                                 status=Status.CONFIRMED)))
    parsed = parse(feed(off))
    assert [e.title for e in parsed.entries] == [
        "Postponed: Moved", "Confirmed: Moved", "Dates changed: Moved", "New: Moved"]
    assert [e.id for e in parsed.entries] == [f"{TAG}record/moved-2026/revision/{n}"
                                               for n in (3, 2, 1, 0)]
    assert [datetime(*e.updated_parsed[:6], tzinfo=UTC) for e in parsed.entries] == [
        datetime(2026, 3, 2, tzinfo=UTC), MAR, FEB, JAN]
    assert [e.summary for e in parsed.entries] == [
        "Status: confirmed → postponed.", "Status: postponed → confirmed.",
        "Dates moved from 12–14 May 2026 to 15–18 May 2026.", "New record."]
    content = parsed.entries[2].content[0].value
    assert "<p>Note: The first notice gave 12–14 May.</p>" in content
    assert "<p>When: 15–18 May 2026.</p>" in content and "Status: postponed." in content
    assert "<p>When: 12–14 May 2026.</p>" in parsed.entries[3].content[0].value
    assert parsed.entries[0].link == f"{SITE}/records/moved-2026.html"


def test_without_history_a_record_is_new_or_says_its_past_was_not_recorded() -> None:
    ev = moved()
    new = attrs.evolve(ev, id="new-2026", revision=0, history=())
    later = attrs.evolve(ev, id="later-2026", revision=4, history=())
    found = changes([new, later])
    assert [(c.record.id, c.title, c.lines[0]) for c in found] == [
        ("later-2026", "Revised: Moved", "Revision 4; its earlier revisions were not recorded."),
        ("new-2026", "New: Moved", "New record."),
    ]  # the same date: by id


def test_a_programmes_deadline_and_a_place_in_words() -> None:
    prog = Programme(id="p-2026", title="Fellowship", window=Window(
        opens=date(2026, 4, 1), closes=date(2026, 5, 1), tz="Asia/Shanghai"),
        sources=(SRC,), updated=MAR, revision=1,
        history=(Revision(revision=0, updated=JAN, closes=date(2026, 4, 20)),))
    (change, _) = changes([prog])
    assert change.title == "Dates changed: Fellowship"
    assert change.lines[:2] == (
        "Deadline moved from 20 Apr 2026, end of day Beijing time (time not published) to "
        "1 May 2026, end of day Beijing time (time not published).",
        "Opening moved from not published to 1 Apr 2026.")
    from reecal import Place

    ev = attrs.evolve(moved(), place=Place(city="Nanchang", country="China", tz="Asia/Shanghai"),
                      history=(Revision(revision=1, updated=FEB, place=Place(
                          city="Ganzhou", country="China", tz="Asia/Shanghai")),))
    assert changes([ev])[0].lines[0] == "Place: Ganzhou, China → Nanchang, China."
    assert changes([ev])[0].title == "Place changed: Moved"


def test_text_is_escaped_and_nothing_xml_forbids_gets_through() -> None:
    ev = attrs.evolve(moved(), title="<b>Magnets</b> & \"more\"", history=())
    data = changes_feed([ev], name="a\x0bb", description="\ufffe", url="https://x/c?a=1&b=2")
    root = ET.fromstring(data)  # well-formed
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert root.findtext("a:entry/a:title", namespaces=ns) == 'Revised: <b>Magnets</b> & "more"'
    assert root.findtext("a:title", namespaces=ns) == "a\ufffdb"
    assert root.find("a:link", ns).get("href") == "https://x/c?a=1&b=2"  # type: ignore[union-attr]
    assert b"<b>" not in data and b"\x0b" not in data
    parse(data)


def test_an_empty_feed_is_still_atom_dated_by_no_clock() -> None:
    data = changes_feed([], name="a", description="b", url="https://x/c")
    assert b"<updated>1970-01-01T00:00:00Z</updated>" in data
    assert parse(data).entries == []


@pytest.mark.parametrize("status", [Status.CANCELLED, Status.TENTATIVE])
def test_each_status_has_its_heading(status: Status) -> None:
    ev = attrs.evolve(moved(), status=status)
    assert changes([ev])[0].title.startswith(f"{status.value.capitalize()}: ")
