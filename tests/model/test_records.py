"""Records: immutable, validated at construction, evolve re-validates."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import attrs
import pytest

import reecal
from reecal import (
    Certainty,
    Confidence,
    Event,
    FieldError,
    Kind,
    Place,
    Programme,
    Source,
    Status,
    Window,
)

SRC = Source(document="https://example.org/x", quote="1 March 2026")
STAMP = datetime(2026, 1, 1, tzinfo=UTC)


def make(**kw: object) -> Event:
    base: dict[str, object] = {"id": "x-1", "kind": Kind.FORUM, "title": "X",
                               "start": date(2026, 3, 1), "sources": (SRC,), "updated": STAMP}
    base.update(kw)
    return Event(**base)  # type: ignore[arg-type]


def test_records_are_frozen() -> None:
    ev = make()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ev.title = "Y"  # type: ignore[misc]


def test_evolve_revalidates() -> None:
    ev = make(end=date(2026, 3, 3))
    assert attrs.evolve(ev, end=date(2026, 3, 5)).dates.days == 5
    with pytest.raises(FieldError, match="before the start"):
        attrs.evolve(ev, end=date(2026, 2, 1))


@pytest.mark.parametrize(("field", "value", "message"), [
    ("status", "bogus", "unknown status 'bogus' (expected one of: confirmed, tentative, "
                        "postponed, cancelled)"),
    ("kind", "workshop", "unknown kind 'workshop'"),
    ("tags", "magnets", "tags: expected a list [...], got text 'magnets'"),
    ("organisers", ["ok", 3], "organisers[1]: 3 is not a valid id"),
    ("sources", (), "sources: needs at least one entry"),
    ("sources", ("quote",), "sources[0]: expected a source, got text 'quote'"),
    ("place", "Lyon", "place: expected a place, got text 'Lyon'"),
    ("certainty", {"confidence": "high"}, "certainty: expected a certainty, got a table"),
    ("revision", 2**31, "revision: 2147483648 is above 2147483647"),
    ("revision", True, "revision: expected a whole number >= 0, got a boolean True"),
    ("updated", "2026-01-01", "updated: expected a date-time"),
    ("start", datetime(2026, 3, 1), "start: expected a date such as 2026-05-15"),
    ("edition", 0, "edition: expected a whole number >= 1"),
])
def test_evolve_checks_every_field_as_the_loader_does(field: str, value: object,
                                                      message: str) -> None:
    """A record changed in Python obeys the rules a data file does (not only in export)."""
    with pytest.raises(FieldError, match=re.escape(message)) as err:
        attrs.evolve(make(series="s"), **{field: value})
    assert isinstance(err.value, reecal.ReecalError) and err.value.field.startswith(field)


def test_vocabularies_accept_their_values_as_text() -> None:
    ev = attrs.evolve(make(), status="postponed", kind="exhibition")
    assert (ev.status, ev.kind) == (Status.POSTPONED, Kind.EXHIBITION)
    assert Certainty(confidence="low").confidence is Confidence.LOW


@pytest.mark.parametrize(("field", "value", "message"), [
    ("id", "Has Space", "not a valid id"),
    ("id", "a--b", "not a valid id"),
    ("title", "a\nb", "control character U+000A"),
    ("title", "a\u2028b", "line separator"),
    ("title", " padded", "leading or trailing"),
    ("url", "ftp://example.org", "only http and https"),
    ("url", "https://", "not a valid URL"),
    ("tags", ("magnets", "magnets"), "duplicates"),
    ("kind", Kind.PROGRAMME, "'programme' is for"),
    ("parent", "x-1", "its own parent"),
    ("summary", "ok\x07", "control character U+0007"),
])
def test_invalid_values_are_rejected(field: str, value: object, message: str) -> None:
    with pytest.raises(FieldError, match=re.escape(message)):
        make(**{field: value})


def test_multiline_text_keeps_newlines_and_tabs() -> None:
    assert make(summary="line one\n\tline two").summary == "line one\n\tline two"


def test_place_needs_a_known_zone() -> None:
    with pytest.raises(FieldError, match="unknown time zone"):
        Place(country="China", tz="China/Beijing")
    assert Place(country="China", tz="Asia/Shanghai").label == "China"



@pytest.mark.parametrize("tz", ["localtime", "posixrules", "Factory", "right/UTC",
                                "posix/Asia/Shanghai", "right/Asia/Shanghai"])
def test_a_zone_that_depends_on_the_machine_is_refused(tz: str) -> None:
    with pytest.raises(FieldError, match="file of the machine's zone database, not a zone"):
        Place(country="China", tz=tz)


def test_window_aoe_is_utc_minus_12() -> None:
    w = Window(closes=datetime(2025, 11, 17, 23, 59, 59), tz="AoE")
    assert w.closes_at.astimezone(UTC) == datetime(2025, 11, 18, 11, 59, 59, tzinfo=UTC)
    assert w.time_published


def test_window_date_only_is_end_of_day_in_zone() -> None:
    w = Window(closes=date(2025, 11, 17), tz="Europe/Berlin")
    assert w.closes_at.isoformat() == "2025-11-17T23:59:59+01:00"
    assert not w.time_published


def test_window_must_close_after_it_opens() -> None:
    with pytest.raises(FieldError, match="before the window opens"):
        Window(opens=date(2025, 12, 1), closes=date(2025, 11, 17), tz="UTC")
    same_day = Window(opens=date(2025, 11, 17), closes=date(2025, 11, 17), tz="UTC")
    assert same_day.opens_at is not None and same_day.opens_at < same_day.closes_at


def test_extension_must_move_the_deadline_later() -> None:
    with pytest.raises(FieldError, match="extension"):
        Window(closes=date(2025, 11, 17), extended_from=date(2025, 11, 20), tz="UTC")


def test_window_rejects_offset_datetimes() -> None:
    with pytest.raises(FieldError, match="without offset"):
        Window(closes=datetime(2025, 11, 17, tzinfo=UTC), tz="UTC")


def test_programme_kind_and_days() -> None:
    p = Programme(id="p", title="P", window=Window(opens=date(2025, 11, 1),
                  closes=date(2025, 11, 17), tz="Asia/Shanghai"), sources=(SRC,), updated=STAMP)
    assert p.kind is Kind.PROGRAMME
    assert (p.dates.first_day, p.dates.last_day) == (date(2025, 11, 1), date(2025, 11, 17))


def test_month_precision_spans_the_month_and_says_so() -> None:
    from reecal.formats.prose import dates_phrase, summary

    month = Certainty(dates=reecal.DatePrecision.MONTH, reason="the notice says 'in May'")
    ev = make(start=date(2028, 2, 1), certainty=month)
    assert (ev.dates.first_day, ev.dates.last_day, ev.dates.known_last_day) == (
        date(2028, 2, 1), date(2028, 2, 29), date(2028, 2, 29))
    assert dates_phrase(ev) == "Feb 2028 (day not published)"
    assert summary(ev) == "Forum: X (some day this month)"
    with pytest.raises(FieldError, match="month's first day"):
        make(start=date(2028, 2, 3), certainty=month)
    with pytest.raises(FieldError, match="month's first day"):
        make(start=date(2028, 2, 1), end=date(2028, 2, 29), certainty=month)


def test_start_only_has_no_end_and_no_last_day() -> None:
    only = Certainty(dates=reecal.DatePrecision.START_ONLY, reason="only the opening day")
    ev = make(certainty=only)
    assert ev.dates.open_ended and ev.dates.known_last_day is None
    with pytest.raises(FieldError, match="end is not published"):
        make(end=date(2026, 3, 2), certainty=only)


def test_an_outside_fact_must_name_a_field_the_record_gives() -> None:
    from reecal import Outside

    place = Place(city="Lyon", country="France", tz="Europe/Paris", lat=45.76, lon=4.83)
    ev = make(place=place, outside=[Outside(field="place.lat", basis="a gazetteer")])
    assert ev.outside[0].value(ev) == "45.76"
    for path in ("place.region", "hosts[0]", "nothing", "place..lat"):
        with pytest.raises(FieldError, match=r"outside\[0\]\.field"):
            make(place=place, outside=[Outside(field=path, basis="b")])
