"""A chart's data as a table of text cells: the HTML table of ``figure()`` and ``format=csv`` share it.

The first column names the row (the category label, the slice, or the point's
number), then one column per series, headed by the series' name. Numbers are
written exactly (``values.format_number``), so the table reads back to the same
numbers; a missing value is an empty cell. Pure, standard library only.
"""

from .values import format_number

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run such a text cell as a formula


def table(spec, *, exact=False):
    """(header, rows): lists of text cells; every row as long as the header.

    ``exact``: times in full ISO 8601 with their UTC offset (for CSV), else as people read them.
    """
    series = spec.data[:len(spec.data) - spec.hidden] if spec.hidden else spec.data
    names = [spec.legend[i] if i < len(spec.legend) and spec.legend[i] else
             ("Value" if len(series) == 1 else f"Series {i + 1}") for i in range(len(series))]
    if spec.type in ("pie", "donut"):
        return _slices(spec, series, names)
    instants = spec.instants if getattr(spec, "times", None) or getattr(spec, "start", None) is not None else ()
    if instants:  # a time axis: the time of each point first (every series shares them)
        header = [f"Time ({spec.tz})"] + names
        rows = [[time_text(t, spec, exact=exact)] + [_cell(s[i]) if i < len(s) else "" for s in series]
                for i, t in enumerate(instants)]
        return header, rows
    if spec.type == "scatter":
        header = ["Point"] + [f"{name} {axis}" for name in names for axis in ("x", "y")]
        length = max((len(s) // 2 for s in series), default=0)
        rows = [[str(i + 1)] + [_cell(s[2 * i + k]) if 2 * i + k < len(s) else "" for s in series for k in (0, 1)]
                for i in range(length)]
        return header, rows
    first = "Label" if spec.labels else "Point"
    length = max((len(s) for s in series), default=0)
    rows = [[_row_name(spec, i)] + [_cell(s[i]) if i < len(s) else "" for s in series] for i in range(length)]
    return [first] + names, rows


def _slices(spec, series, names):
    """One row per slice; labels run on across the rings, as the pie draws them."""
    rings = len(series) > 1
    header = ["Slice"] + (["Ring"] if rings else []) + ["Value" if rings else names[0]]
    rows, offset = [], 0
    for ring, values in enumerate(series):
        for i, value in enumerate(values):
            rows.append([_row_name(spec, offset + i, "Slice")] + ([str(ring + 1)] if rings else []) + [_cell(value)])
        offset += len(values)
    return header, rows


def time_text(t, spec, *, exact=False):
    """A point's time in the spec's zone: ISO 8601 with offset when ``exact``, else '2026-03-01 06:30'."""
    from datetime import datetime

    from .timeparams import zone_of

    local = datetime.fromtimestamp(t, zone_of(spec))
    if exact:
        return local.isoformat()
    if (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0):
        return local.strftime("%Y-%m-%d")
    return local.strftime("%Y-%m-%d %H:%M" if local.second == 0 else "%Y-%m-%d %H:%M:%S")


def _row_name(spec, index, fallback=""):
    if index < len(spec.labels) and spec.labels[index]:
        return spec.labels[index]
    return f"{fallback} {index + 1}".strip()


def _cell(value):
    return "" if value is None else format_number(value)


def numeric(text):
    """True for a plain number as format_number writes it (its leading '-' is a sign, not a formula)."""
    import re

    return re.fullmatch(r"-?[0-9]+(\.[0-9]+)?(e[-+][0-9]+)?", text) is not None
