"""Sparklines: a word-sized line with no axes or text; optional min/max/first/last markers."""

from .. import styles, theme
from ..scale import widen
from . import overlays
from .frame import Box, Plot, report
from .geometry import runs
from .path import draw_run


def draw_sparkline(canvas, spec):
    width = spec.linewidth
    marker = max(1.5, width * 1.1 + 0.8)
    pad = max(marker, width / 2) + 1
    left, top, right, bottom = pad, pad, canvas.width - pad, canvas.height - pad
    present = [v for s in spec.data for v in s if v is not None]
    if not present:
        canvas.plot = (left, top, right, bottom)
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
    timed = bool(spec.instants)
    if timed:  # x is time: sorted, in the from/until window
        from ..record import replace
        from .timeline import given_order, sort, window

        times, data, order = sort(spec)
        spec = replace(spec, data=tuple(map(tuple, data)), times=tuple(times), start=None, step=())
        lo, hi, _ = window(spec, times)
        xs = [left + (t - lo) / (hi - lo) * (right - left) for t in times]

    def x_of(i):
        if timed:
            return xs[i]
        return left + i * step if count > 1 else (left + right) / 2

    ay = -(bottom - top) / (high - low) if high > low else 0.0
    by = bottom - low * ay if high > low else (top + bottom) / 2

    def y_of(v):
        return ay * v + by

    x = (step, left) if count > 1 else (0.0, (left + right) / 2)
    canvas.plot = (left, top, right, bottom)
    def rows():
        out = [[None if v is None else (x_of(i), y_of(v)) for i, v in enumerate(s)] for s in spec.data]
        return given_order(out, order) if timed else out

    report(canvas, spec, rows, len(spec.data))
    clip = (left - pad, top - pad, right + pad, bottom + pad)
    places = None
    if spec.marks:
        def point(series, index):
            if series >= len(spec.data) or index >= len(spec.data[series]) or spec.data[series][index] is None:
                return None
            return (x_of(index), y_of(spec.data[series][index]))

        places = overlays.Places(Plot(Box(left, top, right, bottom), None, None, 0.0), point, spec.data,
                                 locate=lambda index, value: (x_of(index), y_of(value)))
        overlays.under(canvas, spec, places)
    if timed:
        from .timeline import breaks

        cut = breaks(spec.times, spec.gaps)  # once for all series: they share the times
    for index, series in enumerate(spec.data):
        colour = theme.series_colour(spec.colors, index)
        if timed:
            _timed(canvas, series, xs, (ay, by), colour, width, clip, cut)
            continue
        for start, run in runs(series):
            if index < len(spec.pointcolors) and len(run) > 1:  # each segment in the colour of its end point
                for n in range(1, len(run)):
                    ink = styles.point_colour(spec, index, start + n, colour)
                    segment = [(x_of(start + m), y_of(run[m])) for m in (n - 1, n)]
                    canvas.line(segment, ink, width, clip=clip)
                continue
            draw_run(canvas, start, run, x=x, y=(ay, by), colour=colour, width=width, clip=clip, spacing=step)
    if places is not None:
        overlays.over(canvas, spec, places)
    first = spec.data[0]
    known = first if None not in first else [v for v in first if v is not None]
    if not known:
        return
    indices = [i for i in (0, len(first) - 1) if first[i] is not None]
    start = indices[0] if indices and indices[0] == 0 else next(i for i, v in enumerate(first) if v is not None)
    end = len(first) - 1 if first[-1] is not None else max(i for i, v in enumerate(first) if v is not None)
    low_v, high_v = min(known), max(known)
    picks = {
        "min": (first.index(low_v), low_v),
        "max": (first.index(high_v), high_v),
        "first": (start, first[start]),
        "last": (end, first[end]),
    }
    for name in ("first", "last", "min", "max"):  # extremes drawn last, on top
        if name in spec.markers:
            i, v = picks[name]
            canvas.circle(x_of(i), y_of(v), marker, theme.MARKERS[name])


def _timed(canvas, series, xs, y, colour, width, clip, cut):
    """One series at its times: broken at gaps and at the long steps ``cut``, dense runs reduced per column (M4)."""
    from .timeline import M4_DENSITY, columns, m4_indices
    from .timeline import runs as time_runs

    ay, by = y
    for start, stop in time_runs(series, 0, len(series), cut):
        run_xs, run_ys = xs[start:stop], [ay * v + by for v in series[start:stop]]
        if len(run_xs) == 1:
            canvas.circle(run_xs[0], run_ys[0], width * 1.2 + 1, colour)
            continue
        if len(run_xs) > M4_DENSITY * max(run_xs[-1] - run_xs[0], 1.0):
            canvas.line([(run_xs[k], run_ys[k]) for k in m4_indices(run_xs, run_ys, columns(canvas))], colour,
                        width, clip=clip)
        else:
            canvas.line(list(zip(run_xs, run_ys)), colour, width, clip=clip)
