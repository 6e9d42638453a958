"""Nothing silently ignored: type-specific parameters on other types, missing slice labels, mixed-sign stacks."""

import pytest

from dyngraph.errors import SpecError
from dyngraph.render import layout
from dyngraph.render.line import stack
from dyngraph.draw import draw_chart
from dyngraph.record import replace
from dyngraph.settings import Settings
from dyngraph.spec import (APPLIES_TO, CHART_TYPES, CODE_TYPES, DATA_FORMATS, FOR_FORMATS, FORMATS, NEEDS,
                           ON_TIME_AXIS, PARAMS, UNUSED_WITH, make, needed, parse, parse_params)
from dyngraph.timeparams import FIELDS

SETTINGS = Settings()

TYPES = CHART_TYPES + CODE_TYPES
TIMED = ("line", "area", "bar", "scatter", "sparkline")  # also drawn over a time axis: audited there too
EVERY_TYPE = {"type", "width", "height", "format", "background", "quality", "scale"}  # not in APPLIES_TO
T4 = "2026-01-01T00:00Z,2026-01-02T06:00Z,2026-01-03T12:00Z,2026-01-09T18:00Z"  # a long gap at the end
SIZE = {"width": "320", "height": "200", "format": "png"}
BASE = {  # a valid request per type, with nothing a sample could be the only one to give
    "line": {"data": "3,5,2,6|4,1,5,3"}, "area": {"data": "3,5,2,6|4,1,5,3"}, "bar": {"data": "3,5,2,6|4,1,5,3"},
    "hbar": {"data": "3,5,2,6|4,1,5,3"}, "pie": {"data": "3,5,2,6"}, "donut": {"data": "3,5,2,6"},
    "scatter": {"data": "1,3,2,5,3,2,4,6|1,4,2,1,3,5,4,3"}, "sparkline": {"data": "3,5,2,6"},
    "radar": {"data": "3,5,2,6|4,1,5,3"}, "qr": {"qrtext": "h\u00e9llo"},
}
# A non-default sample per parameter, and what it needs beside it to show (given on both sides).
SAMPLES = {
    "type": ("bar", {}), "data": ("1,2,9,4|2,2,2,2", {}), "labels": ("p|q|r|s", {}), "legend": ("one", {}),
    "title": ("Hello", {}), "width": ("300", {}), "height": ("150", {}), "format": ("gif", {}),
    "colors": ("ff0000,00ff00,0000ff,ffff00", {}), "min": ("-5", {}), "max": ("50", {}),
    "background": ("ffeecc", {}), "grid": ("0", {}), "legendpos": ("left", {"legend": "one|two"}),
    "linewidth": ("5", {}), "stacked": ("1", {}), "dots": ("1", {}), "markers": ("min,max", {}),
    "quality": ("50", {"format": "jpeg"}), "qrtext": ("other", {}), "qrlevel": ("H", {}),
    "qrmargin": ("10", {}), "qrencoding": ("iso-8859-1", {}),
    "axes": ("x,y,r", {}), "axislabels": ("0:|A|B|C", {"axes": "x,y"}),
    "axisranges": ("1,0,100,20", {"axes": "x,y"}), "axispositions": ("0,10,35,75", {"axes": "x,y",
                                                                                     "axislabels": "0:|A|B|C"}),
    "axisstyles": ("1,ff0000,14", {"axes": "x,y"}), "gridlines": ("20,25,4,2", {}), "barwidth": ("10,4,8", {}),
    "marks": ("o,ff0000,0,-1,8", {}), "linestyles": ("4,6,2", {}), "titlecolor": ("ff0000", {"title": "Hello"}),
    "titlesize": ("30", {"title": "Hello"}), "legendcolor": ("ff0000", {"legend": "one|two"}),
    "legendsize": ("20", {"legend": "one|two"}), "margins": ("60,60,40,40", {}),
    "bgfill": ("lg,0,ff0000,0,0000ff,1", {}), "plotfill": ("s,ffcc00", {}), "depth": ("20", {}),
    "othershare": ("0.2", {}), "otherlabel": ("Rest", {"othershare": "0.2", "labels": "a|b|c|d"}), "lines": ("1", {}),
    "sizes": ("10,50", {}), "xmin": ("-10", {}), "xmax": ("100", {}), "pointcolors": ("ff0000|00ff00", {}),
    "opacity": ("0.5", {}), "titlealign": ("left", {"title": "Hello"}), "ticklengths": ("1,10", {"axes": "x,y"}),
    "legendorder": ("r", {"legend": "one|two"}), "legendcolumn": ("1", {"legend": "one|two", "legendpos": "bottom"}),
    "hidden": ("1", {}), "smooth": ("0.4", {}), "slicelabels": ("value", {}), "scale": ("2", {}),
    "times": (T4, {}), "start": ("2026-01-05", {"start": "2026-01-01", "step": "1d"}),
    "step": ("2d", {"start": "2026-01-01", "step": "1d"}), "tz": ("America/New_York", {"times": T4}),
    "from": ("2026-01-02", {"times": T4}), "until": ("2026-01-03", {"times": T4}), "gaps": ("0", {"times": T4}),
}
PIE_LEGEND = {"labels": "a|b|c|d"}  # a pie's legend names its slices
OVERRIDES = {  # (param, type): the context there, where the sample's own is not enough to show it
    **{(name, kind): {**PIE_LEGEND, **SAMPLES[name][1]} | ({"legend": None} if "legend" in SAMPLES[name][1] else {})
       for name in ("legendpos", "legendcolor", "legendsize", "legendorder", "legendcolumn")
       for kind in ("pie", "donut")},
    ("dots", "scatter"): {"lines": "1"}, ("linestyles", "scatter"): {"lines": "1"},
    ("hidden", "sparkline"): {"data": "3,5,2,6|1,1,1,1"},
    **{(name, "scatter"): {**SAMPLES[name][1], "data": "3,5,2,6|4,1,5,3"} for name in ("times", "tz", "from", "until")},
    ("gaps", "scatter"): {"times": T4, "lines": "1", "data": "3,5,2,6|4,1,5,3"},
    ("start", "sparkline"): {"start": "2026-01-01", "step": "1d", "from": "2026-01-03"},
    ("step", "sparkline"): {"start": "2026-01-01", "step": "1d", "from": "2026-01-02"},
    ("tz", "sparkline"): {"times": T4.replace("Z", ""), "from": "2026-01-02T00:00Z"},
}
SAMPLE_FOR = {("data", "donut", False): "1,2,9,4", ("data", "pie", False): "1,2,9,4",
              ("data", "sparkline", False): "1,2,9,4", ("data", "sparkline", True): "1,2,9,4",
              ("data", "scatter", False): "1,2,2,9,3,4,4,1"}
