"""Signed URLs: unsigned, tampered and expired requests get 403 before any lookup or drawing; rotation."""

import re
import time
from html import unescape

import pytest
import webtest

from conftest import decode
from dyngraph import signing
from dyngraph.api import store_url, url
from dyngraph.graph_app import make_app as make_graph
from dyngraph.page_app import make_app as make_page
from dyngraph.settings import Settings, from_environ
from dyngraph.spec import make, to_query
from test_cgi import run_cgi

SPEC = make(type="bar", data=[[3, 1, 2]], width=200, height=100, format="png")
CANONICAL = to_query(SPEC)


@pytest.fixture
def settings(tmp_path):
    return Settings(secrets=("new-secret", "old-secret"), data_dir=str(tmp_path))


def query(signed_url):
    return signed_url.split("?", 1)[1]


def test_signed_url_draws(graph, settings):
    signed = url(SPEC, settings=settings)
    assert re.fullmatch(re.escape(f"get_graph.py?{CANONICAL}") + r"&sig=[A-Za-z0-9_-]{43}", signed)
    response = graph.get("/?" + query(signed))
    assert response.status_int == 200 and decode(response.body).size == (200, 100)


def test_unsigned_is_403_with_a_clear_message(graph):
    response = graph.get("/?" + CANONICAL, expect_errors=True)
    assert response.status_int == 403
    assert response.body.decode().startswith("sig: this server draws only signed URLs")


@pytest.mark.parametrize("change", [
    lambda q: q.replace("data=3,1,2", "data=3,1,9"),
    lambda q: q.replace("width=200", "width=201"),
    lambda q: q + "&title=x",
    lambda q: q[:-1] + ("A" if q[-1] != "A" else "B"),
])
def test_tampered_is_403(graph, settings, change):
    response = graph.get("/?" + change(query(url(SPEC, settings=settings))), expect_errors=True)
    assert response.status_int == 403
    assert response.body.decode().startswith("sig: does not match this chart")


def test_equivalent_spelling_of_the_same_chart_keeps_its_signature(graph, settings):
    signed = query(url(SPEC, settings=settings))
    respelled = signed.replace("data=3,1,2", "data=3.0,1,2.00").replace("type=bar&", "") + "&type=bar"
    assert graph.get("/?" + respelled).status_int == 200  # signed over the canonical form


def test_expiry_inside_the_signature(graph, settings):
    live = signing.sign(CANONICAL, settings, ttl=60)
    assert re.search(r"&exp=\d+&sig=", live)
    assert graph.get("/?" + live).status_int == 200
    expired = signing.sign(CANONICAL, settings, ttl=60, now=time.time() - 120)
    response = graph.get("/?" + expired, expect_errors=True)
    assert response.status_int == 403 and "expired" in response.body.decode()
    stretched = re.sub(r"exp=\d+", f"exp={int(time.time()) + 10**6}", expired)
    response = graph.get("/?" + stretched, expect_errors=True)
    assert response.status_int == 403 and "does not match" in response.body.decode()


def test_signed_ttl_setting_adds_expiry(settings):
    from dataclasses import replace

    assert "&exp=" in url(SPEC, settings=replace(settings, signed_ttl=3600))
    assert "&exp=" not in url(SPEC, settings=settings)


def test_rotation_accepts_either_configured_secret(settings):
    old_only = Settings(secrets=("old-secret",))
    signed_with_old = query(url(SPEC, settings=old_only))
    both = webtest.TestApp(make_graph(settings))
    assert both.get("/?" + signed_with_old).status_int == 200
    new_only = webtest.TestApp(make_graph(Settings(secrets=("new-secret",))))
    assert new_only.get("/?" + signed_with_old, expect_errors=True).status_int == 403
    assert new_only.get("/?" + query(url(SPEC, settings=settings))).status_int == 200


@pytest.mark.parametrize("bad, message", [
    ("&sig=short", "sig: must be 43 characters"),
    ("&sig=" + "A" * 43 + "&exp=soon", "exp: must be a unix time"),
    ("&sig=" + "A" * 43, "sig: does not match"),
])
def test_malformed_signature_is_403(graph, bad, message):
    response = graph.get("/?" + CANONICAL + bad, expect_errors=True)
    assert response.status_int == 403 and response.body.decode().startswith(message)


def test_repeated_sig_is_400(graph, settings):
    signed = query(url(SPEC, settings=settings))
    response = graph.get("/?" + signed + "&sig=" + "A" * 43, expect_errors=True)
    assert response.status_int == 400 and response.body.decode().startswith("sig: given more than once")


def test_graph_ids_are_signed_and_checked_before_the_store_is_opened(graph, settings, tmp_path):
    signed = store_url(SPEC, settings=settings)
    assert re.fullmatch(r"get_graph.py\?graphId=[A-Za-z0-9_-]{22}&sig=[A-Za-z0-9_-]{43}", signed)
    assert decode(graph.get("/?" + query(signed)).body).size == (200, 100)
    (tmp_path / "graphs.sqlite3").write_bytes(b"corrupt" * 100)  # any lookup now answers 503
    unsigned = query(signed).split("&sig=")[0]
    response = graph.get("/?" + unsigned, expect_errors=True)
    assert response.status_int == 403
    other = "graphId=" + "B" * 22 + "&sig=" + query(signed).split("&sig=")[1]
    assert graph.get("/?" + other, expect_errors=True).status_int == 403


def test_refused_before_drawing_no_pillow_in_the_process(tmp_path):
    """Under CGI, a refused request never imports Pillow: nothing was drawn."""
    env = {"DYNGRAPH_SECRET": "s3cret", "DYNGRAPH_DATA_DIR": str(tmp_path)}
    headers, body, stderr = run_cgi("get_graph.py", CANONICAL, extra_env=env, python_flags=("-X", "importtime"))
    assert headers["Status"] == "403 Forbidden"
    assert b"PIL" not in stderr and b"sqlite3" not in stderr
    signed = query(url(SPEC, settings=from_environ(env)))
    headers, body, _ = run_cgi("get_graph.py", signed, extra_env=env)
    assert headers["Status"] == "200 OK" and decode(body).size == (200, 100)


def test_signing_off_ignores_sig_and_exp():
    app = webtest.TestApp(make_graph(Settings()))
    assert app.get("/?" + CANONICAL + "&sig=whatever&exp=1").status_int == 200


def test_page_signs_every_image_url(settings):
    page = webtest.TestApp(make_page(settings))
    graph = webtest.TestApp(make_graph(settings))
    html = page.get("/?type=line&data=1,2,3&output=url").text
    sources = [unescape(s) for s in re.findall(r'<img src="get_graph\.py\?([^"]+)"', html)]
    assert len(sources) >= 10
    for source in sources:
        assert "&sig=" in source
        assert graph.get("/?" + source).status_int == 200


def test_api_reads_the_secret_from_the_environment(monkeypatch):
    monkeypatch.setenv("DYNGRAPH_SECRET", "from-env,older")
    signed = url(SPEC)
    assert "&sig=" in signed
    assert signed.endswith(signing.signature(CANONICAL, "from-env"))


def test_google_urls_cannot_bypass_signing(graph):
    response = graph.get("/?cht=lc&chs=200x100&chd=t:1,2,3", expect_errors=True)
    assert response.status_int == 403 and response.body.decode().startswith("sig: this server draws only signed")
