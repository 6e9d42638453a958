"""Scatter charts: each series is (x, y) pairs on two numeric axes."""

from .. import styles, theme
from ..scale import widen
from .canvas import colour as to_rgba
from . import overlays
from .frame import cartesian, legend, marker, no_data, outer_box, report, series_entries, title
from .line import dashed, line_style

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
    x_range = (x_low - margin, x_high + margin)
    if spec.xmin is not None or spec.xmax is not None:
        x_range = (x_range[0] if spec.xmin is None else spec.xmin, x_range[1] if spec.xmax is None else spec.xmax)
    if spec.instants:  # x is time: the window from from/until, else the times with the same margin
        from .timeline import window

        lo, hi, tz = window(spec, [x_range[0], x_range[1]])
        plot = cartesian(canvas, spec, box, low=min(ys), high=max(ys), time_range=(lo, hi, tz))
    else:
        plot = cartesian(canvas, spec, box, low=min(ys), high=max(ys), x_range=x_range)
    radius = spec.linewidth + 1.5
    left, top, right, bottom = plot.box.rect
    seen = set()
    places = overlays.Places(plot, lambda s, i: _place(plot, series, s, i), [[p[1] for p in s] for s in series],
                             locate=lambda index, value: None)  # x,y pairs: no category to put marker data at
    report(canvas, spec, lambda: [[_place(plot, series, n, i) for i in range(len(pairs))] for n, pairs in enumerate(series)],
           len(series))  # only for the layout
    overlays.under(canvas, spec, places)
    limit = None  # on a time axis, a step over gaps x the median step breaks the joining line
    if spec.lines and spec.instants and spec.gaps > 0:
        from .timeline import median_step

        limit = spec.gaps * median_step(sorted(spec.instants)) or None
    if spec.lines:
        for index, pairs in enumerate(series):
            width, dash, space = line_style(spec, index)
            colour = theme.series_colour(spec.colors, index)
            for run, numbers in _joined(plot, pairs, limit):
                if index < len(spec.pointcolors):  # each segment in the colour of the point it ends at
                    pieces = [(run[n - 1:n + 1], styles.point_colour(spec, index, numbers[n], colour))
                              for n in range(1, len(run))]
                else:
                    pieces = [(run, colour)]
                for line, ink in pieces:
                    for piece in dashed(canvas, line, dash, space) if dash else [line]:
                        if width > 0:
                            canvas.line(piece, ink, width, clip=plot.clip)
    for index, pairs in enumerate(series):
        r, g, b, a = to_rgba(theme.series_colour(spec.colors, index))
        ink = (r, g, b, round(a * DOT_ALPHA))
        if spec.lines and not spec.dots:
            break
        own = index < len(spec.pointcolors)
        shape = theme.CYCLE_MARKERS[theme.cycle(index, len(spec.colors))]
        for number, (x, y) in enumerate(pairs):
            if x is None or y is None:
                continue
            if own:  # per-point colours
                r, g, b, a = to_rgba(styles.point_colour(spec, index, number, ""))
                ink = (r, g, b, round(a * DOT_ALPHA))
            px, py = plot.position(x), plot.value(y)
            if not (left <= px <= right and top <= py <= bottom):
                continue
            if spec.sizes and index == 0:
                if number < len(spec.sizes):
                    canvas.circle(px, py, max(0.5, (2 * spec.linewidth + 3) * spec.sizes[number] / 100), ink)
                continue
            if len(points) > MANY:  # many dots: one per series and pixel
                key = (index, round(px), round(py))
                if key in seen:
                    continue
                seen.add(key)
            marker(canvas, shape, px, py, radius, ink)
    overlays.over(canvas, spec, places)


def _place(plot, series, s, i):
    if s >= len(series) or i >= len(series[s]) or None in series[s][i]:
        return None
    x, y = series[s][i]
    return (plot.position(x), plot.value(y))


def _joined(plot, pairs, limit=None):
    """The pixel polylines of one series in point order, broken at missing values (and, with ``limit``,
    where x moves on by more than it: a long step in time), with their point numbers."""
    runs, current, numbers = [], [], []
    previous = None
    for number, (x, y) in enumerate(pairs):
        if limit is not None and x is not None and previous is not None and abs(x - previous) > limit and current:
            runs.append((current, numbers))
            current, numbers = [], []
        previous = x if x is not None else previous
        if x is None or y is None:
            if current:
                runs.append((current, numbers))
            current, numbers = [], []
            continue
        current.append((plot.position(x), plot.value(y)))
        numbers.append(number)
    if current:
        runs.append((current, numbers))
    return runs
