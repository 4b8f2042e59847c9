"""``reecal import``: an organiser's .ics as draft records in a data directory."""

from __future__ import annotations

import click

from reecal.cli.options import CONTEXT_SETTINGS, setting_options
from reecal.cli.settings import settings

__all__ = ["import_"]


@click.command("import", context_settings=CONTEXT_SETTINGS, epilog="""\b
Examples:
  reecal import tests/data/imports/google.ics --out drafts  # in a checkout
  reecal import tests/data/imports/outlook.ics --out d --until 2027-12-31
  reecal import calendars/all.ics --out d --source-url https://x.org/a.ics
  reecal import calendars/all.ics --out drafts   # reecal wrote it: skipped""")
@click.argument("source", type=click.Path(allow_dash=True), metavar="SOURCE.ics")
@click.option("--out", "out_dir", type=click.Path(), metavar="DIR", required=True,
              help="The data directory the drafts go to (created if missing, in a "
              "directory that exists).")
@click.option("--source-url", metavar="URL", default=None,
              help="Where the organiser publishes the file: the drafts cite it too.")
@click.option("--until", metavar="DATE", default=None,
              help="Last day of recurring events' occurrences to import (default: two "
                   "years from today).")
@click.option("--name", metavar="NAME.ics", default=None,
              help="With SOURCE.ics '-' (standard input): what the copy in "
                   "DIR/sources/ is named after (default: --source-url's file name, "
                   "else stdin.ics).")
@setting_options()
def import_(source: str, out_dir: str, source_url: str | None, until: str | None,
            name: str | None) -> None:
    """Turn an organiser's iCalendar file into draft records (one TOML file each) that
    --data DIR loads.

    Each draft cites a copy of the file (DIR/sources/NAME-HASH.ics; the file itself is
    never changed) and quotes the event's lines, so the provenance check can verify
    it; it says verification = "imported" and confidence = "low" until a curator
    checks it; the event's URL becomes the draft's url.  Timed events become the
    days they cover in their own zone; recurring events become one draft per
    occurrence, from a year ago to --until.

    Importing the same file again changes nothing; a draft is updated only when the
    organiser raised the event's SEQUENCE, and then only in what the file says
    (dates, title, status, the quote): a curator's edits are kept, the old values
    go into the draft's history.  Other dates without a higher SEQUENCE are shown
    as "differs" and the draft is kept.  Events of reecal's own feeds are skipped.
    SOURCE.ics is at most 8 MiB; '-' reads it from standard input
    (curl -s URL | reecal import - --out DIR --name expo.ics).  A broken file
    gets one line per problem (file:line: message), exit 1, and nothing is written.
    """
    from datetime import timedelta
    from pathlib import Path

    from reecal.cli.settings import wall_clock  # looked up now: tests replace it
    from reecal.errors import ImportFailed
    from reecal.formats.words import counted
    from reecal.importing import import_file

    s = settings()
    last = (s.day(until, "--until", end=True) if until
            else s.now.date() + timedelta(days=730))
    if not out_dir:  # Path("") is the current directory: refused as --data "" is
        from reecal.errors import DataError
        from reecal.loading.files import EMPTY_PATH

        raise DataError(EMPTY_PATH, path='""')
    out = Path(out_dir)
    stamp = wall_clock().replace(microsecond=0)  # when written; --today sets the window
    if name is not None and source != "-":
        raise click.UsageError("--name is for SOURCE.ics '-' (standard input): a file's "
                               "copy is named after the file")
    try:
        if source == "-":
            from reecal.importing.write import read_stream

            shown = name or (source_url or "").rstrip("/").rsplit("/", 1)[-1] or "stdin.ics"
            data = read_stream(click.get_binary_stream("stdin"), shown)
            drafts = import_file(Path(shown), out, now=s.now, until=last,
                                 source_url=source_url, data=data, stamp=stamp)
        else:
            drafts = import_file(Path(source), out, now=s.now, until=last,
                                 source_url=source_url, stamp=stamp)
    except ImportFailed as exc:
        for line in exc.lines():
            click.echo(f"reecal: error: {line}", err=True)
        click.get_current_context().exit(1)
    for d in (*drafts.drafts, *drafts.missing):
        click.echo(f"{d.action:9} {d.record.dates.first_day}  {d.record.id}"
                   + (f"  ({d.detail})" if d.detail else ""))
    for line in drafts.skipped:
        click.echo(line, err=True)
    changed, n, odd = len(drafts.changed), len(drafts.drafts), len(drafts.differing)
    gone = len(drafts.missing)
    click.echo(f"reecal import: {counted(n, 'draft')}, {changed} written"
               + (f", {odd} kept though the file differs (SEQUENCE not raised)" if odd else "")
               + (f", {gone} no longer in the file (left as they are)" if gone else "")
               + (f" (citing {out / drafts.document})" if changed else ""), err=True)
