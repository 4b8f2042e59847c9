"""What the group options decide (the date, the zone, the data), handed to every command.

The command line is where the environment is read: ``REECAL_TODAY``, ``REECAL_TZ``,
``REECAL_DATA`` (through click), ``TZ`` and ``/etc/localtime`` for the system's zone,
and ``XDG_CACHE_HOME`` and ``REECAL_CACHE`` for the cache.  The library reads none.
"""

from __future__ import annotations

import functools
import os
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from reecal.loading.cache import Cache
    from reecal.query.dataset import Dataset

__all__ = ["Settings", "settings"]


class Settings:
    """The options of the ``reecal`` group, resolved when a command first needs them."""

    def __init__(self, today: str | None, tz: str | None, data: tuple[str, ...],
                 bundled: bool, fmt: str | None) -> None:
        self.today_raw = today
        self.tz_name = tz or system_zone()
        self.data = data
        self.bundled = bundled
        self.fmt = fmt

    @functools.cached_property
    def tz(self) -> tzinfo:
        from reecal.model.zones import zone

        try:
            return zone(self.tz_name)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="'--tz'") from None

    @functools.cached_property
    def now(self) -> datetime:
        """--today / REECAL_TODAY if given (a date means its first instant), else the clock."""
        raw = self.today_raw
        if not raw:
            return datetime.now(UTC).astimezone(self.tz)
        from reecal.errors import FieldError
        from reecal.query.when import moment

        try:
            return moment(raw, self.tz, "--today")
        except FieldError as exc:
            raise click.BadParameter(exc.message, param_hint="'--today'") from None

    @functools.cached_property
    def dataset(self) -> Dataset:
        from reecal.query.dataset import load

        if not self.bundled and not self.data:
            raise click.UsageError("--no-bundled needs at least one --data PATH")
        return load(self.data, bundled=self.bundled, cache=user_cache())


def user_cache() -> Cache | None:
    """The cache in ``$XDG_CACHE_HOME/reecal`` (``~/.cache/reecal``), unless
    ``REECAL_CACHE=0``."""
    if os.environ.get("REECAL_CACHE", "1").lower() in ("0", "no", "false", "off"):
        return None
    from reecal.loading.cache import Cache

    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Cache(os.path.join(base, "reecal"))


def system_zone() -> str:
    """The machine's IANA zone name: $TZ, /etc/localtime's target, or UTC."""
    from reecal.model.zones import is_valid_zone

    env = os.environ.get("TZ", "").lstrip(":")
    if env and is_valid_zone(env):
        return env
    try:
        target = os.path.realpath("/etc/localtime")
        if "zoneinfo/" in target:
            name = target.split("zoneinfo/", 1)[1]
            if is_valid_zone(name):
                return name
        with open("/etc/timezone", encoding="utf-8") as fh:
            name = fh.read().strip()
            if is_valid_zone(name):
                return name
    except OSError:
        pass
    return "UTC"


def settings() -> Settings:
    """The current command's settings."""
    obj = click.get_current_context().find_object(Settings)
    assert obj is not None
    return obj
