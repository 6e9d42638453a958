"""The shared render cache: hits, misses, equivalent spellings, signing, eviction, torn records, processes."""

import os
import subprocess
import sys
import time

import pytest
import webtest

from conftest import ROOT, decode
from dyngraph import draw, rendercache
from dyngraph.graph_app import make_app
from dyngraph.settings import Settings, from_environ
from dyngraph.signing import sign
from dyngraph.spec import parse, to_query

QUERY = "type=line&data=1,5,3|2,4,6&width=200&height=100&format=png"
SAME_CHART = "format=png&height=100&width=200&data=1,5,3|2,4,6&type=line"  # another spelling of QUERY
OTHER_CHART = "type=line&data=1,5,3|2,4,7&width=200&height=100&format=png"


@pytest.fixture
def drawn(monkeypatch):
    """Count the charts really drawn (the renderer's door)."""
    calls = []
    real = draw.draw_chart

    def spy(spec, settings, *notes):
        calls.append(spec)
        return real(spec, settings, *notes)

    monkeypatch.setattr(draw, "draw_chart", spy)
    return calls


def app_for(tmp_path, **settings):
    return webtest.TestApp(make_app(Settings(data_dir=str(tmp_path), **settings)))


def records(tmp_path, kind=""):
    base = tmp_path / "cache"
    return sorted(p for p in base.glob("??/*") if p.name.startswith(kind)) if base.exists() else []


def test_a_repeated_chart_is_answered_from_the_cache_byte_for_byte(tmp_path, drawn):
    app = app_for(tmp_path)
    first = app.get("/?" + QUERY)
    again = app.get("/?" + QUERY)
    assert len(drawn) == 1
    assert again.body == first.body and again.headerlist == first.headerlist
    assert decode(again.body).size == (200, 100)
    assert sorted(p.name[0] for p in records(tmp_path)) == ["e", "q"]


def test_a_new_app_process_state_still_hits(tmp_path, drawn):
    app_for(tmp_path).get("/?" + QUERY)
    rendercache._OPEN.clear()  # as a fresh CGI process
    answer = app_for(tmp_path).get("/?" + QUERY)
    assert len(drawn) == 1 and answer.content_type == "image/png"


def test_equivalent_spellings_share_one_entry_and_other_charts_miss(tmp_path, drawn):
    app = app_for(tmp_path)
    first = app.get("/?" + QUERY)
    same = app.get("/?" + SAME_CHART)
    other = app.get("/?" + OTHER_CHART)
    assert len(drawn) == 2  # the other spelling was parsed, found the same ETag, and was not drawn again
    assert same.body == first.body and same.headers["ETag"] == first.headers["ETag"]
    assert other.headers["ETag"] != first.headers["ETag"]
    assert decode(other.body).tobytes() != decode(first.body).tobytes()
    assert len(records(tmp_path, "e")) == 2 and len(records(tmp_path, "q")) == 3


def test_a_304_and_a_head_come_from_the_cache_with_the_same_headers(tmp_path, drawn):
    app = app_for(tmp_path)
    first = app.get("/?" + QUERY)
    not_modified = app.get("/?" + QUERY, headers={"If-None-Match": first.headers["ETag"]}, status=304)
    head = app.head("/?" + QUERY)
    assert len(drawn) == 1
    assert not_modified.body == b"" and not_modified.headers["ETag"] == first.headers["ETag"]
    assert "Content-Type" not in not_modified.headers
    assert head.body == b"" and head.headers["Content-Length"] == str(len(first.body))
    assert head.headers["Content-Type"] == "image/png"


def test_errors_are_never_cached(tmp_path, drawn):
    app = app_for(tmp_path)
    for _ in range(2):
        assert app.get("/?type=line&data=1,2&width=huge", status=400).text.startswith("width:")
        image = app.get("/?type=line&data=1,nope", headers={"Accept": "image/*"}, status=400)
        assert decode(image.body).format == "PNG"
    assert records(tmp_path) == []


def test_changed_settings_are_a_different_namespace(tmp_path, drawn):
    app_for(tmp_path).get("/?" + QUERY)
    answer = app_for(tmp_path, cache_max_age=60).get("/?" + QUERY)
    assert len(drawn) == 2 and answer.headers["Cache-Control"] == "public, max-age=60"


def test_off_with_zero_bytes(tmp_path, drawn):
    app = app_for(tmp_path, cache_bytes=0)
    app.get("/?" + QUERY)
    app.get("/?" + QUERY)
    assert len(drawn) == 2 and not (tmp_path / "cache").exists()
    assert from_environ({"DYNGRAPH_CACHE_BYTES": "0"}).cache_bytes == 0
    assert Settings().cache_bytes == rendercache.DEFAULT_BYTES == 64 * 1024 * 1024


