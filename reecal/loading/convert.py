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
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import attrs

from reecal.errors import FieldError
from reecal.model.checks import describe
from reecal.model.enums import Confidence, DatePrecision, Kind, Qualifier, Status, Verification
from reecal.model.suggest import hint
from reecal.model.values import Place

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


_AS_IS = (str, int, float, bool, Kind, Status, Confidence, Verification, DatePrecision, Qualifier)
_SHARED_MAX = 4096
"""How many distinct tables a shared hook remembers (then it starts again)."""


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
    for t in _AS_IS:
        c.register_structure_hook(t, _as_is)
    c.register_structure_hook(date, _date)
    c.register_structure_hook(datetime, _datetime)
    c.register_structure_hook_func(_is_moment, _moment)

    lists: dict[tuple[Any, ...], tuple[Any, ...]] = {}

    def shared(items: tuple[Any, ...]) -> tuple[Any, ...]:
        if not {*map(type, items)} <= {str}:  # 1 == True == 1.0: never shared, as the
            return items  # record's message names the type (a list in it: unhashable)
        found = lists.get(items)
        if found is None:
            if len(lists) >= _SHARED_MAX:
                lists.clear()
            found = lists[items] = items
        return found

    def tuple_hook(value: object, t: Any) -> object:
        if not isinstance(value, list):
            return value  # the record says what it expected
        (item_type, _) = t.__args__
        base = c.get_structure_hook(item_type)
        if base is _as_is:  # text: its items are the record's to check, and equal
            return shared(tuple(value))  # lists (tags, organisers) are kept once
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
    c.register_structure_hook_func(_is_optional_as_is, _as_is)
    c.register_structure_hook(Place, _shared(c.get_structure_hook(Place)))
    return c


def _is_optional_as_is(t: Any) -> bool:
    """``str | None`` and the like: None or the value, both left as they are."""
    args = typing.get_args(t)
    return len(args) == 2 and type(None) in args and all(a in _AS_IS for a in args
                                                         if a is not type(None))


def _shared(structure: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """*structure*, giving one value for equal tables: a place named by a thousand
    records is checked once and kept once (values are compared with their types, and
    floats by their exact bits, so -0.0 stays -0.0)."""
    made: dict[tuple[Any, ...], Any] = {}

    def hook(value: Any, t: Any) -> Any:
        try:
            key = tuple((k, v.__class__, v.hex() if v.__class__ is float else v)
                        for k, v in value.items())
            found = made.get(key)
        except (AttributeError, TypeError):  # not a table, or a list in it: the
            return structure(value, t)  # record's checks say what is wrong
        if found is None:
            found = structure(value, t)
            if len(made) >= _SHARED_MAX:
                made.clear()
            made[key] = found
        return found

    return hook


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
