"""reecal upcoming and reecal deadlines, with a fixed --today."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from click.testing import CliRunner

from reecal.cli import main
from tests.support import Run

UPCOMING_2026 = """\
DATE                                     WHEN                         KIND        TITLE                                                                                                                  PLACE
2026-01-17 (opening day, year inferred)  in 7 days                    conference  Conference on Cross-Disciplinary Technologies and Applications in Rare Earth Optoelectronics and Rare Earth Catalysis  Ganzhou, Jiangxi, China
2026-05-15                               in 125 days                  conference  7th Youth Academic Conference of the China Rare Earth Society                                                          Nanchang, Jiangxi, China
2026-05-15 (days not published)          in 125 days at the earliest  exhibition  Rare Earth Technology & Instrumentation Exhibition                                                                     Nanchang, Jiangxi, China
"""  # noqa: E501


def test_upcoming_exact_text(run: Run) -> None:
    r = run("--today", "2026-01-10", "--tz", "Asia/Shanghai", "upcoming", "--days", "130")
    assert (r.exit_code, r.output) == (0, UPCOMING_2026)


def test_upcoming_fits_the_terminal_width(run: Run) -> None:
    r = run("--today", "2026-05-01", "--tz", "Asia/Shanghai", "upcoming", env={"COLUMNS": "80"})
    assert r.output == (  # too narrow for a readable title in a table: a block each
        "2026-05-15  in 14 days  conference\n"
        "  7th Youth Academic Conference of the China Rare Earth Society\n"
        "  Nanchang, Jiangxi, China\n"
        "  id: cres-youth-academic-conference-7\n"
        "\n"
        "2026-05-15 (days not published)  in 14 days at the earliest  exhibition\n"
        "  Rare Earth Technology & Instrumentation Exhibition\n"
        "  Nanchang, Jiangxi, China\n"
        "  id: rare-earth-technology-instrumentation-exhibition-2026\n")
    r = run("--today", "2026-05-01", "--tz", "Asia/Shanghai", "upcoming", env={"COLUMNS": "125"})
    assert r.output == (  # wide enough: one row each, titles and places cut to fit
        "DATE                             WHEN                        KIND        TITLE         "
        "                       PLACE\n"
        "2026-05-15                       in 14 days                  conference  7th Youth Acad"
        "emic Conference of t…  Nanchang, Jian…\n"
        "2026-05-15 (days not published)  in 14 days at the earliest  exhibition  Rare Earth Tec"
        "hnology & Instrument…  Nanchang, Jian…\n")


def test_upcoming_countdowns(run: Run) -> None:
    r = run("--today", "2026-05-14", "--tz", "Asia/Shanghai", "upcoming", "--days", "5",
            "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.output)))
    assert [row["countdown"] for row in rows] == ["tomorrow", "tomorrow at the earliest"]
    r = run("--today", "2026-05-15", "--tz", "Asia/Shanghai", "upcoming", "--format", "csv")
    assert {row["countdown"] for row in csv.DictReader(io.StringIO(r.output))} == {
        "today", "today at the earliest"}
    r = run("--today", "2026-05-17", "--tz", "Asia/Shanghai", "upcoming", "--format", "csv")
    assert {row["countdown"] for row in csv.DictReader(io.StringIO(r.output))} == {
        "ongoing, day 3 of 4", "possibly today (day 3 of 4)"}  # (the exhibition: some day)


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
        "[cres-youth-academic-conference-7] starts 15 May 2026 (in 103 days); the nearest "
        "estimate: 2026 Academic Annual Conference of the China Rare Earth Society "
        "(estimated) [cres-academic-annual-conference-2026-estimated] expected around "
        "16 Aug 2026 (within 2\u201330 Aug 2026; in 196 days); add --estimated to list it.\n"
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


def test_upcoming_marks_a_deadline_whose_time_was_not_published(run: Run) -> None:
    r = run("--today", "2025-11-17T10:00:00Z", "--tz", "UTC", "upcoming", "--days", "7")
    assert r.output.splitlines()[1].startswith("2025-11-17 15:59*  closes in 5 h 59 min")
    assert r.output.splitlines()[-1].startswith("* time not published")
