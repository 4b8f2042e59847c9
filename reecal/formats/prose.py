"""What is said about a record, in words: its title line, its dates, its certainty and
its description.  The feeds, the tables, ``show`` and JSON all say it this way.

>>> import reecal
>>> ds = reecal.load()
>>> summary(ds.get("baotou-rare-earth-forum-15"))
'Forum: 15th China Baotou Rare Earth Industry Forum (opening day; year inferred)'
>>> for i in ("baotou-rare-earth-forum-15", "cres-visit-jxust-2025",
...           "wang-lixia-visit-baotou-rare-earth-research-institute-2023",
...           "cast-doctoral-talent-2025"):
...     print(dates_phrase(ds.get(i)))
16 Aug 2023 (opening day, year inferred)
15–16 Apr 2025 (days not published, year inferred)
16 Aug 2023 (on or before, year inferred)
closes 17 Nov 2025
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reecal.formats.words import day, day_range, deadline_phrase, instant, month, zone_label
from reecal.model.dates import Part
from reecal.model.enums import DatePrecision, Verification
from reecal.model.records import Event, Programme, Record

if TYPE_CHECKING:
    from reecal.model.values import Source
    from reecal.query.dataset import Dataset

__all__ = ["certainty_lines", "changes_said", "date_lines", "dates_phrase", "describe",
           "qualified", "qualifiers", "shown_title", "source_line", "summary"]


def shown_title(r: Record) -> str:
    """The title as tables show it: with "Cancelled: " or "Postponed: " as in the feeds."""
    return r.status.prefix + r.title


_SHORT = {DatePrecision.START_ONLY: "opening day", DatePrecision.BEFORE_PARENT: "on or before",
          DatePrecision.WITHIN_PARENT: "days not published",
          DatePrecision.MONTH: "day not published", DatePrecision.ESTIMATED: "estimated"}
"""How a table row qualifies a date that is less precise than it looks."""
_TITLE = {DatePrecision.START_ONLY: "opening day", DatePrecision.BEFORE_PARENT:
          "on or before this day", DatePrecision.WITHIN_PARENT: "exact days not published",
          DatePrecision.MONTH: "some day this month"}
"""How a feed event's title qualifies it (the event itself shows the days; an estimate's
own title says "(estimated)")."""
_YEAR_INFERRED = "year inferred"


def qualifiers(r: Record, *, title: bool = False) -> tuple[str, ...]:
    """The words that say a date is less sure than it looks: its precision, and
    "year inferred" (none for an exactly dated record whose source gives the year).

    >>> import reecal
    >>> qualifiers(reecal.load().get("baotou-rare-earth-forum-15"))
    ('opening day', 'year inferred')
    """
    d = r.dates
    words = (_TITLE if title else _SHORT).get(d.precision)
    return ((words,) if words else ()) + ((_YEAR_INFERRED,) if d.year_inferred else ())


def summary(r: Record, part: Part = Part.EVENT) -> str:
    """The title line of the feed event for *part*: status, kind, title, the date's role,
    and how sure its date is ("(opening day; year inferred)")."""
    prefix = r.status.prefix
    marks = qualifiers(r, title=True)
    tail = f" ({'; '.join(marks)})" if marks else ""
    if isinstance(r, Programme):
        if part == Part.OPENS:
            return f"{prefix}Applications open: {r.title}{tail}"
        extended = " (extended)" if r.window.extended_from is not None else ""
        return f"{prefix}Application deadline{extended}: {r.title}{tail}"
    title = r.title + (f" / {r.title_zh}" if r.title_zh else "")
    return f"{prefix}{r.kind.value.capitalize()}: {title}{tail}"


def _when(r: Record) -> str:
    d = r.dates
    if isinstance(r, Programme):
        return f"closes {day(d.last_day)}"
    if d.precision is DatePrecision.MONTH:
        return month(d.first_day)
    if d.open_ended:
        return ("from " if d.precision is DatePrecision.WITHIN_PARENT else "") + day(d.first_day)
    return day_range(d.first_day, d.last_day)


def qualified(text: str, r: Record, *, title: bool = False) -> str:
    """*text*, which shows *r*'s date (or, *title*, is its title), followed by its
    :func:`qualifiers` if it has any: '16 Aug 2023 (opening day, year inferred)'."""
    marks = qualifiers(r, title=title)
    return text + (f" ({', '.join(marks)})" if marks else "")


def dates_phrase(r: Record) -> str:
    """The record's dates in a few words, with their qualifiers, for a table row."""
    return qualified(_when(r), r)


