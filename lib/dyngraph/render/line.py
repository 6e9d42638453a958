"""Line and area charts: series over categories, gaps where a value is missing."""

from .. import styles, theme
from .canvas import colour as to_rgba
from .frame import cartesian, legend, no_data, outer_box, report, series_entries, title
from . import overlays
from .geometry import dash_polyline, runs, thin_run
from .path import DENSE, columns, draw_run, steep

AREA_ALPHA = 0.28  # fill opacity of overlapping (unstacked) areas
STACKED_ALPHA = 0.78
POLYGON_POINTS = 200  # longer runs are filled column by column (see Canvas.fill_between)
DASH_AREA, MIN_DASHES = 200, 2000  # dashes in all: one per 200 px of the image (at least 2000)


def draw_line(canvas, spec):
    _draw(canvas, spec, area=False)


def draw_area(canvas, spec):
    _draw(canvas, spec, area=True)


def stack(data):
    """Cumulative sums per category: [(bottoms, tops), ...]; a missing value counts as 0.

    Positive values stack up from zero and negative ones down from it, as bars do, so bands of
    mixed-sign series never cross.
    """
    count = max((len(s) for s in data), default=0)
    up, down = [0.0] * count, [0.0] * count
    out = []
    for series in data:
        bottoms, tops = [], []
        for i in range(count):
            v = (series[i] if i < len(series) else None) or 0.0
            base = up if v >= 0 else down
            bottoms.append(base[i])
            base[i] += v
            tops.append(base[i])
        out.append((bottoms, tops))
    return out


def extent(values):
    """(min, max) of the values that are not None, or None."""
    if None in values:
        values = [v for v in values if v is not None]
    return (min(values), max(values)) if values else None


def _draw(canvas, spec, *, area):
    box = title(canvas, spec, outer_box(canvas))
    stacked = area and spec.stacked
    layers = stack(spec.data) if stacked else [(None, s) for s in spec.data]
    bounds = [extent(values) for _, values in layers]
    bounds = [b for b in bounds if b is not None]
    if not bounds:
        no_data(canvas, box)
        return
    count = max(len(s) for s in spec.data)
    low, high = min(b[0] for b in bounds), max(b[1] for b in bounds)
    if area:
        low, high = min(low, 0.0), max(high, 0.0)
    box = legend(canvas, series_entries(spec, "box" if area else "line"), box, spec.legendpos)
    plot = cartesian(canvas, spec, box, low=low, high=high, count=count, mode="points")
    width = spec.linewidth
    clip = (plot.box.left - width, plot.box.top - width, plot.box.right + width, plot.box.bottom + width)
    per_point = plot.band  # pixel columns between neighbouring points
    zero = min(max(plot.value(0.0), plot.box.top), plot.box.bottom)
    ax, bx = plot.position.coefficients()
    ay, by = plot.value.coefficients()
    paths = []
    places = _points(plot, layers)
    places.smooth = spec.smooth  # fills under a line (marks B) follow its curve
    report(canvas, spec, lambda: [[places.point(n, i) for i in range(len(values))] for n, (_, values) in enumerate(layers)],
           len(layers))  # computed only for the layout (format=json): 300,000 points cost 0.7 s
    overlays.under(canvas, spec, places)
    for index, (bottoms, values) in enumerate(layers):
        colour = theme.series_colour(spec.colors, index)
        for start, run in runs(values):
            if area:
                _fill(canvas, plot, start, run, bottoms, zero, colour, STACKED_ALPHA if stacked else AREA_ALPHA,
                      smooth=spec.smooth)
            paths.append((colour, start, run, index))
    for colour, start, run, index in paths:  # lines over every fill
        line_width, dash, space = line_style(spec, index)
        if line_width <= 0:
            continue
        if index < len(spec.pointcolors) and len(run) > 1:
            _segments(canvas, spec, index, start, run, (ax, bx, ay, by), (line_width, dash, space), clip)
            continue
        if dash and not (per_point > 0 and (1 / per_point >= DENSE or steep(run, ay, per_point, line_width))):
            # (a dense or steep run shows no dashes: drawn as bands below)
            indices, kept = thin_run(start, run, per_point)
            points = [(ax * i + bx, ay * v + by) for i, v in zip(indices, kept)]
            if spec.smooth:
                from .curve import spline

                points = spline(points, spec.smooth, top=clip[1], bottom=clip[3])
            for piece in dashed(canvas, points, dash, space):
                canvas.line(piece, colour, line_width, clip=clip)
            continue
        draw_run(canvas, start, run, x=(ax, bx), y=(ay, by), colour=colour, width=line_width, clip=clip,
                 spacing=per_point, smooth=spec.smooth)
    if spec.dots and count <= plot.box.width / 4:
        radius = width * 1.3 + 1.2
        for colour, start, run, _ in paths:
            for x, y in ((ax * i + bx, ay * v + by) for i, v in enumerate(run, start)):
                if plot.box.top - radius <= y <= plot.box.bottom + radius:
                    canvas.circle(x, y, radius, colour, outline=canvas.background, outline_width=1)
    overlays.over(canvas, spec, places)


