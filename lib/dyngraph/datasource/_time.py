"""The URL's time reader: dyngraph.timeparse once the time axis has landed, else a stand-in."""

try:
    from .. import timeparse
except ImportError:  # pragma: no cover - removed once dyngraph.timeparse exists
    from . import _timestub as timeparse

__all__ = ["timeparse"]
