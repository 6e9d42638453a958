"""A chart's data as a table of text cells: the HTML table of ``figure()`` and ``format=csv`` share it.

The first column names the row (the category label, the slice, or the point's
number), then one column per series, headed by the series' name. Numbers are
written exactly (``values.format_number``), so the table reads back to the same
numbers; a missing value is an empty cell. Pure, standard library only.
"""

from .values import format_number

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run such a text cell as a formula


def table(spec):
    """(header, rows): lists of text cells; every row as long as the header."""
    series = spec.data[:len(spec.data) - spec.hidden] if spec.hidden else spec.data
    names = [spec.legend[i] if i < len(spec.legend) and spec.legend[i] else
             ("Value" if len(series) == 1 else f"Series {i + 1}") for i in range(len(series))]
    if spec.type in ("pie", "donut"):
        return _slices(spec, series, names)
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
