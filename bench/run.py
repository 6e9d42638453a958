#!/usr/bin/env python3
"""dyngraph's benchmark: against matplotlib and against the interpreter's own floor, in one run.

    make bench                      # or: .venv/bin/python bench/run.py [--quick] [--only a,b,...]

Sections (issues 7 and 16): a) the standard chart in process, PNG and JPEG;
h) the same against Chart.js 4 on @napi-rs/canvas in its own node process
(bench/chartjs.mjs; ``make bench`` installs it into bench/node_modules, and
without node/npm the rows say why they are missing); b) a whole CGI request
as a fresh process — drawn, and answered by the render cache — against a
matplotlib CGI script, Chart.js as a cold node process and the floors
``python -c pass`` / ``python -c "import PIL.Image"``, plus, when run as root,
the bundle run as the web user over a read-only lib/ (compiled, bytecode
fallback, from source); c) the 304 and text-400 paths as CGI processes; d) the
WSGI app under gunicorn (2 workers) on 127.0.0.1 with a bounded load
generator; e) cost against points per series and image size; f) output bytes;
g) what a CGI request imports and who pulls in each costly module. Then the
issues' targets, each met or not. Machines are shared and noisy: compare
ratios from one run.

Prints as it goes and writes bench/report-latest.md (committed) plus a
timestamped copy (git-ignored).
"""

import argparse
import http.client
import importlib.util
import io
import json
import os
import platform
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT / "lib"))

PY = sys.executable
GET_GRAPH = ROOT / "cgi-bin" / "get_graph.py"
MPL_CGI = BENCH / "mpl_cgi.py"
MIB = 1024 * 1024

WIDTH, HEIGHT, SERIES, POINTS = 600, 300, 3, 100
MAX_W, MAX_H = 1414, 707  # the largest 2:1 image the default limits allow (max_pixels 1,000,000)
TITLE = "Standard chart"
LEGEND = ("alpha", "beta", "gamma")


# --- the standard chart -------------------------------------------------------


def walk(points, seed):
    """Fixed pseudo-random data: a random walk rounded to one decimal."""
    rng = random.Random(seed)
    value, out = 50.0, []
    for _ in range(points):
        value += rng.uniform(-5, 5)
        out.append(round(value, 1))
    return out


def _pilcore_state():
    """Whether charts skip PIL.Image on this Pillow (dyngraph.pilcore): a release it has not verified is slower."""
    import PIL

    from dyngraph import pilcore

    return "yes" if pilcore.ENABLED else f"no (Pillow {PIL.__version__} is not in pilcore.VERIFIED: charts import PIL.Image)"


def standard_data(points=POINTS):
    return [walk(points, seed) for seed in range(1, SERIES + 1)]


def standard_query(fmt, width=WIDTH, height=HEIGHT):
    """The standard chart as a plain query string, readable by get_graph.py and mpl_cgi.py alike.

    No ``labels``: both libraries number the x axis and choose its ticks themselves, the same work.
    """
    params = {
        "type": "line",
        "data": "|".join(",".join(f"{v:g}" for v in s) for s in standard_data()),
        "legend": "|".join(LEGEND),
        "title": TITLE,
        "width": width,
        "height": height,
        "format": fmt,
        "grid": 1,
    }
    return urlencode(params, safe=",|")


def load_mpl():
    spec = importlib.util.spec_from_file_location("mpl_cgi", MPL_CGI)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- statistics and printing --------------------------------------------------


class Stat:
    """Samples in seconds (or any unit): median and spread."""

    def __init__(self, samples):
        self.samples = sorted(samples)
        self.median = statistics.median(self.samples)
        q = statistics.quantiles(self.samples, n=4) if len(self.samples) > 1 else [self.median] * 3
        self.q1, self.q3 = q[0], q[2]
        self.min, self.max = self.samples[0], self.samples[-1]

    def ms(self):
        return f"{self.median * 1e3:.1f} ms (IQR {self.q1 * 1e3:.1f}–{self.q3 * 1e3:.1f}, n={len(self.samples)})"


def ratio(a, b):
    return a / b if b else float("inf")


class Report:
    """Markdown lines, echoed to the terminal as they come."""

    def __init__(self):
        self.lines = []

    def __call__(self, line=""):
        self.lines.append(line)
        print(line, flush=True)

    def table(self, header, rows):
        self("| " + " | ".join(header) + " |")
        self("|" + "|".join("---" for _ in header) + "|")
        for row in rows:
            self("| " + " | ".join(str(c) for c in row) + " |")
        self()


def timed_pair(first, second, repeats, warmup=2, block=5):
    """Time two functions in alternating blocks of ``block`` calls.

    Alternating spreads drift in machine load over both; blocks keep each
    library's caches warm as they would be in a server drawing many charts.
    Returns (Stat of first, last result of first, Stat of second, last result of second).
    """
    results = [None, None]
    samples = ([], [])
    for which, function in enumerate((first, second)):
        for _ in range(warmup):
            results[which] = function()
    while len(samples[1]) < repeats:
        for which, function in enumerate((first, second)):
            for _ in range(min(block, repeats - len(samples[which]))):
                start = time.perf_counter()
                results[which] = function()
                samples[which].append(time.perf_counter() - start)
    return Stat(samples[0]), results[0], Stat(samples[1]), results[1]


def image_info(body):
    from PIL import Image

    image = Image.open(io.BytesIO(body))
    image.load()
    return image.format, image.size


# --- a) in process ------------------------------------------------------------


def draw_dyngraph(spec):
    from dyngraph.draw import draw_chart
    from dyngraph.settings import Settings

    settings = Settings()
    return lambda: draw_chart(spec, settings)


