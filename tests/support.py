"""What the tests share: paths, sample data, the bad-data corpus, which feed events a
selection must give, and the example counts of each test profile.

Test modules import from here (never from one another); fixtures live in conftest.py.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from click.testing import Result
from hypothesis import HealthCheck, settings

import reecal
from reecal.formats.ics import uid
from reecal.model.dates import Part
from tests import update_readme as _update_readme

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
BAD = sorted((DATA / "bad").glob("*.toml"))
"""Malformed data files; each one's first line says the error it must give."""

Run = Callable[..., Result]
"""The type of the ``run`` fixture: the command line, in-process, environment cleared."""
ISOLATE = _update_readme.ISOLATE
"""Environment variables cleared for every CLI run (as tests/update_readme.py clears them)."""

# ---------------------------------------------------------------- example counts
# Every example count comes from the profile, chosen with REECAL_PROFILE:
#   default  the README's test command: every property and fuzzer, briefly (derandomized)
#   deep     CI's second run: 2,000 examples per property, 10,000 inputs per fuzzer
#   explore  as deep, with a fresh random seed (what it finds becomes a fixed test)
#   long     20,000 / 100,000, random: before a release
PROFILES = {  # name: (examples per property, inputs per fuzzer, derandomized)
    "default": (40, 400, True),
    "deep": (2_000, 10_000, True),
    "explore": (2_000, 10_000, False),
    "long": (20_000, 100_000, False),
}
PROFILE = os.environ.get("REECAL_PROFILE", "default")
if PROFILE not in PROFILES:
    raise SystemExit(f"REECAL_PROFILE={PROFILE!r}: choose one of {', '.join(PROFILES)}")
