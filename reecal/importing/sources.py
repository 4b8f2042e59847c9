"""Which of a calendar's events each occurrence comes from, found in constant time:
an import of N events makes N look-ups, never N searches of N events."""

from __future__ import annotations

from typing import Any

__all__ = ["Sources"]


class Sources:
    """Which component each occurrence comes from, looked up in dictionaries made
    once: the override with its RECURRENCE-ID, else the first master event of its
    UID, else the first event of its UID (linear in the events, however many share
    a UID)."""

    def __init__(self, comps: list[Any]) -> None:
        self.first: dict[str, int] = {}
        self.master: dict[str, int] = {}
        self.override: dict[tuple[str, Any], int] = {}
        for i, c in enumerate(comps):
            uid = str(c.get("UID", ""))
            self.first.setdefault(uid, i)
            if "RECURRENCE-ID" not in c:
                self.master.setdefault(uid, i)
                continue
            try:
                self.override.setdefault((uid, c.decoded("RECURRENCE-ID")), i)
            except Exception:  # icalendar raises many types: an unreadable one matches nothing
                continue

    def of(self, ev: Any) -> int:
        """The index of the component occurrence *ev* comes from."""
        uid = str(ev["UID"])
        if "RECURRENCE-ID" in ev:
            found = self.override.get((uid, ev.decoded("RECURRENCE-ID")))
            if found is not None:
                return found
        return self.master.get(uid, self.first[uid])
