"""The four ways from page to image, end to end: both WSGI apps, the CGI scripts, the API and the CLI."""

import base64
import os
import re
import subprocess
import sys
import time
from html import unescape

import pytest
import webtest

from conftest import ROOT, decode
from dyngraph.api import data_uri, export, img_tag, store_url, url
from dyngraph.graph_app import make_app as make_graph
from dyngraph.page_app import make_app as make_page
from dyngraph.settings import Settings
from dyngraph.spec import make
from test_cgi import run_cgi

BUILDER = "type=bar&data=4,8,15,16,23,42&width=320&height=160&format=png"


@pytest.fixture
def settings(tmp_path):
    return Settings(data_dir=str(tmp_path / "var"))


def built_src(html):
    """The src of the builder's result <img>."""
    match = re.search(r'<figure id="built"><figcaption>Your chart</figcaption><img src="([^"]+)"', html)
    assert match, "no built chart on the page"
    return unescape(match.group(1))


# --- 1. the query string --------------------------------------------------------------------------------


def test_page_builder_url_output_draws(page, graph):
    src = built_src(page.get("/?" + BUILDER + "&output=url").text)
    assert src.startswith("get_graph.py?type=bar&data=4,8,15,16,23,42")
    assert decode(graph.get("/" + src.removeprefix("get_graph.py")).body).size == (320, 160)


def test_long_series_travel_compact_under_cgi():
    spec = make(type="line", data=[[round(20 + (i % 50) * 0.1, 1) for i in range(1000)] for _ in range(3)],
                format="png", width=500, height=200)
    src = url(spec, settings=Settings())
    assert "data=~" in src and len(src) < 4000
    headers, body, stderr = run_cgi("get_graph.py", src.split("?", 1)[1])
    assert headers["Status"] == "200 OK", stderr
    assert decode(body).size == (500, 200)


# --- 2. graph ids ---------------------------------------------------------------------------------------


def test_page_builder_graph_id_output_draws(settings):
    page, graph = webtest.TestApp(make_page(settings)), webtest.TestApp(make_graph(settings))
    src = built_src(page.get("/?" + BUILDER + "&output=graphid").text)
    assert re.fullmatch(r"get_graph\.py\?graphId=[A-Za-z0-9_-]{22}", src)
    response = graph.get("/" + src.removeprefix("get_graph.py"))
    assert response.content_type == "image/png" and decode(response.body).size == (320, 160)
    assert "ETag" in response.headers


def test_graph_id_takes_charts_longer_than_any_url(settings):
    spec = make(type="line", data=[[(i * 7919) % 1000 / 7 for i in range(3000)] for _ in range(4)], format="png")
    src = store_url(spec, settings=settings)
    assert len(src) < 60
    assert decode(webtest.TestApp(make_graph(settings)).get("/" + src.removeprefix("get_graph.py")).body).size \
        == (480, 240)


def test_graph_ids_through_the_cgi_scripts(tmp_path):
    env = {"DYNGRAPH_DATA_DIR": str(tmp_path / "store")}
    headers, body, stderr = run_cgi("page.py", BUILDER + "&output=graphid", extra_env=env)
    assert headers["Status"] == "200 OK", stderr
    src = built_src(body.decode())
    headers, body, stderr = run_cgi("get_graph.py", src.split("?", 1)[1], extra_env=env)
    assert headers["Status"] == "200 OK" and stderr == b""
    assert decode(body).size == (320, 160)


def test_unknown_graph_id_is_404_drawn_as_an_image_for_img_fetches(graph):
    response = graph.get("/?graphId=" + "Q" * 22, headers={"Accept": "image/avif,image/webp,*/*"},
                         expect_errors=True)
    assert response.status_int == 404 and response.content_type == "image/png"
    assert "no chart is stored under this id" in response.headers["X-Dyngraph-Error"]
    decode(response.body)
    text = graph.get("/?graphId=" + "Q" * 22, expect_errors=True)
    assert text.status_int == 404 and text.body == b"graphId: no chart is stored under this id (unknown or expired)\n"


def test_unknown_graph_id_under_cgi(tmp_path):
    headers, body, _ = run_cgi("get_graph.py", "graphId=" + "Q" * 22, extra_env={"DYNGRAPH_DATA_DIR": str(tmp_path)})
    assert headers["Status"] == "404 Not Found"


def test_malformed_graph_id_is_400(graph):
    response = graph.get("/?graphId=..%2F..%2Fetc%2Fpasswd", expect_errors=True)
    assert response.status_int == 400 and response.body.startswith(b"graphId: must be 22 characters")


def test_broken_store_is_503_for_both_apps_and_recovers(settings, tmp_path):
    page, graph = webtest.TestApp(make_page(settings)), webtest.TestApp(make_graph(settings))
    src = built_src(page.get("/?" + BUILDER + "&output=graphid").text)
    path = tmp_path / "var" / "graphs.sqlite3"
    good = path.read_bytes()
    path.write_bytes(b"garbage" * 1000)
    response = graph.get("/" + src.removeprefix("get_graph.py"), expect_errors=True)
    assert response.status_int == 503
    assert response.body == b"store: chart store unavailable (file is not a database); try again later\n"
    image = graph.get("/" + src.removeprefix("get_graph.py"), headers={"Accept": "image/png"}, expect_errors=True)
    assert image.status_int == 503 and decode(image.body).format == "PNG"
    broken_page = page.get("/?" + BUILDER + "&output=graphid", expect_errors=True)
    assert broken_page.status_int == 503 and "chart store unavailable" in broken_page.text
    path.write_bytes(good)
    assert graph.get("/" + src.removeprefix("get_graph.py")).status_int == 200


# --- 3. data: URIs --------------------------------------------------------------------------------------


