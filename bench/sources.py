#!/usr/bin/env python3
"""Declared sources on a big file: a whole CGI request for the last day of a 1,000,000-row CSV.

    .venv/bin/python bench/sources.py [--rows 1000000] [--repeats 40]

Writes a CSV of one-minute rows (two series) ending now, declares it, and
times ``get_graph.py?source=load&from=-24h`` against the same chart given
inline (the ChartSpec the source request draws, as its canonical query
string), both as fresh CGI processes, interleaved. Issue 14's target: the
source request costs at most 1.3x the inline one. Also times the 304.

Prints the result, writes it to bench/sources-latest.md and replaces the
"Declared sources" section of bench/report-latest.md (bench/run.py writes
the rest of that file, and drops the section when it rewrites it: run this
again after it, or read bench/sources-latest.md).
"""

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "lib"))
REPORT = ROOT / "bench" / "report-latest.md"
OWN_REPORT = ROOT / "bench" / "sources-latest.md"
BEGIN, END = "<!-- bench/sources.py -->", "<!-- /bench/sources.py -->"
TARGET = 1.3


def write_csv(path, rows, now):
    """One-minute rows ending at ``now``: timestamp,load1,load5 (a random walk)."""
    rng = random.Random(14)
    start = int(now) - (rows - 1) * 60
    a = b = 1.0
    with open(path, "w") as f:
        f.write("timestamp,load1,load5\n")
        for i in range(rows):
            a = min(max(a + rng.uniform(-0.2, 0.2), 0), 8)
            b += (a - b) / 5
            f.write(f"{start + 60 * i},{a:.2f},{b:.2f}\n")


def cgi(query, environ, if_none_match=""):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "GATEWAY_INTERFACE": "CGI/1.1", "REQUEST_METHOD": "GET",
           "QUERY_STRING": query, "SCRIPT_NAME": "/cgi-bin/get_graph.py", "SERVER_NAME": "localhost",
           "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1", **environ}
    if if_none_match:
        env["HTTP_IF_NONE_MATCH"] = if_none_match
    return [sys.executable, str(ROOT / "cgi-bin" / "get_graph.py")], env


