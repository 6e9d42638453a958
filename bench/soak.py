#!/usr/bin/env python3
"""Load and soak test: gunicorn on 127.0.0.1 under a mix of valid, invalid and conditional requests.

    .venv/bin/python bench/soak.py --requests 20000 --clients 8 --workers 2

Concurrent clients send a reproducible mix (charts of every type and format,
refusals, 304s, HEAD, POST, <img>-style error images, over-long lines) in two
equal halves. It reports the statuses, any 5xx, any dropped connection, and
each worker's resident memory after each half; a worker that keeps growing
in the second half leaks. tests/integration/test_soak.py runs a short form.
"""

import argparse
import http.client
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
GRAPH = "/cgi-bin/get_graph.py"
PAGE = "/cgi-bin/page.py"
TYPES = ("line", "area", "bar", "hbar", "pie", "donut", "scatter", "sparkline")
FORMATS = ("jpeg", "png", "gif", "webp")
INVALID = (
    "data=1,nan", "data=1&width=0", "data=1&width=2000&height=2000", "data=%FF", "data=1&data=2",
    "data=1&foo=bar", "data=" + "9" * 3000, "type=pie&data=-1", "data=1&format=../../etc/passwd",
    "data=1&title=%ED%A0%80", "a=1&" * 200, "data=1%2", "data=1e308", "data=1&colors=red",
)
IMG_ACCEPT = "image/avif,image/webp,image/*,*/*;q=0.8"


def application_factory():
    """The gunicorn target: page and image apps routed as under Apache's cgi-bin."""
    from dyngraph import render
    from dyngraph.devserver import make_router
    from dyngraph.graph_app import make_app as make_graph
    from dyngraph.page_app import make_app as make_page

    render.preload()  # as dyngraph.wsgi does: every chart kind loaded before the first request
    return make_router(make_page(), make_graph())


# --- the server -----------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(workers, port, timeout=30):
    """Start gunicorn (sync workers) on 127.0.0.1:port; return the Popen once it answers."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DYNGRAPH_")}
    env["DYNGRAPH_CACHE_BYTES"] = "0"  # every 200 drawn: the soak is of the renderer, not of a warm cache
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "lib"), str(ROOT / "bench"), env.get("PYTHONPATH", "")])
    command = [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
               "--timeout", str(timeout), "--log-level", "warning", "soak:application_factory()"]
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log)
    process.log = log
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {stop(process)}")
        try:
            status, _ = fetch(port, "GET", f"{GRAPH}?data=1,2,3")
            if status == 200 and len(worker_pids(process.pid)) == workers:
                return process
        except OSError:
            pass
        time.sleep(0.1)
    stop(process)
    raise RuntimeError("gunicorn did not answer within 30 s")


def stop(process):
    """Stop gunicorn gracefully, then for good; return what it wrote to its error log."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    process.log.seek(0)
    text = process.log.read().decode("utf-8", "replace")
    process.log.close()
    return text


def worker_pids(master_pid):
    """PIDs whose parent is the gunicorn master, from /proc."""
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == master_pid:
                pids.append(int(entry))
    return sorted(pids)


def rss_kib(pid):
    """Resident memory of one process, in KiB, from /proc/<pid>/status."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


# --- the clients ----------------------------------------------------------------------


def fetch(port, method, target, headers=None, body=None, timeout=30):
    """One request on a fresh connection; returns (status, headers dict). Raises on a drop."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, target, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        length = response.getheader("Content-Length")
        if method != "HEAD" and response.status != 304 and length is not None and int(length) != len(data):
            raise ConnectionError(f"short body: {len(data)} of {length}")
        return response.status, dict(response.getheaders())
    finally:
        connection.close()


