"""What the linter reports, and the content lines it reads."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

import attrs

from reecal.errors import printable

__all__ = ["Defect", "Finding", "Findings", "Issue", "Line"]


@attrs.frozen
class Finding:
    """One defect: where it is and what is wrong.

    The message often quotes the file; control and other unprintable characters in it
    are written as escapes, so a finding is always one line and cannot drive a terminal.
    Line 0 means the whole file (unreadable, too large, not iCalendar).
    """

    path: str = attrs.field(converter=printable)
    line: int
    code: str
    message: str = attrs.field(converter=printable)
    more: int = 0
    """For the line that closes a kind cut short: how many findings it stands for."""

    @property
    def count(self) -> int:
        """How many findings this line is: itself, or those it stands for."""
        return self.more or 1

    def __str__(self) -> str:
        return (f"{self.path}:{self.line}: {self.message}" if self.line
                else f"{self.path}: {self.message}")

    def as_dict(self) -> dict[str, object]:
        return {"file": self.path, "line": self.line, "code": self.code,
                "message": self.message}


class Line(NamedTuple):
    """One unfolded content line: where it starts, its name, parameters and value (a
    tuple: a file has millions of them, and they are built and read, never changed)."""

    number: int  # physical line where the logical line starts
    name: str
    params: dict[str, str]
    value: str


Defect = tuple[str, str]
"""What is wrong with one line: (code, message); the caller knows the file and line,
and makes a :class:`Finding` only if it keeps it (a file of a million bad lines keeps
a hundred)."""
Issue = tuple[int, str, str]
"""A defect before it is a :class:`Finding`: (line, code, message).  Rules return these,
and :meth:`Findings.issues` makes a Finding only of those it keeps."""


class Findings(list[Finding]):
    """The findings of one file, at most :attr:`CAP` of each kind kept: a hostile file
    with a million broken lines gets a hundred findings and a count, not a million
    (and bounded memory)."""

    CAP = 100

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, int] = {}
        self.last: dict[str, int] = {}

    def append(self, finding: Finding) -> None:
        n = self.counts[finding.code] = self.counts.get(finding.code, 0) + 1
        self.last[finding.code] = finding.line
        if n <= self.CAP:
            super().append(finding)

    def add(self, path: str, line: int, code: str, message: str) -> None:
        """A finding, made only if it is kept (making one escapes its text: the costly
        part of a line with a defect)."""
        if not self.full(code, line):
            self.append(Finding(path, line, code, message))

    def issues(self, path: str, issues: Iterable[Issue]) -> None:
        """:meth:`add` each of *issues*."""
        for line, code, message in issues:
            self.add(path, line, code, message)

    def full(self, code: str, line: int) -> bool:
        """Whether *code* has all the findings it keeps: if so the one at *line* is only
        counted (so a million broken lines do not build a million findings)."""
        if self.counts.get(code, 0) < self.CAP:
            return False
        self.counts[code] += 1
        self.last[code] = line
        return True

    def run(self, code: str, lines: range, make: Callable[[int], Finding]) -> None:
        """A finding of *code* on each of *lines*: those kept are made (by *make*, from
        the line's number), the others only counted, so a run of a million costs no
        more than a hundred."""
        kept = lines[:max(0, self.CAP - self.counts.get(code, 0))]
        for number in kept:
            self.append(make(number))
        if len(lines) > len(kept):
            self.counts[code] = self.counts.get(code, 0) + len(lines) - len(kept)
            self.last[code] = lines[-1]

    def __iadd__(self, findings: Iterable[Finding]) -> Findings:  # type: ignore[override,misc]
        for f in findings:
            self.append(f)
        return self

    def done(self, path: str) -> list[Finding]:
        """The findings kept, in line order, and one more per kind that was cut short."""
        more = [Finding(path, self.last[code], code,
                        f"{n - self.CAP} more like the {code} finding above (only the "
                        f"first {self.CAP} are listed)", more=n - self.CAP)
                for code, n in sorted(self.counts.items()) if n > self.CAP]
        return sorted([*self, *more], key=lambda f: (f.line, f.code))
