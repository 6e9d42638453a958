"""Declared sources read while a real writer process appends to them, under CGI and WSGI.

A logger writes each row in two pieces with a pause between, so readers
really meet half-written last lines; SQLite commits in WAL mode from its own
process; rrdtool updates the RRD with Debian's command. Each of 200 reads must
be a 200 whose layout (format=json) shows only whole rows: their values lie in
the band every real row is in (a torn row's prefix lies far below it), and
their count is at least what was complete before the request and at most
what was complete after it.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap

import pytest
import webtest

from conftest import ROOT, require_or_skip
from dyngraph.graph_app import make_app
from dyngraph.settings import Settings

pytestmark = pytest.mark.integration

READS = 200
T0 = 1_780_000_000
LOW, HIGH = 50_000, 51_000  # every row's value; any prefix of one ("5", "500", "5000") is far below
AXIS = f"min={LOW - 1000}&max={HIGH + 1000}"
ROWS = 2400  # the writers stop there: at most ~1.2 rows per pixel column, so no drawing step thins them out
WINDOW = f"from={T0 - 10}&until={T0 + ROWS + 10}&width=2000&height=200&format=json&{AXIS}"

CSV_WRITER = """
import sys, time
path, start = sys.argv[1], int(sys.argv[2])
with open(path, "a", buffering=1) as f:
    for i in range(start, ROWS):
        line = f"{T0 + i},{LOW + i % 1000}\\n"
        cut = line.index(",") + 3  # inside the value: "1780000050,50" would read as a value of 50
        f.write(line[:cut]); f.flush(); time.sleep(0.005)   # part of a row on disk...
        f.write(line[cut:]); f.flush(); time.sleep(0.015)   # ...then the rest
"""
JSONL_WRITER = """
import json, sys, time
path, start = sys.argv[1], int(sys.argv[2])
with open(path, "a", buffering=1) as f:
    for i in range(start, ROWS):
        line = json.dumps({"ts": T0 + i, "v": LOW + i % 1000}) + "\\n"
        cut = len(line) - 4
        f.write(line[:cut]); f.flush(); time.sleep(0.005)
        f.write(line[cut:]); f.flush(); time.sleep(0.015)
"""
SQLITE_WRITER = """
import sqlite3, sys, time
path, start = sys.argv[1], int(sys.argv[2])
con = sqlite3.connect(path, isolation_level=None)
for i in range(start, ROWS, 2):
    con.execute("BEGIN")
    con.executemany("INSERT INTO m VALUES (?, ?)", [(T0 + j, LOW + j % 1000) for j in range(i, i + 2)])
    con.execute("COMMIT")
    time.sleep(0.04)
"""
RRD_WRITER = """
import subprocess, sys, time
path, start = sys.argv[1], int(sys.argv[2])
for i in range(start, ROWS):
    while subprocess.run(["rrdtool", "update", path, f"{T0 + i}:{LOW + i % 1000}"], capture_output=True).returncode:
        time.sleep(0.002)  # "could not lock RRD": a reader has it open; collectd retries too
    time.sleep(0.01)
