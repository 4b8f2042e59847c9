"""Hostile 8 MB iCalendar files through `reecal lint`: time and peak memory of each.

    python benchmarks/hostile.py

Issue 13's goal: any 8 MB file in under 10 s and under 300 MB.  Each file is linted
in its own process, which reports its peak RSS; the files are made in a temporary
directory and removed afterwards.  Run by hand; the tests only check the bounded
findings and memory at a smaller size (tests/formats/test_lint_limits.py).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

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
    }


_RUN = """
import runpy, sys
sys.argv = ["reecal", "lint", sys.argv[1]]
try:
    runpy.run_module("reecal", run_name="__main__")
except SystemExit:
    pass
with open("/proc/self/status", encoding="ascii") as status:
    print(next(x for x in status if x.startswith("VmHWM:")).split()[1], file=sys.stderr)
"""
"""`reecal lint FILE` in a process that reports its own peak RSS (KiB) at exit: VmHWM,
which starts afresh at exec (getrusage's maxrss would include the forking parent's)."""


def main() -> None:
    print("| file (8 MB) | time | peak memory | goal |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in cases().items():
            path = Path(tmp, "x.ics")
            path.write_bytes(data)
            t0 = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", _RUN, str(path)], check=False,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            took = time.perf_counter() - t0
            mib = int(done.stderr.split()[-1]) / 1024
            met = "met" if took < 10 and mib < 300 else "NOT met"
            print(f"| {name} | {took:.1f} s | {mib:.0f} MiB | {met} |")


if __name__ == "__main__":
    main()
