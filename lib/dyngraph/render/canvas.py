"""A drawing surface that antialiases shapes by supersampling and draws text on top.

Shapes are drawn at ``k`` times the size and reduced with ``Image.reduce(k)``;
text is queued and drawn afterwards on the final image, where FreeType
antialiases it. ``k`` shrinks for big images so the supersampled canvas stays
within ``MEMORY_BUDGET``. All coordinates are 1x chart pixels (floats); every
one is clipped or clamped here before Pillow sees it.

The supersampled canvas is never held whole: each shape is recorded with the
rows it can touch, and ``finish`` paints horizontal bands of at most
``BAND_BYTES`` one after the other, each shape into the bands it reaches,
reducing each band into the final image. A 600x300 chart at k=3 would be a
6.5 MB canvas (and its first touch a quarter of a cold render); a band is
1.5 MB at most, reused. The pixels are those of the whole canvas: shapes are
drawn in the same order, shifted by whole samples, and bands start on
multiples of ``k``.

``scale`` (the ``scale`` parameter: 1, 2 or 3) is applied here only: the chart
code lays out at 1x with 1x font metrics, and the canvas draws shapes at
``k * scale`` before reducing by ``k``, and text at ``size * scale``, so a 2x
image is the 1x layout drawn sharper, never re-fitted.
"""

import math
from bisect import bisect_left, bisect_right

from .. import colour as colours
from .. import fonts, pilcore, theme
from ..memo import memo
from ..values import rgba
from ..errors import SpecError
from ..limits import DEFAULT_LIMITS
from .geometry import clamp, clip_polygon, clip_polyline

MEMORY_BUDGET = 24 * 1024 * 1024  # bytes for the supersampled canvas (4 bytes a pixel), were it held whole
BAND_BYTES = 1536 * 1024  # bytes of one band of the supersampled canvas, painted one after the other
MERGE_GAP = 8  # pixel columns: stretches to reduce closer than this are reduced as one
BAND_SHAPES = 400  # a chart of more shapes is painted as one band (each shape drawn into every band it
# crosses would cost more than the canvas's memory saves; MEMORY_BUDGET still bounds it)
TIME_BUDGET = 2_000_000  # supersampled pixels above which k drops (filling and reducing cost time)
MAX_FACTOR = 4
LIMIT = 1e9  # coordinates are clamped to +-LIMIT (and NaN removed) before clipping
CURVE_JOINTS = 1000  # longer polylines get plain joints: Pillow draws each round joint from Python
MAX_LINE_WIDTH = 50.0
# What one drawing step buys (Canvas.charge): a step is as long as a small rectangle takes (1-2 us);
# each primitive's weights were measured against one, timed beside it (bench/hunt.py checks the sum).
WORK = {
    "area": 300,  # supersampled pixels filled (rectangles, polygons, wide lines)
    "disc": 700,  # supersampled pixels of a disc (Pillow fills ellipses faster)
    "slice": 400,  # supersampled pixels of a pie slice
    "rows": 20,  # supersampled rows a line crosses (Pillow fills each segment row by row)
    "points": 0.5,  # points of a line or polygon (clipped, snapped and scaled in Python)
    "joint": 0.3,  # steps per round joint
    "polygon": 20,  # a polygon (clipped in Python)
    "edge_rows": 100,  # supersampled rows x edges of a polygon (filled row by row, edge by edge)
    "columns": 0.6,  # columns of a column-by-column fill
    "paste": 3000,  # supersampled pixels of a pasted image
    "text": 40,  # a text drawn (FreeType renders it)
    "glyph": 6,  # steps per character drawn
    "emoji": 1000,  # steps per emoji new to the chart (its colour glyph drawn at the face's size and scaled: ~1.5 ms)
    "emoji_again": 10,  # steps per emoji drawn again (its scaled tile composited)
    "emoji_probe": 250,  # steps per emoji new to the chart's measuring (the face asked for its glyph: ~0.35 ms)
    "measure": 10,  # a text measured
    "measured": 3,  # characters measured per step
}
ROLES = ("title", "legend", "xtick", "ytick", "label", "value", "axis")  # what a text is, in the layout
HALO = 1  # 1x pixels of the halo around text no one ink reads on everywhere (see Canvas.text_inks)
RULE_PIECE = 12  # px: a grid or axis line over a wide ground is inked per piece this long
SAMPLES = (16, 4)  # at most this many pixels (across, down) of the ground under a text are sampled
SNAP_WIDTH = 3  # lines this thin (whole pixels) are snapped to the pixel grid: solid, not smeared over two rows


def snap(points, pixels):
    """Move points so a line ``pixels`` wide covers whole pixels: centres on .5 for odd widths."""
    half = pixels / 2
    return [(math.floor(x - half + 0.5) + half, math.floor(y - half + 0.5) + half) for x, y in points]


