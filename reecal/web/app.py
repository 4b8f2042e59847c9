"""``reecal serve``: the page, the record pages, the feeds and the API over HTTP.

A Starlette application on uvicorn, behind :class:`~reecal.web.front.Front`.  It is
stateless apart from the dataset it loads at start and the Front's bounded cache of
stable bodies, so it runs as several worker processes behind any reverse proxy or
CDN, which the ETag and Cache-Control headers let cache it.
"Now" is ``--today`` or the clock at each request, never frozen at start.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from attrs import field, frozen
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from reecal.errors import FeedError, FieldError, ReecalError
from reecal.web import resources
from reecal.web.front import SCOPE_KEY, Front
from reecal.web.http import FEED_CACHE, Body, conditions, respond
from reecal.web.pages import Site, error_page
from reecal.web.selection import (
    DEADLINES,
    FILTERS,
    LISTING,
    PAGE,
    UPCOMING,
    ParameterError,
    Selection,
    parse,
)

if TYPE_CHECKING:
    from reecal.query.dataset import Dataset

__all__ = ["ENV", "Config", "create_app", "from_environment"]

ENV = "REECAL_SERVE_CONFIG"
"""How ``reecal serve --workers N`` hands its settings to each worker process."""

_HOST = re.compile(r"^[A-Za-z0-9.\-]+(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$")


@frozen(kw_only=True)
class Config:
    """What ``reecal serve`` was told: the fixed date if any, the default zone for
    visitors who name none, and the public base URL (else taken from each request)."""

    today: str | None = None
    tz: str = "UTC"
    base_url: str | None = None
    clock: Callable[[], datetime] | None = field(default=None, eq=False)
    """Where "now" comes from without --today, and what a relative --today ("tomorrow",
    "+7d") counts from (tests inject one); default the clock."""


class _BadRequest(ReecalError):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def create_app(ds: Dataset, config: Config) -> Front:
    """The web application serving *ds*."""
    from reecal.query.when import moment

    static = resources.static_files()

    def site_of(request: Request) -> Site:
        if config.base_url:
            return Site(base=config.base_url.rstrip("/"))
        host = request.headers.get("host", "")  # the Front refused several
        m = _HOST.match(host)
        port = m and (m.group(1) or m.group(2))
        if not m or (port and not 0 < int(port[1:]) < 65536):
            raise _BadRequest("bad Host header")
        return Site(base=f"{request.url.scheme}://{host}"
                         f"{request.scope.get('root_path', '')}".rstrip("/"))

    def now_in(tz: str) -> datetime:
        from reecal.query.when import zone_of

        clock = (config.clock or _utc_now)().astimezone(zone_of(tz))
        return moment(config.today, tz, now=clock) if config.today else clock

    def selection(request: Request, allowed: frozenset[str]) -> Selection:
        try:
            return parse(request.query_params.multi_items(), allowed)
        except ReecalError as exc:
            raise _BadRequest(str(exc)) from None

    def endpoint(build: Callable[[Request, Site], Body], *, stable: bool = False
                 ) -> Callable[[Request], Awaitable[Response]]:
        """A route answering with what *build* makes; a *stable* body (one that depends
        only on the URL and the data) is left for the :class:`Front` to reuse."""
        async def handle(request: Request) -> Response:
            try:
                site = site_of(request)
            except _BadRequest as exc:
                return _send(request, Body(f"{exc}\n".encode(), "text/plain; charset=utf-8",
                                           status=400))
            try:
                body = build(request, site)
            except _BadRequest as exc:
                body = _error(request, exc.status, str(exc), site)
            except (FieldError, ParameterError) as exc:
                body = _error(request, 400, str(exc), site)
            if stable and body.status == 200 and body.cache == FEED_CACHE:
                request.scope[SCOPE_KEY] = body
            return _send(request, body)
        handle.__name__ = build.__name__
        return handle

    def home(request: Request, site: Site) -> Body:
        sel = selection(request, PAGE)
        tz = sel.tz or config.tz
        return resources.page(ds, sel, now_in(tz), tz, site)

    def known(rid: str) -> Dataset | None:
        """The dataset that holds record *rid* (with today's estimates for an
        estimate's id), or None."""
        holder = ds.holding(rid, now_in(config.tz))
        return holder if rid in holder else None

    def record(request: Request, site: Site) -> Body:
        rid = request.path_params["rid"]
        holder = known(rid)
        if holder is None:
            return resources.not_found(ds, rid, site)
        return resources.record(holder, holder.get(rid), site)

    def record_ics(request: Request, site: Site) -> Body:
        rid = request.path_params["rid"]
        holder = known(rid)
        if holder is None:
            raise _BadRequest(str(_missing(ds, rid)), 404)
        return resources.record_feed(holder, holder.get(rid), site)

    def calendars(request: Request, site: Site) -> Body:
        name = request.path_params["name"]
        try:  # the changes feed as of the clock, never --today (a date to view from)
            found = resources.published(ds, name, site, (config.clock or _utc_now)())
        except FeedError as exc:
            raise _BadRequest(str(exc), 500) from None
        if found is None:
            raise _BadRequest(f"no feed called {name!r}", 404)
        return found

    def selection_feed(request: Request, site: Site) -> Body:
        sel = selection(request, FILTERS)
        return resources.selection_feed(ds, sel, site, now=now_in(config.tz))

    def upcoming(request: Request, site: Site) -> Body:
        sel = selection(request, UPCOMING)
        tz = sel.tz or config.tz
        return resources.api_upcoming(ds, sel, now_in(tz), tz)

    def deadlines(request: Request, site: Site) -> Body:
        sel = selection(request, DEADLINES)
        tz = sel.tz or config.tz
        return resources.api_deadlines(ds, sel, now_in(tz), tz)

    def records(request: Request, site: Site) -> Body:
        sel = selection(request, LISTING)
        return resources.api_records(ds, sel, now_in(sel.tz or config.tz))

    def asset(request: Request, site: Site) -> Body:
        name = request.path_params["name"]
        if name not in static:
            raise _BadRequest(f"no file {name!r}", 404)
        return static[name]

    routes = [
        Route("/", endpoint(home)),
        Route("/records/{rid}.ics", endpoint(record_ics, stable=True)),
        Route("/records/{rid}.html", endpoint(record, stable=True)),  # the static site's
        Route("/records/{rid}", endpoint(record, stable=True)),
        Route("/calendars/{name}", endpoint(calendars, stable=True)),
        Route("/feed.ics", endpoint(selection_feed, stable=True)),
        Route("/api/upcoming.json", endpoint(upcoming)),
        Route("/api/deadlines.json", endpoint(deadlines)),
        Route("/api/records.json", endpoint(records)),
        Route("/static/{name}", endpoint(asset, stable=True)),
    ]

    async def not_found(request: Request, exc: Exception) -> Response:
        try:
            site = site_of(request)
        except _BadRequest:
            site = Site(base="")
        return _send(request, _error(request, 404, "Not found.", site))

    async def failed(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 500)
        message = "Method not allowed." if status == 405 else "Internal error."
        response = _send(request, _error(request, status, message, Site(base="")))
        if status == 405:
            response.headers["allow"] = "GET, HEAD"
        return response

    app = Starlette(routes=routes, exception_handlers={404: not_found, 405: failed,
                                                       Exception: failed})
    app.router.redirect_slashes = False  # a redirect would name the Host it was sent
    return Front(app)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _missing(ds: Dataset, rid: str) -> ReecalError:
    from reecal.errors import NotFoundError

    return NotFoundError(rid, ds.suggest(rid))


def _error(request: Request, status: int, message: str, site: Site) -> Body:
    """An error in the form the client asked for: JSON for the API, a page for pages,
    one line of text for feeds."""
    path = request.url.path
    if path.startswith("/api/"):
        from reecal.formats.rows import to_json

        return Body((to_json({"error": message, "status": status}) + "\n").encode(),
                    "application/json; charset=utf-8", status=status)
    if path.endswith(".ics") or path.startswith(("/calendars/", "/static/")):
        return Body(f"{message}\n".encode(), "text/plain; charset=utf-8", status=status)
    return Body(error_page(status, message, site), "text/html; charset=utf-8", status=status)


def _send(request: Request, body: Body) -> Response:
    status, headers, content = respond(request.method, conditions(request.scope["headers"]),
                                       body)
    return Response(content, status_code=status, headers=headers)


def from_environment() -> Front:
    """The application of one worker of ``reecal serve --workers N``: the settings the
    command put in :data:`ENV`, the data loaded (from the cache) in this process."""
    import json
    import os

    from reecal.cli.dirs import user_cache
    from reecal.query.dataset import load

    conf = json.loads(os.environ[ENV])
    ds = load(conf["data"], bundled=conf["bundled"], cache=user_cache())
    return create_app(ds, Config(today=conf["today"], tz=conf["tz"], base_url=conf["base_url"]))
