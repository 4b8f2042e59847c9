"""The pages as a person reads them, without a browser: what each shows, and the
links each gives."""

from __future__ import annotations

import re
from urllib.parse import quote

import httpx

import reecal
from tests.support import Run

Client = httpx.Client


def test_the_page_shows_what_upcoming_shows(http: Client, run: Run) -> None:
    cli = run("--today", "2026-05-01", "--tz", "Asia/Shanghai", "upcoming", "--format", "csv")
    countdowns = [line.split(",")[3] for line in cli.output.splitlines()[1:]]
    page = http.get("/", params={"tz": "Asia/Shanghai"}).text
    assert re.findall(r'<td class="countdown">([^<]*)</td>', page)[:len(countdowns)] \
        == countdowns == ["in 14 days", "in 14 days at the earliest"]


def test_nothing_coming_says_what_was_last_and_next(http: Client) -> None:
    page = http.get("/", params={"kind": "forum"}).text
    assert "Nothing between 1 May 2026 and 30 Jul 2026." in page
    assert "Last: 15th China Baotou Rare Earth Industry Forum" in page


def test_subscribe_links_carry_the_selection(http: Client, site_url: str) -> None:
    page = http.get("/?tag=magnets&kind=conference&days=30&tz=Europe/Berlin").text
    feed = f"{site_url}/feed.ics?kind=conference&tag=magnets"
    host = site_url.removeprefix("http://")
    assert f'href="webcal://{host}/feed.ics?kind=conference&amp;tag=magnets"' in page
    assert 'href="https://calendar.google.com/calendar/r/settings/addbyurl"' in page
    assert "cid=" not in page
    outlook = f"https://outlook.live.com/calendar/0/addfromweb?url={quote(feed, safe='')}"
    assert f'href="{outlook}&amp;name=' in page
    assert f'value="{feed.replace("&", "&amp;")}"' in page
    # days and tz shape the page, not the feed
    assert "days=30" not in page.split('id="subscribe"')[1].split("</section>")[0]


def test_an_empty_selection_subscribes_to_the_published_feed(http: Client,
                                                              site_url: str) -> None:
    assert f'value="{site_url}/calendars/all.ics"' in http.get("/").text


def test_the_form_shows_the_selection_it_came_from(http: Client, ds: reecal.Dataset) -> None:
    page = http.get("/?kind=visit&tag=delegation&org=cres&q=Ganzhou&place=Jiangxi").text
    assert 'value="visit" checked' in page and 'value="forum" checked' not in page
    assert '<option value="delegation" selected>' in page
    assert '<option value="cres" selected>' in page
    assert 'name="q" value="Ganzhou"' in page and 'name="place" value="Jiangxi"' in page
    rows = re.findall(r'<tr class="record" data-id="([^"]+)"', page)
    assert rows and rows == [r.id for r in ds.select(reecal.Filter(
        kinds=("visit",), tags=("delegation",), orgs=("cres",), text="Ganzhou",
        places=("Jiangxi",)))]


def test_a_record_page_says_everything_with_its_sources(http: Client) -> None:
    page = http.get("/records/baotou-rare-earth-forum-15").text
    assert "15th China Baotou Rare Earth Industry Forum" in page
    assert "Only the opening day is published; the end date is not." in page
    assert "Year inferred (the source gives none)." in page and "Why: The seed says" in page
    assert page.count('<figure class="source">') >= 1 and "<blockquote>" in page
    assert 'href="/records/cres-academic-annual-conference-2023"' in page
    assert "Parts</dt>" in page and "Before it</dt>" in page
    child = http.get("/records/wang-lixia-visit-baotou-rare-earth-research-institute-2023").text
    assert "Before</dt>" in child and 'href="/records/baotou-rare-earth-forum-15"' in child
    assert 'href="/records/wang-lixia-visit-baotou-rare-earth-research-institute-2023.ics"' \
        in child


def test_a_selection_that_matches_nothing_suggests_the_near_value(http: Client) -> None:
    page = http.get("/?tag=magnet&q=tungstn").text
    assert "<p>No records match.</p>" in page
    assert ('<p class="miss">No record has the tag &#34;magnet&#34; (did you mean '
            '&#34;magnets&#34;?).</p>') in page
    assert 'No record mentions &#34;tungstn&#34; (did you mean &#34;tungsten&#34;?)' in page
    assert 'class="miss"' not in http.get("/?tag=magnets").text
    # the feed of that selection would be a 400: the page offers none, and says why
    assert ('<p class="warn no-feed">No feed for this selection: No record has the tag '
            '&#34;magnet&#34;') in page
    assert 'id="feed-url"' not in page and 'data-client=' not in page
    assert 'id="feed-url"' in http.get("/?q=tungstn").text  # text may match later
