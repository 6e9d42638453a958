"""Bar charts, vertical (bar) and horizontal (hbar), grouped or stacked; negatives hang below zero."""

import math

from .. import styles, theme
from ..scale import Linear
from . import barlabels, overlays
from .frame import cartesian, hatch, legend, no_data, outer_box, report, series_entries, title


def draw_bar(canvas, spec):
    _draw(canvas, spec, horizontal=False)


def draw_hbar(canvas, spec):
    _draw(canvas, spec, horizontal=True)


def bar_colour(spec, series, index):
    """A bar's colour: its own (``pointcolors``), else its series'."""
    return styles.point_colour(spec, series, index, theme.series_colour(spec.colors, series))


def _room_for_values(canvas, spec, box, low, high, horizontal):
    """The value range widened so value labels (marks N) fit beyond the longest bars' ends.

    Only where the axis is the chart's own (no ``min``/``max``); a label that still does not
    fit goes inside its bar, or is left out (render.barlabels).
    """
    labels = [kind for kind, *_ in spec.marks if styles.mark_base(kind) == "N"]
    if not labels or high <= low:
        return low, high
    kind = labels[0]
    values = [v for s in spec.data for v in s if v is not None]
    if horizontal:
        need = max(canvas.text_width(styles.format_value(kind, v)) for v in values) + barlabels.GAP + 2
        length = box.width * 0.7  # the plot's share of the box, about (row labels take the rest)
    else:
        need = canvas.line_height() + barlabels.GAP
        length = box.height * 0.8
    share = min(0.3, need / max(length, 1.0))
    span = (high - low) / (1 - share) - (high - low)
    if spec.max is None and high > 0:
        high += span
    if spec.min is None and low < 0:
        low -= span
    return low, high


def _hatch(spec, series):
    """The hatching of a series whose colour repeats an earlier one's (none when its bars have own colours)."""
    if series < len(spec.pointcolors):
        return ""
    return theme.CYCLE_HATCHES[theme.cycle(series, len(spec.colors))]


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
    slots = 1 if spec.stacked else len(spec.data)
    place = (lambda plot_box: fixed_layout(spec.barwidth, plot_box, count, slots, horizontal)[:2]) \
        if spec.barwidth else None
    low, high = _room_for_values(canvas, spec, box, min(ends), max(ends), horizontal)
    plot = cartesian(canvas, spec, box, low=low, high=high, count=count, mode="bands",
                     horizontal=horizontal, place=place)
    places, canvas.boxes = _places(spec, plot, bars, horizontal)  # boxes: each bar's rectangle, for image maps
    report(canvas, spec, lambda: [[places.point(n, i) for i in range(len(values))] for n, values in enumerate(spec.data)],
           len(spec.data))  # only for the layout
    overlays.under(canvas, spec, places)
    if spec.barwidth:
        _fixed(canvas, spec, plot, bars, horizontal)
        overlays.over(canvas, spec, places)
        return
    share = theme.BAR_STACKED if spec.stacked else theme.BAR_GROUP
    if len(spec.data) == 1:
        share = theme.BAR_STACKED
    group = plot.band * share
    lo_edge, hi_edge = (plot.box.left, plot.box.right) if horizontal else (plot.box.bottom, plot.box.top)
    crisp = group / (1 if spec.stacked else len(spec.data)) >= 3
    gap = 1 if crisp and not spec.stacked and len(spec.data) > 1 else 0
    thin = group / (1 if spec.stacked else len(spec.data))
    if thin < STEP_WIDTH and (spec.stacked or len(spec.data) == 1):
        _steps(canvas, spec, plot, bars, lo_edge, hi_edge, horizontal)
        overlays.over(canvas, spec, places)
        return
    if thin < 1:
        _dense(canvas, spec, plot, bars, group, lo_edge, hi_edge, horizontal)
        return
    for category, slot, slots, start, end, s in bars:
        width = group / slots
        across0 = plot.position(category) - group / 2 + slot * width
        across1 = across0 + width - gap
        along0, along1 = _clamped(plot.value(start), lo_edge, hi_edge), _clamped(plot.value(end), lo_edge, hi_edge)
        if crisp:
            across0, across1, along0, along1 = round(across0), round(across1), round(along0), round(along1)
        colour = bar_colour(spec, s, category)
        box = (along0, across0, along1, across1) if horizontal else (across0, along1, across1, along0)
        canvas.shape_rect(*box, colour)
        hatch(canvas, box, _hatch(spec, s))
    overlays.over(canvas, spec, places)


def fixed_layout(barwidth, box, count, slots, horizontal):
    """(category -> centre, group pitch, bar width, gap) for ``barwidth`` (mode, width, gap, group gap).

    Like Google's chbh: bars of a fixed width from the start of the axis (``px``), or sized so
    all groups fit with gaps in pixels (``a``) or relative to the bar width (``r``).
    """
    mode, width, gap, group_gap = barwidth
    start, length = (box.top, box.height) if horizontal else (box.left, box.width)
    count = max(count, 1)
    if mode == "a":  # sized to fit; no wider than ``width`` when one is given (Google's default 23 px)
        fit = max(1.0, (length - count * group_gap - count * (slots - 1) * gap) / (count * slots))
        width = min(fit, width) if width else fit
    elif mode == "r":
        width = max(1.0, length / (count * (slots + (slots - 1) * gap + group_gap)))
        gap, group_gap = gap * width, group_gap * width
    group = slots * width + (slots - 1) * gap
    first = start + group_gap / 2 + group / 2
    pitch = group + group_gap
    return Linear(0, 1, first, first + pitch), pitch, width, gap


