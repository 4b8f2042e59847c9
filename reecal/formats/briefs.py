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

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from reecal.model.dates import Dates, Part, Point
from reecal.model.enums import DatePrecision
from reecal.query.brief import FACTS, Brief, Briefs

if TYPE_CHECKING:
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


def pack(found: Iterable[Brief]) -> list[tuple[Any, ...]]:
    """Briefs as plain values (see :func:`unpack`): the first and last days first, so
    that a reader can pass over what is far from the days it looks at."""
    out = []
    for b in found:
        d = b.dates
        out.append((d.first_day.toordinal(), d.last_day.toordinal(), b.id, b.parent,
                    d.precision.value, d.year_inferred, d.open_ended,
                    tuple((p.part.value, _moment(p.start), _moment(p.end), _moment(p.at))
                          for p in d.points),
                    tuple((k, _moment(v)) for k, v in d.stated),
                    tuple(b.facts[k] for k in FACTS)))
    return out


NEAR = 2
"""How many days a point's day may differ between two zones (UTC+14 and UTC-12)."""


def unpack(values: Iterable[Any], *, near: tuple[date, date] | None = None) -> Briefs:
    """The briefs :func:`pack` wrote (only those with a day within :data:`NEAR` days of
    the range *near*, if given: none of the others can have an item in it); raises
    ``ValueError`` (or ``TypeError``, ``KeyError``) for anything else."""
    out = Briefs()
    low, high = (-1, 1 << 30) if near is None else (near[0].toordinal() - NEAR,
                                                    near[1].toordinal() + NEAR)
    for first, last, rid, parent, precision, inferred, open_ended, points, stated, facts in (
            values):
        if first > high or last < low:
            continue
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
