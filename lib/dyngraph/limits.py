"""Limits on size and work, with their defaults, as plain data.

Every limit is enforced while parsing, before any drawing or allocation,
except ``max_work``, which the canvas counts while drawing (render.canvas.Canvas.charge).
Each can be changed through an environment variable (``DYNGRAPH_`` plus the
field name in capitals, e.g. ``DYNGRAPH_MAX_WIDTH``), which Apache's
``SetEnv`` sets; see :mod:`dyngraph.settings`.
"""

from .record import record


@record
class Limits:
    """Upper bounds for one request; see docs/security.md for why each exists."""

    min_size: int = 16
    max_width: int = 2000
    max_height: int = 2000
    max_pixels: int = 1_000_000
    max_series: int = 16
    max_points: int = 100_000
    max_slices: int = 360  # pie/donut: each slice is drawn; 4,000 sub-pixel slices took 2.4 s
    max_values: int = 300_000
    max_label_length: int = 100
    max_title_length: int = 200
    max_text: int = 5_000
    max_query_length: int = 8_190
    max_params: int = 40
    max_source_rows: int = 100_000  # rows one request reads from a declared source; more: sampled (docs/sources.md)
    max_work: int = 400_000  # drawing steps (render.canvas.WORK): a safety net far above any documented chart
    google_max_side: int = 1000  # Google Image Charts' own limits, for cht= URLs
    google_max_pixels: int = 300_000


DEFAULT_LIMITS = Limits()
