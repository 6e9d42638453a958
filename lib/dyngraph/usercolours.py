"""Colours the user gave, checked against what lies under them (stdlib only).

One rule (issue 11): a colour the user gave comes out exactly when it has its
minimum contrast against every colour under it, else it is drawn as the
nearest variant that has (the same colour darkened or lightened, the least
change: ``colour.reach``) and the replacement is reported, never silent.
Series (``colors``, ``pointcolors``) need 3:1 against the background and plot
fill, text (``titlecolor``, ``legendcolor``, the label colour of
``axisstyles``) 4.5:1 (a replacement aims at 6:1, so the antialiased glyphs
as drawn keep 4.5:1) and axis tick and line colours (``axisstyles``) 1.5:1
against the background. Grounds are always exact: ``background``, ``bgfill``,
``plotfill``, translucent colours (``rrggbbaa``, drawn over what is under
them) and ``marks`` (drawn on the series). Where no variant reaches (a wide
gradient) the colour is kept and that is reported (text then gets a halo).

Filled shapes (bars, pie and donut slices) keep a too-pale colour as their
fill and get an edge in the variant instead (``edged``): the shape then stands
out from the background at 3:1 while the fill stays the colour the site uses
(Google's default pies shade down to ffffcc; a brand's pastel); a line or a
dot has no inside, so it is drawn in the variant.
"""

from . import colour
from .record import replace

SERIES = 3.0
TEXT = 4.5
TEXT_AIM = 6.0  # a replaced text colour aims higher: antialiased glyph stems lighten it (as theme.TEXT_INK)
LINE = 1.5


class Replaced:
    """One user colour that is not drawn as given (``drawn`` None: kept, no variant reaches)."""

    __slots__ = ("param", "index", "given", "drawn", "minimum", "edged")

    def __init__(self, param, index, given, drawn, minimum, edged=False):
        self.param, self.index, self.given, self.drawn, self.minimum = param, index, given, drawn, minimum
        self.edged = edged  # a filled shape: ``given`` is the fill, ``drawn`` its edge

    def note(self):
        """The line X-Dyngraph-Unsupported carries."""
        where = self.param if self.index is None else f"{self.param} {self.index}"
        if self.drawn is None:
            return f"{where}: {self.given} drawn as given, below {self.minimum:g}:1 against parts of the background " \
                   f"(no variant of it reaches that)"
        if self.edged:
            return f"{where}: {self.given} kept as the fill, edged in {self.drawn} ({self.minimum:g}:1 against the background)"
        return f"{where}: {self.given} drawn as {self.drawn} ({self.minimum:g}:1 against the background)"


def _rgb(hex_colour):
    return tuple(int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))


def checked(hex_colour, grounds, minimum, aim=None):
    """(the colour to draw, reached): ``hex_colour`` itself when it reads on ``grounds``, else its nearest
    variant with ``aim`` (default: ``minimum``); ``reached`` False when none does (the colour is then kept)."""
    if not hex_colour or len(hex_colour) == 8:  # unset, or translucent: a fill over what is under it
        return hex_colour, True
    rgb = _rgb(hex_colour)
    if colour.worst_contrast(rgb, grounds) >= minimum:
        return hex_colour, True
    variant = colour.reach(rgb, grounds, aim or minimum)
    if colour.worst_contrast(variant, grounds) < (aim or minimum):
        variant = colour.reach(rgb, grounds, minimum)  # (the aim out of reach: the minimum will do)
    if colour.worst_contrast(variant, grounds) < minimum:
        return hex_colour, False
    return "%02x%02x%02x" % variant, True


FILLED = ("bar", "hbar", "pie", "donut")  # chart types whose series are filled shapes: edged, not replaced


def apply(spec, grounds, plot_grounds=()):
    """(``spec`` with every user colour as it will be drawn, [Replaced, ...]).

    ``grounds``: the RGB colours under the text (the background, a gradient's
    colours); ``plot_grounds``: those under the plot, when it has its own fill.
    For FILLED types the series colours stay in the spec; their Replaced entries
    are ``edged`` (see :func:`edges`).
    """
    filled = spec.type in FILLED
    grounds = tuple(grounds)
    series_grounds = grounds + tuple(plot_grounds)
    replaced, changes, cache = [], {}, {}

    def check(param, index, value, ground, minimum, edge=False):
        key = (value, minimum, ground is grounds)
        if key not in cache:
            cache[key] = checked(value, ground, minimum, TEXT_AIM if minimum == TEXT else None)
        drawn, reached = cache[key]
        if not reached:
            replaced.append(Replaced(param, index, value, None, minimum))
        elif drawn != value:
            replaced.append(Replaced(param, index, value, drawn, minimum, edged=edge))
            if edge:
                return value
        return drawn

    if spec.colors:
        colors = tuple(check("colors", i, c, series_grounds, SERIES, filled) for i, c in enumerate(spec.colors))
        if colors != spec.colors:
            changes["colors"] = colors
    if spec.pointcolors:
        points = tuple(tuple(check("pointcolors", f"{s}.{i}", c, series_grounds, SERIES, filled) for i, c in enumerate(g))
                       for s, g in enumerate(spec.pointcolors))
        if points != spec.pointcolors:
            changes["pointcolors"] = points
    for name in ("titlecolor", "legendcolor"):
        value = getattr(spec, name)
        if value:
            drawn = check(name, None, value, grounds, TEXT)
            if drawn != value:
                changes[name] = drawn
    if spec.axisstyles:
        styles = tuple((i, check("axisstyles", f"{i} label", c, grounds, TEXT), size, align, control,
                        check("axisstyles", f"{i} tick", tick, grounds, LINE),
                        check("axisstyles", f"{i} line", line, grounds, LINE), fmt)
                       for i, c, size, align, control, tick, line, fmt in spec.axisstyles)
        if styles != spec.axisstyles:
            changes["axisstyles"] = styles
    return (replace(spec, **changes) if changes else spec), replaced


def edges(replaced):
    """{fill rrggbb: edge rrggbb} for the filled shapes whose colour alone would not read."""
    return {r.given[:6]: r.drawn for r in replaced if r.edged}
