"""``dyngraph=validate``: a plain-text report of how each QuickChart parameter and config key was read
(see dyngraph.dialect_report)."""

from .. import dialect_report
from ..dialect_report import unsupported_summary  # noqa: F401  (this dialect's name for it)


def render(query, notes, canonical=None, error=None):
    """The report text: the parameters, one line per key path, then the outcome."""
    return dialect_report.render("QuickChart (Chart.js config)", query, notes, canonical=canonical, error=error,
                                 value_width=200)
