"""Drawing: ChartSpec -> PIL Image. A registry maps each chart type to its draw function.

Each draw function takes a :class:`Canvas` and the spec; the canvas
supersamples shapes for antialiasing and draws text at 1x on top.
"""

import sys

from .. import fonts, pilcore, theme, usercolours
from ..record import replace
from . import fills
from .canvas import Canvas

# kind -> (module of this package, draw function); a module is imported when its kind is first drawn:
# a CGI request draws one kind, and the others' modules cost ~1 ms to import.
TIME_CHARTS = {  # the same chart types over a time axis (times, or start + step)
    "line": ("timeline", "draw_line"),
    "area": ("timeline", "draw_area"),
    "bar": ("timeline", "draw_bar"),
    "scatter": ("scatter", "draw_scatter"),
    "sparkline": ("sparkline", "draw_sparkline"),
}
CHARTS = {
    "line": ("line", "draw_line"),
    "area": ("line", "draw_area"),
    "bar": ("bar", "draw_bar"),
    "hbar": ("bar", "draw_hbar"),
    "pie": ("pie", "draw_pie"),
    "donut": ("pie", "draw_donut"),
    "scatter": ("scatter", "draw_scatter"),
    "sparkline": ("sparkline", "draw_sparkline"),
    "radar": ("radar", "draw_radar"),
}


def draw_function(kind, timed=False):
    """The function that draws chart ``kind`` (over a time axis when ``timed``), its module imported now."""
    module, name = (TIME_CHARTS if timed else CHARTS)[kind]
    module = f"{__name__}.{module}"
    __import__(module)  # not importlib.import_module: importlib itself is not loaded in a CGI request
    return getattr(sys.modules[module], name)


def preload():
    """Import every chart kind's module now. For long-running servers (dyngraph.wsgi): each worker pays
    the imports once, before its first request, and its memory no longer steps up at whichever request
    first draws a kind (a CGI request, one chart per process, never calls this)."""
    for module, _ in (*CHARTS.values(), *TIME_CHARTS.values()):
        __import__(f"{__name__}.{module}")


def _drawn(spec, font_path, max_work=None):
    """Run the chart's drawing on a new canvas; the canvas then holds the shapes, texts and layout."""
    font_path = fonts.primary(font_path)
    canvas = Canvas(spec.width, spec.height, spec.background, font_path=font_path, scale=spec.scale,
                    max_work=max_work)
    canvas.margins = spec.margins
    canvas.legend_size, canvas.legend_ink = round(spec.legendsize), spec.legendcolor or None
    canvas.legend_order, canvas.legend_column = spec.legendorder, spec.legendcolumn
    under = _flat(canvas.background)
    canvas.ground(fills.colours(spec.bgfill, under), fills.colours(spec.plotfill, under))
    given = spec.colors
    # The user's colours as drawn: exact where they read on what is under them, else the nearest variant
    # that does (reported); the legend, the layout and the description all see the drawn ones.
    spec, canvas.replaced = usercolours.apply(spec, canvas.grounds, canvas.plot_grounds)
    canvas.given_colours = dict(zip((c[:6] for c in spec.colors), given))
    canvas.edges = usercolours.edges(canvas.replaced)
    canvas.legend_ink = spec.legendcolor or None
    if canvas.replaced:  # said in X-Dyngraph-Unsupported and the layout's notes
        canvas.notes.append("colours (" + "; ".join(r.note() for r in canvas.replaced) + ")")
    if not spec.colors:  # the palette as drawn on this background: the legend shows the same colours
        spec = replace(spec, colors=canvas.palette)
    fills.paint(canvas, spec.bgfill, (0, 0, spec.width, spec.height))
    if spec.hidden:  # marker-only series: the chart never sees them, the marks find them on the canvas
        shown = len(spec.data) - spec.hidden
        canvas.marker_data = spec.data[shown:]
        spec = replace(spec, data=spec.data[:shown], legend=spec.legend[:shown], hidden=0)
    draw_function(spec.type, bool(spec.times) or spec.start is not None)(canvas, spec)
    return canvas


def render(spec, *, font_path="", max_work=None):
    """Draw ``spec``; an RGB image (RGBA with a translucent background) of exactly spec.width x spec.height
    times ``spec.scale``, laid out as the 1x chart."""
    return pilcore.pil(picture(spec, font_path=font_path, max_work=max_work))


def picture(spec, *, font_path="", max_work=None):
    """``render(spec)`` as the encoder takes it: a pilcore.Surface (PIL.Image was never imported) or a PIL image."""
    canvas = _drawn(spec, font_path, max_work)
    image = canvas.picture()
    if canvas.unsupported:
        image.info["unsupported"] = tuple(sorted(canvas.unsupported))  # characters and emoji sequences
    if canvas.notes:
        image.info["notes"] = tuple(canvas.notes)  # what was left out (value labels with no room)
    if any(fill and fill[0] == "lg" for fill in (spec.bgfill, spec.plotfill)):
        image.info["smooth"] = True  # a gradient: encoders keep every colour (no palette bands)
    if spec.opacity < 1:  # the whole image see-through (Google's chf=a)
        image = pilcore.pil(image).convert("RGBA")
        image.putalpha(image.getchannel("A").point(lambda a: round(a * spec.opacity)))
    return image


