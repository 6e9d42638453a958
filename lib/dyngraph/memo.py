"""A bounded memo for pure functions, in place of ``functools.lru_cache`` on the drawing path.

``import functools`` (and the collections, keyword, operator and reprlib it brings) costs ~2.8 ms
of a CGI request that draws a chart in ~35 ms; the renderer only needs a dict that forgets.
"""


class CacheInfo:
    """What ``cache_info()`` reports (``currsize``, ``maxsize``), as lru_cache's does."""

    __slots__ = ("currsize", "maxsize")

    def __init__(self, currsize, maxsize):
        self.currsize, self.maxsize = currsize, maxsize


def memo(maxsize):
    """Cache a function's results by its positional arguments: at most ``maxsize``, the oldest dropped first.

    A call with keyword arguments is passed through uncached (lru_cache would cache it; none of ours
    makes one)."""
    def decorate(function):
        cache = {}

        def cached(*args, **keywords):
            if keywords:
                return function(*args, **keywords)
            try:
                return cache[args]
            except KeyError:
                pass
            value = function(*args)
            if len(cache) >= maxsize:
                make_room(cache, maxsize)
            cache[args] = value
            return value

        cached.cache_clear = cache.clear
        cached.cache_info = lambda: CacheInfo(len(cache), maxsize)
        cached.__wrapped__ = function
        cached.__name__, cached.__qualname__, cached.__doc__ = function.__name__, function.__qualname__, function.__doc__
        cached.__module__ = function.__module__
        return cached
    return decorate


def make_room(cache, maxsize):
    """Forget the oldest entries of ``cache`` until it holds fewer than ``maxsize``. Threads of one WSGI
    worker share it: an entry another one dropped meanwhile, or one it added while we looked, is
    passed over (never an error), and the next miss trims what a race left over."""
    for _ in range(len(cache) - maxsize + 8):
        if len(cache) < maxsize:
            return
        try:
            del cache[next(iter(cache))]
        except (KeyError, RuntimeError, StopIteration):
            pass
