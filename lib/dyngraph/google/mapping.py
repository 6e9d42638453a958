"""Google chart parameters -> native parameters -> the one ChartSpec.

Every visual decision ends up in native parameters, which go through
:func:`dyngraph.spec.parse_params` like any native request: the same
validation, the same canonical query (so the ETag covers what is drawn) and
the same renderer. What cannot be expressed is recorded as a :class:`Note`
and reported, never silently drawn differently.
"""

from .. import values
from ..errors import SpecError, shown
from .. import styles
from . import compat, data

from ..dialect_report import IGNORED, NOT, OK, PARTIAL  # noqa: F401  (the levels a note can have)
LINE_DEFAULT = "ff9900"  # Google's default series colour for lines (orange)
BAR_DEFAULT = "ffcc33"  # ...and for bars
DEFAULT_BAR, DEFAULT_GAPS = 23, (4, 8)  # Google's bars without chbh: 23 px, 4 px apart, 8 px between groups
PIE_DEFAULT = ("ff9900", "ffffcc")  # slices shaded from dark orange to pale yellow
FORMATS = {"png": "png", "gif": "gif"}
QR_ENCODINGS = {"utf-8": "utf-8", "utf8": "utf-8", "iso-8859-1": "iso-8859-1", "shift_jis": "shift_jis"}
_LEGEND_POSITIONS = {"b": "bottom", "bv": "bottom", "bs": "bottom", "bvs": "bottom", "t": "top", "tv": "top",
                     "ts": "top", "tvs": "top", "r": "right", "rs": "right", "l": "left", "ls": "left"}
# cht -> (native type, stacked)
_TYPES = {"lc": ("line", False), "lc:nda": ("line", False), "ls": ("sparkline", False), "lxy": ("line", False),
          "bvs": ("bar", True), "bvg": ("bar", False), "bhs": ("hbar", True), "bhg": ("hbar", False),
          "bvo": ("bar", True), "p": ("pie", False), "p3": ("pie", False), "pc": ("pie", False),
          "s": ("scatter", False), "qr": ("qr", False), "r": ("radar", False), "rs": ("radar", False)}


class Note:
    """How one parameter was read: ``level`` is ok, partial, not supported or ignored."""

    def __init__(self, param, level, text):
        self.param, self.level, self.text = param, level, text

    def __repr__(self):
        return f"Note({self.param!r}, {self.level!r}, {self.text!r})"


class Mapped:
    """The native parameters for one Google URL, with the notes on how it was read."""

    def __init__(self, params, notes, validate):
        self.params = params
        self.notes = notes
        self.validate = validate


def map_query(query, limits, notes=None):
    """A :class:`params.GoogleQuery` -> :class:`Mapped`; SpecError names the Google parameter.

    ``notes`` (a list) collects the readings even when a later parameter fails.
    """
    notes = [] if notes is None else notes
    note = lambda p, lvl, text: notes.append(Note(p, lvl, text))  # noqa: E731
    for name in query.repeated:
        note(name, OK, "given more than once: the last value is used")
    for raw in query.ignored:
        note("query", IGNORED, f"{raw} is not a name=value parameter")
    cht = query.get("cht", "").strip()
    if cht not in _TYPES:
        known = ", ".join(_TYPES)
        raise SpecError("cht", f"must be one of {known}, got {shown(cht)}")
    level, how = compat.CHART_TYPES[cht]
    if cht == "lxy":
        level, how = compat.SUPPORTED, "x,y series pairs"
    note("cht", OK if level == compat.SUPPORTED else PARTIAL, how)
    native_type, stacked = _TYPES[cht]
    params = {"type": native_type}
    validate = _read_format(query, params, note)
    _read_size(query, params, limits, note)
    handled = {"cht", "chs", "chof"}
    if native_type == "qr":
        handled |= _map_qr(query, params, note)
    else:
        handled |= _map_chart(query, cht, params, stacked, limits, note)
    for name in query.params:
        if name not in handled:
            text = compat.PARAMETERS.get(name, (None, "unknown parameter"))[1]
            note(name, IGNORED if name in ("chld", "choe") else NOT, text)
    return Mapped(params, notes, validate)


def _read_format(query, params, note):
    chof = query.get("chof", "png").strip().lower()
    if chof == "validate":
        params["format"] = "png"
        note("chof", OK, "validate: this report instead of the image")
        return True
    if chof not in FORMATS:
        raise SpecError("chof", f"must be one of png, gif, validate, got {shown(chof)}")
    params["format"] = FORMATS[chof]
    if "chof" in query:
        note("chof", OK, chof)
    return False


def _read_size(query, params, limits, note):
    chs = query.get("chs")
    if chs is None:
        raise SpecError("chs", "required: the image size as <width>x<height>, e.g. chs=300x200")
    width, x, height = chs.strip().lower().partition("x")
    low = limits.min_size
    try:
        w = values.integer(width, "chs", low, limits.google_max_side)
        h = values.integer(height, "chs", low, limits.google_max_side)
    except SpecError:
        msg = f"must be <width>x<height> with sides from {low} to {limits.google_max_side}, got {shown(chs)}"
        raise SpecError("chs", msg) from None
    if not x:
        raise SpecError("chs", f"must be <width>x<height>, got {shown(chs)}")
    if w * h > limits.google_max_pixels:
        raise SpecError("chs", f"{w}x{h} is {w * h} pixels; at most {limits.google_max_pixels} are accepted")
    params["width"], params["height"] = str(w), str(h)
    note("chs", OK, f"{w} x {h} pixels")