def layout(spec, *, font_path="", max_work=None):
    """What ``render(spec)`` lays out, as plain data (``format=json``): the same drawing, read back.

    ``{"width", "height", "plot": {left, top, right, bottom}, "texts": [{role, text, box}],
    "series": [{name, colour, points}]}``, all in pixels of the image (``scale`` included);
    ``box`` is [l, t, r, b]; ``"notes"``: what was left out or drawn otherwise and why (value labels with
    no room, user colours replaced), when any. A series whose colour the user gave also has ``given``: the colour asked for
    (``colour`` is the one drawn, see usercolours); ``colours`` lists each user colour not drawn as given.
    A text drawn with a halo (a wide gradient under it, see Canvas.text_inks) also has ``ink`` and ``halo``.
    """
    canvas = _drawn(spec, font_path, max_work)
    s = spec.scale  # the layout is drawn at 1x and painted at ``scale``: report the painted pixels
    left, top, right, bottom = canvas.plot
    return {
        "width": spec.width * s,
        "height": spec.height * s,
        "plot": {"left": _px(left * s), "top": _px(top * s), "right": _px(right * s), "bottom": _px(bottom * s)},
        "texts": [{"role": role, "text": text, "box": box, **({"ink": _hex(ink), "halo": _hex(halo)} if halo else {})}
                  for (role, text, box), (ink, halo) in zip(canvas.texts(), canvas.text_inks())],
        "series": [{"name": name, "colour": _hex(colour), **_given(canvas, colour),
                    "points": [None if p is None else [_px(p[0] * s), _px(p[1] * s)]
                               for p in (points() if callable(points) else points)],
                    **_boxes(canvas, n, s)}
                   for n, (name, colour, points) in enumerate(canvas.series)],
        **({"notes": list(canvas.notes)} if canvas.notes else {}),
        **({"colours": [{"param": r.param, "index": r.index, "given": r.given,
                         "drawn": r.given if r.drawn is None or r.edged else r.drawn, "minimum": r.minimum,
                         **({"edge": r.drawn} if r.edged else {})}
                        for r in canvas.replaced]} if canvas.replaced else {}),
    }


def _given(canvas, colour):
    """``{"given": rrggbb}`` for a series drawn in a colour the user gave (perhaps replaced), else nothing."""
    given = canvas.given_colours.get(_hex(colour)) if isinstance(colour, str) else None
    return {"given": given[:6]} if given else {}


def _boxes(canvas, series, s):
    """Bars: ``{"boxes": [[l, t, r, b] | None per value]}``, each bar's rectangle (image maps); else nothing."""
    boxes = getattr(canvas, "boxes", None)
    if not boxes:
        return {}
    count = max((i for _, i in boxes), default=-1) + 1
    return {"boxes": [None if (series, i) not in boxes else [_px(v * s) for v in boxes[(series, i)]]
                      for i in range(count)]}


def _px(value):
    """A pixel coordinate to 2 decimals (an int when whole), enough for HTML overlays and short JSON."""
    value = round(float(value), 2)
    return int(value) if value.is_integer() else value


def _hex(value):
    """A colour as ``rrggbb`` (alpha dropped)."""
    if isinstance(value, str):
        return value.lstrip("#").lower()[:6]
    return "".join(f"{c:02x}" for c in tuple(value)[:3])


def _flat(rgba):
    """A background colour composited onto white."""
    r, g, b, a = rgba
    return tuple(round(c * a / 255 + 255 * (1 - a / 255)) for c in (r, g, b))


def render_error(message, *, width, height, font_path=""):
    """A small image that shows an error message, for <img> requests.

    Drawn through the Canvas like a chart, so a quoted value in any script (CJK, emoji) is drawn from
    the fallback faces as in the chart it was meant for.
    """
    return pilcore.pil(error_picture(message, width=width, height=height, font_path=font_path))


def error_picture(message, *, width, height, font_path=""):
    """``render_error`` as the encoder takes it (see ``picture``)."""
    width, height = max(1, min(int(width), 2000)), max(1, min(int(height), 2000))
    font_path = fonts.primary(font_path)
    canvas = Canvas(width, height, theme.ERROR_BACKGROUND, font_path=font_path)
    border = theme.ERROR_BORDER
    for box in ((0, 0, width, 1), (0, height - 1, width, height), (0, 0, 1, height), (width - 1, 0, width, height)):
        canvas.rect(*box, border)
    size = max(8, min(14, height // 3, width // 16))
    pad = 4 if height < 40 else 8
    line_height = canvas.line_height(size)
    max_lines = max(1, (height - 2 * pad) // line_height)
    lines = canvas.wrap(message, width - 2 * pad, size, max_lines)
    top = max(1, (height - len(lines) * line_height) // 2) if len(lines) * line_height < height - 2 * pad else pad
    for index, text in enumerate(lines):
        canvas.text(pad, top + index * line_height, text, size=size, fill=theme.ERROR_TEXT)
    return canvas.picture()