DESCRIBED_ONLY = {("title", "sparkline")}  # not drawn: it names the chart (alt text, format=txt)


def _applies(name, kind, timed):
    if kind not in APPLIES_TO.get(name, TYPES):
        return False
    return not timed or kind in ON_TIME_AXIS.get(name, TYPES)


def _request(name, kind, timed, *, with_sample=True):
    """The request giving ``name`` its sample on ``kind`` (over a time axis if ``timed``), as {name: text}."""
    base = {"type": kind, **SIZE, **BASE[kind]}
    if timed:
        base["times"] = T4
        if kind == "scatter":
            base["data"] = "3,5,2,6|4,1,5,3"  # y values: the times are x
    context = OVERRIDES.get((name, kind), SAMPLES[name][1])
    if timed and name in ("start", "step"):
        context = {**context, "times": None}
    request = {k: v for k, v in {**base, **context}.items() if v is not None}
    if with_sample:
        request[name] = SAMPLE_FOR.get((name, kind, timed), SAMPLES[name][0])
    return request


PAIRS = [(name, kind, timed) for name in PARAMS if name != "type" for kind in TYPES
         for timed in ((False, True) if kind in TIMED and name not in ("times", "start", "step") else (False,))]
IGNORED = [p for p in PAIRS if not _applies(*p)]
USED = [p for p in PAIRS if _applies(*p)]


def _id(pair):
    name, kind, timed = pair
    return f"{name}-{kind}{'-timed' if timed else ''}"


def test_every_parameter_is_decided_for_every_type():
    assert set(PARAMS) - set(APPLIES_TO) == EVERY_TYPE  # a new parameter must say where it applies
    assert set(SAMPLES) == set(PARAMS)
    assert all(set(types) <= set(TYPES) for types in APPLIES_TO.values())
    assert set(ON_TIME_AXIS) <= set(APPLIES_TO) and all(set(t) <= set(TIMED) for t in ON_TIME_AXIS.values())