# --- QR codes ----------------------------------------------------------------


def _map_qr(query, params, note):
    try:
        import segno  # noqa: F401  (needed to draw the code; only QR requests import it)
    except ImportError:
        from ..spec import QR_MISSING

        raise SpecError("cht", QR_MISSING, status=501) from None
    text = query.get("chl")
    if not text:
        raise SpecError("chl", "required for cht=qr: the text to encode")
    params["qrtext"] = text
    note("chl", OK, f"{len(text)} characters to encode")
    choe = query.get("choe", "").strip() or "UTF-8"
    if choe.lower() not in QR_ENCODINGS:
        raise SpecError("choe", f"must be one of UTF-8, ISO-8859-1, Shift_JIS, got {shown(choe)}")
    params["qrencoding"] = QR_ENCODINGS[choe.lower()]
    if "choe" in query:
        note("choe", OK, choe)
    chld = query.get("chld", "")
    level, _, margin = chld.replace(",", "|").partition("|")
    margin = next((m for m in margin.split("|") if m.strip()), "")  # empty fields: Google's defaults
    level = level.strip().upper() or "L"
    if level not in ("L", "M", "Q", "H"):
        raise SpecError("chld", f"error correction must be one of L, M, Q, H, got {shown(level)}")
    params["qrlevel"] = level
    if margin.strip():
        params["qrmargin"] = str(values.integer(margin.strip(), "chld", 0, 40))
    if chld:
        note("chld", OK, f"error correction {level}, margin {params.get('qrmargin', '4')} modules")
    _apply_fills(query.get("chf", ""), "qr", [], params, note)
    return {"chl", "choe", "chld", "chf"}


# --- charts ------------------------------------------------------------------


def _map_chart(query, cht, params, stacked, limits, note):
    handled = {"chd", "chds", "chco", "chtt", "chdl", "chdlp", "chl", "chf", "chg", "chls", "chxt", "chxl", "chxr",
               "chxp", "chxs", "chxtc", "chts", "chdls", "chma", "chm", "chbh"}
    chd = query.get("chd")
    if not chd:
        raise SpecError("chd", "required: the chart data, e.g. chd=t:10,50,30")
    cd = data.read(chd.strip(), query.get("chds", "").strip(), limits)
    for text in cd.notes:
        param, _, rest = text.partition(": ")
        note(param, IGNORED if "ignored" in rest else OK, rest)
    count = len(cd.fractions)
    marker_data = 0
    if cd.line_series is not None and cd.line_series < count:
        marker_data = count - max(1, cd.line_series)
        count = max(1, cd.line_series)
    if stacked:
        params["stacked"] = "1"
    axes = _read_axes(query, note)
    kind = params["type"]
    hidden = []
    if kind not in ("pie", "sparkline", "radar"):
        _axis_params(query, axes, params, note)
    if kind == "pie":
        series = _pie(cht, cd, count, note)
        if cht == "p3":
            params["depth"] = str(max(3, round(int(params["height"]) * 0.08)))
        colours = _pie_colours(query.get("chco", "").split(",")[0] if cht == "pc" else query.get("chco", ""),
                               len(series[0]), note)
        if len(series) > 1:
            _ring_colours(query.get("chco", ""), series, colours, params, note)
    elif kind == "scatter":
        series = _scatter(cd, count, params, note)
        colours = _series_colours(query.get("chco", ""), 1, LINE_DEFAULT, note, params)
    elif cht == "lxy":
        series = _lxy(cd, count, params, note)
        colours = _series_colours(query.get("chco", ""), len(series), LINE_DEFAULT, note, params)
    else:
        low, high = _value_range(cd, axes, kind, note)
        series = [cd.values(i, low, high) for i in range(count)]
        hidden = [cd.values(i, low, high) for i in range(count, count + marker_data)]
        marker_data = 0
        if cht == "bvo":
            series = _overlapped_as_stacked(series, note)
        if kind == "radar":
            series = _radar(series, axes, params, note)
        params["min"], params["max"] = values.format_number(low), values.format_number(high)
        bars = kind in ("bar", "hbar")
        colours = _series_colours(query.get("chco", ""), count, BAR_DEFAULT if bars else LINE_DEFAULT, note,
                                  params)
        if cht == "bvo":
            colours = colours[::-1]
            if "pointcolors" in params:
                params["pointcolors"] = ",".join(params["pointcolors"].split(",")[::-1])
    if marker_data:
        note("chd", PARTIAL, f"t{count}: series after the first {count} are marker data, not drawn "
                             f"(markers on them are not drawn either for cht={cht})")
        hidden = []
    elif kind not in ("pie", "scatter") and cht != "lxy" and hidden:
        note("chd", OK, f"t{count}: the {len(hidden)} series after the first {count} are marker data for chm "
                        "(native `hidden`)")
        params["hidden"] = str(len(hidden))
    drawn = len(series)
    series = list(series) + (hidden if "hidden" in params else [])
    params["data"] = "|".join(",".join("" if v is None else values.format_number(v) for v in s) for s in series)
    _apply_fills(query.get("chf", ""), kind, colours, params, note)
    params["colors"] = ",".join(colours)
    _text_params(query, kind, drawn, cht, params, note)
    params["grid"] = "0"
    if kind == "radar":
        params["grid"] = "1"  # the web of spokes and rings
        if "chg" in query:
            note("chg", PARTIAL, "a radar's grid is drawn as rings at the value ticks and the spokes")
    else:
        _grid(query.get("chg", ""), params, note)
    _line_style(query.get("chls", ""), kind, params, note)
    _styles(query, params, note)
    _marks(query.get("chm", ""), len(series), params, note)  # marker data included: marks may use it
    if kind in ("bar", "hbar"):
        _bar_width(query.get("chbh", ""), stacked, params, note)
    elif "chbh" in query:
        note("chbh", IGNORED, f"bar widths have no meaning for cht={cht}")
    return handled


