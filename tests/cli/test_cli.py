"""The command line, through click's CliRunner with a fixed --today."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from reecal.cli import main
from tests.support import BAD, GOOD, ROOT, Run, expected_error

UPCOMING_2026 = """\
DATE        WHEN         KIND        TITLE                                                                                                                  PLACE
2026-01-17  in 7 days    conference  Conference on Cross-Disciplinary Technologies and Applications in Rare Earth Optoelectronics and Rare Earth Catalysis  Ganzhou, Jiangxi, China
2026-05-15  in 125 days  conference  7th Youth Academic Conference of the China Rare Earth Society                                                          Nanchang, Jiangxi, China
2026-05-15  in 125 days  exhibition  Rare Earth Technology & Instrumentation Exhibition                                                                     Nanchang, Jiangxi, China
"""  # noqa: E501


def test_upcoming_exact_text(run: Run) -> None:
    r = run("--today", "2026-01-10", "--tz", "Asia/Shanghai", "upcoming", "--days", "130")
    assert (r.exit_code, r.output) == (0, UPCOMING_2026)


def test_upcoming_fits_the_terminal_width(run: Run) -> None:
    r = run("--today", "2026-05-01", "--tz", "Asia/Shanghai", "upcoming", env={"COLUMNS": "80"})
    assert r.output == (
        "DATE        WHEN        KIND        TITLE                  PLACE\n"
        "2026-05-15  in 14 days  conference  7th Youth Academic C…  Nanchang, Jiangxi, C…\n"
        "2026-05-15  in 14 days  exhibition  Rare Earth Technolog…  Nanchang, Jiangxi, C…\n")
    assert all(len(line) <= 80 for line in r.output.splitlines())


def test_upcoming_countdowns(run: Run) -> None:
    r = run("--today", "2026-05-14", "--tz", "Asia/Shanghai", "upcoming", "--days", "5",
            "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.output)))
    assert [row["countdown"] for row in rows] == ["tomorrow", "tomorrow"]
    r = run("--today", "2026-05-15", "--tz", "Asia/Shanghai", "upcoming", "--format", "csv")
    assert {row["countdown"] for row in csv.DictReader(io.StringIO(r.output))} == {"today"}
    r = run("--today", "2026-05-17", "--tz", "Asia/Shanghai", "upcoming", "--format", "csv")
    assert {row["countdown"] for row in csv.DictReader(io.StringIO(r.output))} == {
        "ongoing, day 3 of 4"}


def test_upcoming_json_is_documented_shape(run: Run) -> None:
    r = run("--today", "2025-11-12", "--tz", "Europe/London", "upcoming", "--format", "json")
    data = json.loads(r.output)
    assert set(data) == {"now", "tz", "until", "items"}
    assert data["now"] == "2025-11-12T00:00:00+00:00"
    closing = data["items"][0]
    assert closing["reason"] == "closes"
    assert closing["at"] == "2025-11-17T15:59:59+00:00"
    assert closing["countdown"] == "closes in 5 days"
    assert closing["time_published"] is False
    assert [i["id"] for i in data["items"]] == [
        "cast-doctoral-talent-2025", "rare-earth-optoelectronics-catalysis-conference-2026"]


def test_upcoming_with_nothing_names_nearest_both_sides(run: Run) -> None:
    r = run("--today", "2026-02-01", "--tz", "UTC", "upcoming", "--days", "30")
    assert r.output == (
        "Nothing between 1 Feb 2026 and 3 Mar 2026.\n"
        "Last: Conference on Cross-Disciplinary Technologies and Applications in Rare Earth "
        "Optoelectronics and Rare Earth Catalysis [rare-earth-optoelectronics-catalysis-"
        "conference-2026] started 17 Jan 2026 (15 days ago).\n"
        "Next: 7th Youth Academic Conference of the China Rare Earth Society "
        "[cres-youth-academic-conference-7] starts 15 May 2026 (in 103 days).\n"
        "Widen the window with --days N or --until DATE.\n")


def test_until_and_days_conflict(run: Run) -> None:
    r = run("upcoming", "--days", "3", "--until", "2026-01-01")
    assert r.exit_code == 2


def test_deadlines_states_over_time(run: Run) -> None:
    def state(today: str) -> dict[str, Any]:
        r = run("--today", today, "--tz", "UTC", "deadlines", "--format", "json")
        assert r.exit_code == 0
        [row] = json.loads(r.output)["deadlines"]
        return dict(row)

    assert state("2025-11-17T15:00:00Z")["countdown"] == "closes in 59 min"
    after = state("2025-11-18T16:00:00Z")
    assert (after["state"], after["countdown"]) == ("closed", "closed 1 day ago")
    assert after["closes"] == "2025-11-17T23:59:59+08:00"


def test_deadlines_text_shows_both_zones_and_caveat(run: Run) -> None:
    r = run("--today", "2025-11-12", "--tz", "America/Los_Angeles", "deadlines")
    lines = r.output.splitlines()
    assert "2025-11-17 23:59:59 (UTC+08:00) Beijing time" in lines[1]
    assert "2025-11-17 07:59:59 (UTC-08:00)" in lines[1]
    assert lines[2].startswith("* time not published")


def test_deadlines_ics_is_a_valid_feed(run: Run) -> None:
    import icalendar

    from reecal.formats.lint import lint_bytes

    r = CliRunner().invoke(main, ["deadlines", "--format", "ics"])
    raw = r.stdout_bytes
    assert lint_bytes(raw) == []
    cal = icalendar.Calendar.from_ical(raw)
    assert [str(e["UID"]) for e in cal.walk("VEVENT")] == [
        "cast-doctoral-talent-2025.closes@reecal"]


def test_list_filters_and_past(run: Run) -> None:
    r = run("--today", "2026-01-01", "list", "--no-past", "--format", "csv")
    ids = [row["id"] for row in csv.DictReader(io.StringIO(r.output))]
    assert ids == ["rare-earth-optoelectronics-catalysis-conference-2026",
                   "cres-youth-academic-conference-7",
                   "rare-earth-technology-instrumentation-exhibition-2026"]
    r = run("list", "--org", "JXUST", "--kind", "visit", "--format", "json")
    got = sorted(x["id"] for x in json.loads(r.output)["records"])
    assert got == ["cres-ganzhou-field-visit-2025", "cres-visit-jxust-2025"]


def test_list_ics_selection_is_a_valid_feed(run: Run) -> None:
    import icalendar

    from reecal.formats.lint import lint_bytes

    r = CliRunner().invoke(main, ["list", "--tag", "magnets", "--format", "ics"])
    assert lint_bytes(r.stdout_bytes) == []
    uids = sorted(str(e["UID"]) for e in icalendar.Calendar.from_ical(r.stdout_bytes).walk(
        "VEVENT"))
    assert uids == ["cast-doctoral-talent-2025.closes@reecal",
                    "cres-youth-academic-conference-7@reecal"]


def test_search_is_case_insensitive_and_knows_chinese_series_names(run: Run) -> None:
    for text in ("BAOTOU", "包头"):
        r = run("search", text, "--kind", "forum", "--format", "csv")
        assert [row["id"] for row in csv.DictReader(io.StringIO(r.output))] == [
            "baotou-rare-earth-forum-15"]
    r = run("--today", "2026-01-01", "search", "baotou", "--no-past")
    assert r.output == "No records match. (Past records are hidden: add --past.)\n"


def test_show_text_and_json(run: Run) -> None:
    r = run("show", "baotou-rare-earth-forum-15")
    assert r.exit_code == 0
    assert "Year inferred (the source gives none)." in r.output
    assert "Parts:\n  cres-academic-annual-conference-2023" in r.output
    assert "Defined in: reecal/data/baotou-forum-2023.toml:" in r.output
    data = json.loads(run("show", "cast-doctoral-talent-2025", "--format", "json").output)
    assert data["window"]["closes_at"] == "2025-11-17T23:59:59+08:00"
    assert data["window"]["time_published"] is False
    assert {o["short"] for o in data["organisations"]} == {"CAST", "CRES"}


def test_show_unknown_id_suggests(run: Run) -> None:
    r = run("show", "cast-doctoral-talent-2026")
    assert r.exit_code == 1
    assert r.output == ('reecal: error: no record with id "cast-doctoral-talent-2026" '
                        "(did you mean: cast-doctoral-talent-2025?)\n")


def test_env_today_and_tz(run: Run) -> None:
    a = run("--today", "2025-11-12", "--tz", "UTC", "deadlines", "--format", "json")
    b = run("deadlines", "--format", "json",
            env={"REECAL_TODAY": "2025-11-12", "REECAL_TZ": "UTC"})
    assert a.output == b.output


def test_user_data_and_no_bundled(run: Run, tmp_path: Path) -> None:
    f = tmp_path / "mine.toml"
    f.write_text(GOOD, encoding="utf-8")
    r = run("--data", str(f), "--no-bundled", "list", "--format", "csv")
    assert [row["id"] for row in csv.DictReader(io.StringIO(r.output))] == [
        "acme-magnet-summit-2027"]
    r = run("list", "--format", "csv", env={"REECAL_DATA": str(f)})
    assert "acme-magnet-summit-2027" in r.output and "baotou-rare-earth-forum-15" in r.output
    r = run("--no-bundled", "list")
    assert r.exit_code == 2


@pytest.mark.parametrize("args", [
    ["upcoming", "--kind", "congress"],
    ["--today", "2025-02-30", "upcoming"],
    ["--tz", "Mars/Base", "upcoming"],
    ["nosuch"],
    ["upcoming", "--days", "-1"],
    ["--today", "2026-05-01", "upcoming", "--until", "2026-04-01"],
    ["show"],
])
def test_usage_errors_exit_2_with_one_line(run: Run, args: list[str]) -> None:
    r = run(*args)
    assert r.exit_code == 2
    assert len(r.output.splitlines()) == 1
    assert r.output.startswith("reecal: usage error: ")


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_data_through_the_cli(run: Run, path: Path, tmp_path: Path) -> None:
    """One line naming file, record and field; exit 1; nothing written; file unchanged."""
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    r = run("--data", str(path), "upcoming")
    assert r.exit_code == 1
    assert r.output == f"reecal: error: {expected_error(path)}\n"
    out = tmp_path / "cal"
    r = run("--data", str(path), "export", "--out", str(out))
    assert r.exit_code == 1
    assert not out.exists()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_export_check(run: Run, tmp_path: Path) -> None:
    r = run("export", "--check", "--out", str(ROOT / "calendars"))
    assert (r.exit_code, r.output) == (0, f"{ROOT / 'calendars'}: 4 feeds up to date\n")
    out = tmp_path / "cal"
    r = run("export", "--out", str(out))
    assert r.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(
        p.name for p in (ROOT / "calendars").iterdir())
    (out / "events.ics").write_bytes(b"stale")
    r = run("export", "--check", "--out", str(out))
    assert r.exit_code == 1
    assert r.output == f"reecal: error: stale in {out}: events.ics (run 'reecal export')\n"


def test_version_and_python_m() -> None:
    out = subprocess.run([sys.executable, "-m", "reecal", "--version"], capture_output=True,
                         text=True, check=True, cwd=ROOT)
    assert out.stdout == "reecal, version 0.1.0\n"


def test_no_color_when_piped_and_with_no_color(run: Run) -> None:
    r = run("--today", "2025-11-17", "--tz", "UTC", "upcoming")
    assert "\x1b[" not in r.output


def test_color_on_a_tty_by_urgency(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import UTC, datetime

    import reecal
    from reecal.cli.output import color
    from reecal.formats import rows, terminal

    ds = reecal.load()
    now = datetime(2025, 11, 17, 10, tzinfo=UTC)
    found = rows.upcoming_rows(ds.upcoming(now, within=200), now, UTC)
    text = terminal.table(found, [terminal.Column("id", "ID")], color=True)
    lines = text.splitlines()
    assert lines[1].startswith(terminal.RED)  # closes within a day
    assert not lines[2].startswith("\x1b")   # two months away
    monkeypatch.setenv("NO_COLOR", "1")
    assert color() is False


def test_cli_choices_agree_with_the_enums() -> None:
    from reecal.cli.options import KINDS, STATUSES
    from reecal.model.enums import Kind, Status

    assert tuple(k.value for k in Kind) == KINDS
    assert tuple(s.value for s in Status) == STATUSES


STATUSES = """\
[[event]]
id = "off-2027"
kind = "forum"
title = "Called-off Forum"
start = 2027-03-02
status = "cancelled"
updated = 2026-11-01T00:00:00Z
[[event.sources]]
document = "https://acme.example/off"
quote = "cancelled"

