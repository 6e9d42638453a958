"""What the dialect readers (Google's ``cht``, QuickChart's ``c``) say about a request, in one shape.

Each reader notes, per parameter or config key, how it was read (one of the
levels below). The notes become the ``X-Dyngraph-Unsupported`` header and,
when asked for, a plain-text validation report. Plain text
(``text/plain; charset=utf-8`` with ``nosniff``) needs no HTML escaping; user
values go through :func:`errors.shown`, so control characters and over-long
values cannot garble it. Standard library only.
"""

from .errors import SpecError, shown

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


class DialectChart:
    """A resolved dialect request: the spec, extra response headers, and the validate report if asked."""

    def __init__(self, spec, headers=(), report=None, error=None):
        self.spec = spec
        self.headers = tuple(headers)
        self.report = report
        self.error = error  # the SpecError a validate report describes instead of raising


def read(query, notes, map_params, limits, *, dialect, validate, value_width=120, header_limit=1000):
    """Map a dialect's ``query`` to a native spec: ``map_params()`` gives the native parameters and
    fills ``notes``; raises SpecError unless ``validate``, which reports it instead."""
    from .http import header_safe
    from .spec import applicable, parse_params, to_query

    def text(**outcome):
        return render(dialect, query, notes, value_width=value_width, **outcome)

    try:
        spec = parse_params(applicable(map_params()), limits=limits)
    except SpecError as error:
        if not validate:
            raise
        return DialectChart(None, (), text(error=error), error)
    summary = unsupported_summary(notes)
    headers = [(HEADER_NAME, header_safe(summary, limit=header_limit))] if summary else []
    return DialectChart(spec, headers, text(canonical=to_query(spec)) if validate else None)