def _fixed(canvas, spec, plot, bars, horizontal):
    slots = 1 if spec.stacked else len(spec.data)
    _, _, width, gap = fixed_layout(spec.barwidth, plot.box, max(len(s) for s in spec.data), slots, horizontal)
    group = slots * width + (slots - 1) * gap
    lo_edge, hi_edge = (plot.box.left, plot.box.right) if horizontal else (plot.box.bottom, plot.box.top)
    end_of_plot = plot.box.bottom if horizontal else plot.box.right
    a, b = plot.position.coefficients()
    shown = (end_of_plot - b + group) / a + 1 if a > 0 else float("inf")  # categories past it are cropped
    for category, slot, _, start, end, s in bars:
        if category > shown:
            continue
        across0 = round(plot.position(category) - group / 2 + slot * (width + gap))
        if across0 >= end_of_plot:  # past the plot: cropped, as Google's
            continue
        across1 = across0 + max(1, round(width))
        along0, along1 = _clamped(plot.value(start), lo_edge, hi_edge), _clamped(plot.value(end), lo_edge, hi_edge)
        along0, along1 = round(along0), round(along1)
        colour = bar_colour(spec, s, category)
        if horizontal:
            box = (along0, across0, along1, min(across1, plot.box.bottom))
        else:
            box = (across0, along1, min(across1, plot.box.right), along0)
        canvas.shape_rect(*box, colour)
        hatch(canvas, box, _hatch(spec, s))


def _places(spec, plot, bars, horizontal):
    """The end of each bar (its top, or right end), where marks and value labels go; and each bar's box.

    Both are worked out on first use only: 300,000 bars of a compact URL need neither (no marks,
    no image map) and would hold some 200 MB."""
    table = {}

    def ends_and_boxes():
        if not table:
            table["ends"], table["boxes"] = _ends_and_boxes(spec, plot, bars, horizontal)
        return table["ends"], table["boxes"]

    places = overlays.Places(plot, _bar_end(spec, plot, horizontal), [list(s) for s in spec.data])
    places.bars = BarGeometry(spec, plot, horizontal)  # value labels: placed by the bar's box, by sign
    return places, _LazyBoxes(lambda: ends_and_boxes()[1])


def _bar_end(spec, plot, horizontal):
    """(series, category) -> the end of that bar, worked out for the one bar asked (marks on every point of
    300,000 bars would otherwise hold a table of them all); the same place _ends_and_boxes gives."""
    data, stacked = spec.data, spec.stacked
    slots = 1 if stacked else len(data)
    width, gap, group = _bar_geometry(spec, plot, slots, horizontal)

    def end_of(s, i):
        v = data[s][i] if s < len(data) and i < len(data[s]) else None
        if v is None or (stacked and not v):
            return None
        start, slot = 0.0, s
        if stacked:
            slot = 0
            for t in range(s):
                w = data[t][i] if i < len(data[t]) else None
                if w and (w > 0) == (v > 0):
                    start += w
        across = plot.position(i) - group / 2 + slot * (width + gap) + width / 2
        along = plot.value(start + v)
        return (along, across) if horizontal else (across, along)

    return end_of


class BarGeometry:
    """Each bar's rectangle as drawn (within the plot), worked out for the one bar asked; for value labels."""

    def __init__(self, spec, plot, horizontal):
        self.spec, self.plot, self.horizontal = spec, plot, horizontal
        self.stacked = spec.stacked
        self.slots = 1 if spec.stacked else len(spec.data)
        self.width, self.gap, self.group = _bar_geometry(spec, plot, self.slots, horizontal)

    def _value(self, s, i):
        data = self.spec.data
        return data[s][i] if 0 <= s < len(data) and 0 <= i < len(data[s]) else None

    def box(self, s, i):
        """(left, top, right, bottom) of bar (series s, category i), or None when it is not drawn."""
        v = self._value(s, i)
        if v is None or (self.stacked and not v):
            return None
        start, slot = 0.0, s
        if self.stacked:
            slot = 0
            start = sum(w for w in (self._value(t, i) for t in range(s)) if w and (w > 0) == (v > 0))
        box, plot = self.plot.box, self.plot
        across0 = plot.position(i) - self.group / 2 + slot * (self.width + self.gap)
        across1 = across0 + self.width
        lo, hi = (box.top, box.bottom) if self.horizontal else (box.left, box.right)
        if across1 <= lo or across0 >= hi:
            return None
        across0, across1 = max(across0, lo), min(across1, hi)
        edges = (box.left, box.right) if self.horizontal else (box.bottom, box.top)
        a0, a1 = sorted((_clamped(plot.value(start), *edges), _clamped(plot.value(start + v), *edges)))
        return (a0, across0, a1, across1) if self.horizontal else (across0, a0, across1, a1)

    def outermost(self, s, i):
        """True when no later segment of the stack lies beyond bar (s, i) on its side of zero."""
        v = self._value(s, i)
        return not any(w and (w > 0) == (v > 0) for w in (self._value(t, i) for t in range(s + 1, len(self.spec.data))))

    def span(self, i):
        """(first, last) pixel across the value axis of category i's bars, or None past the data."""
        if not 0 <= i < max(len(s) for s in self.spec.data):
            return None
        first = self.plot.position(i) - self.group / 2
        return first, first + self.group

    @property
    def series(self):
        return len(self.spec.data)

    def colour(self, s, i):
        return bar_colour(self.spec, s, i)


