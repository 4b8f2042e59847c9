"""The records: events, programmes with application windows, and what they refer to.

Every record is an immutable ``attrs`` class, built with keywords only and
validated at construction, so an object that exists is a valid one.  Changed copies
are made with :func:`attrs.evolve`, which validates again.

>>> from datetime import date, datetime, UTC
>>> src = Source(document="seeds/000_a110d6e786278c30.txt", quote="May 15-18, 2026")
>>> ev = Event(id="demo", kind=Kind.CONFERENCE, title="Demo", start=date(2026, 5, 15),
...            end=date(2026, 5, 18), sources=(src,), updated=datetime(2026, 1, 1, tzinfo=UTC))
>>> ev.days
4
>>> Event(id="demo", kind=Kind.CONFERENCE, title="Demo", start=date(2026, 5, 15),
...       end=date(2026, 5, 1), sources=(src,), updated=datetime(2026, 1, 1, tzinfo=UTC))
Traceback (most recent call last):
...
reecal.errors.FieldError: end: 2026-05-01 is before the start 2026-05-15

Text rules, per field (see SECURITY.md):

* single-line text (titles, names, places, quotes' labels...): no control characters
  at all (C0, C1, DEL), no line or paragraph separators (U+2028, U+2029), no
  surrogates or non-characters, no U+FEFF (a byte order mark, which UTF-8-with-BOM
  readers silently drop), no bidi embeddings or overrides (U+202A-U+202E: text that
  displays as other text); leading/trailing spaces are an error.
* multi-line text (``summary``, ``quote``, ``eligibility``, certainty ``reason``):
  the same, except that newline and tab are allowed; CR and CRLF are normalised to
  LF at construction (as TOML itself reads them).
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, timedelta
from typing import Any

import attrs
from attrs import field, frozen

from .enums import Confidence, DatePrecision, Kind, Qualifier, Status, Verification
from .errors import FieldError
from .zones import end_of_day, exists, start_of_day, zone

__all__ = [
    "Certainty",
    "Confidence",
    "Count",
    "DatePrecision",
    "Event",
    "Kind",
    "Organisation",
    "Person",
    "Place",
    "Programme",
    "Qualifier",
    "Record",
    "Reference",
    "Series",
    "Source",
    "Status",
    "Verification",
    "Window",
]


# --------------------------------------------------------------------------- validators

_SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_MAX_ID = 80
_MAX_TEXT = 20_000


@functools.cache
def _forbidden(multiline: bool) -> re.Pattern[str]:
    """Every character a text field may not hold, as one character class."""
    allowed = "\t\n" if multiline else ""
    controls = "".join(chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) not in allowed)
    planes = "".join(f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}" for p in range(17))
    chars = controls + "\u2028\u2029\ufeff" + planes
    # U+202A-U+202E: bidi embeddings and overrides, which can make a title display
    # as other text ("Trojan Source"); marks and isolates (U+200E/F, U+2066-9) stay.
    return re.compile("[" + re.escape(chars) + "\u202a-\u202e\ud800-\udfff\ufdd0-\ufdef]")



# Records are frozen, kw-only attrs classes.  slots=False: a dict-based instance
# unpickles in C (the loader's cache), about twice as fast as a slotted one.


def _bad_char(text: str, multiline: bool) -> str | None:
    """Describe the first character not allowed in the text, or None."""
    m = _forbidden(multiline).search(text)
    if m is None:
        return None
    ch = m.group(0)
    code = ord(ch)
    if code < 0x20 or 0x7F <= code < 0xA0:
        return f"control character U+{code:04X}"
    if code in (0x2028, 0x2029):
        return f"line separator U+{code:04X}"
    if 0xD800 <= code <= 0xDFFF:
        return f"lone surrogate U+{code:04X}"
    if code == 0xFEFF:  # read as a byte order mark and dropped by many readers
        return "byte order mark U+FEFF"
    if 0x202A <= code <= 0x202E:
        return f"bidirectional override U+{code:04X} (use an isolate, U+2066-U+2069)"
    return f"non-character U+{code:04X}"


def check_text(name: str, value: object, *, multiline: bool = False) -> None:
    """Raise :class:`FieldError` unless *value* is acceptable text for field *name*."""
    if not isinstance(value, str):
        raise FieldError(name, f"expected text, got {type(value).__name__}")
    if not value.strip():
        raise FieldError(name, "must not be empty")
    if len(value) > _MAX_TEXT:
        raise FieldError(name, f"longer than {_MAX_TEXT} characters")
    bad = _bad_char(value, multiline)
    if bad:
        where = "multi-line text allows only newline and tab" if multiline else "single-line text"
        raise FieldError(name, f"{bad} is not allowed ({where})")
    if not multiline and value != value.strip():
        raise FieldError(name, "has leading or trailing spaces")


def _line(inst: object, a: attrs.Attribute[Any], value: object) -> None:
    check_text(a.name, value)


def _opt_line(inst: object, a: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        check_text(a.name, value)


def _opt_lines(inst: object, a: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        check_text(a.name, value, multiline=True)


def _lines(inst: object, a: attrs.Attribute[Any], value: object) -> None:
    check_text(a.name, value, multiline=True)


def whole_seconds(value: Any) -> Any:
    """iCalendar counts in whole seconds: a fraction is dropped at construction."""
    if isinstance(value, datetime) and value.microsecond:
        return value.replace(microsecond=0)
    return value


def newlines(value: Any) -> Any:
    """CRLF and lone CR become LF in multi-line text (as TOML itself reads them)."""
    if isinstance(value, str) and "\r" in value:
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def _line_tuple(inst: object, a: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for i, item in enumerate(value):
        check_text(f"{a.name}[{i}]", item)
    if len(set(value)) != len(value):
        raise FieldError(a.name, "has duplicates")


def check_slug(name: str, value: object) -> None:
    if not isinstance(value, str) or not re.match(_SLUG, value) or len(value) > _MAX_ID:
        raise FieldError(
            name,
            f"{value!r} is not a valid id (lower-case letters, digits and single hyphens, "
            f"at most {_MAX_ID} characters)",
        )


def _slug(inst: object, a: attrs.Attribute[Any], value: object) -> None:
    check_slug(a.name, value)


def _opt_slug(inst: object, a: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        check_slug(a.name, value)


def _slug_tuple(inst: object, a: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for i, item in enumerate(value):
        check_slug(f"{a.name}[{i}]", item)
    if len(set(value)) != len(value):
        raise FieldError(a.name, "has duplicates")


def check_url(name: str, value: object) -> None:
    """Only absolute http(s) URLs with a host; nothing that could run script.

    >>> check_url("url", "javascript:alert(1)")
    Traceback (most recent call last):
    ...
    reecal.errors.FieldError: url: only http and https URLs are allowed, not 'javascript:alert(1)'
    """
    from urllib.parse import urlsplit

    check_text(name, value)
    assert isinstance(value, str)
    try:
        parts = urlsplit(value)
    except ValueError:
        raise FieldError(name, f"not a valid URL: {value!r}") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FieldError(name, f"only http and https URLs are allowed, not {value!r}")
    if not parts.hostname or any(ch.isspace() for ch in value):
        raise FieldError(name, f"not a valid URL: {value!r}")


def _opt_url(inst: object, a: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        check_url(a.name, value)


def _zone(inst: object, a: attrs.Attribute[Any], value: object) -> None:
    check_text(a.name, value)
    assert isinstance(value, str)
    try:
        zone(value)
    except ValueError as exc:
        raise FieldError(a.name, str(exc)) from None


def _non_negative(inst: object, a: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or value < 0):
        raise FieldError(a.name, f"must be a whole number >= 0, got {value!r}")


def _positive(inst: object, a: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or value < 1):
        raise FieldError(a.name, f"must be a whole number >= 1, got {value!r}")


YEARS = range(1900, 2101)
"""The years a date may fall in: those the property tests prove export correctly
(it also keeps every computed day, like an exclusive DTEND, inside Python's range)."""


def check_year(name: str, value: date) -> None:
    """Raise :class:`FieldError` unless *value* falls in :data:`YEARS`."""
    if value.year not in YEARS:
        raise FieldError(name, f"{value.isoformat()} is outside the years reecal supports "
                               f"({YEARS.start}-{YEARS.stop - 1})")


def _aware(inst: object, a: attrs.Attribute[Any], value: datetime) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise FieldError(a.name, "needs a UTC offset, e.g. 2026-01-01T00:00:00Z")
    check_year(a.name, value)


def _pure_date(name: str, value: object, *, optional: bool = False) -> None:
    if optional and value is None:
        return
    if type(value) is not date:
        raise FieldError(name, f"expected a date such as 2026-05-15, got {value!r}")
    check_year(name, value)


def _date(inst: object, a: attrs.Attribute[Any], value: object) -> None:
    _pure_date(a.name, value)


def _opt_date(inst: object, a: attrs.Attribute[Any], value: object) -> None:
    _pure_date(a.name, value, optional=True)


def _non_empty(inst: object, a: attrs.Attribute[Any], value: tuple[object, ...]) -> None:
    if not value:
        raise FieldError(a.name, "needs at least one entry")


def _tuple(x: Any) -> tuple[Any, ...]:
    return tuple(x)


# --------------------------------------------------------------------------- value records


@frozen(kw_only=True, slots=False)
class Place:
    """Where something happens.  ``tz`` is an IANA name and is required.

    >>> Place(city="Nanchang", region="Jiangxi", country="China", tz="Asia/Shanghai").label
    'Nanchang, Jiangxi, China'
    """

    venue: str | None = field(default=None, validator=_opt_line)
    city: str | None = field(default=None, validator=_opt_line)
    region: str | None = field(default=None, validator=_opt_line)
    country: str = field(validator=_line)
    tz: str = field(validator=_zone)
    lat: float | None = field(default=None)
    lon: float | None = field(default=None)

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
        parts = [p for p in (self.venue, self.city, self.region, self.country) if p]
        return ", ".join(parts)

    def text(self) -> str:
        """Every part, for text search."""
        return self.label


@frozen(kw_only=True, slots=False)
class Source:
    """Where a record's claims come from, with the words that support them.

    ``document`` is a file under ``seeds/`` for the bundled data, or an http(s) URL
    (or a path of the user's choosing) for a user's own data.
    """

    document: str = field(validator=_line)
    quote: str = field(converter=newlines, validator=_lines)
    publisher: str | None = field(default=None, validator=_opt_line)
    published: date | None = field(default=None, validator=_opt_date)
    url: str | None = field(default=None, validator=_opt_url)

    @document.validator
    def _check_document(self, a: attrs.Attribute[Any], value: str) -> None:
        has_scheme = re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", value)
        if has_scheme and not re.match(r"^[A-Za-z]:[\\/]", value):  # not C:\...
            check_url("document", value)


@frozen(kw_only=True, slots=False)
class Certainty:
    """How sure a record is, and why.

    ``year_inferred`` says the source gave no year and we worked it out; ``reason``
    must then say how.  ``verification`` is ``unverified`` for every seed, which all
    carry a "not independently verified" disclaimer.
    """

    confidence: Confidence = Confidence.MEDIUM
    verification: Verification = Verification.UNVERIFIED
    year_inferred: bool = False
    dates: DatePrecision = DatePrecision.EXACT
    reason: str | None = field(default=None, converter=newlines, validator=_opt_lines)

    @reason.validator
    def _check_reason(self, a: attrs.Attribute[Any], value: str | None) -> None:
        if self.year_inferred and not value:
            raise FieldError("reason", "an inferred year needs a reason")
        if self.dates is not DatePrecision.EXACT and not value:
            raise FieldError("reason", f"dates = {self.dates.value!r} needs a reason")


@frozen(kw_only=True, slots=False)
class Count:
    """A number the source gives, with how it qualifies it ("nearly 300")."""

    value: int = field(validator=_non_negative)
    qualifier: Qualifier = Qualifier.EXACT
    of: str | None = field(default=None, validator=_opt_line)

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
    name: str = field(validator=_line)
    role: str | None = field(default=None, validator=_opt_line)

    def __str__(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name


@frozen(kw_only=True, slots=False)
class Reference:
    """A labelled reference such as a notice number or an applicant code."""

    label: str = field(validator=_line)
    value: str = field(validator=_line)


@frozen(kw_only=True, slots=False)
class Organisation:
    id: str = field(validator=_slug)
    name: str = field(validator=_line)
    name_zh: str | None = field(default=None, validator=_opt_line)
    short: str | None = field(default=None, validator=_opt_line)
    aliases: tuple[str, ...] = field(default=(), converter=_tuple, validator=_line_tuple)
    url: str | None = field(default=None, validator=_opt_url)

    @property
    def label(self) -> str:
        """Name, short name, Chinese name: 'China Rare Earth Society (CRES, 中国稀土学会)'."""
        extra = [x for x in (self.short, self.name_zh) if x]
        return f"{self.name} ({', '.join(extra)})" if extra else self.name

    def names(self) -> tuple[str, ...]:
        return tuple(x for x in (self.id, self.name, self.name_zh, self.short, *self.aliases) if x)


@frozen(kw_only=True, slots=False)
class Series:
    """A recurring event ("Youth Academic Conference"), whose editions are events."""

    id: str = field(validator=_slug)
    name: str = field(validator=_line)
    name_zh: str | None = field(default=None, validator=_opt_line)
    organisers: tuple[str, ...] = field(default=(), converter=_tuple, validator=_slug_tuple)
    url: str | None = field(default=None, validator=_opt_url)

    def names(self) -> tuple[str, ...]:
        return tuple(x for x in (self.id, self.name, self.name_zh) if x)


# --------------------------------------------------------------------------- dated records


@frozen(kw_only=True, slots=False)
class Window:
    """An application window: it may open on a known day; it closes at a deadline.

    ``closes`` given as a date means the end of that day (23:59:59) in ``tz``, and
    :attr:`time_published` is then False; given as a local date-time it is that
    instant in ``tz``.  ``tz`` is an IANA name or ``AoE``.

    >>> w = Window(closes=date(2025, 11, 17), tz="Asia/Shanghai")
    >>> w.closes_at.isoformat(), w.time_published
    ('2025-11-17T23:59:59+08:00', False)
    """

    opens: date | datetime | None = field(default=None, converter=whole_seconds)
    closes: date | datetime = field(converter=whole_seconds)
    tz: str = field(validator=_zone)
    extended_from: date | datetime | None = field(default=None, converter=whole_seconds)

    @opens.validator
    def _check_opens(self, a: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            _check_moment("opens", value)

    @closes.validator
    def _check_closes(self, a: attrs.Attribute[Any], value: object) -> None:
        _check_moment("closes", value)

    @extended_from.validator
    def _check_extended(self, a: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            _check_moment("extended_from", value)

    def __attrs_post_init__(self) -> None:
        for name in ("opens", "closes", "extended_from"):
            value = getattr(self, name)
            if isinstance(value, datetime) and not exists(value, self.tz):
                raise FieldError(name, f"{value.isoformat()} does not exist in {self.tz}: "
                                       "the clocks skip it (a daylight-saving change)")
        opens = self.opens_at
        if opens is not None and self.closes_at < opens:
            raise FieldError(
                "closes", f"{self.closes} is before the window opens ({self.opens})"
            )
        if self.extended_from is not None:
            prev = _instant(self.extended_from, self.tz, end=True)
            if prev >= self.closes_at:
                raise FieldError("extended_from", "an extension must close later than before")

    @property
    def closes_at(self) -> datetime:
        """The closing instant, aware, in the window's zone."""
        return _instant(self.closes, self.tz, end=True)

    @property
    def opens_at(self) -> datetime | None:
        """The opening instant (start of the day when only a date is known), or None."""
        return None if self.opens is None else _instant(self.opens, self.tz, end=False)

    @property
    def time_published(self) -> bool:
        """False when the organiser published only a date for the deadline."""
        return isinstance(self.closes, datetime)

    @property
    def aoe(self) -> bool:
        return self.tz == "AoE"


def _check_moment(name: str, value: object) -> None:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            raise FieldError(name, "give a local time without offset; the zone is set by tz")
    elif type(value) is not date:
        raise FieldError(name, f"expected a date or a local date-time, got {value!r}")
    check_year(name, value)


def _instant(value: date | datetime, tz: str, *, end: bool) -> datetime:
    if isinstance(value, datetime):
        return value.replace(tzinfo=zone(tz))
    return end_of_day(value, tz) if end else start_of_day(value, tz)


@frozen(kw_only=True, slots=False)
class _Dated:
    """What every dated record has: identity, titles, organisers, provenance, revision."""

    id: str = field(validator=_slug)
    title: str = field(validator=_line)
    title_zh: str | None = field(default=None, validator=_opt_line)
    aliases: tuple[str, ...] = field(default=(), converter=_tuple, validator=_line_tuple)
    series: str | None = field(default=None, validator=_opt_slug)
    edition: int | None = field(default=None, validator=_positive)
    place: Place | None = None
    organisers: tuple[str, ...] = field(default=(), converter=_tuple, validator=_slug_tuple)
    parent: str | None = field(default=None, validator=_opt_slug)
    status: Status = Status.CONFIRMED
    tags: tuple[str, ...] = field(default=(), converter=_tuple, validator=_slug_tuple)
    people: tuple[Person, ...] = field(default=(), converter=_tuple)
    url: str | None = field(default=None, validator=_opt_url)
    summary: str | None = field(default=None, converter=newlines, validator=_opt_lines)
    certainty: Certainty = field(factory=Certainty)
    sources: tuple[Source, ...] = field(converter=_tuple, validator=_non_empty)
    revision: int = field(default=0, validator=_non_negative)
    updated: datetime = field(converter=whole_seconds, validator=_aware)

    @edition.validator
    def _check_edition(self, a: attrs.Attribute[Any], value: int | None) -> None:
        if value is not None and self.series is None:
            raise FieldError("edition", "an edition needs a series")

    @parent.validator
    def _check_parent(self, a: attrs.Attribute[Any], value: str | None) -> None:
        if value == self.id:
            raise FieldError("parent", "a record cannot be its own parent")
        dates = self.certainty.dates
        if dates in (DatePrecision.WITHIN_PARENT, DatePrecision.BEFORE_PARENT) and value is None:
            raise FieldError("parent", f"dates = '{dates.value}' needs a parent")

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

    kind: Kind = field()
    start: date = field(validator=_date)
    end: date | None = field(default=None, validator=_opt_date)
    hosts: tuple[str, ...] = field(default=(), converter=_tuple, validator=_slug_tuple)
    participants: Count | None = None

    @kind.validator
    def _check_kind(self, a: attrs.Attribute[Any], value: Kind) -> None:
        if value is Kind.PROGRAMME:
            raise FieldError("kind", "'programme' is for [[programme]] records, not events")

    @end.validator
    def _check_end(self, a: attrs.Attribute[Any], value: date | None) -> None:
        if value is not None and value < self.start:
            raise FieldError("end", f"{value} is before the start {self.start}")

    @property
    def last_day(self) -> date:
        """The last day (inclusive): ``end``, or ``start`` when only the start is known."""
        return self.end if self.end is not None else self.start

    @property
    def end_exclusive(self) -> date:
        """The day after the last day: iCalendar's DTEND for all-day events."""
        return self.last_day + timedelta(days=1)

    @property
    def days(self) -> int:
        return (self.last_day - self.start).days + 1

    @property
    def tz(self) -> str:
        return self.place.tz if self.place else "UTC"

    @property
    def first_day(self) -> date:
        return self.start


@frozen(kw_only=True, slots=False)
class Programme(_Dated):
    """A programme people apply to, with its application :class:`Window`.

    ``organisers`` run the programme; ``sponsor`` is the organisation applicants
    choose (e.g. CRES, code B33, for the CAST doctoral programme).
    """

    window: Window = field()
    sponsor: str | None = field(default=None, validator=_opt_slug)
    eligibility: str | None = field(default=None, converter=newlines, validator=_opt_lines)
    quota: Count | None = None
    duration: str | None = field(default=None, validator=_opt_line)
    references: tuple[Reference, ...] = field(default=(), converter=_tuple)

    @property
    def kind(self) -> Kind:
        return Kind.PROGRAMME

    @property
    def tz(self) -> str:
        return self.window.tz

    @property
    def first_day(self) -> date:
        """The first day the record covers (opening day, else the closing day)."""
        opens = self.window.opens_at
        return (opens or self.window.closes_at).date()

    @property
    def last_day(self) -> date:
        return self.window.closes_at.date()

    @property
    def start(self) -> date:
        return self.first_day


Record = Event | Programme
"""A dated record: what a :class:`~reecal.dataset.Dataset` holds and feeds export."""
