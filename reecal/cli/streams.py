"""The standard streams as every command uses them: the terminal's width and colour,
streams the shell closed, and writing that survives a reader going away.

Nothing here imports click: :mod:`reecal.cli.fast` writes through these too, so that
its output and its failures are the group's, byte for byte.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing is not imported: the help's start-up does without it
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any, TypeAlias

__all__ = ["Rows", "color", "columns", "flush_or_quiet", "max_width", "open_closed_streams",
           "quiet_stdout", "show"]

if TYPE_CHECKING:
    Rows: TypeAlias = tuple[Sequence[dict[str, Any]], Sequence[str]]
    """CSV to write: the rows and the columns."""


def color() -> bool:
    """Colour only on a terminal, and never with NO_COLOR set."""
    return not os.environ.get("NO_COLOR") and sys.stdout.isatty()


def columns() -> int:
    """The terminal's width as :func:`shutil.get_terminal_size` says it (COLUMNS, else
    the terminal, else 100), without importing shutil (and its compressors)."""
    try:
        given = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        given = 0
    if given > 0:
        return given
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 100  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):  # no standard output, or not a terminal
        return 100


def max_width() -> int | None:
    """The terminal's width, or None when the output is piped (nothing is cut)."""
    if sys.stdout.isatty() or os.environ.get("COLUMNS"):
        return columns()
    return None


def open_closed_streams() -> None:
    """A standard stream the shell closed (``<&-``, ``>&-``) is the null device: input
    reads as empty, output goes nowhere, as when the reader of a pipe went away."""
    for name, mode in (("stdin", "r"), ("stdout", "w"), ("stderr", "w")):
        if getattr(sys, name) is None:  # open for the rest of the process, as they were
            setattr(sys, name, open(os.devnull, mode, encoding="utf-8"))  # noqa: SIM115


def quiet_stdout() -> None:
    """Point standard output at the null device: nothing more reaches a reader that
    went away or a full disk, and Python's last flush at exit cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def flush_or_quiet() -> None:
    """Write what standard output still holds, or drop it if it cannot be written (so
    that Python's flush at exit does not fail a second time)."""
    try:
        sys.stdout.flush()
    except OSError:
        quiet_stdout()


def show(chosen: str, *, text: Callable[[], str], json: Callable[[], Any] | None = None,
         csv: Callable[[], Rows] | None = None, ics: Callable[[], bytes] | None = None) -> None:
    """Write what a command has to show in format *chosen* (text if it has not that
    format).  The reader going away raises ``BrokenPipeError`` (ending quietly is the
    caller's); a refused write (a full disk...) is a :class:`~reecal.errors.ReecalError`,
    and what is left in the buffer is dropped so that it does not fail again at exit."""
    try:
        _write(chosen, text=text, json=json, csv=csv, ics=ics)
        sys.stdout.flush()  # so that a full disk is said here, not at exit
    except BrokenPipeError:
        raise
    except OSError as exc:
        from reecal.errors import ReecalError

        quiet_stdout()
        raise ReecalError(f"standard output: cannot write: {exc.strerror or exc}") from None


def _write(chosen: str, *, text: Callable[[], str], json: Callable[[], Any] | None,
           csv: Callable[[], Rows] | None, ics: Callable[[], bytes] | None) -> None:
    if chosen == "json" and json is not None:
        payload = json()
        if isinstance(payload, bytes):  # the text as it was kept (reecal.cli.fast)
            sys.stdout.flush()
            sys.stdout.buffer.write(payload)
            return
        from reecal.formats.rows import json_chunks

        for chunk in json_chunks(payload):
            sys.stdout.write(chunk)
    elif chosen == "csv" and csv is not None:
        from reecal.formats.rows import to_csv

        sys.stdout.write(to_csv(*csv()))
    elif chosen == "ics" and ics is not None:
        sys.stdout.flush()
        sys.stdout.buffer.write(ics())
    else:
        shown = text()
        if shown:  # nothing to say (a clean lint) prints nothing
            sys.stdout.write(shown + "\n")
