"""A selection in a URL: the query parameters of the page, the feeds and the API.

The parameters are the command line's filters (``kind tag org place status series
q``; repeated parameters mean OR) and the view's settings (``days until tz past``).
Empty values are ignored, so a submitted form with blank fields means what it shows.
A selection has one canonical query (fixed key order, values sorted and without
duplicates): the feed's bytes and ETag depend on it, never on how the query was
written.

>>> s = parse([("tag", "magnets"), ("kind", "forum"), ("kind", "conference"),
...            ("kind", "forum"), ("q", "")], FILTERS)
>>> s.query()
'kind=conference&kind=forum&tag=magnets'
>>> parse([("knd", "forum")], FILTERS)
Traceback (most recent call last):
...
reecal.web.selection.ParameterError: knd: unknown parameter (did you mean "kind"?)
>>> parse([("kind", "workshp")], FILTERS)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
reecal.web.selection.ParameterError: kind: unknown kind 'workshp' (one of: conference, ...)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from attrs import evolve, frozen

from reecal.errors import FieldError, ReecalError, one_line
from reecal.model.checks import check_zone
from reecal.model.enums import Kind, Status
from reecal.model.suggest import hint
from reecal.query.filter import Filter

if TYPE_CHECKING:
    from reecal.query.dataset import Dataset

__all__ = ["DEADLINES", "FILTERS", "LISTING", "PAGE", "UPCOMING", "ParameterError",
           "Selection", "parse"]

_KINDS = tuple(k.value for k in Kind)
_STATUSES = tuple(s.value for s in Status)
_MULTI = ("kind", "tag", "org", "place", "status", "series")
FILTERS = frozenset((*_MULTI, "q", "estimated"))
"""What selects records: the feed's parameters (``estimated=1`` adds estimates)."""
LISTING = FILTERS | {"past", "tz"}
UPCOMING = FILTERS | {"days", "until", "tz"}
DEADLINES = FILTERS | {"tz"}
PAGE = FILTERS | {"days", "until", "tz"}
_ORDER = (*_MULTI, "q", "estimated", "past", "days", "until", "tz")
MAX_VALUE = 200
"""The longest value a parameter may have (a title search needs far less)."""
MAX_DAYS = 36600
MAX_VALUES = 20
"""The most values one parameter may have (each is an alternative)."""


class ParameterError(ReecalError):
    """A query parameter that is unknown or has a bad value (HTTP 400)."""

    def __init__(self, name: str, message: str) -> None:
        self.name = name
        self.message = message
        super().__init__(f"{one_line(name)[:40]!s}: {message}")


@frozen(kw_only=True)
class Selection:
    """What a URL asks for: filters (each a sorted tuple) and the view's settings."""

    kind: tuple[str, ...] = ()
    tag: tuple[str, ...] = ()
    org: tuple[str, ...] = ()
    place: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    series: tuple[str, ...] = ()
    q: str | None = None
    estimated: bool = False
    past: bool = True
    days: int | None = None
    until: date | None = None
    tz: str | None = None

    def filter(self, **extra: object) -> Filter:
        """The library's filter for this selection (plus *extra* criteria)."""
        if self.q is not None:
            extra["text"] = self.q
        return Filter(kinds=self.kind, tags=self.tag, orgs=self.org, places=self.place,
                      statuses=self.status, series=self.series, **extra)  # type: ignore[arg-type]

    def chosen(self, ds: Dataset, now: datetime | None, **extra: object) -> Dataset:
        """The records of *ds* this selection holds (plus *extra* criteria), with the
        estimated editions as of *now* when it asks for them."""
        chosen = ds.select(self.filter(**extra))
        if not self.estimated:
            return chosen
        if now is None:
            raise ValueError("a selection with estimates needs the date they are made on")
        return chosen.with_estimates(now)

    def pairs(self, keys: Iterable[str] = FILTERS) -> list[tuple[str, str]]:
        """The canonical (key, value) pairs of *keys*: fixed order, defaults left out."""
        wanted = set(keys)
        out: list[tuple[str, str]] = []
        for key in _ORDER:
            if key not in wanted:
                continue
            value = getattr(self, key)
            if key in _MULTI:
                out += [(key, v) for v in value]
            elif key == "past":
                if not value:
                    out.append(("past", "0"))
            elif key == "estimated":
                if value:
                    out.append(("estimated", "1"))
            elif value is not None:
                out.append((key, value.isoformat() if isinstance(value, date) else str(value)))
        return out

    def query(self, keys: Iterable[str] = FILTERS) -> str:
        """The canonical query string of *keys* ('' when nothing is selected)."""
        return urlencode(self.pairs(keys))

    def only(self, keys: Iterable[str]) -> Selection:
        """This selection with every parameter outside *keys* at its default."""
        wanted = set(keys)
        return evolve(Selection(), **{k: getattr(self, k) for k in _ORDER if k in wanted})

    def is_empty(self) -> bool:
        return not self.pairs()

    def feed_name(self) -> str:
        """The calendar name of this selection's feed.

        >>> Selection(kind=("forum",), tag=("magnets",)).feed_name()
        'Rare-earth industry calendar (reecal): kind forum, tag magnets'
        >>> Selection(series=("x",), estimated=True).feed_name()
        'Rare-earth industry calendar (reecal): series x with estimated editions'
        """
        shown = ", ".join(f"{k} {v}" for k, v in self.pairs(FILTERS - {"estimated"}))
        return ("Rare-earth industry calendar (reecal)" + (f": {shown}" if shown else "")
                + (" with estimated editions" if self.estimated else ""))


