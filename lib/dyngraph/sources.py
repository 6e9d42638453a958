"""Where a request's chart comes from: the query string, a stored id, a Google or QuickChart URL, a source.

``resolve`` turns the decoded parameters of one request into a ChartSpec.
It is the one place that decides which reader applies, so signing, stored
specs and the Google dialect all sit in front of the same renderer.
"""

from . import signing, timeparams
from . import spec as spec_module
from .errors import SpecError
from .query import split_query, unique_params


def resolve(query_string, settings):
    """Query string -> validated ChartSpec, or raise SpecError/NotFound/Forbidden/StoreUnavailable/SourceUnavailable.

    Dispatch, in order: the signature (refused unsigned or expired before
    anything else), then which reader applies; each reader returns the text
    that was signed and a loader, and the signature is checked against that
    text before the loader may touch the store, a data source or the renderer.
    """
    if _is_google(query_string):
        return _google(query_string, settings).spec
    if _is_quickchart(query_string):
        return _quickchart(query_string, settings).spec
    return _resolve(query_string, settings).spec


class Resolved:
    """A resolved request for the image app: the spec, extra response headers, an optional text report.

    ``canonical`` is what the picture depends on (the ETag is made from it);
    ``max_age`` the seconds it may be cached (None: the site's setting).
    ``query_only`` is True when the spec depends on nothing but the query text
    and the settings (no store, no files, no clock): the render cache may then
    answer the same raw query string again without parsing it (see
    dyngraph.rendercache). Readers that look anything up leave it False.
    ``expires`` is a signed link's ``exp`` (0: none): no cached answer after it.
    """

    max_age = None
    query_only = False
    expires = 0

    def __init__(self, spec, headers=(), report=None, *, query_only=False, expires=0):
        self.spec, self.headers, self.report = spec, tuple(headers), report
        self.query_only, self.expires = query_only, expires

    @property
    def canonical(self):
        return spec_module.to_query(self.spec)


def resolve_chart(query_string, settings):
    """Like :func:`resolve`, keeping what a Google URL adds (headers, the ``chof=validate`` report);
    a declared source's spec is read only when asked for, after the ETag."""
    if _is_google(query_string):
        chart = _google(query_string, settings, keep_report=True)
        return Resolved(chart.spec, chart.headers, chart.report, query_only=True)
    if _is_quickchart(query_string):
        chart = _quickchart(query_string, settings, keep_report=True)
        return Resolved(chart.spec, chart.headers, chart.report, query_only=True)
    return _resolve(query_string, settings)


def _resolve(query_string, settings):
    """A native, stored or source request -> Resolved (or a datasource.SourceChart), signature checked."""
    limits = settings.limits
    pairs = split_query(query_string, max_length=limits.max_query_length, max_params=limits.max_params)
    signed, pairs = signing.take(pairs)
    signing.precheck(signed, settings)
    names = {name for name, _ in pairs}
    if "graphId" in names:
        signed_text, load = _stored(pairs, settings)
    elif "source" in names:
        from .datasource import request

        signed_text, load = request(pairs, settings)
        signing.verify(signed, signed_text, settings)
        return load()
    else:
        signed_text, load = _native(pairs, settings)
        signing.verify(signed, signed_text, settings)
        expires = int(signed[1]) if settings.secrets and signed[1] else 0  # precheck checked it is digits
        relative = timeparams.relative_window(pairs)  # from=-24h: the picture depends on the clock
        resolved = Resolved(load(), query_only=not relative, expires=expires)
        if relative:
            resolved.max_age = min(settings.cache_max_age, timeparams.RELATIVE_MAX_AGE)
        return resolved
    signing.verify(signed, signed_text, settings)
    return Resolved(load())


def _is_google(query_string):
    """A Google Image Charts URL has ``cht``; native names never do. Cheap: no decoding."""
    raw = query_string.encode("latin-1", "replace") if isinstance(query_string, str) else query_string
    return raw.startswith((b"cht=", b"amp;cht=")) or b"&cht=" in raw or b"&amp;cht=" in raw


def _google(query_string, settings, keep_report=False):
    """``cht=…&chs=…&chd=…``: Google's dialect, read tolerantly (see dyngraph.google).

    Old Google URLs cannot carry a signature, so a site that draws only signed
    URLs refuses them like any unsigned request.
    """
    from . import google

    signing.precheck((None, None), settings)
    chart = google.read(query_string, settings)
    if chart.error is not None and not keep_report:
        raise chart.error
    return chart


def _is_quickchart(query_string):
    """A QuickChart URL has ``c`` or ``chart`` (the Chart.js config); native names never do. Cheap."""
    raw = query_string.encode("latin-1", "replace") if isinstance(query_string, str) else query_string
    return raw.startswith((b"c=", b"chart=")) or b"&c=" in raw or b"&chart=" in raw or b"amp;c=" in raw


def _quickchart(query_string, settings, keep_report=False):
    """``c={type:'bar',…}&w=…&h=…``: QuickChart's dialect, the config parsed and never run (dyngraph.quickchart).

    Like Google URLs they carry no signature, so a signing site refuses them.
    """
    from . import quickchart

    signing.precheck((None, None), settings)
    chart = quickchart.read(query_string, settings)
    if chart.error is not None and not keep_report:
        raise chart.error
    return chart


def _native(pairs, settings):
    """The chart's own parameters (``type=line&data=…``)."""
    spec = spec_module.parse_params(unique_params(pairs, spec_module.PARAMS), limits=settings.limits)
    return spec_module.to_query(spec), lambda: spec


def _stored(pairs, settings):
    """``graphId=<id>``: a chart stored by the page side (see dyngraph.store)."""
    from .store import check_id, open_store

    if len(pairs) > 1:
        others = sorted({name for name, _ in pairs} - {"graphId"}) or ["graphId"]
        raise SpecError(others[0], "graphId is given alone (plus sig and exp on signed sites)")
    key = check_id(pairs[0][1])

    def load():
        query = open_store(settings).get(key)  # stored charts may be longer than any URL
        stored = split_query(query, max_length=len(query), max_params=settings.limits.max_params)
        return spec_module.parse_params(unique_params(stored, spec_module.PARAMS), limits=settings.limits)

    return f"graphId={key}", load


def loose_error_params(query_string):
    """Best-effort (format, width, height) for answering an error (a data format: as text); never raises."""
    found = {}
    text = query_string.decode("latin-1") if isinstance(query_string, bytes) else query_string
    for segment in text[:4096].split("&"):
        name, _, value = segment.partition("=")
        name = {"w": "width", "h": "height", "f": "format"}.get(name, name)  # QuickChart's short names
        if name in ("type", "format", "width", "height", "chs") and name not in found:
            found[name] = value
    if "width" not in found and "x" in found.get("chs", ""):  # a Google URL: its error image is chs-sized
        found["width"], _, found["height"] = found["chs"].partition("x")
    known = spec_module.FORMATS + spec_module.DATA_FORMATS
    fmt = found.get("format") if found.get("format") in known else "png"
    # Without a usable size, the chart's own default: the image then fills the <img> box it replaces.
    defaults = spec_module.DEFAULT_SIZES.get(found.get("type"), spec_module.DEFAULT_SIZE)
    if _is_quickchart(text[:4096]):  # QuickChart's own default size
        defaults = (500, 300)
    sizes = []
    for name, default in zip(("width", "height"), defaults):
        raw = found.get(name, "")
        size = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 5 else default
        sizes.append(min(max(size, 16), 800))
    return fmt, sizes[0], sizes[1]
