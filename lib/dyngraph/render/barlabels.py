"""Value labels (marks ``N``, Google's ``chm=N``, QuickChart's datalabels): where they read, or not at all.

On points (lines, radar, marker series) a label sits above its point, else below it, and is
left out where it would overprint other text (a label of a denser neighbour, the title).

A label sits beyond its bar's end (above a bar, below a negative one, right of an
hbar, left of a negative one), where the value axis has room reserved for it
(bar._room_for_values); where that leaves the plot or meets other text or another
bar, it goes inside the bar end, in an ink that reads on the bar (4.5:1), when it
fits there. A label whose colour would not read beside the bar (white labels on a
white plot) tries inside first, and beside the bar takes the plot's text ink. A
stacked segment's label goes inside the segment, in its middle; only the outermost
segment of a stack may put it beyond the stack's end. A label with room nowhere is
dropped, never overprinted, and the chart says how many were
(canvas.notes: the layout's ``notes``, the X-Dyngraph-Unsupported header).
"""

import math

from .. import styles, theme

GAP = 3  # px between a bar's end and its value label
SPACE = 2  # px at least between a value label and other text
MAX_SPANNED = 128  # bars at most under one label beyond its bar, checked one by one (more: it would cover some)
CELL = 32  # px: the occupied boxes are kept in columns this wide, so a label is checked against its neighbours only


class Occupied:
    """Boxes (l, t, r, b) already taken by text, bucketed by column."""

    def __init__(self, boxes=()):
        self._columns = {}
        for box in boxes:
            self.add(box)

    def add(self, box):
        for column in range(math.floor(box[0] / CELL), math.floor(box[2] / CELL) + 1):
            self._columns.setdefault(column, []).append(box)

    def free(self, box, space=0):
        """True when ``box``, widened by ``space`` on each side, meets none of the boxes."""
        box = (box[0] - space, box[1] - space, box[2] + space, box[3] + space)
        return not any(_overlap(box, other) for column in range(math.floor(box[0] / CELL), math.floor(box[2] / CELL) + 1)
                       for other in self._columns.get(column, ()))


def _overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _within(inner, outer):
    return outer[0] <= inner[0] and inner[2] <= outer[2] and outer[1] <= inner[1] and inner[3] <= outer[3]


