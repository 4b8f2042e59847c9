"""A record's VEVENTs as iCalendar text: a function of the record and its dataset.

Each of a record's :class:`~reecal.model.dates.Point` s becomes one VEVENT:

* an event's days: one all-day VEVENT, ``DTSTART;VALUE=DATE`` and an *exclusive*
  ``DTEND`` (the day after the last day), TRANSP:TRANSPARENT;
* a window's closing (``<id>.closes@reecal``): timed at the closing instant with the
  window's TZID (a VTIMEZONE in the calendar), ending at the end of that minute; its
  opening (``<id>.opens@reecal``), when known, likewise or as an all-day event.

Nothing here reads the clock: UIDs come from record ids, DTSTAMP and LAST-MODIFIED
from the record's ``updated``, SEQUENCE from its ``revision``.  The lines are those
icalendar writes for the same components (same order, escaping, folding and value
forms), which ``tests/formats/test_writer.py`` checks on generated records.

The seam for caching: :func:`vevents` depends only on the record, the dataset that
names its organisers, parents and series (*ds*), and *alarms*; what it returns is
plain data (:class:`Vevent`, a tuple of int, str and bytes: ``tuple(v)`` marshals,
``Vevent(*t)`` restores it), so a cache keyed by the data's version can keep it and
hand it to :func:`reecal.formats.ics.calendar` without calling this module again.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from reecal.formats.contentlines import escape, lines
from reecal.formats.prose import describe, summary
from reecal.formats.vtimezone import own_tzid
from reecal.model.dates import Part
from reecal.model.enums import Status
from reecal.model.zones import iana_name

if TYPE_CHECKING:
    from reecal.model.records import Record
    from reecal.query.dataset import Dataset

__all__ = ["ALARMS", "PARTS", "UID_DOMAIN", "Vevent", "uid", "vevents"]

UID_DOMAIN = "reecal"
PARTS = (Part.EVENT, Part.OPENS, Part.CLOSES)
ALARMS = (timedelta(days=7), timedelta(days=1))
"""When the alerts feed reminds subscribers: this long before each closing (whole
days).  The week comes first: Outlook keeps one reminder per appointment (MS-OXCICAL
allows 0 or 1 VALARM), and a week is the notice that still leaves time to apply."""

_STATUS = {
    Status.CONFIRMED: "CONFIRMED",
    Status.TENTATIVE: "TENTATIVE",
    Status.POSTPONED: "TENTATIVE",
    Status.CANCELLED: "CANCELLED",
}
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_DAY_US = 86_400_000_000


class Vevent(NamedTuple):
    """One VEVENT, and what the calendar around it needs to know of it."""

    at: int
    """When it starts, in microseconds since 1970 UTC (an all-day event: at midnight
    UTC); with :attr:`uid`, the calendar's sort key."""
    uid: str
    part: str
    """Which of the record's dates it is (a :class:`~reecal.model.dates.Part` value)."""
    tzid: str
    """The TZID whose VTIMEZONE it needs, or ``""`` (all-day, or written in UTC)."""
    year: int
    """The year it starts, in its own zone (how far the VTIMEZONE must reach)."""
    ics: bytes
    """Its content lines, ``BEGIN:VEVENT`` to ``END:VEVENT``, folded, CRLF-ended."""


def uid(record_id: str, part: Part = Part.EVENT) -> str:
    """The stable UID of a record's feed event: ``<id>@reecal`` for an event's days,
    ``<id>.opens@reecal`` and ``<id>.closes@reecal`` for a window's.

    Ids are slugs (no dots), so the parts can never collide with another record.

    >>> uid("cast-doctoral-talent-2025", Part.CLOSES)
    'cast-doctoral-talent-2025.closes@reecal'
    """
    if part == Part.EVENT:
        return f"{record_id}@{UID_DOMAIN}"
    return f"{record_id}.{part}@{UID_DOMAIN}"


def _stamp(moment: datetime) -> str:
    """A DATE-TIME in UTC form (``Z``), to the second."""
    t = moment.astimezone(UTC)
    return f"{t.year:04}{t.month:02}{t.day:02}T{t.hour:02}{t.minute:02}{t.second:02}Z"


