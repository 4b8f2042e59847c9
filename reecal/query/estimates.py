"""Estimated next editions of a series: when the evidence supports one.

A series is projected forward when a source states its cadence (``[series.cadence]``,
with the quote), or when two or more dated editions recur at a steady interval.  The
next edition is expected one interval (python-dateutil's ``relativedelta``, so that
"a year after 29 Feb" and "a month after 31 Jan" mean what a calendar means) after
the last real edition, within a margin as wide as the editions' own irregularity and
at least :data:`MARGIN_DAYS` either side.  An estimate is an ordinary record, labelled
everywhere: dates ``estimated``, status tentative, confidence low, the reasoning in
its certainty; it never lies before the last real edition ends, and it disappears
once the data holds that edition (it is then the last real edition).

>>> import reecal
>>> from datetime import date
>>> [e] = estimates(reecal.load(), date(2026, 11, 26))
>>> e.record.id, e.expected, e.earliest, e.latest, e.editions
('cres-academic-annual-conference-2027-estimated', datetime.date(2027, 8, 16), \
datetime.date(2027, 8, 2), datetime.date(2027, 8, 30), ('cres-academic-annual-conference-2023',))
>>> e.record.title
'2027 Academic Annual Conference of the China Rare Earth Society (estimated)'
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from attrs import frozen
from dateutil.relativedelta import relativedelta

from reecal.formats.prose import dates_phrase
from reecal.formats.words import day, day_range
from reecal.model.enums import Confidence, DatePrecision, Status
from reecal.model.records import Event, Programme, Record
from reecal.model.values import Certainty, Series, Source, months_text
from reecal.model.window import Window

if TYPE_CHECKING:
    from reecal.query.dataset import Dataset

__all__ = ["MARGIN_DAYS", "SUFFIX", "Estimate", "estimates", "project"]

SUFFIX = "-estimated"
"""How every estimate's id ends (its UID follows: ``<series>-<key>-estimated@reecal``)."""
MARGIN_DAYS = 14
"""The least margin either side of an expected day: editions rarely keep the same date."""
AHEAD_DAYS = 365
"""How far past the first estimate still to come the projection goes on."""
_DRIFT = 45
"""Editions further than this from a steady rhythm (days) do not make a cadence."""


@frozen(kw_only=True)
class Estimate:
    """A projected edition: the record (labelled as estimated), the day it is expected,
    the range it is expected within, the real editions it rests on, and why."""

    record: Record
    expected: date
    earliest: date
    latest: date
    editions: tuple[str, ...]
    months: int
    """The interval the projection steps by, in months."""
    holiday: str | None
    """The public holiday the expected day falls on, if any (its name)."""

    @property
    def reason(self) -> str:
        return self.record.certainty.reason or ""


def estimates(ds: Dataset, now: date | datetime, *, holidays: bool = True) -> list[Estimate]:
    """The estimated editions of every series in *ds* whose evidence supports one, from
    the first whose range has not ended by *now* to a year past it, in date order."""
    today = now.date() if isinstance(now, datetime) else now
    found = [e for s in ds.series.values()
             for e in project(s, ds.all_records, today, holidays=holidays)]
    return sorted(found, key=lambda e: (e.earliest, e.record.id))


class _Rhythm:
    """How a series recurs: the interval in months, how far its editions stray from
    it (days), and the words that say why."""

    def __init__(self, months: int, drift: int, why: str) -> None:
        self.months, self.drift, self.why = months, drift, why


def _months_between(a: date, b: date) -> int:
    """Whole months from *a* to *b*, to the nearest month."""
    d = relativedelta(b, a)
    return d.years * 12 + d.months + (1 if d.days >= 15 else 0)


def _anchor(r: Record) -> date:
    """The day an edition is placed by: an event's first day, a programme's deadline."""
    return r.dates.last_day if isinstance(r, Programme) else r.dates.first_day


def _steps(editions: list[Record], months: int | None = None) -> list[int] | None:
    """Each edition's place in the rhythm, counted from the first: by edition number when
    every edition has one, else in steps of *months* (default: the shortest gap between
    editions, which every other gap must be a multiple of, so a year left out of the
    data does not break the rhythm).  None when the editions keep no such rhythm."""
    numbers = [e.edition for e in editions if e.edition is not None]
    if len(numbers) == len(editions) and len(set(numbers)) == len(numbers):
        return [n - numbers[0] for n in numbers]
    first = _anchor(editions[0])
    gone = [_months_between(first, _anchor(e)) for e in editions]
    if months is None:
        gaps = [b - a for a, b in itertools.pairwise(gone)]
        months = min(gaps, default=0)
        if months < 1 or any(g % months for g in gaps):
            return None
    steps = [round(m / months) for m in gone]
    return steps if len(set(steps)) == len(steps) else None


