"""Scatter charts: each series is (x, y) pairs on two numeric axes."""

from .. import theme
from ..scale import widen
from .canvas import colour as to_rgba
from .frame import cartesian, legend, no_data, outer_box, series_entries, title

DOT_ALPHA = 0.85
MANY = 2000  # above this many points, points landing on the same sub-pixel are drawn once


def draw_scatter(canvas, spec):
    box = title(canvas, spec, outer_box(canvas))
    series = spec.series
    points = [p for s in series for p in s if p[0] is not None and p[1] is not None]
    if not points:
        no_data(canvas, box)
        return
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    box = legend(canvas, series_entries(spec, "dot"), box, spec.legendpos)
    x_low, x_high = widen(min(xs), max(xs))
    margin = (x_high - x_low) * 0.04  # keep edge dots whole
    plot = cartesian(canvas, spec, box, low=min(ys), high=max(ys), x_range=(x_low - margin, x_high + margin))
    radius = spec.linewidth + 1.5
    left, top, right, bottom = plot.box.rect
    seen = set()
    for index, pairs in enumerate(series):
        r, g, b, a = to_rgba(theme.series_colour(spec.colors, index))
        ink = (r, g, b, round(a * DOT_ALPHA))
        for x, y in pairs:
            if x is None or y is None:
                continue
            px, py = plot.position(x), plot.value(y)
            if not (left <= px <= right and top <= py <= bottom):
                continue
            if len(points) > MANY:  # many dots: one per series and pixel
                key = (index, round(px), round(py))
                if key in seen:
                    continue
                seen.add(key)
            canvas.circle(px, py, radius, ink)
