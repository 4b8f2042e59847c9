"""The rules every field of every record obeys, as attrs validators and converters.

Each rule raises :class:`~reecal.errors.FieldError` naming the field, so a record
built in Python (or changed with :func:`attrs.evolve`) is checked exactly as one read
from a data file.

Text rules, per field (see SECURITY.md):

* single-line text (titles, names, places, labels...): no control characters at all
  (C0, C1, DEL), no line or paragraph separators (U+2028, U+2029), no surrogates or
  non-characters, no U+FEFF (a byte order mark, which UTF-8-with-BOM readers
  silently drop), no bidi embeddings or overrides (U+202A-U+202E: text that displays
  as other text); leading/trailing spaces are an error.
* multi-line text (``summary``, ``quote``, ``eligibility``, certainty ``reason``):
  the same, except that newline and tab are allowed; CR and CRLF are normalised to
  LF at construction (as TOML itself reads them).

>>> check_slug("id", "Not A Slug")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
reecal.errors.FieldError: id: 'Not A Slug' is not a valid id (lower-case letters, digits ...)
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Callable
from datetime import date, datetime, time, tzinfo
from typing import Any, TypeVar

import attrs

from reecal.errors import FieldError
from reecal.model.dates import YEARS, check_year
from reecal.model.enums import Confidence, DatePrecision, Kind, Qualifier, Status, Verification
from reecal.model.zones import zone

__all__ = [
    "YEARS",
    "bad_char",
    "check_slug",
    "check_text",
    "check_url",
    "check_year",
    "check_zone",
    "describe",
]

E = TypeVar("E", bound=enum.Enum)
Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PLAIN_URL = re.compile(r"(?i:https?)://[A-Za-z0-9.-]*[A-Za-z0-9][A-Za-z0-9.-]*(?:[/?#][!-~]*)?\Z")
"""URLs that :func:`check_url` passes on sight: http(s), a plain host name, visible ASCII."""
MAX_ID = 80
MAX_TEXT = 20_000


def describe(value: object) -> str:
    """A short, safe description of a wrong value for an error message.

    >>> describe("magnets"), describe(["a"]), describe(True), describe(date(2026, 11, 1))
    ("text 'magnets'", 'a list', 'a boolean True', 'a date 2026-11-01')
    """
    if isinstance(value, (date, time)):  # as TOML writes them, not as Python's repr
        what = ("a date-time" if isinstance(value, datetime) else
                "a date" if isinstance(value, date) else "a time")
        return f"{what} {value.isoformat()}"
    kind = {str: "text", int: "a number", float: "a number", bool: "a boolean", list: "a list",
            tuple: "a list", dict: "a table"}.get(type(value), type(value).__name__)
    if isinstance(value, (list, tuple, dict)):
        return kind
    shown = repr(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return f"{kind} {shown}"


# --------------------------------------------------------------------------- text


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


def bad_char(text: str, multiline: bool) -> str | None:
    """Describe the first character not allowed in the text, or None (the lint of
    iCalendar files holds feeds to the same rule)."""
    if text.isprintable():  # no control, separator, format, surrogate or unassigned
        return None  # character: none of those forbidden (the common case, in C)
    m = _forbidden(multiline).search(text)
    if m is None:
        return None
    code = ord(m.group(0))
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
        raise FieldError(name, f"expected text, got {describe(value)}")
    if not value.strip():
        raise FieldError(name, "must not be empty")
    if len(value) > MAX_TEXT:
        raise FieldError(name, f"longer than {MAX_TEXT} characters")
    bad = bad_char(value, multiline)
    if bad:
        where = "multi-line text allows only newline and tab" if multiline else "single-line text"
        raise FieldError(name, f"{bad} is not allowed ({where})")
    if not multiline and value != value.strip():
        raise FieldError(name, "has leading or trailing spaces")


def newlines(value: Any) -> Any:
    """CRLF and lone CR become LF in multi-line text (as TOML itself reads them)."""
    if isinstance(value, str) and "\r" in value:
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def check_slug(name: str, value: object) -> None:
    if not isinstance(value, str) or not _SLUG.match(value) or len(value) > MAX_ID:
        raise FieldError(
            name,
            f"{value!r} is not a valid id (lower-case letters, digits and single hyphens, "
            f"at most {MAX_ID} characters)",
        )


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
    if _PLAIN_URL.match(value):  # what urlsplit would find an http(s) URL with a host
        return
    try:
        parts = urlsplit(value)
    except ValueError:
        raise FieldError(name, f"not a valid URL: {value!r}") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FieldError(name, f"only http and https URLs are allowed, not {value!r}")
    if not parts.hostname or any(ch.isspace() for ch in value):
        raise FieldError(name, f"not a valid URL: {value!r}")


# --------------------------------------------------------------------------- validators
# Each takes (instance, attribute, value), as attrs calls it.


def _optional(check: Callable[[str, Any], object]) -> Validator:
    def validate(inst: object, a: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            check(a.name, value)
    return validate


def _required(check: Callable[[str, Any], object]) -> Validator:
    def validate(inst: object, a: attrs.Attribute[Any], value: object) -> None:
        check(a.name, value)
    return validate


def _multiline(name: str, value: object) -> None:
    check_text(name, value, multiline=True)


def check_zone(name: str, value: object) -> tzinfo:
    """The zone *value* names (an IANA name or ``AoE``); :class:`FieldError` if none."""
    check_text(name, value)
    assert isinstance(value, str)
    try:
        return zone(value)
    except ValueError as exc:
        raise FieldError(name, str(exc)) from None


line = _required(check_text)
opt_line = _optional(check_text)
lines = _required(_multiline)
opt_lines = _optional(_multiline)
slug = _required(check_slug)
opt_slug = _optional(check_slug)
url = _required(check_url)
opt_url = _optional(check_url)
tz = _required(check_zone)


def _whole(name: str, value: object, low: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise FieldError(name, f"expected a whole number >= {low}, got {describe(value)}")


non_negative = _required(lambda n, v: _whole(n, v, 0))
opt_positive = _optional(lambda n, v: _whole(n, v, 1))
opt_non_negative = _optional(lambda n, v: _whole(n, v, 0))


def _pure_date(name: str, value: object) -> None:
    if type(value) is not date:
        raise FieldError(name, f"expected a date such as 2026-05-15, got {describe(value)}")
    check_year(name, value)


day = _required(_pure_date)
opt_day = _optional(_pure_date)


def aware(inst: object, a: attrs.Attribute[Any], value: object) -> None:
    """An instant with a UTC offset (``updated``)."""
    if not isinstance(value, datetime):
        raise FieldError(a.name, f"expected a date-time such as 2026-01-29T00:00:00Z, "
                                 f"got {describe(value)}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise FieldError(a.name, "needs a UTC offset, e.g. 2026-01-01T00:00:00Z")
    check_year(a.name, value)


def local_moment(name: str, value: object) -> None:
    """A window's date or local date-time: no offset, the zone is the window's."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            raise FieldError(name, "give a local time without offset; the zone is set by tz")
    elif type(value) is not date:
        raise FieldError(name, f"expected a date or a local date-time, got {describe(value)}")
    check_year(name, value)


