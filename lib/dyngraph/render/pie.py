"""Pie and donut charts: slices clockwise from 12 o'clock; a pie's further series are rings around the first."""

import math

from .. import styles, theme
from ..scale import format_number
from ..record import replace
from .frame import Box, Entry, column_width, compact, legend, no_data, outer_box, title

MIN_LABEL_DEGREES = 20  # slices narrower than this get no percentage inside
MIN_SWEEP = 0.5  # degrees; thinner neighbouring slices are merged
MAX_SEPARATED = 90  # more slices than this get no separator lines


def draw_pie(canvas, spec):
    _draw(canvas, spec, hole=0.0)


def draw_donut(canvas, spec):
    _draw(canvas, spec, hole=theme.DONUT_HOLE)


def fold(values, labels, colours, share, name):
    """(values, labels) with the small slices folded into one named ``name``, last.

    Slices below ``share`` of the total are folded; so are the smallest when
    there are more slices than ``colours``, so no two slices share a colour.
    One slice alone is never folded (its own name says more than "Other").
    """
    total = sum(v or 0.0 for v in values)
    if total <= 0 or len(values) < 3:
        return values, labels
    small = {i for i, v in enumerate(values) if (v or 0.0) < share * total}
    if len(values) > colours:
        by_size = sorted(range(len(values)), key=lambda i: (values[i] or 0.0, -i))
        small |= set(by_size[:len(values) - colours + 1])
    if len(small) < 2:
        return values, labels
    kept = [i for i in range(len(values)) if i not in small]
    rest = sum(values[i] or 0.0 for i in small)
    shown = [labels[i] if i < len(labels) else "" for i in kept]
    return (tuple(values[i] for i in kept) + (rest,),
            tuple(shown) + (name,) if labels else ())


def _draw(canvas, spec, *, hole):
    if len(spec.data) == 1 and not spec.pointcolors:
        values, labels = fold(spec.data[0], spec.labels, len(spec.colors), spec.othershare, spec.otherlabel)
        if values is not spec.data[0]:
            spec = replace(spec, data=(values,), labels=labels)
    box = title(canvas, spec, outer_box(canvas))
    rings = [[v or 0.0 for v in series] for series in spec.data] or [[]]
    tilted = bool(spec.depth) and not hole
    entries, k = [], 0
    for r, values in enumerate(rings):
        ring_total = sum(values)
        for i, v in enumerate(values):
            name = spec.labels[k] if k < len(spec.labels) else ""
            if name and ring_total > 0 and v > 0:
                entries.append(Entry(name, slice_colour(spec, r, i), index=k))
            k += 1
    position = spec.legendpos
    if position == "auto":
        position = "right" if box.width >= box.height * 1.25 else "bottom"
    depth = float(spec.depth) if tilted else 0.0
    if position in ("right", "left") and entries and not compact(canvas):
        side = column_width(canvas, entries, box) + theme.LEGEND_GAP
        diameter = min(box.width - side, (box.height - depth) / (TILT if tilted else 1))
        spare = max(0.0, box.width - side - diameter)
        box = Box(box.left + spare / 2, box.top, box.right - spare / 2, box.bottom)
    box = legend(canvas, entries, box, position)
    radius = max(1.0, min(box.width, box.height) / 2 - 1)
    cx, cy = (box.left + box.right) / 2, (box.top + box.bottom) / 2
    totals = [sum(values) for values in rings]
    if not any(t > 0 for t in totals):
        canvas.circle(cx, cy, radius, canvas.inks["empty"])
        canvas.punch(cx, cy, radius * max(hole, 0.9 if not hole else hole))
        no_data(canvas, box)
        return
    if tilted:
        _tilted(canvas, spec, box, rings, totals)
        return
    canvas.plot = (cx - radius, cy - radius, cx + radius, cy + radius)
    count = len(rings)
    reports = []
    for r in range(count - 1, -1, -1):  # outermost first; each inner ring covers the middle of the last
        outer = radius * (r + 1) / count
        if r < count - 1:
            canvas.punch(cx, cy, outer)
            outer -= max(1.0, radius / 80)
        inner = radius * r / count if count > 1 else radius * hole
        if totals[r] > 0:
            _ring(canvas, spec, r, rings[r], totals[r], (cx, cy), outer, inner, hole if count == 1 else 0.0)
        reports.append((r, lambda a, f, outer=outer: (cx + outer * f * math.cos(a), cy + outer * f * math.sin(a)),
                        inner / outer, 1.0))
    for r, at, inner, outer in reversed(reports):
        report_slices(canvas, spec, r, rings[r], totals[r], at, inner, outer)
    if hole:
        canvas.punch(cx, cy, radius * hole)


def slice_colour(spec, ring, index):
    """Slice ``index`` of ``ring``: the ring's own colours (``pointcolors``), else ``colors`` per slice."""
    return styles.point_colour(spec, ring, index, theme.series_colour(spec.colors, index))


def _ring(canvas, spec, r, values, total, centre, outer, inner, hole):
    """One ring (or the whole pie) from ``inner`` to ``outer`` pixels: slices, separators, percentages."""
    cx, cy = centre
    slices = layout(values, total, [slice_colour(spec, r, i) for i in range(len(values))])
    for start, sweep, colour, _ in slices:
        canvas.pieslice(cx, cy, outer, start, start + sweep + (0 if sweep >= 360 else 0.01), colour)
    if 1 < len(slices) <= MAX_SEPARATED:  # thin separators in the background colour
        edge = max(1.0, outer / 80)
        for start, _, _, _ in slices:
            a = math.radians(start)
            canvas.line([(cx + inner * math.cos(a), cy + inner * math.sin(a)),
                         (cx + outer * 1.02 * math.cos(a), cy + outer * 1.02 * math.sin(a))], canvas.background, edge)
    if compact(canvas):
        return
    if inner and not hole:  # a ring: labels in its middle
        middle, room = (inner + outer) / 2 / outer, (outer - inner) * 0.9
    else:
        middle = (1 + hole) / 2 if hole else 0.64
        room = outer * (1 - hole) * 0.9 if hole else outer * 0.6
    _percentages(canvas, slices, total, lambda a, f: (cx + outer * f * math.cos(a), cy + outer * f * math.sin(a)),
                 middle, room, spec.slicelabels)


