"""Fonts by pixel size, cached per process, and text fitting.

Pillow's built-in scalable font (``ImageFont.load_default(size=...)``) needs
no font files on the host, but covers ASCII only: ``é``, ``€`` or ``日`` come
out as boxes. A TrueType path (settings.font_path, from DYNGRAPH_FONT_PATH)
covers other scripts; without one, text beyond ASCII is drawn with the first
common system font found (DejaVu, Liberation, Noto...), if the host has one.
"""

from functools import lru_cache

from PIL import ImageFont

ELLIPSIS = "…"
# Well-known locations only: no user input ever reaches a path.
SYSTEM_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",  # Debian, Ubuntu
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",  # Fedora, RHEL, Alpine
    "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",  # newer Fedora
    "/usr/share/fonts/TTF/DejaVuSans.ttf",  # Arch
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/noto/NotoSans-Regular.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",  # macOS
    "C:/Windows/Fonts/arial.ttf",
)


def path_for(texts, configured=""):
    """The font file to draw ``texts`` with: the configured one, the built-in font ("") for ASCII, else a system font."""
    if configured or all(text.isascii() for text in texts):
        return configured
    return system_font()


@lru_cache(maxsize=1)
def system_font():
    """The first well-known system font present on this host, or "" (the built-in font)."""
    import os

    return next((path for path in SYSTEM_FONTS if os.path.isfile(path)), "")


def texts_of(value):
    """Every string inside a spec field (nested tuples included)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from texts_of(item)


@lru_cache(maxsize=64)
def font(size, path=""):
    """The font at ``size`` pixels: the TrueType file at ``path``, else Pillow's built-in one."""
    size = max(4, min(600, int(size)))  # up to 72 px text at scale 3, and some
    if path:
        return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


@lru_cache(maxsize=4096)
def width(text, size, path=""):
    """Advance width of ``text`` in pixels."""
    return font(size, path).getlength(text) if text else 0.0


def line_height(size, path=""):
    """Ascent + descent in pixels: the height one line of text occupies."""
    ascent, descent = font(size, path).getmetrics()
    return ascent + descent


def fit(text, size, max_width, path=""):
    """``text`` unchanged if it fits in ``max_width`` pixels, else cut with an ellipsis."""
    if width(text, size, path) <= max_width:
        return text
    if width(ELLIPSIS, size, path) > max_width:
        return ""
    low, high = 0, len(text)
    while low < high:  # longest prefix that fits with the ellipsis
        middle = (low + high + 1) // 2
        if width(text[:middle].rstrip() + ELLIPSIS, size, path) <= max_width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS


def wrap(text, size, max_width, max_lines, path=""):
    """Break ``text`` into at most ``max_lines`` lines of at most ``max_width`` pixels."""
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if width(candidate, size, path) <= max_width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines - 1] + [" ".join(lines[max_lines - 1:])]  # cut by fit() below
    return [fit(line, size, max_width, path) for line in lines]
