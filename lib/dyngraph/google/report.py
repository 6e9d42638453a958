"""``chof=validate``: a plain-text report of how each Google parameter was read (see dyngraph.dialect_report)."""

from .. import dialect_report
from ..dialect_report import HEADER_NAME, unsupported_summary  # noqa: F401  (this dialect's names for them)


def render(query, notes, canonical=None, error=None):
    """The report text: one line per parameter, then the outcome."""
    return dialect_report.render("Google Image Charts", query, notes, canonical=canonical, error=error)
