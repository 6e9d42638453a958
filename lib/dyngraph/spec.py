"""The wire format: query string <-> frozen :class:`ChartSpec`.

Each parameter is declared once in ``PARAMS`` (name, reader, writer, doc);
that table drives parsing, canonical query strings and the docs. Parsing is
total: any query string gives a ``ChartSpec`` or a :class:`SpecError` whose
message names the parameter and what is accepted.
"""

from . import compact, timeparams, values
from .record import fields, record, replace
from .errors import SpecError, shown
from .limits import DEFAULT_LIMITS
from .query import split_query, unique_params

CHART_TYPES = ("line", "area", "bar", "hbar", "pie", "donut", "scatter", "sparkline", "radar")
FORMATS = ("jpeg", "png", "gif", "webp")  # images
# What was drawn, as data instead of the image (docs/api.md, "Layout as JSON"); txt and csv: words and data.
DATA_FORMATS = ("json", "txt", "csv")
LEGEND_POSITIONS = ("auto", "right", "bottom", "top", "left", "none")
TITLE_ALIGNS = ("center", "left", "right")
SLICE_LABELS = ("percent", "value", "none")
SPARK_MARKERS = ("min", "max", "first", "last")
# Codes are not charts: kept out of CHART_TYPES so chart galleries and chart tests skip them.
CODE_TYPES = ("qr",)
QR_LEVELS = ("L", "M", "Q", "H")
QR_ENCODINGS = ("utf-8", "iso-8859-1", "shift_jis")
QR_MAX_BYTES = {"L": 2953, "M": 2331, "Q": 1663, "H": 1273}  # byte mode, version 40
QR_MISSING = "qr is not available: the server needs the segno package (pip install segno, or 'dyngraph[qr]')"
DEFAULT_SIZES = {"sparkline": (120, 30), "qr": (200, 200)}
DEFAULT_SIZE = (480, 240)
MAX_SCALE = 3
DATA_MIME_TYPES = {"json": "application/json", "txt": "text/plain; charset=utf-8",
                   "csv": "text/csv; charset=utf-8; header=present"}


@record
class ChartSpec:
    """Everything needed to draw one chart; immutable and hashable."""

    type: str = "line"
    data: tuple = ()
    labels: tuple = ()
    legend: tuple = ()
    title: str = ""
    width: int = 0
    height: int = 0
    format: str = "jpeg"
    colors: tuple = ()
    min: float | None = None
    max: float | None = None
    background: str = "ffffff"
    grid: bool = True
    legendpos: str = "auto"
    linewidth: float = 2.0
    stacked: bool = False
    dots: bool = False
    markers: tuple = ()
    quality: int = 90
    qrtext: str = ""
    qrlevel: str = "L"
    qrmargin: int = 4
    qrencoding: str = "utf-8"
    axes: str = ""
    axislabels: tuple = ()
    axisranges: tuple = ()
    axispositions: tuple = ()
    axisstyles: tuple = ()
    gridlines: tuple = ()
    barwidth: tuple = ()
    marks: tuple = ()
    linestyles: tuple = ()
    titlecolor: str = ""
    titlesize: float = 0.0
    legendcolor: str = ""
    legendsize: float = 0.0
    margins: tuple = ()
    bgfill: tuple = ()
    plotfill: tuple = ()
    depth: int = 0
    othershare: float = 0.0
    otherlabel: str = "Other"
    lines: bool = False
    sizes: tuple = ()
    xmin: float | None = None
    xmax: float | None = None
    pointcolors: tuple = ()
    opacity: float = 1.0
    titlealign: str = "center"
    ticklengths: tuple = ()
    legendorder: str = ""
    legendcolumn: bool = False
    hidden: int = 0
    smooth: float = 0.0
    slicelabels: str = "percent"
    scale: int = 1
    times: tuple = ()
    start: float | None = None
    step: tuple = ()
    tz: str = "UTC"
    from_: float | None = None
    until: float | None = None
    gaps: float = timeparams.DEFAULT_GAPS

    def __post_init__(self):
        default_w, default_h = DEFAULT_SIZES.get(self.type, DEFAULT_SIZE)
        if not self.width:
            object.__setattr__(self, "width", default_w)
        if not self.height:
            object.__setattr__(self, "height", default_h)

    @property
    def series(self):
        """The data as (x, y) pairs per series for scatter (x: the time on a time axis), else as given."""
        if self.type == "scatter" and (self.times or self.start is not None):
            return tuple(tuple(zip(self.instants, s)) for s in self.data)
        if self.type != "scatter":
            return self.data
        return tuple(tuple(zip(s[0::2], s[1::2])) for s in self.data)

    @property
    def instants(self):
        """The time of each point in Unix seconds (from ``times`` or ``start`` + ``step``); () if none."""
        return timeparams.instants(self)

    @property
    def mime_type(self):
        return DATA_MIME_TYPES.get(self.format) or "image/" + self.format


# --- readers: str -> value, raising SpecError --------------------------------


def _read_series(text, limits):
    if compact.is_compact(text):
        return compact.decode(text, limits)
    return _checked_series((part.split(",") for part in text.split("|")), text.count("|") + 1, limits,
                           lambda v: values.number(v, "data") if v else None)


def _checked_series(parts, n_series, limits, read_value):
    """Series of values read by ``read_value``, each counted against the limits before it is read."""
    if n_series > limits.max_series:
        raise SpecError("data", f"{n_series} series; at most {limits.max_series} are accepted")
    total = 0
    series = []
    for raw in parts:
        total += len(raw)
        if len(raw) > limits.max_points or total > limits.max_values:
            msg = f"at most {limits.max_points} values per series and {limits.max_values} in all"
            raise SpecError("data", msg)
        series.append(tuple(map(read_value, raw)))
    return tuple(series)


_WRITTEN = {}  # series -> text: the canonical query is written more than once a request (ETag, cache keys)


