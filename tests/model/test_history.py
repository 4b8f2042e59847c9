"""A record's history: earlier revisions in order, each a valid record that differs
from the next in what it says changed."""

from __future__ import annotations

from datetime import UTC, date, datetime

import attrs
import pytest

from reecal import Event, FieldError, Kind, Place, Programme, Revision, Source, Status, Window

SRC = Source(document="https://example.org/x", quote="May 15-18, 2026")
JAN, FEB, MAR = (datetime(2026, m, 1, 9, tzinfo=UTC) for m in (1, 2, 3))


def event(*history: Revision, revision: int = 2) -> Event:
    return Event(id="x-1", kind=Kind.CONFERENCE, title="X", start=date(2026, 5, 15),
                 end=date(2026, 5, 18), sources=(SRC,), updated=MAR, revision=revision,
                 history=history)


def rev(n: int, when: datetime, **kw: object) -> Revision:
    return Revision(revision=n, updated=when, **kw)  # type: ignore[arg-type]


def test_the_past_is_rebuilt_from_what_each_revision_changed() -> None:
    ev = event(rev(0, JAN, start=date(2026, 5, 12), end=date(2026, 5, 14), note="First notice."),
               rev(1, FEB, status=Status.POSTPONED))
    first, second = ev.past()
    assert (first.revision, first.updated, first.start, first.end) == (
        0, JAN, date(2026, 5, 12), date(2026, 5, 14))
    assert first.status is Status.POSTPONED  # revision 1 changed it, so it held at 0 too
    assert (second.revision, second.start, second.status) == (1, date(2026, 5, 15),
                                                              Status.POSTPONED)
    assert first.history == second.history == ()
    assert ev.history[0].changed == ("dates",) and ev.history[1].changed == ("status",)


@pytest.mark.parametrize(("history", "path", "message"), [
    ((rev(2, JAN, title="Y"),), "history[0].revision", "2 is not below the record's revision 2"),
    ((rev(1, JAN, title="Y"), rev(0, FEB, title="Z")), "history[1].revision",
     "0 is not above history[0]'s revision 1"),
    ((rev(0, FEB, title="Y"), rev(1, JAN, title="Z")), "history[1].updated",
     "2026-01-01T09:00:00+00:00 is before history[0]'s updated"),
    ((rev(0, datetime(2026, 4, 1, tzinfo=UTC), title="Y"),), "history[0].updated",
     "2026-04-01T00:00:00+00:00 is after the record's updated 2026-03-01T09:00:00+00:00"),
    ((rev(0, JAN, title="X"),), "history[0].title",
     "title is the same in revision 2: a revision gives only what the next one changed"),
    ((rev(0, JAN, start=date(2026, 5, 15), end=date(2026, 5, 18)),), "history[0].start",
     "the dates are the same in revision 2: a revision gives only what the next one changed"),
    ((rev(0, JAN, start=date(2026, 5, 20), end=date(2026, 5, 19)),), "history[0].end",
     "2026-05-19 is before the start 2026-05-20"),
    ((rev(0, JAN, closes=date(2026, 5, 1)),), "history[0].closes",
     "opens and closes are a programme's window; this record is an event"),
])
def test_a_bad_history_names_the_field(history: tuple[Revision, ...], path: str,
                                       message: str) -> None:
    with pytest.raises(FieldError) as err:
        event(*history)
    assert (err.value.field, err.value.message) == (path, message)


def test_a_revision_checks_its_own_fields() -> None:
    with pytest.raises(FieldError, match=r"^end: give the dates whole: start too"):
        rev(0, JAN, end=date(2026, 5, 14))
    with pytest.raises(FieldError, match=r"^opens: give the dates whole: closes too"):
        rev(0, JAN, opens=date(2026, 5, 1))
    with pytest.raises(FieldError, match=r"^closes: give an event's start and end"):
        rev(0, JAN, start=date(2026, 5, 1), closes=date(2026, 5, 1))
    with pytest.raises(FieldError, match=r"^status: unknown status 'later'"):
        rev(0, JAN, status="later")
    with pytest.raises(FieldError, match=r"^title: has leading or trailing spaces"):
        rev(0, JAN, title=" Y")
    with pytest.raises(FieldError, match=r"^updated: "):
        rev(0, datetime(2026, 1, 1))  # no offset


def test_a_programmes_history_gives_its_window() -> None:
    prog = Programme(id="p-1", title="P", window=Window(
        opens=date(2026, 4, 1), closes=date(2026, 5, 1), tz="Asia/Shanghai",
        extended_from=date(2026, 4, 20)), sources=(SRC,), updated=MAR, revision=1,
        history=(rev(0, JAN, closes=date(2026, 4, 20)),))
    (before,) = prog.past()
    assert (before.window.opens, before.window.closes, before.window.extended_from) == (
        None, date(2026, 4, 20), None)
    with pytest.raises(FieldError, match=r"^history\[0\].start: start and end are an event's"):
        attrs.evolve(prog, history=(rev(0, JAN, start=date(2026, 4, 1)),))


def test_a_place_as_it_was() -> None:
    old = Place(city="Ganzhou", country="China", tz="Asia/Shanghai")
    ev = attrs.evolve(event(), place=Place(city="Nanchang", country="China",
                                           tz="Asia/Shanghai"),
                      history=(rev(1, FEB, place=old),))
    assert ev.past()[0].place == old
