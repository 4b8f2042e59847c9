"""The one output dispatch: every command says what it can show, and this shows it in
the format asked for (``--format`` after the command, else before it, else text)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import click

from reecal.cli.settings import settings

if TYPE_CHECKING:
    from reecal.model.dates import Part
    from reecal.model.records import Record
    from reecal.query.filter import Filter

__all__ = ["color", "emit", "feed_of", "max_width", "near_misses", "quiet_stdout"]

Rows = tuple[Sequence[dict[str, Any]], Sequence[str]]


def color() -> bool:
    """Colour only on a terminal, and never with NO_COLOR set."""
    return not os.environ.get("NO_COLOR") and sys.stdout.isatty()


def max_width() -> int | None:
    """The terminal's width, or None when the output is piped (nothing is cut)."""
    if sys.stdout.isatty() or os.environ.get("COLUMNS"):
        import shutil

        return shutil.get_terminal_size((100, 24)).columns
    return None


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


def quiet_stdout() -> None:
    """Point standard output at the null device: nothing more reaches a reader that
    went away or a full disk, and Python's last flush at exit cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def emit(fmt: str | None, *, text: Callable[[], str], json: Callable[[], Any] | None = None,
         csv: Callable[[], Rows] | None = None, ics: Callable[[], bytes] | None = None) -> None:
    """Print what the command has to show in format *fmt* (the command's ``--format``),
    else in the group's ``--format``, else as text."""
    chosen = fmt or settings().fmt or "text"  # the group checked the command has it
    try:
        _write(chosen, text=text, json=json, csv=csv, ics=ics)
        sys.stdout.flush()  # so that a full disk is said here, not at exit
    except BrokenPipeError:
        raise  # the reader went away (| head): the group ends quietly
    except OSError as exc:
        from reecal.errors import ReecalError

        quiet_stdout()  # what is left in the buffer must not fail again at exit
        raise ReecalError(f"standard output: cannot write: {exc.strerror or exc}") from None


def _write(chosen: str, *, text: Callable[[], str], json: Callable[[], Any] | None,
           csv: Callable[[], Rows] | None, ics: Callable[[], bytes] | None) -> None:
    if chosen == "json" and json is not None:
        from reecal.formats.rows import json_pieces

        batch: list[str] = []  # written a few thousand pieces at a time: see json_pieces
        for piece in json_pieces(json()):
            batch.append(piece)
            if len(batch) == 4096:
                sys.stdout.write("".join(batch))
                batch.clear()
        sys.stdout.write("".join(batch) + "\n")
    elif chosen == "csv" and csv is not None:
        from reecal.formats.rows import to_csv

        click.echo(to_csv(*csv()), nl=False)
    elif chosen == "ics" and ics is not None:
        sys.stdout.buffer.write(ics())
        sys.stdout.flush()
    else:
        shown = text()
        if shown:  # nothing to say (a clean lint) prints nothing
            click.echo(shown)
