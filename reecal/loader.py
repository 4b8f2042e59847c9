"""TOML data files → validated records, with errors that say where.

A data file holds arrays of tables, one per record::

    [[event]]
    id = "my-expo-2026"
    kind = "exhibition"
    ...

The top-level keys are ``organisation``, ``series``, ``event`` and ``programme``.
Records are structured by a cattrs converter with extra keys forbidden, so a typo
is an error, never a silently ignored field.  Every problem becomes a
:class:`~reecal.errors.DataError` naming the file, the record id, the field and,
where it can be found, the line.

>>> ds = load()
>>> ds.get("cres-youth-academic-conference-7").start.isoformat()
'2026-05-15'
"""

from __future__ import annotations

import functools
import os
import re
import typing
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import attrs

if TYPE_CHECKING:
    from pathlib import Path

    import cattrs

from .dataset import Dataset, Origin
from .errors import DataError, FieldError
from .model import (
    Confidence,
    DatePrecision,
    Event,
    Kind,
    Organisation,
    Programme,
    Qualifier,
    Series,
    Status,
    Verification,
)

__all__ = ["MAX_FILE_BYTES", "bundled_files", "load", "load_file", "parse_records"]

MAX_FILE_BYTES = 256 * 1024 * 1024
"""Data files larger than this are refused (a guard against accidents and abuse)."""

SECTIONS: dict[str, type[Any]] = {
    "organisation": Organisation,
    "series": Series,
    "event": Event,
    "programme": Programme,
}

T = TypeVar("T")
_ENUMS = (Kind, Status, Confidence, Verification, DatePrecision, Qualifier)


# --------------------------------------------------------------------------- converter


class _Problem(ValueError):
    """A value of the wrong shape, found by a structure hook."""


def _strict_str(value: object, _: object) -> str:
    if not isinstance(value, str):
        raise _Problem(f"expected text, got {_describe(value)}")
    return value