def section_in_process(report, results, repeats):
    from dyngraph.spec import parse

    mpl = load_mpl()
    report("## a) The standard chart in process (render + encode)")
    report()
    report(f"{WIDTH}×{HEIGHT} line chart, {SERIES} series × {POINTS} points, title, both axes numbered with "
           "ticks chosen by the library, legend, grid. dyngraph: `draw_chart(spec)` on a parsed spec; matplotlib: `Figure` + Agg + `savefig`.")
    report()
    rows = []
    for fmt in ("png", "jpeg"):
        query = standard_query(fmt)
        spec = parse(query)
        chart = mpl.parse(query)
        dyn, dyn_body, ref, mpl_body = timed_pair(draw_dyngraph(spec), lambda chart=chart: mpl.draw(**chart), repeats)
        for name, body in (("dyngraph", dyn_body), ("matplotlib", mpl_body)):
            got = image_info(body)
            if got != (fmt.upper(), (WIDTH, HEIGHT)):
                raise SystemExit(f"{name} {fmt}: expected {fmt.upper()} {WIDTH}x{HEIGHT}, got {got}")
        results[f"inproc_{fmt}"] = (dyn, ref)
        results[f"bytes_{fmt}"] = (len(dyn_body), len(mpl_body))
        if fmt == "png":
            (BENCH / "out").mkdir(exist_ok=True)
            (BENCH / "out" / "standard-dyngraph.png").write_bytes(dyn_body)
            (BENCH / "out" / "standard-matplotlib.png").write_bytes(mpl_body)
        rows.append((fmt.upper(), dyn.ms(), ref.ms(), f"**{ratio(ref.median, dyn.median):.1f}×**"))
    report.table(("format", "dyngraph", "matplotlib", "dyngraph faster by"), rows)


# --- b, c) whole CGI processes ------------------------------------------------


def cgi_env(query, **extra):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "GATEWAY_INTERFACE": "CGI/1.1",
        "REQUEST_METHOD": "GET",
        "QUERY_STRING": query,
        "SCRIPT_NAME": "/cgi-bin/get_graph.py",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_ACCEPT": "image/avif,image/webp,image/png,image/*,*/*;q=0.8",
    }
    env.update(extra)
    return env


# A tiny runner process starts every measured command. Linux keeps a process's
# peak RSS across exec, and a child forked from this benchmark (which has
# matplotlib loaded) would start with ~100 MiB already "used". The runner
# imports only os, so each child's ru_maxrss (from os.wait4, which gives the
# rusage of exactly that child: what a getrusage(RUSAGE_CHILDREN) delta
# shows) starts near zero. It also times the wall clock around fork..wait4.
RUNNER = r"""
import json, os, sys, time
for line in sys.stdin:
    job = json.loads(line)
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            if job.get("uid") is not None:  # a web user, as Apache runs CGI scripts
                os.setgroups([])
                os.setgid(job["gid"])
                os.setuid(job["uid"])
            os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
            os.dup2(os.open(job["stdout"], os.O_WRONLY | os.O_TRUNC), 1)
            os.dup2(os.open(job["stderr"], os.O_WRONLY | os.O_TRUNC), 2)
            os.execve(job["argv"][0], job["argv"], job["env"])
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss * 1024,
                      "code": os.waitstatus_to_exitcode(status)}), flush=True)
"""


class Runner:
    """The measuring process (see RUNNER): one command in, one (wall, CPU, peak RSS) out."""

    def __init__(self):
        self.process = subprocess.Popen([PY, "-I", "-S", "-c", RUNNER], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, env={})
        self.directory = tempfile.TemporaryDirectory(prefix="dyngraph-bench-")
        self.out = Path(self.directory.name) / "stdout"
        self.err = Path(self.directory.name) / "stderr"
        self.out.touch()
        self.err.touch()
        for path in (Path(self.directory.name), self.out, self.err):  # a child running as the web user writes here
            path.chmod(0o777 if path.is_dir() else 0o666)

    def run(self, argv, env, user=None):
        job = {"argv": argv, "env": env, "stdout": str(self.out), "stderr": str(self.err)}
        if user is not None:
            job["uid"], job["gid"] = user
        self.process.stdin.write(json.dumps(job) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline())
        return answer, self.out.read_bytes(), self.err.read_bytes()

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=10)
        self.directory.cleanup()


class Process:
    """One command measured as a fresh process, many times: wall, CPU and peak RSS."""

    def __init__(self, runner, name, argv, env, user=None):
        self.runner, self.name, self.argv, self.env, self.user = runner, name, argv, env, user
        self.wall, self.cpu, self.rss = [], [], []
        self.output = b""

    def run(self, record=True):
        answer, self.output, problem = self.runner.run(self.argv, self.env, self.user)
        if answer["code"] != 0 or problem:
            raise SystemExit(f"{self.name}: exit {answer['code']}: {problem.decode(errors='replace')[-2000:]}")
        if record:
            self.wall.append(answer["wall"])
            self.cpu.append(answer["cpu"])
            self.rss.append(answer["rss"])

    def head(self):
        head, _, body = self.output.partition(b"\r\n\r\n")
        headers = dict(line.split(": ", 1) for line in head.decode("latin-1").split("\r\n") if ": " in line)
        return headers, body


def section_cgi(report, results, rounds):
    png, jpeg = standard_query("png"), standard_query("jpeg")
    mplconfig = Path(tempfile.mkdtemp(prefix="dyngraph-bench-mpl-"))
    clean = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME")}
    runner = Runner()
    try:
        _measure_cgi(report, results, rounds, runner, png, jpeg, mplconfig, clean)
    finally:
        runner.close()
        shutil.rmtree(mplconfig, ignore_errors=True)


