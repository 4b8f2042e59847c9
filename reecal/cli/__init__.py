"""The ``reecal`` command line: a thin layer over the library.

Each command parses its options, calls a library query, and hands what it can show
to :func:`reecal.cli.output.emit`.  Commands are grouped by job: :mod:`.agenda`
(upcoming, deadlines), :mod:`.records` (list, search, show), :mod:`.publish` (export,
lint), :mod:`.web` (serve, site build).  Errors are one line on stderr: exit 1 for bad
data, a broken feed or lint findings, 2 for a usage error.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from reecal._version import __version__
from reecal.cli.agenda import deadlines, upcoming
from reecal.cli.options import CONTEXT_SETTINGS, FORMATS
from reecal.cli.publish import export, lint
from reecal.cli.records import list_, search, show
from reecal.cli.settings import Settings
from reecal.cli.web import serve, site
from reecal.errors import ReecalError

__all__ = ["entry", "main"]


class ReecalGroup(click.Group):
    """Every error ends as one line on stderr and an exit code: 1 for bad data, a
    broken feed or a failed write, 2 for a usage error.  Never a traceback."""

    def main(self, args: Any = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             **extra: Any) -> Any:
        code = 0
        try:
            rv = super().main(args, prog_name or "reecal", complete_var,
                              standalone_mode=False, **extra)
            code = rv if isinstance(rv, int) else 0
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
            click.echo(f"reecal: usage error: {' '.join(exc.format_message().split())}{hint}",
                       err=True)
            code = 2
        except click.exceptions.Abort:
            click.echo("reecal: aborted", err=True)
            code = 1
        except click.ClickException as exc:
            click.echo(f"reecal: error: {' '.join(exc.format_message().split())}", err=True)
            code = exc.exit_code
        except ReecalError as exc:
            click.echo(f"reecal: error: {exc}", err=True)
            code = 1
        except BrokenPipeError:
            _quiet_stdout()
            code = 0
        except KeyboardInterrupt:
            code = 130
        except Exception as exc:  # a bug: still one line, unless asked for the traceback
            if os.environ.get("REECAL_DEBUG"):
                raise
            click.echo(f"reecal: internal error: {type(exc).__name__}: "
                       f"{' '.join(str(exc).split())} (please report it; "
                       "REECAL_DEBUG=1 shows the traceback)", err=True)
            code = 1
        if standalone_mode:
            sys.exit(code)
        return code


@click.group(cls=ReecalGroup, context_settings=CONTEXT_SETTINGS, epilog="""\b
Examples:
  reecal upcoming --days 30
  reecal deadlines --tz Europe/Berlin
  reecal --today 2025-11-12 deadlines --format json
  reecal list --kind conference --tag magnets --format ics > magnets.ics

Shell completion (bash): eval "$(_REECAL_COMPLETE=bash_source reecal)"
(zsh: zsh_source, fish: fish_source).""")
@click.version_option(__version__, "--version", prog_name="reecal")
@click.option("--today", envvar="REECAL_TODAY", metavar="DATE",
              help="Pretend it is this date (YYYY-MM-DD) or instant; env REECAL_TODAY.")
@click.option("--tz", metavar="ZONE", envvar="REECAL_TZ",
              help="Time zone for display (IANA name); default: the system's zone.")
@click.option("--data", multiple=True, metavar="PATH", envvar="REECAL_DATA",
              type=click.Path(), help="Add your own TOML file or directory (repeatable); "
              "env REECAL_DATA, separated by ':'.")
@click.option("--no-bundled", is_flag=True, help="Leave out the bundled dataset.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Default output format for the listing commands.")
@click.pass_context
def main(ctx: click.Context, today: str | None, tz: str | None, data: tuple[str, ...],
         no_bundled: bool, fmt: str | None) -> None:
    """The rare-earth industry's calendar: conferences, forums, visits and deadlines.

    Every date comes from a cited source; inferred years and unpublished times are
    said as such.
    """
    ctx.obj = Settings(today, tz, data, not no_bundled, fmt)


for _command in (upcoming, deadlines, list_, search, show, export, lint, serve, site):
    main.add_command(_command)


def _quiet_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def entry() -> None:
    """The console script: ``reecal``."""
    main()
