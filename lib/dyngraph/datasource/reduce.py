"""Per-pixel-column reduction: keep, in each column, the rows that shape what is drawn.

A day of one-second data is 86,400 rows for a 480-pixel-wide chart. In each
pixel column the line only shows where it enters (the first row), its lowest
and highest values, and where it leaves (the last row). Keeping those rows
(the min and max of every series) draws the same picture from at most
2 + 2 x series rows per column. Rows are kept whole, at their real times, so
every series still shares one time axis.
"""


def reduce_rows(times, series, start, end, columns):
    """(times, series) -> the same with only the shaping rows of each of ``columns`` columns."""
    n = len(times)
    per_column = 2 + 2 * len(series)
    if n <= per_column * columns or end <= start:
        return times, series
    scale = columns / (end - start)
    keep = []
    first = 0
    while first < n:
        column = int((times[first] - start) * scale)
        last = first
        while last + 1 < n and int((times[last + 1] - start) * scale) == column:
            last += 1
        keep.append(first)
        if last - first > 1:
            for values in series:
                keep.extend(_extremes(values, first, last))
        if last != first:
            keep.append(last)
        first = last + 1
    keep = sorted(set(keep))
    return [times[i] for i in keep], [[values[i] for i in keep] for values in series]


def _extremes(values, first, last):
    """Indexes of the lowest and highest value in values[first..last] (gaps skipped)."""
    low = high = None
    for i in range(first + 1, last):
        v = values[i]
        if v is None:
            continue
        if low is None or v < values[low]:
            low = i
        if high is None or v > values[high]:
            high = i
    return [i for i in (low, high) if i is not None]
