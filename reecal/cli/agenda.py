"""``reecal upcoming`` and ``reecal deadlines``: what is coming, which windows close."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
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
    from reecal.formats import rows, terminal

    if days is not None and until is not None:
        raise click.UsageError("give --days or --until, not both")
    s = settings()
    ds = s.dataset.select(make_filter(**flt))
    now = s.now
    if until is not None and until.date() < now.date():
        raise click.BadParameter(f"{until.date()} is before today ({now.date()})",
                                 param_hint="'--until'")
    horizon = until.date() if until else now.date() + timedelta(days=90 if days is None
                                                                 else days)
    items = ds.upcoming(now, until=horizon, tz=s.tz)
    found = rows.upcoming_rows(items, now, s.tz)

    def text() -> str:
        if not found:
            return _nothing(ds, now, horizon, s.tz)
        columns = (terminal.Column("when", "DATE"), terminal.Column("countdown", "WHEN"),
                   terminal.Column("kind", "KIND"),
                   terminal.Column("_title", "TITLE", flexible=True),
                   terminal.Column("place", "PLACE", flexible=True))
        return terminal.upcoming_table(found, columns, max_width=max_width(), color=color())

    emit(fmt, text=text,
         json=lambda: {"now": now.isoformat(), "tz": s.tz_name, "until": horizon.isoformat(),
                       "items": found},
         csv=lambda: (found, rows.UPCOMING_FIELDS),
         ics=feed_of([ds.get(r) for r in dict.fromkeys(i.record.id for i in items)],
                     "reecal: upcoming"))


def _nothing(ds: Dataset, now: datetime, horizon: date, tz: tzinfo) -> str:
    """What to say when nothing falls in the window: the nearest items either side."""
    from reecal.formats.words import day, span

    before, after = ds.nearest(now, horizon, tz=tz)
    past = {"starts": "started", "opens": "opened", "closes": "closed"}
    lines = [f"Nothing between {day(now.date())} and {day(horizon)}."]
    for label, item in (("Last", before), ("Next", after)):
        if item is None:
            lines.append(f"{label}: none known.")
            continue
        delta = item.delta(now)
        verb = item.reason.value if delta >= timedelta(0) else past.get(item.reason.value, "")
        rel = f"{span(delta)} ago" if delta < timedelta(0) else f"in {span(delta)}"
        lines.append(f"{label}: {item.record.title} [{item.record.id}] {verb} "
                     f"{day(item.day)} ({rel}).")
    if after is not None:
        lines.append("Widen the window with --days N or --until DATE.")
    return "\n".join(lines)


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
    from reecal.formats import rows, terminal

    s = settings()
    ds = s.dataset.select(make_filter(**flt))
    now = s.now
    found = ds.deadlines(now)
    shown = rows.deadline_rows(found, now, s.tz)

    def text() -> str:
        if not shown:
            return "No application windows match."
        columns = (terminal.Column("state", "STATE"), terminal.Column("countdown", "WHEN"),
                   terminal.Column("closes_text", "CLOSES (ORGANISER)"),
                   terminal.Column("mark", ""),
                   terminal.Column("closes_local_text", "CLOSES (YOU)"),
                   terminal.Column("_title", "TITLE", flexible=True))
        return terminal.deadline_table(shown, columns, max_width=max_width(), color=color())

    emit(fmt, text=text,
         json=lambda: {"now": now.isoformat(), "tz": s.tz_name, "deadlines": shown},
         csv=lambda: (shown, rows.DEADLINE_FIELDS),
         ics=feed_of([d.record for d in found], "reecal: deadlines", ("opens", "closes")))
