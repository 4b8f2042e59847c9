"""Briefs (what the cache keeps for the agenda) give the agenda's very rows, whichever
chunks a reader passes over."""

from __future__ import annotations

import marshal
from datetime import UTC, date, datetime, timedelta

import pytest

import reecal
from reecal.formats import briefs as b
from reecal.formats import reports
from reecal.formats.facts import facts
from reecal.model.zones import zone
from reecal.query.brief import FACTS


@pytest.fixture(params=[1, 3, 2048])
def chunk(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(b, "CHUNK", request.param)
    return int(request.param)


@pytest.mark.parametrize("tz", ["UTC", "Pacific/Kiritimati", "Etc/GMT+12", "Asia/Shanghai"])
@pytest.mark.parametrize("when", ["2025-11-17T15:00", "2025-11-01T00:00", "2026-01-16T23:00",
                                  "2026-05-14T12:00", "2024-01-01T00:00"])
def test_the_agendas_rows_from_briefs(ds: reecal.Dataset, chunk: int, tz: str,
                                      when: str) -> None:
    """Any window, any zone (UTC+14 to UTC-12): the briefs near the window give the rows
    the records give, and their JSON."""
    values = marshal.loads(marshal.dumps(b.pack(b.briefs(ds))))
    now = datetime.fromisoformat(when).replace(tzinfo=UTC).astimezone(zone(tz))
    for days in (0, 1, 30, 400):
        horizon = reports.horizon(now, days)
        near = b.unpack(values, near=(now.date(), horizon))
        expected = reports.upcoming(ds, now, tz, horizon)
        got = reports.upcoming(near, now, tz, horizon)
        assert got.rows == expected.rows and got.json == expected.json
    everything = b.unpack(values)
    assert [x.id for x in everything] == [r.id for r in ds]
    for states in ((), ("open",), ("closed", "not-yet-open")):
        assert (reports.deadlines(everything, now, tz, states).json
                == reports.deadlines(ds, now, tz, states).json)


def test_chunks_far_from_the_window_are_not_read(ds: reecal.Dataset, chunk: int) -> None:
    values = b.pack(b.briefs(ds))
    last = max(first for first, _, _ in values)
    far = date.fromordinal(last) + timedelta(days=b.NEAR + 1)
    low, high = far.toordinal() - b.NEAR, far.toordinal() + 30 + b.NEAR
    read = [v for v in values if v[0] <= high and v[1] >= low]
    spoilt = [(f, lo, blob if (f, lo, blob) in read else b"\x00not marshal")
              for f, lo, blob in values]
    b.unpack(spoilt, near=(far, far + timedelta(days=30)))  # reads only what it needs


def test_facts_have_every_key_in_order(ds: reecal.Dataset) -> None:
    for r in ds:
        assert tuple(facts(r)) == FACTS
