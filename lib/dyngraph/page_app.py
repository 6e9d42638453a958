"""The page application (page.py): gallery and builder form, valid HTML5, no JavaScript."""

from . import http
from .errors import SettingError, SpecError, StoreUnavailable
from .settings import settings_for

BUILDER_FIELDS = ("type", "data", "labels", "times", "tz", "legend", "title", "width", "height", "format", "output")
PAGE_HEADERS = [
    ("Content-Type", "text/html; charset=utf-8"),
    ("Content-Security-Policy", "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; "
     "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
    ("Referrer-Policy", "no-referrer"),
    ("Cache-Control", "no-cache"),
]


def make_app(settings=None, **overrides):
    """Build the page application; ``settings`` default to the environment's."""
    try:
        chosen = settings_for(settings, **overrides)
    except SettingError as error:
        return http.misconfigured_app(error)
    return http.guarded_app(_handle, chosen)


def _handle(environ, start_response, settings):
    if environ.get("REQUEST_METHOD", "GET") not in http.ALLOWED_METHODS:
        return http.method_not_allowed(environ, start_response)
    from functools import partial

    from .datasource import page_entries
    from .gallery import examples, google_examples
    from .markup import page

    fields, built, error, status = {}, None, None, 200
    try:
        fields = builder_fields(environ.get("QUERY_STRING", ""), settings)
        built = build(fields, settings)
    except SpecError as exc:
        error, status = str(exc), exc.status  # 400, or 414 for an over-long query
    # Google URLs cannot carry a signature: a signing site refuses them, so it does not show them.
    draw_page = partial(page, gallery=examples(), builder_fields=fields, script=settings.graph_script,
                        settings=settings, google=() if settings.secrets else google_examples(),
                        sources=page_entries(settings, environ.get("wsgi.errors")))
    try:
        html = draw_page(built=built, error=error)
    except StoreUnavailable as exc:  # output=graphid while the store is down: say so, keep the form
        error, status = str(exc), exc.status
        html = draw_page(built=None, error=error)
    return http.respond(environ, start_response, status, PAGE_HEADERS, html.encode("utf-8"))


def builder_fields(query_string, settings):
    """The builder form's fields from the page's query string (strictly decoded)."""
    from .query import split_query, unique_params

    limits = settings.limits
    pairs = split_query(query_string, max_length=limits.max_query_length, max_params=limits.max_params)
    return unique_params(pairs, BUILDER_FIELDS)


def build(fields, settings):
    """The spec the form asks for, or None when no data was given. Empty fields mean default."""
    if not fields.get("data"):
        return None
    from .api import OUTPUTS
    from .spec import parse_params

    from .values import choice

    choice(fields.get("output") or "url", "output", OUTPUTS)
    given = {name: value for name, value in fields.items() if value != "" and name != "output"}
    # A form is typed by people: "1, 2, 3" means 1,2,3 (the URL the page makes is canonical).
    given["data"] = "|".join(",".join(v.strip() for v in s.split(",")) for s in given["data"].split("|"))
    if "times" in given:  # "2026-03-01, 2026-03-02" too
        given["times"] = ",".join(t.strip() for t in given["times"].split(","))
    return parse_params(given, limits=settings.limits)


application = make_app()
