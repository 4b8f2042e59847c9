"""The page in a real browser (Debian's chromium through Playwright): countdowns equal
the command line's, in the browser's zone; subscribe links; the filter form; no
console errors; the page without JavaScript; the static site filtering in the browser.

Screenshots land in tests/output/ for a person to look at.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import reecal
from reecal.web.app import Config, create_app
from tests.support import ROOT, Run, serving

pytestmark = pytest.mark.slow

OUTPUT = ROOT / "tests" / "output"
NOW = "2025-11-12T09:00:00+00:00"
"""While the CAST window is open: timed countdowns tick in hours and minutes."""


@pytest.fixture(scope="module")
def open_window_url(ds: reecal.Dataset) -> Iterator[str]:
    with serving(create_app(ds, Config(today=NOW, tz="Asia/Shanghai"))) as url:
        yield url


def _page(browser: Any, zone: str, errors: list[str], *, js: bool = True,
          now: str = NOW) -> Any:
    context = browser.new_context(timezone_id=zone, java_script_enabled=js,
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.clock.set_fixed_time(datetime.fromisoformat(now))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return page


def _cells(page: Any, selector: str) -> list[str]:
    return [t.strip() for t in page.locator(selector).all_inner_texts()]


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "Europe/Berlin", "America/New_York"])
def test_countdowns_equal_the_command_lines_in_the_browsers_zone(
        browser: Any, open_window_url: str, run: Run, zone: str) -> None:
    errors: list[str] = []
    page = _page(browser, zone, errors)
    page.goto(open_window_url + "/")
    up = json.loads(run("--today", NOW, "--tz", zone, "upcoming", "--format", "json").output)
    dl = json.loads(run("--today", NOW, "--tz", zone, "deadlines", "--format", "json").output)
    assert up["items"] and dl["deadlines"][0]["countdown"] == "closes in 5 days"
    assert _cells(page, "tr.item td.countdown") == [i["countdown"] for i in up["items"]]
    assert _cells(page, "tr.deadline td.countdown") == [d["countdown"] for d in dl["deadlines"]]
    assert _cells(page, "tr.deadline td.local") == [d["closes_local_text"]
                                                    for d in dl["deadlines"]]
    assert page.locator("#zone").inner_text() == zone
    assert errors == []
    if zone == "Europe/Berlin":
        OUTPUT.mkdir(exist_ok=True)
        page.screenshot(path=str(OUTPUT / "page.png"), full_page=True)
    page.context.close()


@pytest.mark.parametrize("now", ["2023-08-01T09:00:00+00:00", "2026-05-16T09:00:00+00:00"])
def test_days_not_known_count_down_live_as_the_command_line_says(
        browser: Any, ds: reecal.Dataset, run: Run, now: str) -> None:
    """An "on or before" day (at the latest), a day "during the parent" (at the
    earliest; "possibly today" while the parent runs): the page's script says what the
    command line says."""
    errors: list[str] = []
    with serving(create_app(ds, Config(today=now, tz="UTC"))) as url:
        page = _page(browser, "UTC", errors, now=now)
        page.goto(url + "/")
        up = json.loads(run("--today", now, "--tz", "UTC", "upcoming", "--format",
                            "json").output)
        said = [i["countdown"] for i in up["items"]]
        assert any(w in c for c in said for w in ("at the latest", "possibly today"))
        assert _cells(page, "tr.item td.countdown") == said
        page.context.close()
    assert errors == []


def test_the_page_works_without_javascript(browser: Any, open_window_url: str,
                                           run: Run) -> None:
    errors: list[str] = []
    page = _page(browser, "Europe/Berlin", errors, js=False)
    page.goto(open_window_url + "/")
    up = json.loads(run("--today", NOW, "--tz", "Asia/Shanghai", "upcoming", "--format",
                        "json").output)
    assert _cells(page, "tr.item td.countdown") == [i["countdown"] for i in up["items"]]
    assert page.locator("#subscribe a").count() == 5
    page.context.close()


def test_a_narrow_screen_needs_no_sideways_scrolling(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 400, "height": 800})
    page = context.new_page()
    for path in ("/", "/records/cres-ganzhou-field-visit-2025"):
        page.goto(site_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 400, path
    OUTPUT.mkdir(exist_ok=True)
    page.goto(site_url + "/")
    page.screenshot(path=str(OUTPUT / "narrow.png"), full_page=True)
    context.close()


def test_subscribe_links_and_the_filter_form(browser: Any, site_url: str) -> None:
    errors: list[str] = []
    page = _page(browser, "Asia/Shanghai", errors)
    page.goto(site_url + "/")
    page.locator("input[name=kind][value=visit]").check()
    page.locator("select[name=tag]").select_option(["delegation"])
    page.locator("form#filters button[type=submit]").click()
    page.wait_for_load_state()
    assert "kind=visit" in page.url and "tag=delegation" in page.url
    assert page.locator("input[name=kind][value=visit]").is_checked()
    assert page.locator("select[name=tag] option[value=delegation]").evaluate("o => o.selected")
    kinds = _cells(page, "tr.record td:nth-child(2)")
    assert kinds and set(kinds) == {"visit"}
    feed = f"{site_url}/feed.ics?kind=visit&tag=delegation"
    links = {a.get_attribute("data-client"): a.get_attribute("href")
             for a in page.locator("#subscribe a").all()}
    assert links["Apple Calendar, Thunderbird"] == "webcal://" + feed.split("://")[1]
    assert links["Google Calendar"] == "https://calendar.google.com/calendar/r/settings/addbyurl"
    assert links["Any other app"] == feed
    assert page.locator("#feed-url").input_value() == feed
    page.locator("tr.record a").first.click()
    page.wait_for_load_state()
    assert "/records/" in page.url and page.locator("#sources blockquote").count() >= 1
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "record.png"), full_page=True)
    assert errors == []
    page.context.close()


def test_the_static_site_filters_in_the_browser(browser: Any, run: Run, tmp_path: Path
                                                ) -> None:
    from starlette.applications import Starlette
    from starlette.routing import Mount
    from starlette.staticfiles import StaticFiles

    out = tmp_path / "public"
    base = "https://dates.example.org"
    assert run("--today", "2025-11-01", "site", "build", str(out), "--base-url", base
               ).exit_code == 0
    app = Starlette(routes=[Mount("/", StaticFiles(directory=out, html=True))])
    errors: list[str] = []
    with serving(app) as url:
        page = _page(browser, "Asia/Shanghai", errors)
        page.goto(url + "/index.html?kind=conference")
        visible = [r for r in page.locator("tr.record").all() if r.is_visible()]
        assert visible and {r.get_attribute("data-f-kind") for r in visible} == {"conference"}
        assert page.locator("input[name=kind][value=conference]").is_checked()
        assert page.locator("#feed-url").input_value() == f"{base}/feeds/kind-conference.ics"
        page.goto(url + "/index.html?kind=CONFERENCE&kind=conference")
        assert page.locator("#feed-url").input_value() == f"{base}/feeds/kind-conference.ics"
        page.goto(url + "/index.html?tag=..%2F..%2Fx")
        assert page.locator("#feed-url").input_value() == f"{base}/calendars/all.ics"
        page.goto(url + "/index.html?kind=conference&tag=magnets")
        assert page.locator("#static-feed-note-js").is_visible()
        OUTPUT.mkdir(exist_ok=True)
        page.screenshot(path=str(OUTPUT / "static.png"), full_page=True)
        assert not page.locator("noscript").first.is_visible()
        page.context.close()
        page = _page(browser, "Asia/Shanghai", errors, js=False)  # the filters need JS:
        page.goto(url + "/index.html?kind=conference")  # the page says so, lists all
        warning = page.locator("noscript p.warn")
        assert warning.is_visible() and "filters do nothing" in warning.inner_text()
        assert all(r.is_visible() for r in page.locator("tr.record").all())
        link = page.locator("noscript a").get_attribute("href")
        assert link is not None and (out / link.lstrip("./")).is_file()
        page.context.close()
    assert errors == []
