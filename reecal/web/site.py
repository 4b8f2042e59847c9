"""``reecal site build DIR``: the page, the record pages and the feeds as static files.

The files are those ``reecal serve`` answers with, for any static host: ``index.html``
(its filters run in the browser), ``records/ID.html`` and ``records/ID.ics``, the
published feeds and their README under ``calendars/`` (with links from the same
base URL), one feed per kind and per tag under ``feeds/``, ``api/records.json``, and
``static/``.  They are written all or nothing, like ``reecal export``, and only into
a directory that is empty or that reecal built before.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reecal.errors import FeedError
from reecal.publish.files import render_all, write_files
from reecal.web import resources
from reecal.web.pages import Site, static_feed
from reecal.web.selection import Selection

if TYPE_CHECKING:
    from reecal.query.dataset import Dataset

__all__ = ["MARKER", "build", "render_site"]

MARKER = ".reecal-site"
"""The file that marks a directory as a site reecal built (so it may write there)."""


def render_site(ds: Dataset, now: datetime, tz_name: str, base: str,
                published: datetime | None = None) -> dict[str, bytes]:
    """Every file of the static site, by path relative to its root, in memory: the
    pages as of *now*; a record updated after *published* (the moment of publishing,
    when given) is refused, as by ``reecal export``."""
    base = base.rstrip("/")
    root, below = Site(base=base, static=True), Site(base=base, static=True, depth=1)
    files: dict[str, bytes] = {
        "index.html": resources.page(ds, Selection(), now, tz_name, root).content,
        "api/records.json": resources.api_records(ds, Selection(), now).content,
        MARKER: b"reecal static site: files here are replaced by 'reecal site build'\n",
    }
    for name, data in render_all(ds, base=f"{base}/calendars", now=published).items():
        files[f"calendars/{name}"] = data
    for r in ds.records:
        files[f"records/{r.id}.html"] = resources.record(ds, r, below).content
        files[f"records/{r.id}.ics"] = resources.record_feed(ds, r, root).content
    kinds = sorted({r.kind.value for r in ds.records})
    for sel in [Selection(kind=(k,)) for k in kinds] + [Selection(tag=(t,)) for t in ds.tags]:
        path = static_feed(sel)
        assert path is not None
        files[path] = resources.selection_feed(ds, sel, root, f"{base}/{path}").content
    for name, body in resources.static_files().items():
        files[f"static/{name}"] = body.content
    return files


OWNED = ("api", "calendars", "feeds", "records", "static")
"""The directories of a site that hold only what reecal wrote."""


def build(ds: Dataset, out: Path, now: datetime, tz_name: str, base: str,
          published: datetime | None = None) -> tuple[list[str], list[str]]:
    """Write the site into *out*, all or nothing; returns the paths that changed, and
    those removed because the data no longer has them (a record, kind or tag gone).

    Refuses (FeedError) a directory that holds files but no :data:`MARKER`: it was
    not built by reecal, and nothing in it is replaced.
    """
    if out.exists() and not out.is_dir():
        raise FeedError(f"{out}: not a directory")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise FeedError(f"{out}: not empty and not a reecal site (no {MARKER}); "
                        "choose an empty directory")
    files = render_site(ds, now, tz_name, base, published)
    for sub in sorted({os.path.dirname(p) for p in files if "/" in p}):
        try:
            (out / sub).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise FeedError(f"cannot create {out / sub}: {exc.strerror or exc}") from None
    changed = write_files(out, files)
    removed = []
    for sub in OWNED:
        for path in sorted((out / sub).rglob("*")) if (out / sub).is_dir() else ():
            name = path.relative_to(out).as_posix()
            if name not in files and path.is_file() and not path.is_symlink():
                try:
                    path.unlink()
                except OSError as exc:
                    raise FeedError(f"cannot remove {path}: {exc.strerror or exc}") from None
                removed.append(name)
    return changed, removed
