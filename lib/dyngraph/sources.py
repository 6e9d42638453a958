"""Where a request's chart comes from: the query string itself, a stored id, or a Google URL.

``resolve`` turns the decoded parameters of one request into a ChartSpec.
It is the one place that decides which reader applies, so signing, stored
specs and the Google dialect all sit in front of the same renderer.
"""

from . import spec as spec_module
from .query import split_query, unique_params


def resolve(query_string, settings):
    """Query string -> validated ChartSpec, or raise SpecError/NotFound/Forbidden."""
    limits = settings.limits
    pairs = split_query(query_string, max_length=limits.max_query_length, max_params=limits.max_params)
    return spec_module.parse_params(unique_params(pairs, spec_module.PARAMS), limits=limits)


def loose_error_params(query_string):
    """Best-effort (format, width, height) for drawing an error image; never raises."""
    found = {}
    text = query_string.decode("latin-1") if isinstance(query_string, bytes) else query_string
    for segment in text[:4096].split("&"):
        name, _, value = segment.partition("=")
        if name in ("format", "width", "height") and name not in found:
            found[name] = value
    fmt = found.get("format") if found.get("format") in spec_module.FORMATS else "png"
    sizes = []
    for name, default in (("width", 240), ("height", 60)):
        raw = found.get(name, "")
        size = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 5 else default
        sizes.append(min(max(size, 16), 800))
    return fmt, sizes[0], sizes[1]
