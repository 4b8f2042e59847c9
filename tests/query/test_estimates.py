"""Estimated next editions: when the evidence supports one, labelled everywhere, gone
once the real edition exists."""

from __future__ import annotations

from datetime import UTC, date, datetime

import attrs
import icalendar
import pytest

import reecal
from reecal.errors import DataError, FieldError
from reecal.formats.ics import feed
from reecal.formats.prose import dates_phrase, summary
from reecal.model.values import Cadence
from reecal.query.estimates import MARGIN_DAYS, estimates
from tests.support import Run

SERIES = "cres-academic-annual-conference"
UPDATED = datetime(2026, 1, 1, tzinfo=UTC)
SRC = reecal.Source(document="https://example.org/notice", quote="held every year")
PLACE = reecal.Place(city="Ganzhou", country="China", tz="Asia/Shanghai")


def _edition(n: int | None, start: date, end: date | None = None, **kw: object
             ) -> reecal.Event:
    return reecal.Event(id=f"demo-{start.year}-{start.month}", kind=reecal.Kind.CONFERENCE,
                        title=f"{n}th Demo Conference" if n else f"{start.year} Demo Conference",
                        series="demo", edition=n, start=start, end=end, sources=(SRC,),
                        updated=UPDATED, place=PLACE, tags=("magnets",), **kw)  # type: ignore[arg-type]


def _ds(*records: reecal.Record, cadence: Cadence | None = None) -> reecal.Dataset:
    return reecal.Dataset(records, series=[reecal.Series(id="demo", name="Demo Conference",
                                                         cadence=cadence)])


def test_the_bundled_annual_conference_is_estimated_from_its_stated_cadence(
        ds: reecal.Dataset) -> None:
    [e] = estimates(ds, date(2026, 11, 26))
    r = e.record
    assert (r.id, r.series, r.title) == (
        f"{SERIES}-2027-estimated", SERIES,
        "2027 Academic Annual Conference of the China Rare Earth Society (estimated)")
    assert e.editions == (f"{SERIES}-2023",) and e.months == 12
    assert (e.expected, e.earliest, e.latest) == (date(2027, 8, 16), date(2027, 8, 2),
                                                  date(2027, 8, 30))
    assert r.status is reecal.Status.TENTATIVE
    assert r.certainty.confidence is reecal.Confidence.LOW
    assert r.dates.precision is reecal.DatePrecision.ESTIMATED
    assert (r.dates.first_day, r.dates.last_day) == (e.earliest, e.latest)
    assert "annual" in e.reason and "Academic Annual Conference" in e.reason
    assert "The 3 editions expected in between are not in the data." in e.reason
    assert r.place is None  # one edition says nothing about where the next one is
    assert summary(r).endswith("(estimated)")
    assert dates_phrase(r) == "2–30 Aug 2027 (estimated)"


def test_estimates_only_when_asked_for(ds: reecal.Dataset) -> None:
    today = date(2026, 11, 26)
    assert not any(r.dates.precision is reecal.DatePrecision.ESTIMATED for r in ds)
    more = ds.with_estimates(today)
    assert len(more) == len(ds) + 1 and f"{SERIES}-2027-estimated" in more
    ahead = [i.record.id for i in ds.upcoming(date(2027, 6, 1), within=120, estimated=True)]
    assert ahead == [f"{SERIES}-2027-estimated"]
    assert ds.upcoming(date(2027, 6, 1), within=120) == []
    # a selection keeps its filter for the estimates
    assert ds.select(reecal.Filter(tags=("magnets",))).estimates(today) == []
    assert len(ds.select(reecal.Filter(series=(SERIES,))).estimates(today)) == 1


