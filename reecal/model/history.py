"""A record's earlier revisions: when each was made, and what the next one changed.

A record holds its present values; its ``history`` holds one :class:`Revision` per
earlier revision that was recorded, oldest first.  A revision gives its number, its
``updated``, an optional curator's ``note`` on it, and the values that the *next*
revision changed, as they were (a value it leaves out did not change).  Dates are
given whole: an event's ``start`` (with its ``end`` if it had one), a programme's
``closes`` (with its ``opens`` if it had one).  From these, reecal rebuilds each
earlier revision (:meth:`reecal.model.records.Event.past`) and says what changed.

>>> from datetime import date, datetime, UTC
>>> r = Revision(revision=0, updated=datetime(2026, 1, 30, 9, tzinfo=UTC),
...              start=date(2026, 5, 12), end=date(2026, 5, 14))
>>> r.changed
('dates',)
>>> Revision(revision=0, updated=datetime(2026, 1, 30, tzinfo=UTC), end=date(2026, 5, 14))
Traceback (most recent call last):
...
reecal.errors.FieldError: end: give the dates whole: start too, as it was
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import attrs
from attrs import field, frozen

from reecal.errors import FieldError
from reecal.model import checks as c
from reecal.model.enums import Status
from reecal.model.values import Place

__all__ = ["CHANGEABLE", "Revision"]

CHANGEABLE = ("dates", "status", "title", "place")
"""What a revision can record as changed, in the order reecal says it."""


@frozen(kw_only=True, slots=False)
class Revision:
    """An earlier revision of a record, and the values the next revision changed."""

    revision: int = field(validator=c.non_negative)
    updated: datetime = field(converter=c.whole_seconds, validator=c.aware)
    note: str | None = field(default=None, converter=c.newlines, validator=c.opt_lines)
    title: str | None = field(default=None, validator=c.opt_line)
    status: Status | None = field(default=None, converter=c.to_status,
                                  validator=attrs.validators.optional(c.member_of(Status)))
    start: date | None = field(default=None, validator=c.opt_day)
    end: date | None = field(default=None, validator=c.opt_day)
    opens: date | datetime | None = field(default=None, converter=c.whole_seconds,
                                          validator=c.opt_moment)
    closes: date | datetime | None = field(default=None, converter=c.whole_seconds,
                                           validator=c.opt_moment)
    place: Place | None = field(default=None, validator=c.instance(Place, optional=True))

    def __attrs_post_init__(self) -> None:
        for part, whole in (("end", "start"), ("opens", "closes")):
            if getattr(self, part) is not None and getattr(self, whole) is None:
                raise FieldError(part, f"give the dates whole: {whole} too, as it was")
        if self.start is not None and self.closes is not None:
            raise FieldError("closes", "give an event's start and end, or a programme's "
                                       "opens and closes, not both")

    @property
    def changed(self) -> tuple[str, ...]:
        """What the next revision changed (of :data:`CHANGEABLE`)."""
        given = {"dates": self.start is not None or self.closes is not None,
                 "status": self.status is not None, "title": self.title is not None,
                 "place": self.place is not None}
        return tuple(name for name in CHANGEABLE if given[name])

    def values(self) -> dict[str, Any]:
        """The fields of a record this revision gives, as they were (an event's
        ``start``/``end``, a programme's ``opens``/``closes``, status, title, place)."""
        out: dict[str, Any] = {}
        if self.start is not None:
            out |= {"start": self.start, "end": self.end}
        if self.closes is not None:
            out |= {"opens": self.opens, "closes": self.closes}
        out |= {name: getattr(self, name) for name in ("status", "title", "place")
                if getattr(self, name) is not None}
        return out
