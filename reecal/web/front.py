"""A response cache in front of the application, as plain ASGI.

Feeds, record pages and static files depend only on the data, the URL and the site:
once the application has rendered one (and said so by leaving its
:class:`~reecal.web.http.Body` in the request scope), a repeat of the same request
(method aside) is answered here from that body, through the same
:func:`~reecal.web.http.respond` as every other response, without routing, parsing
or rendering again.  This is what makes a calendar client's conditional poll (a
304) cheap.  The cache is bounded, so memory stays flat whatever the queries.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from reecal.web.http import Body, respond

__all__ = ["SCOPE_KEY", "Front"]

SCOPE_KEY = "reecal.body"
"""Where a handler leaves a body whose bytes depend only on the request's URL."""

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_CONDITIONAL = (b"if-none-match", b"if-modified-since")


class Front:
    """Wrap the ASGI *app*; remember up to *size* stable bodies by URL and host."""

    def __init__(self, app: ASGIApp, size: int = 4096) -> None:
        self.app = app
        self.size = size
        self.bodies: OrderedDict[tuple[str, bytes, bytes], Body] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        host = b""
        request: dict[str, str] = {}
        for name, value in scope["headers"]:
            if name == b"host":
                host = value
            elif name in _CONDITIONAL:
                request[name.decode("latin-1")] = value.decode("latin-1")
        key = (scope["path"], scope["query_string"], host)
        body = self.bodies.get(key)
        if body is None:
            await self.app(scope, receive, send)
            made = scope.get(SCOPE_KEY)
            if isinstance(made, Body):
                self.bodies[key] = made
                if len(self.bodies) > self.size:
                    self.bodies.popitem(last=False)
            return
        self.bodies.move_to_end(key)
        status, headers, content = respond(scope["method"], request, body)
        await send({"type": "http.response.start", "status": status,
                    "headers": [(k.encode("latin-1"), v.encode("latin-1"))
                                for k, v in headers.items()]})
        await send({"type": "http.response.body", "body": content})
