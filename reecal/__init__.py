"""reecal: the rare-earth industry's calendar, as records, queries and iCalendar feeds.

>>> import reecal
>>> ds = reecal.load()
>>> rec = ds.get("cast-doctoral-talent-2025")
>>> rec.window.closes_at.isoformat(), rec.window.time_published
('2025-11-17T23:59:59+08:00', False)

The public API is the list of names imported below for type checkers (and, for the
lazy imports, in ``_API``); each is imported on first use, so that ``reecal --help``
does not pay for attrs, cattrs and icalendar (see benchmarks/).

The sub-packages, in the order data flows: ``model`` (records and their rules),
``loading`` (data files → records), ``query`` (the collection, the filter, the
agenda), ``formats`` (prose, iCalendar, rows, tables, lint), ``publish`` (the feeds),
``importing`` (an organiser's .ics → draft records), ``cli`` (the command line).
"""

from __future__ import annotations

from reecal._version import __version__ as __version__

TYPE_CHECKING = False  # typing is not imported: the help's start-up does without it
if TYPE_CHECKING:  # the public API
    from reecal.errors import DataError as DataError
    from reecal.errors import FeedError as FeedError
    from reecal.errors import FieldError as FieldError
    from reecal.errors import ImportFailed as ImportFailed
    from reecal.errors import NotFoundError as NotFoundError
    from reecal.errors import ReecalError as ReecalError
    from reecal.errors import SyncError as SyncError
    from reecal.formats.schema import json_schema as json_schema
    from reecal.importing.convert import Draft as Draft
    from reecal.importing.convert import Drafts as Drafts
    from reecal.importing.convert import import_ics as import_ics
    from reecal.importing.write import import_file as import_file
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
    from reecal.model.history import Revision as Revision
    from reecal.model.records import Event as Event
    from reecal.model.records import Programme as Programme
    from reecal.model.records import Record as Record
    from reecal.model.values import Certainty as Certainty
    from reecal.model.values import Count as Count
    from reecal.model.values import Organisation as Organisation
    from reecal.model.values import Outside as Outside
    from reecal.model.values import Person as Person
    from reecal.model.values import Place as Place
    from reecal.model.values import Reference as Reference
    from reecal.model.values import Series as Series
    from reecal.model.values import Source as Source
    from reecal.model.window import Window as Window
    from reecal.publish.sync.dav import CalDAVStore as CalDAVStore
    from reecal.publish.sync.run import SyncResult as SyncResult
    from reecal.publish.sync.run import sync as sync
    from reecal.publish.sync.vdir import VdirStore as VdirStore
    from reecal.query.agenda import Deadline as Deadline
    from reecal.query.agenda import Item as Item
    from reecal.query.agenda import Reason as Reason
    from reecal.query.agenda import State as State
    from reecal.query.dataset import Dataset as Dataset
    from reecal.query.dataset import load as load
    from reecal.query.filter import Filter as Filter


_API = {  # name -> module: the same list as above, for the lazy imports below
    "DataError": "reecal.errors",
    "FeedError": "reecal.errors",
    "FieldError": "reecal.errors",
    "ImportFailed": "reecal.errors",
    "NotFoundError": "reecal.errors",
    "ReecalError": "reecal.errors",
    "SyncError": "reecal.errors",
    "json_schema": "reecal.formats.schema",
    "Draft": "reecal.importing.convert",
    "Drafts": "reecal.importing.convert",
    "import_ics": "reecal.importing.convert",
    "import_file": "reecal.importing.write",
    "Origin": "reecal.loading.parse",
    "Dates": "reecal.model.dates",
    "Part": "reecal.model.dates",
    "Point": "reecal.model.dates",
    "Confidence": "reecal.model.enums",
    "DatePrecision": "reecal.model.enums",
    "Kind": "reecal.model.enums",
    "Qualifier": "reecal.model.enums",
    "Status": "reecal.model.enums",
    "Verification": "reecal.model.enums",
    "Revision": "reecal.model.history",
    "Event": "reecal.model.records",
    "Programme": "reecal.model.records",
    "Record": "reecal.model.records",
    "Certainty": "reecal.model.values",
    "Count": "reecal.model.values",
    "Organisation": "reecal.model.values",
    "Outside": "reecal.model.values",
    "Person": "reecal.model.values",
    "Place": "reecal.model.values",
    "Reference": "reecal.model.values",
    "Series": "reecal.model.values",
    "Source": "reecal.model.values",
    "Window": "reecal.model.window",
    "CalDAVStore": "reecal.publish.sync.dav",
    "SyncResult": "reecal.publish.sync.run",
    "sync": "reecal.publish.sync.run",
    "VdirStore": "reecal.publish.sync.vdir",
    "Deadline": "reecal.query.agenda",
    "Item": "reecal.query.agenda",
    "Reason": "reecal.query.agenda",
    "State": "reecal.query.agenda",
    "Dataset": "reecal.query.dataset",
    "load": "reecal.query.dataset",
    "Filter": "reecal.query.filter",
}
"""Where each public name lives (tests/test_api.py keeps it equal to the block above)."""


def __getattr__(name: str) -> object:
    import importlib

    if name == "__all__":
        value: object = sorted([*_API, "__version__"])
    else:
        where = _API.get(name)
        if where is None:
            raise AttributeError(f"module 'reecal' has no attribute {name!r}")
        value = getattr(importlib.import_module(where), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*_API, "__version__"])
