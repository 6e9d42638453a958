"""Declared data sources (source=): the sources file, the window search, reduction, the app's answers.

Real files in tmp_path, written the way a logger writes them; expected rows
are computed here by reading the file naively, never by the code under test.
"""

import contextlib
import io
import json
import os
import random
import shutil
import sqlite3
import subprocess

import pytest
import webtest

from conftest import decode, require_or_skip
from dyngraph.datasource import config, request
from dyngraph.datasource.cells import time_reader
from dyngraph.datasource.lines import LineFile
from dyngraph.datasource.reduce import reduce_rows
from dyngraph.errors import NotFound, SourceUnavailable, SpecError
from dyngraph.graph_app import make_app
from dyngraph.settings import Settings
from dyngraph.theme import PALETTE

NOW = 1_780_000_000  # a fixed "now" for the request-level tests (2026-05-28)
T0 = NOW - 3 * 86400


def write_csv(path, rows, header="timestamp,load1,load5,host"):
    with open(path, "w") as f:
        if header:
            f.write(header + "\n")
        for t, a, b in rows:
            f.write(f"{t},{a},{b},web1\n")


def minute_rows(count, start=T0, step=60, seed=1):
    rng = random.Random(seed)
    return [(start + i * step, round(rng.uniform(0, 4), 2), round(rng.uniform(0, 2), 2)) for i in range(count)]


def sources_file(tmp_path, text):
    path = tmp_path / "sources.ini"
    path.write_text(text)
    return str(path)


def app_for(path):
    return webtest.TestApp(make_app(Settings(sources=path)))


@pytest.fixture
def load_csv(tmp_path):
    rows = minute_rows(3 * 1440)  # three days of one-minute data, ending just before NOW
    write_csv(tmp_path / "load.csv", rows)
    ini = sources_file(tmp_path, "[load]\ntype = csv ; csv | sqlite | jsonl | rrd\npath = load.csv\n"
                                 "time = timestamp   # the column\ncolumns = load1, load5\ntitle = Server load\n")
    return ini, rows


# --- the sources file ---------------------------------------------------------


def test_sources_file_reads_the_issues_example_with_both_comment_styles(tmp_path):
    path = sources_file(tmp_path, "; a comment\n# another\n[load]\ntype = csv              ; csv | sqlite\n"
                                  "path = /var/lib/monitor/load.csv\ntime = timestamp        # the time\n"
                                  "columns = load1, load5\ntitle = 100% load\n")
    source = config.load(path)["load"]
    assert (source.type, source.path, source.time) == ("csv", "/var/lib/monitor/load.csv", "timestamp")
    assert source.columns == ("load1", "load5")
    assert source.options == (("title", "100% load"),)  # interpolation is off: % is plain text


def test_relative_paths_are_relative_to_the_sources_file(tmp_path):
    path = sources_file(tmp_path, "[a]\ntype = jsonl\npath = data/a.jsonl\ntime = t\n")
    assert config.load(path)["a"].path == str(tmp_path / "data" / "a.jsonl")


@pytest.mark.parametrize("text, message", [
    ("[a]\ntype = excel\npath = x\ntime = t\n", "[a] type: must be one of csv, sqlite, jsonl, rrd, got 'excel'"),
    ("[a]\ntype = csv\ntime = t\n", "[a] path: required"),
    ("[a]\ntype = csv\npath = x\n", "[a] time: required"),
    ("[a]\ntype = csv\npath = x\ntime = t\ncolour = red\n", "[a] colour: unknown key"),
    ("[a]\ntype = csv\npath = x\ntime = t\ndata = 1,2\n", "[a] data: filled from the source's data"),
    ("[a]\ntype = csv\npath = x\ntime = t\ncf = MAX\n", "[a] cf: not used by type=csv"),
    ("[a b]\ntype = csv\npath = x\ntime = t\n", "[a b]: a source name is letters"),
    ("[a]\ntype = sqlite\npath = x\nquery = SELECT t, v FROM x\n", "must use the bound parameters :from and :until"),
    ("[a]\ntype = sqlite\npath = x\ntime = t\n", "[a] table: required"),
    ("[a]\ntype = rrd\npath = x\ncf = SUM\n", "[a] cf: must be one of AVERAGE, MIN, MAX, LAST"),
    ("[a]\ntype = csv\n[a]\ntype = csv\n", "already exists"),
])
def test_sources_file_mistakes_name_the_section_and_key(tmp_path, text, message):
    with pytest.raises(config.ConfigError) as caught:
        config.load(sources_file(tmp_path, text))
    assert message in str(caught.value)


