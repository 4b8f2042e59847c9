"""The collection of records: look-ups, selections and the date queries.

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

from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Self

import attrs

from reecal.errors import NotFoundError
from reecal.loading.files import Paths
from reecal.loading.integrity import Loaded, check
from reecal.loading.loader import read
from reecal.loading.parse import Origin
from reecal.model.records import Event, Programme, Record
from reecal.model.suggest import close_matches
from reecal.model.values import Organisation, Series
from reecal.query import agenda
from reecal.query.filter import Filter, involved
from reecal.query.when import Zone

if TYPE_CHECKING:
    from reecal.documents import Reader
    from reecal.loading.cache import Cache
    from reecal.query.estimates import Estimate

__all__ = ["Dataset", "load"]


def load(paths: Paths = (), *, bundled: bool = True, cache: Cache | None = None) -> Dataset:
    """The bundled dataset and/or the user's TOML files and directories, checked.

    *paths* is one file or directory (text or a path) or several; directories are
    searched for ``*.toml`` recursively, in name order.  Raises
    :class:`~reecal.errors.DataError` on the first problem found.  Nothing is written
    and no environment variable is read; a :class:`~reecal.loading.cache.Cache` given as
    *cache* keeps what was loaded for the next time.
    """
    return Dataset.of(read(paths, include_bundled=bundled, cache=cache))


class _Collection:
    """The records of a :class:`Dataset`, and what they refer to: look-ups by id."""

    __slots__ = ("_by_id", "_children", "_filters", "_loaded", "_orgs", "_records", "_series")

    def __init__(self, records: Iterable[Record] = (), *,
                 organisations: Iterable[Organisation] = (), series: Iterable[Series] = ()
                 ) -> None:
        loaded = Loaded(tuple(records), tuple(organisations), tuple(series), {})
        check(loaded)
        self._set(loaded, loaded.records)

    @classmethod
    def of(cls, loaded: Loaded, selection: Iterable[Record] | None = None,
           filters: tuple[Filter, ...] = ()) -> Self:
        """The dataset of records the loader has already checked (holding only
        *selection* of them, chosen by *filters*, if given)."""
        ds = cls.__new__(cls)
        ds._set(loaded, loaded.records if selection is None else selection, filters)
        return ds

    def _set(self, loaded: Loaded, selection: Iterable[Record],
             filters: tuple[Filter, ...] = ()) -> None:
        self._filters = filters  # what selected these records
        recs = sorted(selection, key=lambda r: (r.dates.first_day, r.dates.last_day, r.id))
        self._records: tuple[Record, ...] = tuple(recs)
        self._loaded = loaded  # every record loaded, whatever this dataset selects
        self._by_id = MappingProxyType({r.id: r for r in recs})
        self._orgs = MappingProxyType({o.id: o for o in loaded.organisations})
        self._series = MappingProxyType({s.id: s for s in loaded.series})
        children: dict[str, list[str]] = {}
        for r in recs:
            if r.parent is not None:
                children.setdefault(r.parent, []).append(r.id)
        self._children = MappingProxyType({k: tuple(v) for k, v in children.items()})

    # -- the collection

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
        """Ids close to *rid*, best first (for "did you mean")."""
        return tuple(close_matches(rid, self._by_id, n=n))

    @property
    def records(self) -> tuple[Record, ...]:
        """Every dated record, in date order."""
        return self._records

    @property
    def all_records(self) -> tuple[Record, ...]:
        """Every record loaded, whatever this dataset selects (what estimates rest on)."""
        return self._loaded.records

    @property
    def events(self) -> tuple[Event, ...]:
        return tuple(r for r in self._records if isinstance(r, Event))

    @property
    def programmes(self) -> tuple[Programme, ...]:
        return tuple(r for r in self._records if isinstance(r, Programme))

    @property
    def organisations(self) -> Mapping[str, Organisation]:
        return self._orgs

    @property
    def series(self) -> Mapping[str, Series]:
        return self._series

    @property
    def tags(self) -> tuple[str, ...]:
        """Every tag used, in order."""
        return tuple(sorted({t for r in self._records for t in r.tags}))

    @property
    def span(self) -> tuple[date, date] | None:
        """The first and last day any record covers (None when empty)."""
        if not self._records:
            return None
        return (min(r.dates.first_day for r in self._records),
                max(r.dates.last_day for r in self._records))

    def origin(self, rid: str) -> Origin | None:
        """The file (and line) where record *rid* was defined."""
        return self._loaded.origins.get(rid)

    def reader(self, rid: str) -> Reader:
        """Where the documents record *rid* cites are read: the bundled ones, and a
        path relative to the directory of the data file that defines it (never outside
        it), as :func:`reecal.loading.provenance.check_sources` reads them."""
        from pathlib import Path

        from reecal.documents import text
        from reecal.loading.provenance import own_document

        origin = self.origin(rid)
        if origin is None or origin.path.startswith("reecal/data/"):
            return text
        base = Path(origin.path).parent

        def read(path: str) -> str | None:
            return text(path) if path.startswith("seeds/") else own_document(base, path)

        return read

    def children(self, rid: str) -> tuple[Record, ...]:
        """The records whose parent is *rid* (its parts, and what happened before it)."""
        return tuple(self._by_id[c] for c in self._children.get(rid, ()))

    def organisers_of(self, record: Record) -> tuple[Organisation, ...]:
        """The organisations a record involves: organisers, then hosts or sponsor."""
        return tuple(self._orgs[i] for i in involved(record) if i in self._orgs)


class Dataset(_Collection):
    """An immutable, checked collection of records, with organisations and series.

    Build one with :func:`reecal.load` (or from records, which are then checked across
    each other); :meth:`select` gives a filtered copy.  Iterating yields the dated
    records (events and programmes) in date order.
    """

    __slots__ = ()

    def select(self, flt: Filter | None = None) -> Dataset:
        """The records that pass *flt* (all of them for None), as a new dataset."""
        if flt is None or flt.is_empty():
            return self
        keep = [r for r in self._records if flt.matches(r, self._orgs, self._series)]
        return Dataset.of(self._loaded, keep, (*self._filters, flt))

    def estimates(self, now: date | datetime, *, holidays: bool = True) -> list[Estimate]:
        """The estimated next editions at *now* that this selection would hold
        (:func:`reecal.query.estimates.estimates`)."""
        from reecal.query.estimates import estimates

        return [e for e in estimates(self, now, holidays=holidays)
                if all(f.matches(e.record, self._orgs, self._series) for f in self._filters)]

    def with_estimates(self, now: date | datetime) -> Dataset:
        """This dataset with its :meth:`estimates` added as records like the others."""
        found = tuple(e.record for e in self.estimates(now))
        loaded = self._loaded._replace(records=self._loaded.records + found)
        return Dataset.of(loaded, (*self._records, *found), self._filters) if found else self

    def holding(self, rid: str, now: date | datetime) -> Dataset:
        """This dataset, or, when *rid* is the id of one of its estimates at *now*, this
        dataset with its estimates (an estimate is found while it is one); :meth:`get`
        then finds *rid* or says which ids are near."""
        from reecal.query.estimates import SUFFIX

        if rid in self or not rid.endswith(SUFFIX):
            return self
        return self.with_estimates(now)

    def upcoming(self, now: date | datetime, *, within: int | timedelta = 90,
                 until: date | None = None, tz: Zone = "UTC", estimated: bool = False
                 ) -> list[agenda.Item]:
        """The dated items from *now* to *until* (or *within* days), in order, with the
        estimated editions if *estimated*; see :func:`reecal.query.agenda.upcoming`."""
        src = self.with_estimates(now) if estimated else self
        return agenda.upcoming(src._records, now, within=within, until=until, tz=tz)

    def nearest(self, now: date | datetime, horizon: date, *, tz: Zone = "UTC"
                ) -> tuple[agenda.Item | None, agenda.Item | None]:
        """The last dated item before *now* and the first after *horizon*."""
        return agenda.nearest(self._records, now, horizon, tz=tz)

    def deadlines(self, now: date | datetime, *, tz: Zone = "UTC",
                  states: Iterable[agenda.State | str] = (), estimated: bool = False
                  ) -> list[agenda.Deadline]:
        """Every application window's state at *now* (only those in *states*, if given;
        with the estimated editions if *estimated*); see
        :func:`reecal.query.agenda.deadlines`."""
        src = self.with_estimates(now) if estimated else self
        return agenda.deadlines(src._records, now, tz=tz, states=states)

    def evolve(self, rid: str, **changes: Any) -> Dataset:
        """A copy in which record *rid* is replaced by ``attrs.evolve(record, **changes)``,
        checked again across every record loaded (a selection keeps its records)."""
        new = attrs.evolve(self.get(rid), **changes)
        loaded = self._loaded._replace(
            records=tuple(new if r.id == rid else r for r in self._loaded.records))
        check(loaded)
        return Dataset.of(loaded, (new if r.id == rid else r for r in self._records))