def _pie(cht, cd, count, note):
    """One series (``p``, ``p3``: further ones ignored, as Google did) or one ring per series (``pc``)."""
    if count > 1:
        what = "one ring each, the first innermost" if cht == "pc" else "further series are ignored, as Google did"
        note("chd", OK, f"{count} series for a pie: {what}")
    rings = []
    for index in range(count if cht == "pc" else 1):
        series = cd.values(index, *cd.ranges[index])
        if any(v is not None and v < 0 for v in series):
            note("chd", PARTIAL, "negative pie values are drawn as empty (zero) slices")
            series = tuple(None if v is None else max(v, 0.0) for v in series)
        rings.append(series)
    return rings


def _radar(series, axes, params, note):
    """r/rs: one spoke per point, clockwise from 12 o'clock (native ``radar``).

    Google closed an outline only when its last value repeated the first; that repeated point is the
    first spoke again, so it is dropped and the native radar closes the outline itself.
    """
    if all(len(s) > 3 and s[-1] == s[0] for s in series):
        series = [s[:-1] for s in series]
        note("chd", OK, "each series ends on its first value: a closed outline")
    else:
        note("chd", PARTIAL, "outlines are drawn closed (Google left them open unless the last value repeats "
                             "the first)")
    spokes = [a["labels"] for a in axes.values() if a["kind"] == "x" and a["labels"] is not None]
    if spokes:
        params["labels"] = _native_list(spokes[0][:max(map(len, series), default=0)])
        note("chxl", OK, "labels at the spokes")
    if any(a["kind"] in ("y", "r") for a in axes.values()):
        note("chxt", PARTIAL, "the radial axis is labelled with nice values up the upright spoke")
    return series


def _scatter(cd, count, params, note):
    if count < 2:
        raise SpecError("chd", "a scatter chart (cht=s) needs an x series and a y series")
    (x_low, x_high), (y_low, y_high) = _span(cd.ranges[0]), _span(cd.ranges[1])
    xs, ys = cd.values(0, x_low, x_high), cd.values(1, y_low, y_high)
    _axes_range(params, x_low, x_high, y_low, y_high)
    if count > 2:
        sizes = [0.0 if f is None else f * 100 for f in cd.fractions[2]]
        params["sizes"] = ",".join(values.format_number(round(v, 3)) for v in sizes[:len(xs)])
        note("chd", OK, "the third series sets each point's size")
    if count > 3:
        note("chd", IGNORED, "series after the size series are not drawn")
    return [tuple(v for pair in zip(xs, ys) for v in pair)]


def _span(pair):
    low, high = pair
    return (low, high) if high > low else (low, low + 1.0)


def _axes_range(params, x_low, x_high, y_low, y_high):
    fmt = values.format_number
    params["xmin"], params["xmax"], params["min"], params["max"] = fmt(x_low), fmt(x_high), fmt(y_low), fmt(y_high)


def _lxy(cd, count, params, note):
    if count % 2:
        raise SpecError("chd", f"cht=lxy takes x|y series pairs, got {count} series")
    pairs = [(cd.fractions[i], i + 1) for i in range(0, count, 2)]
    if all(len(x) == 1 and x[0] is None for x, _ in pairs):
        low, high = cd.ranges[1]
        params["min"], params["max"] = values.format_number(low), values.format_number(high)
        note("chd", OK, "every x series is a single undefined value: points evenly spaced")
        return [cd.values(y, low, high) for _, y in pairs]
    params["type"], params["lines"] = "scatter", "1"
    note("chd", OK, "x,y series pairs joined in order (native scatter with lines=1), each scaled by its chds")
    (x_low, x_high), (y_low, y_high) = _span(cd.ranges[0]), _span(cd.ranges[1])
    _axes_range(params, x_low, x_high, y_low, y_high)
    series = []
    for x_index in range(0, count, 2):
        ys = cd.values(x_index + 1, y_low, y_high)
        x_fractions = cd.fractions[x_index]
        if len(x_fractions) == 1 and x_fractions[0] is None:  # evenly spaced across the x range
            steps = max(len(ys) - 1, 1)
            xs = tuple(data._short(x_low + i / steps * (x_high - x_low)) for i in range(len(ys)))
        else:
            xs = cd.values(x_index, x_low, x_high)
        series.append(tuple(v for pair in zip(xs, ys) for v in pair))
    return series


def _overlapped_as_stacked(series, note):
    """bvo: each bar starts at zero, later series in front -> the same picture as stacked bands.

    At height h the visible series is the last one reaching h, so from the bottom
    up the bands run from the last series to the first: series i shows from
    max(later values) to its own value. Stacking those bands in reverse series
    order draws exactly the overlapped chart (for values >= 0).
    """
    length = max(map(len, series))
    padded = [list(s) + [None] * (length - len(s)) for s in series]
    bands = [[None] * length for _ in series]
    for j in range(length):
        later = 0.0
        for i in range(len(series) - 1, -1, -1):
            value = padded[i][j]
            if value is None:
                continue
            if value < 0:
                note("chd", PARTIAL, "bvo with negative values: drawn as stacked bands from zero")
                value = 0.0
            bands[i][j] = max(value - later, 0.0)
            later = max(later, value)
    return [tuple(b) for b in reversed(bands)]


