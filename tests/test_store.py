"""Graph id stores: SQLite under concurrency, expiry, cleanup, and faults (a clear 503, nothing lost)."""

import contextlib
import multiprocessing
import os
import sqlite3
import subprocess
import sys

import pytest

from conftest import ROOT
from dyngraph.errors import NotFound, SpecError, StoreUnavailable
from dyngraph.settings import Settings
from dyngraph.store import check_id, default_data_dir, graph_id, open_store
from dyngraph.store_sqlite import FILE_NAME, SQLiteStore

QUERY = "type=line&data=1,2,3"


class Clock:
    """A clock the test moves by hand: expiry without sleeping."""

    def __init__(self, now=1_000_000):
        self.now = now

    def __call__(self):
        return self.now


def rows(directory):
    # closing(): sqlite3's own context manager ends the transaction but leaves the connection open
    # (Python 3.13 warns about it, and warnings are errors here).
    with contextlib.closing(sqlite3.connect(os.path.join(directory, FILE_NAME))) as conn:
        return conn.execute("SELECT id, query, expires FROM graphs ORDER BY id").fetchall()


def test_id_is_a_hash_of_the_query_and_storing_twice_is_free(tmp_path):
    store = SQLiteStore(str(tmp_path), ttl=60)
    key = store.put(QUERY)
    assert key == graph_id(QUERY) == store.put(QUERY)
    assert len(key) == 22 and check_id(key) == key
    assert store.get(key) == QUERY
    assert [r[:2] for r in rows(tmp_path)] == [(key, QUERY)]


def test_unknown_id_is_not_found(tmp_path):
    store = SQLiteStore(str(tmp_path), ttl=60)
    with pytest.raises(NotFound, match="unknown or expired"):
        store.get("A" * 22)  # nothing stored yet: no file is created by a read
    assert not (tmp_path / FILE_NAME).exists()
    store.put(QUERY)
    with pytest.raises(NotFound):
        store.get("A" * 22)


@pytest.mark.parametrize("text", ["", "short", "A" * 21, "A" * 23, "../../etc/passwd00000", "A" * 21 + "/",
                                  "A" * 21 + "=", "Ä" * 22])
def test_malformed_ids_are_rejected(text):
    with pytest.raises(SpecError, match="graphId: must be 22 characters"):
        check_id(text)


def test_entries_expire_and_writes_refresh_them(tmp_path):
    clock = Clock()
    store = SQLiteStore(str(tmp_path), ttl=100, clock=clock)
    key = store.put(QUERY)
    clock.now += 60
    store.put(QUERY)  # past half the TTL: refreshed to now + 100
    clock.now += 80
    assert store.get(key) == QUERY
    clock.now += 21
    with pytest.raises(NotFound):
        store.get(key)


def test_cleanup_happens_on_writes_without_cron(tmp_path):
    clock = Clock()
    store = SQLiteStore(str(tmp_path), ttl=10, clock=clock, cleanup_chance=1.0)
    old = [store.put(f"type=line&data={i}") for i in range(5)]
    clock.now += 11
    fresh = store.put("type=bar&data=1")
    assert [r[0] for r in rows(tmp_path)] == [fresh]
    assert old and store.cleanup() == 0


def test_explicit_cleanup_counts(tmp_path):
    clock = Clock()
    store = SQLiteStore(str(tmp_path), ttl=10, clock=clock, cleanup_chance=0)
    for i in range(7):
        store.put(f"type=line&data={i}")
    clock.now += 10
    assert store.cleanup() == 7 and rows(tmp_path) == []


def _worker(directory, worker, count, queue):
    store = SQLiteStore(directory, ttl=3600, busy_timeout=10)
    ids = []
    for i in range(count):
        query = f"type=line&data={worker},{i}"
        key = store.put(query)
        assert store.get(key) == query
        store.put(QUERY)  # every worker also writes one shared chart
        ids.append((key, query))
    queue.put(ids)


