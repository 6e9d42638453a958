"""Google chart parameters -> native parameters -> the one ChartSpec.

Every visual decision ends up in native parameters, which go through
:func:`dyngraph.spec.parse_params` like any native request: the same
validation, the same canonical query (so the ETag covers what is drawn) and
the same renderer. What cannot be expressed is recorded as a :class:`Note`
and reported, never silently drawn differently.
"""

from .. import values
from ..errors import SpecError, shown
from . import compat, data

OK, PARTIAL, NOT, IGNORED = "ok", "partial", "not supported", "ignored"
LINE_DEFAULT = "ff9900"  # Google's default series colour for lines (orange)
BAR_DEFAULT = "ffcc33"  # ...and for bars
PIE_DEFAULT = ("ff9900", "ffffcc")  # slices shaded from dark orange to pale yellow
FORMATS = {"png": "png", "gif": "gif"}
QR_ENCODINGS = {"utf-8": "utf-8", "utf8": "utf-8", "iso-8859-1": "iso-8859-1", "shift_jis": "shift_jis"}
_LEGEND_POSITIONS = {"b": "bottom", "bv": "bottom", "bs": "bottom", "bvs": "bottom", "t": "top", "tv": "top",
                     "ts": "top", "tvs": "top", "r": "right", "rs": "right", "l": "right", "ls": "right"}
# cht -> (native type, stacked)
_TYPES = {"lc": ("line", False), "lc:nda": ("line", False), "ls": ("sparkline", False), "lxy": ("line", False),
          "bvs": ("bar", True), "bvg": ("bar", False), "bhs": ("hbar", True), "bhg": ("hbar", False),
          "bvo": ("bar", True), "p": ("pie", False), "p3": ("pie", False), "pc": ("pie", False),
          "s": ("scatter", False), "qr": ("qr", False)}


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
    choe = query.get("choe", "UTF-8").strip()
    if choe.lower() not in QR_ENCODINGS:
        raise SpecError("choe", f"must be one of UTF-8, ISO-8859-1, Shift_JIS, got {shown(choe)}")
    params["qrencoding"] = QR_ENCODINGS[choe.lower()]
    if "choe" in query:
        note("choe", OK, choe)
    chld = query.get("chld", "")
    level, _, margin = chld.replace(",", "|").partition("|")
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
    handled = {"chd", "chds", "chco", "chtt", "chdl", "chdlp", "chl", "chf", "chg", "chls", "chxt", "chxl", "chxr"}
    chd = query.get("chd")
    if not chd:
        raise SpecError("chd", "required: the chart data, e.g. chd=t:10,50,30")
    cd = data.read(chd.strip(), query.get("chds", "").strip(), limits)
    for text in cd.notes:
        param, _, rest = text.partition(": ")
        note(param, IGNORED if "ignored" in rest else OK, rest)
    count = len(cd.fractions)
    if cd.line_series is not None and cd.line_series < count:
        note("chd", PARTIAL, f"t{cd.line_series}: series after the first {cd.line_series} are marker data "
                             "and are not drawn")
        count = max(1, cd.line_series)
    if stacked:
        params["stacked"] = "1"
    axes = _read_axes(query, note)
    kind = params["type"]
    if kind == "pie":
        series = _pie(cht, cd, count, note)
        colours = _pie_colours(query.get("chco", ""), len(series[0]), note)
    elif kind == "scatter":
        series = _scatter(cd, count, note)
        colours = _series_colours(query.get("chco", ""), 1, LINE_DEFAULT, note)
    elif cht == "lxy":
        series = _lxy(cd, count, params, note)
        colours = _series_colours(query.get("chco", ""), len(series), LINE_DEFAULT, note)
    else:
        low, high = _value_range(cd, axes, kind, note)
        series = [cd.values(i, low, high) for i in range(count)]
        if cht == "bvo":
            series = _overlapped_as_stacked(series, note)
        params["min"], params["max"] = values.format_number(low), values.format_number(high)
        default = BAR_DEFAULT if kind in ("bar", "hbar") else LINE_DEFAULT
        colours = _series_colours(query.get("chco", ""), count, default, note)
        if cht == "bvo":
            colours = colours[::-1]
        _category_labels(axes, kind, len(max(series, key=len)), params, note)
    params["data"] = "|".join(",".join("" if v is None else values.format_number(v) for v in s) for s in series)
    _apply_fills(query.get("chf", ""), kind, colours, params, note)
    params["colors"] = ",".join(colours)
    _text_params(query, kind, len(series), cht, params, note)
    params["grid"] = "1" if "chg" in query else "0"
    if "chg" in query:
        note("chg", PARTIAL, "grid drawn at dyngraph's value ticks; Google's steps, dashes and offsets are not")
    _line_style(query.get("chls", ""), kind, params, note)
    return handled


