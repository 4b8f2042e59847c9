"""reecal.cli.fast answers the common invocations from the cache, byte for byte as the
click group answers them, and leaves everything else to the group."""

from __future__ import annotations

import itertools
import os
import random
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from reecal.cli import fast
from reecal.cli.dirs import BRIEFS, data_entry, user_cache
from reecal.cli.group import main
from reecal.loading.files import inputs
from tests.support import GOOD, ISOLATE


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """A clean environment with a cache of its own."""
    for var in (*ISOLATE, "COLUMNS", "NO_COLOR", "REECAL_DATA", "REECAL_CACHE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("TZ", "UTC")
    return monkeypatch


def group(argv: list[str]) -> tuple[int, str]:
    r = CliRunner().invoke(main, argv)
    return r.exit_code, r.output


def answered(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int | None, str]:
    capsys.readouterr()
    code = fast.answer(argv)
    return code, capsys.readouterr().out


def _argvs(seed: int, n: int) -> list[list[str]]:
    """Common invocations: the group's options before or after the command's name."""
    pick = random.Random(seed)
    todays = ["2025-11-01", "2025-11-17T10:00+08:00", "2026-01-10", "2026-05-01"]
    zones = [None, "UTC", "Asia/Shanghai", "America/New_York", "AoE"]
    out = []
    for _ in range(n):
        command = pick.choice(["upcoming", "deadlines"])
        before = ["--today", pick.choice(todays)]
        after: list[str] = []
        if (tz := pick.choice(zones)) is not None:
            (before if pick.random() < 0.5 else after).extend(["--tz", tz])
        if command == "upcoming":
            after += pick.choice([[], ["--days", "400"], ["--days=30"], ["--until", "2026-06"],
                                  ["--until", "+200d"]])
        else:
            after += pick.choice([[], ["--state", "open"], ["--state", "CLOSED", "--state",
                                                            "not-yet-open"]])
        fmt = pick.choice([None, "text", "json", "csv"])
        if fmt:
            (before if pick.random() < 0.5 else after).append(f"--format={fmt}")
        out.append([*before, command, *after])
    return out


@pytest.mark.parametrize("argv", _argvs(14, 24), ids=" ".join)
def test_the_same_bytes_as_the_group(env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                     argv: list[str]) -> None:
    assert answered(argv, capsys) == (None, "")  # no briefs yet: the group's, untouched
    code, out = group(argv)
    got = answered(argv, capsys)
    if "Nothing between" in out or "application windows match" in out:
        assert got == (None, "")  # the group says what is nearest
    else:
        assert got == (code, out) and code == 0


@pytest.mark.parametrize("argv", [
    ["list", "--format", "ics"], ["--format", "ics", "list"],
    ["--today", "2025-11-01", "--tz", "Asia/Shanghai", "list", "--format=ics", "--past"],
    ["list", "--format", "json"], ["--format=json", "--today", "2026-05-01", "list"],
    ["list", "--format", "JSON"], ["--format=Ics", "list"],  # any case, as click reads it
])
def test_every_records_feed_as_the_group_kept_it(env: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str],
                                                 argv: list[str]) -> None:
    assert answered(argv, capsys) == (None, "")
    r = CliRunner().invoke(main, argv)
    expected = (r.exit_code, r.stdout_bytes.decode())  # (.output has its CRLFs as LFs)
    assert answered(argv, capsys) == expected
    ics = "ics" in " ".join(argv).lower()
    assert ("BEGIN:VTIMEZONE\r\n" if ics else '"records": [') in expected[1]
    for other in (["list", "--format", "ics", "--no-past"], ["list", "--kind", "forum",
                                                             "--format", "json"],
                  ["search", "cast", "--format", "ics"], ["list", "--format", "csv"]):
        group(other)  # a selection, or another format: not kept, the group's
        assert answered(other, capsys) == (None, "")
    assert answered(argv, capsys) == expected


def test_another_click_icalendar_or_zone_database_misses(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from reecal.loading import cache

    before = cache.code_digest()
    for other in ("icalendar-99.0.dist-info", "click-99.0.dist-info"):
        site = tmp_path / other.split("-")[0]
        (site / other).mkdir(parents=True)
        monkeypatch.syspath_prepend(str(site))
        assert cache.code_digest() != before
        before = cache.code_digest()
    monkeypatch.setenv("PYTHONTZPATH", str(tmp_path))
    assert cache.code_digest() != before


@pytest.mark.parametrize("columns", ["40", "80", "200"])
def test_the_same_table_on_a_narrow_terminal(env: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str],
                                             columns: str) -> None:
    env.setenv("COLUMNS", columns)
    for argv in (["--today", "2025-11-12", "upcoming", "--days", "400"],
                 ["--today", "2025-11-12", "deadlines"]):
        expected = group(argv)
        assert answered(argv, capsys) == expected


