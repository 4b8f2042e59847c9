"""The ``reecal`` click group: every command, and one way of ending (one line, one code).

Each command parses its options, calls a library query, and hands what it can show
to :func:`reecal.cli.output.emit`.  Commands are grouped by job: :mod:`.agenda`
(upcoming, deadlines), :mod:`.records` (list, search, show), :mod:`.publish` (export,
lint, schema), :mod:`.sync` (sync), :mod:`.imports` (import), :mod:`.web` (serve, site
build).  Errors are one line on stderr: exit 1 for bad data, a broken feed or lint
findings (a broken calendar file given to import: one line per problem), 2 for a usage
error.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from reecal._version import __version__
from reecal.cli.agenda import deadlines, upcoming
from reecal.cli.imports import import_
from reecal.cli.options import CONTEXT_SETTINGS, FORMATS, setting_options
from reecal.cli.publish import export, lint, schema
from reecal.cli.records import list_, search, show, values
from reecal.cli.settings import Settings
from reecal.cli.streams import flush_or_quiet, open_closed_streams, quiet_stdout
from reecal.cli.sync import sync
from reecal.cli.web import serve, site
from reecal.errors import ReecalError, one_line, printable

__all__ = ["main"]


class ReecalGroup(click.Group):
    """Every error ends as one line on stderr and an exit code: 1 for bad data, a
    broken feed or a failed write, 2 for a usage error.  Never a traceback."""

    def get_help(self, ctx: click.Context) -> str:
        """The help, kept in the cache when it is the whole command's (for
        :mod:`reecal.cli.fast`, which prints it next time without importing click)."""
        text = super().get_help(ctx)
        if ctx.parent is None:
            from reecal.cli.fast import keep_help

            keep_help(text)
        return text

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:  # the reader went away (| head): done, not an error
            quiet_stdout()  # (click would exit 1 without a word)
            return 0

    def main(self, args: Any = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             **extra: Any) -> Any:
        code = 0
        open_closed_streams()
        try:
            rv = super().main(args, prog_name or "reecal", complete_var,
                              standalone_mode=False, **extra)
            code = rv if isinstance(rv, int) else 0
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
            click.echo(f"reecal: usage error: {one_line(exc.format_message())}{hint}",
                       err=True)
            code = 2
        except click.exceptions.Abort:
            click.echo("reecal: aborted", err=True)
            code = 1
        except click.ClickException as exc:
            click.echo(f"reecal: error: {one_line(exc.format_message())}", err=True)
            code = exc.exit_code
        except ReecalError as exc:
            click.echo(f"reecal: error: {one_line(str(exc))}", err=True)
            code = 1
        except KeyboardInterrupt:
            code = 130
        except BrokenPipeError:  # the reader of the help went away (| head): done
            quiet_stdout()
            code = 0
        except OSError as exc:  # the system refused: a full disk, a folder not writable...
            flush_or_quiet()
            where = f"{printable(str(exc.filename))}: " if exc.filename else ""
            click.echo(f"reecal: error: {where}{one_line(exc.strerror or str(exc))}", err=True)
            code = 1
        except Exception as exc:  # a bug: still one line, unless asked for the traceback
            if os.environ.get("REECAL_DEBUG"):
                raise
            click.echo(f"reecal: internal error: {type(exc).__name__}: "
                       f"{one_line(str(exc))} (please report it; "
                       "REECAL_DEBUG=1 shows the traceback)", err=True)
            code = 1
        if standalone_mode:
            sys.exit(code)
        return code


@click.group("reecal", cls=ReecalGroup, context_settings=CONTEXT_SETTINGS,
             invoke_without_command=True,
             epilog="""\b
Examples:
  reecal upcoming --days 30
  reecal deadlines --tz Europe/Berlin
  reecal --today 2025-11-12 deadlines --format json
  reecal list --kind conference --tag magnets --format ics > magnets.ics
  reecal values tags
  reecal help show

Options before the command apply to it; the command's own options may also come
after its name (reecal upcoming --today 2025-11-01).

Shell completion (bash): eval "$(_REECAL_COMPLETE=bash_source reecal)"
(zsh: zsh_source, fish: fish_source): commands, options, ids, tags, organisations,
places, series and zones.""")
@click.version_option(__version__, "--version", prog_name="reecal")
@setting_options(group=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS, case_sensitive=False), default=None,
              help="Output format for the command, if it has that format.")
@click.pass_context
def main(ctx: click.Context, today: str | None, tz: str | None, data: tuple[str, ...],
         no_bundled: bool, fmt: str | None) -> None:
    """The rare-earth industry's calendar: conferences, forums, visits and deadlines.

    Every date comes from a cited source; inferred years and unpublished times are
    said as such.
    """
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())
        return
    if fmt is not None:
        _check_format(ctx, fmt)
    from_env = {name: hint for name, hint in (("today", "REECAL_TODAY"), ("tz", "REECAL_TZ"))
                if ctx.get_parameter_source(name) is click.core.ParameterSource.ENVIRONMENT}
    ctx.obj = Settings(today, tz, data, not no_bundled, fmt, hints=from_env)


def _check_format(ctx: click.Context, fmt: str) -> None:
    """``reecal --format F COMMAND`` is a usage error unless COMMAND has format F."""
    name = ctx.invoked_subcommand
    command = main.get_command(ctx, name) if name else None
    own = next((p for p in command.params if p.name == "fmt"), None) if command else None
    choices = tuple(own.type.choices) if own and isinstance(own.type, click.Choice) else ()
    if fmt not in choices:
        has = f"its formats are {', '.join(map(str, choices))}" if choices else "it has none"
        raise click.UsageError(f"'reecal {name}' has no {fmt} output ({has})", ctx)


def _complete_commands(ctx: click.Context, param: click.Parameter, incomplete: str
                       ) -> list[Any]:
    """``reecal help <TAB>``: the commands (of the group already typed), with their help."""
    from click.shell_completion import CompletionItem

    target: click.Command | None = main
    for name in ctx.params.get("command") or ():
        target = target.get_command(ctx, name) if isinstance(target, click.Group) else None
    if not isinstance(target, click.Group):
        return []
    commands = {n: target.get_command(ctx, n) for n in target.list_commands(ctx)}
    return [CompletionItem(n, help=c.get_short_help_str() if c else None)
            for n, c in commands.items() if n.startswith(incomplete)]


@click.command("help", context_settings=CONTEXT_SETTINGS, epilog="""\b
Examples:
  reecal help
  reecal help deadlines
  reecal help site build""")
@click.argument("command", nargs=-1, shell_complete=_complete_commands)
@click.pass_context
def help_(ctx: click.Context, command: tuple[str, ...]) -> None:
    """Show the help of reecal, or of COMMAND."""
    parent = ctx.find_root()
    target: click.Command = main
    for name in command:
        if not isinstance(target, click.Group):
            raise click.UsageError(f"'{parent.command_path}' has no command {name!r}", ctx)
        found = target.get_command(ctx, name)
        if found is None:
            from reecal.model.suggest import hint

            raise click.UsageError(f"no such command {name!r}" + hint(
                name, target.list_commands(ctx)), ctx)
        parent = click.Context(found, info_name=name, parent=parent)
        target = found
    click.echo(parent.get_help())


for _command in (upcoming, deadlines, list_, search, show, values, export, lint, schema, sync,
                 import_, serve, site, help_):
    main.add_command(_command)
