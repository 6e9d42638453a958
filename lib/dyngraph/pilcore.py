"""Pillow's C core as the Canvas and the encoder use it, without importing ``PIL.Image``.

Every CGI request is a new process and pays for every import: ``import PIL.Image`` costs ~20 ms
(it brings in re, enum, typing and Pillow's EXIF and TIFF tables), ~40 % of drawing a whole
standard chart, while Pillow's C core (``PIL._imaging``, ``PIL._imagingft``) loads in ~2 ms. An
ordinary chart needs a dozen core calls, which ``Surface``, ``Pen`` and ``Face`` make exactly as
``PIL.Image``, ``ImageDraw`` and ``ImageFont`` make them: the same calls with the same arguments,
so the same pixels (tests/test_pilcore.py draws the gallery both ways and compares the bytes).

What they do not cover (gradients, colour emoji, halos, translucent curves, QR codes) asks for
``pil(surface)``: a ``PIL.Image`` over the very same pixels, which pays the import then.

Only Pillow releases whose Python layer was read for these calls are trusted (``VERIFIED``, with
their text-rendering convention); on any other release ``ENABLED`` is False and every call goes
through ``PIL.Image`` as before, so a new Pillow can never draw differently, only slower.
"""

import math

import PIL

from .memo import make_room

# Pillow release -> how ImageFont.getmask2 calls the C renderer: "10.1" a fill callback taking
# (mode, size) and render() returning the offset; "10.2" fill(width, height) and render() returning
# (mask, offset); "11.2" the same with stroke_filled and the start as one pair.
VERIFIED = {"10.1": "10.1", "10.2": "10.2", "10.3": "10.2", "10.4": "10.2", "11.0": "10.2", "11.1": "10.2",
            "11.2": "11.2", "11.3": "11.2", "12.0": "11.2", "12.1": "11.2", "12.2": "11.2", "12.3": "11.2",
            "13.0": "11.2"}
FLOYDSTEINBERG = 3  # Image.Dither.FLOYDSTEINBERG, Image.convert's default (unused by RGBA <-> RGBa)
RAQM, BASIC = 1, 0  # ImageFont.Layout
MASKS = 1024  # rendered texts kept per process, all faces together (a standard chart draws 21, ~25 KB)
MASK_PIXELS = 16384  # a mask larger than this is not kept (a long title at 2x): at most MASKS x 16 KB
_MASKS = {}  # (path, size, text, anchor, ink, start, mode, filled) -> (core "L" mask, offset)


def convention(version=PIL.__version__):
    """The text-rendering convention of Pillow ``version`` (see VERIFIED), or None when not verified."""
    return VERIFIED.get(".".join(version.split(".")[:2]))


ENABLED = convention() is not None  # tests switch it off to draw through PIL.Image and compare


def _core():
    from PIL import _imaging

    return _imaging


class Surface:
    """A core image with the few ``PIL.Image`` methods the Canvas and the encoder call."""

    __slots__ = ("im", "info", "_view")

    def __init__(self, im):
        self.im, self.info, self._view = im, {}, None

    @property
    def mode(self):
        return self.im.mode

    @property
    def size(self):
        return self.im.size

    @property
    def width(self):
        return self.im.size[0]

    @property
    def height(self):
        return self.im.size[1]

    def load(self):
        """Nothing to load: the pixels are in memory (the encoder calls this on any image)."""

    def paste(self, source, box, mask=None):
        """``Image.paste`` of a colour into a 4-tuple box, or of an image of the same mode at a corner."""
        if hasattr(source, "im"):
            if source.mode != self.mode:
                pil(self).paste(pil(source), box, None if mask is None else pil(mask))
                return
            if len(box) == 2:
                box = (box[0], box[1], box[0] + source.size[0], box[1] + source.size[1])
            source = source.im
        elif len(box) == 2:
            box = (box[0], box[1], box[0] + mask.size[0], box[1] + mask.size[1])
        if mask is None:
            self.im.paste(source, box)
        else:
            self.im.paste(source, box, mask.im)

    def reduce(self, factor, box):
        """``Image.reduce(factor, box)`` for factor >= 2 (RGBA is reduced premultiplied, as Pillow does)."""
        if self.mode == "RGBA":
            reduced = self.im.convert("RGBa", FLOYDSTEINBERG).reduce((factor, factor), box)
            return Surface(reduced.convert("RGBA", FLOYDSTEINBERG))
        return Surface(self.im.reduce((factor, factor), tuple(box)))

    def getpixel(self, xy):
        return self.im.getpixel(tuple(xy))

    def tobytes(self):
        return pil(self).tobytes()


