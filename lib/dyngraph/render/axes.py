"""Explicitly listed axes (``axes=x,y,r,t`` with labels, ranges, positions and styles).

Each axis gets its labels as (place, text) pairs, where a place is a fraction
of the axis length, a category index, or a value on the data scale; room is
made for them on their side (axes on the same side stack outwards) and they
are drawn once the plot box is known. Without ``axes`` the frame draws its
default labels instead (see frame.cartesian).
"""

import math

from .. import styles
from ..record import record
from ..scale import format_number, nice_step, nice_ticks

TICK_LENGTH = 4
DEFAULT_RANGE = (0.0, 100.0)
MIN_TICK_SPACING = 2  # px: ticks closer than this (along the image side) are thinned to every n-th
LABEL_ROOM = 1.25  # labels closer than this many times their (estimated) size are thinned out; ticks stay


@record
class Axis:
    side: str  # x (bottom), y (left), r (right), t (top)
    items: tuple  # ((kind, place), text): kind "f" fraction, "c" category, "v" value, "x" x value
    colour: object
    size: int
    align: str
    control: str
    offset: float = 0.0  # pixels outwards from the plot edge
    room: float = 0.0
    tick_colour: object = None  # None: the axis ink
    line_colour: object = None
    ticks: tuple = (TICK_LENGTH,)  # tick lengths cycled over the labels; negative: into the plot


def build(canvas, spec, *, horizontal, count, ticks, x_ticks):
    """The axes of ``spec`` with their labels and the room each needs."""
    sides = styles.axis_sides(spec)
    labels, ranges = dict(spec.axislabels), {r[0]: r[1:] for r in spec.axisranges}
    positions, looks = dict(spec.axispositions), {s[0]: s[1:] for s in spec.axisstyles}
    lengths = dict(getattr(spec, "ticklengths", ()))
    value_sides = ("x", "t") if horizontal else ("y", "r")
    axes, used = [], {side: 0.0 for side in styles.AXIS_SIDES}
    for index, side in enumerate(sides):
        colour, size, align, control, tick, line, fmt = (tuple(looks.get(index, ())) + ("", 0, "", "", "", "", ""))[:7]
        size = round(size) or canvas.label_size
        across = side in ("x", "t")
        length = canvas.width if across else canvas.height  # the axis is never longer than the image side
        items = _items(spec, side in value_sides, horizontal, count, ticks, x_ticks,
                       labels.get(index), ranges.get(index), positions.get(index), fmt, length)
        items = thinned(items, length, count, _extent(canvas, size, across))
        tick_lengths = lengths.get(index) or (TICK_LENGTH,)
        gap = canvas_gap(control, tick_lengths)
        if side in ("x", "t"):
            room = canvas.line_height(size) + gap
        else:
            room = max((canvas.text_width(t, size) for _, t in items), default=0) + gap
        axes.append(Axis(side, tuple(items), colour or canvas.inks["text"], size, align, control or "lt",
                         used[side], room, tick or None, line or None, tick_lengths))
        used[side] += room
    return axes, used


def _extent(canvas, size, across):
    """Pixels one label of ``text`` takes along the axis, estimated without measuring each label."""
    if not across:
        height = canvas.line_height(size)
        return lambda text: height
    digit = canvas.text_width("0", size)
    return lambda text: digit * len(text)


def thinned(items, length, count, extent):
    """The items an axis ``length`` px long can show, chosen before any text is measured.

    Items closer than MIN_TICK_SPACING are thinned to every n-th, and labels closer than their
    (estimated) size to every m-th (m a multiple of n): the other items keep their tick, without text.
    """
    def pixel(place):
        kind, value = place
        if kind == "f":
            return value * length
        if kind == "c":
            return value * length / max(count, 1)
        return None  # value and x ticks: already as few as fit (scale.nice_ticks)

    places = [pixel(place) for place, _ in items]
    if len(items) < 3 or None in places:
        return items
    spacing = (max(places) - min(places)) / (len(items) - 1)
    widest = max((extent(text) for _, text in items if text), default=0.0)
    if spacing >= max(widest * LABEL_ROOM, MIN_TICK_SPACING):
        return items
    if spacing <= 0:
        return items[:1]
    ticks = _every(MIN_TICK_SPACING / spacing)
    labels = ticks * _every(widest * LABEL_ROOM / spacing / ticks)
    return [(place, text if n % labels == 0 else "") for n, (place, text) in enumerate(items) if n % ticks == 0]


def _every(ratio):
    """The smallest 1, 2 or 5 x 10^n that is at least ``ratio``: thinned ticks and labels keep round steps."""
    return 1 if ratio <= 1 else round(nice_step(ratio, 1))


def canvas_gap(control, lengths=(TICK_LENGTH,)):
    """Pixels between the plot edge and an axis' labels: past its longest outward tick."""
    return 3 + (max(max(lengths), 2) if "t" in (control or "lt") else 2)


