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
    "lxy": (SUPPORTED, "x,y line pairs (native `scatter` with `lines=1`), each series scaled by its `chds`; "
                       "an x series that is a single `-1`/`_` is evenly spaced"),
    "bvs": (SUPPORTED, "vertical stacked bars (native `bar`, `stacked=1`)"),
    "bvg": (SUPPORTED, "vertical grouped bars (native `bar`)"),
    "bhs": (SUPPORTED, "horizontal stacked bars (native `hbar`, `stacked=1`)"),
    "bhg": (SUPPORTED, "horizontal grouped bars (native `hbar`)"),
    "bvo": (PARTIAL, "overlapped bars drawn as the stacked bars that look the same: each category's visible "
                     "bands are computed and stacked in reverse series order (negative values: partial)"),
    "p": (SUPPORTED, "pie (native `pie`); further series are ignored, as Google did"),
    "p3": (SUPPORTED, "3-D pie (native `depth`): the top squashed into an ellipse half as high as wide, over a "
                      "rim 8 % of the image height deep in darker slice colours, seen from the front"),
    "pc": (SUPPORTED, "concentric pie (native `pie` with several series): the first series innermost, each "
                      "further one a ring around it; `,` colour groups per ring (native `pointcolors`)"),
    "s": (SUPPORTED, "scatter (native `scatter`): x|y series on their `chds` ranges; the third series sets point "
                     "sizes (native `sizes`)"),
    "r": (SUPPORTED, "radar (native `radar`): one spoke per value, clockwise from 12 o'clock; a series whose last "
                     "value repeats its first is a closed outline; `chxl` x labels at the spokes; `chm=B` fills "
                     "(Google's filled radar) and shapes on the points"),
    "rs": (PARTIAL, "radar with splines: drawn as `r`, with straight segments"),
    "qr": (SUPPORTED, "QR code via segno (native `qr`): `chl` text, `choe`, `chld` level|margin"),
}

# Chart types Google had that dyngraph does not draw (400 naming cht).
UNSUPPORTED_TYPES = ("v", "t", "map", "gom", "gv", "lfi", "bvo3", "y", "tx", "d")

# parameter -> (level, note)
PARAMETERS = {
    "cht": (SUPPORTED, "chart type; see the chart type table"),
    "chs": (SUPPORTED, "`<width>x<height>`; Google's limits: 1,000 px a side, 300,000 px in all (configurable)"),
    "chd": (SUPPORTED, "`t:`, `t<N>:`, `s:`, `e:` with missing values `_`/`__` and below-range text values; "
                       "the series after the first N of `t<N>:` are marker data for `chm` (native `hidden`; on "
                       "pies, scatter and `lxy` charts they are reported)"),
    "chds": (SUPPORTED, "min,max pairs per series (last pair reused) or `a`; ignored for `s:`/`e:` as Google did"),
    "chco": (SUPPORTED, "`,` between series; `|` per element (native `pointcolors`, cycled): per bar, per "
                        "scatter point, per slice for pies, and per segment on `lc` and `lxy` lines and `ls` "
                        "sparklines (each segment in the colour of the point it ends at, as Google drew)"),
    "chf": (SUPPORTED, "`bg` and `c` (chart area) solid, gradient `lg` and stripes `ls` (native `bgfill`, "
                       "`plotfill`), `b<n>,s` bar series colours, `a,s,<rrggbbaa>` transparency of the whole "
                       "image (native `opacity`, a PNG with alpha)"),
    "chtt": (SUPPORTED, "title, `+` as space; `|` line breaks (native `title` with `|`)"),
    "chts": (SUPPORTED, "title colour, size and alignment `l`/`c`/`r` (native `titlecolor`, `titlesize`, "
                        "`titlealign`)"),
    "chdl": (SUPPORTED, "legend names (slice names for pies when there is no `chl`)"),
    "chdlp": (SUPPORTED, "`b`, `t`, `r`, `l` (native `legendpos`; never over the plot) and their `s` variants; "
                         "`bv`/`tv` as one column (native `legendcolumn`); label order `l`, `r`, `a` (shortest "
                         "first in 10 px steps, Google's default for `b`/`t`) or indices such as `2,0,1` (only "
                         "those shown) (native `legendorder`)"),
    "chdls": (SUPPORTED, "legend text colour and size (native `legendcolor`, `legendsize`)"),
    "chl": (SUPPORTED, "pie slice labels; QR text"),
    "chxt": (SUPPORTED, "axes x, y, r, t, repeatable, in order (native `axes`); without it no axis labels, as "
                        "Google drew"),
    "chxl": (SUPPORTED, "labels per axis (native `axislabels`), spread evenly or centred on the bars/points when "
                        "there is one per category; blocks for axes not in chxt are ignored, as Google did"),
    "chxr": (SUPPORTED, "range and step per axis (native `axisranges`); axes without labels or range show "
                        "Google's 0-100"),
    "chxp": (SUPPORTED, "label positions in the axis' range (native `axispositions`)"),
    "chxs": (SUPPORTED, "number formats for numeric labels after the axis index (`0N*f1*`, `1N*p*`, `0N*cUSD*`, "
                        "as for chm N), label colour, size, alignment, axis line/ticks `l`/`t`/`lt`/`_`, tick and "
                        "axis line colours (native `axisstyles`)"),
    "chxtc": (SUPPORTED, "tick lengths per axis, cycled over its ticks; negative ones point into the plot and long "
                         "ones cross it like grid lines; at most 25 px outwards as Google allowed (native "
                         "`ticklengths`)"),
    "chg": (SUPPORTED, "x and y steps in percent, dashes and offsets (native `gridlines`)"),
    "chls": (SUPPORTED, "thickness and dashes per series (native `linestyles`)"),
    "chbh": (SUPPORTED, "bar width in pixels, `a` (sized to fit) or `r` (relative), and gaps (native "
                        "`barwidth`); without chbh Google's default 23 px bars, 4 px apart and 8 px between groups, "
                        "narrowed to fit where Google cropped them (native `barwidth=a,4,8,23`)"),
    "chm": (PARTIAL, "drawn (native `marks`): shapes `o s d c x`, text `t`, value labels `N` with number formats "
                     "(`N*f2*`, `p`, `e`, `cUSD`, `z`, `s`, text before and after), arrows `a`, lines `h`, `v`, "
                     "`V` and `D`, ranges `r`/`R`, fills `B`/`b`, `@` x:y positions and fractional point positions "
                     "(`1.5`: halfway between points 1 and 2, values interpolated), error bars `E` (a series and "
                     "the next are the two ends; of `<width>:<centre width>` only the width is used) and "
                     "candlesticks `F` (four series from the one named: low, open, close, high; filled when "
                     "falling, hollow when rising), usually on marker data from `t<N>:` (native `hidden`); any "
                     "marker may use marker data on line, bar and sparkline charts (e.g. a `D` tracking line over "
                     "bars); points relative to another series (`@` in `which`) are reported"),
    "chma": (SUPPORTED, "margins around the chart (native `margins`); the legend size part is dyngraph's"),
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
