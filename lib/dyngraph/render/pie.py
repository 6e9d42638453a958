"""Pie and donut charts: one series, slices clockwise from 12 o'clock."""

import math

from .. import theme
from .frame import Box, Entry, column_width, compact, legend, no_data, outer_box, title

MIN_LABEL_DEGREES = 20  # slices narrower than this get no percentage inside
MIN_SWEEP = 0.5  # degrees; thinner neighbouring slices are merged
MAX_SEPARATED = 90  # more slices than this get no separator lines


def draw_pie(canvas, spec):
    _draw(canvas, spec, hole=0.0)


def draw_donut(canvas, spec):
    _draw(canvas, spec, hole=theme.DONUT_HOLE)


def _draw(canvas, spec, *, hole):
    box = title(canvas, spec, outer_box(canvas))
    values = [v or 0.0 for v in spec.data[0]] if spec.data else []
    total = sum(values)
    entries = [Entry(name, theme.series_colour(spec.colors, i)) for i, name in enumerate(spec.labels[:len(values)])
               if name and total > 0 and values[i] > 0]
    position = spec.legendpos
    if position == "auto":
        position = "right" if box.width >= box.height * 1.25 else "bottom"
    if position in ("right", "left") and entries and not compact(canvas):
        side = column_width(canvas, entries, box) + theme.LEGEND_GAP
        diameter = min(box.width - side, box.height)
        spare = max(0.0, box.width - side - diameter)
        box = Box(box.left + spare / 2, box.top, box.right - spare / 2, box.bottom)
    box = legend(canvas, entries, box, position)
    radius = max(1.0, min(box.width, box.height) / 2 - 1)
    cx, cy = (box.left + box.right) / 2, (box.top + box.bottom) / 2
    if not total > 0:
        canvas.circle(cx, cy, radius, canvas.inks["empty"])
        canvas.punch(cx, cy, radius * max(hole, 0.9 if not hole else hole))
        no_data(canvas, box)
        return
    slices = layout(values, total, spec.colors)
    if spec.depth and not hole:
        depth = min(float(spec.depth), radius)
        radius = max(1.0, radius - depth / 2)
        cy -= depth / 2
        _rim(canvas, cx, cy, radius, depth, slices)
    for start, sweep, colour, _ in slices:
        canvas.pieslice(cx, cy, radius, start, start + sweep + (0 if sweep >= 360 else 0.01), colour)
    if 1 < len(slices) <= MAX_SEPARATED:  # thin separators in the background colour
        edge = max(1.0, radius / 80)
        for start, _, _, _ in slices:
            a = math.radians(start)
            canvas.line([(cx, cy), (cx + radius * 1.02 * math.cos(a), cy + radius * 1.02 * math.sin(a))],
                        canvas.background, edge)
    if hole:
        canvas.punch(cx, cy, radius * hole)
    if compact(canvas):
        return
    middle = (1 + hole) / 2 if hole else 0.64
    size = canvas.label_size
    for start, sweep, colour, v in slices:
        if sweep < MIN_LABEL_DEGREES:
            continue
        text = percent(v / total)
        a = math.radians(start + sweep / 2)
        x, y = cx + radius * middle * math.cos(a), cy + radius * middle * math.sin(a)
        room = radius * (1 - hole) * 0.9 if hole else radius * 0.6
        if canvas.text_width(text, size) <= room:
            canvas.text(x, y, text, size=size, fill=_ink_on(colour), anchor="mm")


def layout(values, total, colors):
    """(start degrees, sweep, colour, value) per slice; hair-thin neighbours are merged.

    Thousands of slices would cost a pie-slice draw each for arcs narrower
    than a pixel; consecutive slices under MIN_SWEEP degrees are drawn as one,
    in the colour of the largest.
    """
    out, angle = [], -90.0
    pending = None  # [start, sweep, colour, value, biggest]
    for index, v in enumerate(values):
        if v <= 0:
            continue
        sweep = v / total * 360
        colour = theme.series_colour(colors, index)
        if pending is not None and (pending[1] < MIN_SWEEP and sweep < MIN_SWEEP):
            pending[1] += sweep
            pending[3] += v
            if v > pending[4]:
                pending[2], pending[4] = colour, v
        else:
            if pending is not None:
                out.append(tuple(pending[:4]))
            pending = [angle, sweep, colour, v, v]
        angle += sweep
    if pending is not None:
        out.append(tuple(pending[:4]))
    return out


def percent(share):
    """0.4567 -> '46%'; below one percent, one decimal."""
    value = share * 100
    return f"{value:.0f}%" if value >= 1 or value == 0 else f"{value:.1f}%"


def _ink_on(hex_colour):
    """White text on dark slices, near-black on light ones."""
    return (0x11, 0x11, 0x11) if not theme.is_dark(_rgb(hex_colour)) else (0xff, 0xff, 0xff)


def _rgb(hex_colour):
    return tuple(int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))


RIM_SHADE = 0.7  # the rim is the slice colour darkened to this share


def _rim(canvas, cx, cy, radius, depth, slices):
    """A 3-D look: the front edge of the pie as a band ``depth`` pixels deep, in darker slice colours."""
    for start, sweep, colour, _ in slices:
        a0, a1 = max(start, 0.0), min(start + sweep, 180.0)  # only the front half (0-180, clockwise) shows
        for shift in (0.0, 360.0):
            b0, b1 = max(start, shift), min(start + sweep, 180.0 + shift)
            a0, a1 = b0 - shift, b1 - shift
            if a1 <= a0:
                continue
            steps = max(2, int((a1 - a0) / 3) + 1)
            arc = [math.radians(a0 + (a1 - a0) * i / (steps - 1)) for i in range(steps)]
            top = [(cx + radius * math.cos(a), cy + radius * math.sin(a)) for a in arc]
            bottom = [(x, y + depth) for x, y in reversed(top)]
            r, g, b = _rgb(colour)
            canvas.polygon(top + bottom, (round(r * RIM_SHADE), round(g * RIM_SHADE), round(b * RIM_SHADE)))
