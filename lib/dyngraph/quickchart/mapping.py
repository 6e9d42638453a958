"""A parsed Chart.js config -> native parameters, with a note for every key path read.

Every visual decision ends in native parameters that go through
:func:`dyngraph.spec.parse_params` like any native request (same
validation, canonical query, ETag and renderer). Chart.js's defaults are
written out where they show (QuickChart's palette, lines filled under in
Chart.js 2, points on lines, a legend at the top); what cannot be drawn as
QuickChart draws it is noted, and every key never read is reported.
"""

from .. import values
from ..errors import SpecError, shown
from ..spec import join_list
from . import colours
from .literal import Code
from .reading import IGNORED, NOT, OK, PARTIAL, Reading, as_text, describe, join, number

# QuickChart's default colours: the chartjs-plugin-colorschemes scheme tableau.Tableau10 for Chart.js 2
# (set by QuickChart's lib/charts.js), Chart.js 4's own colors plugin for versions 3 and 4.
TABLEAU10 = ("4e79a7", "f28e2b", "e15759", "76b7b2", "59a14f", "edc948", "b07aa1", "ff9da7", "9c755f", "bab0ac")
CHARTJS4 = ("36a2eb", "ff6384", "ff9f40", "ffcd56", "4bc0c0", "9966ff", "c9cbcf")
FILL_ALPHA = "80"  # the schemes' fills and bars: the colour at 50 %
POINT_SIZE = 7  # Chart.js points: radius 3 plus a 1 px border
LINE_WIDTH = 3  # Chart.js's default line width
LABEL_INK = "666666"  # Chart.js's default font colour, for value labels
# Chart.js type -> native type
TYPES = {"bar": "bar", "horizontalBar": "hbar", "line": "line", "pie": "pie", "doughnut": "donut",
         "donut": "donut", "scatter": "scatter", "sparkline": "sparkline", "progressBar": "hbar",
         "polarArea": "pie", "bubble": "scatter", "radar": "radar", "outlabeledPie": "pie",
         "outlabeledDoughnut": "donut"}
PARTIAL_TYPES = {
    "polarArea": "drawn as a pie: slices sized by value instead of equal slices with radii by value",
    "bubble": "drawn as a scatter chart; bubble radii as relative point sizes of the first dataset",
    "outlabeledPie": "drawn as a pie without the outside labels",
    "outlabeledDoughnut": "drawn as a doughnut without the outside labels",
}
_LEGEND_POSITIONS = ("top", "bottom", "left", "right")
# Options that change nothing on a still image.
_NO_EFFECT = ("responsive", "maintainAspectRatio", "animation", "animations", "tooltips", "hover", "events",
              "onClick", "onHover", "responsiveAnimationDuration", "interaction", "devicePixelRatio")
_NO_EFFECT_PLUGINS = ("tooltip", "tooltips")


class Request:
    """The URL parameters around the config that the mapping needs."""

    def __init__(self, width, height, version):
        self.width, self.height, self.version = width, height, version


def map_config(config, request, notes):
    """Parsed config -> {native name: text}; SpecError names the key path (``data.datasets[0].data[3]``)."""
    r = Reading(notes)
    if not isinstance(config, dict):
        example = "{type: 'bar', data: {…}}"
        raise SpecError("c", f"must be a Chart.js config object like {example}, got {describe(config)}")
    chart_type = r.text(config, "type", "")
    if chart_type is None:
        raise SpecError("type", f"required: the chart type, one of {', '.join(TYPES)}")
    if chart_type not in TYPES:
        raise SpecError("type", f"must be one of {', '.join(TYPES)}, got {shown(chart_type)}")
    v2 = request.version < 3
    data = r.obj(config, "data", "")
    options = r.obj(config, "options", "")
    labels = [as_text(v, join("data.labels", i)) for i, v in enumerate(r.items(data, "labels", "data"))]
    r.seen.add("data.labels/*")
    sets = _datasets(r, data, chart_type)
    kind = TYPES[chart_type]
    if chart_type == "bar" and r.text(options, "indexAxis", "options") == "y":
        kind = "hbar"
    note = r.note
    note("type", PARTIAL if chart_type in PARTIAL_TYPES else OK,
         PARTIAL_TYPES.get(chart_type, f"native {kind}" + (" (indexAxis 'y')" if chart_type == "bar" != kind else "")))
    palette = TABLEAU10 if v2 else CHARTJS4
    params = {"type": kind}
    chart = _Chart(r, chart_type, kind, sets, labels, options, palette, v2, params)
    chart.height = request.height
    chart.map()
    _ignore_still_options(r, options)
    for path in r.read_quietly():
        note(path, OK, "drawn as given")
    for path, value in r.leftovers(config):
        note(path, NOT, f"{value.kind}, never run: not drawn" if isinstance(value, Code) else "not drawn")
    return params