def valid_query(rng):
    chart_type = rng.choice(TYPES)
    n = rng.randint(2, 120)
    if chart_type in ("pie", "donut"):
        data = ",".join(str(rng.randint(0, 100)) for _ in range(min(n, 12)))
    else:
        n_series = rng.randint(1, 3)
        per_series = min(n * (2 if chart_type == "scatter" else 1), 400 // n_series)  # under gunicorn's 4094-byte line
        data = "|".join(",".join(f"{rng.uniform(-50, 100):.2f}" for _ in range(per_series - per_series % 2))
                        for _ in range(n_series))
    parts = [f"type={chart_type}", f"data={data}", f"format={rng.choice(FORMATS)}",
             f"width={rng.randint(80, 800)}", f"height={rng.randint(40, 500)}"]
    if rng.random() < 0.5:
        parts.append("title=" + quote(rng.choice(["Sales", "Überblick 2026", "売上", "שלום", "📈 growth"])))
    return "&".join(parts)


class Plan:
    """A reproducible request mix; remembers ETags so conditional requests can hit."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.lock = threading.Lock()
        self.etags = {}

    def next(self):
        """(method, target, headers, body, expect) where expect is a set of acceptable statuses."""
        with self.lock:
            roll = self.rng.random()
            if roll < 0.40:
                return "GET", f"{GRAPH}?{valid_query(self.rng)}", {}, None, {200}
            if roll < 0.55 and self.etags:
                target, etag = self.rng.choice(list(self.etags.items()))
                tag = self.rng.choice([etag, "W/" + etag, "*", '"stale"'])
                return "GET", target, {"If-None-Match": tag}, None, {200 if tag == '"stale"' else 304}
            if roll < 0.70:
                accept = {"Accept": IMG_ACCEPT} if self.rng.random() < 0.5 else {}
                return "GET", f"{GRAPH}?{self.rng.choice(INVALID)}", accept, None, {400}
            if roll < 0.76:
                return "GET", f"{GRAPH}?data=" + "1," * 3000, {}, None, {400, 414}  # over the request line
            if roll < 0.82:
                return "HEAD", f"{GRAPH}?{valid_query(self.rng)}", {}, None, {200}
            if roll < 0.86:
                return "POST", f"{GRAPH}?data=1", {"Content-Type": "text/plain"}, b"x" * 2048, {405}
            if roll < 0.88:
                return "BREW", f"{GRAPH}?data=1", {}, None, {405}
            if roll < 0.94:
                return "GET", f"{PAGE}?type=bar&data=1,2,3&title=%3Cscript%3E", {}, None, {200}
            return "GET", f"{PAGE}?data=nan", {}, None, {400}

    def remember(self, target, headers):
        if "ETag" in headers and len(self.etags) < 200:
            with self.lock:
                self.etags[target] = headers["ETag"]


def run_half(port, plan, requests, clients, deadline):
    """Send ``requests`` requests from ``clients`` threads; return counters."""
    statuses, unexpected, drops = Counter(), Counter(), []
    lock = threading.Lock()
    remaining = [requests]

    def client():
        while time.monotonic() < deadline:
            with lock:
                if remaining[0] <= 0:
                    return
                remaining[0] -= 1
            method, target, headers, body, expect = plan.next()
            try:
                status, response_headers = fetch(port, method, target, headers, body)
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    drops.append(f"{method} {target[:80]}: {error!r}")
                continue
            if status == 200 and method == "GET":
                plan.remember(target, response_headers)
            with lock:
                statuses[status] += 1
                if status not in expect:
                    unexpected[f"{method} {status} {target[:60]}"] += 1

    with ThreadPoolExecutor(clients) as pool:
        for future in [pool.submit(client) for _ in range(clients)]:
            future.result()
    return {"statuses": statuses, "unexpected": unexpected, "drops": drops, "sent": requests - remaining[0]}


def soak(*, requests=1000, clients=8, workers=2, seconds=300, seed=6, warmup=300):
    """Warm up, then run both halves against a fresh gunicorn; return a report dict."""
    port = free_port()
    process = start_gunicorn(workers, port)
    try:
        master = process.pid
        pids = worker_pids(master)
        plan = Plan(seed)
        run_half(port, plan, warmup, clients, time.monotonic() + seconds / 4)  # imports, fonts, caches
        started = time.monotonic()
        deadline = started + seconds
        first = run_half(port, plan, requests // 2, clients, started + seconds / 2)
        rss_first = {pid: rss_kib(pid) for pid in pids}
        second = run_half(port, plan, requests - requests // 2, clients, deadline)
        rss_second = {pid: rss_kib(pid) for pid in pids}
        elapsed = time.monotonic() - started
        pids_after = worker_pids(master)
    finally:
        log = stop(process)
    statuses = first["statuses"] + second["statuses"]
    return {
        "sent": first["sent"] + second["sent"],
        "elapsed": elapsed,
        "statuses": dict(sorted(statuses.items())),
        "server_errors": sum(n for status, n in statuses.items() if status >= 500),
        "unexpected": first["unexpected"] + second["unexpected"],
        "drops": first["drops"] + second["drops"],
        "rss_first_kib": rss_first,
        "rss_second_kib": rss_second,
        "growth": {pid: rss_second[pid] / rss_first[pid] - 1 for pid in pids},
        "workers_restarted": pids_after != pids,
        "tracebacks": log.count("Traceback"),
        "log_tail": log[-2000:],
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=20_000, help="total requests (two equal halves)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--seconds", type=float, default=600, help="stop sending after this long")
    parser.add_argument("--warmup", type=int, default=500, help="requests sent before the first half")
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args(argv)
    report = soak(requests=args.requests, clients=args.clients, workers=args.workers,
                  seconds=args.seconds, seed=args.seed, warmup=args.warmup)
    print(f"sent {report['sent']} requests in {report['elapsed']:.1f} s "
          f"({report['sent'] / report['elapsed']:.0f}/s) with {args.clients} clients, {args.workers} workers")
    print(f"statuses: {report['statuses']}")
    print(f"5xx: {report['server_errors']}   dropped connections: {len(report['drops'])}   "
          f"unexpected statuses: {sum(report['unexpected'].values())}   "
          f"workers restarted: {report['workers_restarted']}   tracebacks logged: {report['tracebacks']}")
    for drop in report["drops"][:5]:
        print("  drop:", drop)
    for what, count in report["unexpected"].most_common(5):
        print("  unexpected:", what, count)
    for pid, growth in report["growth"].items():
        print(f"worker {pid}: RSS {report['rss_first_kib'][pid]} KiB after the first half, "
              f"{report['rss_second_kib'][pid]} KiB after the second ({growth:+.1%})")
    healthy = (report["server_errors"] == 0 and not report["drops"] and not report["unexpected"]
               and not report["workers_restarted"] and not report["tracebacks"] and all(g <= 0.10 for g in report["growth"].values()))
    print("PASS" if healthy else "FAIL")
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
