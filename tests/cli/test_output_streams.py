"""Standard output that cannot take the output: a reader that went away (``| head``)
ends the command quietly with exit 0, as other tools do; a full disk is one line and
exit 1.  Never a traceback, an "internal error", or a second complaint at exit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT

pytestmark = pytest.mark.slow  # a process per case

FORMATS = ["text", "json", "csv", "ics"]


def _command(fmt: str) -> list[str]:
    return [sys.executable, "-m", "reecal", "--today", "2025-06-01", "list", "--format", fmt]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REECAL_")}
    env["PYTHONPATH"] = str(ROOT)
    return env


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_reader_that_went_away_ends_the_command_quietly(fmt: str, tmp_path: Path) -> None:
    with subprocess.Popen(_command(fmt), cwd=tmp_path, env=_env(), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()  # before reecal writes a byte: every write meets a closed pipe
        err = proc.stderr.read().decode()
        assert proc.wait(timeout=60) == 0, err
    assert err == ""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_full_disk_is_one_line_and_exit_1(fmt: str, tmp_path: Path) -> None:
    with open("/dev/full", "wb") as full:
        r = subprocess.run(_command(fmt), cwd=tmp_path, env=_env(), stdout=full,
                           stderr=subprocess.PIPE, text=True, timeout=60)
    assert (r.returncode, r.stderr) == (
        1, "reecal: error: standard output: cannot write: No space left on device\n")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["--help"], ["--version"], ["schema"], ["help", "list"]])
def test_help_and_schema_to_a_full_disk_are_one_line(args: list[str], tmp_path: Path) -> None:
    with open("/dev/full", "wb") as full:
        r = subprocess.run([sys.executable, "-m", "reecal", *args], cwd=tmp_path, env=_env(),
                           stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert (r.returncode, r.stderr) == (1, "reecal: error: No space left on device\n")


@pytest.mark.parametrize(("redirect", "args", "code", "err"), [
    (">&-", ["list"], 0, ""),
    ("<&-", ["lint", "-"], 1, "reecal lint: 1 file checked, 1 finding in 1 file\n"),
])
def test_a_standard_stream_the_shell_closed_is_the_null_device(
        redirect: str, args: list[str], code: int, err: str, tmp_path: Path) -> None:
    r = subprocess.run(["sh", "-c", f'exec "$@" {redirect}', "sh", sys.executable, "-m",
                        "reecal", *args], cwd=tmp_path, env=_env(), stdout=subprocess.PIPE
                       if redirect == "<&-" else None, stderr=subprocess.PIPE, text=True,
                       timeout=60)
    assert (r.returncode, r.stderr) == (code, err)
