"""The dated records: events, and programmes with application windows.

Every record is an immutable ``attrs`` class, built with keywords only and validated
at construction, so an object that exists is a valid one.  Changed copies are made
with :func:`attrs.evolve`, which validates again.  When a record is, ask its
:attr:`~Event.dates` (:mod:`reecal.model.dates`).

>>> from datetime import date, datetime, UTC
>>> src = Source(document="seeds/000_a110d6e786278c30.txt", quote="May 15-18, 2026")
>>> ev = Event(id="demo", kind=Kind.CONFERENCE, title="Demo", start=date(2026, 5, 15),
...            end=date(2026, 5, 18), sources=(src,), updated=datetime(2026, 1, 1, tzinfo=UTC))
>>> ev.dates.days
4
>>> attrs.evolve(ev, end=date(2026, 5, 1))
Traceback (most recent call last):
...
reecal.errors.FieldError: end: 2026-05-01 is before the start 2026-05-15
>>> attrs.evolve(ev, tags="magnets")
Traceback (most recent call last):
...
reecal.errors.FieldError: tags: expected a list [...], got text 'magnets'
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import attrs
from attrs import field, frozen

from reecal.errors import FieldError
from reecal.model import checks as c
from reecal.model.dates import Dates, event_dates, window_dates
from reecal.model.enums import DatePrecision, Kind, Status
from reecal.model.history import Revision
from reecal.model.values import (
    Certainty,
    Count,
    Outside,
    Person,
    Place,
    Reference,
    Source,
    no_certainty,
    resolve,
)
from reecal.model.window import Window

__all__ = ["Event", "Programme", "Record"]

_SLUGS = c.tuple_of(c.check_slug, unique=True)
_DATES = ("start", "end", "opens", "closes")
MAX_REVISION = 2**31 - 1
"""A revision becomes SEQUENCE, an INTEGER (RFC 5545 §3.3.8): a signed 32-bit value."""


def _now(record: Any, key: str) -> object:
    """The value *key* of a revision's (:meth:`Revision.values`) that *record* has."""
    return getattr(record.window if key in ("opens", "closes") else record, key)


