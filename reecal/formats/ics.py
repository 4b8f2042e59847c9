"""Records → an iCalendar feed (RFC 5545), deterministically, written directly.

The writer is in three parts, each a function of what it is given:

* :func:`reecal.formats.vevent.vevents` (record, dataset) → that record's VEVENTs,
  each its text and its sort key (the part a cache can keep per record);
* :func:`feed_head` → the calendar's own properties;
* :func:`calendar` (properties, VEVENTs) → the VCALENDAR: the properties, a
  VTIMEZONE for every TZID used (:mod:`reecal.formats.vtimezone`, from icalendar),
  the events sorted by start then UID, and the end.

Nothing reads the clock or draws random numbers and events are sorted, so unchanged
data gives identical bytes; the bytes are those icalendar writes for the same
components (``tests/formats/test_writer.py``).  Each event costs the same however
large the feed, and nothing needs the garbage collector paused.

>>> import reecal
>>> ics = feed(reecal.load(), name="demo")
>>> b"UID:cast-doctoral-talent-2025.closes@reecal" in ics
True
>>> b"DTSTART;TZID=Asia/Shanghai:20251117T235959" in ics
True
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING

from reecal.formats.contentlines import escape, lines
from reecal.formats.vevent import ALARMS, PARTS, UID_DOMAIN, Vevent, uid, vevents
from reecal.formats.vtimezone import TZ_FLOOR, vtimezones
from reecal.model.dates import Part

if TYPE_CHECKING:
    from reecal.model.records import Record
    from reecal.query.dataset import Dataset

__all__ = ["ALARMS", "PARTS", "PRODID", "TZ_FLOOR", "UID_DOMAIN", "calendar", "feed",
           "feed_head", "resources", "text", "uid"]

PRODID = "-//reecal//rare-earth industry calendar//EN"
REFRESH = timedelta(days=1)
"""How often subscribers should fetch the feed again (whole days)."""
_BEGIN = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}"]
_END = b"END:VCALENDAR\r\n"

text = escape
"""A TEXT value escaped as RFC 5545 §3.3.11 says (:func:`~reecal.formats.contentlines.escape`)."""


def feed_head(name: str, description: str, source_url: str | None = None) -> list[str]:
    """A feed's own properties after VERSION and PRODID, as icalendar orders them:
    CALSCALE, DESCRIPTION/X-WR-CALDESC, NAME/X-WR-CALNAME, REFRESH-INTERVAL, SOURCE
    and X-PUBLISHED-TTL.

    The names and descriptions are TEXT (icalendar 7.3 leaves NAME and X- properties
    unescaped, and a raw "," there is cut by vobject and Radicale, which reecal's lint
    caught); REFRESH-INTERVAL says VALUE=DURATION, as RFC 7986 §5.7 writes it.
    """
    every = f"P{REFRESH.days}D"
    head = ["CALSCALE:GREGORIAN", "DESCRIPTION:" + escape(description),
            "X-WR-CALDESC:" + escape(description), "NAME:" + escape(name),
            "X-WR-CALNAME:" + escape(name), "REFRESH-INTERVAL;VALUE=DURATION:" + every]
    if source_url is not None:
        head.append("SOURCE:" + source_url)
    return [*head, "X-PUBLISHED-TTL:" + every]


def _order(v: Vevent) -> tuple[int, str]:
    return v.at, v.uid


def calendar(head: list[str], events: Iterable[Vevent]) -> bytes:
    """The VCALENDAR of *events*: VERSION, PRODID and *head* (content lines, unfolded),
    the VTIMEZONEs the events need, the events by start then UID, and the end."""
    ordered = sorted(events, key=_order)
    head_ics = lines([*_BEGIN, *head]).encode()
    zones = vtimezones((v.tzid, v.year) for v in ordered)
    return b"".join([head_ics, zones, *[v.ics for v in ordered], _END])


def _own_dataset(records: Iterable[Record]) -> Dataset | None:
    from reecal.query.dataset import Dataset as _Dataset

    return records if isinstance(records, _Dataset) else None


def _vevents(records: Iterable[Record], parts: Iterable[Part | str], ds: Dataset | None,
             alarms: bool) -> list[Vevent]:
    if ds is None:
        ds = _own_dataset(records)
    wanted = {Part(p) for p in parts}
    return [v for r in records for v in vevents(r, ds, parts=wanted, alarms=alarms)]


def feed(records: Iterable[Record], *, name: str, description: str | None = None,
         parts: Iterable[Part | str] = PARTS, alarms: bool = False, ds: Dataset | None = None,
         source_url: str | None = None) -> bytes:
    """A VCALENDAR of *records*: UTF-8, CRLF line ends, lines folded at 75 octets.

    ``parts`` chooses which dates become events: ``event`` (event days), ``opens``
    and ``closes`` (application windows).  ``alarms`` adds VALARM reminders before
    each closing.  *ds* (the dataset the records come from, by default *records*
    itself when it is one) names organisers, parents and series in descriptions.
    The calendar carries NAME/X-WR-CALNAME, DESCRIPTION/X-WR-CALDESC,
    REFRESH-INTERVAL and X-PUBLISHED-TTL, and a VTIMEZONE for every TZID used.
    """
    head = feed_head(name, description or f"{name}: rare-earth industry dates from reecal.",
                     source_url)
    return calendar(head, _vevents(records, parts, ds, alarms))


def resources(records: Iterable[Record], *, parts: Iterable[Part | str] = PARTS,
              ds: Dataset | None = None) -> dict[str, bytes]:
    """UID → a VCALENDAR holding that one event, as a CalDAV server or a vdir stores it.

    Each holds PRODID and VERSION, the VTIMEZONE its event needs, and the VEVENT
    whose bytes are those of the same event in :func:`feed` (same *records*, *parts*
    and *ds*; no alarms): both come from the same code.

    >>> import reecal
    >>> res = resources(reecal.load(), parts=["closes"])
    >>> res["cast-doctoral-talent-2025.closes@reecal"].count(b"BEGIN:VEVENT")
    1
    """
    return {v.uid: calendar([], [v])
            for v in sorted(_vevents(records, parts, ds, False), key=_order)}
