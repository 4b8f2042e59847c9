"""What changed, as an Atom 1.0 feed (RFC 4287): one entry per revision of a record.

Each record's revisions are its :attr:`~reecal.model.records.Event.history` and its
present self; an entry says in words what that revision changed (from
:mod:`reecal.formats.prose`), and is dated by the revision's ``updated``: the feed
holds no build time, so the same data gives the same bytes.

>>> import reecal
>>> found = changes(reecal.load())
>>> [renamed] = [c for c in found if c.title.startswith("Renamed")]
>>> print(renamed.title)
Renamed: CRES delegation visits the tungsten and rare earth product testing facility
>>> import textwrap
>>> print(textwrap.fill(renamed.lines[0], 80))
Title: “CRES delegation visits the National Tungsten and Rare Earth Product
Quality Inspection and Testing Center” → “CRES delegation visits the tungsten
and rare earth product testing facility”.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import NamedTuple

from reecal.formats.prose import changes_said, dates_phrase
from reecal.model.enums import Status
from reecal.model.records import Record

__all__ = ["GENERATOR", "TAG", "Change", "changes", "changes_feed"]

ATOM = "http://www.w3.org/2005/Atom"
TAG = "tag:reecal.github.io,2026:"
"""The start of every id in the feed (RFC 4151 tag URIs: stable wherever it is served)."""
GENERATOR = '<generator uri="https://reecal.github.io/reecal">reecal</generator>'
"""The feed's generator element, byte for byte: how ``reecal export`` knows it wrote it."""

_HEADINGS = {Status.POSTPONED: "Postponed", Status.CANCELLED: "Cancelled",
             Status.CONFIRMED: "Confirmed", Status.TENTATIVE: "Tentative"}
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""What XML 1.0 cannot hold (control characters, surrogates, U+FFFE/U+FFFF)."""


class Change(NamedTuple):
    """One revision of a record, said in words: *record* is the record as it was then."""

    record: Record
    title: str
    lines: tuple[str, ...]

    @property
    def updated(self) -> datetime:
        return self.record.updated

    @property
    def id(self) -> str:
        return f"{TAG}record/{self.record.id}/revision/{self.record.revision}"


def _first(r: Record) -> Change:
    if r.revision == 0:
        return Change(r, f"New: {r.title}", ("New record.",))
    return Change(r, f"Revised: {r.title}", (
        f"Revision {r.revision}; its earlier revisions were not recorded.",))


def _next(before: Record, after: Record, changed: tuple[str, ...], note: str | None
          ) -> Change:
    said = changes_said(before, after, changed)
    if "status" in changed:
        heading = _HEADINGS[after.status]
    else:
        heading = {"dates": "Dates changed", "title": "Renamed", "place": "Place changed"}.get(
            changed[0] if changed else "", "Revised")
    lines = said or [f"Revision {after.revision}: no change of dates, status, title or "
                     "place recorded."]
    return Change(after, f"{heading}: {after.title}",
                  (*lines, *([f"Note: {note}"] if note else [])))


def _now(c: Change) -> Change:
    """*c* with what the record says at that revision: when, its status, where."""
    r = c.record
    where = [f"Where: {r.place.label}."] if r.place else []
    status = [] if r.status is Status.CONFIRMED else [f"Status: {r.status.value}."]
    return c._replace(lines=(*c.lines, f"When: {dates_phrase(r)}.", *status, *where,
                             f"reecal id: {r.id} (revision {r.revision})"))


def changes(records: Iterable[Record]) -> list[Change]:
    """Every revision of *records* in words, newest first (ties by record id, then the
    later revision first)."""
    found = []
    for r in records:
        states = (*r.past(), r)
        found.append(_first(states[0]))
        for i, h in enumerate(r.history):
            found.append(_next(states[i], states[i + 1], h.changed, h.note))
    found = [_now(c) for c in found]
    found.sort(key=lambda c: c.record.revision, reverse=True)
    found.sort(key=lambda c: c.record.id)
    found.sort(key=lambda c: c.updated, reverse=True)
    return found


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _stamp(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    el = ET.SubElement(parent, tag, {k: _clean(v) for k, v in attrib.items()})
    if text is not None:
        el.text = _clean(text)
    return el


def changes_feed(records: Iterable[Record], *, name: str, description: str, url: str,
                 site: str | None = None) -> bytes:
    """The Atom feed of every change of *records*, served at *url*; entries link to
    the record pages of *site* (``SITE/records/ID.html``) when it is given."""
    found = changes(records)
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "en"})
    _add(feed, "id", f"{TAG}changes")
    _add(feed, "title", name)
    _add(feed, "subtitle", description)
    # no change at all: the epoch, never the clock
    _add(feed, "updated", _stamp(found[0].updated if found else datetime(1970, 1, 1,
                                                                         tzinfo=UTC)))
    _add(feed, "link", rel="self", type="application/atom+xml", href=url)
    if site is not None:
        _add(feed, "link", rel="alternate", type="text/html", href=f"{site}/")
    _add(_add(feed, "author"), "name", "reecal")
    _add(feed, "generator", "reecal", uri="https://reecal.github.io/reecal")
    for c in found:
        entry = _add(feed, "entry")
        _add(entry, "id", c.id)
        _add(entry, "title", c.title)
        _add(entry, "updated", _stamp(c.updated))
        if site is not None:
            _add(entry, "link", rel="alternate", type="text/html",
                 href=f"{site}/records/{c.record.id}.html")
        _add(entry, "summary", c.lines[0], type="text")
        _add(entry, "content", "".join(f"<p>{html.escape(_clean(line), quote=False)}</p>"
                                       for line in c.lines), type="html")
    ET.indent(feed, "  ")
    text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + ET.tostring(feed, "unicode")
    return (text + "\n").encode("utf-8")
