"""Rows for people and scripts: query results → rows of plain values, JSON and CSV.

The functions here are pure: they take the query results, "now" and the viewer's
zone, and return rows (dicts of plain values) or text.  Keys starting with ``_`` are
for the terminal only and never reach JSON or CSV.

JSON output is stable: keys are fixed per command, instants are ISO 8601 with their
UTC offset, days are ISO dates, and kinds, reasons and states are the enum values.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from reecal.formats.plain import plain
from reecal.formats.words import instant, span
from reecal.query.agenda import Deadline, Item, Reason, State
from reecal.query.brief import Brief

if TYPE_CHECKING:
    from reecal.model.records import Record

__all__ = [
    "DEADLINE_FIELDS",
    "RECORD_FIELDS",
    "UPCOMING_FIELDS",
    "countdown",
    "deadline_rows",
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
    """:func:`to_json`'s text in the small pieces the encoder makes, to write as they
    come: joined, the pieces of a large listing take several times the text's size."""
    import json

    def clean(x: Any) -> Any:
        if isinstance(x, dict):
            return {k: clean(v) for k, v in x.items() if not str(k).startswith("_")}
        if isinstance(x, list | tuple):
            return [clean(v) for v in x]
        return plain(x)

    return json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(clean(payload))


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
