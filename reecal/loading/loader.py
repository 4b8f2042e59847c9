"""Data files → checked records: the bundled data, the user's files, an optional cache.

>>> loaded = read([])
>>> sorted({type(r).__name__ for r in loaded.records})
['Event', 'Programme']
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reecal.loading.files import Paths, decode, inputs
from reecal.loading.integrity import Loaded, collect
from reecal.loading.parse import Located, parse_records

if TYPE_CHECKING:
    from reecal.loading.cache import Cache

__all__ = ["read"]


def read(paths: Paths = (), *, include_bundled: bool = True, cache: Cache | None = None
         ) -> Loaded:
    """The records of the bundled data (unless *include_bundled* is False) and of *paths*.

    *paths* is one file or directory, or several; directories are searched for
    ``*.toml``.  Raises :class:`~reecal.errors.DataError` on the first problem found.
    With a *cache*, data loaded before from the very same bytes is not parsed again.
    """
    found = inputs(paths, include_bundled=include_bundled)
    if cache is None:
        return _parse(found)
    key = cache.key(found)
    loaded = cache.get(key)
    if loaded is None:
        loaded = _parse(found)
        cache.put(key, loaded)
    return loaded


def _parse(inputs: list[tuple[str, bytes]]) -> Loaded:
    """The records of *inputs*, which this empties: a file's bytes go once decoded,
    rather than lasting, beside its text, as long as the records are being built."""
    def located() -> Iterator[Located]:
        inputs.reverse()
        while inputs:
            name, raw = inputs.pop()
            text = decode(raw, name)
            del raw
            yield from parse_records(text, name)

    return collect(located())
