"""Checked records ⇄ plain JSON values, for the command line's cache.

A snapshot holds only text, numbers, lists and tables: nothing in it can run code
when read (unlike a pickle).  Reading one builds the records directly, without their
validators, so it is meant for what :func:`dump` wrote from records already checked
(the cache keys each snapshot on the input bytes and on reecal's own code).  Equal
parts of records (places, certainty, sources...) are written once and shared again
when read, which keeps snapshots, and the memory of what is read, small.

>>> from reecal.loading.loader import read
>>> loaded = read([])
>>> again = load(dump(loaded))
>>> again.records == loaded.records and dict(again.origins) == dict(loaded.origins)
True
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import attrs

from reecal.loading.integrity import Loaded
from reecal.loading.parse import Origin
from reecal.model.records import Event, Programme
from reecal.model.values import Organisation, Series

__all__ = ["FORMAT", "dump", "load"]

FORMAT = 3
"""Bump when the shape of a snapshot changes."""

Fn = Callable[[Any], Any]
_RECORDS: dict[str, type[Any]] = {"event": Event, "programme": Programme}
_TOP = (Event, Programme, Organisation, Series)
"""Written whole; every other attrs class is a part, written once and referred to."""


def _same(value: Any) -> Any:
    return value


def _iso(value: date) -> str:
    return value.isoformat()


def _moment(text: str) -> date | datetime:
    return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)


class _Codec:
    """How to write and read each field of each class, parts by their index in a table
    of distinct parts (*part* writes one and gives its index; *parts* is the table read)."""

    def __init__(self, part: Fn, parts: list[Any]) -> None:
        self.part, self.parts = part, parts
        self.classes: dict[type[Any], tuple[Fn, Fn]] = {}

    def value(self, t: Any) -> tuple[Fn, Fn]:
        """(write, read) for a value of type *t*, a field's resolved annotation."""
        args = typing.get_args(t)
        if typing.get_origin(t) in (typing.Union, types.UnionType):
            rest = [a for a in args if a is not type(None)]
            enc, dec = (_iso, _moment) if set(rest) == {date, datetime} else self.value(rest[0])
            if len(rest) == len(args) or (enc is _same and dec is _same):
                return enc, dec
            return ((lambda v: None if v is None else enc(v)),
                    (lambda v: None if v is None else dec(v)))
        if typing.get_origin(t) is tuple:
            enc, dec = self.value(args[0])
            if enc is _same and dec is _same:
                return list, tuple
            return (lambda v: [enc(x) for x in v]), (lambda v: tuple(map(dec, v)))
        if t is datetime:
            return _iso, datetime.fromisoformat
        if t is date:
            return _iso, date.fromisoformat
        if isinstance(t, type) and issubclass(t, enum.Enum):
            return (lambda v: v.value), {m.value: m for m in t}.__getitem__
        if attrs.has(t):
            return self.part, self.parts.__getitem__
        return _same, _same

    def of(self, cls: type[Any]) -> tuple[Fn, Fn]:
        """(write, read) for a whole record or part of class *cls*: the list of its
        fields, in order."""
        if cls not in self.classes:
            fields = attrs.fields(attrs.resolve_types(cls))
            names = [f.name for f in fields]
            codecs = [self.value(f.type) for f in fields]
            encoders = [enc for enc, _ in codecs]

            def encode(obj: Any) -> list[Any]:
                d = obj.__dict__
                return [enc(d[n]) for n, enc in zip(names, encoders, strict=True)]

            self.classes[cls] = (encode, _decoder(cls, names, [dec for _, dec in codecs]))
        return self.classes[cls]


def _decoder(cls: type[Any], names: list[str], decoders: list[Fn]) -> Fn:
    """A function that makes a *cls* from the list of its fields, generated for the class
    (as attrs and cattrs generate theirs): one dict display and one call per converted
    field, which reads 10,000 records about twice as fast as a loop over the fields."""
    scope: dict[str, Any] = {"new": object.__new__, "set": object.__setattr__, "cls": cls}
    items = []
    for i, (name, dec) in enumerate(zip(names, decoders, strict=True)):
        if dec is _same:
            items.append(f"{name!r}: row[{i}]")
        else:
            scope[f"d{i}"] = dec
            items.append(f"{name!r}: d{i}(row[{i}])")
    source = (f"def decode(row):\n    if len(row) != {len(names)}: raise ValueError('fields')\n"
              f"    obj = new(cls)\n    set(obj, '__dict__', {{{', '.join(items)}}})\n"
              "    return obj\n")
    exec(compile(source, f"<snapshot decoder of {cls.__name__}>", "exec"), scope)
    decode: Fn = scope["decode"]
    return decode


def dump(loaded: Loaded) -> dict[str, Any]:
    """*loaded* as plain JSON values."""
    table: list[list[Any]] = []
    index: dict[Any, int] = {}

    def part(value: Any) -> int:
        found = index.get(value)
        if found is None:
            row = [type(value).__name__, codec.of(type(value))[0](value)]
            found = index[value] = len(table)
            table.append(row)
        return found

    codec = _Codec(part, [])
    return {
        "format": FORMAT,
        "records": [["programme" if isinstance(r, Programme) else "event",
                     codec.of(type(r))[0](r)] for r in loaded.records],
        "organisations": [codec.of(Organisation)[0](o) for o in loaded.organisations],
        "series": [codec.of(Series)[0](s) for s in loaded.series],
        "origins": {rid: list(o) for rid, o in loaded.origins.items()},
        "parts": table,  # filled while the records were written
    }


def _part_classes() -> dict[str, type[Any]]:
    """Every class a record is made of, by name."""
    found: dict[str, type[Any]] = {}
    todo = list(_TOP)
    while todo:
        for f in attrs.fields(attrs.resolve_types(todo.pop())):
            for t in (f.type, *typing.get_args(f.type),
                      *(a for arg in typing.get_args(f.type) for a in typing.get_args(arg))):
                if isinstance(t, type) and attrs.has(t) and t.__name__ not in found:
                    found[t.__name__] = t
                    todo.append(t)
    return found


def load(data: dict[str, Any]) -> Loaded:
    """The records :func:`dump` wrote (KeyError, TypeError or ValueError if it is not one)."""
    if data["format"] != FORMAT:
        raise ValueError(f"snapshot format {data['format']!r}, expected {FORMAT}")
    parts: list[Any] = []
    codec = _Codec(_same, parts)
    classes = _part_classes()
    parts.extend(codec.of(classes[name])[1](row) for name, row in data["parts"])
    return Loaded(
        records=tuple(codec.of(_RECORDS[kind])[1](row) for kind, row in data["records"]),
        organisations=tuple(map(codec.of(Organisation)[1], data["organisations"])),
        series=tuple(map(codec.of(Series)[1], data["series"])),
        origins={rid: Origin(path, line) for rid, (path, line) in data["origins"].items()},
    )
