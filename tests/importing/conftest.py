"""Importing's tests stamp drafts at a fixed moment: the machine's clock is replaced."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import reecal.cli.settings

STAMP = datetime(2026, 1, 10, tzinfo=UTC)
"""When the tests' drafts are written (``updated``): the corpus' TODAY, as the drafts
under tests/data/imports/drafts say."""


@pytest.fixture(autouse=True)
def wall_clock(monkeypatch: pytest.MonkeyPatch) -> datetime:
    monkeypatch.setattr(reecal.cli.settings, "wall_clock", lambda: STAMP)
    return STAMP
