"""What charts share: title, legend, value and category axes, the plot box.

The layout is computed from the outside in: title, then legend (on its own
side, so it never covers the plot), then axis labels; what remains is the plot.
"""

import math
from ..memo import memo
from ..record import record

from .. import theme
from . import axes, fills
from ..scale import Linear, format_number, nice_step, nice_ticks

MIN_LABEL_SLOT = 40  # px: narrower category slots thin labels out instead of shortening them
MEASURED_LABELS = 40  # only the longest category labels are measured to space them
COMPACT_WIDTH, COMPACT_HEIGHT = 110, 70  # below this: no title, legend or axis labels
MIN_LINE_SPACING = 2  # px: grid lines (and ticks) closer than this are thinned to every n-th one


@record
class Box:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self):
        return max(0.0, self.right - self.left)

    @property
    def height(self):
        return max(0.0, self.bottom - self.top)

    @property
    def rect(self):
        return (self.left, self.top, self.right, self.bottom)


@record
class Entry:
    """One legend line: a name, a colour and the kind of key drawn beside it."""

    name: str
    colour: object
    key: str = "box"  # box | line | dot
    index: int = -1  # the series (or label) it names, for ``legendorder``
    look: int = 0  # the round of colours (theme.cycle): dashed key, other marker, hatched box


def compact(canvas):
    return canvas.width < COMPACT_WIDTH or canvas.height < COMPACT_HEIGHT


def outer_box(canvas):
    margins = getattr(canvas, "margins", ())
    if margins:
        left, right, top, bottom = margins
        return Box(left, top, max(left + 1, canvas.width - right), max(top + 1, canvas.height - bottom))
    pad = theme.PAD if not compact(canvas) else 2
    return Box(pad, pad, canvas.width - pad, canvas.height - pad)


TITLE_LINES = 2  # a title line too long for the image wraps onto this many lines before it is cut


def title(canvas, spec, box):
    """Draw the title at the top (centred unless ``titlealign``); return the box below it."""
    if not spec.title or compact(canvas):
        return box
    size = round(spec.titlesize) or canvas.title_size
    ink = spec.titlecolor or canvas.inks["title"]
    top = box.top
    align = getattr(spec, "titlealign", "center")
    x, anchor = {"left": (box.left, "la"), "right": (box.right, "ra")}.get(align, ((box.left + box.right) / 2, "ma"))
    for line in (part.strip() for part in spec.title.split("|")):  # `|` starts a new line
        for text in canvas.wrap(line, box.width, size, TITLE_LINES):  # two lines before an ellipsis
            canvas.text(x, top, text, size=size, fill=ink, anchor=anchor, role="title")
            top += canvas.line_height(size)
    return Box(box.left, top + theme.PAD / 2, box.right, box.bottom)


def no_data(canvas, box, message="No data"):
    """Say so in the middle of ``box``."""
    canvas.plot = box.rect
    canvas.text((box.left + box.right) / 2, (box.top + box.bottom) / 2, message,
                fill=canvas.plot_inks["muted"], anchor="mm", role="label")


def series_entries(spec, key):
    """Legend entries for the named series."""
    return [Entry(name, theme.series_colour(spec.colors, i), key, i, theme.cycle(i, len(spec.colors)))
            for i, name in enumerate(spec.legend) if name]


def report(canvas, spec, points, count=None):
    """Tell the canvas each series' name, colour and points (for the layout).

    ``points``: the rows, or a function giving them (then ``count`` series), computed only if asked.
    """
    if callable(points):
        rows = memo(1)(points)  # not functools.lru_cache: functools builds a namedtuple (~4 ms cold)
        points = [lambda n=n: rows()[n] for n in range(count)]
    for index, series in enumerate(points):
        name = spec.legend[index] if index < len(spec.legend) else ""
        canvas.add_series(name, theme.series_colour(spec.colors, index), series)


def legend(canvas, entries, box, position):
    """Draw the legend beside ``box`` (never inside it) and return the box left for the plot."""
    if not entries or position == "none" or compact(canvas):
        return box
    size = getattr(canvas, "legend_size", 0) or canvas.label_size
    entries = ordered(canvas, entries, getattr(canvas, "legend_order", ""), size)
    if not entries:
        return box
    swatch, gap = theme.LEGEND_SWATCH * size / 12, theme.LEGEND_GAP
    widths = [swatch + 5 + canvas.text_width(e.name, size) for e in entries]
    if position == "auto":
        if sum(widths) + gap * (len(widths) - 1) <= box.width:
            position = "top"
        elif max(widths) <= box.width * 0.3:
            position = "right"
        else:
            position = "bottom"
    row_height = max(canvas.line_height(size), swatch) + 4
    if position in ("right", "left"):
        return _legend_column(canvas, entries, box, swatch, row_height, at_left=position == "left")
    return _legend_rows(canvas, entries, box, swatch, row_height, gap, at_top=position == "top",
                        column=getattr(canvas, "legend_column", False))


