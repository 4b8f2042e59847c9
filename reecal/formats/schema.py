"""The JSON Schema of a data file, generated from the model, for editors.

Editors with TOML support (taplo, VS Code's Even Better TOML) read a TOML file as JSON
(a TOML date becomes a string such as ``"2026-05-15"``) and check it against this
schema: completion, descriptions on hover, and errors as one types.  It is built by
walking the records' attrs classes (:data:`reecal.loading.parse.SECTIONS`): a field
without a default is required, a tuple is an array, a nested class is an object, an
enum is its values, unknown keys are errors (as in the loader), and each field's
validators (:mod:`reecal.model.checks`) give its pattern or range.  Descriptions come
from :mod:`reecal.model.docs`.

The schema is a helper: what it cannot say (a rule across records or files, a date
before another, a deadline in a daylight-saving gap) only the loader checks.  Its zones
are those of the tzdata package, which the loader accepts; a zone only the machine's
own database knows is the loader's alone.  Draft-07, the draft taplo supports best.

>>> s = json_schema()
>>> zones = s["definitions"]["Zone"]["enum"]
>>> s["definitions"]["Place"]["required"], "Asia/Shanghai" in zones, "AoE" in zones
(['country', 'tz'], True, True)
"""

from __future__ import annotations

import enum
import functools
import json
import types
import typing
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

import attrs

from reecal.errors import FieldError
from reecal.loading.parse import SECTIONS
from reecal.model import checks as c
from reecal.model import docs, zones
from reecal.model.enums import DatePrecision, Kind
from reecal.model.records import MAX_REVISION

__all__ = ["DRAFT", "json_schema", "render"]

Schema = dict[str, Any]
DRAFT = "http://json-schema.org/draft-07/schema#"


