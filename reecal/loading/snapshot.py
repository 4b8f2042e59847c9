"""Checked records ⇄ plain JSON values, for the command line's cache.

A snapshot holds only text, numbers, lists and tables: nothing in it can run code
when read (unlike a pickle).  Reading one builds the records directly, without their
validators, so it is meant for what :func:`dump` wrote from records already checked
(the cache keys each snapshot on the input bytes and on reecal's own code).

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

FORMAT = 1
"""Bump when the shape of a snapshot changes."""

Codec = tuple[Callable[[Any], Any], Callable[[Any], Any]]
_RECORDS: dict[str, type[Any]] = {"event": Event, "programme": Programme}


def _same(value: Any) -> Any:
    return value


def _moment(text: str) -> date | datetime:
    return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)


def _iso(value: date) -> str:
    return value.isoformat()


def _optional(codec: Codec) -> Codec:
    enc, dec = codec
    if enc is _same and dec is _same:
        return codec
    return ((lambda v: None if v is None else enc(v)), (lambda v: None if v is None else dec(v)))


def _codec(t: Any) -> Codec:
    """How to write and read a value of type *t* (a field's resolved annotation)."""
    args = typing.get_args(t)
    if typing.get_origin(t) in (typing.Union, types.UnionType):
        rest = [a for a in args if a is not type(None)]
        inner: Codec = (_iso, _moment) if set(rest) == {date, datetime} else _codec(rest[0])
        return _optional(inner) if len(rest) < len(args) else inner
    if typing.get_origin(t) is tuple:
        enc, dec = _codec(args[0])
        if enc is _same:
            return list, tuple
        return ((lambda v: [enc(x) for x in v]), (lambda v: tuple(dec(x) for x in v)))
    if t is datetime:
        return _iso, datetime.fromisoformat
    if t is date:
        return _iso, date.fromisoformat
    if isinstance(t, type) and issubclass(t, enum.Enum):
        members = {m.value: m for m in t}
        return (lambda v: v.value), members.__getitem__
    if attrs.has(t):
        return _class(t)
    return _same, _same


def _class(cls: Any) -> Codec:
    """The codec of record or value class *cls* (built once per class)."""
    return _CODECS.get(cls) or _CODECS.setdefault(cls, _class_codec(cls))


_CODECS: dict[type[Any], Codec] = {}


def _class_codec(cls: type[Any]) -> Codec:
    """A record or value as the list of its fields, in order, and back."""
    fields = attrs.fields(attrs.resolve_types(cls))
    names = [f.name for f in fields]
    codecs = [_codec(f.type) for f in fields]
    convert = [(i, names[i], dec) for i, (_, dec) in enumerate(codecs) if dec is not _same]
    encoders = [enc for enc, _ in codecs]
    new = object.__new__
    set_dict = object.__setattr__

    def encode(obj: Any) -> list[Any]:
        d = obj.__dict__
        return [enc(d[n]) for n, enc in zip(names, encoders, strict=True)]

    def decode(row: list[Any]) -> Any:
        d = dict(zip(names, row, strict=True))
        for i, name, dec in convert:
            d[name] = dec(row[i])
        obj = new(cls)
        set_dict(obj, "__dict__", d)
        return obj

    return encode, decode


def dump(loaded: Loaded) -> dict[str, Any]:
    """*loaded* as plain JSON values."""
    return {
        "format": FORMAT,
        "records": [["programme" if isinstance(r, Programme) else "event", _class(type(r))[0](r)]
                    for r in loaded.records],
        "organisations": [_class(Organisation)[0](o) for o in loaded.organisations],
        "series": [_class(Series)[0](s) for s in loaded.series],
        "origins": {rid: list(o) for rid, o in loaded.origins.items()},
    }


def load(data: dict[str, Any]) -> Loaded:
    """The records :func:`dump` wrote (KeyError, TypeError or ValueError if it is not one)."""
    if data["format"] != FORMAT:
        raise ValueError(f"snapshot format {data['format']!r}, expected {FORMAT}")
    return Loaded(
        records=tuple(_class(_RECORDS[kind])[1](row) for kind, row in data["records"]),
        organisations=tuple(map(_class(Organisation)[1], data["organisations"])),
        series=tuple(map(_class(Series)[1], data["series"])),
        origins={rid: Origin(path, line) for rid, (path, line) in data["origins"].items()},
    )
