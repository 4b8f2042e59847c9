"""The HTML pages: what is coming, one record in full, and errors.

Every page is rendered on the server (it works without JavaScript) by jinja2 with
autoescaping on, from the same reports, rows and prose as the command line and the
feeds.  A :class:`Site` says how links are written: under the server's base URL, or
relative and ending in ``.html`` for a static build.
"""

from __future__ import annotations

import functools
from datetime import datetime
from typing import TYPE_CHECKING, Any

from attrs import frozen

from reecal.formats import prose, reports
from reecal.formats.facts import record_rows
from reecal.formats.words import day, zone_label
from reecal.model.enums import Kind, Status
from reecal.model.records import Event, Programme, Record
from reecal.model.suggest import fold
from reecal.query.facets import misses
from reecal.query.filter import involved
from reecal.query.when import zone_of
from reecal.web.selection import FILTERS, Selection
from reecal.web.subscribe import links

if TYPE_CHECKING:
    import jinja2

    from reecal.query.dataset import Dataset

__all__ = ["STATIC_DAYS", "Site", "error_page", "index_page", "record_page"]

STATIC_DAYS = 366
"""How far ahead a static page lists (the browser hides what has passed)."""


@frozen(kw_only=True)
class Site:
    """Where the pages live: *base* is the absolute URL of the site's root (no
    trailing slash); a *static* site links to ``.html`` files, relative to *depth*."""

    base: str
    static: bool = False
    depth: int = 0

    @property
    def root(self) -> str:
        """The prefix of links to the site's own pages and files."""
        if self.static:
            return "../" * self.depth
        from urllib.parse import urlsplit

        return urlsplit(self.base).path.rstrip("/") + "/"

    def record(self, rid: str) -> str:
        return f"{self.root}records/{rid}" + (".html" if self.static else "")

    def feed_url(self, sel: Selection) -> str:
        """The absolute URL of the feed of *sel* (a published feed where one fits)."""
        query = sel.query(FILTERS)
        if not query:
            return f"{self.base}/calendars/all.ics"
        if self.static:
            return f"{self.base}/{static_feed(sel) or 'calendars/all.ics'}"
        return f"{self.base}/feed.ics?{query}"


def static_feed(sel: Selection) -> str | None:
    """The file of a static site that holds exactly *sel* (one kind or one tag)."""
    pairs = sel.pairs(FILTERS)
    if len(pairs) == 1 and pairs[0][0] in ("kind", "tag"):
        return f"feeds/{pairs[0][0]}-{pairs[0][1]}.ics"
    return None


@functools.cache
def _env() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("reecal.web", "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters["day"] = day
    env.filters["zone_label"] = zone_label
    return env


def _render(template: str, **context: Any) -> bytes:
    return _env().get_template(template).render(**context).encode("utf-8")


def _search_blob(r: Record, ds: Dataset) -> dict[str, str]:
    """What a static page's in-browser filter matches, folded as the library folds."""
    orgs = ds.organisations
    series = ds.series.get(r.series) if r.series else None
    org_names = [n for i in involved(r) if i in orgs for n in (
        orgs[i].id, orgs[i].short, orgs[i].name_zh, orgs[i].name, *orgs[i].aliases) if n]
    return {
        "kind": r.kind.value, "status": r.status.value,
        "tags": "\t".join(fold(t) for t in r.tags),
        "text": "\t".join(fold(t) for t in (*r.titles(), *(series.names() if series else ()))),
        "org": "\t".join(fold(n) for n in org_names),
        "place": fold(r.place.label) if r.place else "",
        "series": "\t".join(fold(n) for n in ((series.id, *series.names()) if series else ())),
    }


_TICK = "tick \u201cestimated next editions\u201d to list it"
"""How the page says to show the estimates it leaves out."""


def index_page(ds: Dataset, sel: Selection, now: datetime, tz_name: str, site: Site,
               *, zone_given: bool = False) -> bytes:
    """The front page: what is coming, which windows are open, the matching records,
    the filter form and the subscribe links for the selection."""
    chosen = sel.chosen(ds, now)
    until = reports.horizon(now, STATIC_DAYS if site.static else sel.days, sel.until)
    up = reports.upcoming(chosen, now, tz_name, until)
    dl = reports.deadlines(chosen, now, tz_name)
    records = list(chosen)
    missed = misses(ds, sel.filter())  # (each value no record has: said once, used twice)
    firsts = {r.id: r.dates.first_day.isoformat() for r in up.records}
    feed = site.feed_url(sel)
    return _render(
        "index.html", site=site, sel=sel, now=now, tz=tz_name, zone_given=zone_given,
        until=until, upcoming=up.rows, firsts=firsts, deadlines=dl.rows,
        records=zip(records, record_rows(records), strict=True),
        blobs={r.id: _search_blob(r, ds) for r in records} if site.static else {},
        nothing=reports.nothing(
            chosen, now, until, zone_of(tz_name),
            estimates=None if site.static else _TICK,
        ) if not up.rows else [],
        misses=[] if records else [m.sentence() for m in missed],
        no_feed=[m.sentence() for m in missed if m.names_something],
        kinds=[k.value for k in Kind], statuses=[s.value for s in Status], tags=ds.tags,
        series=sorted(ds.series.values(), key=lambda s: s.name),
        orgs=sorted(ds.organisations.values(), key=lambda o: o.label),
        feed=feed, links=links(feed, sel.feed_name()), static_feed=static_feed(sel),
        title="Rare-earth industry calendar")


def record_page(ds: Dataset, r: Record, site: Site) -> bytes:
    """One record in full: dates with their precision and certainty, place, organisers,
    parent and parts, every source with its quote."""
    orgs = {o.id: o for o in ds.organisers_of(r)}
    kids = ds.children(r.id)
    return _render(
        "record.html", site=site, r=r, title=r.title, date_lines=prose.date_lines(r),
        certainty=prose.certainty_lines(r), summary_line=prose.summary(r),
        organisers=[orgs[i] for i in r.organisers if i in orgs],
        hosts=[orgs[i] for i in r.hosts if i in orgs] if isinstance(r, Event) else [],
        sponsor=orgs.get(r.sponsor) if isinstance(r, Programme) and r.sponsor else None,
        parent=ds.get(r.parent) if r.parent is not None and r.parent in ds else None,
        parts=[c for c in kids if not c.dates.on_or_before],
        before=[c for c in kids if c.dates.on_or_before],
        series=ds.series.get(r.series) if r.series else None,
        feed=f"{site.root}records/{r.id}.ics",
        feed_abs=f"{site.base}/records/{r.id}.ics")


def error_page(status: int, message: str, site: Site, near: tuple[str, ...] = ()) -> bytes:
    """An error page: what went wrong, and the records the visitor may have meant."""
    return _render("error.html", site=site, status=status, message=message, near=near,
                   title=f"{status}: {message}")
