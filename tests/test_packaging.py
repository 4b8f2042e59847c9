"""The data ships in the wheel: an installed reecal works outside the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import reecal
from tests.support import ROOT

pytestmark = pytest.mark.slow


def test_wheel_carries_the_package_and_data_and_works_outside_the_checkout(
        tmp_path: Path) -> None:
    # Built from a copy of the tracked files: an in-tree build/ left by an older layout
    # would otherwise ship its stale modules.  --no-build-isolation: no network.
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                             check=True).stdout.decode().split("\0")
    source = tmp_path / "source"
    for name in filter(None, tracked):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path / "dist"), str(source)], check=True,
                   capture_output=True)
    [wheel] = (tmp_path / "dist").glob("reecal-*.whl")
    shipped = {n for n in zipfile.ZipFile(wheel).namelist() if n.startswith("reecal/")}
    package = {p.relative_to(ROOT).as_posix() for p in (ROOT / "reecal").rglob("*")
               if p.is_file() and p.suffix in (".py", ".toml", ".typed", ".html", ".css", ".js",
                                               ".txt", ".json")}
    assert shipped == package  # modules, data, templates, static files, py.typed; nothing else
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    away = tmp_path / "elsewhere"
    away.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run([sys.executable, "-c", "import reecal; print(len(reecal.load()), "
                          "reecal.__file__)"], cwd=away, env=env, capture_output=True,
                         text=True, check=True)
    # The web page's templates and static files come from the installed package too.
    site = subprocess.run([sys.executable, "-m", "reecal", "site", "build", str(away / "pub")],
                          cwd=away, env=env, capture_output=True, text=True)
    assert site.returncode == 0, site.stderr
    assert (away / "pub" / "static" / "reecal.js").is_file()
    count, where = out.stdout.split()
    assert int(count) == len(reecal.load())  # the same records as in the checkout
    assert where.startswith(str(target))
    # The cited documents ship too: every quote is checked, and shown in its context,
    # from the installed package.
    check = subprocess.run([sys.executable, "-c", "import reecal; from reecal.loading."
                            "provenance import check_sources; ds = reecal.load(); "
                            "assert check_sources(ds) == []; print(len(ds))"],
                           cwd=away, env=env, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    shown = subprocess.run([sys.executable, "-m", "reecal", "show",
                            "wang-lixia-visit-baotou-rare-earth-research-institute-2023",
                            "--context", "1"], cwd=away, env=env, capture_output=True, text=True)
    assert shown.returncode == 0, shown.stderr
    assert ">  11  Before the forum began, Wang Lixia visited" in shown.stdout
