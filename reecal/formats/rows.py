"""Rows for people and scripts: query results → rows of plain values, JSON and CSV.

The functions here are pure: they take the query results, "now" and the viewer's
zone, and return rows (dicts of plain values) or text.  Keys starting with ``_`` are
for the terminal only and never reach JSON or CSV.

JSON output is stable: keys are fixed per command, instants are ISO 8601 with their
UTC offset, days are ISO dates, and kinds, reasons and states are the enum values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, tzinfo

from reecal.formats.plain import plain
from reecal.formats.words import instant, span
from reecal.model.enums import DatePrecision
from reecal.query.agenda import Deadline, Item, Reason, State
from reecal.query.brief import Brief

TYPE_CHECKING = False  # typing is not imported: the agenda's start-up does without it
if TYPE_CHECKING:
    from typing import Any

    from reecal.model.records import Record

__all__ = [
    "DEADLINE_FIELDS",
    "RECORD_FIELDS",
    "UPCOMING_FIELDS",
    "countdown",
    "deadline_rows",
    "json_chunks",
    "json_pieces",
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
    d = item.record.dates
    if item.reason is Reason.ONGOING:
        if d.precision is DatePrecision.WITHIN_PARENT:  # some day of these, not each
            return f"possibly today (day {item.day_number} of {item.days})"
        return f"ongoing, day {item.day_number} of {item.days}"
    if item.at is not None:
        verb = "closes" if item.reason is Reason.CLOSES else "opens"
        delta = item.at - now
        return f"{verb} now" if delta.total_seconds() <= 0 else f"{verb} in {span(delta)}"
    days = (item.day - now.date()).days
    said = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
    return said + BOUND.get(d.precision, "")


BOUND = {DatePrecision.BEFORE_PARENT: " at the latest",
         DatePrecision.WITHIN_PARENT: " at the earliest"}
"""What a countdown to the day shown adds when the record's day is not known: the day
shown is the latest it can be ("on or before"), or the first of those it can be."""


def _urgency(seconds: float | None) -> str | None:
    """How a terminal colours a row: red within a day, yellow within a week."""
    if seconds is None or seconds < 0:
        return None
    if seconds < 86400:
        return "red"
    if seconds < 7 * 86400:
        return "yellow"
    return None


def _facts(r: Record | Brief) -> dict[str, Any]:
    """What the rows say of *r* whatever the moment: kept in a brief, else worked out."""
    if isinstance(r, Brief):
        return r.facts
    from reecal.formats.facts import facts

    return facts(r)


_ABOUT = ("kind", "id", "title", "_title", "place", "status")
_SURENESS = ("dates", "precision", "year_inferred", "_qualifiers")


def _pick(f: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: f[k] for k in keys}


def upcoming_rows(items: Sequence[Item], now: datetime, tz: tzinfo) -> list[dict[str, Any]]:
    """One row per upcoming item, in the viewer's zone."""
    rows = []
    for i in items:
        f = _facts(i.record)
        at = i.at.astimezone(tz) if i.at is not None else None
        secs = (i.at - now).total_seconds() if i.at is not None else (
            (i.day - now.date()).days * 86400.0 if i.reason is Reason.STARTS else None)
        rows.append({
            "day": i.day.isoformat(),
            "at": at.isoformat() if at else None,
            "reason": i.reason.value,
            "countdown": countdown(i, now),
            **_pick(f, _ABOUT),
            **_pick(f, _SURENESS),
            "day_number": i.day_number,
            "days": i.days,
            "time_published": f["time_published"] if i.reason is Reason.CLOSES else None,
            "_urgency": _urgency(secs),
            "_bound": BOUND.get(i.record.dates.precision, ""),  # (the page's live countdown)
        })
    return rows


def deadline_rows(deadlines: Sequence[Deadline], now: datetime, tz: tzinfo
                  ) -> list[dict[str, Any]]:
    """One row per application window: state, time left, closing in both zones."""
    rows = []
    for d in deadlines:
        f = _facts(d.record)
        if d.state is State.NOT_YET_OPEN:
            when = f"opens in {span(d.remaining)}"
        elif d.state is State.OPEN:
            when = f"closes in {span(d.remaining)}"
        else:
            when = f"closed {span(d.remaining)} ago"
        rows.append({
            "id": f["id"],
            "title": f["title"],
            "_title": f["_deadline_title"],
            "status": f["status"],
            "state": d.state.value,
            "countdown": when,
            "remaining_seconds": int(d.remaining.total_seconds()),
            "opens": d.opens_at.isoformat() if d.opens_at else None,
            "closes": d.closes_at.isoformat(),
            "closes_local": d.closes_at.astimezone(tz).isoformat(),
            "zone": f["zone"],
            "time_published": f["time_published"],
            "year_inferred": f["year_inferred"],
            "deadline": f["deadline"],
            "closes_text": f["closes_text"],
            "closes_local_text": instant(d.closes_at, tz),
            "_urgency": _urgency(d.remaining.total_seconds()) if d.state is State.OPEN else None,
        })
    return rows


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
    atoms: dict[type, Callable[[Any], str]] = {  # values written as they are
        bool: lambda b: "true" if b else "false", int: int.__repr__,
        type(None): lambda _: "null"}

    def dump(x: Any, pad: str, out: list[str]) -> None:
        cls = x.__class__
        if cls is str:
            out.append(quote(x))
        elif cls in atoms:
            out.append(atoms[cls](x))
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
                elif v.__class__ in atoms:
                    out.append(head + atoms[v.__class__](v))
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
            x = plain(x)
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


def json_chunks(payload: Any) -> Iterator[str]:
    """:func:`to_json`'s text and a newline, a few thousand pieces at a time: what the
    command line writes (and keeps, for ``list``), never all of it joined at once."""
    batch: list[str] = []
    for piece in json_pieces(payload):
        batch.append(piece)
        if len(batch) == 4096:
            yield "".join(batch)
            batch.clear()
    yield "".join(batch) + "\n"


def _clean(x: Any) -> Any:
    """*x* without its private keys (``_title``), its values as JSON has them."""
    if isinstance(x, dict):
        return {k: _clean(v) for k, v in x.items() if not str(k).startswith("_")}
    if isinstance(x, list | tuple):
        return [_clean(v) for v in x]
    return plain(x)


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
