"""Dates, instants and durations in words: one vocabulary for the CLI and the feeds.

>>> from datetime import date
>>> day_range(date(2026, 5, 15), date(2026, 5, 18))
'15–18 May 2026'
>>> from reecal.model.window import Window
>>> deadline_phrase(Window(closes=date(2025, 11, 17), tz="Asia/Shanghai"))
'17 Nov 2025, end of day Beijing time (time not published)'
>>> from datetime import timedelta
>>> span(timedelta(hours=5, minutes=10)), span(timedelta(days=1, hours=2)), span(timedelta(days=3))
('5 h 10 min', '1 day 2 h', '3 days')
>>> span(timedelta(seconds=30))
'under a minute'
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

from reecal.model.zones import zone

TYPE_CHECKING = False  # typing is not imported: the agenda's start-up does without it
if TYPE_CHECKING:
    from reecal.model.window import Window

__all__ = ["counted", "day", "day_range", "deadline_phrase", "instant", "month", "span",
           "zone_label"]

_FRIENDLY = {
    "Asia/Shanghai": "Beijing time",
    "Asia/Chongqing": "Beijing time",
    "Asia/Harbin": "Beijing time",
    "PRC": "Beijing time",
    "AoE": "AoE (UTC-12)",
    "UTC": "UTC",
    "Etc/UTC": "UTC",
}


def zone_label(name: str) -> str:
    """A reader's name for a zone: 'Beijing time' for Asia/Shanghai, else the IANA name."""
    return _FRIENDLY.get(name, name)


def day(d: date) -> str:
    """'17 Nov 2025' (no leading zero, English month, independent of the locale)."""
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def month(d: date) -> str:
    """'May 2026': the month of *d*."""
    return f"{_MONTHS[d.month - 1]} {d.year}"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_range(start: date, end: date | None) -> str:
    """'15–18 May 2026', '30 Apr – 2 May 2026', or one day."""
    if end is None or end == start:
        return day(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {_MONTHS[end.month - 1]} {end.year}"
    if start.year == end.year:
        return f"{start.day} {_MONTHS[start.month - 1]} – {day(end)}"
    return f"{day(start)} – {day(end)}"


def instant(dt: datetime, tz: str | tzinfo | None = None) -> str:
    """'2025-11-17 23:59 (UTC+08:00)'; seconds shown only when not zero."""
    if tz is not None:
        dt = dt.astimezone(zone(tz) if isinstance(tz, str) else tz)
    fmt = "%Y-%m-%d %H:%M:%S" if dt.second else "%Y-%m-%d %H:%M"
    off = dt.utcoffset() or timedelta(0)
    sign = "-" if off < timedelta(0) else "+"
    minutes = abs(int(off.total_seconds())) // 60
    return f"{dt.strftime(fmt)} (UTC{sign}{minutes // 60:02d}:{minutes % 60:02d})"


def deadline_phrase(w: Window) -> str:
    """How a deadline reads to a person, with the caveat when no time was published."""
    closes = w.closes_at
    if not w.time_published:
        return f"{day(closes.date())}, end of day {zone_label(w.tz)} (time not published)"
    return f"{day(closes.date())}, {closes.strftime('%H:%M')} {zone_label(w.tz)}"


def span(delta: timedelta) -> str:
    """A duration to the nearest sensible unit: '3 days', '5 h', '12 min'."""
    secs = abs(delta.total_seconds())
    if secs < 60:
        return "under a minute"
    if secs < 3600:
        return f"{int(secs // 60)} min"
    if secs < 86400:
        hours, minutes = int(secs // 3600), int(secs % 3600 // 60)
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days = int(secs // 86400)
    if days == 1:
        hours = int(secs % 86400 // 3600)
        return f"1 day {hours} h" if hours else "1 day"
    return f"{days} days"


def counted(n: int, noun: str) -> str:
    """*n* *noun*s, or one *noun*.

    >>> counted(1, "file"), counted(3, "finding"), counted(0, "change")
    ('1 file', '3 findings', '0 changes')
    """
    return f"{n} {noun}{'' if n == 1 else 's'}"