"""


def start_writer(code, path, start):
    prelude = f"T0, LOW, ROWS = {T0}, {LOW}, {ROWS}\n"
    return subprocess.Popen([sys.executable, "-c", prelude + textwrap.dedent(code), str(path), str(start)])


def complete_csv_rows(path, header=True):
    with open(path, "rb") as f:
        data = f.read()
    return data.count(b"\n") - (1 if header else 0)


def cgi_get(query, ini):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "GATEWAY_INTERFACE": "CGI/1.1", "REQUEST_METHOD": "GET",
           "QUERY_STRING": query, "SCRIPT_NAME": "/cgi-bin/get_graph.py", "SERVER_NAME": "localhost",
           "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1", "DYNGRAPH_SOURCES": ini,
           "DYNGRAPH_CACHE_BYTES": "0"}  # every read really reads (and no render cache in the checkout's var/)
    done = subprocess.run([sys.executable, str(ROOT / "cgi-bin" / "get_graph.py")], env=env, capture_output=True,
                          timeout=60)
    head, _, body = done.stdout.partition(b"\r\n\r\n")
    headers = dict(line.split(": ", 1) for line in head.decode("latin-1").split("\r\n"))
    return headers["Status"], headers, body, done.stderr


def wsgi_getter(ini):
    app = webtest.TestApp(make_app(Settings(sources=ini)))

    def get(query, _ini):
        response = app.get("/?" + query, status="*")
        return response.status, dict(response.headers), response.body, b""

    return get


def hammer(get, ini, source, count_rows, writer):
    """READS sequential requests while the writer runs; check each drew only whole rows."""
    seen = []
    try:
        for _ in range(READS):
            before = count_rows()
            status, headers, body, stderr = get(f"source={source}&{WINDOW}", ini)
            after = count_rows()
            assert status == "200 OK", (status, body[:300], stderr)
            assert "X-Dyngraph-Unsupported" not in headers, "a half-written row was read (and skipped as bad)"
            layout = json.loads(body)
            points = [p for p in layout["series"][0]["points"] if p is not None]
            plot = layout["plot"]
            span = (HIGH + 1000) - (LOW - 1000)
            top = plot["bottom"] - (HIGH - (LOW - 1000)) / span * (plot["bottom"] - plot["top"])
            bottom = plot["bottom"] - (LOW - (LOW - 1000)) / span * (plot["bottom"] - plot["top"])
            assert all(top - 1 <= y <= bottom + 1 for _, y in points), "a torn row was drawn"
            assert before <= len(points) <= after, (before, len(points), after)
            seen.append(len(points))
    finally:
        writer.terminate()
        writer.wait(timeout=10)
    assert seen == sorted(seen) and seen[-1] > seen[0], "the writer did not make progress during the reads"


@pytest.fixture(params=["cgi", "wsgi"])
def via(request):
    return request.param


def test_csv_appended_by_a_logger_during_200_reads(tmp_path, via):
    path = tmp_path / "log.csv"
    path.write_text("timestamp,v\n" + "".join(f"{T0 + i},{LOW + i % 1000}\n" for i in range(50)))
    ini = tmp_path / "sources.ini"
    ini.write_text(f"[log]\ntype = csv\npath = {path}\ntime = timestamp\n")
    get = cgi_get if via == "cgi" else wsgi_getter(str(ini))
    hammer(get, str(ini), "log", lambda: complete_csv_rows(path), start_writer(CSV_WRITER, path, 50))


def test_jsonl_appended_by_a_logger_during_200_reads(tmp_path, via):
    path = tmp_path / "log.jsonl"
    path.write_text("".join(json.dumps({"ts": T0 + i, "v": LOW + i % 1000}) + "\n" for i in range(50)))
    ini = tmp_path / "sources.ini"
    ini.write_text(f"[log]\ntype = jsonl\npath = {path}\ntime = ts\n")
    get = cgi_get if via == "cgi" else wsgi_getter(str(ini))
    hammer(get, str(ini), "log", lambda: complete_csv_rows(path, header=False), start_writer(JSONL_WRITER, path, 50))


def test_sqlite_in_wal_mode_with_a_concurrent_writer(tmp_path, via):
    path = tmp_path / "m.db"
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE m (ts INTEGER PRIMARY KEY, v INTEGER)")
    con.executemany("INSERT INTO m VALUES (?, ?)", [(T0 + i, LOW + i % 1000) for i in range(51)])
    ini = tmp_path / "sources.ini"
    ini.write_text(f"[m]\ntype = sqlite\npath = {path}\ntable = m\ntime = ts\n")
    get = cgi_get if via == "cgi" else wsgi_getter(str(ini))

    def count_rows():
        return con.execute("SELECT count(*) FROM m").fetchone()[0]

    try:
        hammer(get, str(ini), "m", count_rows, start_writer(SQLITE_WRITER, path, 51))
        assert con.execute("PRAGMA journal_mode").fetchone() == ("wal",) and os.path.exists(f"{path}-wal")
    finally:
        con.close()


def test_rrd_updated_by_rrdtool_during_200_reads(tmp_path, via):
    require_or_skip(shutil.which("rrdtool"), "rrdtool is not installed (.ci/install-system-deps installs it)")
    path = tmp_path / "load.rrd"
    subprocess.run(["rrdtool", "create", str(path), "--start", str(T0 - 1), "--step", "1", "DS:v:GAUGE:5:0:U",
                    "RRA:LAST:0.5:1:5000"], check=True)
    subprocess.run(["rrdtool", "update", str(path), *(f"{T0 + i}:{LOW + i % 1000}" for i in range(50))], check=True)
    ini = tmp_path / "sources.ini"
    ini.write_text(f"[load]\ntype = rrd\npath = {path}\ncf = LAST\n")
    get = cgi_get if via == "cgi" else wsgi_getter(str(ini))

    def count_rows():
        while True:  # rrdtool last fails too while an update holds the lock
            done = subprocess.run(["rrdtool", "last", str(path)], capture_output=True, text=True)
            if done.returncode == 0:
                return int(done.stdout) - T0 + 1

    hammer(get, str(ini), "load", count_rows, start_writer(RRD_WRITER, path, 50))
