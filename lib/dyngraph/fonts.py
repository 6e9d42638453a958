"""Fonts by pixel size, cached per process; glyph fallback and text fitting.

Every chart is drawn in one primary face: the configured TrueType file
(settings.font_path, DYNGRAPH_FONT_PATH), else the first common system face
found (DejaVu, Liberation, Noto...), else Pillow's built-in font, which needs
no files but covers ASCII only (its word space, 3 px at 12 px, is widened).
A character the primary face lacks is drawn, glyph by glyph, in the first
fallback face that has it (Noto Sans CJK, WenQuanYi, Droid Sans Fallback,
monochrome emoji and symbol faces...); one that no face on the host has is reported (``missing``).
Emoji (see emoji.py: sequences included) are drawn from a colour face (Noto Color Emoji) when the
host has one: their runs have the face ``EMOJI``, one emoji each, measured at the size they are drawn
(the Canvas scales the face's bitmap to it); a sequence the face lacks is drawn as its parts and
reported. The colour face is opened only for a text that holds an emoji.
Only well-known paths are looked at: no user input reaches a path, and no
fontconfig subprocess runs per request.
"""

import os

from . import pilcore
from .memo import memo

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
    "/usr/share/fonts/truetype/noto/NotoEmoji-Regular.ttf",  # monochrome emoji (when no colour face has one)
    "/usr/share/fonts/noto/NotoEmoji-Regular.ttf",
    "/usr/share/fonts/truetype/twemoji/TwitterColorEmoji-SVGinOT.ttf",  # its SVG is not drawn, its outlines are
    "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf",  # fonts-symbola
    "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
    *SYSTEM_FONTS,  # each covers symbols another lacks
)
COLOUR_FONTS = (  # colour emoji faces FreeType draws (bitmaps: CBDT, sbix; layers: COLR), in order
    "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf",  # Debian, Ubuntu: fonts-noto-color-emoji
    "/usr/share/fonts/noto/NotoColorEmoji.ttf",  # Arch, Alpine
    "/usr/share/fonts/google-noto-color-emoji-fonts/NotoColorEmoji.ttf",  # Fedora
    "/usr/share/fonts/truetype/joypixels/JoyPixels.ttf",
    "/usr/share/fonts/joypixels/JoyPixels.ttf",
    "/usr/share/fonts/twitter-twemoji-fonts/Twemoji.ttf",  # Fedora's Twemoji (COLR)
    "/System/Library/Fonts/Apple Color Emoji.ttc",  # macOS (sbix)
    "C:/Windows/Fonts/seguiemj.ttf",  # Segoe UI Emoji (COLR)
)
STRIKES = (109, 160, 136, 128, 96, 64)  # bitmap faces load only at a size they hold (Noto: 109 px)
EMOJI = "<emoji>"  # the face of an emoji run: the colour face, scaled
_MISSING_PROBE = "\U0010fffd"  # a private-use code point no face draws: its glyph is the face's .notdef


def primary(configured=""):
    """The face a chart is drawn in: the configured file, else a system face, else the built-in font ("")."""
    return configured or system_font()


@memo(1)
def system_font():
    """The first well-known system font present on this host, or "" (the built-in font)."""
    return next((path for path in SYSTEM_FONTS if os.path.isfile(path)), "")


@memo(8)
def chain(path):
    """The faces tried for a glyph, in order: ``path`` first, then the fallback faces on this host."""
    return (path, *(p for p in dict.fromkeys(FALLBACK_FONTS) if p != path and os.path.isfile(p)))


@memo(8192)
def has(path, char):
    """True when the face at ``path`` has a glyph for ``char`` (its mask differs from the .notdef one)."""
    if char.isspace() or (not path and char.isascii()):
        return True
    if not path:
        return False
    face = font(16, path)
    mask = face.getmask(char)
    return (mask.size, bytes(mask)) != _notdef(path)


@memo(16)
def _notdef(path):
    mask = font(16, path).getmask(_MISSING_PROBE)
    return (mask.size, bytes(mask))


def runs(text, path=""):
    """``text`` as [(face path, piece)]: runs of characters in the first face of ``chain(path)`` that has them.

    A character no face has stays with ``path`` (drawn as its .notdef box; see ``missing``). With the
    built-in font, each space is a run of its own with face None: a gap of BUILT_IN_SPACE ems. Each
    emoji the colour face draws is a run of its own with face EMOJI.
    """
    if path and text.isascii():
        return [(path, text)]
    if not path and text.isascii() and " " not in text:
        return [("", text)]
    from . import emoji  # only text beyond ASCII pays for it

    out = []
    if not emoji.likely(text):
        _plain_runs(text, path, out)
        return out
    for piece, is_emoji in emoji.split(text):
        if is_emoji and drawable(piece):
            out.append((EMOJI, piece))
            continue
        for part in emoji.parts(piece) if is_emoji else (piece,):
            if is_emoji and drawable(part):
                out.append((EMOJI, part))
            else:
                _plain_runs(part, path, out)
    return out