@frozen(kw_only=True, slots=False)
class _Dated:
    """What every dated record has: identity, titles, organisers, provenance, revision."""

    id: str = field(validator=c.slug)
    title: str = field(validator=c.line)
    title_zh: str | None = field(default=None, validator=c.opt_line)
    aliases: tuple[str, ...] = field(default=(), converter=c.as_tuple,
                                     validator=c.tuple_of(c.check_text, unique=True))
    series: str | None = field(default=None, validator=c.opt_slug)
    edition: int | None = field(default=None, validator=c.opt_positive)
    place: Place | None = field(default=None, validator=c.instance(Place, optional=True))
    organisers: tuple[str, ...] = field(default=(), converter=c.as_tuple, validator=_SLUGS)
    parent: str | None = field(default=None, validator=c.opt_slug)
    status: Status = field(default=Status.CONFIRMED, converter=c.to_status,
                           validator=c.member_of(Status))
    tags: tuple[str, ...] = field(default=(), converter=c.as_tuple, validator=_SLUGS)
    people: tuple[Person, ...] = field(default=(), converter=c.as_tuple,
                                       validator=c.tuple_of(Person))
    url: str | None = field(default=None, validator=c.opt_url)
    summary: str | None = field(default=None, converter=c.newlines, validator=c.opt_lines)
    certainty: Certainty = field(factory=no_certainty, validator=c.instance(Certainty))
    sources: tuple[Source, ...] = field(converter=c.as_tuple,
                                        validator=c.tuple_of(Source, non_empty=True))
    outside: tuple[Outside, ...] = field(default=(), converter=c.as_tuple,
                                         validator=c.tuple_of(Outside))
    revision: int = field(default=0, validator=c.non_negative)
    updated: datetime = field(converter=c.whole_seconds, validator=c.aware)
    history: tuple[Revision, ...] = field(default=(), converter=c.as_tuple,
                                          validator=c.tuple_of(Revision))

    @revision.validator
    def _check_revision(self, a: attrs.Attribute[Any], value: int) -> None:
        if value > MAX_REVISION:
            raise FieldError("revision", f"{value} is above {MAX_REVISION}, the largest "
                                         "SEQUENCE iCalendar allows (RFC 5545 §3.8.7.4)")

    def __attrs_post_init__(self) -> None:
        """Rules across fields, once every field has passed its own."""
        if self.edition is not None and self.series is None:
            raise FieldError("edition", "an edition needs a series")
        if self.parent == self.id:
            raise FieldError("parent", "a record cannot be its own parent")
        for i, o in enumerate(self.outside):
            if resolve(self, o.field) in (None, ()):
                raise FieldError(f"outside[{i}].field",
                                 f"{o.field!r} is not a field this record gives")
        dates = self.certainty.dates
        if dates in (DatePrecision.WITHIN_PARENT, DatePrecision.BEFORE_PARENT) and (
                self.parent is None):
            raise FieldError("parent", f"dates = '{dates.value}' needs a parent")
        self._check_own()
        self._check_history()

    def _check_own(self) -> None:
        """The rules of the record's own kind, across its fields."""

    def _check_history(self) -> None:
        """Earlier revisions come in order, before this one, and each is a valid
        record that differs from the next in what it says changed."""
        for i, h in enumerate(self.history):
            if h.revision >= self.revision:
                raise FieldError(f"history[{i}].revision", f"{h.revision} is not below the "
                                 f"record's revision {self.revision}")
            if h.updated > self.updated:
                raise FieldError(f"history[{i}].updated", f"{h.updated.isoformat()} is after "
                                 f"the record's updated {self.updated.isoformat()}")
            if i and h.revision <= self.history[i - 1].revision:
                raise FieldError(f"history[{i}].revision", f"{h.revision} is not above "
                                 f"history[{i - 1}]'s revision {self.history[i - 1].revision}")
            if i and h.updated < self.history[i - 1].updated:
                raise FieldError(f"history[{i}].updated", f"{h.updated.isoformat()} is before "
                                 f"history[{i - 1}]'s updated")
        self.past()

    def past(self) -> tuple[Record, ...]:
        """The record as it was at each revision of its :attr:`history`, oldest first
        (without a history of its own); computed once per record."""
        found: tuple[Record, ...] | None = self.__dict__.get("_past")
        if found is None:
            found = self.__dict__["_past"] = self._rebuild()
        return found

    def _rebuild(self) -> tuple[Record, ...]:
        out: list[Any] = []
        later: Any = self
        for i in range(len(self.history) - 1, -1, -1):
            h = self.history[i]
            values = h.values()
            fields = self._as_fields(values, later, i)
            for name in h.changed:
                keys = [k for k in _DATES if k in values] if name == "dates" else [name]
                if all(_now(later, k) == values[k] for k in keys):
                    said = "the dates are" if name == "dates" else f"{name} is"
                    raise FieldError(f"history[{i}].{keys[0]}",
                                     f"{said} the same in revision {later.revision}: a "
                                     "revision gives only what the next one changed")
            try:
                later = attrs.evolve(later, revision=h.revision, updated=h.updated,
                                     history=(), **fields)
            except FieldError as exc:
                raise FieldError(f"history[{i}].{exc.field}", exc.message) from None
            out.append(later)
        return tuple(reversed(out))

    def _as_fields(self, values: dict[str, Any], later: Any, i: int) -> dict[str, Any]:
        """A revision's values as this kind of record's fields."""
        raise NotImplementedError

    @property
    def dates(self) -> Dates:
        """When it is (:mod:`reecal.model.dates`), computed once per record."""
        found: Dates | None = self.__dict__.get("_dates")
        if found is None:  # a frozen record's dates never change: keep them
            found = self.__dict__["_dates"] = self._compute_dates()
        return found

    def _compute_dates(self) -> Dates:
        raise NotImplementedError

    @property
    def tz(self) -> str:
        """The zone the record's days are in: its place's, else UTC."""
        return self.place.tz if self.place else "UTC"

    def titles(self) -> tuple[str, ...]:
        """Title, Chinese title and aliases: what text search looks at."""
        return tuple(x for x in (self.title, self.title_zh, *self.aliases) if x)