def test_two_steady_editions_make_a_cadence_and_the_number_steps_on() -> None:
    ds = _ds(_edition(5, date(2023, 9, 20), date(2023, 9, 22)),
             _edition(7, date(2025, 9, 14), date(2025, 9, 16)))
    [e] = estimates(ds, date(2025, 12, 1))
    assert e.months == 12  # two numbers apart in two years: annual
    assert e.record.edition == 8 and e.record.title == "8th Demo Conference (estimated)"
    assert e.record.id == "demo-8-estimated"
    assert e.expected == date(2026, 9, 14)
    assert (e.expected - e.earliest).days == MARGIN_DAYS  # they stray 6 days: less
    assert (e.latest - e.expected).days == MARGIN_DAYS + 2  # the edition's three days
    assert e.record.place == PLACE  # both editions were in Ganzhou
    assert "its 2 dated editions are 1 year apart (each within 6 days" in e.reason


def test_a_year_missing_from_the_data_keeps_the_rhythm() -> None:
    ds = _ds(_edition(None, date(2023, 6, 5)), _edition(None, date(2024, 6, 3)),
             _edition(None, date(2026, 6, 8)))
    [e] = estimates(ds, date(2026, 12, 1))
    assert (e.months, e.expected, e.record.title) == (
        12, date(2027, 6, 8), "2027 Demo Conference (estimated)")
    assert "its 3 dated editions are 1 year apart (each within 3 days" in e.reason


@pytest.mark.parametrize(("title", "edition", "expected"), [
    ("6th Nth Congress 2025", 6, "7th Nth Congress 2026 (estimated)"),
    ("Magnet Expo 2025", 3, "Magnet Expo 2026 (estimated)"),
    ("Six", None, "Demo Conference, 2026 (estimated)"),
    ("Six", 2025, "Demo Conference, 2026 (estimated)"),  # editions numbered by their year
    ("Magnet Expo 2025", 2025, "Magnet Expo 2026 (estimated)"),
])
def test_the_title_steps_on(title: str, edition: int | None, expected: str) -> None:
    last = attrs.evolve(_edition(edition, date(2025, 3, 1)), title=title)
    [e] = estimates(_ds(last, cadence=Cadence(years=1, sources=(SRC,))), date(2025, 6, 1))
    assert e.record.title == expected


def test_no_estimate_without_evidence() -> None:
    one = _ds(_edition(1, date(2024, 5, 1)))
    assert estimates(one, date(2024, 6, 1)) == []
    erratic = _ds(_edition(None, date(2021, 5, 1)), _edition(None, date(2022, 5, 1)),
                  _edition(None, date(2024, 2, 1)))
    assert estimates(erratic, date(2024, 6, 1)) == []


def test_the_real_edition_replaces_the_estimate() -> None:
    cadence = Cadence(years=1, sources=(SRC,))
    before = _ds(_edition(None, date(2024, 5, 10)), cadence=cadence)
    [guess] = estimates(before, date(2025, 1, 1))
    assert guess.record.id == "demo-2025-estimated"
    real = _edition(None, date(2025, 5, 20))
    after = _ds(_edition(None, date(2024, 5, 10)), real, cadence=cadence)
    [nxt] = estimates(after, date(2025, 1, 1))
    assert nxt.record.id == "demo-2026-estimated"  # the 2025 estimate is gone
    cal = icalendar.Calendar.from_ical(feed(after.with_estimates(date(2025, 1, 1)), name="t"))
    uids = {str(ev["UID"]) for ev in cal.walk("VEVENT")}
    assert uids == {"demo-2024-5@reecal", "demo-2025-5@reecal", "demo-2026-estimated@reecal"}


def test_an_estimate_never_lands_before_the_last_real_edition_ends() -> None:
    cadence = Cadence(months=1, sources=(SRC,))
    ds = _ds(_edition(None, date(2024, 5, 1), date(2024, 5, 20)), cadence=cadence)
    found = estimates(ds, date(2024, 5, 2))
    assert found[0].expected == date(2024, 6, 1)
    assert found[0].earliest == date(2024, 5, 21)
    assert all(e.earliest > date(2024, 5, 20) for e in found)
    assert 11 <= len(found) <= 12  # monthly, for a year ahead
    assert len({e.record.id for e in found}) == len(found)


