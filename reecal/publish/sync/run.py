"""``reecal.sync``: make a store hold exactly the events of some records.

Each event is one resource (:func:`reecal.formats.ics.resources`, the feed's own
VEVENT bytes) under its UID.  Only resources whose UID is reecal's are ever changed or
deleted; one changed on the store since the last sync (or refused with HTTP 412) is a
conflict: reported, left as the store has it, and the rest of the work still done.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reecal.formats.ics import PARTS, resources
from reecal.formats.words import counted
from reecal.model.dates import Part
from reecal.model.records import Record
from reecal.publish.feeds import not_after
from reecal.publish.sync import state as _state
from reecal.publish.sync.plan import Action, Conflict, Entry, Remote, digest, ours, plan
from reecal.publish.sync.store import PreconditionFailed, Store

if TYPE_CHECKING:
    from reecal.query.dataset import Dataset

__all__ = ["SyncResult", "sync"]


@dataclass(frozen=True)
class SyncResult:
    """What a sync did (or, with ``dry_run``, would do), by UID."""

    target: str
    created: tuple[str, ...]
    updated: tuple[str, ...]
    deleted: tuple[str, ...]
    unchanged: tuple[str, ...]
    conflicts: tuple[Conflict, ...]
    dry_run: bool = False

    @property
    def changes(self) -> int:
        return len(self.created) + len(self.updated) + len(self.deleted)

    def summary(self) -> str:
        """One line, e.g. ``3 changes (1 created, 1 updated, 1 deleted), 14 unchanged``.

        >>> SyncResult("x", (), (), (), ("a@reecal",), (), dry_run=True).summary()
        '0 changes would be made, 1 unchanged'
        """
        parts = [f"{n} {what}" for n, what in ((len(self.created), "created"),
                 (len(self.updated), "updated"), (len(self.deleted), "deleted")) if n]
        head = counted(self.changes, "change") + (" would be made" if self.dry_run else "")
        tail = [f"{len(self.unchanged)} unchanged"]
        if self.conflicts:
            tail.append(counted(len(self.conflicts), "conflict"))
        return ", ".join([head + (f" ({', '.join(parts)})" if parts else ""), *tail])


def _ours_by_uid(listing: Iterable[Remote]) -> dict[str, Remote]:
    """reecal's resources by UID (the first by href when a UID is stored twice)."""
    found: dict[str, Remote] = {}
    for remote in sorted(listing, key=lambda r: r.href):
        key = ours(remote.data)
        if key is not None:
            found.setdefault(key, remote)
    return found


def sync(records: Iterable[Record], target: Store, *, now: datetime,
         state: Path | None = None, dry_run: bool = False,
         parts: Iterable[Part | str] = PARTS, ds: Dataset | None = None) -> SyncResult:
    """Make *target* hold one resource per event of *records* (of *parts*), and none of
    reecal's that are not among them; resources that are not reecal's stay as they are.

    *state* is a directory where what this sync wrote is kept (one small JSON file per
    target), so that the next one can tell an edit on the store from reecal's own; with
    none, a store's copy whose content differs is a conflict unless its SEQUENCE is
    lower than reecal's (then updated), and the state is rebuilt from what is the same.
    *dry_run* only plans: nothing is written, the state included.  *ds* names
    organisers and series in descriptions (by default *records*, when a Dataset).
    A record updated after *now* is refused (FeedError), as in ``reecal export``; a
    store that cannot be read or written raises SyncError.
    """
    from reecal.query.dataset import Dataset as _Dataset

    if ds is None and isinstance(records, _Dataset):
        ds = records
    pool = list(records)
    not_after(pool, now)
    want = resources(pool, parts=parts, ds=ds)
    path = _state.state_file(state, target.key) if state is not None else None
    last = _state.load(path) if path is not None else {}
    have = _ours_by_uid(target.list())
    known = None
    if any(uid not in want and uid not in last for uid in have):  # no record of writing it
        ids = {r.id for r in pool}
        known = resources([*pool, *(r for r in ds or () if r.id not in ids)], ds=ds) | want
    todo = plan(want, have, last, known=known, edited=target.edited)
    done: dict[str, list[str]] = {"create": [], "update": [], "delete": []}
    conflicts = list(todo.conflicts)
    if not dry_run:
        entries = {uid: Entry(todo.seen[uid], digest(want[uid])) for uid in todo.unchanged}
        entries |= {c.uid: last[c.uid] for c in todo.conflicts if c.uid in last}
        try:
            for action in todo.actions:
                try:
                    etag = _apply(target, action)
                except PreconditionFailed:
                    conflicts.append(Conflict(action.uid, _refused(action)))
                    if action.uid in last:
                        entries[action.uid] = last[action.uid]
                    continue
                done[action.kind].append(action.uid)
                if action.kind != "delete":
                    entries[action.uid] = Entry(etag or "", digest(want[action.uid]))
            _fill_etags(target, entries, want)
        finally:
            if path is not None:
                _state.save(path, target.key, entries, now)
    else:
        for action in todo.actions:
            done[action.kind].append(action.uid)
    return SyncResult(target.name, tuple(done["create"]), tuple(done["update"]),
                      tuple(done["delete"]), todo.unchanged,
                      tuple(sorted(conflicts, key=lambda c: c.uid)), dry_run)


def _apply(target: Store, action: Action) -> str | None:
    if action.kind == "delete":
        assert action.href is not None and action.if_match is not None
        target.delete(action.href, action.if_match)
        return None
    assert action.data is not None
    return target.put(action.href or target.href(action.uid), action.data, action.if_match)


def _refused(action: Action) -> str:
    if action.kind == "create":
        return "its name is taken by another's; not created"
    return f"edited during the sync; not {action.kind}d"


def _fill_etags(target: Store, entries: dict[str, Entry], want: dict[str, bytes]) -> None:
    """The ETags a store did not give back on writing, from a listing (only if needed);
    a write whose ETag stays unknown is forgotten (as if there were no state)."""
    if all(e.etag for e in entries.values()):
        return
    for key, remote in _ours_by_uid(target.list()).items():
        if key in entries and not entries[key].etag:
            entries[key] = Entry(remote.etag, digest(want[key]))
    for key in [k for k, e in entries.items() if not e.etag]:
        del entries[key]
