"""reecal: the rare-earth industry's calendar, as records, queries and iCalendar feeds.

>>> import reecal
>>> ds = reecal.load()
>>> rec = ds.get("cast-doctoral-talent-2025")
>>> rec.window.closes_at.isoformat(), rec.window.time_published
('2025-11-17T23:59:59+08:00', False)
"""

from __future__ import annotations

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

__version__ = "0.1.0"

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
