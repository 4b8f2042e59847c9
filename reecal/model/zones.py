"""Time zones: IANA names, plus ``AoE`` (Anywhere on Earth, fixed UTC-12).

A deadline published as a bare date means *the end of that day* in the organiser's
zone.  ``AoE`` is the academic convention for "as long as it is still that day
anywhere": it is the fixed offset UTC-12, which IANA spells ``Etc/GMT+12`` (the
sign of ``Etc/GMT`` names is inverted).

>>> from datetime import date
>>> end_of_day(date(2025, 11, 17), "AoE").isoformat()
'2025-11-17T23:59:59-12:00'
>>> end_of_day(date(2025, 11, 17), "AoE").astimezone(UTC).isoformat()
'2025-11-18T11:59:59+00:00'
>>> end_of_day(date(2025, 11, 17), "Asia/Shanghai").astimezone(UTC).isoformat()
'2025-11-17T15:59:59+00:00'
"""

from __future__ import annotations

import functools
import re
from datetime import UTC, date, datetime, time, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["AOE", "UTC", "end_of_day", "iana_name", "is_valid_zone", "start_of_day", "zone"]

AOE = "AoE"
_AOE_IANA = "Etc/GMT+12"
_NAME = r"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*$"


def iana_name(name: str) -> str:
    """The IANA name for *name* (``AoE`` becomes ``Etc/GMT+12``).

    >>> iana_name("AoE"), iana_name("Europe/Paris")
    ('Etc/GMT+12', 'Europe/Paris')
    """
    return _AOE_IANA if name == AOE else name


@functools.lru_cache(maxsize=512)
def zone(name: str) -> tzinfo:
    """The zone called *name*; raises ``ValueError`` with a readable message if unknown."""
    if not isinstance(name, str) or not re.match(_NAME, name) or len(name) > 64:
        raise ValueError(f"not a time zone name: {name!r}")
    try:
        return ZoneInfo(iana_name(name))
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(
            f"unknown time zone {name!r} (use an IANA name such as 'Asia/Shanghai', or 'AoE')"
        ) from None


def is_valid_zone(name: str) -> bool:
    """True if *name* is an IANA zone or ``AoE``.

    >>> is_valid_zone("Asia/Shanghai"), is_valid_zone("Mars/Olympus"), is_valid_zone("../etc")
    (True, False, False)
    """
    try:
        zone(name)
    except ValueError:
        return False
    return True


def end_of_day(day: date, name: str) -> datetime:
    """The last second of *day* in zone *name* (how a date-only deadline is read)."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=zone(name))


def start_of_day(day: date, name: str) -> datetime:
    """The first instant of *day* in zone *name*."""
    return datetime.combine(day, time(0, 0), tzinfo=zone(name))


def exists(local: datetime, name: str) -> bool:
    """Whether the wall-clock time *local* (naive) occurs in zone *name*.

    A time inside a daylight-saving gap never happens: clocks jump over it.

    >>> exists(datetime(2027, 3, 14, 2, 30), "America/New_York")
    False
    >>> exists(datetime(2027, 3, 14, 3, 30), "America/New_York")
    True
    """
    z = zone(name)
    aware = local.replace(tzinfo=z)
    return aware.astimezone(UTC).astimezone(z).replace(tzinfo=None) == local