def _segments(canvas, spec, series, start, run, coefficients, style, clip):
    """A line with per-point colours: each segment in the colour of the point it ends at (as Google drew)."""
    ax, bx, ay, by = coefficients
    width, dash, space = style
    points = [(ax * i + bx, ay * v + by) for i, v in enumerate(run, start)]
    for n in range(1, len(points)):
        ink = styles.point_colour(spec, series, start + n, "")
        for piece in dashed(canvas, points[n - 1:n + 1], dash, space) if dash else [points[n - 1:n + 1]]:
            canvas.line(piece, ink, width, clip=clip)


def dashed(canvas, points, dash, space):
    """The dashes of a polyline, within what the image can show: at most one dash per DASH_AREA pixels of
    the image, for all lines together; past that, lines are drawn solid (a dash pattern finer than that
    is a blur at any zoom)."""
    left = canvas.__dict__.setdefault("dashes_left", max(MIN_DASHES, canvas.width * canvas.height // DASH_AREA))
    pieces = dash_polyline(points, dash, space, limit=left)
    canvas.dashes_left = max(0, left - len(pieces))
    return pieces


def line_style(spec, index):
    """(width, dash, space) of series ``index``: its ``linestyles`` entry, else ``linewidth``, solid while
    the colours last and dashed once they repeat (theme.CYCLE_DASHES)."""
    if index < len(spec.linestyles):
        return spec.linestyles[index]
    return (spec.linewidth, *theme.CYCLE_DASHES[theme.cycle(index, len(spec.colors))])


def _points(plot, layers):
    """Where each value is drawn, for marks."""
    ax, bx = plot.position.coefficients()
    ay, by = plot.value.coefficients()
    drawn = [values for _, values in layers]

    def point(series, index):
        if series >= len(drawn) or index >= len(drawn[series]) or drawn[series][index] is None:
            return None
        return (ax * index + bx, ay * drawn[series][index] + by)

    return overlays.Places(plot, point, drawn)


def _fill(canvas, plot, start, run, bottoms, zero, colour, alpha, smooth=0.0):
    """The area under one run: down to the series below (stacked) or to zero; curved edges with ``smooth``."""
    r, g, b, a = to_rgba(colour)
    ink = (r, g, b, round(a * alpha))
    ax, bx = plot.position.coefficients()
    ay, by = plot.value.coefficients()
    spacing = plot.band
    if spacing > 0 and 1 / spacing >= DENSE:  # one rectangle per pixel column
        top, bottom = plot.box.top, plot.box.bottom
        cols = columns(start, run, 1 / spacing)
        for n, (first, _, _, last) in enumerate(cols):
            x0 = ax * first + bx
            x1 = ax * cols[n + 1][0] + bx if n + 1 < len(cols) else ax * (start + len(run) - 1) + bx
            index = cols[n + 1][0] - 1 if n + 1 < len(cols) else start + len(run) - 1
            floor = zero if bottoms is None else ay * bottoms[index] + by
            y0, y1 = sorted((ay * last + by, floor))
            if x1 > x0:
                canvas.rect(x0, max(y0, top), x1, min(y1, bottom), ink)
        return
    indices, kept = thin_run(start, run, spacing)
    points = [(ax * i + bx, ay * v + by) for i, v in zip(indices, kept)]
    if bottoms is None:
        floors = [zero] * len(points)
    else:
        floors = [ay * bottoms[i] + by for i in indices]
    if len(points) > POLYGON_POINTS:
        canvas.fill_between([p[0] for p in points], [p[1] for p in points], floors, ink, clip=plot.clip)
    else:
        floor = [(x, f) for (x, _), f in zip(reversed(points), reversed(floors))]
        if smooth:
            from .curve import spline

            top, bottom = plot.box.top, plot.box.bottom
            points = spline(points, smooth, top=top, bottom=bottom)
            floor = spline(floor, smooth, top=top, bottom=bottom) if bottoms is not None else floor
        canvas.polygon(points + floor, ink, clip=plot.clip)
