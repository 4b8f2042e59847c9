"""Fixtures: the bundled dataset, a fixed "now", the command line with a clean
environment, and a private cache directory."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import Any

import pytest
from click.testing import CliRunner, Result

import reecal
from reecal.cli import main
from tests.support import ISOLATE, Run

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
    """The command line (and the processes tests start) cache into a temporary directory."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
