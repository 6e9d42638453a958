"""RRD sources through Debian's real rrdtool, and ``dyngraph sources check|list``."""

import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from conftest import ROOT, require_or_skip
from test_datasource import app_for, chart, minute_rows, sources_file, write_csv

RRDTOOL = shutil.which("rrdtool")
STEP = 60
T = 1_780_000_000 - 1_780_000_000 % STEP  # step-aligned, so each update is exactly one step's value


def rrdtool(*args):
    require_or_skip(RRDTOOL, "rrdtool is not installed (apt-get install rrdtool; .ci/install-system-deps)")
    subprocess.run([RRDTOOL, *map(str, args)], check=True, capture_output=True)


@pytest.fixture
def collectd_rrd(tmp_path):
    """A collectd-like load.rrd: three gauges every 60 s, updated for two hours."""
    path = tmp_path / "load.rrd"
    rrdtool("create", path, "--start", T - STEP, "--step", STEP, "DS:shortterm:GAUGE:120:0:U",
            "DS:midterm:GAUGE:120:0:U", "DS:longterm:GAUGE:120:0:U", "RRA:AVERAGE:0.5:1:1440",
            "RRA:MAX:0.5:1:1440", "RRA:AVERAGE:0.5:10:1000")
    updates = [f"{T + STEP * i}:{i}:{i * 2}:{i * 3}" for i in range(120)]
    for k in range(0, len(updates), 40):
        rrdtool("update", path, *updates[k:k + 40])
    ini = sources_file(tmp_path, "[load]\ntype = rrd\npath = load.rrd\ncolumns = shortterm, midterm\n"
                                 "title = collectd load\n[peak]\ntype = rrd\npath = load.rrd\ncf = MAX\n")
    return ini


def test_rrd_source_reads_the_updated_values(collectd_rrd):
    _, spec = chart(collectd_rrd, f"source=load&from={T + STEP * 10}&until={T + STEP * 20}&width=400")
    assert spec.legend == ("shortterm", "midterm") and spec.title == "collectd load"
    assert spec.data == (tuple(float(i) for i in range(10, 21)), tuple(float(2 * i) for i in range(10, 21)))


def test_rrd_every_data_source_by_default_and_a_column_subset(collectd_rrd):
    _, spec = chart(collectd_rrd, f"source=peak&from={T}&until={T + STEP * 5}&columns=longterm")
    assert spec.data == (tuple(float(3 * i) for i in range(0, 6)),)
    _, spec = chart(collectd_rrd, f"source=peak&from={T}&until={T + STEP * 5}")
    assert spec.legend == ("shortterm", "midterm", "longterm")


def test_rrd_unknown_steps_are_gaps_and_the_app_draws_it(collectd_rrd):
    _, spec = chart(collectd_rrd, f"source=load&from={T + STEP * 115}&until={T + STEP * 125}")
    assert spec.data[0] == (115.0, 116.0, 117.0, 118.0, 119.0)  # after the last update rrdtool knows nothing
    response = app_for(collectd_rrd).get(f"/?source=load&from={T}&until={T + 7200}&format=json")
    points = [s["points"] for s in response.json["series"]]
    assert [len(p) for p in points] == [120, 120] and None not in points[0]


def test_rrd_gaps_inside_the_data_stay_gaps(tmp_path):
    path = tmp_path / "gappy.rrd"
    rrdtool("create", path, "--start", T - STEP, "--step", STEP, "DS:v:GAUGE:120:0:U", "RRA:AVERAGE:0.5:1:100")
    rrdtool("update", path, *(f"{T + STEP * i}:{i}" for i in range(5)))
    rrdtool("update", path, *(f"{T + STEP * i}:{i}" for i in range(10, 13)))  # 5..9: beyond the heartbeat
    ini = sources_file(tmp_path, "[g]\ntype = rrd\npath = gappy.rrd\n")
    _, spec = chart(ini, f"source=g&from={T}&until={T + STEP * 20}")
    assert spec.data[0][:5] == (0.0, 1.0, 2.0, 3.0, 4.0) and spec.data[0][-2:] == (11.0, 12.0)
    assert None in spec.data[0][5:10]


def test_rrd_missing_file_is_a_503(tmp_path):
    require_or_skip(RRDTOOL, "rrdtool is not installed")
    ini = sources_file(tmp_path, "[gone]\ntype = rrd\npath = gone.rrd\n")
    response = app_for(ini).get("/?source=gone", status=503, expect_errors=True)
    assert response.text.startswith("source: 'gone' cannot be read") and "gone.rrd" in response.errors


# --- dyngraph sources check | list ---------------------------------------------------------


def run_cli(*args, env_file=None):
    env = {"PATH": "/usr/bin:/bin", **({"DYNGRAPH_SOURCES": env_file} if env_file else {})}
    done = subprocess.run([sys.executable, "-m", "dyngraph", "sources", *args], capture_output=True, text=True,
                          timeout=60, env=env, cwd=ROOT / "lib")
    return done.returncode, done.stdout.splitlines(), done.stderr


