"""The time window a source request asks for: ``from``/``until`` -> Unix seconds, and its cache quantum.

A relative window (``from=-24h``) moves with the clock, so "now" is rounded
up to a quantum of one pixel column's worth of time (at least 10 s): every
request within one quantum draws the same picture, shares one ETag, and may
be cached for that long. Times are read by dyngraph.timeparse, as the time
axis reads them.
"""

from math import ceil

from ..errors import SpecError

DEFAULT_FROM = "-24h"
DEFAULT_UNTIL = "now"
MIN_QUANTUM = 10


class Window:
    """The instants a chart covers: ``start``/``end`` in Unix seconds, ``quantum`` seconds, ``relative``,
    and the ``columns`` (pixels) they are drawn over."""

    def __init__(self, start, end, quantum, relative, columns):
        self.start, self.end, self.quantum, self.relative = start, end, quantum, relative
        self.columns = columns


def window(from_text, until_text, columns, now, zone):
    """Read the bounds; ``columns`` is how many pixel columns the chart has (its width)."""
    from .. import timeparse

    from_text = DEFAULT_FROM if from_text is None else from_text
    until_text = DEFAULT_UNTIL if until_text is None else until_text
    relative = _relative(from_text, "from", zone) or _relative(until_text, "until", zone)

    def bounds(at):
        return timeparse.bound(from_text, "from", at, zone), timeparse.bound(until_text, "until", at, zone)

    start, end = bounds(now)
    if end <= start:
        raise SpecError("until", f"must be after from: {until_text!r} is not after {from_text!r}")
    quantum = max(MIN_QUANTUM, ceil((end - start) / max(columns, 1)))
    if relative:
        start, end = bounds(ceil(now / quantum) * quantum)
    return Window(start, end, quantum, relative, max(columns, 1))


def _relative(text, param, zone):
    """True unless ``text`` is an instant (then it never moves with the clock)."""
    from .. import timeparse

    try:
        timeparse.instant(text, param, zone)
    except SpecError:
        return True
    return False
