"""Regenerate docs/api.md, docs/compare.md and the pictures in docs/img/ (``make docs``).

    .venv/bin/python docs/make_images.py

docs/api.md is written from ``dyngraph.spec.PARAMS``, so the reference cannot
drift from the parser (a test checks it is current). docs/compare.md puts our
line, bar and pie charts beside matplotlib's (Agg, default style) for the
same data, with the PNG sizes and drawing times measured in this run.
"""

import io
import statistics
import sys
import time
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent / "lib"))

from dyngraph.gallery import examples  # noqa: E402
from dyngraph.spec import CHART_TYPES, PARAMS, ChartSpec, to_query  # noqa: E402
from dyngraph.timeparams import FIELDS  # noqa: E402

IMG = DOCS / "img"
API_INTRO = """\
# The URL API

`get_graph.py` draws the chart its query string describes:

    get_graph.py?type=line&data=1,5,3|2,4,6&labels=Mon|Tue|Wed&legend=Sales|Costs&title=Week&format=png

Parameters may come in any order; each may appear once. An unknown, repeated
or invalid parameter gets HTTP 400 and a one-line message naming it (drawn as
a small image when the request accepts images). Limits on sizes and counts
are listed in [security.md](security.md).

For HiDPI (2×) screens, `scale=2` draws the same chart, laid out exactly as at
1×, with twice the pixels each way; keep the 1× `width` and `height` on the tag:

    <img src="get_graph.py?data=1,5,3" srcset="get_graph.py?data=1,5,3 1x, get_graph.py?data=1,5,3&scale=2 2x"
         width="480" height="240" alt="…">

`img_tag()` writes that `srcset` for you. To make an embedded chart fluid (on a
phone a 480 px chart must shrink to the screen), keep the `width` and `height`
attributes, which reserve the box and give the aspect ratio, and let CSS shrink
it: `img_tag(spec, responsive=True)` adds `style="max-width:100%;height:auto"`,
or put `img{max-width:100%;height:auto}` in your stylesheet. Text in the chart
shrinks with it, so on narrow screens prefer a smaller `width` with `scale=2`
(or `3`) over a wide chart scaled down.

*This file is generated from `dyngraph.spec.PARAMS` by `docs/make_images.py`
(`make docs`); edit the parameter docs there.*

## Layout as JSON

`format=json` answers, instead of the image, what the renderer laid out for
it: the same drawing, read back, so it cannot drift from the pixels. Use it
to place HTML over a chart (tooltips, links, an image map), or in tests.

    get_graph.py?type=line&data=3,5,,4&labels=Mon|Tue|Wed|Thu&title=Week&format=json

```json
{"width": 480, "height": 240,
 "plot": {"left": 29, "top": 37, "right": 472, "bottom": 212},
 "texts": [{"role": "title", "text": "Week", "box": [222, 11, 259, 22]},
           {"role": "ytick", "text": "3", "box": [17, 208, 23, 216]}, …,
           {"role": "xtick", "text": "Thu", "box": [452, 221, 474, 229]}],
 "series": [{"name": "", "colour": "0072b2",
             "points": [[37.86, 212], [179.62, 37], null, [463.14, 124.5]]}]}
```

- All positions are image pixels, from the top-left corner (with `scale=2`,
  pixels of the 2x image: everything doubles); `box` is
  `[left, top, right, bottom]` around the text's ink, whole pixels.
- `role` says what a text is: `title`, `legend` (legend entries), `xtick` and
  `ytick` (tick and category labels along the horizontal and the vertical
  axis), `axis` (labels of listed `axes`), `value` (value labels of `marks`
  `N`), `label` (pie percentages, `t` text marks, "No data").
- `series`: one entry per series, with its legend name (or `""`), its colour
  as `rrggbb` and one point per value: where it is drawn (a line's vertex, the
  end of a bar, a scatter dot, a stacked area's top), `null` for a gap.
  Pie and donut: one entry per slice (ring after ring), named by its label,
  with one point, the slice's middle: on its bisector, halfway between its
  inner and outer radius (`null` for a slice of zero). Bar and hbar series
  also have `boxes`: each bar's rectangle `[left, top, right, bottom]`
  (`null` for a gap), which `img_tag(spec, map=True)` turns into an image map.
- A series drawn in a colour you gave (`colors`, `pointcolors`) also has
  `given`: the colour asked for; `colour` is the one drawn (they differ when
  it did not read on the background, see "Colours and contrast" below), and
  `colours` lists every colour you gave that was not drawn as given:
  `{"param", "index", "given", "drawn", "minimum"}`.
- A text drawn with a halo (over a gradient no single ink reads on) also has
  `ink` and `halo`, both `rrggbb`.
- `plot` is the plot box (pie: the pie's bounding box; sparkline: the line's box).
- Same rules as the images: the same ETag/304 caching, signing and limits; a
  bad request gets a text 400 (never an image). `type=qr` has no layout (400).

## Words and data: `format=txt` and `format=csv`

The same chart URL with `format=txt` answers the chart described in words
(`text/plain`, UTF-8): the title, then per series every value, its lowest and
highest, and its trend. `img_tag()` puts the short form (at most 250
characters) in `alt`; `figure()` puts it in a `<figcaption>` beside a data table.

    Bar chart: Profit.
    2025: Q1 = 5, Q2 = -3, Q3 = 8, Q4 = 12. Lowest -3 (Q2), highest 12 (Q4).

`format=csv` answers the data (`text/csv`, UTF-8, CRLF): a header row of
series names, then one row per label, time (ISO 8601 with its offset) or
point; scatter charts get an x and a y column per series, pies a row per
slice. Numbers are written exactly, a gap is an empty cell, and a text cell
starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`,
so a spreadsheet never runs it as a formula.

    Label,2025,2026
    Q1,5,7

Both follow the images' rules: ETag/304, signing (`format` is part of what is
signed), limits, and text 400s; neither loads Pillow. The chart's other
parameters stay valid (and checked) with `format=json`, `txt` and `csv`, so one
URL gives the picture and its data; only `quality`, which no data format reads,
is a 400 there.

## Nothing silently ignored

A parameter that means nothing for the chart type is a 400 naming the types it
applies to (`depth` is for pie; `axes` for line, area, bar, hbar and scatter),
as is one that acts only with another given alone (`titlecolor` without a
`title`, `axislabels` without `axes`) and, on a time axis, what the times
replace (`labels`, `barwidth`). The table below says where each applies. The
Google and QuickChart readers instead drop what their originals ignored, so
their URLs draw as before.

## Colours and contrast

Inks (text, ticks, axis and grid lines) and the palette are chosen by WCAG
contrast against the colours actually under them: the background, the plot
fill, every colour of a gradient. Colours you give follow one rule: **a
colour you gave comes out exactly when it has its minimum contrast against
what is under it; otherwise it is drawn as the nearest variant that has** (the
same hue, darkened or lightened as little as reaches it), and that is said,
never silent. The minimums:

| colour | against | minimum |
|---|---|---|
| series: `colors`, `pointcolors` (Google `chco`, QuickChart dataset colours) | the background and plot fill | 3:1 |
| text: `titlecolor`, `legendcolor`, the label colour of `axisstyles` (Google `chts`, `chdls`, `chxs`) | the background | 4.5:1 (a replacement aims at 6:1, so the antialiased glyphs keep 4.5:1) |
| axis tick and line colours of `axisstyles` | the background | 1.5:1 |

Grounds are always exact: `background`, `bgfill`, `plotfill`, translucent
colours (`rrggbbaa`, drawn over what is under them) and `marks` (drawn on the
series). So `colors=ffcc00` on white is drawn as `b59000` (3.0:1), the legend
swatch and the `format=json` layout show that drawn colour (the layout also
the given one), and the image's `X-Dyngraph-Unsupported` header says
`colours (colors 0: ffcc00 drawn as b59000 (3:1 against the background))`, as does the layout's `notes`
(the index is the colour's position, from 0). Where no variant can reach the
minimum against every colour of a wide gradient, the colour is drawn as given
and the header says so.

Filled shapes are the exception to "drawn as the nearest variant": a bar's,
an hbar's or a pie or donut slice's colour that is too pale (or too dark) for
the background stays the fill, exactly as given, and the shape gets an edge in
the nearest variant (1 px on bars and legend keys, 1.5 px around slices), so
its outline reads at 3:1 while the chart keeps the site's colours (Google's
default pies shade down to `ffffcc`). The header then says `colours (colors 1:
ffee00 kept as the fill, edged in a29700 (3:1 against the background))` and
the layout's `colours` entry has the `edge`. Lines, dots and areas have no
inside to keep, so they are drawn in the variant.

Text over a wide gradient: each text's ink is chosen for the pixels under its
own box (light at the dark end, dark at the light end). Where no single ink
reaches 4.5:1 against every colour under a text (a title across a black-to-
white gradient, or a colour you gave), the text gets a thin halo (1 px, times
`scale`) in the opposite extreme, so each glyph reads against its own surround.
On a single-colour background no halo is ever drawn.

## Parameters

| name | what it does | default | accepted |
|---|---|---|---|
"""


