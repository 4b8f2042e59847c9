"""reecal.sync and ``reecal sync`` against real CalDAV servers, Radicale and Xandikos,
each started on 127.0.0.1 for this module and stopped after it."""

from __future__ import annotations

import itertools
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import attrs
import pytest

import reecal
import reecal.cli.settings
from reecal.formats.ics import resources
from tests.support import Recording, Run, free_port, make_calendar, radicale, xandikos

pytestmark = [pytest.mark.slow, pytest.mark.interop]

FOREIGN = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//someone//EN\r\nBEGIN:VEVENT\r\n"
           b"UID:dentist@example.org\r\nDTSTAMP:20250101T000000Z\r\nDTSTART;VALUE=DATE:20251120"
           b"\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
_names = itertools.count()


@pytest.fixture(scope="module", params=["radicale", "xandikos"])
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[str]:
    """Where a test's calendars go: Radicale's /me/, or Xandikos's /user/calendars/."""
    tmp = tmp_path_factory.mktemp(request.param)
    if request.param == "radicale":
        with radicale(tmp) as url:
            yield url + "me/"
    else:
        with xandikos(tmp) as url:
            yield url + "user/calendars/"


@pytest.fixture
def calendar(server: str) -> str:
    """A new, empty calendar collection for the test."""
    return make_calendar(f"{server}t{next(_names)}/")


@pytest.fixture
def moment(ds: reecal.Dataset) -> datetime:
    """The moment of syncing: a day after the latest bundled change (fixed by the data)."""
    return max(r.updated for r in ds) + timedelta(days=1)


@pytest.fixture
def logged_in(monkeypatch: pytest.MonkeyPatch, moment: datetime, tmp_path: Path) -> Path:
    """The command line as user "me" (password x), its clock at *moment*, its sync
    state in a directory of the test's own, which is returned."""
    monkeypatch.setattr(reecal.cli.settings, "wall_clock", lambda: moment)
    monkeypatch.setenv("REECAL_CALDAV_PASSWORD", "x")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state"


def request(url: str, method: str, data: bytes | None = None, **headers: str) -> int:
    req = urllib.request.Request(url, data=data, method=method, headers={
        "Authorization": "Basic bWU6eA==", "Content-Type": "text/calendar; charset=utf-8",
        **headers})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return int(resp.status)


def get(url: str) -> bytes:
    req = urllib.request.Request(url, headers={"Authorization": "Basic bWU6eA=="})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return bytes(resp.read())


def stored(calendar: str) -> dict[str, bytes]:
    """UID → data of reecal's events in the collection, as the server gives them."""
    from reecal.publish.sync.plan import ours

    found = {}
    for remote in reecal.CalDAVStore(calendar, username="me", password="x").list():
        key = ours(remote.data)
        if key:
            found[key] = remote.data
    return found


def sync(records: Iterable[reecal.Record], calendar: str, state: Path, moment: datetime,
         ds: reecal.Dataset) -> tuple[reecal.SyncResult, Recording]:
    store = Recording(reecal.CalDAVStore(calendar, username="me", password="x", timeout=10))
    return reecal.sync(records, store, now=moment, state=state, ds=ds), store


def test_create_then_nothing_then_one_update_and_one_delete_foreign_kept(
        ds: reecal.Dataset, calendar: str, tmp_path: Path, moment: datetime) -> None:
    state = tmp_path / "state"
    assert request(calendar + "dentist.ics", "PUT", FOREIGN) == 201
    first, store = sync(ds, calendar, state, moment, ds)
    want = resources(ds)
    assert sorted(first.created) == sorted(want) and len(store.writes) == len(want)
    assert stored(calendar).keys() == want.keys()
    if "/user/calendars/" in calendar:  # Xandikos keeps what it is given, byte for byte
        assert all(get(calendar + f"{key}.ics") == data for key, data in want.items())
    second, store = sync(ds, calendar, state, moment, ds)
    assert store.writes == [] and second.changes == 0 and len(second.unchanged) == len(want)
    records = [attrs.evolve(r, revision=r.revision + 1, title="Moved forum")
               if r.id == "baotou-rare-earth-forum-15" else r
               for r in ds if r.id != "cres-visit-jxust-2025"]
    third, store = sync(records, calendar, state, moment, ds)
    assert (third.updated, third.deleted, third.created, third.conflicts) == (
        ("baotou-rare-earth-forum-15@reecal",), ("cres-visit-jxust-2025@reecal",), (), ())
    assert [(kind, bool(etag)) for kind, _, etag in store.writes] == [
        ("put", True), ("delete", True)]  # each with If-Match
    now_stored = stored(calendar)
    assert b"Moved forum" in now_stored["baotou-rare-earth-forum-15@reecal"]
    assert "cres-visit-jxust-2025@reecal" not in now_stored
    assert sync(records, calendar, state, moment, ds)[1].writes == []
    assert sync([], calendar, state, moment, ds)[0].deleted
    assert stored(calendar) == {}
    assert b"UID:dentist@example.org" in get(calendar + "dentist.ics")  # never touched


