"""The options many commands share, defined once."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from reecal.cli.complete import (
    TYPED,
    complete_orgs,
    complete_places,
    complete_series,
    complete_tags,
    complete_zones,
)

if TYPE_CHECKING:
    from reecal.query.filter import Filter

__all__ = ["CONTEXT_SETTINGS", "CRITERIA", "FORMATS", "KINDS", "STATUSES", "estimated_option",
           "filter_options",
           "format_option", "make_filter", "setting_options"]

F = TypeVar("F", bound=Callable[..., Any])
FORMATS = ("text", "json", "csv", "ics")
# The values of reecal.model.enums.Kind and Status, spelt out so that `reecal --help`
# need not import the enums (a test checks they agree).
KINDS = ("conference", "forum", "exhibition", "visit", "meeting", "programme")
STATUSES = ("confirmed", "tentative", "postponed", "cancelled")
CRITERIA = ("kinds", "tags", "orgs", "series", "places")  # reecal.query.facets.FIELDS
CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


# The group's options, which every command that uses them also takes after its name:
# (name, declaration, keyword arguments, what the help says of the environment).
_SETTINGS: tuple[tuple[str, str, dict[str, Any], str], ...] = (
    ("today", "--today", {"metavar": "DATE", "help": "Pretend it is this day or instant: "
                          "2026-05-01, 2026-05-01T09:30+08:00, today, tomorrow, +30d, 2026-05."},
     "REECAL_TODAY"),
    ("tz", "--tz", {"metavar": "ZONE", "shell_complete": complete_zones,
                    "help": "Time zone for display (IANA name, or AoE); default: the system's "
                            "zone."}, "REECAL_TZ"),
    ("data", "--data", {"multiple": True, "metavar": "PATH", "type": click.Path(),
                        "help": "Add your own TOML file or directory (repeatable)."},
     "REECAL_DATA, separated by ':'"),
    ("no_bundled", "--no-bundled", {"is_flag": True,
                                    "help": "Leave out the bundled dataset."}, ""),
)


def setting_options(*, group: bool = False) -> Callable[[F], F]:
    """--today --tz --data --no-bundled: on the group (read from the environment too),
    and on each command that uses them, where a value given after the command's name
    overrides the group's (a --data adds to the group's)."""
    def deco(f: F) -> F:
        for name, decl, kw, env in reversed(_SETTINGS):
            note = f" Env {env}." if env else ""
            if group:
                f = click.option(decl, name, envvar=env.split(",")[0] or None,
                                 **{**kw, "help": kw["help"] + note})(f)
            else:
                f = click.option(decl, name, expose_value=False, callback=_override,
                                 **{**kw, "help": kw["help"] + " Also before the command."
                                    + note})(f)
        return f
    return deco


def _override(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    """A group option given after the command: it replaces the group's value."""
    if value in (None, (), False):
        return
    if ctx.resilient_parsing:  # completing: no Settings; complete.py reads these
        ctx.meta.setdefault(TYPED, {})[param.name] = value
        return
    from reecal.cli.settings import Settings

    s = ctx.find_object(Settings)
    assert s is not None and param.name is not None
    group = ctx.parent
    given = group is not None and group.get_parameter_source("data") is (
        click.core.ParameterSource.COMMANDLINE)
    s.override(param.name, value, added=given)


def filter_options(f: F) -> F:
    """--kind --tag --org --place --status --series: the one filter language."""
    opts = [
        click.option("--kind", "kinds", multiple=True,
                     type=click.Choice(KINDS, case_sensitive=False), help="Kind of record."),
        click.option("--tag", "tags", multiple=True, help="Topic tag, e.g. magnets.",
                     shell_complete=complete_tags),
        click.option("--org", "orgs", multiple=True, shell_complete=complete_orgs,
                     help="Organiser, host or sponsor: id, short name or part of the name."),
        click.option("--place", "places", multiple=True, shell_complete=complete_places,
                     help="Part of the venue, city, region or country."),
        click.option("--status", "statuses", multiple=True,
                     type=click.Choice(STATUSES, case_sensitive=False), help="Record status."),
        click.option("--series", "series", multiple=True, shell_complete=complete_series,
                     help="Series id or part of its name."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def estimated_option(f: F) -> F:
    """--estimated: add the estimated next editions of series (reecal.query.estimates)."""
    return click.option("--estimated", is_flag=True, default=False,
                        help="Add estimated next editions of series whose cadence is known "
                             "(labelled \"estimated\").")(f)


def format_option(*choices: str) -> Callable[[F], F]:
    def deco(f: F) -> F:
        return click.option("--format", "fmt", default=None,
                            type=click.Choice(list(choices), case_sensitive=False),
                            help=f"Output format (default: text). One of {', '.join(choices)}."
                            )(f)
    return deco


def make_filter(kinds: tuple[str, ...] = (), tags: tuple[str, ...] = (),
                orgs: tuple[str, ...] = (), places: tuple[str, ...] = (),
                statuses: tuple[str, ...] = (), series: tuple[str, ...] = (),
                **extra: Any) -> Filter:
    """The library's Filter for the values of :func:`filter_options` (and *extra*)."""
    from reecal.query.filter import Filter

    return Filter(kinds=kinds, tags=tags, orgs=orgs, places=places, statuses=statuses,
                  series=series, **extra)
