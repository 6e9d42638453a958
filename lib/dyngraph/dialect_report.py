"""What the dialect readers (Google's ``cht``, QuickChart's ``c``) say about a request, in one shape.

Each reader notes, per parameter or config key, how it was read (one of the
levels below). The notes become the ``X-Dyngraph-Unsupported`` header and,
when asked for, a plain-text validation report. Plain text
(``text/plain; charset=utf-8`` with ``nosniff``) needs no HTML escaping; user
values go through :func:`errors.shown`, so control characters and over-long
values cannot garble it. Standard library only.
"""

from .errors import shown

OK, PARTIAL, NOT, IGNORED = "ok", "partial", "not supported", "ignored"
HEADER_NAME = "X-Dyngraph-Unsupported"


def unsupported_summary(notes):
    """The ``X-Dyngraph-Unsupported`` value: what was drawn differently or not at all, or ''."""
    seen = []
    for note in notes:
        if note.level in (PARTIAL, NOT):
            item = f"{note.param} ({note.level}: {note.text})"
            if item not in seen:
                seen.append(item)
    return "; ".join(seen)


def render(dialect, query, notes, *, canonical=None, error=None, value_width=120):
    """The report text: the parameters as received, one line per note, then the outcome."""
    lines = [f"dyngraph: {dialect} validation report", ""]
    lines.append("parameters as received (last value wins when one is repeated):")
    for name, value in query.params.items():
        lines.append(f"  {name} = {shown(value, value_width)}")
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
