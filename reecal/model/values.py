"""The parts records are made of, and what they refer to: places, sources, certainty,
counts, people, references, organisations and series.

Every class is a frozen, keyword-only attrs class validated at construction.

>>> Place(city="Nanchang", region="Jiangxi", country="China", tz="Asia/Shanghai").label
'Nanchang, Jiangxi, China'
>>> str(Count(value=300, qualifier=Qualifier.NEARLY, of="participants"))
'nearly 300 participants'
"""

from __future__ import annotations

import functools
import re
from datetime import date
from typing import Any

import attrs
from attrs import field, frozen

from reecal.errors import FieldError
from reecal.model import checks as c
from reecal.model.enums import Confidence, DatePrecision, Qualifier, Verification

__all__ = ["ESTIMATED_IN_DATA", "Cadence", "Certainty", "Count", "Organisation", "Outside",
           "Person", "Place", "Reference", "Series", "Source", "months_text", "no_certainty",
           "resolve"]

# Records are frozen, kw-only attrs classes.  slots=False keeps a __dict__, which the
# loader's cache fills directly (see reecal.loading.snapshot).


@frozen(kw_only=True, slots=False)
class Place:
    """Where something happens.  ``tz`` is an IANA name and is required."""

    venue: str | None = field(default=None, validator=c.opt_line)
    city: str | None = field(default=None, validator=c.opt_line)
    region: str | None = field(default=None, validator=c.opt_line)
    country: str = field(validator=c.line)
    tz: str = field(validator=c.tz)
    lat: float | None = field(default=None, validator=c.opt_number)
    lon: float | None = field(default=None, validator=c.opt_number)

    @lat.validator
    def _check_lat(self, a: attrs.Attribute[Any], value: float | None) -> None:
        if (value is None) != (self.lon is None):
            raise FieldError("lat", "give both lat and lon, or neither")
        if value is not None and not (-90.0 <= value <= 90.0):
            raise FieldError("lat", f"{value} is outside -90..90")

    @lon.validator
    def _check_lon(self, a: attrs.Attribute[Any], value: float | None) -> None:
        if value is not None and not (-180.0 <= value <= 180.0):
            raise FieldError("lon", f"{value} is outside -180..180")

    @property
    def label(self) -> str:
        """Venue, city, region, country: the parts that are known, in that order."""
        return ", ".join(p for p in (self.venue, self.city, self.region, self.country) if p)


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


@frozen(kw_only=True, slots=False)
class Source:
    """Where a record's claims come from, with the words that support them.

    ``document`` is a file under ``seeds/`` for the bundled data, or an http(s) URL
    (or a path of the user's choosing) for a user's own data.  A draft made by
    ``reecal import`` cites its copy of the calendar file and names the event it came
    from: ``uid`` (and ``recurrence`` for one occurrence), with its ``sequence``.
    """

    document: str = field(validator=c.line)
    quote: str = field(converter=c.newlines, validator=c.lines)
    publisher: str | None = field(default=None, validator=c.opt_line)
    published: date | None = field(default=None, validator=c.opt_day)
    url: str | None = field(default=None, validator=c.opt_url)
    uid: str | None = field(default=None, validator=c.opt_line)
    recurrence: str | None = field(default=None, validator=c.opt_line)
    sequence: int | None = field(default=None, validator=c.opt_non_negative)

    @sequence.validator
    def _check_sequence(self, a: attrs.Attribute[Any], value: int | None) -> None:
        for name in ("recurrence", "sequence"):
            if getattr(self, name) is not None and self.uid is None:
                raise FieldError(name, f"{name} names an event's occurrence or revision: "
                                       "give the event's uid too")

    @document.validator
    def _check_document(self, a: attrs.Attribute[Any], value: str) -> None:
        if _SCHEME.match(value) and not _DRIVE.match(value):  # a URL, not C:\...
            c.check_url("document", value)


ESTIMATED_IN_DATA = ("'estimated' is reecal's label for the editions it projects "
                     "(--estimated); data says what sources say")
"""Why a data file cannot claim ``dates = "estimated"`` (said by the model when no
reason is given, by the loader's checks when one is)."""


@frozen(kw_only=True, slots=False)
class Certainty:
    """How sure a record is, and why.

    ``year_inferred`` says the source gave no year and we worked it out; ``dates``
    says how precisely the source dates the record; ``reason`` must then say how.
    """

    confidence: Confidence = field(default=Confidence.MEDIUM,
                                   converter=c.to_confidence,
                                   validator=c.member_of(Confidence))
    verification: Verification = field(default=Verification.UNVERIFIED,
                                       converter=c.to_verification,
                                       validator=c.member_of(Verification))
    year_inferred: bool = field(default=False, validator=c.flag)
    dates: DatePrecision = field(default=DatePrecision.EXACT,
                                 converter=c.to_precision,
                                 validator=c.member_of(DatePrecision))
    reason: str | None = field(default=None, converter=c.newlines, validator=c.opt_lines)

    @reason.validator
    def _check_reason(self, a: attrs.Attribute[Any], value: str | None) -> None:
        if self.year_inferred and not value:
            raise FieldError("reason", "an inferred year needs a reason")
        if self.dates is DatePrecision.ESTIMATED and not value:
            raise FieldError("dates", ESTIMATED_IN_DATA)
        if self.dates is not DatePrecision.EXACT and not value:
            raise FieldError("reason", f"dates = {self.dates.value!r} needs a reason")


@functools.cache
def no_certainty() -> Certainty:
    """The certainty of a record that states none: one value all such records share
    (frozen, so nothing can tell), rather than one built and checked per record."""
    return Certainty()


