"""The Redis chart store against a real redis-server on loopback: round trip, expiry, both apps, CGI, faults."""

import os
import re
import shutil
import signal
import socket
import subprocess
import time
from html import unescape

import pytest
import webtest

from conftest import decode, require_or_skip
from dyngraph.errors import NotFound, StoreUnavailable
from dyngraph.graph_app import make_app as make_graph
from dyngraph.page_app import make_app as make_page
from dyngraph.settings import Settings
from dyngraph.store import graph_id
from dyngraph.store_redis import KEY_PREFIX, RedisStore
from test_cgi import run_cgi

pytestmark = pytest.mark.integration
QUERY = "type=bar&data=4,8,15&format=png&width=200&height=100"
BUILDER = "type=bar&data=4,8,15&format=png&width=200&height=100&output=graphid"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RedisServer:
    """One redis-server on 127.0.0.1, no persistence, in a temporary directory; can stop, freeze and restart."""

    def __init__(self, binary, directory):
        self.binary, self.directory, self.port = binary, directory, _free_port()
        self.process = None
        self.frozen = False

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0?socket_timeout=0.5&socket_connect_timeout=0.5"

    def start(self):
        command = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                   "--dir", str(self.directory), "--daemonize", "no", "--loglevel", "warning"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        start_new_session=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "redis-server exited at start"
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        pytest.fail("redis-server did not answer within 10 s")

    def freeze(self, frozen=True):
        os.kill(self.process.pid, signal.SIGSTOP if frozen else signal.SIGCONT)
        self.frozen = frozen

    def stop(self):
        if self.process is None:
            return
        if self.frozen:
            self.freeze(False)
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None


@pytest.fixture
def redis_server(tmp_path):
    binary = shutil.which("redis-server") or ("/usr/bin/redis-server" if os.path.exists("/usr/bin/redis-server")
                                              else None)
    require_or_skip(binary, "redis-server is not installed (apt-get install redis-server)")
    require_or_skip(_importable("redis"), "the redis package is not installed (pip install redis)")
    server = RedisServer(binary, tmp_path)
    server.start()
    yield server
    server.stop()


def _importable(name):
    import importlib.util

    return importlib.util.find_spec(name) is not None


def test_round_trip_and_ttl(redis_server):
    store = RedisStore(redis_server.url, ttl=600)
    key = store.put(QUERY)
    assert key == graph_id(QUERY) == store.put(QUERY)
    assert store.get(key) == QUERY
    assert 590 <= store.client.ttl(KEY_PREFIX + key) <= 600
    with pytest.raises(NotFound, match="unknown or expired"):
        store.get("Z" * 22)


def test_entries_expire(redis_server):
    store = RedisStore(redis_server.url, ttl=1)
    key = store.put(QUERY)
    time.sleep(1.3)
    with pytest.raises(NotFound):
        store.get(key)


def test_both_apps_share_charts_through_redis(redis_server):
    settings = Settings(store_url=redis_server.url)
    page, graph = webtest.TestApp(make_page(settings)), webtest.TestApp(make_graph(settings))
    html = page.get("/?" + BUILDER).text
    src = unescape(re.search(r'<figure id="built"><figcaption>Your chart</figcaption><img src="([^"]+)"', html)[1])
    assert re.fullmatch(r"get_graph\.py\?graphId=[A-Za-z0-9_-]{22}", src)
    assert decode(graph.get("/" + src.removeprefix("get_graph.py")).body).size == (200, 100)


def test_cgi_scripts_use_redis_from_the_environment(redis_server, tmp_path):
    env = {"DYNGRAPH_STORE_URL": redis_server.url, "DYNGRAPH_DATA_DIR": str(tmp_path / "unused")}
    headers, body, stderr = run_cgi("page.py", BUILDER, extra_env=env)
    assert headers["Status"] == "200 OK", stderr
    src = unescape(re.search(r'<img src="get_graph\.py\?(graphId=[^"]+)"', body.decode())[1])
    headers, body, stderr = run_cgi("get_graph.py", src, extra_env=env)
    assert headers["Status"] == "200 OK" and stderr == b""
    assert decode(body).size == (200, 100)
    assert not (tmp_path / "unused").exists()


def test_frozen_redis_is_503_and_nothing_is_lost(redis_server):
    settings = Settings(store_url=redis_server.url)
    graph = webtest.TestApp(make_graph(settings))
    key = RedisStore(redis_server.url, ttl=600).put(QUERY)
    redis_server.freeze()
    started = time.monotonic()
    response = graph.get(f"/?graphId={key}", expect_errors=True)
    assert response.status_int == 503
    assert response.body == b"store: chart store unavailable (Redis timed out); try again later\n"
    assert time.monotonic() - started < 5
    redis_server.freeze(False)
    assert decode(graph.get(f"/?graphId={key}").body).size == (200, 100)


def test_redis_restart_is_503_while_down_then_recovers_without_restarting_the_app(redis_server):
    settings = Settings(store_url=redis_server.url)
    store = RedisStore(redis_server.url, ttl=600)
    graph = webtest.TestApp(make_graph(settings))
    key = store.put(QUERY)
    assert graph.get(f"/?graphId={key}").status_int == 200
    redis_server.stop()
    response = graph.get(f"/?graphId={key}", expect_errors=True)
    assert response.status_int == 503 and b"cannot connect to Redis" in response.body
    with pytest.raises(StoreUnavailable):
        store.put(QUERY)
    redis_server.start()  # same port; this server keeps nothing on disk (--save ''), so the page writes again
    assert store.put(QUERY) == key
    assert graph.get(f"/?graphId={key}").status_int == 200
