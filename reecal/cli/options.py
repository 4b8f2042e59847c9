"""The options many commands share, defined once."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from reecal.query.filter import Filter

__all__ = ["CONTEXT_SETTINGS", "FORMATS", "KINDS", "STATUSES", "filter_options", "format_option",
           "make_filter"]

F = TypeVar("F", bound=Callable[..., Any])
FORMATS = ("text", "json", "csv", "ics")
# The values of reecal.model.enums.Kind and Status, spelt out so that `reecal --help`
# need not import the enums (a test checks they agree).
KINDS = ("conference", "forum", "exhibition", "visit", "meeting", "programme")
STATUSES = ("confirmed", "tentative", "postponed", "cancelled")
CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


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


def make_filter(kinds: tuple[str, ...] = (), tags: tuple[str, ...] = (),
                orgs: tuple[str, ...] = (), places: tuple[str, ...] = (),
                statuses: tuple[str, ...] = (), series: tuple[str, ...] = (),
                **extra: Any) -> Filter:
    """The library's Filter for the values of :func:`filter_options` (and *extra*)."""
    from reecal.query.filter import Filter

    return Filter(kinds=kinds, tags=tags, orgs=orgs, places=places, statuses=statuses,
                  series=series, **extra)