def _default(name):
    value = getattr(ChartSpec(), FIELDS.get(name, name))
    if value in ((), "", None):
        return "—"
    return f"`{PARAMS[name].write(value)}`"


def _cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def _applies(name):
    """" Only for ..." / " Not for ...": the chart types a parameter applies to (a 400 elsewhere, spec.APPLIES_TO),
    and where a time axis narrows that (spec.ON_TIME_AXIS)."""
    from dyngraph.spec import APPLIES_TO, CODE_TYPES, FOR_FORMATS, NEEDS, ON_TIME_AXIS, UNUSED_WITH

    if name in FOR_FORMATS:
        return f" Only for format={', '.join(FOR_FORMATS[name])} (a 400 with another format)."
    types = APPLIES_TO.get(name)
    if not types:
        return ""
    others = [t for t in CHART_TYPES + CODE_TYPES if t not in types]
    text = f" Only for {', '.join(types)}" if len(types) <= len(others) else f" Not for {', '.join(others)}"
    text += " (a 400 for other types)." if len(types) <= len(others) else " (a 400 there)."
    if name in ON_TIME_AXIS:
        timed = ON_TIME_AXIS[name]
        text += f" On a time axis only for {', '.join(timed)}." if timed else " Not with a time axis."
    needs = NEEDS.get(name, {})
    if "*" in needs:
        others = "; ".join(f"{kind}: `{other}`" for kind, other in needs.items() if kind != "*")
        text += f" Only together with `{needs['*']}`" + (f" ({others})." if others else ".")
    elif needs:
        text += "".join(f" On {kind} only together with `{other}`." for kind, other in needs.items())
    if name in UNUSED_WITH:
        other, values = UNUSED_WITH[name]
        text += f" Not with {' or '.join(f'`{other}={v}`' for v in values)}."
    return text


