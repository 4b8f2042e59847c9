"""Clean virtual environments for the benchmarks: reecal's own and one per peer.

The interpreter a developer runs ``benchmarks/run.py`` with may carry site-wide
``.pth`` files (this workplace's base Python has a certifi hook and an editable-install
finder that add about 35 ms to every ``python -c pass``), which would flatter every
ratio against ``python -c pass``.  So each measured program runs from its own venv
made with ``python -m venv`` (no system site-packages) and a plain, non-editable
``pip install``: reecal from this checkout in ``benchmarks/.venv``, khal and the
``holidays`` package (which ships ``holidays-ics``) in ``benchmarks/.venv-khal`` and
``benchmarks/.venv-holidays``.  A venv is reused while its key (for reecal, the
SHA-256 of pyproject.toml and every file under ``reecal/``; for a peer, its
requirement) is unchanged, and rebuilt otherwise.  All are git-ignored.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
KEY_FILE = "bench-key"


@dataclass(frozen=True)
class Venv:
    path: Path

    @property
    def python(self) -> str:
        return str(self.path / "bin" / "python")

    def script(self, name: str) -> str:
        return str(self.path / "bin" / name)

    def version(self, dist: str) -> str:
        code = f"from importlib.metadata import version; print(version({dist!r}))"
        out = subprocess.run([self.python, "-c", code], capture_output=True, text=True,
                             check=True)
        return out.stdout.strip()


def source_hash() -> str:
    """SHA-256 over pyproject.toml and every file of the package (not caches)."""
    h = hashlib.sha256()
    files = [ROOT / "pyproject.toml",
             *sorted(p for p in (ROOT / "reecal").rglob("*")
                     if p.is_file() and "__pycache__" not in p.parts)]
    for p in files:
        h.update(str(p.relative_to(ROOT)).encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def _pip(venv: Venv, *args: str) -> None:
    out = subprocess.run([venv.python, "-m", "pip", "install", "--quiet",
                          "--disable-pip-version-check", *args],
                         capture_output=True, text=True)
    if out.returncode:
        sys.stderr.write(out.stdout + out.stderr)
        raise SystemExit(f"pip install {' '.join(args)} failed in {venv.path}")


def ensure(path: Path, key: str, install: list[list[str]], log: bool = True) -> Venv:
    """The venv at *path*, (re)made with ``pip install`` of each argument list in
    *install* unless it was made for the same *key* already."""
    venv = Venv(path)
    stamp = path / KEY_FILE
    if stamp.exists() and stamp.read_text(encoding="utf-8") == key \
            and Path(venv.python).exists():
        return venv
    if log:
        print(f"making {path.relative_to(ROOT)} (python -m venv, pip install) ...",
              flush=True)
    shutil.rmtree(path, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
    for args in install:
        _pip(venv, *args)
    stamp.write_text(key, encoding="utf-8")
    return venv


def _project() -> dict[str, object]:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["project"]  # type: ignore[no-any-return]


def _listed(name: str) -> str | None:
    """The project's requirement on *name* (dependencies or any extra), if it has one."""
    project = _project()
    extras = project.get("optional-dependencies", {})
    reqs = [*project.get("dependencies", []),  # type: ignore[misc]
            *(r for group in extras.values() for r in group)]  # type: ignore[attr-defined]
    for r in reqs:
        m = re.match(r"([A-Za-z0-9_.-]+)", r)
        if m and m.group(1).lower().replace("_", "-") == name:
            return str(r).split(";")[0].strip()
    return None


def reecal_venv() -> Venv:
    """reecal installed from this checkout (non-editable), plus tomli where the
    project lists it (the faster TOML parser it would pick up)."""
    install = [[str(ROOT)]]
    tomli = _listed("tomli")
    if tomli:
        install.append([tomli])
    # pip builds in the source tree: leave no build/ or egg-info that was not there
    junk = [p for p in (ROOT / "build", ROOT / "reecal.egg-info") if not p.exists()]
    venv = ensure(HERE / ".venv", source_hash(), install)
    for p in junk:
        shutil.rmtree(p, ignore_errors=True)
    return venv


def khal_venv() -> Venv:
    req = _listed("khal") or "khal"
    return ensure(HERE / ".venv-khal", req, [[req]])


def holidays_venv() -> Venv:
    """``holidays-ics`` is the console script of the ``holidays`` package (its
    generate_ics module), so its venv holds that package alone."""
    req = _listed("holidays") or "holidays"
    venv = ensure(HERE / ".venv-holidays", req, [[req]])
    if not Path(venv.script("holidays-ics")).exists():
        raise SystemExit(f"{req} installed no holidays-ics script: upgrade the package")
    return venv