def test_your_own_data_too(env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                           tmp_path: Path) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text(GOOD, encoding="utf-8")
    argv = ["--today", "2027-01-01", "--data", str(mine), "upcoming", "--days", "400"]
    expected = group(argv)
    assert answered(argv, capsys) == expected
    with open(mine, "a", encoding="utf-8") as fh:  # changed data: the group's again
        fh.write("\n# changed\n")
    assert answered(argv, capsys) == (None, "")


@pytest.mark.parametrize("argv", [
    ["upcoming", "--kind", "conference"], ["upcoming", "--estimated"],
    ["upcoming", "--format", "ics"], ["--format", "ics", "deadlines"], ["list"],
    ["upcoming", "--days", "-1"], ["upcoming", "--days", "x"], ["upcoming", "--until", "soon"],
    ["deadlines", "--state", "shut"], ["--today", "", "upcoming"], ["--tz", "Mars/Base",
                                                                     "upcoming"],
    ["--no-bundled", "upcoming"], ["upcoming", "--data", "x.toml"], ["upcoming", "extra"],
    ["upcoming", "--"], ["--today"], ["--version"], ["help", "upcoming"],
    ["upcoming", "--help"], ["--today", "2025-11-01", "upcomin"],
])
def test_anything_else_is_the_groups(env: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str],
                                     argv: list[str]) -> None:
    group(["--today", "2025-11-01", "upcoming"])  # the briefs are there
    group(["--help"])  # and the help
    assert answered(argv, capsys) == (None, "")


def test_reecal_data_is_the_groups(env: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    group(["--today", "2025-11-01", "upcoming"])
    (tmp_path / "mine.toml").write_text(GOOD, encoding="utf-8")
    env.setenv("REECAL_DATA", str(tmp_path / "mine.toml"))
    assert answered(["--today", "2025-11-01", "upcoming"], capsys) == (None, "")


def test_reecal_today_and_tz_are_read(env: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    env.setenv("REECAL_TODAY", "2025-11-12")
    env.setenv("REECAL_TZ", "Asia/Shanghai")
    expected = group(["deadlines"])
    assert answered(["deadlines"], capsys) == expected
    assert answered(["--tz", "UTC", "deadlines"], capsys) == group(["--tz", "UTC", "deadlines"])


@pytest.mark.parametrize("argv", [[], ["--help"], ["-h"], ["help"]])
def test_the_help_as_the_group_printed_it(env: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str],
                                          argv: list[str]) -> None:
    env.setenv("COLUMNS", "80")
    assert answered(argv, capsys) == (None, "")
    expected = group(argv)
    assert answered(argv, capsys) == expected
    env.setenv("COLUMNS", "120")  # another width: the group's, until it has printed it
    assert answered(argv, capsys) == (None, "")


def test_columns_as_shutil_says(env: pytest.MonkeyPatch) -> None:
    from reecal.cli.streams import columns

    for value in (None, "", "0", "-3", "x", "57", "300"):
        if value is None:
            env.delenv("COLUMNS", raising=False)
        else:
            env.setenv("COLUMNS", value)
        assert columns() == shutil.get_terminal_size((100, 24)).columns


def _entry() -> Path:
    cache = user_cache()
    assert cache is not None
    return Path(cache.directory) / data_entry(cache.key(inputs()), BRIEFS)


@pytest.mark.parametrize("bad", [
    b"", b"\x00garbage", b"\xe3" + bytes(range(40)),  # not marshal, or cut short
    __import__("marshal").dumps([("x",) * 10]),  # marshal, not briefs
    __import__("marshal").dumps([compile("1", "x", "eval")]),  # code: refused, never run
    __import__("marshal").dumps({"not": "a list"}),
])
def test_a_corrupt_entry_is_ignored(env: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str], bad: bytes) -> None:
    argv = ["--today", "2025-11-01", "upcoming"]
    group(argv)
    _entry().write_bytes(bad)
    assert answered(argv, capsys) == (None, "")
    assert group(argv)[0] == 0


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="owners and modes are POSIX's")
def test_an_entry_others_may_write_is_ignored(env: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--today", "2025-11-01", "upcoming"]
    expected = group(argv)
    entry = _entry()
    entry.chmod(0o666)
    assert answered(argv, capsys) == (None, "")
    entry.chmod(0o600)
    entry.parent.chmod(0o777)
    try:
        assert answered(argv, capsys) == (None, "")
    finally:
        entry.parent.chmod(0o700)
    assert answered(argv, capsys) == expected


@pytest.mark.parametrize(("argv", "entry"), [(["--help"], ".help"),
                                             (["list", "--format", "ics"], ".list.ics"),
                                             (["list", "--format", "json"], ".list-json"),
                                             (["--today", "2025-11-01", "upcoming"], ".briefs")])
def test_an_entry_changed_since_it_was_written_is_made_again(
        env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str],
        entry: str) -> None:
    r = CliRunner().invoke(main, argv)
    expected = (r.exit_code, r.stdout_bytes.decode())
    [kept] = [p for p in (Path(os.environ["XDG_CACHE_HOME"]) / "reecal").iterdir()
              if p.name.endswith(entry)]
    data = kept.read_bytes()
    kept.write_bytes(data[:-3] + b"BAD")  # the same size, another ending
    assert answered(argv, capsys) == (None, "") and not kept.exists()
    CliRunner().invoke(main, argv)  # the group makes it again
    assert answered(argv, capsys) == expected


