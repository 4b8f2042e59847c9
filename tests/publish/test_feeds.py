"""The published feeds: registry, freshness, determinism, SEQUENCE, atomic writes."""

from __future__ import annotations

import os
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

import reecal
from reecal.errors import FeedError
from reecal.publish import feeds, files
from tests.support import ROOT

CAL = ROOT / "calendars"


def test_committed_feeds_are_fresh(ds: reecal.Dataset) -> None:
    """Fails when the data changed but `reecal export` was not run."""
    assert files.check(ds, CAL) == []


def test_calendars_readme_lists_every_feed_with_both_links() -> None:
    from reecal.publish.readme import readme

    text = (CAL / "README.md").read_text(encoding="utf-8")
    assert text == readme()
    base = feeds.base_url()
    for f in feeds.FEEDS:
        assert f"{base}/{f.filename}" in text
        assert f"webcal://{base.split('://', 1)[1]}/{f.filename}" in text
    for client in ("Google", "Apple", "Outlook", "Thunderbird"):
        assert f"### {client}" in text


def test_rebuild_is_byte_identical(ds: reecal.Dataset) -> None:
    assert files.render_all(ds) == files.render_all(reecal.load())


def test_feeds_hold_what_they_say(ds: reecal.Dataset) -> None:
    def uids(name: str) -> list[str]:
        return re.findall(r"^UID:(.*)\r$", (CAL / name).read_bytes().decode(), re.M)

    every = uids("all.ics")
    assert len(every) == len(set(every))
    assert set(uids("events.ics")) | set(uids("deadlines.ics")) == set(every)
    assert all(u.endswith((".opens@reecal", ".closes@reecal")) for u in uids("deadlines.ics"))
    assert not any(".closes@" in u for u in uids("events.ics"))
    # every deadline in the data is in the all-items feed
    for p in ds.programmes:
        assert f"{p.id}.closes@reecal" in every


def test_calendar_properties() -> None:
    head = (CAL / "all.ics").read_bytes().split(b"BEGIN:VTIMEZONE")[0]
    for prop in (b"VERSION:2.0", b"PRODID:", b"CALSCALE:GREGORIAN", b"NAME:", b"X-WR-CALNAME:",
                 b"DESCRIPTION:", b"X-WR-CALDESC:", b"REFRESH-INTERVAL;VALUE=DURATION:P1D",
                 b"X-PUBLISHED-TTL:P1D"):
        assert prop in head, prop
    assert b"METHOD:" not in head  # libical's PUBLISH check wants ORGANIZER: see interop


def test_a_changed_record_without_a_bumped_revision_is_refused(tmp_path: Path,
                                                              ds: reecal.Dataset) -> None:
    out = tmp_path / "cal"
    files.write(ds, out)
    rev = ds.get("cres-youth-academic-conference-7").revision
    changed = ds.evolve("cres-youth-academic-conference-7", summary="Programme published.")
    with pytest.raises(FeedError, match='"cres-youth-academic-conference-7" changed but its '
                                        f"revision is still {rev}"):
        files.write(changed, out)
    bumped = changed.evolve("cres-youth-academic-conference-7", revision=rev + 1,
                            updated=datetime(2026, 11, 27, tzinfo=UTC))
    assert "all.ics" in files.write(bumped, out)
    text = (out / "all.ics").read_text(encoding="utf-8")
    block = text.split("UID:cres-youth-academic-conference-7@reecal")[1].split("END:VEVENT")[0]
    assert f"SEQUENCE:{rev + 1}" in block and "LAST-MODIFIED:20261127T000000Z" in block


def test_uids_do_not_depend_on_order(ds: reecal.Dataset) -> None:
    from reecal.formats.ics import feed

    forward = feed(list(ds), name="x", ds=ds)
    backward = feed(list(reversed(list(ds))), name="x", ds=ds)
    assert forward == backward


def test_check_names_each_stale_file(tmp_path: Path, ds: reecal.Dataset) -> None:
    out = tmp_path / "cal"
    shutil.copytree(CAL, out)
    (out / "events.ics").write_bytes(b"old")
    (out / "README.md").unlink()
    assert files.check(ds, out) == ["events.ics", "README.md"]


def _snapshot(d: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(d.iterdir())}


def test_failed_write_leaves_old_feeds_and_no_temp_files(tmp_path: Path) -> None:
    out = tmp_path / "cal"
    shutil.copytree(CAL, out)
    before = _snapshot(out)
    ds = reecal.load()
    rev = ds.get("cres-youth-academic-conference-7").revision
    ds = ds.evolve("cres-youth-academic-conference-7", summary="New.", revision=rev + 1)
    calls = []

    def failing(fd: int, data: bytes) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        os.write(fd, data)

    with pytest.raises(FeedError, match="No space left on device"):
        files.write(ds, out, _writer=failing)
    assert _snapshot(out) == before


def test_failed_rename_restores_every_feed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    out = tmp_path / "cal"
    shutil.copytree(CAL, out)
    before = _snapshot(out)
    ds = reecal.load().evolve("cast-doctoral-talent-2025", summary="New.", revision=9)
    real = os.replace
    seen = []

    def flaky(src: str | Path, dst: str | Path) -> None:
        seen.append(dst)
        if str(dst).endswith("deadlines.ics"):
            raise OSError(5, "Input/output error")
        real(src, dst)

    monkeypatch.setattr(os, "replace", flaky)
    with pytest.raises(FeedError, match="restored"):
        files.write(ds, out)
    monkeypatch.setattr(os, "replace", real)
    assert _snapshot(out) == before


