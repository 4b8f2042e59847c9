"""Fixtures: the bundled dataset, a fixed "now", the command line with a clean
environment, and a private cache directory."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from click.testing import CliRunner, Result

import reecal
from reecal.cli import main
from tests.support import ISOLATE, Run, serving

# tests/interop/libical_check.py runs under Debian's python3 (it needs gi), not here
collect_ignore = ["interop/libical_check.py"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A hypothesis test runs as many examples as the profile says (REECAL_PROFILE): it
    is marked ``profile`` (CI's deep run repeats these) and ``slow`` (not in the loop)."""
    for item in items:
        if getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
            item.add_marker(pytest.mark.profile)
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def ds() -> reecal.Dataset:
    return reecal.load()


@pytest.fixture
def now() -> datetime:
    """'Now' for tests: 12 Nov 2025, 09:00 UTC, while the CAST window is open."""
    return datetime(2025, 11, 12, 9, 0, tzinfo=UTC)


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Run:
    """``run("--today", "2026-01-01", "list")``: the CLI, in-process, environment cleared."""
    for var in ISOLATE:
        monkeypatch.delenv(var, raising=False)

    def invoke(*args: str, **kw: Any) -> Result:
        return CliRunner().invoke(main, list(args), **kw)

    return invoke


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The command line (and the processes tests start) cache, and keep sync state, in
    temporary directories."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    os.environ["XDG_STATE_HOME"] = str(tmp_path_factory.mktemp("xdg-state"))


SERVED_TODAY = "2026-05-01"
"""The date the test server pretends it is (its --today), in Beijing time."""


@pytest.fixture(scope="session")
def site_url(ds: reecal.Dataset) -> Iterator[str]:
    """``reecal --today 2026-05-01 --tz Asia/Shanghai serve`` on the bundled data, on a
    real server (127.0.0.1, ephemeral port) for the whole session."""
    from reecal.web.app import Config, create_app

    with serving(create_app(ds, Config(today=SERVED_TODAY, tz="Asia/Shanghai"))) as url:
        yield url


@pytest.fixture
def http(site_url: str) -> Iterator[Any]:
    """An HTTP client of the test server."""
    import httpx

    with httpx.Client(base_url=site_url, timeout=30) as client:
        yield client


CHROMIUM = "/usr/bin/chromium"
"""Debian's chromium, installed by tests/install-deps.sh (Playwright never downloads)."""


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless chromium driven by Playwright, for the whole session."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run sh tests/install-deps.sh")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield b
        b.close()
