"""Errors that map to HTTP statuses in exactly one place (http.py)."""


class SpecError(ValueError):
    """A bad request parameter: the message names it and what is accepted.

    ``status`` is the HTTP status the gateway answers with (400, or 414 for
    an over-long query string); ``param`` is the offending parameter name.
    """

    status = 400

    def __init__(self, param, message, *, status=None):
        self.param = param
        if status is not None:
            self.status = status
        super().__init__(f"{param}: {message}" if param else message)


class SettingError(SpecError):
    """A ``DYNGRAPH_*`` setting with a bad value: the operator's mistake, named in one line (a 500 per request)."""

    status = 500


class NotFound(ValueError):
    """A stored chart that does not exist or has expired (HTTP 404)."""

    status = 404
    param = "graphId"


class Forbidden(ValueError):
    """A request whose signature is missing, wrong or expired (HTTP 403)."""

    status = 403
    param = "sig"


class StoreUnavailable(RuntimeError):
    """The chart store cannot be read or written right now (HTTP 503); nothing is lost."""

    status = 503
    param = "store"


class SourceUnavailable(RuntimeError):
    """A declared data source that cannot be read right now (HTTP 503).

    The message names the source only; ``detail`` (the path and the system's
    words) is for the server's error log, never for the client.
    """

    status = 503
    param = "source"

    def __init__(self, message, detail=""):
        super().__init__(message)
        self.detail = detail


def shown(value, limit=40):
    """Quote a user value for an error message: short, one line, printable."""
    text = str(value)
    if len(text) > limit:
        text = text[:limit] + "…"
    return ascii(text) if not text.isprintable() else repr(text)
