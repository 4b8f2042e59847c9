"""A record's dates: computed once, as precisely as the source allows, and no more."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import attrs
import pytest

import reecal
from reecal import DatePrecision, Event, Kind, Part, Programme, Source, Window

SRC = (Source(document="https://example.org/x", quote="q"),)
STAMP = datetime(2026, 1, 1, tzinfo=UTC)


def event(**kw: object) -> Event:
    base: dict[str, object] = {"id": "e", "kind": Kind.FORUM, "title": "E",
                               "start": date(2026, 3, 1), "sources": SRC, "updated": STAMP}
    return Event(**{**base, **kw})  # type: ignore[arg-type]


def programme(window: Window) -> Programme:
    return Programme(id="p", title="P", window=window, sources=SRC, updated=STAMP)


def test_an_event_with_both_days() -> None:
    d = event(end=date(2026, 3, 3)).dates
    assert (d.first_day, d.last_day, d.days, d.open_ended) == (
        date(2026, 3, 1), date(2026, 3, 3), 3, False)
    assert d.points == (reecal.Point(Part.EVENT, date(2026, 3, 1), date(2026, 3, 4), None),)
    assert d.stated == (("start", date(2026, 3, 1)), ("end", date(2026, 3, 3)))


def test_an_event_known_only_by_its_first_day_says_so() -> None:
    d = event(certainty=reecal.Certainty(dates="start-only", reason="only the opening")).dates
    assert (d.first_day, d.last_day, d.days) == (date(2026, 3, 1), date(2026, 3, 1), 1)
    assert d.open_ended and d.precision is DatePrecision.START_ONLY and not d.on_or_before
    assert d.stated == (("start", date(2026, 3, 1)),)


def test_a_window_known_by_days_opens_all_day_and_closes_at_the_end_of_the_last() -> None:
    d = programme(Window(opens=date(2025, 11, 1), closes=date(2025, 11, 17),
                         tz="Asia/Shanghai")).dates
    opens, closes = d.point(Part.OPENS), d.point(Part.CLOSES)
    assert opens is not None and closes is not None and d.point(Part.EVENT) is None
    assert (opens.start, opens.end) == (date(2025, 11, 1), date(2025, 11, 2))
    assert not isinstance(opens.start, datetime)  # all day
    assert opens.at is not None and opens.at.isoformat() == "2025-11-01T00:00:00+08:00"
    assert isinstance(closes.start, datetime) and closes.start == closes.at
    assert closes.start.isoformat() == "2025-11-17T23:59:59+08:00"
    assert closes.end.isoformat() == "2025-11-18T00:00:00+08:00"
    assert (d.first_day, d.last_day, d.days) == (date(2025, 11, 1), date(2025, 11, 17), 17)


@pytest.mark.parametrize(("closes", "tz", "utc"), [
    (datetime(2027, 2, 1, 17, 0), "AoE", datetime(2027, 2, 2, 5, 0)),
    (datetime(2027, 2, 1, 17, 0, 30), "Europe/Paris", datetime(2027, 2, 1, 16, 0, 30)),
    (date(2027, 2, 1), "Pacific/Kiritimati", datetime(2027, 2, 1, 9, 59, 59)),
])
def test_a_closing_instant_and_the_minute_its_event_ends(closes: date, tz: str,
                                                         utc: datetime) -> None:
    closing = programme(Window(closes=closes, tz=tz)).dates.point(Part.CLOSES)
    assert closing is not None and isinstance(closing.start, datetime)
    assert closing.start.astimezone(UTC).replace(tzinfo=None) == utc
    assert timedelta(0) < closing.end - closing.start <= timedelta(minutes=1)  # type: ignore[operator]
    assert closing.end.second == 0  # type: ignore[union-attr]


def test_a_timed_opening_is_a_timed_point() -> None:
    opening = programme(Window(opens=datetime(2027, 1, 10, 9, 0), closes=date(2027, 3, 5),
                               tz="Europe/Paris")).dates.point(Part.OPENS)
    assert opening is not None and isinstance(opening.start, datetime)
    assert opening.at == opening.start and opening.end == opening.start + timedelta(minutes=1)


def test_dates_follow_a_changed_record() -> None:
    ev = event(end=date(2026, 3, 3))
    assert ev.dates.days == 3
    assert attrs.evolve(ev, end=date(2026, 3, 9)).dates.days == 9
    assert ev.dates is ev.dates  # computed once per record
