"""A record as the agenda reads it, without the model: see :mod:`reecal.formats.briefs`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, tzinfo

from reecal.model.dates import Dates
from reecal.query import agenda

TYPE_CHECKING = False  # typing is not imported: the agenda's start-up does without it
if TYPE_CHECKING:
    from typing import Any

    from reecal.model.records import Record

__all__ = ["FACTS", "Brief", "Briefs"]

FACTS = ("kind", "id", "title", "_title", "place", "status", "dates", "precision",
         "year_inferred", "_qualifiers", "time_published", "zone", "_deadline_title",
         "deadline", "closes_text")
"""The keys of a brief's facts (:func:`reecal.formats.facts.facts`), in this order: the
last four are a window's, None for an event."""


class Brief:
    """A record as the agenda reads it: ``id``, ``parent``, ``dates``, and ``facts``
    (its rows' parts that do not depend on the moment or the viewer)."""

    __slots__ = ("dates", "facts", "id", "parent")

    def __init__(self, id: str, parent: str | None, dates: Dates, facts: dict[str, Any]
                 ) -> None:
        self.id, self.parent, self.dates, self.facts = id, parent, dates, facts

    def __repr__(self) -> str:
        return f"Brief({self.id!r})"


class Briefs(list[Brief]):
    """A dataset's briefs, queried as :class:`~reecal.query.dataset.Dataset` is."""

    def upcoming(self, now: date | datetime, *, until: date | None = None,
                 tz: str | tzinfo = "UTC") -> list[agenda.Item]:
        return agenda.upcoming(_records(self), now, until=until, tz=tz)

    def deadlines(self, now: date | datetime, *, tz: str | tzinfo = "UTC",
                  states: Iterable[agenda.State | str] = ()) -> list[agenda.Deadline]:
        return agenda.deadlines(_records(self), now, tz=tz, states=states)


def _records(found: Sequence[Brief]) -> Sequence[Record]:
    """Briefs where the agenda expects records: it reads only their id, parent and dates
    (and the rows their facts), which a brief has."""
    return found  # type: ignore[return-value]
