"""dyngraph.memo: the bounded memo the drawing path uses instead of functools.lru_cache."""

import sys
import threading

from dyngraph.memo import memo


def test_a_memo_answers_from_its_cache_and_forgets_the_oldest_past_its_bound():
    calls = []

    @memo(3)
    def square(n):
        calls.append(n)
        return n * n

    assert [square(n) for n in (1, 2, 3, 1, 2, 3)] == [1, 4, 9, 1, 4, 9]
    assert calls == [1, 2, 3]
    square(4)  # a fourth: the oldest (1) goes
    assert square.cache_info().currsize == 3
    square(1)
    assert calls == [1, 2, 3, 4, 1]
    square.cache_clear()
    assert square.cache_info().currsize == 0
    assert square.__name__ == "square" and square.__wrapped__(5) == 25


def test_threads_sharing_a_memo_never_fail_and_keep_it_near_its_bound():
    """A WSGI worker's threads share the renderer's memos (fonts, theme): eviction races are tolerated."""
    @memo(8)
    def echo(n):
        return n

    errors = []

    def hammer(offset):
        try:
            for i in range(20000):
                assert echo(offset + i % 50) == offset + i % 50
        except Exception as error:  # noqa: BLE001 - the test reports whatever a thread raised
            errors.append(error)

    threads = [threading.Thread(target=hammer, args=(k * 1000,)) for k in range(6)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter can: races show at once
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert errors == []
    assert echo.cache_info().currsize <= 8 + len(threads)


def test_a_call_with_keywords_is_answered_uncached():
    calls = []

    @memo(4)
    def add(a, b=0):
        calls.append((a, b))
        return a + b

    assert add(1, b=2) == 3 and add(1, b=2) == 3
    assert calls == [(1, 2), (1, 2)] and add.cache_info().currsize == 0
