"""What ``upcoming``, ``deadlines`` and ``list`` report, built once for every consumer.

The command line prints these as text, JSON or CSV, and the server's ``/api/*.json``
and web page show the same rows: one function per report, so the two never disagree.

>>> import reecal
>>> from datetime import datetime, UTC
>>> ds = reecal.load()
>>> now = datetime(2026, 5, 1, tzinfo=UTC)
>>> r = upcoming(ds, now, "UTC", horizon(now, days=30))
>>> [(row["day"], row["countdown"]) for row in r.rows]
[('2026-05-15', 'in 14 days'), ('2026-05-15', 'in 14 days at the earliest')]
>>> horizon(now, until=datetime(2026, 4, 1).date())
Traceback (most recent call last):
...
reecal.errors.FieldError: until: 2026-04-01 is before today (2026-05-01)
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

from reecal._namedtuple import NamedTuple
from reecal.errors import FieldError
from reecal.formats.rows import deadline_rows, upcoming_rows
from reecal.formats.words import day, day_range, span
from reecal.query.when import instant_of, zone_of

TYPE_CHECKING = False  # typing is not imported: the agenda's start-up does without it
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any, Protocol

    from reecal.model.records import Record
    from reecal.query.agenda import Deadline, Item, State
    from reecal.query.dataset import Dataset
    from reecal.query.estimates import Estimate

    class Agenda(Protocol):
        """What the agenda's reports query: a :class:`~reecal.query.dataset.Dataset`, or
        the cache's :class:`~reecal.formats.briefs.Briefs`."""

        def upcoming(self, now: date | datetime, *, until: date | None = ...,
                     tz: str | tzinfo = ...) -> list[Item]: ...

        def deadlines(self, now: date | datetime, *, tz: str | tzinfo = ...,
                      states: Sequence[State | str] = ...) -> list[Deadline]: ...

__all__ = ["DEFAULT_DAYS", "Report", "deadlines", "expected", "horizon", "listing", "nothing",
           "upcoming"]

DEFAULT_DAYS = 90
"""How far ahead ``upcoming`` looks unless told otherwise."""


class Report(NamedTuple):
    """A report: the records it involves (in order, once each), its rows, its JSON."""

    records: list[Record]
    rows: list[dict[str, Any]]
    json: dict[str, Any]


def horizon(now: datetime, days: int | None = None, until: date | None = None) -> date:
    """The last day ``upcoming`` includes: *until*, else *days* (default 90) after today."""
    if days is not None and until is not None:
        raise FieldError("until", "give days or until, not both")
    if until is not None:
        if until < now.date():
            raise FieldError("until", f"{until} is before today ({now.date()})")
        return until
    return now.date() + timedelta(days=DEFAULT_DAYS if days is None else days)


def _once(records: Sequence[Record]) -> list[Record]:
    return list({r.id: r for r in records}.values())


def upcoming(ds: Agenda, now: datetime, tz_name: str, until: date) -> Report:
    """Event starts, ongoing events and windows opening or closing up to *until*."""
    tz = zone_of(tz_name)
    items = ds.upcoming(now, until=until, tz=tz)
    rows = upcoming_rows(items, now, tz)
    return Report(_once([i.record for i in items]), rows,
                  {"now": now.isoformat(), "tz": tz_name, "until": until.isoformat(),
                   "items": rows})


def deadlines(ds: Agenda, now: datetime, tz_name: str, states: Sequence[str] = ()) -> Report:
    """Every application window (or those in *states*): its state and the time left,
    closing in both zones."""
    found = ds.deadlines(now, states=states)
    rows = deadline_rows(found, now, zone_of(tz_name))
    return Report([d.record for d in found], rows,
                  {"now": now.isoformat(), "tz": tz_name, "deadlines": rows})


def listing(ds: Dataset, records: Sequence[Record] | None = None) -> Report:
    """Records (every one in *ds*, or *records*) in full, with names from *ds*."""
    from reecal.formats.facts import record_dict, record_rows

    chosen = list(ds if records is None else records)
    return Report(chosen, record_rows(chosen),
                  {"records": [record_dict(r, ds) for r in chosen]})


_PAST = {"starts": "started", "opens": "opened", "closes": "closed"}


def nothing(ds: Dataset, now: datetime, until: date, tz: tzinfo, widen: str | None = None,
            estimates: str | None = None) -> list[str]:
    """What to say when nothing falls between *now* and *until*: the nearest dated
    items either side, with their ids (and *widen*, how to look further, when
    something lies beyond), and the nearest estimated edition that *ds* leaves out
    (with *estimates*, how to list it)."""
    before, after = ds.nearest(now, until, tz=tz)
    guesses = ds.estimates(now, holidays=False)  # dates and titles are all it says
    known = {e.record.id: e for e in guesses}
    left_out = next((e for e in guesses if e.record.id not in ds), None)
    lines = [f"Nothing between {day(now.date())} and {day(until)}."]
    for label, item in (("Last", before), ("Next", after)):
        if item is None:
            said = "none known"
        elif item.record.id in known:
            said = expected(known[item.record.id], now)
        else:
            delta = item.delta(now)
            verb = (item.reason.value if delta >= timedelta(0)
                    else _PAST.get(item.reason.value, ""))
            rel = f"{span(delta)} ago" if delta < timedelta(0) else f"in {span(delta)}"
            said = f"{item.record.title} [{item.record.id}] {verb} {day(item.day)} ({rel})"
        if label == "Next" and left_out is not None:  # the estimate that ds leaves out
            said += f"; the nearest estimate: {expected(left_out, now)}" + (
                f"; {estimates}" if estimates else "")
        lines.append(f"{label}: {said}.")
    if after is not None and widen:
        lines.append(widen)
    return lines


def expected(e: Estimate, now: datetime) -> str:
    """An estimated edition in a few words: 'Title (estimated) [id] expected around
    16 Aug 2027 (within 2–30 Aug 2027; in 263 days)'."""
    delta = instant_of(e.expected, now.tzinfo or "UTC") - now
    rel = f"{span(delta)} ago" if delta < timedelta(0) else f"in {span(delta)}"
    return (f"{e.record.title} [{e.record.id}] expected around {day(e.expected)} "
            f"(within {day_range(e.earliest, e.latest)}; {rel})")
