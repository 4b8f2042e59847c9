"""How every query takes a moment, a day and a zone: one rule, one message.

A moment ("now") is a :class:`~datetime.date` (the start of that day in the viewer's
zone) or an aware :class:`~datetime.datetime`; a day (``until``, a filter's ``start``)
is a date or an aware datetime (its own day); a zone is an IANA name, ``AoE`` or a
``tzinfo``.  Anything else is one :class:`~reecal.errors.FieldError` naming the
parameter.

>>> instant_of(date(2025, 11, 17), "Asia/Shanghai").isoformat()
'2025-11-17T00:00:00+08:00'
>>> instant_of("2025-11-17", "UTC")
Traceback (most recent call last):
...
reecal.errors.FieldError: now: expected a date or a datetime with a time zone, got text '2025-11-17'
>>> zone_of("Mars/Base")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
reecal.errors.FieldError: tz: unknown time zone 'Mars/Base' (use an IANA name such as ...)
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from reecal.errors import FieldError
from reecal.model.checks import check_zone, describe

__all__ = ["Zone", "day_of", "instant_of", "moment", "zone_of"]

Zone = str | tzinfo
"""A viewer's zone: an IANA name, ``AoE``, or a tzinfo."""


def zone_of(tz: object, name: str = "tz") -> tzinfo:
    if isinstance(tz, tzinfo):
        return tz
    if not isinstance(tz, str):
        raise FieldError(name, f"expected a zone name or a tzinfo, got {describe(tz)}")
    return check_zone(name, tz)


def instant_of(now: object, tz: Zone, name: str = "now") -> datetime:
    """*now* as an aware instant: a date means the start of that day in *tz*."""
    if isinstance(now, datetime):
        if now.tzinfo is None or now.utcoffset() is None:
            raise FieldError(name, "a date-time without a time zone is ambiguous: give a "
                                   "date, or a datetime with tzinfo (e.g. tzinfo=UTC)")
        return now
    if isinstance(now, date):
        return datetime(now.year, now.month, now.day, tzinfo=zone_of(tz))
    raise FieldError(name, f"expected a date or a datetime with a time zone, got {describe(now)}")


def day_of(value: object, name: str) -> date:
    """A day given as a date, or as an aware datetime (its own day)."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    return instant_of(value, "UTC", name).date()


def moment(text: str, tz: Zone, name: str = "today") -> datetime:
    """A moment as people write it: an ISO date (the start of that day in *tz*) or an ISO
    date-time (in *tz* unless it carries an offset).

    >>> moment("2025-11-12", "Asia/Shanghai").isoformat()
    '2025-11-12T00:00:00+08:00'
    >>> moment("2025-11-12T09:30+00:00", "Asia/Shanghai").isoformat()
    '2025-11-12T17:30:00+08:00'
    >>> moment("12/11/2025", "UTC")
    Traceback (most recent call last):
    ...
    reecal.errors.FieldError: today: '12/11/2025' is not a date (YYYY-MM-DD) or ISO date-time
    """
    from reecal.model.checks import check_year

    zone = zone_of(tz)
    try:
        if len(text) == 10:
            d = date.fromisoformat(text)
            dt = datetime(d.year, d.month, d.day)
        else:
            dt = datetime.fromisoformat(text)
    except ValueError:
        raise FieldError(name, f"{text!r} is not a date (YYYY-MM-DD) or ISO date-time") from None
    check_year(name, dt.date())
    return dt.astimezone(zone) if dt.tzinfo else dt.replace(tzinfo=zone)
