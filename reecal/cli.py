"""The ``reecal`` command line: a thin layer over the library.

Each command parses its options, calls a library query, and prints the rows that
:mod:`reecal.render` makes of the result.  Errors are one line on stderr: exit 1 for
bad data, a broken feed or lint findings, 2 for a usage error.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any, TypeVar

import click

from ._version import __version__
from .errors import ReecalError

F = TypeVar("F", bound=Callable[..., Any])
FORMATS = ("text", "json", "csv", "ics")
# The values of reecal.enums.Kind and Status, spelt out so that `reecal --help` need
# not import the enums (a test checks they agree).
KINDS = ("conference", "forum", "exhibition", "visit", "meeting", "programme")
STATUSES = ("confirmed", "tentative", "postponed", "cancelled")
CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class Settings:
    """What the group options decided, handed to every command."""

    def __init__(self, today: str | None, tz: str | None, data: tuple[str, ...],
                 bundled: bool, fmt: str | None) -> None:
        self.today_raw = today
        self.tz_name = tz or _system_zone()
        self.data = data
        self.bundled = bundled
        self.fmt = fmt

    @functools.cached_property
    def tz(self) -> tzinfo:
        from .zones import zone

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
        from .errors import FieldError
        from .model import check_year

        try:
            if len(raw) == 10:
                d = date.fromisoformat(raw)
                dt = datetime(d.year, d.month, d.day)
            else:
                dt = datetime.fromisoformat(raw)
        except ValueError:
            raise click.BadParameter(f"{raw!r} is not a date (YYYY-MM-DD) or ISO date-time",
                                     param_hint="'--today'") from None
        try:
            check_year("--today", dt.date())
        except FieldError as exc:
            raise click.BadParameter(exc.message, param_hint="'--today'") from None
        return dt.astimezone(self.tz) if dt.tzinfo else dt.replace(tzinfo=self.tz)

    @functools.cached_property
    def dataset(self) -> Any:
        from .loader import load

        if not self.bundled and not self.data:
            raise click.UsageError("--no-bundled needs at least one --data PATH")
        return load(self.data, bundled=self.bundled)


def _system_zone() -> str:
    """The machine's IANA zone name: $TZ, /etc/localtime's target, or UTC."""
    from .zones import is_valid_zone

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


def _settings() -> Settings:
    obj = click.get_current_context().find_object(Settings)
    assert obj is not None
    return obj


# --------------------------------------------------------------------------- shared options


def filter_options(f: F) -> F:
    """--kind --tag --org --place --status --series: the one filter language."""
    opts = [
        click.option("--kind", "kinds", multiple=True,
                     type=click.Choice(KINDS), help="Kind of record."),
        click.option("--tag", "tags", multiple=True, help="Topic tag, e.g. magnets."),
        click.option("--org", "orgs", multiple=True,
                     help="Organiser, host or sponsor: id, short name or part of the name."),
        click.option("--place", "places", multiple=True,
                     help="Part of the venue, city, region or country."),
        click.option("--status", "statuses", multiple=True,
                     type=click.Choice(STATUSES), help="Record status."),
        click.option("--series", "series", multiple=True, help="Series id or part of its name."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def format_option(*choices: str) -> Callable[[F], F]:
    def deco(f: F) -> F:
        return click.option("--format", "fmt", type=click.Choice(list(choices)), default=None,
                            help=f"Output format (default: text). One of {', '.join(choices)}."
                            )(f)
    return deco


def _filter(kinds: tuple[str, ...] = (), tags: tuple[str, ...] = (), orgs: tuple[str, ...] = (),
            places: tuple[str, ...] = (), statuses: tuple[str, ...] = (),
            series: tuple[str, ...] = (), **extra: Any) -> Any:
    from .dataset import Filter

    return Filter(kinds=kinds, tags=tags, orgs=orgs, places=places, statuses=statuses,
                  series=series, **extra)


def _fmt(fmt: str | None) -> str:
    return fmt or _settings().fmt or "text"


def _color() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _max_width() -> int | None:
    if sys.stdout.isatty() or os.environ.get("COLUMNS"):
        import shutil

        return shutil.get_terminal_size((100, 24)).columns
    return None


def _emit(text: str) -> None:
    click.echo(text)


def _emit_ics(records: Any, name: str, parts: tuple[str, ...]) -> None:
    from .ics import build_calendar, to_ics

    s = _settings()
    cal = build_calendar(records, name=name, parts=parts, ds=s.dataset)
    sys.stdout.buffer.write(to_ics(cal))
    sys.stdout.flush()


# --------------------------------------------------------------------------- the group


class ReecalGroup(click.Group):
    """Every error ends as one line on stderr and an exit code: 1 for bad data, a
    broken feed or a failed write, 2 for a usage error.  Never a traceback."""

    def main(self, args: Any = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             **extra: Any) -> Any:
        code = 0
        try:
            rv = super().main(args, prog_name or "reecal", complete_var,
                              standalone_mode=False, **extra)
            code = rv if isinstance(rv, int) else 0
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
            click.echo(f"reecal: usage error: {' '.join(exc.format_message().split())}{hint}",
                       err=True)
            code = 2
        except click.exceptions.Abort:
            click.echo("reecal: aborted", err=True)
            code = 1
        except click.ClickException as exc:
            click.echo(f"reecal: error: {' '.join(exc.format_message().split())}", err=True)
            code = exc.exit_code
        except ReecalError as exc:
            click.echo(f"reecal: error: {exc}", err=True)
            code = 1
        except BrokenPipeError:
            _quiet_stdout()
            code = 0
        except KeyboardInterrupt:
            code = 130
        except Exception as exc:  # a bug: still one line, unless asked for the traceback
            if os.environ.get("REECAL_DEBUG"):
                raise
            click.echo(f"reecal: internal error: {type(exc).__name__}: "
                       f"{' '.join(str(exc).split())} (please report it; "
                       "REECAL_DEBUG=1 shows the traceback)", err=True)
            code = 1
        if standalone_mode:
            sys.exit(code)
        return code


@click.group(cls=ReecalGroup, context_settings=CONTEXT_SETTINGS, epilog="""\b
Examples:
  reecal upcoming --days 30
  reecal deadlines --tz Europe/Berlin
  reecal --today 2025-11-12 deadlines --format json
  reecal list --kind conference --tag magnets --format ics > magnets.ics

