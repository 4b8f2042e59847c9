"""reecal: the rare-earth industry's calendar, as records, queries and iCalendar feeds.

>>> import reecal
>>> ds = reecal.load()
>>> rec = ds.get("cast-doctoral-talent-2025")
>>> rec.window.closes_at.isoformat(), rec.window.time_published
('2025-11-17T23:59:59+08:00', False)

The public API is the list of names imported below for type checkers; each is
imported on first use, so that ``reecal --help`` does not pay for attrs, cattrs and
icalendar (see benchmarks/).  The sub-packages, in the order data flows: ``model``
(records and their rules), ``loading`` (data files → records), ``query`` (the
collection, the filter, the agenda), ``formats`` (prose, iCalendar, rows, tables,
lint), ``publish`` (the feeds), ``cli`` (the command line).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reecal._version import __version__ as __version__

if TYPE_CHECKING:  # the public API, listed once
    from reecal.errors import DataError as DataError
    from reecal.errors import FeedError as FeedError
    from reecal.errors import FieldError as FieldError
    from reecal.errors import NotFoundError as NotFoundError
    from reecal.errors import ReecalError as ReecalError
    from reecal.loading.parse import Origin as Origin
    from reecal.model.dates import Dates as Dates
    from reecal.model.dates import Part as Part
    from reecal.model.dates import Point as Point
    from reecal.model.enums import Confidence as Confidence
    from reecal.model.enums import DatePrecision as DatePrecision
    from reecal.model.enums import Kind as Kind
    from reecal.model.enums import Qualifier as Qualifier
    from reecal.model.enums import Status as Status
    from reecal.model.enums import Verification as Verification
    from reecal.model.records import Event as Event
    from reecal.model.records import Programme as Programme
    from reecal.model.records import Record as Record
    from reecal.model.values import Certainty as Certainty
    from reecal.model.values import Count as Count
    from reecal.model.values import Organisation as Organisation
    from reecal.model.values import Person as Person
    from reecal.model.values import Place as Place
    from reecal.model.values import Reference as Reference
    from reecal.model.values import Series as Series
    from reecal.model.values import Source as Source
    from reecal.model.window import Window as Window
    from reecal.query.agenda import Deadline as Deadline
    from reecal.query.agenda import Item as Item
    from reecal.query.agenda import Reason as Reason
    from reecal.query.agenda import State as State
    from reecal.query.dataset import Dataset as Dataset
    from reecal.query.dataset import load as load
    from reecal.query.filter import Filter as Filter


def _api() -> dict[str, str]:
    """Name → module, read from the block above (one list for type checkers and for
    the lazy imports below)."""
    source: str = globals()["__loader__"].get_source(__name__)
    block = source.split("if TYPE_CHECKING:", 1)[1].split("\n\n", 1)[0]
    api = {}
    for line in block.splitlines():
        words = line.split()
        if words[:1] == ["from"] and words[2] == "import":
            api[words[3]] = words[1]
    return api


def __getattr__(name: str) -> Any:
    import importlib

    if name == "__all__":
        value: Any = sorted([*_api(), "__version__"])
    else:
        where = _api().get(name)
        if where is None:
            raise AttributeError(f"module 'reecal' has no attribute {name!r}")
        value = getattr(importlib.import_module(where, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*_api(), "__version__"])
