"""Google Image Charts URLs (``cht=…&chs=…&chd=…``) read onto the native ChartSpec.

``read`` is the one entry point: sources.py calls it when a query has a
``cht`` parameter. Standard library only, so a 304 or 400 never loads Pillow.
"""

from . import mapping, params


def read(query_string, settings):
    """Raw query string -> a :class:`dialect_report.DialectChart`; raises SpecError unless ``chof=validate``."""
    from .. import dialect_report

    limits = settings.limits
    query = params.split(query_string, limits)
    notes = []
    return dialect_report.read(query, notes, lambda: mapping.map_query(query, limits, notes).params, limits,
                               dialect="Google Image Charts",
                               validate=query.get("chof", "").strip().lower() == "validate")


def is_google(query_string):
    """True when the request is a Google chart URL (it has a ``cht`` parameter)."""
    return params.looks_like_google(query_string)
