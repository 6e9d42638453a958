"""What of Google Image Charts dyngraph draws: the support table, as data.

docs/google.md is generated from (and checked against) this table by
tests/test_google_compat.py, and the mapping reads it to report parameters
it does not draw. Levels: ``supported`` (drawn as Google drew it),
``partial`` (drawn, with differences the validate report names), ``not``
(ignored and reported in ``X-Dyngraph-Unsupported``).
"""

SUPPORTED, PARTIAL, NOT = "supported", "partial", "not"

# cht value -> (level, how it is drawn)
CHART_TYPES = {
    "lc": (SUPPORTED, "line chart (native `line`), no grid unless `chg`"),
    "lc:nda": (SUPPORTED, "line chart without default axes"),
    "ls": (SUPPORTED, "sparkline (native `sparkline`)"),
    "lxy": (PARTIAL, "x,y line pairs; a series whose x is a single `-1`/`_` is evenly spaced and drawn as a "
                     "line; explicit x values are drawn as points (native `scatter`), not joined"),
    "bvs": (SUPPORTED, "vertical stacked bars (native `bar`, `stacked=1`)"),
    "bvg": (SUPPORTED, "vertical grouped bars (native `bar`)"),
    "bhs": (SUPPORTED, "horizontal stacked bars (native `hbar`, `stacked=1`)"),
    "bhg": (SUPPORTED, "horizontal grouped bars (native `hbar`)"),
    "bvo": (PARTIAL, "overlapped bars drawn as the stacked bars that look the same: each category's visible "
                     "bands are computed and stacked in reverse series order (negative values: partial)"),
    "p": (SUPPORTED, "pie (native `pie`); further series are ignored, as Google did"),
    "p3": (PARTIAL, "pie drawn flat: dyngraph has no 3-D tilt or rim"),
    "pc": (PARTIAL, "concentric pie: only the first (inner) series is drawn"),
    "s": (PARTIAL, "scatter (native `scatter`): x|y series; the optional size series is ignored"),
    "qr": (SUPPORTED, "QR code via segno (native `qr`): `chl` text, `choe`, `chld` level|margin"),
}

# Chart types Google had that dyngraph does not draw (400 naming cht).
UNSUPPORTED_TYPES = ("v", "r", "rs", "t", "map", "gom", "gv", "lfi", "bvo3", "y", "tx", "d")

# parameter -> (level, note)
PARAMETERS = {
    "cht": (SUPPORTED, "chart type; see the chart type table"),
    "chs": (SUPPORTED, "`<width>x<height>`; Google's limits: 1,000 px a side, 300,000 px in all (configurable)"),
    "chd": (SUPPORTED, "`t:`, `t<N>:`, `s:`, `e:` with missing values `_`/`__` and below-range text values"),
    "chds": (SUPPORTED, "min,max pairs per series (last pair reused) or `a`; ignored for `s:`/`e:` as Google did"),
    "chco": (PARTIAL, "`,` between series; `|` per slice for pies; `|` per bar/point is drawn with the "
                      "series' first colour"),
    "chf": (PARTIAL, "`bg,s` background and `b<n>,s` bar series colours are drawn; `c` (chart area), `a` "
                     "(transparency), gradients `lg` and stripes `ls` are reported"),
    "chtt": (PARTIAL, "title, `+` as space; `|` line breaks are drawn as spaces"),
    "chts": (NOT, "title colour and size"),
    "chdl": (SUPPORTED, "legend names (slice names for pies when there is no `chl`)"),
    "chdlp": (PARTIAL, "`b`, `t`, `r` (and their `v`/`s` variants); `l` is drawn at the right"),
    "chdls": (NOT, "legend colour and size"),
    "chl": (SUPPORTED, "pie slice labels; QR text"),
    "chxt": (PARTIAL, "x-axis labels from `chxl` when there is one per point; value-axis ticks are "
                      "dyngraph's nice steps over the chxr/default range"),
    "chxl": (PARTIAL, "category labels (one per point/bar); blocks for axes not in chxt are ignored, as Google did"),
    "chxr": (PARTIAL, "sets the value axis range when the data starts at zero"),
    "chxp": (NOT, "axis label positions"),
    "chxs": (NOT, "axis styles"),
    "chxtc": (NOT, "tick mark length"),
    "chg": (PARTIAL, "turns the grid on; steps, dashes and offsets are dyngraph's"),
    "chls": (PARTIAL, "the first series' thickness is the line width; dashes are not drawn"),
    "chbh": (NOT, "bar width and gaps"),
    "chm": (NOT, "markers, fills, value labels, lines and ranges"),
    "chma": (NOT, "chart margins"),
    "chp": (NOT, "pie rotation / bar zero line"),
    "chof": (SUPPORTED, "`png` (default), `gif`, `validate` (a text report of how each parameter was read)"),
    "choe": (SUPPORTED, "QR output encoding: UTF-8, ISO-8859-1, Shift_JIS"),
    "chld": (SUPPORTED, "QR error correction `L|M|Q|H` and margin in modules (`chld=M|2`)"),
    "chfd": (NOT, "data functions"),
    "chem": (NOT, "dynamic icons"),
    "chst": (NOT, "dynamic icons"),
    "chli": (NOT, "Google-o-meter labels"),
    "chdlm": (NOT, "legend margins"),
    "chxlg": (NOT, "axis label gaps"),
    "callback": (NOT, "JSON output"),
}


def level(name):
    """The support level of a Google parameter (unknown names are ``not``)."""
    return PARAMETERS.get(name, (NOT, "unknown parameter"))[0]


def markdown_table():
    """The compatibility tables as Markdown, for docs/google.md."""
    lines = ["| `cht` | support | how it is drawn |", "|---|---|---|"]
    lines += [f"| `{name}` | {lvl} | {note} |" for name, (lvl, note) in CHART_TYPES.items()]
    lines.append(f"| {', '.join(f'`{t}`' for t in UNSUPPORTED_TYPES)} | {NOT} | 400 naming `cht` |")
    lines += ["", "| parameter | support | notes |", "|---|---|---|"]
    lines += [f"| `{name}` | {lvl} | {note} |" for name, (lvl, note) in PARAMETERS.items()]
    return "\n".join(lines) + "\n"
