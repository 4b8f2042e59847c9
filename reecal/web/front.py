"""The layer in front of the application, as plain ASGI: a response cache, and the
rules every response follows.

Feeds, record pages and static files depend only on the data and the URL (with the
scheme, host and root path it was asked under): once the application has rendered
one (and said so by leaving its :class:`~reecal.web.http.Body` in the request
scope), a repeat of the request is answered here from that body, through the same
:func:`~reecal.web.http.respond` as every other response, without routing, parsing
or rendering again.  This is what makes a calendar client's conditional poll (a 304)
cheap.  The cache is bounded in bytes, so memory stays flat whatever the queries.

Before any of that, a request with several Host headers or an over-long query is
refused, and every response, the framework's own included, carries the security
headers.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from reecal.web.http import SECURITY, Body, conditions, not_modified, respond

__all__ = ["MAX_QUERY", "SCOPE_KEY", "Front"]

SCOPE_KEY = "reecal.body"
"""Where a handler leaves a body whose bytes depend only on the request's URL."""
MAX_QUERY = 4096
"""The longest query string accepted (longer: 414); a selection needs far less."""

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
Key = tuple[str, str, bytes, str, bytes]

_SECURITY = [(k.encode(), v.encode()) for k, v in SECURITY.items()]


Encoded = tuple[int, list[tuple[bytes, bytes]], bytes]


def _encoded(method: str, request: dict[str, str], body: Body) -> Encoded:
    status, headers, content = respond(method, request, body)
    return status, [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()], \
        content


async def _send(send: Send, answer: Encoded) -> None:
    await send({"type": "http.response.start", "status": answer[0], "headers": answer[1]})
    await send({"type": "http.response.body", "body": answer[2]})


class _Entry:
    """A kept body and its encoded answers, made once each by :func:`respond`: the
    304, and the 200 to GET and to HEAD (all that a stable body can be answered)."""

    __slots__ = ("answers", "body")

    def __init__(self, body: Body) -> None:
        self.body = body
        self.answers: dict[tuple[str, bool], Encoded] = {}

    def answer(self, method: str, request: dict[str, str]) -> Encoded:
        fresh = not_modified(request, self.body)
        found = self.answers.get((method, fresh))
        if found is None:
            found = self.answers[(method, fresh)] = _encoded(method, request, self.body)
        return found


class Front:
    """Wrap the ASGI *app*; keep stable bodies by URL, up to *budget* bytes."""

    def __init__(self, app: ASGIApp, budget: int = 64 * 2**20) -> None:
        self.app = app
        self.budget = budget
        self.used = 0
        self.bodies: OrderedDict[Key, _Entry] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        hosts = [v for k, v in scope["headers"] if k == b"host"]
        request = conditions(scope["headers"])
        if len(hosts) > 1 or len(scope["query_string"]) > MAX_QUERY:
            status, why = (400, "more than one Host header") if len(hosts) > 1 else (
                414, f"the query is longer than {MAX_QUERY} bytes")
            await _send(send, _encoded(scope["method"], request, Body(
                f"{why}\n".encode(), "text/plain; charset=utf-8", status=status)))
            return
        key = (scope["scheme"], scope.get("root_path", ""), hosts[0] if hosts else b"",
               scope["path"], scope["query_string"])
        entry = self.bodies.get(key) if scope["method"] in ("GET", "HEAD") else None
        if entry is not None:
            self.bodies.move_to_end(key)
            await _send(send, entry.answer(scope["method"], request))
            return
        await self.app(scope, receive, _secured(send))
        made = scope.get(SCOPE_KEY)
        if isinstance(made, Body) and len(made.content) <= self.budget // 8:
            self._keep(key, made)

    def _keep(self, key: Key, body: Body) -> None:
        old = self.bodies.pop(key, None)
        if old is not None:
            self.used -= len(old.body.content)
        self.bodies[key] = _Entry(body)
        self.used += len(body.content)
        while self.used > self.budget:
            _, gone = self.bodies.popitem(last=False)
            self.used -= len(gone.body.content)


def _secured(send: Send) -> Send:
    """*send*, adding the security headers to a response that lacks them (the
    framework's own 404, 405 and 500 responses)."""
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            have = {k.lower() for k, _ in message.get("headers", [])}
            extra = [(k, v) for k, v in _SECURITY if k not in have]
            if extra:
                message = {**message, "headers": [*message.get("headers", []), *extra]}
        await send(message)
    return wrapped