def test_page_builder_data_uri_output(page):
    src = built_src(page.get("/?" + BUILDER + "&output=data").text)
    assert src.startswith("data:image/png;base64,")
    assert decode(base64.b64decode(src.split(",", 1)[1])).size == (320, 160)


def test_data_uri_under_cgi():
    headers, body, _ = run_cgi("page.py", BUILDER + "&output=data")
    assert headers["Status"] == "200 OK"
    src = built_src(body.decode())
    assert decode(base64.b64decode(src.split(",", 1)[1])).size == (320, 160)


def test_data_uri_falls_back_to_a_url_above_the_cap(settings):
    spec = make(type="bar", data=[[1, 2, 3]], format="png", width=300, height=150)
    uri = data_uri(spec, settings=settings)
    assert uri.startswith("data:image/png;base64,") and len(uri) <= 32 * 1024
    assert data_uri(spec, max_bytes=100, settings=settings) is None
    tag = img_tag(spec, output="data", max_bytes=100, settings=settings)
    assert tag.startswith('<img src="get_graph.py?type=bar&amp;data=1,2,3')


def test_unknown_output_is_400(page):
    response = page.get("/?" + BUILDER + "&output=ftp", expect_errors=True)
    assert response.status_int == 400 and "output: must be one of url, graphid, data, got &#x27;ftp&#x27;" in response.text


# --- 4. exported files ----------------------------------------------------------------------------------


def test_export_writes_a_content_hash_file_once(tmp_path, settings):
    spec = make(type="bar", data=[[1, 2, 3]], format="png", width=300, height=150)
    tag = export(spec, tmp_path / "charts", url_prefix="/charts/", settings=settings)
    match = re.fullmatch(r'<img src="/charts/(dg-[A-Za-z0-9_-]{22}\.png)" '
                         r'srcset="/charts/\1 1x, /charts/(dg-[A-Za-z0-9_-]{22}\.png) 2x" width="300" height="150" '
                         r'alt="Bar chart. Largest bar 3 at 3, smallest bar 1 at 1.">',
                         tag)
    assert match
    files = sorted(os.listdir(tmp_path / "charts"))
    assert files == sorted([match.group(1), match.group(2)])
    assert decode((tmp_path / "charts" / match.group(1)).read_bytes()).size == (300, 150)
    assert decode((tmp_path / "charts" / match.group(2)).read_bytes()).size == (600, 300)  # the 2x candidate
    assert export(spec, tmp_path / "charts", url_prefix="/charts/", settings=settings) == tag
    assert sorted(os.listdir(tmp_path / "charts")) == files
    single = export(spec, tmp_path / "one", settings=settings, hidpi=False)
    assert "srcset" not in single and len(os.listdir(tmp_path / "one")) == 1


def cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "dyngraph", *args], capture_output=True, text=True, timeout=60,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "lib"), **(env or {})})


def test_cli_export_and_cleanup(tmp_path):
    charts = tmp_path / "charts"
    result = cli("export", "type=line&data=1,5,3&format=webp", "--dir", str(charts), "--url-prefix", "/c/",
                 env={"DYNGRAPH_SECRET": "signing does not apply to the operator"})
    assert result.returncode == 0, result.stderr
    match = re.fullmatch(r'<img src="/c/(dg-[A-Za-z0-9_-]{22}\.webp)" srcset="/c/\1 1x, /c/(dg-[A-Za-z0-9_-]{22}\.webp) 2x" '
                         r'width="480" height="240" '
                         r'alt="Line chart. Rises from 1 \(point 1\) to 3 \(point 3\), peak 5 \(point 2\).">\n',
                         result.stdout)
    name, double = match.group(1), match.group(2)
    assert decode((charts / name).read_bytes()).format == "WEBP"
    theirs = charts / "index.html"
    theirs.write_text("not ours")
    week_old = time.time() - 8 * 86_400
    for path in (charts / name, charts / double, theirs):
        os.utime(path, (week_old, week_old))
    kept = cli("cleanup", str(charts), "--older-than", "9d")
    assert kept.returncode == 0 and kept.stdout == "" and (charts / name).exists()
    removed = cli("cleanup", str(charts), "--older-than", "7d")
    assert removed.returncode == 0 and removed.stdout == "".join(f"removed {n}\n" for n in sorted([name, double]))
    assert os.listdir(charts) == ["index.html"]


def test_cli_export_rejects_bad_input(tmp_path):
    result = cli("export", "data=1,2&width=huge", "--dir", str(tmp_path))
    assert result.returncode == 2 and "width: must be an integer" in result.stderr
    assert os.listdir(tmp_path) == []
    bad_age = cli("cleanup", str(tmp_path), "--older-than", "a week")
    assert bad_age.returncode == 2 and "older-than: must be a number" in bad_age.stderr


# --- signing, through the CGI scripts -------------------------------------------------------------------


def test_signed_site_under_cgi(tmp_path):
    env = {"DYNGRAPH_SECRET": "cgi-secret", "DYNGRAPH_DATA_DIR": str(tmp_path)}
    headers, body, _ = run_cgi("page.py", BUILDER + "&output=graphid", extra_env=env)
    html = body.decode()
    sources = [unescape(s) for s in re.findall(r'<img src="get_graph\.py\?([^"]+)"', html)]
    assert any(s.startswith("graphId=") for s in sources) and all("&sig=" in s for s in sources)
    for source in (sources[0], sources[-1]):
        headers, body, _ = run_cgi("get_graph.py", source, extra_env=env)
        assert headers["Status"] == "200 OK"
        decode(body)
    headers, _, _ = run_cgi("get_graph.py", sources[0].split("&sig=")[0], extra_env=env)
    assert headers["Status"] == "403 Forbidden"
