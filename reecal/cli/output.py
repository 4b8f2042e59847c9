"""The one output dispatch: every command says what it can show, and this shows it in
the format asked for (``--format`` after the command, else before it, else text)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from reecal.cli.settings import settings
from reecal.cli.streams import color, max_width, show

if TYPE_CHECKING:
    from reecal.cli.streams import Rows
    from reecal.model.dates import Part
    from reecal.model.records import Record
    from reecal.query.filter import Filter

__all__ = ["Rows", "color", "emit", "feed_of", "max_width", "near_misses"]


def feed_of(records: Iterable[Record], name: str, parts: Iterable[Part | str] | None = None
            ) -> Callable[[], bytes]:
    """A feed of *records* named *name* (every dated part, or only *parts*), its
    descriptions naming organisers, parents and series from the whole dataset."""
    def build() -> bytes:
        from reecal.formats.ics import PARTS, feed

        return feed(records, name=name, parts=PARTS if parts is None else parts,
                    ds=settings().dataset)
    return build


def near_misses(flt: Filter) -> list[str]:
    """What to add to "nothing matches": each filter value no record has, with the near
    value the user may have meant."""
    from reecal.query.facets import near_misses as misses

    return misses(settings().dataset, flt)


def emit(fmt: str | None, *, text: Callable[[], str], json: Callable[[], Any] | None = None,
         csv: Callable[[], Rows] | None = None, ics: Callable[[], bytes] | None = None) -> None:
    """Print what the command has to show in format *fmt* (the command's ``--format``),
    else in the group's ``--format``, else as text (see :func:`reecal.cli.streams.show`)."""
    show(fmt or settings().fmt or "text",  # the group checked the command has it
         text=text, json=json, csv=csv, ics=ics)
