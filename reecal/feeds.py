"""The published feeds: which exist, how they are built, written and checked.

The registry :data:`FEEDS` is the one definition of every feed; ``calendars/`` and
``calendars/README.md`` are generated from it by ``reecal export`` and checked by
``reecal export --check``.

Writing is all-or-nothing: every file is rendered in memory, written to a temporary
file beside its target and flushed to disk, and only then renamed over the old one;
if anything fails before the renames, the temporary files are removed and the old
feeds are untouched, and if a rename fails the ones already replaced are restored.

>>> [f.filename for f in FEEDS]
['all.ics', 'events.ics', 'deadlines.ics', 'deadlines-alerts.ics']
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import attrs
from attrs import frozen

from .dataset import Dataset, Filter
from .errors import FeedError
from .lint import MAX_BYTES

__all__ = [
    "DEFAULT_BASE_URL",
    "FEEDS",
    "Feed",
    "base_url",
    "check",
    "readme",
    "render",
    "render_all",
    "sequence_problems",
    "write",
]

DEFAULT_BASE_URL = "https://reecal.github.io/reecal/calendars"
"""Where the feeds are published; override with REECAL_BASE_URL or --base-url."""


def base_url(override: str | None = None) -> str:
    """Where the feeds are served: *override*, ``$REECAL_BASE_URL`` or the default.

    It goes into every feed's SOURCE and the calendars README's links, so it must be
    an absolute http(s) URL (FeedError otherwise).

    >>> base_url("ftp://x.org")
    Traceback (most recent call last):
    ...
    reecal.errors.FeedError: base URL: only http and https URLs are allowed, not 'ftp://x.org'
    """
    from .errors import FieldError
    from .model import check_url

    url = override or os.environ.get("REECAL_BASE_URL") or DEFAULT_BASE_URL
    try:
        check_url("base URL", url)
    except FieldError as exc:
        raise FeedError(str(exc)) from None
    return url.rstrip("/")


@frozen(kw_only=True)
class Feed:
    """One published calendar: which dates of which records, and what it is called."""

    slug: str
    name: str
    description: str
    parts: tuple[str, ...]
    alarms: bool = False
    filter: Filter = attrs.field(factory=Filter)

    @property
    def filename(self) -> str:
        return f"{self.slug}.ics"


FEEDS: tuple[Feed, ...] = (
    Feed(slug="all", name="Rare-earth industry calendar (reecal)",
         description="Conferences, forums, exhibitions, delegation visits and programme "
                     "application windows of the rare-earth industry, with sources.",
         parts=("event", "opens", "closes")),
    Feed(slug="events", name="Rare-earth industry events (reecal)",
         description="Conferences, forums, exhibitions, visits and meetings: event days only.",
         parts=("event",)),
    Feed(slug="deadlines", name="Rare-earth programme deadlines (reecal)",
         description="Application windows of rare-earth programmes: when they open and the "
                     "instant they close, in the organiser's time zone.",
         parts=("opens", "closes")),
    Feed(slug="deadlines-alerts", name="Rare-earth programme deadlines, with reminders (reecal)",
         description="The deadlines feed with reminders 7 days and 1 day before each closing. "
                     "Some clients drop reminders from subscriptions.",
         parts=("opens", "closes"), alarms=True),
)


def render(feed: Feed, ds: Dataset, *, base: str | None = None) -> bytes:
    """The bytes of *feed* built from *ds*."""
    from .ics import build_calendar, to_ics

    selection = ds.select(feed.filter)
    cal = build_calendar(selection, name=feed.name, description=feed.description,
                         parts=feed.parts, alarms=feed.alarms, ds=ds,
                         source_url=f"{base_url(base)}/{feed.filename}")
    return to_ics(cal)


_CLIENTS = """\
### Google Calendar
Open <https://calendar.google.com/calendar/r/settings/addbyurl>, paste the https link,
and choose **Add calendar**. Google refreshes subscriptions on its own schedule (often
every 12–24 hours) and ignores reminders in the feed.

