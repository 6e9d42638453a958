"""What of QuickChart (Chart.js configs in ``c=``) dyngraph draws: the support table, as data.

docs/quickchart.md is generated from (and checked against) this table by
tests/test_quickchart_compat.py. Levels: ``supported`` (drawn as QuickChart
draws it), ``partial`` (drawn, with differences the validate report and
``X-Dyngraph-Unsupported`` name), ``not`` (not drawn, and named there).
Keys not listed are ``not``: every key the mapping does not read is reported.
"""

SUPPORTED, PARTIAL, NOT = "supported", "partial", "not"

# Chart.js / QuickChart type -> (level, how it is drawn)
CHART_TYPES = {
    "bar": (SUPPORTED, "native `bar`; `indexAxis: 'y'` (v3) makes it horizontal"),
    "horizontalBar": (SUPPORTED, "native `hbar`"),
    "line": (SUPPORTED, "native `line`; filled datasets get a fill under their line (native `marks` B), stacked "
                        "filled lines a native stacked `area`"),
    "pie": (SUPPORTED, "native `pie`; several datasets as rings, the first innermost"),
    "doughnut": (SUPPORTED, "native `donut` (`donut` accepted too, as QuickChart); several datasets: rings of a pie "
                            "(partial)"),
    "scatter": (SUPPORTED, "native `scatter`; `showLine` joins the points (native `lines`)"),
    "radar": (SUPPORTED, "native `radar`: spokes clockwise from 12 o'clock, filled in Chart.js 2 (native `marks` B), "
                         "the radial scale from the data's nice floor unless `beginAtZero`"),
    "sparkline": (SUPPORTED, "QuickChart's preset: native `sparkline`, 1 px lines, filled in Chart.js 2"),
    "progressBar": (PARTIAL, "QuickChart's preset: native stacked `hbar` of the value and the rest of the total "
                             "(second dataset, default 100), the value (with % out of 100) in the middle of the bar; "
                             "the remainder has no outline"),
    "polarArea": (PARTIAL, "drawn as a pie: slices sized by value instead of equal angles with radii by value"),
    "bubble": (PARTIAL, "drawn as a scatter chart, the first dataset's `r` as relative point sizes"),
    "outlabeledPie": (PARTIAL, "drawn as a pie without the outside labels"),
    "outlabeledDoughnut": (PARTIAL, "drawn as a doughnut without the outside labels"),
}

# Types QuickChart draws through plugins dyngraph does not have: 400 naming `type`.
UNSUPPORTED_TYPES = ("radialGauge", "boxplot", "horizontalBoxplot", "violin", "horizontalViolin", "sankey",
                     "funnel", "gauge", "wordcloud", "financial", "candlestick", "ohlc", "treemap", "matrix")

# URL parameter -> (level, note)
PARAMETERS = {
    "c / chart": (SUPPORTED, "the Chart.js config: JSON or a JavaScript object literal (unquoted keys, single or "
                             "double quotes with escapes, trailing commas, comments, `undefined`, `.5`, `-1e3`, "
                             "`0x1F`), parsed and never run; at most 32 levels deep"),
    "w / width": (SUPPORTED, "default 500 (CSS pixels)"),
    "h / height": (SUPPORTED, "default 300"),
    "devicePixelRatio": (SUPPORTED, "default 2: the image is w x dpr by h x dpr, laid out as at 1x (native `scale`); "
                                    "ratios are rounded to 1, 2 or 3 (partial otherwise), and lowered to the largest "
                                    "that fits the pixel limits instead of refusing"),
    "f / format": (SUPPORTED, "`png` (default), `webp`, `jpg`; `svg` and `pdf` are a 400 naming what is accepted"),
    "bkg / backgroundColor": (SUPPORTED, "any CSS colour; default transparent (white for JPEG)"),
    "v / version": (SUPPORTED, "Chart.js 2 (default), 3 or 4: which defaults apply (Chart.js 2 fills lines and radars; "
                               "the palette); both option shapes are read either way"),
    "encoding": (SUPPORTED, "`url` (default) or `base64`"),
    "key": (NOT, "QuickChart account keys: ignored"),
    "dyngraph": (SUPPORTED, "`validate`: a text report of how every key path was read, instead of the image"),
}

