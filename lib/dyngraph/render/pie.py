"""Pie and donut charts: one series, slices clockwise from 12 o'clock."""

import math

from .. import theme
from .frame import Box, Entry, column_width, compact, legend, no_data, outer_box, title

MIN_LABEL_DEGREES = 20  # slices narrower than this get no percentage inside


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
    if position == "right" and entries and not compact(canvas):
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
    angle = -90.0
    slices = []
    for index, v in enumerate(values):
        if v <= 0:
            continue
        sweep = v / total * 360
        colour = theme.series_colour(spec.colors, index)
        canvas.pieslice(cx, cy, radius, angle, angle + sweep + (0 if sweep >= 360 else 0.01), colour)
        slices.append((angle, sweep, colour, v))
        angle += sweep
    if len(slices) > 1:  # thin separators in the background colour
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


def percent(share):
    """0.4567 -> '46%'; below one percent, one decimal."""
    value = share * 100
    return f"{value:.0f}%" if value >= 1 or value == 0 else f"{value:.1f}%"


def _ink_on(hex_colour):
    """White text on dark slices, near-black on light ones."""
    return (0x11, 0x11, 0x11) if not theme.is_dark(_rgb(hex_colour)) else (0xff, 0xff, 0xff)


def _rgb(hex_colour):
    return tuple(int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))
