"""QuickChart's URL parameters around the config: size, pixel ratio, format, background, version, encoding.

Split tolerantly like Google URLs (dyngraph.google.params.split: empty
segments skipped, ``&amp;`` repaired, the last repeat wins, unknown names
kept and reported), because QuickChart links are pasted into READMEs,
e-mails and chat messages the same way.
"""

from .. import values
from ..errors import SpecError, shown
from . import colours
from .reading import IGNORED, OK, PARTIAL

DEFAULT_WIDTH, DEFAULT_HEIGHT, DEFAULT_RATIO = 500, 300, 2.0
FORMATS = {"png": "png", "webp": "webp", "jpg": "jpeg", "jpeg": "jpeg"}
REFUSED_FORMATS = ("svg", "pdf", "base64")
# Each parameter and its QuickChart alias: (long name, short name).
NAMES = (("chart", "c"), ("width", "w"), ("height", "h"), ("format", "f"), ("backgroundColor", "bkg"),
         ("version", "v"), ("devicePixelRatio", None), ("encoding", None), ("key", None), ("dyngraph", None))
_KNOWN = {name for pair in NAMES for name in pair if name}


class Options:
    """The URL parameters of one QuickChart request, read."""

    def __init__(self, config_text, width, height, ratio, fmt, background, version, validate):
        self.config_text, self.width, self.height, self.ratio = config_text, width, height, ratio
        self.format, self.background, self.version, self.validate = fmt, background, version, validate


def read(query, limits, note):
    """A split query (:class:`dyngraph.google.params.GoogleQuery`) -> :class:`Options`; SpecError names it."""
    get = _getter(query, note)
    validate = (get("dyngraph") or "").strip().lower() == "validate"
    if get("dyngraph") is not None and not validate:
        raise SpecError("dyngraph", f"must be validate, got {shown(get('dyngraph'))}")
    text, name = get("chart", with_name=True)
    if text is None or not text.strip():
        raise SpecError("c", "required: the Chart.js config, e.g. c={type:'bar',data:{datasets:[{data:[1,2,3]}]}}")
    encoding = (get("encoding") or "url").strip().lower()
    if encoding == "base64":
        text = _base64(text)
        note("encoding", OK, "base64: the config was decoded")
    elif encoding != "url":
        raise SpecError("encoding", f"must be url or base64, got {shown(encoding)}")
    width = _size(get("width", with_name=True), DEFAULT_WIDTH, limits.max_width, limits)
    height = _size(get("height", with_name=True), DEFAULT_HEIGHT, limits.max_height, limits)
    note("width", OK, f"{width} x {height} CSS pixels")
    ratio_text = get("devicePixelRatio")
    ratio = DEFAULT_RATIO if ratio_text is None else values.bounded_number(ratio_text.strip(), "devicePixelRatio",
                                                                         0.1, 10)
    fmt_text = (get("format") or "png").strip().lower()
    if fmt_text in REFUSED_FORMATS or fmt_text not in FORMATS:
        raise SpecError("format", f"must be png, webp or jpg (svg and pdf are not drawn here), got {shown(fmt_text)}")
    background = _background(get("backgroundColor"), FORMATS[fmt_text], note)
    version = _version(get("version"), note)
    if get("key") is not None:
        note("key", IGNORED, "QuickChart account keys have no meaning here")
    return Options(text, width, height, ratio, FORMATS[fmt_text], background, version, validate)


def _getter(query, note):
    """Parameter by its long or short name; giving both is an error (which one would QuickChart use?)."""
    for name in query.params:
        if name not in _KNOWN:
            note(name, "not supported", "not a QuickChart parameter dyngraph reads")
    aliases = {long: short for long, short in NAMES}

    def get(long, with_name=False):
        short = aliases[long]
        given = [n for n in (long, short) if n and n in query]
        if len(given) > 1:
            raise SpecError(short, f"given as both {short} and {long}; give one")
        value = query.get(given[0]) if given else None
        return (value, given[0] if given else short or long) if with_name else value

    return get


def _size(found, default, high, limits):
    text, name = found
    if text is None:
        return default
    return values.integer(text.strip(), name, limits.min_size, high)


def _background(text, fmt, note):
    """QuickChart's default is transparent; JPEG cannot be, so it gets white as a browser shows it."""
    if text is None:
        return "ffffff00" if fmt != "jpeg" else "ffffff"
    colour = colours.css_colour(text, "bkg")
    if len(colour) == 8 and fmt == "jpeg":
        note("bkg", PARTIAL, "JPEG has no transparency: drawn opaque")
        colour = colour[:6]
    note("bkg", OK, f"background {colour}")
    return colour


def _version(text, note):
    """Chart.js 2 (QuickChart's default) or 3/4: which option shapes and palette are expected."""
    if text is None:
        return 2
    head = text.strip().split(".")[0]
    if head not in ("2", "3", "4"):
        raise SpecError("v", f"must be a Chart.js version 2, 3 or 4 (like 2.9.4), got {shown(text)}")
    note("v", OK, f"Chart.js {head} option shapes and colours")
    return int(head)


def _base64(text):
    import base64
    import binascii

    cleaned = text.strip().replace(" ", "+").replace("-", "+").replace("_", "/")
    cleaned += "=" * (-len(cleaned) % 4)
    try:
        return base64.b64decode(cleaned, validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        raise SpecError("c", "must be base64 text of UTF-8 with encoding=base64") from None
