"""Re-run every ``$ reecal ...`` command shown in README.md and write its real output.

    python tests/update_readme.py

``tests/test_readme.py`` fails when a shown output differs from a real run; this is
the one command that brings the README back in line after an intended change.  The
environment is cleared as the test clears it, so the outputs match exactly.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
ISOLATE = ("REECAL_TODAY", "REECAL_TZ", "REECAL_DATA", "REECAL_BASE_URL", "COLUMNS", "NO_COLOR",
           "REECAL_CALDAV_USER", "REECAL_CALDAV_PASSWORD")
"""Environment variables cleared for every shown run (here and in the tests)."""
CONSOLE = re.compile(r"^```console\n(.*?)^```$", re.S | re.M)


def runs(block: str) -> list[tuple[str, str]]:
    """The ``(command, shown output)`` pairs of one console block."""
    return [(cmd, output) for cmd, _, output in
            (part.partition("\n") for part in re.split(r"^\$ ", block, flags=re.M)[1:])]


def main() -> None:
    for var in ISOLATE:
        os.environ.pop(var, None)
    sys.path.insert(0, str(README.parent))  # this checkout's reecal, not an installed one
    from click.testing import CliRunner

    from reecal.cli import main as cli

    def rerun(m: re.Match[str]) -> str:
        block = m.group(1)
        out = re.split(r"^\$ ", block, maxsplit=1, flags=re.M)[0]  # any text before
        for cmd, _ in runs(block):
            result = CliRunner().invoke(cli, shlex.split(cmd)[1:], catch_exceptions=False)
            if result.exit_code != 0:
                raise SystemExit(f"README command failed ({result.exit_code}): {cmd}")
            out += f"$ {cmd}\n{result.output}"
        return f"```console\n{out}```"

    text = README.read_text(encoding="utf-8")
    new = CONSOLE.sub(rerun, text)
    if new != text:
        README.write_text(new, encoding="utf-8")
        print("README.md: outputs updated")
    else:
        print("README.md: outputs already true")


if __name__ == "__main__":
    main()
