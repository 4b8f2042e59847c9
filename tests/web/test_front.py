"""The layer in front of the router: a cache bounded in bytes, keyed by the URL it
was asked under."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from reecal.web.front import SCOPE_KEY, Front
from reecal.web.http import CALENDAR, Body


def _scope(path: str, host: bytes = b"a.example", scheme: str = "http") -> dict[str, Any]:
    return {"type": "http", "method": "GET", "scheme": scheme, "root_path": "", "path": path,
            "query_string": b"", "headers": [(b"host", host)]}


def _call(front: Front, scope: dict[str, Any]) -> list[dict[str, Any]]:
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Any) -> None:
        sent.append(message)

    # In a thread of its own: Playwright's sync API may hold this thread's event loop.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, front(scope, receive, send)).result()
    return sent


def test_the_cache_stays_within_its_budget_and_keys_on_host_and_scheme() -> None:
    renders: list[str] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        content = (scope["path"] + scope["scheme"]).encode().ljust(300, b".")
        renders.append(scope["path"])
        scope[SCOPE_KEY] = Body(content, CALENDAR)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": content})

    front = Front(app, budget=2400)
    for i in range(10):
        _call(front, _scope(f"/f{i}"))
        assert front.used <= 2400
    assert len(front.bodies) == 8 and front.used == 2400
    _call(front, _scope("/f9"))
    assert renders.count("/f9") == 1  # answered from the cache
    reply = _call(front, _scope("/f9", scheme="https"))
    assert renders.count("/f9") == 2 and reply[1]["body"].startswith(b"/f9https")
    _call(front, _scope("/f9", host=b"b.example"))
    assert renders.count("/f9") == 3
    start = _call(front, _scope("/f9"))[0]
    assert (b"x-content-type-options", b"nosniff") in start["headers"]
