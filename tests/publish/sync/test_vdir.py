"""reecal.sync into a vdir: the library with a recorded store, then khal reading it."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path

import attrs
import pytest

import reecal
from reecal.formats.ics import resources
from reecal.publish.sync.state import state_file
from tests.support import Recording, khal_command

FOREIGN = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//someone//EN\r\nBEGIN:VEVENT\r\n"
           b"UID:dentist@example.org\r\nDTSTAMP:20250101T000000Z\r\nDTSTART;VALUE=DATE:20251120"
           b"\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


@pytest.fixture
def moment(ds: reecal.Dataset) -> datetime:
    """The moment of syncing: a day after the latest bundled change (fixed by the data)."""
    return max(r.updated for r in ds) + timedelta(days=1)


def run(records: Iterable[reecal.Record], vdir: Path, state: Path, moment: datetime,
        ds: reecal.Dataset, *, dry_run: bool = False) -> tuple[reecal.SyncResult, Recording]:
    store = Recording(reecal.VdirStore(vdir))
    return reecal.sync(records, store, now=moment, state=state, ds=ds, dry_run=dry_run), store


def files(vdir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(vdir.iterdir())}


def test_first_sync_creates_each_event_as_its_feed_bytes_second_writes_nothing(
        ds: reecal.Dataset, tmp_path: Path, moment: datetime) -> None:
    vdir, state = tmp_path / "cal", tmp_path / "state"
    first, store = run(ds, vdir, state, moment, ds)
    want = resources(ds)
    assert sorted(first.created) == sorted(want) and first.changes == len(want)
    assert files(vdir) == {f"{uid}.ics": data for uid, data in want.items()}
    assert all(w[2] is None for w in store.writes)  # created: If-None-Match
    second, store = run(ds, vdir, state, moment, ds)
    assert store.writes == [] and second.changes == 0 and second.summary().startswith(
        "0 changes")
    assert sorted(second.unchanged) == sorted(want)


def test_a_changed_record_is_one_update_and_a_dropped_one_is_deleted(
        ds: reecal.Dataset, tmp_path: Path, moment: datetime) -> None:
    vdir, state = tmp_path / "cal", tmp_path / "state"
    run(ds, vdir, state, moment, ds)
    (vdir / "dentist@example.org.ics").write_bytes(FOREIGN)
    (vdir / "notes.txt").write_text("mine")
    records = [r for r in ds if r.id != "cres-visit-jxust-2025"]
    moved = ds.get("baotou-rare-earth-forum-15")
    records = [attrs.evolve(r, revision=r.revision + 1, title=r.title + " (moved)")
               if r is moved else r for r in records]
    result, store = run(records, vdir, state, moment, ds)
    assert (result.updated, result.deleted, result.created) == (
        ("baotou-rare-earth-forum-15@reecal",), ("cres-visit-jxust-2025@reecal",), ())
    assert [w[0] for w in store.writes] == ["put", "delete"]
    assert all(w[2] for w in store.writes)  # both on the file's ETag
    assert b"(moved)" in (vdir / "baotou-rare-earth-forum-15@reecal.ics").read_bytes()
    assert not (vdir / "cres-visit-jxust-2025@reecal.ics").exists()
    assert (vdir / "dentist@example.org.ics").read_bytes() == FOREIGN
    assert (vdir / "notes.txt").read_text() == "mine"
    assert not [p for p in vdir.iterdir() if p.name.startswith(".")]  # no temporary left
    assert run([], vdir, state, moment, ds)[0].deleted  # an empty selection empties it
    assert files(vdir) == {"dentist@example.org.ics": FOREIGN, "notes.txt": b"mine"}


def test_an_edit_in_the_vdir_is_a_conflict_left_as_it_is(
        ds: reecal.Dataset, tmp_path: Path, moment: datetime) -> None:
    vdir, state = tmp_path / "cal", tmp_path / "state"
    run(ds, vdir, state, moment, ds)
    edited = vdir / "cres-visit-jxust-2025@reecal.ics"
    mine = edited.read_bytes().replace(b"SUMMARY:", b"SUMMARY:My note - ")
    edited.write_bytes(mine)
    changed = [attrs.evolve(r, revision=r.revision + 1, title="Changed") if
               r.id == "cres-visit-jxust-2025" else r for r in ds]
    result, store = run(changed, vdir, state, moment, ds)
    assert [c.uid for c in result.conflicts] == ["cres-visit-jxust-2025@reecal"]
    assert store.writes == [] and edited.read_bytes() == mine
    result, _ = run([r for r in ds if r.id != "cres-visit-jxust-2025"], vdir, state, moment, ds)
    assert result.deleted == () and edited.read_bytes() == mine  # nor deleted
    assert "not deleted" in result.conflicts[0].reason


def test_dry_run_writes_nothing_not_even_the_state(
        ds: reecal.Dataset, tmp_path: Path, moment: datetime) -> None:
    vdir, state = tmp_path / "cal", tmp_path / "state"
    result, store = run(ds, vdir, state, moment, ds, dry_run=True)
    assert len(result.created) == len(resources(ds)) and result.dry_run
    assert store.writes == [] and not vdir.exists() and not state.exists()
    assert "would be made" in result.summary()


def test_a_lost_or_corrupt_state_does_not_crash_nor_rewrite_equal_events(
        ds: reecal.Dataset, tmp_path: Path, moment: datetime) -> None:
    vdir, state = tmp_path / "cal", tmp_path / "state"
    run(ds, vdir, state, moment, ds)
    path = state_file(state, reecal.VdirStore(vdir).key)
    assert set(json.loads(path.read_text())["entries"]) == set(resources(ds))
    path.write_text("{ half a file")
    result, store = run(ds, vdir, state, moment, ds)
    assert store.writes == [] and result.changes == 0
    assert json.loads(path.read_text())["version"] == 1  # rewritten whole


def test_a_record_updated_after_now_is_refused(ds: reecal.Dataset, tmp_path: Path) -> None:
    newest = max(r.updated for r in ds)
    with pytest.raises(reecal.FeedError, match="after now"):
        reecal.sync(ds, reecal.VdirStore(tmp_path / "cal"), now=newest - timedelta(seconds=1))
    assert not (tmp_path / "cal").exists()


@pytest.mark.slow
@pytest.mark.interop
def test_khal_reads_the_synced_vdir_and_sees_each_update(
        ds: reecal.Dataset, tmp_path: Path, moment: datetime) -> None:
    vdir = tmp_path / "cal"
    khal, env = khal_command(tmp_path, vdir, "reecal")

    def search(text: str) -> set[str]:
        out = subprocess.run([*khal, "search", "--format", "{uid}", text], check=True,
                             capture_output=True, text=True, timeout=120, env=env)
        return set(out.stdout.split())

    run(ds, vdir, tmp_path / "state", moment, ds)
    assert search("CRES") >= {"cres-visit-jxust-2025@reecal",
                              "cres-ganzhou-field-visit-2025@reecal"}
    changed = [attrs.evolve(r, revision=r.revision + 1, title="Zanzibar summit")
               if r.id == "cres-visit-jxust-2025" else r for r in ds]
    run(changed, vdir, tmp_path / "state", moment, ds)
    assert search("Zanzibar") == {"cres-visit-jxust-2025@reecal"}
