"""Google Image Charts URLs (``cht=…&chs=…&chd=…``) read onto the native ChartSpec.

``read`` is the one entry point: sources.py calls it when a query has a
``cht`` parameter. Standard library only, so a 304 or 400 never loads Pillow.
"""

from ..errors import SpecError
from . import mapping, params, report


class GoogleChart:
    """A resolved Google request: the spec, extra response headers, and the validate report if asked."""

    def __init__(self, spec, headers=(), report=None, error=None):
        self.spec = spec
        self.headers = tuple(headers)
        self.report = report
        self.error = error  # the SpecError a validate report describes instead of raising


def read(query_string, settings):
    """Raw query string -> :class:`GoogleChart`; raises SpecError unless ``chof=validate``."""
    from ..http import header_safe
    from ..spec import applicable, parse_params, to_query

    limits = settings.limits
    query = params.split(query_string, limits)
    validate = query.get("chof", "").strip().lower() == "validate"
    notes = []
    try:
        mapped = mapping.map_query(query, limits, notes)
        spec = parse_params(applicable(mapped.params), limits=limits)
    except SpecError as error:
        if not validate:
            raise
        return GoogleChart(None, (), report.render(query, notes, error=error), error)
    summary = report.unsupported_summary(notes)
    headers = [(report.HEADER_NAME, header_safe(summary, limit=1000))] if summary else []
    text = report.render(query, notes, canonical=to_query(spec)) if validate else None
    return GoogleChart(spec, headers, text)


def is_google(query_string):
    """True when the request is a Google chart URL (it has a ``cht`` parameter)."""
    return params.looks_like_google(query_string)
