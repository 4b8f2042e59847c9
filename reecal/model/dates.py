"""The dates of a record, computed in one place: every consumer asks here.

A record's :class:`Dates` say which days it covers, how precisely the source dates
it, and its :class:`Point` s: the dated things that become one feed event and one
line of the agenda each (an event's days; a window's opening and its closing).  The
agenda, the iCalendar writer, the rows, JSON and CSV, the provenance check and the
tests all read them from ``record.dates``.

>>> from datetime import date
>>> d = event_dates(date(2026, 5, 15), date(2026, 5, 18), DatePrecision.EXACT)
>>> d.first_day, d.last_day, d.days
(datetime.date(2026, 5, 15), datetime.date(2026, 5, 18), 4)
>>> [(p.part.value, p.start, p.end) for p in d.points]
[('event', datetime.date(2026, 5, 15), datetime.date(2026, 5, 19))]
>>> from reecal.model.window import Window
>>> w = window_dates(Window(closes=date(2025, 11, 17), tz="Asia/Shanghai"), DatePrecision.EXACT)
>>> [(p.part.value, p.start.isoformat(), p.end.isoformat()) for p in w.points]
[('closes', '2025-11-17T23:59:59+08:00', '2025-11-18T00:00:00+08:00')]
"""

from __future__ import annotations

import enum
from datetime import date, datetime, timedelta

from reecal._namedtuple import NamedTuple
from reecal.errors import FieldError
from reecal.model.enums import DatePrecision

TYPE_CHECKING = False  # typing is not imported: the agenda's start-up does without it
if TYPE_CHECKING:  # not imported: the agenda reads dates without the attrs model
    from reecal.model.window import Window

__all__ = ["YEARS", "Dates", "Part", "Point", "check_year", "end_of_minute", "event_dates",
           "month_end", "window_dates"]

YEARS = range(1900, 2101)
"""The years a date may fall in: those the property tests prove export correctly
(it also keeps every computed day, like an exclusive DTEND, inside Python's range)."""


def check_year(name: str, value: date) -> None:
    """Raise :class:`FieldError` unless *value* falls in :data:`YEARS`."""
    if value.year not in YEARS:
        raise FieldError(name, f"{value.isoformat()} is outside the years reecal supports "
                               f"({YEARS.start}-{YEARS.stop - 1})")


class Part(enum.StrEnum):
    """Which dated thing of a record a point is (and the UID part of its feed event)."""

    EVENT = "event"
    OPENS = "opens"
    CLOSES = "closes"


class Point(NamedTuple):
    """One dated thing of a record.

    ``start`` is a date for an all-day point (an event's first day, an opening known
    only by its day) or an aware instant in the record's zone; ``end`` is exclusive:
    the day after the last day, or the end of the minute of the instant.  ``at`` is
    the instant of an opening or closing (an opening known only by its day opens at
    the start of that day), None for an event's days.
    """

    part: Part
    start: date | datetime
    end: date | datetime
    at: datetime | None


class Dates(NamedTuple):
    """Everything about when a record is, as its source allows.

    ``first_day`` and ``last_day`` are the days it covers in its own zone (inclusive;
    an event whose end is not published covers its first day only, and says so with
    ``open_ended``; :attr:`known_last_day` is then None).  ``precision`` is how the
    source dates it (:class:`DatePrecision`), ``year_inferred`` whether the year is
    ours rather than the source's; ``stated`` the dates as the data states them, by
    field, for checking against the quotes.
    """

    first_day: date
    last_day: date
    precision: DatePrecision
    year_inferred: bool
    open_ended: bool
    points: tuple[Point, ...]
    stated: tuple[tuple[str, date | datetime], ...]

    @property
    def days(self) -> int:
        """How many days it covers."""
        return (self.last_day - self.first_day).days + 1

    @property
    def known_last_day(self) -> date | None:
        """The last day, when the source gives one (None for an open-ended record)."""
        return None if self.open_ended else self.last_day

    @property
    def on_or_before(self) -> bool:
        """The source says only that it happened by its (first) day."""
        return self.precision is DatePrecision.BEFORE_PARENT

    def point(self, part: Part) -> Point | None:
        return next((p for p in self.points if p.part is part), None)


def end_of_minute(moment: datetime) -> datetime:
    """A deadline's feed event ends at the end of its minute (23:59:59 → 00:00:00).

    >>> end_of_minute(datetime(2025, 11, 17, 23, 59, 59)).isoformat()
    '2025-11-18T00:00:00'
    >>> end_of_minute(datetime(2025, 11, 17, 17, 0)).isoformat()
    '2025-11-17T17:01:00'
    """
    return moment.replace(second=0, microsecond=0) + timedelta(minutes=1)


def month_end(start: date) -> date:
    """The last day of *start*'s month.

    >>> month_end(date(2028, 2, 1))
    datetime.date(2028, 2, 29)
    """
    following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return following - timedelta(days=1)


def event_dates(start: date, end: date | None, precision: DatePrecision,
                year_inferred: bool = False) -> Dates:
    """The dates of an all-day event from *start* to *end* (inclusive; None: unknown).

    A ``month`` record spans its month: from *start* (the first) to the month's end.
    """
    if precision is DatePrecision.MONTH:
        end = month_end(start)
    last = start if end is None else end
    stated: tuple[tuple[str, date | datetime], ...] = (("start", start),) + (
        (("end", end),) if end is not None and precision is not DatePrecision.MONTH else ())
    return Dates(first_day=start, last_day=last, precision=precision,
                 year_inferred=year_inferred, open_ended=end is None,
                 points=(Point(Part.EVENT, start, last + timedelta(days=1), None),),
                 stated=stated)


def window_dates(w: Window, precision: DatePrecision, year_inferred: bool = False) -> Dates:
    """The dates of an application window: its opening (when known) and its closing."""
    points: list[Point] = []
    stated: list[tuple[str, date | datetime]] = [("window.closes", w.closes)]
    opens = w.opens_at
    if w.opens is not None and opens is not None:
        stated.append(("window.opens", w.opens))
        if isinstance(w.opens, datetime):
            points.append(Point(Part.OPENS, opens, end_of_minute(opens), opens))
        else:
            points.append(Point(Part.OPENS, w.opens, w.opens + timedelta(days=1), opens))
    closes = w.closes_at
    points.append(Point(Part.CLOSES, closes, end_of_minute(closes), closes))
    return Dates(first_day=(opens or closes).date(), last_day=closes.date(),
                 precision=precision, year_inferred=year_inferred, open_ended=False,
                 points=tuple(points),
                 stated=tuple(stated))