for _name, (_examples, _inputs, _fixed) in PROFILES.items():
    for _suffix, _count in (("", _examples), ("-fuzz", _inputs)):
        settings.register_profile(
            _name + _suffix, max_examples=_count, derandomize=_fixed, deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(PROFILE)
FUZZ = settings.get_profile(PROFILE + "-fuzz")
"""Decorate a fuzzer with this: the profile's count of inputs per fuzzer."""


def data_classes() -> list[type]:
    """Every attrs class a data file can hold, from the loader's sections down."""
    import typing

    import attrs

    from reecal.loading.parse import SECTIONS

    found: list[type] = []
    todo = list(SECTIONS.values())
    while todo:
        cls = todo.pop(0)
        if cls not in found:
            found.append(cls)
            for hint in typing.get_type_hints(cls).values():
                todo += [t for t in (hint, *typing.get_args(hint))
                         if isinstance(t, type) and attrs.has(t)]
    return found


def expected_error(path: Path) -> str:
    """The one-line error a file of the bad corpus must give (its first line says)."""
    first = path.read_bytes().split(b"\n", 1)[0].decode().removeprefix("\ufeff")
    assert first.startswith("# expect: ")
    return first.removeprefix("# expect: ").replace("{path}", str(path))


def feed_events(records: reecal.Dataset | list[reecal.Record], parts: tuple[Part | str, ...] = (
        Part.EVENT, Part.OPENS, Part.CLOSES)) -> dict[str, tuple[reecal.Record, reecal.Point]]:
    """UID → (record, point): the events a feed of *records* with *parts* must hold."""
    wanted = {Part(p) for p in parts}
    return {uid(r.id, p.part): (r, p) for r in records for p in r.dates.points
            if p.part in wanted}


GOOD = '''
[[organisation]]
id = "acme-society"
name = "Acme Magnet Society"
short = "AMS"

[[event]]
id = "acme-magnet-summit-2027"
kind = "forum"
title = "Acme Magnet Summit 2027"
start = 2027-03-02
end = 2027-03-04
organisers = ["acme-society"]
tags = ["magnets"]
updated = 2026-11-01T00:00:00Z
[event.place]
city = "Lyon"
country = "France"
tz = "Europe/Paris"
[[event.sources]]
document = "https://acme.example/summit"
quote = "2-4 March 2027, Lyon"
'''
"""A small valid data file of a user's own."""

FELLOWSHIP = '''
[[programme]]
id = "acme-fellowship-2027"
title = "Acme Fellowship 2027"
updated = 2026-11-01T00:00:00+01:00
[programme.window]
opens = 2027-01-10T09:00:00
closes = 2027-02-01
tz = "AoE"
[[programme.sources]]
document = "https://acme.example/fellowship"
quote = "Applications close 1 February 2027, AoE"
'''
"""A programme whose window opens at a time and closes on a day, Anywhere on Earth."""


@contextmanager
def serving(app: object) -> Iterator[str]:
    """Serve the ASGI *app* with uvicorn on 127.0.0.1 and an ephemeral port, in a
    thread; yields its base URL and stops the server afterwards."""
    import threading
    import time

    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="error",  # type: ignore[arg-type]
                                           access_log=False, lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


# ---------------------------------------------------------------- CalDAV servers
# Real servers for the interop and sync tests: each listens on 127.0.0.1 on a free
# port, in a temporary directory, and stops when its `with` block ends.


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _process(args: list[str], port: int, name: str) -> Iterator[None]:
    import socket
    import subprocess
    import time

    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{name} did not start") from None
                time.sleep(0.1)
        yield
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def radicale(tmp: Path, *, users: dict[str, str] | None = None) -> Iterator[str]:
    """Radicale serving from *tmp*; its root URL.  With *users* (name → password), it
    asks for them (htpasswd, plain); without, anyone may log in as anyone."""
    import sys

    port = free_port()
    auth = "type = none"
    if users is not None:
        (tmp / "users").write_text("".join(f"{u}:{p}\n" for u, p in users.items()),
                                   encoding="utf-8")
        auth = (f"type = htpasswd\nhtpasswd_filename = {tmp / 'users'}\n"
                "htpasswd_encryption = plain")
    cfg = tmp / "config"
    cfg.write_text(f"""[server]
hosts = 127.0.0.1:{port}
[auth]
{auth}
[rights]
type = owner_only
[storage]
filesystem_folder = {tmp / "storage"}
[logging]
level = warning
""", encoding="utf-8")
    with _process([sys.executable, "-m", "radicale", "--config", str(cfg)], port, "Radicale"):
        yield f"http://127.0.0.1:{port}/"


@contextmanager
def xandikos(tmp: Path) -> Iterator[str]:
    """Xandikos (no authentication) serving from *tmp*, with its default calendar; its
    root URL."""
    import sys

    port = free_port()
    with _process([sys.executable, "-m", "xandikos.web", "--defaults", "-d", str(tmp / "data"),
                   "--state-dir", str(tmp / "state"), "-l", "127.0.0.1", "-p", str(port),
                   "--no-detect-systemd"], port, "Xandikos"):
        yield f"http://127.0.0.1:{port}/"


def make_calendar(url: str) -> str:
    """MKCALENDAR *url* (as user "me", any password where none is checked); *url*."""
    import urllib.request

    req = urllib.request.Request(url, method="MKCALENDAR",
                                 headers={"Authorization": "Basic bWU6eA=="})  # me:x
    with urllib.request.urlopen(req, timeout=30) as resp:
        assert resp.status == 201
    return url


class Recording:
    """A sync store that passes everything to *store* and keeps a list of the writes."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.key, self.name = store.key, store.name
        self.holder, self.edited = store.holder, store.edited
        self.writes: list[tuple[str, str, str | None]] = []

    def href(self, uid: str) -> str:
        return str(self.store.href(uid))

    def list(self) -> list[Any]:
        return list(self.store.list())

    def put(self, href: str, data: bytes, if_match: str | None) -> str | None:
        self.writes.append(("put", href, if_match))
        etag: str | None = self.store.put(href, data, if_match)
        return etag

    def delete(self, href: str, if_match: str) -> None:
        self.writes.append(("delete", href, if_match))
        self.store.delete(href, if_match)


def khal_command(tmp: Path, vdir: Path, calendar: str) -> tuple[list[str], dict[str, str]]:
    """The command (``[khal, -c, config]``) and environment of a khal that keeps its
    config and database under *tmp* and reads the vdir *vdir* as *calendar*, in
    Asia/Shanghai."""
    import sys

    cfg = tmp / "khal.conf"
    cfg.write_text(f"""[calendars]
[[{calendar}]]
path = {vdir}
type = calendar

[locale]
local_timezone = Asia/Shanghai
default_timezone = Asia/Shanghai
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M

[sqlite]
path = {tmp / "khal.db"}
""", encoding="utf-8")
    command = [str(Path(sys.executable).with_name("khal")), "-c", str(cfg)]
    return command, {"HOME": str(tmp), "PATH": "/usr/bin:/bin", "TZ": "Asia/Shanghai"}