def _write_series(series):
    """Plain ``1,2|3,4``; the compact ``~…`` form when that is exact and much shorter.

    Remembers the last few answers (a dict, not ``functools.lru_cache``: functools and the
    ``collections`` it imports cost ~1.5 ms per CGI process)."""
    text = _WRITTEN.get(series)
    if text is None:
        if len(_WRITTEN) >= 4:
            _WRITTEN.clear()
        text = _WRITTEN[series] = _series_text(series)
    return text


def _series_text(series):
    plain = "|".join(",".join("" if v is None else _num(v) for v in x) for x in series)
    quoted_length = len(plain) + 2 * (plain.count("|") + plain.count("+"))
    if quoted_length <= compact.MIN_PLAIN_LENGTH:
        return plain
    packed = compact.encode(series)
    return packed if packed is not None and len(packed) < quoted_length else plain


def split_list(text):
    """`|`-separated items; `\\|` is a `|` inside an item and `\\\\` a backslash (any other `\\` stays)."""
    if "\\" not in text:
        return text.split("|")
    items, current, i = [], [], 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text) and text[i + 1] in "|\\":
            current.append(text[i + 1])
            i += 2
            continue
        if char == "|":
            items.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    items.append("".join(current))
    return items


def join_list(items):
    """The items `|`-separated, each `\\` and `|` inside them escaped: ``split_list(join_list(x)) == x``."""
    return "|".join(str(t).replace("\\", "\\\\").replace("|", "\\|") for t in items)


def _read_list(text, param, max_length):
    """`|`-separated texts (`\\|` and `\\\\` escaped); a list of only empty texts is the empty list."""
    items = tuple(values.text(t, param, max_length) for t in split_list(text))
    return items if any(items) else ()


def _write_list(items):
    return join_list(items)


def _read_qrtext(text, limits):
    if len(text) > QR_MAX_BYTES["L"]:
        raise SpecError("qrtext", f"must be at most {QR_MAX_BYTES['L']} characters, got {len(text)}")
    return text


def _read_sizes(text, limits):
    parts = text.split(",") if text else []
    if len(parts) > limits.max_points:
        raise SpecError("sizes", f"at most {limits.max_points} sizes")
    return tuple(values.bounded_number(p, "sizes", 0, 100) for p in parts)


@record
class Param:
    """One URL parameter: how to read it, write it, and document it."""

    name: str
    read: object  # (text, limits) -> value
    write: object  # value -> text
    doc: str
    accepted: str


def _p(name, read, write, doc, accepted):
    return Param(name, read, write, doc, accepted)


def _styles(name):
    """``dyngraph.styles.<name>``, imported on first call: most charts give no style parameter, and their
    requests (a 304, a 400) then skip the module (~0.25 ms per CGI process)."""

    def call(*args):
        from . import styles

        return getattr(styles, name)(*args)

    call.__name__ = call.__qualname__ = name
    return call


