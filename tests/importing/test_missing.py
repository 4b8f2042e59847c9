"""Events the organiser removed from the file: re-import says which drafts the file no
longer gives (within the window) and leaves them as they are."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from tests.importing.corpus import TODAY
from tests.support import Run

HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//EN\r\n"
WEEKLY = ("BEGIN:VEVENT\r\nUID:weekly@t.example\r\nDTSTAMP:20260101T000000Z\r\n"
          "DTSTART;VALUE=DATE:20270106\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\n"
          "EXDATE;VALUE=DATE:{ex}\r\nSUMMARY:Weekly forum\r\nSEQUENCE:{seq}\r\nEND:VEVENT\r\n")


def single(uid: str, day: str, title: str) -> str:
    return (f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\n"
            f"DTSTART;VALUE=DATE:{day}\r\nSUMMARY:{title}\r\nEND:VEVENT\r\n")


def write(path: Path, *events: str) -> Path:
    path.write_bytes((HEAD + "".join(events) + "END:VCALENDAR\r\n").encode())
    return path


def run_import(run: Run, source: Path, out: Path, *extra: str) -> tuple[list[str], str]:
    r = run("--today", TODAY, "import", str(source), "--out", str(out), *extra)
    assert r.exit_code == 0, r.output
    return r.stdout.splitlines(), r.stderr.splitlines()[-1]


def test_a_moved_exdate_reports_the_occurrence_no_longer_given(tmp_path: Path,
                                                               run: Run) -> None:
    out, source = tmp_path / "d", tmp_path / "forum.ics"
    run_import(run, write(source, WEEKLY.format(ex="20270120", seq=0)), out)
    kept = (out / "weekly-forum-2027-3.toml").read_bytes()
    lines, summary = run_import(run, write(source, WEEKLY.format(ex="20270127", seq=1)), out)
    assert "new       2027-01-20  weekly-forum-2027-4" in lines
    assert lines[-1] == ("missing   2027-01-27  weekly-forum-2027-3  (no longer in the file: "
                         "check whether it was cancelled)")
    assert summary.endswith(", 1 no longer in the file (left as they are) (citing "
                            f"{out / 'sources'}/forum-" + summary.rsplit("forum-", 1)[1])
    assert (out / "weekly-forum-2027-3.toml").read_bytes() == kept


def test_a_deleted_event_is_reported_and_its_draft_left(tmp_path: Path, run: Run) -> None:
    out, source = tmp_path / "d", tmp_path / "expo.ics"
    a, b = single("a@t.example", "20260601", "Magnet expo"), single("b@t.example",
                                                                     "20260701", "Rare forum")
    run_import(run, write(source, a, b), out)
    kept = (out / "rare-forum-2026.toml").read_bytes()
    lines, summary = run_import(run, write(source, a), out)
    assert lines == ["unchanged 2026-06-01  magnet-expo-2026",
                     "missing   2026-07-01  rare-forum-2026  (no longer in the file: check "
                     "whether it was cancelled)"]
    assert "1 no longer in the file" in summary
    assert (out / "rare-forum-2026.toml").read_bytes() == kept


def test_drafts_of_another_file_or_outside_the_window_are_not_missing(tmp_path: Path,
                                                                      run: Run) -> None:
    out = tmp_path / "d"
    run_import(run, write(tmp_path / "other.ics", single("o@t.example", "20260601", "Other")),
               out)
    run_import(run, write(tmp_path / "expo.ics", single("a@t.example", "20260601", "Expo A"),
                          single("b@t.example", "20270901", "Expo B")), out)
    lines, summary = run_import(run, write(tmp_path / "expo.ics",
                                           single("a@t.example", "20260601", "Expo A")),
                                out, "--until", "2027-06-30")
    assert lines == ["unchanged 2026-06-01  expo-a-2026"]
    assert "no longer" not in summary


def test_the_same_source_url_makes_drafts_of_the_same_file(tmp_path: Path, run: Run) -> None:
    out, url = tmp_path / "d", "https://t.example/cal.ics"
    a, b = single("a@t.example", "20260601", "Expo A"), single("b@t.example", "20260701", "B")
    run_import(run, write(tmp_path / "one.ics", a, b), out, "--source-url", url)
    lines, _ = run_import(run, write(tmp_path / "two.ics", a), out, "--source-url", url)
    assert lines[-1].startswith("missing   2026-07-01  b-2026  ")


def test_updated_is_the_machines_clock_not_today(tmp_path: Path, run: Run,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import reecal
    import reecal.cli.settings

    clock = max(r.updated for r in reecal.load()) + timedelta(hours=1)
    monkeypatch.setattr(reecal.cli.settings, "wall_clock", lambda: clock)
    out, later = tmp_path / "d", (clock + timedelta(days=300)).date().isoformat()
    source = write(tmp_path / "expo.ics", single("a@t.example", "20270601", "Expo A"))
    r = run("--today", later, "import", str(source), "--out", str(out))
    assert r.exit_code == 0, r.output
    [draft] = reecal.load([out], bundled=False)
    assert draft.updated == clock.replace(microsecond=0)
    r = run("--data", str(out), "--today", later, "export", "--out", str(tmp_path / "cal"))
    assert r.exit_code == 0, r.output


def test_a_draft_without_status_in_the_file_says_confirmed_is_assumed(tmp_path: Path,
                                                                     run: Run) -> None:
    import reecal

    out = tmp_path / "d"
    run_import(run, write(tmp_path / "expo.ics", single("a@t.example", "20260601", "Expo A")),
               out)
    [draft] = reecal.load([out], bundled=False)
    assert draft.status.value == "confirmed"
    assert 'The file gives no STATUS: "confirmed" is assumed' in (draft.certainty.reason or "")