# --- the window in a time-sorted file -------------------------------------------


def naive_first_at_or_after(path, target):
    """Byte offset of the first line (after the header) whose time is >= target, by reading everything."""
    offset = 0
    with open(path, "rb") as f:
        data = f.read()
    end = data.rfind(b"\n") + 1
    for index, line in enumerate(data[:end].split(b"\n")[:-1]):
        if index > 0:
            cell = line.split(b",")[0]
            try:
                if float(cell) >= target:
                    return offset
            except ValueError:
                pass
        offset += len(line) + 1
    return end


class CountingFile(io.BufferedReader):
    """A file that counts the bytes it really reads from disk."""

    def __init__(self, path):
        super().__init__(io.FileIO(path, "rb"), buffer_size=4096)
        self.raw_read = 0

    def read(self, *args):
        data = super().read(*args)
        return data

    def readinto(self, b):
        n = super().readinto(b)
        self.raw_read += n or 0
        return n


def test_binary_search_finds_the_first_row_of_the_window_like_a_full_scan(tmp_path):
    path = tmp_path / "sorted.csv"
    rows = minute_rows(20_000)
    write_csv(path, rows)
    with open(path, "a") as f:  # a garbage line in the middle of nowhere, and a partly written last line
        f.write("not-a-time,1,2,x\n")
        f.write(f"{rows[-1][0] + 60},1")
    read_time = time_reader(None)
    rng = random.Random(7)
    targets = [T0 - 100, T0, rows[-1][0], rows[-1][0] + 1, *(rng.uniform(T0, rows[-1][0]) for _ in range(40))]
    with open(path, "rb") as f:
        header = len(f.readline())
        lines = LineFile(f, lambda line: read_time(line.split(b",")[0]), header)
        with open(path, "rb") as g:
            assert lines.end == g.read().rfind(b"\n") + 1  # the partial last line is not part of the file yet
        for target in targets:
            assert lines.find(target) == naive_first_at_or_after(path, target), target


def test_finding_the_last_day_in_a_big_file_reads_a_tiny_part_of_it(tmp_path):
    path = tmp_path / "big.csv"
    write_csv(path, minute_rows(200_000))  # ~5 MB
    read_time = time_reader(None)
    f = CountingFile(str(path))
    header = len(f.readline())
    lines = LineFile(f, lambda line: read_time(line.split(b",")[0]), header)
    start = lines.find(T0 + (200_000 - 1440) * 60)
    assert start == naive_first_at_or_after(path, T0 + (200_000 - 1440) * 60)
    assert f.raw_read < os.path.getsize(path) / 20, (f.raw_read, os.path.getsize(path))
    f.close()


# --- reduction per pixel column ---------------------------------------------------


def test_reduction_keeps_each_columns_first_last_min_and_max_rows():
    rng = random.Random(3)
    times = sorted(rng.uniform(0, 1000) for _ in range(5000))
    series = [[rng.gauss(0, 1) if rng.random() > 0.05 else None for _ in times] for _ in range(2)]
    kept_times, kept = reduce_rows(times, series, 0, 1000, 100)
    assert len(kept_times) <= (2 + 2 * 2) * 100
    assert kept_times == sorted(kept_times)
    kept_rows = {t: [s[i] for s in kept] for i, t in enumerate(kept_times)}
    for column in range(100):
        members = [i for i, t in enumerate(times) if int(t / 10) == column]
        if not members:
            continue
        assert times[members[0]] in kept_rows and times[members[-1]] in kept_rows
        for s in series:
            values = [s[i] for i in members if s[i] is not None]
            column_kept = [s[i] for i in members if times[i] in kept_rows]
            if values:
                assert min(values) in column_kept and max(values) in column_kept
    for t, values in kept_rows.items():  # kept rows are real rows, whole
        i = times.index(t)
        assert values == [s[i] for s in series]


def test_reduction_leaves_a_short_window_alone():
    times, series = [1, 2, 3], [[1.0, None, 3.0]]
    assert reduce_rows(times, series, 0, 10, 480) == (times, series)


# --- requests -----------------------------------------------------------------------


