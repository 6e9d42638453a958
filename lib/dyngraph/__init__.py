"""dyngraph: charts drawn on the fly for web pages on classic hosting.

Kept import-free on purpose: under CGI every request is a fresh process,
so ``import dyngraph`` must cost nothing. The public Python API lives in
:mod:`dyngraph.api` and is re-exported lazily.
"""

__version__ = "0.1.0"

_API = {"chart", "url", "srcset", "img_tag", "figure", "ChartSpec", "SpecError", "store_url", "data_uri", "export"}


def __getattr__(name):
    """Load the public API on first use (PEP 562), not at import time."""
    if name in _API:
        from . import api

        return getattr(api, name)
    msg = f"module 'dyngraph' has no attribute {name!r}"
    raise AttributeError(msg)