def test_concurrent_writers_from_several_processes(tmp_path):
    """Six processes create the file at the same moment and write and read at once: nothing fails or is lost."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    workers = [context.Process(target=_worker, args=(str(tmp_path), w, 40, queue)) for w in range(6)]
    for process in workers:
        process.start()
    results = [queue.get(timeout=60) for _ in workers]
    for process in workers:
        process.join(timeout=60)
        assert process.exitcode == 0
    store = SQLiteStore(str(tmp_path), ttl=3600)
    written = [pair for result in results for pair in result]
    assert len({key for key, _ in written}) == 240
    assert all(store.get(key) == query for key, query in written)
    assert len(rows(tmp_path)) == 241
    with contextlib.closing(sqlite3.connect(tmp_path / FILE_NAME)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_factory_picks_the_backend():
    assert type(open_store(Settings(data_dir="/nonexistent/x"))).__name__ == "SQLiteStore"
    redis_store = open_store(Settings(store_url="redis://127.0.0.1:1/0"))
    assert type(redis_store).__name__ == "RedisStore"  # no connection is made until used
    assert open_store(Settings(store_url="redis://127.0.0.1:1/0")) is redis_store
    with pytest.raises(StoreUnavailable, match="DYNGRAPH_STORE_URL must start with redis://"):
        open_store(Settings(store_url="memcached://x"))


def test_default_data_dir_is_var_beside_the_bundle():
    assert default_data_dir() == str(ROOT / "var")


# --- faults: a clear error for the request, nothing lost, recovery without restart ---------------------


def test_missing_data_dir_is_created_on_first_write(tmp_path):
    store = SQLiteStore(str(tmp_path / "a" / "b"), ttl=60)
    key = store.put(QUERY)
    assert store.get(key) == QUERY


def test_data_dir_that_cannot_be_created_is_503_then_recovers(tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the directory should be")
    store = SQLiteStore(str(blocker / "store"), ttl=60)
    with pytest.raises(StoreUnavailable, match="cannot create the data directory"):
        store.put(QUERY)
    blocker.unlink()  # the admin fixes it; the same store object (a running WSGI process) recovers
    assert store.get(store.put(QUERY)) == QUERY


def test_locked_store_fails_writes_clearly_keeps_reads_and_recovers(tmp_path):
    store = SQLiteStore(str(tmp_path), ttl=60, busy_timeout=0.2)
    kept = store.put(QUERY)
    locker = sqlite3.connect(tmp_path / FILE_NAME, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreUnavailable, match=r"store: chart store unavailable \(database is locked\)"):
            store.put("type=bar&data=1")
        assert store.get(kept) == QUERY  # WAL: readers never wait for the writer
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert store.get(store.put("type=bar&data=1")) == "type=bar&data=1"


def test_corrupt_store_is_503_and_recovers_when_restored(tmp_path):
    store = SQLiteStore(str(tmp_path), ttl=60)
    key = store.put(QUERY)
    path = tmp_path / FILE_NAME
    sqlite3.connect(path).close()
    good = path.read_bytes()
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreUnavailable, match="file is not a database"):
        store.get(key)
    with pytest.raises(StoreUnavailable, match="file is not a database"):
        store.put(QUERY)
    path.write_bytes(good)  # the admin restores the file
    assert store.get(key) == QUERY


_READ_ONLY_SCRIPT = """
import sys
sys.path.insert(0, sys.argv[1])
from dyngraph.errors import StoreUnavailable
from dyngraph.store_sqlite import SQLiteStore
store = SQLiteStore(sys.argv[2], ttl=60, busy_timeout=0.5)
try:
    store.put("type=bar&data=9")
except StoreUnavailable as error:
    print("put:", error)
try:
    print("get:", store.get(sys.argv[3]))
except StoreUnavailable as error:
    print("get:", error)
"""


def test_read_only_data_dir_refuses_writes_clearly_and_loses_nothing(tmp_path):
    """A data directory the CGI user cannot write (run as nobody when the suite runs as root)."""
    import shutil
    import tempfile

    base = tempfile.mkdtemp(prefix="dyngraph-ro-")
    try:
        os.chmod(base, 0o755)
        lib = os.path.join(base, "lib")
        shutil.copytree(ROOT / "lib" / "dyngraph", os.path.join(lib, "dyngraph"))
        data = os.path.join(base, "data")
        key = SQLiteStore(data, ttl=60).put(QUERY)
        os.chmod(data, 0o555)
        os.chmod(os.path.join(data, FILE_NAME), 0o444)
        user = {"user": 65534, "group": 65534} if os.geteuid() == 0 else {}
        python = "/usr/bin/python3" if os.geteuid() == 0 else sys.executable  # nobody cannot read every venv
        result = subprocess.run([python, "-I", "-c", _READ_ONLY_SCRIPT, lib, data, key],
                                capture_output=True, text=True, timeout=60, cwd=base, **user)
        assert result.stderr == ""
        lines = result.stdout.splitlines()
        assert lines[0].startswith("put: store: chart store unavailable (")
        assert "readonly" in lines[0] or "unable to open" in lines[0]
        assert lines[1] == f"get: {QUERY}"  # pages already out keep their charts
        os.chmod(data, 0o755)
        os.chmod(os.path.join(data, FILE_NAME), 0o644)
        store = SQLiteStore(data, ttl=60)
        assert store.get(key) == QUERY  # nothing lost
        assert store.get(store.put("type=bar&data=9")) == "type=bar&data=9"  # and writable again
    finally:
        shutil.rmtree(base)
