"""reecal import on organisers' real-world shapes of .ics: the drafts load through the
CLI, pass the provenance check, fall on the right days, and re-import cleanly."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

import reecal
from reecal.loading.provenance import check_sources
from tests.importing.corpus import CORPUS, GOOD, NOW, TODAY, tree
from tests.support import ROOT, Run


def imported(run: Run, source: Path, out: Path, *extra: str) -> list[str]:
    r = run("--today", TODAY, "import", str(source), "--out", str(out), *extra)
    assert r.exit_code == 0, r.output
    return r.stdout.splitlines()


@pytest.mark.parametrize("source", GOOD, ids=lambda p: p.name)
def test_every_good_file_gives_drafts_that_load_and_pass_the_provenance_check(
        source: Path, tmp_path: Path, run: Run) -> None:
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    out = tmp_path / "drafts"
    lines = imported(run, source, out)
    assert lines and all(line.startswith("new ") for line in lines)
    listed = run("--today", TODAY, "--data", str(out), "--no-bundled", "list",
                 "--format", "json")
    assert listed.exit_code == 0, listed.output
    ids = {row["id"] for row in json.loads(listed.stdout)["records"]}
    assert ids == {line.split()[-1] for line in lines}
    ds = reecal.load([out], bundled=False)
    assert check_sources(ds, data=out) == []
    for r in ds:
        assert r.certainty.verification is reecal.Verification.IMPORTED
        assert r.certainty.confidence is reecal.Confidence.LOW
        assert r.sources[0].document.startswith("sources/") and r.sources[0].uid
    [copy] = (out / "sources").iterdir()
    assert copy.read_bytes() == source.read_bytes()
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before


DAYS = [  # file, title, first day, last day (None: one day)
    # Google: UTC times shown in the calendar's X-WR-TIMEZONE (17:00Z is 01:00 in Beijing)
    ("google.ics", "Exhibitor briefing (online)", date(2026, 5, 13), None),
    # all-day, DTEND exclusive: 15-17 Sep
    ("google.ics", "China Rare Earth Industry Forum 2026", date(2026, 9, 15), date(2026, 9, 17)),
    # floating 23:00-01:00 in X-WR-TIMEZONE: two days
    ("google.ics", "Late session: magnet supply chain round table", date(2026, 10, 20),
     date(2026, 10, 21)),
    # Outlook's Windows zone names, with and without quotes
    ("outlook.ics", "Evening call with Ganzhou partners", date(2026, 6, 10), date(2026, 6, 11)),
    ("outlook.ics", "Rare Earth Magnet Workshop", date(2026, 11, 3), date(2026, 11, 4)),
    # a custom VTIMEZONE (UTC-5): 20:00-23:00 stays on the 5th (it is the 6th in UTC)
    ("outlook.ics", "Critical minerals webinar (Americas)", date(2026, 7, 5), None),
    # Apple: ends at midnight, which is not a day of the event
    ("apple.ics", "European Rare Earth Magnet Expo", date(2026, 9, 22), date(2026, 9, 23)),
    ("cjk.ics", "第十二届中国稀土学会学术年会暨稀土永磁材料产业发展论坛", date(2026, 11, 6),
     date(2026, 11, 8)),
    ("multi.ics", "Rare Earth Separation Symposium", date(2026, 6, 18), None),
    ("multi.ics", "Delegation visit to Ganzhou", date(2026, 8, 25), date(2026, 8, 26)),
]


@pytest.mark.parametrize(("name", "title", "first", "last"), DAYS)
def test_events_fall_on_the_days_they_cover_in_their_own_zone(
        name: str, title: str, first: date, last: date | None) -> None:
    drafts = reecal.import_ics((CORPUS / name).read_bytes(), name=name, now=NOW,
                               until=date(2027, 12, 31))
    [r] = [d.record for d in drafts.drafts if d.record.title == title]
    assert (r.start, r.end) == (first, last)


def test_a_recurring_event_is_expanded_with_its_exception_and_its_moved_occurrence() -> None:
    drafts = reecal.import_ics((CORPUS / "nextcloud.ics").read_bytes(), name="nextcloud.ics",
                               now=NOW, until=date(2027, 12, 31))
    got = [(d.record.start, d.record.end, d.record.title, d.record.sources[0].recurrence)
           for d in drafts.drafts]
    title = "Monthly rare earth market call"
    assert got == [  # 6 Apr is an EXDATE; 4 May moved to the 5th, 23:00-00:30 New York time
        (date(2026, 3, 2), None, title, "2026-03-02T20:00:00-05:00"),
        (date(2026, 5, 5), date(2026, 5, 6), title + " (moved)", "2026-05-04T20:00:00-04:00"),
        (date(2026, 6, 1), None, title, "2026-06-01T20:00:00-04:00"),
        (date(2026, 7, 6), None, title, "2026-07-06T20:00:00-04:00"),
    ]
    moved = drafts.drafts[1].record.sources[0].quote
    assert "RECURRENCE-ID;TZID=America/New_York:20260504T200000" in moved
    assert "RRULE" in drafts.drafts[0].record.sources[0].quote


def test_until_ends_the_window(tmp_path: Path) -> None:
    drafts = reecal.import_ics((CORPUS / "nextcloud.ics").read_bytes(), name="n.ics", now=NOW,
                               until=date(2026, 5, 31))
    assert [d.record.start for d in drafts.drafts] == [date(2026, 3, 2), date(2026, 5, 5)]


def test_reimport_is_byte_identical_and_never_duplicates(tmp_path: Path, run: Run) -> None:
    out = tmp_path / "d"
    imported(run, CORPUS / "google.ics", out)
    first = tree(out)
    lines = imported(run, CORPUS / "google.ics", out)
    assert all(line.startswith("unchanged ") for line in lines) and len(lines) == 3
    assert tree(out) == first


def _bump(text: str, uid: str, summary: str, sequence: int | None) -> str:
    """The event *uid* of *text* retitled, with SEQUENCE *sequence* (None: as it was)."""
    head, _, rest = text.partition(f"UID:{uid}\r\n")
    body, end, tail = rest.partition("END:VEVENT")
    lines = [line for line in body.split("\r\n") if line]
    lines = [f"SUMMARY:{summary}" if line.startswith("SUMMARY") else line for line in lines]
    if sequence is not None:
        lines = [f"SEQUENCE:{sequence}" if line.startswith("SEQUENCE") else line
                 for line in lines]
    return head + f"UID:{uid}\r\n" + "\r\n".join(lines) + "\r\n" + end + tail


def test_a_higher_sequence_replaces_the_draft_an_equal_one_leaves_it(
        tmp_path: Path, run: Run) -> None:
    out = tmp_path / "d"
    imported(run, CORPUS / "google.ics", out)
    text = (CORPUS / "google.ics").read_bytes().decode()
    text = _bump(text, "7p2c4m8n1x3v5b6z9a0s@google.com", "China Rare Earth Forum 2026", 2)
    text = _bump(text, "9d8f7g6h5j4k3l2m1n0b@google.com", "Renamed, not re-sequenced", None)
    changed = tmp_path / "google.ics"
    changed.write_bytes(text.encode())
    lines = imported(run, changed, out)
    assert sorted(line.split()[0] for line in lines) == ["differs", "unchanged", "updated"]
    assert ("late-session-magnet-supply-chain-round-table-2026  (SEQUENCE not raised: the file "
            "retitled it)") in "\n".join(lines)
    ds = reecal.load([out], bundled=False)
    assert len(ds) == 3
    forum = ds.get("china-rare-earth-industry-forum-2026")  # the id is kept
    assert forum.title == "China Rare Earth Forum 2026" and forum.revision == 1
    assert forum.sources[0].sequence == 2
    assert ds.get("late-session-magnet-supply-chain-round-table-2026").title.startswith("Late")
    assert check_sources(ds, data=out) == []  # the old copy stays for the old drafts
    assert len(list((out / "sources").iterdir())) == 2


def test_reecals_own_feed_is_recognised_not_copied(tmp_path: Path, run: Run) -> None:
    out = tmp_path / "d"
    r = run("--today", TODAY, "import", str(ROOT / "calendars" / "all.ics"), "--out", str(out))
    assert r.exit_code == 0, r.output
    for record in reecal.load():  # past ones too: the window is for occurrences
        assert f"skipped: reecal's own record {record.id}\n" in r.stderr
    assert "0 drafts, 0 written" in r.stderr and r.stdout == ""
    assert not out.exists()


def test_source_url_is_cited_and_ids_avoid_the_bundled_ones(tmp_path: Path, run: Run) -> None:
    out = tmp_path / "d"
    imported(run, CORPUS / "multi.ics", out, "--source-url", "https://example.org/ev.ics")
    ds = reecal.load([out])
    drafts = [r for r in ds if r.certainty.verification is reecal.Verification.IMPORTED]
    assert {r.sources[0].url for r in drafts} == {"https://example.org/ev.ics"}
    cancelled = ds.get("delegation-visit-to-ganzhou-2026")
    assert cancelled.status is reecal.Status.CANCELLED and cancelled.kind is reecal.Kind.VISIT


def test_a_title_taken_twice_gets_distinct_ids() -> None:
    existing = reecal.import_ics((CORPUS / "multi.ics").read_bytes(), name="a.ics", now=NOW,
                                 until=date(2027, 1, 1))
    other = (CORPUS / "multi.ics").read_bytes().replace(b"@example.org", b"@example.net")
    again = reecal.import_ics(other, name="b.ics", now=NOW, until=date(2027, 1, 1),
                              existing=[d.record for d in existing.drafts])
    assert [d.record.id for d in again.drafts] == ["rare-earth-separation-symposium-2026-2",
                                                   "delegation-visit-to-ganzhou-2026-2"]
    assert all(d.action == "new" for d in again.drafts)


def test_the_readme_example_is_what_import_writes(tmp_path: Path, run: Run) -> None:
    """README's import example (a ```sh block, as running it twice says "unchanged"):
    its output, and the committed drafts its console block lists, are a real run's."""
    out = tmp_path / "drafts"
    r = run("--today", TODAY, "import", str(CORPUS / "google.ics"), "--out", str(out))
    assert tree(out) == tree(CORPUS / "drafts")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = (r.stdout + r.stderr).replace(str(out), "tests/data/imports/drafts")
    cmd = "$ reecal --today 2026-01-10 import tests/data/imports/google.ics --out "
    assert f"```sh\n{cmd}tests/data/imports/drafts\n{shown}```" in readme
    again = run("--today", TODAY, "import", str(CORPUS / "google.ics"), "--out",
                str(CORPUS / "drafts"))
    assert again.exit_code == 0 and "0 written" in again.stderr