# Config key path -> (level, note)
KEYS = {
    "type": (SUPPORTED, "see the chart type table"),
    "data.labels": (SUPPORTED, "category labels (spokes for radar, slices for pies); numbers and arrays (lines "
                               "joined by spaces) as Chart.js shows them; values beyond the labels are dropped"),
    "data.datasets[].data": (SUPPORTED, "numbers, numeric strings, `null`/`undefined` gaps, `{x, y}` points (`r` for "
                                        "bubbles); anything else is a 400 naming the key path"),
    "data.datasets[].label": (SUPPORTED, "legend names"),
    "data.datasets[].backgroundColor": (SUPPORTED, "hex, `rgb()`, `rgba()`, `hsl()`, CSS names, `transparent`; "
                                                   "arrays per bar or slice (native `pointcolors`/`colors`); a "
                                                   "gradient or pattern function is not run: the default colour"),
    "data.datasets[].borderColor": (SUPPORTED, "line, radar and scatter colour; bar and slice borders are not drawn"),
    "data.datasets[].borderWidth": (PARTIAL, "line width (native `linewidth`/`linestyles`); bar borders not drawn"),
    "data.datasets[].fill": (PARTIAL, "`true`, `'origin'`, `'start'` fill to the x axis (native `marks` B); other "
                                      "targets (`'-1'`, `'end'`, numbers) drawn the same way"),
    "data.datasets[].type": (SUPPORTED, "`line` datasets in a bar chart are drawn through the bars (native hidden "
                                        "series with `marks` D and o); not listed in the legend (partial)"),
    "data.datasets[].stack": (PARTIAL, "with stacked axes all datasets form one stack"),
    "data.datasets[].hidden": (SUPPORTED, "not drawn, as Chart.js"),
    "data.datasets[].pointRadius": (SUPPORTED, "0 hides the points; else dots of that radius (native `marks` o)"),
    "data.datasets[].showLine": (SUPPORTED, "scatter: points joined (native `lines`)"),
    "data.datasets[].lineTension / tension": (SUPPORTED, "curved lines (native `smooth`, Chart.js's spline); "
                                                          "QuickChart draws Chart.js 2 lines straight unless a "
                                                          "dataset sets `lineTension`; one tension for all lines "
                                                          "(partial when they differ); sparklines and radars straight"),
    "data.datasets[].borderDash": (PARTIAL, "drawn solid"),
    "data.datasets[].spanGaps": (PARTIAL, "gaps are left open"),
    "options.title / options.plugins.title": (SUPPORTED, "drawn only with `display: true`, as Chart.js; `text` "
                                                         "(arrays as lines), `fontSize`/`font.size`, "
                                                         "`fontColor`/`color`; positions other than top: partial"),
    "options.legend / options.plugins.legend": (SUPPORTED, "`display`, `position` top (default), bottom, left, right; "
                                                           "`align` and `labels`: partial"),
    "options.scales (v2 xAxes/yAxes, v3 x/y)": (SUPPORTED, "`stacked`, `min`/`max`, `ticks.min`/`max`, "
                                                           "`suggestedMin`/`Max`, `beginAtZero`, `display` (native "
                                                           "`axes`), `gridLines`/`grid.display`; "
                                                           "only the first axis of each direction"),
    "options.scale / options.scales.r": (SUPPORTED, "radar: `min`, `max`, `beginAtZero`, grid display"),
    "options.indexAxis": (SUPPORTED, "`'y'`: horizontal bars"),
    "options.elements.line / .point": (SUPPORTED, "`fill`, `borderWidth`, point `radius` defaults"),
    "options.plugins.datalabels": (PARTIAL, "value labels on every point or bar (native `marks` N) with `color` and "
                                            "`font.size`; `anchor`, `align`, `formatter` not applied; pies show "
                                            "each slice's value, as QuickChart's default (native `slicelabels`)"),
    "options.responsive, maintainAspectRatio, animation, tooltips, hover, events, plugins.tooltip":
        (SUPPORTED, "no effect on a still image: read and ignored"),
    "functions, arrows, calls (`getGradientFillHelper(…)`), variables": (NOT, "never run: the option takes its "
                                                                              "default and its key path is named"),
    "any other key": (NOT, "named in `X-Dyngraph-Unsupported` and the validate report"),
}


def markdown_table():
    """The compatibility tables as Markdown, for docs/quickchart.md."""
    lines = ["| `type` | support | how it is drawn |", "|---|---|---|"]
    lines += [f"| `{name}` | {lvl} | {note} |" for name, (lvl, note) in CHART_TYPES.items()]
    lines.append(f"| {', '.join(f'`{t}`' for t in UNSUPPORTED_TYPES)} | {NOT} | 400 naming `type` |")
    lines += ["", "| URL parameter | support | notes |", "|---|---|---|"]
    lines += [f"| `{name}` | {lvl} | {note} |" for name, (lvl, note) in PARAMETERS.items()]
    lines += ["", "| config key | support | notes |", "|---|---|---|"]
    lines += [f"| `{name}` | {lvl} | {note} |" for name, (lvl, note) in KEYS.items()]
    return "\n".join(lines) + "\n"
