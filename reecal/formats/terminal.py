"""Text for a terminal: the ``upcoming``, ``deadlines`` and ``list`` views and one
record in full, each fitting the terminal's width; with no width (piped), nothing is
cut or wrapped.

A view is a table, one row an item, when it fits: ids and dates whole, titles and
places cut with … to no fewer than 30 and 10 columns.  When it cannot fit, each item
is a block: its key facts on a line, then its title, place and id indented, wrapped
to the width (an id is never cut or broken), a blank line between items.

>>> print(table([{"a": "x", "b": "稀土"}], [Column("a", "A"), Column("b", "B")]))
A  B
x  稀土
"""

from __future__ import annotations

import functools

from reecal._namedtuple import NamedTuple
from reecal.formats.fit import clip, pack, width, wrap

TYPE_CHECKING = False  # typing is not imported: the agenda's start-up does without it
if TYPE_CHECKING:
    import re
    from collections.abc import Callable, Sequence
    from typing import Any, TypeAlias

    from reecal.documents import Reader
    from reecal.model.records import Record
    from reecal.query.dataset import Dataset

__all__ = ["Column", "deadlines_text", "listing_text", "notice_text", "passages_text",
           "show_text", "table", "upcoming_text", "values_text"]

RED, YELLOW, RESET = "\x1b[31m", "\x1b[33m", "\x1b[0m"
NOT_PUBLISHED = ("* time not published: the deadline is taken as the end of that day "
                 "in the organiser's zone.")
GAP = "  "
"""Between two columns of a table, and two facts of a block's first line."""

if TYPE_CHECKING:
    Row: TypeAlias = dict[str, Any]
    Block: TypeAlias = Callable[[Row, int], list[str]]
    """An item as a block of lines of at most the given width."""


class Column(NamedTuple):
    """A table column: the row's key it shows, its header, and how few columns it may
    be cut to (with …) to fit the terminal; None: it is never cut."""

    key: str
    header: str
    least: int | None = None


TITLE_LEAST = 30
"""A title cut to fewer columns no longer tells items apart (six bundled titles start
"CRES delegation visits "): below this, a view is shown as blocks."""
UPCOMING = (Column("when", "DATE"), Column("countdown", "WHEN"), Column("kind", "KIND"),
            Column("_title", "TITLE", TITLE_LEAST), Column("place", "PLACE", 10))
DEADLINES = (Column("state", "STATE"), Column("countdown", "WHEN"),
             Column("closes_text", "CLOSES (ORGANISER)"), Column("mark", ""),
             Column("closes_local_text", "CLOSES (YOU)"), Column("_title", "TITLE", TITLE_LEAST))
LISTING = (Column("dates", "DATES"), Column("kind", "KIND"), Column("id", "ID"),
           Column("_title", "TITLE", TITLE_LEAST), Column("place", "PLACE", 10))


def _widths(cells: list[list[str]], columns: Sequence[Column], max_width: int | None
            ) -> list[int] | None:
    """Each column's width: its widest cell, cut a column at a time (from the column
    with the most room above its least) until the table fits *max_width*; None when
    it cannot."""
    widths = [max((width(row[i]) for row in cells), default=0) for i in range(len(columns))]
    if max_width is None:
        return widths
    over = sum(widths) + len(GAP) * (len(columns) - 1) - max_width
    while over > 0:
        cuttable = [i for i, c in enumerate(columns) if c.least is not None
                    and widths[i] > c.least]
        if not cuttable:
            return None
        widths[max(cuttable, key=lambda i: widths[i] - (columns[i].least or 0))] -= 1
        over -= 1
    return widths


def _paint(lines: list[str], row: Row | None, color: bool) -> list[str]:
    """*lines* in the colour of the row's ``_urgency`` (red or yellow), with *color*."""
    urgency = row.get("_urgency") if row else None
    if not (color and urgency):
        return lines
    return [(RED if urgency == "red" else YELLOW) + line + RESET for line in lines]


def table(rows: Sequence[Row], columns: Sequence[Column], *, max_width: int | None = None,
          color: bool = False) -> str | None:
    """Aligned columns with a header, cut (with …) as the columns allow to fit
    *max_width*; None when they cannot fit it.  With *color*, a row's ``_urgency``
    (red or yellow) colours it."""
    cells = [[c.header for c in columns]] + [[str(r.get(c.key) or "") for c in columns]
                                             for r in rows]
    widths = _widths(cells, columns, max_width)
    if widths is None:
        return None
    lines = []
    for n, row in enumerate(cells):
        parts = [clip(text, widths[i]) for i, text in enumerate(row)]
        padded = [p + " " * (widths[i] - width(p)) for i, p in enumerate(parts[:-1])]
        lines += _paint([GAP.join([*padded, parts[-1]]).rstrip()],
                        rows[n - 1] if n else None, color)
    return "\n".join(lines)