# --- axes --------------------------------------------------------------------


def _read_axes(query, note):
    """chxt/chxl/chxr -> {axis index: {"kind": x|y|r|t, "labels": [...], "range": (lo, hi)}}."""
    kinds = [k.strip() for k in query.get("chxt", "").split(",") if k.strip()]
    axes = {i: {"kind": k, "labels": None, "range": None} for i, k in enumerate(kinds)}
    for k in kinds:
        if k not in ("x", "y", "r", "t"):
            raise SpecError("chxt", f"axes must be x, y, r or t, got {shown(k)}")
    if len(kinds) > styles.MAX_AXES:
        raise SpecError("chxt", f"at most {styles.MAX_AXES} axes, got {len(kinds)}")
    if "chxt" in query:
        note("chxt", OK, "axes " + (",".join(kinds) or "none"))
    chxl = query.get("chxl", "")
    if chxl:
        index, labels = None, {}
        for part in chxl.split("|"):
            head = part.strip()
            if head.endswith(":") and head[:-1].isdigit():
                index = int(head[:-1])
                labels[index] = []
            elif index is None and not head:  # empty before the first axis index: nothing to label
                continue
            elif index is None:  # labels before any axis index: the first axis', noted
                note("chxl", OK, f"labels from {shown(part)} have no axis index: axis 0's")
                index = 0
                labels[index] = [part]
            else:
                labels[index].append(part)
        for index, items in labels.items():
            if index in axes:
                axes[index]["labels"] = items
            else:
                note("chxl", IGNORED, f"labels for axis {index}, which chxt does not list (as Google did)")
    for block in filter(None, query.get("chxr", "").split("|")):
        parts = [p.strip() for p in block.split(",")]
        if not parts[0]:
            note("chxr", IGNORED, f"{shown(block)}: no axis index, skipped")
            continue
        if not parts[0].isdigit():
            raise SpecError("chxr", f"must be <axis>,<start>,<end>[,<step>], got {shown(block)}")
        parts += [""] * (3 - len(parts))
        if not (parts[1] and parts[2]):
            note("chxr", OK, f"{shown(block)}: a missing start or end is Google's 0 or 100")
        index = int(parts[0])
        start = values.number(parts[1], "chxr") if parts[1] else 0.0
        end = values.number(parts[2], "chxr") if parts[2] else 100.0
        step = abs(values.number(parts[3], "chxr")) if len(parts) > 3 and parts[3] else None
        if index in axes:
            axes[index]["range"] = (start, end, step)
        else:
            note("chxr", IGNORED, f"range for axis {index}, which chxt does not list")
    return axes


def _axis_params(query, axes, params, note):
    """The listed axes as native axes/axislabels/axisranges/axispositions/axisstyles."""
    if not axes:
        params["axes"] = "none"
        return
    params["axes"] = ",".join(a["kind"] for a in axes.values())
    labels = [(i, a["labels"]) for i, a in axes.items() if a["labels"] is not None]
    if labels:
        params["axislabels"] = "|".join(f"{i}:" + "".join("|" + t for t in items) for i, items in labels)
        note("chxl", OK, f"labels for axes {', '.join(str(i) for i, _ in labels)}")
    positions = {}
    for block in filter(None, query.get("chxp", "").split("|")):
        parts = [p.strip() for p in block.split(",")]
        if not parts[0]:
            note("chxp", IGNORED, f"{shown(block)}: no axis index, skipped")
            continue
        if not parts[0].isdigit():
            raise SpecError("chxp", f"must be <axis>,<position>,..., got {shown(block)}")
        if "" in parts[1:]:
            note("chxp", IGNORED, f"{shown(block)}: empty positions skipped")
            parts = parts[:1] + [p for p in parts[1:] if p]
        if int(parts[0]) in axes and len(parts) > 1:
            positions[int(parts[0])] = ",".join(parts)
    if positions:
        params["axispositions"] = "|".join(positions.values())
        note("chxp", OK, f"label positions for axes {', '.join(map(str, positions))}")
    ranges = []
    for i, a in axes.items():
        start, end, step = a["range"] or (0.0, 100.0, None)
        if a["range"] or (a["labels"] is None and i not in positions):  # Google's default axis range: 0-100
            ranges.append(",".join([str(i), values.format_number(start), values.format_number(end)]
                                   + ([values.format_number(step)] if step else [])))
    if ranges:
        params["axisranges"] = "|".join(ranges)
        if "chxr" in query:
            note("chxr", OK, "axis ranges")
    looks = []
    for block in filter(None, query.get("chxs", "").split("|")):
        parts = [p.strip() for p in block.split(",")] + [""] * 7
        head = parts[0]
        digits = len(head) - len(head.lstrip("0123456789"))
        if not head:
            note("chxs", IGNORED, f"{shown(block)}: no axis index, skipped")
            continue
        if not digits:
            raise SpecError("chxs", f"must start with an axis index, got {shown(block)}")
        index = int(head[:digits])
        fmt = _axis_format(head[digits:], note)
        if index not in axes or not any(parts[1:7]) and not fmt:
            continue
        colour = _colour(parts[1], "chxs") if parts[1] else ""
        size = values.format_number(min(max(values.number(parts[2], "chxs"), 0.0), 72.0)) if parts[2] else "0"
        align = parts[3] if parts[3] in ("-1", "0", "1") else ""
        control = parts[4] if parts[4] in styles.AXIS_CONTROLS else ""
        tick, line = (_colour(c, "chxs") if c else "" for c in parts[5:7])
        fields = [f"{index}{fmt}", colour, size, align, control, tick, line]
        while len(fields) > 4 and not fields[-1]:
            fields.pop()
        looks.append(",".join(fields))
    if looks:
        params["axisstyles"] = "|".join(looks)
        note("chxs", OK, "axis number formats, label colours, sizes, alignment, lines and tick/line colours")
    lengths = []
    for block in filter(None, query.get("chxtc", "").split("|")):
        parts = [p.strip() for p in block.split(",")]
        if parts[0] and not parts[0].isdigit():
            raise SpecError("chxtc", f"must be <axis>,<tick length>[,<tick length>...], got {shown(block)}")
        if not parts[0] or not any(parts[1:]):
            note("chxtc", IGNORED, f"{shown(block)}: no axis index or no length, skipped")
            continue
        parts = parts[:1] + [p for p in parts[1:] if p]
        if int(parts[0]) not in axes:
            note("chxtc", IGNORED, f"tick lengths for axis {parts[0]}, which chxt does not list")
            continue
        numbers = [min(max(values.number(p, "chxtc"), -1000.0), 25.0) for p in parts[1:styles.MAX_TICK_LENGTHS + 1]]
        lengths.append(",".join([parts[0]] + [values.format_number(v) for v in numbers]))
    if lengths:
        params["ticklengths"] = "|".join(lengths)
        note("chxtc", OK, "tick lengths (negative: into the plot; at most 25 px outwards, as Google allowed)")


