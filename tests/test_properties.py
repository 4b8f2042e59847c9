"""Property tests: any record that the model accepts exports to a feed that is right.

Records are generated with hostile text (CR, LF, ``;``, ``,``, ``\\``, ``:``, quotes,
emoji, CJK, combining marks, right-to-left text, zero-width characters, strings of
10,000 characters), dates from 1900 to 2100, and every IANA zone plus AoE
(so DST gaps and overlaps, half-hour and 45-minute offsets all occur).

2,000 examples per property by default; ``REECAL_HYPOTHESIS_PROFILE=long`` runs 20,000.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import available_timezones

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from reecal import Dataset, Event, FieldError, Kind, Place, Programme, Source, Status, Window
from reecal.ics import build_calendar, closing_end, describe, summary, to_ics
from reecal.lint import lint_bytes
from reecal.zones import exists

HOSTILE = ["\r\n", "\r", "\n", ";", ",", "\\", ":", '"', "'", "😀", "👩‍🔬", "中文稀土",
           "e\u0301", "a\u0308\u0323", "עברית", "مرحبا", "\u200b", "\u200d", "\u2060",
           "\u200f", "\u2066", "\u2069", "\t", "BEGIN:VEVENT", "END:VCALENDAR", "\\n", "\\N", "\\,",
           "DTSTART:20200101", "X-INJECT;A=b:c", "\u00a0", "\u3000"]
ZONES = [*sorted(available_timezones() - {"Factory", "localtime"}), "AoE"]
STAMP = st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2100, 1, 1),
                     timezones=st.just(UTC))


def _noncharacter(ch: str) -> bool:
    code = ord(ch)
    return (0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE or code == 0xFEFF
            or 0x202A <= code <= 0x202E)


def _allowed(multiline: bool) -> st.SearchStrategy[str]:
    base = st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")).filter(
        lambda c: not _noncharacter(c))
    if multiline:
        return st.one_of(base, st.sampled_from("\n\t"))
    return base


def text(multiline: bool = False, long: bool = True) -> st.SearchStrategy[str]:
    """Text the model accepts, full of what breaks naive writers."""
    hostile = [h for h in HOSTILE if multiline or not any(
        unicodedata.category(c) == "Cc" for c in h)]
    piece = st.one_of(st.sampled_from(hostile), st.text(_allowed(multiline), max_size=12))
    short = st.lists(piece, min_size=1, max_size=10).map("".join)
    strategies = [short]
    if long:  # one field in ten is a 10,000-character string
        strategies = [short] * 9 + [st.tuples(
            st.sampled_from(["稀土", "😀", "ab,;", "x\u0301"]), short).map(
                lambda t: (t[0] * 5000 + t[1])[:10_000])]
    out = st.one_of(*strategies)
    if multiline:
        return out.map(lambda s: s if s.strip() else s + "x")
    return out.map(lambda s: s.strip() or "x")


@cache
def _ok_zone(name: str) -> bool:
    from reecal.zones import is_valid_zone

    return is_valid_zone(name)


places = st.builds(
    Place,
    venue=st.none() | text(long=False),
    city=st.none() | text(),
    region=st.none() | text(long=False),
    country=text(long=False),
    tz=st.sampled_from(ZONES).filter(_ok_zone),
    lat=st.none(),
    lon=st.none(),
) | st.builds(
    Place, country=text(long=False), tz=st.sampled_from(ZONES).filter(_ok_zone),
    lat=st.floats(-90, 90, allow_nan=False), lon=st.floats(-180, 180, allow_nan=False))

sources = st.builds(Source, document=st.sampled_from(["seeds/x.txt", "https://example.org/a"]),
                    quote=text(multiline=True), publisher=st.none() | text(long=False))

DATES = st.dates(date(1900, 1, 1), date(2100, 12, 31))


@st.composite
def events(draw: st.DrawFn, rid: str) -> Event:
    start = draw(DATES)
    end = draw(st.none() | st.integers(0, 40).map(lambda n: start + timedelta(days=n)))
    return Event(
        id=rid, kind=draw(st.sampled_from([k for k in Kind if k is not Kind.PROGRAMME])),
        title=draw(text()), title_zh=draw(st.none() | text(long=False)),
        start=start, end=end if end is None or end <= date(2100, 12, 31) else None,
        place=draw(st.none() | places), status=draw(st.sampled_from(list(Status))),
        url=draw(st.none() | st.sampled_from(["https://example.org/a?b=1,2;c", "http://x.y/"])),
        summary=draw(st.none() | text(multiline=True)),
        tags=draw(st.lists(st.sampled_from(["magnets", "catalysis", "hydrogen-storage"]),
                           unique=True, max_size=3)),
        sources=draw(st.lists(sources, min_size=1, max_size=2)),
        revision=draw(st.integers(0, 1000)), updated=draw(STAMP))


@st.composite
def programmes(draw: st.DrawFn, rid: str) -> Programme:
    tz = draw(st.sampled_from(ZONES).filter(_ok_zone))
    timed = draw(st.booleans())
    if timed:
        closes: date | datetime = draw(st.datetimes(datetime(1900, 1, 2), datetime(2100, 12, 30)))
        closes = closes.replace(microsecond=0)
        # a wall-clock time inside a DST gap never happens: the model rejects it
        # (see tests/data/bad/29-deadline-in-a-daylight-saving-gap.toml)
        assume(exists(closes, tz))
    else:
        closes = draw(st.dates(date(1900, 1, 2), date(2100, 12, 30)))
    closing_day = closes.date() if isinstance(closes, datetime) else closes
    opens = draw(st.none() | st.integers(1, 400).map(  # within the model's years
        lambda n: max(date(1900, 1, 1), closing_day - timedelta(days=n))))
    return Programme(
        id=rid, title=draw(text()), window=Window(opens=opens, closes=closes, tz=tz),
        eligibility=draw(st.none() | text(multiline=True)), status=draw(
            st.sampled_from(list(Status))), summary=draw(st.none() | text(multiline=True)),
        sources=draw(st.lists(sources, min_size=1, max_size=2)),
        revision=draw(st.integers(0, 1000)), updated=draw(STAMP))


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    n = draw(st.integers(1, 3))
    recs = [draw(st.one_of(events(f"r-{i}"), programmes(f"r-{i}"))) for i in range(n)]
    return Dataset(recs)


@st.composite
def feeds(draw: st.DrawFn) -> tuple[Dataset, bytes, bool]:
    ds = draw(datasets())
    alarms = draw(st.booleans())
    return ds, to_ics(build_calendar(ds, name=draw(text(long=False)), alarms=alarms)), alarms


def _expected(ds: Dataset) -> dict[str, tuple[object, str | None]]:
    out: dict[str, tuple[object, str | None]] = {}
    for r in ds:
        if isinstance(r, Event):
            out[f"{r.id}@reecal"] = (r, None)
        else:
            out[f"{r.id}.closes@reecal"] = (r, "closes")
            if r.window.opens is not None:
                out[f"{r.id}.opens@reecal"] = (r, "opens")
    return out


# ------------------------------------------------------------------ property 1


@given(feeds())
def test_export_then_parse_returns_the_records_fields(feed: tuple[Dataset, bytes, bool]) -> None:
    import icalendar

    ds, raw, _ = feed
    cal = icalendar.Calendar.from_ical(raw)
    want = _expected(ds)
    got = cal.walk("VEVENT")
    assert sorted(str(e["UID"]) for e in got) == sorted(want)
    for ev in got:
        r, part = want[str(ev["UID"])]
        assert isinstance(r, Event | Programme)
        assert str(ev["SUMMARY"]) == summary(r, part)
        assert r.title in str(ev["SUMMARY"])
        desc = str(ev["DESCRIPTION"])
        assert desc == describe(r, None, part)
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
        if isinstance(r, Event):
            assert (ev.start, ev.end) == (r.start, r.end_exclusive)
            if r.url:
                assert str(ev["URL"]) == r.url
        elif part == "closes":
            assert ev.start == r.window.closes_at
            assert ev.end == closing_end(ev.start)
            assert timedelta(0) < ev.end - ev.start <= timedelta(minutes=1)


# ------------------------------------------------------------------ property 2


BASE_PROPS = {"SUMMARY", "DTSTART", "DTEND", "DTSTAMP", "UID", "SEQUENCE", "CATEGORIES",
              "CLASS", "DESCRIPTION", "LAST-MODIFIED", "STATUS", "TRANSP"}


@given(feeds())
def test_no_value_adds_a_property_or_a_component(feed: tuple[Dataset, bytes, bool]) -> None:
    import icalendar

    ds, raw, alarms = feed
    cal = icalendar.Calendar.from_ical(raw)
    want = _expected(ds)
    names = [c.name for c in cal.subcomponents]
    assert names.count("VEVENT") == len(want)
    assert set(names) <= {"VEVENT", "VTIMEZONE"}
    for ev in cal.walk("VEVENT"):
        r, part = want[str(ev["UID"])]
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
        assert subs == (["VALARM", "VALARM"] if alarms and part == "closes" else [])
    begins = raw.count(b"\r\nBEGIN:")
    assert begins == len(cal.subcomponents) + sum(len(c.subcomponents)
                                                  for c in cal.subcomponents)


# ------------------------------------------------------------------ property 3


@given(feeds())
def test_every_line_is_at_most_75_octets_and_utf8(feed: tuple[Dataset, bytes, bool]) -> None:
    _, raw, _ = feed
    assert raw.endswith(b"\r\n")
    lines = raw[:-2].split(b"\r\n")
    for line in lines:
        assert b"\r" not in line and b"\n" not in line
        assert len(line) <= 75
        line.decode("utf-8")  # raises if a fold split a character


# ------------------------------------------------------------------ property 4


@given(feeds())
def test_lint_is_clean_and_the_strict_parser_accepts(feed: tuple[Dataset, bytes, bool]) -> None:
    from ical.calendar_stream import IcsCalendarStream

    ds, raw, _ = feed
    assert lint_bytes(raw) == []
    cal = IcsCalendarStream.calendar_from_ics(raw.decode("utf-8"))
    assert len(cal.events) == len(_expected(ds))


# ------------------------------------------------------------------ rejected text


FORBIDDEN = st.one_of(
    st.characters(categories=("Cc",)).filter(lambda c: c not in "\n\t"),
    st.sampled_from(["\u2028", "\u2029", "\ufffe", "\uffff", "\ufdd0", "\ufeff", "\u202a",
                     "\u202e"]))


@given(prefix=text(long=False), bad=FORBIDDEN, field=st.sampled_from(["title", "title_zh"]))
def test_single_line_fields_reject_controls_and_separators(prefix: str, bad: str,
                                                           field: str) -> None:
    kw: dict[str, object] = {"id": "x", "kind": Kind.FORUM, "title": "T",
                             "start": date(2026, 1, 1), "updated": datetime(2026, 1, 1, tzinfo=UTC),
                             "sources": (Source(document="d", quote="q"),)}
    kw[field] = prefix + bad + "x"
    with pytest.raises(FieldError) as err:
        Event(**kw)  # type: ignore[arg-type]
    assert err.value.field == field


@given(before=text(multiline=True, long=False), after=text(multiline=True, long=False))
def test_multiline_fields_normalise_cr_and_crlf(before: str, after: str) -> None:
    for sep in ("\r\n", "\r"):
        original = before + sep + after
        s = Source(document="d", quote=original)
        assert "\r" not in s.quote
        # every line break (CRLF, CR or LF) is kept as exactly one LF
        assert s.quote.split("\n") == re.split(r"\r\n|\r|\n", original)
