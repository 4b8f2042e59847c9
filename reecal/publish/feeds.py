"""The published feeds: the one definition of which exist, and how each is built.

The registry :data:`FEEDS` defines every feed; ``calendars/`` and
``calendars/README.md`` are generated from it by ``reecal export`` (see
:mod:`reecal.publish.files`) and checked by ``reecal export --check``.

>>> [f.filename for f in FEEDS]
['all.ics', 'events.ics', 'deadlines.ics', 'deadlines-alerts.ics']

Beside them, :data:`CHANGES` is the Atom feed of what changed (:func:`changes`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from attrs import frozen

from reecal.errors import FeedError, FieldError
from reecal.formats.atom import changes_feed
from reecal.formats.ics import feed
from reecal.model.checks import check_url
from reecal.model.dates import Part
from reecal.model.records import Record
from reecal.query.dataset import Dataset

__all__ = ["CHANGES", "DEFAULT_BASE_URL", "FEEDS", "SITE_URL", "Feed", "base_url", "changes",
           "not_after", "render"]

SITE_URL = "https://reecal.github.io/reecal"
"""Where the site is published, unless told otherwise (``reecal site build --base-url``)."""
DEFAULT_BASE_URL = f"{SITE_URL}/calendars"
"""Where the feeds are published, unless told otherwise (``reecal export --base-url``)."""


def base_url(override: str | None = None) -> str:
    """Where the feeds are served: *override*, else the default.

    It goes into every feed's SOURCE and the calendars README's links, so it must be
    an absolute http(s) URL (FeedError otherwise).

    >>> base_url("ftp://x.org")
    Traceback (most recent call last):
    ...
    reecal.errors.FeedError: base URL: only http and https URLs are allowed, not 'ftp://x.org'
    """
    url = override or DEFAULT_BASE_URL
    try:
        check_url("base URL", url)
    except FieldError as exc:
        raise FeedError(str(exc)) from None
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.query or parts.fragment or "?" in url or "#" in url or any(
            c in url for c in '"<>\\ `{}|^\''):
        raise FeedError(f"base URL: {url!r} must be a plain address (no query, fragment, "
                        "spaces, quotes or angle brackets)")
    return url.rstrip("/")


@frozen(kw_only=True)
class Feed:
    """One published calendar: which dates of which records, and what it is called."""

    slug: str
    name: str
    description: str
    parts: tuple[Part, ...]
    alarms: bool = False

    @property
    def filename(self) -> str:
        return f"{self.slug}.ics"


FEEDS: tuple[Feed, ...] = (
    Feed(slug="all", name="Rare-earth industry calendar (reecal)",
         description="Conferences, forums, exhibitions, delegation visits and programme "
                     "application windows of the rare-earth industry, with sources.",
         parts=(Part.EVENT, Part.OPENS, Part.CLOSES)),
    Feed(slug="events", name="Rare-earth industry events (reecal)",
         description="Conferences, forums, exhibitions, visits and meetings: event days only.",
         parts=(Part.EVENT,)),
    Feed(slug="deadlines", name="Rare-earth programme deadlines (reecal)",
         description="Application windows of rare-earth programmes: when they open and the "
                     "instant they close, in the organiser's time zone.",
         parts=(Part.OPENS, Part.CLOSES)),
    Feed(slug="deadlines-alerts", name="Rare-earth programme deadlines, with reminders (reecal)",
         description="The deadlines feed with reminders 7 days and 1 day before each closing. "
                     "Some clients drop reminders from subscriptions.",
         parts=(Part.OPENS, Part.CLOSES), alarms=True),
)


def render(f: Feed, ds: Dataset, *, base: str | None = None) -> bytes:
    """The bytes of feed *f* built from *ds*."""
    return feed(ds, name=f.name, description=f.description, parts=f.parts,
                alarms=f.alarms, ds=ds, source_url=f"{base_url(base)}/{f.filename}")


CHANGES = "changes.atom"
"""The Atom feed of what changed: one entry per revision of a record."""
CHANGES_NAME = "Rare-earth industry calendar: what changed (reecal)"
CHANGES_DESCRIPTION = ("Every new record and every revision of one: dates moved, postponed, "
                       "cancelled, renamed, in words, dated when the record changed.")


def changes(ds: Dataset, *, base: str | None = None) -> bytes:
    """The bytes of :data:`CHANGES` built from *ds*; its entries link to the record
    pages of the site the feeds are published under (the base URL less
    ``/calendars``), when they are."""
    root = base_url(base)
    site = root.removesuffix("/calendars") if root.endswith("/calendars") else None
    return changes_feed(ds, name=CHANGES_NAME, description=CHANGES_DESCRIPTION,
                        url=f"{root}/{CHANGES}", site=site)


def not_after(ds: Iterable[Record], now: datetime) -> None:
    """FeedError when a record changed after *now*: a change cannot be published before
    it was made (a mistyped ``updated``, or a clock that is wrong), and feed readers
    would keep it above every later change."""
    late = sorted((r for r in ds if r.updated > now), key=lambda r: (r.updated, r.id))
    if late:
        more = f" (and {len(late) - 1} more)" if len(late) > 1 else ""
        raise FeedError(f'"{late[0].id}" is updated {late[0].updated.isoformat()}, after now '
                        f"({now.isoformat(timespec='seconds')}): a change cannot be published "
                        f"before it is made; correct its updated{more}")