def _axis_format(fmt, note):
    """A chxs number format (``N*f1*``...) as the native one, or '' (noted) when dyngraph cannot read it."""
    if not fmt:
        return ""
    try:
        if fmt.startswith("N") and styles.number_format(fmt, "chxs") is not None and "," not in fmt:
            return fmt
    except SpecError:
        pass
    note("chxs", PARTIAL, f"number format {shown(fmt)} is not applied")
    return ""


def _value_range(cd, axes, kind, note):
    """The display range for the value axis: Google's axis range when the data starts at zero."""
    low, high = cd.ranges[0]
    if high <= low:
        high = low + 1.0
        note("chds", OK, "zero-span range: its values are drawn at the bottom")
    value_kinds = ("x", "t") if kind == "hbar" else ("y", "r")
    shown_axes = [a for a in axes.values() if a["kind"] in value_kinds]
    if low == 0 and shown_axes:
        start, end = (shown_axes[0]["range"] or (0.0, 100.0, None))[:2]
        if start == 0 and end > 0:
            return 0.0, end
    return low, high


# --- colours, fills, text, lines ----------------------------------------------


def _colour(text, param):
    return values.colour(text.strip(), param)


def _series_colours(chco, count, default, note, params):
    """Series colours (`,` between series, cycled); `|` per-element colours -> native pointcolors."""
    if not chco:
        return [default] * count
    groups = []
    for group in chco.split(","):
        items = [_colour(c, "chco") for c in group.split("|") if c.strip()]
        if not items:  # an empty colour: Google's default for that series
            note("chco", OK, f"series {len(groups)}: no colour, Google's default {default}")
            items = [default]
        groups.append(items)
    firsts = [g[0] for g in groups]
    note("chco", OK, ", ".join(firsts))
    if any(len(g) > 1 for g in groups):
        per_series = [groups[i % len(groups)] for i in range(count)]
        params["pointcolors"] = ",".join("|".join(g) for g in per_series)
        segments = " (on lines: each segment in the colour of the point it ends at)" if default == LINE_DEFAULT \
            and (params.get("type") in ("line", "sparkline") or params.get("lines") == "1") else ""
        note("chco", OK, "per-element colours (|), cycled over each series' points" + segments)
    return [firsts[i % len(firsts)] for i in range(count)]


def _pie_colours(chco, slices, note):
    listed = [_colour(c, "chco") for c in chco.replace("|", ",").split(",") if c.strip()]
    if not listed:
        listed = list(PIE_DEFAULT)
    elif len(listed) == 1:
        listed = [listed[0], _mix(listed[0], "ffffff", 0.75)]
        note("chco", OK, "one colour: slices shaded from it towards white, as Google did")
    if len(listed) >= slices:
        if chco:
            note("chco", OK, "one colour per slice")
        return listed[:slices]
    if chco and len(listed) > 1:
        note("chco", OK, f"{len(listed)} colours for {slices} slices: interpolated, as Google did")
    if slices == 1:
        return listed[:1]
    stops = len(listed) - 1
    result = []
    for i in range(slices):
        t = i / (slices - 1) * stops
        k = min(int(t), stops - 1)
        result.append(_mix(listed[k], listed[k + 1], t - k))
    return result


def _ring_colours(chco, rings, colours, params, note):
    """pc: `,` groups of chco go to the rings in turn, each spread over its ring's slices as for one pie
    (`|` per slice, interpolated when short, one colour shaded towards white); one group serves every ring."""
    groups = [g for g in chco.split(",") if g.strip()] or [""]
    quiet = lambda *_: None  # noqa: E731  (the first ring's reading is already noted)
    per_ring = [_pie_colours(groups[index % len(groups)], len(ring), quiet) for index, ring in enumerate(rings)]
    params["pointcolors"] = ",".join("|".join(c) for c in per_ring)
    note("chco", OK, "slice colours per ring")


