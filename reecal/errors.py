"""Errors that reecal reports to people: one line each, naming where the problem is.

Every error a user can cause (a malformed data file, an impossible date, a broken
``.ics``) is a :class:`ReecalError`; the CLI prints ``str(error)`` on one line and
exits 1.  Nothing else is expected to escape the library for bad *input*.

>>> str(DataError("Typo in a field", path="my.toml", record="expo-2026", field="tittle", line=4))
'my.toml:4: record "expo-2026", field "tittle": Typo in a field'
"""

from __future__ import annotations


def printable(text: str) -> str:
    r"""*text* with every character a terminal would act on written as an escape:
    controls (C0, DEL, C1: ESC, BEL, CR...), format characters (bidi overrides,
    zero-width ones) and separators other than the space.  What input put into a
    message then stays one inert line that shows what was there.

    >>> printable("BEGIN:V\x0bCAL\x1b[2J \u202eevil 稀土")
    'BEGIN:V\\x0bCAL\\x1b[2J \\u202eevil 稀土'
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 0x100
                   else f"\\u{ord(c):04x}" for c in text)


MAX_SHOWN = 80
"""How much of a name from the input (an id, a key, a field path) a message quotes."""
MAX_MESSAGE = 1000
"""How long a message may grow: input can make a name, and so a message, of any size."""


def shown(text: str, limit: int = MAX_SHOWN) -> str:
    """*text* from the input as a message quotes it: :func:`printable`, and cut to
    *limit* characters.

    >>> shown("x" * 100, 10)
    'xxxxxxxxx…'
    """
    text = printable(text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def one_line(text: str) -> str:
    """Collapse any whitespace run (newlines included) so a message stays on one line,
    and escape what is left that a terminal would act on (:func:`printable`).

    >>> one_line("a\\n  b\\tc\\x1b[31m")
    'a b c\\\\x1b[31m'
    """
    flat = printable(" ".join(text.split()))
    if len(flat) <= MAX_MESSAGE:
        return flat
    return f"{flat[:MAX_MESSAGE]}… ({len(flat) - MAX_MESSAGE} more characters)"


class ReecalError(Exception):
    """Base class of every error reecal raises for bad input or a failed operation."""


class FieldError(ReecalError, ValueError):
    """A value that breaks a record's rules: the *field* that is wrong and why.

    Raised by the record validators (and for a wrong argument to a query, naming the
    parameter); the loader turns it into a :class:`DataError` carrying the file and
    record.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class DataError(ReecalError):
    """A problem in a data file, addressed by file, record id, field and line."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        record: str | None = None,
        field: str | None = None,
        line: int | None = None,
    ) -> None:
        self.message = one_line(message)
        self.path = path
        self.record = record
        self.field = field
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = shown(self.path, 4096) + (f":{self.line}" if self.line is not None
                                              else "") + ": "
        what = []
        if self.record is not None:
            what.append(f'record "{shown(self.record)}"')
        if self.field is not None:
            what.append(f'field "{shown(self.field)}"')
        lead = (", ".join(what) + ": ") if what else ""
        return f"{where}{lead}{self.message}"


class FeedError(ReecalError):
    """Writing or checking a published feed failed."""


class NotFoundError(ReecalError):
    """No record has the id asked for; carries close matches."""

    def __init__(self, record_id: str, suggestions: tuple[str, ...] = ()) -> None:
        self.record_id = record_id
        self.suggestions = suggestions
        hint = f" (did you mean: {', '.join(suggestions)}?)" if suggestions else ""
        super().__init__(f'no record with id "{one_line(record_id)}"{hint}')


class SyncError(ReecalError):
    """A sync could not be done: the server or directory refused, or could not be
    reached (see :func:`reecal.sync`)."""


class Problem(tuple[int, str]):
    """A problem at a line of an imported file: (line, message), sortable by line;
    line 0 is the whole file (not a regular file, too large, not iCalendar...)."""

    __slots__ = ()

    def __new__(cls, line: int, message: str) -> Problem:
        return super().__new__(cls, (line, one_line(message)))

    @property
    def line(self) -> int:
        return self[0]

    @property
    def message(self) -> str:
        return self[1]


class ImportFailed(ReecalError):
    """An organiser's calendar file could not be imported: every problem found, each
    ``file:line: message``; nothing was written.

    >>> err = ImportFailed("x.ics", [Problem(3, "bad date"), Problem(9, "no UID")])
    >>> err.lines()
    ['x.ics:3: bad date', 'x.ics:9: no UID']
    >>> str(err)
    'x.ics:3: bad date (and 1 more problem)'
    """

    def __init__(self, path: str, problems: list[Problem], *, more: int = 0) -> None:
        self.path = path
        self.problems = tuple(problems)
        self.more = more
        """How many more problems were found than are listed."""
        more = len(problems) - 1 + more
        extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else ""
        super().__init__(f"{self.lines()[0]}{extra}")

    def lines(self) -> list[str]:
        """One line per problem: ``file:line: message``."""
        shown = printable(self.path)
        out = [f"{shown}:{p.line}: {p.message}" if p.line else f"{shown}: {p.message}"
               for p in self.problems]  # line 0: the whole file
        if self.more:
            out.append(f"{shown}: … and {self.more} more problem{'s' if self.more > 1 else ''}"
                       " (fix these first)")
        return out