Shell completion (bash): eval "$(_REECAL_COMPLETE=bash_source reecal)"
(zsh: zsh_source, fish: fish_source).""")
@click.version_option(__version__, "--version", prog_name="reecal")
@click.option("--today", envvar="REECAL_TODAY", metavar="DATE",
              help="Pretend it is this date (YYYY-MM-DD) or instant; env REECAL_TODAY.")
@click.option("--tz", metavar="ZONE", envvar="REECAL_TZ",
              help="Time zone for display (IANA name); default: the system's zone.")
@click.option("--data", multiple=True, metavar="PATH", envvar="REECAL_DATA",
              type=click.Path(), help="Add your own TOML file or directory (repeatable); "
              "env REECAL_DATA, separated by ':'.")
@click.option("--no-bundled", is_flag=True, help="Leave out the bundled dataset.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Default output format for the listing commands.")
@click.pass_context
def main(ctx: click.Context, today: str | None, tz: str | None, data: tuple[str, ...],
         no_bundled: bool, fmt: str | None) -> None:
    """The rare-earth industry's calendar: conferences, forums, visits and deadlines.

    Every date comes from a cited source; inferred years and unpublished times are
    said as such.
    """
    ctx.obj = Settings(today, tz, data, not no_bundled, fmt)


# --------------------------------------------------------------------------- commands


@main.command(context_settings=CONTEXT_SETTINGS, epilog="""\b
Examples:
  reecal upcoming
  reecal upcoming --days 365 --kind conference
  reecal --today 2026-05-01 upcoming --until 2026-05-31 --format json""")
@click.option("--days", type=click.IntRange(0, 36600), default=None,
              help="How many days ahead (default 90).")
@click.option("--until", "until", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Last day to include (YYYY-MM-DD), instead of --days.")
@filter_options
@format_option(*FORMATS)
def upcoming(days: int | None, until: datetime | None, fmt: str | None, **flt: Any) -> None:
    """Event starts, ongoing events and windows opening or closing, soonest first."""
    from . import render

    if days is not None and until is not None:
        raise click.UsageError("give --days or --until, not both")
    s = _settings()
    ds = s.dataset.select(_filter(**flt))
    now = s.now
    if until is not None and until.date() < now.date():
        raise click.BadParameter(f"{until.date()} is before today ({now.date()})",
                                 param_hint="'--until'")
    horizon = until.date() if until else now.date() + timedelta(days=90 if days is None
                                                                 else days)
    items = ds.upcoming(now, until=horizon, tz=s.tz)
    rows = render.upcoming_rows(items, now, s.tz)
    out = _fmt(fmt)
    if out == "json":
        _emit(render.to_json({"now": now.isoformat(), "tz": s.tz_name,
                              "until": horizon.isoformat(), "items": rows}))
    elif out == "csv":
        click.echo(render.to_csv(rows, render.UPCOMING_FIELDS), nl=False)
    elif out == "ics":
        seen = list(dict.fromkeys(i.record.id for i in items))
        _emit_ics([ds.get(r) for r in seen], "reecal: upcoming", ("event", "opens", "closes"))
    elif rows:
        _emit(render.upcoming_table(rows, _upcoming_columns(), max_width=_max_width(),
                                    color=_color()))
    else:
        _emit(_nothing(ds, now, horizon, s.tz))


def _nothing(ds: Any, now: datetime, horizon: date, tz: tzinfo) -> str:
    from .timefmt import day, span

    before, after = ds.nearest(now, horizon, tz=tz)
    past = {"starts": "started", "opens": "opened", "closes": "closed"}
    lines = [f"Nothing between {day(now.date())} and {day(horizon)}."]
    for label, item in (("Last", before), ("Next", after)):
        if item is None:
            lines.append(f"{label}: none known.")
            continue
        at = item.at or datetime(item.day.year, item.day.month, item.day.day, tzinfo=tz)
        gap = span(at - now)
        verb = item.reason.value if at >= now else past.get(item.reason.value, "")
        rel = f"{gap} ago" if at < now else f"in {gap}"
        lines.append(f"{label}: {item.record.title} [{item.record.id}] {verb} "
                     f"{day(item.day)} ({rel}).")
    if after is not None:
        lines.append("Widen the window with --days N or --until DATE.")
    return "\n".join(lines)


@main.command(context_settings=CONTEXT_SETTINGS, epilog="""\b
Examples:
  reecal deadlines
  reecal --today 2025-11-12 --tz Europe/Berlin deadlines
  reecal deadlines --format ics > deadlines.ics""")
@filter_options
@format_option(*FORMATS)
def deadlines(fmt: str | None, **flt: Any) -> None:
    """Application windows: open, not yet open or closed, and the time left.

    The closing instant is shown in the organiser's zone and in yours; a deadline
    published as a date alone is the end of that day, and is marked so.
    """
    from . import render

    s = _settings()
    ds = s.dataset.select(_filter(**flt))
    now = s.now
    found = ds.deadlines(now)
    rows = render.deadline_rows(found, now, s.tz)
    out = _fmt(fmt)
    if out == "json":
        _emit(render.to_json({"now": now.isoformat(), "tz": s.tz_name, "deadlines": rows}))
    elif out == "csv":
        click.echo(render.to_csv(rows, render.DEADLINE_FIELDS), nl=False)
    elif out == "ics":
        _emit_ics([d.record for d in found], "reecal: deadlines", ("opens", "closes"))
    elif rows:
        _emit(render.deadline_table(rows, _deadline_columns(), max_width=_max_width(),
                                    color=_color()))
    else:
        _emit("No application windows match.")


def _listing(fmt: str | None, past: bool, text: str | None, flt: dict[str, Any]) -> None:
    from . import render

    s = _settings()
    extra: dict[str, Any] = {}
    if text is not None:
        extra["text"] = text
    if not past:
        extra["start"] = s.now.date()
    ds = s.dataset.select(_filter(**flt, **extra))
    records = list(ds)
    out = _fmt(fmt)
    if out == "json":
        _emit(render.to_json({"records": [render.record_dict(r, s.dataset) for r in records]}))
    elif out == "csv":
        click.echo(render.to_csv(render.record_rows(records), render.RECORD_FIELDS), nl=False)
    elif out == "ics":
        _emit_ics(records, "reecal: selection", ("event", "opens", "closes"))
    elif records:
        _emit(render.table(render.record_rows(records), _list_columns(), max_width=_max_width()))
    else:
        _emit("No records match." + ("" if past else " (Past records are hidden: add --past.)"))


@main.command("list", context_settings=CONTEXT_SETTINGS, epilog="""\b
Examples:
  reecal list
  reecal list --no-past --kind conference
  reecal list --org CRES --format csv""")
@click.option("--past/--no-past", default=True, show_default=True,
              help="Include records that have ended.")
@filter_options
@format_option(*FORMATS)
def list_(fmt: str | None, past: bool, **flt: Any) -> None:
    """Every record that matches the filters, in date order."""
    _listing(fmt, past, None, flt)


@main.command(context_settings=CONTEXT_SETTINGS, epilog="""\b
Examples:
  reecal search youth
  reecal search 包头
  reecal search forum --no-past --format json""")
@click.argument("text")
@click.option("--past/--no-past", default=True, show_default=True,
              help="Include records that have ended.")
@filter_options
@format_option(*FORMATS)
def search(text: str, fmt: str | None, past: bool, **flt: Any) -> None:
    """Records whose title, Chinese title or alias contains TEXT (any case)."""
    _listing(fmt, past, text, flt)


@main.command(context_settings=CONTEXT_SETTINGS, epilog="""\b
Examples:
  reecal show cast-doctoral-talent-2025
  reecal show baotou-rare-earth-forum-15 --format json""")
@click.argument("record_id", metavar="ID")
@format_option("text", "json", "ics")
def show(record_id: str, fmt: str | None) -> None:
    """One record in full: dates and their certainty, places, organisers, sources."""
    from . import render

    s = _settings()
    r = s.dataset.get(record_id)
    out = _fmt(fmt)
    if out == "json":
        _emit(render.to_json(render.record_dict(r, s.dataset)))
    elif out == "ics":
        _emit_ics([r], f"reecal: {r.id}", ("event", "opens", "closes"))
    elif out == "csv":
        raise click.UsageError("show has no csv format; use list --format csv")
    else:
        _emit(render.show_text(r, s.dataset))


@main.command(context_settings=CONTEXT_SETTINGS, epilog="""\b
Examples:
  reecal export                 # rewrite calendars/ from the records
  reecal export --check         # exit 1 if calendars/ is stale
  reecal export --out /srv/www/calendars --base-url https://example.org/calendars""")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="calendars",
              show_default=True, help="Directory of the feeds.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 naming each stale file.")