def _plain_runs(text, path, out):
    """Append the runs of ``text`` (no emoji in it) to ``out``, merging with the last run when faces agree."""
    faces = chain(path)
    for char in text:
        if not path and char == " ":
            out.append((None, " "))
            continue
        face = path if has(path, char) else next((f for f in faces[1:] if has(f, char)), path)
        if out and out[-1][0] == face:
            out[-1] = (face, out[-1][1] + char)
        else:
            out.append((face, char))


def missing(text, path=""):
    """What of ``text`` no face on this host draws: characters, and emoji sequences drawn as their parts."""
    if text.isascii():
        return set()
    from . import emoji

    out = set()
    if emoji.likely(text):
        plain = []
        for piece, is_emoji in emoji.split(text):
            if not is_emoji:
                plain.append(piece)
            elif not drawable(piece):
                if len(emoji.glyph(piece)) > 1:
                    out.add(piece)
                plain.extend(part for part in emoji.parts(piece) if not drawable(part))
        text = "".join(plain)
    faces = chain(path)
    return out | {c for c in set(text) if not any(has(f, c) for f in faces)}


@memo(1)
def colour_face():
    """(path, strike size, font) of the first colour emoji face on this host that loads, or None.

    A bitmap face (Noto Color Emoji) loads only at a size it holds; a scalable one at any.
    """
    from PIL import ImageFont  # colour emoji are drawn by ImageDraw (a text that has one pays the import)

    for path in COLOUR_FONTS:
        if not os.path.isfile(path):
            continue
        for strike in STRIKES:
            try:
                return path, strike, ImageFont.truetype(path, strike)
            except OSError:  # not one of its sizes (or not a face FreeType reads): try the next
                continue
    return None


@memo(4096)
def drawable(cluster):
    """True when the colour face draws the emoji ``cluster`` as one glyph (not .notdef, not its parts).

    Without Raqm (Pillow's basic layout) sequences are not shaped: only single emoji are drawable.
    """
    box = emoji_box(cluster)
    if box is None:
        return False
    from . import emoji

    font, wanted = colour_face()[2], emoji.glyph(cluster)
    return len(wanted) == 1 or font.getlength(wanted) < 1.5 * font.getlength(wanted[0])


@memo(1024)
def emoji_box(cluster):
    """The ink box of the emoji ``cluster`` in the colour face at its strike, from the pen on the baseline;
    None when the host has no colour face or it draws nothing for it (its .notdef is empty)."""
    face = colour_face()
    if face is None:
        return None
    from . import emoji

    left, top, right, bottom = face[2].getbbox(emoji.glyph(cluster), anchor="ls")
    return (left, top, right, bottom) if right > left and bottom > top else None


@memo(1024)
def emoji_width(cluster, size):
    """Advance of the emoji ``cluster`` drawn at ``size`` pixels: the face's, scaled from its strike."""
    from . import emoji

    _, strike, font = colour_face()
    return font.getlength(emoji.glyph(cluster)) * size / strike


def font(size, path=""):
    """The font at ``size`` pixels: the TrueType file at ``path``, else Pillow's built-in one.

    A TrueType face is a pilcore.Face (Pillow's core font, measured and drawn as ImageFont does it,
    without importing PIL.Image) unless pilcore is off for this Pillow.
    """
    return _font(max(4, min(600, int(size))), path, pilcore.ENABLED)  # up to 72 px text at scale 3, and some


@memo(64)
def _font(size, path, core):
    if path:
        try:
            if core:
                return pilcore.Face(path, size)
            from PIL import ImageFont

            return ImageFont.truetype(path, size)
        except OSError as error:  # a configured file that is not a font FreeType reads
            msg = f"font {path!r} cannot be loaded ({error}); check DYNGRAPH_FONT_PATH"
            raise OSError(msg) from None
    from PIL import ImageFont

    return ImageFont.load_default(size=size)


@memo(4096)
def width(text, size, path=""):
    """Advance width of ``text`` in pixels, fallback glyphs and widened spaces included."""
    if not text:
        return 0.0
    return sum(piece_gap(size) * len(piece) if face is None else emoji_width(piece, size) if face == EMOJI
               else font(size, face).getlength(piece) for face, piece in runs(text, path))


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
    cuts = _cuts(text)
    low, high = 0, len(cuts) - 1
    while low < high:  # longest prefix that fits with the ellipsis
        middle = (low + high + 1) // 2
        if width(text[:cuts[middle]].rstrip() + ellipsis, size, path) <= max_width:
            low = middle
        else:
            high = middle - 1
    return text[:cuts[low]].rstrip() + ellipsis


def _cuts(text):
    """Where ``text`` may be cut: between any two characters, but never inside an emoji sequence."""
    if text.isascii():
        return range(len(text) + 1)
    from . import emoji

    cuts, at = [0], 0
    for piece, is_emoji in emoji.split(text):
        cuts.extend(range(at + 1, at + len(piece) + 1) if not is_emoji else (at + len(piece),))
        at += len(piece)
    return cuts


def wrap(text, size, max_width, max_lines, path=""):
    """Break ``text`` into at most ``max_lines`` lines of at most ``max_width`` pixels (see dyngraph.linebreak)."""
    from .linebreak import lines

    return lines(text, lambda t: width(t, size, path), max_width, max_lines,
                 lambda line: fit(line, size, max_width, path))
