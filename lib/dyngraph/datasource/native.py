"""A source's window -> the native ChartSpec: times on the time axis, which spans the whole window."""

from ..spec import make


def to_spec(times, names, series, span, options, limits, defaults=()):
    """Times, named series and the chart options (texts) -> a validated ChartSpec.

    An empty window is one gap at its start, which the renderer draws as "No data".
    ``defaults`` names the options the sources file gave and the URL did not: one that means
    nothing for this chart (``legendpos`` when one column leaves no legend) is dropped, as the
    dialects drop theirs, while the URL's own options stay strict (a 400).
    """
    kwargs = dict(options)
    if len(names) > 1 and "legend" not in kwargs:
        kwargs["legend"] = names
    if defaults:
        from ..spec import applicable, join_list

        texts = {k: join_list(v) if k == "legend" and not isinstance(v, str) else v for k, v in kwargs.items()}
        kept = applicable({**texts, "times": "2026-01-01"})  # drawn on a time axis
        kwargs = {k: v for k, v in kwargs.items() if k not in defaults or k in kept}
    if not times:
        times, series = [span.start], [[None] for _ in names or [0]]
    kwargs.update(data=series, times=times, **{"from": _text(span.start), "until": _text(span.end)})
    return make(limits=limits, **kwargs)


def _text(seconds):
    """Unix seconds as the spec's ``from``/``until`` read them."""
    return repr(float(seconds)) if seconds != int(seconds) else str(int(seconds))