_num = values.format_number
_read_fill = _styles("read_fill")
PARAMS = {
    p.name: p
    for p in (
        _p("type", lambda t, _: values.choice(t, "type", CHART_TYPES + CODE_TYPES), str,
           "Chart type (`pie` with several series: concentric rings, the first innermost; `radar`: one spoke per "
           "label, clockwise from the top, each series a closed outline, filled with `marks` B; "
           "`qr`: a QR code of `qrtext`).", " | ".join(CHART_TYPES + CODE_TYPES)),
        _p("data", _read_series, _write_series,
           "Series separated by `|`, values by `,`; an empty value is a gap. "
           "Decimals take a point: `1,5` is two values, one and a half is `1.5`. "
           "For `scatter`, each series is x,y pairs: `1,5,2,7`. "
           "Long series may use the compact form `~…` (see docs/transport.md).", "numbers"),
        _p("labels", lambda t, lim: _read_list(t, "labels", lim.max_label_length), _write_list,
           "Category labels (x axis; slices for pie/donut), `|`-separated; `\\|` is a `|` inside a label "
           "and `\\\\` a backslash (`labels=A\\|B|C`: two labels, `A|B` and `C`).", "text"),
        _p("legend", lambda t, lim: _read_list(t, "legend", lim.max_label_length), _write_list,
           "Series names, `|`-separated (`\\|` and `\\\\` escaped as in `labels`); pie and donut slices are named by "
           "`labels`.", "text"),
        _p("title", lambda t, lim: values.text(t, "title", lim.max_title_length), str,
           "Title above the chart (a sparkline draws none: there it names the chart in its description, the "
           "`alt` text and `format=txt`).", "text"),
        _p("width", lambda t, lim: values.integer(t, "width", lim.min_size, lim.max_width), str,
           "Image width in pixels (default 480; 120 for sparkline).", "integer"),
        _p("height", lambda t, lim: values.integer(t, "height", lim.min_size, lim.max_height), str,
           "Image height in pixels (default 240; 30 for sparkline).", "integer"),
        _p("format", lambda t, _: values.choice(t, "format", FORMATS + DATA_FORMATS), str,
           "Image format; `json`: instead of the image, what it lays out (plot box, every text with its role "
           "and box, every series' points; see \"Layout as JSON\" above); `txt`: the chart described in words "
           "(trend, extremes, every value); `csv`: its data (see \"Words and data\" above).",
           " | ".join(FORMATS + DATA_FORMATS)),
        _p("colors", lambda t, _: tuple(values.colour(c, "colors") for c in t.split(",")) if t else (), ",".join,
           "Hex colour per series (per slice for pie/donut), `,`-separated.", "rrggbb, rgb or rrggbbaa"),
        _p("min", lambda t, _: values.number(t, "min"), _num,
           "Bottom of the value axis (default: from the data, with zero included for bars).", "number"),
        _p("max", lambda t, _: values.number(t, "max"), _num,
           "Top of the value axis (default: from the data).", "number"),
        _p("background", lambda t, _: values.colour(t, "background"), str,
           "Background colour; rrggbbaa with alpha for PNG/WebP transparency.", "hex colour"),
        _p("grid", lambda t, _: values.flag(t, "grid"), lambda v: "1" if v else "0",
           "Grid lines at the value ticks.", "0 | 1"),
        _p("legendpos", lambda t, _: values.choice(t, "legendpos", LEGEND_POSITIONS), str,
           "Where the legend goes; never over the plot.", " | ".join(LEGEND_POSITIONS)),
        _p("linewidth", lambda t, _: values.bounded_number(t, "linewidth", 0.5, 12), _num,
           "Line width in pixels for line, area, scatter and sparkline.", "0.5 to 12"),
        _p("stacked", lambda t, _: values.flag(t, "stacked"), lambda v: "1" if v else "0",
           "Stack series (bar, hbar, area).", "0 | 1"),
        _p("dots", lambda t, _: values.flag(t, "dots"), lambda v: "1" if v else "0",
           "Draw a dot at each point (line, area).", "0 | 1"),
        _p("markers", lambda t, _: tuple(values.choice(m, "markers", SPARK_MARKERS) for m in t.split(",")) if t else (),
           ",".join, "Sparkline markers, `,`-separated.", ", ".join(SPARK_MARKERS)),
        _p("quality", lambda t, _: values.integer(t, "quality", 1, 95), str,
           "JPEG/WebP quality.", "1 to 95"),
        _p("qrtext", _read_qrtext, str,
           "The text a `type=qr` code encodes, kept exactly (newlines too).", "text"),
        _p("qrlevel", lambda t, _: values.choice(t, "qrlevel", QR_LEVELS), str,
           "QR error correction: recovers 7%, 15%, 25% or 30% damage.", " | ".join(QR_LEVELS)),
        _p("qrmargin", lambda t, _: values.integer(t, "qrmargin", 0, 40), str,
           "Quiet zone around a QR code, in modules (narrowed when the image is too small).", "0 to 40"),
        _p("qrencoding", lambda t, _: values.choice(t, "qrencoding", QR_ENCODINGS), str,
           "How QR text is turned into bytes.", " | ".join(QR_ENCODINGS)),
        _p("axes", _styles("read_axes"), str,
           "Axes to label, in order (their index is used by the other axis parameters); `none` for none. "
           "Default: category labels below and value ticks at the left.", "x, y, r, t (repeatable) | none"),
        _p("axislabels", _styles("read_axis_labels"), _styles("write_axis_labels"),
           "Labels per axis, spread evenly (or at `axispositions`): `0:|Jan|Feb|1:|low|high`.", "text"),
        _p("axisranges", _styles("read_axis_ranges"), _styles("write_axis_ranges"),
           "Numeric range per axis, labelled with nice steps (or every `step`): `1,0,100,20|2,0,50`.",
           "axis,start,end[,step]"),
        _p("axispositions", _styles("read_axis_positions"), _styles("write_axis_positions"),
           "Where an axis' labels go, in its range's units (0-100 without one): `0,10,35,75`.", "axis,numbers"),
        _p("axisstyles", _styles("read_axis_styles"), _styles("write_axis_styles"),
           "Per axis (Google's `chxs`): a number format for its numeric labels after the index (as for `marks` "
           "N: `1N*f1*`, `0N*cUSD*`, `1N*p*`), label colour, size (0 = default), alignment, axis line/ticks "
           "(`l`, `t`, `lt`, `_`), tick colour and axis line colour: `1N*f1*,ff0000,12,1,lt,00ff00,0000ff`.",
           "axis[format],colour[,size,-1|0|1,l|t|lt|_,colour,colour]"),
        _p("gridlines", _styles("read_grid_lines"), _styles("write_numbers"),
           "Grid lines every x and y percent of the plot, dashed (dash, space in px), with offsets (percent); "
           "instead of lines at the value ticks.", "x,y[,dash,space,xoffset,yoffset]"),
        _p("barwidth", _styles("read_bar_width"), _styles("write_bar_width"),
           "Bar width and gaps in pixels (`23,4,8`); `a,4,8` sizes bars to fit (`a,4,8,23`: at most 23 px wide); "
           "`r,0.5,1.5` gaps relative to bars. Bars are left-aligned like Google's.", "width|a|r[,gap,groupgap]"),
        _p("marks", _styles("read_marks"), _styles("write_marks"),
           "Markers on the plot (Google's `chm`): shapes `o s d c x`, text `t<text>`, value labels `N` (formats as "
           "Google's: `N*f2*`, `N$*f0s*`, `N*p0*`), arrows `a`, lines `h` (across), `v` (up to a point), `V` "
           "(through a point), `D` (through the points), bands `r`/`R`, fills `B` (under a line) and `b` (between "
           "lines), error bars `E` (series and the next: the ends; size: line width) and candlesticks `F` (four "
           "series from `series`: low, open, close, high; size: body width), often on `hidden` series; "
           "`@` before a point kind places it at `x:y` (fractions of the plot). On bars, a value label sits beyond "
           "the bar's end (room kept on the value axis), else inside it in an ink that reads on the bar; on "
           "stacked bars inside its segment; on points above the point, else below it; one with no room is left "
           "out, never overprinted, and counted in `X-Dyngraph-Unsupported`: "
           "`o,ff0000,0,-1,6|B,e6f2fa,0,0,0|@tHi,000000,0,0.5:0.5,12`.",
           "kind,colour,series,which,size"),
        _p("linestyles", _styles("read_line_styles"), _styles("write_line_styles"),
           "Per series line width and dashes: `2,4,1|1` (overrides `linewidth`).", "width[,dash,space]"),
        _p("titlecolor", lambda t, _: values.colour(t, "titlecolor"), str, "Title colour.", "hex colour"),
        _p("titlesize", lambda t, _: values.bounded_number(t, "titlesize", 4, 72), _num,
           "Title size in pixels (default: from the image size).", "4 to 72"),
        _p("legendcolor", lambda t, _: values.colour(t, "legendcolor"), str, "Legend text colour.", "hex colour"),
        _p("legendsize", lambda t, _: values.bounded_number(t, "legendsize", 4, 72), _num,
           "Legend text size in pixels.", "4 to 72"),
        _p("margins", _styles("read_margins"), _styles("write_ints"),
           "Space around the plot area in pixels (labels go inside it): left,right,top,bottom.", "4 integers"),
        _p("bgfill", lambda t, _: _read_fill(t, "bgfill"), _styles("write_fill"),
           "Background as a linear gradient `lg,<angle>,<colour>,<offset>,...` or stripes "
           "`ls,<angle>,<colour>,<width>,...` (offsets and widths 0-1).", "s | lg | ls fill"),
        _p("plotfill", lambda t, _: _read_fill(t, "plotfill"), _styles("write_fill"),
           "Fill of the plot area: `s,<colour>`, or a gradient or stripes as for `bgfill`.", "s | lg | ls fill"),
        _p("depth", lambda t, _: values.integer(t, "depth", 0, 100), str,
           "Pie: a 3-D look, the top tilted into an ellipse over a darker rim this many pixels deep (several "
           "series: their rings on the top, the outer one's rim below); 0 is flat.", "0 to 100"),
        _p("othershare", lambda t, _: values.bounded_number(t, "othershare", 0, 0.5), _num,
           "Pie/donut: slices below this share of the total (`0.03`: 3%) are folded into one `otherlabel` "
           "slice. Slices beyond the colours (12 in the palette, or those in `colors`) are always folded, "
           "smallest first, so no two slices share a colour.", "0 to 0.5"),
        _p("otherlabel", lambda t, lim: values.text(t, "otherlabel", lim.max_label_length), str,
           "Pie/donut: the name of the folded slice (see `othershare`).", "text"),
        _p("lines", lambda t, _: values.flag(t, "lines"), lambda v: "1" if v else "0",
           "Scatter: join each series' points in order (x,y line charts).", "0 | 1"),
        _p("sizes", lambda t, lim: _read_sizes(t, lim), lambda v: ",".join(map(_num, v)),
           "Scatter: the size of each point of the first series, 0-100 (percent of the largest dot).", "numbers"),
        _p("xmin", lambda t, _: values.number(t, "xmin"), _num,
           "Scatter: left end of the x axis (default: from the data).", "number"),
        _p("xmax", lambda t, _: values.number(t, "xmax"), _num,
           "Scatter: right end of the x axis (default: from the data).", "number"),
        _p("pointcolors", _styles("read_point_colours"), _styles("write_point_colours"),
           "Per-point colours (Google's `chco` grammar): `|` between the points of one series, `,` between series; "
           "a series' list repeats over its points (one bar, dot or slice each; on a line, each segment takes the "
           "colour of the point it ends at): `ff0000|00ff00|0000ff,cccccc`. "
           "For pies with several series (rings), the slice colours of each ring.", "rrggbb|...,..."),
        _p("opacity", lambda t, _: values.bounded_number(t, "opacity", 0, 1), _num,
           "Opacity of the whole image, 0-1 (PNG/WebP/GIF get an alpha channel; Google's `chf=a`).", "0 to 1"),
        _p("titlealign", lambda t, _: values.choice(t, "titlealign", TITLE_ALIGNS), str,
           "Title alignment.", " | ".join(TITLE_ALIGNS)),
        _p("ticklengths", _styles("read_tick_lengths"), _styles("write_tick_lengths"),
           "Tick mark length in pixels per listed axis (Google's `chxtc`), cycled over its ticks; negative ticks "
           "point into the plot, and a long one crosses it like a grid line: `0,10|1,-300`.",
           "axis,length[,length...] (-1000 to 25)"),
        _p("legendorder", _styles("read_legend_order"), str,
           "Legend order (Google's `chdlp=...|<order>`): `r` reversed, `a` shortest names first (in 10 px steps), "
           "or series indices `2,0,1` (only those are listed); default: as given.", "r | a | indices"),
        _p("legendcolumn", lambda t, _: values.flag(t, "legendcolumn"), lambda v: "1" if v else "0",
           "A top or bottom legend as one column, left-aligned (Google's `chdlp=bv`/`tv`), instead of rows.",
           "0 | 1"),
        _p("hidden", lambda t, lim: values.integer(t, "hidden", 0, lim.max_series), str,
           "How many of the last `data` series are marker data only (Google's `t<N>:`): not drawn as series, "
           "nor in the legend or the value range; marks use them by index (e.g. error bars `E`, candlesticks "
           "`F`): `data=5,7,6|8,9,7|3,5,4&hidden=2`.", "integer"),
        _p("smooth", lambda t, _: values.bounded_number(t, "smooth", 0, 1), _num,
           "Line and area: curves through the points instead of straight segments, with this tension (Chart.js's "
           "`tension`; 0.4 is its curved look). Points closer than 4 px are joined straight.", "0 to 1"),
        _p("slicelabels", lambda t, _: values.choice(t, "slicelabels", SLICE_LABELS), str,
           "Pie and donut: what wide slices show inside them, their share or their value.", " | ".join(SLICE_LABELS)),
        _p("scale", lambda t, _: values.integer(t, "scale", 1, MAX_SCALE), str,
           "Pixel density for HiDPI screens: the image is `width`x`scale` by `height`x`scale` pixels, laid out "
           "exactly as the 1x chart (text and lines drawn larger, not re-fitted); give the `<img>` the 1x "
           "`width` and `height`, e.g. in a `srcset` 2x candidate. The size limits count the scaled pixels.",
           "1 | 2 | 3"),
        _p("times", timeparams.read_times, timeparams.write_times,
           "A time axis: one timestamp per point (every series shares them), `,`-separated: ISO 8601 dates or "
           "date-times (`2026-03-01`, `2026-03-01T06:30`, `2026-03-01T06:30:00Z`, `…+01:00`; naive ones read in "
           "`tz`) or Unix seconds. For line, area, bar (one time bucket wide), scatter (the data are the y values) "
           "and sparkline. Unsorted times are drawn sorted, each with its values. Long lists may use the compact "
           "form `~…`; regular ones are written as `start` + `step` (see docs/time.md).", "timestamps"),
        _p("start", timeparams.read_start, timeparams.write_instant,
           "The time of the first point of a regular series, with `step` instead of `times`.", "a timestamp"),
        _p("step", timeparams.read_step, timeparams.write_step,
           "The time between points after `start`: `s`, `m` (minutes) and `h` exact; `d`, `w`, `mo`, `y` "
           "calendar steps in `tz` (a day is midnight to midnight, also on DST days).",
           "count + s | m | h | d | w | mo | y"),
        _p("tz", timeparams.read_tz, str,
           "The time zone in which the time axis is labelled and naive timestamps are read.", "IANA zone name"),
        _p("from", timeparams.read_bound("from"), timeparams.write_instant,
           "Start of the time window shown (default: the first time): a timestamp, `now`, or relative to now "
           "(`-24h`, `-7d`, `-30m`, `-1mo`, `-1y`); to the second.", "timestamp | now | -<count><unit>"),
        _p("until", timeparams.read_bound("until"), timeparams.write_instant,
           "End of the time window shown (default: the last time), as for `from`.", "timestamp | now | -<count><unit>"),
        _p("gaps", timeparams.read_gaps, _num,
           "A step between points longer than this many times the median step breaks the line (`0`: always "
           "joined).", f"0 to {timeparams.MAX_GAPS}"),
    )
}
_DEFAULTS = ChartSpec()

