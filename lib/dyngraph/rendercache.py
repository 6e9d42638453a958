"""The shared render cache: encoded chart responses kept for the next visitor.

Every CGI request is a new process that would import Pillow and draw again;
a stored answer costs a file read (or one Redis round trip). Standard library
only, and nothing here imports the renderer.

Two kinds of records, in one namespace per deployment (package version, the
code's files, the settings):

- an **entry** per ETag: the response headers and the encoded image. The ETag
  is the one graph_app computes from what is drawn (canonical spec, version,
  and whatever readers add to it), so equivalent spellings of a chart share one
  entry, and an entry never answers for a different chart;
- an **alias** per raw query string, for readers whose spec depends on the
  query text alone (``Resolved.query_only``): it names the ETag and holds the
  headers, so a repeated request is answered (200 or 304) without parsing the
  spec. An alias is written only after the full path accepted the request,
  signature included; it keeps the link's ``exp`` and is ignored once that has
  passed, and a change of secret changes the namespace.

Records carry their length and a CRC-32 and name the key they were stored
under, so a torn or foreign record is a miss, never an answer. Files are
written to a temporary name and renamed (atomic on POSIX); the total size is
kept in a ledger updated under ``flock`` between the write and the rename (so
it can only over-count after a kill -9), and the writer that takes it past the bound
evicts the least recently used records (hits refresh a file's mtime) down to
:data:`LOW_WATER` of it. In Redis the same bookkeeping runs in one Lua script.
"""

import os
import time

from . import __version__

try:  # as in http.py: hashlib would load OpenSSL
    from _sha256 import sha256
except ImportError:
    try:
        from _sha2 import sha256
    except ImportError:
        from hashlib import sha256

DEFAULT_BYTES = 64 * 1024 * 1024
LOW_WATER = 0.75  # eviction frees down to this fraction of the bound
MAX_ENTRY_SHARE = 8  # a record larger than bound / 8 is not kept: one huge image cannot flush the cache
STALE_TMP_SECONDS = 60  # a temporary file this old was left by a killed writer
MAGIC = b"DGC1"
DIR_NAME = "cache"
ENTRY_FIELD = "(entry)"  # an alias's first line: the key of its entry (never a header sent)
REDIS_SCHEMES = ("redis://", "rediss://", "unix://")
_PACKAGE = os.path.dirname(os.path.abspath(__file__))
_OPEN = {}


class Hit:
    """A stored response: its headers and body; an alias has no body but names its entry's key."""

    def __init__(self, headers, body=b"", entry=""):
        self.headers, self.body, self.entry = headers, body, entry


def open_cache(settings):
    """The cache the settings describe, or None when it is off (``cache_bytes=0``) or has no home."""
    if settings.cache_bytes <= 0:
        return None
    cache = _OPEN.get(settings)
    if cache is None:
        cache = _OPEN[settings] = _make(settings)
    return cache or None


def _make(settings):
    if settings.store_url.startswith(REDIS_SCHEMES):
        backend = RedisBackend(settings.store_url, settings.cache_bytes)
    else:
        from .home import writable_home

        directory = writable_home(settings.data_dir, DIR_NAME)
        if not directory:
            return False
        backend = FileBackend(directory, settings.cache_bytes)
    return RenderCache(backend, namespace(settings))


def namespace(settings):
    """What every key is salted with: version, the package's files, the settings (secrets included).

    The files' sizes and mtimes count so that a deployment updated in place
    without a new version (git pull, copied files) never serves an old drawing.
    """
    from .record import replace

    parts = [__version__, repr(replace(settings, cache_bytes=0))]
    parts.extend(_code_stamp(_PACKAGE))
    return sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _code_stamp(directory):
    """Count, total size and total mtime of the package's .py files: one stat each, ~0.2 ms for ~80 files."""
    count = size = mtime = 0
    pending = [directory]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.name.endswith(".py"):
                    info = entry.stat()
                    count, size, mtime = count + 1, size + info.st_size, mtime + info.st_mtime_ns
                elif entry.name != "__pycache__" and not entry.name.startswith(".") and entry.is_dir():
                    pending.append(entry.path)
    return [f"{count}:{size}:{mtime}"]