def _bar_geometry(spec, plot, slots, horizontal):
    """(bar width, gap, group width) of the bars as drawn."""
    if spec.barwidth:
        _, _, width, gap = fixed_layout(spec.barwidth, plot.box, max(len(s) for s in spec.data), slots, horizontal)
        return width, gap, slots * width + (slots - 1) * gap
    share = theme.BAR_STACKED if spec.stacked or len(spec.data) == 1 else theme.BAR_GROUP
    group = plot.band * share
    return group / slots, 0.0, group


class _LazyBoxes:
    """Each bar's box, (series, category) -> (left, top, right, bottom), computed when first read.

    What the layout and image maps ask of it (``in``, ``[]``, iteration, ``len``), by hand:
    ``collections.abc.Mapping`` would import ``collections`` (~1.5 ms of a cold CGI bar chart)."""

    def __init__(self, build):
        self._build, self._boxes = build, None

    def _get(self):
        if self._boxes is None:
            self._boxes = self._build()
        return self._boxes

    def __getitem__(self, key):
        return self._get()[key]

    def __iter__(self):
        return iter(self._get())

    def __len__(self):
        return len(self._get())

    def __contains__(self, key):
        return key in self._get()


def _ends_and_boxes(spec, plot, bars, horizontal):
    ends = {}
    slots = 1 if spec.stacked else len(spec.data)
    if spec.barwidth:
        _, _, width, gap = fixed_layout(spec.barwidth, plot.box, max(len(s) for s in spec.data), slots, horizontal)
        group = slots * width + (slots - 1) * gap
    else:
        share = theme.BAR_STACKED if spec.stacked or len(spec.data) == 1 else theme.BAR_GROUP
        group, gap = plot.band * share, 0.0
        width = group / slots
    boxes = {}
    for category, slot, _, start, end, s in bars:
        across = plot.position(category) - group / 2 + slot * (width + gap) + width / 2
        along, base = plot.value(end), plot.value(start)
        ends[(s, category)] = (along, across) if horizontal else (across, along)
        a, b = sorted((along, base))
        boxes[(s, category)] = (a, across - width / 2, b, across + width / 2) if horizontal else \
            (across - width / 2, a, across + width / 2, b)
    return ends, boxes


STEP_WIDTH = 2  # px: thinner bars of one series (or stacks) are drawn as a filled step area


def _steps(canvas, spec, plot, bars, lo_edge, hi_edge, horizontal):
    """Bars thinner than STEP_WIDTH as a filled step area: every pixel column (row for hbar) takes the
    bar(s) of the category whose band it lies in, so no column is left empty and no moire appears."""
    ac, bc = plot.position.coefficients()
    av, bv = plot.value.coefficients()
    by_category = {}
    for category, _, _, start, end, s in bars:
        by_category.setdefault(category, []).append((start, end, s))
    first, last = (plot.box.top, plot.box.bottom) if horizontal else (plot.box.left, plot.box.right)
    for pixel in range(math.floor(first), math.ceil(last)):
        category = round((pixel + 0.5 - bc) / ac) if ac else 0
        for start, end, s in by_category.get(category, ()):
            a, b = sorted((_clamped(av * start + bv, lo_edge, hi_edge), _clamped(av * end + bv, lo_edge, hi_edge)))
            colour = bar_colour(spec, s, category)
            if horizontal:
                canvas.shape_rect(a, pixel, max(b, a + 0.5), pixel + 1, colour)
            else:
                canvas.shape_rect(pixel, a, pixel + 1, max(b, a + 0.5), colour)


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
        spans[key] = (a, b, category) if old is None else (min(a, old[0]), max(b, old[1]), old[2])
    for (s, pixel), (a, b, category) in sorted(spans.items()):
        a, b = _clamped(a, lo_edge, hi_edge), _clamped(b, lo_edge, hi_edge)
        colour = bar_colour(spec, s, category)  # the first bar of the pixel
        if horizontal:
            canvas.shape_rect(a, pixel, max(b, a + 0.5), pixel + 1, colour)
        else:
            canvas.shape_rect(pixel, a, pixel + 1, max(b, a + 0.5), colour)


def _clamped(p, a, b):
    low, high = min(a, b), max(a, b)
    return min(max(p, low), high)
