"""What a selection holds, counted, and the near values a filter that finds nothing
might have meant.

>>> import reecal
>>> ds = reecal.load()
>>> [(f.value, f.records) for f in facets(ds)["kinds"]][:2]
[('visit', 8), ('conference', 3)]
>>> near_misses(ds, Filter(tags=("magnet",)))
['No record has the tag "magnet" (did you mean "magnets"?).']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from reecal.model.suggest import close_matches, fold
from reecal.query.filter import Filter, involved

if TYPE_CHECKING:
    from reecal.model.records import Record
    from reecal.query.dataset import Dataset

__all__ = ["FIELDS", "Facet", "Miss", "facets", "misses", "near_misses", "place_name",
           "unknown"]

FIELDS = ("kinds", "tags", "orgs", "series", "places")
"""The criteria whose values can be listed, in the order they are shown."""

_NOUN = {"tags": "the tag", "orgs": "the organisation", "places": "the place",
         "series": "the series"}


class Facet(NamedTuple):
    """One value of a criterion: what to give the filter, what it is, how many records."""

    value: str
    label: str
    records: int


def place_name(r: Record) -> str | None:
    """The name a record's place is listed by: its city, else its region or country."""
    if r.place is None:
        return None
    return r.place.city or r.place.region or r.place.country


def facets(ds: Dataset) -> dict[str, list[Facet]]:
    """Every value of each criterion in *ds* with the number of its records, most
    frequent first (ties by value)."""
    orgs, series = ds.organisations, ds.series
    values: dict[str, Counter[str]] = {name: Counter() for name in FIELDS}
    labels: dict[str, dict[str, str]] = {name: {} for name in FIELDS}
    for r in ds:
        values["kinds"][r.kind.value] += 1
        values["tags"].update(r.tags)
        for oid in involved(r):
            values["orgs"][oid] += 1
            if oid in orgs:
                labels["orgs"][oid] = orgs[oid].label
        if r.series:
            values["series"][r.series] += 1
            if r.series in series:
                labels["series"][r.series] = series[r.series].name
        name = place_name(r)
        if name is not None and r.place is not None:
            values["places"][name] += 1
            labels["places"][name] = ", ".join(
                x for x in (r.place.city, r.place.region, r.place.country) if x)
    return {name: [Facet(v, labels[name].get(v, v), n)
                   for v, n in sorted(counted.items(), key=lambda x: (-x[1], x[0]))]
            for name, counted in values.items()}


def _words(texts: Iterable[str]) -> set[str]:
    return {w for t in texts for w in re.findall(r"\w{3,}", fold(t))}


def _vocabulary(ds: Dataset, criterion: str) -> list[str]:
    """The values a user could have meant for *criterion*."""
    if criterion == "text":
        orgs = ds.organisations
        return sorted(_words(
            [*(t for r in ds for t in r.titles()), *(t for r in ds for t in r.tags),
             *(r.place.label for r in ds if r.place),
             *(n for o in orgs.values() for n in (o.name, o.short or "", *o.aliases))]))
    if criterion == "orgs":
        orgs = ds.organisations
        return sorted({x for o in orgs.values() for x in (o.id, o.short) if x})
    return [f.value for f in facets(ds)[criterion]]


class Miss(NamedTuple):
    """A value of a filter that no record matches on its own (*criterion*: ``tags``,
    ``orgs``, ``places``, ``series`` or ``text``), and the known values near it."""

    criterion: str
    value: str
    close: tuple[str, ...]

    @property
    def names_something(self) -> bool:
        """A tag, an organisation, a place or a series, rather than free text: a
        selection holding one cannot match, whatever else it holds."""
        return self.criterion != "text"

    def sentence(self) -> str:
        """'No record has the tag "magnet" (did you mean "magnets"?).'"""
        said = " (did you mean " + " or ".join(f'"{c}"' for c in self.close) + "?)"
        what = "mentions" if self.criterion == "text" else f"has {_NOUN[self.criterion]}"
        return f'No record {what} "{self.value}"{said if self.close else ""}.'


def misses(ds: Dataset, flt: Filter) -> list[Miss]:
    """Each value in *flt* that no record of *ds* matches on its own, with the nearest
    known values."""
    orgs, series = ds.organisations, ds.series
    out = []
    checks = [(c, v) for c in ("tags", "orgs", "places", "series") for v in getattr(flt, c)]
    if flt.text is not None:
        checks.append(("text", flt.text))
    for criterion, value in checks:
        alone = Filter(text=value) if criterion == "text" else Filter(
            tags=(value,) if criterion == "tags" else (),
            orgs=(value,) if criterion == "orgs" else (),
            places=(value,) if criterion == "places" else (),
            series=(value,) if criterion == "series" else ())
        if not any(alone.matches(r, orgs, series) for r in ds):
            close = close_matches(fold(value), _vocabulary(ds, criterion), n=3)
            out.append(Miss(criterion, value, tuple(close)))
    return out


def unknown(ds: Dataset, flt: Filter) -> list[Miss]:
    """The misses of values that name something (:attr:`Miss.names_something`): a feed
    for a selection holding one is a mistake, not an empty calendar."""
    return [m for m in misses(ds, flt) if m.names_something]


def near_misses(ds: Dataset, flt: Filter) -> list[str]:
    """For each value in *flt* that no record of *ds* matches on its own, one sentence
    saying so, with the nearest known value when there is one."""
    return [m.sentence() for m in misses(ds, flt)]
