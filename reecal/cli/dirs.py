"""Where the command line keeps things: its cache and its state, under the XDG base
directories (imported by every start-up: no click, no typing)."""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reecal.loading.cache import Cache

__all__ = ["BRIEFS", "LIST_ICS", "LIST_JSON", "data_entry", "user_cache", "user_dir"]

BRIEFS = "briefs"
"""The kind of cache entry, beside the data's snapshot, that holds its briefs."""
LIST_ICS = "list.ics"
"""The kind of cache entry, beside the data's snapshot, of ``reecal list --format ics``:
the feed of every record, the same bytes until the data or reecal change."""
LIST_JSON = "list-json"
"""The kind of cache entry of ``reecal list --format json``: every record in full, as
:data:`LIST_ICS` (not ``.json``, the snapshots' ending, whose entries are counted apart)."""


def data_entry(key: str, kind: str) -> str:
    """The cache entry of *kind* (:data:`BRIEFS`, :data:`LIST_ICS`, ...) for the data whose
    snapshot is under *key*."""
    return f"{key}.{kind}"


def user_cache() -> Cache | None:
    """The cache in ``$XDG_CACHE_HOME/reecal`` (``~/.cache/reecal``), unless
    ``REECAL_CACHE=0``."""
    if os.environ.get("REECAL_CACHE", "1").lower() in ("0", "no", "false", "off"):
        return None
    from reecal.loading.cache import Cache

    return Cache(user_dir("XDG_CACHE_HOME", ".cache"))


def user_dir(variable: str, *default: str) -> str:
    """reecal's directory under the XDG base directory *variable* (``XDG_CACHE_HOME``,
    ``XDG_STATE_HOME``), or under ``~/`` *default* when it is not set or, as the XDG
    specification says, not an absolute path."""
    base = os.environ.get(variable, "")
    if not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), *default)
    return os.path.join(base, "reecal")
