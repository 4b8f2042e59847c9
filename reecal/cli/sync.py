"""``reecal sync``: a CalDAV calendar or a vdir holding exactly the selected events."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import click

from reecal.cli.dirs import user_dir
from reecal.cli.options import CONTEXT_SETTINGS, estimated_option, filter_options, setting_options
from reecal.cli.records import dated_options, selection
from reecal.cli.settings import settings
from reecal.errors import ReecalError

if TYPE_CHECKING:
    from reecal.publish.sync.store import Store

__all__ = ["sync"]

PASSWORD_ENV = "REECAL_CALDAV_PASSWORD"


def state_dir() -> Path:
    """Where the sync state is kept: ``$XDG_STATE_HOME/reecal/sync`` (by default
    ``~/.local/state/reecal/sync``)."""
    return Path(user_dir("XDG_STATE_HOME", ".local", "state"), "sync")


def _password(password_file: str | None) -> str | None:
    """The password from --password-file (its first line) or $REECAL_CALDAV_PASSWORD."""
    if password_file is None:
        return os.environ.get(PASSWORD_ENV) or None
    try:
        with open(password_file, encoding="utf-8") as fh:
            return fh.readline().rstrip("\r\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReecalError(f"cannot read the password file {password_file}: "
                          f"{getattr(exc, 'strerror', None) or exc}") from None


def _store(url: str | None, vdir: str | None, user: str | None, password_file: str | None,
           timeout: float) -> Store:
    if url is not None and vdir is not None:
        raise click.UsageError("give a URL or --vdir DIR, not both")
    if url is None and vdir is None:
        raise click.UsageError("give the URL of a calendar collection, or --vdir DIR")
    if vdir is not None:
        from reecal.publish.sync.vdir import VdirStore

        return VdirStore(Path(vdir))
    assert url is not None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise click.BadParameter(f"{url!r} is not an http(s) URL", param_hint="'URL'")
    if parts.password is not None:
        raise click.BadParameter("a password in the URL would show in the process list and "
                                 f"the shell's history; use --password-file or {PASSWORD_ENV}",
                                 param_hint="'URL'")
    from reecal.publish.sync.dav import CalDAVStore

    password = _password(password_file)
    if user is None and password is not None:
        raise click.UsageError("a password was given without --user NAME")
    return CalDAVStore(url, username=user, password=password, timeout=timeout)


@click.command(context_settings=CONTEXT_SETTINGS, epilog="""\b
Examples:
  reecal sync --vdir reecal-events
  reecal sync --kind conference --vdir reecal-events --dry-run
  reecal sync --until 2025-12 --vdir reecal-events

\b
With a CalDAV server (the password from a file, or REECAL_CALDAV_PASSWORD):
  reecal sync --user me --password-file ~/.pw https://dav.example.org/me/ree/
  reecal sync --tag magnets --dry-run https://dav.example.org/me/magnets/

Only events whose UID ends in @reecal are ever changed or deleted.  What each sync
wrote (ETags, hashes) is kept in $XDG_STATE_HOME/reecal/sync/ (~/.local/state).""")
@click.argument("url", required=False)
@click.option("--vdir", metavar="DIR", default=None,
              help="Sync into this directory (one .ics per event, as khal and vdirsyncer "
                   "keep them; created if missing) instead of a CalDAV URL.")
@click.option("--user", metavar="NAME", envvar="REECAL_CALDAV_USER", default=None,
              help="CalDAV user name (env REECAL_CALDAV_USER).")
@click.option("--password-file", metavar="FILE", default=None,
              help=f"Read the password from FILE's first line (else env {PASSWORD_ENV}; "
                   "never on the command line).")
@click.option("--timeout", type=click.FloatRange(0.1, 600), default=30, show_default=True,
              metavar="SECONDS", help="Give up on a server that has not answered by then.")
@click.option("--dry-run", is_flag=True, help="Say what would be created, updated and "
              "deleted; write nothing (not even the state).")
@click.option("--past/--no-past", default=True, show_default=True,
              help="Include records that have ended.")
@dated_options
@filter_options
@estimated_option
@setting_options()
def sync(url: str | None, vdir: str | None, user: str | None, password_file: str | None,
         timeout: float, dry_run: bool, past: bool, **flt: Any) -> None:
    """Make the CalDAV calendar collection at URL (or a vdir) hold exactly the selected
    events: one resource per event, the same UIDs and VEVENTs as `reecal list --format
    ics` with the same filters.  New events are created, changed ones updated, and
    reecal's events no longer selected deleted; others' events are never touched.

    An event of reecal's that was edited on the server since the last sync is a
    conflict: it is named, left as it is, and the exit status is 1 once the rest is
    done.  Delete it on the server to have reecal write it again.  Each change is
    named on standard output, the summary ("0 changes, 17 unchanged") on standard
    error.
    """
    from reecal.cli.settings import wall_clock  # looked up now: tests replace it
    from reecal.formats.words import counted
    from reecal.publish.sync.run import sync as run

    store = _store(url, vdir, user, password_file, timeout)
    _, chosen = selection(past, None, flt)
    result = run(chosen, store, now=wall_clock(), state=state_dir(), dry_run=dry_run,
                 ds=settings().dataset)
    verb = ("would create", "would update", "would delete") if dry_run else (
        "created", "updated", "deleted")
    for word, uids in zip(verb, (result.created, result.updated, result.deleted), strict=True):
        for uid in uids:
            click.echo(f"{word} {uid}")
    for conflict in result.conflicts:
        click.echo(f"conflict {conflict.uid}: {conflict.reason}")
    click.echo(f"{result.target}: {result.summary()}", err=True)
    if result.conflicts:
        n = len(result.conflicts)
        raise ReecalError(f"{counted(n, 'conflict')} left as {store.holder} has "
                          f"{'them' if n > 1 else 'it'}: {result.conflicts[0].uid}"
                          + (f" (and {n - 1} more)" if n > 1 else ""))
