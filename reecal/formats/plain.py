"""JSON-ready values: days and instants as ISO 8601 text, enums as their values."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

TYPE_CHECKING = False  # typing is not imported: the agenda's start-up does without it
if TYPE_CHECKING:
    from typing import Any

__all__ = ["day_text", "plain"]


def day_text(d: date | None) -> str | None:
    """A day as ``YYYY-MM-DD``; None stays None."""
    return None if d is None else d.isoformat()


def plain(v: Any) -> Any:
    """*v* as JSON shows it: a day or an instant as ISO 8601, an enum as its value.

    >>> plain(date(2026, 5, 1)), plain("x")
    ('2026-05-01', 'x')
    """
    if isinstance(v, datetime | date):
        return v.isoformat()
    if isinstance(v, Enum):
        return v.value
    return v