def test_check_is_quiet_about_good_sources_and_exits_0(tmp_path):
    write_csv(tmp_path / "load.csv", minute_rows(50))
    with contextlib.closing(sqlite3.connect(tmp_path / "m.db")) as con, con:  # closed, not only committed
        con.execute("CREATE TABLE m (ts INTEGER PRIMARY KEY, v REAL)")
        con.execute("INSERT INTO m VALUES (1780000000, 1.5)")
    ini = sources_file(tmp_path, "[load]\ntype = csv\npath = load.csv\ntime = timestamp\n"
                                 "[m]\ntype = sqlite\npath = m.db\ntable = m\ntime = ts\n")
    code, lines, _ = run_cli("check", env_file=ini)
    assert code == 0
    newest = minute_rows(50)[-1][0]
    from datetime import datetime, timezone

    stamp = datetime.fromtimestamp(newest, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert lines == [f"ok: [load] csv, columns load1, load5; newest row at {stamp}",
                     "ok: [m] sqlite, columns v; newest row at 2026-05-28T20:26:40Z"]


def test_check_prints_one_line_per_problem_and_exits_1(tmp_path):
    write_csv(tmp_path / "load.csv", minute_rows(5))
    (tmp_path / "words.csv").write_text("when,what\nsoon,hello\n")
    with contextlib.closing(sqlite3.connect(tmp_path / "m.db")) as con, con:  # closed, not only committed
        con.execute("CREATE TABLE m (ts INTEGER, v REAL)")  # no index on ts
        con.execute("INSERT INTO m VALUES (1780000000, 1.5)")
    ini = sources_file(tmp_path, "[gone]\ntype = csv\npath = gone.csv\ntime = t\n"
                                 "[typo]\ntype = csv\npath = load.csv\ntime = timestamp\ncolumns = load1, lod5\n"
                                 "[words]\ntype = csv\npath = words.csv\ntime = when\n"
                                 "[slow]\ntype = sqlite\npath = m.db\ntable = m\ntime = ts\n"
                                 "[ugly]\ntype = csv\npath = load.csv\ntime = timestamp\ncolors = purple\n")
    code, lines, _ = run_cli("check", "--file", ini)
    assert code == 1
    assert lines[0] == f"problem: [gone] {tmp_path / 'gone.csv'}: No such file or directory"
    assert lines[1] == f"problem: [typo] {tmp_path / 'load.csv'}: column 'lod5' is not in the file"
    assert lines[2] == "problem: [words] no numeric column to draw; name them in columns"
    assert lines[3] == "problem: [words] no row with a readable time (is 'time' the right column?)"
    assert lines[4].startswith("problem: [slow] warning: no index on m(ts): every request scans the table; "
                               "CREATE INDEX m_ts ON m (ts)")
    assert lines[5].startswith("problem: [ugly] DYNGRAPH_SOURCES [ugly] colors: must be a hex colour")
    assert len(lines) == 6


def test_check_of_a_broken_file_and_of_no_file(tmp_path):
    code, lines, _ = run_cli("check", "--file", sources_file(tmp_path, "[a]\ntype = csv\npath\n"))
    assert code == 1 and len(lines) == 1 and lines[0].startswith("problem: ")
    code, lines, err = run_cli("check")
    assert code == 2 and err == "dyngraph: no sources file: set DYNGRAPH_SOURCES or give --file\n"


def test_list_names_every_source(tmp_path):
    ini = sources_file(tmp_path, "[load]\ntype = csv\npath = a.csv\ntime = t\ncolumns = a, b\ntitle = Load\n"
                                 "[net]\ntype = rrd\npath = n.rrd\n")
    code, lines, _ = run_cli("list", env_file=ini)
    assert code == 0
    assert lines == ["load\tcsv\ta,b\tLoad", "net\trrd\t(every numeric column)\t"]


BINDING = r"""
import json, sys
sys.path.insert(0, {lib!r})
import rrdtool  # Debian's python3-rrdtool, in the system Python
from dyngraph.datasource import rrdsource

binding = rrdsource.fetch({path!r}, "AVERAGE", {start}, {end}, 60)
command = rrdsource._fetch_command({path!r}, "AVERAGE", {start}, {end}, 60)
nan = lambda rows: [[None if v != v else v for v in row] for row in rows]
print(json.dumps([[binding[0], binding[1], nan(binding[2])], [command[0], command[1], nan(command[2])]]))
"""


def test_the_rrdtool_python_binding_reads_what_the_command_reads(collectd_rrd, tmp_path):
    system_python = "/usr/bin/python3"
    probe = subprocess.run([system_python, "-c", "import rrdtool"], capture_output=True) if os.path.exists(
        system_python) else None
    require_or_skip(probe is not None and probe.returncode == 0,
                    "the system Python has no rrdtool binding (apt-get install python3-rrdtool)")
    code = BINDING.format(lib=str(ROOT / "lib"), path=str(tmp_path / "load.rrd"), start=T, end=T + 600)
    done = subprocess.run([system_python, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    binding, command = json.loads(done.stdout)
    assert binding == command
    assert binding[1] == ["shortterm", "midterm", "longterm"] and binding[0][0] == T + STEP
    assert binding[2][0] == [1.0, 2.0, 3.0]  # the step ending at T + 60 holds update 1
