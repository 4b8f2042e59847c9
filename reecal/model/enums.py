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
    """Whether the claims were checked against an independent source."""

    UNVERIFIED = "unverified"
    VERIFIED = "verified"


class DatePrecision(enum.StrEnum):
    """How the source dates the record.

    ``exact``: start and end are given; ``start-only``: only the opening day is given
    (the record then spans that day alone); ``within-parent``: the source dates only
    the parent event, and this record takes the parent's dates; ``before-parent``:
    the source says only that it happened before the parent event began, and the
    record is shown on the parent's first day, the latest day it could have been.
    """

    EXACT = "exact"
    START_ONLY = "start-only"
    WITHIN_PARENT = "within-parent"
    BEFORE_PARENT = "before-parent"


class Qualifier(enum.StrEnum):
    EXACT = "exact"
    ABOUT = "about"
    NEARLY = "nearly"
    AT_LEAST = "at-least"
    AT_MOST = "at-most"
