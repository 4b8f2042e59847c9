"""The one filter language, shared by the library, the command line and the feeds.

>>> Filter(kinds=("forum",), tags=("magnets",)).is_empty()
False
>>> Filter(kinds=("workshop",))  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
reecal.errors.FieldError: kinds: unknown kind 'workshop' (expected one of: conference, ...)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from attrs import field, frozen

from reecal.errors import FieldError
from reecal.model.checks import check_member, describe, to_kind, to_status
from reecal.model.enums import Kind, Status
from reecal.model.records import Event, Record
from reecal.model.suggest import fold
from reecal.model.values import Organisation, Series
from reecal.query.when import day_of

__all__ = ["Filter", "involved"]


def _values(x: Any) -> tuple[Any, ...]:
    """One value or several: a single text is one value, not its letters."""
    return (x,) if isinstance(x, str) else tuple(x)


def _checked(cls: type[Kind] | type[Status], name: str, values: tuple[Any, ...]
             ) -> tuple[Any, ...]:
    for v in values:
        check_member(cls, name, v)
    return values


def _lower(x: Any) -> tuple[Any, ...]:
    """Kinds and statuses in any case: "Conference" is the kind conference."""
    return tuple(v.casefold() if isinstance(v, str) else v for v in _values(x))


def _kinds(x: Any) -> tuple[Kind, ...]:
    return _checked(Kind, "kinds", tuple(map(to_kind, _lower(x))))


def _statuses(x: Any) -> tuple[Status, ...]:
    return _checked(Status, "statuses", tuple(map(to_status, _lower(x))))


def _opt_text(inst: object, a: Any, value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise FieldError(a.name, f"expected text, got {describe(value)}")


def _start(value: Any) -> date | None:
    return None if value is None else day_of(value, "start")


def _end(value: Any) -> date | None:
    return None if value is None else day_of(value, "end")


@frozen(kw_only=True, slots=False)
class Filter:
    """A selection of records.

    Values within one criterion are alternatives (OR); criteria combine with AND.
    Matching is case-insensitive.  ``orgs`` match an organiser's, host's or sponsor's
    id, short name or Chinese name exactly, or a part of its name or aliases;
    ``places`` match any part of venue, city, region or country; ``series`` match a
    series' id or a part of its name; ``text`` matches a part of a title, Chinese
    title, alias, tag, place, organisation (as ``orgs`` does) or the name of the
    record's series.  ``start``/``end`` (dates, or
    aware datetimes) keep records whose days overlap that range.
    """

    kinds: tuple[Kind, ...] = field(default=(), converter=_kinds)
    tags: tuple[str, ...] = field(default=(), converter=_values)
    orgs: tuple[str, ...] = field(default=(), converter=_values)
    places: tuple[str, ...] = field(default=(), converter=_values)
    statuses: tuple[Status, ...] = field(default=(), converter=_statuses)
    series: tuple[str, ...] = field(default=(), converter=_values)
    text: str | None = field(default=None, validator=_opt_text)
    start: date | None = field(default=None, converter=_start)
    end: date | None = field(default=None, converter=_end)

    def is_empty(self) -> bool:
        return self == Filter()

    def matches(self, record: Record, orgs: Mapping[str, Organisation],
                series: Mapping[str, Series]) -> bool:
        """True if *record* passes every criterion (its organisations and series looked
        up in *orgs* and *series*)."""
        if self.kinds and record.kind not in self.kinds:
            return False
        if self.statuses and record.status not in self.statuses:
            return False
        if self.tags and not {fold(t) for t in self.tags} & {fold(t) for t in record.tags}:
            return False
        dates = record.dates
        if self.start is not None and dates.last_day < self.start:
            return False
        if self.end is not None and dates.first_day > self.end:
            return False
        own_series = series.get(record.series) if record.series else None
        if self.text is not None:
            needle = fold(self.text)
            names = (*record.titles(), *record.tags, *(own_series.names() if own_series else ()),
                     *((record.place.label,) if record.place else ()))
            if not any(needle in fold(t) for t in names) and not any(
                    _org_matches(orgs[i], self.text) for i in involved(record) if i in orgs):
                return False
        if self.places:
            if record.place is None:
                return False
            label = fold(record.place.label)
            if not any(fold(p) in label for p in self.places):
                return False
        if self.orgs and not any(_org_matches(orgs[i], term) for term in self.orgs
                                 for i in involved(record) if i in orgs):
            return False
        return not self.series or (own_series is not None and any(
            fold(own_series.id) == fold(t) or any(fold(t) in fold(n) for n in own_series.names())
            for t in self.series))


def involved(record: Record) -> tuple[str, ...]:
    """The ids of the organisations a record involves: organisers, then hosts or sponsor."""
    if isinstance(record, Event):
        extra = record.hosts
    else:
        extra = (record.sponsor,) if record.sponsor else ()
    return tuple(dict.fromkeys((*record.organisers, *extra)))


def _org_matches(org: Organisation, term: str) -> bool:
    t = fold(term)
    if any(x is not None and fold(x) == t for x in (org.id, org.short, org.name_zh)):
        return True
    return any(t in fold(x) for x in (org.name, *org.aliases))
