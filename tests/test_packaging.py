"""The data ships in the wheel: an installed reecal works outside the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import reecal
from tests.support import ROOT

pytestmark = pytest.mark.slow

pytestmark = pytest.mark.slow


def test_wheel_carries_the_data_and_works_outside_the_checkout(tmp_path: Path) -> None:
    # --no-build-isolation: no network; setuptools comes with the test environment
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path / "dist"), str(ROOT)], check=True,
                   capture_output=True)
    [wheel] = (tmp_path / "dist").glob("reecal-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    data = sorted(n for n in names if n.startswith("reecal/data/"))
    assert data == sorted(f"reecal/data/{p.name}" for p in (ROOT / "reecal" / "data").glob(
        "*.toml"))
    assert "reecal/py.typed" in names
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    away = tmp_path / "elsewhere"
    away.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run([sys.executable, "-c", "import reecal; print(len(reecal.load()), "
                          "reecal.__file__)"], cwd=away, env=env, capture_output=True,
                         text=True, check=True)
    count, where = out.stdout.split()
    assert int(count) == len(reecal.load())  # the same records as in the checkout
    assert where.startswith(str(target))
