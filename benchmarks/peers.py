"""The peers reecal's users know, set up to run offline in temporary directories.

* ``khal list`` (khal, the version pinned in the project's test extra) on a small
  vdir of a few dozen events, with a minimal config.  HOME, XDG_CONFIG_HOME,
  XDG_DATA_HOME and XDG_CACHE_HOME all point into a temporary directory, so it never
  reads the user's config or database; it makes no network request.
* ``holidays-ics``: the console script of the ``holidays`` package
  (``holidays.generate_ics``), writing a year of China's public holidays to an
  .ics file in the temporary directory.  It reads no network either.

Each runs from its own venv (see envs.py) and is compared with that venv's
``python -c pass``.
"""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

from envs import Venv

KHAL_CONFIG = """\
[calendars]
[[bench]]
path = {vdir}
type = calendar

[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = UTC
default_timezone = UTC

[default]
default_calendar = bench
"""

EVENT = """\
BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//reecal bench//EN\r
BEGIN:VEVENT\r
UID:bench-{i}@reecal\r
DTSTAMP:20251101T000000Z\r
DTSTART;VALUE=DATE:{start:%Y%m%d}\r
DTEND;VALUE=DATE:{end:%Y%m%d}\r
SUMMARY:Benchmark {i}th Rare Earth Forum\r
LOCATION:Nanchang\\, Jiangxi\\, China\r
END:VEVENT\r
END:VCALENDAR\r
"""

KHAL_EVENTS = 40


def isolated_env(tmp: Path) -> dict[str, str]:
    """An environment whose home, config, data and cache lie under *tmp*."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("XDG_", "KHAL", "REECAL_", "PYTHON"))}
    for var, sub in (("HOME", "home"), ("XDG_CONFIG_HOME", "config"),
                     ("XDG_DATA_HOME", "data"), ("XDG_CACHE_HOME", "cache")):
        (tmp / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(tmp / sub)
    env.update(TZ="UTC", LC_ALL="C.UTF-8", LANG="C.UTF-8")
    env.pop("COLUMNS", None)
    return env


def khal_setup(venv: Venv, tmp: Path) -> tuple[list[str], dict[str, str]]:
    """A vdir of KHAL_EVENTS one- to three-day events from 2025-11-01 on, khal's
    config under XDG_CONFIG_HOME/khal, and the ``khal list`` command over them."""
    env = isolated_env(tmp)
    vdir = tmp / "vdir" / "bench"
    vdir.mkdir(parents=True, exist_ok=True)
    first = date(2025, 11, 1)
    for i in range(KHAL_EVENTS):
        start = first + timedelta(days=3 * i)
        (vdir / f"bench-{i}.ics").write_text(
            EVENT.format(i=i, start=start, end=start + timedelta(days=1 + i % 3)),
            encoding="utf-8", newline="")
    conf = Path(env["XDG_CONFIG_HOME"]) / "khal"
    conf.mkdir(parents=True, exist_ok=True)
    (conf / "config").write_text(KHAL_CONFIG.format(vdir=vdir), encoding="utf-8")
    return [venv.script("khal"), "list", "2025-11-01", "30d"], env


def holidays_setup(venv: Venv, tmp: Path) -> tuple[list[str], dict[str, str]]:
    env = isolated_env(tmp)
    return [venv.script("holidays-ics"), "CN", "-y", "2026", "-o",
            str(tmp / "holidays-cn-2026.ics")], env
