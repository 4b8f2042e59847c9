"""The SEQUENCE guard: a changed event must carry a higher SEQUENCE, or subscribers'
calendars keep the old copy (RFC 5546 §2.1.5).

>>> sequence_problems(b"", b"")
[]
"""

from __future__ import annotations

import re

__all__ = ["sequence_problems"]

_VEVENT = re.compile(rb"BEGIN:VEVENT\r\n(.*?)END:VEVENT\r\n", re.S)
_VOLATILE = re.compile(rb"^(DTSTAMP|LAST-MODIFIED|SEQUENCE)[;:]", re.M)


def _events(data: bytes) -> dict[str, tuple[int, bytes]]:
    unfolded = re.sub(rb"\r\n[ \t]", b"", data)
    out = {}
    for m in _VEVENT.finditer(unfolded):
        body = m.group(1)
        uid = re.search(rb"^UID:(.*)\r$", body, re.M)
        seq = re.search(rb"^SEQUENCE:(\d+)\r$", body, re.M)
        stable = b"".join(line for line in body.splitlines(keepends=True)
                          if not _VOLATILE.match(line))
        if uid:
            out[uid.group(1).decode("utf-8", "replace")] = (int(seq.group(1)) if seq else 0,
                                                            stable)
    return out


def sequence_problems(old: bytes, new: bytes) -> list[str]:
    """UIDs whose event changed without a higher SEQUENCE (subscribers would miss it).

    A record's ``revision`` is its SEQUENCE: bump it (and ``updated``) on every change.
    """
    before, after = _events(old), _events(new)
    problems = []
    for uid, (seq, body) in after.items():
        if uid in before:
            old_seq, old_body = before[uid]
            if body != old_body and seq <= old_seq:
                rid = uid.split("@", 1)[0].split(".", 1)[0]
                problems.append(f'record "{rid}" changed but its revision is still {seq}: '
                                f"bump revision (and updated) so calendars take the update")
            elif seq < old_seq:
                problems.append(f"{uid}: SEQUENCE went down from {old_seq} to {seq}")
    return problems


