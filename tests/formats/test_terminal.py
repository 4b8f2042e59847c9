"""The terminal views fit the width they are given, never cut or break an id, keep
every word, and change nothing when piped (no width)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import attrs
import pytest

from reecal.formats import reports, rows, terminal
from reecal.formats.fit import width, wrap
from reecal.query.dataset import Dataset
from tests.support import Run

WIDTHS = (60, 80, 120)
EVERYTHING = (datetime(2023, 1, 1, tzinfo=UTC), datetime(2027, 12, 31).date())
"""From before the first bundled record to after the last."""
DEADLINE_NOWS = (datetime(2025, 11, 1, tzinfo=UTC), datetime(2025, 11, 17, 10, tzinfo=UTC),
                 datetime(2026, 1, 1, tzinfo=UTC))
ESC = re.compile(r"\x1b\[\d+m")


def _fits(text: str, limit: int, ds: Dataset) -> None:
    """No line of *text* is wider than *limit*, but one that holds a single word (an
    id or a path, after at most its label) too wide for any line, which is left whole."""
    for line in ESC.sub("", text).splitlines():
        if width(line) > limit:
            words = line.split()
            assert len(words) <= 2 and width(words[-1]) > limit - 8, (limit, line)
            assert words[-1] in ds or words[-1].startswith("reecal/data/"), (limit, line)


def _ids_whole(text: str, ids: list[str]) -> None:
    """Each of *ids* appears whole, and nothing that looks like a cut id does."""
    for i in ids:
        assert re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text), i
    for cut in re.findall(r"(?<![\w-])([a-z0-9-]{3,})…", text):
        assert not any(i.startswith(cut) for i in ids), cut


def _views(ds: Dataset, limit: int | None) -> dict[str, tuple[str, list[str]]]:
    """Each listing view of the whole bundled dataset at *limit*: its text, its ids."""
    now, until = EVERYTHING
    up = reports.upcoming(ds, now, "UTC", until).rows
    listed = reports.listing(ds).rows
    out = {"upcoming": (terminal.upcoming_text(up, max_width=limit),
                        [r["id"] for r in up]),
           "list": (terminal.listing_text(listed, max_width=limit), [r["id"] for r in listed])}
    for n, when in enumerate(DEADLINE_NOWS):
        found = reports.deadlines(ds, when, "Europe/Berlin").rows
        out[f"deadlines{n}"] = (terminal.deadlines_text(found, max_width=limit),
                                [r["id"] for r in found])
    return out


@pytest.mark.parametrize("limit", WIDTHS)
def test_every_view_fits_its_width_with_every_id_whole(ds: Dataset, limit: int) -> None:
    for name, (text, ids) in _views(ds, limit).items():
        _fits(text, limit, ds)
        if not text.startswith("DATE "):  # upcoming's table has no ID column
            _ids_whole(text, ids)
        assert text.startswith(("DATE", "STATE")) or "\n\n" in text or len(ids) == 1, name


@pytest.mark.parametrize("limit", WIDTHS)
def test_show_fits_its_width_and_keeps_every_word(ds: Dataset, limit: int) -> None:
    for r in ds:
        for context in (None, 1):
            text = terminal.show_text(r, ds, context, max_width=limit)
            _fits(text, limit, ds)
            piped = terminal.show_text(r, ds, context)
            unmarked = re.sub(r"(?m)^[> ] {6}(?=\S)", "", text)  # a quote's wrapped lines
            assert unmarked.split() == piped.split(), r.id
            _ids_whole(text, [r.id, *(c.id for c in ds.children(r.id))])


def test_show_wraps_under_its_label_and_quotes_under_their_mark(ds: Dataset) -> None:
    text = terminal.show_text(ds.get("baotou-rare-earth-forum-15"), ds, 1, max_width=80)
    lines = text.splitlines()
    people = lines.index(next(x for x in lines if x.startswith("People: ")))
    assert lines[people + 1].startswith("  Region and Chairman")  # hangs under the label
    quoted = [x for x in lines if x.startswith(">")]
    assert quoted[0].startswith(">   3  On August 16, the 15th China Baotou")
    assert quoted[1].startswith(">      doors to discuss")  # the mark, past the gutter
    assert "cres-academic-annual-conference-2023  2023 Academic Annual Conference of the" \
        in text
    assert "\n    China Rare Earth Society\n" in text  # a part's title hangs under its id


def test_show_wraps_chinese_by_its_width(ds: Dataset) -> None:
    r = attrs.evolve(ds.get("baotou-rare-earth-forum-15"),
                     title_zh="第十五届中国包头稀土产业论坛在包头开幕，"
                              "会议讨论了稀土新材料基地建设。" * 2)
    lines = terminal.show_text(r, ds, max_width=60).splitlines()
    zh = [x for x in lines if "稀土" in x]
    assert len(zh) == 3 and all(width(x) <= 60 for x in zh), zh
    assert "".join(x.strip() for x in zh) == r.title_zh
    assert not any(x.strip().startswith(("，", "。")) for x in zh)  # no line opens on a comma


def test_wrap_never_breaks_a_word() -> None:
    url = "https://example.org/a-long-path/that-is-longer-than-the-line.html"
    assert wrap(f"see {url} for the notice", 30, "  ", "    ") == [
        "  see", f"    {url}", "    for the notice"]
    assert wrap("", 30, "> ") == [">"]
    assert wrap("a  b", None, "  ") == ["  a  b"]


def test_piped_views_are_one_row_each_and_never_cut(ds: Dataset) -> None:
    for name, (text, ids) in _views(ds, None).items():
        assert "…" not in text, name
        table = [x for x in text.splitlines() if not x.startswith("* ")]
        assert len(table) == len(ids) + 1, name


def test_a_wide_terminal_gets_the_table_a_narrow_one_the_blocks(ds: Dataset) -> None:
    now, until = EVERYTHING
    up = reports.upcoming(ds, now, "UTC", until).rows
    wide = terminal.upcoming_text(up, max_width=150).splitlines()
    assert wide[0].split() == ["DATE", "WHEN", "KIND", "TITLE", "PLACE"]
    assert len(wide) == len(up) + 2 and "…" in wide[1] and wide[-1].startswith("* time")
    narrow = terminal.upcoming_text(up, max_width=80)
    assert narrow.count("\n\n") == len(up)  # between blocks, and before the note
    assert narrow.startswith("2023-08-16 (opening day, year inferred)  in 227 days  forum\n"
                             "  15th China Baotou Rare Earth Industry Forum\n"
                             "  Baotou, Inner Mongolia, China\n"
                             "  id: baotou-rare-earth-forum-15\n\n")


def test_blocks_keep_the_colour_the_mark_and_its_note(ds: Dataset) -> None:
    now = datetime(2025, 11, 17, 10, tzinfo=UTC)
    found = rows.deadline_rows(ds.deadlines(now), now, UTC)
    text = terminal.deadlines_text(found, max_width=60, color=True)
    block, note = text.split("\n\n* ")  # a blank line between the blocks and the note
    assert all(x.startswith(terminal.RED) and x.endswith(terminal.RESET)
               for x in block.splitlines())
    assert ESC.sub("", block) == (
        "open  closes in 5 h 59 min\n"
        "  2025 CAST Doctoral Talent Development Program: nominations\n"
        "  through CRES\n"
        "  closes 2025-11-17 23:59:59 (UTC+08:00) Beijing time *\n"
        "         2025-11-17 15:59:59 (UTC+00:00) your time\n"
        "  id: cast-doctoral-talent-2025")
    assert note.startswith("time not published") and "\n  " in note
    assert terminal.deadlines_text(found, color=True).splitlines()[1].startswith(terminal.RED)


CLI = [("--today", "2023-01-01", "upcoming", "--until", "2027-12-31"),
       ("--today", "2025-11-01", "deadlines"), ("--today", "2026-01-01", "deadlines"),
       ("list",), ("search", "cres")]


@pytest.mark.parametrize("args", CLI, ids=" ".join)
def test_the_command_line_fits_80_columns(run: Run, ds: Dataset, args: tuple[str, ...]) -> None:
    import json

    text = run(*args, env={"COLUMNS": "80"}).output
    payload = json.loads(run(*args, "--format", "json").output)
    found = [r["id"] for key in ("items", "deadlines", "records") for r in payload.get(key, [])]
    assert found
    _fits(text, 80, ds)
    _ids_whole(text, found)


@pytest.mark.parametrize("record_id", ["baotou-rare-earth-forum-15", "cast-doctoral-talent-2025",
                                       "cres-visit-rare-earth-functional-materials-innovation-"
                                       "center-2025"])
def test_show_fits_80_columns(run: Run, ds: Dataset, record_id: str) -> None:
    for extra in ((), ("--context", "1")):
        r = run("show", record_id, *extra, env={"COLUMNS": "80"})
        assert r.exit_code == 0
        assert max(width(x) for x in r.output.splitlines()) <= 80
        _ids_whole(r.output, [record_id, *(c.id for c in ds.children(record_id))])
        unmarked = re.sub(r"(?m)^[> ] {6}(?=\S)", "", r.output)  # a quote's wrapped lines
        assert unmarked.split() == run("show", record_id, *extra).output.split()



def test_quotes_in_context_show_each_line_of_a_document_once(ds: Dataset) -> None:
    from reecal.documents import passage

    for r in ds:
        text = "\n".join(terminal.passages_text(r, 1))
        parts = re.split(r"(?m)^(\S+), lines \d+–\d+:$", text)[1:]
        listings = dict(zip(parts[::2], parts[1::2], strict=True))
        bundled = [(s, p) for s in r.sources if (p := passage(s, 1)) is not None]
        assert sorted(listings) == sorted({s.document for s, _ in bundled}), r.id
        for document, listing in listings.items():
            numbered = re.findall(r"(?m)^([> ]) +(\d+)  ", listing)
            numbers = [int(n) for _, n in numbered]
            assert numbers == sorted(set(numbers)), r.id  # in order, each once
            marked = {int(n) for mark, n in numbered if mark == ">"}
            for s, p in bundled:
                if s.document == document:
                    assert set(range(p.quote_from, p.quote_to + 1)) <= marked, r.id
