"""What the linter reports, and the content lines it reads."""

from __future__ import annotations

import attrs

from reecal.errors import printable

__all__ = ["Finding", "Line"]


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

    def __str__(self) -> str:
        return (f"{self.path}:{self.line}: {self.message}" if self.line
                else f"{self.path}: {self.message}")

    def as_dict(self) -> dict[str, object]:
        return {"file": self.path, "line": self.line, "code": self.code,
                "message": self.message}


@attrs.frozen
class Line:
    """One unfolded content line: where it starts, its name, parameters and value."""

    number: int  # physical line where the logical line starts
    name: str
    params: dict[str, str]
    value: str
