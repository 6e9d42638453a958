"""The Python API and the command line."""

import subprocess
import sys

import pytest

from conftest import ROOT, decode
from dyngraph import chart, img_tag, url
from dyngraph.errors import SpecError
from dyngraph.spec import parse


def test_url_round_trips():
    spec = chart(type="bar", data=[[1, 2, 3]], labels=["a", "b", "c"], title="T & U")
    assert url(spec).startswith("get_graph.py?type=bar&")
    assert parse(url(spec).split("?", 1)[1]) == spec


def test_img_tag_escapes_and_sizes():
    spec = chart(data=[1, 2], title='"><script>', width=300, height=120)
    tag = img_tag(spec, "/cgi-bin/get_graph.py")
    assert tag.startswith('<img src="/cgi-bin/get_graph.py?type=line&amp;data=1,2')
    assert 'width="300" height="120"' in tag
    assert "<script>" not in tag
    assert 'alt="Line chart: &quot;&gt;&lt;script&gt;. Rises from 1 (point 1) to 2 (point 2), its peak."' in tag


def test_chart_rejects_bad_values():
    with pytest.raises(SpecError, match="width: must be an integer"):
        chart(data=[1, 2], width=10**6)
    with pytest.raises(SpecError, match="colour: unknown option"):
        chart(data=[1], colour="red")


def _dyngraph(*args, cwd=None):
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "lib")}
    return subprocess.run([sys.executable, "-m", "dyngraph", *args], capture_output=True, env=env, cwd=cwd, timeout=60)


@pytest.mark.parametrize(("name", "fmt"), [("c.png", "PNG"), ("c.jpg", "JPEG"), ("c.gif", "GIF"), ("c.webp", "WEBP")])
def test_cli_render_format_from_extension(tmp_path, name, fmt):
    result = _dyngraph("render", "type=bar&data=1,2,3&width=320&height=160", "-o", str(tmp_path / name))
    assert result.returncode == 0, result.stderr
    image = decode((tmp_path / name).read_bytes())
    assert (image.format, image.size) == (fmt, (320, 160))


def test_cli_render_bad_query_exits_2(tmp_path):
    result = _dyngraph("render", "data=1,x", "-o", str(tmp_path / "c.png"))
    assert result.returncode == 2
    assert b"data: must be a decimal number" in result.stderr
    assert not (tmp_path / "c.png").exists()


def test_cli_render_unknown_extension(tmp_path):
    result = _dyngraph("render", "data=1,2", "-o", str(tmp_path / "c.bmp"))
    assert result.returncode == 2 and b"output: extension must be one of" in result.stderr


def test_serve_routes_like_apache():
    """The dev server answers at Apache's paths and redirects / to the page."""
    import threading
    import urllib.request
    from http.client import HTTPConnection
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    from dyngraph.devserver import PAGE_PATH, make_router
    from dyngraph.graph_app import make_app as make_graph
    from dyngraph.page_app import make_app as make_page

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = make_server("127.0.0.1", 0, make_router(make_page(), make_graph()), handler_class=Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_port
        conn = HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/")
        redirect = conn.getresponse()
        redirect.read()
        assert redirect.status == 302 and redirect.getheader("Location") == PAGE_PATH
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}{PAGE_PATH}", timeout=10).read().decode()
        src = page.split('src="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
        image = urllib.request.urlopen(f"http://127.0.0.1:{port}/cgi-bin/{src}", timeout=10).read()
        assert decode(image).size[0] > 0
        conn.request("GET", "/nowhere")
        missing = conn.getresponse()
        assert missing.status == 404 and b"path:" in missing.read()
    finally:
        server.shutdown()
        server.server_close()


def test_cli_accepts_raw_utf8_as_typed_in_a_shell(tmp_path):
    from dyngraph.cli import shell_query

    assert shell_query("?data=1&labels=Café|€") == "data=1&labels=Caf%C3%A9|%E2%82%AC"
    result = _dyngraph("render", "type=bar&data=1,2&labels=Café|Müller", "-o", str(tmp_path / "c.png"))
    assert result.returncode == 0, result.stderr
    assert decode((tmp_path / "c.png").read_bytes()).size == (480, 240)