_PRECISION = {
    DatePrecision.START_ONLY: "Only the opening day is published; the end date is not.",
    DatePrecision.WITHIN_PARENT: "Its day is not published: the source dates only the event "
                                 "it is part of, and it is shown across that event's days.",
    DatePrecision.BEFORE_PARENT: "The source says only that it happened before the related "
                                 "event began: shown on that event's first day, the latest "
                                 "day it could have been.",
    DatePrecision.MONTH: "Only the month is published: shown across the whole month.",
    DatePrecision.ESTIMATED: "No source announces it: reecal estimates it from the series' "
                             "earlier editions, and shows it across the days it is expected "
                             "within. A real record of this edition replaces it.",
}


_ESTIMATED_DEADLINE = ("No source announces it: reecal estimates it from the series' "
                       "earlier editions, and shows the deadline on the earliest day it is "
                       "expected. A real record of this edition replaces it.")


def certainty_lines(r: Record) -> list[str]:
    """How sure the record is, and why, one sentence a line; the disclaimers its own
    sources carry are quoted (:mod:`reecal.documents`)."""
    from reecal.documents import cited

    c = r.certainty
    out = [f"Confidence: {c.confidence.value}."]
    if c.year_inferred:
        out.append("Year inferred (the source gives none).")
    if isinstance(r, Programme) and r.dates.precision is DatePrecision.ESTIMATED:
        out.append(_ESTIMATED_DEADLINE)
    elif r.dates.precision in _PRECISION:
        out.append(_PRECISION[r.dates.precision])
    if c.reason:
        out.append("Why: " + c.reason)
    if c.verification is Verification.UNVERIFIED:
        out.append("Not independently verified.")
    elif c.verification is Verification.IMPORTED:
        out.append("Imported from the organiser's calendar file; not yet checked.")
    for doc in cited(r.sources):
        says = (f"It says: \u201c{doc.disclaimer}\u201d" if doc.disclaimer
                else "It carries no disclaimer.")
        out.append(f"Document {doc.path}: {doc.title}. {says}")
    out += [f"Not from the sources: {o.field} ({o.value(r)}): {o.basis}" for o in r.outside]
    return out


def _window_lines(r: Programme) -> list[str]:
    w = r.window
    lines = []
    if w.opens_at is not None:
        lines.append(f"Applications open: {instant(w.opens_at)} {zone_label(w.tz)}.")
    lines.append(f"Closes: {deadline_phrase(w)}: {instant(w.closes_at)}.")
    if w.extended_from is not None:
        lines.append(f"Extended from {w.extended_from}.")
    if w.opens is None:
        lines.append("Opening date not published.")
    if r.eligibility:
        lines.append("Eligibility: " + r.eligibility)
    if r.quota:
        lines.append(f"Quota: {r.quota}.")
    if r.duration:
        lines.append(f"Duration: {r.duration}.")
    lines.extend(f"{ref.label}: {ref.value}" for ref in r.references)
    return lines


def _event_lines(r: Event) -> list[str]:
    lines = [f"Dates: {dates_phrase(r)}."]
    if r.participants:
        lines.append(f"Attendance: {r.participants}.")
    return lines


