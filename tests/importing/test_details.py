"""What a demanding user found in reecal import's output: zone names, ids, the help,
standard input, the organiser's URL, and files that are not iCalendar at all."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

import reecal
from tests.importing.corpus import CORPUS, TODAY, tree
from tests.support import Run

NOW = datetime(2026, 1, 10, tzinfo=UTC)


def one(summary: str, *, uid: str = "u1@example.org", extra: str = "",
        start: str = "DTSTART;VALUE=DATE:20271012") -> bytes:
    return (f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:{uid}\r\n{start}\r\n"
            f"SUMMARY:{summary}\r\n{extra}END:VEVENT\r\nEND:VCALENDAR\r\n").encode()


def drafts(data: bytes) -> list[reecal.Event]:
    made = reecal.import_ics(data, name="x.ics", now=NOW, until=date(2028, 1, 1))
    return [d.record for d in made.drafts]


def test_the_zone_is_named_not_shown_as_a_python_repr() -> None:
    reasons = {r.title: r.certainty.reason or "" for r in
               drafts((CORPUS / "outlook.ics").read_bytes())}
    assert "(China Standard Time, Asia/Shanghai)" in reasons[
        "Evening call with Ganzhou partners"]
    assert "(W. Europe Standard Time, Europe/Berlin)" in reasons["Rare Earth Magnet Workshop"]
    assert "(Customized Time Zone)" in reasons["Critical minerals webinar (Americas)"]
    assert not any("<" in why for why in reasons.values())


def test_a_title_without_latin_letters_gets_the_kind_and_a_short_hash_of_the_uid() -> None:
    uid = "040000008200E00074C5B7101A82E00800000000D0E4A4E1C3F8DA01000000000000000010"
    [r] = drafts(one("第十三届中国稀土论坛", uid=uid))
    assert re.fullmatch(r"forum-[0-9a-f]{8}-2027", r.id), r.id
    [r] = drafts(one("稀土", uid=uid))
    assert re.fullmatch(r"meeting-[0-9a-f]{8}-2027", r.id), r.id


@pytest.mark.parametrize(("title", "rid"), [
    ("2027 China Ganzhou Rare Earth Expo", "2027-china-ganzhou-rare-earth-expo"),
    ("Expo 2027 Ganzhou", "expo-2027-ganzhou"),
    ("Rare Earth Expo 2027", "rare-earth-expo-2027"),
    ("Rare Earth Expo 20271", "rare-earth-expo-20271-2027"),
])
def test_the_year_is_not_doubled(title: str, rid: str) -> None:
    [r] = drafts(one(title))
    assert r.id == rid


@pytest.mark.parametrize(("url", "kept"), [
    ("https://expo.example.cn/2027", "https://expo.example.cn/2027"),
    ("javascript:alert(1)", None),
    ("www.example.cn", None),
])
def test_the_organisers_url_becomes_the_drafts_url(url: str, kept: str | None) -> None:
    [r] = drafts(one("Expo", extra=f"URL:{url}\r\n"))
    assert r.url == kept


def test_help_fits_80_columns(run: Run) -> None:
    shown = run("import", "--help", env={"COLUMNS": "80"}).output
    assert "8 MiB" in shown
    too_wide = [line for line in shown.splitlines() if len(line) > 80]
    assert too_wide == []


def test_standard_input_is_read_and_named(tmp_path: Path, run: Run) -> None:
    out = tmp_path / "d"
    data = (CORPUS / "apple.ics").read_bytes()
    r = run("--today", TODAY, "import", "-", "--out", str(out), "--name", "expo.ics",
            input=data)
    assert r.exit_code == 0, r.output
    [copy] = (out / "sources").iterdir()
    assert copy.name.startswith("expo-") and copy.read_bytes() == data
    r = run("--today", TODAY, "import", "-", "--out", str(tmp_path / "e"), "--source-url",
            "https://x.org/cal/rare.ics", input=data)
    assert r.exit_code == 0, r.output
    [copy] = (tmp_path / "e" / "sources").iterdir()
    assert copy.name.startswith("rare-")
    r = run("--today", TODAY, "import", "-", "--out", str(tmp_path / "f"), input=b"\x00" * 99)
    assert r.exit_code == 1 and r.stderr == "reecal: error: stdin.ics:1: not an iCalendar " \
        "file: it holds binary data\n"


def test_name_is_refused_for_a_file(tmp_path: Path, run: Run) -> None:
    r = run("import", str(CORPUS / "apple.ics"), "--out", str(tmp_path / "d"), "--name", "x")
    assert r.exit_code == 2 and "--name is for SOURCE.ics '-'" in r.output
    assert not (tmp_path / "d").exists()


@pytest.mark.parametrize(("data", "line", "why"), [
    (bytes(range(256)) * 40, 1, "it holds binary data"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00\xff" * 500, 3, "it holds binary data"),
    (b"<!DOCTYPE html>\n<html><body>\n" + b"<p>Expo</p>\n" * 200, 1, "it does not start "
     "with BEGIN:VCALENDAR"),
    (b"\r\n\r\n  hello\r\n", 3, "it does not start with BEGIN:VCALENDAR"),
], ids=["binary", "png", "html", "after-blank-lines"])
def test_a_file_that_is_not_icalendar_at_all_is_one_line(data: bytes, line: int, why: str,
                                                          tmp_path: Path, run: Run) -> None:
    source = tmp_path / "cal.ics"
    source.write_bytes(data)
    r = run("--today", TODAY, "import", str(source), "--out", str(tmp_path / "d"))
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert r.stderr == f"reecal: error: {source}:{line}: not an iCalendar file: {why}\n"


def test_capped_problems_end_with_how_many_more(tmp_path: Path, run: Run) -> None:
    events = "".join(f"BEGIN:VEVENT\r\nUID:e{i}\r\nDTSTART:2026023{i % 2}\r\nEND:VEVENT\r\n"
                     for i in range(30))
    source = tmp_path / "bad.ics"
    source.write_bytes(f"BEGIN:VCALENDAR\r\n{events}END:VCALENDAR\r\n".encode())
    out = tmp_path / "d"
    r = run("--today", TODAY, "import", str(source), "--out", str(out))
    assert r.exit_code == 1
    lines = r.stderr.splitlines()
    assert len(lines) == 21 and all(": bad date in DTSTART" in x for x in lines[:20])
    assert lines[-1] == f"reecal: error: {source}: … and 10 more problems (fix these first)"
    assert tree(tmp_path) == {"bad.ics": source.read_bytes()}


@pytest.mark.parametrize(("rule", "said"), [
    ("FREQ=WEEKLY;BYDAY=1MO", "BYDAY=1MO: a numbered weekday is only for FREQ=MONTHLY"),
    ("FREQ=DAILY;COUNT=3;UNTIL=20260401", "has both COUNT and UNTIL"),
])
def test_a_rule_that_lint_refuses_is_not_expanded(rule: str, said: str, tmp_path: Path,
                                                 run: Run) -> None:
    """dateutil expands these (151 weekly drafts from BYDAY=1MO); they are mistakes."""
    text = (CORPUS / "google.ics").read_text(encoding="utf-8")
    source = tmp_path / "cal.ics"
    source.write_text(text.replace("BEGIN:VEVENT\n", f"BEGIN:VEVENT\nRRULE:{rule}\n", 1)
                      .replace("BEGIN:VEVENT\r\n", f"BEGIN:VEVENT\r\nRRULE:{rule}\r\n", 1),
                      encoding="utf-8", newline="")
    r = run("--today", TODAY, "import", str(source), "--out", str(tmp_path / "d"))
    assert r.exit_code == 1 and not (tmp_path / "d").exists()
    assert re.fullmatch(rf"reecal: error: {re.escape(str(source))}:\d+: RRULE is not a "
                        rf"recurrence rule: {re.escape(said)}.*\n", r.stderr)