@frozen(kw_only=True, slots=False)
class Event(_Dated):
    """A dated event: a conference, forum, exhibition, visit or meeting.

    Events are all-day: ``start`` and ``end`` are dates, ``end`` inclusive (the
    last day).  ``end`` may be omitted when the source gives only the opening day.
    ``organisers`` run the event; ``hosts`` receive it (the institutions a
    delegation visits, say).
    """

    kind: Kind = field(converter=c.to_kind, validator=c.member_of(Kind))
    start: date = field(validator=c.day)
    end: date | None = field(default=None, validator=c.opt_day)
    hosts: tuple[str, ...] = field(default=(), converter=c.as_tuple, validator=_SLUGS)
    participants: Count | None = field(default=None, validator=c.instance(Count, optional=True))

    @kind.validator
    def _check_kind(self, a: attrs.Attribute[Any], value: Kind) -> None:
        if value is Kind.PROGRAMME:
            raise FieldError("kind", "'programme' is for [[programme]] records, not events")

    @end.validator
    def _check_end(self, a: attrs.Attribute[Any], value: date | None) -> None:
        if value is not None and value < self.start:
            raise FieldError("end", f"{value} is before the start {self.start}")

    def _check_own(self) -> None:
        precision = self.certainty.dates
        if precision is DatePrecision.MONTH and (self.start.day != 1 or self.end is not None):
            raise FieldError("start", "dates = 'month' is written as the month's first day "
                                      f"with no end (e.g. {self.start:%Y-%m}-01)")
        if precision is DatePrecision.START_ONLY and self.end is not None:
            raise FieldError("end", "dates = 'start-only' means the end is not published: "
                                    "leave it out")

    def _as_fields(self, values: dict[str, Any], later: Any, i: int) -> dict[str, Any]:
        if "closes" in values:
            raise FieldError(f"history[{i}].closes", "opens and closes are a programme's "
                                                     "window; this record is an event")
        return values

    def _compute_dates(self) -> Dates:
        return event_dates(self.start, self.end, self.certainty.dates,
                           self.certainty.year_inferred)


@frozen(kw_only=True, slots=False)
class Programme(_Dated):
    """A programme people apply to, with its application :class:`Window`.

    ``organisers`` run the programme; ``sponsor`` is the organisation applicants
    choose (e.g. CRES, code B33, for the CAST doctoral programme).
    """

    window: Window = field(validator=c.instance(Window))
    sponsor: str | None = field(default=None, validator=c.opt_slug)
    eligibility: str | None = field(default=None, converter=c.newlines, validator=c.opt_lines)
    quota: Count | None = field(default=None, validator=c.instance(Count, optional=True))
    duration: str | None = field(default=None, validator=c.opt_line)
    references: tuple[Reference, ...] = field(default=(), converter=c.as_tuple,
                                              validator=c.tuple_of(Reference))

    @property
    def kind(self) -> Kind:
        return Kind.PROGRAMME

    @property
    def tz(self) -> str:
        return self.window.tz

    def _as_fields(self, values: dict[str, Any], later: Any, i: int) -> dict[str, Any]:
        if "start" in values:
            raise FieldError(f"history[{i}].start", "start and end are an event's dates; "
                                                    "this record is a programme")
        out = {k: v for k, v in values.items() if k not in ("opens", "closes")}
        if "closes" in values:  # an extension is not recorded for an earlier window
            out["window"] = Window(opens=values["opens"], closes=values["closes"],
                                   tz=later.window.tz)
        return out

    def _compute_dates(self) -> Dates:
        return window_dates(self.window, self.certainty.dates, self.certainty.year_inferred)


Record = Event | Programme
"""A dated record: what a :class:`~reecal.query.dataset.Dataset` holds and feeds export."""
