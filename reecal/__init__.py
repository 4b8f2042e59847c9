"""reecal: the rare-earth industry's calendar, as records, queries and iCalendar feeds.

>>> import reecal
>>> ds = reecal.load()
>>> rec = ds.get("cast-doctoral-talent-2025")
>>> rec.window.closes_at.isoformat(), rec.window.time_published
('2025-11-17T23:59:59+08:00', False)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .dataset import Dataset, Deadline, Filter, Item, Origin, Reason, State
    from .errors import DataError, FeedError, FieldError, IcsError, NotFoundError, ReecalError
    from .loader import load
    from .model import (
        Certainty,
        Confidence,
        Count,
        DatePrecision,
        Event,
        Kind,
        Organisation,
        Person,
        Place,
        Programme,
        Qualifier,
        Record,
        Reference,
        Series,
        Source,
        Status,
        Verification,
        Window,
    )

# Names are imported on first use, so that `reecal --help` does not pay for
# attrs, cattrs and icalendar (see benchmarks/).
_WHERE = {
    **dict.fromkeys(("Dataset", "Deadline", "Filter", "Item", "Origin", "Reason", "State"),
                    "dataset"),
    **dict.fromkeys(("DataError", "FeedError", "FieldError", "IcsError", "NotFoundError",
                     "ReecalError"), "errors"),
    "load": "loader",
    **dict.fromkeys(("Certainty", "Confidence", "Count", "DatePrecision", "Event", "Kind",
                     "Organisation", "Person", "Place", "Programme", "Qualifier", "Record",
                     "Reference", "Series", "Source", "Status", "Verification", "Window"),
                    "model"),
}


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module 'reecal' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{where}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)

__all__ = [
    "Certainty",
    "Confidence",
    "Count",
    "DataError",
    "Dataset",
    "DatePrecision",
    "Deadline",
    "Event",
    "FeedError",
    "FieldError",
    "Filter",
    "IcsError",
    "Item",
    "Kind",
    "NotFoundError",
    "Organisation",
    "Origin",
    "Person",
    "Place",
    "Programme",
    "Qualifier",
    "Reason",
    "Record",
    "ReecalError",
    "Reference",
    "Series",
    "Source",
    "State",
    "Status",
    "Verification",
    "Window",
    "__version__",
    "load",
]