def chart(ini, query, now=NOW):
    """A source request resolved in process at a fixed now: (SourceChart, its spec)."""
    from dyngraph.query import split_query

    settings = Settings(sources=ini)
    _, load = request(split_query(query, max_length=8190, max_params=40), settings, now=now)
    resolved = load()
    return resolved, resolved.spec


def expected_rows(rows, start, end):
    return [r for r in rows if start <= r[0] <= end]


def test_a_source_chart_draws_the_last_24_hours_by_default(load_csv):
    ini, rows = load_csv
    resolved, spec = chart(ini, "source=load")
    quantum = 180  # 24 h over the 480 pixel columns of the default width
    now_q = -(-NOW // quantum) * quantum
    wanted = expected_rows(rows, now_q - 86400, now_q)
    assert resolved.max_age == quantum
    assert spec.type == "line" and spec.title == "Server load" and spec.legend == ("load1", "load5")
    assert spec.data == (tuple(r[1] for r in wanted), tuple(r[2] for r in wanted))


def test_columns_from_until_and_chart_options_come_from_the_url(load_csv):
    ini, rows = load_csv
    start, end = T0 + 3600, T0 + 7200
    _, spec = chart(ini, f"source=load&from={start}&until={end}&columns=load5&type=area&colors=ff0000")
    assert spec.type == "area" and spec.colors == ("ff0000",)
    assert spec.data == (tuple(r[2] for r in expected_rows(rows, start, end)),)


def test_iso_times_in_the_url_and_in_the_file(tmp_path):
    lines = ["time,value"] + [f"2026-05-01T{h:02d}:00:00Z,{h}" for h in range(24)]
    (tmp_path / "iso.csv").write_text("\n".join(lines) + "\n")
    ini = sources_file(tmp_path, "[iso]\ntype = csv\npath = iso.csv\ntime = time\n")
    _, spec = chart(ini, "source=iso&from=2026-05-01T05:00:00Z&until=2026-05-01T08:00:00Z")
    assert spec.data == ((5.0, 6.0, 7.0, 8.0),)


def test_csv_without_header_by_column_index(tmp_path):
    (tmp_path / "raw.csv").write_text("".join(f"{T0 + 60 * i},{i},{i * 2}\n" for i in range(10)))
    ini = sources_file(tmp_path, "[raw]\ntype = csv\npath = raw.csv\ntime = 0\ncolumns = 2\n")
    _, spec = chart(ini, f"source=raw&from={T0}&until={T0 + 600}")
    assert spec.data == (tuple(float(i * 2) for i in range(10)),)


def test_jsonl_source(tmp_path):
    with open(tmp_path / "m.jsonl", "w") as f:
        for i in range(100):
            f.write(json.dumps({"ts": T0 + 60 * i, "temp": 20 + i / 10, "ok": True, "note": "x"}) + "\n")
        f.write("{broken\n")
        f.write(json.dumps({"ts": T0 + 6000, "temp": "hot"}) + "\n")
    ini = sources_file(tmp_path, "[m]\ntype = jsonl\npath = m.jsonl\ntime = ts\n")
    resolved, spec = chart(ini, f"source=m&from={T0}&until={T0 + 7200}")
    assert spec.data == (tuple(20 + i / 10 for i in range(100)),)  # the default columns: the numeric ones
    assert dict(resolved.headers) == {"X-Dyngraph-Unsupported": "source (skipped 2 bad rows)"}


def test_sqlite_table_source_with_unix_and_text_times(tmp_path):
    db = tmp_path / "m.db"
    with contextlib.closing(sqlite3.connect(db)) as con, con:  # closed, not only committed
        con.execute("CREATE TABLE m (ts INTEGER, iso TEXT, rx REAL, tx REAL, name TEXT)")
        con.execute("CREATE INDEX m_ts ON m (ts)")
        con.executemany("INSERT INTO m VALUES (?, datetime(?, 'unixepoch'), ?, ?, 'eth0')",
                        [(T0 + 60 * i, T0 + 60 * i, i, 100 - i) for i in range(100)])
    ini = sources_file(tmp_path, "[net]\ntype = sqlite\npath = m.db\ntable = m\ntime = ts\ncolumns = rx, tx\n"
                                 "[iso]\ntype = sqlite\npath = m.db\ntable = m\ntime = iso\ncolumns = tx\n"
                                 "[q]\ntype = sqlite\npath = m.db\n"
                                 "query = SELECT ts, rx * 8 AS bits FROM m WHERE ts BETWEEN :from AND :until ORDER BY ts\n")
    _, spec = chart(ini, f"source=net&from={T0 + 600}&until={T0 + 1200}")
    assert spec.data == (tuple(float(i) for i in range(10, 21)), tuple(float(100 - i) for i in range(10, 21)))
    _, spec = chart(ini, f"source=iso&from={T0 + 600}&until={T0 + 1200}")
    assert spec.data == (tuple(float(100 - i) for i in range(10, 21)),)
    _, spec = chart(ini, f"source=q&from={T0}&until={T0 + 120}")
    assert spec.data == ((0.0, 8.0, 16.0),)


def test_unknown_source_is_a_404(load_csv):
    ini, _ = load_csv
    response = app_for(ini).get("/?source=x", status=404)
    assert response.text == "source: unknown source 'x'\n"


def test_no_sources_file_means_every_name_is_unknown():
    response = webtest.TestApp(make_app(Settings())).get("/?source=load", status=404)
    assert response.text == "source: unknown source 'load'\n"


def test_a_source_request_draws_its_window_through_the_app(load_csv):
    ini, rows = load_csv
    start, end = T0 + 86400, T0 + 86400 + 3600
    app = app_for(ini)
    response = app.get(f"/?source=load&from={start}&until={end}&format=png&width=400&height=200")
    assert response.content_type == "image/png"
    image = decode(response.body).convert("RGB")
    assert image.size == (400, 200)
    colours = {image.getpixel((x, y)) for x in range(400) for y in range(200)}
    first, second = (tuple(int(c[i:i + 2], 16) for i in (0, 2, 4)) for c in PALETTE[:2])
    assert first in colours and second in colours  # both series drawn, in the palette's colours
    layout = app.get(f"/?source=load&from={start}&until={end}&format=json&width=400&height=200").json
    assert [len(s["points"]) for s in layout["series"]] == [len(expected_rows(rows, start, end))] * 2
    assert response.headers["Cache-Control"] == "public, max-age=10"  # 1 h / 400 columns < 10 s


def test_etag_304_and_a_new_etag_once_the_file_grows(load_csv, tmp_path):
    ini, rows = load_csv
    app = app_for(ini)
    query = f"/?source=load&from={T0}&until={NOW + 86400}&format=png"
    first = app.get(query)
    etag = first.headers["ETag"]
    assert app.get(query, headers={"If-None-Match": etag}, status=304).body == b""
    with open(tmp_path / "load.csv", "a") as f:
        f.write(f"{NOW},1,1,web1\n")
    again = app.get(query, headers={"If-None-Match": etag}, status=200)
    assert again.headers["ETag"] != etag


def test_relative_windows_share_one_etag_within_a_quantum_and_move_after_it(load_csv):
    ini, _ = load_csv
    quantum = 180
    base = -(-NOW // quantum) * quantum  # a quantum boundary
    a, _ = chart(ini, "source=load", now=base - quantum + 1)
    b, _ = chart(ini, "source=load", now=base)
    c, _ = chart(ini, "source=load", now=base + 1)
    assert a.canonical == b.canonical != c.canonical
    assert a.max_age == quantum


def test_bad_rows_are_skipped_and_counted(tmp_path):
    text = "timestamp,v\n" + "".join(f"{T0 + i},{i}\n" for i in range(5))
    text += f"{T0 + 5},oops\n{T0 + 6},7\n{T0 + 2},99\n{T0 + 8},8\n"  # a word, then a row out of order
    (tmp_path / "v.csv").write_text(text)
    ini = sources_file(tmp_path, "[v]\ntype = csv\npath = v.csv\ntime = timestamp\n")
    response = app_for(ini).get(f"/?source=v&from={T0}&until={T0 + 10}&format=png")
    assert response.headers["X-Dyngraph-Unsupported"] == "source (skipped 2 bad rows)"
    _, spec = chart(ini, f"source=v&from={T0}&until={T0 + 10}")
    assert spec.data == ((0.0, 1.0, 2.0, 3.0, 4.0, 7.0, 8.0),)


def test_an_empty_window_draws_no_data_with_a_200(load_csv):
    ini, _ = load_csv
    app = app_for(ini)
    query = f"/?source=load&from={NOW + 86400}&until={NOW + 2 * 86400}"
    assert decode(app.get(query + "&format=png").body).size == (480, 240)
    texts = [t["text"] for t in app.get(query + "&format=json").json["texts"]]
    assert "No data" in texts and "Server load" in texts


def test_a_missing_file_is_a_503_naming_the_source_not_the_path(tmp_path):
    ini = sources_file(tmp_path, "[gone]\ntype = csv\npath = /nonexistent/secret-dir/gone.csv\ntime = t\n")
    response = app_for(ini).get("/?source=gone", status=503, expect_errors=True)
    assert response.text == "source: 'gone' cannot be read right now; see the server's error log\n"
    assert "secret-dir" not in response.text and "secret-dir" not in response.headers["X-Dyngraph-Error"]
    assert "/nonexistent/secret-dir/gone.csv" in response.errors  # the path goes to the error log


def test_an_unreadable_file_is_a_503(tmp_path):
    (tmp_path / "adir.csv").mkdir()  # a directory cannot be read as a file, even by root
    ini = sources_file(tmp_path, "[locked]\ntype = csv\npath = adir.csv\ntime = t\n")
    response = app_for(ini).get("/?source=locked", status=503, expect_errors=True)
    assert response.text == "source: 'locked' cannot be read right now; see the server's error log\n"
    assert "adir.csv" in response.errors


def test_a_broken_sources_file_is_a_503_with_the_reason_in_the_log(tmp_path):
    ini = sources_file(tmp_path, "[a]\ntype = nonsense\n")
    response = app_for(ini).get("/?source=a", status=503, expect_errors=True)
    assert response.text.startswith("source: the sources file cannot be read")
    assert "type: must be one of" in response.errors


@pytest.mark.parametrize("query, status, param", [
    ("source=load&type=pie", 400, "type"),
    ("source=load&data=1,2,3", 400, "data"),
    ("source=load&labels=a|b", 400, "labels"),
    ("source=load&columns=load1,load1", 400, "columns"),
    ("source=load&columns=nope", 400, "columns"),
    ("source=load&from=yesterday", 400, "from"),
    ("source=load&from=-1h&until=-2h", 400, "until"),
    ("source=load&source=load", 400, "source"),
    ("source=load&width=huge", 400, "width"),
])
def test_bad_source_parameters_are_400s_naming_the_parameter(load_csv, query, status, param):
    ini, _ = load_csv
    response = app_for(ini).get("/?" + query, status=status)
    assert response.text.startswith(param + ": ")


# --- security: the URL picks names, nothing else ----------------------------------------

HOSTILE = ["../../../../etc/passwd", "/etc/passwd", "load.csv", "load;rm -rf /", "$(touch PWNED)", "`touch PWNED`",
           "load' OR '1'='1", "x\"; DROP TABLE m; --", "m; DROP TABLE m", "|touch PWNED", "%00", "load\x00"]


@pytest.fixture
def every_type(tmp_path):
    write_csv(tmp_path / "load.csv", minute_rows(100))
    with open(tmp_path / "m.jsonl", "w") as f:
        f.writelines(json.dumps({"ts": t, "v": a}) + "\n" for t, a, _ in minute_rows(100))
    with contextlib.closing(sqlite3.connect(tmp_path / "m.db")) as con, con:  # closed, not only committed
        con.execute("CREATE TABLE m (ts INTEGER PRIMARY KEY, v REAL)")
        con.executemany("INSERT INTO m VALUES (?, ?)", [(t, a) for t, a, _ in minute_rows(100)])
    ini = sources_file(tmp_path, "[load]\ntype = csv\npath = load.csv\ntime = timestamp\n"
                                 "[j]\ntype = jsonl\npath = m.jsonl\ntime = ts\n"
                                 "[m]\ntype = sqlite\npath = m.db\ntable = m\ntime = ts\n"
                                 "[r]\ntype = rrd\npath = r.rrd\n")
    return ini, tmp_path


TEXT_PARAMS = ("title", "legend")  # any text is fine there: drawn, never interpreted


@pytest.mark.parametrize("name", ["load", "j", "m", "r"])
@pytest.mark.parametrize("param", ["source", "from", "until", "columns", "title", "legend", "tz", "type", "width",
                                   "format", "colors", "gaps", "sig"])
def test_hostile_values_in_every_parameter_never_reach_a_path_sql_or_shell(every_type, name, param):
    from urllib.parse import quote

    ini, tmp_path = every_type
    if name == "r":
        require_or_skip(shutil.which("rrdtool"), "rrdtool is not installed")
        subprocess.run(["rrdtool", "create", str(tmp_path / "r.rrd"), "--start", str(T0 - 60), "--step", "60",
                        "DS:v:GAUGE:120:0:U", "RRA:AVERAGE:0.5:1:200"], check=True)
        subprocess.run(["rrdtool", "update", str(tmp_path / "r.rrd"), *(f"{t}:{a}" for t, a, _ in minute_rows(100))],
                       check=True)
    app = app_for(ini)
    before = sorted(os.listdir(tmp_path))
    for value in HOSTILE:
        query = f"source={quote(name)}&from={T0}&until={T0 + 6000}"
        if param == "source":
            query = f"source={quote(value)}"
        elif param in ("from", "until"):
            query = f"source={quote(name)}&{param}={quote(value)}"
        else:
            query += f"&{param}={quote(value)}"
        response = app.get("/?" + query, status="*", expect_errors=True)
        if response.status_int == 200:  # text is drawn, never interpreted; sig is unused on a site that does not sign
            assert param in TEXT_PARAMS + ("sig",) and decode(response.body).size == (480, 240), (param, value)
        else:
            assert response.status_int in (400, 404), (param, value, response.status, response.text)
            assert "root:" not in response.text and str(tmp_path) not in response.text  # no file content, no path
    assert sorted(os.listdir(tmp_path)) == before and not os.path.exists("PWNED")
    with contextlib.closing(sqlite3.connect(tmp_path / "m.db")) as con, con:  # closed, not only committed
        assert con.execute("SELECT count(*) FROM m").fetchone() == (100,)


def test_sqlite_is_opened_read_only(tmp_path):
    with contextlib.closing(sqlite3.connect(tmp_path / "w.db")) as con, con:  # closed, not only committed
        con.execute("CREATE TABLE w (ts INTEGER, v REAL)")
        con.execute("INSERT INTO w VALUES (1, 2)")
    ini = sources_file(tmp_path, "[w]\ntype = sqlite\npath = w.db\n"
                                 "query = DELETE FROM w WHERE ts >= :from AND ts <= :until RETURNING ts, v\n")
    response = app_for(ini).get("/?source=w&from=0&until=10", status=503, expect_errors=True)
    assert response.text.startswith("source: 'w' cannot be read")
    with contextlib.closing(sqlite3.connect(tmp_path / "w.db")) as con, con:  # closed, not only committed
        assert con.execute("SELECT count(*) FROM w").fetchone() == (1,)


def test_request_errors_are_the_right_types(load_csv, tmp_path):
    ini, _ = load_csv
    with pytest.raises(NotFound):
        chart(ini, "source=nope")
    with pytest.raises(SpecError):
        chart(ini, "source=load&from=bad")
    (tmp_path / "other").mkdir()
    missing = sources_file(tmp_path / "other", "[x]\ntype = csv\npath = missing.csv\ntime = t\n")
    with pytest.raises(SourceUnavailable):
        chart(missing, "source=x")


LAZY = r"""
import json, sys
sys.path.insert(0, {lib!r})
from dyngraph.graph_app import make_app
from dyngraph.settings import Settings

app = make_app(Settings(sources={ini!r}, cache_bytes=0))  # no render cache in the checkout's var/
seen = []
environ = {{"REQUEST_METHOD": "GET", "QUERY_STRING": "source=load", "HTTP_IF_NONE_MATCH": {etag!r},
           "HTTP_ACCEPT": "image/*", "wsgi.errors": sys.stderr}}
body = b"".join(app(environ, lambda status, headers, exc_info=None: seen.append((status, dict(headers)))))
print(json.dumps({{"status": seen[0][0], "etag": seen[0][1].get("ETag"), "modules": sorted(sys.modules)}}))
"""


def test_a_source_304_answers_before_pillow_or_the_data_is_read(load_csv):
    import subprocess
    import sys

    from conftest import ROOT

    ini, _ = load_csv

    def serve(etag=""):
        code = LAZY.format(lib=str(ROOT / "lib"), ini=ini, etag=etag)
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
        return json.loads(done.stdout)

    first = serve()
    assert first["status"] == "200 OK" and "PIL" in first["modules"]
    second = serve(first["etag"])
    assert second["status"] == "304 Not Modified"
    for name in ("PIL", "hashlib", "dataclasses", "dyngraph.datasource.linesource", "csv"):
        assert name not in second["modules"], name


# --- page.py --------------------------------------------------------------------------


def page_img_srcs(html):
    import re
    from html import unescape

    section = html[html.index('<h2 id="sources">'):]
    section = section[:section.index("</div>")]
    return [unescape(src) for src in re.findall(r'<img src="([^"]+)"', section)]


@pytest.mark.parametrize("secret", ["", "s3cret"])
def test_page_lists_each_declared_source_with_its_live_chart(load_csv, secret):
    from dyngraph.page_app import make_app as make_page

    ini, _ = load_csv
    settings = Settings(sources=ini, secrets=(secret,) if secret else ())
    html = webtest.TestApp(make_page(settings)).get("/").text
    assert "<figcaption>Server load (source=load)</figcaption>" in html
    [src] = page_img_srcs(html)
    assert src.startswith("get_graph.py?source=load") and ("&sig=" in src) == bool(secret)
    graph = webtest.TestApp(make_app(settings))
    image = decode(graph.get("/" + src[len("get_graph.py"):]).body)
    assert image.size == (480, 240)
    if secret:
        graph.get("/?source=load", status=403)


def test_page_without_sources_has_no_live_section(load_csv):
    from dyngraph.page_app import make_app as make_page

    assert 'id="sources"' not in webtest.TestApp(make_page(Settings())).get("/").text


def test_page_with_a_broken_sources_file_still_works(tmp_path):
    from dyngraph.page_app import make_app as make_page

    ini = sources_file(tmp_path, "[a]\ntype = wrong\n")
    response = webtest.TestApp(make_page(Settings(sources=ini))).get("/", expect_errors=True)
    assert response.status_int == 200 and 'id="sources"' not in response.text
    assert "type: must be one of" in response.errors


def test_url_helper_signs_what_the_image_script_checks(load_csv):
    from dyngraph.datasource import url

    ini, _ = load_csv
    settings = Settings(sources=ini, secrets=("k",))
    src = url("load", settings=settings, from_="-7d", columns="load5", width=300)
    assert src.startswith("get_graph.py?source=load&from=-7d&columns=load5&width=300&sig=")
    graph = webtest.TestApp(make_app(settings))
    assert decode(graph.get("/" + src[len("get_graph.py"):]).body).size == (300, 240)
    graph.get("/" + src[len("get_graph.py"):].replace("load5", "load1"), status=403)
    assert url("load", settings=Settings(sources=ini)) == "get_graph.py?source=load"


def test_a_sources_file_tz_reads_the_datas_local_times_and_draws_in_that_zone(tmp_path):
    (tmp_path / "local.csv").write_text("time,v\n2026-05-01 11:00:00,1\n2026-05-01 12:00:00,2\n2026-05-01 13:00:00,3\n")
    ini = sources_file(tmp_path, "[local]\ntype = csv\npath = local.csv\ntime = time\ntz = Europe/Paris\n")
    _, spec = chart(ini, "source=local&from=2026-05-01T10:00:00Z&until=2026-05-01T10:00:01Z")
    assert spec.data == ((2.0,),)  # 12:00 in Paris (CEST) is 10:00 UTC
    _, spec = chart(ini, "source=local&from=2026-05-01T08:00:00Z&until=2026-05-01T12:00:00Z&tz=UTC")
    assert spec.data == ((1.0, 2.0, 3.0),)


def test_the_time_axis_spans_the_window_and_labels_its_hours(load_csv):
    ini, _ = load_csv
    start = T0 + 86400 - (T0 + 86400) % 86400 + 6 * 3600  # 06:00 to 12:00 UTC: no date label in between
    layout = app_for(ini).get(f"/?source=load&from={start}&until={start + 6 * 3600}&format=json&tz=UTC").json
    ticks = [t["text"] for t in layout["texts"] if t["role"] == "xtick"]
    from datetime import datetime, timezone

    hours = [datetime.fromtimestamp(start + 3600 * h, timezone.utc).strftime("%H:%M") for h in range(0, 7)]
    assert ticks[0].endswith(hours[0]) and ticks[-1] == hours[-1], ticks  # the axis spans the window, end to end
    assert set(hours[2:6]) <= set(ticks), ticks  # (07:00 may give way to the first label, written in full)


def test_the_sources_file_may_set_the_default_window(load_csv, tmp_path):
    ini, rows = load_csv
    with open(ini, "a") as f:
        f.write("from = -2d\n")
    resolved, spec = chart(ini, "source=load")
    quantum = -(-2 * 86400 // 480)
    now_q = -(-NOW // quantum) * quantum
    assert resolved.max_age == quantum
    assert spec.data[0] == tuple(r[1] for r in expected_rows(rows, now_q - 2 * 86400, now_q))
    _, spec = chart(ini, f"source=load&from={NOW - 3600}")  # the URL's own window wins
    assert len(spec.data[0]) == len(expected_rows(rows, NOW - 3600, -(-NOW // 10) * 10))


@pytest.mark.parametrize("param", ["start", "step", "times"])
def test_time_parameters_the_source_fills_are_refused(load_csv, param):
    ini, _ = load_csv
    response = app_for(ini).get(f"/?source=load&{param}=1", status=400)
    assert response.text.startswith(f"{param}: unknown parameter with source=")


@pytest.mark.parametrize("text", ["", "timestamp,load1,load5\n", "timestamp,lo"])
def test_a_new_empty_log_draws_no_data(tmp_path, text):
    (tmp_path / "new.csv").write_text(text)
    ini = sources_file(tmp_path, "[new]\ntype = csv\npath = new.csv\ntime = timestamp\ncolumns = load1, load5\n")
    texts = [t["text"] for t in app_for(ini).get("/?source=new&format=json").json["texts"]]
    assert "No data" in texts


@pytest.mark.parametrize("kind", ["csv", "sqlite"])
def test_a_window_over_the_row_limit_is_sampled_per_pixel_column_and_says_so(tmp_path, kind):
    from dyngraph.limits import Limits

    rows = minute_rows(20_000)
    write_csv(tmp_path / "load.csv", rows)
    with contextlib.closing(sqlite3.connect(tmp_path / "m.db")) as con, con:
        con.execute("CREATE TABLE m (timestamp INTEGER PRIMARY KEY, load1 REAL, load5 REAL)")
        con.executemany("INSERT INTO m VALUES (?, ?, ?)", rows)
    path, table = ("load.csv", "") if kind == "csv" else ("m.db", "table = m\n")
    ini = sources_file(tmp_path, f"[s]\ntype = {kind}\npath = {path}\n{table}time = timestamp\ncolumns = load1\n")
    settings = Settings(sources=ini, limits=Limits(max_source_rows=5000))
    response = webtest.TestApp(make_app(settings)).get(f"/?source=s&from={T0}&until={T0 + 20_000 * 60}&width=200"
                                                        "&format=csv")
    import re

    note = response.headers["X-Dyngraph-Unsupported"]
    held = int(re.search(r"the window holds about (\d+) rows, more than one request reads: 8 rows read per "
                         r"pixel column", note).group(1))
    assert abs(held - 20_000) < 500  # counted by SQLite, estimated from line lengths in a CSV
    drawn = response.text.splitlines()[1:]
    assert 150 <= len(drawn) <= 8 * 200  # up to 8 rows from each of the 200 columns' slices
    by_time = {datetime_text(t): a for t, a, _ in rows}
    for line in drawn:  # every drawn row is a real row, with its own value
        when, value = line.split(",")
        assert float(value) == by_time[when]
    first, last = drawn[0].split(",")[0], drawn[-1].split(",")[0]
    assert first == datetime_text(T0) and last >= datetime_text(T0 + 19_800 * 60)  # spread over the window


def datetime_text(t):
    from datetime import datetime, timezone

    return datetime.fromtimestamp(t, timezone.utc).isoformat()


def test_file_defaults_that_mean_nothing_for_the_chart_are_dropped_the_url_s_own_are_400s(load_csv, tmp_path):
    ini, rows = load_csv
    text = (tmp_path / "sources.ini").read_text() + "legendpos = left\ntitlecolor = ff0000\n"
    lenient = sources_file(tmp_path, text)
    window = f"source=load&from={T0 + 3600}&until={T0 + 7200}"
    _, spec = chart(lenient, window + "&columns=load5&type=sparkline")  # no legend, no drawn title
    assert (spec.type, spec.legendpos, spec.titlecolor) == ("sparkline", "auto", "")
    _, spec = chart(lenient, window)  # a line of two columns: the legend and the title take them
    assert (spec.legendpos, spec.titlecolor) == ("left", "ff0000") and spec.legend == ("load1", "load5")
    with pytest.raises(SpecError, match="^legendpos: does not apply to type=sparkline"):
        chart(lenient, window + "&columns=load5&type=sparkline&legendpos=top")