def _mix(a, b, t):
    ca, cb = values.rgba(a), values.rgba(b)
    mixed = [round(x + (y - x) * t) for x, y in zip(ca, cb)]
    text = "".join(f"{v:02x}" for v in mixed[:3])
    return text if mixed[3] == 255 else text + f"{mixed[3]:02x}"


def _apply_fills(chf, kind, colours, params, note):
    for block in filter(None, chf.split("|")):
        parts = [p.strip() for p in block.split(",")]
        target, fill = parts[0], (parts[1] if len(parts) > 1 else "") or ("lg" if len(parts) > 3 else "s")
        if len(parts) < 3 or not target or (fill == "s" and not parts[2]):
            note("chf", IGNORED, f"{shown(block)}: no target or no colour, skipped (Google's white background)")
            continue
        if fill not in ("s", "lg", "ls"):
            raise SpecError("chf", f"fill type must be s, lg or ls, got {shown(fill)}")
        if fill != "s":
            parts = _stops(parts, block, note)
            if parts is None:
                continue
        if target in ("bg", "c") and (fill != "s" or target == "c"):
            if kind == "qr":
                note("chf", NOT, f"{target},{fill}: QR codes take a solid background only")
                continue
            native = "bgfill" if target == "bg" else "plotfill"
            params[native] = ",".join([fill] + parts[2:])
            note("chf", OK, ("background" if target == "bg" else "chart area")
                 + {"s": " colour", "lg": " gradient", "ls": " stripes"}[fill])
            continue
        if fill != "s":
            note("chf", NOT, f"{target},{fill}: gradients and stripes are drawn for bg and c only")
            continue
        colour = _colour(parts[2], "chf")
        if target == "a":  # transparency of the whole image: only the colour's alpha counts
            alpha = int(colour[6:8], 16) if len(colour) == 8 else 255
            params["opacity"] = values.format_number(round(alpha / 255, 4))
            note("chf", OK, f"the whole image at {round(alpha / 255 * 100)} % opacity (PNG with alpha)")
            continue
        if target == "bg":
            params["background"] = colour
            note("chf", OK, f"background {colour}")
        elif target.startswith("b") and target[1:].isdigit() and kind in ("bar", "hbar"):
            index = int(target[1:])
            if index < len(colours):
                colours[index] = colour
                note("chf", OK, f"bar series {index} colour {colour}")
        else:
            note("chf", NOT, f"{target},s: only bg and b<n> solid fills are drawn")


def _native_list(items):
    """Google's `|`-separated names as native list text: a backslash is Google's literal, escaped for ours."""
    return "|".join(t.replace("\\", "\\\\") for t in items)


def _stops(parts, block, note):
    """A gradient's or stripes' fields with Google's defaults for short or empty ones: angle 0, and only
    the complete colour,number pairs; None (noted) when no pair is left."""
    head, stops = [parts[0], parts[1], parts[2] if len(parts) > 2 else ""], parts[3:]
    head[2] = head[2] or "0"
    pairs = [(stops[i], stops[i + 1]) for i in range(0, len(stops) - 1, 2) if stops[i] and stops[i + 1]]
    if len(pairs) * 2 != len(stops) or parts[2] == "":
        note("chf", IGNORED, f"{shown(block)}: empty or incomplete fields skipped (angle 0 when missing)")
    if not pairs:
        return None
    return head + [field for pair in pairs for field in pair]


def _text_params(query, kind, series_count, cht, params, note):
    title = query.get("chtt", "")
    if title:
        lines = [line.strip() for line in title.split("|")]
        params["title"] = "|".join(line for line in lines if line)
        note("chtt", OK, "title" + (f", {len(lines)} lines" if len(lines) > 1 else ""))
    legend = [t for t in query.get("chdl", "").split("|")] if query.get("chdl") else []
    labels = query.get("chl", "")
    if kind == "pie":
        slices = sum(len(s.split(",")) for s in params.get("data", "").split("|"))
        names = labels.split("|") if labels else legend
        if len(names) < slices and names:  # Google left the other slices unnamed
            note("chl" if labels else "chdl", OK, f"{len(names)} names for {slices} slices: the others unnamed")
            names = names + [""] * (slices - len(names))
        if labels:
            params["labels"] = _native_list(names)
            note("chl", OK, "slice labels")
            if legend:
                note("chdl", NOT, "a pie with both chl and chdl: only the chl labels are drawn")
        elif legend:
            params["labels"] = _native_list(names)
            note("chdl", OK, "slice names")
        legend = []
    elif labels:
        note("chl", IGNORED, f"chl has no meaning for cht={cht}")
    if legend:
        if len(legend) > series_count:
            note("chdl", IGNORED, f"{len(legend)} names for {series_count} series: the extra names are dropped")
            legend = legend[:series_count]
        if cht == "bvo":
            legend = (legend + [""] * (series_count - len(legend)))[::-1]
        params["legend"] = _native_list(legend)
        position = query.get("chdlp", "r").strip().split("|")[0].strip() or "r"  # empty: Google's right
        native = _LEGEND_POSITIONS.get(position)
        if native is None:
            raise SpecError("chdlp", f"must be one of b, t, r, l (with v or s), got {shown(position)}")
        params["legendpos"] = native
        note("chdl", OK, f"{len(legend)} legend names, at the {native}")
        _legend_order(query.get("chdlp", "").partition("|")[2].strip(), position, len(legend), cht, params, note)
        if position in ("bv", "tv", "bvs", "tvs"):
            params["legendcolumn"] = "1"
            note("chdlp", OK, f"{position}: the entries in one column")
    elif kind not in ("pie",):
        params["legendpos"] = "none"