def test_a_server_side_edit_is_a_conflict_and_is_not_overwritten(
        ds: reecal.Dataset, calendar: str, tmp_path: Path, moment: datetime) -> None:
    state = tmp_path / "state"
    sync(ds, calendar, state, moment, ds)
    href = calendar + "cres-visit-jxust-2025@reecal.ics"
    edited = get(href).replace(b"SUMMARY:", b"SUMMARY:My note - ")
    assert request(href, "PUT", edited) in (201, 204)
    changed = [attrs.evolve(r, revision=r.revision + 1, title="Changed")
               if r.id == "cres-visit-jxust-2025" else r for r in ds]
    result, store = sync(changed, calendar, state, moment, ds)
    assert [c.uid for c in result.conflicts] == ["cres-visit-jxust-2025@reecal"]
    assert store.writes == [] and b"My note" in get(href)


def test_a_412_from_the_server_is_a_conflict(
        ds: reecal.Dataset, calendar: str, tmp_path: Path, moment: datetime) -> None:
    store = reecal.CalDAVStore(calendar, username="me", password="x")
    data = resources(ds)["cres-visit-jxust-2025@reecal"]
    href = store.href("cres-visit-jxust-2025@reecal")
    etag = store.put(href, data, None)
    from reecal.publish.sync.store import PreconditionFailed

    with pytest.raises(PreconditionFailed):
        store.put(href, data, None)  # If-None-Match: * on an existing one
    with pytest.raises(PreconditionFailed):
        store.delete(href, '"not-the-etag"')
    assert etag is None or etag.startswith('"')


@pytest.mark.usefixtures("logged_in")
def test_the_command_line_syncs_and_says_0_changes_the_second_time(
        run: Run, calendar: str) -> None:
    first = run("sync", "--kind", "visit", "--user", "me", calendar)
    assert first.exit_code == 0, first.output
    assert all(line.startswith("created ") and "visit" in line
               for line in first.stdout.splitlines())
    second = run("sync", "--kind", "visit", "--user", "me", calendar)
    assert (second.exit_code, second.stdout) == (0, "")
    assert second.stderr.startswith(f"{calendar}: 0 changes, ")
    dry = run("sync", "--kind", "visit", "--until", "2024-01", "--dry-run", "--user", "me",
              calendar)
    assert dry.exit_code == 0 and dry.stdout.startswith("would delete ")
    again = run("sync", "--kind", "visit", "--user", "me", calendar)
    assert again.stderr.startswith(f"{calendar}: 0 changes, ")  # the dry run changed nothing


def test_404_is_one_line_exit_1(run: Run, server: str) -> None:
    result = run("sync", f"{server}no-such-calendar/")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"reecal: error: {server}no-such-calendar/: not found (HTTP 404); "
        "is it a calendar collection?"]


def test_401_is_one_line_exit_1(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                ) -> None:
    monkeypatch.setenv("REECAL_CALDAV_PASSWORD", "wrong")
    with radicale(tmp_path, users={"me": "right"}) as url:
        result = run("sync", "--user", "me", f"{url}me/cal/")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"reecal: error: {url}me/cal/: not allowed to list the calendar (HTTP 401); "
        "check --user and the password"]


def test_connection_refused_is_one_line_exit_1(run: Run) -> None:
    url = f"http://127.0.0.1:{free_port()}/cal/"  # nothing listens there
    result = run("sync", "--timeout", "5", url)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"reecal: error: {url}: cannot list the calendar: Connection refused"]


def test_a_server_that_never_answers_times_out_in_one_line(run: Run) -> None:
    import socket

    with socket.socket() as listening:  # accepts the connection (backlog), never answers
        listening.bind(("127.0.0.1", 0))
        listening.listen(1)
        url = f"http://127.0.0.1:{listening.getsockname()[1]}/cal/"
        result = run("sync", "--timeout", "1", url)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"reecal: error: {url}: cannot list the calendar: timed out"]


