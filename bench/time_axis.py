#!/usr/bin/env python3
"""Time axes against category axes at 100,000 points (issue 12: "within today's dense-series cost").

    .venv/bin/python bench/time_axis.py [--runs N]

In process, render + PNG encode, median of N runs, 800x300, one random-walk series; plus the cost of
reading the times (ISO text, Unix seconds, Python datetimes). The machine is shared: compare ratios.
"""

import argparse
import random
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "lib"))

from dyngraph.encode import encode  # noqa: E402
from dyngraph.render import render  # noqa: E402
from dyngraph.spec import make  # noqa: E402

POINTS = 100_000


def median_ms(work, runs):
    work()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    rng = random.Random(1)
    value, values = 0.0, []
    for _ in range(POINTS):
        value += rng.uniform(-1, 1)
        values.append(round(value, 2))
    start = datetime(2026, 1, 1, tzinfo=timezone.utc).timestamp()
    irregular = [start + 60 * i + i % 7 for i in range(POINTS)]
    print(f"| chart, {POINTS:,} points, 800x300 PNG | category axis ms | time axis, start+step ms "
          "| time axis, irregular times ms |")
    print("|---|---|---|---|")
    for kind in ("line", "area", "bar"):
        category = make(type=kind, data=[values], width=800, height=300)
        regular = make(type=kind, data=[values], start="2026-01-01", step="1m", width=800, height=300)
        uneven = make(type=kind, data=[values], times=irregular, width=800, height=300)
        cells = [median_ms(lambda s=s: encode(render(s), "png"), runs) for s in (category, regular, uneven)]
        print(f"| {kind} | " + " | ".join(f"{c:.0f}" for c in cells) + " |")
    iso = [datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") for t in irregular]
    moments = [datetime(2026, 1, 1) + timedelta(seconds=t - start) for t in irregular]
    print()
    print("| reading 100,000 times | ms |")
    print("|---|---|")
    for label, given in (("ISO 8601 text", ",".join(iso)), ("Unix seconds (Python ints)", irregular),
                         ("naive datetimes in Europe/Berlin", moments)):
        ms = median_ms(lambda g=given: make(type="line", data=[values], times=g, tz="Europe/Berlin"), max(1, runs // 3))
        print(f"| {label} | {ms:.0f} |")


if __name__ == "__main__":
    main()