def _legend_order(order, position, count, cht, params, note):
    """chdlp's label order -> native legendorder: ``l`` as given, ``r`` reversed, ``a`` shortest first (Google's
    default for legends laid out in a row), or indices (only the listed entries are shown)."""
    horizontal = position in ("b", "t", "bs", "ts")
    order = order or ("a" if horizontal else "l")
    if order in ("l", "r", "a"):
        native = {"l": "", "r": "r", "a": "a"}[order]
        if cht == "bvo" and order != "a":  # the legend was reversed with the series
            native = "r" if order == "l" else ""
    else:
        indices = []
        for part in order.split(","):
            part = part.strip()
            if not part:  # an empty index: skipped, noted below
                continue
            if not part.isdigit():
                raise SpecError("chdlp", f"label order must be l, r, a or indices like 2,0,1, got {shown(order)}")
            if int(part) < count:
                indices.append(count - 1 - int(part) if cht == "bvo" else int(part))
        if len(indices) < len(order.split(",")):
            note("chdlp", IGNORED, f"label order {shown(order)}: indices past the {count} legend names are skipped")
        native = ",".join(map(str, indices[:16]))
    if native:
        params["legendorder"] = native
    if order != "l":
        note("chdlp", OK, {"r": "legend in reverse order", "a": "legend ordered shortest name first (in 10 px "
                           "steps), as Google did for legends in a row"}.get(order, f"legend order {order}"))


def _line_style(chls, kind, params, note):
    if not chls:
        if kind in ("line", "sparkline", "radar"):
            params["linewidth"] = "1" if kind == "sparkline" else "2"
        return
    styles_ = []
    for block in chls.split("|"):
        parts = [p.strip() for p in block.split(",")]
        try:
            width = min(max(values.number(parts[0], "chls"), 0.5), 12.0) if parts[0] else 2.0
            dash = min(max(values.number(parts[1], "chls"), 0.0), 100.0) if len(parts) > 1 and parts[1] else 0.0
            space = min(max(values.number(parts[2], "chls"), 0.0), 100.0) if len(parts) > 2 and parts[2] else 0.0
        except SpecError:
            raise SpecError("chls", f"must be <thickness>[,<dash>,<space>], got {shown(chls)}") from None
        if dash and not space:  # Google: a dash length alone means dashes and spaces of that length
            space = dash
        styles_.append((width, dash, space))
    params["linewidth"] = values.format_number(styles_[0][0])
    if len(styles_) > 1 or any(d and sp for _, d, sp in styles_):
        _num = values.format_number
        params["linestyles"] = "|".join(_num(w) if not (d and sp) else f"{_num(w)},{_num(d)},{_num(sp)}"
                                        for w, d, sp in styles_)
    note("chls", OK, "line widths and dashes per series")


def _grid(chg, params, note):
    """chg=<x step>,<y step>[,<dash>,<space>,<x offset>,<y offset>] -> native gridlines."""
    if not chg:
        return
    parts = [p.strip() for p in chg.split(",")]
    defaults = [0.0, 0.0, 4.0, 1.0, 0.0, 0.0]
    numbers = []
    for i, default in enumerate(defaults):
        text = parts[i] if i < len(parts) else ""
        numbers.append(values.number(text, "chg") if text else default)
    bounds = [(0, 100), (0, 100), (0, 100), (0, 100), (-100, 100), (-100, 100)]
    numbers = [min(max(v, lo), hi) for v, (lo, hi) in zip(numbers, bounds)]
    params["gridlines"] = ",".join(values.format_number(v) for v in numbers)
    note("chg", OK, "grid every {} % across and {} % up, dashes {},{}".format(*map(values.format_number, numbers[:4])))


def _styles(query, params, note):
    """chts (title colour, size), chdls (legend colour, size), chma (margins)."""
    chts = [p.strip() for p in query.get("chts", "").split(",")]
    if chts[0]:
        params["titlecolor"] = _colour(chts[0], "chts")
    if len(chts) > 1 and chts[1]:
        params["titlesize"] = values.format_number(min(max(values.number(chts[1], "chts"), 4.0), 72.0))
    if len(chts) > 2 and chts[2]:
        align = {"l": "left", "c": "center", "r": "right"}.get(chts[2])
        if align is None:
            raise SpecError("chts", f"alignment must be l, c or r, got {shown(chts[2])}")
        params["titlealign"] = align
    if "chts" in query:
        note("chts", OK, "title colour, size and alignment")
    chdls = [p.strip() for p in query.get("chdls", "").split(",")]
    if chdls[0]:
        params["legendcolor"] = _colour(chdls[0], "chdls")
    if len(chdls) > 1 and chdls[1]:
        params["legendsize"] = values.format_number(min(max(values.number(chdls[1], "chdls"), 4.0), 72.0))
    if "chdls" in query:
        note("chdls", OK, "legend colour and size")
    chma = query.get("chma", "")
    if chma:
        margins, _, box = chma.partition("|")
        parts = [p.strip() for p in margins.split(",")]
        while len(parts) > 4 and not parts[-1]:  # empty extra fields: nothing asked
            parts.pop()
        if len(parts) > 4:
            raise SpecError("chma", f"must be <left>,<right>,<top>,<bottom>[|<legend width>,<legend height>], got {shown(chma)}")
        if len(parts) < 4 or "" in parts:  # Google's default for a missing margin: the chart's own
            from ..theme import PAD  # here: theme imports functools and colour (~2.5 ms a 304 would pay)

            parts = (parts + [""] * 4)[:4]
            note("chma", OK, f"{shown(margins)}: missing margins take dyngraph's default ({PAD} px)")
            parts = [p or str(PAD) for p in parts]
        params["margins"] = ",".join(str(values.integer(p, "chma", 0, 500)) for p in parts)
        note("chma", OK if not box else PARTIAL, "margins around the chart" + ("; the legend box size is dyngraph's"
                                                                               if box else ""))


