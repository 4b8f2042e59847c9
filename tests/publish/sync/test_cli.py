"""``reecal sync`` on the command line, into a vdir (no server needed)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

import reecal
import reecal.cli.settings
from reecal.formats.ics import resources
from tests.support import Run


@pytest.fixture(autouse=True)
def _clock(ds: reecal.Dataset, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The moment of syncing is fixed (a day after the latest bundled change), and the
    state goes to this test's own directory."""
    moment: datetime = max(r.updated for r in ds) + timedelta(days=1)
    monkeypatch.setattr(reecal.cli.settings, "wall_clock", lambda: moment)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


def test_sync_selects_as_list_does_and_says_0_changes_the_second_time(
        run: Run, tmp_path: Path) -> None:
    vdir = tmp_path / "cal"
    args = ("--today", "2025-11-12", "sync", "--no-past", "--kind", "conference", "--vdir",
            str(vdir))
    first = run(*args)
    assert first.exit_code == 0, first.output
    listed = run("--today", "2025-11-12", "list", "--no-past", "--kind", "conference",
                 "--format", "ics")
    uids = sorted(line.removeprefix("UID:") for line in listed.stdout.splitlines()
                  if line.startswith("UID:"))
    assert sorted(line.removeprefix("created ") for line in first.stdout.splitlines()) == uids
    assert sorted(p.name for p in vdir.iterdir()) == sorted(f"{u}.ics" for u in uids)
    assert first.stderr == f"{vdir}: {len(uids)} changes ({len(uids)} created), 0 unchanged\n"
    second = run(*args)
    assert (second.exit_code, second.stdout) == (0, "")
    assert second.stderr == f"{vdir}: 0 changes, {len(uids)} unchanged\n"
    assert list((tmp_path / "state" / "reecal" / "sync").glob("*.json"))


def test_dry_run_names_what_it_would_do_and_writes_nothing(run: Run, tmp_path: Path) -> None:
    result = run("sync", "--dry-run", "--vdir", str(tmp_path / "cal"))
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == len(resources(reecal.load()))
    assert all(line.startswith("would create ") for line in result.stdout.splitlines())
    assert not (tmp_path / "cal").exists() and not (tmp_path / "state").exists()


def test_a_conflict_is_named_the_rest_done_and_exit_1(run: Run, tmp_path: Path) -> None:
    vdir = tmp_path / "cal"
    assert run("sync", "--vdir", str(vdir)).exit_code == 0
    edited = vdir / "cres-visit-jxust-2025@reecal.ics"
    edited.write_bytes(edited.read_bytes().replace(b"SUMMARY:", b"SUMMARY:Mine "))
    result = run("sync", "--kind", "visit", "--vdir", str(vdir))
    assert result.exit_code == 1
    conflicts = [line for line in result.stdout.splitlines() if line.startswith("conflict ")]
    assert conflicts == [  # a vdir has no server; still selected: not a delete
        "conflict cres-visit-jxust-2025@reecal: edited by another program; not updated"]
    assert all(len(line) <= 80 for line in conflicts)
    assert "deleted baotou-rare-earth-forum-15@reecal" in result.stdout  # the rest is done
    assert result.stderr.splitlines()[-1] == (
        f"reecal: error: 1 conflict left as {vdir} has it: cres-visit-jxust-2025@reecal")
    assert b"SUMMARY:Mine " in edited.read_bytes()


@pytest.mark.parametrize(("args", "message"), [
    (("sync",), "reecal: usage error: give the URL of a calendar collection, or --vdir DIR"),
    (("sync", "--vdir", "x", "http://127.0.0.1:1/"),
     "reecal: usage error: give a URL or --vdir DIR, not both"),
    (("sync", "ftp://example.org/cal/"), "is not an http(s) URL"),
    (("sync", "http://me:secret@127.0.0.1:1/cal/"), "a password in the URL would show"),
    (("sync", "--password-file", "/no/such/file", "--user", "me", "http://127.0.0.1:1/"),
     "reecal: error: cannot read the password file /no/such/file: No such file or directory"),
])
def test_bad_arguments_are_one_line(run: Run, args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert result.exit_code in (1, 2) and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert message in line


def test_a_password_without_a_user_is_refused(run: Run, monkeypatch: pytest.MonkeyPatch
                                              ) -> None:
    monkeypatch.setenv("REECAL_CALDAV_PASSWORD", "x")
    result = run("sync", "http://127.0.0.1:1/cal/")
    assert result.exit_code == 2 and "without --user" in result.stderr


def test_a_file_where_the_vdir_should_be_is_one_line(run: Run, tmp_path: Path) -> None:
    (tmp_path / "cal").write_text("not a directory")
    result = run("sync", "--vdir", str(tmp_path / "cal"))
    assert result.exit_code == 1
    assert result.stderr == f"reecal: error: {tmp_path / 'cal'}: exists and is not a directory\n"


def test_help_fits_80_columns(run: Run) -> None:
    shown = run("sync", "--help", env={"COLUMNS": "80"}).output
    assert "REECAL_CALDAV_PASSWORD" in shown and "--password-file" in shown
    assert [line for line in shown.splitlines() if len(line) > 80] == []
