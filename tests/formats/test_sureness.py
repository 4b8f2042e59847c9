"""No output shows a date more precise, or a year more certain, than the record's data.

The words each output must carry are decided here, from the record's own fields
(its ``certainty.dates`` and ``certainty.year_inferred``), not from reecal's prose
module, and checked in every place people look: the feed event's SUMMARY, the
``list`` and ``upcoming`` rows as text, JSON and CSV, ``show``, and the web pages.
The bundled data and generated records are both checked.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, time, timedelta

import icalendar
import pytest
from hypothesis import given

import reecal
from reecal import DatePrecision, Event, Part
from reecal.formats import facts, rows, terminal
from reecal.formats.ics import feed, uid
from reecal.query.dataset import Dataset
from reecal.web.pages import Site, record_page
from tests import strategies

MARKS = {
    DatePrecision.EXACT: (),
    DatePrecision.START_ONLY: ("opening day",),
    DatePrecision.WITHIN_PARENT: ("not published",),
    DatePrecision.BEFORE_PARENT: ("on or before",),
    DatePrecision.MONTH: ("not published", "this month"),
}
"""Any of these words says how the day is known (the precision, in a person's words)."""


def _says(text: str, r: reecal.Record) -> None:
    """*text*, which shows *r*'s date, says how precise it is and whether its year is
    inferred, and claims neither when the data does not."""
    low = text.lower()
    marks = MARKS[r.certainty.dates]
    assert not marks or any(m in low for m in marks), (r.id, r.certainty.dates, text)
    assert ("year inferred" in low) is r.certainty.year_inferred, (r.id, text)


def _unknown_end(r: reecal.Record) -> bool:
    """The source does not publish its last day (a month spans its month)."""
    return isinstance(r, Event) and r.end is None and r.certainty.dates is not DatePrecision.MONTH


def _check_library_outputs(ds: Dataset) -> None:
    cal = icalendar.Calendar.from_ical(feed(ds, name="t"))
    summaries = {str(e["UID"]): str(e["SUMMARY"]) for e in cal.walk("VEVENT")}
    for r in ds:
        for p in r.dates.points:
            _says(summaries[uid(r.id, p.part)], r)
    listed = {row["id"]: row for row in facts.record_rows(ds)}
    table = csv.DictReader(io.StringIO(rows.to_csv(list(listed.values()),
                                                   rows.RECORD_FIELDS)))
    for got in [*json.loads(rows.to_json(list(listed.values()))), *table]:
        r = ds.get(got["id"])
        assert got["precision"] == r.certainty.dates.value, got
        assert str(got["year_inferred"]).lower() == str(r.certainty.year_inferred).lower()
        _says(got["dates"], r)
        assert (got["last_day"] in (None, "")) is _unknown_end(r), got
    for r in ds:
        detail = facts.record_dict(r, ds)
        assert (detail["last_day"] is None) is _unknown_end(r), detail
        dates_line = next(x for x in terminal.show_text(r, ds).splitlines()
                          if x.startswith(("Dates:", "Closes:")))
        if isinstance(r, Event):
            _says(dates_line, r)
        # the upcoming list, from two days before it starts (any zone) to after it ends
        first = r.dates.first_day
        now = datetime.combine(first - timedelta(days=2), time(0), tzinfo=UTC)
        items = [i for i in ds.upcoming(now, within=r.dates.days + 5) if i.record.id == r.id]
        assert items or r.dates.first_day.year < 1901, r.id
        for row in rows.upcoming_rows(items, now, UTC):
            assert row["precision"] == r.certainty.dates.value
            assert row["year_inferred"] is r.certainty.year_inferred
            if row["reason"] in ("starts", "ongoing"):
                _says(row["dates"], r)
                # the row when piped; the first line of its block, too narrow for a table
                row_line = terminal.upcoming_text([row]).splitlines()[1]
                block_line = terminal.upcoming_text([row], max_width=20).splitlines()[0]
                assert not block_line.startswith("DATE"), block_line
                _says(row_line, r)
                _says(block_line, r)
        page = record_page(ds, r, Site(base="https://example.org")).decode()
        _says(page[page.index("<h1"):page.index("</h1>")] + page[page.index("Dates:")
                                                            if "Dates:" in page else 0:], r)


def test_bundled_records_say_how_sure_their_dates_are(ds: Dataset) -> None:
    _check_library_outputs(ds)


@given(strategies.datasets())
def test_generated_records_say_how_sure_their_dates_are(gen: Dataset) -> None:
    _check_library_outputs(gen)


@pytest.mark.parametrize("args", [("list",), ("--today", "2023-08-10", "upcoming"),
                                  ("--today", "2025-04-10", "upcoming"),
                                  ("--today", "2026-01-10", "upcoming")])
def test_the_command_line_says_it_in_every_format(run: object, ds: Dataset,
                                                  args: tuple[str, ...]) -> None:
    invoke = run  # the CLI in-process
    text = invoke(*args).output  # type: ignore[operator]
    payload = json.loads(invoke(*args, "--format", "json").output)  # type: ignore[operator]
    as_json = payload["items"] if "items" in payload else payload["records"]
    as_csv = list(csv.DictReader(io.StringIO(
        invoke(*args, "--format", "csv").output)))  # type: ignore[operator]
    assert as_json and len(as_json) == len(as_csv)
    for got in [*as_json, *as_csv]:
        r = ds.get(got["id"])
        _says(got["dates"], r)
        assert got["precision"] == r.certainty.dates.value
        line = next(x for x in text.splitlines() if r.title in x or got["id"] in x)
        _says(line, r)


def test_the_feed_title_says_so_for_a_part_of_unknown_day(ds: Dataset) -> None:
    cal = icalendar.Calendar.from_ical(feed(ds, name="t"))
    titles = {str(e["UID"]): str(e["SUMMARY"]) for e in cal.walk("VEVENT")}
    assert titles[uid("cres-visit-china-rare-earth-group-2025", Part.EVENT)] == (
        "Visit: CRES delegation visits China Rare Earth Group "
        "(exact days not published; year inferred)")
