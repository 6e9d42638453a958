"""Pure geometry for the renderer: clamping, clipping and thinning point lists.

Pillow draws NaN, infinite and huge coordinates silently (or very slowly), so
every shape is clipped to a box near the image, and every number clamped,
before it reaches Pillow. Nothing here imports Pillow.
"""

import math


def clamp(value, low, high):
    """``value`` limited to [low, high]; NaN becomes ``low``."""
    if not value >= low:  # also catches NaN
        return low
    return high if value > high else value


def clip_segment(x0, y0, x1, y1, box):
    """The part of a segment inside ``box`` (Liang-Barsky), or None."""
    left, top, right, bottom = box
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0 - left), (dx, right - x0), (-dy, y0 - top), (dy, bottom - y0)):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            if t > t1:
                return None
            t0 = max(t0, t)
        else:
            if t < t0:
                return None
            t1 = min(t1, t)
    return (x0 + t0 * dx, y0 + t0 * dy, x0 + t1 * dx, y0 + t1 * dy)


def clip_polyline(points, box):
    """Split a polyline into the runs that lie inside ``box``; each run has >= 1 point."""
    left, top, right, bottom = box
    if points:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        if left <= min(xs) and max(xs) <= right and top <= min(ys) and max(ys) <= bottom:
            return [list(points)]
    runs, current = [], []
    previous = None
    for x, y in points:
        inside = left <= x <= right and top <= y <= bottom
        if previous is not None and inside and current:
            current.append((x, y))
        elif previous is not None:
            part = clip_segment(previous[0], previous[1], x, y, box)
            if part is None:
                if current:
                    runs.append(current)
                current = []
            else:
                if not current:
                    current = [(part[0], part[1])]
                current.append((part[2], part[3]))
                if not inside:
                    runs.append(current)
                    current = []
        elif inside:
            current = [(x, y)]
        previous = (x, y)
    if current:
        runs.append(current)
    return runs


def clip_polygon(points, box):
    """A polygon cut to ``box`` (Sutherland-Hodgman); may come back empty."""
    left, top, right, bottom = box
    edges = (
        (lambda p: p[0] >= left, lambda a, b: _cross_x(a, b, left)),
        (lambda p: p[0] <= right, lambda a, b: _cross_x(a, b, right)),
        (lambda p: p[1] >= top, lambda a, b: _cross_y(a, b, top)),
        (lambda p: p[1] <= bottom, lambda a, b: _cross_y(a, b, bottom)),
    )
    output = list(points)
    for inside, cross in edges:
        if not output:
            break
        source, output = output, []
        previous = source[-1]
        for point in source:
            if inside(point):
                if not inside(previous):
                    output.append(cross(previous, point))
                output.append(point)
            elif inside(previous):
                output.append(cross(previous, point))
            previous = point
    return output


def _cross_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def runs(values):
    """Split a series at its gaps: [(first index, [values...]), ...] without None."""
    values = list(values)
    out, start, count = [], 0, len(values)
    while start < count:
        try:
            end = values.index(None, start)
        except ValueError:
            end = count
        if end > start:
            out.append((start, values[start:end]))
        start = end + 1
    return out


def thin_run(start, values, columns_per_point):
    """Reduce a gap-free run to at most 4 points per pixel column, keeping its picture.

    For each column the first, lowest, highest and last values are kept, in
    the order they occur, so the drawn line covers the same vertical extent
    in every column. Returns (indices, values) as parallel lists.
    """
    count = len(values)
    if columns_per_point <= 0 or columns_per_point >= 0.25:  # at most 4 points a column already
        return list(range(start, start + count)), list(values)
    indices, kept = [], []
    for lo_index, hi_index in column_slices(count, 1 / columns_per_point):
        chunk = values[lo_index:hi_index]
        last = hi_index - lo_index - 1
        a, b = chunk.index(min(chunk)), chunk.index(max(chunk))
        if a > b:
            a, b = b, a
        for offset in (0, a, b, last) if 0 < a < b < last else sorted({0, a, b, last}):
            indices.append(start + lo_index + offset)
            kept.append(chunk[offset])
    return indices, kept


def column_slices(count, per_column):
    """Split ``range(count)`` into consecutive (lo, hi) slices, one per pixel column.

    Each column takes about ``per_column`` points (at least one), with the
    boundaries accumulated as floats so rounding never drifts.
    """
    bound = 0.0
    lo_index = 0
    while lo_index < count:
        bound += per_column
        hi_index = min(count, max(lo_index + 1, math.ceil(bound)))
        yield lo_index, hi_index
        lo_index = hi_index


def dash_polyline(points, dash, space, limit=20000):
    """Cut a polyline into dashes ``dash`` long with ``space`` between (pixels along the line).

    At most ``limit`` dashes: the rest of the line after them is one solid piece.
    """
    if dash <= 0 or space <= 0:
        return [list(points)]
    out, current, on, left = [], [points[0]], True, dash
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        length = math.hypot(x1 - x0, y1 - y0)
        done = 0.0
        while length - done > left and len(out) < limit:
            done += left
            t = done / length
            point = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)
            if on:
                current.append(point)
                out.append(current)
            current = [point]
            on, left = not on, (space if on else dash)
        if len(out) >= limit:
            on = True
        left -= length - done
        if on:
            current.append((x1, y1))
    if on and len(current) > 1:
        out.append(current)
    return out