def _datasets(r, data, chart_type):
    """The datasets as small dicts of what they set; hidden ones are dropped (and noted)."""
    out = []
    for i, raw in enumerate(r.items(data, "datasets", "data")):
        path = f"data.datasets[{i}]"
        if not isinstance(raw, dict):
            raise SpecError(path, f"must be an object {{label, data, …}}, got {describe(raw)}")
        if r.flag(raw, "hidden", path, False):
            r.note(join(path, "hidden"), OK, "hidden: not drawn, as Chart.js")
            r.seen.add(path + "/*")
            continue
        out.append({"path": path, "raw": raw, "index": i})
    if not out:
        raise SpecError("data.datasets", "required: at least one dataset with data, e.g. datasets: [{data: [1, 2, 3]}]")
    return out


def _ignore_still_options(r, options):
    for key in _NO_EFFECT:
        if key in options:
            r.get(options, key, "options", whole=True)
            r.note(join("options", key), IGNORED, "no effect on a still image")
    plugins = options.get("plugins") if isinstance(options.get("plugins"), dict) else {}
    for key in _NO_EFFECT_PLUGINS:
        if key in plugins:
            r.get(plugins, key, "options.plugins", whole=True)
            r.note(join("options.plugins", key), IGNORED, "no effect on a still image")


def _fmt(value):
    return values.format_number(value)


