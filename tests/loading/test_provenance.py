"""Every bundled record traces to a seed, with words that support it."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import attrs

import reecal
from reecal import DatePrecision, Programme, Verification
from reecal.documents import CATALOGUE, cited
from reecal.documents.matching import normalise
from reecal.loading.provenance import check_sources
from tests.support import ROOT

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def test_every_quote_appears_in_its_cited_seed(ds: reecal.Dataset) -> None:
    series = ds.series.values()
    assert check_sources(ds, series=series) == []  # the documents shipped in the package
    assert check_sources(ds, ROOT, series=series) == []  # the checkout's originals
    assert check_sources(ds, ROOT / 'nowhere')  # the check can fail


def test_a_cadence_quote_is_checked_too(ds: reecal.Dataset) -> None:
    s = ds.series["cres-academic-annual-conference"]
    assert s.cadence is not None
    src = attrs.evolve(s.cadence.sources[0], quote="the 2023 biennial conference")
    wrong = attrs.evolve(s, cadence=attrs.evolve(s.cadence, sources=(src,)))
    [finding] = check_sources([], series=[wrong])
    assert finding.record == s.id and "quote not found" in finding.message


def test_a_records_certainty_quotes_its_own_sources_disclaimers(ds: reecal.Dataset) -> None:
    """Only three documents carry a disclaimer; a record says what its own say."""
    from reecal.formats.prose import certainty_lines

    assert sum(1 for d in CATALOGUE if d.disclaimer) == 3
    for r in ds:
        lines = "\n".join(certainty_lines(r))
        for d in CATALOGUE:
            if d.disclaimer:
                assert (d.disclaimer in lines) is (d in cited(r.sources)), (r.id, d.path)
        if not any(d.disclaimer for d in cited(r.sources)):
            assert "verified using third-party" not in lines and "should be" not in lines
            assert "It carries no disclaimer." in lines, r.id


def test_facts_from_outside_the_sources_are_marked_with_their_basis(
        ds: reecal.Dataset) -> None:
    """Coordinates and the region "Inner Mongolia" are in no document: every record
    that gives them says so, with where they come from."""
    from reecal.formats.prose import describe

    for r in ds:
        marked = {o.field for o in r.outside}
        if r.place is not None and r.place.lat is not None:
            assert {"place.lat", "place.lon"} <= marked, r.id
        if r.place is not None and r.place.region == "Inner Mongolia":
            assert "place.region" in marked, r.id
        for o in r.outside:
            assert f"Not from the sources: {o.field}" in describe(r, ds), r.id
    assert not any(o.name_zh for o in ds.organisations.values())  # no document gives one


def test_every_seed_is_cited(ds: reecal.Dataset) -> None:
    cited = {s.document for r in ds for s in r.sources}
    seeds = {f"seeds/{p.name}" for p in (ROOT / "seeds").iterdir()}
    assert seeds <= cited


def test_every_record_cites_a_seed_and_says_how_sure(ds: reecal.Dataset) -> None:
    for r in ds:
        assert any(s.document.startswith("seeds/") for s in r.sources), r.id
        # no record has been checked against an independent source
        assert r.certainty.verification is Verification.UNVERIFIED, r.id


def _supported(d: date, texts: list[str]) -> bool:
    month = MONTHS[d.month - 1]
    pat = re.compile(rf"{month}\s+(\d+\s*[–-]\s*)?0?{d.day}\b|{month}\s+0?{d.day}\s*[–-]")
    return any(pat.search(normalise(t)) for t in texts)


def test_every_date_is_supported_by_a_quote_or_the_recorded_inference(
        ds: reecal.Dataset) -> None:
    for r in ds:
        quotes = [s.quote for s in r.sources]
        mine = r.dates
        if mine.precision is DatePrecision.BEFORE_PARENT:
            parent = ds.get(r.parent or "").dates
            assert (mine.first_day, mine.last_day) == (parent.first_day, parent.first_day), r.id
            assert "before" in normalise(" ".join(quotes)).lower(), r.id
            assert _supported(mine.first_day, [r.certainty.reason or ""]), r.id
            continue
        if mine.precision is DatePrecision.WITHIN_PARENT:
            parent = ds.get(r.parent or "").dates
            assert (mine.first_day, mine.last_day) == (parent.first_day, parent.last_day), r.id
            reason = r.certainty.reason or ""
            # the reason names the parent's day(s) it borrows
            assert _supported(mine.first_day, [reason]), r.id
            continue
        for _, stated in mine.stated:
            d = stated.date() if isinstance(stated, datetime) else stated
            assert _supported(d, quotes), f"{r.id}: {d} not in its quotes"
            seed_quotes = [s.quote for s in r.sources if s.document.startswith("seeds/")]
            year_stated = any(str(d.year) in normalise(q) for q in seed_quotes)
            if not year_stated:
                assert r.certainty.year_inferred, f"{r.id}: {d.year} neither stated nor inferred"
                assert str(d.year) in (r.certainty.reason or ""), r.id


def test_inferred_years_are_never_presented_as_stated(ds: reecal.Dataset) -> None:
    from reecal.formats.prose import describe

    for r in ds:
        if r.certainty.year_inferred:
            assert "Year inferred" in describe(r, ds), r.id


def test_only_the_seeds_we_know_lack_a_year_are_inferred(ds: reecal.Dataset) -> None:
    inferred = {r.id for r in ds if r.certainty.year_inferred and r.parent is None}
    assert inferred == {
        "rare-earth-optoelectronics-catalysis-conference-2026",
        "cres-ganzhou-field-visit-2025",
        "baotou-rare-earth-forum-15",
    }


def test_deadline_without_time_is_end_of_day_beijing(ds: reecal.Dataset) -> None:
    p = ds.get("cast-doctoral-talent-2025")
    assert isinstance(p, Programme)
    assert not p.window.time_published
    assert p.window.closes_at.isoformat() == "2025-11-17T23:59:59+08:00"


def test_a_data_directorys_own_ics_is_read_unfolded_and_never_outside_it(
        tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "sources").mkdir(parents=True)
    summary = "SUMMARY:稀土永磁论坛".encode()
    (data / "sources" / "a.ics").write_bytes(b"BEGIN:VEVENT\r\n" + summary[:10] + b"\r\n "
                                             + summary[10:] + b"\r\nEND:VEVENT\r\n")
    (tmp_path / "outside.ics").write_bytes(summary + b"\r\n")

    def record(document: str, quote: str) -> reecal.Event:
        return reecal.Event(id="x", kind="forum", title="X", start=date(2026, 5, 1),
                            sources=(reecal.Source(document=document, quote=quote),),
                            updated=datetime(2026, 1, 1, tzinfo=UTC))

    assert check_sources([record("sources/a.ics", "BEGIN:VEVENT\nSUMMARY:稀土永磁论坛")],
                         data=data) == []
    [wrong] = check_sources([record("sources/a.ics", "SUMMARY:稀土论坛")], data=data)
    assert "quote not found" in wrong.message
    [outside] = check_sources([record("../outside.ics", "SUMMARY:稀土永磁论坛")], data=data)
    assert outside.message == f"no such document under {data}"
    assert check_sources([record("seeds/000_a110d6e786278c30.txt", "May 15-18, 2026")],
                         data=data) == []  # the bundled seeds are still found
