"""A source's window -> the native ChartSpec: times on the time axis, which spans the whole window."""

from ..spec import make


def to_spec(times, names, series, span, options, limits):
    """Times, named series and the chart options (texts) -> a validated ChartSpec.

    An empty window is one gap at its start, which the renderer draws as "No data".
    """
    kwargs = dict(options)
    if len(names) > 1 and "legend" not in kwargs:
        kwargs["legend"] = names
    if not times:
        times, series = [span.start], [[None] for _ in names or [0]]
    kwargs.update(data=series, times=times, **{"from": _text(span.start), "until": _text(span.end)})
    return make(limits=limits, **kwargs)


def _text(seconds):
    """Unix seconds as the spec's ``from``/``until`` read them."""
    return repr(float(seconds)) if seconds != int(seconds) else str(int(seconds))