@pytest.mark.parametrize(("dtend", "last"), [
    # recurring-ical-events reads a date DTEND as its first instant, in the start's zone,
    # and a floating one in the start's zone
    ("DTEND;VALUE=DATE:20260515", date(2026, 5, 14)),
    ("DTEND:20260513T100000", date(2026, 5, 13)),
])
def test_an_end_of_another_type_than_the_start_does_not_break_import(dtend: str,
                                                                     last: date | None) -> None:
    data = ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:mixed\r\nDTSTART;TZID=Europe/Berlin:"
            f"20260512T090000\r\n{dtend}\r\nSUMMARY:Mixed\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    [draft] = reecal.import_ics(data.encode(), name="m.ics", now=NOW,
                                until=date(2027, 1, 1)).drafts
    assert (draft.record.start, draft.record.end) == (date(2026, 5, 12), last)


def test_show_says_a_draft_is_imported_and_unchecked(tmp_path: Path, run: Run) -> None:
    out = tmp_path / "d"
    imported(run, CORPUS / "apple.ics", out)
    r = run("--today", TODAY, "--data", str(out), "show", "european-rare-earth-magnet-expo-2026")
    assert "Imported from the organiser's calendar file; not yet checked." in r.stdout
    assert "Not independently verified." not in r.stdout


def test_long_titles_and_descriptions_are_cut_cleanly() -> None:
    title, text = "Rare earths " * 40, "Lanthanum " * 500  # cut at 300 and 4000: a space
    data = ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:long\r\nDTSTART;VALUE=DATE:20260512\r\n"
            f"SUMMARY:{title}x\r\nDESCRIPTION:{text}x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    [draft] = reecal.import_ics(data.encode(), name="l.ics", now=NOW,
                                until=date(2027, 1, 1)).drafts
    assert draft.record.title == title[:300].rstrip() and len(draft.record.title) == 299
    assert draft.record.summary == text[:4000].rstrip() and len(draft.record.summary) == 3999
