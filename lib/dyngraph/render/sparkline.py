"""Sparklines: a word-sized line with no axes or text; optional min/max/first/last markers."""

from .. import theme
from ..scale import widen
from .geometry import runs, thin_run


def draw_sparkline(canvas, spec):
    width = spec.linewidth
    marker = max(1.5, width * 1.1 + 0.8)
    pad = max(marker, width / 2) + 1
    left, top, right, bottom = pad, pad, canvas.width - pad, canvas.height - pad
    present = [v for s in spec.data for v in s if v is not None]
    if not present:
        middle = round(canvas.height / 2)
        canvas.rect(left, middle, right, middle + 1, canvas.inks["empty"])
        return
    low, high = widen(min(present), max(present))
    if spec.min is not None:
        low = spec.min
    if spec.max is not None:
        high = spec.max
    count = max(len(s) for s in spec.data)
    step = (right - left) / (count - 1) if count > 1 else 0

    def x_of(i):
        return left + i * step if count > 1 else (left + right) / 2

    def y_of(v):
        return bottom - (v - low) / (high - low) * (bottom - top) if high > low else (top + bottom) / 2

    clip = (left - pad, top - pad, right + pad, bottom + pad)
    for index, series in enumerate(spec.data):
        colour = theme.series_colour(spec.colors, index)
        for start, run in runs(series):
            indices, kept = thin_run(start, run, step * canvas.k if count > 1 else 1)
            points = [(x_of(i), y_of(v)) for i, v in zip(indices, kept)]
            if len(points) == 1:
                canvas.circle(points[0][0], points[0][1], width, colour)
            else:
                canvas.line(points, colour, width, clip=clip)
    first = spec.data[0]
    known = [(i, v) for i, v in enumerate(first) if v is not None]
    if not known:
        return
    picks = {
        "min": min(known, key=lambda p: p[1]),
        "max": max(known, key=lambda p: p[1]),
        "first": known[0],
        "last": known[-1],
    }
    for name in ("first", "last", "min", "max"):  # extremes drawn last, on top
        if name in spec.markers:
            i, v = picks[name]
            canvas.circle(x_of(i), y_of(v), marker, theme.MARKERS[name])