### Apple Calendar (macOS, iPhone, iPad)
Click the webcal link, or choose **File → New Calendar Subscription…** and paste it.
Set **Auto-refresh** to *Every day*. Untick *Remove Alerts* to keep the reminders of
the alerts feed.

### Outlook (outlook.com, Microsoft 365, new Outlook)
**Add calendar → Subscribe from web**, paste the https link, name it, **Import**.
Outlook honours the feed's one-day refresh hint (X-PUBLISHED-TTL).

### Thunderbird
**New Calendar… → On the Network**, paste the https link, choose the iCalendar (ICS)
format, and set the refresh interval.
"""


def readme(base: str | None = None) -> str:
    """calendars/README.md, generated from :data:`FEEDS` (checked by the tests)."""
    root = base_url(base)
    webcal = re.sub(r"^https?://", "webcal://", root)
    scheme = root.split(":", 1)[0].lower()
    rows = "\n".join(
        f"| `{f.filename}` | {f.description} | [{scheme}]({root}/{f.filename}) | "
        f"[webcal]({webcal}/{f.filename}) |"
        for f in FEEDS
    )
    return f"""# Calendars

Subscribe to these feeds by URL; they are regenerated from the records by
`reecal export` and checked by `reecal export --check`. Every event keeps its UID
across rebuilds, so a change updates the event you have instead of adding a copy.

| feed | what it holds | subscribe | open in app |
|---|---|---|---|
{rows}

All-day events (conferences, forums, visits) end on the day after their last day, as
iCalendar requires. A deadline is a timed event at the closing instant in the
organiser's time zone, with its VTIMEZONE; when the organiser published only a date,
it is the end of that day and the description says the time was not published.

## How to subscribe

{_CLIENTS}
## A feed of your own selection

Any listing of the `reecal` command line can be written as a feed, with the same
filters as the terminal:

```sh
reecal list --kind conference --tag magnets --format ics > magnets.ics
reecal deadlines --org CAST --format ics > cast-deadlines.ics
reecal --data my-events.toml list --format ics > mine.ics
```

Publish the file anywhere that serves it over https (ideally as
`text/calendar; charset=utf-8`) and subscribe to that URL.

