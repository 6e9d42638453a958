"""The default chart store: one SQLite file in the data directory.

Safe under many concurrent CGI processes: WAL journal (readers never wait
for the writer), a busy timeout for writers, a connection per operation (so
a fault in one request never poisons the next, and recovery needs no
restart). Rows expire ``ttl`` seconds after their last write; a page that
keeps showing a chart keeps refreshing it. Expired rows are deleted in
small batches on a random fraction of writes, so no cron job is needed.
"""

import os
import sqlite3
import time

from .errors import NotFound, StoreUnavailable
from .store import graph_id

FILE_NAME = "graphs.sqlite3"
SCHEMA_VERSION = 1
DEFAULT_BUSY_TIMEOUT = 5.0
CLEANUP_CHANCE = 0.01
CLEANUP_BATCH = 500
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS graphs (id TEXT PRIMARY KEY, query TEXT NOT NULL, expires INTEGER NOT NULL)"
    " WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS graphs_expires ON graphs (expires)",
    f"PRAGMA user_version = {SCHEMA_VERSION}",
)


class SQLiteStore:
    """Canonical queries by id in ``<directory>/graphs.sqlite3``."""

    def __init__(self, directory, *, ttl, busy_timeout=DEFAULT_BUSY_TIMEOUT, cleanup_chance=CLEANUP_CHANCE,
                 clock=time.time):
        self.directory = directory
        self.path = os.path.join(directory, FILE_NAME)
        self.ttl = ttl
        self.busy_timeout = busy_timeout
        self.cleanup_chance = cleanup_chance
        self.clock = clock

    def put(self, query):
        """Store a canonical query (or refresh its expiry) and return its id."""
        key = graph_id(query)
        now = int(self.clock())
        with _faults():
            conn = self._connect(create=True)
            try:
                row = conn.execute("SELECT expires FROM graphs WHERE id = ?", (key,)).fetchone()
                if row is None or row[0] - now < self.ttl // 2:  # fresh enough rows cost no write
                    conn.execute("INSERT OR REPLACE INTO graphs VALUES (?, ?, ?)", (key, query, now + self.ttl))
                import random  # the page side only (~1 ms): a graphId request never draws lots

                if random.random() < self.cleanup_chance:
                    _delete_expired(conn, now)
            finally:
                conn.close()
        return key

    def get(self, key):
        """The canonical query stored under ``key``; NotFound when unknown or expired."""
        with _faults():
            try:
                row = self._select(key, self._connect(create=False))
            except sqlite3.OperationalError as error:
                if "readonly" not in str(error) and "unable to open" not in str(error):
                    raise
                # A read-only data directory: WAL cannot make its -shm file, so read the
                # database file as it stands (rows checkpointed there; nothing can write now).
                row = self._select(key, self._connect_immutable())
        if row is None:
            raise NotFound("graphId: no chart is stored under this id (unknown or expired)")
        return row[0]

    def _select(self, key, conn):
        if conn is None:
            return None
        try:
            sql = "SELECT query FROM graphs WHERE id = ? AND expires > ?"
            return conn.execute(sql, (key, int(self.clock()))).fetchone()
        finally:
            conn.close()

    def _connect_immutable(self):
        from urllib.parse import quote

        uri = f"file:{quote(os.path.abspath(self.path))}?mode=ro&immutable=1"
        return sqlite3.connect(uri, uri=True, timeout=self.busy_timeout, isolation_level=None)

    def cleanup(self):
        """Delete every expired row now; return how many went."""
        removed = 0
        with _faults():
            conn = self._connect(create=False)
            if conn is None:
                return 0
            try:
                while True:
                    count = _delete_expired(conn, int(self.clock()))
                    removed += count
                    if count < CLEANUP_BATCH:
                        return removed
            finally:
                conn.close()

    def _connect(self, *, create):
        """A connection with the schema in place; None when reading and nothing was ever stored."""
        if not os.path.exists(self.path):
            if not create:
                return None
            try:
                os.makedirs(self.directory, mode=0o750, exist_ok=True)
            except OSError as error:
                raise StoreUnavailable(f"store: cannot create the data directory ({error.strerror})") from None
        conn = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None)
        try:
            if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                _create_schema(conn, self.busy_timeout)
            conn.execute("PRAGMA synchronous = NORMAL")
        except BaseException:
            conn.close()
            raise
        return conn


def _create_schema(conn, busy_timeout):
    """WAL mode and the table, once per file; concurrent first writers are serialised."""
    _wal(conn, busy_timeout)
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in _SCHEMA:
            conn.execute(statement)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _delete_expired(conn, now):
    sql = "DELETE FROM graphs WHERE id IN (SELECT id FROM graphs WHERE expires <= ? LIMIT ?)"
    return conn.execute(sql, (now, CLEANUP_BATCH)).rowcount


class _faults:
    """Turn any SQLite or file-system fault into StoreUnavailable with SQLite's own words."""

    def __enter__(self):
        return self

    def __exit__(self, kind, error, tb):
        if isinstance(error, sqlite3.Error):
            raise StoreUnavailable(f"store: chart store unavailable ({error}); try again later") from error
        if isinstance(error, OSError):
            raise StoreUnavailable(f"store: chart store unavailable ({error.strerror})") from error
        return False


def _wal(conn, busy_timeout):
    """Switch the file to WAL. SQLite answers a journal-mode change with "database is locked" at once,
    without its busy handler, while another first writer holds the file: retry until ``busy_timeout``."""
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                return
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() >= deadline:
                raise
            time.sleep(0.01)
