"""Rows for people and scripts: query results → rows of plain values, JSON and CSV.

The functions here are pure: they take the query results, "now" and the viewer's
zone, and return rows (dicts of plain values) or text.  Keys starting with ``_`` are
for the terminal only and never reach JSON or CSV.

JSON output is stable: keys are fixed per command, instants are ISO 8601 with their
UTC offset, days are ISO dates, and kinds, reasons and states are the enum values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime, tzinfo
from enum import Enum
from typing import TYPE_CHECKING, Any

import attrs

from reecal.formats.prose import dates_phrase, qualified, qualifiers, shown_title
from reecal.formats.words import deadline_phrase, instant, span, zone_label
from reecal.model.dates import Part
from reecal.model.records import Programme, Record
from reecal.query.agenda import Deadline, Item, Reason, State

if TYPE_CHECKING:
    from reecal.query.dataset import Dataset

__all__ = [
    "DEADLINE_FIELDS",
    "RECORD_FIELDS",
    "UPCOMING_FIELDS",
    "countdown",
    "deadline_rows",
    "json_pieces",
    "passages",
    "record_dict",
    "record_rows",
    "to_csv",
    "to_json",
    "upcoming_rows",
]

UPCOMING_FIELDS = ("day", "at", "reason", "countdown", "kind", "id", "title", "place", "status",
                   "dates", "precision", "year_inferred", "day_number", "days",
                   "time_published")
"""The public keys of :func:`upcoming_rows`, in order (JSON keys and CSV columns)."""
DEADLINE_FIELDS = ("id", "title", "status", "state", "countdown", "remaining_seconds", "opens",
                   "closes", "closes_local", "zone", "time_published", "year_inferred",
                   "deadline", "closes_text", "closes_local_text")
"""The public keys of :func:`deadline_rows`, in order."""
RECORD_FIELDS = ("first_day", "last_day", "dates", "precision", "year_inferred", "kind", "id",
                 "title", "place", "status", "confidence")
"""The public keys of :func:`record_rows`, in order."""


def countdown(item: Item, now: datetime) -> str:
    """'today', 'tomorrow', 'in 3 days', 'ongoing, day 2 of 4', 'closes in 5 h'.

    >>> import reecal
    >>> from datetime import UTC
    >>> ds = reecal.load()
    >>> now = datetime(2025, 11, 17, 10, 0, tzinfo=UTC)
    >>> [countdown(i, now) for i in ds.upcoming(now, within=3)]
    ['closes in 5 h 59 min']
    """
    if item.reason is Reason.ONGOING:
        return f"ongoing, day {item.day_number} of {item.days}"
    if item.at is not None:
        verb = "closes" if item.reason is Reason.CLOSES else "opens"
        delta = item.at - now
        return f"{verb} now" if delta.total_seconds() <= 0 else f"{verb} in {span(delta)}"
    days = (item.day - now.date()).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {days} days"


def _urgency(seconds: float | None) -> str | None:
    """How a terminal colours a row: red within a day, yellow within a week."""
    if seconds is None or seconds < 0:
        return None
    if seconds < 86400:
        return "red"
    if seconds < 7 * 86400:
        return "yellow"
    return None


def _about(r: Record) -> dict[str, Any]:
    """What every row says about its record, in this order."""
    return {"kind": r.kind.value, "id": r.id, "title": r.title, "_title": shown_title(r),
            "place": r.place.label if r.place else "", "status": r.status.value}


def _sureness(r: Record) -> dict[str, Any]:
    """How precisely the record is dated: the phrase, the precision and the year's origin."""
    return {"dates": dates_phrase(r), "precision": r.dates.precision.value,
            "year_inferred": r.dates.year_inferred, "_qualifiers": ", ".join(qualifiers(r))}