_MARK_NAMES = {"o": "circle", "s": "square", "d": "diamond", "c": "cross", "x": "x", "N": "value label",
               "B": "fill under a line", "b": "fill between lines", "h": "horizontal line", "r": "horizontal band",
               "R": "vertical band", "t": "text", "a": "arrow", "v": "line up to a point", "V": "vertical line",
               "D": "line through the points", "E": "error bars", "F": "candlesticks"}


def _marks(chm, series_count, params, note):
    """chm -> native marks: the kinds dyngraph draws; the others are named in the report."""
    kept, drawn, skipped = [], [], []
    for block in filter(None, chm.split("|")):
        parts = [p.strip() for p in block.split(",")]
        kind = parts[0]
        at = kind.startswith("@")
        base = styles.mark_base(kind)
        if base not in _MARK_NAMES or (at and base not in styles.POINT_KINDS):
            skipped.append(shown(parts[0][:8]))
            continue
        if base == "N":
            try:
                styles.number_format(kind)
            except SpecError:
                note("chm", PARTIAL, f"value label format {shown(kind[1:])}: numbers are shown as dyngraph writes them")
                kind = "@N" if at else "N"
        fields = (parts + [""] * 5)[:5]
        if len(parts) < 5 or "" in fields[1:3]:
            note("chm", OK, f"{shown(block)}: missing fields take defaults (black, series 0, every point, size 0)")
        fields[0] = kind
        fields[1] = _colour(fields[1] or "000000", "chm")
        fields[2] = fields[2] or "0"
        fields[4] = fields[4] or "0"
        if at:
            fields[2] = "0"
            if fields[3].count(":") != 1:
                skipped.append(f"{shown(kind[:8])} at {shown(fields[3])} (needs x:y)")
                continue
        elif base in styles.POINT_KINDS or base in ("D", "E", "F"):
            which = fields[3] or ("0" if base == "D" else "-1")
            fields[3] = which
            if "@" in which:
                skipped.append(f"{kind[:8]} at {shown(which)} (positions relative to another series)")
                continue
            if ":" in which:
                fields[3] = ":".join((which.split(":") + ["", ""])[:3])
        if kind in ("h", "r", "R"):
            fields[2] = "0"
            fields[3] = fields[3] or "0"
        series = fields[2]
        if kind not in ("h", "r", "R") and not at and (not series.isdigit() or int(series) >= series_count):
            skipped.append(f"{kind[:8]} for series {shown(series)}, which is not drawn")
            continue
        if kind in ("E", "F"):
            last = int(series) + (1 if kind == "E" else 3)
            if last >= series_count:
                skipped.append(f"{kind} for series {series} to {last}, which are not all given")
                continue
            if ":" in fields[4]:  # E's <width>:<centre width>: the centre line is dyngraph's
                note("chm", PARTIAL, f"{kind} size {shown(fields[4])}: drawn {shown(fields[4].split(':')[0])} wide")
                fields[4] = fields[4].split(":")[0] or "0"
        if kind == "b" and (not fields[3].isdigit() or int(fields[3]) >= series_count):
            skipped.append(f"b to series {shown(fields[3])}, which is not drawn")
            continue
        kept.append(",".join(fields))
        drawn.append(_MARK_NAMES[base] + (" at x:y" if at else ""))
    if kept:
        params["marks"] = "|".join(kept)
        note("chm", OK, ", ".join(dict.fromkeys(drawn)))
    for what in skipped:
        note("chm", NOT, f"{what}: not drawn")


def _bar_width(chbh, stacked, params, note):
    """chbh=<width|a|r>,<bar gap>,<group gap> -> native barwidth (stacked bars: the bar gap is between stacks).

    Without chbh Google drew 23 px bars with 4 px between bars and 8 px between groups, cropping what did
    not fit: dyngraph draws the same bars when they fit and narrows them to fit when they would not.
    """
    if not chbh:
        params["barwidth"] = f"a,{DEFAULT_GAPS[0]},{DEFAULT_GAPS[0] if stacked else DEFAULT_GAPS[1]},{DEFAULT_BAR}"
        return
    parts = [p.strip() for p in chbh.split(",")]
    mode = parts[0] if parts[0] in ("a", "r") else "px"
    numbers = []
    for text in parts[1:3]:
        numbers.append(max(0.0, values.number(text, "chbh")) if text else None)
    numbers += [None] * (2 - len(numbers))
    defaults = (0.5, 1.5) if mode == "r" else (4.0, 8.0)
    gap, group = (d if n is None else n for n, d in zip(numbers, defaults))
    if stacked:
        group = gap
    fmt = values.format_number
    if mode == "px":
        width = values.number(parts[0], "chbh") if parts[0] else 23.0
        if width < 1:
            note("chbh", PARTIAL, f"bar width {fmt(width)}: bars are sized to fit instead")
            mode = "a"
        head = mode if mode != "px" else fmt(min(width, 1000.0))
    else:
        head = mode
    params["barwidth"] = ",".join([head, fmt(min(gap, 1000.0)), fmt(min(group, 1000.0))])
    note("chbh", OK, f"bars {head}, gaps {fmt(gap)} and {fmt(group)}")