# The chart types each parameter means something for (read from what the renderers draw); given a value
# other than its default for another type, it is a 400 naming these: nothing is silently ignored.
# Parameters not listed apply to every type, the codes too (size, format, background, quality, scale).
_CHARTS = CHART_TYPES
_FRAMED = tuple(t for t in CHART_TYPES if t != "sparkline")  # a title, a legend, margins: sparklines have none
_AXES = ("line", "area", "bar", "hbar", "scatter")  # a plot box with x and y axes (frame.cartesian)
_TIMED = ("line", "area", "bar", "scatter", "sparkline")  # timeparams.TIME_TYPES
APPLIES_TO = {
    "data": _CHARTS,
    "labels": ("line", "area", "bar", "hbar", "pie", "donut", "radar"),
    "legend": ("line", "area", "bar", "hbar", "scatter", "sparkline", "radar"),  # pies name slices by labels
    "title": _CHARTS,  # sparkline: not drawn, it names the chart (alt text, format=txt)
    "colors": _CHARTS,
    "min": ("line", "area", "bar", "hbar", "scatter", "sparkline", "radar"),
    "max": ("line", "area", "bar", "hbar", "scatter", "sparkline", "radar"),
    "grid": ("line", "area", "bar", "hbar", "scatter", "radar"),
    "legendpos": _FRAMED,
    "linewidth": ("line", "area", "scatter", "sparkline", "radar"),
    "stacked": ("bar", "hbar", "area"),
    "dots": ("line", "area", "scatter", "radar"),
    "markers": ("sparkline",),
    "qrtext": CODE_TYPES,
    "qrlevel": CODE_TYPES,
    "qrmargin": CODE_TYPES,
    "qrencoding": CODE_TYPES,
    "axes": _AXES,
    "axislabels": _AXES,
    "axisranges": _AXES,
    "axispositions": _AXES,
    "axisstyles": _AXES,
    "gridlines": _AXES,
    "barwidth": ("bar", "hbar"),
    "marks": ("line", "area", "bar", "hbar", "scatter", "sparkline", "radar"),
    "linestyles": ("line", "area", "scatter", "radar"),
    "titlecolor": _FRAMED,
    "titlesize": _FRAMED,
    "legendcolor": _FRAMED,
    "legendsize": _FRAMED,
    "margins": _FRAMED,
    "bgfill": _CHARTS,
    "plotfill": _AXES,
    "depth": ("pie",),
    "othershare": ("pie", "donut"),
    "otherlabel": ("pie", "donut"),
    "lines": ("scatter",),
    "sizes": ("scatter",),
    "xmin": ("scatter",),
    "xmax": ("scatter",),
    "pointcolors": ("line", "area", "bar", "hbar", "pie", "donut", "scatter", "sparkline"),
    "opacity": _CHARTS,
    "titlealign": _FRAMED,
    "ticklengths": _AXES,
    "legendorder": _FRAMED,
    "legendcolumn": _FRAMED,
    "hidden": ("line", "area", "bar", "hbar", "scatter", "sparkline", "radar"),  # marker data: where marks go
    "smooth": ("line", "area"),
    "slicelabels": ("pie", "donut"),
    "times": _TIMED,
    "start": _TIMED,
    "step": _TIMED,
    "tz": _TIMED,
    "from": _TIMED,
    "until": _TIMED,
    "gaps": ("line", "area", "scatter", "sparkline"),  # time bars are one bucket wide: nothing to break
}
# On a time axis (times, or start + step) the times place and label the points: these apply to the
# listed types only (none: not with a time axis).
ON_TIME_AXIS = {
    "labels": (), "axes": (), "axislabels": (), "axisranges": (), "axispositions": (), "axisstyles": (),
    "ticklengths": (), "xmin": (), "xmax": (),
    "barwidth": (),  # a time bar is one time bucket wide
    "pointcolors": ("line", "area", "bar", "scatter"),  # a timed sparkline is one colour per series
}

