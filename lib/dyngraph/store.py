"""Stored charts named by a short id: ``get_graph.py?graphId=<id>``.

The page side stores a chart's canonical query string and gets back an id
that is a hash of it, so storing the same chart twice is free and an id
always names the same chart. The image side looks the id up. Backends:
SQLite in the data directory (the default, one web server) and Redis
(``DYNGRAPH_STORE_URL=redis://…``, several web servers).

Every backend has ``put(query) -> id``, ``get(id) -> query`` (raising
:class:`NotFound` when unknown or expired) and ``cleanup() -> count``; every
fault in the backend is raised as :class:`StoreUnavailable` (503).
"""

from .errors import SpecError, StoreUnavailable, shown

ID_LENGTH = 22  # 132 bits of SHA-256, base64url
# A set, not ``re`` (~4.5 ms per CGI process: a graphId 304 would pay it).
BASE64URL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
REDIS_SCHEMES = ("redis://", "rediss://", "unix://")
_OPEN = {}


def graph_id(canonical_query):
    """The id of a canonical query string: the first 22 base64url characters of its SHA-256."""
    import binascii
    import hashlib

    digest = hashlib.sha256(canonical_query.encode("utf-8")).digest()
    text = binascii.b2a_base64(digest, newline=False).translate(bytes.maketrans(b"+/", b"-_"))
    return text[:ID_LENGTH].decode("ascii")


def check_id(text):
    """Return ``text`` if it is a well-formed id; SpecError (400) otherwise. Never used as a path."""
    if len(text) != ID_LENGTH or not BASE64URL.issuperset(text):
        msg = f"must be {ID_LENGTH} characters of A-Z a-z 0-9 - _, got {shown(text)}"
        raise SpecError("graphId", msg)
    return text


def default_data_dir():
    """``var/`` beside ``lib/`` when running from the unpacked bundle, else '' (home.bundle_data_dir)."""
    from .home import bundle_data_dir

    return bundle_data_dir()


def open_store(settings):
    """The store the settings name; one object per configuration and process."""
    key = (settings.store_url, settings.data_dir, settings.store_ttl)
    store = _OPEN.get(key)
    if store is None:
        store = _OPEN[key] = _make(settings)
    return store


def _make(settings):
    url = settings.store_url
    if url.startswith(REDIS_SCHEMES):
        from .store_redis import RedisStore

        return RedisStore(url, ttl=settings.store_ttl)
    if url:
        raise StoreUnavailable(f"store: DYNGRAPH_STORE_URL must start with {' or '.join(REDIS_SCHEMES)}")
    directory = settings.data_dir or default_data_dir()
    if not directory:
        raise StoreUnavailable("store: graph ids need a data directory; set DYNGRAPH_DATA_DIR")
    from .store_sqlite import SQLiteStore

    return SQLiteStore(directory, ttl=settings.store_ttl)
