"""Timing helpers and the results table for run.py."""

from __future__ import annotations

import json
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run_once(cmd: list[str], env: dict[str, str], cwd: str | None = None) -> float:
    """Wall time of one run of *cmd* (output discarded; a failure stops the benchmark)."""
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                   check=True, cwd=cwd or tempfile.gettempdir())
    return time.perf_counter() - t


def alternate(a: list[str], b: list[str], pairs: int, env: dict[str, str],
              before_b: Callable[[], None] | None = None) -> tuple[float, float]:
    """Medians of *pairs* alternated runs A, B, A, B, ... after one warm-up of each,
    so that load on the machine hits both alike."""
    run_once(a, env)
    run_once(b, env)
    ta, tb = [], []
    for _ in range(pairs):
        ta.append(run_once(a, env))
        if before_b:
            before_b()
        tb.append(run_once(b, env))
    return statistics.median(ta), statistics.median(tb)


def median_of(cmd: list[str], runs: int, env: dict[str, str],
              before: Callable[[], None] | None = None) -> float:
    times = []
    for _ in range(runs):
        if before:
            before()
        times.append(run_once(cmd, env))
    return statistics.median(times)


def child(python: str, *args: str, env: dict[str, str]) -> dict[str, float]:
    """One measurement by child.py in the interpreter *python* (see child.py)."""
    out = subprocess.run([python, str(HERE / "child.py"), *args], capture_output=True,
                         text=True, check=True, env=env, cwd=tempfile.gettempdir())
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def ms(x: float) -> str:
    return f"{x * 1000:.1f} ms"


def secs(x: float) -> str:
    return f"{x:.2f} s"


@dataclass
class Table:
    rows: list[tuple[str, str, str, str]] = field(default_factory=list)

    def add(self, name: str, value: str, goal: str = "", ok: bool | None = None,
            note: str = "") -> None:
        status = note if ok is None else ("met" if ok else "NOT met")
        self.rows.append((name, value, goal, status))
        print(f"{name:52} {value:38} {goal:12} {status}", flush=True)

    def ratio(self, name: str, base: float, t: float, limit: float) -> None:
        r = t / base
        self.add(name, f"{ms(t)} = {r:.2f}x", f"<= {limit:g}x", r <= limit)

    def markdown(self) -> list[str]:
        return ["| measure | result | goal | |", "|---|---|---|---|",
                *[f"| {a} | {b} | {c} | {d} |" for a, b, c, d in self.rows]]

    @property
    def unmet(self) -> int:
        return sum(row[3] == "NOT met" for row in self.rows)