def _context_lines(r: Record, ds: Dataset) -> list[str]:
    lines = []
    orgs = {o.id: o for o in ds.organisers_of(r)}
    if r.organisers:
        lines.append("Organisers: " + "; ".join(orgs[i].label for i in r.organisers if i in orgs))
    if isinstance(r, Programme) and r.sponsor and r.sponsor in orgs:
        lines.append(f"Sponsoring organisation: {orgs[r.sponsor].label}")
    if isinstance(r, Event) and r.hosts:
        lines.append("Hosts: " + "; ".join(orgs[i].label for i in r.hosts if i in orgs))
    if r.parent is not None and r.parent in ds:
        role = "Before" if r.dates.on_or_before else "Part of"
        lines.append(f"{role}: {ds.get(r.parent).title}")
    if r.series is not None and r.series in ds.series:
        ed = f", edition {r.edition}" if r.edition else ""
        lines.append(f"Series: {ds.series[r.series].name}{ed}")
    return lines


def date_lines(r: Record) -> list[str]:
    """The record's dates (or application window) and their details, a line each."""
    return _window_lines(r) if isinstance(r, Programme) else _event_lines(r)


def source_line(s: Source) -> str:
    """Where a claim comes from: the document, its publisher and date, the words."""
    who = f" ({s.publisher}" + (f", {day(s.published)}" if s.published else "") + ")" \
        if s.publisher else ""
    return f"Source: {s.document}{who}: \u201c{s.quote}\u201d"


def describe(r: Record, ds: Dataset | None = None) -> str:
    """The description: dates or window, details, organisers, sources with their quotes,
    certainty (the feed event's DESCRIPTION, and the body of ``reecal show``)."""
    lines = date_lines(r)
    if r.summary:
        lines += ["", r.summary, ""]
    if ds is not None:
        lines += _context_lines(r, ds)
    if r.people:
        lines.append("People: " + "; ".join(str(p) for p in r.people))
    lines += certainty_lines(r)
    lines += [source_line(s) for s in r.sources]
    lines.append(f"reecal id: {r.id} (revision {r.revision})")
    return "\n".join(lines)


def history_lines(r: Record) -> list[str]:
    """A line per recorded revision after the first: what it changed (for ``show``)."""
    versions = (*r.past(), r)
    out = []
    for h, before, after in zip(r.history, versions[:-1], versions[1:], strict=True):
        said = changes_said(before, after, h.changed) or [
            "no change of dates, status, title or place."]
        out.append(f"Revision {after.revision}: {' '.join(said)}")
    return out


def _opening(r: Programme) -> str:
    opens = r.window.opens_at
    return "not published" if opens is None else day(opens.date())


def changes_said(before: Record, after: Record, changed: tuple[str, ...]) -> list[str]:
    """What *changed* (:data:`reecal.model.history.CHANGEABLE`) between two revisions
    of a record, a sentence each, the dates said as everywhere else.

    >>> import attrs, reecal
    >>> r = reecal.load().get("cres-youth-academic-conference-7")
    >>> old = attrs.evolve(r, start=r.start.replace(day=12), end=r.end.replace(day=14),
    ...                    status=reecal.Status.TENTATIVE)
    >>> for line in changes_said(old, r, ("dates", "status")):
    ...     print(line)
    Dates moved from 12–14 May 2026 to 15–18 May 2026.
    Status: tentative → confirmed.
    """
    out = []
    for name in changed:
        if name == "dates" and isinstance(before, Programme) and isinstance(after, Programme):
            if before.window.closes != after.window.closes:
                out.append(f"Deadline moved from {deadline_phrase(before.window)} to "
                           f"{deadline_phrase(after.window)}.")
            if before.window.opens != after.window.opens:
                out.append(f"Opening moved from {_opening(before)} to {_opening(after)}.")
        elif name == "dates":
            out.append(f"Dates moved from {dates_phrase(before)} to {dates_phrase(after)}.")
        elif name == "status":
            out.append(f"Status: {before.status.value} \u2192 {after.status.value}.")
        elif name == "title":
            out.append(f"Title: \u201c{before.title}\u201d \u2192 \u201c{after.title}\u201d.")
        elif name == "place":
            was, now = (x.place.label if x.place else "not given" for x in (before, after))
            out.append(f"Place: {was} \u2192 {now}.")
    return out