The base URL of the links above comes from `REECAL_BASE_URL` (or
`reecal export --base-url`); it is `{root}` here.
"""


def render_all(ds: Dataset, *, base: str | None = None) -> dict[str, bytes]:
    """Every published file (feeds and the README) by file name, in memory."""
    out = {f.filename: render(f, ds, base=base) for f in FEEDS}
    out["README.md"] = readme(base).encode("utf-8")
    return out


# --------------------------------------------------------------------------- SEQUENCE guard


_VEVENT = re.compile(rb"BEGIN:VEVENT\r\n(.*?)END:VEVENT\r\n", re.S)
_VOLATILE = re.compile(rb"^(DTSTAMP|LAST-MODIFIED|SEQUENCE)[;:]", re.M)


def _events(data: bytes) -> dict[str, tuple[int, bytes]]:
    unfolded = re.sub(rb"\r\n[ \t]", b"", data)
    out = {}
    for m in _VEVENT.finditer(unfolded):
        body = m.group(1)
        uid = re.search(rb"^UID:(.*)\r$", body, re.M)
        seq = re.search(rb"^SEQUENCE:(\d+)\r$", body, re.M)
        stable = b"".join(line for line in body.splitlines(keepends=True)
                          if not _VOLATILE.match(line))
        if uid:
            out[uid.group(1).decode("utf-8", "replace")] = (int(seq.group(1)) if seq else 0,
                                                            stable)
    return out


def sequence_problems(old: bytes, new: bytes) -> list[str]:
    """UIDs whose event changed without a higher SEQUENCE (subscribers would miss it).

    A record's ``revision`` is its SEQUENCE: bump it (and ``updated``) on every change.
    """
    before, after = _events(old), _events(new)
    problems = []
    for uid, (seq, body) in after.items():
        if uid in before:
            old_seq, old_body = before[uid]
            if body != old_body and seq <= old_seq:
                rid = uid.split("@", 1)[0].split(".", 1)[0]
                problems.append(f'record "{rid}" changed but its revision is still {seq}: '
                                f"bump revision (and updated) so calendars take the update")
            elif seq < old_seq:
                problems.append(f"{uid}: SEQUENCE went down from {old_seq} to {seq}")
    return problems


# --------------------------------------------------------------------------- write / check


def check(ds: Dataset, out: Path, *, base: str | None = None) -> list[str]:
    """Names of the published files that differ from what the data gives (stale)."""
    stale = []
    for name, data in render_all(ds, base=base).items():
        path = out / name
        try:
            current = path.read_bytes()
        except OSError:
            stale.append(name)
            continue
        if current != data:
            stale.append(name)
    return stale


Opener = Callable[[int, bytes], None]


def _write_fd(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]
    os.fsync(fd)


def write(ds: Dataset, out: Path, *, base: str | None = None, guard: bool = True,
          _writer: Opener = _write_fd) -> list[str]:
    """Write every published file into *out*, all or nothing; returns the names changed.

    With *guard*, refuses (FeedError) when an event changed but its SEQUENCE did not
    go up compared with the feed being replaced.
    """
    files = render_all(ds, base=base)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FeedError(f"cannot create {out}: {exc.strerror or exc}") from None
    if guard:
        problems = []
        for name, data in files.items():
            old = out / name
            if name.endswith(".ics") and old.exists():
                if old.stat().st_size > MAX_BYTES:
                    raise FeedError(f"{old}: the existing feed is over {MAX_BYTES} bytes; "
                                    "not read (remove it or export elsewhere)")
                problems += sequence_problems(old.read_bytes(), data)
        if problems:
            raise FeedError(sorted(set(problems))[0] + (
                f" (and {len(set(problems)) - 1} more)" if len(set(problems)) > 1 else ""))
    changed = [n for n, d in files.items() if not (out / n).exists()
               or (out / n).read_bytes() != d]
    temps: dict[str, str] = {}
    try:
        for name in changed:
            fd, tmp = tempfile.mkstemp(dir=out, prefix=f".{name}.", suffix=".tmp")
            temps[name] = tmp
            try:
                _writer(fd, files[name])
            finally:
                os.close(fd)
            os.chmod(tmp, 0o644)
    except OSError as exc:
        for tmp in temps.values():
            _unlink(tmp)
        raise FeedError(f"cannot write {out}: {exc.strerror or exc}; "
                        "the published feeds were left as they were") from None
    _replace_all(out, temps)
    return changed


def _replace_all(out: Path, temps: dict[str, str]) -> None:
    """Rename each temporary file over its target; on failure put the old ones back.

    Each target is first hard-linked (or copied) to a backup, so the target path
    always exists: a reader never sees a missing feed.
    """
    backups: dict[str, Path] = {}
    done: list[str] = []
    try:
        for name, tmp in temps.items():
            target = out / name
            if target.exists():
                bak = out / f".{name}.{os.getpid()}.bak"
                _unlink(bak)
                try:
                    os.link(target, bak)
                except OSError:
                    shutil.copyfile(target, bak)
                backups[name] = bak
            os.replace(tmp, target)
            done.append(name)
    except OSError as exc:
        for name in done:
            if name in backups:
                os.replace(backups.pop(name), out / name)
            else:
                _unlink(out / name)
        for tmp in temps.values():
            _unlink(tmp)
        for bak in backups.values():
            _unlink(bak)
        raise FeedError(f"cannot replace the feeds in {out}: {exc.strerror or exc}; "
                        "the published feeds were restored") from None
    for bak in backups.values():
        _unlink(bak)


def _unlink(path: str | Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
