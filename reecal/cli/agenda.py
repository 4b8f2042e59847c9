"""``reecal upcoming`` and ``reecal deadlines``: what is coming, which windows close."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

import click

from reecal.cli.options import (
    CONTEXT_SETTINGS,
    FORMATS,
    estimated_option,
    filter_options,
    format_option,
    make_filter,
    setting_options,
)
from reecal.cli.output import color, emit, feed_of, max_width, near_misses
from reecal.cli.settings import settings

if TYPE_CHECKING:
    from reecal.query.dataset import Dataset

__all__ = ["deadlines", "upcoming"]

STATES = ("not-yet-open", "open", "closed")
"""The states of an application window (reecal.query.agenda.State; a test checks)."""


@click.command(context_settings=CONTEXT_SETTINGS, epilog="""\b
Examples:
  reecal upcoming
  reecal upcoming --days 365 --kind conference
  reecal upcoming --today 2026-05-01 --until 2026-05 --format json
  reecal upcoming --today 2026-05-01 --until +30d --tag magnets
  reecal upcoming --today 2027-06-01 --estimated""")
@click.option("--days", type=click.IntRange(0, 36600), default=None,
              help="How many days ahead (default 90).")
@click.option("--until", "until", metavar="DATE", default=None,
              help="Last day to include, instead of --days: 2026-05-31, 2026-05 (its last "
                   "day), +30d, tomorrow.")
@filter_options
@estimated_option
@format_option(*FORMATS)
@setting_options()
def upcoming(days: int | None, until: str | None, fmt: str | None, estimated: bool,
             **flt: Any) -> None:
    """Event starts, ongoing events and windows opening or closing, soonest first."""
    from reecal.errors import FieldError
    from reecal.formats import reports, rows, terminal

    s = settings()
    selection = make_filter(**flt)
    ds = s.selected(selection, estimated=estimated)
    now = s.now
    last = s.day(until, "--until", end=True) if until else None
    try:
        horizon = reports.horizon(now, days, last)
    except FieldError as exc:
        raise click.BadParameter(exc.message, param_hint="'--until'") from None
    report = reports.upcoming(ds, now, s.tz_name, horizon)
    s.keep_briefs()  # for the next time (reecal.cli.fast)

    def text() -> str:
        if not report.rows:
            said = [*near_misses(selection), *_nothing(ds, now, horizon, s.tz)]
            return terminal.notice_text(said, max_width=max_width())
        return terminal.upcoming_text(report.rows, max_width=max_width(), color=color())

    emit(fmt, text=text, json=lambda: report.json,
         csv=lambda: (report.rows, rows.UPCOMING_FIELDS),
         ics=feed_of(report.records, "reecal: upcoming"))


def _nothing(ds: Dataset, now: datetime, horizon: date, tz: tzinfo) -> list[str]:
    """What to say when nothing falls in the window: the nearest items either side."""
    from reecal.formats.reports import nothing

    return nothing(ds, now, horizon, tz, widen="Widen the window with --days N or --until DATE.",
                   estimates="add --estimated to list it")


@click.command(context_settings=CONTEXT_SETTINGS, epilog="""\b
Examples:
  reecal deadlines
  reecal --today 2025-11-12 --tz Europe/Berlin deadlines
  reecal deadlines --state open --state not-yet-open
  reecal deadlines --format ics > deadlines.ics
  reecal deadlines --estimated --state not-yet-open""")
@click.option("--state", "states", multiple=True, type=click.Choice(STATES, case_sensitive=False),
              help="Only windows in this state (repeatable).")
@filter_options
@estimated_option
@format_option(*FORMATS)
@setting_options()
def deadlines(fmt: str | None, states: tuple[str, ...], estimated: bool, **flt: Any) -> None:
    """Application windows: open, not yet open or closed, and the time left.

    The closing instant is shown in the organiser's zone and in yours; a deadline
    published as a date alone is the end of that day, and is marked so.
    """
    from reecal.formats import reports, rows, terminal

    s = settings()
    selection = make_filter(**flt)
    report = reports.deadlines(s.selected(selection, estimated=estimated), s.now, s.tz_name,
                               states)
    s.keep_briefs()  # for the next time (reecal.cli.fast)

    def text() -> str:
        if not report.rows:
            said = f" {' or '.join(states)}" if states else ""
            return terminal.notice_text([f"No{said} application windows match.",
                                         *near_misses(selection)], max_width=max_width())
        return terminal.deadlines_text(report.rows, max_width=max_width(), color=color())

    emit(fmt, text=text, json=lambda: report.json,
         csv=lambda: (report.rows, rows.DEADLINE_FIELDS),
         ics=feed_of(report.records, "reecal: deadlines", ("opens", "closes")))
