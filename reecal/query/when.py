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

import functools
from datetime import UTC, date, datetime, timedelta, tzinfo

from reecal.errors import FieldError
from reecal.model.dates import check_year
from reecal.model.zones import zone

TYPE_CHECKING = False  # typing is not imported: the agenda's start-up does without it
if TYPE_CHECKING:
    import re

__all__ = ["HOW", "Zone", "day_of", "day_text", "instant_of", "moment", "zone_of"]

Zone = str | tzinfo
"""A viewer's zone: an IANA name, ``AoE``, or a tzinfo."""


def zone_of(tz: object, name: str = "tz") -> tzinfo:
    if isinstance(tz, tzinfo):
        return tz
    if not isinstance(tz, str):
        from reecal.model.checks import describe

        raise FieldError(name, f"expected a zone name or a tzinfo, got {describe(tz)}")
    try:
        return zone(tz)
    except ValueError:  # the model's rule says why (imported only then: it needs attrs)
        from reecal.model.checks import check_zone

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
    from reecal.model.checks import describe

    raise FieldError(name, f"expected a date or a datetime with a time zone, got {describe(now)}")


def day_of(value: object, name: str) -> date:
    """A day given as a date, or as an aware datetime (its own day)."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    return instant_of(value, "UTC", name).date()


HOW = ("write a day as YYYY-MM-DD (2026-05-01), a month as YYYY-MM, an instant as "
       "2026-05-01T09:30+08:00, or today, tomorrow, yesterday, +30d, -2w, +3m, +1y")
"""How to write a day or a moment: said by every message about one."""

_WORDS = {"today": 0, "tomorrow": 1, "yesterday": -1}


@functools.cache
def _pattern(text: str) -> re.Pattern[str]:
    import re  # (only for the forms that need it: the agenda's start-up does without re)

    return re.compile(text)


def _step(t: str) -> re.Match[str] | None:
    """``+30d``, ``-2w``: a sign, a count and a unit."""
    return _pattern(r"([+-])(\d{1,5})([dwmy])").fullmatch(t) if t[:1] in ("+", "-") else None


def _month(t: str) -> re.Match[str] | None:
    """``2026-05``: a year and a month."""
    return _pattern(r"(\d{4})-(\d{2})").fullmatch(t) if len(t) == 7 else None


def _clock(tz: tzinfo) -> datetime:
    return datetime.now(UTC).astimezone(tz)


def day_text(text: str, name: str, *, today: date, tz: Zone = "UTC", end: bool = False
             ) -> date:
    """A day as people type it, *today* being the day relative forms count from.

    A month is its first day, or its last with *end* (an ``--until``); an instant is
    its day in *tz*.  Spelled-out dates are read with python-dateutil when they can
    mean only one day; anything else is one :class:`FieldError` saying how to write it.

    >>> t = date(2026, 11, 25)
    >>> [day_text(x, "until", today=t).isoformat() for x in ("tomorrow", "+30d", "+1m")]
    ['2026-11-26', '2026-12-25', '2026-12-25']
    >>> day_text("2026-02", "until", today=t, end=True), day_text("25 Dec 2026", "until", today=t)
    (datetime.date(2026, 2, 28), datetime.date(2026, 12, 25))
    >>> day_text("05/06/2026", "until", today=t)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    reecal.errors.FieldError: until: '05/06/2026' is ambiguous (6 May or 5 June?): ...
    """
    t = text.strip().casefold()
    if t in _WORDS:
        found = today + timedelta(days=_WORDS[t])
    elif step := _step(t):
        from dateutil.relativedelta import relativedelta

        n = int(step[2]) * (-1 if step[1] == "-" else 1)
        unit = step[3]
        try:
            found = today + relativedelta(days=n if unit == "d" else 0,
                                          weeks=n if unit == "w" else 0,
                                          months=n if unit == "m" else 0,
                                          years=n if unit == "y" else 0)
        except (OverflowError, ValueError):
            raise FieldError(name, f"{text!r} is too far away") from None
    elif month := _month(t):
        from reecal.model.dates import month_end

        try:
            first = date(int(month[1]), int(month[2]), 1)
        except ValueError:
            raise FieldError(name, f"{text!r} is not a month: {HOW}") from None
        found = month_end(first) if end else first
    else:
        at = _written(text, name)
        found = (at.astimezone(zone_of(tz)) if at.tzinfo else at).date()
    check_year(name, found)
    return found


def _written(text: str, name: str) -> datetime:
    """An ISO date or date-time, else a spelled-out one that can mean only one instant."""
    t = text.strip()
    try:
        if len(t) == 10:
            d = date.fromisoformat(t)
            return datetime(d.year, d.month, d.day)
        return datetime.fromisoformat(t)
    except ValueError:
        pass
    from dateutil import parser

    readings: dict[bool, set[datetime]] = {}
    year_first = _pattern(r"\d{4}\D").match(t) is not None  # 2026-5-1 is never day-first
    for dayfirst in (False,) if year_first else (False, True):
        for default in (datetime(2000, 1, 1), datetime(2004, 2, 2)):
            try:
                at = parser.parse(t, dayfirst=dayfirst, default=default)
            except (ValueError, OverflowError):
                raise FieldError(name, f"{text!r} is not a date: {HOW}") from None
            readings.setdefault(dayfirst, set()).add(at)
    if any(len(seen) > 1 for seen in readings.values()):
        raise FieldError(name, f"{text!r} leaves out the day, month or year: {HOW}")
    first, second = (next(iter(readings.get(k, readings[False]))) for k in (False, True))
    if first != second:
        raise FieldError(name, f"{text!r} is ambiguous ({first:%-d %B} or {second:%-d %B}?): "
                               + HOW)
    return first


def moment(text: str, tz: Zone, name: str = "today", *, now: datetime | None = None
           ) -> datetime:
    """A moment as people write it: a day (see :func:`day_text`: the start of that day
    in *tz*), or a date-time (in *tz* unless it carries an offset).  Relative forms
    count from *now*, else from the clock.

    >>> moment("2025-11-12", "Asia/Shanghai").isoformat()
    '2025-11-12T00:00:00+08:00'
    >>> moment("2025-11-12T09:30+00:00", "Asia/Shanghai").isoformat()
    '2025-11-12T17:30:00+08:00'
    >>> moment("+2d", "UTC", now=datetime(2026, 5, 1, 12, tzinfo=UTC)).isoformat()
    '2026-05-03T00:00:00+00:00'
    >>> moment("12/11/2025", "UTC")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    reecal.errors.FieldError: today: '12/11/2025' is ambiguous (11 December or 12 November?): ...
    """
    z = zone_of(tz)
    t = text.strip().casefold()
    if t in _WORDS or _step(t) or _month(t):
        today = (now.astimezone(z) if now else _clock(z)).date()
        d = day_text(text, name, today=today, tz=z)
        return datetime(d.year, d.month, d.day, tzinfo=z)
    dt = _written(text, name)
    check_year(name, dt.date())
    return dt.astimezone(z) if dt.tzinfo else dt.replace(tzinfo=z)
