"""Series over a time axis: the window, sorting, gaps and dense runs; line and area charts on it.

Points are placed at their instants (``spec.instants``), so irregular times
are drawn where they happened. Unsorted times are drawn sorted, each point
with its values. A step longer than ``gaps`` times the median step breaks a
line. Runs with more points than pixel columns are reduced per column to
its first, lowest, highest and last point (M4), which draws the same line.
"""

import math
from bisect import bisect_right

from .. import theme
from ..timeparams import zone_of
from . import overlays
from .canvas import colour as to_rgba
from .frame import cartesian, legend, no_data, outer_box, report, series_entries, title
from .geometry import dash_polyline

M4_DENSITY = 2.0  # points per pixel column from which a run is reduced
POLYGON_POINTS = 200


def ordered(spec):
    """(times, data) sorted by time, each value kept with its time (a stable sort: equal times keep their order)."""
    times, data, _ = sort(spec)
    return times, data


def sort(spec):
    """(times, data, order): sorted, and ``order[k]`` = the given index of sorted point k."""
    times = list(spec.instants)
    if spec.start is not None or times == sorted(times):  # start+step: in order by construction
        return times, [list(s) for s in spec.data], range(len(times))
    order = sorted(range(len(times)), key=times.__getitem__)
    return [times[i] for i in order], [[s[i] for i in order] for s in spec.data], order


def given_order(rows, order):
    """Per series, the sorted rows put back in the order the points were given (for the layout)."""
    out = []
    for row in rows:
        back = [None] * len(row)
        for k, value in zip(order, row):
            back[k] = value
        out.append(back)
    return out


def window(spec, times, *, bucket=(0.0, 0.0)):
    """(lo, hi, tz) shown: ``from``/``until`` or the times (bars: plus half the first and last ``bucket``), widened."""
    from ..timescale import widen

    lo = spec.from_ if spec.from_ is not None else times[0] - bucket[0] / 2
    hi = spec.until if spec.until is not None else times[-1] + bucket[1] / 2
    lo, hi = widen(lo, hi)
    return lo, hi, zone_of(spec)


