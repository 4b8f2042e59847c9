"""What is coming and which windows are open: the date queries.

Nothing here reads the clock: "now" is always a parameter, taken by every query the
same way (:mod:`reecal.query.when`).
"""

from __future__ import annotations

import enum
from datetime import date, datetime, timedelta, tzinfo

from reecal._namedtuple import NamedTuple
from reecal.errors import FieldError
from reecal.model.dates import Dates, Part, Point
from reecal.query.when import Zone, day_of, instant_of, zone_of

TYPE_CHECKING = False  # typing is not imported: the agenda's start-up does without it
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    # records are read by their dates, id and parent: the agenda also runs on briefs
    from reecal.model.records import Programme, Record

__all__ = ["Deadline", "Item", "Reason", "State", "deadlines", "nearest", "upcoming"]


class Reason(enum.StrEnum):
    """Why an item is in the upcoming list."""

    STARTS = "starts"
    ONGOING = "ongoing"
    OPENS = "opens"
    CLOSES = "closes"


class State(enum.StrEnum):
    """Where an application window stands at a given instant."""

    NOT_YET_OPEN = "not-yet-open"
    OPEN = "open"
    CLOSED = "closed"


class Item(NamedTuple):
    """One dated line of the upcoming list.

    ``day`` is the calendar day in the viewer's zone; ``at`` the instant for timed
    items (a window opening or closing), None for all-day event days.  For an
    ongoing event, ``day_number`` of ``days`` says how far in it is; ``days`` is None
    for an event whose source gives no last day (an opening day, "on or before").
    """

    record: Record
    reason: Reason
    day: date
    at: datetime | None = None
    day_number: int | None = None
    days: int | None = None

    def delta(self, now: datetime) -> timedelta:
        """Time from *now* to the item (negative once it has passed)."""
        if self.at is not None:
            return self.at - now
        return instant_of(self.day, now.tzinfo or "UTC") - now


class Deadline(NamedTuple):
    """An application window's state at an instant, and the time left or gone."""

    record: Programme
    state: State
    opens_at: datetime | None
    closes_at: datetime
    remaining: timedelta
    """Until it opens (not yet open), until it closes (open), or since it closed."""

    @property
    def time_published(self) -> bool:
        return self.record.window.time_published


_TIMED = {Part.OPENS: Reason.OPENS, Part.CLOSES: Reason.CLOSES}


def upcoming(records: Iterable[Record], now: date | datetime, *, within: int | timedelta = 90,
             until: date | None = None, tz: Zone = "UTC") -> list[Item]:
    """The dated items from *now* to *until* (or *within* days), in order.

    Items are: events starting, events under way (with "day k of n"), windows
    opening and windows closing.  *tz* is the viewer's zone: it decides on which day
    a timed item falls (and what a date for *now* means).
    """
    z = zone_of(tz)
    start = instant_of(now, z).astimezone(z)
    today = start.date()
    horizon = day_of(until, "until") if until is not None else today + (
        within if isinstance(within, timedelta) else timedelta(days=within))
    items = [i for r in records for i in _items(r, start, today, horizon, z)]
    items.sort(key=lambda i: (i.day, i.reason is not Reason.ONGOING, i.at or start,
                              i.record.dates.first_day, i.record.id))
    return items


def _items(r: Record, now: datetime, today: date, horizon: date, z: tzinfo) -> Iterator[Item]:
    d = r.dates
    for p in d.points:
        if p.at is None:  # an event's days
            if today <= d.first_day <= horizon:
                yield Item(record=r, reason=Reason.STARTS, day=d.first_day, days=_days(d))
            elif d.first_day < today <= d.last_day:
                yield Item(record=r, reason=Reason.ONGOING, day=today,
                           day_number=(today - d.first_day).days + 1, days=d.days)
            continue
        day = p.at.astimezone(z).date()
        ahead = now <= p.at if p.part is Part.OPENS else now < p.at
        if ahead and day <= horizon:
            yield Item(record=r, reason=_TIMED[p.part], day=day, at=p.at)


def _days(d: Dates) -> int | None:
    """How many days an item's event covers: None when the source gives no last day."""
    return None if d.open_ended else d.days


def _item(r: Record, p: Point, z: tzinfo) -> Item:
    """The agenda line of point *p* of *r* (an event's first day, or an instant)."""
    d = r.dates
    if p.at is None:
        return Item(record=r, reason=Reason.STARTS, day=d.first_day, days=_days(d))
    return Item(record=r, reason=_TIMED[p.part], day=p.at.astimezone(z).date(), at=p.at)


def nearest(records: Iterable[Record], now: date | datetime, horizon: date, *,
            tz: Zone = "UTC") -> tuple[Item | None, Item | None]:
    """The last dated item before *now* and the first after *horizon*: what to say
    when a window of time holds nothing.  On a tie, a record that is not part of
    another is more telling than one of its parts."""
    z = zone_of(tz)
    start = instant_of(now, z).astimezone(z)
    horizon = day_of(horizon, "horizon")
    before: tuple[tuple[datetime, bool, str], Record, Point] | None = None
    after: tuple[tuple[datetime, bool, str], Record, Point] | None = None
    for r in records:
        d = r.dates
        for p in d.points:
            at = p.at if p.at is not None else instant_of(d.first_day, z)
            day = p.at.astimezone(z).date() if p.at is not None else d.first_day
            if at < start and (before is None or (at, r.parent is None, r.id) > before[0]):
                before = ((at, r.parent is None, r.id), r, p)
            if day > horizon and (after is None or (at, r.parent is not None, r.id) < after[0]):
                after = ((at, r.parent is not None, r.id), r, p)
    return (None if before is None else _item(before[1], before[2], z),
            None if after is None else _item(after[1], after[2], z))


def deadlines(records: Iterable[Record], now: date | datetime, *, tz: Zone = "UTC",
              states: Iterable[State | str] = ()) -> list[Deadline]:
    """Every application window's state at *now*; only those in *states* if given
    (``"open"``, ``"not-yet-open"``, ``"closed"``, in any case).

    Windows still to close come first, soonest first; closed ones follow, most
    recently closed first.
    """
    at = instant_of(now, zone_of(tz))
    wanted = {_state(s) for s in states}
    rows = []
    for r in records:
        closing = r.dates.point(Part.CLOSES)  # only a programme's window closes
        if closing is None:
            continue
        opening = r.dates.point(Part.OPENS)
        opens = opening.at if opening is not None else None
        assert closing.at is not None
        closes = closing.at
        if opens is not None and at < opens:
            state, remaining = State.NOT_YET_OPEN, opens - at
        elif at < closes:
            state, remaining = State.OPEN, closes - at
        else:
            state, remaining = State.CLOSED, at - closes
        if wanted and state not in wanted:
            continue
        rows.append(Deadline(record=r, state=state,  # type: ignore[arg-type]  # (it closes)
                             opens_at=opens, closes_at=closes, remaining=remaining))
    live = sorted((d for d in rows if d.state is not State.CLOSED), key=lambda d: d.closes_at)
    gone = sorted((d for d in rows if d.state is State.CLOSED), key=lambda d: d.closes_at,
                  reverse=True)
    return live + gone


def _state(value: State | str) -> State:
    try:
        return State(value.casefold() if isinstance(value, str) else value)
    except ValueError:
        from reecal.model.suggest import hint

        raise FieldError("states", f"unknown state {value!r}" + hint(
            str(value), [s.value for s in State],
            f" (expected one of: {', '.join(s.value for s in State)})")) from None