def _when(moment: date | datetime, tz: str) -> tuple[str, str, int]:
    """A DTSTART or DTEND's parameters and value (``;VALUE=DATE:20260515``,
    ``;TZID=Asia/Shanghai:20251117T235959`` or ``:20251117T155959Z``), the TZID whose
    VTIMEZONE it needs (or ``""``) and its year there.

    A date is all-day; an instant is re-expressed in the IANA zone (AoE → Etc/GMT+12)
    when icalendar would name that zone by its own TZID, in UTC otherwise (see
    :func:`~reecal.formats.vtimezone.own_tzid`).  The zone UTC itself keeps its
    VTIMEZONE, although its times are written with ``Z`` (as icalendar does).
    """
    if not isinstance(moment, datetime):
        return f";VALUE=DATE:{moment.year:04}{moment.month:02}{moment.day:02}", "", moment.year
    name = iana_name(tz)
    if not own_tzid(name):
        return ":" + _stamp(moment), "", moment.astimezone(UTC).year
    from zoneinfo import ZoneInfo

    t = moment.astimezone(ZoneInfo(name))
    digits = f"{t.year:04}{t.month:02}{t.day:02}T{t.hour:02}{t.minute:02}{t.second:02}"
    return (f":{digits}Z" if name == "UTC" else f";TZID={name}:{digits}"), name, t.year


def _at(moment: date | datetime) -> int:
    if isinstance(moment, datetime):
        return (moment - _EPOCH) // timedelta(microseconds=1)
    return (moment - _EPOCH.date()).days * _DAY_US


def _alarms(r: Record) -> list[str]:
    """The VALARMs of a closing: a reminder :data:`ALARMS` before it."""
    out = []
    for before in ALARMS:
        days = f"{before.days} day{'s' if before.days != 1 else ''}"
        out += ["BEGIN:VALARM", "ACTION:DISPLAY",
                "DESCRIPTION:" + escape(f"Closes in {days}: {r.title}"),
                f"TRIGGER:-P{before.days}D", "END:VALARM"]
    return out


def _shared(r: Record, ds: Dataset | None, stamp: str) -> str:
    """The lines every VEVENT of *r* has alike, CATEGORIES to URL (icalendar's order:
    alphabetical after its canonical first few), folded."""
    out = [f"CATEGORIES:{','.join([r.kind.value, *r.tags])}",  # slugs: nothing to escape
           "CLASS:PUBLIC", "DESCRIPTION:" + escape(describe(r, ds))]
    place = r.place
    if place is not None and place.lat is not None and place.lon is not None:
        out.append(f"GEO:{float(place.lat)};{float(place.lon)}")
    out.append("LAST-MODIFIED:" + stamp)
    if place is not None:
        out.append("LOCATION:" + escape(place.label))
    out += ["STATUS:" + _STATUS[r.status], "TRANSP:TRANSPARENT"]
    if r.url:
        out.append("URL:" + r.url)
    return lines(out)


def vevents(r: Record, ds: Dataset | None = None, *, parts: Collection[str] = PARTS,
            alarms: bool = False) -> list[Vevent]:
    """The VEVENTs of *r*'s dates whose part is in *parts*, in the record's order.

    *ds* names organisers, parents and series in the description; *alarms* adds
    VALARM reminders before a closing (the alerts feed).
    """
    out: list[Vevent] = []
    shared = ""
    stamp = _stamp(r.updated)
    for p in r.dates.points:
        if p.part not in parts:
            continue
        if not shared:
            shared = _shared(r, ds, stamp)
        start, tzid, year = _when(p.start, r.tz)
        end = _when(p.end, r.tz)[0]
        the_uid = uid(r.id, p.part)
        head = lines(["BEGIN:VEVENT", "SUMMARY:" + escape(summary(r, p.part)),
                      "DTSTART" + start, "DTEND" + end, "DTSTAMP:" + stamp, "UID:" + the_uid,
                      f"SEQUENCE:{r.revision}"])
        tail = ["END:VEVENT"]
        if alarms and p.part == Part.CLOSES:
            tail = [*_alarms(r), *tail]
        out.append(Vevent(_at(p.start), the_uid, p.part.value, tzid, year,
                          (head + shared + lines(tail)).encode()))
    return out

