#!/usr/bin/env python3
"""Search for slow requests: mutate known charts toward their extremes and keep the slowest.

    nice -n 10 .venv/bin/python bench/hunt.py --minutes 20 --out bench/hunt-latest.json
    .venv/bin/python bench/hunt.py --minutes 1          # a quick look

Seeds are every documented example (docs/*.md, README.md), the gallery, the abuse corpus
(tests/test_abuse.py), the Google corpus (tests/google_corpus.py) and bench/worst_case.py's
candidates. Each round takes one of the slowest requests found so far (or a seed) and mutates it:
numeric sub-fields pushed to extremes (tiny steps, huge counts, 0, limits), the image at the pixel
cap in every shape, series and ``|`` blocks repeated until the query is full, parameters added
from a pool of every native and Google parameter with extreme values. Every request runs through
the whole image application in process (parse, draw, encode; a 400 counts too: its time is spent)
and is timed against the standard chart (600x300 line, 3 series x 100 points, PNG) measured in the
same run, in CPU time of this process (on a shared machine the wall clock measures the neighbours). The slowest are re-timed (best of --repeat, interleaved with
the standard chart) and their peak memory measured in a fresh process each
(its high-water mark, against the same interpreter after drawing the standard chart).

Not part of ``make test``: the cases it finds become named cases in tests/test_abuse.py, and
the table of the 20 slowest goes into docs/security.md.
"""

import argparse
import io
import json
import math
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote
from wsgiref.util import setup_testing_defaults

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "lib"), str(ROOT / "tests"), str(ROOT / "bench")]

from dyngraph.graph_app import make_app  # noqa: E402
from dyngraph.limits import Limits  # noqa: E402
from dyngraph.record import replace  # noqa: E402
from dyngraph.settings import Settings  # noqa: E402

NO_CACHE = replace(Settings(), cache_bytes=0)  # every request drawn: the render cache would answer repeats

LIMITS = Limits()
STANDARD = ("data=" + "|".join(",".join(str((i * (s + 3)) % 7) for i in range(100)) for s in range(3))
            + "&width=600&height=300&format=png")
TIMEOUT = 20.0  # seconds: a request still running then is a runaway (kept with this time)
SIZES = [(2000, 500), (500, 2000), (1000, 1000), (2000, 16), (16, 2000), (1000, 300)]
GOOGLE_SIZES = [(1000, 300), (300, 1000), (547, 547), (1000, 16)]
EXTREMES = ["0", "1e-300", "5e-324", "0.001", "0.01", "0.1", "0.5", "1", "-1", "2", "7", "12", "25", "50",
            "99", "100", "360", "999", "1000", "1000000", "1e15", "-1e15", "100000", "-100000", "99999"]