# Parameters that act only together with another ("*": on every type they apply to, else on the types
# named); given without it, a 400 naming both. A value that says "none" (axes=none, legendpos=none) asks
# for nothing, so it neither needs nor gives anything.
NEEDS = {
    **dict.fromkeys(("axislabels", "axisranges", "axispositions", "axisstyles", "ticklengths"), {"*": "axes"}),
    **dict.fromkeys(("titlecolor", "titlesize", "titlealign"), {"*": "title"}),
    **dict.fromkeys(("legendpos", "legendcolor", "legendsize", "legendorder", "legendcolumn"),
                    {"pie": "labels", "donut": "labels", "*": "legend"}),  # a pie's legend names its slices
    "otherlabel": {"*": "labels"},  # the folded slice is named in the legend
    "linestyles": {"scatter": "lines"}, "gaps": {"scatter": "lines"},  # dots alone: no line to style or break
}
_SAYS_NONE = {"axes": "none", "legendpos": "none"}
# Parameters only an output format reads: with another format, a 400.
FOR_FORMATS = {"quality": ("jpeg", "webp")}
# Values of another parameter that leave one with nothing to do (no legend drawn; a side legend is one column).
UNUSED_WITH = {
    "legendcolumn": ("legendpos", ("right", "left", "none")),
    **dict.fromkeys(("legendcolor", "legendsize", "legendorder"), ("legendpos", ("none",))),
}


