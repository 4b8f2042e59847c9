"""Records → an iCalendar feed (RFC 5545), deterministically, with ``icalendar``.

Nothing here reads the clock or draws random numbers: UIDs come from record ids,
DTSTAMP and LAST-MODIFIED from each record's ``updated``, SEQUENCE from its
``revision``, and events are sorted, so unchanged data gives identical bytes.  Each
of a record's :class:`~reecal.model.dates.Point` s becomes one VEVENT:

* an event's days: one all-day VEVENT, ``DTSTART;VALUE=DATE`` and an *exclusive*
  ``DTEND`` (the day after the last day), TRANSP:TRANSPARENT;
* a window's closing (``<id>.closes@reecal``): timed at the closing instant with the
  window's TZID and a VTIMEZONE, ending at the end of that minute; its opening
  (``<id>.opens@reecal``), when known, likewise or as an all-day event.

Events are built and serialised one at a time, so the time per event does not grow
with the size of the feed and nothing needs the garbage collector paused.

>>> import reecal
>>> ics = feed(reecal.load(), name="demo")
>>> b"UID:cast-doctoral-talent-2025.closes@reecal" in ics
True
>>> b"DTSTART;TZID=Asia/Shanghai:20251117T235959" in ics
True
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from reecal.formats.prose import describe, summary
from reecal.model.dates import Part, Point
from reecal.model.enums import Status
from reecal.model.records import Record
from reecal.model.zones import iana_name

if TYPE_CHECKING:
    from icalendar import Calendar, Timezone, vText
    from icalendar import Event as VEvent

    from reecal.query.dataset import Dataset

__all__ = ["ALARMS", "PARTS", "PRODID", "TZ_FLOOR", "UID_DOMAIN", "feed", "resources", "text",
           "uid"]

PRODID = "-//reecal//rare-earth industry calendar//EN"
UID_DOMAIN = "reecal"
REFRESH = timedelta(days=1)
ALARMS = (timedelta(days=7), timedelta(days=1))
"""When the alerts feed reminds subscribers: this long before each closing.  The week
comes first: Outlook keeps one reminder per appointment (MS-OXCICAL allows 0 or 1
VALARM), and a week is the notice that still leaves time to apply."""
PARTS = (Part.EVENT, Part.OPENS, Part.CLOSES)
_END = b"END:VCALENDAR\r\n"

_STATUS = {
    Status.CONFIRMED: "CONFIRMED",
    Status.TENTATIVE: "TENTATIVE",
    Status.POSTPONED: "TENTATIVE",
    Status.CANCELLED: "CANCELLED",
}


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


def text(value: str) -> vText:
    r"""A TEXT value escaped exactly as RFC 5545 §3.3.11 says.

    icalendar's ``vText`` turns a literal ``\N`` in the value into a line break
    before escaping (its documented shortcut), so a quote holding the two characters
    backslash and N came back changed (found by the property tests).  This escapes
    the backslash first, then ``;``, ``,`` and line breaks, so every value round-trips.

    >>> text("C:\\New; a, b\nc").to_ical().decode()
    'C:\\\\New\\; a\\, b\\nc'
    """
    return _text_class()(value)


@cache
def _text_class() -> type[vText]:
    from icalendar import vText as _vText

    class Text(_vText):
        __slots__ = ()

        def to_ical(self) -> bytes:
            return (self.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                    .replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")
                    .encode("utf-8"))

    return Text


def _tzid(moment: date | datetime, tz: str) -> date | datetime:
    """A date as is; an instant re-expressed in the IANA zone (AoE → Etc/GMT+12).

    icalendar names some zones by an "equivalent" id from today's rules (it writes
    Africa/Bamako as UTC, although Bamako was UTC-1 in 1960).  Where it would not
    write the zone's own TZID, the instant is written in UTC instead, so it is
    always exact.
    """
    if not isinstance(moment, datetime):
        return moment
    from zoneinfo import ZoneInfo

    from icalendar.timezone import tzid_from_dt

    name = iana_name(tz)
    local = moment.astimezone(ZoneInfo(name))
    return local.astimezone(UTC) if tzid_from_dt(local) != name else local


def _vevent(r: Record, p: Point, start: date | datetime, ds: Dataset | None,
            alarms: bool) -> VEvent:
    from icalendar import Alarm, vGeo
    from icalendar import Event as VEvent

    stamp = r.updated.astimezone(UTC)
    ev = VEvent.new(uid=uid(r.id, p.part), stamp=stamp, last_modified=stamp,
                    sequence=r.revision, start=start, end=_tzid(p.end, r.tz))
    ev.add("TRANSP", "TRANSPARENT")
    ev.add("SUMMARY", text(summary(r, p.part)))
    ev.add("DESCRIPTION", text(describe(r, ds)))
    if r.place is not None:
        ev.add("LOCATION", text(r.place.label))
        if r.place.lat is not None and r.place.lon is not None:
            ev.add("GEO", vGeo((r.place.lat, r.place.lon)))
    if r.url:
        ev.add("URL", r.url)
    ev.add("CATEGORIES", [r.kind.value, *r.tags])
    ev.add("STATUS", _STATUS[r.status])
    ev.add("CLASS", "PUBLIC")
    if alarms and p.part == Part.CLOSES:
        for before in ALARMS:
            alarm = Alarm()
            alarm.add("ACTION", "DISPLAY")
            alarm.add("TRIGGER", -before)
            alarm.add("DESCRIPTION", text(f"Closes in {before.days} day"
                                          f"{'s' if before.days != 1 else ''}: {r.title}"))
            ev.add_component(alarm)
    return ev


def _sort_key(item: tuple[Record, Point, date | datetime]) -> tuple[datetime, str]:
    r, p, start = item
    key = (start.astimezone(UTC) if isinstance(start, datetime)
           else datetime(start.year, start.month, start.day, tzinfo=UTC))
    return key, uid(r.id, p.part)


def _calendar(name: str, description: str, source_url: str | None) -> Calendar:
    from icalendar import Calendar, vDuration

    cal = Calendar.new(prodid=PRODID, calscale="GREGORIAN", name=name,
                       description=description, refresh_interval=REFRESH, source=source_url,
                       uid="-")
    del cal["UID"]  # Calendar.new would otherwise draw a random one
    # As TEXT: icalendar 7.3 leaves NAME and X- properties unescaped (a raw ","
    # there is cut by vobject and Radicale), which reecal's lint caught.
    for prop, value in (("NAME", name), ("X-WR-CALNAME", name), ("DESCRIPTION", description),
                        ("X-WR-CALDESC", description)):
        cal.pop(prop, None)
        cal.add(prop, text(value))
    # RFC 7986 §5.7 writes REFRESH-INTERVAL with VALUE=DURATION; icalendar omits it.
    cal.pop("REFRESH-INTERVAL", None)
    cal.add("REFRESH-INTERVAL", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    cal.add("X-PUBLISHED-TTL", vDuration(REFRESH))
    return cal


TZ_FLOOR = 1970
"""VTIMEZONEs start no later than 1 Jan of this year (earlier for older events).

