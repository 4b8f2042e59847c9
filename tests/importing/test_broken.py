"""Broken calendar files: one line per problem (file:line: message), exit 1, the data
directory as it was, the file untouched, never a traceback."""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

import reecal
from reecal.errors import ImportFailed
from tests.importing.corpus import CORPUS, tree
from tests.support import Run

BROKEN = CORPUS / "broken"

CASES = [  # file, the line the problem is on, the message
    ("no-vcalendar.ics", 1, "not an iCalendar file: it does not start with BEGIN:VCALENDAR"),
    ("bad-date.ics", 7, "bad date in DTSTART: '20260231'"),
    ("no-uid.ics", 4, "event has no UID"),
    ("undefined-tzid.ics", 7, "undefined TZID 'Rare Earth Standard Time'"),
    ("not-utf8.ics", 7, "not valid UTF-8"),
    ("empty.ics", 0, "file is empty"),
    ("rrule.ics", 9, "RRULE is not a recurrence rule (Expected frequency, got: SOMETIMES)"),
    ("bidi.ics", 8, "SUMMARY holds a bidirectional override U+202E"),
    ("nested.ics", 9, "BEGIN:VEVENT inside VEVENT (RFC 5545 §3.4, §3.6)"),
]


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A data directory that already holds a user's file."""
    d = tmp_path / "data"
    d.mkdir()
    (d / "mine.toml").write_text("# mine\n", encoding="utf-8")
    return d


def failed(run: Run, source: Path, out: Path) -> list[str]:
    before = source.read_bytes() if source.is_file() else None
    was = tree(out)
    r = run("--today", "2026-01-10", "import", str(source), "--out", str(out))
    assert r.exit_code == 1, r.output
    assert r.stdout == "" and "Traceback" not in r.output
    assert tree(out) == was
    if before is not None:
        assert source.read_bytes() == before
    return r.stderr.splitlines()


@pytest.mark.parametrize(("name", "line", "message"), CASES)
def test_each_broken_file_gives_its_one_line_error(name: str, line: int, message: str,
                                                    out: Path, run: Run) -> None:
    [err] = failed(run, BROKEN / name, out)
    where = f"{BROKEN / name}:{line}" if line else f"{BROKEN / name}"  # 0: the whole file
    assert err.startswith(f"reecal: error: {where}: {message}"), err


def test_a_directory_a_fifo_and_a_missing_file_are_refused(tmp_path: Path, out: Path,
                                                          run: Run) -> None:
    fifo = tmp_path / "pipe.ics"
    os.mkfifo(fifo)
    for source, says in ((tmp_path, "not a regular file"), (fifo, "not a regular file"),
                         (tmp_path / "gone.ics", "cannot read: No such file")):
        [err] = failed(run, source, out)
        assert err.startswith(f"reecal: error: {source}: {says}"), err  # no line: whole file


