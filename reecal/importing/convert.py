"""An organiser's calendar file as draft events: :func:`import_ics` (no file is read
or written here).

Each event (each occurrence of a recurring one, from the first day of the window to
*until*) becomes an all-day :class:`~reecal.model.records.Event`: the days it covers
in its own zone (its TZID's, UTC's, or the calendar's X-WR-TIMEZONE for floating
times), an all-day DTEND taken as exclusive.  The draft cites the file's copy under
``sources/`` and quotes the event's unfolded content lines, BEGIN:VEVENT to
END:VEVENT (the master event's for a generated occurrence); its source keeps the
UID, the occurrence's RECURRENCE-ID and the SEQUENCE, so importing the file again
replaces a draft only when the organiser raised the SEQUENCE.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from attrs import frozen

from reecal.errors import FieldError, ImportFailed, Problem, printable, shown
from reecal.importing.lines import Block, blocks
from reecal.importing.merge import REASON, merge, moved
from reecal.importing.rules import MAX_DRAFTS, rule_problems
from reecal.importing.sources import Sources
from reecal.model.checks import check_url
from reecal.model.enums import Confidence, Kind, Status, Verification
from reecal.model.records import Event, Record
from reecal.model.values import Certainty, Source

__all__ = ["PAST_DAYS", "Draft", "Drafts", "document_name", "import_ics"]

PAST_DAYS = 366
"""The window of occurrences starts this many days before 'now'."""

_OWN_UID = re.compile(r"(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)(?:\.closes)?@reecal")
_KINDS = ((Kind.CONFERENCE, ("conference", "congress", "symposium", "summit", "会议", "大会")),
          (Kind.FORUM, ("forum", "论坛")),
          (Kind.EXHIBITION, ("exhibition", "expo", "fair", "展")),
          (Kind.VISIT, ("visit", "tour", "考察")))


@frozen
class Draft:
    """One draft record and what importing did with it: ``new``, ``updated`` (the
    organiser's SEQUENCE went up), ``unchanged`` (the draft on file is kept) or
    ``differs`` (kept, though the file now gives other dates, title or status
    without raising the SEQUENCE); *detail* says what was kept or differs."""

    record: Event
    action: str
    detail: str = ""


@frozen
class Drafts:
    """What :func:`import_ics` made: the drafts, the copy of the file they cite
    (``document``, ``data``), and a line for each event not imported."""

    document: str
    data: bytes
    drafts: tuple[Draft, ...]
    skipped: tuple[str, ...]
    first: date
    until: date
    missing: tuple[Draft, ...] = ()
    """Drafts of this file whose event (UID and occurrence, within the window) the
    file no longer gives: said, never changed (a curator decides)."""

    @property
    def changed(self) -> tuple[Draft, ...]:
        return tuple(d for d in self.drafts if d.action in ("new", "updated"))

    @property
    def differing(self) -> tuple[Draft, ...]:
        return tuple(d for d in self.drafts if d.action == "differs")


def document_name(name: str, data: bytes) -> str:
    """Where the copy of *data* lives in a data directory: ``sources/STEM-HASH.ics``,
    so a changed file never replaces the copy older drafts quote.

    >>> document_name("/tmp/Expo 2026.ics", b"x")
    'sources/expo-2026-2d711642.ics'
    """
    stem = re.split(r"[\\/]", name)[-1].rsplit(".", 1)[0]
    return f"sources/{_slug(stem, 40) or 'calendar'}-{hashlib.sha256(data).hexdigest()[:8]}.ics"


def _slug(text: str, limit: int) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_))[:limit].strip("-")


def _calendars(data: bytes, name: str) -> list[Any]:
    import icalendar
    import x_wr_timezone

    from reecal.loading.provenance import unfolded

    try:  # unfolded first: icalendar decodes before it unfolds, breaking split UTF-8
        return [x_wr_timezone.to_standard(c)
                for c in icalendar.Calendar.from_ical(unfolded(data), multiple=True)]
    except Exception as exc:  # icalendar's errors are of many types: all are bad input
        raise ImportFailed(name, [Problem(0, f"cannot read the calendar: "
                                             f"{shown(str(exc), 200)}")]) from None


def _days(ev: Any) -> tuple[date, date, str]:
    """First and last day of an occurrence, in its own zone, and the zone's name."""
    start = ev.decoded("DTSTART")
    end = ev.decoded("DTEND") if "DTEND" in ev else start
    if not isinstance(start, datetime):
        return start, end - timedelta(days=1) if end > start else start, "all-day"
    zone = "floating" if start.tzinfo is None else _zone_name(ev, start.tzinfo)
    if end.tzinfo is not None and start.tzinfo is not None:
        end = end.astimezone(start.tzinfo)
    last = end - timedelta(microseconds=1) if end > start else start
    return start.date(), last.date(), zone


def _zone_name(ev: Any, tz: Any) -> str:
    """A zone's name as the file gives it (its TZID), with the IANA zone it maps to.

    >>> from zoneinfo import ZoneInfo
    >>> _zone_name({}, ZoneInfo("Asia/Shanghai"))
    'Asia/Shanghai'
    """
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    prop = ev.get("DTSTART") if hasattr(ev, "get") else None
    tzid = getattr(prop, "params", {}).get("TZID") if prop is not None else None
    name = str(tzid or getattr(tz, "key", None) or getattr(tz, "_tzid", None)
               or tz.tzname(None) or "UTC")
    iana = WINDOWS_TO_OLSON.get(name)
    return printable(f"{name}, {iana}" if iana and iana != name else name)


def _kind(title: str) -> Kind:
    low = title.lower()
    return next((k for k, words in _KINDS if any(w in low for w in words)), Kind.MEETING)


def _url(ev: Any) -> str | None:
    """The event's URL, when it is an http(s) URL a record accepts."""
    url = _text(ev.get("URL"))
    try:
        check_url("url", url)
    except FieldError:
        return None
    return url


def _guesses(ev: Any) -> dict[str, Any]:
    """What import guesses from an event's text: the kind (from the title), the
    summary (DESCRIPTION and LOCATION) and the url."""
    title = _text(ev.get("SUMMARY")) or "Untitled event"
    where = _text(ev.get("LOCATION"))
    about = "\n".join(x for x in (str(ev.get("DESCRIPTION") or "").strip(),
                                  f"Location: {where}" if where else "") if x)
    return {"kind": _kind(title), "summary": _clean(about)[:4000].rstrip() or None,
            "url": _url(ev)}


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _key(ev: Any, recurring: bool) -> tuple[str, str | None]:
    if not recurring:
        return str(ev["UID"]), None
    rid = ev.decoded("RECURRENCE-ID") if "RECURRENCE-ID" in ev else ev.decoded("DTSTART")
    return str(ev["UID"]), rid.isoformat()


class _Maker:
    """Drafts from occurrences, given the records already on file."""

    def __init__(self, document: str, url: str | None, stamp: datetime,
                 existing: Iterable[Record], taken: Iterable[str]) -> None:
        self.document, self.url, self.stamp = document, url, stamp
        self.taken = set(taken)
        self.on_file: dict[tuple[str, str | None], Event] = {}
        for r in existing:
            self.taken.add(r.id)
            if not isinstance(r, Event):  # drafts are events
                continue
            for s in r.sources:
                if s.uid is not None:
                    self.on_file.setdefault((s.uid, s.recurrence), r)

    def draft(self, ev: Any, block: Block, key: tuple[str, str | None], seq: int) -> Draft:
        first = _days(ev)[0]
        title = _text(ev.get("SUMMARY")) or "Untitled event"
        old = self.on_file.get(key)
        old_seq = next((s.sequence or 0 for s in old.sources
                        if (s.uid, s.recurrence) == key), 0) if old is not None else 0
        if old is not None and seq <= old_seq:
            try:
                said = moved(old, self._record(ev, block, key, seq, old.id))
            except ImportFailed:
                said = None
            if said is None:
                return Draft(old, "unchanged")
            return Draft(old, "differs", f"SEQUENCE not raised: {said}")
        rid = old.id if old is not None else self._new_id(title, key[0], first)
        fresh = self._record(ev, block, key, seq, rid)
        if old is None:
            return Draft(fresh, "new")
        note = (f"Updated by reecal import: the organiser raised the event's SEQUENCE from "
                f"{old_seq} to {seq} ({self.document}).")
        try:
            record, kept = merge(old, fresh, key, _guesses, note)
        except FieldError as exc:
            raise ImportFailed("", [Problem(block.line, f"cannot update the draft {old.id}: "
                                                        f"{printable(str(exc))}")]) from None
        return Draft(record, "updated",
                     f"kept curator's edits: {', '.join(kept)}" if kept else "")

    def _record(self, ev: Any, block: Block, key: tuple[str, str | None], seq: int,
                rid: str) -> Event:
        """The draft import makes of occurrence *ev*, as if it were new."""
        first, last, zone = _days(ev)
        title = _text(ev.get("SUMMARY")) or "Untitled event"
        status = {"CANCELLED": Status.CANCELLED, "TENTATIVE": Status.TENTATIVE}.get(
            _text(ev.get("STATUS")).upper(), Status.CONFIRMED)
        reason = (f"{REASON}{self.document}, line {block.line}: the "
                  f"days the event covers in its own zone ({zone}); kind guessed from the "
                  "title."
                  + ("" if "STATUS" in ev else " The file gives no STATUS: \"confirmed\" is "
                                                "assumed, not stated.")
                  + " Check it against the organiser, then raise the confidence.")
        try:
            source = Source(document=self.document, quote=block.quote, url=self.url,
                            uid=key[0], recurrence=key[1], sequence=seq)
            return Event(
                id=rid, title=title[:300].rstrip(), start=first,
                end=last if last != first else None, status=status, **_guesses(ev),
                certainty=Certainty(confidence=Confidence.LOW,
                                    verification=Verification.IMPORTED, reason=reason),
                sources=(source,), revision=0, updated=self.stamp)
        except FieldError as exc:
            said = block.bad_text() or Problem(block.line, f"cannot make a record of this "
                                                           f"event: {printable(exc.message)}")
            raise ImportFailed("", [said]) from None

    def _new_id(self, title: str, uid: str, first: date) -> str:
        """SUMMARY and year as a slug (the year only if the slug lacks it; the kind and
        8 hex digits of the UID's SHA-256 when the title has no Latin letters or
        digits), unique among the records loaded and made."""
        base = _slug(title, 60) or f"{_kind(title).value}-{_uid_hash(uid)}"
        if str(first.year) not in base.split("-"):
            base += f"-{first.year}"
        rid, n = base, 2
        while rid in self.taken:
            rid, n = f"{base}-{n}", n + 1
        self.taken.add(rid)
        return rid


def _uid_hash(uid: str) -> str:
    return hashlib.sha256(uid.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def _clean(text: str) -> str:
    """Text without the control characters records refuse (new lines kept)."""
    return "".join(ch for ch in text.replace("\r\n", "\n")
                   if ch == "\n" or ch.isprintable() or ch == " ").strip()


def import_ics(data: bytes, *, name: str, now: datetime, until: date,
               source_url: str | None = None, existing: Iterable[Record] = (),
               taken: Iterable[str] = (), stamp: datetime | None = None) -> Drafts:
    """Draft events from calendar file *data* (named *name* in messages and in the
    copy's name), as of *now*: occurrences from :data:`PAST_DAYS` before *now* to
    *until*.  *existing* are the records already loaded (the data directory's and
    the bundled ones): a draft of the same event (by UID and occurrence) is kept
    unless the file's SEQUENCE is higher, and new ids avoid theirs (and *taken*, say
    the names of files already in the data directory).  *stamp* is the drafts'
    ``updated``: when they are written (default: *now*; the CLI gives the machine's
    clock, so that ``--today`` moves only the window).  Raises
    :class:`~reecal.errors.ImportFailed` naming each problem's line.
    """
    import recurring_ical_events

    file = printable(name)
    if now.tzinfo is None:
        raise FieldError("now", "must carry a time zone")
    if stamp is not None and stamp.tzinfo is None:
        raise FieldError("stamp", "must carry a time zone")
    if source_url is not None:
        check_url("source_url", source_url)
    found = blocks(data, file)
    cals = _calendars(data, file)
    comps = [c for cal in cals for c in cal.walk("VEVENT")]
    if [str(c.get("UID", "")) for c in comps] != [b.uid for b in found]:
        raise ImportFailed(file, [Problem(0, "the events could not be matched to their "
                                              "lines (is a component left open?)")])
    first = now.astimezone(UTC).date() - timedelta(days=PAST_DAYS)
    costly = rule_problems(comps, found, first, until)
    if costly:
        raise ImportFailed(file, costly)
    document = document_name(name, data)
    maker = _Maker(document, source_url, stamp or now, existing, taken)
    picked: dict[tuple[str, str | None], tuple[int, Any, Block]] = {}
    own = (_OWN_UID.fullmatch(b.uid) for b in found)
    skipped = list(dict.fromkeys(f"skipped: reecal's own record {m['id']}" for m in own if m))
    where = Sources(comps)
    for cal in cals:
        try:
            occurrences = list(recurring_ical_events.of(cal).between(first, until + timedelta(1)))
        except Exception as exc:  # the library raises many types for bad rules
            raise ImportFailed(file, [Problem(0, f"cannot expand the recurring events: "
                                                  f"{shown(str(exc), 200)}")]) from None
        for ev in occurrences:
            if _OWN_UID.fullmatch(str(ev.get("UID", ""))):
                continue
            index = where.of(ev)
            recurring = any(p in comps[index] for p in ("RRULE", "RDATE", "RECURRENCE-ID"))
            key = _key(ev, recurring)
            seq = int(comps[index].get("SEQUENCE", 0) or 0)
            if key not in picked or seq > picked[key][0]:
                picked[key] = (seq, ev, found[index])
    if len(picked) > MAX_DRAFTS:
        raise ImportFailed(file, [Problem(0, f"more than {MAX_DRAFTS} events from {first} "
                                              f"to {until}: give an earlier --until")])
    seen = {k[0] for k in picked}
    left = {b.uid for b in found if b.uid not in seen and not _OWN_UID.fullmatch(b.uid)}
    if left:
        skipped.append(f"skipped: {len(left)} event{'s' if len(left) > 1 else ''} with no "
                       f"day from {first} to {until}")
    drafts = []
    for key, (seq, ev, block) in sorted(picked.items(), key=lambda kv: (_days(kv[1][1])[0],
                                                                        kv[0][0], kv[0][1] or "")):
        try:
            drafts.append(maker.draft(ev, block, key, seq))
        except ImportFailed as exc:
            raise ImportFailed(file, list(exc.problems)) from None
    gone = _missing(existing, name, source_url, set(picked), first, until)
    return Drafts(document=document, data=data, drafts=tuple(drafts), skipped=tuple(skipped),
                  first=first, until=until, missing=gone)


MISSING = "no longer in the file: check whether it was cancelled"


def _missing(existing: Iterable[Record], name: str, url: str | None,
             made: set[tuple[str, str | None]], first: date, until: date
             ) -> tuple[Draft, ...]:
    """The drafts of this file (their source is a copy of a file of the same name, or
    has the same --source-url) whose UID and occurrence, from *first* to *until*, the
    file no longer gives."""
    stem = document_name(name, b"").rsplit("-", 1)[0]
    copy = re.compile(re.escape(stem) + r"-[0-9a-f]{8}\.ics")
    found: dict[str, Draft] = {}
    for r in existing:
        if not isinstance(r, Event) or r.id in found:
            continue
        for s in r.sources:
            if s.uid is None or _OWN_UID.fullmatch(s.uid) or (s.uid, s.recurrence) in made:
                continue
            if not (copy.fullmatch(s.document) or (url is not None and s.url == url)):
                continue
            try:
                day = date.fromisoformat(s.recurrence[:10]) if s.recurrence else r.start
            except ValueError:
                day = r.start
            if first <= day <= until:
                found[r.id] = Draft(r, "missing", MISSING)
                break
    return tuple(sorted(found.values(), key=lambda d: (d.record.dates.first_day, d.record.id)))