def factor(width, height):
    """The supersampling factor: 4 for small charts, 3 or 2 for bigger ones, 1 only if memory says so."""
    pixels = max(1, width * height)
    wanted = max(2, min(MAX_FACTOR, math.isqrt(TIME_BUDGET // pixels)))
    return max(1, min(wanted, math.isqrt(MEMORY_BUDGET // (pixels * 4))))


def _length(points):
    return sum(math.hypot(x1 - x0, y1 - y0) for (x0, y0), (x1, y1) in zip(points, points[1:]))


def colour(value):
    """A hex string or an RGB(A) tuple -> an RGBA tuple."""
    if isinstance(value, str):
        return rgba(value)
    return tuple(value) + (255,) * (4 - len(value))


def _rule_ink(rgb, ground, need):
    """``rgb`` where it has ``need`` against ``ground``, else its nearest variant that has, else the better extreme."""
    if colours.contrast(rgb, ground) >= need:
        return rgb
    reached = colours.reach(rgb, (ground,), need)
    if colours.contrast(reached, ground) >= need:
        return reached
    return max(((0, 0, 0), (255, 255, 255)), key=lambda e: colours.contrast(e, ground))


@memo(512)
def emoji_tile(cluster, size):
    """(left, top, RGBA tile): the emoji ``cluster`` at ``size`` pixels, left and top from the pen on the
    baseline. Drawn in its colours from the colour face at its strike size (bitmap faces have no other)
    and scaled down (Lanczos after a box reduction; Pillow resamples RGBA premultiplied), once per
    process for each size."""
    from PIL import Image, ImageDraw

    from .. import emoji

    _, strike, font = fonts.colour_face()
    left, top, right, bottom = fonts.emoji_box(cluster)
    big = Image.new("RGBA", (right - left, bottom - top), (0, 0, 0, 0))
    ImageDraw.Draw(big).text((-left, -top), emoji.glyph(cluster), font=font, anchor="ls", embedded_color=True)
    scale = size / strike
    tile = big.resize((max(1, round(big.width * scale)), max(1, round(big.height * scale))),
                      Image.Resampling.LANCZOS, reducing_gap=3.0)
    return round(left * scale), round(top * scale), tile


class EmojiFace:
    """The colour emoji face at one drawn size, where _pieces hands out a font: its box is the tile's."""

    def __init__(self, size):
        self.size = size

    def getbbox(self, text, anchor="ls"):
        left, top, tile = emoji_tile(text, self.size)
        return (left, top, left + tile.width, top + tile.height)


def _face(size, face):
    return EmojiFace(size) if face == fonts.EMOJI else fonts.font(size, face)


def _composite(image, tile, x, y):
    """Blend the RGBA ``tile`` onto ``image`` with its top-left at whole pixel (x, y), cut to the image."""
    image = pilcore.pil(image)
    if image.mode != "RGBA":
        image.paste(tile.convert(image.mode), (x, y), tile.getchannel("A"))
        return
    if x < 0 or y < 0:
        tile = tile.crop((max(0, -x), max(0, -y), tile.width, tile.height))
        x, y = max(0, x), max(0, y)
    if tile.width and tile.height and x < image.width and y < image.height:
        image.alpha_composite(tile, (x, y))


def _row(point):
    return point[1]


def _polyline(points, segments, ink, pixels, joint):
    """Paint a polyline of ``points`` (whole samples) into a band.

    Round joints of an opaque line are discs at the vertices (Pillow's own, ``joint="curve"``, are
    pie slices worked out in Python, vertex by vertex: ~1 ms for a standard chart): the segments are
    drawn by Pillow in one call, clipped to the band, and each vertex near the band gets its disc,
    the circle the slice is cut from, which adds only what the two segments leave uncovered at the
    outer side of the turn. A translucent line keeps Pillow's joints (a disc would blend twice where
    it overlaps the segments): a band gets the runs of segments within reach, with one more segment
    at each end so the joints at their ends are drawn as on the whole canvas; segments and joints
    of one ink may be drawn in any order.
    """
    reach = pixels + 2
    whole_low, whole_high = min(s[0] for s in segments), max(s[1] for s in segments)
    if joint == "curve" and pixels > 4 and ink[3] == 255:  # Pillow draws joints only above 4 pixels
        half = pixels / 2 - 1
        centres = sorted(points[1:-1], key=_row)  # each disc's box in whole samples (_whole), by its row
        disc_ys = [y for _, y in centres]
        if half.is_integer():  # (even widths) whole samples already: int() of whole numbers is exact
            h = int(half)
            boxes = [(x - h, y - h, x + h, y + h) for x, y in centres]
        else:
            boxes = [(int(x - half), int(y - half), int(x + half), int(y + half)) for x, y in centres]

        def paint(band, draw, dy):
            # Pillow draws each segment of a line on its own: an opaque line's segments that reach this
            # band, drawn alone, give the band the pixels the whole line gives it (the joints are discs)
            bottom = dy + band.height
            if whole_low >= dy and whole_high <= bottom:
                draw.line([(x, y - dy) for x, y in points], fill=ink, width=pixels)
            else:
                start = None
                for i, (low, high, _, _) in enumerate(segments):
                    near = low < bottom and high > dy
                    if near and start is None:
                        start = i
                    elif not near and start is not None:
                        draw.line([(x, y - dy) for x, y in points[start:i + 1]], fill=ink, width=pixels)
                        start = None
                if start is not None:
                    draw.line([(x, y - dy) for x, y in points[start:]], fill=ink, width=pixels)
            pilcore.discs(draw, boxes[bisect_right(disc_ys, dy - reach):bisect_left(disc_ys, bottom + reach)], ink, dy)
        return paint

    def paint(band, draw, dy):
        bottom = dy + band.height
        if whole_low >= dy and whole_high <= bottom:  # wholly in this band
            draw.line([(x, y - dy) for x, y in points], fill=ink, width=pixels, joint=joint)
            return
        near = [i for i, (low, high, _, _) in enumerate(segments) if low < bottom and high > dy]
        chosen = sorted({j for i in near for j in (i - 1, i, i + 1) if 0 <= j < len(segments)})
        start = 0
        for n in range(1, len(chosen) + 1):
            if n == len(chosen) or chosen[n] != chosen[n - 1] + 1:  # a run of consecutive segments ends
                first, last = chosen[start], chosen[n - 1]
                draw.line([(x, y - dy) for x, y in points[first:last + 2]], fill=ink, width=pixels, joint=joint)
                start = n
    return paint


def _stamp(covered, vertical, thickness, alpha):
    """The mask of a dashed line: ``covered`` (bytes, 255 where a dash is) along it, ``thickness`` samples
    across; a translucent ink's stamp carries its alpha."""
    size = (1, len(covered)) if vertical else (len(covered), 1)
    wide = (thickness, len(covered)) if vertical else (len(covered), thickness)
    if pilcore.ENABLED and alpha == 255:
        return pilcore.mask(covered, size, wide)
    from PIL import Image

    mask = Image.frombytes("L", size, covered).resize(wide, Image.Resampling.NEAREST)
    return mask if alpha == 255 else mask.point(lambda v: v * alpha // 255)


def _segments(points, reach):
    """[(top, bottom, left, right)] of each segment of a polyline: the sample rows [top, bottom) and
    columns [left, right) it may touch (``reach`` samples around it: half its width, its joints, a margin)."""
    out = []
    x0, y0 = points[0]
    for x1, y1 in points[1:]:
        top, bottom = (y0, y1) if y0 < y1 else (y1, y0)
        left, right = (x0, x1) if x0 < x1 else (x1, x0)
        out.append((top - reach, bottom + reach, left - reach, right + reach + 1))
        x0, y0 = x1, y1
    return out


def _segment_columns(segments):
    """A function (top, bottom) -> [(left, right)]: the sample columns the ``segments`` near rows
    [top, bottom) may touch: one span per run of consecutive segments there (they meet end to end, so
    a run's columns are one stretch)."""
    def columns(top, bottom):
        out, a, b = [], None, None
        for low, high, left, right in segments:
            if low < bottom and high > top:
                if a is None:
                    a, b = left, right
                else:
                    if left < a:
                        a = left
                    if right > b:
                        b = right
            elif a is not None:
                out.append((a, b))
                a = None
        if a is not None:
            out.append((a, b))
        return out
    return columns


def _whole(box):
    """An ellipse's or slice's box as the whole samples Pillow draws it at: it truncates each coordinate
    (10.1 to 13), so a box shifted into a band must be truncated before it is shifted."""
    left, top, right, bottom = box
    return (int(left), int(top), int(right), int(bottom))


def _shifted(box, dy):
    left, top, right, bottom = box
    return (left, top - dy, right, bottom - dy)


def _columns(spans, ink):
    """Paint one-sample-wide columns [(x, top, bottom)] into a band: those that reach it."""
    def paint(band, draw, dy):
        bottom = dy + band.height
        for x, y0, y1 in spans:
            if y1 >= dy and y0 < bottom:
                draw.rectangle((x, y0 - dy, x, y1 - dy), fill=ink)
    return paint


@memo(4096)
def _bbox(font, text, anchor):
    """The ink box of ``text`` in ``font`` about its anchor (value labels try each place they might go)."""
    return font.getbbox(text, anchor=anchor)


class Canvas:
    """One chart image being drawn."""

    def __init__(self, width, height, background="ffffff", *, font_path="", scale=1, max_work=None):
        self.width, self.height = width, height
        self.work = 0.0  # drawing steps so far (see charge)
        self.max_work = DEFAULT_LIMITS.max_work if max_work is None else max_work
        self.scale = scale
        self.background = colour(background)
        self.mode = "RGBA" if self.background[3] < 255 else "RGB"
        self.k = factor(width * scale, height * scale)  # supersampling of the scaled image
        self._m = self.k * scale  # 1x chart pixels -> supersampled pixels
        self.font_path = font_path
        self.ground(())
        self.label_size, self.title_size = theme.font_sizes(width, height)
        self._ops = []  # [(top, bottom, paint)]: shapes in drawing order, the supersampled rows they may touch
        self.unsupported = set()  # characters no font on the host draws (X-Dyngraph-Unsupported)
        self.notes = []  # what the chart left out and why, one line each (the layout's notes, X-Dyngraph-Unsupported)
        self._texts = []
        self.series = []  # [(name, colour, points)] as charts report them, for the layout
        self.plot = (0.0, 0.0, float(width), float(height))  # the plot box, set by the chart
        self.marker_data = ()  # series only marks use (spec.hidden), set by render()
        self._ground_images = []  # [(left, top, RGBA image at output size)]: gradients painted (fills.paint)
        self.edges = {}  # {fill rrggbb: edge rrggbb}: filled shapes too pale alone (usercolours.edges)
        self._limit = 4.0 * max(width, height)  # any coordinate is clamped to +-this

    def ground(self, grounds, plot_grounds=()):
        """Say which colours lie under the text (``grounds``) and under the plot; the inks and palette follow.

        Default: the background, composited onto white when translucent (the
        page under it is unknown; white is the common case).
        """
        r, g, b, a = self.background
        grounds = tuple(grounds) or (tuple(round(c * a / 255 + 255 * (1 - a / 255)) for c in (r, g, b)),)
        plot_grounds = tuple(plot_grounds) or grounds
        self.grounds, self.plot_grounds = grounds, plot_grounds
        self.inks = theme.inks(grounds)
        self.plot_inks = theme.inks(plot_grounds)
        self.plot_grounds = plot_grounds  # what lies under text drawn on the plot (value labels check their ink)
        self.palette = theme.palette(grounds + plot_grounds)

    # --- the work budget --------------------------------------------------------

    def charge(self, steps):
        """Count ``steps`` of drawing work (a shape is about one, see WORK); past ``max_work`` the chart is
        refused as a request error (400), before Pillow is asked for more. A safety net: every loop is
        bounded by the picture already, and no documented chart comes near it."""
        self.work += steps
        if self.work > self.max_work:
            raise SpecError("chart", f"this chart would take too long to draw; it needs more than {self.max_work} "
                                     f"drawing steps (DYNGRAPH_MAX_WORK): draw fewer points, marks, labels or "
                                     f"dashes, or a smaller image")

    # --- shapes (supersampled) ------------------------------------------------

    def _xy(self, x, y):
        k, limit = self._m, self._limit
        return (clamp(x, -limit, limit) * k, clamp(y, -limit, limit) * k)

    def _box(self, pad=0.0):
        return (-pad, -pad, self.width + pad, self.height + pad)

    def _within(self, clip, pad):
        """``clip`` (or the image), limited to the image plus ``pad``."""
        left, top, right, bottom = self._box(pad)
        if clip is None:
            return (left, top, right, bottom)
        return (max(left, clip[0]), max(top, clip[1]), min(right, clip[2]), min(bottom, clip[3]))

    def rect(self, x0, y0, x1, y1, fill):
        """Fill the pixels of [x0, x1) x [y0, y1); edges at fractions of a pixel blend."""
        k = self._m
        left, right = sorted((clamp(x0, -1, self.width + 1), clamp(x1, -1, self.width + 1)))
        top, bottom = sorted((clamp(y0, -1, self.height + 1), clamp(y1, -1, self.height + 1)))
        self.charge(1 + (right - left) * (bottom - top) * k * k / WORK["area"])
        left_k, top_k = round(left * k), round(top * k)
        right_k, bottom_k = max(left_k, round(right * k) - 1), max(top_k, round(bottom * k) - 1)
        ink = colour(fill)
        self._ops.append((top_k, bottom_k + 1, lambda band, draw, dy: draw.rectangle(
            (left_k, top_k - dy, right_k, bottom_k - dy), fill=ink), (left_k, top_k, right_k, bottom_k, ink)))

    def shape_rect(self, x0, y0, x1, y1, fill):
        """A filled shape's box (a bar, a legend key): ``rect``, with a 1 px edge where its fill alone
        would not stand out from the background (``edges``); a box too thin for an inside is all edge."""
        edge = self.edges.get(fill[:6]) if isinstance(fill, str) else None
        if edge is None:
            self.rect(x0, y0, x1, y1, fill)
            return
        self.rect(x0, y0, x1, y1, edge)
        left, right = sorted((x0, x1))
        top, bottom = sorted((y0, y1))
        # the inside on whole pixels, so the edge has at least one whole pixel of its colour on each side
        inner = (math.ceil(left) + 1, math.ceil(top) + 1, math.floor(right) - 1, math.floor(bottom) - 1)
        if inner[2] > inner[0] and inner[3] > inner[1]:
            self.rect(*inner, fill)

    def ground_image(self, left, top, image):
        """Say that ``image`` (RGBA, output size) was painted at (left, top) 1x: rules read the ground from it."""
        self._ground_images.append((left, top, image))

    def ground_at(self, x, y):
        """The RGB colour under (x, y) 1x as the grounds were painted (the background, a gradient on it)."""
        r, g, b, a = self.background  # see-through: over white, as ground() reads it
        under = tuple(round(c * a / 255 + 255 * (1 - a / 255)) for c in (r, g, b))
        for left, top, image in self._ground_images:  # in painting order: each one over the last
            px, py = int((x - left) * self.scale), int((y - top) * self.scale)
            if 0 <= px < image.width and 0 <= py < image.height:
                r, g, b, a = image.getpixel((px, py))
                under = tuple(round(c * a / 255 + u * (1 - a / 255)) for c, u in zip((r, g, b), under))
        return under

    def rule(self, x0, y0, x1, y1, ink, role):
        """A grid, zero or axis line (``rect``) in ``ink``; over a wide ground (a gradient no one ink of
        ``role`` reads on everywhere) inked piece by piece for the ground under each piece, so it keeps
        theme.MIN_CONTRAST[role] from one end to the other."""
        need = theme.MIN_CONTRAST[role]
        rgb = tuple(colour(ink)[:3])
        if not self._ground_images or colours.worst_contrast(rgb, self.plot_grounds) >= need:
            self.rect(x0, y0, x1, y1, ink)
            return
        across = abs(x1 - x0) >= abs(y1 - y0)
        start, end = sorted((x0, x1) if across else (y0, y1))
        pieces = max(1, math.ceil((end - start) / RULE_PIECE))
        step, inked, runs = (end - start) / pieces, {}, []
        for i in range(pieces):
            a = start + i * step
            middle = a + step / 2
            ground = self.ground_at(middle, (y0 + y1) / 2) if across else self.ground_at((x0 + x1) / 2, middle)
            if ground not in inked:
                inked[ground] = _rule_ink(rgb, ground, need)
            if runs and runs[-1][2] == inked[ground]:
                runs[-1][1] = a + step
            else:
                runs.append([a, a + step, inked[ground]])
        for a, b, piece in runs:
            if across:
                self.rect(a, y0, b, y1, piece)
            else:
                self.rect(x0, a, x1, b, piece)

    def line(self, points, fill, width, *, clip=None):
        """A polyline of ``width`` pixels with round joints, cut to ``clip`` (default: the image)."""
        width = clamp(width, 0.25, MAX_LINE_WIDTH)
        self.charge(1 + len(points) / WORK["points"])
        pad = width + 2
        box = self._within(clip, pad)
        ink = colour(fill)
        pixels = max(1, round(width * self._m))
        limit = LIMIT
        if all(-limit <= x <= limit and -limit <= y <= limit for x, y in points):  # (False for NaN)
            safe = points
        else:
            safe = [(clamp(x, -limit, limit), clamp(y, -limit, limit)) for x, y in points]
        if width <= SNAP_WIDTH and abs(width - round(width)) < 0.05:
            safe = snap(safe, round(width))
        k = self._m
        # Pillow centres a line of p pixels on sample c with c-p/2+1 .. c+p/2 (even p): shift by
        # one sample (half for odd p) so a line centred at y covers exactly [y - w/2, y + w/2).
        shift = 1 if pixels % 2 == 0 else 0.5
        for run in clip_polyline(safe, box):
            scaled = [(round(x * k - shift), round(y * k - shift)) for x, y in run]
            if len(scaled) == 1 or all(p == scaled[0] for p in scaled):
                self.circle(run[0][0], run[0][1], width / 2, ink)
            else:
                curve = pixels > 2 and len(scaled) <= CURVE_JOINTS
                reach = pixels + 2
                segments = _segments(scaled, reach)
                rows = sum(bottom - top for top, bottom, _, _ in segments) - 2 * reach * len(segments)
                ys = [y for _, y in scaled]
                scaled_top, scaled_bottom = min(ys), max(ys)
                self.charge(_length(run) * width * k * k / WORK["area"] + rows / WORK["rows"]
                            + curve * len(scaled) * WORK["joint"])
                self._ops.append((scaled_top - reach, scaled_bottom + reach,
                                  _polyline(scaled, segments, ink, pixels, "curve" if curve else None),
                                  _segment_columns(segments)))

    def dashes(self, x0, y0, x1, y1, fill, dash, space):
        """A 1-pixel horizontal or vertical line from (x0, y0) to (x1, y1), dashed unless ``space`` is 0.

        The dashes are one stamp (a mask of the supersampled samples they cover, the same samples a
        rectangle per dash would fill) pasted in one call: a grid of 0.5 px dashes costs what a solid
        one does. Equal lines share their stamp.
        """
        vertical = x0 == x1
        start, end = (y0, y1) if vertical else (x0, x1)
        if not (dash > 0 and space > 0):
            if start < end:
                self.rect(x0, y0, x0 + 1, y1, fill) if vertical else self.rect(x0, y0, x1, y0 + 1, fill)
            return
        self.charge(4)
        side, across_side = (self.height, self.width) if vertical else (self.width, self.height)
        low, covered = self._dash_samples(start, end, dash, space, side, self._m)
        if not covered:
            return
        k = self._m
        across = x0 if vertical else y0
        a = round(clamp(across, -1, across_side + 1) * k)
        b = max(a, round(clamp(across + 1, -1, across_side + 1) * k) - 1)
        ink = colour(fill)
        key = (covered, vertical, b - a + 1, ink[3])
        stamps = self.__dict__.setdefault("_stamps", {})
        if key not in stamps:
            stamps[key] = _stamp(covered, vertical, b - a + 1, ink[3])
        mask, (x, y) = stamps[key], ((a, low) if vertical else (low, a))
        if self.mode == "RGBA" and ink[3] < 255:  # blended over what is there, transparency included
            from PIL import Image

            layer = Image.new("RGBA", mask.size, ink[:3] + (0,))
            layer.putalpha(mask)

            def paint(band, draw, dy):
                pilcore.pil(band).alpha_composite(layer, (max(0, x), max(0, y - dy)), (max(0, -x), max(0, dy - y)))
        else:
            solid = ink if self.mode == "RGBA" else ink[:3]

            def paint(band, draw, dy):
                band.paste(solid, (x, y - dy), mask)
        self._ops.append((y, y + mask.height, paint, (x, x + mask.width)))

    @staticmethod
    @memo(64)
    def _dash_samples(start, end, dash, space, side, k):
        """(first sample, bytes: 255 where a dash covers the sample) along a line from ``start`` to ``end``.

        The samples are those a rectangle per dash would fill; the loop runs at most once per sample.
        """
        if not start < end:
            return 0, b""
        low = round(clamp(start, -1, side + 1) * k)
        high = max(low, round(clamp(end, -1, side + 1) * k) - 1)
        if (dash + space) * k < 1:  # dashes closer than a sample apart cover every sample
            return low, b"\xff" * (high - low + 1)
        covered = bytearray(high - low + 1)
        pos = start
        while pos < end:
            a = round(clamp(pos, -1, side + 1) * k)
            b = max(a, round(clamp(min(end, pos + dash), -1, side + 1) * k) - 1)
            covered[a - low:b - low + 1] = b"\xff" * (b - a + 1)
            pos += dash + space
        return low, bytes(covered)

    def polygon(self, points, fill, *, clip=None):
        """A filled polygon cut to ``clip`` (default: the image)."""
        self.charge(WORK["polygon"] + len(points) / WORK["points"])
        limit = LIMIT
        safe = [(clamp(x, -limit, limit), clamp(y, -limit, limit)) for x, y in points]
        shape = clip_polygon(safe, self._within(clip, 1))
        if len(shape) >= 3:
            ys, xs = [y for _, y in shape], [x for x, _ in shape]
            rows, columns = (max(ys) - min(ys)) * self._m, (max(xs) - min(xs)) * self._m
            self.charge(rows * len(shape) / WORK["edge_rows"] + rows * columns / 2 / WORK["area"])
            # Pillow truncates a vertex's y to whole samples (10.1 to 13; x stays fractional): truncated
            # before the shift into a band, the polygon is the one the whole canvas would have.
            scaled, ink = [(x, int(y)) for x, y in (self._xy(x, y) for x, y in shape)], colour(fill)
            ys = [y for _, y in scaled]
            xs = [x for x, _ in scaled]
            self._ops.append((min(ys) - 1, max(ys) + 2, lambda band, draw, dy: draw.polygon(
                [(x, y - dy) for x, y in scaled], fill=ink), (math.floor(min(xs)) - 1, math.ceil(max(xs)) + 2)))

    def fill_between(self, xs, tops, floors, fill, *, clip):
        """Fill between two polylines over the same increasing ``xs``, one supersampled column at a time.

        Pillow's polygon fill costs rows x edges; an area with thousands of
        vertices is far cheaper as one thin rectangle per column.
        """
        k = self._m
        left, top, right, bottom = self._within(clip, 0)
        ink = colour(fill)
        first = max(math.ceil(max(xs[0], left) * k), 0)
        last = min(math.floor(min(xs[-1], right) * k), self.width * k)
        self.charge(1 + max(0, last - first) / WORK["columns"] + len(xs) / WORK["points"]
                    + max(0, last - first) * (bottom - top) * k / 2 / WORK["area"])
        segment, spans = 0, []
        for column in range(first, last):
            x = (column + 0.5) / k
            while segment < len(xs) - 2 and xs[segment + 1] < x:
                segment += 1
            x0, x1 = xs[segment], xs[segment + 1]
            t = (x - x0) / (x1 - x0) if x1 > x0 else 0.0
            a = tops[segment] + t * (tops[segment + 1] - tops[segment])
            b = floors[segment] + t * (floors[segment + 1] - floors[segment])
            a, b = (a, b) if a <= b else (b, a)
            y0, y1 = round(clamp(a, top, bottom) * k), round(clamp(b, top, bottom) * k) - 1
            if y1 >= y0:  # a sliver thinner than one supersampled row rounds away
                spans.append((column, y0, y1))
        if spans:
            self._ops.append((min(y0 for _, y0, _ in spans), max(y1 for _, _, y1 in spans) + 1, _columns(spans, ink),
                              (spans[0][0], spans[-1][0] + 1)))

    def circle(self, cx, cy, radius, fill, *, outline=None, outline_width=0.0):
        """A disc; skipped when it lies wholly outside the image."""
        radius = clamp(radius, 0.0, float(max(self.width, self.height)))
        if not (-radius <= cx <= self.width + radius and -radius <= cy <= self.height + radius):
            return
        k = self._m
        self.charge(0.5 + math.pi * (radius * k) ** 2 / WORK["disc"])
        x, y, r = cx * k, cy * k, max(radius * k, 0.5)
        ring = max(0, round(clamp(outline_width, 0, MAX_LINE_WIDTH) * k)) if outline is not None else 0
        ink, edge = colour(fill), colour(outline) if ring else None
        box = _whole((x - r, y - r, x + r, y + r))
        self._ops.append((box[1] - 1, box[3] + 2, lambda band, draw, dy: draw.ellipse(
            _shifted(box, dy), fill=ink, outline=edge, width=ring or 1), (box[0] - 1, box[2] + 2)))

    def pieslice(self, cx, cy, radius, start, end, fill):
        """A slice from ``start`` to ``end`` degrees, clockwise from 3 o'clock; edged as ``shape_rect``."""
        radius = clamp(radius, 0.0, float(max(self.width, self.height)))
        k = self._m
        sweep = min(abs(clamp(end, -720, 720) - clamp(start, -720, 720)), 360.0) / 360
        self.charge(1 + math.pi * (radius * k) ** 2 * sweep / WORK["slice"])
        x, y, r = clamp(cx, 0, self.width) * k, clamp(cy, 0, self.height) * k, radius * k
        start, end, ink = clamp(start, -720, 720), clamp(end, -720, 720), colour(fill)
        edge = self.edges.get(fill[:6]) if isinstance(fill, str) else None
        edge, ring = (colour(edge), max(1, round(1.5 * k))) if edge else (None, 1)  # 1.5 px: whole on diagonals too
        box = _whole((x - r, y - r, x + r, y + r))
        self._ops.append((box[1] - 1, box[3] + 2, lambda band, draw, dy: draw.pieslice(
            _shifted(box, dy), start, end, fill=ink, outline=edge, width=ring), (box[0] - 1, box[2] + 2)))

    def paste(self, left, top, image):
        """Paste an RGBA ``image`` drawn at output size (1x size times ``scale``) with its top-left at
        (left, top) in 1x pixels, blending alpha."""
        k, m = self.k, self._m
        self.charge(1 + image.width * image.height * k * k / WORK["paste"])
        from PIL import Image  # ``image`` is Pillow's (a gradient, fills.paint)

        scaled = image.resize((image.width * k, image.height * k), Image.Resampling.NEAREST) if k > 1 else image
        x, y = left * m, top * m
        if self.mode == "RGB":
            rgb, alpha = scaled.convert("RGB"), scaled.getchannel("A")

            def paint(band, draw, dy):
                band.paste(rgb, (x, y - dy), alpha)
        else:
            def paint(band, draw, dy):
                band = pilcore.pil(band)
                if y - dy >= 0:
                    band.alpha_composite(scaled, (x, y - dy))
                else:  # the image's top lies in a band above
                    band.alpha_composite(scaled, (x, 0), (0, dy - y))
        self._ops.append((y, y + scaled.height, paint, (x, x + scaled.width)))

    def punch(self, cx, cy, radius):
        """Replace a disc with the background, transparency included (a donut's hole)."""
        radius = clamp(radius, 0.0, float(max(self.width, self.height)))
        k = self._m
        x, y, r = clamp(cx, 0, self.width) * k, clamp(cy, 0, self.height) * k, radius * k
        ground, box = self.background, _whole((x - r, y - r, x + r, y + r))
        self._ops.append((box[1] - 1, box[3] + 2, lambda band, draw, dy: pilcore.draw(band).ellipse(
            _shifted(box, dy), fill=ground), (box[0] - 1, box[2] + 2)))

    # --- text (drawn at scale after the shapes; measured at 1x) -------------

    def text(self, x, y, text, *, size=None, fill=None, anchor="la", role="label"):
        """Queue ``text`` at (x, y); ``anchor`` is Pillow's two-letter text anchor.

        ``role`` (one of ``ROLES``) names what the text is, for the layout (``format=json``).
        """
        if text:
            self.charge((WORK["text"] + len(text) * WORK["glyph"]) * self.scale ** 2)
            if not text.isascii():
                self._charge_probes(text)
                self._charge_emoji(text, size or self.label_size)
            x = clamp(x, -self.width, 2 * self.width)
            y = clamp(y, -self.height, 2 * self.height)
            self._texts.append((x, y, text, size or self.label_size, fill or self.inks["text"], anchor, role))
            if not text.isascii():
                self.unsupported |= fonts.missing(text, self.font_path)

    def _charge_probes(self, text):
        """Charge each emoji of ``text`` this chart has not measured yet: the colour face is asked for it."""
        if text.isascii():
            return
        from .. import emoji

        if not emoji.likely(text):
            return
        seen = self.__dict__.setdefault("_emoji_probed", set())
        new = {piece for piece, is_emoji in emoji.split(text) if is_emoji} - seen
        if new:
            self.charge(len(new) * WORK["emoji_probe"])
            seen |= new

    def _charge_emoji(self, text, size):
        """Charge each emoji of ``text``: a new one (emoji, size) costs drawing its glyph, a repeat little."""
        seen = self.__dict__.setdefault("_emoji_seen", set())
        for face, piece in fonts.runs(text, self.font_path):
            if face == fonts.EMOJI:
                key = (piece, size)
                self.charge(WORK["emoji_again"] if key in seen else WORK["emoji"])
                seen.add(key)

    def add_series(self, name, colour_, points):
        """Record a drawn series: its name, colour and points [(x, y) | None, ...] in image pixels.

        ``points`` may be a function that returns them: only the layout asks, so an image never pays.
        """
        self.series.append((name, colour_, points))

    def texts(self):
        """[(role, text, box)] of the queued texts; ``box`` = [l, t, r, b], whole output pixels around the ink.

        The box comes from the font's own bbox of each piece finish() draws, with its anchor, and
        Pillow draws at ``int(x)`` plus a sub-pixel start, so the box rounds outward.
        """
        return [(role, text, self.text_box(x, y, text, size, anchor)) for x, y, text, size, _, anchor, role in self._texts]

    def text_box(self, x, y, text, size=None, anchor="la"):
        """[l, t, r, b] in output pixels around the ink of ``text`` as ``text()`` would draw it (see ``texts``)."""
        placed = []
        for (px, py), piece, font, piece_anchor in self._pieces(x, y, text, size or self.label_size, anchor):
            left, top, right, bottom = font.getbbox(piece, anchor=piece_anchor) if isinstance(font, EmojiFace) \
                else _bbox(font, piece, piece_anchor)
            placed.append((px + left, py + top, px + right, py + bottom))
        return [math.floor(min(b[0] for b in placed)), math.floor(min(b[1] for b in placed)),
                math.ceil(max(b[2] for b in placed)), math.ceil(max(b[3] for b in placed))]

    def text_inks(self):
        """[(ink, halo or None)] per queued text, as finish() draws them.

        On a single-colour ground every text keeps its ink (theme inks already read there; user
        colours were checked, see usercolours). Where the ground is wide (a gradient no one ink reads
        on everywhere), the pixels under each text box are sampled: a theme ink is re-chosen for
        them, and where no single ink reaches TEXT_CONTRAST against all of them (or a user's colour
        does not), the text gets a thin halo in the opposite extreme, so each glyph reads against
        its own immediate surround.
        """
        cached = self.__dict__.get("_text_inks")
        if cached is not None and len(cached) == len(self._texts):
            return cached
        plain = [(colour(t[4])[:4], None) for t in self._texts]
        if not self._wide() or not self._texts:
            self._text_inks = plain
            return plain
        self._sampled = self._reduced()
        image = pilcore.pil(self._sampled)
        from PIL import Image  # a wide ground is a gradient or stripes (fills.paint): PIL.Image is loaded already

        themed = {tuple(ink) for inks in (self.inks, self.plot_inks) for ink in inks.values()}
        out = []
        for (x, y, text, size, fill, anchor, _), (ink, _) in zip(self._texts, plain):
            left, top, right, bottom = self.text_box(x, y, text, size, anchor)
            box = (max(0, left - 1), max(0, top - 1), min(image.width, right + 1), min(image.height, bottom + 1))
            if box[2] <= box[0] or box[3] <= box[1]:
                out.append((ink, None))
                continue
            region = image.crop(box)
            if region.width > SAMPLES[0] or region.height > SAMPLES[1]:
                region = region.resize((min(region.width, SAMPLES[0]), min(region.height, SAMPLES[1])),
                                       Image.Resampling.NEAREST)
            if region.mode == "RGBA":  # see-through: read as over white, as ground() does
                region = Image.alpha_composite(Image.new("RGBA", region.size, (255, 255, 255, 255)), region)
            under = [c[:3] for _, c in region.convert("RGB").getcolors(SAMPLES[0] * SAMPLES[1])]
            out.append(self._ink_on(ink, under, tuple(ink[:3]) in themed))
        self._text_inks = out
        return out

    @staticmethod
    def _ink_on(ink, under, themed):
        """(ink, halo or None) for a text in ``ink`` over the colours ``under`` it."""
        rgb = tuple(ink[:3])
        if colours.worst_contrast(rgb, under) >= theme.TEXT_CONTRAST:
            return ink, None
        extremes = ((0, 0, 0), (255, 255, 255))
        if themed:
            candidate = colours.reach(rgb, under, theme.TEXT_INK)
            if colours.worst_contrast(candidate, under) < theme.TEXT_CONTRAST:
                candidate = max(extremes, key=lambda e: colours.worst_contrast(e, under))
            if colours.worst_contrast(candidate, under) >= theme.TEXT_CONTRAST:
                return candidate + (ink[3],), None
            rgb = candidate
        halo = max(extremes, key=lambda e: colours.contrast(e, rgb))
        return rgb + (ink[3],), halo

    def _wide(self):
        """True when the theme's text inks cannot read on every ground colour (a wide gradient)."""
        return (colours.worst_contrast(self.inks["text"], self.grounds) < theme.TEXT_CONTRAST
                or colours.worst_contrast(self.plot_inks["text"], self.plot_grounds) < theme.TEXT_CONTRAST)

    def _reduced(self):
        """The shapes at output size: the image text_inks() sampled (once; finish() draws the text on it), or new."""
        image = self.__dict__.pop("_sampled", None)
        return self._paint() if image is None else image

    def _pieces(self, x, y, text, size, anchor):
        """[((x, y), text, font, anchor)] in output pixels: what finish() draws for one queued text.

        At 1x, the text itself. At ``scale`` > 1 the glyphs are drawn at ``size * scale`` one by one,
        evenly spaced to span ``scale`` times the 1x advance: hinted glyphs at 2x are not twice as
        wide as at 1x (the built-in font's 12 px "Caddy" is 37 px, its 24 px one 66), so the whole
        string drawn at 2x would not fill the 2x layout. Text-dependent vertical anchors (t, b)
        keep the whole string.
        """
        s, path = self.scale, self.font_path
        pieces = fonts.runs(text, path)
        if s == 1 and len(pieces) == 1 and pieces[0][0] == path:
            return [((x, y), text, fonts.font(size, path), anchor)]
        if anchor[1] in "tb" and len(pieces) == 1 and pieces[0][0] == path:
            return [((x * s, y * s), text, fonts.font(size * s, path), anchor)]
        wanted = self.text_width(text, size) * s
        glyphs = [(face, glyph) for face, piece in pieces for glyph in ((piece,) if face == fonts.EMOJI else piece)]
        natural = sum(fonts.width(char, size * s, path) for _, char in glyphs)
        # At scale > 1, extra space between glyphs so the string fills the 1x layout: hinted glyphs at
        # 2x are not twice as wide as at 1x (the built-in font's 12 px "Caddy" is 37 px, its 24 px one 66).
        tracking = (wanted - natural) / (len(glyphs) - 1) if s > 1 and len(glyphs) > 1 else 0.0
        start = x * s - {"l": 0.0, "m": 0.5, "r": 1.0}[anchor[0]] * wanted
        # Every piece on one baseline, placed by the chart's own face: each face anchored at its own
        # ascender would set a CJK run (taller ascender) lower than the Latin text beside it.
        ascent, descent = fonts.font(size * s, path).getmetrics()
        baseline = y * s + {"a": ascent, "t": ascent, "m": (ascent - descent) / 2, "s": 0.0, "d": -descent,
                            "b": -descent}[anchor[1]]
        piece_anchor = "ls"
        out, advance = [], 0.0
        if s == 1:  # whole runs, each in its face
            for face, piece in pieces:
                if face is not None:
                    out.append(((start + advance, baseline), piece, _face(size, face), piece_anchor))
                advance += fonts.width(piece, size, path)
            return out or [((x, y), text, fonts.font(size, path), anchor)]
        for i, (face, char) in enumerate(glyphs):
            if face is not None and not char.isspace():
                out.append(((start + advance + i * tracking, baseline), char, _face(size * s, face),
                            piece_anchor))
            advance += fonts.width(char, size * s, path)
        return out or [((x * s, y * s), text, fonts.font(size * s, path), anchor)]

    def _paint(self):
        """The shapes drawn and reduced: bands of the supersampled canvas, each painted and reduced in turn.

        Each shape is recorded as (first row, last row + 1, paint, where): ``where`` is a rectangle's
        sample box and ink, or the columns [left, right) a shape may touch (a callable for polylines:
        the columns near a band's rows). Of an RGB band only the pixel columns some shape touches at
        a fraction of a pixel are reduced; the others hold the background and whole-pixel rectangles,
        which are painted at 1x: the same pixels (a reduced block of equal samples is their value),
        without reducing the plain ~80 % of a chart.
        """
        k, m = self.k, self._m
        width, height = self.width * m, self.height * m
        fill = self.background if self.mode == "RGBA" else self.background[:3]
        ops = self._ops
        if k == 1:
            band = pilcore.new(self.mode, (width, height), fill)
            draw = pilcore.draw(band, "RGBA")  # blends translucent fills
            for op in ops:
                op[2](band, draw, 0)
            return band
        rows = min(height, max(k, BAND_BYTES // (4 * width) // k * k))  # whole output rows per band
        if len(ops) > BAND_SHAPES:
            rows = height
        image = pilcore.new(self.mode, (width // k, height // k), fill)
        flat = pilcore.draw(image, "RGBA")
        band = draw = None
        for top in range(0, height, rows):
            bottom = min(height, top + rows)
            live = [op for op in ops if op[0] < bottom and op[1] > top]
            # RGBA: every column reduced (Pillow's reduce may change the colour under alpha 0)
            # (many shapes: every column, as working out which would cost more than reducing them)
            dirty = self._dirty(live, top, bottom) if self.mode == "RGB" and len(live) <= BAND_SHAPES \
                else [(0, width // k)]
            if dirty:
                if band is None:
                    band = pilcore.new(self.mode, (width, rows), fill)
                    draw = pilcore.draw(band, "RGBA")
                else:
                    band.paste(fill, (0, 0, width, rows))
                dirty_ends = [right for _, right in dirty]
                for op in live:
                    where = op[3]
                    if not callable(where) and len(where) == 5:  # a rectangle wholly in clean columns: 1x only
                        index = bisect_right(dirty_ends, where[0] // k)
                        if index == len(dirty) or dirty[index][0] > where[2] // k:
                            continue
                    op[2](band, draw, top)
                for left, right in dirty:
                    image.paste(band.reduce(k, (left * k, 0, right * k, bottom - top)), (left, top // k))
            clean, start = [], 0
            for left, right in dirty + [(width // k, width // k)]:
                if left > start:
                    clean.append((start, left))
                start = right
            ends = [high for _, high in clean]
            for _, _, _, where in live:  # only whole-pixel rectangles reach the clean columns
                if not callable(where) and len(where) == 5:
                    left, top_k, right, bottom_k, ink = where
                    first, last = max(top_k, top) // k, min(bottom_k + 1, bottom) // k - 1
                    left, right = -(-left // k), (right + 1) // k  # the whole pixels it covers
                    index = bisect_right(ends, left)  # the first clean stretch ending after its left
                    while first <= last and index < len(clean) and clean[index][0] < right:
                        a, b = max(clean[index][0], left), min(clean[index][1], right)
                        if a < b:
                            flat.rectangle((a, first, b - 1, last), fill=ink)
                        index += 1
        return image

    def _dirty(self, live, top, bottom):
        """[(left, right)] pixel columns of a band [top, bottom) that must be supersampled and reduced."""
        k, columns = self.k, self.width * self._m // self.k
        spans = []
        for _, _, _, where in live:
            if callable(where):
                spans.extend(where(top, bottom))
            elif len(where) == 5:  # a rectangle: whole pixels except at unaligned edges
                left, top_k, right, bottom_k, _ = where
                if top_k % k and top_k >= top or (bottom_k + 1) % k and bottom_k < bottom:
                    spans.append((left, right + 1))
                else:
                    if left % k:
                        spans.append((left, left + 1))
                    if (right + 1) % k:
                        spans.append((right, right + 1))
            else:
                spans.append(where)
        out = []
        for left, right in sorted((max(0, a // k), min(columns, -(-b // k))) for a, b in spans):
            if left >= right:
                continue
            if out and left <= out[-1][1] + MERGE_GAP:  # a reduce call costs more than a few columns
                out[-1] = (out[-1][0], max(out[-1][1], right))
            else:
                out.append((left, right))
        return out

    def text_width(self, text, size=None):
        self.charge(WORK["measure"] + len(text) / WORK["measured"])
        self._charge_probes(text)
        return fonts.width(text, size or self.label_size, self.font_path)

    def line_height(self, size=None):
        return fonts.line_height(size or self.label_size, self.font_path)

    def wrap(self, text, max_width, size=None, max_lines=2):
        """``text`` in at most ``max_lines`` lines of ``max_width`` pixels (the last cut with an ellipsis)."""
        self._charge_probes(text)
        return fonts.wrap(text, size or self.label_size, max(0, max_width), max_lines, self.font_path) or [text]

    def fit(self, text, max_width, size=None):
        self.charge((WORK["measure"] + len(text) / WORK["measured"]) * 3)  # a search, of cached measurements
        self._charge_probes(text)
        return fonts.fit(text, size or self.label_size, max(0, max_width), self.font_path)

    def finish(self):
        """Paint the shapes band by band, reduced to the final size, and draw the queued text on top, at ``scale``."""
        return pilcore.pil(self.picture())

    def picture(self):
        """``finish()`` as the encoder takes it: a pilcore.Surface (PIL.Image never imported) or a PIL image."""
        inks = self.text_inks()  # before any text is drawn: they read the ground under each text
        image = self._reduced()
        if self._texts:
            draw = pilcore.draw(image)
            halo_width = max(1, round(HALO * self.scale))
            for (x, y, text, size, _, anchor, _), (ink, halo) in zip(self._texts, inks):
                pieces = self._pieces(x, y, text, size, anchor)
                if halo is not None:  # every halo first, so no piece's halo covers its neighbour's ink
                    for xy, piece, font, piece_anchor in pieces:
                        if not isinstance(font, EmojiFace):  # (a colour emoji brings its own colours)
                            draw.text(xy, piece, font=font, fill=halo, anchor=piece_anchor,
                                      stroke_width=halo_width, stroke_fill=halo)
                for xy, piece, font, piece_anchor in pieces:
                    if isinstance(font, EmojiFace):
                        left, top, tile = emoji_tile(piece, font.size)
                        _composite(image, tile, round(xy[0]) + left, round(xy[1]) + top)
                    else:
                        draw.text(xy, piece, font=font, fill=ink, anchor=piece_anchor)
        return image
