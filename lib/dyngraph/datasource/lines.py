"""Time-sorted line files (CSV, JSON lines): find a window by binary search on byte offsets.

A logger appends to the file while we read it, so the file is taken as it
was when opened: its size then, cut back to the last newline (a partly
written last line is not a row yet). Inside that prefix, the first line at or
after a time is found in O(log n) seeks and short reads, so a window of the
last day costs the same in a file of ten years.
"""

import os

SCAN = 16 * 1024  # below this many bytes, a linear scan beats more seeks
CHUNK = 1 << 20


class LineFile:
    """An open, time-sorted line file; ``time_of(line) -> float | None`` reads a line's time."""

    def __init__(self, f, time_of, data_start=0):
        self.f, self.time_of = f, time_of
        self.start = data_start
        self.end = _complete_end(f, data_start)

    def find(self, target, lo=None, hi=None, scan=SCAN):
        """Offset of the first line in [lo, hi) whose time is >= ``target`` (``hi`` if none).

        Lines whose time cannot be read are stepped over; each probe reads the
        first readable line after its midpoint; below ``scan`` bytes the rest
        is read line by line.
        """
        f = self.f
        lo = self.start if lo is None else lo
        limit = hi = self.end if hi is None else hi
        while hi - lo > scan:
            mid = (lo + hi) // 2
            f.seek(mid)
            f.readline()  # the line holding mid: its start is at or before mid
            found = self._next_time(hi)
            if found is None:
                hi = mid
            elif found[0] < target:
                lo = found[1]
            else:
                hi = mid
        f.seek(lo)
        while f.tell() < limit:
            position = f.tell()
            line = f.readline()
            if position + len(line) > limit:
                break
            t = self.time_of(line)
            if t is not None and t >= target:
                return position
        return limit

    def estimate(self, start, stop):
        """About how many lines [start, stop) holds, from the length of the first ones."""
        if stop <= start:
            return 0
        f = self.f
        f.seek(start)
        head = f.read(min(stop - start, 65536))
        return (stop - start) * max(head.count(b"\n"), 1) / max(len(head), 1)

    def sample(self, start, stop, t0, t1, columns, per_column):
        """Up to ``per_column`` lines from the start of each of ``columns`` equal slices of [t0, t1]."""
        f = self.f
        position = start
        for column in range(columns):
            target = t0 + column * (t1 - t0) / columns
            position = self.find(target, position, stop, scan=1024)
            f.seek(position)
            for _ in range(per_column):
                if f.tell() >= stop:
                    break
                yield f.readline().rstrip(b"\n")
            position = f.tell()
            if position >= stop:
                return

    def _next_time(self, hi):
        """(time, offset after the line) of the next readable line starting before ``hi``, or None."""
        f = self.f
        while f.tell() < hi:
            line = f.readline()
            t = self.time_of(line)
            if t is not None:
                return t, f.tell()
        return None

    def lines(self, start, stop):
        """The complete lines in [start, stop), read in large chunks."""
        f = self.f
        f.seek(start)
        left = min(stop, self.end) - start
        rest = b""
        while left > 0:
            chunk = f.read(min(CHUNK, left))
            if not chunk:
                break
            left -= len(chunk)
            parts = (rest + chunk).split(b"\n")
            rest = parts.pop()
            yield from parts
        if rest:
            yield rest


def _complete_end(f, data_start):
    """The file's size when opened, cut back to just after its last newline."""
    size = os.fstat(f.fileno()).st_size
    position = size
    while position > data_start:
        step = min(4096, position - data_start)
        f.seek(position - step)
        block = f.read(step)
        cut = block.rfind(b"\n")
        if cut >= 0:
            return position - step + cut + 1
        position -= step
    return data_start
