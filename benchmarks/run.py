"""reecal's speed and memory goals (issue 14) and its peers, measured in one run.

    python benchmarks/run.py            # everything (minutes); writes benchmarks/results.md
    python benchmarks/run.py --quick    # smoke test: 5 pairs, no 100k; prints only
    python benchmarks/run.py --quick --write   # ... and writes a results.md marked quick

Clean environments: every program is timed from a venv made for the benchmark with
``python -m venv`` and a non-editable ``pip install`` (envs.py): reecal from this
checkout in ``benchmarks/.venv`` (reused while the SHA-256 of pyproject.toml and
``reecal/`` is unchanged), khal and ``holidays`` in venvs of their own.  The
interpreter that runs this script is not measured: a base Python's site-wide .pth
files (here about 35 ms per start) would flatter every ratio.  Each ratio is against
``python -c pass`` of the same venv.

Goals, each with its result and met / NOT met:

1. Start-up on the bundled data, warm cache, ``--today 2025-11-01``: ``reecal
   upcoming`` and ``reecal deadlines`` at most 3x ``python -c pass``; ``reecal
   --help`` at most 2.5x; ``reecal list --format ics`` at most 6x.  Medians of at
   least 15 alternated pairs (A, B, A, B, ... after one warm-up of each).
2. Scale, on synthetic records (generate.py): the first load (empty cache) of 10k
   records in at most 1 s and of 100k in at most 8 s; warm ``upcoming`` on 100k in
   at most 0.5 s; peak memory at most 1 KiB per record over an interpreter that only
   imports reecal (VmHWM of two children); ``list --format json`` on 100k in at most
   3 s.
3. Export (``reecal.formats.ics.feed``, in a child, garbage collector as Python sets
   it): at least 10,000 events/s at 100k; time per record from 1k to 100k within
   1.3x; peak memory at most 4 KiB per event above the loaded dataset.
4. Peers in the same run: ``khal list`` on a 40-event vdir and ``holidays-ics`` (the
   ``holidays`` package's console script), each against its own venv's
   ``python -c pass`` (peers.py: temporary HOME and XDG dirs, no network).

Nothing here is asserted by the test suite; tests/test_readme.py keeps the README's
table equal to benchmarks/results.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import envs  # noqa: E402
import peers  # noqa: E402
from generate import ensure  # noqa: E402
from measure import Table, alternate, child, median_of, ms, run_once, secs  # noqa: E402

TODAY = "2025-11-01"
KIB = "KiB"


def startup(t: Table, venv: envs.Venv, env: dict[str, str], pairs: int) -> float:
    """Goal 1; returns the venv's ``python -c pass`` median (first pair)."""
    pyc = [venv.python, "-c", "pass"]
    rc = venv.script("reecal")
    base, first = 0.0, True
    for name, args, limit in (
            ("reecal upcoming (bundled, warm cache)", ["--today", TODAY, "upcoming"], 3),
            ("reecal deadlines (bundled, warm cache)", ["--today", TODAY, "deadlines"], 3),
            ("reecal --help", ["--help"], 2.5),
            ("reecal list --format ics (bundled, warm cache)",
             ["--today", TODAY, "list", "--format", "ics"], 6)):
        t_pass, t_cmd = alternate(pyc, [rc, *args], pairs, env)
        if first:
            t.add("python -c pass (benchmarks/.venv)", ms(t_pass))
            base, first = t_pass, False
        t.ratio(name, t_pass, t_cmd, limit)
    return base


