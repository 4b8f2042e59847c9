"""Hostile and large inputs: time and peak memory of each, in a process of its own.

    python benchmarks/hostile.py          # both tables
    python benchmarks/hostile.py lint     # 8 MB hostile iCalendar files
    python benchmarks/hostile.py data     # a 50 MiB data file

Issue 13's goals: `reecal lint` takes any 8 MB file in under 10 s and under 300 MB,
and a 50 MB data file (one file of many valid records, made by generate.py) loads and
lists within a few times its size.  Each command runs in its own process, which
reports its peak RSS; the files are made in a temporary directory and removed
afterwards.  Run by hand; the tests check bounded findings and memory at smaller
sizes (tests/formats/test_lint_limits.py, tests/loading/test_scale.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

SIZE = 8 * 1024 * 1024 - 256
HEAD = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\n"
TAIL = b"END:VCALENDAR\r\n"


def cases(size: int = SIZE) -> dict[str, bytes]:
    """Name -> a file of about *size* bytes built to make a linter work hard."""
    return {
        "commas in one parameter": HEAD + b"X-A;P=" + b"," * size + b":v\r\n" + TAIL,
        "END:X lines": HEAD + b"END:X\r\n" * (size // 7) + TAIL,
        "BEGIN:X lines": HEAD + b"BEGIN:X\r\n" * (size // 9) + TAIL,
        "one long line": HEAD + b"SUMMARY:" + b"a" * size + b"\r\n" + TAIL,
        "folds": HEAD + b"SUMMARY:a\r\n" + b" b\r\n" * (size // 4) + TAIL,
        "escapes": HEAD + b"SUMMARY:" + b"\\," * (size // 2) + b"\r\n" + TAIL,
        "bare LFs": HEAD + b"X-A:b\n" * (size // 6) + TAIL,
        "properties outside": HEAD + TAIL + b"X-A:b\r\n" * (size // 7),
        "not UTF-8": HEAD + b"SUMMARY:\xff\r\n" * (size // 11) + TAIL,
        # the most lines 8 MB can hold: the per-line cost at its worst
        "blank lines": HEAD + b"\n" * size + TAIL,
        "shortest properties": HEAD + b"A:\n" * (size // 3) + TAIL,
        "not content lines": HEAD + b"x\n" * (size // 2) + TAIL,
        "a control character per line": HEAD + b"A:\x00\n" * (size // 4) + TAIL,
        "parameters": HEAD + b"A;B=C:\n" * (size // 7) + TAIL,
        "quoted parameter values": HEAD + b"X-A;P=" + b'"a",' * (size // 4) + b'"a":v\r\n'
        + TAIL,
        "a long recurrence rule": HEAD + b"RRULE:FREQ=DAILY;BYSECOND=" + b"1," * (size // 2)
        + b"1\r\n" + TAIL,
        "recurrence rules": HEAD + b"RRULE:FREQ=SECONDLY;BYSECOND=1\r\n" * (size // 33) + TAIL,
    }


_PEAK = """
with open("/proc/self/status", encoding="ascii") as status:
    print(next(x for x in status if x.startswith("VmHWM:")).split()[1], file=sys.stderr)
"""
_RUN = """
import runpy, sys
sys.argv = ["reecal", *sys.argv[1:]]
try:
    runpy.run_module("reecal", run_name="__main__")
except SystemExit:
    pass
""" + _PEAK
"""`reecal ARGS...` in a process that reports its own peak RSS (KiB) at exit: VmHWM,
which starts afresh at exec (getrusage's maxrss would include the forking parent's)."""
_LOAD = """
import sys, reecal
reecal.load(sys.argv[1], bundled=False)
""" + _PEAK
"""Loading FILE alone (parsed and checked, no cache), reporting its peak RSS likewise."""

DATA_SIZE = 50 * 2**20


def peak(code: str, *args: str, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Seconds and peak MiB of ``python -c code args...``."""
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *args], check=False, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return time.perf_counter() - t0, int(done.stderr.split()[-1]) / 1024


def lint_table() -> None:
    print("| file (8 MB) | time | peak memory | goal |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in cases().items():
            path = Path(tmp, "x.ics")
            path.write_bytes(data)
            took, mib = peak(_RUN, "lint", str(path))
            met = "met" if took < 10 and mib < 300 else "NOT met"
            print(f"| {name} | {took:.1f} s | {mib:.0f} MiB | {met} |")


def data_table(size: int = DATA_SIZE) -> None:
    """Peak RSS of loading and listing one data file of about *size* bytes, against
    its size, and against the same with an empty file (the interpreter and reecal)."""
    records = round(size / (len(generate(1000).encode()) / 1000))
    text = generate(records)
    with tempfile.TemporaryDirectory() as tmp:
        path, empty = Path(tmp, "big.toml"), Path(tmp, "empty.toml")
        path.write_text(text, encoding="utf-8")
        empty.write_text("", encoding="utf-8")
        mb = path.stat().st_size / 2**20
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp, "cache"))}

        def listing(data: str) -> tuple[str, ...]:
            return ("--no-bundled", "--data", data, "list", "--format", "json")

        runs = [("loading alone", _LOAD, lambda data: (data,)),
                ("list --format json, first run", _RUN, listing),
                ("list --format json, from the cache", _RUN, listing)]
        print(f"| {mb:.0f} MiB data file ({records} records) | time "
              "| peak RSS | peak / size | above an empty file / size |")
        print("|---|---|---|---|---|")
        for name, code, argv in runs:
            _, base = peak(code, *argv(str(empty)), env=env)
            took, mib = peak(code, *argv(str(path)), env=env)
            print(f"| {name} | {took:.1f} s | {mib:.0f} MiB | {mib / mb:.1f}x "
                  f"| {(mib - base) / mb:.1f}x |")


def main() -> None:
    which = sys.argv[1:] or ["lint", "data"]
    if "lint" in which:
        lint_table()
    if "data" in which:
        data_table()


if __name__ == "__main__":
    main()
