"""Marks drawn on a chart's plot (``marks``, Google's ``chm``): fills, bands, lines, shapes, value labels.

Each chart kind says where its values are with a :class:`Places`; the marks
need nothing else. ``under`` runs before the series are drawn (fills and
bands go behind the lines), ``over`` after (shapes, value labels, lines).
"""

import math

from .. import styles, theme
from .geometry import column_slices

UNDER = ("B", "b", "r", "R")
TEXT_COLUMN = 4  # px at least: value labels on denser points keep a column's highest and lowest


class Places:
    """Where series values are drawn: ``point(series, index)`` -> (x, y) or None, and their values.

    Series after the drawn ones are marker data (``hidden``): ``locate(index, value)`` puts them
    on the same axes, at their category, without their being drawn.
    """

    def __init__(self, plot, point, values, base=None, locate=None):
        self.plot = plot
        self._point = point
        self.drawn = len(values)
        self.values = list(values)  # per series, the values as drawn (for value labels and counts)
        self.base = base  # (series, index) -> (x, y) of the bottom of a bar, for fills; None: plot bottom
        if locate is None and plot.value is not None and plot.position is not None:
            locate = _locator(plot)
        self.locate = locate
        self.bars = None  # set for bars (bar.BarGeometry): value labels are placed by render.barlabels

    def add_hidden(self, series):
        """Take the marker-only series (once): they follow the drawn ones, by index."""
        if len(self.values) == self.drawn and self.locate is not None:
            self.values += [list(s) for s in series]

    def point(self, series, index):
        if series < self.drawn:
            return self._point(series, index)
        if series >= len(self.values) or index >= len(self.values[series]):
            return None
        value = self.values[series][index]
        return None if value is None else self.locate(index, value)

    def count(self, series):
        return len(self.values[series]) if series < len(self.values) else 0


def _locator(plot):
    """(category index, value) -> pixel, for charts with a category axis."""
    if plot.horizontal:
        return lambda index, value: (plot.value(value), plot.position(index))
    return lambda index, value: (plot.position(index), plot.value(value))


def under(canvas, spec, places):
    """Fills (B under a line, b between two) and bands (r horizontal, R vertical)."""
    box = places.plot.box
    places.add_hidden(canvas.marker_data)
    for kind, colour, series, which, size in spec.marks:
        if kind == "r" or kind == "R":
            a, b = sorted((float(which), size))
            if kind == "r":
                canvas.rect(box.left, box.bottom - b * box.height, box.right, box.bottom - a * box.height, colour)
            else:
                canvas.rect(box.left + a * box.width, box.top, box.left + b * box.width, box.bottom, colour)
        elif kind == "B":
            line = _line(places, series)
            if getattr(places, "smooth", 0.0) and series < places.drawn:
                from .curve import spline

                line = spline(line, places.smooth, top=box.top, bottom=box.bottom)
            if len(line) > 1:
                floor = [(line[-1][0], box.bottom), (line[0][0], box.bottom)]
                canvas.polygon(line + floor, colour, clip=box.rect)
        elif kind == "b":
            upper, lower = _line(places, series), _line(places, int(which))
            if len(upper) > 1 and len(lower) > 1:
                canvas.polygon(upper + lower[::-1], colour, clip=box.rect)