def new(mode, size, colour):
    """``Image.new(mode, size, colour)`` for a tuple colour: a Surface, or a PIL image when not ENABLED."""
    if not ENABLED:
        from PIL import Image

        return Image.new(mode, size, colour)
    return Surface(_core().fill(mode, tuple(size), colour))


def mask(data, size, scaled):
    """``Image.frombytes("L", size, data).resize(scaled, NEAREST)`` as a Surface: a dashed line's stamp."""
    core = _core()
    im = core.fill("L", tuple(size), 0)
    decoder = core.raw_decoder("L", "L")
    decoder.setimage(im, (0, 0, *size))
    decoder.decode(data)
    return Surface(im.resize(tuple(scaled), 0, (0, 0, *size)))


def pil(image):
    """A ``PIL.Image`` over the pixels of ``image`` (a Surface's are shared, not copied); PIL images as they are."""
    if not isinstance(image, Surface):
        return image
    if image._view is None:
        from PIL import Image

        view = Image.Image()._new(image.im)
        view.info = image.info
        image._view = view
    return image._view


class Pen:
    """``ImageDraw.Draw`` for the shapes the Canvas draws: the same core draw calls with the same arguments."""

    __slots__ = ("surface", "mode", "draw", "_ink", "_pil")

    def __init__(self, surface, mode=None):
        self.surface, self.mode = surface, mode or surface.mode
        self.draw = _core().draw(surface.im, 1 if self.mode == "RGBA" and surface.mode == "RGB" else 0)
        self._ink, self._pil = {}, None

    def ink(self, colour):
        """``ImageDraw._getink``: the colour as the core's packed ink (memoised: a chart has a few inks)."""
        ink = self._ink.get(colour)
        if ink is None:
            ink = self._ink[colour] = self.draw.draw_ink(colour)
        return ink

    def _fallback(self):
        """ImageDraw over the same pixels, for what the Pen does not draw itself."""
        if self._pil is None:
            from PIL import ImageDraw

            self._pil = ImageDraw.Draw(pil(self.surface), self.mode)
        return self._pil

    def rectangle(self, xy, fill):
        self.draw.draw_rectangle(xy, self.ink(fill), 1)

    def polygon(self, xy, fill):
        self.draw.draw_polygon(xy, self.ink(fill), 1)

    def line(self, xy, fill, width=0, joint=None):
        if joint == "curve" and width > 4:  # Pillow's round joints are worked out in ImageDraw's Python
            self._fallback().line(xy, fill=fill, width=width, joint=joint)
            return
        self.draw.draw_lines(xy, self.ink(fill), width)

    def ellipse(self, xy, fill, outline=None, width=1):
        fill_ink = self.ink(fill)
        self.draw.draw_ellipse(xy, fill_ink, 1)
        ink = None if outline is None else self.ink(outline)
        if ink is not None and ink != fill_ink and width != 0:
            self.draw.draw_ellipse(xy, ink, 0, width)

    def pieslice(self, xy, start, end, fill, outline=None, width=1):
        fill_ink = self.ink(fill)
        self.draw.draw_pieslice(xy, start, end, fill_ink, 1)
        ink = None if outline is None else self.ink(outline)
        if ink is not None and ink != fill_ink and width != 0:
            self.draw.draw_pieslice(xy, start, end, ink, 0, width)

    def text(self, xy, text, font, fill, anchor=None, stroke_width=0, stroke_fill=None):
        """``ImageDraw.text`` of one line in a ``Face`` (halos and other fonts go through ImageDraw)."""
        if stroke_width or not isinstance(font, Face):
            self._fallback().text(xy, text, font=font.pil() if isinstance(font, Face) else font, fill=fill,
                                  anchor=anchor, stroke_width=stroke_width, stroke_fill=stroke_fill)
            return
        ink = self.ink(fill)
        x, y = xy
        mask, (dx, dy) = font.mask(text, anchor, ink, (math.modf(x)[0], math.modf(y)[0]), "L", True)
        self.draw.draw_bitmap((int(x) + dx, int(y) + dy), mask, ink)


