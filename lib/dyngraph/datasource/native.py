"""A source's window -> the native ChartSpec: the one place that knows the spec's time parameters."""

from ..spec import PARAMS, make

LABELS = 6  # stop-gap x labels while the spec has no time axis


def to_spec(times, names, series, span, options, zone, limits):
    """Times, named series and the chart options (texts) -> a validated ChartSpec.

    An empty window is one gap, which the renderer draws as "No data".
    """
    kwargs = dict(options)
    if len(names) > 1 and "legend" not in kwargs:
        kwargs["legend"] = names
    if not times:
        return make(limits=limits, **kwargs, data=[[None] for _ in names or [0]])
    kwargs["data"] = series
    if "times" in PARAMS:  # the native time axis
        kwargs.update(times=times, **{"from": _text(span.start), "until": _text(span.end)})
    else:
        kwargs["labels"] = _labels(times, span, zone)
    return make(limits=limits, **kwargs)


def _text(seconds):
    return repr(float(seconds)) if seconds != int(seconds) else str(int(seconds))


def _labels(times, span, zone):
    """A few clock labels spread over the points (category labels stand in for a time axis)."""
    from datetime import datetime, timezone

    fmt = "%H:%M" if span.end - span.start <= 2 * 86400 else "%m-%d"
    labels = [""] * len(times)
    for k in range(LABELS):
        i = round(k * (len(times) - 1) / max(LABELS - 1, 1))
        labels[i] = datetime.fromtimestamp(times[i], zone or timezone.utc).strftime(fmt)
    return labels
