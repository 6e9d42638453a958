"""The image application: query string -> chart image (get_graph.py)."""

from . import http
from .errors import Forbidden, NotFound, SpecError, StoreUnavailable
from .settings import settings_for

REQUEST_ERRORS = (SpecError, NotFound, Forbidden, StoreUnavailable)


def make_app(settings=None, **overrides):
    """Build the image application; ``settings`` default to the environment's."""
    return http.guarded_app(_handle, settings_for(settings, **overrides))


def _handle(environ, start_response, settings):
    if environ.get("REQUEST_METHOD", "GET") not in http.ALLOWED_METHODS:
        return http.method_not_allowed(environ, start_response)
    query_string = environ.get("QUERY_STRING", "")
    from .sources import resolve_chart
    from .spec import to_query

    try:
        resolved = resolve_chart(query_string, settings)
    except REQUEST_ERRORS as error:
        return _error(environ, start_response, error, query_string, settings)
    if resolved.report is not None:  # Google's chof=validate: a text report instead of the image
        headers = [("Content-Type", "text/plain; charset=utf-8"), ("Cache-Control", "no-store")]
        return http.respond(environ, start_response, 200, headers, resolved.report.encode("utf-8"))
    spec = resolved.spec
    etag = http.make_etag(to_query(spec))
    cache = [("ETag", etag), ("Cache-Control", f"public, max-age={settings.cache_max_age}"), *resolved.headers]
    if http.etag_matches(environ.get("HTTP_IF_NONE_MATCH", ""), etag):
        return http.respond(environ, start_response, 304, cache)
    from .draw import draw_chart

    body = draw_chart(spec, settings)
    return http.respond(environ, start_response, 200, [("Content-Type", spec.mime_type), *cache], body)


def _error(environ, start_response, error, query_string, settings):
    """Answer a request error: as an image for <img> fetches, else (and always for ``format=json``) as text."""
    from .sources import loose_error_params
    from .spec import DATA_FORMATS

    message = str(error)
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