@pytest.mark.parametrize("where", ["home", "event", "root"])
def test_a_url_that_is_not_a_calendar_is_named_before_any_write(
        run: Run, server: str, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    monkeypatch.setenv("REECAL_CALDAV_PASSWORD", "x")
    calendar = make_calendar(f"{server}t{next(_names)}/")
    assert request(calendar + "dentist.ics", "PUT", FOREIGN) == 201
    url = {"home": server, "event": calendar + "dentist.ics",
           "root": server.split("/", 3)[0] + "//" + server.split("/", 3)[2] + "/"}[where]
    result = run("sync", "--kind", "visit", "--user", "me", url)
    assert result.exit_code == 1 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    what = {"home": ("a user's home" if "/me/" in server else "a plain collection"),
            "event": "a single resource", "root": "the server's root"}[where]
    assert line.startswith(f"reecal: error: {url}: not a calendar") and what in line, line
    assert "not a calendar collection" in line and "401" not in line
    with pytest.raises(urllib.error.HTTPError):  # nothing was written there
        get(server + "cres-visit-jxust-2025@reecal.ics")


def test_without_state_a_server_edit_is_a_conflict_and_is_kept(
        run: Run, calendar: str, logged_in: Path) -> None:
    import shutil

    assert run("sync", "--kind", "visit", "--user", "me", calendar).exit_code == 0
    href = calendar + "cres-visit-jxust-2025@reecal.ics"
    assert request(href, "PUT", get(href).replace(b"SUMMARY:", b"SUMMARY:My note - ")) in (
        201, 204)
    shutil.rmtree(logged_in)
    again = run("sync", "--kind", "visit", "--user", "me", calendar)
    assert again.exit_code == 1 and again.stdout == (
        "conflict cres-visit-jxust-2025@reecal: differs, and no sync state; not updated\n")
    assert again.stderr.startswith(f"{calendar}: 0 changes, ")
    assert b"My note" in get(href)
    shutil.rmtree(logged_in)
    dropped = run("sync", "--kind", "conference", "--user", "me", calendar)
    assert dropped.exit_code == 1
    lines = dropped.stdout.splitlines()
    assert "conflict cres-visit-jxust-2025@reecal: differs, and no sync state; not deleted" in (
        lines) and any(line.startswith("deleted ") for line in lines)  # the unedited ones
    assert all(len(line) <= 80 for line in lines if line.startswith("conflict "))
    assert b"My note" in get(href)


def test_without_state_an_unchanged_calendar_is_0_changes_and_the_state_rebuilt(
        run: Run, calendar: str, logged_in: Path) -> None:
    import shutil

    assert run("sync", "--user", "me", calendar).exit_code == 0
    shutil.rmtree(logged_in)
    n = len(resources(reecal.load()))
    for _ in range(2):  # the first without state, the second with the one it rebuilt
        result = run("sync", "--user", "me", calendar)
        assert (result.exit_code, result.stdout) == (0, "")
        assert result.stderr == f"{calendar}: 0 changes, {n} unchanged\n"
        assert list(logged_in.rglob("*.json"))


def test_the_state_is_the_collections_whoever_syncs_it(
        run: Run, calendar: str, logged_in: Path) -> None:
    assert run("sync", "--kind", "visit", "--user", "me", calendar).exit_code == 0
    other = calendar.replace("http://127.0.0.1", "HTTP://127.0.0.1").rstrip("/")
    result = run("sync", "--kind", "visit", "--user", "ME", other)
    assert result.exit_code == 0 and len(list(logged_in.rglob("*.json"))) == 1


def test_a_login_without_a_password_says_none_was_given(run: Run, tmp_path: Path) -> None:
    with radicale(tmp_path, users={"me": "right"}) as url:
        result = run("sync", "--user", "me", f"{url}me/cal/")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"reecal: error: {url}me/cal/: not allowed to list the calendar (HTTP 401): no "
        "password was given (--password-file FILE or REECAL_CALDAV_PASSWORD)"]


def test_no_login_at_all_says_so(run: Run, tmp_path: Path) -> None:
    with radicale(tmp_path, users={"me": "right"}) as url:
        result = run("sync", f"{url}me/cal/")
    assert result.stderr.splitlines() == [
        f"reecal: error: {url}me/cal/: not allowed to list the calendar (HTTP 401): no "
        "login was given (--user NAME, and --password-file FILE or REECAL_CALDAV_PASSWORD)"]