def upcoming_rows(items: Sequence[Item], now: datetime, tz: tzinfo) -> list[dict[str, Any]]:
    """One row per upcoming item, in the viewer's zone."""
    rows = []
    for i in items:
        r = i.record
        at = i.at.astimezone(tz) if i.at is not None else None
        secs = (i.at - now).total_seconds() if i.at is not None else (
            (i.day - now.date()).days * 86400.0 if i.reason is Reason.STARTS else None)
        rows.append({
            "day": i.day.isoformat(),
            "at": at.isoformat() if at else None,
            "reason": i.reason.value,
            "countdown": countdown(i, now),
            **_about(r),
            **_sureness(r),
            "day_number": i.day_number,
            "days": i.days,
            "time_published": (r.window.time_published if isinstance(r, Programme)
                               and i.reason is Reason.CLOSES else None),
            "_urgency": _urgency(secs),
        })
    return rows


def deadline_rows(deadlines: Sequence[Deadline], now: datetime, tz: tzinfo
                  ) -> list[dict[str, Any]]:
    """One row per application window: state, time left, closing in both zones."""
    rows = []
    for d in deadlines:
        w = d.record.window
        if d.state is State.NOT_YET_OPEN:
            when = f"opens in {span(d.remaining)}"
        elif d.state is State.OPEN:
            when = f"closes in {span(d.remaining)}"
        else:
            when = f"closed {span(d.remaining)} ago"
        rows.append({
            "id": d.record.id,
            "title": d.record.title,
            "_title": qualified(shown_title(d.record), d.record, title=True),
            "status": d.record.status.value,
            "state": d.state.value,
            "countdown": when,
            "remaining_seconds": int(d.remaining.total_seconds()),
            "opens": d.opens_at.isoformat() if d.opens_at else None,
            "closes": d.closes_at.isoformat(),
            "closes_local": d.closes_at.astimezone(tz).isoformat(),
            "zone": w.tz,
            "time_published": w.time_published,
            "year_inferred": d.record.dates.year_inferred,
            "deadline": qualified(deadline_phrase(w), d.record),
            "closes_text": instant(d.closes_at) + " " + zone_label(w.tz),
            "closes_local_text": instant(d.closes_at, tz),
            "_urgency": _urgency(d.remaining.total_seconds()) if d.state is State.OPEN else None,
        })
    return rows


