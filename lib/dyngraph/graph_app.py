"""The image application: query string -> chart image (get_graph.py)."""

from . import http
from .errors import Forbidden, NotFound, SettingError, SourceUnavailable, SpecError, StoreUnavailable
from .rendercache import open_cache
from .settings import settings_for

REQUEST_ERRORS = (SpecError, NotFound, Forbidden, StoreUnavailable, SourceUnavailable)


def make_app(settings=None, **overrides):
    """Build the image application; ``settings`` default to the environment's."""
    try:
        chosen = settings_for(settings, **overrides)
    except SettingError as error:
        return http.misconfigured_app(error)
    return http.guarded_app(_handle, chosen)


def _handle(environ, start_response, settings):
    if environ.get("REQUEST_METHOD", "GET") not in http.ALLOWED_METHODS:
        return http.method_not_allowed(environ, start_response)
    query_string = environ.get("QUERY_STRING", "")
    errors = environ.get("wsgi.errors")
    cache = open_cache(settings)
    if cache is not None:  # a query string answered before: no parsing, no Pillow
        alias = cache.get_alias(query_string, errors)
        if alias is not None:
            answer = _from_cache(environ, start_response, cache, alias, errors)
            if answer is not None:
                return answer
    from .sources import resolve_chart

    try:
        resolved = resolve_chart(query_string, settings)
    except REQUEST_ERRORS as error:
        return _error(environ, start_response, error, query_string, settings)
    if resolved.report is not None:  # Google's chof=validate: a text report instead of the image
        headers = [("Content-Type", "text/plain; charset=utf-8"), ("Cache-Control", "no-store")]
        return http.respond(environ, start_response, 200, headers, resolved.report.encode("utf-8"))
    etag = http.make_etag(resolved.canonical)
    max_age = settings.cache_max_age if resolved.max_age is None else resolved.max_age
    cache_headers = [("ETag", etag), ("Cache-Control", f"public, max-age={max_age}")]
    reusable = cache is not None and getattr(resolved, "query_only", False)  # the raw query may be aliased
    if http.etag_matches(environ.get("HTTP_IF_NONE_MATCH", ""), etag):
        return http.respond(environ, start_response, 304, [*cache_headers, *resolved.headers])
    # The entry is the drawing's: its ETag plus the notes the reader gave before drawing (a Google
    # spelling's unsupported parameters), so its stored headers (glyph notes, a source's skipped
    # rows, added while drawing) are exactly this answer's. Looked up before any data source is read.
    key = "\n".join([etag, *(f"{name}: {value}" for name, value in resolved.headers)])
    entry = None if cache is None else cache.get_entry(key, errors)  # the same chart, maybe spelled otherwise
    if entry is not None:
        headers, body = entry.headers, entry.body
    else:
        try:
            spec = resolved.spec  # a declared source reads its data only now, after the 304 check
        except REQUEST_ERRORS as error:
            return _error(environ, start_response, error, query_string, settings)
        from .draw import draw_chart

        missing, remarks = [], []
        try:
            body = draw_chart(spec, settings, missing, remarks)
        except SpecError as error:  # the work budget, met while drawing
            return _error(environ, start_response, error, query_string, settings)
        headers = [("Content-Type", spec.mime_type), *cache_headers,
                   *_with_note(_with_glyphs(resolved.headers, missing), "; ".join(remarks))]
        _log_glyphs(missing, errors)
        if cache is not None:
            cache.put_entry(key, headers, body, errors)
    if reusable:  # the raw query string may answer again without parsing
        cache.put_alias(query_string, headers, key, errors, expires=resolved.expires)
    return http.respond(environ, start_response, 200, headers, body)


UNSUPPORTED = "X-Dyngraph-Unsupported"
_LOGGED = set()  # characters already logged by this process


def _with_glyphs(headers, missing):
    """``headers`` with the characters no font drew named in X-Dyngraph-Unsupported (joined to its value).

    An emoji sequence drawn as its parts (no face has it as one glyph) is named by its code points
    joined with "+", e.g. U+1F468+U+200D+U+1F469.
    """
    if not missing:
        return list(headers)
    return _with_note(headers, "glyphs " + " ".join(map(_codes, missing)) + " (no font on the server has them)")


def _with_note(headers, note):
    """``headers`` with ``note`` joined to X-Dyngraph-Unsupported (what the chart could not draw as asked)."""
    if not note:
        return list(headers)
    old = next((value for name, value in headers if name == UNSUPPORTED), "")
    return [h for h in headers if h[0] != UNSUPPORTED] + [(UNSUPPORTED, f"{old}; {note}" if old else note)]


def _codes(glyph):
    return "+".join(f"U+{ord(c):04X}" for c in glyph)


def _log_glyphs(missing, errors):
    """Tell the operator once per process which characters were drawn as boxes, and what to do."""
    new = [c for c in missing if c not in _LOGGED]
    if not new or errors is None:
        return
    _LOGGED.update(new)
    codes = " ".join(map(_codes, new))
    errors.write(f"dyngraph: no font on this host draws {codes}; drawn as boxes. Install a font that has "
                 "them (Debian: fonts-noto-cjk, fonts-noto-color-emoji) or set DYNGRAPH_FONT_PATH\n")


def _from_cache(environ, start_response, cache, alias, errors):
    """Answer from an alias: a 304 from its headers, a 200 with its entry's body; None when the entry has gone."""
    etag = next((value for name, value in alias.headers if name == "ETag"), "")
    if http.etag_matches(environ.get("HTTP_IF_NONE_MATCH", ""), etag):
        return http.respond(environ, start_response, 304, [h for h in alias.headers if h[0] != "Content-Type"])
    entry = cache.get_entry(alias.entry, errors)
    if entry is None:
        return None
    return http.respond(environ, start_response, 200, alias.headers, entry.body)


def _error(environ, start_response, error, query_string, settings):
    """Answer a request error: as an image for <img> fetches, else (and always for ``format=json``) as text."""
    from .sources import loose_error_params
    from .spec import DATA_FORMATS

    message = str(error)
    if getattr(error, "detail", ""):  # what the client is not told (a source's path) goes to the error log
        import sys

        print(f"dyngraph: {error.detail}", file=environ.get("wsgi.errors", sys.stderr))
    fmt, width, height = loose_error_params(query_string)
    if not http.wants_image(environ) or fmt in DATA_FORMATS:  # format=json asked for data, not a picture
        return http.text_error(environ, start_response, error.status, message)
    from .draw import draw_error

    body = draw_error(message, fmt, width, height, settings)
    headers = [
        ("Content-Type", "image/" + fmt),
        ("Cache-Control", "no-store"),
        ("X-Dyngraph-Error", http.header_safe(message)),
    ]
    return http.respond(environ, start_response, error.status, headers, body)


application = make_app()
