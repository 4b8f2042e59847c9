"""One data file's text → its records, each with where it was defined.

A data file holds arrays of tables, one per record::

    [[event]]
    id = "my-expo-2026"
    kind = "exhibition"
    ...

The top-level keys are ``organisation``, ``series``, ``event`` and ``programme``.
Every problem becomes a :class:`~reecal.errors.DataError` naming the file, the record
id, the field and, where it can be found, the line.

>>> [x.value.id for x in parse_records('[[series]]\\nid = "s"\\nname = "S"\\n', "s.toml")]
['s']
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from reecal.errors import DataError, FieldError, shown
from reecal.loading.convert import converter, problem
from reecal.loading.limits import MAX_DEPTH, nesting_line, too_many_segments
from reecal.model.records import Event, Programme
from reecal.model.suggest import hint
from reecal.model.values import Organisation, Series

__all__ = ["SECTIONS", "Located", "Origin", "parse_records"]

SECTIONS: dict[str, type[Any]] = {
    "organisation": Organisation,
    "series": Series,
    "event": Event,
    "programme": Programme,
}


class Origin(NamedTuple):
    """Where a record was defined: the file and, when known, the line."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


class Located(NamedTuple):
    value: Any
    origin: Origin


class _Lines:
    """Where each record starts in a file, found in one pass (for error messages)."""

    _ID = r"""^[ \t]*id[ \t]*=[ \t]*(["'])([^"'\n]*)\1"""
    _HEADER = r"^[ \t]*\[\[[ \t]*([A-Za-z0-9_.-]+)[ \t]*\]\]"

    def __init__(self, text: str) -> None:
        self.text = text
        self._at = (0, 1)  # an offset and its line: records are looked up in order

    @functools.cached_property
    def _ids(self) -> dict[str, list[int]]:
        ids: dict[str, list[int]] = {}
        for m in re.finditer(self._ID, self.text, re.M):
            ids.setdefault(m.group(2), []).append(m.start())
        return ids

    @functools.cached_property
    def _headers(self) -> dict[str, list[int]]:
        heads: dict[str, list[int]] = {}
        for m in re.finditer(self._HEADER, self.text, re.M):
            heads.setdefault(m.group(1), []).append(m.start())
        return heads

    def _line(self, offset: int) -> int:
        """The line of *offset*, counted on from the last one asked for (no table of
        every line's start, which took 8 bytes a line)."""
        last, line = self._at
        if offset < last:
            last, line = 0, 1
        line += self.text.count("\n", last, offset)
        self._at = (offset, line)
        return line

    def record(self, section: str, index: int, rid: object) -> int | None:
        """The line of the *index*-th record of *section*: its ``id = ...`` line (the
        first after the record's header, for an id written twice), else its header."""
        heads = self._headers.get(section, [])
        head = heads[index] if index < len(heads) else None
        spots = self._ids.get(rid, []) if isinstance(rid, str) else []
        if spots:
            return self._line(next((s for s in spots if head is None or s > head), spots[0]))
        return self._line(head) if head is not None else None

    def key(self, key: str) -> int | None:
        """The first line that starts with *key* (bare or quoted, or in a table header)."""
        m = re.search(r"""^[ \t]*\[*[ \t]*["']?""" + re.escape(key[:200]), self.text, re.M)
        return self._line(m.start()) if m else None

    @functools.cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines()


def _line_of_field(lines: list[str], start: int | None, path: list[str]) -> int | None:
    """Best-effort line of the deepest part of *path* written in the record."""
    if start is None or not path:
        return start
    path = [step for part in path for step in part.split(".")]
    names = [re.sub(r"\[\d+\]$", "", p) for p in path]
    next_record = re.compile(r"^\s*\[\[\s*(organisation|series|event|programme)\s*\]\]")
    for step in path[:-1]:  # history[1].start: from the second [[event.history]] on
        m = re.fullmatch(r"(.+)\[(\d+)\]", step)
        if m:
            table = re.compile(r"^\s*\[\[[^\]]*\b" + re.escape(m[1]) + r"\s*\]\]")
            heads = []
            for n in range(start + 1, len(lines) + 1):
                if next_record.match(lines[n - 1]):
                    break
                if table.match(lines[n - 1]):
                    heads.append(n)
            if int(m[2]) < len(heads):
                start = heads[int(m[2])]
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


def _toml(text: str, path: str, *, fast: bool = True) -> dict[str, Any]:
    """The TOML document *text*: read by the compiled ``tomli`` where it is installed
    (*fast*), else by the standard ``tomllib``, which also reads again any text that
    ``tomli`` refuses, so every message and limit is the standard parser's (the two
    share their grammar and their messages; the compiled one nests deeper)."""
    import tomllib

    too_many_segments(text, path)
    if fast:
        try:
            import tomli
        except ImportError:
            pass
        else:
            try:
                return tomli.loads(text)
            except (tomli.TOMLDecodeError, RecursionError, ValueError):
                pass  # the standard parser says why, below
    try:
        return tomllib.loads(text)
    except RecursionError:  # arrays or inline tables nested hundreds deep
        raise DataError(f"arrays or inline tables nested more than {MAX_DEPTH} deep (a data "
                        "file needs a few levels)", path=path,
                        line=nesting_line(text)) from None
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        line = int(m.group(1)) if m else None
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg)
        if m:
            msg += f" (column {m.group(2)})"
        if text.startswith("\ufeff") and line == 1:
            msg = "the file starts with a byte order mark (U+FEFF): save it as UTF-8 without one"
        elif line is not None and "\x00" in text.split("\n", line)[line - 1]:
            msg = "a NUL character: is this a binary file?"
        raise DataError(f"TOML syntax error: {msg}", path=path, line=line) from None
    except ValueError:  # an integer too long for int() (Python's 4300-digit guard)
        long = re.search(r"^.*?[0-9][0-9_]{4299}", text, re.M)
        raise DataError("a number of more than 4300 digits", path=path,
                        line=text.count("\n", 0, long.start()) + 1 if long else None) from None


def parse_records(text: str, path: str) -> Iterator[Located]:
    """Parse one file's text and yield its structured records with their origins."""
    try:
        yield from _records(_toml(text, path), text, path)
    except DataError:  # the compiled parser reads arrays nested deeper than the standard
        _toml(text, path, fast=False)  # one: a text it refuses is refused as it would be
        raise


def _records(data: dict[str, Any], text: str, path: str) -> Iterator[Located]:
    from cattrs.errors import ClassValidationError, IterableValidationError

    where = _Lines(text)
    for key, tables in data.items():
        cls = SECTIONS.get(key)
        if cls is None:
            raise DataError(
                f'unknown section "{shown(key)}"{hint(key, SECTIONS)}; '
                f'expected [[{"]], [[".join(SECTIONS)}]]',
                path=path, line=where.record(key, 0, None) or where.key(key))
        if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
            raise DataError(f'"{key}" must be an array of tables: write [[{key}]]', path=path)
        for i, table in enumerate(tables):
            tables[i] = None  # let each table go once structured: the parsed file is large
            rid = table.get("id")
            try:
                value = converter().structure(table, cls)
            except (ClassValidationError, IterableValidationError, FieldError) as exc:
                fields, message = problem(exc)
                line = where.record(key, i, rid)
                raise DataError(message, path=path,
                                record=rid if isinstance(rid, str) else f"{key}[{i}]",
                                field=".".join(fields) if fields else None,
                                line=_line_of_field(where.lines, line, fields)) from None
            yield Located(value, Origin(path=path, line=where.record(key, i, rid)))
