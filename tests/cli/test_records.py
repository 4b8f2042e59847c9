"""reecal list, search and show."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from reecal.cli import main
from tests.support import GOOD, Run


def test_list_filters_and_past(run: Run) -> None:
    r = run("--today", "2026-01-01", "list", "--no-past", "--format", "csv")
    ids = [row["id"] for row in csv.DictReader(io.StringIO(r.output))]
    assert ids == ["rare-earth-optoelectronics-catalysis-conference-2026",
                   "cres-youth-academic-conference-7",
                   "rare-earth-technology-instrumentation-exhibition-2026"]
    r = run("list", "--org", "JXUST", "--kind", "visit", "--format", "json")
    got = sorted(x["id"] for x in json.loads(r.output)["records"])
    assert got == ["cres-ganzhou-field-visit-2025", "cres-visit-jxust-2025"]



def test_since_and_no_past_together_hide_what_ended(run: Run) -> None:
    def ids(*args: str) -> list[str]:
        r = run("--today", "2026-01-01", "list", "--format", "csv", *args)
        return [row["id"] for row in csv.DictReader(io.StringIO(r.output))]

    assert "cast-doctoral-talent-2025" in ids("--since", "2025-01")
    assert ids("--since", "2025-01", "--no-past") == ids("--no-past")
    r = run("--today", "2026-06-01", "list", "--since", "2025-01", "--no-past")
    assert "Past records are hidden: add --past." in r.output


def test_a_range_that_ends_before_it_begins_is_a_usage_error(run: Run) -> None:
    r = run("list", "--since", "2026-01", "--until", "2025-01")
    assert r.exit_code == 2
    assert "'--until': 2025-01 ends on 2025-01-31, before --since 2026-01" in r.output


def test_an_empty_today_is_a_usage_error_not_the_clock(run: Run) -> None:
    r = run("--today", "", "upcoming")
    assert r.exit_code == 2 and "'--today': an empty value is not a day" in r.output

def test_list_ics_selection_is_a_valid_feed(run: Run) -> None:
    import icalendar

    from reecal.formats.lint import lint_bytes

    r = CliRunner().invoke(main, ["list", "--tag", "magnets", "--format", "ics"])
    assert lint_bytes(r.stdout_bytes) == []
    uids = sorted(str(e["UID"]) for e in icalendar.Calendar.from_ical(r.stdout_bytes).walk(
        "VEVENT"))
    assert uids == ["cres-youth-academic-conference-7@reecal"]


def test_search_is_case_insensitive_and_knows_chinese_titles(run: Run, tmp_path: Path
                                                             ) -> None:
    r = run("search", "BAOTOU", "--kind", "forum", "--format", "csv")
    assert [row["id"] for row in csv.DictReader(io.StringIO(r.output))] == [
        "baotou-rare-earth-forum-15"]
    mine = tmp_path / "mine.toml"
    mine.write_text(GOOD.replace('title = "Acme Magnet Summit 2027"',
                                 'title = "Acme Magnet Summit 2027"\ntitle_zh = "里昂磁材峰会"'),
                    encoding="utf-8")
    r = run("--data", str(mine), "--no-bundled", "search", "磁材", "--format", "csv")
    assert [row["id"] for row in csv.DictReader(io.StringIO(r.output))] == [
        "acme-magnet-summit-2027"]
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


def test_show_context_reads_a_document_beside_the_data_file(run: Run) -> None:
    """An imported draft cites the organiser's file copied beside it (sources/...):
    show --context finds it there, as the provenance check does."""
    from tests.support import DATA

    drafts = str(DATA / "imports" / "drafts")
    r = run("--no-bundled", "--data", drafts, "show", "exhibitor-briefing-online-2026",
            "--context", "0")
    assert r.exit_code == 0
    assert ">  20  SUMMARY:Exhibitor briefing (online)" in r.output
    assert "cannot be shown" not in r.output
    shown = json.loads(run("--no-bundled", "--data", drafts, "show",
                           "exhibitor-briefing-online-2026", "--context", "0", "--format",
                           "json").output)
    assert shown["passages"][0]["document"].startswith("sources/google-")
