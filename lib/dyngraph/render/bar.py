"""Bar charts, vertical (bar) and horizontal (hbar), grouped or stacked; negatives hang below zero."""

from .. import theme
from .frame import cartesian, legend, no_data, outer_box, series_entries, title


def draw_bar(canvas, spec):
    _draw(canvas, spec, horizontal=False)


def draw_hbar(canvas, spec):
    _draw(canvas, spec, horizontal=True)


def segments(data, stacked):
    """Per bar: (category, slot, slots, start value, end value, series index)."""
    count = max((len(s) for s in data), default=0)
    out = []
    if stacked:
        for i in range(count):
            up = down = 0.0
            for s, series in enumerate(data):
                v = series[i] if i < len(series) else None
                if not v:
                    continue
                if v > 0:
                    out.append((i, 0, 1, up, up + v, s))
                    up += v
                else:
                    out.append((i, 0, 1, down, down + v, s))
                    down += v
    else:
        for s, series in enumerate(data):
            for i, v in enumerate(series):
                if v is not None:
                    out.append((i, s, len(data), 0.0, v, s))
    return out


def _draw(canvas, spec, *, horizontal):
    box = title(canvas, spec, outer_box(canvas))
    bars = segments(spec.data, spec.stacked)
    if not any(v is not None for s in spec.data for v in s):
        no_data(canvas, box)
        return
    count = max(len(s) for s in spec.data)
    ends = [b[4] for b in bars] + [0.0]
    box = legend(canvas, series_entries(spec, "box"), box, spec.legendpos)
    plot = cartesian(canvas, spec, box, low=min(ends), high=max(ends), count=count, mode="bands",
                     horizontal=horizontal)
    share = theme.BAR_STACKED if spec.stacked else theme.BAR_GROUP
    if len(spec.data) == 1:
        share = theme.BAR_STACKED
    group = plot.band * share
    lo_edge, hi_edge = (plot.box.left, plot.box.right) if horizontal else (plot.box.bottom, plot.box.top)
    crisp = group / (1 if spec.stacked else len(spec.data)) >= 3
    gap = 1 if crisp and not spec.stacked and len(spec.data) > 1 else 0
    if group / (1 if spec.stacked else len(spec.data)) < 1:
        _dense(canvas, spec, plot, bars, group, lo_edge, hi_edge, horizontal)
        return
    for category, slot, slots, start, end, s in bars:
        width = group / slots
        across0 = plot.position(category) - group / 2 + slot * width
        across1 = across0 + width - gap
        along0, along1 = _clamped(plot.value(start), lo_edge, hi_edge), _clamped(plot.value(end), lo_edge, hi_edge)
        if crisp:
            across0, across1, along0, along1 = round(across0), round(across1), round(along0), round(along1)
        colour = theme.series_colour(spec.colors, s)
        if horizontal:
            canvas.rect(along0, across0, along1, across1, colour)
        else:
            canvas.rect(across0, along1, across1, along0, colour)


def _dense(canvas, spec, plot, bars, group, lo_edge, hi_edge, horizontal):
    """Bars thinner than a pixel: one rectangle per pixel row/column and series, spanning what its bars span."""
    ac, bc = plot.position.coefficients()
    av, bv = plot.value.coefficients()
    spans = {}
    for category, slot, slots, start, end, s in bars:
        key = (s, int(ac * category + bc - group / 2 + (slot + 0.5) * group / slots))
        a, b = av * start + bv, av * end + bv
        if a > b:
            a, b = b, a
        old = spans.get(key)
        spans[key] = (a, b) if old is None else (min(a, old[0]), max(b, old[1]))
    for (s, pixel), (a, b) in sorted(spans.items()):
        a, b = _clamped(a, lo_edge, hi_edge), _clamped(b, lo_edge, hi_edge)
        colour = theme.series_colour(spec.colors, s)
        if horizontal:
            canvas.rect(a, pixel, max(b, a + 0.5), pixel + 1, colour)
        else:
            canvas.rect(pixel, a, pixel + 1, max(b, a + 0.5), colour)


def _clamped(p, a, b):
    low, high = min(a, b), max(a, b)
    return min(max(p, low), high)