moment = _required(local_moment)
opt_moment = _optional(local_moment)


def flag(inst: object, a: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise FieldError(a.name, f"expected true or false, got {describe(value)}")


def opt_number(inst: object, a: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise FieldError(a.name, f"expected a number, got {describe(value)}")


def whole_seconds(value: Any) -> Any:
    """iCalendar counts in whole seconds: a fraction is dropped at construction."""
    if isinstance(value, datetime) and value.microsecond:
        return value.replace(microsecond=0)
    return value


# --------------------------------------------------------------------------- types


def _label(cls: type[Any]) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__).lower()


def _member(cls: type[E], value: Any) -> Any:
    """The member of enum *cls* whose value *value* is (``"forum"`` → ``Kind.FORUM``);
    anything else is left for :func:`member_of` to reject with a clear message."""
    if isinstance(value, str) and not isinstance(value, cls):
        try:
            return cls(value)
        except ValueError:
            return value
    return value


# Converters, one per vocabulary (named functions, which mypy's attrs plugin follows).
def to_kind(value: Any) -> Any:
    return _member(Kind, value)


def to_status(value: Any) -> Any:
    return _member(Status, value)


def to_confidence(value: Any) -> Any:
    return _member(Confidence, value)


def to_verification(value: Any) -> Any:
    return _member(Verification, value)


def to_precision(value: Any) -> Any:
    return _member(DatePrecision, value)


def to_qualifier(value: Any) -> Any:
    return _member(Qualifier, value)


def check_member(cls: type[E], name: str, value: object) -> None:
    """Raise :class:`FieldError` unless *value* is a member of enum *cls*."""
    if not isinstance(value, cls):
        shown = repr(value) if isinstance(value, str) else describe(value)
        allowed = ", ".join(str(m.value) for m in cls)
        raise FieldError(name, f"unknown {_label(cls)} {shown} (expected one of: {allowed})")


def member_of(cls: type[E]) -> Validator:
    def validate(inst: object, a: attrs.Attribute[Any], value: object) -> None:
        check_member(cls, a.name, value)
    return validate


def instance(cls: type[Any], *, optional: bool = False) -> Validator:
    """The value is a *cls* (a nested record such as :class:`Place`), or None if optional."""
    def validate(inst: object, a: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if not isinstance(value, cls):
            raise FieldError(a.name, f"expected a {_label(cls)}, got {describe(value)}")
    return validate


def as_tuple(value: Any) -> Any:
    """A converter: a list becomes a tuple; text and the rest are left for the validator
    (``tags="magnets"`` must not become ``('m', 'a', ...)``)."""
    return tuple(value) if isinstance(value, list) else value


def tuple_of(item: Callable[[str, Any], None] | type[Any], *, unique: bool = False,
             non_empty: bool = False) -> Validator:
    """A tuple whose items pass *item* (a check or a class), distinct if *unique*."""
    def validate(inst: object, a: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple):
            raise FieldError(a.name, f"expected a list [...], got {describe(value)}")
        if non_empty and not value:
            raise FieldError(a.name, "needs at least one entry")
        for i, v in enumerate(value):
            if isinstance(item, type):
                if not isinstance(v, item):
                    raise FieldError(f"{a.name}[{i}]",
                                     f"expected a {_label(item)}, got {describe(v)}")
            else:
                item(f"{a.name}[{i}]", v)
        if unique and len(set(value)) != len(value):
            raise FieldError(a.name, "has duplicates")
    return validate