@pytest.mark.parametrize("pair", IGNORED, ids=_id)
def test_a_parameter_that_means_nothing_for_the_type_is_a_400_naming_it(pair):
    name, kind, timed = pair
    request = _request(name, kind, timed)
    context = {k: v for k, v in request.items() if k != name and k not in SIZE and k != "type"}
    request = {"type": kind, **SIZE, **{k: v for k, v in context.items() if _applies(k, kind, timed)},
               name: request[name]}  # what the sample needs is left out where that too means nothing
    if timed:
        request["times"] = T4
    with pytest.raises(SpecError) as error:
        parse_params(request)
    assert error.value.param == name and str(error.value).startswith(f"{name}: ")
    types = APPLIES_TO[name] if kind not in APPLIES_TO[name] else ON_TIME_AXIS[name]
    assert "\n" not in str(error.value)
    assert str(error.value).endswith((", ".join(types), ", ".join(types) + " there", "label the points"))
    with pytest.raises(SpecError) as api_error:  # the Python API reads the same texts: the same message
        make(**{FIELDS.get(k, k): v for k, v in request.items()})
    assert str(api_error.value) == str(error.value)


NEEDING = [(name, kind) for name in NEEDS for kind in TYPES if _applies(name, kind, False) and needed(name, kind)]


@pytest.mark.parametrize("pair", NEEDING, ids=lambda p: "-".join(p))
def test_a_parameter_without_the_one_it_acts_with_is_a_400_naming_both(pair):
    name, kind = pair
    other = needed(name, kind)
    request = _request(name, kind, False)
    assert other in request  # the sample shows (test below) with it
    request = {k: v for k, v in request.items() if k != other and (k == name or needed(k, kind) != other)}
    with pytest.raises(SpecError) as error:
        parse_params(request)
    assert error.value.param == name and f"only used together with {other if other != 'axes' else 'axes'}" in \
        str(error.value)
    if other == "axes":  # axes=none is no axes
        with pytest.raises(SpecError, match=f"^{name}: only used together with axes other than none"):
            parse_params({**request, "axes": "none"})


UNUSED = [(name, value, kind) for name, (_, values) in UNUSED_WITH.items() for value in values
          for kind in ("line", "pie") if _applies(name, kind, False)]


@pytest.mark.parametrize(("name", "value", "kind"), UNUSED)
def test_a_parameter_another_leaves_nothing_to_do_is_a_400_naming_both(name, value, kind):
    other = UNUSED_WITH[name][0]
    request = {**_request(name, kind, False), other: value}
    with pytest.raises(SpecError, match=f"^{name}: not used with {other}={value}; "):
        parse_params(request)
    from dyngraph.spec import applicable

    assert name not in applicable(request) and other in applicable(request)  # the dialects drop it


def test_values_that_say_none_need_nothing():
    assert parse("type=line&data=1,2&legendpos=none").legendpos == "none"
    assert parse("type=line&data=1,2&axes=none").axes == "none"


def test_the_dialects_drop_what_acts_on_nothing():
    from dyngraph.spec import applicable

    given = {"type": "line", "data": "1,2", "titlecolor": "ff0000", "legendsize": "12", "axisstyles": "1,ff0000",
             "lines": "0"}
    assert applicable(given) == {"type": "line", "data": "1,2"}
    assert applicable({**given, "title": "T"}) == {"type": "line", "data": "1,2", "title": "T", "titlecolor": "ff0000"}
    assert applicable({"type": "scatter", "data": "1,2", "linestyles": "2", "lines": "0"}) == \
        {"type": "scatter", "data": "1,2", "lines": "0"}


@pytest.mark.parametrize("fmt", FORMATS + DATA_FORMATS)
def test_quality_is_for_the_formats_that_read_it(fmt):
    query = f"type=line&data=1,5,2&format={fmt}"
    if fmt not in FOR_FORMATS["quality"]:
        with pytest.raises(SpecError, match=f"^quality: only used by format=jpeg, webp; this is format={fmt}$"):
            parse(query + "&quality=50")
        return
    assert draw_chart(parse(query + "&quality=50"), SETTINGS) != draw_chart(parse(query), SETTINGS)


def _outputs(spec):
    """What a request gives: the encoded picture and (charts) the format=json layout."""
    picture = draw_chart(spec, SETTINGS)
    if spec.type in CODE_TYPES:
        return (picture,)
    return picture, draw_chart(replace(spec, format="json"), SETTINGS)


@pytest.mark.parametrize("pair", USED, ids=_id)
def test_a_parameter_that_applies_changes_the_picture_or_the_layout(pair):
    name, kind, timed = pair
    if name == "type":
        return
    reference = parse_params(_request(name, kind, timed, with_sample=False))
    given = parse_params(_request(name, kind, timed))
    assert getattr(given, FIELDS.get(name, name)) != getattr(reference, FIELDS.get(name, name))
    if (name, kind) in DESCRIBED_ONLY:
        assert draw_chart(replace(given, format="txt"), SETTINGS) != draw_chart(replace(reference, format="txt"),
                                                                               SETTINGS)
        return
    assert _outputs(given) != _outputs(reference)