def needed(name, kind):
    """The parameter ``name`` acts together with on chart type ``kind`` (NEEDS), or None."""
    needs = NEEDS.get(name)
    return needs.get(kind, needs.get("*")) if needs else None


def applicable(params):
    """``params`` ({name: text}) less those that do not apply to its chart type (APPLIES_TO, ON_TIME_AXIS)
    or have nothing to act on (NEEDS, UNUSED_WITH).

    For the dialect readers: Google and Chart.js ignore what a chart type does not use (a pie
    has no grid, a bar no line style), so their URLs draw as they did, while a native URL that
    gives such a parameter is refused by :func:`_check_applies`.
    """
    kind = params.get("type", _DEFAULTS.type)
    timed = "times" in params or "start" in params
    kept = {name: text for name, text in params.items() if kind in APPLIES_TO.get(name, (kind,))
            and not (timed and kind not in ON_TIME_AXIS.get(name, (kind,)))}

    def says(name):  # given, and neither its default nor "none" (as read: `chdl=|` names nothing)
        if name not in kept:
            return False
        try:
            value = PARAMS[name].read(kept[name], DEFAULT_LIMITS)
        except SpecError:
            return True  # the parser will say what is wrong with it
        return value != getattr(_DEFAULTS, timeparams.FIELDS.get(name, name)) and value != _SAYS_NONE.get(name)

    def unused(name):  # another parameter's value leaves it nothing to do
        other, values = UNUSED_WITH.get(name, ("", ()))
        return other in kept and kept[other] in values

    return {name: text for name, text in kept.items() if not says(name) or (
            (needed(name, kind) is None or says(needed(name, kind))) and not unused(name))}


def _check_applies(spec):
    """A parameter given for a chart type (or a time axis) it means nothing for is a 400, not ignored."""
    for name, types in APPLIES_TO.items():
        if spec.type not in types and _given(spec, name):
            raise SpecError(name, f"does not apply to type={spec.type}; it applies to {', '.join(types)}")
    if spec.times or spec.start is not None:
        for name, types in ON_TIME_AXIS.items():
            if spec.type not in types and _given(spec, name):
                if not types:
                    raise SpecError(name, "not used with a time axis (times, or start and step): the times "
                                          "place and label the points")
                raise SpecError(name, f"does not apply to type={spec.type} on a time axis; it applies to "
                                      f"{', '.join(types)} there")


def _check_needs(spec):
    """A parameter that only acts with another (NEEDS), given without it, is a 400 naming both."""
    for name in NEEDS:
        other = needed(name, spec.type)
        if other and _says(spec, name) and not _says(spec, other):
            what = "axes other than none" if other == "axes" else other
            raise SpecError(name, f"only used together with {what} (type={spec.type}); give {other} too or "
                                  f"leave {name} out")


def _check_unused(spec):
    """A parameter that another's value leaves nothing to do (UNUSED_WITH) is a 400 naming both."""
    for name, (other, values) in UNUSED_WITH.items():
        value = getattr(spec, other)
        if value in values and _given(spec, name):
            raise SpecError(name, f"not used with {other}={value}; leave {name} out or give another {other}")


def _check_formats(spec):
    for name, formats in FOR_FORMATS.items():
        if spec.format not in formats and _given(spec, name):
            raise SpecError(name, f"only used by format={', '.join(formats)}; this is format={spec.format}")


def _says(spec, name):
    return _given(spec, name) and getattr(spec, name) != _SAYS_NONE.get(name)


def _given(spec, name):
    field = timeparams.FIELDS.get(name, name)
    return getattr(spec, field) != getattr(_DEFAULTS, field)


_PARAM_OF = {field: name for name, field in timeparams.FIELDS.items()}


def _check_qr(spec):
    """A QR code needs its text, no data, and room: every module at least one pixel."""
    if not spec.qrtext:
        raise SpecError("qrtext", "required for type=qr: the text to encode")
    if spec.data:
        raise SpecError("data", "not used by type=qr; give the text as qrtext")
    try:
        size = len(spec.qrtext.encode(spec.qrencoding))
    except UnicodeEncodeError:
        raise SpecError("qrtext", f"has characters that {spec.qrencoding} cannot encode") from None
    if size > QR_MAX_BYTES[spec.qrlevel]:
        msg = f"{size} bytes is too much for a QR code at level {spec.qrlevel} (at most {QR_MAX_BYTES[spec.qrlevel]})"
        raise SpecError("qrtext", msg)
    try:
        import segno
    except ImportError:
        raise SpecError("type", QR_MISSING, status=501) from None
    try:
        code = segno.make(spec.qrtext, error=spec.qrlevel, encoding=spec.qrencoding, micro=False, boost_error=False)
    except ValueError as error:  # segno's DataOverflowError and encoding errors
        raise SpecError("qrtext", f"cannot be drawn as a QR code: {error}") from None
    side = code.symbol_size(border=0)[0]
    if side > min(spec.width, spec.height):
        msg = f"{spec.width}x{spec.height} is too small for this QR code: it needs at least {side}x{side}"
        raise SpecError("width", msg)


