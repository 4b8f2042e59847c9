"""The little a sync needs of where events are kept: list them, write one if it is
still as last seen, delete one likewise.  :class:`~reecal.publish.sync.dav.CalDAVStore` and
:class:`~reecal.publish.sync.vdir.VdirStore` are the two kinds; tests may bring their own."""

from __future__ import annotations

from typing import Protocol

from reecal.publish.sync.plan import Remote

__all__ = ["PreconditionFailed", "Store"]


class PreconditionFailed(Exception):
    """The resource is no longer as it was listed (HTTP 412): someone else changed it."""


class Store(Protocol):
    key: str
    """Identifies the target across runs (the state file is named after it)."""
    name: str
    """The target as people gave it, for messages."""
    holder: str
    """Who has the resources, for messages: "the server", or the directory."""
    edited: str
    """Why a resource changed since the last sync is left alone: "edited on the server"."""

    def href(self, uid: str) -> str:
        """Where a new resource for *uid* goes."""

    def list(self) -> list[Remote]:
        """Every resource in the collection, reecal's or not."""

    def put(self, href: str, data: bytes, if_match: str | None) -> str | None:
        """Write *data* at *href* if its ETag is still *if_match* (None: if nothing is
        there); the new ETag, when the store says it.  PreconditionFailed otherwise."""

    def delete(self, href: str, if_match: str) -> None:
        """Remove *href* if its ETag is still *if_match*; PreconditionFailed otherwise."""
