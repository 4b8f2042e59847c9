"""Files that are not regular files: a FIFO, a device, a link to one, a directory.

Each must end in one clean line and exit 1, within seconds (the command runs in its
own process with a timeout, so a hang fails the test rather than the suite), and be
the same problem whether named directly or found in a directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT

pytestmark = [pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs"),
              pytest.mark.slow]  # a process per case: seconds


def _reecal(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REECAL_")}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "reecal", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=30)


def _one_line(r: subprocess.CompletedProcess[str], *words: str) -> str:
    assert r.returncode == 1, (r.returncode, r.stderr)
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr, r.stderr
    for w in words:
        assert w in r.stderr, r.stderr
    return r.stderr


@pytest.fixture
def specials(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.toml"
    zero.symlink_to("/dev/zero")
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    return {"fifo": fifo, "zero": zero, "folder": folder}


@pytest.mark.parametrize(("name", "words"), [
    ("fifo", ("a FIFO, not a regular file",)),
    ("zero", ("a character device, not a regular file",))])
def test_data_that_is_not_a_regular_file_is_refused(specials: dict[str, Path], name: str,
                                                    words: tuple[str, ...]) -> None:
    path = specials[name]
    direct = _one_line(_reecal("--no-bundled", "--data", str(path), "list", cwd=path.parent),
                       str(path), *words)
    inside = path.parent / "inside"
    inside.mkdir()
    os.rename(path, inside / path.name)
    found = _one_line(_reecal("--no-bundled", "--data", str(inside), "list", cwd=path.parent),
                      *words)
    assert direct.replace(str(path), str(inside / path.name)) == found  # the same problem


def test_a_device_given_directly_is_refused_too(tmp_path: Path) -> None:
    _one_line(_reecal("--data", "/dev/zero", "list", cwd=tmp_path),
              "/dev/zero: cannot read: a character device, not a regular file")


@pytest.mark.parametrize("name", ["fifo", "zero", "folder"])
def test_lint_refuses_what_is_not_a_regular_file(specials: dict[str, Path], name: str) -> None:
    r = _reecal("lint", str(specials[name]), cwd=specials[name].parent)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stdout.count("\n") == 1 and "not a regular file" in r.stdout, r.stdout


def test_lint_reads_a_device_no_further_than_its_limit(tmp_path: Path) -> None:
    r = _reecal("lint", "/dev/urandom", cwd=tmp_path)
    assert r.returncode == 1 and "a character device, not a regular file" in r.stdout


def test_export_never_reads_a_fifo_or_device_in_its_way(tmp_path: Path) -> None:
    out = tmp_path / "calendars"
    assert _reecal("export", "--out", str(out), cwd=tmp_path).returncode == 0
    (out / "all.ics").unlink()
    os.mkfifo(out / "all.ics")
    (out / "deadlines.ics").unlink()
    (out / "deadlines.ics").symlink_to("/dev/zero")
    _one_line(_reecal("export", "--out", str(out), "--check", cwd=tmp_path),
              "stale in", "all.ics, deadlines.ics")
    _one_line(_reecal("export", "--out", str(out), cwd=tmp_path), "not written by reecal")
    assert _reecal("export", "--out", str(out), "--force", cwd=tmp_path).returncode == 0
    assert (out / "all.ics").is_file() and not (out / "deadlines.ics").is_symlink()
    assert _reecal("export", "--out", str(out), "--check", cwd=tmp_path).returncode == 0


def test_sync_never_reads_a_fifo_in_its_vdir(tmp_path: Path) -> None:
    vdir = tmp_path / "cal"
    vdir.mkdir()
    os.mkfifo(vdir / "cres-visit-jxust-2025@reecal.ics")
    _one_line(_reecal("sync", "--kind", "visit", "--vdir", str(vdir), cwd=tmp_path),
              "cres-visit-jxust-2025@reecal.ics: cannot read: a FIFO, not a regular file")