def ordered(canvas, entries, order, size):
    """The entries in ``legendorder``: as given, ``r`` reversed, ``a`` shortest first (in 10 px steps, as
    Google's automatic order), or a list of indices (entries not listed are left out)."""
    if not order:
        return entries
    if order == "r":
        return entries[::-1]
    if order == "a":
        return sorted(entries, key=lambda e: math.ceil(canvas.text_width(e.name, size) / 10))
    by_index = {e.index: e for e in entries}
    wanted = [int(i) for i in order.split(",")]
    return [by_index[i] for i in dict.fromkeys(wanted) if i in by_index]


def column_width(canvas, entries, box):
    """The width a legend on the right takes (without the gap before it)."""
    size = getattr(canvas, "legend_size", 0) or canvas.label_size
    swatch = theme.LEGEND_SWATCH * size / 12
    widest = max(canvas.text_width(e.name, size) for e in entries)
    rows = int(box.height // (max(canvas.line_height(size), swatch) + 4))
    if len(entries) > rows:  # the last row will read "+N more": room for it too
        widest = max(widest, canvas.text_width(f"+{len(entries)} more", size) - swatch - 5)
    return min(box.width * 0.35, swatch + 5 + widest)


def _legend_column(canvas, entries, box, swatch, row_height, *, at_left=False):
    column_width_ = column_width(canvas, entries, box)
    rows = max(1, min(len(entries), int(box.height // row_height)))
    left = box.left if at_left else box.right - column_width_
    top = box.top + (box.height - rows * row_height) / 2
    for index, entry in enumerate(_fitting(entries, rows)):
        _entry(canvas, entry, left, top + index * row_height, swatch, row_height, column_width_)
    if at_left:
        return Box(left + column_width_ + theme.LEGEND_GAP, box.top, box.right, box.bottom)
    return Box(box.left, box.top, left - theme.LEGEND_GAP, box.bottom)


def _legend_rows(canvas, entries, box, swatch, row_height, gap, *, at_top, column=False):
    """Entries in rows above or below the plot, centred; ``column``: one a row, left-aligned (Google's bv/tv)."""
    max_rows = 3 if not column else max(1, int(box.height * 0.6 // row_height))
    rows, current, used = [], [], 0.0
    for entry in entries:
        width = min(box.width, swatch + 5 + canvas.text_width(entry.name, getattr(canvas, "legend_size", 0) or None))
        if current and (column or used + gap + width > box.width):
            rows.append((current, used))
            current, used = [], 0.0
        used = used + (gap if current else 0) + width
        current.append((entry, width))
    if current:
        rows.append((current, used))
    if len(rows) > max_rows:
        shown = sum(len(row) for row, _ in rows[:max_rows])
        last_row, used = rows[max_rows - 1]
        more = _fitting([None] * len(entries), shown)[-1]  # the last one shown gives way to "+N more"
        rows = rows[:max_rows - 1] + [(last_row[:-1] + [(more, last_row[-1][1])], used)]
    height = len(rows) * row_height
    top = box.top if at_top else box.bottom - height
    for row_index, (row, used) in enumerate(rows):
        x = box.left + (box.width - used) / 2 if not column else box.left
        for entry, width in row:
            _entry(canvas, entry, x, top + row_index * row_height, swatch, row_height, width)
            x += width + gap
    if at_top:
        return Box(box.left, box.top + height + theme.PAD / 2, box.right, box.bottom)
    return Box(box.left, box.top, box.right, box.bottom - height - theme.PAD / 2)


def _fitting(entries, rows):
    """The entries that fit in ``rows``; when some do not, the last row says how many are left out."""
    if len(entries) <= rows or rows < 2:
        return entries[:rows]
    return [*entries[:rows - 1], Entry(f"+{len(entries) - rows + 1} more", None, "more")]


def _entry(canvas, entry, left, top, swatch, row_height, width):
    middle = top + row_height / 2
    if entry.key == "more":
        size = getattr(canvas, "legend_size", 0) or None
        text = canvas.fit(entry.name, width, size)
        canvas.text(left, middle, text, size=size, fill=getattr(canvas, "legend_ink", None), anchor="lm",
                    role="legend")
        return
    if entry.key == "line":
        dash, space = theme.CYCLE_DASHES[entry.look]
        x = left
        while x < left + swatch:
            stop = min(left + swatch, x + dash) if dash else left + swatch
            canvas.rect(x, round(middle) - 1, stop, round(middle) + 1, entry.colour)
            x = stop + space if dash else stop
    elif entry.key == "dot":
        marker(canvas, theme.CYCLE_MARKERS[entry.look], left + swatch / 2, middle, swatch / 3, entry.colour)
    else:
        box = (round(left), round(middle - swatch / 2), round(left + swatch), round(middle + swatch / 2))
        canvas.shape_rect(*box, entry.colour)
        hatch(canvas, box, theme.CYCLE_HATCHES[entry.look])
    size = getattr(canvas, "legend_size", 0) or None
    text = canvas.fit(entry.name, width - swatch - 5, size)
    canvas.text(left + swatch + 5, middle, text, size=size, fill=getattr(canvas, "legend_ink", None), anchor="lm",
                role="legend")


def marker(canvas, shape, x, y, radius, ink):
    """A dot, square, diamond or triangle of about ``radius`` centred on (x, y)."""
    if shape == "square":
        r = radius * 0.9
        canvas.polygon([(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)], ink)
    elif shape == "diamond":
        r = radius * 1.25
        canvas.polygon([(x, y - r), (x + r, y), (x, y + r), (x - r, y)], ink)
    elif shape == "triangle":
        r = radius * 1.3
        canvas.polygon([(x, y - r), (x + r * 0.87, y + r / 2), (x - r * 0.87, y + r / 2)], ink)
    else:
        canvas.circle(x, y, radius, ink)


HATCH_STEP = 4  # pixels between hatch lines


def hatch(canvas, box, kind):
    """Background-coloured lines across a bar (``rows``, ``columns`` or a ``grid``) for repeated colours."""
    if not kind:
        return
    left, top, right, bottom = (min(box[0], box[2]), min(box[1], box[3]), max(box[0], box[2]), max(box[1], box[3]))
    ink = canvas.background
    if kind in ("rows", "grid"):
        for y in range(math.ceil(top) + 1, math.floor(bottom), HATCH_STEP):
            canvas.rect(left, y, right, y + 1, ink)
    if kind in ("columns", "grid"):
        for x in range(math.ceil(left) + 1, math.floor(right), HATCH_STEP):
            canvas.rect(x, top, x + 1, bottom, ink)


# --- axes ----------------------------------------------------------------------


@record
class Plot:
    """The plot box and how to place data in it."""

    box: Box
    value: Linear  # data value -> pixel along the value axis
    position: object  # category index (or x value for scatter) -> pixel centre
    band: float  # pixels per category
    horizontal: bool = False

    @property
    def clip(self):
        return self.box.rect


def category_positions(box, count, mode, horizontal=False, *, edge=False):
    """(index -> pixel centre as a Linear, band) for ``count`` categories as points or as bands.

    ``edge``: points run from edge to edge (listed axes label the plot's full width).
    """
    start, length = (box.top, box.height) if horizontal else (box.left, box.width)
    if mode == "bands":
        band = length / max(count, 1)
        return Linear(-0.5, count - 0.5, start, start + length), band
    inset = 0.0 if edge else min(12.0, max(4.0, length * 0.02))
    if count <= 1:
        return Linear(0, 0, start, start + length), length - 2 * inset
    return Linear(0, count - 1, start + inset, start + length - inset), (length - 2 * inset) / (count - 1)


def _label_lines(canvas, spec, count, width):
    """2 when some category label is too wide for its slot (it wraps, a long word broken inside), else 1."""
    if not spec.labels or count < 1:
        return 1
    slot = width / count - 10
    if slot < MIN_LABEL_SLOT:
        return 1
    longest = sorted(spec.labels[:count], key=len, reverse=True)[:MEASURED_LABELS]
    return 2 if any(canvas.text_width(t) > slot for t in longest) else 1


def _category_ticks(spec, count, spacing, canvas, limit_width):
    """(index, text) for the category labels that fit without overlapping."""
    if count == 0:
        return []
    if spec.labels:
        labels = spec.labels[:count]
        longest = sorted(labels, key=len, reverse=True)[:MEASURED_LABELS]  # width grows with length
        widest = min(limit_width, max((canvas.text_width(t) for t in longest), default=0))
        every = max(1, math.ceil((widest + 10) / max(spacing, 1e-9)))
        if every > 1 and spacing - 10 >= MIN_LABEL_SLOT:  # every label, shortened, reads better than some
            every, limit_width = 1, min(limit_width, spacing - 10)
        shown = [(i, canvas.fit(labels[i], limit_width)) for i in range(0, len(labels), every)]
        return [(i, text) for i, text in shown if text]
    widest = canvas.text_width(format_number(count)) + 16
    step = max(1, int(nice_step(count, max(1, (spacing * count) // widest))))
    first = step if step > 1 else 1
    return [(n - 1, format_number(n)) for n in range(first, count + 1, step)] or [(0, "1")]


def cartesian(canvas, spec, box, *, low, high, count=0, mode="points", x_range=None, horizontal=False, place=None,
              time_range=None):
    """Lay out and draw the axes, grid and labels; return the Plot to draw data into.

    ``low``/``high`` is the data range on the value axis; ``count`` categories
    are placed as points or bands, or ``x_range`` gives a numeric x axis (scatter),
    or ``time_range`` (lo, hi, tz[, finest tick step in seconds]) a time axis in Unix seconds;
    ``place(plot box) -> (position, band)`` overrides where the categories go.
    """
    inks, size = canvas.inks, canvas.label_size
    labelled = not compact(canvas)
    line = canvas.line_height() if labelled else 0
    gap = theme.TICK_GAP if labelled else 0
    along = box.width if horizontal else box.height  # room for the value axis
    if horizontal:
        sample = max(canvas.text_width(format_number(v)) for v in (low, high)) + 24
        max_ticks = max(1, int(box.width // sample))
    else:
        max_ticks = max(1, int((along - 2 * line) // theme.MIN_TICK_SPACING))
    ticks = nice_ticks(low, high, max_ticks, fixed_low=spec.min, fixed_high=spec.max)
    tick_texts = [format_number(v, ticks.step) for v in ticks.values] if labelled else []
    tick_width = max((canvas.text_width(t) for t in tick_texts), default=0)

    x_ticks = nice_ticks(*x_range, max(1, int(box.width // 70))) if x_range else None
    if horizontal:
        longest = sorted(spec.labels, key=len, reverse=True)[:MEASURED_LABELS]  # not thousands measured
        label_room = min(box.width * 0.4, max((canvas.text_width(t) for t in longest), default=0)
                         if spec.labels else canvas.text_width(str(count)))
        plot = Box(box.left + (label_room + gap if labelled else 0), box.top,
                   box.right - (tick_width / 2 if labelled else 0), box.bottom - line - gap)
    else:
        right_room = 0
        if labelled and x_ticks:
            right_room = canvas.text_width(format_number(x_ticks.values[-1], x_ticks.step)) / 2 if x_ticks.values else 0
        lines_below = _label_lines(canvas, spec, count, box.width - tick_width - gap) if labelled else 1
        plot = Box(box.left + (tick_width + gap if labelled else 0), box.top + line / 2,
                   box.right - right_room, box.bottom - line * lines_below - gap)
    explicit = []
    if spec.axes:  # listed axes (or none) replace the default labels
        tick_texts, labelled = [], False
        if spec.axes != "none" and not compact(canvas):
            explicit, used = axes.build(canvas, spec, horizontal=horizontal, count=count, ticks=ticks, x_ticks=x_ticks)
            top_room = used["t"] or (canvas.line_height() / 2 if used["y"] or used["r"] else 0)
            plot = Box(box.left + used["y"], box.top + top_room, box.right - used["r"], box.bottom - used["x"])
        else:
            plot = box
    if plot.width < 4 or plot.height < 4:
        plot = Box(box.left, box.top, max(box.right, box.left + 4), max(box.bottom, box.top + 4))
        labelled, explicit = False, []
    fills.paint(canvas, spec.plotfill, plot.rect)

    if horizontal:
        value = Linear(ticks.low, ticks.high, plot.left, plot.right)
        position, band = category_positions(plot, count, mode, horizontal=True)
    else:
        value = Linear(ticks.low, ticks.high, plot.bottom, plot.top)
        if time_range:
            position, band = Linear(time_range[0], time_range[1], plot.left, plot.right), plot.width
        elif x_ticks:
            scale_x = Linear(x_ticks.low, x_ticks.high, plot.left, plot.right)
            position, band = scale_x, plot.width
        else:
            position, band = category_positions(plot, count, mode, edge=bool(spec.axes))
    if place is not None:  # the chart lays out its own categories (bars of a fixed width)
        position, band = place(plot)
    result = Plot(plot, value, position, band, horizontal)
    canvas.plot = plot.rect

    if spec.gridlines:
        grid_lines(canvas, result, spec.gridlines)
    _value_axis(canvas, spec, result, ticks, tick_texts if labelled else [], horizontal)
    if explicit:
        axes.draw(canvas, explicit, result)
    if time_range:
        time_axis(canvas, spec, result, time_range, labelled=labelled, top=plot.bottom + gap, left=box.left)
    elif x_ticks:
        _value_grid(canvas, spec, plot, x_ticks, position, vertical_lines=True)
        if labelled and not spec.axes:
            for v in x_ticks.values:
                canvas.text(position(v), plot.bottom + gap, format_number(v, x_ticks.step),
                            fill=inks["muted"], anchor="ma", role="xtick")
    elif labelled and not spec.axes:
        spacing = band if mode == "bands" else (band if count > 1 else plot.width)
        if horizontal:
            if spec.labels:
                limit = label_room
                row_size = _row_label_size(canvas, band)  # a step smaller before rows are thinned out
                row = canvas.line_height(row_size)
                every = max(1, math.ceil(row / max(band, 1e-9)))
                two = every == 1 and band >= 2 * row + 2  # rows tall enough for a label on two lines
                for i in range(0, min(count, len(spec.labels)), every):
                    label = spec.labels[i]
                    rows = canvas.wrap(label, limit, row_size, 2) if two and canvas.text_width(label, row_size) > limit \
                        else [canvas.fit(label, limit, row_size)]
                    for n, text in enumerate(rows):
                        canvas.text(plot.left - gap, position(i) + (n - (len(rows) - 1) / 2) * row, text,
                                    size=row_size, fill=inks["text"], anchor="rm", role="ytick")
            else:
                for i, text in _category_ticks(spec, count, band, canvas, label_room):
                    canvas.text(plot.left - gap, position(i), text, fill=inks["text"], anchor="rm", role="ytick")
        else:
            limit = max(plot.width / 2, 40)
            placed = []
            two = lines_below == 2 and spacing - 10 >= MIN_LABEL_SLOT
            for i, text in _category_ticks(spec, count, spacing, canvas, limit):
                rows = canvas.wrap(spec.labels[i], spacing - 10, None, 2) if two and text != spec.labels[i] else [text]
                half = max(canvas.text_width(r) for r in rows) / 2
                x = min(max(position(i), box.left + half), canvas.width - 2 - half)
                placed.append((x - half, x + half, x, rows))
            for _, _, x, rows in apart(placed):
                for n, text in enumerate(rows):
                    canvas.text(x, plot.bottom + gap + n * line, text, fill=inks["text"], anchor="ma", role="xtick")
    del size
    return result


def time_axis(canvas, spec, plot, time_range, *, labelled, top, left):
    """Calendar ticks along the bottom (see dyngraph.timescale): grid lines and concise labels, measured."""
    from .. import timescale

    lo, hi, tz = time_range[:3]
    finest = time_range[3] if len(time_range) > 3 else 0.0
    box, position = plot.box, plot.position
    span = (left, canvas.width - 2)
    gap = max(8.0, canvas.label_size * 0.8)
    chosen = timescale.choose(lo, hi, tz, left=box.left, right=box.right, measure=canvas.text_width, gap=gap,
                              span=span, finest=finest)
    xs = [position(t) for t in chosen.values]
    if spec.grid and not spec.gridlines:
        for x in xs:
            p = round(x)
            if box.left < p < box.right:
                canvas.rule(p, box.top, p + 1, box.bottom, canvas.inks["grid"], "grid")
    if not labelled:
        return chosen
    widths = [canvas.text_width(t) for t in chosen.labels]
    for (l, r), text in zip(timescale.placed(xs, widths, span), chosen.labels):
        canvas.text((l + r) / 2, top, text, fill=canvas.inks["muted"], anchor="ma", role="xtick")
    return chosen


LABEL_GAP = 4  # px at least between neighbouring category labels
SMALLER_STEP = 2  # px: how much smaller hbar row labels may get before rows are thinned out


def apart(placed, gap=LABEL_GAP):
    """The (start, end, ...) boxes along an axis that keep ``gap`` apart, in order; never two overlapping.

    The last one is kept (it was pushed inside the image at the edge, and names the end of the
    axis): a label before it that it would touch gives way instead.
    """
    kept = []
    for item in placed:
        if kept and item[0] < kept[-1][1] + gap:
            if item is not placed[-1]:
                continue
            while kept and item[0] < kept[-1][1] + gap:
                kept.pop()
        kept.append(item)
    return kept


def _row_label_size(canvas, band):
    """The hbar row label size: the label size, or a step smaller when that lets every row be labelled."""
    size = canvas.label_size
    if canvas.line_height(size) > band and canvas.line_height(max(theme.FONT_MIN, size - SMALLER_STEP)) <= band:
        return max(theme.FONT_MIN, size - SMALLER_STEP)
    return size


def grid_lines(canvas, plot, gridlines):
    """Google-style grid: a line every x and y percent of the plot, dashed, from an offset."""
    x_step, y_step, dash, space, x_offset, y_offset = gridlines
    box, ink = plot.box, canvas.plot_inks["grid_strong"]
    for step, offset, vertical in ((x_step, x_offset, True), (y_step, y_offset, False)):
        if step <= 0:
            continue
        length = box.width if vertical else box.height
        first = offset % step
        count = int((100 - first) / step + 1e-9) + 1
        spacing = step / 100 * length
        every = max(1, math.ceil(MIN_LINE_SPACING / spacing)) if spacing > 0 else count
        for n in range(0, count, every):  # a finer grid is thinned to every n-th line: it looks the same
            f = (first + n * step) / 100
            p = round(box.left + f * length) if vertical else round(box.bottom - f * length)
            p = min(p, round(box.right) - 1) if vertical else max(p, round(box.top))
            if vertical:
                canvas.dashes(p, box.top, p, box.bottom, ink, dash, space)
            else:
                canvas.dashes(box.left, p, box.right, p, ink, dash, space)


def _value_grid(canvas, spec, plot, ticks, scale, *, vertical_lines):
    if not spec.grid or spec.gridlines:
        return
    for v in ticks.values:
        p = round(scale(v))
        if vertical_lines and plot.left <= p < plot.right:
            canvas.rule(p, plot.top, p + 1, plot.bottom, canvas.plot_inks["grid"], "grid")
        elif not vertical_lines and plot.top <= p <= plot.bottom:
            canvas.rule(plot.left, p, plot.right, p + 1, canvas.plot_inks["grid"], "grid")


def _value_axis(canvas, spec, plot, ticks, texts, horizontal):
    """Grid lines, zero line and tick labels along the value axis; a label that would touch the last one
    drawn is left out (a plot squeezed to a few pixels still never overprints)."""
    box, scale, inks, lines = plot.box, plot.value, canvas.inks, canvas.plot_inks
    gap = theme.TICK_GAP
    has_zero = ticks.low < 0 < ticks.high
    last = None  # (start, end) along the axis of the last label drawn
    for v, text in zip(ticks.values, texts or [""] * len(ticks.values)):
        p = round(scale(v))
        if horizontal:
            if spec.grid and not spec.gridlines and box.left <= p <= box.right and not (has_zero and v == 0):
                canvas.rule(p, box.top, p + 1, box.bottom, lines["grid"], "grid")
            half = canvas.text_width(text) / 2 + 2
        else:
            if spec.grid and not spec.gridlines and box.top <= p <= box.bottom and not (has_zero and v == 0):
                canvas.rule(box.left, p, box.right, p + 1, lines["grid"], "grid")
            half = canvas.line_height() / 2
        if not text:
            continue
        span = (p - half, p + half)
        if last is not None and span[0] < last[1] and last[0] < span[1]:
            continue
        last = span
        if horizontal:
            canvas.text(p, box.bottom + gap, text, fill=inks["muted"], anchor="ma", role="xtick")
        else:
            canvas.text(box.left - gap, p, text, fill=inks["muted"], anchor="rm", role="ytick")
    baseline = scale(0) if has_zero else scale(ticks.low)
    p = round(baseline)
    role = "zero" if has_zero else "axis"
    if horizontal:
        canvas.rule(p, box.top, p + 1, box.bottom, lines[role], role)
    else:
        canvas.rule(box.left, p, box.right, p + 1, lines[role], role)
