"""The feeds, JSON, CSV and the terminal agree on every record's dates, because each
reads them from ``record.dates``; this proves it from the outside, output by output."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest

import reecal
from reecal.formats.ics import uid
from reecal.formats.prose import dates_phrase
from reecal.model.dates import Part
from tests.support import FELLOWSHIP, GOOD, Run

MORE = GOOD + FELLOWSHIP + '''
[[event]]
id = "acme-open-day-2027"
kind = "meeting"
title = "Acme Open Day"
start = 2027-03-02
parent = "acme-magnet-summit-2027"
updated = 2026-11-01T00:00:00Z
[event.certainty]
dates = "start-only"
reason = "only its first day is given"
[[event.sources]]
document = "https://acme.example/open-day"
quote = "opens 2 March"
'''


@pytest.fixture
def data(tmp_path: Path) -> Path:
    f = tmp_path / "more.toml"
    f.write_text(MORE, encoding="utf-8")
    return f


def _day(value: date | datetime) -> date:
    return value if not isinstance(value, datetime) else value.date()


def test_every_output_shows_each_records_dates_as_the_model_has_them(run: Run,
                                                                     data: Path) -> None:
    ds = reecal.load(data)
    args = ("--data", str(data), "--tz", "UTC")
    feed = icalendar.Calendar.from_ical(run(*args, "list", "--format", "ics").stdout_bytes)
    events = {str(e["UID"]): e for e in feed.walk("VEVENT")}
    records = {r["id"]: r for r in json.loads(run(*args, "list", "--format", "json").output)[
        "records"]}
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(
        run(*args, "list", "--format", "csv").output))}
    table = run(*args, "list", env={"COLUMNS": "400"}).output.splitlines()
    assert len(records) == len(rows) == len(ds) >= 20
    for r in ds:
        d = r.dates
        # feed: one VEVENT per point, at the point's start and (exclusive) end
        descriptions = set()
        for p in d.points:
            ev = events.pop(uid(r.id, p.part))
            assert (ev.start, ev.end) == (p.start, p.end), r.id
            descriptions.add(str(ev["DESCRIPTION"]))
        # JSON and CSV: the days it covers, and its dates in words
        js, row = records[r.id], rows[r.id]
        last = d.known_last_day.isoformat() if d.known_last_day else None
        assert (js["first_day"], js["last_day"]) == (row["first_day"], row["last_day"] or None
                                                     ) == (d.first_day.isoformat(), last), r.id
        assert row["dates"] == dates_phrase(r)
        assert js["precision"] == row["precision"] == d.precision.value, r.id
        event = d.point(Part.EVENT)
        if event is not None:
            # an open-ended record gives no end that would read as a one-day event
            assert js.get("end_exclusive") == (None if d.open_ended
                                               else _day(event.end).isoformat())
            assert _day(event.end) == d.last_day + timedelta(days=1)
        else:
            closes, opens = d.point(Part.CLOSES), d.point(Part.OPENS)
            assert closes is not None and closes.at is not None
            assert js["window"]["closes_at"] == closes.at.isoformat()
            assert js["window"]["opens_at"] == (opens.at.isoformat() if opens and opens.at
                                                else None)
        # the terminal: the record's line carries the same words
        [line] = [t for t in table if f"  {r.id}  " in t]
        assert line.startswith(dates_phrase(r) + "  "), r.id
        # show: the same description, dates first, as every event of the feed
        [description] = descriptions
        assert description.startswith("Dates: " if event is not None else (
            "Applications open: " if d.point(Part.OPENS) else "Closes: "))
        assert description in run(*args, "show", r.id).output
    assert events == {}  # no feed event that is not a point of a record


def test_upcoming_agrees_with_the_points_in_every_format(run: Run, data: Path) -> None:
    ds = reecal.load(data)
    args = ("--data", str(data), "--tz", "Asia/Tokyo", "--today", "2023-01-01", "upcoming",
            "--until", "2027-12-31")
    items = json.loads(run(*args, "--format", "json").output)["items"]
    rows = list(csv.DictReader(io.StringIO(run(*args, "--format", "csv").output)))
    assert [(i["id"], i["day"], i["reason"]) for i in items] == [
        (r["id"], r["day"], r["reason"]) for r in rows]
    for item in items:
        r = ds.get(item["id"])
        if item["reason"] == "starts":
            assert item["day"] == r.dates.first_day.isoformat()
            assert item["days"] == (None if r.dates.open_ended else r.dates.days)
        else:
            point = r.dates.point(Part(item["reason"]))
            assert point is not None and point.at is not None
            assert datetime.fromisoformat(item["at"]) == point.at
    assert len(items) == sum(len(r.dates.points) for r in ds if r.dates.first_day.year >= 2023)