def scale(t: Table, venv: envs.Venv, env: dict[str, str], quick: bool, pairs: int) -> None:
    """Goal 2."""
    rc = venv.script("reecal")
    cache = Path(env["XDG_CACHE_HOME"]) / "reecal"

    def cold() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    for n, limit in ((10_000, 1.0), (100_000, 8.0)):
        if quick and n > 10_000:
            t.add(f"first load of {n // 1000}k records (empty cache): `upcoming`",
                  "not run (--quick)",
                  f"<= {limit:g} s")
            continue
        cmd = [rc, "--no-bundled", "--data", str(ensure(n)), "--today", TODAY, "upcoming"]
        first = median_of(cmd, 1 if quick else 3, env, before=cold)
        t.add(f"first load of {n // 1000}k records (empty cache): `upcoming`", secs(first),
              f"<= {limit:g} s", first <= limit)
    n = 10_000 if quick else 100_000
    data = str(ensure(n))
    cmd = [rc, "--no-bundled", "--data", data, "--today", TODAY, "upcoming"]
    t_pass, warm = alternate([venv.python, "-c", "pass"], cmd, max(3, pairs // 3), env)
    t.add(f"warm `upcoming` on {n // 1000}k records", f"{secs(warm)} = {warm / t_pass:.0f}x",
          "<= 0.5 s" if n == 100_000 else "(100k: <= 0.5 s)",
          warm <= 0.5 if n == 100_000 else None)
    listing = [rc, "--no-bundled", "--data", data, "list", "--format", "json"]
    median_of(listing, 1, env)  # the first run makes the text the cache keeps
    js = median_of(listing, 3, env)
    t.add(f"`list --format json` on {n // 1000}k records (warm cache)", secs(js),
          "<= 3 s" if n == 100_000 else "(100k: <= 3 s)", js <= 3 if n == 100_000 else None)
    base = child(venv.python, "import", env=env)["hwm"]
    loaded = child(venv.python, "load", data, env=env)
    per = (loaded["hwm"] - base) / loaded["records"]
    t.add(f"peak memory loading {n // 1000}k records, over `import reecal`",
          f"{per:.2f} {KIB}/record ({base / 1024:.0f} -> {loaded['hwm'] / 1024:.0f} MiB)",
          f"<= 1 {KIB}/record", per <= 1)


def export(t: Table, venv: envs.Venv, env: dict[str, str], quick: bool) -> None:
    """Goal 3."""
    sizes = (1000, 10_000) if quick else (1000, 10_000, 100_000)
    per: dict[int, float] = {}
    last: dict[str, float] = {}
    for n in sizes:
        runs = {1000: 5, 10_000: 3}.get(n, 1)
        last = child(venv.python, "export", str(ensure(n)), str(runs), env=env)
        per[n] = last["secs"] / last["records"]
    n = sizes[-1]
    rate = last["events"] / last["secs"]
    big = n == 100_000
    t.add(f"export of {n // 1000}k records ({last['events']:.0f} events)",
          f"{secs(last['secs'])} = {rate:,.0f} events/s",
          ">= 10,000/s" if big else "(100k: >= 10,000/s)", rate >= 10_000 if big else None)
    spread = max(per.values()) / min(per.values())
    t.add("export time per record across " + "/".join(f"{k // 1000}k" for k in per),
          " / ".join(f"{v * 1e6:.0f} us" for v in per.values()) + f" (spread {spread:.2f}x)",
          "<= 1.3x", spread <= 1.3 if big else None)
    above = last["above"] / last["events"]
    how = "peak reset after load" if last["reset"] else "VmHWM after load vs after export"
    gc = "" if last["gc"] else ", gc OFF"
    t.add(f"export {n // 1000}k: peak memory above the loaded dataset",
          f"{above:.2f} {KIB}/event ({how}{gc})", f"<= 4 {KIB}/event",
          above <= 4 and bool(last["gc"]))


def peer_rows(t: Table, pairs: int, tmp: Path) -> None:
    """Goal 4: each peer against its own venv's ``python -c pass``."""
    for label, make, setup in (
            ("khal list (40-event vdir)", envs.khal_venv, peers.khal_setup),
            ("holidays-ics CN -y 2026 -o FILE", envs.holidays_venv, peers.holidays_setup)):
        venv = make()
        cmd, env = setup(venv, tmp / label.split()[0])
        dist = "khal" if label.startswith("khal") else "holidays"
        t_pass, t_cmd = alternate([venv.python, "-c", "pass"], cmd, pairs, env)
        t.add(f"peer: {label}, {dist} {venv.version(dist)}",
              f"{ms(t_cmd)} = {t_cmd / t_pass:.2f}x its python -c pass ({ms(t_pass)})",
              "", None, "peer")


def machine() -> str:
    cpu = ""
    with open("/proc/cpuinfo", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (f"Machine: {os.cpu_count()} cores, {cpu or platform.processor()}, "
            f"{platform.system()} {platform.release()}; Python {platform.python_version()}.")


def write(t: Table, quick: bool, pairs: int, minutes: float, versions: str) -> None:
    mode = " --quick --write" if quick else ""
    lines = [
        "# Benchmark results",
        "",
        *(["**Quick run (smoke mode): fewer pairs and no 100k records; not the goals' "
           "measurement. A full `python benchmarks/run.py` replaces it.**", ""]
          if quick else []),
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `python benchmarks/run.py{mode}`"
        f" in {minutes:.0f} min, {pairs} alternated pairs per start-up ratio (medians).",
        machine(),
        f"Environments: clean venvs (`python -m venv`, non-editable `pip install`): {versions};"
        " each ratio is against its own venv's `python -c pass`.",
        "",
        *t.markdown(),
        "",
        "Reproduce: `python benchmarks/run.py` (it makes the venvs under `benchmarks/`"
        " and the synthetic",
        "data under `benchmarks/data/` with `benchmarks/generate.py`; none is committed).",
        "",
    ]
    (HERE / "results.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"\nwrote {HERE / 'results.md'}")
    sync_readme(lines)


def sync_readme(lines: list[str]) -> None:
    """Put results.md's header lines and table into README's "## Performance"
    section, in place of the ones there (tests/test_readme.py checks they match)."""
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    head, sep, rest = text.partition("## Performance")
    section, nxt, tail = rest.partition("\n## ")
    block = [ln for ln in lines if ln.startswith(("**Quick", "Measured", "Machine:",
                                                  "Environments:"))]
    table = [ln for ln in lines if ln.startswith("|")]
    new = re.sub(r"^(\*\*Quick.*\n\n)?Measured .*?(?=\n\n)", "\n".join(block[:1]) + (
        "\n\n" + "\n".join(block[1:]) if block[0].startswith("**") else
        "\n" + "\n".join(block[1:])), section, count=1, flags=re.S | re.M)
    new = re.sub(r"^\|.*?\|\n(?!\|)", "\n".join(table) + "\n", new, count=1,
                 flags=re.S | re.M)
    if sep and new != section:
        readme.write_text(head + sep + new + nxt + tail, encoding="utf-8")
        print(f"updated {readme}'s performance section")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true",
                    help="smoke test: fewer pairs, no 100k; writes nothing unless --write")
    ap.add_argument("--write", action="store_true",
                    help="with --quick: write results.md (marked quick) all the same")
    ap.add_argument("--pairs", type=int, default=None,
                    help="alternated pairs per start-up ratio (default 15, quick 5)")
    args = ap.parse_args()
    pairs = args.pairs or (5 if args.quick else 15)
    if not args.quick and pairs < 15:
        ap.error("a full run takes at least 15 pairs (or use --quick)")
    began = time.monotonic()
    # a kill (SIGTERM) unwinds like Ctrl-C, so the temporary directories go too
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    venv = envs.reecal_venv()
    # the data files are made here, outside any timing
    subprocess.run([sys.executable, str(HERE / "generate.py"), "1000", "10000",
                    *([] if args.quick else ["100000"])], check=True,
                   stdout=subprocess.DEVNULL)
    tmp = Path(tempfile.mkdtemp(prefix="reecal-bench-"))
    try:
        env = peers.isolated_env(tmp / "reecal")  # a cache shared by the warm runs
        env["REECAL_TZ"] = "UTC"
        run_once([venv.script("reecal"), "--today", TODAY, "upcoming"], env)  # warm
        t = Table()
        startup(t, venv, env, pairs)
        peer_rows(t, pairs, tmp)
        scale(t, venv, env, args.quick, pairs)
        export(t, venv, env, args.quick)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    minutes = (time.monotonic() - began) / 60
    versions = (f"reecal {venv.version('reecal')} (`benchmarks/.venv`), "
                f"khal {envs.khal_venv().version('khal')}, "
                f"holidays {envs.holidays_venv().version('holidays')}")
    print(f"\n{minutes:.1f} min; {t.unmet} goal(s) NOT met")
    if args.quick and not args.write:
        print("--quick: results.md left as it was (add --write to write it, marked quick)")
        return
    write(t, args.quick, pairs, minutes, versions)


if __name__ == "__main__":
    main()