def _pie(cht, cd, count, note):
    if count > 1:
        what = "only the first (inner) ring is drawn" if cht == "pc" else "further series are ignored, as Google did"
        note("chd", PARTIAL if cht == "pc" else OK, f"{count} series for a pie: {what}")
    low, high = cd.ranges[0]
    series = cd.values(0, low, high)
    if any(v is not None and v < 0 for v in series):
        note("chd", PARTIAL, "negative pie values are drawn as empty (zero) slices")
        series = tuple(None if v is None else max(v, 0.0) for v in series)
    return [series]


def _scatter(cd, count, note):
    if count < 2:
        raise SpecError("chd", "a scatter chart (cht=s) needs an x series and a y series")
    if count > 2:
        note("chd", PARTIAL, "the size series (third) is ignored: all points are drawn the same size")
    xs, ys = cd.values(0, *cd.ranges[0]), cd.values(1, *cd.ranges[1])
    note("chd", PARTIAL, "scatter x positions are scaled by dyngraph to the data, not to chds")
    return [tuple(v for pair in zip(xs, ys) for v in pair)]


def _lxy(cd, count, params, note):
    if count % 2:
        raise SpecError("chd", f"cht=lxy takes x|y series pairs, got {count} series")
    pairs = [(cd.fractions[i], i + 1) for i in range(0, count, 2)]
    if all(len(x) == 1 and x[0] is None for x, _ in pairs):
        low, high = cd.ranges[1]
        params["min"], params["max"] = values.format_number(low), values.format_number(high)
        note("chd", OK, "every x series is a single undefined value: points evenly spaced")
        return [cd.values(y, low, high) for _, y in pairs]
    params["type"] = "scatter"
    note("cht", PARTIAL, "lxy with explicit x values is drawn as points (native scatter), not joined")
    series = []
    for x_index in range(0, count, 2):
        xs, ys = cd.values(x_index, *cd.ranges[x_index]), cd.values(x_index + 1, *cd.ranges[x_index + 1])
        if len(xs) == 1 and xs[0] is None:
            xs = tuple(float(i) for i in range(len(ys)))
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
    if "chxt" in query:
        note("chxt", PARTIAL, "axes " + (",".join(kinds) or "none") + "; value ticks are dyngraph's nice steps")
    chxl = query.get("chxl", "")
    if chxl:
        index, labels = None, {}
        for part in chxl.split("|"):
            head = part.strip()
            if head.endswith(":") and head[:-1].isdigit():
                index = int(head[:-1])
                labels[index] = []
            elif index is None:
                raise SpecError("chxl", f"must start with an axis index like 0:, got {shown(part)}")
            else:
                labels[index].append(part)
        for index, items in labels.items():
            if index in axes:
                axes[index]["labels"] = items
            else:
                note("chxl", IGNORED, f"labels for axis {index}, which chxt does not list (as Google did)")
    for block in filter(None, query.get("chxr", "").split("|")):
        parts = [p.strip() for p in block.split(",")]
        if len(parts) < 3 or not parts[0].isdigit():
            raise SpecError("chxr", f"must be <axis>,<start>,<end>[,<step>], got {shown(block)}")
        index = int(parts[0])
        start, end = values.number(parts[1], "chxr"), values.number(parts[2], "chxr")
        if index in axes:
            axes[index]["range"] = (start, end)
        else:
            note("chxr", IGNORED, f"range for axis {index}, which chxt does not list")
    return axes


def _value_range(cd, axes, kind, note):
    """The display range for the value axis: Google's axis range when the data starts at zero."""
    low, high = cd.ranges[0]
    if high <= low:
        high = low + 1.0
        note("chds", OK, "zero-span range: its values are drawn at the bottom")
    value_kinds = ("x", "t") if kind == "hbar" else ("y", "r")
    shown_axes = [a for a in axes.values() if a["kind"] in value_kinds]
    if low == 0 and shown_axes:
        start, end = shown_axes[0]["range"] or (0.0, 100.0)
        if start == 0 and end > 0:
            return 0.0, end
        note("chxr", PARTIAL, "axis range not starting at zero: ticks show the data range instead")
    return low, high