def _drift(editions: list[Record], steps: list[int], months: int) -> int:
    """How far (days) the editions stray from the rhythm that starts at the first."""
    first = _anchor(editions[0])
    return max(abs((_anchor(e) - (first + relativedelta(months=months * k))).days)
               for e, k in zip(editions, steps, strict=True))


def _rhythm(series: Series, editions: list[Record]) -> _Rhythm | None:
    """The series' cadence as a source states it, else as its editions keep it."""
    c = series.cadence
    if c is not None:
        steps = _steps(editions, c.months_total)
        drift = _drift(editions, steps, c.months_total) if steps else 0
        return _Rhythm(c.months_total, min(drift, _DRIFT),
                       f"the series is {c.label}, as its source says "
                       f"(\u201c{c.sources[0].quote}\u201d, {c.sources[0].document})")
    steps = _steps(editions) if len(editions) > 1 else None
    if not steps or steps[-1] < 1:
        return None
    months = round(_months_between(_anchor(editions[0]), _anchor(editions[-1])) / steps[-1])
    drift = _drift(editions, steps, months) if months >= 1 else _DRIFT + 1
    if drift > _DRIFT:
        return None
    stray = f" (each within {drift} day{'s' if drift > 1 else ''} of that rhythm)"
    return _Rhythm(months, drift, f"its {len(editions)} dated editions are "
                                  f"{months_text(months)} apart" + (stray if drift else ""))


def project(series: Series, records: Iterable[Record], today: date, *, holidays: bool = True
            ) -> Iterator[Estimate]:
    """The estimated editions of *series* still to come at *today* (see :func:`estimates`);
    *holidays* False leaves out the public-holiday look-up, which loads a calendar (a
    few hundred ms), where only the dates are wanted."""
    editions = sorted((r for r in records if r.series == series.id
                       and r.dates.precision is not DatePrecision.ESTIMATED),
                      key=lambda r: (_anchor(r), r.id))
    rhythm = _rhythm(series, editions) if editions else None
    if rhythm is None:
        return
    last = editions[-1]
    d = last.dates
    length = _length(last)
    margin = max(MARGIN_DAYS, rhythm.drift) + (
        d.days - 1 if d.precision in (DatePrecision.MONTH, DatePrecision.WITHIN_PARENT) else 0)
    limit: date | None = None
    for k in range(1, 10_000):
        expected = _anchor(last) + relativedelta(months=rhythm.months * k)
        latest = expected + timedelta(days=margin + length - 1)
        if latest < today:
            continue
        if limit is not None and expected >= limit:
            return
        limit = limit or max(expected, today) + timedelta(days=AHEAD_DAYS)
        earliest = max(expected - timedelta(days=margin), d.last_day + timedelta(days=1))
        holiday = _holiday(expected, length, last) if holidays else None
        yield _estimate(series, editions, rhythm, k, (expected, earliest, latest), holiday)


def _length(last: Record) -> int:
    """How many days an estimate of the edition after *last* is expected to last: as
    many as *last* when its days are known, else one (a deadline is one day)."""
    exact = last.dates.precision is DatePrecision.EXACT and isinstance(last, Event)
    return last.dates.days if exact else 1


def _holiday(expected: date, length: int, last: Record) -> str | None:
    """The public holiday the expected days fall on, in the last edition's country, in
    words: "is National Day (1 Oct 2027), a public holiday in China"."""
    country = last.place.country if last.place else None
    if country is None:
        return None
    import holidays
    from holidays.registry import COUNTRIES

    wanted = country.replace(" ", "").casefold()
    code = next((v[1] for v in COUNTRIES.values() if v[0].casefold() == wanted), None)
    if code is None:
        return None
    days = [expected + timedelta(days=i) for i in range(length)]
    found = holidays.country_holidays(code, years={x.year for x in days})
    hit = next((x for x in days if x in found), None)
    if hit is None:
        return None
    verb = "is" if length == 1 else f"({day_range(days[0], days[-1])}) include"
    return f"{verb} {found[hit]} ({day(hit)}), a public holiday in {country}"


