"""What rows say about a record itself: the parts of ``list``, ``show`` and the agenda's
rows that come from the record (and the dataset), not from the moment or the viewer.

:func:`facts` is what the cache keeps of each record for the agenda
(:class:`~reecal.formats.briefs.Brief`); :mod:`reecal.formats.rows` adds the moment.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from reecal.formats.plain import day_text, plain
from reecal.formats.prose import dates_phrase, qualified, qualifiers, shown_title
from reecal.formats.words import deadline_phrase, instant, zone_label
from reecal.model.dates import Part
from reecal.model.records import Programme, Record
from reecal.query.brief import FACTS

if TYPE_CHECKING:
    from reecal.query.dataset import Dataset

__all__ = ["facts", "passages", "record_dict", "record_rows"]


def _about(r: Record) -> dict[str, Any]:
    """What every row says about its record, in this order."""
    return {"kind": r.kind.value, "id": r.id, "title": r.title, "_title": shown_title(r),
            "place": r.place.label if r.place else "", "status": r.status.value}


def _sureness(r: Record) -> dict[str, Any]:
    """How precisely the record is dated: the phrase, the precision and the year's origin."""
    return {"dates": dates_phrase(r), "precision": r.dates.precision.value,
            "year_inferred": r.dates.year_inferred, "_qualifiers": ", ".join(qualifiers(r))}


def facts(r: Record) -> dict[str, Any]:
    """What the agenda's rows say about *r* whatever the moment and the viewer's zone:
    what the cache keeps of it in a :class:`~reecal.formats.briefs.Brief`."""
    found: dict[str, Any] = dict.fromkeys(FACTS)  # every key, in this order, for a brief
    found.update(_about(r))
    found.update(_sureness(r))
    if isinstance(r, Programme):
        w = r.window
        found.update({"time_published": w.time_published, "zone": w.tz,
                      "_deadline_title": qualified(shown_title(r), r, title=True),
                      "deadline": qualified(deadline_phrase(w), r),
                      "closes_text": instant(w.closes_at) + " " + zone_label(w.tz)})
    return found


_NAMES: dict[type, tuple[str, ...]] = {}
_ATOMS = frozenset({str, int, float, bool, type(None)})


def _plain(inst: Any) -> dict[str, Any]:
    """What ``attrs.asdict(inst, value_serializer=...)`` with :func:`plain` gives for a
    record, its parts and their lists (all a field may hold), without its generality:
    that call was the listing's largest cost after the encoder's."""
    cls = inst.__class__
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = tuple(a.name for a in attrs.fields(cls))
    return {name: _plain_value(getattr(inst, name)) for name in names}


def _plain_value(v: Any) -> Any:
    cls = v.__class__
    if cls in _ATOMS:
        return v
    if attrs.has(cls):
        return _plain(v)
    if issubclass(cls, list | set | frozenset):
        return cls(_plain_value(x) for x in v)
    if issubclass(cls, tuple):  # kept a tuple, as attrs.asdict keeps collections' types
        return tuple(_plain_value(x) for x in v)
    return plain(v)


def record_dict(r: Record, ds: Dataset | None = None) -> dict[str, Any]:
    """A record as plain JSON-ready values, with its computed dates and names added."""
    data = {"kind": r.kind.value, **_plain(r)}
    d = r.dates
    data["first_day"] = d.first_day.isoformat()
    data["last_day"] = day_text(d.known_last_day)
    data.update(_sureness(r))
    event = d.point(Part.EVENT)
    if event is not None and not d.open_ended:
        data["end_exclusive"] = event.end.isoformat()
    if isinstance(r, Programme):
        opens, closes = d.point(Part.OPENS), d.point(Part.CLOSES)
        assert closes is not None and closes.at is not None
        data["window"]["opens_at"] = opens.at.isoformat() if opens and opens.at else None
        data["window"]["closes_at"] = closes.at.isoformat()
        data["window"]["time_published"] = r.window.time_published
    if ds is not None:
        data["organisations"] = [{"id": o.id, "name": o.name, "name_zh": o.name_zh,
                                  "short": o.short} for o in ds.organisers_of(r)]
        data["children"] = [c.id for c in ds.children(r.id)]
        origin = ds.origin(r.id)
        data["defined_in"] = str(origin) if origin else None
    return data


def passages(r: Record, context: int, ds: Dataset | None = None
             ) -> list[dict[str, Any] | None]:
    """Each source's quote in its document (:func:`reecal.documents.passage`): the
    lines around it, by number; None for a document that is neither bundled nor beside
    the record's data file (:meth:`reecal.Dataset.reader`)."""
    from reecal.documents import passage, text

    read = ds.reader(r.id) if ds is not None else text
    out: list[dict[str, Any] | None] = []
    for s in r.sources:
        p = passage(s, context, read)
        out.append(None if p is None else {
            "document": p.document, "first_line": p.first_line, "lines": list(p.lines),
            "quote_from": p.quote_from, "quote_to": p.quote_to})
    return out


def record_rows(records: Iterable[Record]) -> list[dict[str, Any]]:
    """Rows for ``list`` and ``search``: dates, kind, id, title, place, status."""
    return [{
        "first_day": r.dates.first_day.isoformat(),
        "last_day": day_text(r.dates.known_last_day),
        **_sureness(r),
        **_about(r),
        "confidence": r.certainty.confidence.value,
    } for r in records]
