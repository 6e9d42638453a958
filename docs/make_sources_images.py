#!/usr/bin/env python3
"""The pictures of docs/sources.md: each worked example's real files, charted through get_graph.py's app.

    .venv/bin/python docs/make_sources_images.py      # also run by `make docs`

Writes a logger's CSV, a SQLite table, a JSON-lines file and a collectd-like
RRD (with Debian's rrdtool) into a temporary folder, declares them, and
saves what ``source=…`` draws at a fixed "now" to docs/img/source-*.png.
"""

import contextlib
import json
import math
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "lib"))
IMG = ROOT / "docs" / "img"
NOW = 1_780_315_200  # 2026-06-01 12:00 UTC
DAY = 86400


def load_average(t, rng):
    """A web server's load: busy in the afternoon, a nightly backup spike."""
    hour = (t % DAY) / 3600
    base = 0.6 + 0.9 * max(0.0, math.sin((hour - 8) / 24 * 2 * math.pi))
    spike = 2.5 if 2.0 <= hour < 2.4 else 0.0
    return max(0.0, base + spike + rng.gauss(0, 0.12))


def write_files(folder):
    rng = random.Random(14)
    with open(folder / "load.csv", "w") as f:  # a cron job appending `date +%s` and /proc/loadavg every minute
        f.write("timestamp,load1,load5\n")
        smooth = 0.8
        for t in range(NOW - 3 * DAY, NOW, 60):
            value = load_average(t, rng)
            smooth += (value - smooth) / 5
            f.write(f"{t},{value:.2f},{smooth:.2f}\n")
    with contextlib.closing(sqlite3.connect(folder / "sensors.db")) as con, con:
        con.execute("CREATE TABLE readings (taken_at TEXT, indoor REAL, outdoor REAL)")
        con.execute("CREATE INDEX readings_taken_at ON readings (taken_at)")
        rows = []
        for t in range(NOW - 7 * DAY, NOW, 600):
            hour = (t % DAY) / 3600
            outdoor = 14 + 7 * math.sin((hour - 9) / 24 * 2 * math.pi) + rng.gauss(0, 0.4)
            indoor = 21 + 0.8 * math.sin((hour - 12) / 24 * 2 * math.pi) + rng.gauss(0, 0.1)
            rows.append((t, round(indoor, 1), round(outdoor, 1)))
        con.executemany("INSERT INTO readings VALUES (datetime(?, 'unixepoch'), ?, ?)", rows)
    with open(folder / "requests.jsonl", "w") as f:
        for t in range(NOW - 6 * 3600, NOW, 60):
            busy = 40 + 25 * math.sin((t % 7200) / 7200 * 2 * math.pi)
            f.write(json.dumps({"time": t, "path": "/", "requests": max(0, round(busy + rng.gauss(0, 6))),
                                "errors": max(0, round(rng.gauss(1, 1.2)))}) + "\n")
    rrdtool = shutil.which("rrdtool")
    if rrdtool is None:
        raise SystemExit("rrdtool is not installed (apt-get install rrdtool): the collectd picture needs it")
    rrd = folder / "load.rrd"  # what collectd's rrdtool plugin creates for the load plugin
    subprocess.run([rrdtool, "create", str(rrd), "--start", str(NOW - 2 * DAY - 10), "--step", "10",
                    "DS:shortterm:GAUGE:20:0:5000", "DS:midterm:GAUGE:20:0:5000", "DS:longterm:GAUGE:20:0:5000",
                    "RRA:AVERAGE:0.1:1:1200", "RRA:AVERAGE:0.1:7:1244", "RRA:AVERAGE:0.1:50:1210",
                    "RRA:MAX:0.1:50:1210"], check=True)
    short = mid = long_ = 0.8
    updates = []
    for t in range(NOW - 2 * DAY, NOW + 1, 10):
        short += (load_average(t, rng) - short) / 6
        mid += (short - mid) / 30
        long_ += (short - long_) / 90
        updates.append(f"{t}:{short:.3f}:{mid:.3f}:{long_:.3f}")
    for k in range(0, len(updates), 500):
        subprocess.run([rrdtool, "update", str(rrd), *updates[k:k + 500]], check=True)
    (folder / "sources.ini").write_text(f"""\
[load]
type = csv
path = {folder}/load.csv
time = timestamp
columns = load1, load5
title = Server load

[sensors]
type = sqlite
path = {folder}/sensors.db
table = readings
time = taken_at
columns = indoor, outdoor
title = Temperature (°C)

[requests]
type = jsonl
path = {folder}/requests.jsonl
time = time
columns = requests, errors
title = Requests per minute

[collectd-load]
type = rrd
path = {folder}/load.rrd
cf = AVERAGE
columns = shortterm, midterm, longterm
title = collectd: load
""")
    return folder / "sources.ini"


PICTURES = {
    "source-csv.png": "source=load&from=-24h&format=png",
    "source-sqlite.png": "source=sensors&from=-7d&format=png",
    "source-jsonl.png": "source=requests&from=-6h&type=area&stacked=1&format=png",
    "source-rrd.png": "source=collectd-load&from=-48h&format=png",
}


def main():
    from dyngraph.datasource import request
    from dyngraph.draw import draw_chart
    from dyngraph.query import split_query
    from dyngraph.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(sources=str(write_files(Path(tmp))))
        for name, query in PICTURES.items():
            _, load = request(split_query(query, max_length=8190, max_params=40), settings, now=NOW)
            body = draw_chart(load().spec, settings)
            (IMG / name).write_bytes(body)
            print(f"docs/img/{name}: {query}")


if __name__ == "__main__":
    main()