def test_read_only_target_is_an_error_not_a_traceback(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only directory, as the OS reports it (chmod alone does not stop root)."""
    import tempfile

    out = tmp_path / "cal"
    shutil.copytree(CAL, out)
    before = _snapshot(out)

    def denied(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    ds = reecal.load().evolve("cast-doctoral-talent-2025", summary="New.", revision=9)
    with pytest.raises(FeedError, match="Permission denied; the published feeds were left"):
        files.write(ds, out)
    assert _snapshot(out) == before


def test_the_changes_feed_is_published_checked_and_only_ours_replaced(
        tmp_path: Path, ds: reecal.Dataset) -> None:
    out = tmp_path / "cal"
    assert "changes.atom" in files.write(ds, out)
    assert files.check(ds, out) == []
    (out / "changes.atom").unlink()
    assert files.check(ds, out) == ["changes.atom"]  # missing
    files.write(ds, out)
    data = (out / "changes.atom").read_bytes()
    (out / "changes.atom").write_bytes(data.replace(b"<entry>", b"<entry >", 1))
    assert files.check(ds, out) == ["changes.atom"]  # stale
    assert files.write(ds, out) == ["changes.atom"]  # reecal's, so replaced
    (out / "changes.atom").write_bytes(data.replace(b"reecal</generator>", b"x</generator>"))
    assert files.foreign(out) == ["changes.atom"]
    with pytest.raises(FeedError, match=r"changes\.atom was not written by reecal"):
        files.write(ds, out)


def test_a_change_dated_after_now_is_refused_and_the_bytes_hold_no_clock(
        tmp_path: Path, ds: reecal.Dataset) -> None:
    newest = max(r.updated for r in ds)
    assert files.render_all(ds, now=newest) == files.render_all(ds)  # no clock in the bytes
    early = newest.replace(year=newest.year - 1)
    with pytest.raises(FeedError, match=r'^"[a-z0-9-]+" is updated .*, after now \(.*\): a '
                                        r"change cannot be published before it is made; "
                                        r"correct its updated \(and \d+ more\)$"):
        files.write(ds, tmp_path / "cal", now=early)
    assert not (tmp_path / "cal").exists()
    files.write(ds, tmp_path / "cal")
    with pytest.raises(FeedError, match="after now"):
        files.check(ds, tmp_path / "cal", now=early)


class _Killed(BaseException):
    """A kill: no `except OSError` (nor any cleanup meant for errors) catches it."""


def _kill_at(n: int) -> files.Step:
    seen = []

    def step(name: str) -> None:
        seen.append(name)
        if len(seen) == n:
            raise _Killed(name)

    return step


def test_an_export_killed_at_any_step_is_finished_by_the_next(tmp_path: Path) -> None:
    """A kill is injected before each step of the replacement in turn: the directory
    then holds, per file, the old or the new bytes (never a part), --check names what
    is stale or left over, and the next export finishes with every file new and no
    leftovers."""
    old_ds = reecal.load()
    rid = "cres-youth-academic-conference-7"
    new_ds = old_ds.evolve(rid, summary="New.", revision=old_ds.get(rid).revision + 1)
    old, new = files.render_all(old_ds), files.render_all(new_ds)
    changed = sorted(n for n in new if new[n] != old[n])
    assert len(changed) >= 3  # several files: the journal is used
    steps: list[str] = []
    scratch = tmp_path / "scratch"
    shutil.copytree(CAL, scratch)
    files.write(new_ds, scratch, _step=steps.append)
    assert steps[0] == "journal" and steps[-1] == "clean up"
    for n in range(1, len(steps) + 1):
        out = tmp_path / f"killed-{n}"
        shutil.copytree(CAL, out)
        with pytest.raises(_Killed):
            files.write(new_ds, out, _step=_kill_at(n))
        for name in new:
            assert (out / name).read_bytes() in (old[name], new[name]), (steps[n - 1], name)
        assert files.check(new_ds, out), steps[n - 1]  # stale files or leftovers named
        written = files.write(new_ds, out)  # finishes the killed one, then writes
        assert sorted(written) == changed, steps[n - 1]  # each named, as the kill named none
        assert _snapshot(out) == {**_snapshot(CAL), **new}, steps[n - 1]
        assert files.check(new_ds, out) == []


def test_a_killed_export_is_all_new_once_recovered_even_before_it_is_rerun(
        tmp_path: Path) -> None:
    from reecal.publish.atomic import JOURNAL, recover

    old_ds = reecal.load()
    rid = "cast-doctoral-talent-2025"
    new_ds = old_ds.evolve(rid, summary="New.", revision=old_ds.get(rid).revision + 1)
    out = tmp_path / "cal"
    shutil.copytree(CAL, out)
    with pytest.raises(_Killed):
        files.write(new_ds, out, _step=_kill_at(3))  # journal, a backup, then killed
    assert (out / JOURNAL).exists()
    stale = files.check(new_ds, out)
    assert f"{JOURNAL} (left by an interrupted export)" in stale
    finished = recover(out, files.names())
    assert finished and _snapshot(out) == {**_snapshot(CAL), **files.render_all(new_ds)}
