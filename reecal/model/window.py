"""An application window: it may open on a known day; it closes at a deadline.

The window is where a deadline's *meaning* is defined: a closing given as a date is
the end of that day (23:59:59) in the window's zone, and its time was not published;
a local date-time is that instant in the zone.

>>> w = Window(closes=date(2025, 11, 17), tz="Asia/Shanghai")
>>> w.closes_at.isoformat(), w.time_published
('2025-11-17T23:59:59+08:00', False)
>>> Window(closes=date(2025, 11, 17), tz="AoE").closes_at.isoformat()
'2025-11-17T23:59:59-12:00'
"""

from __future__ import annotations

from datetime import date, datetime

from attrs import field, frozen

from reecal.errors import FieldError
from reecal.model import checks as c
from reecal.model.zones import end_of_day, exists, start_of_day, zone

__all__ = ["Window", "instant"]


def instant(value: date | datetime, tz: str, *, end: bool) -> datetime:
    """The aware instant a window's date or local date-time means in zone *tz*: a date
    is the start of that day, or its end (*end*) for a closing."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=zone(tz))
    return end_of_day(value, tz) if end else start_of_day(value, tz)


@frozen(kw_only=True, slots=False)
class Window:
    """An application window, in zone ``tz`` (an IANA name or ``AoE``).

    ``opens`` and ``closes`` are dates or local date-times; ``extended_from`` is the
    closing before an extension.
    """

    opens: date | datetime | None = field(default=None, converter=c.whole_seconds,
                                          validator=c.opt_moment)
    closes: date | datetime = field(converter=c.whole_seconds, validator=c.moment)
    tz: str = field(validator=c.tz)
    extended_from: date | datetime | None = field(default=None, converter=c.whole_seconds,
                                                  validator=c.opt_moment)

    def __attrs_post_init__(self) -> None:
        for name in ("opens", "closes", "extended_from"):
            value = getattr(self, name)
            if isinstance(value, datetime) and not exists(value, self.tz):
                raise FieldError(name, f"{value.isoformat()} does not exist in {self.tz}: "
                                       "the clocks skip it (a daylight-saving change)")
        opens = self.opens_at
        if opens is not None and self.closes_at < opens:
            raise FieldError("closes", f"{self.closes} is before the window opens ({self.opens})")
        if self.extended_from is not None and (
                instant(self.extended_from, self.tz, end=True) >= self.closes_at):
            raise FieldError("extended_from", "an extension must close later than before")

    @property
    def closes_at(self) -> datetime:
        """The closing instant, aware, in the window's zone."""
        return instant(self.closes, self.tz, end=True)

    @property
    def opens_at(self) -> datetime | None:
        """The opening instant (start of the day when only a date is known), or None."""
        return None if self.opens is None else instant(self.opens, self.tz, end=False)

    @property
    def time_published(self) -> bool:
        """False when the organiser published only a date for the deadline."""
        return isinstance(self.closes, datetime)
