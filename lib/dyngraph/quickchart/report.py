"""``dyngraph=validate``: a plain-text report of how each QuickChart parameter and config key was read.

Plain text (``text/plain; charset=utf-8`` with ``nosniff``) needs no HTML
escaping; user values are shown through :func:`errors.shown`, so control
characters and over-long values cannot garble it.
"""

from ..errors import shown
from .reading import NOT, PARTIAL


def unsupported_summary(notes):
    """The ``X-Dyngraph-Unsupported`` value: every key path drawn differently or not at all, or ''."""
    seen = []
    for note in notes:
        if note.level in (PARTIAL, NOT):
            item = f"{note.param} ({note.level}: {note.text})"
            if item not in seen:
                seen.append(item)
    return "; ".join(seen)


def render(query, notes, canonical=None, error=None):
    """The report text: the parameters, one line per key path, then the outcome."""
    lines = ["dyngraph: QuickChart (Chart.js config) validation report", ""]
    lines.append("parameters as received (last value wins when one is repeated):")
    for name, value in query.params.items():
        lines.append(f"  {name} = {shown(value, 200)}")
    lines += ["", "how each key was read:"]
    for note in notes:
        lines.append(f"  [{note.level}] {note.param}: {note.text}")
    lines.append("")
    if error is not None:
        lines.append(f"result: error (HTTP {error.status}): {error}")
    else:
        lines.append("result: OK; the image is drawn from the native chart below")
        lines.append(f"  {canonical}")
    return "\n".join(lines) + "\n"