def test_stored_graphs_give_the_same_one_line_error(tmp_path):
    from dyngraph.sources import resolve
    from dyngraph.store import open_store

    settings = Settings(data_dir=str(tmp_path))
    for query, message in [("type=sparkline&data=1,2&legendpos=left", "legendpos: does not apply to type=sparkline"),
                           ("type=pie&data=1,2&marks=o,ff0000,0,-1,8", "marks: does not apply to type=pie"),
                           ("type=bar&data=1,2&times=2026-01-01,2026-01-02&barwidth=9",
                            "barwidth: not used with a time axis")]:
        key = open_store(settings).put(query)
        with pytest.raises(SpecError) as error:
            resolve(f"graphId={key}", settings)
        assert str(error.value).startswith(message) and "\n" not in str(error.value)


@pytest.mark.parametrize(("kind", "query"), [("line", "stacked=1"), ("bar", "depth=5"), ("line", "markers=max"),
                                             ("scatter", "labels=a|b"), ("sparkline", "titlesize=20"),
                                             ("pie", "axes=x,y"), ("donut", "ticklengths=0,10"), ("qr", "title=A")])
def test_the_cases_from_the_issue_are_400s(kind, query):
    base = "qrtext=hi" if kind == "qr" else "data=1,2"
    with pytest.raises(SpecError, match=f"^{query.split('=')[0]}: does not apply to type={kind}"):
        parse(f"type={kind}&{base}&{query}")


@pytest.mark.parametrize("query", ["cht=p&chs=200x100&chd=t:1,2&chl=a|b&chls=3",  # Google ignored chls on a pie
                                   "cht=bvg&chs=200x100&chd=t:1,2&chls=3,4,1",
                                   "cht=p&chs=200x100&chd=t:1,2&chl=a|b&chxt=x,y&chg=20,20"])
def test_dialects_still_draw_what_their_charts_ignored(query):
    from dyngraph.google import read

    spec = read(query, Settings()).spec
    assert spec.linestyles == () and spec.linewidth == make(type=spec.type, data=[1]).linewidth
    if spec.type == "pie":
        assert spec.axes == "" and spec.gridlines == ()


def test_default_values_given_explicitly_are_fine():
    assert parse("type=line&data=1,2&stacked=0&dots=0&depth=0").type == "line"


def test_a_pie_with_fewer_labels_than_slices_is_a_400_naming_both_counts():
    with pytest.raises(SpecError, match="labels: 2 labels for 3 slices"):
        parse("type=pie&data=1,2,3&labels=a|b")
    assert parse("type=pie&data=1,2,3&labels=a||c").labels == ("a", "", "c")  # an unnamed slice, said so


def test_mixed_sign_stacked_areas_stack_positives_up_and_negatives_down():
    assert stack([[2, -2], [1, -1]]) == [([0.0, 0.0], [2.0, -2.0]), ([2.0, -2.0], [3.0, -3.0])]
    data = layout(make(type="area", stacked=True, data=[[2, 2, 2], [-1, -1, -1], [1, 1, 1]], legend=["a", "b", "c"]))
    a, b, c = ([p[1] for p in s["points"]] for s in data["series"])
    zero = a[0] + (a[0] - c[0]) * 2  # a reaches 2, c 3: pixels per unit = c - a
    per_unit = a[0] - c[0]
    assert all(y > zero for y in b)  # the negative series hangs below zero
    assert all(abs(y - (zero + per_unit)) <= 1 for y in b)  # at -1, not stacked on top of a
    assert all(abs(y - (zero - 3 * per_unit)) <= 1 for y in c)  # c stacks on a only: at 3


# --- labels that never collide (checked through the layout) ------------------------


def _overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _no_two_overlap(data):
    texts = data["texts"]
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            assert not _overlap(a["box"], b["box"]), (a, b)


def test_many_category_labels_never_overprint_and_the_last_one_shows():
    labels = [f"2025-{1 + i // 31:02}-{1 + i % 28:02}" for i in range(365)]
    data = layout(make(type="bar", data=[[i % 9 + 1 for i in range(365)]], labels=labels, width=480, height=200))
    ticks = [t for t in data["texts"] if t["role"] == "xtick"]
    assert len(ticks) >= 3 and ticks[-1]["box"][2] <= data["width"]
    _no_two_overlap(data)


