"""Measurements made inside one child process of reecal's benchmark venv.

    python child.py import                 # peak RSS (KiB) of an interpreter that imports reecal
    python child.py load FILE              # peak RSS after loading FILE (no cache)
    python child.py export FILE RUNS       # export timings and memory above the dataset

Run by ``run.py`` with ``benchmarks/.venv``'s interpreter, from a temporary
directory, so the reecal imported is the installed one.  Each prints one JSON line.
The garbage collector is left as Python sets it.  Memory is Linux's VmHWM (this
process's own peak resident set); for the export, the peak is first reset to the
current resident set with ``/proc/self/clear_refs`` (5), so what is reported is the
peak above the loaded dataset, not the loader's earlier peak.
"""

from __future__ import annotations

import gc
import json
import statistics
import sys
import time


def status(field: str) -> int:
    """A ``/proc/self/status`` figure in KiB (VmHWM, VmRSS)."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise SystemExit(f"no {field} in /proc/self/status")


def reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
    except OSError:
        return False
    return True


def main(argv: list[str]) -> None:
    import reecal

    what, *rest = argv
    if what == "import":
        out: dict[str, object] = {"hwm": status("VmHWM")}
    elif what == "load":
        t = time.perf_counter()
        ds = reecal.load([rest[0]], bundled=False)
        out = {"secs": time.perf_counter() - t, "hwm": status("VmHWM"), "records": len(ds)}
    elif what == "export":
        from reecal.formats.ics import feed

        ds = reecal.load([rest[0]], bundled=False)
        gc.collect()
        loaded_hwm = status("VmHWM")
        reset = reset_peak()
        base = status("VmRSS") if reset else loaded_hwm
        times, events = [], 0
        for _ in range(int(rest[1])):
            t = time.perf_counter()
            data = feed(ds, name="bench")
            times.append(time.perf_counter() - t)
            events = data.count(b"BEGIN:VEVENT")
            del data
        out = {"secs": statistics.median(times), "events": events, "records": len(ds),
               "above": status("VmHWM") - base, "reset": reset, "gc": gc.isenabled()}
    else:
        raise SystemExit(f"unknown measure {what!r}")
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