def test_stored_charts_share_entries_but_get_no_alias(tmp_path, drawn):
    """graphId= reads the store, so the id is checked every time (it may expire); the drawing is shared."""
    app = app_for(tmp_path)
    from dyngraph.store import open_store

    key = open_store(Settings(data_dir=str(tmp_path))).put(QUERY)
    by_id = app.get("/?graphId=" + key)
    again = app.get("/?graphId=" + key)
    direct = app.get("/?" + QUERY)
    assert len(drawn) == 1 and by_id.body == again.body == direct.body
    assert len(records(tmp_path, "q")) == 1  # only the plain query string's


def test_a_signed_link_is_not_served_from_the_cache_after_it_expires(tmp_path, drawn, monkeypatch):
    settings = Settings(data_dir=str(tmp_path), secrets=("s3cret",))
    app = webtest.TestApp(make_app(settings))
    now = time.time()
    link = sign(to_query(parse(QUERY)), settings, now=now, ttl=100)
    assert app.get("/?" + link).content_type == "image/png"
    assert app.get("/?" + link).content_type == "image/png" and len(drawn) == 1
    monkeypatch.setattr(time, "time", lambda: now + 101)
    assert app.get("/?" + link, status=403).text.startswith("sig: this link has expired")


def test_a_tampered_or_rotated_signature_is_never_answered_from_the_cache(tmp_path, drawn):
    old = Settings(data_dir=str(tmp_path), secrets=("old-secret",))
    link = sign(to_query(parse(QUERY)), old)
    webtest.TestApp(make_app(old)).get("/?" + link)
    tampered = link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB")
    webtest.TestApp(make_app(old)).get("/?" + tampered, status=403)
    rotated = webtest.TestApp(make_app(Settings(data_dir=str(tmp_path), secrets=("new-secret",))))
    assert rotated.get("/?" + link, status=403).text.startswith("sig: does not match")
    assert len(drawn) == 1


