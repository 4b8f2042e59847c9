"""Every command's help has examples, and each example runs as written.

The examples run in a temporary directory, in the order ``reecal help`` lists the
commands (so ``export`` has written calendars/ before ``lint`` reads it), with "today"
fixed through REECAL_TODAY.  ``serve`` runs up to the point where it hands the
application to uvicorn, which is replaced by a recorder: the server loop itself is
tested in tests/web.
"""

from __future__ import annotations

import glob
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest

from reecal.cli import main
from tests.support import ROOT, Run


def commands(command: click.Command = main, path: tuple[str, ...] = ("reecal",)
             ) -> Iterator[tuple[str, click.Command]]:
    """Each command and group, by its full name, in help order."""
    yield " ".join(path), command
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None
            yield from commands(sub, (*path, name))


def examples(command: click.Command) -> list[str]:
    """The lines under "Examples:" in the command's epilog, up to the first blank line."""
    lines = (command.epilog or "").splitlines()
    if "Examples:" not in lines:
        return []
    out = []
    for line in lines[lines.index("Examples:") + 1:]:
        if not line.strip():
            break
        out.append(line.strip())
    return out


ALL = list(commands())


@pytest.mark.parametrize(("name", "command"), ALL, ids=[n for n, _ in ALL])
def test_every_command_has_examples_of_itself(name: str, command: click.Command) -> None:
    found = examples(command)
    assert found, f"{name} --help has no examples"
    assert all(line.startswith("reecal ") for line in found)
    if name != "reecal":
        words = name.split()[1:]
        assert all(all(w in shlex.split(line) for w in words) for line in found), found


def test_every_example_runs_as_written(run: Run, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    served: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: served.append(kw))
    monkeypatch.setenv("REECAL_TODAY", "2025-11-12")
    monkeypatch.delenv("REECAL_SERVE_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    imports = Path("tests", "data", "imports")  # import's examples: organisers' files
    imports.mkdir(parents=True)
    for ics in (ROOT / imports).glob("*.ics"):
        shutil.copy(ics, imports)
    ran = 0
    for _, command in ALL:
        for line in examples(command):
            piped: bytes | None = None
            for stage in line.split(" | "):  # reecal ... | reecal lint -
                words = shlex.split(stage, comments=True)
                assert words[0] == "reecal", line
                target = None
                if ">" in words:
                    target = words[words.index(">") + 1]
                    words = words[:words.index(">")]
                words = [m for w in words[1:]
                         for m in (sorted(glob.glob(w)) if "*" in w else [w])]
                result = run(*words, input=piped)
                assert result.exit_code == 0, (line, result.output)
                piped = result.stdout_bytes
                if target:
                    Path(target).write_bytes(piped)
            ran += 1
    assert ran >= 2 * len(ALL)
    assert [kw["port"] for kw in served] == [8080, 9000, 8080]
    assert Path("magnets.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
