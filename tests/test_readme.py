"""The README cannot drift: its set-up commands, CLI runs, session and data example."""

from __future__ import annotations

import doctest
import re
import shlex
from datetime import date
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import reecal
from reecal.cli import main
from tests.support import ROOT
from tests.update_readme import ISOLATE, runs

README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks(lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```$", README, re.S | re.M)


def test_readme_starts_with_exactly_two_setup_commands() -> None:
    first = re.search(r"^```(\w*)\n(.*?)^```$", README, re.S | re.M)
    assert first is not None
    assert README.index(first.group(0)) < README.index("\n## ")
    lines = [ln for ln in first.group(2).splitlines() if ln.strip()]
    assert len(lines) == 2
    assert lines[0].startswith("pip install .") and "reecal" in lines[0]
    assert "pytest" in lines[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert lines[1] in ci  # .ci/run runs the README's test command verbatim (then deep)


RUNS = [run for block in blocks("console") for run in runs(block)]


def test_readme_shows_several_runs() -> None:
    assert len(RUNS) >= 6


@pytest.mark.parametrize(("cmd", "output"), RUNS, ids=[c for c, _ in RUNS])
def test_readme_cli_runs_are_real(cmd: str, output: str, monkeypatch: pytest.MonkeyPatch
                                  ) -> None:
    for var in ISOLATE:
        monkeypatch.delenv(var, raising=False)
    args = shlex.split(cmd)
    assert args[0] == "reecal"
    result = CliRunner().invoke(main, args[1:], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.output == output


def test_readme_library_session_is_real() -> None:
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    globs: dict[str, object] = {}
    for i, block in enumerate(blocks("pycon")):
        test = parser.get_doctest(block, globs, f"README[{i}]", "README.md", 0)
        runner.run(test, clear_globs=False)
        globs = test.globs
    assert runner.failures == 0
    assert runner.tries >= 15


def test_readme_data_examples_load(tmp_path: Path) -> None:
    [example, series, history] = blocks("toml")
    f, g = tmp_path / "mine.toml", tmp_path / "series.toml"
    f.write_text(example, encoding="utf-8")
    g.write_text(series, encoding="utf-8")
    ds = reecal.load([f, g])
    assert "acme-magnet-summit-2027" in ds and "acme-fellowship-2027" in ds
    [guess] = [e for e in ds.estimates(date(2027, 6, 1))  # the series example's cadence
               if e.record.series == "acme-magnet-summit"]
    assert guess.record.id == "acme-magnet-summit-2028-estimated"
    f.write_text('[[event]]\nid = "moved"\nkind = "conference"\ntitle = "Moved"\n'
                 "start = 2026-05-15\nend = 2026-05-18\nrevision = 2\n"
                 "updated = 2026-03-01T09:00:00Z\n[[event.sources]]\n"
                 'document = "https://example.org/x"\nquote = "15-18 May"\n' + history,
                 encoding="utf-8")
    first, second = reecal.load([f], bundled=False).get("moved").past()
    assert (first.start, first.end, second.start) == (date(2026, 5, 12), date(2026, 5, 14),
                                                      date(2026, 5, 15))
    assert first.status is second.status is reecal.Status.TENTATIVE


def test_readme_json_table_names_every_key() -> None:
    from datetime import UTC, datetime

    from reecal.formats.rows import upcoming_rows

    ds = reecal.load()
    now = datetime(2025, 11, 12, tzinfo=UTC)
    [row, *_] = upcoming_rows(ds.upcoming(now), now, UTC)
    table = README.split("| JSON key")[1].split("\n\n")[0]
    for key in row:
        if not key.startswith("_"):
            assert f"`{key}`" in table, key


def _commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command's path, sub-commands of groups included."""
    out = []
    for name in group.list_commands(None):  # type: ignore[arg-type]
        cmd = group.get_command(None, name)  # type: ignore[arg-type]
        out.append((*path, name))
        if isinstance(cmd, click.Group):
            out += _commands(cmd, (*path, name))
    return out


def test_every_command_has_help_with_an_example() -> None:
    runner = CliRunner()
    commands = _commands(main)
    assert ("site", "build") in commands
    for path in commands:
        result = runner.invoke(main, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "Examples:" in result.output and f"reecal {' '.join(path)}" in result.output, path


def test_readme_server_table_is_the_measured_one() -> None:
    """The README quotes benchmarks/server-results.md (benchmarks/server.py) verbatim."""
    results = (ROOT / "benchmarks" / "server-results.md").read_text(encoding="utf-8")
    section = README.split("## The web page and server", 1)[1].split("\n## ", 1)[0]
    assert results.strip() in section
    assert "python benchmarks/server.py" in section


def test_readme_performance_table_is_the_measured_one() -> None:
    """The README quotes benchmarks/results.md (written by benchmarks/run.py) verbatim."""
    results = (ROOT / "benchmarks" / "results.md").read_text(encoding="utf-8")
    table = [line for line in results.splitlines() if line.startswith("|")]
    machine = next(line for line in results.splitlines() if line.startswith("Machine:"))
    measured = next(line for line in results.splitlines() if line.startswith("Measured"))
    readme = README.split("## Performance", 1)[1].split("\n## ", 1)[0]
    assert [line for line in readme.splitlines() if line.startswith("|")] == table
    assert machine in readme
    assert measured in readme
    assert "python benchmarks/run.py" in readme
