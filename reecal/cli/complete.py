"""Shell completion of the values reecal knows: record ids, tags, organisations,
places, series and time zones (kinds, statuses and formats complete as choices).

Completion runs without the group's callback, so the data is loaded here from the
``--data`` and ``--no-bundled`` already typed (and ``REECAL_DATA``); data that fails
to load completes nothing rather than printing an error into the shell.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import click
    from click.shell_completion import CompletionItem

    from reecal.query.dataset import Dataset

TYPED = "reecal.typed"
"""``ctx.meta`` key: the group options given after the command's name, while completing
(:func:`reecal.cli.options.setting_options` puts them there)."""

__all__ = ["TYPED", "complete_ids", "complete_orgs", "complete_places", "complete_series",
           "complete_tags", "complete_zones"]


def _dataset(ctx: click.Context) -> Dataset | None:
    from reecal.cli.dirs import user_cache
    from reecal.errors import ReecalError
    from reecal.query.dataset import load

    root = ctx.find_root().params
    after = ctx.meta.get(TYPED, {})  # --data and --no-bundled typed after the command
    data = (*(root.get("data") or ()), *after.get("data", ()))
    try:
        return load(data, bundled=not (root.get("no_bundled") or after.get("no_bundled")),
                    cache=user_cache())
    except (ReecalError, OSError):
        return None


def _matching(incomplete: str, values: Iterable[tuple[str, str | None]]) -> list[CompletionItem]:
    """The values that start with what has been typed (any case), each with its help."""
    from click.shell_completion import CompletionItem

    typed = incomplete.casefold()
    return [CompletionItem(v, help=h) for v, h in dict(values).items()
            if v.casefold().startswith(typed)]


def complete_ids(ctx: click.Context, param: click.Parameter, incomplete: str
                 ) -> list[CompletionItem]:
    ds = _dataset(ctx)
    return _matching(incomplete, ((r.id, r.title) for r in ds) if ds else ())


def _facet(ctx: click.Context, incomplete: str, criterion: str) -> list[CompletionItem]:
    from reecal.query.facets import facets

    ds = _dataset(ctx)
    found = facets(ds)[criterion] if ds else []
    return _matching(incomplete, ((f.value, f.label if f.label != f.value else None)
                                  for f in found))


def complete_tags(ctx: click.Context, param: click.Parameter, incomplete: str
                  ) -> list[CompletionItem]:
    return _facet(ctx, incomplete, "tags")


def complete_orgs(ctx: click.Context, param: click.Parameter, incomplete: str
                  ) -> list[CompletionItem]:
    return _facet(ctx, incomplete, "orgs")


def complete_places(ctx: click.Context, param: click.Parameter, incomplete: str
                    ) -> list[CompletionItem]:
    return _facet(ctx, incomplete, "places")


def complete_series(ctx: click.Context, param: click.Parameter, incomplete: str
                    ) -> list[CompletionItem]:
    return _facet(ctx, incomplete, "series")


def complete_zones(ctx: click.Context, param: click.Parameter, incomplete: str
                   ) -> list[CompletionItem]:
    from reecal.model.zones import names

    return _matching(incomplete, ((z, None) for z in names()))