A VTIMEZONE that starts in an event's own year with a single observance whose
TZOFFSETFROM equals its TZOFFSETTO (what a zone without daylight saving gives for
a short range) is misread by ical4j, and so by Android clients built on it (DAVx5,
ICSx5): events show at 23:00 the day before (ical4j issue 493).  Starting well
before any event gives the zone's real history instead."""


def _add_timezones(cal: Calendar, starts: Iterable[date | datetime]) -> None:
    """VTIMEZONEs for the TZIDs used, from before the first event to after the last."""
    timed = [s for s in starts if isinstance(s, datetime) and s.tzinfo is not UTC]
    if not timed:
        return
    years = [s.year for s in timed]
    first, last = min(TZ_FLOOR, min(years) - 1), max(years) + 1
    for tzid in sorted({str(getattr(s.tzinfo, "key", "")) for s in timed} - {""}):
        cal.add_component(_vtimezone(tzid, first, last))


@lru_cache(maxsize=256)
def _vtimezone(tzid: str, first: int, last: int) -> Timezone:
    """The VTIMEZONE of *tzid* from 1 Jan *first* to 31 Dec *last* (kept: computing one
    over decades of rules takes tens of milliseconds, and feeds reuse a few)."""
    from icalendar import Timezone

    tz = Timezone.from_tzid(tzid, first_date=date(first, 1, 1), last_date=date(last, 12, 31))
    # icalendar notes the covered range in a COMMENT, which RFC 5546's restriction
    # table (libical's check) does not allow in a VTIMEZONE.
    tz.pop("COMMENT", None)
    return tz


def _own_dataset(records: Iterable[Record]) -> Dataset | None:
    from reecal.query.dataset import Dataset as _Dataset

    return records if isinstance(records, _Dataset) else None


def _items(records: Iterable[Record], parts: Iterable[Part | str]
           ) -> list[tuple[Record, Point, date | datetime]]:
    """The (record, point, start in its TZID) of each event, in the feed's order."""
    wanted = {Part(p) for p in parts}
    return sorted(((r, p, _tzid(p.start, r.tz)) for r in records for p in r.dates.points
                   if p.part in wanted), key=_sort_key)


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
    if ds is None:
        ds = _own_dataset(records)
    items = _items(records, parts)
    cal = _calendar(name, description or f"{name}: rare-earth industry dates from reecal.",
                    source_url)
    _add_timezones(cal, (start for _, _, start in items))
    head: bytes = cal.to_ical()
    assert head.endswith(_END)
    chunks = [head[:-len(_END)]]
    chunks += [_vevent(r, p, start, ds, alarms).to_ical() for r, p, start in items]
    chunks.append(_END)
    return b"".join(chunks)


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
    from icalendar import Calendar

    if ds is None:
        ds = _own_dataset(records)
    out = {}
    for r, p, start in _items(records, parts):
        cal = Calendar.new(prodid=PRODID, uid="-")
        del cal["UID"]  # as in _calendar: no random calendar UID
        _add_timezones(cal, [start])
        head: bytes = cal.to_ical()
        out[uid(r.id, p.part)] = (head[:-len(_END)] + _vevent(r, p, start, ds, False).to_ical()
                                  + _END)
    return out