class RenderCache:
    """Entries by ETag and aliases by raw query string, over one backend."""

    def __init__(self, backend, space):
        self.backend, self.space = backend, space

    def entry_name(self, etag):
        return "e" + _digest(self.space, "e", etag)

    def alias_name(self, query_string):
        return "q" + _digest(self.space, "q", query_string)

    def get_entry(self, etag, errors=None):
        """The stored 200 response for ``etag`` (the ETag, plus what else the caller keys the drawing by), or None."""
        found = self._get(self.entry_name(etag), etag, errors)
        return None if found is None else Hit(found[1], found[2])

    def put_entry(self, etag, headers, body, errors=None):
        self._put(self.entry_name(etag), etag, headers, body, 0, errors)

    def get_alias(self, query_string, errors=None, *, now=None):
        """The headers (with the ETag) a raw query string was last answered with, or None."""
        found = self._get(self.alias_name(query_string), query_string, errors)
        if found is None:
            return None
        expires, headers = found[0], found[1]
        if expires and expires < (time.time() if now is None else now):
            return None  # the signed link has expired: the full path answers 403
        if not headers or headers[0][0] != ENTRY_FIELD:
            return None
        return Hit(headers[1:], entry=bytes.fromhex(headers[0][1]).decode("utf-8", "surrogatepass"))

    def put_alias(self, query_string, headers, entry, errors=None, *, expires=0):
        """Remember that ``query_string`` was answered with ``headers`` and the entry stored under ``entry``."""
        field = (ENTRY_FIELD, entry.encode("utf-8", "surrogatepass").hex())
        self._put(self.alias_name(query_string), query_string, [field, *headers], b"", expires, errors)

    def _get(self, name, key, errors):
        try:
            data = self.backend.get(name)
        except OSError as error:
            _warn(errors, "read", error)
            return None
        return None if data is None else unpack(data, self.space, key)

    def _put(self, name, key, headers, body, expires, errors):
        try:
            self.backend.put(name, pack(self.space, key, headers, body, expires))
        except OSError as error:
            _warn(errors, "write", error)


def _warn(errors, action, error):
    """A cache fault is a miss, said in the error log; the chart is still answered."""
    if errors is not None:
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        errors.write(f"dyngraph: render cache {action} failed ({reason}); answered without it\n")


def _digest(space, kind, key):
    return sha256(f"{space}\0{kind}\0{key}".encode("utf-8", "surrogatepass")).hexdigest()[:40]


def pack(space, key, headers, body, expires=0):
    """A record: ``DGC1 <meta length> <body length> <crc32>\\n`` + meta + body."""
    import binascii  # here, not at the top (~0.2 ms): a miss, a 304 or a 400 never needs it

    lines = [space, key.encode("utf-8", "surrogatepass").hex(), str(int(expires))]
    lines += [f"{name}: {value}" for name, value in headers]
    meta = "\n".join(lines).encode("latin-1")
    crc = binascii.crc32(body, binascii.crc32(meta))
    return b"%s %d %d %08x\n" % (MAGIC, len(meta), len(body), crc) + meta + body


def unpack(data, space, key):
    """(expires, headers, body) from a record, or None if it is torn, corrupt or stored under another key."""
    import binascii

    head, newline, rest = data.partition(b"\n")
    fields = head.split(b" ")
    if not newline or len(fields) != 4 or fields[0] != MAGIC:
        return None
    try:
        meta_len, body_len, crc = int(fields[1]), int(fields[2]), int(fields[3], 16)
    except ValueError:
        return None
    if meta_len < 0 or body_len < 0 or len(rest) != meta_len + body_len:
        return None
    meta, body = rest[:meta_len], rest[meta_len:]
    if binascii.crc32(body, binascii.crc32(meta)) != crc:
        return None
    lines = meta.decode("latin-1").split("\n")
    if len(lines) < 3 or lines[0] != space or lines[1] != key.encode("utf-8", "surrogatepass").hex():
        return None
    headers = [tuple(line.split(": ", 1)) for line in lines[3:]]
    if not lines[2].isdigit() or any(len(pair) != 2 for pair in headers):
        return None
    return int(lines[2]), headers, body


