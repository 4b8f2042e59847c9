"""HTTP done right, as plain functions: validators, conditional requests, headers.

A :class:`Body` is what a route produces; :func:`respond` decides the status and the
headers for a request's method and conditional headers (RFC 9110 §13): a strong
ETag from the bytes, ``Last-Modified`` from the data (never the clock), and
``If-None-Match`` evaluated before (and instead of) ``If-Modified-Since``.

>>> b = Body(b"BEGIN:VCALENDAR", "text/calendar; charset=utf-8")
>>> status, headers, content = respond("GET", {"if-none-match": b.etag}, b)
>>> status, content, headers["etag"] == b.etag
(304, b'', True)
>>> status, headers, content = respond("HEAD", {}, b)
>>> status, content, headers["content-length"]
(200, b'', '15')
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime

from attrs import field, frozen

__all__ = ["ATOM", "CALENDAR", "HTML", "JSON", "SECURITY", "Body", "conditions", "respond"]

ATOM = "application/atom+xml; charset=utf-8"
CALENDAR = "text/calendar; charset=utf-8"
HTML = "text/html; charset=utf-8"
JSON = "application/json; charset=utf-8"

FEED_CACHE = "public, max-age=3600, stale-while-revalidate=86400, stale-if-error=604800"
"""Feeds change when the data does: an hour fresh in any cache, then revalidated with
the ETag (calendar clients poll every few hours; a CDN may serve a stale copy for a
day while it revalidates, and for a week if the origin is down)."""
LIVE_CACHE = "public, max-age=60, stale-while-revalidate=60"
"""Pages and reports with countdowns change with the clock: a minute at most."""

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
}
"""Sent with every response."""


def conditions(headers: Iterable[tuple[bytes, bytes]]) -> dict[str, str]:
    """The conditional headers of a request, from its raw ASGI headers: repeated
    ``If-None-Match`` lines are one list (RFC 9110 §5.3), as every reader must see them.

    >>> conditions([(b"if-none-match", b'"a"'), (b"host", b"x"), (b"if-none-match", b'"b"')])
    {'if-none-match': '"a", "b"'}
    """
    found: dict[str, list[str]] = {}
    for name, value in headers:
        if name in (b"if-none-match", b"if-modified-since"):
            found.setdefault(name.decode("latin-1"), []).append(value.decode("latin-1"))
    return {k: ", ".join(v) if k == "if-none-match" else v[0] for k, v in found.items()}


def _etag(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


@frozen(kw_only=False)
class Body:
    """A representation: its bytes, media type, and how caches may keep it.

    ``last_modified`` is the newest ``updated`` of the records it shows; leave it
    None when the bytes change with the clock (countdowns), so that
    ``If-Modified-Since`` can never answer 304 for a changed body.
    """

    content: bytes
    media_type: str
    last_modified: datetime | None = None
    cache: str = FEED_CACHE
    status: int = 200
    etag: str = field(init=False)

    @etag.default
    def _etag_default(self) -> str:
        return _etag(self.content)


def _tags(header: str) -> list[str]:
    """The entity tags of an If-None-Match header, weak ones as their strong form."""
    return [t.strip().removeprefix("W/") for t in header.split(",") if t.strip()]


def not_modified(request: Mapping[str, str], body: Body) -> bool:
    """Whether the client's copy is current (RFC 9110 §13.1.2, §13.1.3)."""
    if body.status != 200:
        return False
    inm = request.get("if-none-match")
    if inm is not None:
        tags = _tags(inm)
        return "*" in tags or body.etag in tags
    ims = request.get("if-modified-since")
    if ims is None or body.last_modified is None:
        return False
    try:
        since = parsedate_to_datetime(ims)
    except (TypeError, ValueError, IndexError):
        return False
    if since.tzinfo is None:
        return False
    return body.last_modified.replace(microsecond=0) <= since


def respond(method: str, request: Mapping[str, str], body: Body
            ) -> tuple[int, dict[str, str], bytes]:
    """The status, headers and content to send for *body* (header names lower-case)."""
    headers = {**SECURITY, "cache-control": body.cache, "vary": "Accept-Encoding"}
    if body.status == 200:
        headers["etag"] = body.etag
        if body.last_modified is not None:
            headers["last-modified"] = format_datetime(body.last_modified.astimezone(UTC),
                                                       usegmt=True)
    else:
        headers["cache-control"] = "no-store"
    if not_modified(request, body):
        return 304, headers, b""
    headers["content-type"] = body.media_type
    headers["content-length"] = str(len(body.content))
    return body.status, headers, b"" if method == "HEAD" else body.content