def _title(series: Series, last: Record, edition: int | None, expected: date,
           months: int) -> str:
    """The last edition's title with its number and year stepped on (else the series'
    name and the edition), marked "(estimated)" wherever it is shown."""
    title, stepped = last.title, 0
    year = str(last.dates.first_day.year)
    by_year = edition is not None and str(last.edition) == year  # editions named by year
    if last.edition is not None and edition is not None and not by_year:
        title, stepped = re.subn(rf"\b{last.edition}(st|nd|rd|th)\b", _ordinal(edition), title)
    if (months % 12 == 0 or by_year) and re.search(rf"\b{year}\b", title):
        title, more = re.subn(rf"\b{year}\b", str(edition if by_year else expected.year), title)
        stepped += more
    if not stepped:
        title = f"{series.name}, " + (str(edition) if by_year else
                                      _ordinal(edition) + " edition" if edition is not None
                                      else f"{expected:%B %Y}" if months % 12 else
                                      str(expected.year))
    return f"{title} (estimated)"


def _ordinal(n: int) -> str:
    """'1st', '2nd', '3rd', '11th', '22nd'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _estimate(series: Series, editions: list[Record], rhythm: _Rhythm, k: int,
              days: tuple[date, date, date], holiday: str | None) -> Estimate:
    expected, earliest, latest = days
    last = editions[-1]
    edition = last.edition + k if last.edition is not None else None
    key = str(edition) if edition is not None else (
        str(expected.year) if rhythm.months % 12 == 0 else f"{expected:%Y-%m}")
    rid = f"{series.id}-{key}{SUFFIX}"
    length = _length(last)
    missing = "" if k == 1 else (
        " The edition expected in between is not in the data." if k == 2 else
        f" The {k - 1} editions expected in between are not in the data.")
    what = "its deadline" if isinstance(last, Programme) else "it"
    shown = (f" The deadline shown is the earliest day, {day(earliest)}, so that you are "
             "not late." if isinstance(last, Programme) else "")
    reason = (f"Estimated, not announced: {rhythm.why}; its last edition in the data is "
              f"the {last.title}: {dates_phrase(last)}. "
              f"{months_text(rhythm.months * k).capitalize()} on, {what} is expected around "
              f"{day(expected)}, within {day_range(earliest, latest)}.{shown}{missing}"
              + (f" The expected day{'s' if length > 1 else ''} {holiday}." if holiday else ""))
    sources = _sources(series, editions)
    common = set.intersection(*(set(e.tags) for e in editions))
    places = {e.place for e in editions}
    same: dict[str, Any] = {
        "id": rid, "title": _title(series, last, edition, expected, rhythm.months),
        "series": series.id,
        "edition": edition, "organisers": series.organisers or last.organisers,
        "status": Status.TENTATIVE, "tags": tuple(t for t in last.tags if t in common),
        "url": series.url, "place": last.place if len(editions) > 1 and len(places) == 1
        else None, "sources": sources, "updated": max(e.updated for e in editions),
        "certainty": Certainty(confidence=Confidence.LOW, dates=DatePrecision.ESTIMATED,
                               reason=reason),
        "revision": sum(e.revision for e in editions) + len(editions) - 1,
    }
    record: Record
    if isinstance(last, Programme):  # the deadline's earliest day: applicants are not late
        w, step = last.window, relativedelta(months=rhythm.months * k)
        opens = None if w.opens is None else min(_day(w.opens) + step, earliest)
        window = Window(opens=opens, closes=earliest, tz=w.tz)
        record = Programme(window=window, sponsor=last.sponsor, **same)
    else:
        record = Event(kind=last.kind, start=earliest, end=latest, **same)
    return Estimate(record=record, expected=expected, earliest=earliest, latest=latest,
                    editions=tuple(e.id for e in editions), months=rhythm.months,
                    holiday=holiday)


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _sources(series: Series, editions: list[Record]) -> tuple[Source, ...]:
    """The cadence's sources, then each edition's first source: what the estimate rests on."""
    found = [*(series.cadence.sources if series.cadence else ()),
             *(e.sources[0] for e in editions)]
    return tuple(dict.fromkeys(found))
