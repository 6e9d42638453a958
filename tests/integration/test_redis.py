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


# --- the render cache in Redis (dyngraph.rendercache.RedisBackend, its own RESP client) -----

CHART = "type=line&data=1,5,3|2,4,6&width=200&height=100&format=png"


def _count_draws(monkeypatch):
    from dyngraph import draw

    calls = []
    real = draw.draw_chart
    def spy(spec, settings, *rest, **options):
        calls.append(spec)
        return real(spec, settings, *rest, **options)

    monkeypatch.setattr(draw, "draw_chart", spy)
    return calls


def test_render_cache_in_redis_is_shared_by_processes(redis_server, monkeypatch):
    import redis

    from dyngraph import rendercache

    drawn = _count_draws(monkeypatch)
    settings = Settings(store_url=redis_server.url)
    first = webtest.TestApp(make_graph(settings)).get("/?" + CHART)
    rendercache._OPEN.clear()  # as another web server's process
    again = webtest.TestApp(make_graph(settings)).get("/?" + CHART)
    assert len(drawn) == 1 and again.body == first.body and again.headerlist == first.headerlist
    client = redis.Redis.from_url(redis_server.url)
    names = sorted(k.decode() for k in client.keys("dyngraph:cache:[eq]*"))
    assert [n.split(":")[2][0] for n in names] == ["e", "q"]
    assert int(client.get("dyngraph:cache:bytes")) == sum(client.strlen(n) for n in names)


def test_render_cache_in_redis_keeps_its_bound_and_evicts_the_least_recently_used(redis_server):
    import redis

    bound = 12_000
    graph = webtest.TestApp(make_graph(Settings(store_url=redis_server.url, cache_bytes=bound)))
    keep = "type=bar&data=1,2,3&width=300&height=150&format=png"
    kept = graph.get("/?" + keep).body
    client = redis.Redis.from_url(redis_server.url)
    for i in range(40):
        graph.get(f"/?type=bar&data={i},{i + 3},{i * 7 % 11}&width=300&height=150&format=png")
        assert graph.get("/?" + keep).body == kept
        total = int(client.get("dyngraph:cache:bytes"))
        names = client.keys("dyngraph:cache:[eq]*")
        assert total <= bound and total == sum(client.strlen(n) for n in names)
    assert 5 <= client.zcard("dyngraph:cache:lru") == len(names) < 40
    etag = graph.get("/?" + keep).headers["ETag"]
    assert graph.get("/?" + keep, headers={"If-None-Match": etag}, status=304).body == b""


def test_render_cache_cgi_hits_redis_and_a_dead_redis_still_draws(redis_server, tmp_path):
    env = {"DYNGRAPH_STORE_URL": redis_server.url, "DYNGRAPH_CACHE_BYTES": str(1 << 20),
           "DYNGRAPH_DATA_DIR": str(tmp_path / "unused")}
    first = run_cgi("get_graph.py", CHART, extra_env=env)
    assert first[0]["Status"] == "200 OK" and first[2] == b""
    assert run_cgi("get_graph.py", CHART, extra_env=env) == first
    redis_server.stop()
    headers, body, stderr = run_cgi("get_graph.py", CHART, extra_env=env)
    assert headers["Status"] == "200 OK" and body == first[1]
    assert b"dyngraph: render cache read failed" in stderr and b"Traceback" not in stderr
    assert not (tmp_path / "unused").exists()


def test_resp_client_reads_the_store_url_forms():
    from dyngraph.respclient import parse_url

    conf = parse_url("redis://:p%40ss@10.0.0.5:6380/2?socket_timeout=0.5")
    assert (conf["host"], conf["port"], conf["db"], conf["password"], conf["timeout"]) == ("10.0.0.5", 6380, 2,
                                                                                             "p@ss", 0.5)
    conf = parse_url("unix:///run/redis/redis.sock?db=3")
    assert (conf["path"], conf["db"], conf["host"]) == ("/run/redis/redis.sock", 3, None)
    conf = parse_url("rediss://user:pw@[::1]:7000")
    assert (conf["tls"], conf["user"], conf["password"], conf["host"], conf["port"]) == (True, "user", "pw", "::1",
                                                                                         7000)
