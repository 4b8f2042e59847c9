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
from datetime import UTC, date, datetime, time, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["AOE", "UTC", "end_of_day", "iana_name", "is_valid_zone", "names", "start_of_day",
           "zone"]

AOE = "AoE"
_AOE_IANA = "Etc/GMT+12"
_MACHINE = frozenset({"localtime", "posixrules", "Factory"})
"""Files of a zone database that are not zones: the machine's own zone, a template, a
placeholder; ``posix/`` and ``right/`` (leap seconds) are copies under other rules."""
_NAME = r"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*$"
"""A zone's name, as the data files' schema says it (:func:`_named` checks it)."""
_NAME_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+-")


def _named(name: str) -> bool:
    """Whether *name* reads as a zone's name: what ``re.match(_NAME, name)`` accepts
    (``$`` also matches before a final newline), without importing re.

    >>> [_named(n) for n in ("Asia/Shanghai", "Etc/GMT+12", "UTC\\n", "9/x", "a//b", "a/")]
    [True, True, True, False, False, False]
    """
    first, *rest = (name[:-1] if name.endswith("\n") else name).split("/")
    return (first[:1].isascii() and first[:1].isalpha() and set(first) <= _NAME_CHARS
            and all(part and set(part) <= _NAME_CHARS for part in rest))


def iana_name(name: str) -> str:
    """The IANA name for *name* (``AoE`` becomes ``Etc/GMT+12``).

    >>> iana_name("AoE"), iana_name("Europe/Paris")
    ('Etc/GMT+12', 'Europe/Paris')
    """
    return _AOE_IANA if name == AOE else name


@functools.lru_cache(maxsize=512)
def zone(name: str) -> tzinfo:
    """The zone called *name*; raises ``ValueError`` with a readable message if unknown."""
    if not isinstance(name, str) or not _named(name) or len(name) > 64:
        raise ValueError(f"not a time zone name: {name!r}")
    if name in _MACHINE or name.startswith(("posix/", "right/")):
        raise ValueError(f"{name!r} is a file of the machine's zone database, not a zone: its "
                         "meaning differs between machines (use an IANA name such as "
                         "'Asia/Shanghai', or 'AoE')")
    try:
        return ZoneInfo(iana_name(name))
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(f"unknown time zone {name!r}" + _hint(name)) from None


def _hint(name: str) -> str:
    """The zone *name* may have meant: one spelt nearly so ("Europe/Berln"), or a
    zone of that city ("Berlin"); never a guess ("Asia/Beijing" is not Brunei)."""
    from reecal.model.suggest import close_matches

    by_city = {z.rsplit("/", 1)[-1].casefold(): z for z in names()}
    close = (close_matches(name, names(), loose=False)
             or close_matches(name.rsplit("/", 1)[-1].casefold(), by_city, loose=False))
    if close:
        return f' (did you mean "{by_city.get(close[0], close[0])}"?)'
    return " (use an IANA name such as 'Asia/Shanghai', or 'AoE')"


@functools.lru_cache(maxsize=1)
def names() -> tuple[str, ...]:
    """Every zone name reecal accepts, sorted: the IANA names, and ``AoE``."""
    from zoneinfo import available_timezones

    return tuple(sorted({*available_timezones(), AOE} - _MACHINE))


def is_valid_zone(name: str) -> bool:
    """True if *name* is an IANA zone or ``AoE``.

    >>> is_valid_zone("Asia/Shanghai"), is_valid_zone("Mars/Olympus"), is_valid_zone("../etc")
    (True, False, False)
    >>> is_valid_zone("localtime"), is_valid_zone("right/UTC"), is_valid_zone("posix/UTC")
    (False, False, False)
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
