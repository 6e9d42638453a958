"""Parsers for single values: numbers, colours, text, choices.

Python's ``float()`` and ``int()`` accept ``nan``, ``inf``, ``1_000`` and
non-ASCII digits; Pillow's layout engine raises on ``\\r`` and U+0085. Every
value therefore goes through a strict ASCII grammar or a sanitiser here.
"""

from .errors import SpecError, shown

# The grammars below are plain string checks, not regular expressions: ``re`` (with ``enum`` and
# ``functools``) costs ~4 ms per CGI process, a third of a 304's whole time (docs/performance.md).
MAX_MAGNITUDE = 1e15
# At most 17 integer and 20 fraction digits: enough for repr() of any float
# within the magnitude cap (e.g. 0.0001234567890123456, 17 significant digits
# after three zeros), and no 10,000-digit strings.
MAX_WHOLE_DIGITS, MAX_FRACTION_DIGITS, MAX_EXPONENT_DIGITS = 17, 20, 3
HEX_DIGITS = frozenset("0123456789abcdefABCDEF")
# Bidi embeddings/overrides/isolates and line/paragraph separators are
# dropped: they can reorder the rest of a label or break text layout.
_BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029)}


def digits(text, low, high):
    """True when ``text`` is ``low`` to ``high`` ASCII digits (0-9 only: ``str.isdigit`` alone takes ``²`` and ``٣``)."""
    return low <= len(text) <= high and (not text or (text.isascii() and text.isdigit()))


def is_decimal(text):
    """``-?(d{1,17}(.d{0,20})?|.d{1,20})([eE][-+]?d{1,3})?`` in ASCII digits: what :func:`number` reads.

    As fast as the regular expression was for plain decimals (each of a series' values passes here)."""
    body = text[1:] if text[:1] == "-" else text
    if not body.isascii():
        return False
    if "e" in body or "E" in body:
        mark = max(body.rfind("e"), body.rfind("E"))
        exponent = body[mark + 1:]
        if not digits(exponent[1:] if exponent[:1] in ("-", "+") else exponent, 1, MAX_EXPONENT_DIGITS):
            return False
        body = body[:mark]
    whole, point, fraction = body.partition(".")
    if len(whole) > MAX_WHOLE_DIGITS or len(fraction) > MAX_FRACTION_DIGITS:
        return False
    if whole:
        return whole.isdigit() and (not fraction or fraction.isdigit())
    return bool(point) and fraction.isdigit()


def is_integer(text):
    """``-?d{1,9}`` in ASCII digits."""
    body = text[1:] if text[:1] == "-" else text
    return 0 < len(body) <= 9 and body.isascii() and body.isdigit()


def number(text, param):
    """A finite decimal within +-1e15, ASCII digits only."""
    if not is_decimal(text):
        raise SpecError(param, f"must be a decimal number like -1.5 or 2e3, got {shown(text)}")
    return finite(float(text), param, text)


def finite(value, param, text=None):
    """``value`` (a float) if finite and within +-1e15; ``text`` is how the user wrote it."""
    if not abs(value) <= MAX_MAGNITUDE:  # NaN compares false, inf is over: no math import
        raise SpecError(param, f"must be between -1e15 and 1e15, got {shown(value if text is None else text)}")
    return value


def integer(text, param, low, high):
    """An ASCII integer in [low, high]."""
    if not is_integer(text) or not low <= int(text) <= high:
        raise SpecError(param, f"must be an integer from {low} to {high}, got {shown(text)}")
    return int(text)


def bounded_number(text, param, low, high):
    """A number in [low, high]."""
    value = number(text, param) if is_decimal(text) else None
    if value is None or not low <= value <= high:
        raise SpecError(param, f"must be a number from {low:g} to {high:g}, got {shown(text)}")
    return value


def format_number(value):
    """The shortest text that parses back to exactly ``value``."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def colour(text, param):
    """A hex colour (rgb, rrggbb or rrggbbaa, optional '#') -> lowercase rrggbb[aa]."""
    hexes = text[1:] if text[:1] == "#" else text
    if len(hexes) not in (3, 6, 8) or not HEX_DIGITS.issuperset(hexes):
        msg = f"must be a hex colour like ff8800 or f80 (rrggbbaa for transparency), got {shown(text)}"
        raise SpecError(param, msg)
    hexes = hexes.lower()
    if len(hexes) == 3:
        hexes = "".join(c * 2 for c in hexes)
    if len(hexes) == 8 and hexes.endswith("ff"):
        hexes = hexes[:6]
    return hexes


def rgba(hex_colour):
    """'rrggbb[aa]' -> an (r, g, b, a) tuple of ints."""
    alpha = int(hex_colour[6:8], 16) if len(hex_colour) == 8 else 255
    return (int(hex_colour[0:2], 16), int(hex_colour[2:4], 16), int(hex_colour[4:6], 16), alpha)


def choice(text, param, options):
    """One of ``options`` (exact, lowercase)."""
    if text not in options:
        raise SpecError(param, f"must be one of {', '.join(options)}, got {shown(text)}")
    return text


def flag(text, param):
    """A boolean written as 0 or 1."""
    if text not in ("0", "1"):
        raise SpecError(param, f"must be 0 or 1, got {shown(text)}")
    return text == "1"


def clean_text(text):
    """Remove control, bidi-override and unassigned characters; collapse whitespace.

    The result is safe to hand to Pillow's text layout and is a fixed point
    (``clean_text(clean_text(t)) == clean_text(t)``), which the round trip needs.
    """
    if text.isascii() and text.isprintable():  # the common case: only spaces to collapse (no unicodedata import)
        return " ".join(text.split())
    import unicodedata  # ~0.2 ms: only for text beyond printable ASCII

    kept = []
    for char in text:
        if char in _BIDI_CONTROLS:
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Zl", "Zp", "Cs", "Co", "Cn"):
            kept.append(" " if char in "\t\n\r\x0b\x0c\x85" else "")
        else:
            kept.append(" " if category == "Zs" else char)
    return " ".join("".join(kept).split())


def text(value, param, max_length):
    """Sanitised text of at most ``max_length`` characters."""
    cleaned = clean_text(value)
    if len(cleaned) > max_length:
        raise SpecError(param, f"must be at most {max_length} characters, got {len(cleaned)}")
    return cleaned
