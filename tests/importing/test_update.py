"""Importing an organiser's file again: an update keeps what the curator did, records
the history the changes feed reads, and a change without a new SEQUENCE is said."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import reecal
from reecal.formats.atom import changes
from reecal.loading.provenance import check_sources
from tests.importing.corpus import TODAY
from tests.support import Run

RID = "china-ganzhou-rare-earth-expo-2027"


def calendar(tmp_path: Path, *, seq: int, start: str, end: str, title: str = "China "
             "Ganzhou Rare Earth Expo 2027", status: str = "CONFIRMED",
             description: str = "The annual expo.") -> Path:
    source = tmp_path / f"expo-{seq}-{start}.ics"
    source.write_bytes(
        ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Expo//EN\r\nBEGIN:VEVENT\r\n"
         "UID:expo-2027@ganzhou.example.cn\r\nDTSTAMP:20260101T000000Z\r\n"
         f"DTSTART;VALUE=DATE:{start}\r\nDTEND;VALUE=DATE:{end}\r\nSUMMARY:{title}\r\n"
         f"DESCRIPTION:{description}\r\nSTATUS:{status}\r\nSEQUENCE:{seq}\r\n"
         "END:VEVENT\r\nEND:VCALENDAR\r\n").encode())
    return source


def imported(run: Run, source: Path, out: Path) -> list[str]:
    r = run("--today", TODAY, "import", str(source), "--out", str(out))
    assert r.exit_code == 0, r.output
    return [*r.stdout.splitlines(), r.stderr.splitlines()[-1]]


def curate(out: Path) -> None:
    """What a curator does to a draft: raise the certainty, add tags, a place and an
    organiser's page, rewrite the summary."""
    path = out / f"{RID}.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('confidence = "low"', 'confidence = "high"')
    text = text.replace('verification = "imported"', 'verification = "verified"')
    text = text.replace('summary = "The annual expo."',
                        'summary = "Checked with the organiser by phone."\n'
                        'tags = ["magnets", "ganzhou"]')
    text = text.replace("\n[event.certainty]", '\n[event.place]\ncity = "Ganzhou"\n'
                        'country = "CN"\ntz = "Asia/Shanghai"\n\n[event.certainty]')
    path.write_text(text, encoding="utf-8")


def test_an_update_keeps_the_curators_edits_and_says_so(tmp_path: Path, run: Run) -> None:
    out = tmp_path / "d"
    imported(run, calendar(tmp_path, seq=0, start="20270928", end="20271001"), out)
    curate(out)
    lines = imported(run, calendar(tmp_path, seq=1, start="20271012", end="20271015",
                                   description="Moved to October."), out)
    assert lines[0] == (f"updated   2027-10-12  {RID}  (kept curator's edits: certainty, "
                        "summary, place, tags)")
    ds = reecal.load([out], bundled=False)
    r = ds.get(RID)
    assert (r.start, r.end, r.revision) == (date(2027, 10, 12), date(2027, 10, 14), 1)
    assert r.certainty.confidence is reecal.Confidence.HIGH
    assert r.certainty.verification is reecal.Verification.VERIFIED
    assert r.summary == "Checked with the organiser by phone."
    assert r.tags == ("magnets", "ganzhou") and r.place is not None
    assert r.place.city == "Ganzhou"
    assert r.sources[0].sequence == 1 and "SEQUENCE:1" in r.sources[0].quote
    assert check_sources(ds, data=out) == []


def test_an_uncurated_draft_takes_every_new_guess(tmp_path: Path, run: Run) -> None:
    out = tmp_path / "d"
    imported(run, calendar(tmp_path, seq=0, start="20270928", end="20271001"), out)
    lines = imported(run, calendar(tmp_path, seq=2, start="20270928", end="20271001",
                                   title="China Ganzhou Rare Earth Forum 2027",
                                   description="Now a forum."), out)
    assert lines[0] == f"updated   2027-09-28  {RID}"
    r = reecal.load([out], bundled=False).get(RID)
    assert r.summary == "Now a forum." and r.kind is reecal.Kind.FORUM
    assert r.title == "China Ganzhou Rare Earth Forum 2027"
    assert r.certainty.confidence is reecal.Confidence.LOW
    assert r.certainty.reason is not None and "expo-2-" in r.certainty.reason


