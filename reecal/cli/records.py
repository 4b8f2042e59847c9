"""``reecal list``, ``search`` and ``show``: the records themselves."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from reecal.cli.complete import complete_ids
from reecal.cli.dirs import LIST_ICS, LIST_JSON
from reecal.cli.options import (
    CONTEXT_SETTINGS,
    CRITERIA,
    FORMATS,
    estimated_option,
    filter_options,
    format_option,
    make_filter,
    setting_options,
)
from reecal.cli.output import emit, feed_of, max_width, near_misses
from reecal.cli.settings import settings

if TYPE_CHECKING:
    from reecal.query.dataset import Dataset
    from reecal.query.filter import Filter

__all__ = ["dated_options", "list_", "search", "selection", "show", "values"]


def dated_options(f: Any) -> Any:
    """--since and --until: records whose days overlap that range."""
    f = click.option("--until", metavar="DATE", help="Only records starting by this day: "
                     "2026-12-31, 2026-12 (its last day), +30d.")(f)
    return click.option("--since", metavar="DATE", help="Only records ending on or after "
                        "this day: 2026-01-01, 2026-01, today, -1y.")(f)


def selection(past: bool, text: str | None, flt: dict[str, Any]) -> tuple[Filter, Dataset]:
    """The filter that ``list`` and ``search`` (and ``sync``) make of their options
    (--past, --since, --until, --estimated and :func:`filter_options`), and the records
    it selects."""
    s = settings()
    flt = dict(flt)
    since, until, estimated = flt.pop("since"), flt.pop("until"), flt.pop("estimated")
    extra: dict[str, Any] = {"text": text}
    if since:  # --no-past still hides what ended before today
        first = s.day(since, "--since")
        extra["start"] = first if past else max(first, s.now.date())
    elif not past:
        extra["start"] = s.now.date()
    if until:
        extra["end"] = s.day(until, "--until", end=True)
        if since and extra["end"] < first:
            raise click.BadParameter(f"{until} ends on {extra['end']}, before --since "
                                     f"{since} begins ({first})", param_hint="'--until'")
    chosen = make_filter(**flt, **extra)
    return chosen, s.selected(chosen, estimated=estimated)


def _listing(fmt: str | None, past: bool, text: str | None, flt: dict[str, Any]) -> None:
    from reecal.formats import reports, rows, terminal

    wanted, chosen = selection(past, text, flt)
    report = reports.listing(chosen, list(chosen))

    def table() -> str:
        if not report.rows:
            hidden = "" if past else " (Past records are hidden: add --past.)"
            return terminal.notice_text([f"No records match.{hidden}", *near_misses(wanted)],
                                        max_width=max_width())
        return terminal.listing_text(report.rows, max_width=max_width())

    ics = feed_of(report.records, "reecal: selection")
    every = past and text is None and not any(flt.values())  # every record: the same
    if every:  # bytes until the data or reecal change, kept for reecal.cli.fast
        ics = settings().kept(ics, LIST_ICS)
    emit(fmt, text=table, json=settings().kept(
        lambda: (c.encode() for c in rows.json_chunks(report.json)), LIST_JSON)
        if every else lambda: report.json,
        csv=lambda: (report.rows, rows.RECORD_FIELDS), ics=ics)


@click.command("list", context_settings=CONTEXT_SETTINGS, epilog="""\b
Examples:
  reecal list
  reecal list --no-past --kind conference
  reecal list --org CRES --format csv
  reecal list --since 2025-01 --until 2025-06 --kind visit
  reecal list --estimated --series annual""")
@click.option("--past/--no-past", default=True, show_default=True,
              help="Include records that have ended.")
@dated_options
@filter_options
@estimated_option
@format_option(*FORMATS)
@setting_options()
def list_(fmt: str | None, past: bool, **flt: Any) -> None:
    """Every record that matches the filters, in date order."""
    _listing(fmt, past, None, flt)


@click.command(context_settings=CONTEXT_SETTINGS, epilog="""\b
Examples:
  reecal search youth
  reecal search tungsten
  reecal search baotou --kind visit
  reecal search forum --no-past --format json
  reecal search "annual conference" --estimated""")
@click.argument("text")
@click.option("--past/--no-past", default=True, show_default=True,
              help="Include records that have ended.")
@dated_options
@filter_options
@estimated_option
@format_option(*FORMATS)
@setting_options()
def search(text: str, fmt: str | None, past: bool, **flt: Any) -> None:
    """Records whose title, Chinese title, alias, tag, place, organisation or series
    contains TEXT (any case)."""
    _listing(fmt, past, text, flt)


@click.command(context_settings=CONTEXT_SETTINGS, epilog="""\b
Examples:
  reecal show cast-doctoral-talent-2025
  reecal show baotou-rare-earth-forum-15 --context 1
  reecal show baotou-rare-earth-forum-15 --format json""")
@click.argument("record_id", metavar="ID", shell_complete=complete_ids)
@click.option("--context", type=click.IntRange(0, 20), metavar="N",
              help="Show each quote in its document: the paragraph that holds it and N "
                   "paragraphs either side.")
@format_option("text", "json", "ics")
@setting_options()
def show(record_id: str, fmt: str | None, context: int | None) -> None:
    """One record in full: dates and their certainty, places, organisers, sources."""
    from reecal.formats import facts, terminal

    s = settings()
    ds = s.dataset.holding(record_id, s.now)
    r = ds.get(record_id)

    def as_json() -> dict[str, Any]:
        data = facts.record_dict(r, ds)
        if context is not None:
            data["passages"] = facts.passages(r, context, ds)
        return data

    emit(fmt, text=lambda: terminal.show_text(r, ds, context, max_width=max_width()),
         json=as_json, ics=feed_of([r], f"reecal: {r.id}"))


@click.command(context_settings=CONTEXT_SETTINGS, epilog="""\b
Examples:
  reecal values
  reecal values tags
  reecal values places --kind visit --format csv""")
@click.argument("criteria", nargs=-1, metavar="[kinds|tags|orgs|series|places]...",
                type=click.Choice(CRITERIA, case_sensitive=False))
@filter_options
@format_option("text", "json", "csv")
@setting_options()
def values(criteria: tuple[str, ...], fmt: str | None, **flt: Any) -> None:
    """What the records hold: each kind, tag, organisation, series and place, with the
    number of records (of the filtered selection) that have it.

    The first column is what to give --kind, --tag, --org, --series or --place.
    """
    from reecal.formats import terminal
    from reecal.query.facets import facets

    found = facets(settings().dataset.select(make_filter(**flt)))
    chosen = list(dict.fromkeys(criteria)) if criteria else list(CRITERIA)
    rows = [{"criterion": c, "value": f.value, "label": f.label, "records": f.records}
            for c in chosen for f in found[c]]

    def text() -> str:
        return terminal.values_text({c: [r for r in rows if r["criterion"] == c] for c in chosen},
                                    max_width=max_width())

    emit(fmt, text=text, json=lambda: {c: [{k: r[k] for k in ("value", "label", "records")}
                                          for r in rows if r["criterion"] == c] for c in chosen},
         csv=lambda: (rows, ("criterion", "value", "label", "records")))
