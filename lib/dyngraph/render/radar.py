"""Radar charts: one spoke per category, clockwise from 12 o'clock; each series a closed outline.

The value axis runs from the centre outwards on nice ticks (from zero unless
``min`` says otherwise), drawn as concentric polygons with their values
along the upright spoke. Fills are marks, as Google's radar charts had them:
``B,<colour>,<series>,0,0`` fills a series' polygon (Chart.js's filled
radar); shapes and value labels (``o``, ``N``…) sit on the points.
"""

import math

from .. import theme
from ..scale import Linear, format_number, nice_ticks
from . import overlays
from .frame import Box, Plot, compact, legend, no_data, outer_box, report, series_entries, title
from .line import dashed, line_style

MAX_RINGS = 6
MAX_SPOKE_LABELS = 60  # more spokes than this are drawn without their labels
LABEL_GAP = 6


def draw_radar(canvas, spec):
    box = title(canvas, spec, outer_box(canvas))
    box = legend(canvas, series_entries(spec, "line"), box, spec.legendpos)
    count = max((len(s) for s in spec.data), default=0)
    present = [v for s in spec.data for v in s if v is not None]
    if count < 1 or not present:
        no_data(canvas, box)
        return
    low = spec.min if spec.min is not None else min(0.0, min(present))
    high = spec.max if spec.max is not None else max(present)
    rings = max(2, min(MAX_RINGS, round(min(box.width, box.height) / 2 / theme.MIN_TICK_SPACING) + 1))
    ticks = nice_ticks(low, high, rings, fixed_low=spec.min if spec.min is not None else low,
                       fixed_high=spec.max)
    small = compact(canvas)
    label_room = 0 if small or not spec.labels else _label_room(canvas, spec, count)
    radius = max(1.0, min(box.width - 2 * label_room[0], box.height - 2 * label_room[1]) / 2) if label_room else \
        max(1.0, min(box.width, box.height) / 2)
    cx, cy = (box.left + box.right) / 2, (box.top + box.bottom) / 2
    scale = Linear(ticks.low, ticks.high, 0.0, radius)
    canvas.plot = (cx - radius, cy - radius, cx + radius, cy + radius)

    def at(index, value):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        r = max(0.0, min(scale(value), radius * 1.05))
        return (cx + r * math.cos(angle), cy + r * math.sin(angle))

    if spec.grid:
        _web(canvas, spec, count, ticks, at, small, (cx, cy))
    if label_room:
        _spoke_labels(canvas, spec, count, cx, cy, radius)
    plot = Plot(Box(cx - radius, cy - radius, cx + radius, cy + radius), None, None, 0.0)
    drawn = [list(s) for s in spec.data]

    def point(series, index):
        if series >= len(drawn) or index >= len(drawn[series]) or drawn[series][index] is None:
            return None
        return at(index, drawn[series][index])

    places = overlays.Places(plot, point, drawn, locate=lambda index, value: at(index, value))
    places.add_hidden(canvas.marker_data)
    outlines = [[point(n, i) for i in range(count)] for n in range(len(drawn))]
    for kind, colour, series, _, _ in spec.marks:  # fills first, under every outline
        if kind == "B" and series < len(places.values):
            shape = [p for p in (places.point(series, i) for i in range(count)) if p is not None]
            if len(shape) >= 3:
                canvas.polygon(shape, colour)
    for n, outline in enumerate(outlines):
        width, dash, space = line_style(spec, n)
        if width <= 0:
            continue
        ink = theme.series_colour(spec.colors, n)
        for run in _closed_runs(outline):  # dashed as on a line chart: its linestyles, or past the palette
            for piece in dashed(canvas, run, dash, space) if dash else [run]:
                canvas.line(piece, ink, width)
        if spec.dots:
            for p in outline:
                if p is not None:
                    canvas.circle(p[0], p[1], width * 1.3 + 1.2, ink, outline=canvas.background, outline_width=1)
    report(canvas, spec, outlines)
    overlays.over(canvas, _without_fills(spec), places)


def _closed_runs(points):
    """The outline as polylines: closed when every point is there, else broken at the gaps."""
    if all(p is not None for p in points):
        return [points + points[:1]] if len(points) > 1 else [points]
    start = points.index(None)
    rotated = points[start:] + points[:start]  # begin at a gap so no run wraps around it
    runs, run = [], []
    for p in rotated + [None]:
        if p is None:
            if run:
                runs.append(run)
            run = []
        else:
            run.append(p)
    return runs


def _web(canvas, spec, count, ticks, at, small, centre):
    """Spokes, concentric rings at the ticks, and the tick values up the first spoke."""
    grid, axis = canvas.inks["grid"], canvas.inks["axis"]
    high = ticks.values[-1] if ticks.values else ticks.high
    for i in range(count):
        canvas.line([centre, at(i, ticks.high)], grid, 1)
    for value in ticks.values:
        if value <= ticks.low:
            continue
        ring = [at(i, value) for i in range(count)]
        canvas.line(ring + ring[:1] if count > 2 else ring, grid if value != high else axis, 1)
    if small:
        return
    size = max(8, canvas.label_size - 2)
    for value in ticks.values:
        if value <= ticks.low:
            continue  # the centre speaks for itself
        x, y = at(0, value)
        canvas.text(x + 3, y + 1, format_number(value, ticks.step), size=size, fill=canvas.inks["muted"],
                    anchor="la", role="ytick")


def _label_room(canvas, spec, count):
    """(horizontal, vertical) space the spoke labels need around the web."""
    if count > MAX_SPOKE_LABELS:
        return None
    labels = spec.labels[:count]
    widest = max((canvas.text_width(t) for t in labels), default=0)
    widest = min(widest, canvas.width / 4)
    return (widest + LABEL_GAP, canvas.line_height() + LABEL_GAP)


def _spoke_labels(canvas, spec, count, cx, cy, radius):
    room = canvas.width / 4
    for i, text in enumerate(spec.labels[:count]):
        angle = -math.pi / 2 + 2 * math.pi * i / count
        dx, dy = math.cos(angle), math.sin(angle)
        x, y = cx + (radius + LABEL_GAP) * dx, cy + (radius + LABEL_GAP) * dy
        horizontal = "l" if dx > 0.3 else "r" if dx < -0.3 else "m"
        vertical = "d" if dy < -0.3 else "a" if dy > 0.3 else "m"
        canvas.text(x, y, canvas.fit(text, room), anchor=horizontal + ("m" if vertical == "m" else vertical),
                    role="xtick")


def _without_fills(spec):
    """The spec with its B fills taken out (drawn above as polygons), for the shared overlay pass."""
    from ..record import replace

    marks = tuple(m for m in spec.marks if m[0] != "B")
    return spec if len(marks) == len(spec.marks) else replace(spec, marks=marks)
