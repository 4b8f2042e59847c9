"""The most common invocations, answered from the cache without click or the model.

``reecal upcoming`` and ``reecal deadlines`` (with ``--today``, ``--tz``, ``--days``,
``--until``, ``--state``, ``--format text|json|csv``, ``--data``, ``--no-bundled``)
read the briefs the cache keeps of the data (:mod:`reecal.formats.briefs`) and run
the very queries, rows and views the click group runs; ``reecal``, ``reecal --help``,
``-h`` and ``reecal help`` print the help the group printed last for this code and
this terminal width; ``reecal list --format ics`` and ``--format json`` (every record)
print the feed and the text the group kept for the same data, code, icalendar and
zone rules.  The start-up is then little more than the interpreter's.

Anything else is the group's (:func:`answer` returns None and nothing has been
written): another command, a filter, a value that needs a message, nothing in the
window (the group says what is nearest), ``REECAL_DATA``, or no cache entry yet (the
group makes it).  Tests run both on many invocations and compare the bytes.
"""

from __future__ import annotations

import os
import sys

from reecal.cli.dirs import BRIEFS, LIST_ICS, LIST_JSON, data_entry, user_cache
from reecal.cli.streams import color, columns, max_width, open_closed_streams, quiet_stdout

TYPE_CHECKING = False  # typing is not imported: the help's start-up does without it
if TYPE_CHECKING:
    from datetime import date
    from typing import Any

    from reecal.cli.settings import Settings
    from reecal.formats.reports import Report
    from reecal.loading.cache import Cache
    from reecal.query.brief import Briefs

__all__ = ["answer", "help_entry", "keep_help"]

HELP = {(), ("--help",), ("-h",), ("help",)}
"""The invocations that print the group's help."""
_GROUP = {"--today": "today", "--tz": "tz", "--data": "data", "--format": "fmt",
          "--no-bundled": "no_bundled"}
_AFTER = {"--today": "today", "--tz": "tz", "--format": "fmt", "--no-bundled": "no_bundled"}
_OWN = {"upcoming": {"--days": "days", "--until": "until"},
        "deadlines": {"--state": "states"}, "list": {"--past": "past"}}
_FLAGS = {"no_bundled", "past"}
_MULTIPLE = {"data", "states"}
_FORMATS = ("text", "json", "csv")
_STATES = ("not-yet-open", "open", "closed")  # reecal.cli.agenda.STATES
_MAX_DAYS = 36600  # reecal.cli.agenda's --days


class _Defer(Exception):
    """Left to the click group."""


def answer(argv: list[str]) -> int | None:
    """Run ``reecal *argv*`` if it is one of the common invocations, and return its exit
    code; None (having written nothing) to leave it to the click group."""
    open_closed_streams()
    cache = user_cache()
    if cache is None or "_REECAL_COMPLETE" in os.environ:  # completing: click's to do
        return None
    if tuple(argv) in HELP:
        text = cache.read(help_entry())
        return None if text is None else _help(text.decode())
    try:
        command, given = _parse(argv)
        if command == "list":
            fmt = given["fmt"]
            kept = _kept_list(cache, _settings(given), LIST_ICS if fmt == "ics" else LIST_JSON)
            return _print(lambda: "", fmt=fmt, ics=lambda: kept, json=lambda: kept)
        fmt = given.get("fmt") or "text"
        report, text = _report(cache, command, given)
        if fmt == "text" and not report.rows:  # the group says what is nearest
            return None
    except Exception:  # whatever would need a message, the group says it
        return None
    return _print(text, json=lambda: report.json, csv=lambda: (report.rows, _fields(command)),
                  fmt=fmt)


def _parse(argv: list[str]) -> tuple[str, dict[str, Any]]:
    """The command and its options (the group's, overridden by those after the name)."""
    given: dict[str, Any] = {}
    args = list(argv)
    command = ""
    while args:
        token = args.pop(0)
        if not command and not token.startswith("-"):
            if token not in _OWN:
                raise _Defer
            command = token
            continue
        name, eq, value = token.partition("=")
        key = (_GROUP if not command else {**_AFTER, **_OWN[command]}).get(name)
        if key is None:
            raise _Defer
        if key in _FLAGS:
            if eq:
                raise _Defer
            given[key] = True
            continue
        if not eq:
            if not args:
                raise _Defer
            value = args.pop(0)
        if key in _MULTIPLE:
            given[key] = (*given.get(key, ()), value)
        else:  # a format in any case, as click's choice reads it
            given[key] = value.lower() if key == "fmt" else value
    if not command or given.get("fmt", "text") not in (
            ("ics", "json") if command == "list" else _FORMATS):
        raise _Defer
    if os.environ.get("REECAL_DATA"):  # click splits it; the group reads it
        raise _Defer
    return command, given


