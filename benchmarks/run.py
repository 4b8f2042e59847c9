"""reecal's speed and memory goals, measured side by side in one run.

    python benchmarks/run.py            # all, writes benchmarks/results.md
    python benchmarks/run.py --quick    # fewer runs and no 100k export (a smoke test)

1. Cold start: ``reecal upcoming`` (bundled data) against ``python -c pass``, and
   ``reecal --help`` likewise.  Goals: at most 7x and 5x.
2. Scale: ``reecal --data <N records> upcoming`` for 1k, 10k, 100k synthetic records:
   the first run (empty cache) and the warm runs.  Goal at 10k: warm at most 20x
   ``python -c pass``.
3. Export: building a feed of N records through reecal against building the same
   calendar directly with icalendar (goal: at most 1.2x), time per record across N
   (goal: varies at most 1.5x), peak memory, and a plain string writer for reference.

Commands are alternated (A, B, A, B, ...) and medians quoted, so load on the machine
hits both alike.  Nothing here is asserted by the test suite.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import ensure  # noqa: E402


def reecal_cmd() -> list[str]:
    """The installed console script beside this interpreter (not a shell shim)."""
    script = Path(sys.executable).with_name("reecal")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "reecal"]


def run_once(cmd: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                   check=True, cwd=tempfile.gettempdir())
    return time.perf_counter() - t


def alternate(a: list[str], b: list[str], runs: int, env: dict[str, str]
              ) -> tuple[float, float]:
    """Medians of *runs* alternated runs of a and b (after one warm-up of each)."""
    run_once(a, env)
    run_once(b, env)
    ta, tb = [], []
    for _ in range(runs):
        ta.append(run_once(a, env))
        tb.append(run_once(b, env))
    return statistics.median(ta), statistics.median(tb)


def ms(x: float) -> str:
    return f"{x * 1000:.1f} ms"


# --------------------------------------------------------------------------- export


def build_reecal(ds: object) -> bytes:
    from reecal.formats.ics import feed

    return feed(ds, name="bench")  # type: ignore[arg-type]


def build_direct(ds: object) -> bytes:
    """The same calendar built with icalendar's API by hand: the same VEVENTs with the
    same properties and texts (reecal's summary/describe), no reecal machinery."""
    from datetime import UTC, timedelta

    from icalendar import Calendar, Event, vGeo

    from reecal.formats.prose import describe, summary
    from reecal.model.dates import Part, end_of_minute
    from reecal.model.records import Event as Rec

    def add(cal: Calendar, r: object, uid: str, start: object, end: object,
            part: Part) -> None:
        stamp = r.updated.astimezone(UTC)  # type: ignore[attr-defined]
        ev = Event.new(uid=uid, stamp=stamp, last_modified=stamp,
                       sequence=r.revision, start=start, end=end,  # type: ignore[attr-defined]
                       summary=summary(r, part), description=describe(r, ds),  # type: ignore[arg-type]
                       location=r.place.label if r.place else None)  # type: ignore[attr-defined]
        place = r.place  # type: ignore[attr-defined]
        if place is not None and place.lat is not None:
            ev.add("GEO", vGeo((place.lat, place.lon)))
        ev.add("CATEGORIES", [r.kind.value, *r.tags])  # type: ignore[attr-defined]
        ev.add("STATUS", "CONFIRMED")
        ev.add("CLASS", "PUBLIC")
        ev.add("TRANSP", "TRANSPARENT")
        cal.add_component(ev)

    cal = Calendar.new(prodid="-//bench//EN", name="bench", uid="bench")
    for r in ds:  # type: ignore[attr-defined]
        if isinstance(r, Rec):
            add(cal, r, f"{r.id}@reecal", r.start, (r.end or r.start) + timedelta(days=1),
                Part.EVENT)
            continue
        w = r.window
        if w.opens is not None:
            add(cal, r, f"{r.id}.opens@reecal", w.opens, w.opens + timedelta(days=1), Part.OPENS)
        add(cal, r, f"{r.id}.closes@reecal", w.closes_at, end_of_minute(w.closes_at),
            Part.CLOSES)
    years = [e.start.year for e in cal.walk("VEVENT") if hasattr(e.start, "hour")]
    from datetime import date

    cal.add_missing_timezones(first_date=date(min(years), 1, 1),
                              last_date=date(max(years) + 1, 12, 31))
    data: bytes = cal.to_ical()
    return data


def _escape(s: str) -> str:
    return (s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def _fold(line: str) -> str:
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line + "\r\n"
    out, cur, size = [], [], 0
    limit = 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append("".join(cur))
            cur, size, limit = [], 0, 74
        cur.append(ch)
        size += n
    out.append("".join(cur))
    return "\r\n ".join(out) + "\r\n"


def build_plain(ds: object) -> bytes:
    """A plain, correct string writer (events only; for reference)."""
    from datetime import timedelta

    from reecal.formats.prose import describe, summary
    from reecal.model.records import Event as Rec

    parts = ["BEGIN:VCALENDAR\r\n", "VERSION:2.0\r\n", "PRODID:-//bench//EN\r\n"]
    for r in ds:  # type: ignore[attr-defined]
        if not isinstance(r, Rec):
            continue
        parts += ["BEGIN:VEVENT\r\n", _fold(f"UID:{r.id}@reecal"),
                  f"DTSTAMP:{r.updated:%Y%m%dT%H%M%SZ}\r\n",
                  f"DTSTART;VALUE=DATE:{r.start:%Y%m%d}\r\n",
                  f"DTEND;VALUE=DATE:{(r.end or r.start) + timedelta(days=1):%Y%m%d}\r\n",
                  _fold("SUMMARY:" + _escape(summary(r))),
                  _fold("DESCRIPTION:" + _escape(describe(r))), "END:VEVENT\r\n"]
    parts.append("END:VCALENDAR\r\n")
    return "".join(parts).encode("utf-8")


def peak_kib() -> int:
    """This process's peak resident memory in KiB.

    Linux's VmHWM belongs to the process's own memory map; ``ru_maxrss`` would also
    count the parent's size at fork (inherited across exec), which misled an earlier
    run after the parent had generated the 100k file.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)  # KiB on Linux


def export_child(n: int, which: str, runs: int) -> None:
    """Run in a child process: time a build of N records; print seconds and peak RSS."""
    import reecal

    ds = reecal.load([ensure(n)], bundled=False)
    fn = {"reecal": build_reecal, "direct": build_direct, "plain": build_plain}[which]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn(ds)
        times.append(time.perf_counter() - t)
    peak = peak_kib()
    print(f"{statistics.median(times)} {peak}")


def export_measure(n: int, which: str, runs: int, env: dict[str, str]) -> tuple[float, int]:
    out = subprocess.run([sys.executable, __file__, "--child", which, str(n), str(runs)],
                         capture_output=True, text=True, check=True, env=env)
    secs, peak = out.stdout.split()
    return float(secs), int(peak)


def baseline_rss(n: int, env: dict[str, str]) -> int:
    code = (f"import reecal, sys; sys.path.insert(0, {str(HERE)!r}); "
            f"from generate import ensure; from run import peak_kib; "
            f"reecal.load([ensure({n})], bundled=False); print(peak_kib())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=env)
    return int(out.stdout)


# --------------------------------------------------------------------------- main


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer runs, no 100k export")
    ap.add_argument("--runs", type=int, default=None)
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        which, n, runs = args.child
        export_child(int(n), which, int(runs))
        return
    runs = args.runs or (7 if args.quick else 15)
    cache = tempfile.mkdtemp(prefix="reecal-bench-cache-")
    env = {**os.environ, "XDG_CACHE_HOME": cache, "REECAL_TODAY": "2026-11-23",
           "REECAL_TZ": "UTC"}
    env.pop("COLUMNS", None)
    # make the data files in a child, so this process stays small
    subprocess.run([sys.executable, str(HERE / "generate.py"), "1000", "10000", "100000"],
                   check=True, stdout=subprocess.DEVNULL)
    pyc = [sys.executable, "-c", "pass"]
    rc = reecal_cmd()
    rows: list[tuple[str, str, str, str]] = []
    lines: list[str] = []

    def report(name: str, value: str, goal: str, ok: bool | None) -> None:
        status = "" if ok is None else ("met" if ok else "NOT met")
        rows.append((name, value, goal, status))
        print(f"{name:58} {value:26} {goal:14} {status}", flush=True)

    # 1. cold start
    t_pass, t_up = alternate(pyc, [*rc, "upcoming"], runs, env)
    report("python -c pass", ms(t_pass), "", None)
    report("reecal upcoming (bundled)", f"{ms(t_up)} = {t_up / t_pass:.1f}x", "<= 7x",
           t_up / t_pass <= 7)
    t_pass2, t_help = alternate(pyc, [*rc, "--help"], runs, env)
    report("reecal --help", f"{ms(t_help)} = {t_help / t_pass2:.1f}x", "<= 5x",
           t_help / t_pass2 <= 5)

    # 2. scale
    for n in (1000, 10_000, 100_000):
        data = str(ensure(n))
        shutil.rmtree(cache, ignore_errors=True)
        first = run_once([*rc, "--data", data, "upcoming"], env)
        t_p, t_warm = alternate(pyc, [*rc, "--data", data, "upcoming"],
                                runs if n < 100_000 else max(3, runs // 3), env)
        goal = "<= 20x" if n == 10_000 else ""
        report(f"reecal --data {n // 1000}k upcoming: first run", ms(first), "", None)
        report(f"reecal --data {n // 1000}k upcoming: warm", f"{ms(t_warm)} = "
               f"{t_warm / t_p:.1f}x", goal, (t_warm / t_p <= 20) if n == 10_000 else None)

    # 3. export
    sizes = (1000, 10_000) if args.quick else (1000, 10_000, 100_000)
    per_record = {}
    for n in sizes:
        r_runs = 3 if n < 100_000 else 1
        rs, ds_, ps = [], [], []
        peak_r = peak_d = 0
        for _ in range(3 if n < 100_000 else 1):  # alternate reecal / direct
            t, peak_r = export_measure(n, "reecal", r_runs, env)
            rs.append(t)
            t, peak_d = export_measure(n, "direct", r_runs, env)
            ds_.append(t)
        ps.append(export_measure(n, "plain", r_runs, env)[0])
        base = baseline_rss(n, env)
        t_r, t_d, t_s = statistics.median(rs), statistics.median(ds_), statistics.median(ps)
        per_record[n] = t_r / n
        report(f"export {n // 1000}k: reecal vs direct icalendar",
               f"{t_r:.2f} s / {t_d:.2f} s = {t_r / t_d:.2f}x", "<= 1.2x", t_r / t_d <= 1.2)
        report(f"export {n // 1000}k: plain string writer (reference)",
               f"{t_s:.2f} s (icalendar {t_d / t_s:.0f}x slower)", "", None)
        report(f"export {n // 1000}k: peak memory, reecal / direct icalendar",
               f"{(peak_r - base) / n:.1f} / {(peak_d - base) / n:.1f} KiB per record "
               f"({peak_r // 1024} / {peak_d // 1024} MiB RSS)", "", None)
    spread = max(per_record.values()) / min(per_record.values())
    report("export: time per record across N " + "/".join(f"{n // 1000}k" for n in sizes),
           " / ".join(f"{v * 1e6:.0f} us" for v in per_record.values())
           + f" (spread {spread:.2f}x)", "<= 1.5x", spread <= 1.5)

    shutil.rmtree(cache, ignore_errors=True)
    cpu = ""
    with open("/proc/cpuinfo", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    lines = [
        "# Benchmark results",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `python benchmarks/run.py"
        f"{' --quick' if args.quick else ''}`, {runs} alternated runs per command pair "
        "(medians).",
        f"Machine: {os.cpu_count()} cores, {cpu or platform.processor()}, "
        f"{platform.system()} {platform.release()}; Python {platform.python_version()}.",
        "",
        "| measure | result | goal | |",
        "|---|---|---|---|",
        *[f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows],
        "",
        "Reproduce: `pip install . && python benchmarks/run.py` (synthetic data is made by",
        "`benchmarks/generate.py` under `benchmarks/data/`, not committed).",
        "",
    ]
    (HERE / "results.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"\nwrote {HERE / 'results.md'}")


if __name__ == "__main__":
    main()