def _percentages(canvas, slices, total, at, middle, room, kind="percent"):
    """Each wide slice's share (``slicelabels=percent``) or value (``value``) inside it; nothing for ``none``."""
    if kind == "none":
        return
    size = canvas.label_size
    for start, sweep, colour, v in slices:
        if sweep < MIN_LABEL_DEGREES:
            continue
        text = percent(v / total) if kind == "percent" else format_number(v)
        x, y = at(math.radians(start + sweep / 2), middle)
        if canvas.text_width(text, size) <= room:
            canvas.text(x, y, text, size=size, fill=_ink_on(colour), anchor="mm", role="label")


def _tilted(canvas, spec, box, rings, totals):
    """A 3-D pie: the top squashed into an ellipse (TILT) over a rim ``depth`` pixels deep, darker, at the front.

    Several series are rings on the top, the first innermost; only the outer ring's rim shows.
    """
    depth = min(float(spec.depth), box.height / 2)
    rx = max(1.0, min(box.width / 2, (box.height - depth) / (2 * TILT)) - 1)
    ry = rx * TILT
    cx, cy = (box.left + box.right) / 2, (box.top + box.bottom - depth) / 2
    count = len(rings)
    layouts = [layout(values, total, [slice_colour(spec, r, i) for i in range(len(values))]) if total > 0 else []
               for r, (values, total) in enumerate(zip(rings, totals))]

    def at(a, f=1.0):
        return (cx + rx * f * math.cos(a), cy + ry * f * math.sin(a))

    _rim(canvas, at, depth, layouts[-1])
    canvas.plot = (cx - rx, cy - ry, cx + rx, cy + ry + depth)
    for r in range(count):
        report_slices(canvas, spec, r, rings[r], totals[r], at, r / count, (r + 1) / count)
    gap = max(1.0, rx / 80) / rx  # between rings, as a share of the radius
    for r in range(count - 1, -1, -1):  # outermost first; each inner ring covers the middle of the last
        outer, inner = (r + 1) / count, r / count
        if r < count - 1:
            canvas.polygon([(cx, cy)] + _arc(lambda a: at(a, outer), 0.0, 360.0), canvas.background)
            outer -= gap
        slices = layouts[r]
        for start, sweep, colour, _ in slices:
            canvas.polygon([(cx, cy)] + _arc(lambda a: at(a, outer), start, start + sweep), colour)
        if 1 < len(slices) <= MAX_SEPARATED:
            edge = max(1.0, rx / 80)
            for start, _, _, _ in slices:
                a = math.radians(start)
                canvas.line([at(a, inner), at(a, outer * 1.01)], canvas.background, edge)
        if slices and not compact(canvas):
            if count == 1:
                _percentages(canvas, slices, totals[r], at, 0.62, rx * 0.6, spec.slicelabels)
            else:
                _percentages(canvas, slices, totals[r], at, (inner + outer) / 2, rx * (outer - inner) * 0.9,
                             spec.slicelabels)


def report_slices(canvas, spec, ring, values, total, at, inner, outer):
    """One layout series per slice of ``ring``: its label, its colour and one point, its middle.

    The middle is on the slice's bisector, halfway between its inner and outer radius
    (``at(angle, fraction)`` gives the pixel); a slice of zero has the point None.
    """
    first = sum(len(s) for s in spec.data[:ring])  # labels run on across the rings
    angle = -90.0
    for i, v in enumerate(values):
        point = None
        if v > 0 and total > 0:
            sweep = v / total * 360
            point = at(math.radians(angle + sweep / 2), (inner + outer) / 2)
            angle += sweep
        name = spec.labels[first + i] if first + i < len(spec.labels) else ""
        canvas.add_series(name, slice_colour(spec, ring, i), [point])


def _arc(at, a0, a1):
    """Points along the ellipse from ``a0`` to ``a1`` degrees, at most 2 degrees apart."""
    steps = max(2, int(abs(a1 - a0) / 2) + 1)
    return [at(math.radians(a0 + (a1 - a0) * i / (steps - 1))) for i in range(steps)]


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
    return theme.text_on(_rgb(hex_colour))


def _rgb(hex_colour):
    return tuple(int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))


RIM_SHADE = 0.7  # the rim is the slice colour darkened to this share
TILT = 0.5  # a 3-D pie's top: an ellipse this many times as high as it is wide


def _rim(canvas, at, depth, slices):
    """The front edge of a 3-D pie (angles 0-180, clockwise: the lower half) as a band ``depth`` deep."""
    for start, sweep, colour, _ in slices:
        for shift in (0.0, 360.0):
            a0, a1 = max(start, shift) - shift, min(start + sweep, 180.0 + shift) - shift
            if a1 <= a0:
                continue
            top = _arc(at, a0, a1)
            bottom = [(x, y + depth) for x, y in reversed(top)]
            r, g, b = _rgb(colour)
            canvas.polygon(top + bottom, (round(r * RIM_SHADE), round(g * RIM_SHADE), round(b * RIM_SHADE)))
