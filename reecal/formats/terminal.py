"""Text for a terminal: aligned tables that fit its width, and one record in full.

>>> print(table([{"a": "x", "b": "稀土"}], [Column("a", "A"), Column("b", "B")]))
A  B
x  稀土
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from reecal.formats.prose import describe
from reecal.model.records import Record

if TYPE_CHECKING:
    from reecal.query.dataset import Dataset

__all__ = ["Column", "deadline_table", "passages_text", "show_text", "table", "upcoming_table",
           "width"]

RED, YELLOW, RESET = "\x1b[31m", "\x1b[33m", "\x1b[0m"
NOT_PUBLISHED = ("* time not published: the deadline is taken as the end of that day "
                 "in the organiser's zone.")


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
          max_width: int | None = None, color: bool = False) -> str:
    """Aligned columns with a header; flexible columns shrink (with …) to fit *max_width*.
    With *color*, a row's ``_urgency`` (red or yellow) colours it."""
    cells = [[c.header for c in columns]] + [[str(r.get(c.key) or "") for c in columns]
                                             for r in rows]
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
        urgency = rows[n - 1].get("_urgency") if n > 0 else None
        if color and urgency:
            line = (RED if urgency == "red" else YELLOW) + line + RESET
        lines.append(line)
    return "\n".join(lines)


def _with_note(text: str, rows: Sequence[dict[str, Any]]) -> str:
    if any(r.get("time_published") is False for r in rows):
        return text + "\n" + NOT_PUBLISHED
    return text


def upcoming_table(rows: Sequence[dict[str, Any]], columns: Sequence[Column], *,
                   max_width: int | None = None, color: bool = False) -> str:
    """The ``upcoming`` table: a timed item shows its local time, a day item its day,
    with the words that say it is less sure than it looks ("opening day, year
    inferred"); a deadline whose time was not published is marked ``*`` and
    explained below."""
    shown = []
    for r in rows:
        when = r["at"][:16].replace("T", " ") if r["at"] else r["day"]
        when += "*" if r["time_published"] is False else ""
        shown.append({**r, "when": when + (f" ({r['_qualifiers']})" if r["_qualifiers"] else "")})
    return _with_note(table(shown, columns, max_width=max_width, color=color), rows)


def deadline_table(rows: Sequence[dict[str, Any]], columns: Sequence[Column], *,
                   max_width: int | None = None, color: bool = False) -> str:
    """The ``deadlines`` table, with the same ``*`` mark and note as ``upcoming``."""
    shown = [{**r, "mark": "" if r["time_published"] else "*"} for r in rows]
    return _with_note(table(shown, columns, max_width=max_width, color=color), rows)


def passages_text(r: Record, context: int) -> list[str]:
    """Each source's quote in its document, the quoted lines marked with ``>``."""
    from reecal.documents import passage

    out = []
    for s in r.sources:
        p = passage(s, context)
        if p is None:
            out += ["", f"{s.document}: not bundled with reecal; the quote cannot be shown "
                        "in its context here."]
            continue
        out += ["", f"{p.document}, line {p.first_line}:"]
        for n, line in enumerate(p.lines, start=p.first_line):
            mark = ">" if p.quote_from <= n <= p.quote_to else " "
            out.append(f"{mark} {n:3}  {line.strip()}" if line.strip() else mark.strip())
    return out


def show_text(r: Record, ds: Dataset, context: int | None = None) -> str:
    """Everything about one record, for ``reecal show``; with *context*, each quote
    in its document (:func:`passages_text`)."""
    head = [f"{r.title}", f"  id: {r.id}   kind: {r.kind.value}   status: {r.status.value}"]
    if r.title_zh:
        head.insert(1, f"  {r.title_zh}")
    if r.aliases:
        head.append("  also: " + "; ".join(r.aliases))
    if r.place:
        geo = f" [{r.place.lat}, {r.place.lon}]" if r.place.lat is not None else ""
        head.append(f"  place: {r.place.label} ({r.place.tz}){geo}")
    if r.tags:
        head.append("  tags: " + ", ".join(r.tags))
    if r.url:
        head.append(f"  url: {r.url}")
    lines = [*head, "", *describe(r, ds).splitlines()]
    kids = ds.children(r.id)
    before = [c for c in kids if c.dates.on_or_before]
    parts = [c for c in kids if not c.dates.on_or_before]
    if parts:
        lines += ["", "Parts:"] + [f"  {c.id}  {c.title}" for c in parts]
    if before:
        lines += ["", "Before it:"] + [f"  {c.id}  {c.title}" for c in before]
    origin = ds.origin(r.id)
    if origin:
        lines.append(f"Defined in: {origin}")
    if context is not None:
        lines += ["", "Sources in context:", *passages_text(r, context)[1:]]
    return "\n".join(lines)