def _fitted(rows: Sequence[Row], columns: Sequence[Column], block: Block,
            max_width: int | None, color: bool) -> str:
    """*rows* as a table if it fits *max_width*, else as blocks (see the module); below
    either, what ``*`` means if a row has it (after a blank line below blocks)."""
    shown, gap = table(rows, columns, max_width=max_width, color=color), []
    if shown is None:
        assert max_width is not None  # with no width to fit, every table fits
        shown = "\n\n".join("\n".join(_paint(block(r, max_width), r, color)) for r in rows)
        gap = [""]
    if any(r.get("time_published") is False for r in rows):
        return "\n".join([shown, *gap, *wrap(NOT_PUBLISHED, max_width, "", "  ")])
    return shown


def _about(r: Row, limit: int) -> list[str]:
    """A block's indented lines: the title and place, wrapped, and the id."""
    lines = wrap(r["_title"], limit, "  ")
    if r.get("place"):
        lines += wrap(r["place"], limit, "  ")
    return [*lines, f"  id: {r['id']}"]


def upcoming_text(rows: Sequence[Row], *, max_width: int | None = None,
                  color: bool = False) -> str:
    """The ``upcoming`` view: a timed item shows its local time, a day item its day,
    with the words that say it is less sure than it looks ("opening day, year
    inferred"); a deadline whose time was not published is marked ``*`` and
    explained below."""
    shown = []
    for r in rows:
        when = r["at"][:16].replace("T", " ") if r["at"] else r["day"]
        when += "*" if r["time_published"] is False else ""
        shown.append({**r, "when": when + (f" ({r['_qualifiers']})" if r["_qualifiers"] else "")})

    def block(r: Row, limit: int) -> list[str]:
        return [*pack([r["when"], r["countdown"], r["kind"]], limit), *_about(r, limit)]

    return _fitted(shown, UPCOMING, block, max_width, color)


def deadlines_text(rows: Sequence[Row], *, max_width: int | None = None,
                   color: bool = False) -> str:
    """The ``deadlines`` view: each window's state and time left, and its closing in
    the organiser's zone and in yours, with the same ``*`` mark and note as
    ``upcoming``."""
    shown = [{**r, "mark": "" if r["time_published"] else "*"} for r in rows]

    def block(r: Row, limit: int) -> list[str]:
        closes = r["closes_text"] + (" " + r["mark"] if r["mark"] else "")
        return [*pack([r["state"], r["countdown"]], limit), *wrap(r["_title"], limit, "  "),
                *wrap(closes, limit, "  closes ", " " * 9),
                *wrap(r["closes_local_text"] + " your time", limit, " " * 9),
                f"  id: {r['id']}"]

    return _fitted(shown, DEADLINES, block, max_width, color)


def listing_text(rows: Sequence[Row], *, max_width: int | None = None) -> str:
    """The ``list`` and ``search`` view: each record's dates (with their qualifiers),
    kind, id, title and place."""
    def block(r: Row, limit: int) -> list[str]:
        return [*pack([r["dates"], r["kind"]], limit), *_about(r, limit)]

    return _fitted(rows, LISTING, block, max_width, False)


def notice_text(lines: Sequence[str], *, max_width: int | None = None) -> str:
    """Sentences said instead of a table ("Nothing between…", "did you mean"), each
    wrapped to *max_width* with its continuation lines indented."""
    return "\n".join(out for line in lines for out in wrap(line, max_width, "", "  "))


def values_text(found: dict[str, list[Row]], *, max_width: int | None = None) -> str:
    """The ``values`` view: for each criterion, its values with their number of
    records and, where it says more than the value, the name; a line a value (the name
    indented below) where the table does not fit."""
    out = []
    for criterion, rows in found.items():
        head = criterion.upper()
        shown = [{**r, "label": "" if r["label"] == r["value"] else r["label"]} for r in rows]
        columns = (Column("value", head), Column("records", "RECORDS"),
                   Column("label", "NAME" if any(r["label"] for r in shown) else "", least=20))
        fitted = table(shown, columns, max_width=max_width) if shown else f"{head}\n(none)"
        if fitted is None:
            assert max_width is not None  # with no width to fit, every table fits
            lines = [head]
            for r in shown:
                count = f"{r['records']} record" + ("s" if r["records"] != 1 else "")
                lines += pack([r["value"], count], max_width)
                lines += wrap(r["label"], max_width, "  ") if r["label"] else []
            fitted = "\n".join(lines)
        out.append(fitted)
    return "\n\n".join(out)


