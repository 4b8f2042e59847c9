"""Hostile files and folders: import stays linear in the events, bounded in the
problems it keeps, and never writes through a path it did not make."""

from __future__ import annotations

import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

import reecal.loading.provenance
from reecal.errors import ImportFailed
from reecal.importing import import_file, import_ics
from reecal.importing.lines import blocks
from tests.support import Run

NOW = datetime(2026, 12, 1, tzinfo=UTC)
EVENT = ("BEGIN:VEVENT\r\nUID:e{i}@x\r\nDTSTAMP:20260101T000000Z\r\n"
         "DTSTART:20270101T100000Z\r\nDTEND:20270101T110000Z\r\nSUMMARY:Talk {i}\r\n"
         "END:VEVENT\r\n")
OK = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\n"
      + EVENT.format(i=1).replace("Talk 1", "Hello").encode() + b"END:VCALENDAR\r\n")


def calendar(n: int, same_uid: bool = False) -> bytes:
    events = "".join(EVENT.format(i=0 if same_uid else i) for i in range(n))
    return (f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\n{events}"
            "END:VCALENDAR\r\n").encode()


def calls(work: Any) -> int:
    """How many Python functions *work* calls: deterministic, unlike its time."""
    count = 0

    def hook(frame: FrameType, event: str, arg: object) -> None:
        nonlocal count
        count += event == "call"

    sys.setprofile(hook)
    try:
        work()
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.parametrize("same_uid", [False, True])
def test_import_does_work_linear_in_the_events(same_uid: bool) -> None:
    """Four times the events, at most about four times the calls: matching each
    occurrence to its event by a scan of all events (2,000 events took 26 s, 40,000
    never finished) made it sixteen."""
    def work(n: int) -> int:
        data = calendar(n, same_uid)
        import_ics(data, name="x.ics", now=NOW, until=date(2028, 1, 1))  # warm the imports
        return calls(lambda: import_ics(data, name="x.ics", now=NOW, until=date(2028, 1, 1)))

    small, large = work(50), work(200)
    assert large <= 4.4 * small, (small, large)


def test_the_line_check_is_linear_in_the_lines() -> None:
    """Nested components once cost a scan of the open ones per line."""
    def deep(n: int) -> bytes:
        return (b"BEGIN:VCALENDAR\r\n" + b"".join(b"BEGIN:X%d\r\n" % i for i in range(n))
                + b"".join(b"END:X%d\r\n" % i for i in reversed(range(n))) + b"END:VCALENDAR\r\n")

    small = calls(lambda: blocks(deep(500), "x.ics"))
    large = calls(lambda: blocks(deep(2000), "x.ics"))
    assert large <= 4.4 * small, (small, large)


def test_millions_of_problems_keep_only_the_first_and_count_the_rest(
        monkeypatch: pytest.MonkeyPatch) -> None:
    made = 0
    real = reecal.importing.lines.shown

    def counting(*args: Any) -> str:
        nonlocal made
        made += 1
        return real(*args)

    monkeypatch.setattr(reecal.importing.lines, "shown", counting)
    data = b"BEGIN:VCALENDAR\r\n" + b"X\n" * 20_000 + b"END:VCALENDAR\r\n"
    with pytest.raises(ImportFailed) as exc:
        blocks(data, "x.ics")
    assert len(exc.value.problems) == 20 and exc.value.more == 19_980
    assert exc.value.problems[0] == (2, "not a content line: 'X'")
    assert made < 200  # the messages past the first problems are never made


def test_the_proof_reads_the_calendars_copy_once(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    read = 0
    real = reecal.loading.provenance.own_document

    def counting(data: Path, path: str) -> str | None:
        nonlocal read
        read += 1
        return real(data, path)

    monkeypatch.setattr(reecal.loading.provenance, "own_document", counting)
    src = tmp_path / "many.ics"
    src.write_bytes(calendar(30))
    drafts = import_file(src, tmp_path / "out", now=NOW, until=date(2028, 1, 1))
    assert len(drafts.changed) == 30
    assert read == 1


def refused(run: Run, out: Path, says: str) -> None:
    before = {p.name: os.readlink(p) if p.is_symlink() else p.read_bytes()
              for p in out.iterdir()}
    src = out.parent / "ok.ics"
    src.write_bytes(OK)
    r = run("--today", "2026-12-01", "import", str(src), "--out", str(out))
    assert r.exit_code == 1, r.output
    assert r.stdout == "" and r.stderr == f"reecal: error: {says}\n"
    after = {p.name: os.readlink(p) if p.is_symlink() else p.read_bytes()
             for p in out.iterdir()}
    assert after == before


def test_a_link_of_a_drafts_name_or_to_a_device_refuses_the_folder_as_data_does(
        tmp_path: Path, run: Run) -> None:
    for name in ("hello-2027.toml", "other.toml"):
        out = tmp_path / name.split(".")[0]
        out.mkdir()
        (out / name).symlink_to("/dev/zero")
        says = f"{out / name}: cannot read: a character device, not a regular file"
        r = run("--today", "2026-12-01", "--data", str(out), "list")
        assert r.stderr == f"reecal: error: {says}\n"
        refused(run, out, says)


def test_a_dangling_link_of_a_drafts_name_is_neither_followed_nor_replaced(
        tmp_path: Path, run: Run) -> None:
    out = tmp_path / "d"
    out.mkdir()
    (out / "hello-2027.toml").symlink_to(tmp_path / "nowhere.toml")
    (tmp_path / "x.ics").write_bytes(OK)
    r = run("--today", "2026-12-01", "import", str(tmp_path / "x.ics"), "--out", str(out))
    assert r.exit_code == 1, r.output
    assert (out / "hello-2027.toml").is_symlink() and not (tmp_path / "nowhere.toml").exists()
    assert sorted(p.name for p in out.iterdir()) == ["hello-2027.toml"]


def test_a_link_to_a_users_file_keeps_its_name_and_the_draft_takes_another(
        tmp_path: Path, run: Run) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text('[[organisation]]\nid = "x"\nname = "X"\n', encoding="utf-8")
    out = tmp_path / "d"
    out.mkdir()
    (out / "hello-2027.toml").symlink_to(mine)
    (tmp_path / "x.ics").write_bytes(OK)
    r = run("--today", "2026-12-01", "import", str(tmp_path / "x.ics"), "--out", str(out))
    assert r.exit_code == 0, r.output
    assert "hello-2027-2" in r.stdout
    assert (out / "hello-2027.toml").is_symlink()
    assert mine.read_text(encoding="utf-8") == '[[organisation]]\nid = "x"\nname = "X"\n'


def test_an_empty_out_is_refused_as_an_empty_data_is(tmp_path: Path, run: Run,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.ics").write_bytes(OK)
    r = run("--today", "2026-12-01", "import", "x.ics", "--out", "")
    assert r.exit_code == 1, r.output
    assert r.stderr == ('reecal: error: "": an empty path names no file (it would mean the '
                        "current directory)\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.ics"]
