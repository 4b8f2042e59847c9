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
from reecal.model.values import Certainty, Count, Outside, Person, Place, Reference, Source, resolve
from reecal.model.window import Window

__all__ = ["Event", "Programme", "Record"]

_SLUGS = c.tuple_of(c.check_slug, unique=True)
MAX_REVISION = 2**31 - 1
"""A revision becomes SEQUENCE, an INTEGER (RFC 5545 §3.3.8): a signed 32-bit value."""


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
    certainty: Certainty = field(factory=Certainty, validator=c.instance(Certainty))
    sources: tuple[Source, ...] = field(converter=c.as_tuple,
                                        validator=c.tuple_of(Source, non_empty=True))
    outside: tuple[Outside, ...] = field(default=(), converter=c.as_tuple,
                                         validator=c.tuple_of(Outside))
    revision: int = field(default=0, validator=c.non_negative)
    updated: datetime = field(converter=c.whole_seconds, validator=c.aware)

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

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        precision = self.certainty.dates
        if precision is DatePrecision.MONTH and (self.start.day != 1 or self.end is not None):
            raise FieldError("start", "dates = 'month' is written as the month's first day "
                                      f"with no end (e.g. {self.start:%Y-%m}-01)")
        if precision is DatePrecision.START_ONLY and self.end is not None:
            raise FieldError("end", "dates = 'start-only' means the end is not published: "
                                    "leave it out")

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

    def _compute_dates(self) -> Dates:
        return window_dates(self.window, self.certainty.dates, self.certainty.year_inferred)


Record = Event | Programme
"""A dated record: what a :class:`~reecal.query.dataset.Dataset` holds and feeds export."""
