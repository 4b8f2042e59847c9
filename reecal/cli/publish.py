"""``reecal export`` and ``reecal lint``: the published feeds, and any .ics file."""

from __future__ import annotations

import click

from reecal.cli.options import CONTEXT_SETTINGS, format_option
from reecal.cli.output import emit
from reecal.cli.settings import settings
from reecal.errors import ReecalError

__all__ = ["export", "lint"]


@click.command(context_settings=CONTEXT_SETTINGS, epilog="""\b
Examples:
  reecal export                 # rewrite calendars/ from the records
  reecal export --check         # exit 1 if calendars/ is stale
  reecal export --out /srv/www/calendars --base-url https://example.org/calendars""")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="calendars",
              show_default=True, help="Directory of the feeds.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 naming each stale file.")
@click.option("--base-url", metavar="URL", default=None, envvar="REECAL_BASE_URL",
              help="Where the feeds are published (env REECAL_BASE_URL).")
def export(out_dir: str, check: bool, base_url: str | None) -> None:
    """Write the published feeds (all, events, deadlines, deadlines-alerts) atomically."""
    from pathlib import Path

    from reecal.publish import files
    from reecal.publish.feeds import FEEDS

    out = Path(out_dir)
    ds = settings().dataset
    if check:
        stale = files.check(ds, out, base=base_url)
        if stale:
            raise ReecalError(f"stale in {out}: {', '.join(stale)} (run 'reecal export')")
        click.echo(f"{out}: {len(FEEDS)} feeds up to date")
        return
    changed = files.write(ds, out, base=base_url)
    click.echo(f"{out}: wrote {', '.join(changed)}" if changed else f"{out}: already up to date")


@click.command(context_settings=CONTEXT_SETTINGS, epilog="""\b
Examples:
  reecal lint calendars/*.ics
  reecal lint --format json downloaded.ics""")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@format_option("text", "json")
def lint(files: tuple[str, ...], fmt: str | None) -> None:
    """Check .ics files for defects that parsers let through (exit 1 if any)."""
    from reecal.formats.lint import lint_path

    found = [f for name in files for f in lint_path(name)]
    emit(fmt, text=lambda: "\n".join(str(f) for f in found),
         json=lambda: [f.as_dict() for f in found])
    if found:
        click.get_current_context().exit(1)