def over(canvas, spec, places):
    """Shapes, texts, value labels, arrows and lines, on top of the series."""
    box = places.plot.box
    places.add_hidden(canvas.marker_data)
    labels = None  # value labels on bars, placed against each other and the text already drawn
    for kind, colour, series, which, size in spec.marks:
        base = styles.mark_base(kind)
        if kind in ("E", "F"):
            _ranges(canvas, kind, colour, series, which, size, places)
        elif kind == "h":
            y = box.bottom - float(which) * box.height
            half = max(size, 1.0) / 2
            canvas.rect(box.left, y - half, box.right, y + half, colour)
        elif kind == "D":  # a line through the series' points (e.g. over bars)
            count = places.count(series)
            chosen = range(count) if which in ("0", "-1") else styles.mark_points(which, count)
            line = [p for p in (at(places, series, i)[0] for i in chosen) if p is not None]
            if len(line) > 1:
                canvas.line(line, colour, max(size, 1.0), clip=box.rect)
        elif kind.startswith("@"):  # at x:y fractions of the plot
            x, y = (float(v) for v in which.split(":"))
            _point_mark(canvas, base, kind, (box.left + x * box.width, box.bottom - y * box.height), None, size,
                        colour, box)
        elif base in styles.POINT_KINDS:
            chosen = styles.mark_points(which, places.count(series))
            text = base in ("N", "t")  # labels: a column as wide as their size, its highest and lowest
            for index in visible(places, series, chosen, box, max(TEXT_COLUMN, size) if text else 1, text):
                point, value = at(places, series, index)
                if point is None:
                    continue
                if base == "N" and value is not None:  # value labels: never over other text
                    if labels is None:
                        from .barlabels import BarLabels

                        labels = BarLabels(canvas, places, places.bars)
                    if places.bars is not None and series < places.drawn and index == int(index):
                        labels.label(kind, value, size, colour, series, int(index))
                    else:
                        labels.point(kind, value, size, colour, point)
                else:
                    _point_mark(canvas, base, kind, point, value, size, colour, box)
    if labels is not None:
        labels.close()