def test_a_huge_file_is_refused_after_reading_no_more_than_the_cap(
        tmp_path: Path, out: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("reecal.importing.write.MAX_BYTES", 1000)
    big = tmp_path / "big.ics"
    big.write_bytes((CORPUS / "google.ics").read_bytes() * 2)
    [err] = failed(run, big, out)
    assert err == f"reecal: error: {big}: file is larger than 1000 bytes"
    monkeypatch.setattr("reecal.importing.write.MAX_BYTES", 8 << 20)
    huge = tmp_path / "huge.ics"
    huge.write_bytes(b"BEGIN:VCALENDAR\r\n" + b"X" * (8 << 20))
    [err] = failed(run, huge, out)
    assert err == f"reecal: error: {huge}: file is larger than 8 MiB"


def test_every_problem_gets_its_line_and_control_characters_are_escaped(
        tmp_path: Path, out: Path, run: Run) -> None:
    bad = tmp_path / "bad\x1b[31m.ics"
    bad.write_bytes(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:2026\x1b[31m\r\n"
                    b"END:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART:2026-01-01\r\nEND:VEVENT\r\n")
    errs = failed(run, bad, out)
    shown = str(tmp_path / "bad\\x1b[31m.ics")
    assert errs == [
        f"reecal: error: {shown}:1: BEGIN:VCALENDAR is never closed",
        f"reecal: error: {shown}:4: bad date in DTSTART: '2026\\x1b[31m'",
        f"reecal: error: {shown}:4: control character U+001B in the line (RFC 5545 allows "
        "none but tab)",
        f"reecal: error: {shown}:6: event has no UID (it is needed to update the draft when "
        "the file changes)",
        f"reecal: error: {shown}:7: bad date in DTSTART: '2026-01-01'",
    ]
    assert not any(re.search(r"[\x00-\x1f\x7f]", e) for e in errs)


def test_a_users_file_of_a_drafts_name_is_never_replaced(tmp_path: Path, run: Run) -> None:
    out = tmp_path / "d"
    out.mkdir()
    mine = out / "rare-earth-separation-symposium-2026.toml"
    mine.write_text('[[organisation]]\nid = "x"\nname = "X"\n', encoding="utf-8")
    r = run("--today", "2026-01-10", "import", str(CORPUS / "multi.ics"), "--out", str(out))
    assert r.exit_code == 0, r.output
    assert "rare-earth-separation-symposium-2026-2" in r.stdout
    assert mine.read_text(encoding="utf-8") == '[[organisation]]\nid = "x"\nname = "X"\n'


def test_a_moved_draft_the_organiser_changed_is_not_written_twice(tmp_path: Path,
                                                                 run: Run) -> None:
    out = tmp_path / "d"
    run("--today", "2026-01-10", "import", str(CORPUS / "multi.ics"), "--out", str(out))
    (out / "delegation-visit-to-ganzhou-2026.toml").rename(out / "visits.toml")
    newer = tmp_path / "multi.ics"
    newer.write_bytes((CORPUS / "multi.ics").read_bytes().replace(
        b"STATUS:CANCELLED", b"STATUS:CONFIRMED\r\nSEQUENCE:1"))
    was = tree(out)
    [err] = failed(run, newer, out)
    assert "visits.toml: the draft delegation-visit-to-ganzhou-2026 was moved here" in err
    assert tree(out) == was


def test_the_library_raises_import_failed_and_names_the_file() -> None:
    with pytest.raises(ImportFailed) as info:
        reecal.import_ics(b"\xff", name="x\x07.ics", now=datetime(2026, 1, 1, tzinfo=UTC),
                          until=date(2027, 1, 1))
    assert info.value.lines() == ["x\\x07.ics:1: not an iCalendar file: it does not start "
                                  "with BEGIN:VCALENDAR"]


@pytest.mark.parametrize(("rule", "message"), [
    ("FREQ=SECONDLY", "RRULE repeats within a day (FREQ=SECONDLY): reecal's events are all-day"),
    ("FREQ=DAILY;BYHOUR=1,2", "RRULE repeats within a day (several BYHOUR values)"),
    ("FREQ=DAILY", "the events recur more than 5000 times from 2025-01-09 to 2046-01-01"),
])
def test_rules_that_would_make_too_many_drafts_are_refused_before_expanding(
        rule: str, message: str, tmp_path: Path, out: Path, run: Run) -> None:
    source = tmp_path / "often.ics"
    source.write_bytes(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:often\r\n"
                       b"DTSTART:20260101T090000Z\r\nRRULE:" + rule.encode() + b"\r\n"
                       b"SUMMARY:Often\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    r = run("--today", "2026-01-10", "import", str(source), "--out", str(out),
            "--until", "2046-01-01")
    assert r.exit_code == 1 and r.stderr.startswith(f"reecal: error: {source}:5: {message}")


def test_a_source_url_that_is_not_http_is_refused(out: Path, run: Run) -> None:
    r = run("import", str(CORPUS / "multi.ics"), "--out", str(out), "--source-url",
            "javascript:alert(1)")
    assert r.exit_code == 1 and r.stderr.startswith("reecal: error: source_url: ")
    assert len(r.stderr.splitlines()) == 1 and tree(out) == {"mine.toml": b"# mine\n"}


@pytest.mark.parametrize(("spoil", "says"), [
    (lambda text: text.replace('quote = """\n', 'quote = """\nNOT IN THE FILE\n'),
     "a draft's quote is not in its source, so none was written: "),
    (lambda text: text.replace("[[event]]", "[[events]]"),
     "the drafts would not load, so none was written: "),
])
def test_drafts_that_fail_the_checks_are_never_written(
        spoil: object, says: str, out: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    from reecal.importing import write

    real = write.render
    monkeypatch.setattr(write, "render", lambda r: spoil(real(r)))  # type: ignore[operator]
    [err] = failed(run, CORPUS / "google.ics", out)
    assert err.startswith("reecal: error: " + says), err
