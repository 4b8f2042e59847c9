"""The collection of records, the one filter language, and the date queries.

Nothing here reads the clock: "now" and "today" are always parameters.

>>> import reecal
>>> from datetime import datetime, UTC
>>> ds = reecal.load()
>>> [r.id for r in ds.select(reecal.Filter(kinds=(reecal.Kind.PROGRAMME,)))]
['cast-doctoral-talent-2025']
>>> now = datetime(2025, 11, 12, 9, 0, tzinfo=UTC)
>>> [(d.record.id, d.state.value, str(d.remaining)) for d in ds.deadlines(now)]
[('cast-doctoral-talent-2025', 'open', '5 days, 6:59:59')]
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta, tzinfo
from types import MappingProxyType
from typing import Any, NamedTuple

import attrs
from attrs import field, frozen

from .errors import DataError, NotFoundError
from .model import (
    DatePrecision,
    Event,
    Kind,
    Organisation,
    Programme,
    Record,
    Series,
    Status,
)
from .zones import zone

__all__ = [
    "Dataset",
    "Deadline",
    "Filter",
    "Item",
    "Origin",
    "Reason",
    "State",
    "as_instant",
]


# Query results are NamedTuples: immutable and typed like the records, but cheaper to
# define, which counts for a command line that starts hundreds of times a day.


class Origin(NamedTuple):
    """Where a record was defined: the file and, when known, the line."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _tuple(x: Any) -> tuple[Any, ...]:
    return tuple(x) if not isinstance(x, str) else (x,)


def _kinds(x: Any) -> tuple[Kind, ...]:
    return tuple(Kind(k) for k in _tuple(x))


def _statuses(x: Any) -> tuple[Status, ...]:
    return tuple(Status(k) for k in _tuple(x))


@frozen(kw_only=True, slots=False)
class Filter:
    """A selection of records, shared by the library, the CLI and the feeds.

    Values within one criterion are alternatives (OR); criteria combine with AND.
    Matching is case-insensitive.  ``orgs`` match an organiser's or sponsor's id,
    short name or Chinese name exactly, or a part of its name or aliases; ``places``
    match any part of venue, city, region or country; ``series`` match a series' id
    or a part of its name; ``text`` matches a part of a title, Chinese title, alias
    or the name of the record's series.  ``start``/``end`` keep records whose days
    overlap that range.

    >>> Filter(kinds=("forum",), tags=("magnets",)).is_empty()
    False
    """

    kinds: tuple[Kind, ...] = field(default=(), converter=_kinds)
    tags: tuple[str, ...] = field(default=(), converter=_tuple)
    orgs: tuple[str, ...] = field(default=(), converter=_tuple)
    places: tuple[str, ...] = field(default=(), converter=_tuple)
    statuses: tuple[Status, ...] = field(default=(), converter=_statuses)
    series: tuple[str, ...] = field(default=(), converter=_tuple)
    text: str | None = None
    start: date | None = None
    end: date | None = None

    def is_empty(self) -> bool:
        return self == Filter()

    def matches(self, record: Record, ds: Dataset) -> bool:
        """True if *record* passes every criterion (organisations looked up in *ds*)."""
        if self.kinds and record.kind not in self.kinds:
            return False
        if self.statuses and record.status not in self.statuses:
            return False
        if self.tags and not {_fold(t) for t in self.tags} & {_fold(t) for t in record.tags}:
            return False
        if self.start is not None and record.last_day < self.start:
            return False
        if self.end is not None and record.first_day > self.end:
            return False
        if self.text is not None:
            needle = _fold(self.text)
            series = ds.series.get(record.series) if record.series else None
            names = record.titles() + (series.names() if series else ())
            if not any(needle in _fold(t) for t in names):
                return False
        if self.places:
            if record.place is None:
                return False
            label = _fold(record.place.label)
            if not any(_fold(p) in label for p in self.places):
                return False
        if self.orgs and not any(_org_matches(o, term) for term in self.orgs
                                 for o in ds.organisers_of(record)):
            return False
        return not (self.series and not any(_series_matches(record, term, ds)
                                            for term in self.series))


