"""Declared sources under the real Apache: get_graph.py as www-data reads the admin's sources file.

The deployment as an admin would make it: the sources file and the data in
a folder the CGI user may read, ``SetEnv DYNGRAPH_SOURCES`` in the server
configuration, apache.conf.example included unchanged.
"""

import io
import time

import pytest
from PIL import Image

from .conftest import start_apache, stop
from .http_checks import fetch, page_images

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def sourced(tree):
    """Apache with DYNGRAPH_SOURCES naming a CSV log and a missing file, both in a world-readable folder."""
    data = tree.root / "var-lib-monitor"
    data.mkdir(exist_ok=True)
    data.chmod(0o755)
    now = int(time.time())
    log = data / "load.csv"
    log.write_text("timestamp,load1,load5\n" + "".join(f"{now - 60 * (1440 - i)},{i % 7 / 3:.2f},{i % 5 / 3:.2f}\n"
                                                        for i in range(1440)))
    log.chmod(0o644)
    ini = data / "sources.ini"
    ini.write_text(f"[load]\ntype = csv\npath = {log}\ntime = timestamp\ncolumns = load1, load5\n"
                   f"title = Server load\n\n[gone]\ntype = csv\npath = {data}/secret-name/gone.csv\ntime = t\n")
    ini.chmod(0o644)
    server, process = start_apache(tree, extra=lambda run_dir: f"SetEnv DYNGRAPH_SOURCES {ini}\n")
    try:
        yield server, log
    finally:
        stop(process)


def test_a_source_chart_through_apache_and_its_304(sourced):
    server, _ = sourced
    url = f"{server.base}/dyngraph/get_graph.py?source=load&format=png&width=400&height=200"
    response = fetch(url)
    assert response.status == 200, response.body[:300]
    image = Image.open(io.BytesIO(response.body))
    assert (image.format, image.size) == ("PNG", (400, 200))
    assert response.headers["Cache-Control"] == "public, max-age=216"  # 24 h over 400 pixel columns
    again = fetch(url, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status == 304 and again.body == b""


def test_a_growing_log_changes_the_etag(sourced):
    server, log = sourced
    url = f"{server.base}/dyngraph/get_graph.py?source=load&format=json"
    before = fetch(url)
    with open(log, "a") as f:
        f.write(f"{int(time.time())},3.5,2\n")
    after = fetch(url, headers={"If-None-Match": before.headers["ETag"]})
    assert after.status == 200 and after.headers["ETag"] != before.headers["ETag"]


def test_unknown_and_unreadable_sources_under_apache(sourced):
    server, _ = sourced
    unknown = fetch(f"{server.base}/dyngraph/get_graph.py?source=..%2F..%2Fetc%2Fpasswd")
    assert unknown.status == 404 and unknown.body == b"source: unknown source '../../etc/passwd'\n"
    gone = fetch(f"{server.base}/dyngraph/get_graph.py?source=gone")
    assert gone.status == 503 and b"secret-name" not in gone.body
    deadline = time.monotonic() + 5
    while b"secret-name/gone.csv" not in server.error_log.read_bytes() and time.monotonic() < deadline:
        time.sleep(0.1)  # the CGI's stderr reaches the error log through mod_cgid
    assert b"secret-name/gone.csv: No such file or directory" in server.error_log.read_bytes()


def test_page_lists_the_live_chart_and_it_draws(sourced):
    server, _ = sourced
    page = fetch(f"{server.base}/dyngraph/page.py")
    assert page.status == 200 and b'<h2 id="sources">Live data</h2>' in page.body
    sources = [img["src"] for img in page_images(page.body.decode("utf-8")) if "source=" in img["src"]]
    assert sources == ["get_graph.py?source=load", "get_graph.py?source=gone"]
    drawn = fetch(f"{server.base}/dyngraph/{sources[0]}", headers={"Accept": "image/*"})
    assert drawn.status == 200 and Image.open(io.BytesIO(drawn.body)).size == (480, 240)
