"""What a sync must do, decided without touching anything: a pure function of what
reecal wants (UID → bytes), what the store holds, and what reecal last wrote there.

The store's copy of a resource is compared with the last sync through its ETag
(servers may rewrite what they are given, so bytes alone cannot say who changed
it); the bytes reecal wants are compared with the last sync through their hash.

>>> want = {"a@reecal": b"A2", "b@reecal": b"B"}
>>> have = {"a@reecal": Remote("a.ics", '"1"', b"A1"), "c@reecal": Remote("c.ics", '"3"', b"C")}
>>> last = {"a@reecal": Entry('"1"', digest(b"A1")), "c@reecal": Entry('"9"', digest(b"C"))}
>>> p = plan(want, have, last)
>>> [(a.kind, a.uid, a.if_match) for a in p.actions]
[('update', 'a@reecal', '"1"'), ('create', 'b@reecal', None)]
>>> p.conflicts
(Conflict(uid='c@reecal', reason='edited on the server; not deleted'),)
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Literal

from reecal.formats.ics import UID_DOMAIN

__all__ = ["EDITED", "Action", "Conflict", "Entry", "Plan", "Remote", "digest", "ours", "plan",
           "same"]

_UID = re.compile(rb"^UID[;:](?:[^:\n]*:)?(.*)$", re.MULTILINE)
_SEQUENCE = re.compile(rb"^SEQUENCE[;:](?:[^:\n]*:)?\s*(\d+)\s*$", re.MULTILINE)
EDITED = "edited on the server"
"""A CalDAV store's conflict reason; a vdir's says "edited by another program"."""
UNSURE = "differs, and no sync state"
"""Why a copy is left alone when there is no record of what reecal wrote."""


@dataclass(frozen=True)
class Remote:
    """A resource in the store: where it is, its ETag, and its bytes."""

    href: str
    etag: str
    data: bytes


@dataclass(frozen=True)
class Entry:
    """What reecal last wrote for a UID: the store's ETag after the write, and the hash
    of the bytes written."""

    etag: str
    sha256: str


@dataclass(frozen=True)
class Action:
    """One write: create (If-None-Match: *), update or delete (If-Match: the ETag)."""

    kind: Literal["create", "update", "delete"]
    uid: str
    if_match: str | None = None
    href: str | None = None
    data: bytes | None = None


@dataclass(frozen=True)
class Conflict:
    """A UID left as the store has it, and why."""

    uid: str
    reason: str


@dataclass(frozen=True)
class Plan:
    actions: tuple[Action, ...]
    conflicts: tuple[Conflict, ...]
    unchanged: tuple[str, ...]
    seen: dict[str, str]
    """UID → the store's current ETag of each unchanged resource (for the state)."""


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _unfolded(data: bytes) -> bytes:
    return data.replace(b"\r\n", b"\n").replace(b"\n ", b"").replace(b"\n\t", b"")


def _content(data: bytes) -> list[list[tuple[str, bytes, tuple[tuple[str, str], ...]]]] | None:
    """Each VEVENT's properties, sorted: (name, value, parameters); None if unreadable.

    Order, folding and line ends are set aside: Radicale (3.9) stores what it is given
    re-serialised, with the properties in another order and lines folded anew; Xandikos
    keeps the bytes.  Tried with every bundled event on both, neither adds, drops or
    rewrites a VEVENT property, value or parameter, so none is ignored here."""
    from icalendar import Component

    try:
        top = Component.from_ical(data)
        return sorted(
            sorted((str(name).upper(), prop.to_ical() if hasattr(prop, "to_ical")
                    else str(prop).encode(),
                    tuple(sorted((str(k).upper(), str(v))
                                 for k, v in getattr(prop, "params", {}).items())))
                   for name, prop in event.property_items(recursive=False)
                   if name not in ("BEGIN", "END"))
            for event in top.walk("VEVENT"))
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None


def same(a: bytes, b: bytes) -> bool:
    """The same events: each VEVENT has the same properties, whatever their order,
    folding and line ends (what a server may change); bytes when either is unreadable.

    >>> same(b"BEGIN:VEVENT\\r\\nA:x\\r\\n y\\r\\nB:z\\r\\nEND:VEVENT\\r\\n",
    ...      b"BEGIN:VEVENT\\nB:z\\nA:xy\\nEND:VEVENT\\n")
    True
    """
    if _unfolded(a).strip() == _unfolded(b).strip():
        return True
    ca, cb = _content(a), _content(b)
    return ca is not None and bool(ca) and ca == cb


def ours(data: bytes) -> str | None:
    """The UID of a resource reecal made: every UID in it is the same and in reecal's
    domain; None for anything else (never touched).

    >>> ours(b"BEGIN:VEVENT\\r\\nUID:x@reecal\\r\\nEND:VEVENT\\r\\n"), ours(b"UID:x@example.org")
    ('x@reecal', None)
    """
    uids = {m.group(1).strip() for m in _UID.finditer(_unfolded(data))}
    if len(uids) != 1:
        return None
    found = uids.pop().decode("utf-8", "replace")
    return found if found.endswith(f"@{UID_DOMAIN}") else None


def _sequence(data: bytes) -> int:
    m = _SEQUENCE.search(_unfolded(data))
    return int(m.group(1)) if m else 0


def plan(want: dict[str, bytes], have: dict[str, Remote], last: dict[str, Entry], *,
         known: dict[str, bytes] | None = None, edited: str = EDITED) -> Plan:
    """The writes that make the store hold *want*, given what it holds of reecal's (*have*,
    by UID) and what the last sync wrote (*last*).  A resource changed on the store
    since the last sync is a conflict (*edited* says where), never overwritten nor
    deleted.  With no record of a UID in *last*, the store's copy is left alone when
    its content differs from reecal's, unless its SEQUENCE is lower (an older copy of
    reecal's); for one no longer wanted, reecal's is its bytes in *known* (what reecal
    would write for every record it knows), and without that it is never deleted."""
    actions: list[Action] = []
    conflicts: list[Conflict] = []
    unchanged: list[str] = []
    seen: dict[str, str] = {}
    for uid, data in want.items():
        remote, entry = have.get(uid), last.get(uid)
        if remote is None:
            actions.append(Action("create", uid, data=data))
        elif entry is not None and remote.etag == entry.etag:  # as reecal left it
            if entry.sha256 == digest(data):
                unchanged.append(uid)
                seen[uid] = remote.etag
            else:
                actions.append(Action("update", uid, remote.etag, remote.href, data))
        elif same(remote.data, data):
            unchanged.append(uid)
            seen[uid] = remote.etag
        elif entry is not None:
            conflicts.append(Conflict(uid, f"{edited}; not updated"))
        elif _sequence(remote.data) < _sequence(data):
            actions.append(Action("update", uid, remote.etag, remote.href, data))
        else:
            conflicts.append(Conflict(uid, f"{UNSURE}; not updated"))
    for uid in sorted(set(have) - set(want)):
        remote, entry = have[uid], last.get(uid)
        mine = (known or {}).get(uid)
        if entry is not None and remote.etag != entry.etag:
            conflicts.append(Conflict(uid, f"{edited}; not deleted"))
        elif entry is None and (mine is None or not (
                same(remote.data, mine) or _sequence(remote.data) < _sequence(mine))):
            conflicts.append(Conflict(uid, f"{UNSURE}; not deleted"))
        else:
            actions.append(Action("delete", uid, remote.etag, remote.href))
    return Plan(tuple(actions), tuple(conflicts), tuple(unchanged), seen)
