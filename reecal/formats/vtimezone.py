"""Which TZID a feed writes for a zone, and the VTIMEZONE components, from ``icalendar``.

A feed has few zones, so these come from icalendar (imported only here, and only when
a timed event needs one) and are kept: computing a VTIMEZONE over decades of rules
takes tens of milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache, lru_cache

__all__ = ["TZ_FLOOR", "own_tzid", "vtimezones"]

TZ_FLOOR = 1970
"""VTIMEZONEs start no later than 1 Jan of this year (earlier for older events).

A VTIMEZONE that starts in an event's own year with a single observance whose
TZOFFSETFROM equals its TZOFFSETTO (what a zone without daylight saving gives for
a short range) is misread by ical4j, and so by Android clients built on it (DAVx5,
ICSx5): events show at 23:00 the day before (ical4j issue 493).  Starting well
before any event gives the zone's real history instead."""


@cache
def own_tzid(name: str) -> bool:
    """Whether icalendar names the IANA zone *name* by *name* itself.

    icalendar names some zones by an "equivalent" id from today's rules (it writes
    Africa/Bamako as UTC, although Bamako was UTC-1 in 1960).  The feed writes an
    instant in such a zone in UTC instead, so it is always exact.

    >>> own_tzid("Asia/Shanghai"), own_tzid("Africa/Bamako")
    (True, False)
    """
    from zoneinfo import ZoneInfo

    from icalendar.timezone import tzid_from_tzinfo

    return bool(tzid_from_tzinfo(ZoneInfo(name)) == name)


def vtimezones(starts: Iterable[tuple[str, int]]) -> bytes:
    """The VTIMEZONEs of a calendar whose timed events start in these (TZID, local
    year)s (TZID ``""``: no VTIMEZONE needed), sorted by TZID.

    Each covers 1 Jan of the earlier of :data:`TZ_FLOOR` and the year before the
    first event to 31 Dec of the year after the last (one range for all zones).
    """
    zoned = [(tzid, year) for tzid, year in starts if tzid]
    if not zoned:
        return b""
    years = [year for _, year in zoned]
    first, last = min(TZ_FLOOR, min(years) - 1), max(years) + 1
    return b"".join(_vtimezone(tzid, first, last) for tzid in sorted({t for t, _ in zoned}))


@lru_cache(maxsize=256)
def _vtimezone(tzid: str, first: int, last: int) -> bytes:
    """The VTIMEZONE of *tzid* from 1 Jan *first* to 31 Dec *last*."""
    from icalendar import Timezone

    tz = Timezone.from_tzid(tzid, first_date=date(first, 1, 1), last_date=date(last, 12, 31))
    # icalendar notes the covered range in a COMMENT, which RFC 5546's restriction
    # table (libical's check) does not allow in a VTIMEZONE.
    tz.pop("COMMENT", None)
    ical: bytes = tz.to_ical()
    return ical