def _strict_int(value: object, _: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Problem(f"expected a whole number, got {_describe(value)}")
    return value


def _strict_float(value: object, _: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Problem(f"expected a number, got {_describe(value)}")
    return float(value)


def _strict_bool(value: object, _: object) -> bool:
    if not isinstance(value, bool):
        raise _Problem(f"expected true or false, got {_describe(value)}")
    return value


def _date(value: object, _: object) -> date:
    if type(value) is date:
        return value
    if isinstance(value, str) and re.match(r"^\d{4}-\d\d-\d\d$", value):
        raise _Problem(f"write the date without quotes (a TOML date): {value}")
    raise _Problem(f"expected a date such as 2026-05-15, got {_describe(value)}")


def _datetime(value: object, _: object) -> datetime:
    if isinstance(value, datetime):
        return value
    raise _Problem(f"expected a date-time such as 2026-01-29T00:00:00Z, got {_describe(value)}")


def _moment(value: object, _: object) -> date | datetime:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        raise _Problem(f"write the date without quotes (a TOML date or date-time): {value}")
    raise _Problem(f"expected a date or a local date-time, got {_describe(value)}")


def _enum_hook(enum_cls: type[Any]) -> Any:
    allowed = ", ".join(m.value for m in enum_cls)
    label = re.sub(r"(?<!^)(?=[A-Z])", " ", enum_cls.__name__).lower()

    def hook(value: object, _: object) -> Any:
        try:
            return enum_cls(value)
        except ValueError:
            raise _Problem(f"unknown {label} {value!r} (expected one of: {allowed})") from None

    return hook


def _is_moment(t: Any) -> bool:
    args = set(typing.get_args(t))
    return bool(args) and {date, datetime} <= args <= {date, datetime, type(None)}


def _is_tuple(t: Any) -> bool:
    return getattr(t, "__origin__", None) is tuple


@functools.lru_cache(maxsize=1)
def converter() -> cattrs.Converter:
    """The converter that structures data-file tables into records."""
    import cattrs
    from cattrs.errors import IterableValidationError, IterableValidationNote

    c = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    c.register_structure_hook(str, _strict_str)
    c.register_structure_hook(int, _strict_int)
    c.register_structure_hook(float, _strict_float)
    c.register_structure_hook(bool, _strict_bool)
    c.register_structure_hook(date, _date)
    c.register_structure_hook(datetime, _datetime)
    c.register_structure_hook_func(_is_moment, _moment)
    for e in _ENUMS:
        c.register_structure_hook(e, _enum_hook(e))

    def tuple_hook(value: object, t: Any) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise _Problem(f"expected a list [...], got {_describe(value)}")
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


def _describe(value: object) -> str:
    kind = {str: "text", int: "a number", float: "a number", bool: "a boolean", list: "a list",
            dict: "a table"}.get(type(value), type(value).__name__)
    shown = repr(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return f"{kind} {shown}" if not isinstance(value, (list, dict)) else kind


# --------------------------------------------------------------------------- errors


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


def _problem(exc: BaseException, cls: type[Any]) -> tuple[list[str], str]:
    """The path and message of the problem to report (a typo before what it hides)."""
    from cattrs.errors import ForbiddenExtraKeysError

    leaves = list(_leaves(exc, []))
    extra = [(p, e) for p, e in leaves if isinstance(e, ForbiddenExtraKeysError)]
    path, current = (extra or leaves)[0]
    if isinstance(current, ForbiddenExtraKeysError):
        names = sorted(current.extra_fields)
        known = [a.name for a in attrs.fields(current.cl)] if attrs.has(current.cl) else []
        close = close_matches(names[0], known)
        hint = f' (did you mean "{close[0]}"?)' if close else f" (known: {', '.join(known)})"
        return [*path, names[0]], f"unknown field{hint}"
    if isinstance(current, FieldError):
        return [*path, current.field], current.message
    if isinstance(current, KeyError):
        return path, "is required"
    if isinstance(current, _Problem):
        return path, str(current)
    return path, f"invalid value ({current})"


def close_matches(word: str, options: Iterable[str], n: int = 1) -> list[str]:
    """Options close to *word*: same letters in another order first, then difflib's.

    >>> close_matches("crse", ["csoe", "cres", "cast"])
    ['cres']
    """
    import difflib

    opts = list(options)
    same = [o for o in opts if sorted(o) == sorted(word) and o != word]
    return (same + [m for m in difflib.get_close_matches(word, opts, n=n) if m not in same])[:n]


def _join(path: list[str]) -> str | None:
    return ".".join(path) if path else None


# --------------------------------------------------------------------------- files


class _Located(NamedTuple):
    value: Any
    origin: Origin


class _Lines:
    """Where each record starts in a file, found in one pass (for error messages)."""

    _ID = r"""^[ \t]*id[ \t]*=[ \t]*(["'])([^"'\n]*)\1"""
    _HEADER = r"^[ \t]*\[\[[ \t]*([A-Za-z0-9_.-]+)[ \t]*\]\]"

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None
        self._ids: dict[str, int] | None = None
        self._headers: dict[str, list[int]] | None = None

    def _line(self, offset: int) -> int:
        import bisect

        if self._starts is None:
            self._starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        return bisect.bisect_right(self._starts, offset)

    def record(self, section: str, index: int, rid: object) -> int | None:
        if self._ids is None:
            self._ids = {}
            for m in re.finditer(self._ID, self.text, re.M):
                self._ids.setdefault(m.group(2), m.start())
            self._headers = {}
            for m in re.finditer(self._HEADER, self.text, re.M):
                self._headers.setdefault(m.group(1), []).append(m.start())
        if isinstance(rid, str) and rid in self._ids:
            return self._line(self._ids[rid])
        assert self._headers is not None
        heads = self._headers.get(section, [])
        return self._line(heads[index]) if index < len(heads) else None

    @functools.cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines()


def _line_of_field(lines: list[str], start: int | None, path: list[str]) -> int | None:
    """Best-effort line of the deepest part of *path* written in the record."""
    if start is None or not path:
        return start
    names = [re.sub(r"\[\d+\]$", "", p) for p in path]
    next_record = re.compile(r"^\s*\[\[\s*(organisation|series|event|programme)\s*\]\]")
    for depth in range(len(names), 0, -1):
        leaf = names[depth - 1]
        pat = re.compile(
            r"^\s*(" + re.escape(leaf) + r"\s*=|\[+[^\]]*\b" + re.escape(leaf) + r"\s*\]+)")
        for n in range(start, len(lines) + 1):
            text = lines[n - 1]
            if n > start and next_record.match(text):
                break
            if pat.match(text):
                return n
    return start


def parse_records(text: str, path: str) -> Iterator[_Located]:
    """Parse one file's text and yield its structured records with their origins."""
    import tomllib

    from cattrs.errors import ClassValidationError, IterableValidationError

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        line = int(m.group(1)) if m else None
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg)
        if m:
            msg += f" (column {m.group(2)})"
        raise DataError(f"TOML syntax error: {msg}", path=path, line=line) from None
    where = _Lines(text)
    for key, tables in data.items():
        cls = SECTIONS.get(key)
        if cls is None:
            close = close_matches(key, SECTIONS)
            hint = f' (did you mean "{close[0]}"?)' if close else ""
            raise DataError(
                f'unknown section "{key}"{hint}; expected [[{"]], [[".join(SECTIONS)}]]',
                path=path,
                line=where.record(key, 0, None),
            )
        if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
            raise DataError(f'"{key}" must be an array of tables: write [[{key}]]', path=path)
        for i, table in enumerate(tables):
            rid = table.get("id")
            rid_text = rid if isinstance(rid, str) else f"{key}[{i}]"
            try:
                value = converter().structure(table, cls)
            except (ClassValidationError, IterableValidationError, FieldError) as exc:
                fields, message = _problem(exc, cls)
                line = where.record(key, i, rid)
                raise DataError(
                    message,
                    path=path,
                    record=rid_text,
                    field=_join(fields),
                    line=_line_of_field(where.lines, line, fields),
                ) from None
            yield _Located(value, Origin(path=path, line=where.record(key, i, rid)))


def _read(path: Path, shown: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // (1024 * 1024)
            raise DataError(f"file is larger than {limit} MiB", path=shown)
        return path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror or exc}", path=shown) from None


def _decode(raw: bytes, shown: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(f"not valid UTF-8 (byte {exc.start})", path=shown, line=line) from None


def load_file(path: str | os.PathLike[str]) -> list[_Located]:
    """The records of one data file, with their origins (no cross-file checks)."""
    from pathlib import Path

    shown = str(path)
    return list(parse_records(_decode(_read(Path(path), shown), shown), shown))


def bundled_files() -> list[tuple[str, bytes]]:
    """The bundled data files as (name, bytes), in name order."""
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
    if os.path.isdir(here):
        out = []
        for name in sorted(os.listdir(here)):
            if name.endswith(".toml"):
                with open(os.path.join(here, name), "rb") as fh:
                    out.append((f"reecal/data/{name}", fh.read()))
        return out
    from importlib import resources  # installed in a zip: slower, but works

    root = resources.files("reecal") / "data"
    return [(f"reecal/data/{e.name}", e.read_bytes())
            for e in sorted(root.iterdir(), key=lambda e: e.name) if e.name.endswith(".toml")]


def _expand(paths: Iterable[str | os.PathLike[str]]) -> list[tuple[Path, str]]:
    paths = list(paths)
    if not paths:
        return []
    from pathlib import Path

    found: list[tuple[Path, str]] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found.extend((q, str(q)) for q in sorted(p.rglob("*.toml")) if q.is_file())
        elif p.exists():
            found.append((p, str(raw)))
        else:
            raise DataError("no such file or directory", path=str(raw))
    # The same file named twice (a directory and a file in it, or REECAL_DATA and
    # --data) is read once, not reported as defining every id twice.
    seen: set[Path] = set()
    out = []
    for p, name in found:
        real = p.resolve()
        if real not in seen:
            seen.add(real)
            out.append((p, name))
    return out


def load(
    paths: Iterable[str | os.PathLike[str]] = (), *, bundled: bool = True, cache: bool = True
) -> Dataset:
    """Load the bundled dataset and/or the user's TOML files and directories.

    Directories are searched for ``*.toml`` recursively, in name order.  Raises
    :class:`~reecal.errors.DataError` on the first problem found.  A dataset loaded
    before from the very same bytes comes from the cache (see :mod:`reecal.cache`).
    """
    inputs = bundled_files() if bundled else []
    inputs += [(shown, _read(p, shown)) for p, shown in _expand(paths)]
    from . import cache as _cache

    k = _cache.key(inputs) if cache and _cache.enabled() else None
    if k is not None:
        hit = _cache.read(k)
        if isinstance(hit, Dataset):
            return hit
    located: list[_Located] = []
    for name, raw in inputs:
        located.extend(parse_records(_decode(raw, name), name))
    ds = Dataset.build((x.value, x.origin) for x in located)
    if k is not None:
        _cache.write(k, ds)
    return ds
