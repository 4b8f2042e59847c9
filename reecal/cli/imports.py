"""``reecal import``: an organiser's .ics as draft records in a data directory."""

from __future__ import annotations

import click

from reecal.cli.options import CONTEXT_SETTINGS, setting_options
from reecal.cli.settings import settings

__all__ = ["import_"]


@click.command("import", context_settings=CONTEXT_SETTINGS, epilog="""\b
Examples:
  reecal import calendars/all.ics --out drafts   # the feed reecal wrote: skipped
  reecal import calendars/events.ics --out drafts --until 2027-12-31
  reecal import calendars/all.ics --out drafts --source-url https://x.org/a.ics""")
@click.argument("source", type=click.Path(allow_dash=False), metavar="SOURCE.ics")
@click.option("--out", "out_dir", type=click.Path(), metavar="DIR", required=True,
              help="The data directory the drafts go to (created if missing).")
@click.option("--source-url", metavar="URL", default=None,
              help="Where the organiser publishes the file: the drafts cite it too.")
@click.option("--until", metavar="DATE", default=None,
              help="Last day of recurring events' occurrences to import (default: two "
                   "years from today).")
@setting_options()
def import_(source: str, out_dir: str, source_url: str | None, until: str | None) -> None:
    """Turn an organiser's iCalendar file into draft records (one TOML file each) that
    --data DIR loads.

    Each draft cites a copy of the file (DIR/sources/NAME-HASH.ics; the file itself is
    never changed) and quotes the event's lines, so the provenance check can verify
    it; it says verification = "imported" and confidence = "low" until a curator
    checks it.  Timed events become the days they cover in their own zone; recurring
    events become one draft per occurrence, from a year ago to --until.

    Importing the same file again changes nothing; a draft is replaced only when the
    organiser raised the event's SEQUENCE.  Events of reecal's own feeds are skipped.
    A broken file gets one line per problem (file:line: message), exit 1, and nothing
    is written.
    """
    from datetime import timedelta
    from pathlib import Path

    from reecal.errors import ImportFailed
    from reecal.importing import import_file

    s = settings()
    last = (s.day(until, "--until", end=True) if until
            else s.now.date() + timedelta(days=730))
    out = Path(out_dir)
    try:
        drafts = import_file(Path(source), out, now=s.now, until=last, source_url=source_url)
    except ImportFailed as exc:
        for line in exc.lines():
            click.echo(f"reecal: error: {line}", err=True)
        click.get_current_context().exit(1)
    for d in drafts.drafts:
        click.echo(f"{d.action:9} {d.record.dates.first_day}  {d.record.id}")
    for line in drafts.skipped:
        click.echo(line, err=True)
    changed, n = len(drafts.changed), len(drafts.drafts)
    click.echo(f"reecal import: {n} draft{'s' if n != 1 else ''}, {changed} written"
               + (f" (citing {out / drafts.document})" if changed else ""), err=True)