def _report(cache: Cache, command: str, given: dict[str, Any]) -> tuple[Report, Any]:
    """The command's report and its text view, from the briefs in *cache*."""
    from reecal.formats import reports, terminal

    s = _settings(given)
    if command == "upcoming":
        days = given.get("days")
        if days is not None and not 0 <= (days := int(days)) <= _MAX_DAYS:
            raise _Defer
        last = s.day(given["until"], "--until", end=True) if "until" in given else None
        horizon = reports.horizon(s.now, days, last)
        found = _briefs(cache, s, near=(s.now.date(), horizon))
        report = reports.upcoming(found, s.now, s.tz_name, horizon)
        view = terminal.upcoming_text
    else:
        states = tuple(_state(v) for v in given.get("states", ()))
        report = reports.deadlines(_briefs(cache, s), s.now, s.tz_name, states)
        view = terminal.deadlines_text
    return report, lambda: view(report.rows, max_width=max_width(), color=color())


def _settings(given: dict[str, Any]) -> Settings:
    """The group's settings from the options given and the environment (checked as the
    group checks them: a bad one raises, and the group says why)."""
    from reecal.cli.settings import Settings

    s = Settings(given.get("today") or os.environ.get("REECAL_TODAY") or None,
                 given.get("tz") or os.environ.get("REECAL_TZ") or None,
                 given.get("data", ()), not given.get("no_bundled"), None)
    if not s.bundled and not s.data:
        raise _Defer
    return s


def _key(cache: Cache, s: Settings) -> str:
    """The cache's key for the data *s* names."""
    from reecal.loading.files import inputs

    return cache.key(inputs(s.data, include_bundled=s.bundled))


def _kept_list(cache: Cache, s: Settings, entry: str) -> bytes:
    """``reecal list --format ics`` or ``json``: every record, as the group kept it."""
    kept = cache.read(data_entry(_key(cache, s), entry))
    if kept is None:
        raise _Defer
    return kept


def _briefs(cache: Cache, s: Settings, near: tuple[date, date] | None = None) -> Briefs:
    """The briefs of the data *s* names (only those near the days *near*, if given)."""
    from reecal.formats.briefs import unpack

    values = cache.get_values(data_entry(_key(cache, s), BRIEFS))
    if not isinstance(values, list):
        raise _Defer
    return unpack(values, near=near)


def _state(value: str) -> str:
    """A --state as click's case-insensitive choice reads it."""
    found = [s for s in _STATES if s.casefold() == value.casefold()]
    if not found:
        raise _Defer
    return found[0]


def _fields(command: str) -> tuple[str, ...]:
    from reecal.formats.rows import DEADLINE_FIELDS, UPCOMING_FIELDS

    return UPCOMING_FIELDS if command == "upcoming" else DEADLINE_FIELDS


def _print(text: Any, *, fmt: str = "text", **others: Any) -> int:
    """Write as the group's output dispatch does, ending as the group ends."""
    from reecal.cli.streams import show
    from reecal.errors import ReecalError, one_line

    try:
        show(fmt, text=text, **others)
    except BrokenPipeError:
        quiet_stdout()
        return 0
    except ReecalError as exc:
        sys.stderr.write(f"reecal: error: {one_line(str(exc))}\n")
        return 1
    return 0


def _help(text: str) -> int:
    """Print the help as the group does, failing as it fails."""
    from reecal.cli.streams import flush_or_quiet
    from reecal.errors import one_line

    try:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        quiet_stdout()
    except OSError as exc:  # (a full disk): as the group's last resort says it
        flush_or_quiet()
        sys.stderr.write(f"reecal: error: {one_line(exc.strerror or str(exc))}\n")
        return 1
    return 0


def help_entry() -> str:
    """The cache entry of the group's help for this code and this terminal's width."""
    from reecal.loading.cache import code_digest

    return f"{code_digest().hex()}-{columns()}.help"


def keep_help(text: str) -> None:
    """Keep the group's help *text* for :func:`answer` (the group calls this)."""
    cache = user_cache()
    if cache is not None:
        name = help_entry()  # (once: it scans reecal's modules)
        if cache.read(name) != text.encode():
            cache.write(name, text.encode())
