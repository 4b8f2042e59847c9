"""``reecal list``, ``search`` and ``show``: the records themselves."""

from __future__ import annotations

from typing import Any

import click

from reecal.cli.options import CONTEXT_SETTINGS, FORMATS, filter_options, format_option, make_filter
from reecal.cli.output import emit, feed_of, max_width
from reecal.cli.settings import settings

__all__ = ["list_", "search", "show"]


def _listing(fmt: str | None, past: bool, text: str | None, flt: dict[str, Any]) -> None:
    from reecal.formats import reports, rows, terminal

    s = settings()
    extra: dict[str, Any] = {}
    if text is not None:
        extra["text"] = text
    if not past:
        extra["start"] = s.now.date()
    report = reports.listing(s.dataset, list(s.dataset.select(make_filter(**flt, **extra))))

    def table() -> str:
        if not report.rows:
            return "No records match." + ("" if past else " (Past records are hidden: add "
                                                           "--past.)")
        return terminal.listing_text(report.rows, max_width=max_width())

    emit(fmt, text=table, json=lambda: report.json,
         csv=lambda: (report.rows, rows.RECORD_FIELDS),
         ics=feed_of(report.records, "reecal: selection"))


@click.command("list", context_settings=CONTEXT_SETTINGS, epilog="""\b
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


@click.command(context_settings=CONTEXT_SETTINGS, epilog="""\b
Examples:
  reecal search youth
  reecal search tungsten
  reecal search forum --no-past --format json""")
@click.argument("text")
@click.option("--past/--no-past", default=True, show_default=True,
              help="Include records that have ended.")
@filter_options
@format_option(*FORMATS)
def search(text: str, fmt: str | None, past: bool, **flt: Any) -> None:
    """Records whose title, Chinese title or alias contains TEXT (any case)."""
    _listing(fmt, past, text, flt)


@click.command(context_settings=CONTEXT_SETTINGS, epilog="""\b
Examples:
  reecal show cast-doctoral-talent-2025
  reecal show baotou-rare-earth-forum-15 --context 1
  reecal show baotou-rare-earth-forum-15 --format json""")
@click.argument("record_id", metavar="ID")
@click.option("--context", type=click.IntRange(0, 20), metavar="N",
              help="Show each quote in its document: the paragraph that holds it and N "
                   "paragraphs either side.")
@format_option("text", "json", "ics")
def show(record_id: str, fmt: str | None, context: int | None) -> None:
    """One record in full: dates and their certainty, places, organisers, sources."""
    from reecal.formats import rows, terminal

    s = settings()
    r = s.dataset.get(record_id)

    def as_json() -> dict[str, Any]:
        data = rows.record_dict(r, s.dataset)
        if context is not None:
            data["passages"] = rows.passages(r, context)
        return data

    emit(fmt, text=lambda: terminal.show_text(r, s.dataset, context, max_width=max_width()),
         json=as_json, ics=feed_of([r], f"reecal: {r.id}"))