def test_a_torn_or_corrupt_record_is_a_miss_then_rewritten(tmp_path, drawn):
    app = app_for(tmp_path)
    first = app.get("/?" + QUERY)
    (entry,) = records(tmp_path, "e")
    whole = entry.read_bytes()
    damaged = [whole[: len(whole) // 2],  # torn: a write cut short
               whole[:-1] + bytes([whole[-1] ^ 1]),  # one bit flipped in the image
               b"DGC1 5 5 0000\n"]  # a header with nothing behind it
    for version in damaged:
        entry.write_bytes(version)
        answer = app.get("/?" + QUERY)
        assert answer.body == first.body
    assert len(drawn) == 1 + len(damaged)
    assert entry.read_bytes() == whole


def test_a_record_under_another_name_is_never_served(tmp_path, drawn):
    """Even a file copied over another key's (or a hash collision) is refused: the record names its key."""
    app = app_for(tmp_path)
    app.get("/?" + QUERY)
    app.get("/?" + OTHER_CHART)
    entries = records(tmp_path, "e")
    aliases = records(tmp_path, "q")
    data = {p: p.read_bytes() for p in entries + aliases}
    entries[0].write_bytes(data[entries[1]])
    aliases[0].write_bytes(data[aliases[1]])
    fresh = webtest.TestApp(make_app(Settings(data_dir=str(tmp_path), cache_bytes=0)))
    for query in (QUERY, OTHER_CHART):
        assert app.get("/?" + query).body == fresh.get("/?" + query).body


def test_records_round_trip_and_check_their_key():
    record = rendercache.pack("space", "key", [("Content-Type", "image/png"), ("ETag", '"x"')], b"\x89PNG", 7)
    assert rendercache.unpack(record, "space", "key") == (7, [("Content-Type", "image/png"), ("ETag", '"x"')],
                                                           b"\x89PNG")
    assert rendercache.unpack(record, "space", "other") is None
    assert rendercache.unpack(record, "other", "key") is None
    assert rendercache.unpack(record + b"x", "space", "key") is None
    for cut in range(len(record)):
        assert rendercache.unpack(record[:cut], "space", "key") is None


def test_the_bound_holds_and_least_recently_used_go_first(tmp_path):
    bound = 12_000  # some 15 charts' records
    app = app_for(tmp_path, cache_bytes=bound)
    queries = [f"type=bar&data={i},{i + 3},{i * 7 % 11}&width=300&height=150&format=png" for i in range(40)]
    keep = queries[0]
    first = app.get("/?" + keep).body
    for query in queries[1:]:
        app.get("/?" + query)
        app.get("/?" + keep)  # used again and again: never the least recently used
        backend = rendercache.open_cache(Settings(data_dir=str(tmp_path), cache_bytes=bound)).backend
        assert backend.size() <= bound
    assert 5 <= len(records(tmp_path, "e")) < len(queries) / 2  # kept many, evicted more
    hit = rendercache.open_cache(Settings(data_dir=str(tmp_path), cache_bytes=bound)).get_entry(
        app.get("/?" + keep).headers["ETag"])
    assert hit is not None and hit.body == first
    assert int((tmp_path / "cache" / "ledger").read_text()) >= backend.size()


def test_eviction_removes_writes_left_by_killed_processes(tmp_path):
    backend = rendercache.FileBackend(str(tmp_path / "cache"), 10_000)
    backend.put("eaa" + "0" * 37, b"x" * 1000)
    stale = tmp_path / "cache" / "tmp.999999.eaa"
    stale.write_bytes(b"half a record")
    old = time.time() - 2 * rendercache.STALE_TMP_SECONDS
    os.utime(stale, (old, old))
    (tmp_path / "cache" / "ledger").write_text("999999")  # over-counted, as after a kill -9 before the rename
    assert backend.evict() == 1000
    assert not stale.exists() and (tmp_path / "cache" / "ledger").read_text() == "1000"


def test_a_cache_that_cannot_be_written_is_reported_and_the_chart_still_drawn(tmp_path, drawn):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    errors = []
    app = make_app(Settings(data_dir=str(blocker / "data")))

    class Log:
        def write(self, text):
            errors.append(text)

        def flush(self):
            pass

    environ = {"REQUEST_METHOD": "GET", "QUERY_STRING": QUERY, "wsgi.errors": Log()}
    statuses = []
    body = b"".join(app(environ, lambda status, headers, exc_info=None: statuses.append(status)))
    assert statuses == ["200 OK"] and decode(body).size == (200, 100)
    assert errors and all(line.startswith("dyngraph: render cache write failed") for line in errors)


CONCURRENT = r"""
import sys
sys.path.insert(0, sys.argv[1])
from dyngraph.graph_app import make_app
from dyngraph.settings import Settings
app = make_app(Settings(data_dir=sys.argv[2], cache_bytes=int(sys.argv[3])))
out = []
for round in range(3):
    for i in range(12):
        query = f"type=bar&data={i},{i + 1},{i % 4}&width=240&height=120&format=png"
        environ = {"REQUEST_METHOD": "GET", "QUERY_STRING": query, "wsgi.errors": sys.stderr}
        status = []
        body = b"".join(app(environ, lambda s, h, exc_info=None: status.append((s, dict(h)))))
        out.append(f"{query} {status[0][0][:3]} {status[0][1]['ETag']} {body.hex()}")
print("\n".join(out))
"""


def test_several_processes_share_the_cache_and_every_answer_is_whole(tmp_path):
    bound = 10_000  # less than the 12 charts need: the processes evict while the others read and write
    procs = [subprocess.Popen([sys.executable, "-c", CONCURRENT, str(ROOT / "lib"), str(tmp_path), str(bound)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err for _, err in outputs]
    assert all(err == "" for _, err in outputs)
    fresh = webtest.TestApp(make_app(Settings(cache_bytes=0)))
    expected = {}
    for out, _ in outputs:
        for line in out.splitlines():
            query, status, etag, body = line.split(" ")
            if query not in expected:
                answer = fresh.get("/?" + query)
                expected[query] = (answer.headers["ETag"], answer.body.hex())
            assert (status, etag, body) == ("200", *expected[query]), query
    backend = rendercache.FileBackend(str(tmp_path / "cache"), bound)
    assert backend.size() <= bound
    assert 0 < len(records(tmp_path, "e")) < 12
    for path in records(tmp_path):
        assert rendercache.unpack(path.read_bytes(), *_key_of(path)) is not None


def _key_of(path):
    """The (namespace, key) a record says it belongs to, read from its own text."""
    meta = path.read_bytes().split(b"\n", 3)
    return meta[1].decode(), bytes.fromhex(meta[2].decode()).decode()


def test_cache_cgi_requests_hit_across_processes(tmp_path):
    from test_cgi import run_cgi

    env = {"DYNGRAPH_DATA_DIR": str(tmp_path), "DYNGRAPH_CACHE_BYTES": str(1 << 20)}
    first_headers, first_body, stderr = run_cgi("get_graph.py", QUERY, extra_env=env)
    assert first_headers["Status"] == "200 OK" and stderr == b""
    headers, body, stderr = run_cgi("get_graph.py", QUERY, extra_env=env)
    assert (headers, body, stderr) == (first_headers, first_body, b"")
    assert len(records(tmp_path, "e")) == 1 and len(records(tmp_path, "q")) == 1


def test_a_declared_source_shares_entries_by_its_etag_and_a_changed_file_is_drawn_again(tmp_path, drawn):
    """source= reads files: never aliased; its ETag (file size/mtime) keys the entry, so a new file misses."""
    t0 = 1_700_000_000
    data = tmp_path / "v.csv"
    data.write_text("timestamp,v\n" + "".join(f"{t0 + i},{i}\n" for i in range(5)) + f"{t0 + 5},oops\n")
    (tmp_path / "sources.ini").write_text("[v]\ntype = csv\npath = v.csv\ntime = timestamp\n")
    app = app_for(tmp_path, sources=str(tmp_path / "sources.ini"))
    query = f"/?source=v&from={t0}&until={t0 + 10}&format=png"
    first = app.get(query)
    again = app.get(query)
    assert len(drawn) == 1 and again.body == first.body and again.headerlist == first.headerlist
    assert again.headers["X-Dyngraph-Unsupported"] == "source (skipped 1 bad row)"
    assert records(tmp_path, "q") == []
    data.write_text(data.read_text() + f"{t0 + 6},60\n")
    os.utime(data, (t0, t0))
    changed = app.get(query)
    assert len(drawn) == 2 and changed.headers["ETag"] != first.headers["ETag"]


def test_notes_made_while_drawing_come_back_with_the_cached_image(tmp_path, drawn):
    """A glyph no font has is named in X-Dyngraph-Unsupported as it is drawn; hits (any spelling) name it too."""
    app = app_for(tmp_path)
    # U+13001, a hieroglyph no font here has (test_fonts checks U+13000 is logged once per process)
    query = "type=bar&data=1,2&width=200&height=100&format=png&title=%F0%93%80%81"
    first = app.get("/?" + query, expect_errors=True)  # the missing glyph is logged, once per process
    assert "U+13001" in first.headers.get("X-Dyngraph-Unsupported", "")
    again = app.get("/?" + query)
    respelled = app.get("/?format=png&title=%F0%93%80%81&type=bar&data=1,2&width=200&height=100")
    assert len(drawn) == 1
    assert again.headerlist == first.headerlist and again.body == first.body
    assert respelled.headers["X-Dyngraph-Unsupported"] == first.headers["X-Dyngraph-Unsupported"]


def test_google_spellings_keep_their_own_notes(tmp_path, drawn):
    """Two Google URLs for one drawing, one with a parameter dyngraph does not draw: each keeps its notes."""
    app = app_for(tmp_path)
    plain = "cht=bvs&chs=200x100&chd=t:10,20,30"
    noted = plain + "&chma=5,5,5,5"
    fresh = webtest.TestApp(make_app(Settings(cache_bytes=0)))
    for query in (plain, noted, plain, noted):
        answer = app.get("/?" + query)
        expected = fresh.get("/?" + query)
        assert answer.headerlist == expected.headerlist and answer.body == expected.body


WRITER = r"""
import os, sys
sys.path.insert(0, sys.argv[1])
from dyngraph import rendercache
backend = rendercache.FileBackend(sys.argv[2], int(sys.argv[3]))
cache = rendercache.RenderCache(backend, "space")
print("ready", flush=True)
i = 0
while True:  # until killed: records of many sizes, so some writes are cut mid-file
    i += 1
    cache.put_entry(f"key{i % 50}", [("Content-Type", "image/png")], os.urandom(1000 + (i * 7919) % 20000))
"""


def test_writers_killed_with_sigkill_leave_no_record_that_would_be_served(tmp_path):
    import signal

    directory = tmp_path / "cache"
    bound = 200_000
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(ROOT / "lib"), str(directory), str(bound)],
                                stdout=subprocess.PIPE, text=True) for _ in range(3)]
    for writer in writers:
        assert writer.stdout.readline().strip() == "ready"
    time.sleep(1.5)  # let them write, evict and race; then kill -9 mid-write
    for writer in writers:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=10)
        writer.stdout.close()
    cache = rendercache.RenderCache(rendercache.FileBackend(str(directory), bound), "space")
    served = 0
    for i in range(50):
        path = directory / cache.entry_name(f"key{i}")[1:3] / cache.entry_name(f"key{i}")
        if path.exists():
            assert rendercache.unpack(path.read_bytes(), "space", f"key{i}") is not None  # whole, or not there
            served += cache.get_entry(f"key{i}") is not None
    assert served > 0
    backend = rendercache.FileBackend(str(directory), bound)
    assert int((directory / "ledger").read_text()) >= backend.size()  # over-counts at worst
    backend.evict()
    assert backend.size() <= bound and int((directory / "ledger").read_text()) >= backend.size()
