"""The checks across records and files: unique ids, references that resolve, parents
that contain their parts, and no cycles.

>>> from reecal.loading.loader import read
>>> len(read([]).records) > 10
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

from reecal.errors import DataError
from reecal.loading.parse import Located, Origin
from reecal.model.enums import DatePrecision
from reecal.model.records import Event, Record
from reecal.model.suggest import hint
from reecal.model.values import ESTIMATED_IN_DATA, Organisation, Series

__all__ = ["Loaded", "check", "collect"]


class Loaded(NamedTuple):
    """What a set of data files holds, checked across files: what a Dataset is made of."""

    records: tuple[Record, ...]
    organisations: tuple[Organisation, ...]
    series: tuple[Series, ...]
    origins: Mapping[str, Origin]


def collect(located: Iterable[Located]) -> Loaded:
    """Sort the records of every file by type, refusing an id defined twice, and check them."""
    records: list[Record] = []
    orgs: list[Organisation] = []
    series: list[Series] = []
    origins: dict[str, Origin] = {}
    for value, origin in located:
        rid = value.id
        if rid in origins:
            raise DataError(f"duplicate id, first defined at {origins[rid]}",
                            path=origin.path, record=rid, field="id", line=origin.line)
        origins[rid] = origin
        if isinstance(value, Organisation):
            orgs.append(value)
        elif isinstance(value, Series):
            series.append(value)
        else:
            records.append(value)
    loaded = Loaded(tuple(records), tuple(orgs), tuple(series), origins)
    check(loaded)
    return loaded


def _unknown(what: str, rid: str, known: Iterable[str]) -> str:
    return f'unknown {what} "{rid}"{hint(rid, known)}'


def check(loaded: Loaded) -> None:
    """Raise :class:`DataError` at the first id used twice, reference that does not
    resolve, part outside its parent's days, or cycle of parents."""
    origins = loaded.origins

    def fail(rid: str, fld: str, message: str) -> DataError:
        o = origins.get(rid)
        return DataError(message, path=o.path if o else None, record=rid, field=fld,
                         line=o.line if o else None)

    by_id: dict[str, Record] = {}
    for r in loaded.records:
        if r.id in by_id:
            raise fail(r.id, "id", "duplicate id")
        by_id[r.id] = r
    orgs = {o.id for o in loaded.organisations}
    series = {s.id for s in loaded.series}
    for s in loaded.series:
        for i, org in enumerate(s.organisers):
            if org not in orgs:
                raise fail(s.id, f"organisers[{i}]", _unknown("organisation", org, orgs))
    for r in loaded.records:
        # the precision its dates will have (certainty.dates): the dates themselves are
        # computed when first asked for, not for every record here, to be kept unused
        if r.certainty.dates is DatePrecision.ESTIMATED:
            raise fail(r.id, "certainty.dates", ESTIMATED_IN_DATA)
        lists = [("organisers", r.organisers)]
        if isinstance(r, Event):
            lists.append(("hosts", r.hosts))
        elif r.sponsor is not None:
            lists.append(("sponsor", (r.sponsor,)))
        for name, ids in lists:
            if not orgs.issuperset(ids):  # the field's name is made for a message only
                i, org = next((i, o) for i, o in enumerate(ids) if o not in orgs)
                fld = name if name == "sponsor" else f"{name}[{i}]"
                raise fail(r.id, fld, _unknown("organisation", org, orgs))
        if r.series is not None and r.series not in series:
            raise fail(r.id, "series", _unknown("series", r.series, series))
        if r.parent is not None:
            parent = by_id.get(r.parent)
            if parent is None:
                raise fail(r.id, "parent", _unknown("record", r.parent, by_id))
            problem = _outside(r, parent)
            if problem:
                raise fail(r.id, "start", problem)
    _check_cycles(by_id, fail)


def _outside(r: Record, parent: Record) -> str | None:
    """Why *r* does not fit in its *parent*'s days, or None."""
    mine, theirs = r.dates, parent.dates
    if mine.first_day < theirs.first_day or (
            mine.last_day > theirs.last_day and not theirs.open_ended):
        return (f"{mine.first_day}..{mine.last_day} falls outside its parent "
                f'"{parent.id}" ({theirs.first_day}..{theirs.last_day})')
    if (isinstance(r, Event) and isinstance(parent, Event)
            and mine.precision is DatePrecision.WITHIN_PARENT
            and (r.start, r.end) != (parent.start, parent.end)):
        return ("dates = 'within-parent' must repeat the parent's dates "
                    f"({parent.start}..{parent.end})")
    if isinstance(r, Event) and mine.on_or_before and (r.start, r.end) != (theirs.first_day,
                                                                          None):
        return (f"dates = 'before-parent' must be the parent's first day ({theirs.first_day}) "
                "with no end")
    return None


def _check_cycles(by_id: Mapping[str, Record], fail: Callable[[str, str, str], DataError]
                  ) -> None:
    """Parents form no cycle: each chain is walked once (linear in the records)."""
    done: set[str] = set()
    for start in by_id:
        path: list[str] = []
        on_path: set[str] = set()
        rid: str | None = start
        while rid is not None and rid not in done:
            if rid in on_path:
                raise fail(start, "parent", "parents form a cycle")
            on_path.add(rid)
            path.append(rid)
            rec = by_id.get(rid)
            rid = rec.parent if rec is not None else None
        done.update(path)