def _text(name: str, value: str) -> str:
    if len(value) > MAX_VALUE:
        raise ParameterError(name, f"longer than {MAX_VALUE} characters")
    if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or c in "\u2028\u2029\u200e\u200f\u202a"
           "\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069" for c in value):
        raise ParameterError(name, "control characters are not allowed")
    return value.strip()


def _member(name: str, value: str, options: tuple[str, ...], what: str) -> str:
    v = value.lower()
    if v not in options:
        raise ParameterError(name, f"unknown {what} {value!r}"
                             + hint(v, options, f" (one of: {', '.join(options)})"))
    return v


def _days(value: str) -> int:
    if not re.fullmatch(r"[0-9]{1,5}", value) or int(value) > MAX_DAYS:
        raise ParameterError("days", f"expected a whole number of days from 0 to {MAX_DAYS}, "
                                     f"got {value[:20]!r}")
    return int(value)


def _until(value: str) -> date:
    try:
        if len(value) != 10:
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise ParameterError("until", f"expected a date (YYYY-MM-DD), got {value[:20]!r}"
                             ) from None


def _tz(value: str) -> str:
    try:
        check_zone("tz", value)
    except FieldError as exc:
        raise ParameterError("tz", exc.message) from None
    return value


def _flag(name: str, value: str) -> bool:
    if value.lower() not in ("0", "1", "true", "false", "yes", "no"):
        raise ParameterError(name, f"expected 0 or 1, got {value[:20]!r}")
    return value.lower() in ("1", "true", "yes")


def parse(items: Iterable[tuple[str, str]], allowed: frozenset[str]) -> Selection:
    """The selection that query *items* ask for; ParameterError for an unknown key or a
    bad value, naming it (with a suggestion where one is close)."""
    multi: dict[str, set[str]] = {k: set() for k in _MULTI}
    single: dict[str, object] = {}
    for raw_key, raw_value in items:
        key = _text("parameter", raw_key)
        if key not in allowed:
            raise ParameterError(key, "unknown parameter" + hint(
                key, sorted(allowed), f" (known: {', '.join(sorted(allowed))})"))
        value = _text(key, raw_value)
        if not value:
            continue
        if key in multi:
            if key == "kind":
                value = _member(key, value, _KINDS, "kind")
            elif key == "status":
                value = _member(key, value, _STATUSES, "status")
            multi[key].add(value)
            if len(multi[key]) > MAX_VALUES:
                raise ParameterError(key, f"more than {MAX_VALUES} values")
        elif key in single and single[key] != value:
            raise ParameterError(key, "given twice with different values")
        else:
            single[key] = value
    days = _days(str(single["days"])) if "days" in single else None
    until = _until(str(single["until"])) if "until" in single else None
    if days is not None and until is not None:
        raise ParameterError("until", "give days or until, not both")
    return Selection(**{k: tuple(sorted(v)) for k, v in multi.items()},
                     q=single.get("q"),  # type: ignore[arg-type]
                     past=_flag("past", str(single["past"])) if "past" in single else True,
                     estimated=(_flag("estimated", str(single["estimated"]))
                                if "estimated" in single else False),
                     days=days, until=until,
                     tz=_tz(str(single["tz"])) if "tz" in single else None)