def test_completing_is_clicks(env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
                              ) -> None:
    group(["--help"])
    env.setenv("_REECAL_COMPLETE", "bash_complete")
    assert answered([], capsys) == (None, "")


def test_a_relative_xdg_directory_is_ignored(env: pytest.MonkeyPatch) -> None:
    from reecal.cli.dirs import user_dir

    env.setenv("XDG_CACHE_HOME", "relative/cache")
    assert user_dir("XDG_CACHE_HOME", ".cache") == os.path.join(
        os.path.expanduser("~"), ".cache", "reecal")


def test_no_cache_no_answer(env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--today", "2025-11-01", "upcoming"]
    group(argv)
    env.setenv("REECAL_CACHE", "0")
    assert answered(argv, capsys) == (None, "")


def test_a_closed_pipe_ends_quietly(env: pytest.MonkeyPatch) -> None:
    import subprocess

    argv = ["--today", "2025-11-01", "upcoming", "--days", "400"]
    group(argv)
    script = ("import sys; from reecal.cli import fast; sys.exit(fast.answer(sys.argv[1:]))")
    p = subprocess.run([sys.executable, "-c", script, *argv], capture_output=True, text=True,
                       env=dict(os.environ), check=False)
    assert p.returncode == 0 and p.stdout.startswith("DATE") and p.stderr == ""
    r, w = os.pipe()
    os.close(r)
    p2 = subprocess.run([sys.executable, "-c", script, *argv], stdout=w, stderr=subprocess.PIPE,
                        env=dict(os.environ), check=False)
    os.close(w)
    assert (p2.returncode, p2.stderr) == (0, b"")


def test_nothing_imported_that_the_answer_does_not_use(env: pytest.MonkeyPatch) -> None:
    """The answer's start-up: no click, no attrs, no JSON or icalendar for a table."""
    import subprocess

    group(["--today", "2025-11-01", "upcoming"])
    group(["--help"])
    group(["list", "--format", "ics"])
    group(["list", "--format", "json"])
    script = ("import sys; before = set(sys.modules); from reecal.cli import fast; "
              "code = fast.answer(sys.argv[1:]); "
              "print(code, sorted(m for m in set(sys.modules) - before if m.split('.')[0] in "
              "('click', 'attr', 'attrs', 'cattrs', 'json', 'icalendar', 'dateutil', "
              "'tomllib', 'pathlib', 'shutil', 'tempfile', 'hashlib', 'pickle')), "
              "file=sys.stderr)")
    for argv in (["--today", "2025-11-01", "upcoming"], ["--help"], ["list", "--format", "ics"],
                 ["list", "--format", "json"]):
        p = subprocess.run([sys.executable, "-c", script, *argv], capture_output=True,
                           text=True, env=dict(os.environ), check=True)
        assert p.stderr.strip() == "0 []", argv


def test_every_state_is_the_agendas() -> None:
    from reecal.cli.agenda import STATES

    assert fast._STATES == STATES
    assert list(itertools.chain(*fast._OWN.values())) == ["--days", "--until", "--state",
                                                          "--past"]