def _org_matches(org: Organisation, term: str) -> bool:
    t = _fold(term)
    exact = [org.id, org.short, org.name_zh]
    if any(x is not None and _fold(x) == t for x in exact):
        return True
    return any(t in _fold(x) for x in (org.name, *org.aliases))


def _series_matches(record: Record, term: str, ds: Dataset) -> bool:
    if record.series is None:
        return False
    s = ds.series[record.series]
    t = _fold(term)
    return _fold(s.id) == t or any(t in _fold(n) for n in s.names())


# --------------------------------------------------------------------------- time helpers


def as_instant(moment: date | datetime, tz: str | tzinfo) -> datetime:
    """An aware instant: a date means the start of that day in *tz*.

    >>> as_instant(date(2025, 11, 17), "Asia/Shanghai").isoformat()
    '2025-11-17T00:00:00+08:00'
    """
    z = zone(tz) if isinstance(tz, str) else tz
    if isinstance(moment, datetime):
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=z)
    return datetime(moment.year, moment.month, moment.day, tzinfo=z)


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
    ongoing event, ``day_number`` of ``days`` says how far in it is.
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
        return as_instant(self.day, now.tzinfo or zone("UTC")) - now


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


# --------------------------------------------------------------------------- the dataset


class Dataset:
    """An immutable, validated collection of records, with organisations and series.

    Build one with :func:`reecal.load`; :meth:`select` gives a filtered copy.
    Iterating yields the dated records (events and programmes) in date order.
    """

    __slots__ = ("_by_id", "_children", "_orgs", "_origins", "_records", "_series")

    def __init__(
        self,
        records: Iterable[Record] = (),
        *,
        organisations: Iterable[Organisation] = (),
        series: Iterable[Series] = (),
        origins: dict[str, Origin] | None = None,
        _sorted: bool = False,
    ) -> None:
        recs = list(records) if _sorted else sorted(
            records, key=lambda r: (r.first_day, r.last_day, r.id))
        self._records: tuple[Record, ...] = tuple(recs)
        self._by_id = MappingProxyType({r.id: r for r in recs})
        self._orgs = MappingProxyType({o.id: o for o in organisations})
        self._series = MappingProxyType({s.id: s for s in series})
        self._origins = MappingProxyType(dict(origins or {}))
        children: dict[str, list[str]] = {}
        for r in recs:
            if r.parent is not None:
                children.setdefault(r.parent, []).append(r.id)
        self._children = MappingProxyType({k: tuple(v) for k, v in children.items()})

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as the parts it is made of (the loader's cache stores datasets)."""
        return (_restore, (self._records, tuple(self._orgs.values()),
                           tuple(self._series.values()), dict(self._origins)))

    @classmethod
    def build(cls, located: Iterable[tuple[Any, Origin]]) -> Dataset:
        """Check ids and references across files, then make the dataset."""
        records: list[Record] = []
        orgs: list[Organisation] = []
        series: list[Series] = []
        origins: dict[str, Origin] = {}
        for value, origin in located:
            rid = value.id
            if rid in origins:
                first = origins[rid]
                raise DataError(
                    f"duplicate id, first defined at {first}",
                    path=origin.path, record=rid, field="id", line=origin.line,
                )
            origins[rid] = origin
            if isinstance(value, Organisation):
                orgs.append(value)
            elif isinstance(value, Series):
                series.append(value)
            else:
                records.append(value)
        _share(records)
        ds = cls(records, organisations=orgs, series=series, origins=origins)
        ds._check_references()
        return ds

    def _fail(self, rid: str, fld: str, message: str) -> DataError:
        o = self._origins.get(rid)
        return DataError(message, path=o.path if o else None, record=rid, field=fld,
                         line=o.line if o else None)

    def _check_references(self) -> None:
        for s in self._series.values():
            for i, org in enumerate(s.organisers):
                if org not in self._orgs:
                    raise self._fail(s.id, f"organisers[{i}]", self._unknown("organisation", org,
                                                                             self._orgs))
        for r in self._records:
            for name in ("organisers", "hosts"):
                for i, org in enumerate(getattr(r, name, ())):
                    if org not in self._orgs:
                        raise self._fail(r.id, f"{name}[{i}]",
                                         self._unknown("organisation", org, self._orgs))
            if isinstance(r, Programme) and r.sponsor and r.sponsor not in self._orgs:
                raise self._fail(r.id, "sponsor",
                                 self._unknown("organisation", r.sponsor, self._orgs))
            if r.series is not None and r.series not in self._series:
                raise self._fail(r.id, "series", self._unknown("series", r.series, self._series))
            if r.parent is not None:
                parent = self._by_id.get(r.parent)
                if parent is None:
                    raise self._fail(r.id, "parent",
                                     self._unknown("record", r.parent, self._by_id))
                open_ended = isinstance(parent, Event) and parent.end is None
                if r.first_day < parent.first_day or (
                        r.last_day > parent.last_day and not open_ended):
                    raise self._fail(
                        r.id, "start",
                        f"{r.first_day}..{r.last_day} falls outside its parent "
                        f'"{parent.id}" ({parent.first_day}..{parent.last_day})')
                if (isinstance(r, Event) and r.certainty.dates is DatePrecision.WITHIN_PARENT
                        and isinstance(parent, Event)
                        and (r.start, r.end) != (parent.start, parent.end)):
                    raise self._fail(r.id, "start", "dates = 'within-parent' must repeat the "
                                     f'parent\'s dates ({parent.start}..{parent.end})')
                if (isinstance(r, Event) and r.certainty.dates is DatePrecision.BEFORE_PARENT
                        and (r.start, r.end) != (parent.first_day, None)):
                    raise self._fail(r.id, "start", "dates = 'before-parent' must be the "
                                     f"parent's first day ({parent.first_day}) with no end")
                seen = {r.id}
                up: Record | None = parent
                while up is not None and up.parent is not None:
                    if up.id in seen:
                        raise self._fail(r.id, "parent", "parents form a cycle")
                    seen.add(up.id)
                    up = self._by_id.get(up.parent)

    @staticmethod
    def _unknown(what: str, rid: str, known: Any) -> str:
        from .loader import close_matches

        close = close_matches(rid, known)
        hint = f' (did you mean "{close[0]}"?)' if close else ""
        return f'unknown {what} "{rid}"{hint}'

    # -- collection protocol

    def __iter__(self) -> Iterator[Record]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)

    def __contains__(self, rid: object) -> bool:
        return rid in self._by_id

    def __repr__(self) -> str:
        return f"<Dataset: {len(self)} records, {len(self._orgs)} organisations>"

    def __getitem__(self, rid: str) -> Record:
        return self.get(rid)

    def get(self, rid: str) -> Record:
        """The record with id *rid*; :class:`NotFoundError` (with close matches) if none."""
        try:
            return self._by_id[rid]
        except KeyError:
            raise NotFoundError(rid, self.suggest(rid)) from None

    def suggest(self, rid: str, n: int = 3) -> tuple[str, ...]:
        """Ids close to *rid*, best first (for "did you mean").

        >>> import reecal
        >>> reecal.load().suggest("baotou-forum-15")
        ('baotou-rare-earth-forum-15',)
        """
        import difflib

        ids = list(self._by_id)
        close = difflib.get_close_matches(rid, ids, n=n, cutoff=0.8)
        if not close:  # nothing very close: offer the single best fair match
            close = difflib.get_close_matches(rid, ids, n=1, cutoff=0.6)
        if not close:
            close = [i for i in ids if _fold(rid) in i][:n]
        return tuple(close)

    @property
    def records(self) -> tuple[Record, ...]:
        return self._records

    @property
    def organisations(self) -> MappingProxyType[str, Organisation]:
        return self._orgs

    @property
    def series(self) -> MappingProxyType[str, Series]:
        return self._series

    def origin(self, rid: str) -> Origin | None:
        """The file (and line) where record *rid* was defined."""
        return self._origins.get(rid)

    def children(self, rid: str) -> tuple[Record, ...]:
        return tuple(self._by_id[c] for c in self._children.get(rid, ()))

    def organisers_of(self, record: Record) -> tuple[Organisation, ...]:
        ids = list(record.organisers)
        extra = [record.sponsor] if isinstance(record, Programme) and record.sponsor else []
        if isinstance(record, Event):
            extra = list(record.hosts)
        ids += [i for i in extra if i not in ids]
        return tuple(self._orgs[i] for i in ids if i in self._orgs)

    def events(self) -> tuple[Event, ...]:
        return tuple(r for r in self._records if isinstance(r, Event))

    def programmes(self) -> tuple[Programme, ...]:
        return tuple(r for r in self._records if isinstance(r, Programme))

    def tags(self) -> tuple[str, ...]:
        return tuple(sorted({t for r in self._records for t in r.tags}))

    def span(self) -> tuple[date, date] | None:
        """The first and last day any record covers."""
        if not self._records:
            return None
        return (min(r.first_day for r in self._records), max(r.last_day for r in self._records))

    # -- queries

    def select(self, flt: Filter | None = None) -> Dataset:
        """The records that pass *flt* (all of them for None), as a new dataset."""
        if flt is None or flt.is_empty():
            return self
        keep = [r for r in self._records if flt.matches(r, self)]
        return Dataset(keep, organisations=self._orgs.values(), series=self._series.values(),
                       origins={r.id: self._origins[r.id] for r in keep if r.id in self._origins})

    def upcoming(
        self,
        now: date | datetime,
        *,
        within: int | timedelta = 90,
        until: date | None = None,
        tz: str | tzinfo = "UTC",
    ) -> list[Item]:
        """The dated items from *now* to *until* (or *within* days), in order.

        Items are: events starting, events under way (with "day k of n"), windows
        opening and windows closing.  A date for *now* means the start of that day
        in *tz*, the viewer's zone, which also decides on which day a timed item falls.

        >>> import reecal
        >>> ds = reecal.load()
        >>> for i in ds.upcoming(date(2026, 5, 1), within=30, tz="Asia/Shanghai"):
        ...     print(i.day, i.reason.value, i.record.id)
        2026-05-15 starts cres-youth-academic-conference-7
        2026-05-15 starts rare-earth-technology-instrumentation-exhibition-2026
        """
        z = zone(tz) if isinstance(tz, str) else tz
        start = as_instant(now, z).astimezone(z)
        today = start.date()
        horizon = until if until is not None else today + (
            within if isinstance(within, timedelta) else timedelta(days=within))
        items = [i for r in self._records for i in self._items(r, start, today, horizon, z)]
        items.sort(key=lambda i: (i.day, i.reason is not Reason.ONGOING, i.at or start,
                                  i.record.first_day, i.record.id))
        return items

    def _items(self, r: Record, now: datetime, today: date, horizon: date,
               z: tzinfo) -> Iterator[Item]:
        if isinstance(r, Event):
            if today <= r.start <= horizon:
                yield Item(record=r, reason=Reason.STARTS, day=r.start, days=r.days)
            elif r.start < today <= r.last_day:
                yield Item(record=r, reason=Reason.ONGOING, day=today,
                           day_number=(today - r.start).days + 1, days=r.days)
            return
        w = r.window
        opens = w.opens_at
        if opens is not None and now <= opens and opens.astimezone(z).date() <= horizon:
            yield Item(record=r, reason=Reason.OPENS, day=opens.astimezone(z).date(), at=opens)
        closes = w.closes_at
        if now < closes and closes.astimezone(z).date() <= horizon:
            yield Item(record=r, reason=Reason.CLOSES, day=closes.astimezone(z).date(),
                       at=closes)

    def nearest(
        self, now: date | datetime, horizon: date, *, tz: str | tzinfo = "UTC"
    ) -> tuple[Item | None, Item | None]:
        """The last dated item before *now* and the first after *horizon*.

        Used to say something useful when a window of time holds nothing.
        """
        z = zone(tz) if isinstance(tz, str) else tz
        start = as_instant(now, z).astimezone(z)
        points = [(i.at if i.at is not None else as_instant(i.day, z), i)
                  for r in self._records for i in self._points(r, z)]
        past = [p for p in points if p[0] < start]
        future = [p for p in points if p[1].day > horizon]
        # on a tie, a top-level record is more telling than one of its parts
        before = max(past, key=lambda p: (p[0], p[1].record.parent is None,
                                          p[1].record.id))[1] if past else None
        after = min(future, key=lambda p: (p[0], p[1].record.parent is not None,
                                           p[1].record.id))[1] if future else None
        return before, after

    @staticmethod
    def _points(r: Record, z: tzinfo) -> Iterator[Item]:
        if isinstance(r, Event):
            yield Item(record=r, reason=Reason.STARTS, day=r.start, days=r.days)
            return
        opens = r.window.opens_at
        if opens is not None:
            yield Item(record=r, reason=Reason.OPENS, day=opens.astimezone(z).date(), at=opens)
        closes = r.window.closes_at
        yield Item(record=r, reason=Reason.CLOSES, day=closes.astimezone(z).date(), at=closes)

    def deadlines(self, now: datetime) -> list[Deadline]:
        """Every application window's state at *now* (an aware datetime).

        Windows still to close come first, soonest first; closed ones follow, most
        recently closed first.
        """
        if now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        rows = []
        for r in self.programmes():
            w = r.window
            opens, closes = w.opens_at, w.closes_at
            if opens is not None and now < opens:
                state, remaining = State.NOT_YET_OPEN, opens - now
            elif now < closes:
                state, remaining = State.OPEN, closes - now
            else:
                state, remaining = State.CLOSED, now - closes
            rows.append(Deadline(record=r, state=state, opens_at=opens, closes_at=closes,
                                 remaining=remaining))
        live = sorted((d for d in rows if d.state is not State.CLOSED), key=lambda d: d.closes_at)
        gone = sorted((d for d in rows if d.state is State.CLOSED), key=lambda d: d.closes_at,
                      reverse=True)
        return live + gone

    def evolve(self, rid: str, **changes: Any) -> Dataset:
        """A copy in which record *rid* is replaced by ``attrs.evolve(record, **changes)``."""
        old = self.get(rid)
        new = attrs.evolve(old, **changes)
        recs = [new if r.id == rid else r for r in self._records]
        return Dataset(recs, organisations=self._orgs.values(), series=self._series.values(),
                       origins=dict(self._origins))


def _restore(records: tuple[Record, ...], orgs: tuple[Organisation, ...],
             series: tuple[Series, ...], origins: dict[str, Origin]) -> Dataset:
    return Dataset(records, organisations=orgs, series=series, origins=origins, _sorted=True)


_SHARED = ("place", "certainty", "participants", "quota", "tags", "organisers", "hosts",
           "people", "aliases", "references", "status", "kind", "updated", "start", "end",
           "window", "series", "parent", "eligibility", "summary", "duration", "sponsor")


def _share(records: list[Record]) -> None:
    """Make equal parts of different records the same object (places, certainty...).

    Values do not change, only identity: the records are immutable, so sharing is
    safe, and the loader's cache then stores (and unpickles) each distinct part once,
    which matters for datasets of thousands of records.  Done before anyone else
    holds the records.
    """
    seen: dict[Any, Any] = {}
    for r in records:
        fields = r.__dict__
        for name in _SHARED:
            value = fields.get(name)
            if value is None:
                continue
            try:
                fields[name] = seen.setdefault((type(value), value), value)
            except TypeError:  # an unhashable value is simply not shared
                continue
