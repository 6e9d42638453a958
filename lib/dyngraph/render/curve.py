"""Smooth lines through points: Chart.js's cubic spline (``tension``), sampled into a polyline.

Chart.js draws a curved line as cubic Bézier segments whose control points
lie on the line through each point parallel to its neighbours' chord, at
``tension`` times the neighbouring distances (its ``splineCurve``). Here the
same curve is sampled into short straight pieces for the Canvas; the number
of pieces per segment is bounded, so the work stays linear in the points.
"""

import math

MAX_PIECES = 16  # straight pieces per segment, at most
PIECE = 3.0  # pixels per piece, roughly
MIN_SPACING = 4.0  # points closer than this (px, on average) are drawn straight: a curve would not show


def control_points(points, tension):
    """[(before, after)] control points of each point, as Chart.js's splineCurve computes them."""
    out = []
    last = len(points) - 1
    for i, (x, y) in enumerate(points):
        px, py = points[i - 1] if i > 0 else (x, y)
        nx, ny = points[i + 1] if i < last else (x, y)
        d01 = math.hypot(x - px, y - py)
        d12 = math.hypot(nx - x, ny - y)
        total = d01 + d12
        s01, s12 = (d01 / total, d12 / total) if total else (0.0, 0.0)
        fa, fb = tension * s01, tension * s12
        out.append(((x - fa * (nx - px), y - fa * (ny - py)), (x + fb * (nx - px), y + fb * (ny - py))))
    return out


def spline(points, tension, *, top=None, bottom=None):
    """``points`` joined by the Chart.js curve of ``tension`` (0: straight), as a polyline.

    ``top``/``bottom`` cap the control points' y, as Chart.js caps them to the chart area, so a curve
    does not overshoot far beyond the plot.
    """
    if tension <= 0 or len(points) < 3:
        return list(points)
    spread = (points[-1][0] - points[0][0]) / (len(points) - 1)
    if abs(spread) < MIN_SPACING:
        return list(points)
    controls = control_points(points, tension)
    if top is not None and bottom is not None:
        controls = [tuple((cx, min(max(cy, top), bottom)) for cx, cy in pair) for pair in controls]
    out = [points[0]]
    for i in range(len(points) - 1):
        (x0, y0), (x3, y3) = points[i], points[i + 1]
        (x1, y1), (x2, y2) = controls[i][1], controls[i + 1][0]
        pieces = max(2, min(MAX_PIECES, round(math.hypot(x3 - x0, y3 - y0) / PIECE)))
        for step in range(1, pieces + 1):
            t = step / pieces
            u = 1 - t
            a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
            out.append((a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3))
    return out
