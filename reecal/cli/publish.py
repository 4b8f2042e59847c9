"""``reecal export``, ``reecal lint`` and ``reecal schema``: the published feeds, any
.ics file, and the JSON Schema of the data files."""

from __future__ import annotations

import click

from reecal.cli.options import CONTEXT_SETTINGS, format_option, setting_options
from reecal.cli.output import emit
from reecal.cli.settings import settings
from reecal.errors import ReecalError

__all__ = ["export", "lint", "schema"]


@click.command(context_settings=CONTEXT_SETTINGS, epilog="""\b
Examples:
  reecal export                 # write calendars/ from the records
  reecal export --check         # exit 1, naming each stale file
  reecal export --out feeds --base-url https://example.org/calendars""")
@click.option("--out", "out_dir", type=click.Path(), metavar="DIR", default="calendars",
              show_default=True, help="Directory of the feeds (created if missing).")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 naming each stale file.")
@click.option("--base-url", metavar="URL", default=None, envvar="REECAL_BASE_URL",
              help="Where the feeds are published (env REECAL_BASE_URL).")
@click.option("--force", is_flag=True,
              help="Replace files of the same names that reecal did not write.")
@setting_options()
def export(out_dir: str, check: bool, base_url: str | None, force: bool) -> None:
    """Write the published feeds (all, events, deadlines, deadlines-alerts), the Atom
    feed of what changed (changes.atom) and their README into a directory,
    atomically: all files or none.  A record whose `updated` is after the machine's
    clock is refused (--today does not change that: the changes feed is never dated
    in the future).

    Only files that reecal wrote are replaced (unless --force); other files in the
    directory are left alone.  Each file written is named on standard output
    ("wrote DIR/all.ics"); when nothing changed, standard output stays empty and
    standard error says so.  Imported drafts that no curator has checked
    (verification = "imported") are published as they are, and named in a note.
    """
    from pathlib import Path

    from reecal.cli.settings import wall_clock  # looked up now: tests replace it
    from reecal.formats.words import counted
    from reecal.publish import files

    out = Path(out_dir)
    ds = settings().dataset
    count = len(files.names())
    if check:
        stale = files.check(ds, out, base=base_url, now=wall_clock())
        if stale:
            raise ReecalError(f"stale in {out}: {', '.join(stale)} (run 'reecal export')")
        click.echo(f"{out}: up to date ({count} files)", err=True)
        return
    changed = files.write(ds, out, base=base_url, force=force, now=wall_clock())
    for name in changed:
        click.echo(f"wrote {out / name}")
    if not changed:
        click.echo(f"{out}: already up to date ({count} files)", err=True)
    drafts = [r.id for r in ds if r.certainty.verification == "imported"]
    if drafts:  # published as they are (low confidence, said so), but not unnoticed
        more = f" (and {len(drafts) - 3} more)" if len(drafts) > 3 else ""
        click.echo(f"note: published {counted(len(drafts), 'imported draft')} no curator "
                   "has checked: "
                   f"{', '.join(drafts[:3])}{more}", err=True)


@click.command(context_settings=CONTEXT_SETTINGS, epilog="""\b
Examples:
  reecal lint calendars/*.ics
  reecal lint --format json calendars/all.ics
  reecal list --tag magnets --format ics | reecal lint -""")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(allow_dash=True))
@format_option("text", "json")
def lint(files: tuple[str, ...], fmt: str | None) -> None:
    """Check .ics files for defects that parsers let through; - reads standard input.

    The findings go to standard output, a one-line summary to standard error; exit 1
    if there is any finding.
    """
    from reecal.formats.lint import lint_path, lint_stream
    from reecal.formats.words import counted

    if files.count("-") > 1:
        raise click.UsageError("'-' (standard input) can be given only once")
    if "" in files:
        raise click.UsageError("an empty path names no file")
    results = [lint_stream(click.get_binary_stream("stdin")) if name == "-"
               else lint_path(name) for name in files]
    found = [f for findings in results for f in findings]
    emit(fmt, text=lambda: "\n".join(str(f) for f in found),
         json=lambda: [f.as_dict() for f in found])
    checked = counted(len(files), "file")
    if not found:
        click.echo(f"reecal lint: {checked} checked, no findings", err=True)
        return
    where = counted(sum(1 for findings in results if findings), "file")
    total = counted(sum(f.count for f in found), "finding")
    click.echo(f"reecal lint: {checked} checked, {total} in {where}", err=True)
    click.get_current_context().exit(1)


@click.command(context_settings=CONTEXT_SETTINGS, epilog="""\b
Examples:
  reecal schema > schema.json
  reecal schema --out schema.json   # atomic: a failed run leaves the file as it was

An editor with TOML support (taplo, VS Code's Even Better TOML) uses it when a data
file's first line is: #:schema ./schema.json (a path or a URL).""")
@click.option("--out", "out_file", type=click.Path(dir_okay=False), metavar="FILE",
              default=None, help="Write it to FILE, atomically, instead of standard output.")
def schema(out_file: str | None) -> None:
    """Print the JSON Schema of the data files, generated from the model.

    Editors check data files against it as they are typed: completion, each field's
    description, the allowed values, and errors for unknown keys.  The loader checks
    more (rules across records and files); the schema never rejects what it accepts.
    """
    from reecal.formats.schema import render

    text = render()
    if out_file is None:
        click.echo(text, nl=False)
        return
    from pathlib import Path

    from reecal.publish.files import write_files

    out = Path(out_file)
    if not out.parent.is_dir():
        raise ReecalError(f"{out.parent}: no such directory")
    changed = write_files(out.parent, {out.name: text.encode("utf-8")})
    click.echo(f"wrote {out}" if changed else f"{out}: already up to date",
               err=not changed)