class _Chart:
    """One config being mapped: the pieces every chart kind shares, then the kind's own."""

    def __init__(self, r, chart_type, kind, sets, labels, options, palette, v2, params):
        self.r, self.chart_type, self.kind, self.sets, self.labels = r, chart_type, kind, sets, labels
        self.options, self.palette, self.v2, self.params = options, palette, v2, params
        self.plugins = r.obj(options, "plugins", "options")
        self.marks = []

    def map(self):
        kind = self.kind
        if self.chart_type == "progressBar":
            self.progress_bar()
        elif self.chart_type == "sparkline":
            self.sparkline()
        elif kind in ("pie", "donut"):
            self.pie()
        elif kind == "scatter":
            self.scatter()
        elif kind == "radar":
            self.radar()
        else:
            self.cartesian()
        if self.marks:
            self.params["marks"] = "|".join(self.marks)

    # --- shared pieces -----------------------------------------------------------

    def colour(self, container, key, path, default):
        """A colour option: one colour (or the first of an array), else ``default``; functions take the default."""
        value = self.r.get(container, key, path)
        if isinstance(value, list):
            self.r.seen.add(join(path, key) + "/*")
            value = next((v for v in value if isinstance(v, str)), None)
        if value is None:
            return default
        return colours.css_colour(value, join(path, key)) if isinstance(value, str) else default

    def colour_list(self, container, key, path):
        """A per-point colour array -> [hex or None], or None when it is one colour."""
        value = self.r.get(container, key, path)
        if not isinstance(value, list):
            return None
        self.r.seen.add(join(path, key) + "/*")
        where = join(path, key)
        return [colours.css_colour(v, join(where, i)) if isinstance(v, str) else None for i, v in enumerate(value)]

    def values(self, ds, *, pairs=False):
        """A dataset's ``data``: numbers (numeric strings too), gaps for null; ``{x, y}`` -> y (or pairs)."""
        r, path = self.r, ds["path"]
        items = r.get(ds["raw"], "data", path)
        where = join(path, "data")
        if items is None:
            return []
        if not isinstance(items, list):
            raise SpecError(where, f"must be an array of numbers, got {describe(items)}")
        r.seen.add(where + "/*")
        out = []
        for i, item in enumerate(items):
            at = join(where, i)
            if isinstance(item, dict):
                x = number(item.get("x"), join(at, "x")) if not isinstance(item.get("x"), str) or pairs else None
                y = number(item.get("y"), join(at, "y"))
                if pairs:
                    out.append((x if x is not None else float(i), y, number(item.get("r"), join(at, "r"))))
                else:
                    out.append(y)
                for extra in set(item) - {"x", "y", "r"}:
                    r.note(join(at, extra), NOT, "not drawn")
                continue
            if isinstance(item, list) and not pairs:
                raise SpecError(at, "floating bars [low, high] are not drawn; give one number")
            if type(item).__name__ == "Code":
                r.note(at, NOT, f"{item.kind} is never run: drawn as a gap")
                out.append((float(i), None, None) if pairs else None)
                continue
            value = number(item, at)
            out.append((float(i), value, None) if pairs else value)
        return out

    def series_colours(self, fill_alpha):
        """Per dataset: (line colour, fill colour, per-point fill colours or None), Chart.js defaults filled in."""
        out = []
        for n, ds in enumerate(self.sets):
            base = self.palette[n % len(self.palette)]
            path, raw = ds["path"], ds["raw"]
            points = self.colour_list(raw, "backgroundColor", path)
            fill = self.colour(raw, "backgroundColor", path, base + fill_alpha) if points is None else None
            if points is not None:
                fill = next((c for c in points if c), base + fill_alpha)
            line = self.colour(raw, "borderColor", path, base)
            out.append((line, fill, points))
        return out

    def legend_names(self):
        names = [self.r.text(ds["raw"], "label", ds["path"]) or "" for ds in self.sets]
        return names

    def title(self):
        r = self.r
        title, path = (r.obj(self.options, "title", "options"), "options.title") if "title" in self.options else (
            r.obj(self.plugins, "title", "options.plugins"), "options.plugins.title")
        if not title:
            return
        text_value = r.get(title, "text", path)
        texts = text_value if isinstance(text_value, list) else [text_value]
        r.seen.add(join(path, "text") + "/*")
        lines = [as_text(t, join(path, "text")) for t in texts if t is not None]
        if any("|" in line for line in lines):  # the native title breaks lines at `|`
            r.note(join(path, "text"), PARTIAL, "'|' is drawn as '¦'")
        text = "|".join(line.replace("|", "\u00a6") for line in lines)
        shown_title = r.flag(title, "display", path, False)
        if not shown_title:
            if text:
                r.note(join(path, "display"), IGNORED, "the title is drawn only with display: true, as Chart.js")
            return
        if not text:
            return
        self.params["title"] = text
        r.note(join(path, "text"), OK, "title")
        colour = self.colour(title, "fontColor" if self.v2 else "color", path, None)
        if colour is None and "color" in title:
            colour = self.colour(title, "color", path, None)
        if colour:
            self.params["titlecolor"] = colour
        size = r.number(title, "fontSize", path)
        font = r.obj(title, "font", path)
        size = size if size is not None else r.number(font, "size", join(path, "font"))
        if size is not None:
            self.params["titlesize"] = _fmt(min(max(size, 4), 72))
        position = r.text(title, "position", path)
        if position not in (None, "top"):
            r.note(join(path, "position"), PARTIAL, f"drawn at the top, not {shown(position)}")

    def legend(self, has_names):
        r = self.r
        if "legend" in self.options:
            legend, path = r.obj(self.options, "legend", "options"), "options.legend"
        else:
            legend, path = r.obj(self.plugins, "legend", "options.plugins"), "options.plugins.legend"
        if not r.flag(legend, "display", path, True):
            if has_names:
                self.params["legendpos"] = "none"
            return
        if "align" in legend:
            r.get(legend, "align", path)
            r.note(join(path, "align"), PARTIAL, "the legend is centred")
        labels = r.obj(legend, "labels", path)
        lpath = join(path, "labels")
        colour = self.colour(labels, "fontColor", lpath, None) or self.colour(labels, "color", lpath, None)
        size = r.number(labels, "fontSize", lpath)
        size = r.number(r.obj(labels, "font", lpath), "size", join(lpath, "font")) if size is None else size
        if colour and has_names:
            self.params["legendcolor"] = colour[:6]
        if size and has_names:
            self.params["legendsize"] = _fmt(min(max(size, 4), 72))
        position = r.text(legend, "position", path) or "top"
        if position not in _LEGEND_POSITIONS:
            r.note(join(path, "position"), PARTIAL, f"{shown(position)} drawn as top")
            position = "top"
        if has_names:
            self.params["legendpos"] = position

    def scale(self, axis):
        """The options of the ``x`` or ``y`` axis: v2 ``scales.xAxes[0]``, v3 ``scales.x``; (dict, path)."""
        r = self.r
        scales = r.obj(self.options, "scales", "options")
        listed = f"{axis}Axes"
        if listed in scales:
            axes = r.items(scales, listed, "options.scales")
            for extra in range(1, len(axes)):
                r.note(f"options.scales.{listed}[{extra}]", NOT, "only the first axis of each direction is drawn")
                r.seen.add(f"options.scales.{listed}[{extra}]/*")
            first = axes[0] if axes and isinstance(axes[0], dict) else {}
            return first, f"options.scales.{listed}[0]"
        return r.obj(scales, axis, "options.scales"), f"options.scales.{axis}"

    def axis_options(self, axis):
        """(stacked, min, max, begin at zero, shown, grid) of one axis as Chart.js reads them."""
        r = self.r
        scale, path = self.scale(axis)
        ticks = r.obj(scale, "ticks", path)
        tpath = join(path, "ticks")
        low = r.number(scale, "min", path)
        high = r.number(scale, "max", path)
        low = r.number(ticks, "min", tpath) if low is None else low
        high = r.number(ticks, "max", tpath) if high is None else high
        suggested = (r.number(scale, "suggestedMin", path), r.number(scale, "suggestedMax", path),
                     r.number(ticks, "suggestedMin", tpath), r.number(ticks, "suggestedMax", tpath))
        zero = r.flag(scale, "beginAtZero", path, False) or r.flag(ticks, "beginAtZero", tpath, False)
        shown_axis = r.flag(scale, "display", path, True) and r.flag(ticks, "display", tpath, True)
        grid = r.obj(scale, "gridLines", path) if "gridLines" in scale else r.obj(scale, "grid", path)
        grid_path = join(path, "gridLines" if "gridLines" in scale else "grid")
        grid_shown = r.flag(grid, "display", grid_path, True)
        return {"stacked": r.flag(scale, "stacked", path, False), "min": low, "max": high, "zero": zero,
                "suggested": suggested, "display": shown_axis, "grid": grid_shown, "path": path,
                "scale": scale}

    def value_range(self, axis, series):
        """Native min/max for the value axis: explicit bounds, beginAtZero (QuickChart's default without scales)."""
        opts = self.axis_options(axis)
        present = [v for s in series for v in s if v is not None]
        low, high = opts["min"], opts["max"]
        s_min = next((v for v in (opts["suggested"][0], opts["suggested"][2]) if v is not None), None)
        s_max = next((v for v in (opts["suggested"][1], opts["suggested"][3]) if v is not None), None)
        zero = opts["zero"] or "scales" not in self.options  # QuickChart adds beginAtZero when scales is absent
        if present:
            data_low, data_high = min(present), max(present)
            if low is None and (s_min is not None and s_min < data_low):
                low = s_min
            if high is None and (s_max is not None and s_max > data_high):
                high = s_max
            if zero and low is None and data_low > 0:
                low = 0.0
            if zero and high is None and data_high < 0:
                high = 0.0
        if low is not None and high is not None and low >= high:
            self.r.note(opts["path"], PARTIAL, "min is not below max: the range is taken from the data")
            low = high = None
        if low is not None:
            self.params["min"] = _fmt(low)
        if high is not None:
            self.params["max"] = _fmt(high)
        return opts

    def datalabels(self, count, default):
        """``plugins.datalabels``: value labels on every drawn series (native marks N)."""
        r = self.r
        config = r.get(self.plugins, "datalabels", "options.plugins")
        path = "options.plugins.datalabels"
        if config is None:
            return default
        if not isinstance(config, dict):
            return default
        if not r.flag(config, "display", path, True):
            return False
        colour = self.colour(config, "color", path, LABEL_INK)
        font = r.obj(config, "font", path)
        size = r.number(font, "size", join(path, "font")) or 11
        for i in range(count):
            self.marks.append(f"N,{colour[:6]},{i},-1,{_fmt(min(max(size, 6), 40))}")
        for key in ("anchor", "align", "offset", "formatter", "backgroundColor", "borderRadius"):
            if key in config:
                r.get(config, key, path)
                r.note(join(path, key), PARTIAL, "value labels are drawn at the points, numbers as given")
        r.note(path, OK, "value labels (native marks N)")
        return True

    # --- chart kinds -------------------------------------------------------------

    def cartesian(self):
        """bar, horizontalBar, line, and bars with line datasets (mixed)."""
        r, params = self.r, self.params
        base_line = self.kind == "line"
        kinds = []
        for ds in self.sets:
            own = r.text(ds["raw"], "type", ds["path"])
            if own not in (None, "bar", "line"):
                raise SpecError(join(ds["path"], "type"), f"must be bar or line in a {self.chart_type} chart, got "
                                                          f"{shown(own)}")
            kinds.append(own or ("line" if base_line else "bar"))
        mixed = "bar" in kinds and "line" in kinds
        horizontal = self.kind == "hbar"
        if mixed:
            params["type"] = "hbar" if horizontal else "bar"
            r.note("data.datasets", OK, "bars with line datasets: the lines are drawn through the bars' categories "
                                        "(native hidden series with marks D)")
        bars = params["type"] in ("bar", "hbar")
        # Bars first, line datasets of a mixed chart after them (native hidden series, drawn by marks).
        order = list(range(len(self.sets)))
        if mixed:
            order.sort(key=lambda i: kinds[i] == "line")  # stable: bars keep their order, then the lines
        self.sets = [self.sets[i] for i in order]
        kinds = [kinds[i] for i in order]
        series = [self.values(ds) for ds in self.sets]
        if self.labels and any(len(s) > len(self.labels) for s in series):
            r.note("data.labels", OK, f"values beyond the {len(self.labels)} labels are not drawn, as Chart.js")
            series = [s[:len(self.labels)] for s in series]
        colours_ = self.series_colours(FILL_ALPHA)
        names = self.legend_names()
        value_axis, category_axis = ("x", "y") if horizontal else ("y", "x")
        opts = self.value_range(value_axis, series)
        cat = self.axis_options(category_axis)
        stacked = opts["stacked"] or cat["stacked"]
        lines_at = [i for i, k in enumerate(kinds) if k == "line"] if mixed else []
        drawn = len(series) - len(lines_at)
        if stacked and (bars or all(self.fills(ds, n) for n, ds in enumerate(self.sets))):
            params["stacked"] = "1"
            if not bars:
                params["type"] = "area"
            stacks = {r.text(ds["raw"], "stack", ds["path"]) for ds in self.sets[:drawn]}
            if len(stacks) > 1:
                r.note("data.datasets", PARTIAL, "datasets in several stacks are drawn as one stack")
        elif any(r.text(ds["raw"], "stack", ds["path"]) for ds in self.sets):
            r.note("data.datasets", OK, "stack: without stacked axes the bars stand side by side, as Chart.js")
        params["data"] = _series_text(series)
        params["labels"] = join_list(self.labels[:max(map(len, series), default=0)]) if self.labels else ""
        if not params["labels"]:
            del params["labels"]
        line_colours = [c[0] for c in colours_]
        if params["type"] in ("bar", "hbar"):
            params["colors"] = ",".join(c[1] for c in colours_[:drawn] + colours_[drawn:])
            points = [c[2] for c in colours_[:drawn]]
            if any(points):
                params["pointcolors"] = ",".join("|".join(x or c[1] for x in p) if p else c[1]
                                                 for p, c in zip(points, colours_))
            for n, ds in enumerate(self.sets[:drawn]):
                width = r.number(ds["raw"], "borderWidth", ds["path"])
                if width:
                    r.note(join(ds["path"], "borderWidth"), PARTIAL, "bar borders are not drawn")
        else:
            params["colors"] = ",".join(line_colours)
        if lines_at:
            params["hidden"] = str(len(lines_at))
            self.cover_hidden(series, drawn, opts)
            for i in lines_at:
                if self.fills(self.sets[i], i):
                    r.note(join(self.sets[i]["path"], "fill"), PARTIAL, "a line over bars is drawn without its fill")
                self.marks.append(f"D,{line_colours[i]},{i},0,{_fmt(self.line_width(self.sets[i]))}")
                if self.point_radius(self.sets[i]) > 0:
                    self.marks.append(f"o,{line_colours[i]},{i},-1,{POINT_SIZE}")
            r.note("data.datasets", PARTIAL, "line datasets over bars are not listed in the legend")
        has_names = any(names[:drawn])
        if has_names:
            params["legend"] = join_list(names[:drawn])
        if params["type"] in ("line", "area"):
            self.line_styles(colours_)
        self.legend(has_names)
        self.title()
        if not opts["grid"]:
            params["grid"] = "0"
        x_axis, y_axis = (opts, cat) if horizontal else (cat, opts)  # Chart.js's x axis is the bottom one
        if not x_axis["display"] and not y_axis["display"]:
            params["axes"] = "none"
        elif not x_axis["display"]:
            params["axes"] = "y"  # native sides: x is the bottom axis, y the left one, in either orientation
        elif not y_axis["display"]:
            params["axes"] = "x"
        self.tick_styles(x_axis, y_axis)
        self.datalabels(drawn, False)

    def tick_styles(self, x_axis, y_axis):
        """Tick label colours and sizes (v2 ``ticks.fontColor``/``fontSize``, v3 ``ticks.color``/``font.size``)
        as native ``axisstyles``; listing the axes for them keeps the default labels."""
        r, params = self.r, self.params
        styles = {}
        for side, opts in (("x", x_axis), ("y", y_axis)):
            ticks = r.obj(opts["scale"], "ticks", opts["path"])
            tpath = join(opts["path"], "ticks")
            colour = self.colour(ticks, "fontColor", tpath, None)
            colour = self.colour(ticks, "color", tpath, None) if colour is None else colour
            size = r.number(ticks, "fontSize", tpath)
            size = r.number(r.obj(ticks, "font", tpath), "size", join(tpath, "font")) if size is None else size
            if colour or size:
                styles[side] = (colour[:6] if colour else "", _fmt(min(max(size, 4), 72)) if size else "0")
        sides = params.get("axes", "x,y")
        if not styles or sides == "none":
            return
        params["axes"] = sides
        listed = sides.split(",")
        params["axisstyles"] = "|".join(f"{listed.index(side)},{colour or '666666'},{size}"
                                        for side, (colour, size) in styles.items() if side in listed)
        if not params["axisstyles"]:
            del params["axisstyles"]

    def cover_hidden(self, series, drawn, opts):
        """Line datasets over bars are native hidden series, outside the value range: widen it to them."""
        from ..scale import nice_ticks

        shown = [v for s in series[:drawn] for v in s if v is not None] or [0.0]
        every = [v for s in series for v in s if v is not None]
        if not every or (min(every) >= min(shown) and max(every) <= max(shown)):
            return
        ticks = nice_ticks(min(min(every), 0.0), max(every), 6)
        if opts["max"] is None:
            self.params["max"] = _fmt(ticks.high)
        if opts["min"] is None and min(every) < min(shown + [0.0]):
            self.params["min"] = _fmt(ticks.low)

    def fills(self, ds, n):
        """Whether a line dataset is filled: ``fill`` (Chart.js 2 fills by default, 3 does not)."""
        r = self.r
        elements = r.obj(self.options, "elements", "options")
        line = r.obj(elements, "line", "options.elements")
        default = r.flag(line, "fill", "options.elements.line", self.v2)
        value = r.get(ds["raw"], "fill", ds["path"])
        if value is None:
            return default
        if value is False or value in ("false", "none"):
            return False
        if value is True or value in ("origin", "start", "zero", "true"):
            return True
        r.note(join(ds["path"], "fill"), PARTIAL, f"fill {shown(value)} drawn as a fill to the x axis")
        return True

    def line_width(self, ds):
        r = self.r
        elements = r.obj(self.options, "elements", "options")
        line = r.obj(elements, "line", "options.elements")
        width = r.number(ds["raw"], "borderWidth", ds["path"])
        if width is None:
            width = r.number(line, "borderWidth", "options.elements.line")
        return min(max(LINE_WIDTH if width is None else width, 0.5), 12)

    def dash(self, ds):
        """``borderDash: [dash, space]`` -> (dash, space) in pixels, or None (longer patterns: their first pair)."""
        r = self.r
        pattern = r.get(ds["raw"], "borderDash", ds["path"], whole=True)
        if not isinstance(pattern, list) or len(pattern) < 2:
            return None
        where = join(ds["path"], "borderDash")
        dash, space = (number(v, join(where, i)) for i, v in enumerate(pattern[:2]))
        if not dash or not space:
            return None
        if len(pattern) > 2:
            r.note(where, PARTIAL, "only the first dash and space of the pattern")
        return (min(max(dash, 0.0), 100.0), min(max(space, 0.0), 100.0))

    def point_radius(self, ds):
        r = self.r
        elements = r.obj(self.options, "elements", "options")
        point = r.obj(elements, "point", "options.elements")
        radius = r.number(ds["raw"], "pointRadius", ds["path"])
        if radius is None:
            radius = r.number(point, "radius", "options.elements.point")
        return 3 if radius is None else radius

    def line_styles(self, colours_):
        """Widths, points and fills of line datasets (line and area charts)."""
        r, params = self.r, self.params
        widths = [self.line_width(ds) for ds in self.sets]
        dashes = [self.dash(ds) for ds in self.sets]
        if any(dashes):
            params["linestyles"] = "|".join(_fmt(w) + (f",{_fmt(d[0])},{_fmt(d[1])}" if d else "")
                                            for w, d in zip(widths, dashes))
        elif len(set(widths)) == 1:
            params["linewidth"] = _fmt(widths[0])
        else:
            params["linestyles"] = "|".join(_fmt(w) for w in widths)
        stacked_area = params["type"] == "area"
        for n, ds in enumerate(self.sets):
            if not stacked_area and self.fills(ds, n):
                self.marks.insert(0, f"B,{colours_[n][1]},{n},0,0")
            radius = self.point_radius(ds)
            if radius > 0:
                self.marks.append(f"o,{colours_[n][0]},{n},-1,{_fmt(min(radius * 2 + 1, 40))}")
            for key in ("cubicInterpolationMode", "steppedLine", "stepped"):
                if key in ds["raw"]:
                    value = r.get(ds["raw"], key, ds["path"])
                    if value not in (0, False, None, "default"):
                        r.note(join(ds["path"], key), PARTIAL, "drawn as straight segments")
            if "spanGaps" in ds["raw"] and r.flag(ds["raw"], "spanGaps", ds["path"], False):
                r.note(join(ds["path"], "spanGaps"), PARTIAL, "gaps are left open")
        if stacked_area:
            r.note("data.datasets", PARTIAL, "stacked filled lines as a native stacked area: fills in the line colour")
        self.tension()

    def tension(self):
        """Curved lines (native ``smooth``): a dataset's ``lineTension`` (v2) or ``tension``, else v3's default.

        QuickChart sets every Chart.js 2 line dataset's ``lineTension`` to 0 unless given, so only a dataset's
        own tension curves a v2 line; in v3/v4 ``options.elements.line.tension`` applies too.
        """
        r = self.r
        elements = r.obj(self.options, "elements", "options")
        line = r.obj(elements, "line", "options.elements")
        default = r.number(line, "tension", "options.elements.line") if not self.v2 else None
        if self.v2 and "tension" in line:
            r.note("options.elements.line.tension", IGNORED, "QuickChart draws Chart.js 2 lines straight unless a "
                                                             "dataset sets lineTension")
        tensions = []
        for ds in self.sets:
            own = r.number(ds["raw"], "lineTension", ds["path"])
            own = r.number(ds["raw"], "tension", ds["path"]) if own is None else own
            tensions.append(default if own is None else own)
        chosen = [min(max(t, 0.0), 1.0) for t in tensions if t]
        if not chosen:
            return
        if self.params["type"] not in ("line", "area"):  # native smooth draws lines and areas only
            self.r.note("data.datasets", PARTIAL, "drawn with straight segments")
            return
        self.params["smooth"] = _fmt(round(chosen[0], 3))
        if len(set(round(t or 0, 3) for t in tensions)) > 1:
            r.note("data.datasets", PARTIAL, f"every line is drawn with tension {self.params['smooth']}")

    def pie(self):
        r, params = self.r, self.params
        sets = self.sets
        if self.kind == "donut" and len(sets) > 1:
            params["type"] = "pie"
            r.note("data.datasets", PARTIAL, "a doughnut with several datasets is drawn as rings around a full pie")
        elif self.kind == "pie" and len(sets) > 1:
            r.note("data.datasets", OK, "several datasets: one ring each, the first innermost")
        rings = []
        for ds in sets:
            ring = self.values(ds)
            if any(v is not None and v < 0 for v in ring):
                r.note(join(ds["path"], "data"), PARTIAL, "negative values are drawn as empty slices")
                ring = [None if v is None else max(v, 0.0) for v in ring]
            rings.append(ring)
        params["data"] = _series_text(rings)
        count = max(map(len, rings), default=0)
        ring_colours = []
        for n, ds in enumerate(sets):
            points = self.colour_list(ds["raw"], "backgroundColor", ds["path"])
            one = self.colour(ds["raw"], "backgroundColor", ds["path"], None) if points is None else None
            ring_colours.append([(points[i] if points and i < len(points) and points[i] else None) or one
                                 or self.palette[i % len(self.palette)] for i in range(len(rings[n]))])
            for key in ("borderColor", "borderWidth"):
                if key in ds["raw"]:
                    r.get(ds["raw"], key, ds["path"], whole=True)
                    r.note(join(ds["path"], key), IGNORED, "slices are separated by thin gaps instead")
        params["colors"] = ",".join(ring_colours[0]) if ring_colours[0] else ""
        if not params["colors"]:
            del params["colors"]
        if len(rings) > 1:
            params["pointcolors"] = ",".join("|".join(c) for c in ring_colours)
        # Native pie labels run slice by slice through the rings and name every slice; Chart.js's labels are
        # per index, listed once: the first ring's slices carry them, the other rings' are left unnamed.
        labels = self.labels[:len(rings[0])]
        if labels:
            slices = sum(map(len, rings))
            params["labels"] = join_list(labels + [""] * (slices - len(labels)))
        self.legend(bool(labels))
        self.title()
        for key in ("cutoutPercentage", "cutout", "rotation", "circumference"):
            if key in self.options:
                r.get(self.options, key, "options")
                r.note(join("options", key), PARTIAL, "the native pie's own proportions are used")
        self.slice_labels()

    def slice_labels(self):
        """QuickChart shows datalabels on pies by default: each slice's value inside it (native slicelabels)."""
        r = self.r
        config = r.get(self.plugins, "datalabels", "options.plugins")
        path = "options.plugins.datalabels"
        config = config if isinstance(config, dict) else {}
        if not r.flag(config, "display", path, True):
            self.params["slicelabels"] = "none"
            return
        self.params["slicelabels"] = "value"
        for key in ("formatter", "color", "font", "anchor", "align", "offset", "backgroundColor", "borderRadius"):
            if key in config:
                r.get(config, key, path, whole=True)
                r.note(join(path, key), PARTIAL, "slices show their values, in the ink that reads on them")

    def scatter(self):
        r, params = self.r, self.params
        series, sizes = [], []
        for ds in self.sets:
            points = self.values(ds, pairs=True)
            series.append(tuple(v for x, y, _ in points for v in (x, y)))
            sizes.append([size for _, _, size in points])
        if any(v is None for s in series for v in s):
            series = [tuple(v for i in range(0, len(s), 2) if s[i + 1] is not None for v in s[i:i + 2])
                      for s in series]
            r.note("data.datasets", OK, "points without y are not drawn")
        params["data"] = _series_text(series)
        colours_ = self.series_colours(FILL_ALPHA)
        params["colors"] = ",".join(c[0] for c in colours_)
        names = self.legend_names()
        if any(names):
            params["legend"] = join_list(names)
        if self.chart_type == "bubble" and sizes and any(v for v in sizes[0] if v):
            biggest = max(v for v in sizes[0] if v)
            params["sizes"] = ",".join(_fmt(round(100 * (v or 0) / biggest, 3)) for v in sizes[0])
        if any(r.flag(ds["raw"], "showLine", ds["path"], False) for ds in self.sets):
            params["lines"] = "1"
        x = self.axis_options("x")
        y = self.axis_options("y")
        for opts, low, high in ((x, "xmin", "xmax"), (y, "min", "max")):
            if opts["min"] is not None and opts["max"] is not None and opts["min"] >= opts["max"]:
                continue
            if opts["min"] is not None:
                params[low] = _fmt(opts["min"])
            if opts["max"] is not None:
                params[high] = _fmt(opts["max"])
        self.legend(any(names))
        self.title()
        if not y["grid"] and not x["grid"]:
            params["grid"] = "0"

    def radar(self):
        """Radar: one spoke per label; filled under in Chart.js 2; the radial scale from the data unless told."""
        r, params = self.r, self.params
        series = [self.values(ds) for ds in self.sets]
        params["data"] = _series_text(series)
        colours_ = self.series_colours(FILL_ALPHA)
        params["colors"] = ",".join(c[0] for c in colours_)
        count = max(map(len, series), default=0)
        if self.labels:
            params["labels"] = join_list(self.labels[:count])
        names = self.legend_names()
        if any(names):
            params["legend"] = join_list(names)
        self.line_styles(colours_)
        scales = r.obj(self.options, "scales", "options")
        scale, path = (r.obj(self.options, "scale", "options"), "options.scale") if "scale" in self.options else (
            r.obj(scales, "r", "options.scales"), "options.scales.r")
        ticks = r.obj(scale, "ticks", path)
        tpath = join(path, "ticks")
        low = r.number(scale, "min", path)
        low = r.number(ticks, "min", tpath) if low is None else low
        high = r.number(scale, "max", path)
        high = r.number(ticks, "max", tpath) if high is None else high
        zero = r.flag(scale, "beginAtZero", path, False) or r.flag(ticks, "beginAtZero", tpath, False)
        present = [v for s in series for v in s if v is not None]
        if low is None and present:
            from ..scale import nice_ticks

            data_low = min(present)
            low = 0.0 if zero and data_low >= 0 else nice_ticks(data_low, max(present), 6).low  # as Chart.js
        if low is not None and high is not None and low >= high:
            r.note(path, PARTIAL, "min is not below max: the range is taken from the data")
            low = high = None
        if low is not None:
            params["min"] = _fmt(low)
        if high is not None:
            params["max"] = _fmt(high)
        for key in ("gridLines", "grid", "angleLines"):
            if key in scale and not r.flag(r.obj(scale, key, path), "display", join(path, key), True):
                params["grid"] = "0"
        self.legend(any(names))
        self.title()
        self.datalabels(len(series), False)

    def sparkline(self):
        """QuickChart's sparkline preset: lines without axes, legend or labels; filled under in Chart.js 2."""
        r, params = self.r, self.params
        series = [self.values(ds) for ds in self.sets]
        params["data"] = _series_text(series)
        colours_ = self.series_colours(FILL_ALPHA)
        params["colors"] = ",".join(c[0] for c in colours_)
        widths = [r.number(ds["raw"], "borderWidth", ds["path"]) for ds in self.sets]
        params["linewidth"] = _fmt(min(max(widths[0] if widths[0] is not None else 1, 0.5), 12))
        if len({w for w in widths}) > 1:
            r.note("data.datasets", PARTIAL, "the first dataset's line width is used for every line")
        for n, ds in enumerate(self.sets):
            if self.fills(ds, n):
                self.marks.insert(0, f"B,{colours_[n][1]},{n},0,0")
            radius = r.number(ds["raw"], "pointRadius", ds["path"])
            if radius:
                self.marks.append(f"o,{colours_[n][0]},{n},-1,{_fmt(min(radius * 2 + 1, 40))}")
            for key in ("lineTension", "tension", "borderDash", "stepped", "steppedLine"):
                if key in ds["raw"]:
                    value = r.get(ds["raw"], key, ds["path"], whole=True)
                    if value not in (0, False, None):
                        r.note(join(ds["path"], key), PARTIAL, "drawn as a solid line of straight segments")
        self.title_ignored()

    def title_ignored(self):
        for path, container in (("options.title", self.options), ("options.plugins.title", self.plugins)):
            if "title" in container:
                self.r.note(path, NOT, f"a {self.chart_type} has no title")

    def progress_bar(self):
        """QuickChart's progressBar preset: the first dataset over the second (default 100), as percentages."""
        r, params = self.r, self.params
        if len(self.sets) > 2:
            raise SpecError("data.datasets", "progressBar takes 1 or 2 datasets")
        done = self.values(self.sets[0])
        total = self.values(self.sets[1]) if len(self.sets) == 2 else [100.0] * len(done)
        if len(total) != len(done):
            raise SpecError("data.datasets[1].data", "progressBar datasets must have the same number of values")
        rest = [None if d is None or t is None else max(t - d, 0.0) for d, t in zip(done, total)]
        params["data"] = _series_text([done, rest])
        params["stacked"] = "1"
        fill = self.colour(self.sets[0]["raw"], "backgroundColor", self.sets[0]["path"], self.palette[0] + FILL_ALPHA)
        other = "ffffff"
        if len(self.sets) == 2:
            other = self.colour(self.sets[1]["raw"], "backgroundColor", self.sets[1]["path"], other)
            if "borderColor" in self.sets[1]["raw"] or "borderWidth" in self.sets[1]["raw"]:
                r.seen.add(self.sets[1]["path"] + ".borderColor")
                r.seen.add(self.sets[1]["path"] + ".borderWidth")
        params["colors"] = f"{fill},{other}"
        params["axes"] = "none"
        params["grid"] = "0"
        params["legendpos"] = "none"
        params["min"] = "0"
        params["max"] = _fmt(max([t for t in total if t is not None] or [100.0]))
        r.note("type", PARTIAL, "the remainder bar has no outline")
        self.progress_labels(done, total)
        self.title()

    def progress_labels(self, done, total):
        """The value in the middle of each filled bar, as QuickChart's datalabels draw it (white; % out of 100)."""
        r = self.r
        config = r.get(self.plugins, "datalabels", "options.plugins")
        path = "options.plugins.datalabels"
        config = config if isinstance(config, dict) else {}
        if not r.flag(config, "display", path, True):
            return
        colour = self.colour(config, "color", path, "ffffff")[:6]
        font = r.obj(config, "font", path)
        size = min(max(r.number(font, "size", join(path, "font")) or 12, 6), 40)
        for key in ("formatter", "anchor", "align", "offset"):
            if key in config:
                r.get(config, key, path)
                r.note(join(path, key), PARTIAL, "the label is the value, centred in the bar")
        rows = len(done)
        top = max([t for t in total if t is not None] or [100.0])
        for i, (value, whole) in enumerate(zip(done, total)):
            if value is None or top <= 0:
                continue
            text = _fmt(value) + ("%" if len(self.sets) == 1 else "")
            x = min(max(value / top / 2, 0.0), 1.0)
            # text marks stand on their point: lower it by half the text and its 3 px gap (plot ~ height - 16)
            y = 1 - (i + 0.5) / rows - (size / 2 + 3) / max(self.height - 16, 1)
            self.marks.append(f"@t{text},{colour},0,{round(x, 4)}:{round(min(max(y, 0.0), 1.0), 4)},{_fmt(size)}")


def _series_text(series):
    """Series of numbers (None for gaps) -> native ``data`` text."""
    text = "|".join(",".join("" if v is None else _fmt(v) for v in s) for s in series)
    if not text.replace("|", "").replace(",", ""):
        raise SpecError("data.datasets", "no numbers to draw")
    return text