def _check_whole(spec, limits):
    """Checks that involve more than one parameter."""
    _check_applies(spec)
    _check_needs(spec)
    _check_unused(spec)
    _check_formats(spec)
    if spec.type in CODE_TYPES:
        _check_qr(spec)
        if spec.format in DATA_FORMATS:
            raise SpecError("format", f"{spec.format} gives a chart's layout or data; type={spec.type} is drawn as "
                                      f"an image only ({', '.join(FORMATS)})")
    elif spec.qrtext:
        raise SpecError("qrtext", "only used by type=qr")
    elif not spec.data:
        raise SpecError("data", "required; e.g. data=1,2,3|4,5,6")
    if spec.width * spec.height > limits.max_pixels:
        msg = f"{spec.width}x{spec.height} is {spec.width * spec.height} pixels; at most {limits.max_pixels} are accepted"
        raise SpecError("width", msg)
    if spec.scale > 1:
        check_scaled(spec, limits)
    if spec.type in ("pie", "donut"):
        if spec.type == "donut" and len(spec.data) != 1:
            raise SpecError("data", f"donut takes one series, got {len(spec.data)} (pie draws several as rings)")
        slices = sum(len(s) for s in spec.data)
        if slices > limits.max_slices:
            raise SpecError("data", f"{spec.type} takes at most {limits.max_slices} slices, got {slices}")
        if any(v is not None and v < 0 for s in spec.data for v in s):
            raise SpecError("data", f"{spec.type} values must not be negative")
        if spec.labels and len(spec.labels) < slices:
            raise SpecError("labels", f"{len(spec.labels)} labels for {slices} slices: give one per slice "
                                      "(an empty one for a slice left unnamed)")
    timeparams.check(spec)
    if spec.type == "scatter" and not (spec.times or spec.start is not None):  # on a time axis: y values only
        for s in spec.data:
            if len(s) % 2:
                raise SpecError("data", "scatter series must be x,y pairs (an even number of values)")
    if spec.hidden and spec.hidden >= len(spec.data):
        raise SpecError("hidden", f"must leave at least one series drawn: {spec.hidden} of {len(spec.data)} series")
    if len(spec.legend) > len(spec.data):
        raise SpecError("legend", f"{len(spec.legend)} names for {len(spec.data)} series")
    if spec.xmin is not None and spec.xmax is not None and spec.xmin >= spec.xmax:
        raise SpecError("xmax", f"must be greater than xmin ({_num(spec.xmin)}), got {_num(spec.xmax)}")
    if spec.min is not None and spec.max is not None and spec.min >= spec.max:
        raise SpecError("max", f"must be greater than min ({_num(spec.min)}), got {_num(spec.max)}")
    text_length = len(spec.title) + sum(map(len, spec.labels)) + sum(map(len, spec.legend))
    if text_length > limits.max_text:
        raise SpecError("labels", f"{text_length} characters of text; at most {limits.max_text} in all")
    if len(spec.pointcolors) > len(spec.data):
        raise SpecError("pointcolors", f"{len(spec.pointcolors)} colour lists for {len(spec.data)} series")
    if len(spec.labels) > limits.max_points or len(spec.colors) > limits.max_points:
        raise SpecError("labels", f"at most {limits.max_points} labels and colours")


def check_scaled(spec, limits):
    """The limits count output pixels: a 2x image of 800x400 is 1600x800."""
    width, height = spec.width * spec.scale, spec.height * spec.scale
    size = f"{spec.width}x{spec.height} at scale {spec.scale} is {width}x{height}"
    if width > limits.max_width or height > limits.max_height:
        raise SpecError("scale", f"{size} pixels; at most {limits.max_width}x{limits.max_height} are accepted")
    if width * height > limits.max_pixels:
        raise SpecError("scale", f"{size} = {width * height} pixels; at most {limits.max_pixels} are accepted")


def parse_params(params, *, limits=DEFAULT_LIMITS):
    """Build a validated spec from already-split ``{name: text}`` parameters."""
    unknown = set(params) - set(PARAMS)
    if unknown:
        name = sorted(unknown)[0]
        raise SpecError(name, f"unknown parameter; accepted: {', '.join(PARAMS)}")
    return _checked_spec({name: PARAMS[name].read(text, limits) for name, text in params.items()}, limits)


def _checked_spec(kwargs, limits):
    if any(isinstance(v, timeparams.Later) for v in kwargs.values()) or "times" in kwargs:
        timeparams.resolve(kwargs)  # naive times need the zone, relative bounds the clock
    spec = ChartSpec(**{timeparams.FIELDS.get(name, name): value for name, value in kwargs.items()})
    _check_whole(spec, limits)
    return spec


def parse(query_string, *, limits=DEFAULT_LIMITS):
    """Parse a raw query string (str or bytes) into a validated ChartSpec."""
    pairs = split_query(query_string, max_length=limits.max_query_length, max_params=limits.max_params)
    return parse_params(unique_params(pairs, PARAMS), limits=limits)


def to_params(spec):
    """The canonical (name, text) pairs for a spec: fixed order, defaults left out."""
    pairs = []
    defaults = replace(_DEFAULTS, type=spec.type, width=0, height=0)
    for field in fields(ChartSpec):
        value = getattr(spec, field)
        default = getattr(defaults, field)
        name = _PARAM_OF.get(field, field)
        if name == "type" or (name == "data" and spec.type not in CODE_TYPES) or value != default:
            pairs.append((name, PARAMS[name].write(value)))
    return pairs


