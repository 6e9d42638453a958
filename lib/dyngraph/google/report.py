"""``chof=validate``: a plain-text report of how each Google parameter was read.

Plain text (``text/plain; charset=utf-8`` with ``nosniff``) needs no HTML
escaping; user values are still shown through :func:`errors.shown`, so
control characters and over-long values cannot garble the report.
"""

from ..errors import shown

HEADER_NAME = "X-Dyngraph-Unsupported"


def unsupported_summary(notes):
    """The ``X-Dyngraph-Unsupported`` value: partial and unsupported readings, or ''."""
    seen = []
    for note in notes:
        if note.level in ("partial", "not supported"):
            item = f"{note.param} ({note.level}: {note.text})"
            if item not in seen:
                seen.append(item)
    return "; ".join(seen)


def render(query, notes, canonical=None, error=None):
    """The report text: one line per parameter, then the outcome."""
    lines = ["dyngraph: Google Image Charts validation report", ""]
    lines.append("parameters as received (last value wins when one is repeated):")
    for name, value in query.params.items():
        lines.append(f"  {name} = {shown(value, 120)}")
    lines += ["", "how each was read:"]
    for note in notes:
        lines.append(f"  [{note.level}] {note.param}: {note.text}")
    lines.append("")
    if error is not None:
        lines.append(f"result: error (HTTP {error.status}): {error}")
    else:
        lines.append("result: OK; the image is drawn from the native chart below")
        lines.append(f"  {canonical}")
    return "\n".join(lines) + "\n"