def test_an_update_records_the_history_show_and_the_feed_read(tmp_path: Path,
                                                            run: Run) -> None:
    out = tmp_path / "d"
    imported(run, calendar(tmp_path, seq=0, start="20270928", end="20271001"), out)
    imported(run, calendar(tmp_path, seq=1, start="20271012", end="20271015",
                           status="TENTATIVE"), out)
    r = reecal.load([out], bundled=False).get(RID)
    [h] = r.history
    assert (h.revision, h.start, h.end, h.status) == (0, date(2027, 9, 28),
                                                      date(2027, 9, 30),
                                                      reecal.Status.CONFIRMED)
    assert h.changed == ("dates", "status") and h.title is None
    assert "SEQUENCE from 0 to 1" in (h.note or "")
    said = [line for c in changes([r]) for line in c.lines]
    assert "Dates moved from 28–30 Sep 2027 to 12–14 Oct 2027." in said
    assert "Status: confirmed → tentative." in said
    shown = run("--today", TODAY, "--data", str(out), "--no-bundled", "show", RID)
    assert shown.exit_code == 0, shown.output
    assert ("Revision 1: Dates moved from 28–30 Sep 2027 to 12–14 Oct 2027. Status: "
            "confirmed → tentative.") in shown.stdout, shown.stdout
    imported(run, calendar(tmp_path, seq=2, start="20271019", end="20271022",
                           status="TENTATIVE"), out)
    r = reecal.load([out], bundled=False).get(RID)
    assert [h.revision for h in r.history] == [0, 1] and r.revision == 2
    assert r.history[1].start == date(2027, 10, 12)


def test_a_change_without_a_new_sequence_is_said_and_kept(tmp_path: Path,
                                                        run: Run) -> None:
    out = tmp_path / "d"
    imported(run, calendar(tmp_path, seq=3, start="20271012", end="20271015"), out)
    before = (out / f"{RID}.toml").read_bytes()
    lines = imported(run, calendar(tmp_path, seq=3, start="20271019", end="20271022"), out)
    assert lines == [
        f"differs   2027-10-12  {RID}  (SEQUENCE not raised: kept 12–14 Oct 2027; the file "
        "now says 19–21 Oct 2027)",
        "reecal import: 1 draft, 0 written, 1 kept though the file differs (SEQUENCE not "
        "raised)"]
    assert (out / f"{RID}.toml").read_bytes() == before


def test_an_updated_draft_is_written_whole_every_kind_of_field_loads_back(
        tmp_path: Path) -> None:
    """render_all writes what a curator may add to a draft; the bundled events have
    every kind of field (place, people, counts, history...)."""
    import attrs

    from reecal.importing.toml import render_all

    events = [r for r in reecal.load() if isinstance(r, reecal.Event)]
    copies = [attrs.evolve(r, id=f"{r.id}-copy") for r in events]
    for c in copies:
        (tmp_path / f"{c.id}.toml").write_text(render_all(c), encoding="utf-8")
    ds = reecal.load([tmp_path])
    assert [ds.get(c.id) for c in copies] == copies


def test_an_updated_drafts_header_wraps_at_words_and_cites_the_new_copy(
        tmp_path: Path, run: Run) -> None:
    out = tmp_path / "d"
    imported(run, calendar(tmp_path, seq=0, start="20270928", end="20271001"), out)
    curate(out)
    imported(run, calendar(tmp_path, seq=1, start="20271012", end="20271015"), out)
    text = (out / f"{RID}.toml").read_text(encoding="utf-8")
    header = text.split("\n\n", 1)[0].splitlines()
    assert all(x.startswith("# ") and len(x) <= 80 for x in header)
    assert " ".join(x[2:] for x in header).endswith(
        "(revision 1): check it against the organiser; the earlier revisions are in "
        "[[event.history]].")
    assert header[-1] != "# the organiser; the earlier revisions are in [[event.history]]."
    [draft] = reecal.load([out], bundled=False)
    [copy] = {s.document for s in draft.sources}
    assert copy in header[0] + header[1] and (out / copy).read_bytes().count(b"SEQUENCE:1")