def _years(years: range) -> str:
    """A regular expression for the four-digit years in *years*.

    >>> _years(range(1900, 2101)), _years(range(1995, 2012))
    ('(?:19[0-9][0-9]|20[0-9][0-9]|2100)', '(?:1995|1996|1997|1998|1999|200[0-9]|2010|2011)')
    """
    parts, y = [], years.start
    while y < years.stop:
        for size in (100, 10, 1):
            if y % size == 0 and y + size <= years.stop:
                stem = str(y // size)
                parts.append(stem + "[0-9]" * len(str(size - 1)) if size > 1 else stem)
                y += size
                break
    return "(?:" + "|".join(parts) + ")"


_DAY = _years(c.YEARS) + "-[0-9][0-9]-[0-9][0-9]"
_TIME = "T[0-9][0-9]:[0-9][0-9]:[0-9][0-9](?:\\.[0-9]+)?"
DATE: Schema = {"type": "string", "format": "date", "pattern": f"^{_DAY}$"}
INSTANT: Schema = {"type": "string", "format": "date-time",
                   "pattern": f"^{_DAY}{_TIME}(?:Z|[+-][0-9][0-9]:[0-9][0-9])$"}
MOMENT: Schema = {"type": "string", "anyOf": [
    {"format": "date", "pattern": f"^{_DAY}$"},
    {"pattern": f"^{_DAY}{_TIME}$"},  # a local date-time: no offset, the zone is tz's
]}


@functools.cache
def _forbidden(multiline: bool) -> str:
    """The characters the text rules (:func:`~reecal.model.checks.check_text`) reject,
    as the inside of a regex character class of ``\\uXXXX`` ranges (which taplo's
    Rust regex, ECMA-262 and Python all read).  Surrogates cannot occur in TOML, and
    the non-characters beyond U+FFFF are left to the loader (an ECMA-262 pattern
    without the u flag cannot name them)."""
    def rejected(ch: str) -> bool:
        try:
            c.check_text("text", f"a{ch}a", multiline=multiline)
        except FieldError:
            return True
        return False

    bad = [p for p in range(0x10000) if not 0xD800 <= p <= 0xDFFF and rejected(chr(p))]
    ranges: list[list[int]] = []
    for p in bad:
        if ranges and ranges[-1][1] == p - 1:
            ranges[-1][1] = p
        else:
            ranges.append([p, p])
    return "".join(f"\\u{a:04X}" + (f"-\\u{b:04X}" if b > a else "") for a, b in ranges)


@functools.cache
def _text(kind: str) -> Schema:
    """Single-line text (``line``), multi-line text (``lines``) or an http(s) URL."""
    bad = _forbidden(kind == "lines")
    patterns = {
        "line": f"^[^\\s{bad}](?:[^{bad}]*[^\\s{bad}])?$",  # no spaces at either end
        "lines": f"^[^{bad}]*[^\\s{bad}][^{bad}]*$",  # something besides spaces
        "url": f"^[Hh][Tt][Tt][Pp][Ss]?://[^\\s{bad}/?#]+[^\\s{bad}]*$",
    }
    return {"type": "string", "minLength": 1, "maxLength": c.MAX_TEXT,
            "pattern": patterns[kind]}


def _zones() -> Schema:
    """The IANA zones as the tzdata package (a dependency) lists them, and AoE: the same
    list on every machine with that tzdata (the machine's own database may hold other
    files); a newer tzdata changes it, and the schema is then made again."""
    from importlib.resources import files

    listed = files("tzdata").joinpath("zones").read_text(encoding="utf-8").split()
    version = files("tzdata").joinpath("zoneinfo", "tzdata.zi").open(encoding="utf-8")
    with version:
        release = version.readline().split()[-1]  # "# version 2026f"
    return {"type": "string", "enum": sorted({*listed, zones.AOE} - zones._MACHINE),
            "$comment": f"the zones of tzdata {release}, and AoE (UTC-12)"}


def _checks() -> dict[object, Callable[[], Schema]]:
    """Each field validator (or item check) of :mod:`~reecal.model.checks` → the
    schema of the values it accepts (its type's schema adds to it)."""
    slug = {"type": "string", "maxLength": c.MAX_ID, "pattern": c._SLUG.pattern}
    zone = {"$ref": "#/definitions/Zone"}  # (the list once, for every zone field)
    return {
        c.slug: lambda: slug, c.opt_slug: lambda: slug, c.check_slug: lambda: slug,
        c.line: lambda: _text("line"), c.opt_line: lambda: _text("line"),
        c.check_text: lambda: _text("line"),
        c.lines: lambda: _text("lines"), c.opt_lines: lambda: _text("lines"),
        c.url: lambda: _text("url"), c.opt_url: lambda: _text("url"),
        c.tz: lambda: zone,
        c.non_negative: lambda: {"minimum": 0}, c.opt_positive: lambda: {"minimum": 1},
    }


_FIELD_RULES: dict[str, Schema] = {
    # Rules a record's own validator methods state in code, said again for editors;
    # tests/formats/test_schema.py proves the model rejects what each one rejects.
    "Place.lat": {"minimum": -90, "maximum": 90},
    "Place.lon": {"minimum": -180, "maximum": 180},
    "_Dated.revision": {"maximum": MAX_REVISION},
    "Event.kind": {"enum": [k.value for k in Kind if k is not Kind.PROGRAMME]},
    "Certainty.dates": {"enum": [p.value for p in DatePrecision
                                 if p is not DatePrecision.ESTIMATED]},
}


def _when(path: list[str], value: Schema) -> Schema:
    """A schema that holds when the value at *path* (which is present) matches *value*."""
    for name in reversed(path):
        value = {"properties": {name: value}, "required": [name]}
    return value


_DATES = ["certainty", "dates"]
_OBJECT_RULES: dict[str, list[Schema]] = {
    # Rules across a record's fields that JSON Schema can say (the loader says the
    # rest); the same proof as above.
    "Place": [{"dependencies": {"lat": ["lon"], "lon": ["lat"]}}],
    "Revision": [{"dependencies": {"end": ["start"], "opens": ["closes"]}}],
    "Cadence": [{"anyOf": [{"required": ["years"], "properties": {"years": {"minimum": 1}}},
                           {"required": ["months"],
                            "properties": {"months": {"minimum": 1}}}]}],
    "Certainty": [
        {"if": _when(["year_inferred"], {"const": True}), "then": {"required": ["reason"]}},
        {"if": _when(["dates"], {"not": {"const": DatePrecision.EXACT.value}}),
         "then": {"required": ["reason"]}},
    ],
    "_Dated": [
        {"dependencies": {"edition": ["series"]}},
        {"if": _when(_DATES, {"enum": [DatePrecision.WITHIN_PARENT.value,
                                       DatePrecision.BEFORE_PARENT.value]}),
         "then": {"required": ["parent"]}},
    ],
    "Event": [
        {"if": _when(_DATES, {"const": DatePrecision.START_ONLY.value}),
         "then": {"not": {"required": ["end"]}}},
        {"if": _when(_DATES, {"const": DatePrecision.MONTH.value}),
         "then": {"not": {"required": ["end"]},
                  "properties": {"start": {"pattern": "-01$"}}}},
    ],
}


def _rules(table: dict[str, Any], cls: type, name: str = "") -> list[Any]:
    """The entries of *table* for *cls* (and the classes it inherits from), by
    ``Class`` or ``Class.field`` key, most general first."""
    keys = [k.__name__ + (f".{name}" if name else "") for k in reversed(cls.__mro__)]
    return [table[k] for k in keys if k in table]


def _validators(a: attrs.Attribute[Any]) -> list[Any]:
    """The field's validators, those combined by attrs (``@x.validator``) apart."""
    v = a.validator
    return [] if v is None else list(getattr(v, "_validators", (v,)))


_TUPLE_CODE = c.tuple_of(c.check_text).__code__
"""Every validator :func:`~reecal.model.checks.tuple_of` makes runs this code."""


class _Walk:
    """The schema of each class reachable from the data file's sections."""

    def __init__(self) -> None:
        self.definitions: dict[str, Schema] = {}
        self.checks = _checks()

    def ref(self, cls: type) -> Schema:
        name = cls.__name__
        if name not in self.definitions:
            self.definitions[name] = {}  # a placeholder, in case a class nests itself
            self.definitions[name] = self.object(cls)
        return {"$ref": f"#/definitions/{name}"}

    def object(self, cls: type) -> Schema:
        hints = typing.get_type_hints(cls)
        properties = {a.name: self.field(cls, a, hints[a.name]) for a in attrs.fields(cls)}
        out: Schema = {
            "type": "object",
            "description": docs.CLASSES[cls.__name__],
            "properties": properties,
            "required": [a.name for a in attrs.fields(cls) if a.default is attrs.NOTHING],
            "additionalProperties": False,
        }
        rules = [r for group in _rules(_OBJECT_RULES, cls) for r in group]
        if rules:
            out["allOf"] = rules
        return out

    def field(self, cls: type, a: attrs.Attribute[Any], hint: Any) -> Schema:
        out: Schema = {"description": docs.describe(cls, a.name)}
        out.update(self.value(hint, _validators(a), f"{cls.__name__}.{a.name}"))
        for rule in _rules(_FIELD_RULES, cls, a.name):
            out.update(rule)
        default = a.default  # what an editor shows; a factory's or None is not shown
        if default is attrs.NOTHING:
            return out
        if isinstance(default, enum.Enum):
            out["default"] = default.value
        elif isinstance(default, tuple):
            out["default"] = list(default)
        elif isinstance(default, bool | int | float | str):
            out["default"] = default
        return out

    def value(self, hint: Any, checks: Iterable[Any], where: str) -> Schema:
        """The schema of a value of type *hint* that passes *checks*."""
        args = set(typing.get_args(hint)) - {type(None)}
        if args == {date, datetime}:
            return MOMENT
        if isinstance(hint, types.UnionType):  # X | None: TOML has no null, so X or absent
            [hint] = args
        if typing.get_origin(hint) is tuple:
            return self.array(typing.get_args(hint)[0], checks, where)
        if isinstance(hint, type) and attrs.has(hint):
            return self.ref(hint)
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            return {"type": "string", "enum": [m.value for m in hint]}
        return self.scalar(hint, checks, where)

    def array(self, item: Any, checks: Iterable[Any], where: str) -> Schema:
        [check] = [v for v in checks if getattr(v, "__code__", None) is _TUPLE_CODE]
        inner = {n: cell.cell_contents
                 for n, cell in zip(check.__code__.co_freevars, check.__closure__, strict=True)}
        item_checks = [] if isinstance(inner["item"], type) else [inner["item"]]
        out: Schema = {"type": "array", "items": self.value(item, item_checks, where)}
        if inner["non_empty"]:
            out["minItems"] = 1
        if inner["unique"]:
            out["uniqueItems"] = True
        return out

    def scalar(self, hint: Any, checks: Iterable[Any], where: str) -> Schema:
        base = {str: "string", int: "integer", float: "number", bool: "boolean"}
        if hint is date:
            return dict(DATE)
        if hint is datetime:
            return dict(INSTANT)
        if hint not in base:
            raise TypeError(f"{where}: no JSON Schema for the type {hint!r} "
                            "(teach reecal/formats/schema.py)")
        out: Schema = {"type": base[hint]}
        for check in checks:
            if check in self.checks:
                out.update(self.checks[check]())
        if hint is str and len(out) == 1:
            raise TypeError(f"{where}: text with no known check (teach "
                            "reecal/formats/schema.py its validator)")
        return out


def json_schema() -> Schema:
    """The JSON Schema (draft-07) of a reecal data file, as a dict.

    >>> json_schema()["properties"]["event"]["items"]
    {'$ref': '#/definitions/Event'}
    """
    walk = _Walk()
    sections = {key: {"type": "array", "description": f"[[{key}]] tables, one per {key}.",
                      "items": walk.ref(cls)} for key, cls in SECTIONS.items()}
    return {
        "$schema": DRAFT,
        "title": "reecal data file",
        "description": "Records of the rare-earth industry's calendar: arrays of "
                       "[[organisation]], [[series]], [[event]] and [[programme]] tables. "
                       "Generated from the model by 'reecal schema'.",
        "type": "object",
        "properties": sections,
        "additionalProperties": False,
        "definitions": {**walk.definitions, "Zone": _zones()},
    }


def render() -> str:
    """The schema as the text of ``reecal/data/schema.json`` (UTF-8, ends in a newline)."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