def test_a_public_holiday_is_named() -> None:
    ds = _ds(_edition(None, date(2025, 10, 1)), cadence=Cadence(years=1, sources=(SRC,)))
    [e] = estimates(ds, date(2026, 1, 1))
    assert e.reason.endswith("The expected day is National Day (1 Oct 2026), a public "
                             "holiday in China.")
    long = _ds(_edition(None, date(2025, 9, 29), date(2025, 10, 2)),
               cadence=Cadence(years=1, sources=(SRC,)))
    [e] = estimates(long, date(2026, 1, 1))
    assert e.reason.endswith("The expected days (29 Sep \u2013 2 Oct 2026) include National "
                             "Day (1 Oct 2026), a public holiday in China.")
    [fast] = estimates(long, date(2026, 1, 1), holidays=False)  # no calendar loaded
    assert fast.holiday is None and (fast.earliest, fast.latest) == (e.earliest, e.latest)
    quiet = _ds(_edition(None, date(2025, 10, 20)), cadence=Cadence(years=1, sources=(SRC,)))
    assert estimates(quiet, date(2026, 1, 1))[0].holiday is None


def test_a_programme_window_is_projected() -> None:
    cast = reecal.load().get("cast-doctoral-talent-2025")
    assert isinstance(cast, reecal.Programme)
    ds = reecal.Dataset([attrs.evolve(cast, series="demo", organisers=(), sponsor=None)],
                        series=[reecal.Series(id="demo", name="Demo Programme",
                                              cadence=Cadence(years=1, sources=(SRC,)))])
    [e] = estimates(ds, date(2026, 1, 1))
    assert isinstance(e.record, reecal.Programme)
    assert e.expected == date(2026, 11, 17)
    assert e.record.window.closes == date(2026, 11, 3) == e.earliest  # not late
    assert e.record.window.opens is None
    assert "The deadline shown is the earliest day, 3 Nov 2026" in e.reason
    assert summary(e.record, reecal.Part.CLOSES).endswith("(estimated)")
    [d] = ds.deadlines(datetime(2026, 6, 1, tzinfo=UTC))
    assert d.record.id == cast.id  # deadlines hold estimates only when asked
    [guess] = ds.deadlines(datetime(2026, 6, 1, tzinfo=UTC), estimated=True,
                           states=["open"])  # no opening is published: open
    assert guess.record.id == e.record.id


def test_the_feed_labels_an_estimate(ds: reecal.Dataset) -> None:
    more = ds.with_estimates(date(2026, 11, 26)).select(reecal.Filter(series=(SERIES,)))
    cal = icalendar.Calendar.from_ical(feed(more, name="t"))
    [ev] = [e for e in cal.walk("VEVENT") if "estimated" in str(e["UID"])]
    assert str(ev["UID"]) == f"{SERIES}-2027-estimated@reecal"
    assert str(ev["STATUS"]) == "TENTATIVE"
    assert str(ev["SUMMARY"]).endswith("(estimated)")
    assert "Estimated, not announced" in str(ev["DESCRIPTION"])


def test_a_cadence_needs_an_interval_and_data_cannot_claim_estimated() -> None:
    with pytest.raises(FieldError, match="years"):
        Cadence(sources=(SRC,))
    guess = estimates(reecal.load(), date(2026, 11, 26))[0].record
    with pytest.raises(DataError, match="estimated"):
        reecal.Dataset([guess])


def test_the_command_line_adds_estimates_only_with_the_flag(run: Run) -> None:
    plain = run("--today", "2027-06-01", "upcoming", "--format", "csv")
    assert "estimated" not in plain.output
    asked = run("--today", "2027-06-01", "upcoming", "--estimated", "--format", "csv")
    assert f"{SERIES}-2027-estimated" in asked.output
    listed = run("--today", "2026-11-26", "list", "--estimated", "--series", SERIES,
                 "--format", "json")
    assert listed.exit_code == 0
    assert '"dates": "estimated"' in listed.output
