"""Write synthetic reecal data files of N records (for benchmarks; not committed).

    python benchmarks/generate.py 10000            # -> benchmarks/data/records-10000.toml

About one record in five is a programme with an application window; the rest are
events of every kind, spread over 2020-2035 in a handful of zones, with tags,
organisers, places and a source each, like the bundled data.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = ["conference", "forum", "exhibition", "visit", "meeting"]
TAGS = ["magnets", "catalysis", "hydrogen-storage", "separation", "talent", "alloys",
        "optoelectronics", "supply-chain"]
ZONES = ["Asia/Shanghai", "Europe/Berlin", "America/New_York", "Australia/Adelaide",
         "Asia/Kolkata", "AoE"]
CITIES = [("Nanchang", "Jiangxi", "China"), ("Baotou", "Inner Mongolia", "China"),
          ("Ganzhou", "Jiangxi", "China"), ("Berlin", "Berlin", "Germany"),
          ("Denver", "Colorado", "United States")]


def q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate(n: int, seed: int = 7) -> str:
    rnd = random.Random(seed)
    out = ['[[organisation]]\nid = "bench-org"\nname = "Benchmark Society"\n'
           'name_zh = "基准学会"\nshort = "BS"\n']
    for i in range(n):
        start = date(2020, 1, 1) + timedelta(days=rnd.randrange(0, 16 * 365))
        tags = ", ".join(q(t) for t in rnd.sample(TAGS, 2))
        city, region, country = rnd.choice(CITIES)
        if i % 5 == 4:
            tz = rnd.choice(ZONES)
            closes = (f"{start.isoformat()}T17:00:00" if rnd.random() < 0.5
                      else start.isoformat())
            out.append(f"""[[programme]]
id = "bench-programme-{i}"
title = {q(f"Benchmark programme {i}: 稀土人才计划")}
organisers = ["bench-org"]
tags = [{tags}]
eligibility = "Doctoral students, with at least two years before graduation."
updated = 2026-11-01T00:00:00Z
[programme.window]
opens = {(start - timedelta(days=30)).isoformat()}
closes = {closes}
tz = {q(tz)}
[[programme.sources]]
document = "https://example.org/programme/{i}"
quote = "Applications close on {start.isoformat()}."
""")
        else:
            end = start + timedelta(days=rnd.randrange(0, 4))
            out.append(f"""[[event]]
id = "bench-event-{i}"
kind = {q(rnd.choice(KINDS))}
title = {q(f"Benchmark {i}th Rare Earth Forum, {city}")}
start = {start.isoformat()}
end = {end.isoformat()}
organisers = ["bench-org"]
tags = [{tags}]
summary = "A synthetic event for benchmarks; commas, semicolons; and 中文 text."
updated = 2026-11-01T00:00:00Z
[event.place]
city = {q(city)}
region = {q(region)}
country = {q(country)}
tz = "Asia/Shanghai"
lat = 28.68
lon = 115.86
[[event.sources]]
document = "https://example.org/event/{i}"
quote = "From {start.isoformat()} to {end.isoformat()}."
""")
    return "\n".join(out)


def path_for(n: int) -> Path:
    return HERE / "data" / f"records-{n}.toml"


def ensure(n: int) -> Path:
    p = path_for(n)
    if not p.exists():
        p.parent.mkdir(exist_ok=True)
        p.write_text(generate(n), encoding="utf-8")
    return p


def main(argv: list[str] | None = None) -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[1000, 10_000, 100_000],
                    metavar="N", help="records per file (default: 1000 10000 100000)")
    for n in ap.parse_args(argv).sizes:
        if n < 1:
            ap.error(f"N must be at least 1, not {n}")
        print(ensure(n))


if __name__ == "__main__":
    main()
