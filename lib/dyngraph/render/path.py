"""Drawing one gap-free run of a series as a line, fast at any number of points.

Up to two points per pixel column the run is a polyline (thinned to at most
four points a column). Denser runs are drawn as one vertical band per pixel
column, from the column's lowest to its highest value (and on to where the
next column starts), padded by the line's half-width: the picture a
polyline would give, at the cost of one rectangle per column instead of
one wide polygon per segment.
"""

import math

from .geometry import column_slices, thin_run

DENSE = 2.0  # points per pixel column from which a run is drawn as bands
STEEP = 4.0  # ... and a run twice as wide as its point spacing that climbs this many px per px across
STEEP_POINTS = 64  # ... and has at least this many points


def steep(values, ay, spacing, width):
    """True for a long run whose points are closer than half the line's width and which climbs at least STEEP px
    per px across on average: a zigzag that paints its columns solid. As bands it looks the same, at a
    rectangle a point instead of a wide polygon per segment (Pillow fills those row by row)."""
    if spacing > width / 2 or len(values) < STEEP_POINTS:  # a short run costs little however it zigzags
        return False
    climb = sum(abs(b - a) for a, b in zip(values, values[1:])) * abs(ay)
    return climb >= STEEP * spacing * (len(values) - 1)


def columns(start, values, points_per_column):
    """Split a run into pixel columns: [(first index, low, high, last value)], in order."""
    out = []
    for lo_index, hi_index in column_slices(len(values), points_per_column):
        chunk = values[lo_index:hi_index]
        out.append((start + lo_index, min(chunk), max(chunk), chunk[-1]))
    return out


def draw_run(canvas, start, values, *, x, y, colour, width, clip, spacing, smooth=0.0):
    """Draw ``values`` (first at index ``start``) with x = a*i+b and y = c*v+d, ``spacing`` px apart.

    ``smooth`` > 0 draws Chart.js's curve of that tension through the points (see :mod:`.curve`).
    """
    ax, bx = x
    ay, by = y
    if len(values) == 1:
        canvas.circle(ax * start + bx, ay * values[0] + by, width * 1.2 + 1, colour)
        return
    if spacing > 0 and (1 / spacing >= DENSE or steep(values, ay, spacing, width)):
        _bands(canvas, start, values, ax, bx, ay, by, colour, width, clip, 1 / spacing)
        return
    indices, kept = thin_run(start, values, spacing)
    points = [(ax * i + bx, ay * v + by) for i, v in zip(indices, kept)]
    if smooth:
        from .curve import spline

        points = spline(points, smooth, top=clip[1], bottom=clip[3])
    canvas.line(points, colour, width, clip=clip)


def _bands(canvas, start, values, ax, bx, ay, by, colour, width, clip, per_column):
    cols = columns(start, values, per_column)
    top, bottom = clip[1], clip[3]
    half = width / 2
    end_x = ax * (start + len(values) - 1) + bx
    for n, (first, low, high, _last) in enumerate(cols):
        x0 = ax * first + bx
        if n + 1 < len(cols):
            following = cols[n + 1]
            x1 = ax * following[0] + bx
            nxt = values[following[0] - start]
            low, high = min(low, nxt), max(high, nxt)
        else:
            x1 = end_x
        y0, y1 = sorted((ay * low + by, ay * high + by))
        slope = (y1 - y0) / max(x1 - x0, 1e-9)
        pad = half * min(math.sqrt(1 + slope * slope), 1.5)
        y0, y1 = max(y0 - pad, top), min(y1 + pad, bottom)
        if y1 > y0:
            canvas.rect(x0, y0, max(x1, x0 + 1), y1, colour)