class BarLabels:
    """The value labels of one chart's bars, placed one by one against what is already drawn.

    ``bars`` (bar.BarGeometry): ``box(s, i)`` the drawn rectangle of a bar, ``colour(s, i)``,
    ``stacked``, ``outermost(s, i)``, ``span(i)`` (category i's extent across the value axis) and
    ``series`` (how many).
    """

    def __init__(self, canvas, places, bars):
        self.canvas, self.bars = canvas, bars
        self.horizontal = places.plot.horizontal
        self.scale = canvas.scale
        s = self.scale
        plot = places.plot.box
        self.plot = (plot.left * s, plot.top * s, plot.right * s, plot.bottom * s)
        self.taken = Occupied(tuple(box) for _, _, box in canvas.texts())
        self.dropped = self.dropped_points = 0
        self._categories = {}

    def label(self, kind, value, size, colour, series, index):
        """Place the label of bar (series, index), of value ``value``, or count it as dropped."""
        bar = self.bars.box(series, index)
        if bar is None:
            return
        text = styles.format_value(kind, value)
        if not text:
            return
        size = round(size) or None
        negative = value < 0
        spots = []
        if self.bars.stacked:
            spots.append(("inside", self._middle(bar)))
            if self.bars.outermost(series, index):
                spots.append(("outside", self._beyond(bar, negative)))
        else:
            spots += [("outside", self._beyond(bar, negative)), ("inside", self._within_end(bar, negative))]
        outside_ink = colour if _reads_on(colour, self.canvas.plot_grounds) else self.canvas.plot_inks["text"]
        if outside_ink != colour:  # the colour asked reads on the bars (white labels), not beside them
            spots.sort(key=lambda spot: spot[0] != "inside")
        s = self.scale
        for where, (x, y, anchor) in spots:
            box = self.canvas.text_box(x, y, text, size, anchor)
            if where == "inside":
                room = tuple(v * s for v in bar)
                if not _within(box, room) or not self.taken.free(box, SPACE * self.scale):
                    continue
                ink = _readable(colour, self.bars.colour(series, index))
            else:
                if not _within(box, self.plot) or not self.taken.free(box, SPACE * self.scale):
                    continue
                across = (box[1] / s, box[3] / s) if self.horizontal else (box[0] / s, box[2] / s)
                own = (bar[1], bar[3]) if self.horizontal else (bar[0], bar[2])
                narrow = own[0] - 0.5 <= across[0] and across[1] <= own[1] + 0.5  # over no other bar's column
                others = [] if narrow else self._bars_across(tuple(v / s for v in box), index)
                if others is None or any(_overlap(box, tuple(v * s for v in other)) for other in others
                                         if other != bar):
                    continue
                ink = outside_ink
            self.taken.add(box)
            self.canvas.text(x, y, text, size=size, fill=ink, anchor=anchor, role="value")
            return
        self.dropped += 1

    def point(self, kind, value, size, colour, point):
        """Place the label of a point (a line's, a radar's, a marker series'): above it, else below it, where
        it meets no other text and stays in the image; else count it as dropped."""
        text = styles.format_value(kind, value)
        if not text:
            return
        size, (x, y) = round(size) or None, point
        s = self.scale
        image = (0, 0, self.canvas.width * s, self.canvas.height * s)
        for y_, anchor in ((y - GAP, "md"), (y + GAP, "ma")):
            box = self.canvas.text_box(x, y_, text, size, anchor)
            shift = max(0, image[0] - box[0]) - max(0, box[2] - image[2])  # at the image's edge: moved into it
            x_ = x + shift / s
            if shift:
                box = self.canvas.text_box(x_, y_, text, size, anchor)
            if _within(box, image) and self.taken.free(box, SPACE * s):
                self.taken.add(box)
                self.canvas.text(x_, y_, text, size=size, fill=colour, anchor=anchor, role="value")
                return
        self.dropped_points += 1

    def close(self):
        """Say how many labels had no room."""
        if self.dropped:
            self.canvas.notes.append(f"{self.dropped} value label{'s' if self.dropped > 1 else ''} not drawn: "
                                     f"no room beside or inside {'its bar' if self.dropped == 1 else 'their bars'}")
        if self.dropped_points:
            n = self.dropped_points
            self.canvas.notes.append(f"{n} value label{'s' if n > 1 else ''} not drawn: "
                                     f"{'it' if n == 1 else 'they'} would overprint other text")

    def _bars_across(self, box, index):
        """The boxes of the bars whose categories ``box`` (1x) spans, from category ``index`` outwards; None
        when that is more than MAX_SPANNED bars (bars much thinner than the label: it would cover some)."""
        low, high = (box[1], box[3]) if self.horizontal else (box[0], box[2])
        out = []
        for start, step in ((index, 1), (index - 1, -1)):
            j = start
            for _ in range(MAX_SPANNED // (2 * self.bars.series) + 1):
                span = self.bars.span(j)
                if span is None or span[1] <= low or span[0] >= high:
                    break
                out += self._category(j)
                j += step
            else:
                return None
        return out

    def _category(self, j):
        """The boxes of category j's bars (kept: neighbouring labels ask for the same ones)."""
        if j not in self._categories:
            self._categories[j] = [b for t in range(self.bars.series) if (b := self.bars.box(t, j)) is not None]
        return self._categories[j]

    def _beyond(self, bar, negative):
        left, top, right, bottom = bar
        if self.horizontal:
            middle = (top + bottom) / 2
            return (left - GAP, middle, "rm") if negative else (right + GAP, middle, "lm")
        centre = (left + right) / 2
        return (centre, bottom + GAP, "ma") if negative else (centre, top - GAP, "md")

    def _within_end(self, bar, negative):
        left, top, right, bottom = bar
        if self.horizontal:
            middle = (top + bottom) / 2
            return (left + GAP, middle, "lm") if negative else (right - GAP, middle, "rm")
        centre = (left + right) / 2
        return (centre, bottom - GAP, "md") if negative else (centre, top + GAP, "ma")

    @staticmethod
    def _middle(bar):
        left, top, right, bottom = bar
        return ((left + right) / 2, (top + bottom) / 2, "mm")


def _reads_on(colour, grounds):
    """True when text in ``colour`` has 4.5:1 contrast on every one of ``grounds``."""
    from ..colour import contrast
    from ..values import rgba

    mine = rgba(colour)[:3] if isinstance(colour, str) else tuple(colour)[:3]
    return all(contrast(mine, tuple(g)[:3]) >= theme.TEXT_CONTRAST for g in grounds)


def _readable(colour, under):
    """``colour``, or near-black or white, whichever reads on ``under`` (4.5:1)."""
    from ..colour import contrast
    from ..values import rgba

    under = rgba(under)[:3] if isinstance(under, str) else tuple(under)[:3]
    mine = rgba(colour)[:3] if isinstance(colour, str) else tuple(colour)[:3]
    return colour if contrast(mine, under) >= theme.TEXT_CONTRAST else theme.text_on(under)
