"""The chart store for several web servers: Redis, named by ``DYNGRAPH_STORE_URL``.

Keys are ``dyngraph:graph:<id>`` set with ``SET … EX ttl`` so Redis expires
them itself; each write refreshes the expiry. Connection problems become
:class:`StoreUnavailable` after one quick retry; the client reconnects by
itself on the next request once Redis is back.
"""

from .errors import NotFound, StoreUnavailable
from .store import graph_id

KEY_PREFIX = "dyngraph:graph:"
SOCKET_TIMEOUT = 2.0


class RedisStore:
    """Canonical queries by id in Redis; ``redis`` is imported only when this store is used."""

    def __init__(self, url, *, ttl):
        try:
            import redis
            from redis.backoff import NoBackoff
            from redis.retry import Retry
        except ImportError:
            raise StoreUnavailable("store: DYNGRAPH_STORE_URL needs the redis package (pip install redis)") from None
        self.ttl = ttl
        self._errors = redis.exceptions.RedisError
        # URL options (e.g. ?socket_timeout=0.5) override these defaults.
        self.client = redis.Redis.from_url(url, socket_timeout=SOCKET_TIMEOUT, socket_connect_timeout=SOCKET_TIMEOUT,
                                           retry=Retry(NoBackoff(), 1), decode_responses=True)

    def put(self, query):
        key = graph_id(query)
        try:
            self.client.set(KEY_PREFIX + key, query, ex=self.ttl)
        except self._errors as error:
            raise StoreUnavailable(f"store: chart store unavailable ({_reason(error)}); try again later") from error
        return key

    def get(self, key):
        try:
            query = self.client.get(KEY_PREFIX + key)
        except self._errors as error:
            raise StoreUnavailable(f"store: chart store unavailable ({_reason(error)}); try again later") from error
        if query is None:
            raise NotFound("graphId: no chart is stored under this id (unknown or expired)")
        return query

    def cleanup(self):
        """Redis expires keys itself."""
        return 0


def _reason(error):
    """A short reason without addresses: the kind of failure only."""
    name = type(error).__name__
    if "Timeout" in name:
        return "Redis timed out"
    if "Connection" in name:
        return "cannot connect to Redis"
    return f"Redis answered {name}"