def passages_text(r: Record, context: int, max_width: int | None = None,
                  read: Reader | None = None) -> list[str]:
    """The record's quotes in their documents, one listing per document: each line
    shown once, in order, the quoted lines marked with ``>`` and ``…`` where lines are
    skipped; a long line wraps to *max_width* with its mark and beside its number."""
    from reecal.documents import passage, text

    read = read or text
    out: list[str] = []
    shown: dict[str, tuple[dict[int, str], set[int]]] = {}  # document -> lines, quoted
    for s in r.sources:
        p = passage(s, context, read)
        if p is None:
            note = ["", *wrap(f"{s.document}: not bundled with reecal nor beside the data "
                              "file; the quote cannot be shown in its context here.",
                              max_width)]
            out += [] if note[1] in out else note
            continue
        lines, quoted = shown.setdefault(p.document, ({}, set()))
        lines.update(enumerate(p.lines, start=p.first_line))
        quoted.update(range(p.quote_from, p.quote_to + 1))
    for document, (lines, quoted) in shown.items():
        numbers = sorted(lines)
        body = (read(document) or "").splitlines()
        out += ["", *wrap(f"{document}, lines {numbers[0]}–{numbers[-1]}:", max_width)]
        for previous, n in zip([numbers[0], *numbers], numbers, strict=False):
            skipped = range(previous + 1, n)
            if skipped:
                out += ["", "…"] if any(body[k - 1].strip() for k in skipped) else [""]
            mark = ">" if n in quoted else " "
            line = lines[n].strip()
            out += wrap(line, max_width, f"{mark} {n:3}  ", f"{mark}      ") if line else [
                mark.strip()]
    return out


@functools.cache
def _label() -> re.Pattern[str]:
    """A paragraph that starts with a label ("dates: "), whose lines wrap under it."""
    import re  # (only show wraps paragraphs: the agenda's start-up does without re)

    return re.compile(r" *[^ :]+(?: [^ :]+){0,3}: ")
"""A line that starts with a label ("People: ", "  id: ")."""


def _paragraph(line: str, max_width: int | None) -> list[str]:
    """One line of ``show``, wrapped to *max_width*: its continuation lines indented as
    it is, and two columns more after a label."""
    text = line.lstrip(" ")
    indent = line[:len(line) - len(text)]
    return wrap(text, max_width, indent, indent + ("  " if _label().match(line) else ""))


def show_text(r: Record, ds: Dataset, context: int | None = None, *,
              max_width: int | None = None) -> str:
    """Everything about one record, for ``reecal show``, wrapped to *max_width*; with
    *context*, each quote in its document (:func:`passages_text`)."""
    from reecal.formats.prose import describe, history_lines  # only show needs the model

    lines = _paragraph(r.title, max_width)
    if r.title_zh:
        lines += _paragraph(f"  {r.title_zh}", max_width)
    lines += pack([f"id: {r.id}", f"kind: {r.kind.value}", f"status: {r.status.value}"],
                  max_width, "   ", "  ", "    ")
    head = []
    if r.aliases:
        head.append("  also: " + "; ".join(r.aliases))
    if r.place:
        geo = f" [{r.place.lat}, {r.place.lon}]" if r.place.lat is not None else ""
        head.append(f"  place: {r.place.label} ({r.place.tz}){geo}")
    if r.tags:
        head.append("  tags: " + ", ".join(r.tags))
    if r.url:
        head.append(f"  url: {r.url}")
    lines += [x for line in [*head, "", *describe(r, ds).splitlines()]
              for x in _paragraph(line, max_width)]
    kids = ds.children(r.id)
    before = [c for c in kids if c.dates.on_or_before]
    parts = [c for c in kids if not c.dates.on_or_before]
    for label, group in (("Parts:", parts), ("Before it:", before)):
        if group:
            lines += ["", label] + [x for c in group
                                    for x in wrap(f"{c.id}  {c.title}", max_width, "  ", "    ")]
    lines += [x for line in history_lines(r) for x in _paragraph(line, max_width)]
    origin = ds.origin(r.id)
    if origin:
        lines += _paragraph(f"Defined in: {origin}", max_width)
    if context is not None:
        lines += ["", "Sources in context:",
                  *passages_text(r, context, max_width, ds.reader(r.id))[1:]]
    return "\n".join(lines)
