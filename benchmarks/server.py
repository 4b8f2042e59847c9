"""``reecal serve`` against nginx serving the same bytes as a static file, in one run.

    python benchmarks/server.py            # writes benchmarks/server-results.md
    python benchmarks/server.py --quick    # shorter runs (a smoke test)

Both servers listen on 127.0.0.1 (ephemeral ports), one worker process each; wrk
(Debian's package) drives 50 concurrent connections from two threads.  Four cases
alternate round by round (reecal 200, nginx 200, reecal 304, nginx 304) and the
medians of the rounds are quoted:

- a filtered feed (``/feed.ics?kind=visit&tag=delegation``) answered in full (200);
- the same request with ``If-None-Match`` carrying the current ETag (304).

Goal: reecal's 304 rate at least 25% of nginx's, its p99 under 20 ms, and its
resident memory flat over at least 100,000 requests (measured before and after).
Nothing here is asserted by the test suite.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUERY = "/feed.ics?kind=visit&tag=delegation"
NGINX_CONF = """
worker_processes 1;
error_log {root}/error.log;
pid {root}/nginx.pid;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {root}/tmp; proxy_temp_path {root}/tmp;
    fastcgi_temp_path {root}/tmp; uwsgi_temp_path {root}/tmp; scgi_temp_path {root}/tmp;
    types {{ text/calendar ics; }}
    server {{
        listen 127.0.0.1:{port};
        root {root}/www;
        etag on;
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait(url: str) -> None:
    for _ in range(300):
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{url} did not answer")


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise SystemExit(f"no VmRSS for {pid}")


def _ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url: str, seconds: int, headers: dict[str, str]) -> tuple[float, float, float, int]:
    """Requests/s, p50 and p99 latency in ms, and the number of requests."""
    cmd = ["wrk", "-t2", "-c50", f"-d{seconds}s", "--latency", url]
    for k, v in headers.items():
        cmd += ["-H", f"{k}: {v}"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    if "Non-2xx or 3xx" in out or "Socket errors" in out:
        raise SystemExit(f"wrk saw errors:\n{out}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    return rate, p50, p99, total


def etag(url: str) -> str:
    with urllib.request.urlopen(url) as r:
        return str(r.headers["ETag"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="2 rounds of 3 s")
    args = ap.parse_args()
    rounds, seconds = (2, 3) if args.quick else (5, 10)
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            raise SystemExit(f"{tool} is missing: apt-get install {tool}")
    work = Path(tempfile.mkdtemp(prefix="reecal-bench-"))
    work.chmod(0o755)  # nginx workers run as another user
    rport, nport = free_port(), free_port()
    env = {**os.environ, "REECAL_CACHE": "0"}
    reecal = subprocess.Popen([sys.executable, "-m", "reecal", "--today", "2026-05-01",
                               "serve", "--port", str(rport)], env=env,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{rport}"
    wait(base + "/")
    body = urllib.request.urlopen(base + QUERY).read()
    (work / "www").mkdir()
    (work / "tmp").mkdir()
    (work / "www" / "feed.ics").write_bytes(body)
    (work / "nginx.conf").write_text(NGINX_CONF.format(root=work, port=nport))
    nginx_bin = shutil.which("nginx") or "/usr/sbin/nginx"
    nginx = subprocess.Popen([nginx_bin, "-p", str(work), "-c", str(work / "nginx.conf"),
                              "-g", "daemon off;"], stderr=subprocess.DEVNULL)
    static = f"http://127.0.0.1:{nport}/feed.ics"
    try:
        wait(static)
        assert urllib.request.urlopen(static).read() == body
        cases = {
            ("reecal", 200): (base + QUERY, {}),
            ("nginx", 200): (static, {}),
            ("reecal", 304): (base + QUERY, {"If-None-Match": etag(base + QUERY)}),
            ("nginx", 304): (static, {"If-None-Match": etag(static)}),
        }
        wrk(base + QUERY, 2, {})  # warm-up
        rss_before = rss_kib(reecal.pid)
        results: dict[tuple[str, int], list[tuple[float, float, float, int]]] = {
            k: [] for k in cases}
        served = 0
        for _ in range(rounds):
            for key, (url, headers) in cases.items():
                results[key].append(wrk(url, seconds, headers))
                if key[0] == "reecal":
                    served += results[key][-1][3]
        rss_after = rss_kib(reecal.pid)
    finally:
        reecal.send_signal(signal.SIGINT)
        nginx.send_signal(signal.SIGQUIT)
        reecal.wait(20)
        nginx.wait(20)
        shutil.rmtree(work, ignore_errors=True)

    def med(key: tuple[str, int], i: int) -> float:
        return statistics.median(r[i] for r in results[key])

    lines = [
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; wrk -t2 -c50, "
        f"{rounds} alternated rounds of {seconds} s per case, medians; one worker each.",
        "",
        "| case | reecal req/s | nginx req/s | ratio | reecal p50 | reecal p99 | nginx p99 |",
        "|---|---|---|---|---|---|---|",
    ]
    for status, label in ((200, "filtered feed, 200"), (304, "conditional, 304")):
        r, n = ("reecal", status), ("nginx", status)
        lines.append(f"| {label} | {med(r, 0):,.0f} | {med(n, 0):,.0f} | "
                     f"{med(r, 0) / med(n, 0):.0%} | {med(r, 1):.1f} ms | {med(r, 2):.1f} ms | "
                     f"{med(n, 2):.1f} ms |")
    lines += ["", f"reecal's resident memory: {rss_before / 1024:.1f} MiB before, "
                  f"{rss_after / 1024:.1f} MiB after {served:,} requests "
                  f"({(rss_after - rss_before) / 1024:+.1f} MiB).", ""]
    text = "\n".join(lines)
    print(text)
    if not args.quick:
        (HERE / "server-results.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
