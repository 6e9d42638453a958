"""Palette, inks, font sizes and spacing as plain data (no Pillow).

The default palette is Okabe & Ito's, which stays distinguishable under the
common forms of colour blindness; yellow comes late because it is faint on white.
"""

PALETTE = ("0072b2", "e69f00", "009e73", "d55e00", "cc79a7", "56b4e9", "000000", "f0e442")

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


def is_dark(rgb):
    """True when text should be light on this background (relative luminance < 0.4)."""
    r, g, b = (c / 255 for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.4


def inks(background_rgb):
    """The text, axis and grid colours that read well on this background."""
    return DARK_INKS if is_dark(background_rgb) else LIGHT_INKS


def series_colour(colors, index):
    """The hex colour of series (or slice) ``index``: the user's, else the palette's."""
    palette = colors or PALETTE
    return palette[index % len(palette)]
