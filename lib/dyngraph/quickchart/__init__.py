"""QuickChart URLs (``c={type:'bar',data:{…}}&w=500&h=300``) read onto the native ChartSpec, never evaluated.

``read`` is the one entry point: sources.py calls it when a query has a
``c`` or ``chart`` parameter. Standard library only, so a 304 or 400 never
loads Pillow. The config is parsed by :mod:`.literal` (JavaScript literals
only: functions are kept as text and never run), mapped by :mod:`.mapping`.
"""

import re

from . import mapping, params
from .reading import Note

_HAS_CONFIG = re.compile(rb"(?:\A|&)(?:amp;)?(?:c|chart)=")


def looks_like_quickchart(query_string):
    """True when the raw query has a ``c`` or ``chart`` parameter: cheap, before any decoding."""
    raw = query_string if isinstance(query_string, bytes) else query_string.encode("latin-1", "replace")
    return _HAS_CONFIG.search(raw) is not None


def read(query_string, settings):
    """Raw query string -> a :class:`dialect_report.DialectChart`; raises SpecError unless ``dyngraph=validate``."""
    from .. import dialect_report
    from ..google.params import split

    limits = settings.limits
    notes = []
    note = lambda p, lvl, text: notes.append(Note(p, lvl, text))  # noqa: E731
    query = split(query_string, limits)
    return dialect_report.read(query, notes, lambda: map_options(params.read(query, limits, note), limits, notes),
                               limits, dialect="QuickChart (Chart.js config)", value_width=200, header_limit=2000,
                               validate=query.get("dyngraph", "").strip().lower() == "validate")


def map_options(options, limits, notes):
    """Read :class:`params.Options` -> native parameters: the config mapped, size, format and background set."""
    from .literal import parse

    config = parse(options.config_text, max_length=limits.max_query_length)
    request = mapping.Request(options.width, options.height, options.version)
    native = mapping.map_config(config, request, notes)
    native.update(width=str(options.width), height=str(options.height), format=options.format,
                  background=options.background)
    _pixel_ratio(options, limits, native, notes)
    return native


def _pixel_ratio(options, limits, native, notes):
    """devicePixelRatio onto native ``scale``: the image is w x dpr by h x dpr, laid out as at 1x.

    Native scales are whole numbers up to ``spec.MAX_SCALE``; where the scaled image would exceed the pixel
    limits, the largest ratio that fits is drawn instead of refusing (as the issue asks).
    """
    from ..spec import MAX_SCALE

    wanted = options.ratio
    scale = min(max(round(wanted), 1), MAX_SCALE)
    w, h = options.width, options.height
    while scale > 1 and (w * scale > limits.max_width or h * scale > limits.max_height
                         or w * h * scale * scale > limits.max_pixels):
        scale -= 1
    if scale > 1:
        native["scale"] = str(scale)
    size = f"{w * scale} x {h * scale} pixels"
    if scale == wanted:
        notes.append(Note("devicePixelRatio", "ok", f"{wanted:g}: {size} (native scale)"))
    else:
        why = "the largest that fits the pixel limits" if scale < min(round(wanted), MAX_SCALE) else (
            f"native scales are 1 to {MAX_SCALE}")
        notes.append(Note("devicePixelRatio", "partial", f"{wanted:g} drawn at {scale} ({why}): {size}"))
