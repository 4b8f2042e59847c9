"""The closed vocabularies of the records (kept apart so the CLI can load them cheaply)."""

from __future__ import annotations

import enum

__all__ = ["Confidence", "DatePrecision", "Kind", "Qualifier", "Status", "Verification"]


class Kind(enum.StrEnum):
    """What a record is.  ``programme`` is reserved for :class:`Programme` records."""

    CONFERENCE = "conference"
    FORUM = "forum"
    EXHIBITION = "exhibition"
    VISIT = "visit"
    MEETING = "meeting"
    PROGRAMME = "programme"


class Status(enum.StrEnum):
    CONFIRMED = "confirmed"
    TENTATIVE = "tentative"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"

    @property
    def prefix(self) -> str:
        """What a title starts with wherever it is shown, since calendar clients and
        tables would otherwise show a cancelled or postponed event as if it were on.

        >>> Status.CANCELLED.prefix, Status.CONFIRMED.prefix
        ('Cancelled: ', '')
        """
        return {"cancelled": "Cancelled: ", "postponed": "Postponed: "}.get(self.value, "")


class Confidence(enum.StrEnum):
    """How sure we are that the record's dates and facts are right."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Verification(enum.StrEnum):
    """Whether the claims were checked against an independent source.

    ``imported``: a draft ``reecal import`` made from an organiser's calendar file,
    which nobody has checked yet (a curator checks it, then says ``verified``).
    """

    UNVERIFIED = "unverified"
    VERIFIED = "verified"
    IMPORTED = "imported"


class DatePrecision(enum.StrEnum):
    """How precisely the source dates the record: every output says so.

    ``exact``: the days are given; ``start-only``: only the opening day is given (the
    record then spans that day alone, and its last day is unknown); ``within-parent``:
    some day(s) during the parent event, which the source does not say (the record
    takes the parent's dates, as the span it lies within); ``before-parent``: the
    source says only that it happened before the parent event began (it is shown on
    the parent's first day, the latest day it could have been); ``month``: some day
    in the month the source names (the record spans that month); ``estimated``: not
    a record of the sources but reecal's projection of a series' next edition (see
    :mod:`reecal.query.estimates`), spanning the days it is expected within.  Data
    files cannot use ``estimated``.
    """

    EXACT = "exact"
    START_ONLY = "start-only"
    WITHIN_PARENT = "within-parent"
    BEFORE_PARENT = "before-parent"
    MONTH = "month"
    ESTIMATED = "estimated"


class Qualifier(enum.StrEnum):
    EXACT = "exact"
    ABOUT = "about"
    NEARLY = "nearly"
    AT_LEAST = "at-least"
    AT_MOST = "at-most"
