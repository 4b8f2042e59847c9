"""Every query takes "now" the same way: a date or an aware datetime; nothing else."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest

import reecal

QUERIES: dict[str, Callable[[reecal.Dataset, Any], object]] = {
    "upcoming": lambda ds, now: ds.upcoming(now, within=400, tz="Asia/Shanghai"),
    "deadlines": lambda ds, now: ds.deadlines(now, tz="Asia/Shanghai"),
    "nearest": lambda ds, now: ds.nearest(now, date(2027, 1, 1), tz="Asia/Shanghai"),
    "filter": lambda ds, now: ds.select(reecal.Filter(start=now)),
}


@pytest.mark.parametrize("query", QUERIES)
def test_a_date_and_the_same_instant_give_the_same_answer(ds: reecal.Dataset,
                                                          query: str) -> None:
    from zoneinfo import ZoneInfo

    day = date(2025, 11, 12)
    midnight = datetime(2025, 11, 12, tzinfo=ZoneInfo("Asia/Shanghai"))
    ask = QUERIES[query]
    got, again = ask(ds, day), ask(ds, midnight)
    if isinstance(got, reecal.Dataset) and isinstance(again, reecal.Dataset):
        got, again = list(got), list(again)
    assert got == again


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize(("now", "message"), [
    (datetime(2025, 11, 12, 9), "without a time zone is ambiguous"),
    ("2025-11-12", "expected a date or a datetime with a time zone, got text '2025-11-12'"),
    (1762938000, "expected a date or a datetime with a time zone, got a number 1762938000"),
])
def test_anything_else_is_one_clear_error(ds: reecal.Dataset, query: str, now: object,
                                          message: str) -> None:
    with pytest.raises(reecal.FieldError, match=message) as err:
        QUERIES[query](ds, now)
    assert err.value.field in ("now", "start")


def test_deadlines_at_an_instant_in_any_zone(ds: reecal.Dataset) -> None:
    [d] = ds.deadlines(datetime(2025, 11, 17, 15, 59, 59, tzinfo=UTC))
    assert d.state is reecal.State.CLOSED
    [d] = ds.deadlines(date(2025, 11, 17), tz="Pacific/Kiritimati")  # UTC+14: still open
    assert d.state is reecal.State.OPEN


def test_days_and_zones_are_checked_like_now(ds: reecal.Dataset) -> None:
    from zoneinfo import ZoneInfo

    start = date(2026, 5, 1)
    by_day = ds.upcoming(start, until=date(2026, 5, 31), tz="Asia/Shanghai")
    at_noon = datetime(2026, 5, 31, 12, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert ds.upcoming(start, until=at_noon, tz="Asia/Shanghai") == by_day
    for call, field in ((lambda: ds.upcoming(start, until="2026-05-31"), "until"),
                        (lambda: ds.nearest(start, "2027-01-01"), "horizon"),
                        (lambda: ds.deadlines(datetime(2025, 11, 1, tzinfo=UTC),
                                              tz="Mars/Base"), "tz"),
                        (lambda: ds.upcoming(start, tz=8), "tz")):
        with pytest.raises(reecal.FieldError) as err:
            call()
        assert err.value.field == field