def api_markdown():
    """The text of docs/api.md, from PARAMS and the gallery examples."""
    rows = [f"| `{name}` | {_cell(p.doc + _applies(name))} | {_cell(_default(name))} | {_cell(p.accepted)} |"
            for name, p in PARAMS.items()]
    parts = [API_INTRO + "\n".join(rows) + "\n", "\n## Chart types\n"]
    for kind, caption, spec in _examples_by_type():
        parts.append(f"\n### `{kind}` — {caption}\n\n![{caption}](img/{_image_name(spec, caption)})\n\n"
                     f"    get_graph.py?{to_query(spec)}\n")
    return "".join(parts)


def _examples_by_type():
    """(type, caption, spec) for each gallery example, in CHART_TYPES order."""
    found = [(spec.type, caption, spec) for caption, spec in examples() if spec.type in CHART_TYPES]
    return sorted(found, key=lambda item: CHART_TYPES.index(item[0]))


def _image_name(spec, caption):
    suffix = "-stacked" if spec.stacked and spec.type == "bar" else ""
    if spec.instants:  # over a time axis
        suffix = "-time"
    return f"{spec.type}{suffix}.png"


def type_images():
    from dyngraph.encode import encode
    from dyngraph.render import render

    for _, caption, spec in _examples_by_type():
        (IMG / _image_name(spec, caption)).write_bytes(encode(render(spec), "png"))


# --- ours beside matplotlib ---------------------------------------------------------

