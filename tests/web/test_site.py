"""reecal site build: the same pages and feeds as static files, written all or
nothing, and only where reecal may write."""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest

import reecal
from reecal.publish.files import render_all
from tests.support import Run, feed_events

BASE = "https://dates.example.org/reecal"


@pytest.fixture
def built(run: Run, tmp_path: Path) -> Path:
    out = tmp_path / "public"
    result = run("--today", "2026-05-01", "--tz", "Asia/Shanghai", "site", "build", str(out),
                 "--base-url", BASE)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{out}: wrote ")
    return out


def test_the_site_holds_pages_feeds_and_the_published_calendars(built: Path,
                                                                 ds: reecal.Dataset) -> None:
    for r in ds.records:
        assert (built / "records" / f"{r.id}.html").is_file()
        assert (built / "records" / f"{r.id}.ics").is_file()
    for name, data in render_all(ds, base=f"{BASE}/calendars").items():
        assert (built / "calendars" / name).read_bytes() == data, name
    readme = (built / "calendars" / "README.md").read_text()
    assert f"{BASE}/calendars/all.ics" in readme and "webcal://dates.example.org/reecal" in readme
    assert (built / "static" / "reecal.js").is_file() and (built / "api" / "records.json").is_file()


def test_each_kind_and_tag_has_a_feed_of_exactly_its_records(built: Path,
                                                             ds: reecal.Dataset) -> None:
    for kind in {r.kind for r in ds.records}:
        data = (built / "feeds" / f"kind-{kind.value}.ics").read_bytes()
        cal = icalendar.Calendar.from_ical(data)
        uids = {str(e["UID"]) for e in cal.walk("VEVENT")}
        assert uids == set(feed_events([r for r in ds.records if r.kind is kind]))
        assert f"SOURCE:{BASE}/feeds/kind-{kind.value}.ics".encode() in data.replace(b"\r\n ", b"")
    assert len(list((built / "feeds").glob("tag-*.ics"))) == len(ds.tags)
    magnets = icalendar.Calendar.from_ical((built / "feeds" / "tag-magnets.ics").read_bytes())
    assert {str(e["UID"]) for e in magnets.walk("VEVENT")} == set(
        feed_events([r for r in ds.records if "magnets" in r.tags]))


def test_the_static_page_links_relative_and_filters_in_the_browser(built: Path) -> None:
    page = (built / "index.html").read_text()
    assert 'href="static/reecal.css"' in page and 'href="records/cast-doctoral-talent-2025.html"' \
        in page
    assert 'data-static="1"' in page and f'data-base="{BASE}"' in page
    assert 'data-f-kind="programme"' in page
    assert f'value="{BASE}/calendars/all.ics"' in page
    record = (built / "records" / "baotou-rare-earth-forum-15.html").read_text()
    assert 'href="../static/reecal.css"' in record
    assert 'href="../records/cres-academic-annual-conference-2023.html"' in record


def test_a_rebuild_changes_nothing_and_a_foreign_directory_is_refused(
        built: Path, run: Run, tmp_path: Path) -> None:
    again = run("--today", "2026-05-01", "--tz", "Asia/Shanghai", "site", "build", str(built),
                "--base-url", BASE)
    assert again.output == f"{built}: already up to date\n"
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "index.html").write_text("my own page")
    refused = run("site", "build", str(foreign))
    assert refused.exit_code == 1
    assert "not empty and not a reecal site" in refused.output
    assert (foreign / "index.html").read_text() == "my own page"
    assert run("site", "build", str(built), "--base-url", "ftp://x").exit_code == 1


def test_a_rebuild_removes_what_the_data_no_longer_has(built: Path, run: Run,
                                                        tmp_path: Path) -> None:
    from tests.support import GOOD

    mine = tmp_path / "mine.toml"
    mine.write_text(GOOD, encoding="utf-8")
    again = run("--no-bundled", "--data", str(mine), "site", "build", str(built),
                "--base-url", BASE)
    assert again.exit_code == 0, again.output
    assert "removed" in again.output
    assert sorted(p.name for p in (built / "records").iterdir()) == [
        "acme-magnet-summit-2027.html", "acme-magnet-summit-2027.ics"]
    assert not (built / "feeds" / "tag-delegation.ics").exists()
    assert (built / "feeds" / "tag-magnets.ics").exists()
