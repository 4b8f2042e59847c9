"""Importing an event again: what the organiser changed, laid over what a curator did.

When the organiser raised the SEQUENCE, :func:`merge` makes the updated draft from
the draft on file (*old*) and the draft import would make now (*fresh*):

* what the organiser's file says, it says again: the dates, the title, the status
  and the source (its quote, SEQUENCE, copy and URL);
* what import only guesses from the file (the kind, the summary, the url, the
  certainty) takes the new guess only while the draft still holds import's own
  guess: the value import makes from the previous SEQUENCE's event, which the
  draft's source quotes (for the certainty: confidence "low", verification
  "imported" and import's reason).  A value the curator changed is kept;
* everything import never writes (tags, place, organisers, series, people, other
  sources...) is kept as it is;
* the record's revision goes up, and a ``[[event.history]]`` entry keeps the
  dates, title and status the draft had, so the changes feed can say what moved.
"""

from __future__ import annotations

from typing import Any

import attrs

from reecal.model.enums import Confidence, Verification
from reecal.model.history import Revision
from reecal.model.records import Event

__all__ = ["REASON", "merge", "moved"]

REASON = "Imported by reecal import from "
"""How import's own reason for a draft's certainty starts."""

_NEVER_WRITTEN = ("title_zh", "aliases", "series", "edition", "place", "organisers",
                  "parent", "tags", "people", "outside", "hosts", "participants")


def moved(old: Event, fresh: Event) -> str | None:
    """What the file says that the draft kept does not (dates, title, status), or
    None; for the line of an event whose SEQUENCE was not raised."""
    from reecal.formats.words import day_range

    said = []
    if (old.start, old.end) != (fresh.start, fresh.end):
        said.append(f"kept {day_range(old.start, old.end)}; the file now says "
                    f"{day_range(fresh.start, fresh.end)}")
    if old.title != fresh.title:
        said.append("the file retitled it")
    if old.status != fresh.status:
        said.append(f"the file says {fresh.status.value}")
    return "; ".join(said) or None


def _guessed(quote: str, guess: Any) -> dict[str, Any] | None:
    """What import guessed from the event *quote* holds (kind, summary, url; None if
    it cannot be read again): what tells import's own values from a curator's."""
    import icalendar

    try:
        ev = icalendar.Event.from_ical(quote.replace("\n", "\r\n") + "\r\n")
        made = guess(ev)
    except Exception:  # icalendar raises many types; an unreadable quote guesses nothing
        return None
    return made if isinstance(made, dict) else None


def _imports_certainty(r: Event) -> bool:
    c = r.certainty
    return (c.confidence is Confidence.LOW and c.verification is Verification.IMPORTED
            and (c.reason or "").startswith(REASON))


def merge(old: Event, fresh: Event, key: tuple[str, str | None], guess: Any,
          note: str) -> tuple[Event, tuple[str, ...]]:
    """The updated draft, and the names of the curator's fields it kept (in the
    order :data:`_NEVER_WRITTEN` and the guessed fields give them).  *guess* makes
    import's guesses (kind, summary, url) from an icalendar event: used on the old
    quote."""
    source = next((s for s in old.sources if (s.uid, s.recurrence) == key), None)
    before = _guessed(source.quote, guess) if source is not None else None
    kept: list[str] = []
    changes: dict[str, Any] = {}
    if _imports_certainty(old):
        changes["certainty"] = fresh.certainty
    else:
        kept.append("certainty")
    for name in ("kind", "summary", "url"):
        if before is not None and getattr(old, name) == before.get(name):
            changes[name] = getattr(fresh, name)
        elif getattr(old, name) != getattr(fresh, name):
            kept.append(name)
    kept += [name for name in _NEVER_WRITTEN
             if getattr(old, name) != attrs.fields_dict(Event)[name].default
             and getattr(old, name) not in ((), None)]
    sources = tuple(fresh.sources[0] if (s.uid, s.recurrence) == key else s
                    for s in old.sources)
    changes |= {"title": fresh.title, "start": fresh.start, "end": fresh.end,
                "status": fresh.status, "sources": sources, "revision": old.revision + 1,
                "updated": max(fresh.updated, old.updated),
                "history": (*old.history, _revision(old, fresh, note))}
    return attrs.evolve(old, **changes), tuple(kept)


def _revision(old: Event, fresh: Event, note: str) -> Revision:
    """The draft as it was, in what the update changes (dates, title, status)."""
    was: dict[str, Any] = {}
    if (old.start, old.end) != (fresh.start, fresh.end):
        was |= {"start": old.start, "end": old.end}
    if old.title != fresh.title:
        was["title"] = old.title
    if old.status != fresh.status:
        was["status"] = old.status
    return Revision(revision=old.revision, updated=old.updated, note=note, **was)