_EMOJI = [chr(0x1F400 + i) for i in range(200)]  # each new to a chart: measured and drawn from the colour face
NUMBER = re.compile(r"(?<![A-Za-z#])-?\d+(?:\.\d+)?(?:e-?\d+)?")
POOL = {  # parameters to add, each with values at or near its extremes
    "gridlines": ["0.1,0.1,0.5,0.5", "1e-300,1e-300,0.001,0.001", "0.5,0.5,1,1,50,50", "100,100,0,0"],
    "linestyles": ["12,0.01,0.01", "12,100,0.01|12,0.01,100|1,0.5,0.5", "0.5,1,1"],
    "linewidth": ["12", "0.5"],
    "marks": ["o,ff0000,0,-1,100", "V,ff0000,0,-1,100", "N*f9z*,000000,0,-1,72", "E,ff0000,0,-1,100",
              "F,000000,0,-1,100", "D,ff0000,0,0,100", "B,ff000080,0,0,0", "r,00ff0080,0,0,1",
              "h,ff0000,0,0.5,50", "x,ff0000,0,0:100000:1,100", "a,ff0000,0,-1,100",
              "tHello+World,ff0000,0,-1,72", "b,ff000080,0,1,0", "@o,ff0000,0,0.5:0.5,100"],
    "axes": ["x,y,r,t,x,y,r,t", "x,y", "x,x,x,x,x,x,x,x"],
    "axisranges": ["0,0,1e15,1e-300|1,0,1e15,0.001|2,-1e15,1e15,1|3,0,1000,0.5",
                   "|".join(f"{i},0,100000,1" for i in range(8))],
    "axislabels": ["0:" + "|" * 4000, "0:" + "|W" * 2000, "0:|" + "|".join("W" * 100 for _ in range(45))],
    "axispositions": ["0," + ",".join(str(i % 100) for i in range(2500))],
    "axisstyles": ["|".join(f"{i}N*e9*,ff0000,72,0,lt,00ff00,0000ff" for i in range(8))],
    "ticklengths": ["|".join(f"{i}," + ",".join(["-1000", "25"] * 8) for i in range(8))],
    "bgfill": ["lg,45," + ",".join(f"{'ff0000' if i % 2 else '00ff00'},{i / 15:.3f}" for i in range(16)),
               "ls,90," + ",".join(f"{'ff0000' if i % 2 else '00ff00'},0.001" for i in range(16))],
    "plotfill": ["ls,45," + ",".join(f"{'ff0000' if i % 2 else '0000ff'},0.001" for i in range(16))],
    "legend": ["|".join("W" * 100 for _ in range(16)), "|".join(str(i) for i in range(16))],
    "labels": ["|".join("W" for _ in range(2000)), "|".join("W" * 100 for _ in range(49)),
               "|".join(quote("".join(_EMOJI[i * 4:i * 4 + 4])) for i in range(50))],  # 200 different emoji
    "title": ["W" * 200, "|".join("W" * 20 for _ in range(9)), quote("".join(_EMOJI))],
    "titlesize": ["72"], "legendsize": ["72"],
    "dots": ["1"], "stacked": ["1"], "lines": ["1"], "grid": ["1"],
    "sizes": [",".join("100" for _ in range(2000))],
    "pointcolors": ["|".join(("ff0000", "00ff00", "0000ff")[i % 3] for i in range(1000))],
    "depth": ["100", "50"], "scale": ["2", "3"],
    "legendpos": ["right", "left", "top", "bottom"], "legendorder": ["a", "r"],
    "margins": ["500,500,500,500", "0,0,0,0"], "barwidth": ["1,0,0", "a,0,0", "r,0,0", "1000,1000,1000"],
    "min": ["-1e15", "0.999999"], "max": ["1e15", "1.000001"], "xmin": ["-1e15"], "xmax": ["1e15"],
    "opacity": ["0.5"], "othershare": ["0.5"],
}
GOOGLE_POOL = {
    "chg": ["0.1,0.1,0.5,0.5", "1e-300,1e-300,0.001,0.001", ",,,,,"],
    "chls": ["12,0.01,0.01|12,0.01,0.01|12,0.01,0.01", ",,"],
    "chm": ["|".join(f"o,ff0000,{s},-1,100" for s in range(3)), "N*f9*,000000,0,-1,72|V,ff0000,0,-1,100",
            "|".join(f"x,ff0000,0,-1,{n}" for n in range(1, 50))],
    "chxt": ["x,y,r,t,x,y,r,t"],
    "chxr": ["|".join(f"{i},0,1000000,0.001" for i in range(8)), "|".join(f"{i},0,1e15,1e-300" for i in range(8))],
    "chxl": ["0:" + "|W" * 2000], "chxp": ["0," + ",".join(str(i % 100) for i in range(2500))],
    "chxtc": ["|".join(f"{i},-1000" for i in range(8))],
    "chxs": ["|".join(f"{i}N*e9*,ff0000,72,0,lt,00ff00,0000ff" for i in range(8))],
    "chf": ["bg,lg,45," + ",".join(f"{'ff0000' if i % 2 else '00ff00'},{i / 15:.3f}" for i in range(16)),
            "c,ls,90," + ",".join(f"{'ff0000' if i % 2 else '00ff00'},0.001" for i in range(16))],
    "chdl": ["|".join("W" * 60 for _ in range(16))], "chdlp": ["r", "b|a", "l"],
    "chtt": ["W" * 200], "chts": ["ff0000,72"], "chma": ["0,0,0,0|100,100"],
    "chbh": ["1,0,0", "a", "r,0,0"], "chco": ["|".join(("ff0000", "00ff00")[i % 2] for i in range(800))],
    "chds": ["0,1e-9", "a"], "chp": ["0.5"], "chl": ["|".join("W" * 10 for _ in range(300))],
}