_SAFE = ",-._~:!*'()"
# urllib.parse.quote(text, safe=_SAFE), without importing urllib (~3 ms per CGI process).
_QUOTED = [
    chr(b) if chr(b).isascii() and (chr(b).isalnum() or chr(b) in _SAFE) else f"%{b:02X}" for b in range(256)
]


def quote(text):
    """Percent-encode ``text`` as UTF-8, keeping letters, digits and ``_SAFE``."""
    return "".join(map(_QUOTED.__getitem__, text.encode("utf-8")))


def to_query(spec):
    """The canonical query string: ``parse(to_query(s)) == s`` for every valid spec."""
    return "&".join(f"{name}={quote(text)}" for name, text in to_params(spec))


def make(*, limits=DEFAULT_LIMITS, **options):
    """Build a validated spec from Python values (the API's constructor).

    Accepts lists for ``data``/``labels``/``legend``/``colors`` and numbers
    for numbers; goes through the same readers as the URL so both paths
    enforce the same rules.
    """
    kwargs = {}
    for name, value in options.items():
        name = _PARAM_OF.get(name, name)  # from_ (a Python keyword otherwise) is the URL's from
        if name not in PARAMS:
            raise SpecError(name, f"unknown option; accepted: {', '.join(PARAMS)}")
        if name == "data" and not isinstance(value, str):
            kwargs[name] = _python_series(value, limits)
        elif name == "times":
            kwargs[name] = timeparams.python_times(value, limits)
        elif name in ("start", "from", "until") and not isinstance(value, str):
            kwargs[name] = timeparams.python_value(name, value, limits)
        else:
            kwargs[name] = PARAMS[name].read(_to_text(name, value), limits)
    return _checked_spec(kwargs, limits)


def _plain(value):
    """NumPy arrays, pandas Series and other sequences of numbers as (nested) lists; anything else as is."""
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        value = value.tolist()  # NumPy arrays and scalars, pandas Series
    if isinstance(value, (str, bytes, dict)) or not hasattr(value, "__iter__"):
        return value
    return [_plain(v) for v in value]


def _python_series(value, limits):
    """Lists of numbers -> the series the URL text would give, without writing and re-reading text.

    Takes lists, tuples, NumPy arrays (1-D: one series; 2-D: one per row) and any iterable of
    numbers; a series of (x, y) pairs is a scatter series.
    """
    value = _plain(value)
    if not isinstance(value, list):
        raise SpecError("data", f"must be a list of numbers or of series, got {shown_python(value)}")
    if value and not isinstance(value[0], list):
        value = [value]
    if value and value[0] and isinstance(value[0][0], list):
        value = [[c for pair in s for c in (pair if isinstance(pair, list) else [pair])] for s in value]  # scatter
    if not value:
        value = [[None]]  # as the empty text reads
    return _checked_series(([None] if not s else s for s in value), len(value), limits, _python_number)


def _python_number(value):
    """A Python number (or None) as the URL reader would give it: finite, within +-1e15.

    Anything numbers.Real or with ``__float__`` (NumPy scalars, Decimal, Fraction) is a number;
    None and NaN are gaps, as pandas and matplotlib read them.
    """
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        if abs(value) > values.MAX_MAGNITUDE:
            raise SpecError("data", f"must be between -1e15 and 1e15, got {shown_python(value)}")
        return float(value)
    number = _as_float(value)
    if number is None:
        raise SpecError("data", f"must be numbers or None, got {shown_python(value)}")
    if number != number:  # NaN: a gap
        return None
    if not abs(number) <= values.MAX_MAGNITUDE:  # inf is over (NaN was a gap above): no math import
        raise SpecError("data", f"must be between -1e15 and 1e15, got {shown_python(value)}")
    return number + 0.0  # -0.0 reads as 0, as its text does


def _as_float(value):
    """``float(value)`` for a real number of any numeric type (not bool, str or complex), else None."""
    if isinstance(value, (bool, str, bytes, complex)) or not hasattr(value, "__float__"):
        return None
    try:
        return float(value)
    except (TypeError, ValueError, OverflowError):
        return None


def shown_python(value, limit=40):
    """A Python value for an error message as Python writes it (``'1'`` is a string, ``1`` a number)."""
    text = repr(value)
    return text[:limit] + "…" if len(text) > limit else text


def _to_text(name, value):
    """Python value -> the URL text the reader expects."""
    if isinstance(value, bool):
        return "1" if value else "0"
    value = _plain(value)
    if isinstance(value, (int, float)) or _as_float(value) is not None:
        return _api_number(name, value)
    if isinstance(value, (list, tuple)):
        if name == "pointcolors":
            return ",".join("|".join(c.lstrip("#") for c in ([s] if isinstance(s, str) else s)) for s in value)
        if name in ("labels", "legend"):
            return join_list(_api_text(v) for v in value)
        sep = "," if name in ("colors", "markers") else "|"
        return sep.join(str(v).lstrip("#") if name == "colors" else _api_text(v) for v in value)
    if name in ("background",) and isinstance(value, str):
        return value.lstrip("#")
    return str(value)


def _api_number(name, value):
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    number = _as_float(value)
    if number is None or not abs(number) <= values.MAX_MAGNITUDE:  # NaN compares false, inf is over
        raise SpecError(name, f"must be a number between -1e15 and 1e15, got {shown_python(value)}")
    return values.format_number(number)


def _api_text(value):
    """A label from Python: text as is, numbers as the URL writes them (``1.0`` is ``1``)."""
    if isinstance(value, str):
        return value
    import math  # the Python API only: not imported on a CGI request

    number = _as_float(value)
    return values.format_number(number) if number is not None and math.isfinite(number) else str(value)