def _items(spec, on_value_side, horizontal, count, ticks, x_ticks, labels, span, positions, fmt="", length=2000):
    low, high = (span[0], span[1]) if span else DEFAULT_RANGE
    step = span[2] if span else None
    number = (lambda v, _step=None: styles.format_value(fmt, v)) if fmt else format_number  # chxs N*...*

    def fraction(v):
        return (v - low) / (high - low) if high != low else 0.0

    if labels is not None:
        if positions:
            return [(("f", fraction(p)), t) for p, t in zip(positions, labels)]
        n = len(labels)
        if not on_value_side and n == count and count:
            return [(("c", count - 1 - i if horizontal else i), t) for i, t in enumerate(labels)]
        return [(("f", i / (n - 1) if n > 1 else 0.0), t) for i, t in enumerate(labels)]
    if positions:
        return [(("f", fraction(p)), number(p)) for p in positions]
    if span:
        lo, hi = min(low, high), max(low, high)
        if step:
            n = int(min((hi - lo) / step + 1e-9, 1e12)) + 1
            every = _every((n - 1) / max(1, length // MIN_TICK_SPACING))  # at most a tick per 2 px
            marks = [lo + i * step for i in range(0, n, every)]
            step *= every
        else:
            marks = nice_ticks(lo, hi, 6, fixed_low=lo, fixed_high=hi).values
        shown_step = step or (marks[1] - marks[0] if len(marks) > 1 else None)
        plain_number = number if fmt else plain
        return [(("f", fraction(v)), plain_number(v, shown_step)) for v in marks]
    if on_value_side:
        return [(("v", v), number(v, ticks.step)) for v in ticks.values]
    if x_ticks is not None:
        return [(("x", v), number(v, x_ticks.step)) for v in x_ticks.values]
    every = _every(count / max(1, length // MIN_TICK_SPACING))  # 100,000 categories: every n-th, unwritten
    if spec.labels:
        return [(("c", i), spec.labels[i]) for i in range(0, min(count, len(spec.labels)), every)]
    return [(("c", i), number(i + 1)) for i in range(0, count, every)]


def plain(value, step=None):
    """A range label written out as Google did (``2010``, ``1200``, ``0.25``): no ``k``/``M`` shortening."""
    if abs(value) >= 1e15 or (value and abs(value) < 1e-4):
        return format_number(value, step)
    decimals = 0 if not step else max(0, min(6, -math.floor(math.log10(abs(step)) + 1e-9)))
    text = f"{value:.{decimals}f}"
    return "0" if float(text) == 0 else text


def draw(canvas, axes, plot):
    """Draw each axis' line, tick marks and labels around ``plot`` (a frame.Plot)."""
    box = plot.box
    innermost = set()
    for axis in axes:
        along = _along(axis, plot)
        pixels = [(p, text) for p, text in ((along(place), text) for place, text in axis.items) if p is not None]
        first = axis.side not in innermost
        innermost.add(axis.side)
        ink = canvas.inks["axis"]
        edge = {"x": box.bottom, "t": box.top, "y": box.left, "r": box.right}[axis.side]
        outward = 1 if axis.side in ("x", "r") else -1
        if "l" in axis.control and first:
            line_ink = axis.line_colour or ink
            if axis.side in ("x", "t"):
                canvas.rect(box.left, round(edge) - (1 if outward < 0 else 0), box.right,
                            round(edge) + (1 if outward > 0 else 0), line_ink)
            else:
                canvas.rect(round(edge) - (1 if outward < 0 else 0), box.top,
                            round(edge) + (1 if outward > 0 else 0), box.bottom, line_ink)
        start = edge + outward * axis.offset
        if "t" in axis.control:
            _ticks(canvas, axis, [p for p, _ in pixels], edge, start, outward, box)
        gap = canvas_gap(axis.control, axis.ticks)
        for p, text in pixels:
            _label(canvas, axis, p, start + outward * gap, text)


def _ticks(canvas, axis, places, edge, start, outward, box):
    """Tick marks, their lengths cycled: outward from the axis, or (negative) into the plot, cut at its far side."""
    ink = axis.tick_colour or canvas.inks["axis"]
    across = axis.side in ("x", "t")
    depth = box.height if across else box.width
    for n, p in enumerate(places):
        length = axis.ticks[n % len(axis.ticks)]
        q = round(p)
        if length >= 0:
            a, b = start, start + outward * length
        else:
            a, b = edge, edge - outward * min(-length, depth)
        a, b = sorted((round(a), round(b)))
        if b == a:
            continue
        if across:
            canvas.rect(q, a, q + 1, b, ink)
        else:
            canvas.rect(a, q, b, q + 1, ink)


def _along(axis, plot):
    box = plot.box
    horizontal_axis = axis.side in ("x", "t")
    length = box.width if horizontal_axis else box.height

    def place(item):
        kind, value = item
        if kind == "f":
            p = box.left + value * length if horizontal_axis else box.bottom - value * length
        elif kind == "c":
            p = plot.position(value)
        elif kind == "v":
            p = plot.value(value)
        else:
            p = plot.position(value)
        low, high = (box.left, box.right) if horizontal_axis else (box.top, box.bottom)
        return p if low - 1 <= p <= high + 1 else None

    return place


def _label(canvas, axis, p, at, text):
    size, fill = axis.size, axis.colour
    if axis.side in ("x", "t"):
        horizontal = {"-1": "l", "1": "r"}.get(axis.align, "m")
        vertical = "a" if axis.side == "x" else "d"
        half = canvas.text_width(text, size) / 2 if horizontal == "m" else 0
        x = min(max(p, half + 1), canvas.width - 1 - half)
        canvas.text(x, at, text, size=size, fill=fill, anchor=horizontal + vertical, role="axis")
        return
    width = axis.room - canvas_gap(axis.control, axis.ticks)
    align = axis.align or ("1" if axis.side == "y" else "-1")
    if axis.side == "y":
        x = {"1": at, "-1": at - width, "0": at - width / 2}[align]
    else:
        x = {"-1": at, "1": at + width, "0": at + width / 2}[align]
    canvas.text(x, p, text, size=size, fill=fill, anchor={"1": "rm", "-1": "lm", "0": "mm"}[align], role="axis")
