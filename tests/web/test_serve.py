"""``reecal serve`` as a person starts it: a real process on 127.0.0.1 that answers,
runs several workers, and stops cleanly on Ctrl-C."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest

from tests.support import ISOLATE

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"reecal serve exited: {proc.stderr.read()!r}")  # type: ignore[union-attr]
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError("reecal serve did not answer within 30 s")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_reecal_serve_answers_and_stops_on_ctrl_c(workers: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ISOLATE}
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "reecal", "--today", "2025-11-12", "--tz", "UTC", "serve",
         "--port", str(port), "--workers", workers, "--base-url", "https://dates.example.org"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait(url + "/", proc)
        r = httpx.get(url + "/api/deadlines.json")
        assert r.json()["deadlines"][0]["countdown"] == "closes in 5 days"
        feed = httpx.get(url + "/feed.ics?kind=programme")
        assert b"SOURCE:https://dates.example.org/feed.ics?kind=programme" in feed.content
        assert "server" not in feed.headers
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    err = proc.stderr.read().decode()  # type: ignore[union-attr]
    assert f"serving 17 records on http://127.0.0.1:{port}/" in err
    assert "Traceback" not in err


def test_a_bad_option_stops_before_serving() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ISOLATE}
    for args, words in ((["--tz", "Mars/Base", "serve"], "unknown time zone"),
                        (["serve", "--base-url", "ftp://x"], "only http and https")):
        done = subprocess.run([sys.executable, "-m", "reecal", *args], env=env,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode in (1, 2) and words in done.stderr, done.stderr
        assert done.stderr.count("\n") == 1
