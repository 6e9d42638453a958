"""Palette, inks, font sizes and spacing as plain data (no Pillow).

The palettes start from Okabe & Ito's colours, which stay distinguishable under
the common forms of colour blindness, moved just enough to have 3:1 contrast
against their background (white for PALETTE, black for DARK_PALETTE) and
extended to 12 colours; every pair differs by CIEDE2000 >= 10, also as seen with
protanopia, deuteranopia or tritanopia (docs/palette.py derives them,
tests/test_theme.py checks them). Inks are chosen by WCAG contrast against the
colours actually under them, not by a luminance threshold.
"""

from . import colour as colours
from .memo import memo

PALETTE = ("0072b2", "c88800", "009e73", "c85800", "c878a8", "4098d8",
           "000000", "989050", "4800a0", "901838", "003800", "605870")
DARK_PALETTE = ("0072b2", "e69f00", "009e73", "d55e00", "cc79a7", "56b4e9",
                "ffffff", "f0e442", "9070ff", "a81078", "90ffb0", "686040")
SERIES_CONTRAST = 3.0  # series colours against the background (WCAG's non-text contrast)
# The least contrast each ink needs against what is under it: lines 1.5:1; text 4.5:1 (WCAG AA) as drawn,
# where antialiased glyph stems lighten the ink, so the ink itself aims higher (TEXT_INK) and, where
# even that cannot be reached, is plain black or white, whichever reads better.
TEXT_CONTRAST = 4.5
TEXT_INK = 6.0
TEXT_ROLES = ("title", "text", "muted")
MIN_CONTRAST = {"title": TEXT_INK, "text": TEXT_INK, "muted": TEXT_INK, "axis": 3.0, "zero": 3.0,
                "grid": 1.5, "grid_strong": 1.5, "empty": 1.2}

# Inks for a light background; ``inks`` swaps them for a dark one.
LIGHT_INKS = {
    "title": (0x22, 0x22, 0x22),
    "text": (0x44, 0x44, 0x44),
    "muted": (0x77, 0x77, 0x77),
    "axis": (0x88, 0x88, 0x88),
    "zero": (0x44, 0x44, 0x44),
    "grid": (0xe4, 0xe4, 0xe4),
    "grid_strong": (0xcc, 0xcc, 0xcc),  # dashed grid lines (Google's chg) need more contrast
    "empty": (0xdd, 0xdd, 0xdd),
}
DARK_INKS = {
    "title": (0xf2, 0xf2, 0xf2),
    "text": (0xd8, 0xd8, 0xd8),
    "muted": (0xaa, 0xaa, 0xaa),
    "axis": (0x99, 0x99, 0x99),
    "zero": (0xcc, 0xcc, 0xcc),
    "grid": (0x44, 0x44, 0x44),
    "grid_strong": (0x55, 0x55, 0x55),
    "empty": (0x55, 0x55, 0x55),
}

# Sparkline marker colours.
MARKERS = {"min": "d55e00", "max": "009e73", "first": "555555", "last": "555555"}

# Error images.
ERROR_BACKGROUND = (0xfd, 0xec, 0xea)
ERROR_BORDER = (0xd5, 0x5e, 0x00)
ERROR_TEXT = (0x8a, 0x1c, 0x00)

# Font sizes in pixels, as a fraction of the smaller image side, clamped.
FONT_SCALE = 1 / 22
FONT_MIN, FONT_MAX = 9, 16
TITLE_RATIO = 1.3

PAD = 8  # outer padding in pixels
TICK_GAP = 6  # space between tick labels and the plot
LEGEND_SWATCH = 12  # legend key size
LEGEND_GAP = 14  # space between legend entries
MIN_TICK_SPACING = 36  # pixels between value-axis ticks, at least
DONUT_HOLE = 0.56  # hole radius as a fraction of the outer radius
BAR_GROUP = 0.78  # share of a category's band the bars fill
BAR_STACKED = 0.62


def font_sizes(width, height):
    """(label size, title size) in pixels for an image of this size."""
    base = round(min(width, height) * FONT_SCALE)
    base = max(FONT_MIN, min(FONT_MAX, base, width // 20 or 1))
    return base, round(base * TITLE_RATIO)


def _grounds(ground):
    """One colour or several -> a tuple of RGB tuples."""
    return (tuple(ground[:3]),) if isinstance(ground[0], int) else tuple(tuple(g[:3]) for g in ground)


def is_dark(ground):
    """True when light inks read better than dark ones on ``ground`` (one colour or several)."""
    grounds = _grounds(ground)
    return colours.worst_contrast(DARK_INKS["text"], grounds) > colours.worst_contrast(LIGHT_INKS["text"], grounds)


@memo(32)
def _inks(grounds):
    base = DARK_INKS if is_dark(grounds) else LIGHT_INKS
    chosen = {role: colours.reach(ink, grounds, MIN_CONTRAST[role]) for role, ink in base.items()}
    extreme = max(((0, 0, 0), (255, 255, 255)), key=lambda e: colours.worst_contrast(e, grounds))
    for role in TEXT_ROLES:
        if colours.worst_contrast(chosen[role], grounds) < MIN_CONTRAST[role]:
            chosen[role] = extreme
    return chosen


def inks(ground):
    """The text, axis and grid colours for ``ground`` (one RGB colour, or all the colours of a fill).

    Each ink is the theme's own where it has its MIN_CONTRAST against every
    ground colour, else the least darkened or lightened variant that has.
    """
    return _inks(_grounds(ground))


@memo(32)
def _palette(grounds):
    base = DARK_PALETTE if is_dark(grounds) else PALETTE
    out = []
    for c in base:
        reached = colours.reach(_rgb(c), grounds, SERIES_CONTRAST)
        # Under a wide gradient no variant may reach it: then the colour stays itself rather than
        # every series turning the same black or white.
        out.append("%02x%02x%02x" % reached if colours.worst_contrast(reached, grounds) >= SERIES_CONTRAST else c)
    return tuple(out)


def palette(ground):
    """The default series colours for ``ground``: the light or dark palette, each with 3:1 contrast."""
    return _palette(_grounds(ground))


def text_on(ground):
    """Near-black or white, whichever has more contrast on ``ground`` (labels inside slices and bars)."""
    dark, light = (0x11, 0x11, 0x11), (0xff, 0xff, 0xff)
    return dark if colours.contrast(dark, ground) >= colours.contrast(light, ground) else light


def _rgb(hex_colour):
    return tuple(int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))


# Past the last colour, series repeat the colours but differ by their look as well (never by nothing):
# the n-th round of colours has these dashes (lines), markers (dots) and hatching (bars).
CYCLE_DASHES = ((0.0, 0.0), (6.0, 3.0), (2.0, 3.0), (10.0, 3.0))
CYCLE_MARKERS = ("dot", "square", "diamond", "triangle")
CYCLE_HATCHES = ("", "rows", "columns", "grid")


def cycle(index, colours):
    """Which round of the ``colours`` colours series ``index`` is in (0: the first), cycled over the looks."""
    return (index // max(1, colours)) % len(CYCLE_DASHES)


def series_colour(colors, index):
    """The hex colour of series (or slice) ``index``: the user's, else the palette's."""
    palette_ = colors or PALETTE
    return palette_[index % len(palette_)]