class FileBackend:
    """Records as files under ``<data dir>/cache/<2 hex>/<name>``, bounded by a ledger of their total size."""

    def __init__(self, directory, limit):
        self.directory, self.limit = directory, limit
        self.ledger = os.path.join(directory, "ledger")

    def _path(self, name):
        return os.path.join(self.directory, name[1:3], name)

    def get(self, name):
        path = self._path(name)
        try:
            with open(path, "rb") as f:
                data = f.read()
        except (FileNotFoundError, NotADirectoryError):  # not stored (yet): a miss, not a fault
            return None
        try:
            os.utime(path)  # least recently used goes first; a read-only cache still answers
        except OSError:
            pass
        return data

    def put(self, name, data):
        if len(data) > self.limit // MAX_ENTRY_SHARE:
            return
        path = self._path(name)
        os.makedirs(os.path.dirname(path), mode=0o750, exist_ok=True)
        tmp = os.path.join(self.directory, f"tmp.{os.getpid()}.{os.urandom(4).hex()}.{name}")  # threads too
        try:
            with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640), "wb") as f:
                f.write(data)
            # Counted once written whole and before the rename: a scan in between sees the temporary
            # file at full size and the ledger gets it too (an over-count); a kill -9 anywhere leaves
            # the ledger over, never under, what the folder holds.
            over = self._count(len(data))
            os.replace(tmp, path)
        except BaseException:
            _remove(tmp)
            raise
        if over:
            self.evict()

    def _count(self, size):
        """Add ``size`` to the ledger; True when the total is now over the bound."""
        with _Lock(os.path.join(self.directory, "lock")):
            total = self._read_ledger() + size
            self._write_ledger(total)
        return total > self.limit

    def _read_ledger(self):
        try:
            with open(self.ledger, "rb") as f:
                text = f.read(32)
        except FileNotFoundError:
            return 0
        return int(text) if text.strip().isdigit() else self.limit + 1  # unreadable: count it full, so a scan fixes it

    def _write_ledger(self, total):
        tmp = f"{self.ledger}.{os.getpid()}"
        with open(tmp, "wb") as f:
            f.write(b"%d" % total)
        os.replace(tmp, self.ledger)

    def evict(self):
        """Scan every record, delete the least recently used down to the low-water mark, fix the ledger."""
        with _Lock(os.path.join(self.directory, "lock")):
            records, total = [], 0
            now = time.time()
            for path, info in self._scan():
                if os.path.basename(path).startswith("tmp."):
                    if now - info.st_mtime > STALE_TMP_SECONDS:
                        _remove(path)
                    else:
                        total += info.st_size
                    continue
                records.append((info.st_mtime_ns, path, info.st_size))
                total += info.st_size
            records.sort()
            target = int(self.limit * LOW_WATER)
            for _, path, size in records:
                if total <= target:
                    break
                _remove(path)
                total -= size
            self._write_ledger(total)
        return total

    def _scan(self):
        try:
            top = list(os.scandir(self.directory))
        except FileNotFoundError:
            return
        for entry in top:
            if entry.is_dir(follow_symlinks=False):
                with os.scandir(entry.path) as inner:
                    for record in inner:
                        try:
                            yield record.path, record.stat(follow_symlinks=False)
                        except FileNotFoundError:
                            pass
            elif entry.name.startswith("tmp."):
                try:
                    yield entry.path, entry.stat(follow_symlinks=False)
                except FileNotFoundError:
                    pass

    def size(self):
        """Bytes the records take now (a full scan; for tests and the CLI)."""
        return sum(info.st_size for path, info in self._scan() if not os.path.basename(path).startswith("tmp."))


def _remove(path):
    try:
        os.remove(path)
    except FileNotFoundError:
        pass


class _Lock:
    """An exclusive ``flock`` on a lock file, released by the kernel if the holder is killed."""

    def __init__(self, path):
        self.path = path

    def __enter__(self):
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o640)
        try:
            import fcntl
        except ImportError:  # no flock (Windows): the ledger may drift; evict() scans and corrects it
            return self
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        os.close(self.fd)  # closing releases the lock


# KEYS: entry key, sizes hash, LRU sorted set, total counter; ARGV: name, record, now, bound, prefix.
_REDIS_PUT = b"""
local old = redis.call('HGET', KEYS[2], ARGV[1])
if old then redis.call('DECRBY', KEYS[4], old) end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('HSET', KEYS[2], ARGV[1], #ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
local total = redis.call('INCRBY', KEYS[4], #ARGV[2])
local bound = tonumber(ARGV[4])
while total > bound do
  local oldest = redis.call('ZRANGE', KEYS[3], 0, 0)[1]
  if not oldest then break end
  local size = tonumber(redis.call('HGET', KEYS[2], oldest) or '0')
  redis.call('DEL', ARGV[5] .. oldest)
  redis.call('HDEL', KEYS[2], oldest)
  redis.call('ZREM', KEYS[3], oldest)
  total = redis.call('DECRBY', KEYS[4], size)
end
return total
"""


class RedisBackend:
    """Records in Redis under ``dyngraph:cache:``, bounded by the same LRU bookkeeping in one Lua script.

    Speaks RESP over a socket itself: importing the redis package would cost a
    hit more than the whole answer. Reads host, port, password, db and the
    socket timeouts from ``DYNGRAPH_STORE_URL`` (the store's other URL options
    apply to the store only).
    """

    PREFIX = b"dyngraph:cache:"

    def __init__(self, url, limit):
        from .respclient import RespClient

        self.client = RespClient(url)
        self.limit = limit
        self.keys = [self.PREFIX + b"sizes", self.PREFIX + b"lru", self.PREFIX + b"bytes"]

    def get(self, name):
        key = self.PREFIX + name.encode("ascii")
        used = [b"ZADD", self.keys[1], b"XX", b"%d" % int(time.time() * 1000), name.encode("ascii")]  # LRU order
        data, _ = self.client.call([b"GET", key], used)
        return data

    def put(self, name, data):
        if len(data) > self.limit // MAX_ENTRY_SHARE:
            return
        key = self.PREFIX + name.encode("ascii")
        self.client.call([b"EVAL", _REDIS_PUT, b"4", key, *self.keys, name.encode("ascii"), data,
                          b"%d" % int(time.time() * 1000), b"%d" % self.limit, self.PREFIX])

    def size(self):
        (total,) = self.client.call([b"GET", self.keys[2]])
        return int(total or 0)