def test_a_label_pushed_inside_at_the_edge_never_overprints_its_neighbour():
    from dyngraph.render.frame import apart

    boxes = [(0, 50), (60, 110), (120, 170), (150, 200)]  # the last one pushed left, onto the third
    assert apart(boxes) == [(0, 50), (60, 110), (150, 200)]  # the neighbour gives way, the end stays


def test_hbar_rows_get_smaller_labels_before_they_are_thinned():
    from dyngraph import fonts, theme

    rows = 16
    spec = make(type="hbar", data=[list(range(1, rows + 1))], labels=[f"Row {i}" for i in range(rows)],
                width=300, height=230)
    data = layout(spec)
    ticks = [t for t in data["texts"] if t["role"] == "ytick"]
    pitch = (ticks[-1]["box"][1] - ticks[0]["box"][1]) / (rows - 1)
    assert pitch < fonts.line_height(theme.font_sizes(300, 230)[0], fonts.primary())  # the usual size would not fit
    assert len(ticks) == rows  # every row labelled, a size smaller
    _no_two_overlap(data)


def test_a_long_title_wraps_onto_two_lines_before_an_ellipsis():
    title = "Escalations to second line support by region and quarter, all teams"
    data = layout(make(type="bar", data=[[1, 2]], title=title, width=300, height=200))
    lines = [t["text"] for t in data["texts"] if t["role"] == "title"]
    assert len(lines) == 2 and " ".join(lines) == title  # all of it, no ellipsis
    _no_two_overlap(data)


def test_365_thin_bars_leave_no_gaps_between_columns():
    from dyngraph.render import render

    image = render(make(type="bar", data=[[10] * 365], width=480, height=200, grid=False, colors=["cc0000"]))
    data = layout(make(type="bar", data=[[10] * 365], width=480, height=200, grid=False, colors=["cc0000"]))
    left, right = round(data["plot"]["left"]) + 1, round(data["plot"]["right"]) - 1
    row = [image.getpixel((x, 150)) for x in range(left, right)]
    assert row.count((0xcc, 0, 0)) == len(row)  # a filled step area: no moire of empty columns


@pytest.mark.parametrize("kind", ["bar", "hbar"])
@pytest.mark.parametrize("fixed", ["", "&min=-12&max=100"])  # the axis' own range leaves room; a fixed one may not
def test_value_labels_sit_beyond_the_bar_end_or_inside_it_never_across_it(kind, fixed):
    from dyngraph import theme
    from dyngraph.colour import contrast
    from dyngraph.render import render

    spec = parse(f"type={kind}&data=30,-12,55,100&labels=North|South|East|West&marks=N,000000,0,-1,11"
                 f"&width=360&height=200{fixed}")
    data = layout(spec)
    values = [t for t in data["texts"] if t["role"] == "value"]
    boxes = data["series"][0]["boxes"]
    assert [t["text"] for t in values] == ["30", "-12", "55", "100"]
    image = render(spec)
    insides = []
    for text, bar in zip(values, boxes):
        left, top, right, bottom = text["box"]
        b_left, b_top, b_right, b_bottom = bar
        inside = b_left <= left and right <= b_right + 1 and b_top <= top and bottom <= b_bottom + 1
        beyond = (right <= b_left or left >= b_right) if kind == "hbar" else (bottom <= b_top or top >= b_bottom)
        assert inside or beyond, (text, bar)
        insides.append(inside)
        if inside:  # in an ink that reads on the bar, measured on the pixels
            bar_colour = image.getpixel((round(b_left) + 1, round(b_top) + 1))
            ink = max((image.getpixel((x, y)) for x in range(left, right) for y in range(top, bottom)),
                      key=lambda c: contrast(c, bar_colour))
            assert contrast(ink, bar_colour) >= theme.TEXT_CONTRAST
    assert any(insides) == bool(fixed)  # room reserved unless the range is fixed: then inside, readable
    if kind == "bar" and not fixed:  # the negative bar's label hangs below its end, not over its edge
        assert values[1]["box"][1] >= boxes[1][3]


def test_long_category_labels_wrap_onto_two_lines_before_an_ellipsis():
    spec = make(type="bar", data=[[3, 5, 2, 4]], labels=["Escalations", "Second line support", "Field service",
                                                         "Other"], width=300, height=240)
    data = layout(spec)
    ticks = [t["text"] for t in data["texts"] if t["role"] == "xtick"]
    assert "Field" in ticks and "service" in ticks  # two lines, not "Field ser…"
    assert "Other" in ticks
    _no_two_overlap(data)