COMPARE = {
    "line": dict(type="line", title="Visitors per month", legend=["2025", "2026"],
                 labels=["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
                 data=[[12, 15, 14, 18, 22, 27, 30, 31, 29, 33, 36, 40], [8, 9, 11, 10, 13, 15, 17, 16, 19, 21, 20, 24]]),
    "bar": dict(type="bar", title="Profit by quarter (k EUR)", legend=["2025", "2026"], labels=["Q1", "Q2", "Q3", "Q4"],
                data=[[5, -3, 8, 12], [7, 2, -4, 9]]),
    "pie": dict(type="pie", title="Where visitors come from", labels=["Direct", "Search", "Social", "Mail", "Other"],
                data=[[45, 25, 15, 10, 5]]),
}
WIDTH, HEIGHT = 600, 300


def ours(options):
    from dyngraph.encode import encode
    from dyngraph.render import render
    from dyngraph.spec import make

    return encode(render(make(width=WIDTH, height=HEIGHT, **options)), "png")


def theirs(options):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(WIDTH / 100, HEIGHT / 100), dpi=100)
    ax = fig.add_subplot()
    data, labels, names = options["data"], options.get("labels"), options.get("legend", [])
    if options["type"] == "line":
        for series, name in zip(data, names):
            ax.plot(labels, series, label=name, linewidth=2)
        ax.grid(True)
        ax.legend()
    elif options["type"] == "bar":
        width = 0.8 / len(data)
        for index, (series, name) in enumerate(zip(data, names)):
            ax.bar([i + index * width - 0.4 + width / 2 for i in range(len(series))], series, width, label=name)
        ax.set_xticks(range(len(labels)), labels)
        ax.axhline(0, color="black", linewidth=0.8)
        ax.grid(True, axis="y")
        ax.legend()
    else:
        ax.pie(data[0], labels=labels, autopct="%1.0f%%", startangle=90, counterclock=False)
    ax.set_title(options["title"])
    out = io.BytesIO()
    fig.savefig(out, format="png")
    plt.close(fig)
    return out.getvalue()


def _median_ms(draw, options, runs=15):
    draw(options)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        draw(options)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def compare_markdown():
    rows = []
    for kind, options in COMPARE.items():
        mine, other = ours(options), theirs(options)
        (IMG / f"compare-{kind}-dyngraph.png").write_bytes(mine)
        (IMG / f"compare-{kind}-matplotlib.png").write_bytes(other)
        rows.append((kind, len(mine), len(other), _median_ms(ours, options), _median_ms(theirs, options)))
    lines = [
        "# dyngraph beside matplotlib",
        "",
        f"The same data drawn {WIDTH}×{HEIGHT} as PNG by dyngraph (left) and by matplotlib's Agg backend with its",
        "default style (right). Regenerate with `make docs` (`docs/make_images.py`); figures below are from the",
        "last run (in process, render + encode, median of 15; the machine is shared, so compare ratios).",
        "",
        "| chart | dyngraph PNG | matplotlib PNG | bytes ratio | dyngraph ms | matplotlib ms | speed-up |",
        "|---|---|---|---|---|---|---|",
    ]
    for kind, mine, other, my_ms, other_ms in rows:
        lines.append(f"| {kind} | {mine:,} B | {other:,} B | {mine / other:.2f} | {my_ms:.1f} | {other_ms:.1f} "
                     f"| {other_ms / my_ms:.1f}× |")
    lines.append("")
    for kind in COMPARE:
        lines += [f"## {kind}", "", f"![dyngraph {kind}](img/compare-{kind}-dyngraph.png) "
                  f"![matplotlib {kind}](img/compare-{kind}-matplotlib.png)", ""]
    lines += [
        "What differs by design: dyngraph keeps the legend beside the plot (matplotlib's may cover data),",
        "uses a colour-blind-safe palette (Okabe–Ito), light horizontal grid lines only, a zero line when the",
        "range crosses zero, short numbers (`1.5k`, `2M`), and palette PNGs (a few hundred colours are enough",
        "for an antialiased chart), which is why its files are several times smaller.",
        "",
    ]
    return "\n".join(lines)


def main():
    IMG.mkdir(exist_ok=True)
    (DOCS / "api.md").write_text(api_markdown(), encoding="utf-8")
    type_images()
    (DOCS / "compare.md").write_text(compare_markdown(), encoding="utf-8")
    sys.path.insert(0, str(DOCS))
    import make_time_images

    make_time_images.write(IMG)
    print("wrote docs/api.md, docs/compare.md and docs/img/*.png")


if __name__ == "__main__":
    main()
