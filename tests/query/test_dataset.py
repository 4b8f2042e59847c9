"""Queries: the filter language, upcoming items and deadline states, with 'now' injected."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

import reecal
from reecal import Filter, Kind, NotFoundError, Reason, State, Status


def ids(ds: reecal.Dataset) -> set[str]:
    return {r.id for r in ds}


def test_dataset_is_immutable_and_ordered(ds: reecal.Dataset) -> None:
    days = [(r.dates.first_day, r.dates.last_day, r.id) for r in ds]
    assert days == sorted(days)
    with pytest.raises(TypeError):
        ds.organisations["x"] = None  # type: ignore[index]


def test_get_unknown_suggests(ds: reecal.Dataset) -> None:
    with pytest.raises(NotFoundError) as err:
        ds.get("cres-youth-academic-conference-8")
    assert "cres-youth-academic-conference-7" in err.value.suggestions


@pytest.mark.parametrize(("flt", "expected"), [
    (Filter(kinds=(Kind.PROGRAMME,)), {"cast-doctoral-talent-2025"}),
    (Filter(kinds=("exhibition",)), {"rare-earth-technology-instrumentation-exhibition-2026",
                                     "national-rare-earth-new-materials-expo-2023"}),
    (Filter(tags=("Hydrogen-Storage",)), {"cres-youth-academic-conference-7"}),
    (Filter(orgs=("CAST",)), {"cast-doctoral-talent-2025"}),
    (Filter(orgs=("qiandong",)), {"cres-visit-qiandong-rare-earth-group-2025"}),
    (Filter(orgs=("china rare earth group",), kinds=("conference",)),
     {"rare-earth-optoelectronics-catalysis-conference-2026"}),
    (Filter(places=("baotou",), kinds=("forum",)), {"baotou-rare-earth-forum-15"}),
    (Filter(series=("cres-youth-academic-conference",)), {"cres-youth-academic-conference-7"}),
    (Filter(series=("baotou",)), {"baotou-rare-earth-forum-15"}),
    (Filter(text="INSTRUMENTATION"), {"rare-earth-technology-instrumentation-exhibition-2026"}),
    (Filter(text="li bo"), {"cres-ganzhou-field-visit-2025"}),
    (Filter(statuses=(Status.CANCELLED,)), set()),
    (Filter(start=date(2026, 1, 1)), {"rare-earth-optoelectronics-catalysis-conference-2026",
                                      "cres-youth-academic-conference-7",
                                      "rare-earth-technology-instrumentation-exhibition-2026"}),
    (Filter(start=date(2025, 11, 17), end=date(2025, 11, 17)), {"cast-doctoral-talent-2025"}),
])
def test_filters(ds: reecal.Dataset, flt: Filter, expected: set[str]) -> None:
    assert ids(ds.select(flt)) == expected


def test_filter_values_or_criteria_and(ds: reecal.Dataset) -> None:
    both = ds.select(Filter(kinds=("forum", "exhibition")))
    assert {r.kind.value for r in both} == {"forum", "exhibition"}
    assert not ds.select(Filter(kinds=("forum",), places=("Nanchang",)))


def test_unknown_kind_in_filter_is_an_error() -> None:
    with pytest.raises(ValueError, match="congress"):
        Filter(kinds=("congress",))


def test_upcoming_lists_starts_in_order_with_reasons(ds: reecal.Dataset) -> None:
    items = ds.upcoming(date(2026, 1, 1), within=180, tz="Asia/Shanghai")
    assert [(i.day, i.reason, i.record.id) for i in items] == [
        (date(2026, 1, 17), Reason.STARTS, "rare-earth-optoelectronics-catalysis-conference-2026"),
        (date(2026, 5, 15), Reason.STARTS, "cres-youth-academic-conference-7"),
        (date(2026, 5, 15), Reason.STARTS, "rare-earth-technology-instrumentation-exhibition-2026"),
    ]


def test_upcoming_shows_ongoing_with_day_number(ds: reecal.Dataset) -> None:
    items = ds.upcoming(date(2026, 5, 16), within=1, tz="Asia/Shanghai")
    first = items[0]
    assert first.reason is Reason.ONGOING
    assert (first.day_number, first.days) == (2, 4)


def test_upcoming_includes_window_closing_with_instant(ds: reecal.Dataset,
                                                       now: datetime) -> None:
    items = ds.upcoming(now, within=30, tz="Europe/London")
    [item] = [i for i in items if i.reason is Reason.CLOSES]
    assert item.at == datetime(2025, 11, 17, 15, 59, 59, tzinfo=UTC)
    assert item.day == date(2025, 11, 17)
    assert item.delta(now) == timedelta(days=5, hours=6, minutes=59, seconds=59)


def test_closing_day_follows_the_viewer_zone(ds: reecal.Dataset) -> None:
    # 23:59:59 Beijing on the 17th is still the 17th in London, but the 18th in Auckland
    now = datetime(2025, 11, 10, tzinfo=UTC)
    [nz] = [i for i in ds.upcoming(now, within=30, tz="Pacific/Auckland")
            if i.reason is Reason.CLOSES]
    assert nz.day == date(2025, 11, 18)


def test_upcoming_until_is_inclusive(ds: reecal.Dataset) -> None:
    items = ds.upcoming(date(2026, 5, 1), until=date(2026, 5, 15), tz="Asia/Shanghai")
    assert {i.record.id for i in items} >= {"cres-youth-academic-conference-7"}
    assert not ds.upcoming(date(2026, 5, 1), until=date(2026, 5, 14), tz="Asia/Shanghai")


def test_nearest_when_nothing_is_in_range(ds: reecal.Dataset) -> None:
    before, after = ds.nearest(date(2026, 2, 1), date(2026, 3, 1), tz="Asia/Shanghai")
    assert before is not None and after is not None
    assert before.record.id == "rare-earth-optoelectronics-catalysis-conference-2026"
    assert after.record.id == "cres-youth-academic-conference-7"


def test_deadline_states(ds: reecal.Dataset) -> None:
    before = datetime(2025, 11, 17, 15, 59, 58, tzinfo=UTC)
    after = datetime(2025, 11, 17, 16, 0, 0, tzinfo=UTC)
    [d1] = ds.deadlines(before)
    [d2] = ds.deadlines(after)
    assert (d1.state, d1.remaining) == (State.OPEN, timedelta(seconds=1))
    assert (d2.state, d2.remaining) == (State.CLOSED, timedelta(seconds=1))
    assert not d1.time_published


def test_not_yet_open_window(ds: reecal.Dataset) -> None:
    rec = ds.get("cast-doctoral-talent-2025")
    early = ds.evolve(rec.id, window=reecal.Window(opens=date(2025, 11, 1),
                                                   closes=date(2025, 11, 17), tz="Asia/Shanghai"))
    [d] = early.deadlines(datetime(2025, 10, 31, 12, tzinfo=UTC))
    assert d.state is State.NOT_YET_OPEN
    assert d.remaining == timedelta(hours=4)


def test_collection_accessors_are_properties(ds: reecal.Dataset) -> None:
    assert {r.id for r in ds.programmes} == {"cast-doctoral-talent-2025"}
    assert len(ds.events) + len(ds.programmes) == len(ds.records) == len(ds)
    assert "magnets" in ds.tags
    assert ds.span == (date(2023, 8, 16), date(2026, 5, 18))
    assert ds.organisations["cres"].short == "CRES"


def test_a_dataset_built_from_records_is_checked_across_them(ds: reecal.Dataset) -> None:
    part = ds.get("cres-academic-annual-conference-2023")
    with pytest.raises(reecal.DataError, match='unknown record "baotou-rare-earth-forum-15"'):
        reecal.Dataset([part], organisations=ds.organisations.values(),
                       series=ds.series.values())
    with pytest.raises(reecal.DataError, match="duplicate id"):
        reecal.Dataset([ds.get("cast-doctoral-talent-2025")] * 2)
    with pytest.raises(reecal.DataError, match="falls outside its parent"):
        ds.evolve("cres-academic-annual-conference-2023", start=date(2023, 8, 1),
                  end=date(2023, 8, 1), certainty=reecal.Certainty())


def test_children_and_parent(ds: reecal.Dataset) -> None:
    kids = {r.id for r in ds.children("baotou-rare-earth-forum-15")}
    assert kids == {"cres-academic-annual-conference-2023",
                    "national-rare-earth-new-materials-expo-2023",
                    "rare-earth-supply-chain-matchmaking-meeting-2023",
                    # dated by the forum too, as "before it began"
                    "wang-lixia-visit-baotou-rare-earth-research-institute-2023"}
    assert len(ds.children("cres-ganzhou-field-visit-2025")) == 7


def test_a_selection_can_be_changed_and_stays_a_selection(ds: reecal.Dataset) -> None:
    visits = ds.select(Filter(kinds=("visit",)))
    rid = "cres-visit-jxust-2025"
    changed = visits.evolve(rid, revision=5)  # its parent is not among the visits
    assert changed.get(rid).revision == 5
    assert [r.id for r in changed] == [r.id for r in visits]
