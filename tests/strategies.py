"""Hypothesis strategies for records the model accepts, full of what breaks writers.

Records get hostile text (CR, LF, ``;``, ``,``, ``\\``, ``:``, quotes, emoji, CJK,
combining marks, right-to-left text, zero-width characters, strings of 10,000
characters), dates from 1900 to 2100, and every IANA zone plus AoE (so DST gaps and
overlaps, half-hour and 45-minute offsets all occur).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any
from zoneinfo import available_timezones

from hypothesis import assume, example
from hypothesis import strategies as st

from reecal import (
    Certainty,
    Dataset,
    DatePrecision,
    Event,
    Kind,
    Place,
    Programme,
    Source,
    Status,
    Window,
)
from reecal.formats.ics import feed
from reecal.model.zones import exists
from tests.support import DATA, ROOT

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
    from reecal.model.zones import is_valid_zone

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
def certainties(draw: st.DrawFn, precisions: list[DatePrecision]) -> Certainty:
    """How sure a record is: a precision from *precisions*, the year perhaps inferred."""
    precision, inferred = draw(st.sampled_from(precisions)), draw(st.booleans())
    needs_reason = inferred or precision is not DatePrecision.EXACT
    return Certainty(dates=precision, year_inferred=inferred,
                     reason=draw(text(long=False).filter(bool)) if needs_reason else None)


@st.composite
def events(draw: st.DrawFn, rid: str) -> Event:
    certainty = draw(certainties([DatePrecision.EXACT, DatePrecision.START_ONLY,
                                  DatePrecision.MONTH]))
    start = draw(DATES)
    end = draw(st.none() | st.integers(0, 40).map(lambda n: start + timedelta(days=n)))
    if certainty.dates is not DatePrecision.EXACT:
        end = None
    if certainty.dates is DatePrecision.MONTH:
        start = start.replace(day=1)
    return Event(
        id=rid, kind=draw(st.sampled_from([k for k in Kind if k is not Kind.PROGRAMME])),
        title=draw(text()), title_zh=draw(st.none() | text(long=False)),
        start=start, end=end if end is None or end <= date(2100, 12, 31) else None,
        place=draw(st.none() | places), status=draw(st.sampled_from(list(Status))),
        url=draw(st.none() | st.sampled_from(["https://example.org/a?b=1,2;c", "http://x.y/"])),
        summary=draw(st.none() | text(multiline=True)),
        tags=draw(st.lists(st.sampled_from(["magnets", "catalysis", "hydrogen-storage"]),
                           unique=True, max_size=3)),
        sources=draw(st.lists(sources, min_size=1, max_size=2)), certainty=certainty,
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
        certainty=draw(certainties([DatePrecision.EXACT])),
        revision=draw(st.integers(0, 1000)), updated=draw(STAMP))


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    n = draw(st.integers(1, 3))
    recs = [draw(st.one_of(events(f"r-{i}"), programmes(f"r-{i}"))) for i in range(n)]
    return Dataset(recs)


@st.composite
def feeds(draw: st.DrawFn) -> tuple[Dataset, bytes, bool]:
    """A dataset of 1 to 3 records and its feed (with alarms or not)."""
    ds = draw(datasets())
    alarms = draw(st.booleans())
    return ds, feed(ds, name=draw(text(long=False)), alarms=alarms), alarms


@st.composite
def mutated(draw: st.DrawFn, base: bytes) -> bytes:
    """A real feed with random bytes inserted, deleted or overwritten."""
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 8))):
        pos = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["insert", "delete", "replace"]))
        chunk = draw(st.binary(min_size=1, max_size=8) | st.sampled_from(
            [b"\r", b"\n", b"\r\n ", b":", b";", b",", b"\\", b"\xe4\xb8", b"\xff",
             b"BEGIN:VEVENT\r\n", b"END:VCALENDAR\r\n", b"TZID=", b'"']))
        if op == "insert":
            data[pos:pos] = chunk
        elif op == "delete":
            del data[pos:pos + len(chunk)]
        else:
            data[pos:pos + len(chunk)] = chunk
    return bytes(data)


def ics_inputs() -> st.SearchStrategy[bytes]:
    """Random bytes, and real feeds with bytes inserted, deleted or overwritten."""
    good = (DATA / "ics" / "good.ics").read_bytes()
    published = (ROOT / "calendars" / "all.ics").read_bytes()
    return st.one_of(st.binary(max_size=2000), mutated(good), mutated(published))


def seeded(inputs: Iterable[Any]) -> Callable[[Any], Any]:
    """A decorator giving a hypothesis test each of *inputs* as an explicit example
    (seeds it always runs, before what it draws)."""
    def decorate(test: Any) -> Any:
        for one in inputs:
            test = example(one)(test)
        return test
    return decorate
