"""What the group options decide (the date, the zone, the data), handed to every command.

The command line is where the environment is read: ``REECAL_TODAY``, ``REECAL_TZ``,
``REECAL_DATA`` (through click), ``TZ`` and ``/etc/localtime`` for the system's zone,
and ``XDG_CACHE_HOME`` and ``REECAL_CACHE`` for the cache.  The library reads none.
"""

from __future__ import annotations

import functools
import os
from datetime import UTC, date, datetime, tzinfo

TYPE_CHECKING = False  # typing is not imported: the agenda's start-up does without it
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from reecal.loading.cache import Cache
    from reecal.query.dataset import Dataset
    from reecal.query.filter import Filter

__all__ = ["Settings", "settings", "wall_clock"]


class Settings:
    """The options of the ``reecal`` group, resolved when a command first needs them."""

    def __init__(self, today: str | None, tz: str | None, data: tuple[str, ...],
                 bundled: bool, fmt: str | None, *, hints: dict[str, str] | None = None
                 ) -> None:
        self.cache: Cache | None = None
        self.hints = {"today": "--today", "tz": "--tz", **(hints or {})}
        self.today_raw = self._checked_today(today)
        self.tz_name = self._checked_zone(tz) if tz else system_zone()
        self.data = data
        self.bundled = bundled
        self.fmt = fmt

    def override(self, name: str, value: object, *, added: bool = False) -> None:
        """A group option given again after the command's name (see
        :func:`reecal.cli.options.setting_options`); a --data is *added* to the
        group's when the group's came from the command line too."""
        self.hints[name] = f"--{name.replace('_', '-')}"
        if name == "today" and isinstance(value, str):
            self.today_raw = self._checked_today(value)
        elif name == "tz" and isinstance(value, str):
            self.tz_name = self._checked_zone(value)
        elif name == "data" and isinstance(value, tuple):
            self.data = (*self.data, *value) if added else value
        elif name == "no_bundled":
            self.bundled = False

    def _checked_zone(self, name: str) -> str:
        """*name* if it is a zone (checked now, so that a bad one is never ignored)."""
        from reecal.model.zones import zone

        try:
            zone(name)
        except ValueError as exc:
            raise _bad(str(exc), self.hints["tz"]) from None
        return name

    def _checked_today(self, raw: str | None) -> str | None:
        """*raw* if it reads as a moment (checked now; read again once the zone is known)."""
        if raw == "":  # given as --today "" (click reads an empty variable as unset)
            raise _bad("an empty value is not a day: write YYYY-MM-DD, or leave the option "
                       "out for the clock's today", self.hints["today"])
        if raw:
            self._moment(raw, "UTC")
        return raw

    def _moment(self, raw: str, tz: tzinfo | str) -> datetime:
        from reecal.errors import FieldError
        from reecal.query.when import moment

        try:
            return moment(raw, tz, "today")
        except FieldError as exc:
            raise _bad(exc.message, self.hints["today"]) from None

    @functools.cached_property
    def tz(self) -> tzinfo:
        from reecal.model.zones import zone

        return zone(self.tz_name)

    @functools.cached_property
    def now(self) -> datetime:
        """--today / REECAL_TODAY if given (a date means its first instant), else the clock."""
        if not self.today_raw:
            return datetime.now(UTC).astimezone(self.tz)
        return self._moment(self.today_raw, self.tz)

    def day(self, raw: str, option: str, *, end: bool = False) -> date:
        """A day given to *option* (``--until``, ``--since``), as people type it:
        relative forms count from :attr:`now`, a month is its first day (its last with
        *end*)."""
        from reecal.errors import FieldError
        from reecal.query.when import day_text

        try:
            return day_text(raw, option.lstrip("-"), today=self.now.date(), tz=self.tz, end=end)
        except FieldError as exc:
            raise _bad(exc.message, option) from None

    @functools.cached_property
    def dataset(self) -> Dataset:
        from reecal.query.dataset import load

        if not self.bundled and not self.data:
            import click

            raise click.UsageError("--no-bundled needs at least one --data PATH")
        from reecal.cli.dirs import user_cache

        self.cache = user_cache()
        return load(self.data, bundled=self.bundled, cache=self.cache)

    def kept(self, build: Callable[[], bytes | Iterable[bytes]], entry: str
             ) -> Callable[[], bytes]:
        """*build*, keeping what it makes (its bytes, or its pieces, written to the cache
        as they come and then read back) as *entry* of the data loaded, for
        :mod:`reecal.cli.fast`, which gives it next time without loading the data."""
        def keep() -> bytes:
            found = self._entry(entry)
            made = build()
            if found is not None:
                found[0].write(found[1], made)
            if isinstance(made, bytes):
                return made
            back = found[0].read(found[1]) if found is not None else None
            if back is None:  # not kept: made again, as one
                again = build()
                back = again if isinstance(again, bytes) else b"".join(again)
            return back
        return keep

    def keep_briefs(self) -> None:
        """Store the briefs of the data loaded (:mod:`reecal.formats.briefs`) in the
        cache, unless they are there: the next ``upcoming`` or ``deadlines`` reads them
        there rather than loading the data (:mod:`reecal.cli.fast`)."""
        from reecal.cli.dirs import BRIEFS

        found = self._entry(BRIEFS)
        if found is not None and not found[0].has(found[1]):
            from reecal.formats.briefs import briefs, pack

            found[0].put_values(found[1], pack(briefs(self.dataset)))

    def _entry(self, kind: str) -> tuple[Cache, str] | None:
        """The cache and its entry of *kind* for the data loaded; None without a cache."""
        from reecal.cli.dirs import data_entry

        self.dataset  # noqa: B018 (loaded, so that the cache knows its key)
        cache = self.cache
        if cache is None or cache.looked_up is None:
            return None
        return cache, data_entry(cache.looked_up, kind)

    def selected(self, flt: Filter, *, estimated: bool = False) -> Dataset:
        """The records *flt* selects, with the estimated editions it would hold when
        *estimated* (as of :attr:`now`)."""
        ds = self.dataset.select(flt)
        return ds.with_estimates(self.now) if estimated else ds


def _bad(message: str, option: str) -> Exception:
    """click's error for a bad *option* (click is imported when something is wrong: the
    settings are read on :mod:`reecal.cli.fast`'s path, which does without it)."""
    import click

    return click.BadParameter(message, param_hint=repr(option))


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


def wall_clock() -> datetime:
    """The moment of publishing, for ``export`` and ``site build``: the machine's clock,
    never ``--today`` (the day a view is computed for).  Tests replace it."""
    return datetime.now(UTC)


def settings() -> Settings:
    """The current command's settings."""
    import click

    obj = click.get_current_context().find_object(Settings)
    assert obj is not None
    return obj