@click.option("--base-url", metavar="URL", default=None,
              help="Where the feeds are published (env REECAL_BASE_URL).")
def export(out_dir: str, check: bool, base_url: str | None) -> None:
    """Write the published feeds (all, events, deadlines, deadlines-alerts) atomically."""
    from pathlib import Path

    from . import feeds

    out = Path(out_dir)
    s = _settings()
    if check:
        stale = feeds.check(s.dataset, out, base=base_url)
        if stale:
            raise ReecalError(f"stale in {out}: {', '.join(stale)} (run 'reecal export')")
        click.echo(f"{out}: {len(feeds.FEEDS)} feeds up to date")
        return
    changed = feeds.write(s.dataset, out, base=base_url)
    click.echo(f"{out}: wrote {', '.join(changed)}" if changed else f"{out}: already up to date")


@main.command(context_settings=CONTEXT_SETTINGS, epilog="""\b
Examples:
  reecal lint calendars/*.ics
  reecal lint --format json downloaded.ics""")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@format_option("text", "json")
def lint(files: tuple[str, ...], fmt: str | None) -> None:
    """Check .ics files for defects that parsers let through (exit 1 if any)."""
    from . import render
    from .lint import lint_path

    found = [f for name in files for f in lint_path(name)]
    if _fmt(fmt) == "json":
        _emit(render.to_json([f.as_dict() for f in found]))
    else:
        for f in found:
            click.echo(str(f))
    if found:
        click.get_current_context().exit(1)


# --------------------------------------------------------------------------- columns


def _upcoming_columns() -> tuple[Any, ...]:
    from .render import Column

    return (Column("when", "DATE"), Column("countdown", "WHEN"), Column("kind", "KIND"),
            Column("_title", "TITLE", flexible=True), Column("place", "PLACE", flexible=True))


def _deadline_columns() -> tuple[Any, ...]:
    from .render import Column

    return (Column("state", "STATE"), Column("countdown", "WHEN"),
            Column("closes_text", "CLOSES (ORGANISER)"), Column("mark", ""),
            Column("closes_local_text", "CLOSES (YOU)"), Column("_title", "TITLE", flexible=True))


def _list_columns() -> tuple[Any, ...]:
    from .render import Column

    return (Column("dates", "DATES"), Column("kind", "KIND"), Column("id", "ID", flexible=True),
            Column("_title", "TITLE", flexible=True), Column("place", "PLACE", flexible=True))


# --------------------------------------------------------------------------- entry point


def _quiet_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def entry() -> None:
    """The console script: ``reecal``."""
    main()