_STEP = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")


def resolve(obj: object, path: str) -> object:
    """The value at *path* ("place.region", "people[1].role", "hosts[3]") of *obj*,
    or None where a step is missing.

    >>> resolve(Place(city="Baotou", country="China", tz="Asia/Shanghai"), "city")
    'Baotou'
    """
    value: Any = obj
    for step in path.split("."):
        m = _STEP.fullmatch(step)
        if m is None or not attrs.has(type(value)) or not hasattr(value, m[1]):
            return None
        value = getattr(value, m[1])
        if m[2] is not None:
            if not isinstance(value, tuple) or int(m[2]) >= len(value):
                return None
            value = value[int(m[2])]
    return value


@frozen(kw_only=True, slots=False)
class Outside:
    """A fact of a record that its sources do not give, and where it comes from.

    ``field`` is the path of the fact in the record ("place.region", "people[1].role"),
    ``basis`` says where the fact comes from (general knowledge, a map, a URL).
    """

    field: str = attrs.field(validator=c.line)
    basis: str = attrs.field(converter=c.newlines, validator=c.lines)

    def value(self, record: object) -> str:
        """The fact as the record holds it, in words."""
        found = resolve(record, self.field)
        return ", ".join(map(str, found)) if isinstance(found, tuple) else str(found)


@frozen(kw_only=True, slots=False)
class Count:
    """A number the source gives, with how it qualifies it ("nearly 300")."""

    value: int = field(validator=c.non_negative)
    qualifier: Qualifier = field(default=Qualifier.EXACT, converter=c.to_qualifier,
                                 validator=c.member_of(Qualifier))
    of: str | None = field(default=None, validator=c.opt_line)

    def __str__(self) -> str:
        words = {
            Qualifier.EXACT: "",
            Qualifier.ABOUT: "about ",
            Qualifier.NEARLY: "nearly ",
            Qualifier.AT_LEAST: "at least ",
            Qualifier.AT_MOST: "up to ",
        }
        return f"{words[self.qualifier]}{self.value}" + (f" {self.of}" if self.of else "")


@frozen(kw_only=True, slots=False)
class Person:
    name: str = field(validator=c.line)
    role: str | None = field(default=None, validator=c.opt_line)

    def __str__(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name


@frozen(kw_only=True, slots=False)
class Reference:
    """A labelled reference such as a notice number or an applicant code."""

    label: str = field(validator=c.line)
    value: str = field(validator=c.line)


@frozen(kw_only=True, slots=False)
class Organisation:
    id: str = field(validator=c.slug)
    name: str = field(validator=c.line)
    name_zh: str | None = field(default=None, validator=c.opt_line)
    short: str | None = field(default=None, validator=c.opt_line)
    aliases: tuple[str, ...] = field(default=(), converter=c.as_tuple,
                                     validator=c.tuple_of(c.check_text, unique=True))
    url: str | None = field(default=None, validator=c.opt_url)

    @property
    def label(self) -> str:
        """Name, short name, Chinese name: 'China Rare Earth Society (CRES, 中国稀土学会)'."""
        extra = [x for x in (self.short, self.name_zh) if x]
        return f"{self.name} ({', '.join(extra)})" if extra else self.name


@frozen(kw_only=True, slots=False)
class Cadence:
    """How often a series recurs, as a source states it ("the 2023 Academic *Annual*
    Conference"): every ``years`` years and ``months`` months, with the quote.

    >>> src = Source(document="seeds/x.txt", quote="the 2023 Academic Annual Conference")
    >>> Cadence(years=1, sources=(src,)).label, Cadence(months=18, sources=(src,)).label
    ('annual', 'every 18 months')
    """

    years: int = field(default=0, validator=c.non_negative)
    months: int = field(default=0, validator=c.non_negative)
    sources: tuple[Source, ...] = field(converter=c.as_tuple,
                                        validator=c.tuple_of(Source, non_empty=True))

    @months.validator
    def _check_months(self, a: attrs.Attribute[Any], value: int) -> None:
        if self.years == 0 and value == 0:
            raise FieldError("years", "a cadence needs years or months (e.g. years = 1)")

    @property
    def months_total(self) -> int:
        return self.years * 12 + self.months

    @property
    def label(self) -> str:
        """'annual', 'every 2 years', 'every 6 months'."""
        named = {1: "monthly", 12: "annual"}.get(self.months_total)
        return named or f"every {months_text(self.months_total)}"


def months_text(months: int) -> str:
    """An interval in words: '1 year', '4 years', '18 months'."""
    if months % 12 == 0:
        return "1 year" if months == 12 else f"{months // 12} years"
    return "1 month" if months == 1 else f"{months} months"


@frozen(kw_only=True, slots=False)
class Series:
    """A recurring event ("Youth Academic Conference"), whose editions are events.

    ``cadence`` is how often it recurs, when a source says so; with it (or with two
    editions at a steady interval) reecal estimates the next edition.
    """

    id: str = field(validator=c.slug)
    name: str = field(validator=c.line)
    name_zh: str | None = field(default=None, validator=c.opt_line)
    organisers: tuple[str, ...] = field(default=(), converter=c.as_tuple,
                                        validator=c.tuple_of(c.check_slug, unique=True))
    url: str | None = field(default=None, validator=c.opt_url)
    cadence: Cadence | None = field(default=None, validator=c.instance(Cadence, optional=True))

    def names(self) -> tuple[str, ...]:
        return tuple(x for x in (self.id, self.name, self.name_zh) if x)