[[event]]
id = "later-2027"
kind = "forum"
title = "Moved Forum"
start = 2027-03-03
status = "postponed"
updated = 2026-11-01T00:00:00Z
[[event.sources]]
document = "https://acme.example/later"
quote = "postponed"

[[programme]]
id = "off-fellowship-2027"
title = "Called-off Fellowship"
status = "cancelled"
updated = 2026-11-01T00:00:00Z
[programme.window]
opens = 2027-01-10T09:00:00
closes = 2027-03-05
tz = "Europe/Paris"
[[programme.sources]]
document = "https://acme.example/fellowship"
quote = "closes 5 March 2027"
"""


def test_cancelled_and_postponed_are_marked_in_every_view(run: Run, tmp_path: Path) -> None:
    """As in the feeds (SUMMARY prefix), tables never show a called-off item as if on."""
    f = tmp_path / "s.toml"
    f.write_text(STATUSES, encoding="utf-8")
    base = ("--today", "2027-02-25", "--tz", "UTC", "--no-bundled", "--data", str(f))
    up = run(*base, "upcoming").output
    assert "Cancelled: Called-off Forum" in up and "Postponed: Moved Forum" in up
    assert "Cancelled: Called-off Fellowship" in up
    assert "Cancelled: Called-off Fellowship" in run(*base, "deadlines").output
    assert "Postponed: Moved Forum" in run(*base, "list").output
    [d] = json.loads(run(*base, "deadlines", "--format", "json").output)["deadlines"]
    assert d["status"] == "cancelled" and d["title"] == "Called-off Fellowship"


def test_show_gives_the_opening_and_a_neutral_verification_line(run: Run,
                                                                  tmp_path: Path) -> None:
    f = tmp_path / "s.toml"
    f.write_text(STATUSES, encoding="utf-8")
    out = run("--no-bundled", "--data", str(f), "show", "off-fellowship-2027").output
    assert "Applications open: 2027-01-10 09:00 (UTC+01:00) Europe/Paris." in out
    # a user's source is not said to carry the seeds' disclaimer
    assert "Not independently verified.\n" in out
    assert "the source says" not in out


def test_upcoming_marks_a_deadline_whose_time_was_not_published(run: Run) -> None:
    r = run("--today", "2025-11-17T10:00:00Z", "--tz", "UTC", "upcoming", "--days", "7")
    assert r.output.splitlines()[1].startswith("2025-11-17 15:59*  closes in 5 h 59 min")
    assert r.output.splitlines()[-1].startswith("* time not published")


@pytest.mark.parametrize("command", ["upcoming", "deadlines", "list"])
def test_empty_csv_still_has_its_header(run: Run, command: str) -> None:
    from reecal.formats import rows

    fields = {"upcoming": rows.UPCOMING_FIELDS, "deadlines": rows.DEADLINE_FIELDS,
              "list": rows.RECORD_FIELDS}[command]
    r = run("--today", "2025-11-01", command, "--tag", "nope", "--format", "csv")
    assert (r.exit_code, r.output) == (0, ",".join(fields) + "\n")


def test_row_keys_are_the_documented_fields(run: Run) -> None:
    from reecal.formats.rows import DEADLINE_FIELDS, RECORD_FIELDS, UPCOMING_FIELDS

    for command, fields in (("upcoming", UPCOMING_FIELDS), ("deadlines", DEADLINE_FIELDS)):
        r = run("--today", "2025-11-12", command, "--days", "400", "--format", "json"
                ) if command == "upcoming" else run("--today", "2025-11-12", command,
                                                    "--format", "json")
        found = json.loads(r.output)["items" if command == "upcoming" else "deadlines"]
        assert found and all(tuple(row) == fields for row in found)
    found = list(csv.DictReader(io.StringIO(run("list", "--format", "csv").output)))
    assert found and all(tuple(row) == RECORD_FIELDS for row in found)


def test_export_to_an_impossible_place_is_one_line(run: Run, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    r = run("export", "--out", str(tmp_path / "file" / "sub"))
    assert r.exit_code == 1 and r.output.startswith("reecal: error: cannot create ")
    r = run("export", "--out", str(tmp_path / "o"), "--base-url", "javascript:alert(1)")
    assert r.exit_code == 1 and "only http and https" in r.output
    assert not (tmp_path / "o").exists()