def run_once(argv, env):
    """(wall seconds, CPU seconds, stdout) of one fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    out, err = process.stdout.read(), process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if process.returncode != 0 or err:
        raise SystemExit(f"{argv} failed: {err.decode(errors='replace')[:500]}")
    return wall, usage.ru_utime + usage.ru_stime, out


def status_of(out):
    head = out.partition(b"\r\n\r\n")[0].decode("latin-1")
    return dict(line.split(": ", 1) for line in head.split("\r\n"))


def measure(commands, repeats):
    """Interleaved runs of each (name, argv, env); {name: (wall samples, cpu samples)}."""
    samples = {name: ([], []) for name, _, _ in commands}
    for _, argv, env in commands:  # warm the page cache and the bytecode
        run_once(argv, env)
    for _ in range(repeats):
        for name, argv, env in commands:
            wall, cpu, _ = run_once(argv, env)
            samples[name][0].append(wall)
            samples[name][1].append(cpu)
    return samples


def ms(values):
    q = statistics.quantiles(values, n=4)
    return f"{statistics.median(values) * 1000:.1f} ms (IQR {q[0] * 1000:.1f}–{q[2] * 1000:.1f})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=40)
    args = parser.parse_args()

    from dyngraph.datasource import request
    from dyngraph.query import split_query
    from dyngraph.settings import Settings
    from dyngraph.spec import to_query

    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "load.csv"
        now = time.time()
        write_csv(csv_path, args.rows, now)
        ini = Path(tmp) / "sources.ini"
        ini.write_text(f"[load]\ntype = csv\npath = {csv_path}\ntime = timestamp\ncolumns = load1, load5\n"
                       "title = Server load\n")
        source_query = "source=load&from=-24h&format=png"
        _, load = request(split_query(source_query, max_length=8190, max_params=40), Settings(sources=str(ini)))
        chart = load()
        spec = chart.spec
        inline_query = to_query(spec)
        rows_drawn = len(spec.data[0])
        # The render cache off: what is compared is reading the source against reading the URL's data.
        environ = {"DYNGRAPH_SOURCES": str(ini), "DYNGRAPH_MAX_QUERY_LENGTH": str(len(inline_query) + 100),
                   "DYNGRAPH_CACHE_BYTES": "0"}
        cached = {**environ, "DYNGRAPH_CACHE_BYTES": str(64 << 20), "DYNGRAPH_DATA_DIR": str(Path(tmp) / "var")}
        argv, env = cgi(source_query, environ)
        first = run_once(argv, env)[2]
        etag = status_of(first)["ETag"]
        assert status_of(first)["Status"] == "200 OK", first[:300]
        commands = [
            ("inline", *cgi(inline_query, environ)),
            ("source", argv, env),
            ("source 304", *cgi(source_query, environ, etag)),
            ("inline, cached", *cgi(inline_query, cached)),
            ("source, cached", *cgi(source_query, cached)),
        ]
        assert status_of(run_once(*commands[2][1:])[2])["Status"] == "304 Not Modified"
        assert status_of(run_once(*commands[0][1:])[2])["Status"] == "200 OK"
        samples = measure(commands, args.repeats)
        size = csv_path.stat().st_size
    inline, source, not_modified, inline_hit, source_hit = (
        samples[k] for k in ("inline", "source", "source 304", "inline, cached", "source, cached"))
    ratio = statistics.median(source[0]) / statistics.median(inline[0])
    cpu_ratio = statistics.median(source[1]) / statistics.median(inline[1])
    verdict = "met" if ratio <= TARGET else "NOT met"
    lines = [
        BEGIN,
        "## Declared sources: the last day of a 1,000,000-row CSV (bench/sources.py)",
        "",
        f"A CSV of {args.rows:,} one-minute rows ({size / 2**20:.0f} MiB, two series, ending now), declared as a "
        f"source; `get_graph.py?{source_query}` (a window of {rows_drawn} rows found by binary search on byte "
        "offsets) against the same chart given inline (the ChartSpec the source request draws, as its canonical "
        f"query string of {len(inline_query):,} bytes), each a fresh CGI process, interleaved, n={args.repeats}. "
        f"Python {platform.python_version()}, run at {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        "",
        "| request | wall (median, IQR) | CPU (median) |",
        "|---|---|---|",
        f"| inline chart | {ms(inline[0])} | {statistics.median(inline[1]) * 1000:.1f} ms |",
        f"| `source=load&from=-24h` | {ms(source[0])} | {statistics.median(source[1]) * 1000:.1f} ms |",
        f"| `source=load&from=-24h`, 304 | {ms(not_modified[0])} | {statistics.median(not_modified[1]) * 1000:.1f} ms |",
        f"| inline chart, render cache hit | {ms(inline_hit[0])} | {statistics.median(inline_hit[1]) * 1000:.1f} ms |",
        f"| `source=load&from=-24h`, render cache hit | {ms(source_hit[0])} | "
        f"{statistics.median(source_hit[1]) * 1000:.1f} ms |",
        "",
        "The first three run with the shared render cache off (`DYNGRAPH_CACHE_BYTES=0`), so each draws; the "
        "last two with it on and warm (`DYNGRAPH_DATA_DIR` in a temporary folder): the inline URL is then "
        "answered from its alias without parsing, the source after reading the sources file and a `stat`.",
        "",
        f"- Target (issue 14): the source request costs at most {TARGET}× the inline one: **{ratio:.2f}×** wall, "
        f"{cpu_ratio:.2f}× CPU: **{verdict}**.",
        END,
    ]
    text = "\n".join(lines)
    print(text)
    report = REPORT.read_text(encoding="utf-8") if REPORT.exists() else "# dyngraph benchmark\n"
    if BEGIN in report and END in report:
        report = report[:report.index(BEGIN)] + text + report[report.index(END) + len(END):]
    else:
        report = report.rstrip("\n") + "\n\n" + text + "\n"
    REPORT.write_text(report, encoding="utf-8")
    OWN_REPORT.write_text("# dyngraph benchmark: declared sources\n\n" + text + "\n", encoding="utf-8")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
