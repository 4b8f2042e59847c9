"""A CalDAV calendar collection as a sync store, through the ``caldav`` library.

Before listing, a PROPFIND of the URL's resource type makes sure it is a calendar
collection (not a user's home, a plain collection or an event), so nothing is ever
written elsewhere.  The state is the collection's, whoever syncs it
(:func:`collection_key`).

One REPORT lists the collection (ETag and data of every event); each write is a PUT
or DELETE with ``If-Match`` (or ``If-None-Match: *`` for a new one), so a resource
changed on the server in between is never overwritten (HTTP 412).  Every request has
a timeout; what goes wrong (refused connection, timeout, 401, 403, 404) becomes a
one-line :class:`~reecal.errors.SyncError`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from reecal.errors import SyncError
from reecal.publish.sync.plan import Remote
from reecal.publish.sync.store import PreconditionFailed

if TYPE_CHECKING:
    from caldav.davclient import DAVClient
    from caldav.response import DAVResponse

__all__ = ["CalDAVStore", "collection_key"]

T = TypeVar("T")
_QUERY = """<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:getetag/><C:calendar-data/></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"/></C:comp-filter>
  </C:filter>
</C:calendar-query>"""
_RESOURCETYPE = """<?xml version="1.0" encoding="utf-8"?>
<D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/></D:prop></D:propfind>"""
_CALENDAR = "{urn:ietf:params:xml:ns:caldav}calendar"
_ERRNO = re.compile(r"\[Errno -?\d+\] ([^'\")\]]+)")


def _reason(exc: BaseException) -> str:
    """A short reason for a network error: 'Connection refused', 'timed out'.

    >>> _reason(OSError("Max retries (Caused by [Errno 111] Connection refused)"))
    'Connection refused'
    """
    if "timeout" in type(exc).__name__.lower() or "timed out" in str(exc).lower():
        return "timed out"
    m = _ERRNO.search(str(exc))
    return m.group(1).strip() if m else type(exc).__name__


def collection_key(url: str) -> str:
    """The state key of the collection at *url*, whoever syncs it: scheme and host in
    lower case, no default port, one trailing slash.

    >>> collection_key("HTTPS://Dav.Example.org:443/me/cal")
    'caldav:https://dav.example.org/me/cal/'
    """
    parts = urlsplit(url)
    scheme, host, port = parts.scheme.lower(), (parts.hostname or "").lower(), parts.port
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port is None or port == {"http": 80, "https": 443}.get(scheme) else (
        f"{host}:{port}")
    return "caldav:" + urlunsplit((scheme, netloc, parts.path.rstrip("/") + "/", parts.query,
                                   ""))


def _not_a_calendar(url: str, types: list[str]) -> str:
    """What the resource at *url*, of these DAV resource types, is, said to whoever took
    it for a calendar collection."""
    if urlsplit(url).path in ("", "/"):
        return "not a calendar collection but the server's root"
    if "{DAV:}principal" in types:
        return "not a calendar collection but a user's home; give one of its calendars"
    if "{DAV:}collection" in types:
        return "not a calendar collection but a plain collection (a folder)"
    return "not a calendar collection but a single resource (an event?)"


class CalDAVStore:
    """The calendar collection at *url*, as *username* (Basic or Digest) if given."""

    def __init__(self, url: str, *, username: str | None = None, password: str | None = None,
                 timeout: float = 30, client: DAVClient | None = None) -> None:
        self.url = url if url.endswith("/") else url + "/"
        self._given = url
        self.name = self.url
        self.key = collection_key(self.url)
        self.holder, self.edited = "the server", "edited on the server"
        self.timeout = timeout
        self._username, self._password, self._client = username, password, client
        self._checked = False

    def _dav(self) -> DAVClient:
        if self._client is None:
            try:
                from caldav.davclient import DAVClient
            except ImportError:
                raise SyncError("syncing with a CalDAV server needs the caldav package "
                                "(pip install 'reecal[caldav]')") from None
            # caldav takes whole seconds; round up so a fraction never means "none"
            self._client = DAVClient(url=self.url, username=self._username,
                                     password=self._password, timeout=math.ceil(self.timeout))
        return self._client

    def _call(self, what: str, request: Callable[[], T]) -> T:
        """*request*'s result; its failure as a one-line SyncError."""
        from caldav.lib import error

        try:
            return request()
        except error.AuthorizationError as exc:
            status = f"HTTP {exc.status}" if getattr(exc, "status", None) else "HTTP 401/403"
            if self._password is None and str(getattr(exc, "status", "")) != "403":
                needs = ("no password was given (" if self._username else
                         "no login was given (--user NAME, and ")
                raise SyncError(f"{self.url}: not allowed to {what} ({status}): {needs}"
                                "--password-file FILE or REECAL_CALDAV_PASSWORD)") from None
            raise SyncError(f"{self.url}: not allowed to {what} ({status}); check --user and "
                            "the password") from None
        except error.DAVError as exc:
            raise SyncError(f"{self.url}: cannot {what}: {' '.join(str(exc).split())[:200]}"
                            ) from None
        except OSError as exc:  # niquests' and requests' errors are OSErrors
            raise SyncError(f"{self.url}: cannot {what}: {_reason(exc)}") from None

    def _failed(self, what: str, response: DAVResponse, href: str) -> SyncError:
        where = urljoin(self.url, href)
        if response.status == 404:
            return SyncError(f"{where}: not found (HTTP 404); is it a calendar collection?")
        return SyncError(f"{where}: the server refused to {what} (HTTP {response.status})")

    def href(self, uid: str) -> str:
        return quote(uid, safe="@") + ".ics"

    def _check_calendar(self, dav: DAVClient) -> None:
        """SyncError unless the URL is a calendar collection (its DAV resource type)."""
        response = self._call("list the calendar",
                              lambda: dav.propfind(self.url, _RESOURCETYPE, depth=0))
        if response.status not in (200, 207):
            raise self._failed("list the calendar", response, self.url)
        tree = response.tree
        found = [] if tree is None else list(tree.iter("{DAV:}resourcetype"))
        if not found:  # Xandikos: 207, with a response whose status is 404
            raise SyncError(f"{self.url}: not found (HTTP 404); is it a calendar collection?")
        types = [str(child.tag) for child in found[0]]
        if _CALENDAR not in types:
            raise SyncError(f"{self._given}: {_not_a_calendar(self.url, types)}")

    def list(self) -> list[Remote]:
        dav = self._dav()
        if not self._checked:
            self._check_calendar(dav)
            self._checked = True
        response = self._call("list the calendar", lambda: dav.report(self.url, _QUERY, depth=1))
        if response.status not in (200, 207):
            raise self._failed("list the calendar", response, self.url)
        results = self._call("read the calendar's listing", response.parse_calendar_query)
        own = urlsplit(self.url).path.rstrip("/")
        return [Remote(r.href, r.etag or "", r.calendar_data.encode("utf-8"))
                for r in results
                if r.calendar_data is not None and r.href.rstrip("/") != own]

    def put(self, href: str, data: bytes, if_match: str | None) -> str | None:
        dav = self._dav()
        headers = {"Content-Type": "text/calendar; charset=utf-8",
                   **({"If-Match": if_match} if if_match is not None else {"If-None-Match": "*"})}
        response = self._call("write an event", lambda: dav.put(
            urljoin(self.url, href), data.decode("utf-8"), headers))
        if response.status == 412:
            raise PreconditionFailed(href)
        if response.status not in (200, 201, 204):
            raise self._failed("write an event", response, href)
        etag = response.headers.get("ETag")
        return str(etag) if etag and not etag.startswith("W/") else None

    def delete(self, href: str, if_match: str) -> None:
        dav = self._dav()
        response = self._call("delete an event", lambda: dav.delete(
            urljoin(self.url, href), {"If-Match": if_match}))
        if response.status == 412:
            raise PreconditionFailed(href)
        if response.status not in (200, 204, 404):
            raise self._failed("delete an event", response, href)
