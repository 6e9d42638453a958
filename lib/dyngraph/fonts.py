"""Fonts by pixel size, cached per process; glyph fallback and text fitting.

Every chart is drawn in one primary face: the configured TrueType file
(settings.font_path, DYNGRAPH_FONT_PATH), else the first common system face
found (DejaVu, Liberation, Noto...), else Pillow's built-in font, which needs
no files but covers ASCII only (its word space, 3 px at 12 px, is widened).
A character the primary face lacks is drawn, glyph by glyph, in the first
fallback face that has it (Noto Sans CJK, WenQuanYi, Droid Sans Fallback,
emoji faces...); one that no face on the host has is reported (``missing``).
Only well-known paths are looked at: no user input reaches a path, and no
fontconfig subprocess runs per request.
"""

import os
from functools import lru_cache

from PIL import ImageFont

ELLIPSIS = "…"
BUILT_IN_SPACE = 0.3  # the built-in font's word space, in ems (its own is 0.25 and reads as none)
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
FALLBACK_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",  # Debian, Ubuntu: fonts-noto-cjk
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",  # Arch
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",  # Fedora
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",  # fonts-wqy-microhei
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",  # fonts-wqy-zenhei
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",  # fonts-droid-fallback
    "/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/noto/NotoEmoji-Regular.ttf",  # monochrome emoji
    "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf",  # fonts-symbola
    "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
    *SYSTEM_FONTS,  # each covers symbols another lacks
)
_MISSING_PROBE = "\U0010fffd"  # a private-use code point no face draws: its glyph is the face's .notdef


def primary(configured=""):
    """The face a chart is drawn in: the configured file, else a system face, else the built-in font ("")."""
    return configured or system_font()


@lru_cache(maxsize=1)
def system_font():
    """The first well-known system font present on this host, or "" (the built-in font)."""
    return next((path for path in SYSTEM_FONTS if os.path.isfile(path)), "")


@lru_cache(maxsize=8)
def chain(path):
    """The faces tried for a glyph, in order: ``path`` first, then the fallback faces on this host."""
    return (path, *(p for p in dict.fromkeys(FALLBACK_FONTS) if p != path and os.path.isfile(p)))


@lru_cache(maxsize=8192)
def has(path, char):
    """True when the face at ``path`` has a glyph for ``char`` (its mask differs from the .notdef one)."""
    if char.isspace() or (not path and char.isascii()):
        return True
    if not path:
        return False
    face = font(16, path)
    mask = face.getmask(char)
    return (mask.size, bytes(mask)) != _notdef(path)


@lru_cache(maxsize=16)
def _notdef(path):
    mask = font(16, path).getmask(_MISSING_PROBE)
    return (mask.size, bytes(mask))


def runs(text, path=""):
    """``text`` as [(face path, piece)]: runs of characters in the first face of ``chain(path)`` that has them.

    A character no face has stays with ``path`` (drawn as its .notdef box; see ``missing``). With the
    built-in font, each space is a run of its own with face None: a gap of BUILT_IN_SPACE ems.
    """
    if path and text.isascii():
        return [(path, text)]
    if not path and text.isascii() and " " not in text:
        return [("", text)]
    faces = chain(path)
    out = []
    for char in text:
        if not path and char == " ":
            out.append((None, " "))
            continue
        face = path if has(path, char) else next((f for f in faces[1:] if has(f, char)), path)
        if out and out[-1][0] == face:
            out[-1] = (face, out[-1][1] + char)
        else:
            out.append((face, char))
    return out


def missing(text, path=""):
    """The characters of ``text`` that no face on this host draws."""
    if text.isascii():
        return set()
    faces = chain(path)
    return {c for c in set(text) if not any(has(f, c) for f in faces)}


@lru_cache(maxsize=64)
def font(size, path=""):
    """The font at ``size`` pixels: the TrueType file at ``path``, else Pillow's built-in one."""
    size = max(4, min(600, int(size)))  # up to 72 px text at scale 3, and some
    if path:
        try:
            return ImageFont.truetype(path, size)
        except OSError as error:  # a configured file that is not a font FreeType reads
            msg = f"font {path!r} cannot be loaded ({error}); check DYNGRAPH_FONT_PATH"
            raise OSError(msg) from None
    return ImageFont.load_default(size=size)


@lru_cache(maxsize=4096)
def width(text, size, path=""):
    """Advance width of ``text`` in pixels, fallback glyphs and widened spaces included."""
    if not text:
        return 0.0
    return sum(font(size, face).getlength(piece) if face is not None else piece_gap(size) * len(piece)
               for face, piece in runs(text, path))


def piece_gap(size):
    """The built-in font's widened word space at ``size`` pixels."""
    return round(size * BUILT_IN_SPACE)


def line_height(size, path=""):
    """Ascent + descent in pixels: the height one line of text occupies."""
    ascent, descent = font(size, path).getmetrics()
    return ascent + descent


def fit(text, size, max_width, path=""):
    """``text`` unchanged if it fits in ``max_width`` pixels, else cut with an ellipsis."""
    if width(text, size, path) <= max_width:
        return text
    ellipsis = ELLIPSIS if not missing(ELLIPSIS, path) else "..."  # the built-in font alone has no "…"
    if width(ellipsis, size, path) > max_width:
        return ""
    low, high = 0, len(text)
    while low < high:  # longest prefix that fits with the ellipsis
        middle = (low + high + 1) // 2
        if width(text[:middle].rstrip() + ellipsis, size, path) <= max_width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ellipsis


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