def _measure_cgi(report, results, rounds, runner, png, jpeg, mplconfig, clean):
    fresh = {"DYNGRAPH_CACHE_BYTES": "0"}  # drawn every time: what a chart costs the first time it is asked for
    cachedir = Path(tempfile.mkdtemp(prefix="dyngraph-bench-cache-"))
    cached = {"DYNGRAPH_DATA_DIR": str(cachedir)}  # the render cache on, as deployed (default 64 MiB)
    procs = {
        "pass": Process(runner, "python -c pass", [PY, "-c", "pass"], clean),
        "pil": Process(runner, 'python -c "import PIL.Image"', [PY, "-c", "import PIL.Image"], clean),
        "dyn_png": Process(runner, "get_graph.py, standard PNG (fresh: drawn)", [PY, str(GET_GRAPH)],
                           cgi_env(png, **fresh)),
        "dyn_jpeg": Process(runner, "get_graph.py, standard JPEG (fresh: drawn)", [PY, str(GET_GRAPH)],
                            cgi_env(jpeg, **fresh)),
        "dyn_hit": Process(runner, "get_graph.py, standard PNG, repeated (render cache hit)", [PY, str(GET_GRAPH)],
                           cgi_env(png, **cached)),
        "dyn_max": Process(runner, f"get_graph.py, largest image ({MAX_W}×{MAX_H} PNG, fresh)", [PY, str(GET_GRAPH)],
                           cgi_env(standard_query("png", MAX_W, MAX_H), **fresh)),
        "mpl_png": Process(runner, "mpl_cgi.py, standard PNG", [PY, str(MPL_CGI)],
                           cgi_env(png, MPLCONFIGDIR=str(mplconfig))),
        "mpl_jpeg": Process(runner, "mpl_cgi.py, standard JPEG", [PY, str(MPL_CGI)],
                            cgi_env(jpeg, MPLCONFIGDIR=str(mplconfig))),
        "mpl_tricks": Process(runner, "mpl_cgi.py, standard PNG, with dyngraph's CGI tricks (gc off, os._exit)",
                              [PY, str(MPL_CGI)], cgi_env(png, MPLCONFIGDIR=str(mplconfig), BENCH_CGI_TRICKS="1")),
        "text400": Process(runner, "get_graph.py, 400 as text", [PY, str(GET_GRAPH)],
                           cgi_env("data=1,2&width=huge", HTTP_ACCEPT="text/html,*/*;q=0.8", **cached)),
    }
    chart_js = chartjs_command()
    if chart_js is not None:
        procs["cj_cold"] = Process(runner, "Chart.js 4 + @napi-rs/canvas, standard PNG, one node process",
                                   chart_js, {"PATH": clean.get("PATH", "/usr/bin:/bin")})
    # Warm up (font cache, page cache) and check every answer once.
    for proc in procs.values():
        proc.run(record=False)
    for key in ("dyn_png", "dyn_jpeg", "dyn_hit", "mpl_png", "mpl_jpeg", "mpl_tricks", "dyn_max"):
        headers, body = procs[key].head()
        fmt = "JPEG" if key.endswith("jpeg") else "PNG"
        size = (MAX_W, MAX_H) if key == "dyn_max" else (WIDTH, HEIGHT)
        if headers.get("Status") != "200 OK" or image_info(body) != (fmt, size):
            raise SystemExit(f"{procs[key].name}: unexpected answer {headers}")
    procs["dyn_hit"].run(record=False)  # the first run stored it; this one and the measured ones read it
    if procs["dyn_hit"].head()[1] != procs["dyn_png"].head()[1]:
        raise SystemExit("the render cache answered other bytes than a fresh drawing")
    if "cj_cold" in procs and image_info(CHARTJS_OUT.read_bytes()) != ("PNG", (WIDTH, HEIGHT)):
        raise SystemExit("Chart.js did not draw a 600x300 PNG")
    etag = procs["dyn_png"].head()[0]["ETag"]
    procs["not304"] = Process(runner, "get_graph.py, 304 (render cache off: query parsed)", [PY, str(GET_GRAPH)],
                              cgi_env(png, HTTP_IF_NONE_MATCH=etag, **fresh))
    procs["hit304"] = Process(runner, "get_graph.py, 304 (render cache on, as deployed)", [PY, str(GET_GRAPH)],
                              cgi_env(png, HTTP_IF_NONE_MATCH=etag, **cached))
    for key in ("not304", "hit304"):
        procs[key].run(record=False)
        assert procs[key].head()[0]["Status"] == "304 Not Modified", procs[key].output[:200]
    assert procs["text400"].head()[0]["Status"] == "400 Bad Request"
    procs["page"] = Process(runner, "page.py, the gallery page (HTML)", [PY, str(GET_GRAPH.parent / "page.py")],
                            cgi_env("", SCRIPT_NAME="/cgi-bin/page.py", HTTP_ACCEPT="text/html"))
    procs["page"].run(record=False)
    assert procs["page"].head()[0]["Status"] == "200 OK", procs["page"].output[:200]
    # A host where the CGI user cannot write lib/__pycache__: dyngraph compiled from source every time.
    nopyc = Path(tempfile.mkdtemp(prefix="dyngraph-bench-nopyc-"))
    shutil.copytree(GET_GRAPH.parent, nopyc / "cgi-bin")
    shutil.copytree(ROOT / "lib" / "dyngraph", nopyc / "lib" / "dyngraph", ignore=shutil.ignore_patterns("__pycache__"))
    source_only = {"PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(nopyc / "lib"), **fresh}
    procs["nopyc400"] = Process(runner, "get_graph.py, 400 as text, no bytecode cache", [PY, str(nopyc / "cgi-bin" /
                                GET_GRAPH.name)], cgi_env("data=1,2&width=huge", HTTP_ACCEPT="text/html", **source_only))
    procs["nopyc_png"] = Process(runner, "get_graph.py, standard PNG, no bytecode cache",
                                 [PY, str(nopyc / "cgi-bin" / GET_GRAPH.name)], cgi_env(png, **source_only))
    for key in ("nopyc400", "nopyc_png"):
        procs[key].run(record=False)
        assert not list(nopyc.rglob("*.pyc")), "bytecode was written"
    web = web_host(png, fresh)
    for key, proc in (web or {}).get("procs", {}).items():
        procs[key] = Process(runner, proc[0], proc[1], proc[2], web["user"])
        procs[key].run(record=False)  # the first request: compiles (into the data dir for the fallback)
        assert procs[key].head()[0]["Status"] == "200 OK", procs[key].output[:300]
    if web:
        assert not (web["readonly"] / "lib" / "dyngraph" / "__pycache__").exists()
        assert list((web["data"] / "pycache").rglob("graph_app.*.pyc")), "the fallback wrote no bytecode"
    # Interleave the commands round by round so drift hits all alike; matplotlib gets fewer rounds.
    for index in range(rounds):
        for key, proc in procs.items():
            if key.startswith(("mpl", "cj", "web")) and index % 2:
                continue
            proc.run()
    shutil.rmtree(nopyc)
    shutil.rmtree(cachedir)
    if web:
        shutil.rmtree(web["root"])
        results["web_python"] = web["python"]
    stats = {key: (Stat(p.wall), Stat(p.cpu), max(p.rss), p.name) for key, p in procs.items()}
    results["cgi"] = stats

    floor = stats["pass"][0].median
    pil = stats["pil"][0].median
    report("## b) A whole CGI request as a fresh process")
    report()
    report("Each command is a new `python` process with a CGI environment (stdout to a file, stdin empty). "
           "Wall is measured around the process; CPU and peak RSS come from `os.wait4` for that one child.")
    report()
    rows = []
    for key in ("pass", "pil", "dyn_png", "dyn_jpeg", "dyn_hit", "dyn_max", "nopyc_png", "web_compiled", "web_fallback",
                "web_source", "mpl_png", "mpl_jpeg", "mpl_tricks", "cj_cold"):
        if key not in stats:
            continue
        wall, cpu, rss, name = stats[key]
        rows.append((name, wall.ms(), f"{cpu.median * 1e3:.1f} ms", f"{rss / MIB:.1f} MiB",
                     f"{ratio(wall.median, floor):.2f}×", f"{ratio(wall.median, pil):.2f}×"))
    report.table(("command", "wall (median, IQR)", "CPU", "peak RSS", "× `-c pass`", "× `import PIL.Image`"), rows)
    for fmt in ("png", "jpeg"):
        dyn, mpl = stats[f"dyn_{fmt}"][0].median, stats[f"mpl_{fmt}"][0].median
        report(f"- {fmt.upper()}: dyngraph's CGI request is **{ratio(mpl, dyn):.1f}× faster** than matplotlib's, "
               f"and {ratio(dyn, pil):.2f}× `import PIL.Image`; "
               f"beyond the bare interpreter it costs {(dyn - floor) * 1e3:.1f} ms against {(mpl - floor) * 1e3:.1f} ms.")
    tricks = stats["mpl_tricks"][0].median
    report(f"- dyngraph's CGI scripts disable the cycle collector and skip interpreter shutdown "
           f"(`dyngraph.gateway.end_cgi`). Given the same two lines, matplotlib's script takes {tricks * 1e3:.0f} ms "
           f"instead of {stats['mpl_png'][0].median * 1e3:.0f} ms: dyngraph is then "
           f"**{ratio(tricks, stats['dyn_png'][0].median):.1f}× faster** (PNG). The targets below use the plain "
           "script, as a matplotlib user would write it.")
    report()
    if "cj_cold" in stats:
        cold = stats["cj_cold"][0].median
        report(f"- Chart.js 4 on @napi-rs/canvas as a cold node process (reads the data, draws, writes the PNG; no "
               f"HTTP) takes {cold * 1e3:.0f} ms: dyngraph's whole CGI request is **{ratio(cold, stats['dyn_png'][0].median):.1f}× "
               f"faster** (PNG), with {stats['cj_cold'][2] / MIB:.0f} MiB peak RSS against {stats['dyn_png'][2] / MIB:.0f} MiB.")
    else:
        report(f"- Chart.js: not measured ({CHARTJS_MISSING}).")
    if "web_compiled" in stats:
        report(f"- \"As the web user\" rows run {results.get('web_python', 'the host python3')} as "
               f"`{WEB_USER_NAME[0]}` over a root-owned copy of the bundle (Pillow beside it, compiled): "
               "*compiled* after `compileall lib`; *fallback*: no bytecode in lib/ and a data directory the web "
               "user owns (the scripts set `sys.pycache_prefix` there; measured after the first request); "
               "*from source*: the same with `python -B`, as every request was before the fallback.")
    report()
    report("## c) The cheap paths as CGI processes")
    report()
    rows = []
    for key in ("pass", "not304", "hit304", "text400", "nopyc400", "page"):
        wall, cpu, rss, name = stats[key]
        rows.append((name, wall.ms(), f"{cpu.median * 1e3:.1f} ms", f"{rss / MIB:.1f} MiB",
                     f"**{ratio(wall.median, floor):.2f}×**"))
    report.table(("command", "wall (median, IQR)", "CPU", "peak RSS", "× `-c pass`"), rows)
    report("\"No bytecode cache\": a copy of lib/ with no `__pycache__` and `PYTHONDONTWRITEBYTECODE=1`, as on a "
           "host where the CGI user cannot write beside the code; run `python3 -m compileall lib` when deploying.")
    report()


# --- the web user's view: lib/ read-only, bytecode fallback -------------------------

WEB_USER_NAME = []


def web_host(png, fresh):
    """A root-owned bundle run as the web user (www-data/nobody) with the host python3; None when not possible.

    Three commands, each measured after its first request: lib/ compiled; lib/ without bytecode and a data
    directory the web user owns (the bytecode fallback); the same with ``-B`` (no bytecode anywhere, as before).
    """
    import pwd

    if os.geteuid() != 0:
        return None
    python = shutil.which("python3", path="/usr/local/bin:/usr/bin:/bin")
    if python is None:
        return None
    version = subprocess.run([python, "-c", "import sys; print(*sys.version_info[:2])"], capture_output=True,
                             text=True).stdout.split()
    if version != [str(n) for n in sys.version_info[:2]]:
        return None  # the copied Pillow is built for this run's Python
    for name in ("www-data", "nobody"):
        try:
            entry = pwd.getpwnam(name)
            break
        except KeyError:
            continue
    else:
        return None
    import PIL

    WEB_USER_NAME[:] = [name]
    root = Path(tempfile.mkdtemp(prefix="dyngraph-bench-web-"))
    root.chmod(0o755)
    pylib = root / "pylib"
    shutil.copytree(Path(PIL.__file__).parent, pylib / "PIL", ignore=shutil.ignore_patterns("__pycache__"))
    if (Path(PIL.__file__).parent.parent / "pillow.libs").is_dir():
        shutil.copytree(Path(PIL.__file__).parent.parent / "pillow.libs", pylib / "pillow.libs")
    subprocess.run([python, "-m", "compileall", "-q", str(pylib)], check=True, stdout=subprocess.DEVNULL)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    bundles = {}
    for kind in ("compiled", "readonly"):
        shutil.copytree(GET_GRAPH.parent, root / kind / "cgi-bin", ignore=ignore)
        shutil.copytree(ROOT / "lib" / "dyngraph", root / kind / "lib" / "dyngraph", ignore=ignore)
        bundles[kind] = root / kind
    subprocess.run([python, "-m", "compileall", "-q", str(bundles["compiled"] / "lib")], check=True,
                   stdout=subprocess.DEVNULL)
    data = root / "data"
    data.mkdir()
    os.chown(data, entry.pw_uid, entry.pw_gid)
    env = {**cgi_env(png, **fresh), "PYTHONPATH": str(pylib), "PATH": "/usr/bin:/bin"}
    script = lambda kind: str(bundles[kind] / "cgi-bin" / GET_GRAPH.name)  # noqa: E731
    procs = {
        "web_compiled": ("get_graph.py as the web user, lib/ compiled (`compileall`)", [python, script("compiled")],
                         env),
        "web_fallback": ("get_graph.py as the web user, lib/ read-only without bytecode (fallback)",
                         [python, script("readonly")], {**env, "DYNGRAPH_DATA_DIR": str(data)}),
        "web_source": ("get_graph.py as the web user, lib/ read-only, from source every time (`-B`)",
                       [python, "-B", script("readonly")], {**env, "DYNGRAPH_DATA_DIR": str(data)}),
    }
    return {"root": root, "readonly": bundles["readonly"], "data": data, "procs": procs,
            "user": (entry.pw_uid, entry.pw_gid), "python": python}


# --- the Chart.js peer -------------------------------------------------------------

CHARTJS = BENCH / "chartjs.mjs"
CHARTJS_DATA = Path(tempfile.gettempdir()) / f"dyngraph-bench-chart-{os.getpid()}.json"
CHARTJS_OUT = Path(tempfile.gettempdir()) / f"dyngraph-bench-chartjs-{os.getpid()}.png"
CHARTJS_MISSING = ""


def chartjs_command(warm=None):
    """``node bench/chartjs.mjs`` drawing the standard chart, or None (the reason in CHARTJS_MISSING)."""
    global CHARTJS_MISSING
    node = shutil.which("node")
    if node is None:
        CHARTJS_MISSING = "node is not installed"
        return None
    if not (BENCH / "node_modules" / "chart.js").is_dir() or not (BENCH / "node_modules" / "@napi-rs" / "canvas").is_dir():
        CHARTJS_MISSING = "bench/node_modules lacks chart.js or @napi-rs/canvas: run make bench (needs npm)"
        return None
    if not CHARTJS_DATA.exists():
        CHARTJS_DATA.write_text(json.dumps({"width": WIDTH, "height": HEIGHT, "title": TITLE, "legend": list(LEGEND),
                                            "series": standard_data()}))
    command = [node, str(CHARTJS), str(CHARTJS_DATA), str(CHARTJS_OUT)]
    return command + ["--warm", str(warm)] if warm else command


def section_chartjs(report, results, repeats):
    """Chart.js in its own process, warm: alternating blocks with dyngraph's in-process draw."""
    from dyngraph.spec import parse

    command = chartjs_command(warm=max(repeats // 3, 5))
    report("## h) The Chart.js peer in process (render + PNG)")
    report()
    if command is None:
        report(f"Not measured: {CHARTJS_MISSING}.")
        report()
        return
    spec = parse(standard_query("png"))
    dyn_draw = draw_dyngraph(spec)
    dyn_draw()
    dyn_samples, cj_samples = [], []
    for _ in range(3):  # alternate blocks so drift in load hits both
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        cj_samples += json.loads(done.stdout)["times"]
        for _ in range(max(repeats // 3, 5)):
            start = time.perf_counter()
            body = dyn_draw()
            dyn_samples.append(time.perf_counter() - start)
    dyn, cj = Stat(dyn_samples), Stat(cj_samples)
    cj_bytes = CHARTJS_OUT.stat().st_size
    results["chartjs_warm"] = (dyn, cj)
    results["bytes_chartjs"] = (len(body), cj_bytes)
    report("Chart.js 4 on @napi-rs/canvas (the engine QuickChart runs), the same data and size, no animation, "
           "devicePixelRatio 1, a white background; timed inside one node process after 3 warm-up draws "
           "(`canvas.toBuffer('image/png')` included), in blocks alternating with dyngraph's `draw_chart`.")
    report()
    report.table(("library", "render + PNG", "PNG bytes"),
                 [("dyngraph", dyn.ms(), f"{len(body):,}"), ("Chart.js 4 + @napi-rs/canvas", cj.ms(), f"{cj_bytes:,}")])
    report(f"- dyngraph is **{ratio(cj.median, dyn.median):.1f}× faster** in process; its PNG is "
           f"{ratio(len(body), cj_bytes):.2f}× Chart.js's bytes.")
    report()


# --- g) where the time goes ------------------------------------------------------


def import_tree(argv, env, runs):
    """Run ``python -X importtime`` ``runs`` times: {module: (median self µs, median cumulative µs, importer)}."""
    samples = {}
    for _ in range(runs):
        result = subprocess.run([argv[0], "-X", "importtime", *argv[1:]], env=env, capture_output=True, check=True)
        for name, _, own, total, parent in stack_all(result):
            samples.setdefault(name, []).append((own, total, parent))
    return {name: (statistics.median(v[0] for v in values), statistics.median(v[1] for v in values), values[0][2])
            for name, values in samples.items()}


def stack_all(result):
    """Every importtime entry with its importer (None at top level), in output order."""
    entries, stack = [], []
    for line in result.stderr.decode("utf-8", "replace").splitlines():
        if not line.startswith("import time:") or "[us]" in line:
            continue
        own, total, name = line[len("import time:"):].split("|")
        level = (len(name) - len(name.lstrip()) - 1) // 2
        entry = [name.strip(), level, int(own), int(total), None]
        while stack and stack[-1][1] > level:
            stack.pop()[4] = entry[0]
        stack.append(entry)
        entries.append(entry)
    return [tuple(e) for e in entries]


OURS = ("dyngraph", "PIL", "wsgiref")


def _ours(name):
    return name.split(".")[0] in OURS


def section_where(report, results, runs):
    """What each path imports, and who pulls in the costly standard-library modules."""
    png = standard_query("png")
    fresh = {"DYNGRAPH_CACHE_BYTES": "0"}
    cachedir = tempfile.mkdtemp(prefix="dyngraph-bench-cache-")
    hit = cgi_env(png, DYNGRAPH_DATA_DIR=cachedir)
    subprocess.run([PY, str(GET_GRAPH)], env=hit, capture_output=True, check=True)  # store it
    cases = (("standard PNG chart", cgi_env(png, **fresh)), ("standard JPEG chart", cgi_env(standard_query("jpeg"), **fresh)),
             ("render cache hit (standard PNG)", hit),
             ("text 400", cgi_env("data=1,2&width=huge", HTTP_ACCEPT="text/html", **fresh)))
    report("## g) Where a CGI request's time goes (`python -X importtime cgi-bin/get_graph.py`)")
    report()
    report(f"Medians of {runs} runs. importtime inflates every figure; compare them with each other. "
           "\"Pulled in by\" names the first dyngraph/Pillow/wsgiref module above the import.")
    report()
    startup = set(import_tree([PY, "-c", "pass"], {}, 1))
    for label, env in cases:
        tree = import_tree([PY, str(GET_GRAPH)], env, runs)
        groups = {"dyngraph": 0, "PIL": 0, "wsgiref": 0}
        for name, (own, _, _) in tree.items():
            if name.split(".")[0] in groups:
                groups[name.split(".")[0]] += own
        costly = []
        for name, (own, total, parent) in tree.items():
            if _ours(name) or (parent is not None and not _ours(parent)):
                continue
            if name in startup:
                continue
            costly.append((total, name, parent or "(top level)"))
        costly.sort(reverse=True)
        total_imports = sum(t for name, (_, t, parent) in tree.items() if parent is None and name not in startup)
        report(f"**{label}**: imports beyond interpreter start-up {total_imports / 1e3:.1f} ms; own code of dyngraph "
               f"{groups['dyngraph'] / 1e3:.1f} ms, Pillow {groups['PIL'] / 1e3:.1f} ms, wsgiref "
               f"{groups['wsgiref'] / 1e3:.1f} ms. Heaviest standard-library imports:")
        report()
        report.table(("module (cumulative)", "ms", "pulled in by"),
                     [(f"`{name}`", f"{total / 1e3:.1f}", f"`{parent}`") for total, name, parent in costly[:8]])
    shutil.rmtree(cachedir, ignore_errors=True)


# --- d) WSGI under gunicorn -----------------------------------------------------


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load(port, path, headers, total, seconds, threads, expect):
    """A bounded load generator: ``threads`` keep-alive clients share ``total`` requests, stop at ``seconds``."""
    latencies, errors, lock = [], [], threading.Lock()
    remaining = [total]
    deadline = time.monotonic() + seconds

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            while time.monotonic() < deadline:
                with lock:
                    if remaining[0] <= 0:
                        return
                    remaining[0] -= 1
                start = time.perf_counter()
                try:
                    connection.request("GET", path, headers=headers)
                    response = connection.getresponse()
                    response.read()
                except (OSError, http.client.HTTPException) as error:
                    connection.close()
                    with lock:
                        errors.append(repr(error))
                    continue
                elapsed = time.perf_counter() - start
                with lock:
                    latencies.append(elapsed)
                    if response.status != expect:
                        errors.append(f"status {response.status}")
        finally:
            connection.close()

    start = time.perf_counter()
    workers = [threading.Thread(target=client) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    wall = time.perf_counter() - start
    return latencies, errors, wall


def percentile(samples, p):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def section_gunicorn(report, results, quick):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DYNGRAPH_")}
    env["PYTHONPATH"] = str(ROOT / "lib")
    env["DYNGRAPH_CACHE_BYTES"] = "0"  # every 200 drawn, as in issue 7's figures (a cache hit is section b's)
    argv = [PY, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
            "dyngraph.graph_app:application"]
    server = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("gunicorn did not start: " + server.stderr.read().decode(errors="replace")) from None
                time.sleep(0.1)
        path = "/?" + standard_query("png")
        probe = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        probe.request("GET", path)
        first = probe.getresponse()
        first.read()
        etag = first.getheader("ETag")
        probe.close()
        assert first.status == 200 and etag, first.status
        threads = 4
        rows = []
        cases = (("standard chart (PNG, 200)", {}, 200, 300 if quick else 1500, 5 if quick else 15),
                 ("304 (If-None-Match)", {"If-None-Match": etag}, 304, 1000 if quick else 5000, 4 if quick else 10))
        for name, headers, expect, total, seconds in cases:
            load(port, path, headers, min(total, 50), 5, threads, expect)  # warm both workers
            latencies, errors, wall = load(port, path, headers, total, seconds, threads, expect)
            if errors:
                raise SystemExit(f"gunicorn {name}: {len(errors)} errors, e.g. {errors[:3]}")
            rate = len(latencies) / wall
            results[f"wsgi_{expect}"] = (rate, percentile(latencies, 50), percentile(latencies, 99), len(latencies))
            rows.append((name, f"{len(latencies)}", f"{rate:.0f}", f"{percentile(latencies, 50) * 1e3:.1f} ms",
                         f"{percentile(latencies, 99) * 1e3:.1f} ms"))
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    report("## d) The WSGI app under gunicorn")
    report()
    report(f"gunicorn, 2 sync workers, 127.0.0.1, render cache off (every 200 is drawn); load: {threads} threads "
           "with http.client (keep-alive where the server allows), a fixed request count and a time cap. The load "
           "generator shares the 2 cores.")
    report()
    report.table(("request", "requests", "req/s", "p50", "p99"), rows)


# --- e) growth ----------------------------------------------------------------


def section_growth(report, results, quick):
    from dyngraph.limits import Limits
    from dyngraph.spec import make

    mpl = load_mpl()
    report("## e) How cost grows")
    report()
    report("Render + encode, PNG, in process: the standard chart with more points per series. "
           "The spec is built beforehand (`spec.make` from Python lists, timed once in the last column).")
    report()
    rows = []
    counts = (100, 1_000, 10_000, 100_000)
    for points in counts:
        data = standard_data(points)
        start = time.perf_counter()
        spec = make(type="line", data=data, legend=list(LEGEND), title=TITLE, width=WIDTH, height=HEIGHT,
                    format="png")
        parse_time = time.perf_counter() - start
        repeats = {100: 20, 1_000: 12, 10_000: 6, 100_000: 4}[points] // (2 if quick else 1) or 1
        chart = {"data": data, "legend": list(LEGEND), "title": TITLE, "width": WIDTH, "height": HEIGHT,
                 "format": "png"}
        dyn, dyn_body, ref, _ = timed_pair(draw_dyngraph(spec), lambda chart=chart: mpl.draw(**chart), repeats,
                                           warmup=1)
        assert image_info(dyn_body) == ("PNG", (WIDTH, HEIGHT))
        results[f"points_{points}"] = (dyn, ref)
        rows.append((f"{points:,}", dyn.ms(), ref.ms(), f"{ratio(ref.median, dyn.median):.2f}×",
                     f"{parse_time * 1e3:.1f} ms"))
    report.table(("points per series (×3)", "dyngraph", "matplotlib", "dyngraph faster by",
                  "dyngraph `spec.make` (once)"), rows)

    limits = Limits()
    side = int((limits.max_pixels / 2) ** 0.5)
    assert (2 * side, side) == (MAX_W, MAX_H), "the default limits changed: update MAX_W, MAX_H"
    sizes = [(300, 150), (600, 300), (1200, 600), (MAX_W, MAX_H)]
    rows = []
    for width, height in sizes:
        spec = make(type="line", data=standard_data(), legend=list(LEGEND), title=TITLE, width=width, height=height,
                    format="png")
        chart = {"data": standard_data(), "legend": list(LEGEND), "title": TITLE, "width": width,
                 "height": height, "format": "png"}
        dyn, dyn_body, ref, mpl_body = timed_pair(draw_dyngraph(spec), lambda chart=chart: mpl.draw(**chart),
                                                  5 if quick else 12, warmup=1)
        assert image_info(dyn_body) == ("PNG", (width, height))
        rows.append((f"{width}×{height}", dyn.ms(), ref.ms(), f"{ratio(ref.median, dyn.median):.1f}×",
                     f"{len(dyn_body):,}", f"{len(mpl_body):,}"))
    report(f"Image size, standard data, PNG; the largest is the most the default limits allow at 2:1 "
           f"(max_pixels={limits.max_pixels:,}).")
    report()
    report.table(("size", "dyngraph", "matplotlib", "faster by", "dyngraph bytes", "matplotlib bytes"), rows)


# --- f) bytes, targets, machine ---------------------------------------------------


def section_bytes(report, results):
    report("## f) Output bytes, standard chart")
    report()
    rows = []
    for fmt in ("png", "jpeg"):
        if f"bytes_{fmt}" in results:
            dyn, ref = results[f"bytes_{fmt}"]
            rows.append((fmt.upper(), f"{dyn:,}", f"{ref:,}", f"{ratio(dyn, ref):.2f}×"))
    report.table(("format", "dyngraph bytes", "matplotlib bytes", "dyngraph / matplotlib"), rows)
    report("JPEG: both at quality 90; dyngraph keeps full chroma (no subsampling) so thin coloured lines stay clean.")
    report()


def section_targets(report, results):
    rows = []

    def target(name, measured, met):
        rows.append((name, measured, "**met**" if met else "**not met**"))

    if "cgi" in results:
        cgi = results["cgi"]

        def wall_cpu(a, b):
            """(wall ratio a/b, CPU ratio a/b) of two CGI commands' medians."""
            return ratio(cgi[a][0].median, cgi[b][0].median), ratio(cgi[a][1].median, cgi[b][1].median)

        rows.append(("**issue 16**", "", ""))
        wall, cpu = wall_cpu("dyn_png", "pil")
        target('fresh standard chart as CGI ≤ 1.4× `python -c "import PIL.Image"` (PNG)',
               f"{wall:.2f}× (CPU {cpu:.2f}×)", wall <= 1.4)
        wall, cpu = wall_cpu("mpl_png", "dyn_png")
        target("fresh standard chart as CGI ≥ 15× faster than matplotlib's CGI script (PNG)",
               f"{wall:.1f}× (CPU {cpu:.1f}×)", wall >= 15)
        if "cj_cold" in cgi:
            wall, cpu = wall_cpu("cj_cold", "dyn_png")
            target("fresh standard chart as CGI ≥ 4× faster than Chart.js as a cold process", 
                   f"{wall:.1f}× (CPU {cpu:.1f}×)", wall >= 4)
        else:
            rows.append(("≥ 4× faster than Chart.js as a cold process", CHARTJS_MISSING, "not measured"))
        if "chartjs_warm" in results:
            dyn, cj = results["chartjs_warm"]
            target("≥ 2.5× faster than Chart.js in process (render + PNG)", f"{ratio(cj.median, dyn.median):.1f}×",
                   ratio(cj.median, dyn.median) >= 2.5)
        else:
            rows.append(("≥ 2.5× faster than Chart.js in process", CHARTJS_MISSING or "section h not run",
                         "not measured"))
        wall, cpu = wall_cpu("dyn_hit", "pass")
        target("repeated chart (render cache hit) as CGI ≤ 1.5× `python -c pass`", f"{wall:.2f}× (CPU {cpu:.2f}×)",
               wall <= 1.5)
        for key, name in (("hit304", "304 (render cache on, as deployed)"), ("not304", "304 (render cache off)"),
                          ("text400", "text 400")):
            wall, cpu = wall_cpu(key, "pass")
            target(f"CGI {name} ≤ 1.6× `python -c pass`", f"{wall:.2f}× (CPU {cpu:.2f}×)", wall <= 1.6)
        if "web_fallback" in cgi:
            wall, cpu = wall_cpu("web_fallback", "web_compiled")
            target("lib/ not writable by the web user, no compileall: requests after the first ≤ 1.10× compiled",
                   f"{wall:.2f}× (CPU {cpu:.2f}×; from source every time: "
                   f"{wall_cpu('web_source', 'web_compiled')[0]:.2f}×)", wall <= 1.10)
        else:
            rows.append(("lib/ not writable by the web user: ≤ 1.10× compiled",
                         "needs root, a www-data/nobody user and a host python3 of this minor", "not measured"))
        peak = max(cgi[k][2] for k in ("dyn_png", "dyn_jpeg"))
        target("peak RSS of a chart CGI process ≤ 25 MiB (standard chart)", f"{peak / MIB:.1f} MiB", peak <= 25 * MIB)
        rows.append(("**issue 7**", "", ""))

        for fmt in ("png", "jpeg"):
            wall, cpu = wall_cpu(f"mpl_{fmt}", f"dyn_{fmt}")
            target(f"CGI standard chart ≥ 10× faster than matplotlib CGI ({fmt.upper()})",
                   f"{wall:.1f}× (CPU {cpu:.1f}×)", wall >= 10)
        wall, cpu = wall_cpu("mpl_tricks", "dyn_png")
        rows.append(("(for reference) the same, matplotlib's script given dyngraph's CGI tricks (PNG)",
                     f"{wall:.1f}× (CPU {cpu:.1f}×)", "not a target"))
        for fmt in ("png", "jpeg"):
            wall, cpu = wall_cpu(f"dyn_{fmt}", "pil")
            target(f'CGI standard chart ≤ 2× `python -c "import PIL.Image"` ({fmt.upper()})',
                   f"{wall:.2f}× (CPU {cpu:.2f}×)", wall <= 2)
        for key, name in (("not304", "304"), ("text400", "text 400")):
            wall, cpu = wall_cpu(key, "pass")
            target(f"CGI {name} ≤ 2.5× `python -c pass`", f"{wall:.2f}× (CPU {cpu:.2f}×)", wall <= 2.5)
        peak = max(cgi[k][2] for k in ("dyn_png", "dyn_jpeg", "not304", "text400"))
        target("peak memory of a CGI request ≤ 40 MiB (standard chart)", f"{peak / MIB:.1f} MiB (matplotlib: "
               f"{max(cgi[k][2] for k in ('mpl_png', 'mpl_jpeg')) / MIB:.0f} MiB)", peak <= 40 * MIB)
        largest = cgi["dyn_max"][2]
        target(f"peak memory of a CGI request ≤ 40 MiB (largest image, {MAX_W}×{MAX_H})",
               f"{largest / MIB:.1f} MiB", largest <= 40 * MIB)
    for fmt in ("png", "jpeg"):
        if f"inproc_{fmt}" in results:
            dyn, ref = results[f"inproc_{fmt}"]
            value = ratio(ref.median, dyn.median)
            target(f"in process, standard chart ≥ 5× faster than matplotlib ({fmt.upper()})", f"{value:.1f}×",
                   value >= 5)
    if "points_100000" in results:
        dyn, ref = results["points_100000"]
        value = ratio(dyn.median, ref.median)
        target("100,000 points per series no slower than matplotlib", f"{value:.2f}× matplotlib's time",
               value <= 1)
    if "bytes_png" in results:
        dyn, ref = results["bytes_png"]
        target("PNG bytes ≤ 0.6× matplotlib's", f"{ratio(dyn, ref):.2f}×", ratio(dyn, ref) <= 0.6)
    report("## Targets (issues 16 and 7)")
    report()
    report("Judged on wall-clock medians from this run; CPU-time ratios (from `wait4`) are shown too, as they "
           "suffer less when the machine is busy.")
    report()
    report.table(("target", "measured", "status"), rows)
    results["targets"] = rows


def machine(report):
    import matplotlib
    import PIL

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, check=True).stdout.strip()
        commit += " (with uncommitted changes)" if dirty else ""
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    report(f"- Machine: {platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} cores "
           "(shared and noisy: compare ratios from one run, not absolute times across runs)")
    report(f"- Python {platform.python_version()} ({PY}), Pillow {PIL.__version__}, matplotlib {matplotlib.__version__}; "
           f"dyngraph draws through Pillow's C core: {_pilcore_state()}")
    report(f"- dyngraph commit {commit}; run at {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; "
           f"load average at start {os.getloadavg()[0]:.1f}")
    report()


SECTIONS = ("a", "h", "b", "d", "e", "g")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (about a minute); for a smoke test")
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help="comma-separated sections: a (in process, f bytes), h (Chart.js in process), "
                             "b (CGI, c cheap paths), d (gunicorn), e (growth), g (imports)")
    parser.add_argument("--report", default=str(BENCH / "report-latest.md"), help="where to write the report")
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "lib" / "dyngraph")], check=True,
                   stdout=subprocess.DEVNULL)  # a deployment runs from bytecode, not from source

    report = Report()
    results = {}
    started = time.perf_counter()
    report("# dyngraph benchmark" + (" (quick run)" if args.quick else ""))
    report()
    machine(report)
    if "a" in only:
        section_in_process(report, results, 10 if args.quick else 60)
    if "h" in only:
        section_chartjs(report, results, 15 if args.quick else 60)
    if "b" in only:
        section_cgi(report, results, 8 if args.quick else 40)
    if "d" in only:
        section_gunicorn(report, results, args.quick)
    if "e" in only:
        section_growth(report, results, args.quick)
    if "g" in only:
        section_where(report, results, 3 if args.quick else 7)
    if "a" in only:
        section_bytes(report, results)
    section_targets(report, results)
    report(f"Whole run: {time.perf_counter() - started:.0f} s; load average at the end {os.getloadavg()[0]:.1f}. Reproduce with `make bench` "
           f"(`.venv/bin/python bench/run.py{' --quick' if args.quick else ''}`).")
    for path in (CHARTJS_DATA, CHARTJS_OUT):
        path.unlink(missing_ok=True)
    text = "\n".join(report.lines) + "\n"
    Path(args.report).write_text(text, encoding="utf-8")
    stamped = BENCH / f"report-{datetime.now(timezone.utc):%Y%m%d-%H%M%S}.md"
    stamped.write_text(text, encoding="utf-8")
    print(f"\nwrote {args.report} and {stamped.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