# --- seeds ----------------------------------------------------------------------------


def seeds():
    """(origin, query) of every documented and tested chart."""
    from dyngraph import gallery
    from dyngraph.spec import to_query

    found = [("gallery", to_query(spec)) for _, spec in gallery.examples()]
    found += [("gallery", q) for _, q, _, _ in gallery.google_examples()]
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for query in re.findall(r"get_graph\.py\?([^\s`\"')<>\]]+)", path.read_text(encoding="utf-8")):
            found.append((f"docs:{path.name}", query.replace("&amp;", "&")))
    try:
        import test_abuse

        found += [("abuse", c.query) for c in test_abuse.CASES if c.app == "graph" and c.method == "GET"
                  and c.status == 200]
    except Exception as error:  # noqa: BLE001 - a seed source missing is reported, not fatal
        print(f"(no abuse corpus: {error})", file=sys.stderr)
    from google_corpus import CORPUS

    found += [("google", c[1]) for c in CORPUS]
    import worst_case

    found += [("worst_case", q) for t in worst_case.TYPES for _, q in worst_case.candidates(t)]
    found += [("compact", q) for q in compact_seeds()]
    return [(origin, q) for origin, q in dict.fromkeys(found) if q]


def compact_seeds():
    """The most points a URL carries: flat series in the compact form (64 equal values take one byte)."""
    from dyngraph.compact import encode

    def flat(series, points):
        return encode(tuple(tuple(float(s + 1) for _ in range(points)) for s in range(series)))

    big, many = flat(3, LIMITS.max_points), flat(16, LIMITS.max_values // 16)
    out = []
    for kind in ("line", "area", "bar", "hbar", "scatter", "sparkline", "radar"):
        out.append(f"type={kind}&data={big}&width=2000&height=500&format=png")
        out.append(f"type={kind}&data={many}&width=2000&height=500&stacked=1&dots=1&format=png")
    out.append(f"data={big}&width=2000&height=500&marks=o,ff0000,0,-1,5|N,000000,1,-1,9|E,0000ff,0,-1,3")
    return out


# --- the request, timed ------------------------------------------------------------------


class Runaway(Exception):
    pass


def _expired(signum, frame):
    raise Runaway()


def run(app, query):
    """(status, CPU seconds) of one request through the image app; a runaway ends after TIMEOUT (wall clock).

    CPU time, not wall time: on a shared machine the wall clock measures the neighbours too."""
    environ = {}
    setup_testing_defaults(environ)
    environ.update(REQUEST_METHOD="GET", QUERY_STRING=query, **{"wsgi.errors": io.StringIO()})
    status = []
    signal.setitimer(signal.ITIMER_REAL, TIMEOUT)
    started = time.process_time()
    try:
        b"".join(app(environ, lambda s, h, exc_info=None: status.append(int(s[:3]))))
    except Runaway:
        return 999, TIMEOUT
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return status[0], time.process_time() - started


def standard(app, repeat=3):
    return min(run(app, STANDARD)[1] for _ in range(repeat))


# --- mutations ---------------------------------------------------------------------------


def split(query):
    params = []
    for part in query.split("&"):
        if part:
            name, _, value = part.partition("=")
            params.append([name, value])
    return params


def join(params):
    return "&".join(f"{n}={v}" for n, v in params)


def is_google(params):
    return any(n == "cht" for n, _ in params)


def mutate(query, rng):
    params = split(query)
    google = is_google(params)
    for _ in range(rng.choice((1, 1, 2, 3))):
        rng.choice(MUTATIONS)(params, rng, google)
    out = join(params)
    return out if len(out) <= LIMITS.max_query_length else out[:LIMITS.max_query_length]


def _numbers(params, rng, google):
    """Push one number of one parameter to an extreme (or scale it)."""
    candidates = [p for p in params if NUMBER.search(p[1]) and p[0] not in ("cht", "type", "format", "chof")]
    if not candidates:
        return
    param = rng.choice(candidates)
    matches = list(NUMBER.finditer(param[1]))
    for m in rng.sample(matches, min(len(matches), rng.choice((1, 1, 2, 5)))):
        old = m.group()
        new = rng.choice(EXTREMES) if rng.random() < 0.7 else _num(float(old) * rng.choice((0.001, 0.1, 10, 1000)))
        param[1] = param[1][:m.start()] + new + param[1][m.end():]
        break  # offsets moved: one at a time


def _num(value):
    if not math.isfinite(value):
        return "1e15"
    return f"{value:.6g}"


def _size(params, rng, google):
    width, height = rng.choice(GOOGLE_SIZES if google else SIZES)
    _set(params, "chs", f"{width}x{height}") if google else (_set(params, "width", str(width)),
                                                              _set(params, "height", str(height)))


def _set(params, name, value):
    for p in params:
        if p[0] == name:
            p[1] = value
            return
    params.append([name, value])


def _repeat(params, rng, google):
    """Repeat a value's ``|`` blocks or ``,`` items until the query is (nearly) full."""
    candidates = [p for p in params if ("|" in p[1] or "," in p[1]) and p[0] not in ("cht",)]
    if not candidates:
        return
    param = rng.choice(candidates)
    sep = "|" if "|" in param[1] and rng.random() < 0.5 else ","
    head, body = "", param[1]
    if param[0] == "chd" and ":" in body:  # Google's t:1,2|3,4
        head, body = body.split(":", 1)
        head += ":"
    items = body.split(sep)
    room = LIMITS.max_query_length - len(join(params)) - 10
    extra = []
    while room > 0 and items:
        item = rng.choice(items)
        room -= len(item) + 1
        if room > 0:
            extra.append(item)
    param[1] = head + sep.join(items + extra)


def _add(params, rng, google):
    pool = GOOGLE_POOL if google else POOL
    name = rng.choice(list(pool))
    _set(params, name, rng.choice(pool[name]))


def _type(params, rng, google):
    if google:
        _set(params, "cht", rng.choice(("lc", "ls", "lxy", "bvg", "bhs", "bvs", "p", "p3", "pc", "s", "r")))
    else:
        _set(params, "type", rng.choice(("line", "area", "bar", "hbar", "pie", "donut", "scatter", "sparkline")))


def _format(params, rng, google):
    _set(params, "chof" if google else "format", rng.choice(("png", "jpeg", "gif", "webp")))


def _drop(params, rng, google):
    if len(params) > 2:
        params.pop(rng.randrange(len(params)))


def _zigzag(params, rng, google):
    """Data that crosses the plot at every point, as long as the query allows."""
    name = "chd" if google else "data"
    series = rng.choice((1, 3, 16))
    per = max(2, (LIMITS.max_query_length - len(join([p for p in params if p[0] != name])) - 20) // (2 * series))
    body = "|".join(",".join("0" if i % 2 else "9" for i in range(per)) for _ in range(series))
    _set(params, name, ("t:" + body) if google else body)


MUTATIONS = [_numbers, _numbers, _numbers, _size, _repeat, _add, _add, _type, _format, _drop, _zigzag]


# --- memory, in a fresh process ---------------------------------------------------------------

MEMORY_SCRIPT = r"""
import io, resource, sys
sys.path.insert(0, sys.argv[1])
from urllib.parse import quote
from wsgiref.util import setup_testing_defaults
from dyngraph.graph_app import make_app
from dyngraph.record import replace
from dyngraph.settings import Settings
app = make_app(replace(Settings(), cache_bytes=0))
def run(q):
    environ = {}
    setup_testing_defaults(environ)
    environ.update(REQUEST_METHOD="GET", QUERY_STRING=q, **{"wsgi.errors": io.StringIO()})
    b"".join(app(environ, lambda s, h, exc_info=None: None))
def peak():
    # VmHWM: this process's own high-water mark (ru_maxrss would keep the forking parent's after exec)
    try:
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
run(sys.argv[2])  # the standard chart: the interpreter, Pillow and fonts loaded
before = peak()
run(sys.stdin.read())
print(before, peak())
"""


def peak_memory(query):
    """(baseline KiB, peak KiB): the same process drawing the standard chart, then ``query``."""
    done = subprocess.run([sys.executable, "-c", MEMORY_SCRIPT, str(ROOT / "lib"), STANDARD], input=query,
                          capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        return None
    before, after = map(int, done.stdout.split())
    return before, after


# --- the search ---------------------------------------------------------------------------------


def family(query):
    """What kind of request it is: the chart type and the parameters given (not their values)."""
    params = split(query)
    kind = next((v for n, v in params if n in ("cht", "type")), "line")
    return kind + ":" + ",".join(sorted({n for n, _ in params} - {"cht", "type", "format", "chof"}))


def slowest_by_family(found, count, per_family=1):
    """The slowest ``count`` requests, at most ``per_family`` of each family, so one trick does not fill the list."""
    out, seen = [], {}
    for query, value in sorted(found.items(), key=lambda kv: -kv[1][1]):
        key = family(query)
        if seen.get(key, 0) < per_family:
            seen[key] = seen.get(key, 0) + 1
            out.append((query, value))
            if len(out) == count:
                break
    return out


def hunt(minutes, rng, keep=60, log=sys.stderr, progress=""):
    app = make_app(NO_CACHE)
    run(app, "data=1,2,3")  # imports and fonts
    base = standard(app)
    pool = [(origin, q) for origin, q in seeds()]
    found = {}  # query -> (seconds, ratio, status, origin)
    deadline = time.monotonic() + minutes * 60
    last_standard = time.monotonic()
    tried = 0

    def record(query, origin):
        nonlocal base, last_standard, tried
        status, seconds = run(app, query)
        tried += 1
        if time.monotonic() - last_standard > 20:
            base, last_standard = standard(app), time.monotonic()
        ratio = seconds / base
        if ratio > 2 and (query not in found or found[query][1] < ratio):
            found[query] = (seconds, ratio, status, origin)
        return ratio

    for origin, query in pool:  # every seed once
        if time.monotonic() > deadline:
            break
        record(query, origin)
    print(f"{len(pool)} seeds timed; standard chart {base * 1000:.1f} ms", file=log)
    report_at = time.monotonic() + 60
    while time.monotonic() < deadline:
        slowest = slowest_by_family(found, keep, per_family=3)
        if slowest and rng.random() < 0.8:
            query, (_, _, _, origin) = slowest[min(int(rng.expovariate(1 / 8)), len(slowest) - 1)]
        else:
            origin, query = rng.choice(pool)
        record(mutate(query, rng), origin + "+")
        if time.monotonic() > report_at:
            if progress:  # the slowest so far, for a look while it runs
                slowest = slowest_by_family(found, 50)
                Path(progress).write_text(json.dumps([{"query": q, "ms": round(v[0] * 1000, 1), "ratio": round(v[1], 1),
                                                       "status": v[2], "origin": v[3]} for q, v in slowest], indent=1))
            top = max(found.values(), key=lambda v: v[1]) if found else (0, 0, 0, "")
            print(f"  {tried} requests; slowest {top[1]:.1f}x the standard chart ({top[0] * 1000:.0f} ms, "
                  f"{top[2]}); standard {base * 1000:.1f} ms", file=log)
            report_at = time.monotonic() + 60
    return app, found, tried


def retime(app, found, count=20, repeat=5):
    """The ``count`` slowest, re-timed: best of ``repeat``, each next to a standard chart."""
    slowest = slowest_by_family(found, count + count // 2)
    rows = []
    for query, (_, _, _, origin) in slowest:
        times, bases = [], []
        for _ in range(repeat):
            bases.append(run(app, STANDARD)[1])
            status, seconds = run(app, query)
            times.append(seconds)
        best, base = min(times), min(bases)
        rows.append({"query": query, "origin": origin, "status": status, "ms": round(best * 1000, 1),
                     "standard_ms": round(base * 1000, 1), "ratio": round(best / base, 1)})
    rows.sort(key=lambda r: -r["ratio"])
    return rows[:count]


def describe(query, width=110):
    shown = re.sub(r"((?:[^,|&]+[,|]){6})[^&]{40,}", lambda m: m.group(1) + "…", query)
    return shown if len(shown) <= width else shown[:width] + "…"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--out", default="", help="write the results as JSON here")
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument("--progress", default="", help="write the 50 slowest so far here every minute")
    parser.add_argument("--repeat", type=int, default=3, help="timings of each of the slowest at the end")
    parser.add_argument("--retime", default="", help="no search: time again the requests listed in this file")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGALRM, _expired)
    if args.retime:  # the slowest of an earlier run (its --progress or --out file), timed again by this code
        listed = json.loads(Path(args.retime).read_text(encoding="utf-8"))
        listed = listed["rows"] if isinstance(listed, dict) else listed
        app, tried = make_app(NO_CACHE), 0
        run(app, "data=1,2,3")
        base = standard(app)
        found = {}
        for r in listed:  # each timed once by this code first: the list's own times may be an older code's
            status, seconds = run(app, r["query"])
            found[r["query"]] = (seconds, seconds / base, status, r["origin"])
        tried = len(found)
    else:
        app, found, tried = hunt(args.minutes, random.Random(args.seed), progress=args.progress)
    rows = retime(app, found, args.top, args.repeat)
    if not args.no_memory:
        for row in rows:
            memory = peak_memory(row["query"])
            if memory:
                row["baseline_mib"], row["peak_mib"] = round(memory[0] / 1024, 1), round(memory[1] / 1024, 1)
                row["extra_mib"] = round((memory[1] - memory[0]) / 1024, 1)
    print(f"\n{tried or len(found)} requests{'' if args.retime else f' in {args.minutes:g} min'}; the {len(rows)} slowest (best of --repeat, against the standard "
          f"chart timed beside each):\n")
    print("| # | ratio | ms | status | peak RSS above baseline | origin | request |")
    print("|---|---|---|---|---|---|---|")
    for n, row in enumerate(rows, 1):
        extra = f"{row['extra_mib']} MiB" if "extra_mib" in row else "?"
        print(f"| {n} | {row['ratio']}× | {row['ms']} | {row['status']} | {extra} | {row['origin']} | "
              f"`{describe(row['query']).replace('|', '&#124;')}` |")
    if args.out:
        Path(args.out).write_text(json.dumps({"requests": tried, "minutes": args.minutes, "rows": rows,
                                              "found": len(found)}, indent=1), encoding="utf-8")
    worst = rows[0]["ratio"] if rows else 0
    return 0 if worst <= 30 else 1


if __name__ == "__main__":
    sys.exit(main())
