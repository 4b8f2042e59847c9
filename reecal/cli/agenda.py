"""``reecal upcoming`` and ``reecal deadlines``: what is coming, which windows close."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

import click

from reecal.cli.options import CONTEXT_SETTINGS, FORMATS, filter_options, format_option, make_filter
from reecal.cli.output import color, emit, feed_of, max_width
from reecal.cli.settings import settings

if TYPE_CHECKING:
    from reecal.query.dataset import Dataset

__all__ = ["deadlines", "upcoming"]


@click.command(context_settings=CONTEXT_SETTINGS, epilog="""\b
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
    from reecal.errors import FieldError
    from reecal.formats import reports, rows, terminal

    s = settings()
    ds = s.dataset.select(make_filter(**flt))
    now = s.now
    try:
        horizon = reports.horizon(now, days, until.date() if until else None)
    except FieldError as exc:
        raise click.BadParameter(exc.message, param_hint="'--until'") from None
    report = reports.upcoming(ds, now, s.tz_name, horizon)

    def text() -> str:
        if not report.rows:
            return _nothing(ds, now, horizon, s.tz)
        return terminal.upcoming_text(report.rows, max_width=max_width(), color=color())

    emit(fmt, text=text, json=lambda: report.json,
         csv=lambda: (report.rows, rows.UPCOMING_FIELDS),
         ics=feed_of(report.records, "reecal: upcoming"))


def _nothing(ds: Dataset, now: datetime, horizon: date, tz: tzinfo) -> str:
    """What to say when nothing falls in the window: the nearest items either side."""
    from reecal.formats.reports import nothing

    return "\n".join(nothing(ds, now, horizon, tz,
                             widen="Widen the window with --days N or --until DATE."))


@click.command(context_settings=CONTEXT_SETTINGS, epilog="""\b
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
    from reecal.formats import reports, rows, terminal

    s = settings()
    report = reports.deadlines(s.dataset.select(make_filter(**flt)), s.now, s.tz_name)

    def text() -> str:
        if not report.rows:
            return "No application windows match."
        return terminal.deadlines_text(report.rows, max_width=max_width(), color=color())

    emit(fmt, text=text, json=lambda: report.json,
         csv=lambda: (report.rows, rows.DEADLINE_FIELDS),
         ics=feed_of(report.records, "reecal: deadlines", ("opens", "closes")))
