"""The ``reecal`` command line: a thin layer over the library.

Each command parses its options, calls a library query, and hands what it can show
to :func:`reecal.cli.output.emit`.  Commands are grouped by job: :mod:`.agenda`
(upcoming, deadlines), :mod:`.records` (list, search, show), :mod:`.publish` (export,
lint, schema), :mod:`.sync` (sync), :mod:`.imports` (import), :mod:`.web` (serve, site
build); :mod:`.group` is the click group.  Errors are one line on stderr: exit 1 for
bad data, a broken feed or lint findings (a broken calendar file given to import: one
line per problem), 2 for a usage error.

The console script first offers the command to :mod:`.fast`, which answers the most
common invocations (``upcoming``, ``deadlines``, ``list --format ics|json``, ``--help``)
from the cache without importing click or building the model; anything else, or anything it
cannot answer byte for byte as the group would, goes to the group.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing is not imported: the help's start-up does without it
if TYPE_CHECKING:
    from typing import Any

    from reecal.cli.group import main as main

__all__ = ["entry", "main"]


def entry() -> None:
    """The console script: ``reecal``."""
    from reecal.cli.fast import answer

    code = answer(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    from reecal.cli.group import main

    main()


def __getattr__(name: str) -> Any:
    if name == "main":  # the group is imported only when asked for: it imports click
        from reecal.cli.group import main

        return main
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
