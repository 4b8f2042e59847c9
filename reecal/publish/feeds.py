"""The published feeds: the one definition of which exist, and how each is built.

The registry :data:`FEEDS` defines every feed; ``calendars/`` and
``calendars/README.md`` are generated from it by ``reecal export`` (see
:mod:`reecal.publish.files`) and checked by ``reecal export --check``.

>>> [f.filename for f in FEEDS]
['all.ics', 'events.ics', 'deadlines.ics', 'deadlines-alerts.ics']
"""

from __future__ import annotations

from attrs import frozen

from reecal.errors import FeedError, FieldError
from reecal.formats.ics import feed
from reecal.model.checks import check_url
from reecal.model.dates import Part
from reecal.query.dataset import Dataset

__all__ = ["DEFAULT_BASE_URL", "FEEDS", "SITE_URL", "Feed", "base_url", "render"]

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