def median_step(times):
    steps = sorted([b - a for a, b in zip(times, times[1:])])
    steps = steps[bisect_right(steps, 0.0):]  # repeated times are no step
    return steps[len(steps) // 2] if steps else 0.0


def breaks(times, gaps):
    """Indices i where the line breaks between point i and i + 1 (a step over ``gaps`` x the median)."""
    if gaps <= 0 or len(times) < 3:
        return set()
    limit = gaps * median_step(times)
    steps = [b - a for a, b in zip(times, times[1:])]
    if limit <= 0 or max(steps) <= limit:  # the common case, found at C speed
        return set()
    return {i for i, step in enumerate(steps) if step > limit}


def visible(times, lo, hi):
    """(first, end) index range to draw for the window: the points inside it and one more on each side."""
    import bisect

    first = max(0, bisect.bisect_left(times, lo) - 1)
    end = min(len(times), bisect.bisect_right(times, hi) + 1)
    return first, end


def inside(times, lo, hi):
    import bisect

    return bisect.bisect_left(times, lo), bisect.bisect_right(times, hi)


def runs(values, first, end, cut):
    """[(start, end)] index ranges without gaps (None) or breaks, within [first, end)."""
    if not cut and None not in values[first:end]:
        return [(first, end)] if end > first else []
    out, start = [], None
    for i in range(first, end):
        if values[i] is None:
            if start is not None:
                out.append((start, i))
            start = None
            continue
        if start is None:
            start = i
        if i in cut:
            out.append((start, i + 1))
            start = None
    if start is not None:
        out.append((start, end))
    return out


def m4(points, resolution=1):
    """Reduce points (x increasing) to the first, lowest, highest and last of each column, in order.

    A column is 1/``resolution`` pixel: the canvas' supersampled column, where the line is really drawn.
    """
    if len(points) < 8:
        return points
    return [points[k] for k in m4_indices([p[0] for p in points], [p[1] for p in points], resolution)]


def m4_indices(xs, ys, resolution=1):
    """The indices :func:`m4` keeps, in order: each column's points found by bisection, extremes by min/max."""
    import bisect

    out, i, n = [], 0, len(xs)
    while i < n:
        j = bisect.bisect_left(xs, (math.floor(xs[i] * resolution) + 1) / resolution, i + 1)
        if j - i <= 4:
            out.extend(range(i, j))
        else:
            chunk = ys[i:j]
            out.extend(i + k for k in sorted({0, chunk.index(min(chunk)), chunk.index(max(chunk)), j - i - 1}))
        i = j
    return out


def columns(canvas):
    """Supersampled columns per pixel: where the canvas really draws."""
    return canvas.k * getattr(canvas, "scale", 1)


def dense(points, width):
    """True when a run has more points than ``M4_DENSITY`` a pixel column over ``width`` px."""
    return len(points) > M4_DENSITY * max(width, 1.0)


def draw_line(canvas, spec):
    _draw(canvas, spec, area=False)


def draw_area(canvas, spec):
    _draw(canvas, spec, area=True)


def _draw(canvas, spec, *, area):
    from .line import line_style, stack

    box = title(canvas, spec, outer_box(canvas))
    times, data, order = sort(spec)
    stacked = area and spec.stacked
    layers = stack(data) if stacked else [(None, s) for s in data]
    lo, hi, tz = window(spec, times)
    a, b = inside(times, lo, hi)
    shown = [v for _, values in layers for v in values[a:b] if v is not None]
    if not shown:
        no_data(canvas, box)
        return
    low, high = min(shown), max(shown)
    if area:
        low, high = min(low, 0.0), max(high, 0.0)
    box = legend(canvas, series_entries(spec, "box" if area else "line"), box, spec.legendpos)
    plot = cartesian(canvas, spec, box, low=low, high=high, time_range=(lo, hi, tz))
    ax, bx = plot.position.coefficients()
    xs = [ax * t + bx for t in times]
    ay, by = plot.value.coefficients()
    first, end = visible(times, lo, hi)
    cut = set() if spec.start is not None else breaks(times, spec.gaps)  # a regular series has no long steps
    width = spec.linewidth
    clip = (plot.box.left - width, plot.box.top - width, plot.box.right + width, plot.box.bottom + width)
    zero = min(max(plot.value(0.0), plot.box.top), plot.box.bottom)

    def point(series, index):
        if series >= len(layers) or not first <= index < end:
            return None
        v = layers[series][1][index]
        return None if v is None else (xs[index], ay * v + by)

    report(canvas, spec, lambda: given_order([[point(n, i) if a <= i < b else None for i in range(len(times))]
                                              for n in range(len(layers))], order), len(layers))
    places = overlays.Places(plot, point, [values for _, values in layers],
                             locate=lambda index, value: (xs[index], plot.value(value)) if index < len(xs) else None)
    overlays.under(canvas, spec, places)
    lines = []
    for index, (bottoms, values) in enumerate(layers):
        colour = theme.series_colour(spec.colors, index)
        for start, stop in runs(values, first, end, cut):
            run_xs, run_ys = xs[start:stop], [ay * v + by for v in values[start:stop]]
            keep = None
            if index >= len(spec.pointcolors) and len(run_xs) > M4_DENSITY * max(run_xs[-1] - run_xs[0], 1.0):
                keep = m4_indices(run_xs, run_ys, columns(canvas))  # more points than columns: what each shows
            points = list(zip(run_xs, run_ys)) if keep is None else [(run_xs[k], run_ys[k]) for k in keep]
            if area:
                if bottoms is None:
                    floors = [zero] * len(points)
                else:
                    lows = [ay * v + by for v in bottoms[start:stop]]
                    floors = lows if keep is None else [lows[k] for k in keep]
                _fill(canvas, plot, points, floors, colour, 0.78 if stacked else 0.28,
                      smooth=spec.smooth if keep is None else 0.0)
            if spec.smooth and keep is None and index >= len(spec.pointcolors):  # a curve through the points
                from .curve import spline

                points = spline(points, spec.smooth, top=clip[1], bottom=clip[3])
            lines.append((index, colour, start, points))
    for index, colour, start, points in lines:
        line_width, dash, space = line_style(spec, index)
        if line_width <= 0:
            continue
        if len(points) == 1:
            canvas.circle(points[0][0], points[0][1], line_width * 1.2 + 1, colour)
            continue
        if index < len(spec.pointcolors):
            from .. import styles

            for n in range(1, len(points)):
                ink = styles.point_colour(spec, index, start + n, "")
                for piece in dash_polyline(points[n - 1:n + 1], dash, space) if dash else [points[n - 1:n + 1]]:
                    canvas.line(piece, ink, line_width, clip=clip)
            continue
        for piece in dash_polyline(points, dash, space) if dash else [points]:
            canvas.line(piece, colour, line_width, clip=clip)
    count = b - a
    if spec.dots and count <= plot.box.width / 4:
        radius = width * 1.3 + 1.2
        for _, colour, _, points in lines:
            for x, y in points:
                if plot.box.left - radius <= x <= plot.box.right + radius:
                    canvas.circle(x, y, radius, colour, outline=canvas.background, outline_width=1)
    overlays.over(canvas, spec, places)


def _fill(canvas, plot, points, floors, colour, alpha, smooth=0.0):
    """The area between ``points`` and ``floors``; curved edges with ``smooth`` (as the line above it)."""
    r, g, b, a = to_rgba(colour)
    ink = (r, g, b, round(a * alpha))
    if len(points) < 2:
        return
    if len(points) > POLYGON_POINTS and not smooth:
        canvas.fill_between([p[0] for p in points], [p[1] for p in points], floors, ink, clip=plot.clip)
        return
    floor = [(x, f) for (x, _), f in zip(reversed(points), reversed(floors))]
    if smooth:
        from .curve import spline

        top, bottom = plot.box.top, plot.box.bottom
        stacked = any(f != floors[0] for f in floors)
        points = spline(points, smooth, top=top, bottom=bottom)
        floor = spline(floor, smooth, top=top, bottom=bottom) if stacked else floor
    canvas.polygon(points + floor, ink, clip=plot.clip)


def buckets(spec, times):
    """Each bar's width in seconds, the bar centred on its time: the step to the next time; the last one a
    step too (``step``, else the median step)."""
    from .. import timeparse

    if spec.start is not None and times:
        last = timeparse.shift(times[-1], spec.step[0], spec.step[1], zone_of(spec)) - times[-1]
    else:
        last = median_step(times) or 60.0
    widths = [b - a for a, b in zip(times, times[1:])] + [last]
    return [w if w > 0 else last for w in widths]


def draw_bar(canvas, spec):
    """Bars one time bucket wide, centred on their time (a day's bar under its date); grouped or stacked."""
    from ..memo import memo
    from .bar import _room_for_values, bar_colour, segments

    box = title(canvas, spec, outer_box(canvas))
    times, data, order = sort(spec)
    widths = buckets(spec, times)
    lo, hi, tz = window(spec, times, bucket=(widths[0], widths[-1]))
    reach = max(widths) / 2
    a, b = inside(times, lo - reach, hi + reach)
    shown = [v for s in data for v in s[a:b] if v is not None]
    if not shown:
        no_data(canvas, box)
        return
    bars = segments([s[a:b] for s in data], True) if spec.stacked else None
    ends = [bar[4] for bar in bars] if bars else shown
    box = legend(canvas, series_entries(spec, "box"), box, spec.legendpos)
    step = median_step(times)
    low, high = _room_for_values(canvas, spec, box, min(min(ends), 0.0), max(max(ends), 0.0), False)
    plot = cartesian(canvas, spec, box, low=low, high=high, time_range=(lo, hi, tz, step))
    share = theme.BAR_STACKED if spec.stacked or len(data) == 1 else theme.BAR_GROUP
    slots = 1 if spec.stacked else len(data)
    ax, bx = plot.position.coefficients()
    av, bv = plot.value.coefficients()

    def geometry(i, slot, start, end):
        """(left, width, y of start, y of end) of one bar."""
        t, half = times[i], widths[i] / 2
        x0, x1 = ax * (t - half) + bx, ax * (t + half) + bx
        inset = (x1 - x0) * (1 - share) / 2
        width = (x1 - x0 - 2 * inset) / slots
        return x0 + inset + slot * width, width, av * start + bv, av * end + bv

    def all_bars():
        return bars if bars is not None else segments([s[a:b] for s in data], False)

    @memo(1)
    def ends_at():
        table = [[None] * len(times) for _ in data]
        for category, slot, _, start, end, series in all_bars():
            left, width, _, y1 = geometry(category + a, slot, start, end)
            table[series][category + a] = (left + width / 2, y1)
        return table

    report(canvas, spec, lambda: given_order(ends_at(), order), len(data))
    places = overlays.Places(plot, lambda s, i: ends_at()[s][i] if s < len(data) and i < len(times) else None,
                             data, locate=lambda index, value: None)
    places.bars = _TimeBars(spec, plot, data, range(a, b), geometry, lambda s, i: bar_colour(spec, s, i))
    overlays.under(canvas, spec, places)
    thin = ax * step * share / slots < 1
    if thin and not spec.stacked and not spec.pointcolors:
        _thin_bars(canvas, spec, plot, times[a:b], [s[a:b] for s in data], ax, bx, av, bv)
    else:
        canvas.boxes = _bars(canvas, spec, plot, all_bars(), a, geometry, bar_colour, order)
    overlays.over(canvas, spec, places)


class _TimeBars:
    """Each time bar's rectangle as drawn (within the plot), for value labels (render.barlabels)."""

    def __init__(self, spec, plot, data, shown, geometry, colour):
        self.stacked, self.plot, self.data, self.shown = spec.stacked, plot, data, shown
        self.geometry, self.colour = geometry, colour

    def _value(self, s, i):
        return self.data[s][i] if 0 <= s < len(self.data) and i in self.shown and i < len(self.data[s]) else None

    def box(self, s, i):
        v = self._value(s, i)
        if v is None or (self.stacked and not v):
            return None
        start = sum(w for w in (self._value(t, i) for t in range(s)) if w and (w > 0) == (v > 0)) if self.stacked \
            else 0.0
        left, width, y0, y1 = self.geometry(i, 0 if self.stacked else s, start, start + v)
        box = self.plot.box
        left, right = max(left, box.left), min(left + width, box.right)
        if right <= left:
            return None
        y0, y1 = sorted(min(max(y, box.top), box.bottom) for y in (y0, y1))
        return (left, y0, right, y1)

    def outermost(self, s, i):
        v = self._value(s, i)
        return not any(w and (w > 0) == (v > 0) for w in (self._value(t, i) for t in range(s + 1, len(self.data))))

    def span(self, i):
        if i not in self.shown:
            return None
        left, width, _, _ = self.geometry(i, 0, 0.0, 0.0)
        return left, left + width * (1 if self.stacked else len(self.data))

    @property
    def series(self):
        return len(self.data)


def _bars(canvas, spec, plot, bars, offset, geometry, bar_colour, order):
    """Draw the bars; return each drawn bar's box by (series, index as given), for image maps (sub-pixel
    bars have none: they are drawn as pixel columns); hatched where a colour repeats an earlier series'."""
    from .bar import _hatch
    from .frame import hatch

    left_edge, right_edge, base, top = plot.box.left, plot.box.right, plot.box.bottom, plot.box.top
    spans, boxes = {}, {}
    for category, slot, slots, start, end, series in bars:
        across0, width, y0, y1 = geometry(category + offset, slot, start, end)
        if across0 + width < left_edge or across0 > right_edge:
            continue
        y0, y1 = min(max(y0, top), base), min(max(y1, top), base)
        colour = bar_colour(spec, series, category + offset)
        across1 = across0 + width
        if width < 1:  # thinner than a pixel: one rectangle per pixel column and series, spanning its bars
            key = (series, math.floor(across0))
            low_y, high_y = (y0, y1) if y0 <= y1 else (y1, y0)
            old = spans.get(key)
            spans[key] = (low_y, high_y, colour) if old is None else (min(low_y, old[0]), max(high_y, old[1]), old[2])
            continue
        if width >= 3:  # crisp edges, a pixel between grouped bars
            across0, across1, y0, y1 = round(across0), round(across1) - (1 if slots > 1 else 0), round(y0), round(y1)
        box = (max(across0, left_edge), min(y0, y1), min(across1, right_edge), max(y0, y1))
        canvas.rect(*box, colour)
        hatch(canvas, box, _hatch(spec, series))
        boxes[(series, order[category + offset])] = box
    for (series, pixel), (low_y, high_y, colour) in sorted(spans.items()):
        canvas.rect(max(pixel, left_edge), low_y, min(pixel + 1, right_edge), max(high_y, low_y + 0.5), colour)
    return boxes


def _thin_bars(canvas, spec, plot, times, data, ax, bx, av, bv):
    """Bars thinner than a pixel, unstacked: per pixel column and series one rectangle from zero to the
    column's extreme values (found by bisection and the built-in min/max, not bar by bar)."""
    import bisect

    left_edge, right_edge, base, top = plot.box.left, plot.box.right, plot.box.bottom, plot.box.top
    xs = [ax * t + bx for t in times]
    zero = av * 0.0 + bv
    for series, values in enumerate(data):
        colour = theme.series_colour(spec.colors, series)
        i, n = 0, len(xs)
        while i < n:
            column = math.floor(xs[i])
            j = bisect.bisect_left(xs, column + 1, i + 1)
            chunk = [v for v in values[i:j] if v is not None]
            i = j
            if not chunk or column + 1 <= left_edge or column >= right_edge:
                continue
            y_low, y_high = av * max(chunk) + bv, av * min(chunk) + bv  # the value axis points up
            y0, y1 = min(y_low, zero), max(y_high, zero)
            y0, y1 = min(max(y0, top), base), min(max(y1, top), base)
            canvas.rect(max(column, left_edge), y0, min(column + 1, right_edge), max(y1, y0 + 0.5), colour)