def _day(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


def _value(v: Any) -> Any:
    if isinstance(v, datetime | date):
        return v.isoformat()
    if isinstance(v, Enum):
        return v.value
    return v


_NAMES: dict[type, tuple[str, ...]] = {}
_ATOMS = frozenset({str, int, float, bool, type(None)})


def _plain(inst: Any) -> dict[str, Any]:
    """What ``attrs.asdict(inst, value_serializer=...)`` with :func:`_value` gives for a
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
    return _value(v)


def record_dict(r: Record, ds: Dataset | None = None) -> dict[str, Any]:
    """A record as plain JSON-ready values, with its computed dates and names added."""
    data = {"kind": r.kind.value, **_plain(r)}
    d = r.dates
    data["first_day"] = d.first_day.isoformat()
    data["last_day"] = _day(d.known_last_day)
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
        "last_day": _day(r.dates.known_last_day),
        **_sureness(r),
        **_about(r),
        "confidence": r.certainty.confidence.value,
    } for r in records]


def to_json(payload: Any) -> str:
    """Stable JSON: keys in a fixed order, non-ASCII kept, private keys dropped."""
    return "".join(json_pieces(payload))


def json_pieces(payload: Any) -> Iterator[str]:
    """:func:`to_json`'s text in small pieces (a key with its text or number is one), to
    write as they come: joined, the pieces of a large listing take several times the
    text's size.  The text is the standard encoder's with ``indent=2``, byte for byte;
    it is made here, with the C encoder's quoting of text, as that encoder with an
    indent is pure Python, and spent longer than the listing's every other step."""
    import json

    quote = json.encoder.encode_basestring  # the C function, as ensure_ascii=False uses
    standard = json.JSONEncoder(ensure_ascii=False, indent=2)
    inf = float("inf")
    plain: dict[type, Callable[[Any], str]] = {  # values written as they are
        bool: lambda b: "true" if b else "false", int: int.__repr__,
        type(None): lambda _: "null"}

    def dump(x: Any, pad: str, out: list[str]) -> None:
        cls = x.__class__
        if cls is str:
            out.append(quote(x))
        elif cls in plain:
            out.append(plain[cls](x))
        elif isinstance(x, dict):
            keys = [k for k in x if not str(k).startswith("_")]
            if not keys:
                out.append("{}")
                return
            inner = pad + "  "
            sep = "{" + inner
            for k in keys:
                if k.__class__ is not str:
                    raise TypeError(k)  # a key the standard encoder words: it says
                v = x[k]
                head = sep + quote(k) + ": "
                if v.__class__ is str:  # a key and its text or number: one piece
                    out.append(head + quote(v))
                elif v.__class__ in plain:
                    out.append(head + plain[v.__class__](v))
                else:
                    out.append(head)
                    dump(v, inner, out)
                sep = "," + inner
            out.append(pad + "}")
        elif isinstance(x, list | tuple):
            if not x:
                out.append("[]")
                return
            inner = pad + "  "
            sep = "[" + inner
            for v in x:
                out.append(sep)
                dump(v, inner, out)
                sep = "," + inner
            out.append(pad + "]")
        else:
            x = _value(x)
            if isinstance(x, str):
                out.append(quote(x))
            elif x is None or x is True or x is False:
                out.append("null" if x is None else "true" if x else "false")
            elif isinstance(x, int):
                out.append(int.__repr__(x))
            elif isinstance(x, float):
                out.append("NaN" if x != x else "Infinity" if x == inf else
                           "-Infinity" if x == -inf else float.__repr__(x))
            else:
                raise TypeError(x)  # not JSON: the standard encoder says so

    def pieces(x: Any, pad: str, before: str) -> list[str]:
        out = [before]
        try:
            dump(x, pad, out)
        except TypeError:  # a key that is not text, or a value that is not JSON: the
            text = standard.encode(_clean(x))  # standard encoder words it, or says why
            return [before, text.replace("\n", pad)]  # (no string holds a raw newline)
        return out

    def stream(x: Any, pad: str, before: str, depth: int) -> Iterator[str]:
        """The pieces of *x*, made one item at a time at the outer levels (a listing's
        table and its list of records), so that no more than a record's wait."""
        keys = [k for k in x if not str(k).startswith("_")] if isinstance(x, dict) else []
        if depth < 2 and keys and all(k.__class__ is str for k in keys):
            inner = pad + "  "
            sep = before + "{" + inner
            for k in keys:
                yield from stream(x[k], inner, sep + quote(k) + ": ", depth + 1)
                sep = "," + inner
            yield pad + "}"
        elif depth < 2 and isinstance(x, list | tuple) and x:
            inner = pad + "  "
            sep = before + "[" + inner
            for v in x:
                yield from stream(v, inner, sep, depth + 1)
                sep = "," + inner
            yield pad + "]"
        else:
            yield from pieces(x, pad, before)

    return stream(payload, "\n", "", 0)


def _clean(x: Any) -> Any:
    """*x* without its private keys (``_title``), its values as JSON has them."""
    if isinstance(x, dict):
        return {k: _clean(v) for k, v in x.items() if not str(k).startswith("_")}
    if isinstance(x, list | tuple):
        return [_clean(v) for v in x]
    return _value(x)


def to_csv(rows: Sequence[dict[str, Any]], fields: Sequence[str]) -> str:
    """CSV with a header row of *fields*, even when there are no rows; None is empty,
    booleans are ``true``/``false`` as in the JSON.

    >>> print(to_csv([], ("id", "time_published")), end="")
    id,time_published
    >>> print(to_csv([{"id": "a", "time_published": False}], ("id", "time_published")), end="")
    id,time_published
    a,false
    """
    import csv
    import io

    def cell(v: Any) -> Any:
        if v is None:
            return ""
        if isinstance(v, bool):
            return "true" if v else "false"
        return v

    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(fields), lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    for r in rows:
        w.writerow({k: cell(r.get(k)) for k in fields})
    return buf.getvalue()
