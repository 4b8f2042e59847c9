"""``reecal serve`` and ``reecal site build``: the web page, record pages, feeds of any
selection and the JSON API, served or written as static files."""

from __future__ import annotations

import click

from reecal.cli.options import CONTEXT_SETTINGS, setting_options
from reecal.cli.settings import settings

__all__ = ["serve", "site"]

_BASE_HELP = "The public URL of the site's root, for links and feeds (env REECAL_SITE_URL)."


@click.command(context_settings=CONTEXT_SETTINGS, epilog="""\b
Examples:
  reecal serve                      # http://127.0.0.1:8080/
  reecal --today 2026-05-01 serve --port 9000
  reecal serve --host 0.0.0.0 --workers 4 --base-url https://example.org

\b
Paths:
  /                  the page (filters: kind tag org place status series q)
  /records/ID        one record; /records/ID.ics its dates
  /calendars/*.ics   the published feeds; /calendars/changes.atom what changed
  /feed.ics?...      any selection as a feed (repeat a parameter for OR)
  /api/upcoming.json, /api/deadlines.json, /api/records.json
  estimated=1        on the page, feeds and API: add estimated next editions""")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8080, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--base-url", metavar="URL", envvar="REECAL_SITE_URL", default=None,
              help=_BASE_HELP + " Default: the address each request was sent to.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes (each loads the data once).")
@setting_options()
def serve(host: str, port: int, base_url: str | None, workers: int) -> None:
    """Serve the page, the record pages, the feeds and the API over HTTP.

    "Now" is --today if given, else the clock at each request; visitors choose
    their zone with ?tz= (default: --tz, else the system's).
    """
    import json
    import os

    import uvicorn

    from reecal.publish.feeds import base_url as checked
    from reecal.web.app import ENV, Config, create_app

    if port == 0:
        port = _free_port(host)
    s = settings()  # a bad --today or --tz was a usage error when given
    config = Config(today=s.today_raw, tz=s.tz_name,
                    base_url=checked(base_url) if base_url else None)
    ds = s.dataset
    click.echo(f"reecal: serving {len(ds.records)} records on http://{host}:{port}/ "
               "(Ctrl-C to stop)", err=True)
    if workers == 1:
        uvicorn.run(create_app(ds, config), host=host, port=port, log_level="warning",
                    access_log=False, server_header=False)
        return
    os.environ[ENV] = json.dumps({"today": s.today_raw, "tz": s.tz_name,
                                  "base_url": config.base_url, "data": list(s.data),
                                  "bundled": s.bundled})
    uvicorn.run("reecal.web.app:from_environment", factory=True, host=host, port=port,
                workers=workers, log_level="warning", access_log=False, server_header=False)


@click.group(context_settings=CONTEXT_SETTINGS, epilog="""\b
Examples:
  reecal site build public
  reecal site build --help""")
def site() -> None:
    """The web page, record pages and feeds as static files."""


@site.command(context_settings=CONTEXT_SETTINGS, epilog="""\b
Examples:
  reecal site build public
  reecal site build public --base-url https://example.org""")
@click.argument("out_dir", metavar="DIR", type=click.Path(file_okay=False))
@click.option("--base-url", metavar="URL", envvar="REECAL_SITE_URL", default=None,
              help=_BASE_HELP + " Default: https://reecal.github.io/reecal.")
@setting_options()
def build(out_dir: str, base_url: str | None) -> None:
    """Write the site into DIR (empty, or built by reecal before), all or nothing."""
    from pathlib import Path

    from reecal.cli.settings import wall_clock  # looked up now: tests replace it
    from reecal.publish.feeds import SITE_URL
    from reecal.publish.feeds import base_url as checked
    from reecal.web.site import build as build_site

    s = settings()
    changed, removed = build_site(s.dataset, Path(out_dir), s.now, s.tz_name,
                                  checked(base_url or SITE_URL), published=wall_clock())
    done = [f"wrote {len(changed)} files"] if changed else []
    done += [f"removed {len(removed)} that the data no longer has"] if removed else []
    click.echo(f"{out_dir}: {', '.join(done) or 'already up to date'}")


def _free_port(host: str) -> int:
    """A port nothing listens on now, so that the address printed is the real one."""
    import socket

    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
            sock.bind((host, 0))
            return int(sock.getsockname()[1])
    except OSError as exc:
        raise click.BadParameter(f"cannot listen on {host}: {exc.strerror or exc}",
                                 param_hint="'--host'") from None
