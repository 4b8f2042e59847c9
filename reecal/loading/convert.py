"""Tables of a data file → records, with cattrs, and its errors → field paths.

The converter forbids unknown keys, so a typo is an error, never a silently ignored
field.  It converts only what TOML cannot say itself (lists become tuples, with the
index of a bad item in the message) and gives the hints a person editing TOML needs
("write the date without quotes"); every other rule is the records' own
(:mod:`reecal.model.checks`), so a data file and a record built in Python get the
same message.
"""

from __future__ import annotations

import functools
import re
import typing
from collections.abc import Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import attrs

from reecal.errors import FieldError
from reecal.model.checks import describe
from reecal.model.enums import Confidence, DatePrecision, Kind, Qualifier, Status, Verification
from reecal.model.suggest import hint

if TYPE_CHECKING:
    import cattrs

__all__ = ["Problem", "converter", "problem"]


class Problem(ValueError):
    """A value of the wrong shape, found by a structure hook."""


def _date(value: object, _: object) -> date:
    if type(value) is date:
        return value
    if isinstance(value, str) and re.match(r"^\d{4}-\d\d-\d\d$", value):
        raise Problem(f"write the date without quotes (a TOML date): {value}")
    raise Problem(f"expected a date such as 2026-05-15, got {describe(value)}")


def _datetime(value: object, _: object) -> datetime:
    if isinstance(value, datetime):
        return value
    raise Problem(f"expected a date-time such as 2026-01-29T00:00:00Z, got {describe(value)}")


def _moment(value: object, _: object) -> date | datetime:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        raise Problem(f"write the date without quotes (a TOML date or date-time): {value}")
    raise Problem(f"expected a date or a local date-time, got {describe(value)}")


def _as_is(value: object, _: object) -> object:
    """Text, numbers, flags and vocabularies are checked by the records themselves, so a
    data file and a record built in Python get the same message."""
    return value


def _is_moment(t: Any) -> bool:
    args = set(typing.get_args(t))
    return bool(args) and {date, datetime} <= args <= {date, datetime, type(None)}


def _is_tuple(t: Any) -> bool:
    return getattr(t, "__origin__", None) is tuple


@functools.cache
def converter() -> cattrs.Converter:
    """The converter that structures data-file tables into records."""
    import cattrs
    from cattrs.errors import IterableValidationError, IterableValidationNote

    c = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    for t in (str, int, float, bool, Kind, Status, Confidence, Verification, DatePrecision,
              Qualifier):
        c.register_structure_hook(t, _as_is)
    c.register_structure_hook(date, _date)
    c.register_structure_hook(datetime, _datetime)
    c.register_structure_hook_func(_is_moment, _moment)

    def tuple_hook(value: object, t: Any) -> object:
        if not isinstance(value, list):
            return value  # the record says what it expected
        (item_type, _) = t.__args__
        base = c.get_structure_hook(item_type)
        errors: list[Exception] = []
        out = []
        for i, v in enumerate(value):
            try:
                out.append(base(v, item_type))
            except Exception as exc:
                exc.__notes__ = [*getattr(exc, "__notes__", []),
                                 IterableValidationNote(f"Structuring @ index {i}", i, item_type)]
                errors.append(exc)
        if errors:
            raise IterableValidationError("While structuring a list", errors, t)
        return tuple(out)

    c.register_structure_hook_func(_is_tuple, tuple_hook)
    return c


def _leaves(exc: BaseException, path: list[str]) -> Iterator[tuple[list[str], BaseException]]:
    """Every leaf problem of a cattrs exception tree, with its field path."""
    from cattrs.errors import ClassValidationError, IterableValidationError

    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        for sub in exc.exceptions:
            here = list(path)
            for note in getattr(sub, "__notes__", []):
                name = getattr(note, "name", None)
                index = getattr(note, "index", None)
                if name is not None:
                    here.append(str(name))
                elif index is not None:
                    here[-1:] = [f"{here[-1]}[{index}]"] if here else [f"[{index}]"]
            yield from _leaves(sub, here)
    else:
        yield path, exc


def problem(exc: BaseException) -> tuple[list[str], str]:
    """The field path and message of the problem to report (a typo before what it hides)."""
    from cattrs.errors import ForbiddenExtraKeysError

    leaves = list(_leaves(exc, []))
    extra = [(p, e) for p, e in leaves if isinstance(e, ForbiddenExtraKeysError)]
    path, current = (extra or leaves)[0]
    if isinstance(current, ForbiddenExtraKeysError):
        names = sorted(current.extra_fields)
        known = [a.name for a in attrs.fields(current.cl)] if attrs.has(current.cl) else []
        return [*path, names[0]], "unknown field" + hint(names[0], known,
                                                        f" (known: {', '.join(known)})")
    if isinstance(current, FieldError):
        return [*path, current.field], current.message
    if isinstance(current, KeyError):
        return path, "is required"
    if isinstance(current, Problem):
        return path, str(current)
    if isinstance(current, AttributeError) and "'keys'" in str(current):
        return path, "expected a table of fields (e.g. [event.place]), not a single value"
    return path, f"invalid value ({current})"