def discs(pen, boxes, fill, dy):
    """Fill an ellipse for each box, shifted up by ``dy`` rows: ``pen.ellipse(box, fill)`` each (a line's
    round joints, hundreds a chart), the core's call made straight on a Pen."""
    if isinstance(pen, Pen):
        ellipse, ink = pen.draw.draw_ellipse, pen.ink(fill)
        for left, top, right, bottom in boxes:
            ellipse((left, top - dy, right, bottom - dy), ink, 1)
        return
    for left, top, right, bottom in boxes:
        pen.ellipse((left, top - dy, right, bottom - dy), fill=fill)


def draw(image, mode=None):
    """``ImageDraw.Draw(image, mode)``: a Pen on a Surface, Pillow's own on a PIL image."""
    if isinstance(image, Surface):
        return Pen(image, mode)
    from PIL import ImageDraw

    return ImageDraw.Draw(image, mode)


class Face:
    """``ImageFont.truetype(path, size)`` as the Canvas measures and draws with it, on the core's font."""

    __slots__ = ("path", "size", "font", "_pil", "_render")

    def __init__(self, path, size):
        from PIL import _imagingft

        engine = RAQM if _imagingft.HAVE_RAQM else BASIC  # FreeTypeFont's default layout engine
        self.path, self.size, self._pil = path, size, None
        self.font = _imagingft.getfont(path, size, 0, "", layout_engine=engine)
        self._render = _RENDERERS[convention()]

    def getmetrics(self):
        return self.font.ascent, self.font.descent

    def getlength(self, text):
        return self.font.getlength(text, "", None, None, None) / 64

    def getbbox(self, text, anchor=None):
        (width, height), (left, top) = self.font.getsize(text, "", None, None, None, anchor)
        return left, top, left + width, top + height

    def getmask(self, text):
        return self.mask(text, None, 0, (0, 0), "", False)[0]

    def mask(self, text, anchor, ink, start, mode, filled):
        """(core "L" mask, offset) of ``text``, as ``FreeTypeFont.getmask2`` renders it (``mode`` "" or "L";
        ``filled``: the stroke_filled ImageDraw.text passes since 11.2, of no effect without a stroke).

        Kept for the process, up to MASKS of at most MASK_PIXELS each, oldest first out: a WSGI worker
        draws the same tick labels, titles and legends again and again, and FreeType renders each
        text at ~50 us. The mask is only read (draw_bitmap), never changed.
        """
        key = (self.path, self.size, text, anchor, ink, start, mode, filled)
        cached = _MASKS.get(key)
        if cached is None:
            cached = self._render(self.font, text, mode, anchor, ink, start, filled)
            width, height = cached[0].size
            if width * height <= MASK_PIXELS:
                if len(_MASKS) >= MASKS:
                    make_room(_MASKS, MASKS)
                _MASKS[key] = cached
        return cached

    def pil(self):
        """The same face as Pillow's FreeTypeFont (for halos: strokes are drawn by ImageDraw)."""
        if self._pil is None:
            from PIL import ImageFont

            self._pil = ImageFont.truetype(self.path, self.size)
        return self._pil


def _render_10_1(font, text, mode, anchor, ink, start, filled):
    made = []

    def fill(mode, size):
        made.append(_core().fill(mode, size))
        return made[-1]
    offset = font.render(text, fill, mode, None, None, None, 0, anchor, ink, start[0], start[1])
    return made[-1], offset


def _fill(width, height):
    return _core().fill("L", (width, height))


def _render_10_2(font, text, mode, anchor, ink, start, filled):
    return font.render(text, _fill, mode, None, None, None, 0, anchor, ink, start[0], start[1])


def _render_11_2(font, text, mode, anchor, ink, start, filled):
    return font.render(text, _fill, mode, None, None, None, 0, filled, anchor, ink, tuple(start))


_RENDERERS = {"10.1": _render_10_1, "10.2": _render_10_2, "11.2": _render_11_2}
