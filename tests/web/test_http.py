"""reecal serve over real HTTP: types, validators, conditional requests, errors, and
the same bytes as the command line."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any

import httpx
import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

import reecal
from reecal.publish.files import render_all
from reecal.web.app import Config, create_app
from tests.conftest import SERVED_TODAY
from tests.support import Run, serving

Client = httpx.Client
CLI = ("--today", SERVED_TODAY, "--tz", "Asia/Shanghai")


@pytest.mark.parametrize(("path", "media"), [
    ("/", "text/html; charset=utf-8"),
    ("/records/cast-doctoral-talent-2025", "text/html; charset=utf-8"),
    ("/records/cast-doctoral-talent-2025.ics", "text/calendar; charset=utf-8"),
    ("/records/cast-doctoral-talent-2025.html", "text/html; charset=utf-8"),
    ("/calendars/changes.atom", "application/atom+xml; charset=utf-8"),
    ("/calendars/all.ics", "text/calendar; charset=utf-8"),
    ("/feed.ics?tag=magnets", "text/calendar; charset=utf-8"),
    ("/api/upcoming.json", "application/json; charset=utf-8"),
    ("/api/deadlines.json", "application/json; charset=utf-8"),
    ("/api/records.json", "application/json; charset=utf-8"),
    ("/static/reecal.js", "text/javascript; charset=utf-8"),
    ("/static/reecal.css", "text/css; charset=utf-8"),
])
def test_every_resource_has_its_type_and_the_security_headers(http: Client, path: str,
                                                               media: str) -> None:
    r = http.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"] == media
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert r.headers["etag"].startswith('"') and not r.headers["etag"].startswith('W/')
    assert "public" in r.headers["cache-control"]


def test_published_feeds_are_what_export_writes(http: Client, site_url: str,
                                                ds: reecal.Dataset) -> None:
    files = render_all(ds, base=f"{site_url}/calendars")
    feeds = [n for n in files if n.endswith((".ics", ".atom"))]
    assert len(feeds) == 5
    assert http.get("/calendars/README.md").content == files["README.md"]
    for name in feeds:
        r = http.get(f"/calendars/{name}")
        assert r.content == files[name], name
        assert r.headers["last-modified"] == format_datetime(
            max(x.updated for x in ds.records).astimezone(UTC), usegmt=True)
    assert http.get("/calendars/nope.ics").status_code == 404


def _vevents(data: bytes) -> dict[str, bytes]:
    cal = icalendar.Calendar.from_ical(data)
    return {str(e["UID"]): e.to_ical() for e in cal.walk("VEVENT")}


@pytest.mark.parametrize("query", [
    [], [("kind", "visit")], [("tag", "magnets"), ("tag", "talent")],
    [("org", "CRES"), ("kind", "meeting"), ("kind", "visit")], [("place", "baotou")],
    [("status", "confirmed"), ("series", "youth")], [("q", "包头")], [("q", "forum")],
])
def test_a_selection_feed_holds_the_events_list_gives(http: Client, run: Run,
                                                      query: list[tuple[str, str]]) -> None:
    flags = {"kind": "--kind", "tag": "--tag", "org": "--org", "place": "--place",
             "status": "--status", "series": "--series"}
    args = [a for k, v in query if k != "q" for a in (flags[k], v)]
    text = [v for k, v in query if k == "q"]
    cmd = ["search", *text] if text else ["list"]
    cli = run(*CLI, *cmd, *args, "--format", "ics")
    assert cli.exit_code == 0, cli.output
    served = http.get("/feed.ics", params=query)
    assert served.status_code == 200
    assert _vevents(served.content) == _vevents(cli.stdout_bytes)


def test_order_and_duplicates_change_neither_bytes_nor_etag(http: Client) -> None:
    a = http.get("/feed.ics?kind=visit&tag=delegation&kind=meeting")
    b = http.get("/feed.ics?tag=delegation&kind=meeting&kind=visit&kind=visit&q=&place=")
    assert a.content == b.content and a.headers["etag"] == b.headers["etag"]
    assert b"SOURCE:http://127.0.0.1:" in a.content
    assert b"/feed.ics?kind=meeting&kind=visit&tag=delegation\r\n" in a.content.replace(
        b"\r\n ", b"")


def test_if_none_match_gives_304_without_a_body(http: Client) -> None:
    first = http.get("/feed.ics?kind=forum")
    etag = first.headers["etag"]
    for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        r = http.get("/feed.ics?kind=forum", headers={"If-None-Match": header})
        assert r.status_code == 304, header
        assert r.content == b""
        assert r.headers["etag"] == etag
        assert r.headers["cache-control"] == first.headers["cache-control"]
        assert "content-type" not in r.headers
    assert http.get("/feed.ics?kind=forum", headers={"If-None-Match": '"x"'}).status_code == 200


def test_if_none_match_wins_over_if_modified_since(http: Client) -> None:
    future = format_datetime(datetime(2100, 1, 1, tzinfo=UTC), usegmt=True)
    r = http.get("/calendars/all.ics", headers={"If-None-Match": '"stale"',
                                                "If-Modified-Since": future})
    assert r.status_code == 200 and r.content


def test_if_modified_since_uses_the_datas_last_modified(http: Client) -> None:
    lm = http.get("/calendars/events.ics").headers["last-modified"]
    assert http.get("/calendars/events.ics",
                    headers={"If-Modified-Since": lm}).status_code == 304
    earlier = format_datetime(parsedate_to_datetime(lm) - timedelta(seconds=1), usegmt=True)
    assert http.get("/calendars/events.ics",
                    headers={"If-Modified-Since": earlier}).status_code == 200
    # The page's countdowns change with the clock: no Last-Modified, so no 304 by date.
    page = http.get("/")
    assert "last-modified" not in page.headers
    assert http.get("/", headers={"If-Modified-Since": lm}).status_code == 200


@pytest.mark.parametrize("path", ["/", "/feed.ics?tag=magnets", "/api/records.json",
                                  "/records/baotou-rare-earth-forum-15"])
def test_head_is_get_without_a_body(http: Client, path: str) -> None:
    get, head = http.get(path), http.head(path)
    assert head.status_code == 200 and head.content == b""
    for name in ("content-type", "content-length", "etag", "cache-control"):
        assert head.headers[name] == get.headers[name], name
    assert int(head.headers["content-length"]) == len(get.content)


@pytest.mark.parametrize(("path", "status", "words"), [
    ("/feed.ics?knd=forum", 400, 'knd: unknown parameter (did you mean "kind"?)'),
    ("/feed.ics?kind=workshop", 400, "kind: unknown kind 'workshop'"),
    ("/api/upcoming.json?days=lots", 400, "days: expected a whole number"),
    ("/api/upcoming.json?days=3&until=2026-06-01", 400, "until: give days or until"),
    ("/api/deadlines.json?tz=Mars/Base", 400, "tz: unknown time zone 'Mars/Base'"),
    ("/api/records.json?days=3", 400, "days: unknown parameter"),
    ("/?q=" + "x" * 300, 400, "q: longer than 200 characters"),
    ("/records/no-such-thing.ics", 404, 'no record with id "no-such-thing"'),
    ("/api/upcoming.json?days=%C2%B2", 400, "days: expected a whole number"),
    ("/api/upcoming.json?days=%EF%BC%91", 400, "days: expected a whole number"),
    ("/feed.ics?" + "&".join(f"tag=t{i}" for i in range(21)), 400, "tag: more than 20 values"),
    ("/feed.ics?q=" + "x" * 5000, 414, "the query is longer than 4096 bytes"),
    ("/api/upcoming.json/", 404, "Not found"),
    ("/feed.ics?tag=magnet", 400, 'tag: No record has the tag "magnet" (did you mean '
                                  '"magnets"?)'),
    ("/feed.ics?tag=magnets&tag=magnet", 400, 'tag: No record has the tag "magnet"'),
    ("/api/records.json?org=zzz", 400, 'org: No record has the organisation "zzz"'),
    ("/api/upcoming.json?series=nonexistent", 400, "series: No record has the series"),
    ("/api/deadlines.json?place=Atlantis", 400, 'place: No record has the place "Atlantis"'),
])
def test_a_bad_request_names_the_parameter(http: Client, path: str, status: int,
                                           words: str) -> None:
    r = http.get(path)
    assert r.status_code == status
    text = json.loads(r.text)["error"] if "json" in r.headers["content-type"] else r.text
    assert words in text.replace("&#34;", '"').replace("&#39;", "'")
    assert r.headers["cache-control"] == "no-store"


def test_text_that_matches_nothing_is_an_empty_answer_not_an_error(http: Client) -> None:
    r = http.get("/api/records.json?q=zzzzqqq")
    assert r.status_code == 200 and json.loads(r.text)["records"] == []
    assert http.get("/feed.ics?tag=magnets").status_code == 200


def test_an_unknown_record_is_404_with_the_near_ids(http: Client) -> None:
    r = http.get("/records/baotou-forum-15")
    assert r.status_code == 404
    assert 'href="/records/baotou-rare-earth-forum-15"' in r.text


def test_the_cache_never_answers_for_another_host_or_scheme(http: Client) -> None:
    import socket

    a = http.get("/feed.ics?kind=forum", headers={"X-Forwarded-Proto": "https"})
    b = http.get("/feed.ics?kind=forum")
    assert b"SOURCE:https://" in a.content and b"SOURCE:http://" in b.content
    host, port = http.base_url.host, http.base_url.port
    with socket.create_connection((host, port)) as sock:
        sock.sendall(b"GET /feed.ics?kind=visit HTTP/1.1\r\nHost: evil.example\r\n"
                     b"Host: " + f"{host}:{port}".encode() + b"\r\nConnection: close\r\n\r\n")
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 400") and b"more than one Host header" in reply
    assert b"evil.example" not in http.get("/feed.ics?kind=visit").content


def test_repeated_if_none_match_lines_are_one_list(http: Client) -> None:
    etag = http.get("/feed.ics?kind=meeting").headers["etag"]
    for _ in range(2):  # rendered, then from the cache: the same answer
        r = http.get("/feed.ics?kind=meeting",
                     headers=[("If-None-Match", '"x"'), ("If-None-Match", etag)])
        assert r.status_code == 304


def test_the_frameworks_own_answers_carry_the_security_headers(http: Client) -> None:
    r = http.post("/feed.ics")
    assert r.status_code == 405 and r.headers["allow"] == "GET, HEAD"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "content-security-policy" in http.get("/no/such/path").headers


def test_user_text_never_reaches_the_page_unescaped(http: Client) -> None:
    evil = '<script>alert("x")</script>'
    r = http.get("/", params={"q": evil, "place": '"><img src=x onerror=alert(1)>'})
    assert r.status_code == 200
    assert "<script>alert" not in r.text and "<img src=x" not in r.text
    assert "&lt;script&gt;" in r.text
    assert http.get("/", headers={"Host": "<evil>"}).status_code == 400
    for port in ("99999", "0", "65536"):  # a port no URL can have
        assert http.get("/feed.ics", headers={"Host": f"a.example:{port}"}).status_code == 400
    assert http.get("/feed.ics", headers={"Host": "a.example:65535"}).status_code == 200


@pytest.mark.parametrize(("path", "args"), [
    ("/api/upcoming.json?kind=conference&days=30", ["upcoming", "--kind", "conference",
                                                    "--days", "30"]),
    ("/api/upcoming.json?until=2026-05-20", ["upcoming", "--until", "2026-05-20"]),
    ("/api/deadlines.json", ["deadlines"]),
    ("/api/records.json?tag=magnets", ["list", "--tag", "magnets"]),
    ("/api/records.json?past=0", ["list", "--no-past"]),
])
def test_the_api_says_what_the_cli_says(http: Client, run: Run, path: str,
                                        args: list[str]) -> None:
    cli = run(*CLI, *args, "--format", "json")
    assert cli.exit_code == 0, cli.output
    r = http.get(path)
    assert r.status_code == 200
    assert r.text == cli.output


def test_the_visitor_chooses_the_zone_as_with_tz(http: Client, run: Run) -> None:
    cli = run("--today", SERVED_TODAY, "--tz", "Europe/Berlin", "upcoming", "--format", "json")
    assert http.get("/api/upcoming.json?tz=Europe/Berlin").text == cli.output
    assert json.loads(cli.output)["now"] == "2026-05-01T00:00:00+02:00"


def test_now_is_read_at_each_request(ds: reecal.Dataset) -> None:
    ticks = iter([datetime(2025, 11, 12, 9, 0, tzinfo=UTC), datetime(2025, 11, 18, 0, 0,
                                                                      tzinfo=UTC)])
    app = create_app(ds, Config(tz="UTC", clock=lambda: next(ticks)))
    with serving(app) as url, httpx.Client(base_url=url) as http:
        first = http.get("/api/deadlines.json").json()
        second = http.get("/api/deadlines.json").json()
    assert first["now"] == "2025-11-12T09:00:00+00:00"
    assert (first["deadlines"][0]["state"], second["deadlines"][0]["state"]) == ("open", "closed")


_KEYS = st.sampled_from([("kind", "visit"), ("kind", "meeting"), ("kind", "forum"),
                         ("tag", "magnets"), ("tag", "delegation"), ("org", "cres"),
                         ("place", "ganzhou"), ("status", "confirmed"), ("q", "rare")])


@given(query=st.lists(_KEYS, max_size=6), other=st.lists(_KEYS, max_size=6),
       shuffle=st.randoms())
def test_a_304_is_never_sent_for_a_changed_body(site_url: str, query: list[tuple[str, str]],
                                                other: list[tuple[str, str]],
                                                shuffle: Any) -> None:
    def q_ok(q: list[tuple[str, str]]) -> list[tuple[str, str]]:
        texts = [p for p in q if p[0] == "q"]
        return [p for p in q if p[0] != "q"] + texts[:1]

    query, other = q_ok(query), q_ok(other)
    with httpx.Client(base_url=site_url) as http:
        _compare(http, query, other, shuffle)


def _compare(http: Client, query: list[tuple[str, str]], other: list[tuple[str, str]],
             shuffle: Any) -> None:
    a = http.get("/feed.ics", params=query)
    mixed = query + query[:2]
    shuffle.shuffle(mixed)
    again = http.get("/feed.ics", params=mixed)
    assert again.content == a.content and again.headers["etag"] == a.headers["etag"]
    b = http.get("/feed.ics", params=other, headers={"If-None-Match": a.headers["etag"]})
    if b.status_code == 304:
        assert http.get("/feed.ics", params=other).content == a.content
    else:
        assert b.content != a.content


def test_estimated_1_adds_the_estimates_to_the_feed_the_page_and_the_api(http: Client) -> None:
    rid = "cres-academic-annual-conference-2026-estimated"
    plain = http.get("/feed.ics?series=cres-academic-annual-conference")
    assert rid.encode() not in plain.content and "last-modified" in plain.headers
    asked = http.get("/feed.ics?estimated=1&series=cres-academic-annual-conference")
    assert f"UID:{rid}@reecal".encode() in asked.content
    assert "last-modified" not in asked.headers  # estimates move with the date
    page = http.get("/records/" + rid)
    assert page.status_code == 200 and "estimated" in page.text
    assert http.get(f"/records/{rid}.ics").status_code == 200
    listed = http.get("/api/records.json?estimated=1&series=cres-academic-annual-conference")
    assert [r["id"] for r in listed.json()["records"]][-1] == rid
    front = http.get("/?estimated=1&days=120")
    assert rid in front.text and 'name="estimated" value="1" checked' in front.text
    assert http.get("/?estimated=maybe").status_code == 400

def test_the_changes_feed_is_served_with_its_etag_and_never_ahead_of_the_clock(
        http: Client, ds: reecal.Dataset) -> None:
    import feedparser

    first = http.get("/calendars/changes.atom")
    assert not feedparser.parse(first.content).bozo
    assert http.get("/calendars/changes.atom", headers={
        "If-None-Match": first.headers["etag"]}).status_code == 304
    assert b'href="' + str(http.base_url).rstrip("/").encode() + b'/records/' in first.content
    page = http.get("/records/cast-doctoral-talent-2025.html")
    assert page.content == http.get("/records/cast-doctoral-talent-2025").content
    assert b'<link rel="alternate" type="application/atom+xml"' in http.get("/").content
    newest = max(r.updated for r in ds)
    app = create_app(ds, Config(today=SERVED_TODAY, clock=lambda: newest - timedelta(seconds=1)))
    with serving(app) as url:
        r = httpx.get(f"{url}/calendars/changes.atom")
        assert r.status_code == 500 and b"a change cannot be published before it is made" \
            in r.content
        assert httpx.get(f"{url}/calendars/all.ics").status_code == 200
