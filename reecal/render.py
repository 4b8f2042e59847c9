"""Rows for people and scripts: query results → table rows, JSON, CSV.

The functions here are pure: they take the query results, "now" and the viewer's
zone, and return rows (dicts of plain values) or text.  The CLI only chooses which.

JSON output is stable: keys are fixed per command, instants are ISO 8601 with their
UTC offset, days are ISO dates, and kinds, reasons and states are the enum values.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime, tzinfo
from enum import Enum
from typing import Any, NamedTuple

import attrs

from .dataset import Dataset, Deadline, Item, Reason, State
from .model import DatePrecision, Event, Programme, Record
from .timefmt import day, day_range, deadline_phrase, instant, span, zone_label

__all__ = [
    "Column",
    "countdown",
    "deadline_rows",
    "record_dict",
    "record_rows",
    "table",
    "to_csv",
    "to_json",
    "upcoming_rows",
]

RED, YELLOW, RESET = "\x1b[31m", "\x1b[33m", "\x1b[0m"


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
    if seconds is None or seconds < 0:
        return None
    if seconds < 86400:
        return "red"
    if seconds < 7 * 86400:
        return "yellow"
    return None


def _place(r: Record) -> str:
    return r.place.label if r.place else ""


UPCOMING_FIELDS = ("day", "at", "reason", "countdown", "kind", "id", "title", "place", "status",
                   "day_number", "days", "time_published")
"""The public keys of :func:`upcoming_rows`, in order (JSON keys and CSV columns)."""
DEADLINE_FIELDS = ("id", "title", "status", "state", "countdown", "remaining_seconds", "opens",
                   "closes", "closes_local", "zone", "time_published", "deadline",
                   "closes_text", "closes_local_text")
"""The public keys of :func:`deadline_rows`, in order."""
RECORD_FIELDS = ("first_day", "last_day", "dates", "kind", "id", "title", "place", "status",
                 "confidence")
"""The public keys of :func:`record_rows`, in order."""


def _shown_title(r: Record) -> str:
    """The title as tables show it: with "Cancelled: " or "Postponed: " as in the feeds."""
    return r.status.prefix + r.title


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
            "kind": r.kind.value,
            "id": r.id,
            "title": r.title,
            "_title": _shown_title(r),
            "place": _place(r),
            "status": r.status.value,
            "day_number": i.day_number,
            "days": i.days,
            "time_published": (r.window.time_published if isinstance(r, Programme)
                               and i.reason is Reason.CLOSES else None),
            "_urgency": _urgency(secs),
        })
    return rows


def deadline_rows(deadlines: Sequence[Deadline], now: datetime, tz: tzinfo) -> list[
        dict[str, Any]]:
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
            "_title": _shown_title(d.record),
            "status": d.record.status.value,
            "state": d.state.value,
            "countdown": when,
            "remaining_seconds": int(d.remaining.total_seconds()),
            "opens": d.opens_at.isoformat() if d.opens_at else None,
            "closes": d.closes_at.isoformat(),
            "closes_local": d.closes_at.astimezone(tz).isoformat(),
            "zone": w.tz,
            "time_published": w.time_published,
            "deadline": deadline_phrase(w),
            "closes_text": instant(d.closes_at) + " " + zone_label(w.tz),
            "closes_local_text": instant(d.closes_at, tz),
            "_urgency": _urgency(d.remaining.total_seconds()) if d.state is State.OPEN else None,
        })
    return rows


NOT_PUBLISHED = ("* time not published: the deadline is taken as the end of that day "
                 "in the organiser's zone.")


def upcoming_table(rows: Sequence[dict[str, Any]], columns: Sequence[Column], *,
                   max_width: int | None = None, color: bool = False) -> str:
    """The ``upcoming`` table: a timed item shows its local time, a day item its day;
    a deadline whose time was not published is marked ``*`` and explained below."""
    shown = []
    for r in rows:
        when = r["at"][:16].replace("T", " ") if r["at"] else r["day"]
        shown.append({**r, "when": when + ("*" if r["time_published"] is False else "")})
    return _with_note(table(shown, columns, max_width=max_width, color=color), rows)


def deadline_table(rows: Sequence[dict[str, Any]], columns: Sequence[Column], *,
                   max_width: int | None = None, color: bool = False) -> str:
    """The ``deadlines`` table, with the same ``*`` mark and note as ``upcoming``."""
    shown = [{**r, "mark": "" if r["time_published"] else "*"} for r in rows]
    return _with_note(table(shown, columns, max_width=max_width, color=color), rows)


def _with_note(text: str, rows: Sequence[dict[str, Any]]) -> str:
    if any(r.get("time_published") is False for r in rows):
        return text + "\n" + NOT_PUBLISHED
    return text


def _value(v: Any) -> Any:
    if isinstance(v, datetime | date):
        return v.isoformat()
    if isinstance(v, Enum):
        return v.value
    return v


def record_dict(r: Record, ds: Dataset | None = None) -> dict[str, Any]:
    """A record as plain JSON-ready values, with computed dates and names added."""
    data: dict[str, Any] = attrs.asdict(r, value_serializer=lambda _inst, _field, v: _value(v))
    data = {"kind": r.kind.value, **data}
    data["first_day"] = r.first_day.isoformat()
    data["last_day"] = r.last_day.isoformat()
    if isinstance(r, Event):
        data["end_exclusive"] = r.end_exclusive.isoformat()
    if isinstance(r, Programme):
        w = r.window
        data["window"]["opens_at"] = w.opens_at.isoformat() if w.opens_at else None
        data["window"]["closes_at"] = w.closes_at.isoformat()
        data["window"]["time_published"] = w.time_published
    if ds is not None:
        data["organisations"] = [{"id": o.id, "name": o.name, "name_zh": o.name_zh,
                                  "short": o.short} for o in ds.organisers_of(r)]
        data["children"] = [c.id for c in ds.children(r.id)]
        origin = ds.origin(r.id)
        data["defined_in"] = str(origin) if origin else None
    return data


def record_rows(records: Iterable[Record]) -> list[dict[str, Any]]:
    """Rows for ``list`` and ``search``: dates, kind, id, title, place, status."""
    rows = []
    for r in records:
        if isinstance(r, Programme):
            when = f"closes {day(r.window.closes_at.date())}"
        elif r.certainty.dates is DatePrecision.BEFORE_PARENT:
            when = f"by {day(r.start)}"
        else:
            when = day_range(r.start, r.end) + ("" if r.end is not None else " (opening)")
        rows.append({
            "first_day": r.first_day.isoformat(),
            "last_day": r.last_day.isoformat(),
            "dates": when,
            "kind": r.kind.value,
            "id": r.id,
            "title": r.title,
            "_title": _shown_title(r),
            "place": _place(r),
            "status": r.status.value,
            "confidence": r.certainty.confidence.value,
        })
    return rows


# --------------------------------------------------------------------------- text


def width(text: str) -> int:
    """Columns *text* takes in a terminal (CJK characters take two; marks none)."""
    total = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


def _clip(text: str, limit: int) -> str:
    if width(text) <= limit:
        return text
    out, used = [], 0
    for ch in text:
        w = width(ch)
        if used + w > limit - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


class Column(NamedTuple):
    key: str
    header: str
    flexible: bool = False


def table(rows: Sequence[dict[str, Any]], columns: Sequence[Column], *,
          max_width: int | None = None, color: bool = False, headers: bool = True) -> str:
    """Aligned columns; flexible columns shrink (with …) to fit *max_width*."""
    cells = [[str(r.get(c.key) or "") for c in columns] for r in rows]
    if headers:
        cells.insert(0, [c.header for c in columns])
    widths = [max((width(row[i]) for row in cells), default=0) for i in range(len(columns))]
    gap = 2
    if max_width is not None:
        over = sum(widths) + gap * (len(columns) - 1) - max_width
        flex = [i for i, c in enumerate(columns) if c.flexible]
        while over > 0 and flex:  # trim the widest flexible column, one cell at a time
            i = max(flex, key=lambda k: widths[k])
            if widths[i] <= 10:
                break
            widths[i] -= 1
            over -= 1
    lines = []
    for n, row in enumerate(cells):
        parts = []
        for i, text in enumerate(row):
            text = _clip(text, widths[i])
            pad = widths[i] - width(text)
            parts.append(text + " " * pad if i < len(row) - 1 else text)
        line = (" " * gap).join(parts).rstrip()
        source = rows[n - 1] if headers and n > 0 else (rows[n] if not headers else None)
        urgency = source.get("_urgency") if source else None
        if color and urgency:
            line = (RED if urgency == "red" else YELLOW) + line + RESET
        lines.append(line)
    return "\n".join(lines)


def to_json(payload: Any) -> str:
    """Stable JSON: keys in a fixed order, non-ASCII kept, private keys dropped."""
    import json

    def clean(x: Any) -> Any:
        if isinstance(x, dict):
            return {k: clean(v) for k, v in x.items() if not str(k).startswith("_")}
        if isinstance(x, list | tuple):
            return [clean(v) for v in x]
        return _value(x)

    return json.dumps(clean(payload), ensure_ascii=False, indent=2)


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


def show_text(r: Record, ds: Dataset) -> str:
    """Everything about one record, for ``reecal show``."""
    from .ics import describe

    head = [f"{r.title}", f"  id: {r.id}   kind: {r.kind.value}   status: {r.status.value}"]
    if r.title_zh:
        head.insert(1, f"  {r.title_zh}")
    if r.aliases:
        head.append("  also: " + "; ".join(r.aliases))
    if r.place:
        tz = f" ({r.place.tz})"
        geo = f" [{r.place.lat}, {r.place.lon}]" if r.place.lat is not None else ""
        head.append(f"  place: {r.place.label}{tz}{geo}")
    if r.tags:
        head.append("  tags: " + ", ".join(r.tags))
    if r.url:
        head.append(f"  url: {r.url}")
    kids = ds.children(r.id)
    body = describe(r, ds)
    lines = [*head, "", *body.splitlines()]
    before = [c for c in kids if c.certainty.dates is DatePrecision.BEFORE_PARENT]
    parts = [c for c in kids if c not in before]
    if parts:
        lines += ["", "Parts:"] + [f"  {c.id}  {c.title}" for c in parts]
    if before:
        lines += ["", "Before it:"] + [f"  {c.id}  {c.title}" for c in before]
    origin = ds.origin(r.id)
    if origin:
        lines.append(f"Defined in: {origin}")
    return "\n".join(lines)
