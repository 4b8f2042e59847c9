"""Briefs in a form the cache keeps: what the agenda and its rows read of each record.

``reecal upcoming`` and ``reecal deadlines`` need of a record only its id, its parent,
its :class:`~reecal.model.dates.Dates` and what its rows say whatever the moment
(:func:`reecal.formats.facts.facts`: title, place, the dates in words...), which a
:class:`~reecal.query.brief.Brief` holds; :func:`pack` turns briefs into numbers, text,
tuples and dicts (for :mod:`marshal`, which runs no code when it reads) and
:func:`unpack` back into :class:`~reecal.query.brief.Brief` s, without importing
attrs or building the model, so the agenda's
start-up costs little more than the interpreter's.  The agenda
(:mod:`reecal.query.agenda`) and the rows (:mod:`reecal.formats.rows`) read a brief as
they read a record: the same functions, so the two cannot disagree.

>>> import reecal
>>> ds = reecal.load()
>>> again = unpack(pack(briefs(ds)))
>>> [b.dates for b in again] == [r.dates for r in ds]
True
>>> again[0].facts["id"] == ds.records[0].id
True
"""

from __future__ import annotations

import marshal
from collections.abc import Iterable
from datetime import date, datetime

from reecal.model.dates import Dates, Part, Point
from reecal.model.enums import DatePrecision
from reecal.query.brief import FACTS, Brief, Briefs

TYPE_CHECKING = False  # typing is not imported: the agenda's start-up does without it
if TYPE_CHECKING:
    from typing import Any

    from reecal.model.records import Record

__all__ = ["briefs", "pack", "unpack"]

_PARTS = {p.value: p for p in Part}
_PRECISIONS = {p.value: p for p in DatePrecision}


def briefs(records: Iterable[Record]) -> Briefs:
    """The brief of each record, in order."""
    from reecal.formats.facts import facts

    return Briefs(Brief(r.id, r.parent, r.dates, facts(r)) for r in records)


def _moment(m: date | datetime | None) -> int | str | None:
    """A day as its ordinal, an instant as ISO 8601 with its offset."""
    if m is None:
        return None
    return m.isoformat() if isinstance(m, datetime) else m.toordinal()


def _read(v: Any) -> Any:
    if v is None:
        return None
    return date.fromordinal(v) if isinstance(v, int) else datetime.fromisoformat(v)


CHUNK = 2048
"""Briefs per chunk: a reader loads only the chunks whose days come near its own."""


def pack(found: Iterable[Brief]) -> list[tuple[int, int, bytes]]:
    """Briefs as plain values (see :func:`unpack`): in chunks of :data:`CHUNK` by first
    day, each chunk's first and last day beside its marshal bytes, so that a reader
    of a few weeks passes over most of a large dataset without reading it."""
    rows = []
    for n, b in enumerate(found):
        d = b.dates
        rows.append((d.first_day.toordinal(), d.last_day.toordinal(), n, b.id, b.parent,
                     d.precision.value, d.year_inferred, d.open_ended,
                     tuple((p.part.value, _moment(p.start), _moment(p.end), _moment(p.at))
                           for p in d.points),
                     tuple((k, _moment(v)) for k, v in d.stated),
                     tuple(b.facts[k] for k in FACTS)))
    rows.sort(key=lambda row: row[0])
    return [(part[0][0], max(row[1] for row in part), marshal.dumps(part))
            for part in (rows[i:i + CHUNK] for i in range(0, len(rows), CHUNK))]


NEAR = 2
"""How many days a point's day may differ between two zones (UTC+14 and UTC-12)."""


def unpack(values: Iterable[Any], *, near: tuple[date, date] | None = None) -> Briefs:
    """The briefs :func:`pack` wrote, in their order (only those with a day within
    :data:`NEAR` days of the range *near*, if given: none of the others can have an
    item in it); raises ``ValueError`` (or ``TypeError``, ``KeyError``, ``EOFError``)
    for anything else."""
    low, high = (-1, 1 << 30) if near is None else (near[0].toordinal() - NEAR,
                                                    near[1].toordinal() + NEAR)
    rows = []
    for first, last, chunk in values:
        if not (isinstance(first, int) and isinstance(last, int) and isinstance(chunk, bytes)):
            raise ValueError("not a chunk of briefs")
        if first <= high and last >= low:
            rows += [row for row in marshal.loads(chunk) if row[0] <= high and row[1] >= low]
    rows.sort(key=lambda row: row[2])
    out = Briefs()
    for (first, last, _, rid, parent, precision, inferred, open_ended, points, stated,
         facts) in rows:
        if not (isinstance(rid, str) and isinstance(facts, tuple) and len(facts) == len(FACTS)
                and (parent is None or isinstance(parent, str))):
            raise ValueError("not a brief")
        dates = Dates(first_day=date.fromordinal(first), last_day=date.fromordinal(last),
                      precision=_PRECISIONS[precision], year_inferred=bool(inferred),
                      open_ended=bool(open_ended),
                      points=tuple(Point(_PARTS[part], _read(s), _read(e), _read(at))
                                   for part, s, e, at in points),
                      stated=tuple((str(k), _read(v)) for k, v in stated))
        if dates.last_day < dates.first_day or not dates.points:
            raise ValueError("not a brief")
        out.append(Brief(rid, parent, dates, dict(zip(FACTS, facts, strict=True))))
    return out