def _category_labels(axes, kind, points, params, note):
    category_kinds = ("y", "r") if kind == "hbar" else ("x", "t")
    for axis in axes.values():
        if axis["kind"] in category_kinds and axis["labels"]:
            labels = axis["labels"]
            if len(labels) == points:
                # Google lists y-axis labels bottom-up while horizontal bars run top-down.
                params["labels"] = "|".join(labels[::-1] if kind == "hbar" else labels)
                note("chxl", OK, "category labels, one per " + ("bar" if kind != "line" else "point"))
            else:
                note("chxl", PARTIAL, f"{len(labels)} labels for {points} points: spread labels are not drawn")
            return


# --- colours, fills, text, lines ----------------------------------------------


def _colour(text, param):
    return values.colour(text.strip(), param)


def _series_colours(chco, count, default, note):
    if not chco:
        return [default] * count
    groups = [g for g in chco.split(",")]
    firsts = []
    for group in groups:
        items = [c for c in group.split("|") if c.strip()]
        if not items:
            raise SpecError("chco", f"must be hex colours like ff0000, got {shown(chco)}")
        if len(items) > 1:
            note("chco", PARTIAL, "per-element colours (|) are drawn with each series' first colour")
        firsts.append(_colour(items[0], "chco"))
    note("chco", OK, ", ".join(firsts))
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


def _mix(a, b, t):
    ca, cb = values.rgba(a), values.rgba(b)
    mixed = [round(x + (y - x) * t) for x, y in zip(ca, cb)]
    text = "".join(f"{v:02x}" for v in mixed[:3])
    return text if mixed[3] == 255 else text + f"{mixed[3]:02x}"


def _apply_fills(chf, kind, colours, params, note):
    for block in filter(None, chf.split("|")):
        parts = [p.strip() for p in block.split(",")]
        if len(parts) < 3:
            raise SpecError("chf", f"must be <target>,<fill type>,<colour>..., got {shown(block)}")
        target, fill = parts[0], parts[1]
        if fill not in ("s", "lg", "ls"):
            raise SpecError("chf", f"fill type must be s, lg or ls, got {shown(fill)}")
        if fill != "s":
            note("chf", NOT, f"{target},{fill}: gradients and stripes are not drawn")
            continue
        colour = _colour(parts[2], "chf")
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


def _text_params(query, kind, series_count, cht, params, note):
    title = query.get("chtt", "")
    if title:
        lines = [line.strip() for line in title.split("|")]
        params["title"] = " ".join(line for line in lines if line)
        if len(lines) > 1:
            note("chtt", PARTIAL, "| line breaks are drawn as spaces")
        else:
            note("chtt", OK, "title")
    legend = [t for t in query.get("chdl", "").split("|")] if query.get("chdl") else []
    labels = query.get("chl", "")
    if kind == "pie":
        if labels:
            params["labels"] = labels
            note("chl", OK, "slice labels")
            if legend:
                note("chdl", NOT, "a pie with both chl and chdl: only the chl labels are drawn")
        elif legend:
            params["labels"] = "|".join(legend)
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
        params["legend"] = "|".join(legend)
        position = query.get("chdlp", "r").strip().split("|")[0]
        native = _LEGEND_POSITIONS.get(position)
        if native is None:
            raise SpecError("chdlp", f"must be one of b, t, r, l (with v or s), got {shown(position)}")
        params["legendpos"] = native
        note("chdl", OK, f"{len(legend)} legend names, at the {native}")
        if position.startswith("l"):
            note("chdlp", PARTIAL, "a left legend is drawn at the right")
    elif kind not in ("pie",):
        params["legendpos"] = "none"


def _line_style(chls, kind, params, note):
    if not chls:
        if kind in ("line", "sparkline"):
            params["linewidth"] = "2" if kind == "line" else "1"
        return
    first = chls.split("|")[0].split(",")
    try:
        width = float(values.number(first[0].strip(), "chls"))
    except SpecError:
        raise SpecError("chls", f"must be <thickness>[,<dash>,<space>], got {shown(chls)}") from None
    params["linewidth"] = values.format_number(min(max(width, 0.5), 12.0))
    dashed = len(first) >= 2 and first[1].strip() not in ("", "0") and not (len(first) > 2 and first[2].strip() in ("0", ""))
    text = f"line width {params['linewidth']}"
    if dashed or "|" in chls:
        note("chls", PARTIAL, text + "; dashes and per-series widths are not drawn")
    else:
        note("chls", OK, text)
