"""Small WSGI helpers: responses, errors, ETag/304, HEAD. Standard library only.

Errors raised anywhere during request handling are mapped to statuses here,
in one place; Pillow is imported only to draw an error as an image.
"""

from . import __version__

try:  # the interpreter's own SHA-256: importing hashlib loads OpenSSL (~2.5 ms per CGI process)
    from _sha256 import sha256  # Python 3.10, 3.11
except ImportError:
    try:
        from _sha2 import sha256  # Python 3.12+
    except ImportError:
        from hashlib import sha256

STATUS_TEXT = {
    200: "OK", 302: "Found", 304: "Not Modified", 400: "Bad Request", 403: "Forbidden",
    404: "Not Found", 405: "Method Not Allowed", 414: "URI Too Long", 500: "Internal Server Error",
    501: "Not Implemented", 503: "Service Unavailable",
}
ALLOWED_METHODS = ("GET", "HEAD")
SECURITY_HEADERS = [("X-Content-Type-Options", "nosniff")]
MAX_IF_NONE_MATCH = 4096


def status_line(code):
    return f"{code} {STATUS_TEXT[code]}"


def respond(environ, start_response, code, headers, body=b""):
    """Send a response; for HEAD keep the headers (Content-Length too) but no body."""
    headers = [*headers, ("Content-Length", str(len(body))), *SECURITY_HEADERS]
    start_response(status_line(code), headers)
    return [] if environ.get("REQUEST_METHOD") == "HEAD" else [body]


def method_not_allowed(environ, start_response):
    """405 for anything but GET and HEAD; the request body is never read."""
    allow = [("Allow", ", ".join(ALLOWED_METHODS))]
    return text_error(environ, start_response, 405, "method: only GET and HEAD are accepted", allow)


def make_etag(canonical):
    """A strong ETag from the canonical request and the package version."""
    digest = sha256(f"{__version__}\n{canonical}".encode()).hexdigest()
    return f'"{digest[:32]}"'


def etag_matches(if_none_match, etag):
    """True when an If-None-Match header matches ``etag`` (weak comparison, RFC 9110)."""
    if not if_none_match or len(if_none_match) > MAX_IF_NONE_MATCH:
        return False
    if if_none_match.strip() == "*":
        return True
    candidates = (tag.strip().removeprefix("W/") for tag in if_none_match.split(","))
    return etag in candidates


def wants_image(environ):
    """True for an ``<img>`` fetch: images accepted and not a page navigation."""
    accept = environ.get("HTTP_ACCEPT", "")
    return "image/" in accept and "text/html" not in accept


def header_safe(text, limit=300):
    """Make text fit in a header value: ASCII, one line, bounded."""
    return text.encode("ascii", "backslashreplace").decode("ascii").replace("\r", " ").replace("\n", " ")[:limit]


def text_error(environ, start_response, code, message, extra_headers=()):
    """An error as a one-line text/plain body, also named in X-Dyngraph-Error."""
    body = (message + "\n").encode("utf-8")
    headers = [
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Cache-Control", "no-store"),
        ("X-Dyngraph-Error", header_safe(message)),
        *extra_headers,
    ]
    return respond(environ, start_response, code, headers, body)


def misconfigured_app(error):
    """A WSGI application for a deployment whose settings are wrong: every request a 500, the log one line.

    The line names the setting (``error`` is a SettingError); the client only learns that the server
    is misconfigured. ``.settings`` are the defaults, for the CGI gateway's time limit.
    """
    from .settings import Settings

    def application(environ, start_response):
        import sys

        stream = environ.get("wsgi.errors", sys.stderr)
        stream.write(f"dyngraph: bad setting {error}\n")
        return text_error(environ, start_response, 500, "server misconfigured; see the server's error log")

    application.settings = Settings()
    return application


def guarded_app(handle, settings):
    """A WSGI application around ``handle(environ, start_response, settings)``.

    The one catch-all sits here, at the WSGI boundary: the client gets a
    generic 500, the traceback goes to wsgi.errors (Apache's error log).
    """

    def application(environ, start_response):
        try:
            return handle(environ, start_response, settings)
        except Exception:
            import sys
            import traceback  # only here: ~3 ms on every cold CGI process otherwise

            traceback.print_exc(file=environ.get("wsgi.errors", sys.stderr))
            return text_error(environ, start_response, 500, "internal error; see the server's error log")

    application.settings = settings
    return application
