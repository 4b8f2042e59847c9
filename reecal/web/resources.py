"""What the page, the feeds and the API serve, as :class:`~reecal.web.http.Body`
values built from a dataset: one function per resource, shared by ``reecal serve``
and ``reecal site build``.

Nothing here knows about HTTP requests: a resource is a function of the dataset, the
selection, "now" and where the site lives.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from reecal.formats import reports
from reecal.formats.ics import feed
from reecal.formats.rows import to_json
from reecal.model.enums import DatePrecision
from reecal.publish.feeds import CHANGES, FEEDS, changes, not_after, render
from reecal.publish.readme import readme
from reecal.query.facets import unknown
from reecal.web.http import ATOM, CALENDAR, FEED_CACHE, HTML, JSON, LIVE_CACHE, Body
from reecal.web.pages import Site, error_page, index_page, record_page
from reecal.web.selection import FILTERS, ParameterError, Selection

if TYPE_CHECKING:
    from reecal.model.records import Record
    from reecal.query.dataset import Dataset

__all__ = ["STATIC", "api_deadlines", "api_records", "api_upcoming", "known", "newest",
           "not_found", "page", "published", "record", "record_feed", "selection_feed",
           "static_files"]

STATIC = {"reecal.css": "text/css; charset=utf-8", "reecal.js": "text/javascript; charset=utf-8"}
"""The page's own files (under ``/static/``) and their media types."""


def static_files() -> dict[str, Body]:
    """The page's stylesheet and script, read from the installed package."""
    from importlib import resources as importlib_resources

    folder = importlib_resources.files("reecal.web") / "static"
    return {name: Body((folder / name).read_bytes(), media, cache=FEED_CACHE)
            for name, media in STATIC.items()}


def newest(ds: Dataset) -> datetime | None:
    """The newest ``updated`` in the whole data: the Last-Modified of every response
    whose bytes depend only on the data and the URL, never taken from the clock.

    Not the newest of the records a response shows: that can go backwards (a record
    leaving a selection, or its parent's name changing), and a client revalidating
    with If-Modified-Since would then keep a changed copy.
    """
    return max((r.updated for r in ds.records), default=None)


def published(ds: Dataset, filename: str, site: Site, now: datetime) -> Body | None:
    """A published feed (or the calendars README), byte for byte what ``reecal export
    --base-url SITE/calendars`` writes at *now*; None if no file has that name."""
    if filename == CHANGES:
        not_after(ds, now)
        return Body(changes(ds, base=f"{site.base}/calendars"), ATOM, newest(ds))
    if filename == "README.md":
        return Body(readme(f"{site.base}/calendars").encode("utf-8"),
                    "text/markdown; charset=utf-8", newest(ds))
    for f in FEEDS:
        if f.filename == filename:
            return Body(render(f, ds, base=f"{site.base}/calendars"), CALENDAR, newest(ds))
    return None


_PARAMETERS = {"tags": "tag", "orgs": "org", "places": "place", "series": "series"}


def known(ds: Dataset, sel: Selection) -> Selection:
    """*sel*, if every tag, organisation, place and series it names is one that some
    record of *ds* has; else a :class:`ParameterError` (a 400) naming the first that
    none has, with the values near it: a mistyped feed URL is an error, not an empty
    calendar.  (Free text may match nothing; the page says so instead.)"""
    for m in unknown(ds, sel.filter()):
        raise ParameterError(_PARAMETERS[m.criterion], m.sentence())
    return sel


def selection_feed(ds: Dataset, sel: Selection, site: Site, url: str | None = None, *,
                   now: datetime | None = None) -> Body:
    """Every dated part of the records *sel* selects: the events ``reecal list`` gives
    for the same filters.  The bytes depend only on the canonical selection (and the
    URL the feed says it is served from: ``/feed.ics?QUERY`` unless given), except
    that the estimates of ``estimated=1`` depend on *now* too."""
    chosen = known(ds, sel).chosen(ds, now)
    if url is None:
        query = sel.query(FILTERS)
        url = f"{site.base}/feed.ics" + (f"?{query}" if query else "")
    return _dated(feed(chosen, name=sel.feed_name(), ds=ds, source_url=url), CALENDAR,
                  ds, live=sel.estimated)


def record_feed(ds: Dataset, r: Record, site: Site) -> Body:
    """One record's dates, as ``reecal show ID --format ics`` gives them."""
    return _dated(feed([r], name=f"reecal: {r.id}", ds=ds,
                       source_url=f"{site.base}/records/{r.id}.ics"), CALENDAR, ds,
                  live=_estimated(r))


def _estimated(r: Record) -> bool:
    return r.dates.precision is DatePrecision.ESTIMATED


def _dated(content: bytes, media: str, ds: Dataset, *, live: bool) -> Body:
    """A body that depends on the data (Last-Modified: its newest change), or, *live*,
    on the date as well (estimates come and go with it): no Last-Modified, not kept."""
    if live:
        return Body(content, media, cache=LIVE_CACHE)
    return Body(content, media, newest(ds))


def _json(payload: object, last_modified: datetime | None = None) -> Body:
    """JSON exactly as the command line prints it (with its final newline)."""
    return Body((to_json(payload) + "\n").encode("utf-8"), JSON, last_modified,
                cache=LIVE_CACHE if last_modified is None else FEED_CACHE)


def api_upcoming(ds: Dataset, sel: Selection, now: datetime, tz_name: str) -> Body:
    """``reecal upcoming --format json`` for the same filters, days or until, and zone."""
    chosen = known(ds, sel).chosen(ds, now)
    until = reports.horizon(now, sel.days, sel.until)
    return _json(reports.upcoming(chosen, now, tz_name, until).json)


def api_deadlines(ds: Dataset, sel: Selection, now: datetime, tz_name: str) -> Body:
    """``reecal deadlines --format json`` for the same filters and zone."""
    return _json(reports.deadlines(known(ds, sel).chosen(ds, now), now, tz_name).json)


def api_records(ds: Dataset, sel: Selection, now: datetime) -> Body:
    """``reecal list --format json`` (``past=0``: ``--no-past``) for the same filters."""
    extra = {} if sel.past else {"start": now.date()}
    chosen = known(ds, sel).chosen(ds, now, **extra)
    report = reports.listing(chosen, list(chosen))
    # With past=0 or estimates the list changes with the date: no Last-Modified.
    return _json(report.json, newest(ds) if sel.past and not sel.estimated else None)


def page(ds: Dataset, sel: Selection, now: datetime, tz_name: str, site: Site) -> Body:
    """The front page; its countdowns change with the clock (no Last-Modified)."""
    return Body(index_page(ds, sel, now, tz_name, site, zone_given=sel.tz is not None),
                HTML, cache=LIVE_CACHE)


def record(ds: Dataset, r: Record, site: Site) -> Body:
    """A record's page (it names organisations, series, parent and parts)."""
    return _dated(record_page(ds, r, site), HTML, ds, live=_estimated(r))


def not_found(ds: Dataset, rid: str, site: Site) -> Body:
    """404 for an unknown record id, with the ids it may have meant."""
    from reecal.errors import one_line

    return Body(error_page(404, f'No record with id "{one_line(rid)[:80]}".', site,
                           ds.suggest(rid)), HTML, status=404)
