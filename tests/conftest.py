"""Shared fixtures: the bundled dataset, fixed instants, the project root."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import reecal

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"

# The normal suite is derandomized so that CI is reproducible: the same 2,000 examples
# on every machine.  ``explore`` (2,000) and ``long`` (20,000) draw a random seed; a
# failure they find becomes a HOSTILE entry or an explicit test (see tests/test_ics.py).
for _name, _examples, _fixed in (("default", 2000, True), ("explore", 2000, False),
                                 ("long", 20000, False), ("quick", 100, False)):
    settings.register_profile(
        _name, max_examples=_examples, derandomize=_fixed, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("REECAL_HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def ds() -> reecal.Dataset:
    return reecal.load()


@pytest.fixture
def now() -> datetime:
    """'Now' for tests: 12 Nov 2025, 09:00 UTC, while the CAST window is open."""
    return datetime(2025, 11, 12, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests (and the processes they start) cache into a temporary directory."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