def _ranges(canvas, kind, colour, series, which, size, places):
    """Error bars ``E`` (series and the next: the two ends) and candlesticks ``F`` (four series from
    ``series``: low, open, close, high; the body filled when the price fell, hollow when it rose).

    ``size`` is the line width of an error bar (its caps 4 times as wide, at least 6 px) or a
    candlestick's body width. Edges fall on whole pixels, so thin lines stay crisp.
    """
    needed = 2 if kind == "E" else 4
    count = min((places.count(series + n) for n in range(needed)), default=0)
    horizontal = places.plot.horizontal
    for index in visible(places, series, styles.mark_points(which, count), places.plot.box, 1):
        index = int(index)
        ends = [places.point(series + n, index) for n in range(needed)]
        if any(p is None for p in ends):
            continue
        # along: the value axis coordinate; across: the pixel column (row) of the category
        along = [round(p[0] if horizontal else p[1]) for p in ends]
        across = int(ends[0][1] if horizontal else ends[0][0])

        def bar(a0, a1, width):
            a0, a1 = sorted((a0, a1))
            width = max(1, round(width))
            c0 = across - (width - 1) // 2
            if horizontal:
                canvas.rect(a0, c0, max(a1, a0 + 1), c0 + width, colour)
            else:
                canvas.rect(c0, a0, c0 + width, max(a1, a0 + 1), colour)

        if kind == "E":
            width = max(size, 1.0)
            for end in along:  # the caps, then the bar between them
                bar(end - round(width) // 2, end - round(width) // 2 + round(width), max(6.0, width * 4))
            bar(along[0], along[1], width)
            continue
        low, open_, close, high = along
        width = max(round(size), 2)
        top, bottom = sorted((open_, close))
        bottom = max(bottom, top + 1)
        wick_top, wick_bottom = sorted((low, high))
        if wick_top < top:  # the wick, outside the body
            bar(wick_top, top, 1)
        if wick_bottom > bottom:
            bar(bottom, wick_bottom, 1)
        rose = places.values[series + 2][index] > places.values[series + 1][index]
        if rose and width > 3 and bottom - top > 2:  # hollow: a 1 px outline
            bar(top, top + 1, width)
            bar(bottom - 1, bottom, width)
            c0 = across - (width - 1) // 2
            for edge in (c0, c0 + width - 1):
                if horizontal:
                    canvas.rect(top, edge, bottom, edge + 1, colour)
                else:
                    canvas.rect(edge, top, edge + 1, bottom, colour)
        else:
            bar(top, bottom, width)


def visible(places, series, chosen, box, column, extremes=False):
    """The chosen point indices a picture can show: marks on more points than the plot has columns
    (``column`` px wide) are reduced as dense lines are, to the first, highest, lowest and last point of
    each column (``extremes``: the highest and lowest only), in their order; fewer are kept as they are."""
    horizontal = places.plot.horizontal
    columns = (box.height if horizontal else box.width) / column
    if len(chosen) <= columns:
        return chosen
    if len(chosen) > 8 * columns and series < len(places.values):  # first by value, in runs of neighbours
        chosen = _extremes(chosen, places.values[series], len(chosen) / columns)
    groups = {}
    for index in chosen:
        point = at(places, series, index)[0]
        if point is not None:
            across, along = (point[1], point[0]) if horizontal else point
            groups.setdefault(math.floor(across / column), []).append((along, index))
    kept = set()
    for group in groups.values():
        kept.update((min(group)[1], max(group)[1]) if extremes else (group[0][1], min(group)[1], max(group)[1],
                                                                     group[-1][1]))
    return [index for index in chosen if index in kept]


def _extremes(chosen, values, per_run):
    """``chosen`` thinned to the first, lowest, highest and last of each run of ``per_run`` neighbours, by
    value alone: the points of 100,000 marks are not worked out to find the few a column keeps."""
    chosen = list(chosen)
    kept = []
    for lo, hi in column_slices(len(chosen), per_run):
        run = [i for i in chosen[lo:hi] if i < len(values) and values[i] is not None]
        if run:
            lowest, highest = min(run, key=values.__getitem__), max(run, key=values.__getitem__)
            kept.extend(dict.fromkeys(sorted({run[0], lowest, highest, run[-1]})))
    return kept


def at(places, series, index):
    """(x, y) and value of point ``index`` of ``series``; a fractional index lies on the line between two points."""
    whole = int(index)
    point = places.point(series, whole)
    if index == whole or point is None:
        return point, places.values[series][whole] if point is not None else None
    after = places.point(series, whole + 1)
    if after is None:
        return None, None
    t = index - whole
    v0, v1 = places.values[series][whole], places.values[series][whole + 1]
    mix = lambda a, b: a + (b - a) * t  # noqa: E731
    return (mix(point[0], after[0]), mix(point[1], after[1])), mix(v0, v1)


def _point_mark(canvas, base, kind, point, value, size, colour, box):
    """One mark of a point kind at ``point`` (``value``: the data value there, for N)."""
    x, y = point
    if base == "N" or base == "t":
        text = kind[kind.index("t") + 1:] if base == "t" else (styles.format_value(kind, value) if value is not None
                                                                else "")
        canvas.text(x, y - 3, text, size=round(size) or None, fill=colour, anchor="md",
                    role="value" if base == "N" else "label")
    elif base == "v":  # from the bottom of the plot up to the point
        half = max(size, 1.0) / 2
        canvas.rect(x - half, y, x + half, box.bottom, colour)
    elif base == "V":  # across the whole plot
        half = max(size, 1.0) / 2
        canvas.rect(x - half, box.top, x + half, box.bottom, colour)
    elif base == "a":  # an arrow pointing down at the point
        head = max(size, 4.0)
        canvas.polygon([(x, y), (x - head / 2, y - head), (x + head / 2, y - head)], colour)
        canvas.line([(x, y - head), (x, y - head * 2.5)], colour, max(1.0, head / 5))
    else:
        shape(canvas, base, point, size, colour)


def shape(canvas, kind, point, size, colour):
    """One marker ``size`` pixels across, centred on ``point``."""
    x, y = point
    r = max(size, 1.0) / 2
    if kind == "o":
        canvas.circle(x, y, r, colour)
    elif kind == "s":
        canvas.rect(x - r, y - r, x + r, y + r, colour)
    elif kind == "d":
        canvas.polygon([(x, y - r), (x + r, y), (x, y + r), (x - r, y)], colour)
    else:
        thick = max(1.0, size / 5)
        if kind == "c":
            canvas.rect(x - r, y - thick / 2, x + r, y + thick / 2, colour)
            canvas.rect(x - thick / 2, y - r, x + thick / 2, y + r, colour)
        else:  # x
            d = r / math.sqrt(2) * 1.2
            canvas.line([(x - d, y - d), (x + d, y + d)], colour, thick)
            canvas.line([(x - d, y + d), (x + d, y - d)], colour, thick)


def _line(places, series):
    points = [places.point(series, i) for i in range(places.count(series))]
    return [p for p in points if p is not None]
