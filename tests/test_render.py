"""The renderer, checked on decoded pixels: sizes, where colours land, layout, degenerate data."""


import pytest

from dyngraph.encode import encode
from dyngraph.render import CHARTS, render, render_error
from dyngraph.render.canvas import Canvas, factor
from dyngraph.render.frame import Entry, legend, outer_box
from dyngraph.spec import FORMATS, make
from tests.conftest import applicable, decode

RED, BLUE, GREEN = (255, 0, 0), (0, 0, 255), (0, 160, 0)

SAMPLES = {  # chart type -> data that suits it
    "line": [[3, 5, 2, 8], [1, 2, 3, 4]],
    "area": [[3, 5, 2, 8], [1, 2, 3, 4]],
    "bar": [[3, -5, 2, 8], [1, 2, 3, 4]],
    "hbar": [[3, 5, 2, 8], [1, 2, 3, 4]],
    "pie": [[3, 5, 2, 8]],
    "donut": [[3, 5, 2, 8]],
    "scatter": [[1, 2, 3, 5, 4, 1], [2, 2, 5, 5]],
    "sparkline": [[3, 5, 2, 8, 6, 7]],
    "radar": [[3, 5, 2, 8], [1, 2, 3, 4]],
}


def draw(**options):
    return render(make(**options))


def pixels_near(image, rgb, box=None, tolerance=24):
    """(x, y) of the pixels within ``tolerance`` of ``rgb`` (per channel), inside ``box``."""
    image = image.convert("RGB")
    left, top, right, bottom = box or (0, 0, image.width, image.height)
    data = image.load()
    return [(x, y) for y in range(top, bottom) for x in range(left, right)
            if all(abs(a - b) <= tolerance for a, b in zip(data[x, y], rgb))]


def test_the_registry_covers_every_chart_type():
    from dyngraph.spec import CHART_TYPES

    assert set(CHARTS) == set(CHART_TYPES)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", sorted(CHARTS))
def test_every_type_renders_exactly_the_requested_size_in_every_format(kind, fmt):
    spec = make(**applicable(kind, dict(type=kind, data=SAMPLES[kind], width=333, height=171, format=fmt, title="T",
                                        legend=["a"], labels=["w", "x", "y", "z"])))
    image = decode(encode(render(spec), fmt))
    assert image.size == (333, 171)
    assert image.format == {"jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP"}[fmt]
    assert len(image.convert("RGB").getcolors(1 << 20)) > 2  # something was drawn


@pytest.mark.parametrize("size", [(16, 16), (17, 300), (2000, 16), (2000, 500), (1000, 1000), (120, 30)])
@pytest.mark.parametrize("kind", sorted(CHARTS))
def test_every_type_fits_tiny_and_huge_sizes(kind, size):
    image = render(make(**applicable(kind, dict(type=kind, data=SAMPLES[kind], width=size[0], height=size[1],
                                                title="A title", legend=["first series"], labels=["a", "b", "c", "d"]))))
    assert image.size == size


def test_supersampling_factor_keeps_memory_bounded():
    assert factor(480, 240) == 4
    assert factor(600, 300) >= 3
    for width, height in [(2000, 750), (1224, 1224), (2000, 2000)]:
        k = factor(width, height)
        assert k >= 1 and width * height * k * k * 4 <= 40 * 2**20


def test_series_colour_lands_where_its_data_is():
    image = draw(type="line", data=[[10, 10, 10], [0, 0, 0]], colors=["ff0000", "0000ff"], grid=0,
                 width=300, height=200)
    red, blue = pixels_near(image, RED), pixels_near(image, BLUE)
    assert red and blue
    assert max(y for _, y in red) < 100 < min(y for _, y in blue)


def test_a_gap_leaves_a_gap():
    image = draw(type="line", data=[[5, 5, None, None, 5, 5]], colors=["ff0000"], width=300, height=120, grid=0)
    xs = sorted({x for x, _ in pixels_near(image, RED)})
    assert xs[0] < 80 and xs[-1] > 220
    assert not [x for x in xs if 130 <= x <= 170]


def test_an_isolated_point_between_gaps_is_still_drawn():
    image = draw(type="line", data=[[None, 5, None]], colors=["ff0000"], width=200, height=100)
    assert len(pixels_near(image, RED)) >= 9


def test_negative_bars_hang_below_the_zero_line():
    image = draw(type="bar", data=[[5, -5]], colors=["ff0000"], width=300, height=200, grid=0)
    red = pixels_near(image, RED, tolerance=4)
    left = [y for x, y in red if x < 150]
    right = [y for x, y in red if x >= 150]
    assert max(left) < min(right)  # the positive bar ends where the negative one starts
    assert abs(max(left) + 1 - min(right)) <= 2  # both meet at the zero line


def test_hbar_bars_grow_rightwards_in_label_order():
    image = draw(type="hbar", data=[[10, 5]], colors=["ff0000"], labels=["long", "short"], width=300, height=200)
    red = pixels_near(image, RED, tolerance=4)
    top = [x for x, y in red if y < 100]
    bottom = [x for x, y in red if y >= 100]
    assert max(top) - min(top) > 1.7 * (max(bottom) - min(bottom))


def test_stacked_bars_are_taller_than_grouped():
    def highest(stacked):
        image = draw(type="bar", data=[[5, 5], [5, 5]], colors=["ff0000", "0000ff"], stacked=stacked,
                     width=300, height=200, max=12)
        return min(y for _, y in pixels_near(image, RED, tolerance=4) + pixels_near(image, BLUE, tolerance=4))

    assert highest(True) < highest(False) - 40


def test_stacked_area_puts_the_second_series_on_top():
    image = draw(type="area", stacked=True, data=[[5, 5, 5], [5, 5, 5]], colors=["ff0000", "0000ff"],
                 width=300, height=200, grid=0)
    red = pixels_near(image, RED, tolerance=80)
    blue = pixels_near(image, BLUE, tolerance=80)
    assert sum(y for _, y in blue) / len(blue) < sum(y for _, y in red) / len(red)


def test_pie_slice_areas_are_in_proportion():
    image = draw(type="pie", data=[[75, 25]], colors=["ff0000", "0000ff"], width=200, height=200)
    red, blue = len(pixels_near(image, RED, tolerance=8)), len(pixels_near(image, BLUE, tolerance=8))
    assert red / blue == pytest.approx(3, rel=0.08)


def test_donut_has_a_hole_in_the_background_colour():
    image = draw(type="donut", data=[[1]], colors=["ff0000"], width=200, height=200).convert("RGB")
    assert image.getpixel((100, 100)) == (255, 255, 255)
    assert len(pixels_near(image, RED, tolerance=8)) > 5000


def test_sparkline_markers_sit_on_the_extremes():
    data = [[3, 9, 1, 4]]
    plain = draw(type="sparkline", data=data, colors=["000000"], width=120, height=30)
    marked = draw(type="sparkline", data=data, colors=["000000"], width=120, height=30, markers=["max", "min"])
    assert not pixels_near(plain, (0x00, 0x9e, 0x73))
    top = pixels_near(marked, (0x00, 0x9e, 0x73), tolerance=10)  # max marker, green
    bottom = pixels_near(marked, (0xd5, 0x5e, 0x00), tolerance=10)  # min marker, vermillion
    assert top and bottom
    assert max(y for _, y in top) < 15 < min(y for _, y in bottom)
    assert 30 < sum(x for x, _ in top) / len(top) < 50  # second of four points


def test_scatter_dots_land_at_their_xy():
    image = draw(type="scatter", data=[[0, 0, 10, 10]], colors=["ff0000"], width=300, height=300, grid=0)
    red = pixels_near(image, RED, tolerance=60)
    low_left = [p for p in red if p[0] < 150 and p[1] > 150]
    high_right = [p for p in red if p[0] > 150 and p[1] < 150]
    assert low_left and high_right and len(low_left) + len(high_right) == len(red)


def test_lines_are_antialiased():
    image = draw(type="line", data=[[0, 10]], colors=["000000"], grid=0, width=300, height=300)
    plot = image.crop((100, 100, 200, 200)).convert("L")
    greys = {value for count, value in plot.getcolors(256) if 10 < value < 245}
    assert len(greys) >= 4  # edge pixels blend: not just black and white


@pytest.mark.parametrize("position", ["right", "bottom", "top", "auto"])
def test_legend_never_covers_the_plot(position):
    canvas = Canvas(400, 200)
    entries = [Entry(f"A rather long series name {i}", (255, 0, 0)) for i in range(5)]
    box = legend(canvas, entries, outer_box(canvas), position)
    image = canvas.finish().convert("RGB")
    inside = image.crop(tuple(round(v) for v in box.rect))
    outside_colours = len(image.getcolors(1 << 16))
    assert inside.getcolors(1) == [(inside.width * inside.height, (255, 255, 255))]
    assert outside_colours > 2  # the legend was drawn, beside the box
    assert box.width > 150 and box.height > 60


@pytest.mark.parametrize("position", ["right", "bottom"])
def test_a_legend_too_long_to_fit_says_how_many_it_leaves_out(position):
    canvas = Canvas(400, 200)
    colours = [(200, 10 * i, 0) for i in range(25)]
    entries = [Entry(f"Slice number {i}", colour) for i, colour in enumerate(colours)]
    box = legend(canvas, entries, outer_box(canvas), position)
    image = canvas.finish().convert("RGB")
    drawn = {colour for _, colour in image.getcolors(1 << 16)} & set(colours)
    assert 3 <= len(drawn) < 25  # not all fit, and the first ones are shown
    # The space after the last swatch holds a "+N more" line in the legend's ink, not blank.
    legend_area = image.crop((round(box.right) + 1, 0, 400, 200)) if position == "right" else \
        image.crop((0, round(box.bottom) + 1, 400, 200))
    rows = [y for y in range(legend_area.height)
            if any(legend_area.getpixel((x, y)) in drawn for x in range(legend_area.width))]
    after = legend_area.crop((0, max(rows) + 2, legend_area.width, legend_area.height)).convert("L") \
        if position == "right" else legend_area.crop((0, 0, legend_area.width, legend_area.height)).convert("L")
    assert after.getextrema()[0] < 128  # dark text
    if position == "right":
        assert not set(colours) & {c for _, c in legend_area.crop((0, max(rows) + 2, legend_area.width,
                                                                     legend_area.height)).getcolors(1 << 16)}


def test_category_labels_are_thinned_not_overlapping():
    labels = [f"Category {i}" for i in range(60)]
    image = draw(type="bar", data=[list(range(60))], labels=labels, width=400, height=200)
    strip = image.convert("L").crop((0, 180, 400, 200))
    columns = [any(strip.getpixel((x, y)) < 200 for y in range(strip.height)) for x in range(strip.width)]
    runs, inside = 0, False
    for dark in columns:
        runs += dark and not inside
        inside = dark if dark else (inside and False)
    assert 2 <= runs  # some labels are shown
    gaps = "".join("x" if c else "." for c in columns)
    assert ". " not in gaps and "........" in gaps.strip(".")  # and kept apart


def test_transparent_background_survives_png_and_is_flattened_for_jpeg():
    spec = make(type="line", data=[[1, 3, 2]], background="ffffff00", format="png")
    image = render(spec)
    assert image.mode == "RGBA" and image.getpixel((0, 0))[3] == 0
    assert decode(encode(image, "png")).convert("RGBA").getpixel((0, 0))[3] == 0
    assert decode(encode(image, "webp")).convert("RGBA").getpixel((0, 0))[3] == 0
    assert decode(encode(image, "jpeg")).convert("RGB").getpixel((0, 0)) == pytest.approx((255, 255, 255), abs=2)


def test_dark_background_gets_light_text():
    image = draw(type="line", data=[[1, 3, 2]], background="000000", title="Dark", width=300, height=150)
    title = image.crop((100, 0, 200, 30)).convert("L")
    assert title.getextrema()[1] > 200


DEGENERATE = {
    "one point": dict(data=[[5]]),
    "all equal": dict(data=[[7, 7, 7, 7]]),
    "all missing": dict(data=[[None, None, None]]),
    "zeros": dict(data=[[0, 0, 0]]),
    "huge": dict(data=[[-1e15, 1e15, 0, 1e15]]),
    "tiny": dict(data=[[1e-300, 2e-300, 3e-300, 1e-300]]),
    "nearly equal": dict(data=[[1e15, 1e15 - 0.125, 1e15, 1e15]]),
    "range far from data": dict(data=[[1, 2, 3, 4]], min=1e14, max=1e15),
    "microscopic range": dict(data=[[0, 1e15, 3, 1e15]], min=0, max=1e-9),
    "empty labels": dict(data=[[1, 2, 3, 4]], labels=["", "", "x", ""]),
    "long text": dict(data=[[1, 2, 3, 4]], title="T" * 200, labels=["L" * 100] * 4, legend=["N" * 100]),
    "thick lines": dict(data=[[1, 9, 1, 9]], linewidth=12, dots=1),
}


@pytest.mark.parametrize("case", sorted(DEGENERATE))
@pytest.mark.parametrize("kind", sorted(CHARTS))
def test_degenerate_data_draws_without_raising(kind, case):
    options = dict(DEGENERATE[case])
    if kind == "scatter":
        options["data"] = [[v if v is None else i for i, v in enumerate(options["data"][0])] + options["data"][0]
                           if len(options["data"][0]) % 2 else options["data"][0]]
    if kind in ("pie", "donut"):
        options["data"] = [[None if v is None else abs(v) for v in options["data"][0]]]
        options.pop("min", None)
        options.pop("max", None)
    image = render(make(type=kind, width=240, height=160, **applicable(kind, options)))
    assert image.size == (240, 160)


@pytest.mark.parametrize("kind", ["line", "area", "bar", "scatter", "pie"])
def test_all_missing_says_no_data(kind):
    data = [[0, 0]] if kind == "pie" else [[None, None]]
    image = draw(type=kind, data=data, width=300, height=200)
    middle = image.convert("L").crop((100, 80, 200, 120))
    assert middle.getextrema()[0] < 180  # the words "No data"


def test_many_points_keep_their_extremes():
    """100,000 points are reduced per pixel column (timed in bench/), and a lone spike survives."""
    import random

    rng = random.Random(3)
    data = [[rng.uniform(0, 1) for _ in range(100_000)]]
    data[0][50_000] = 20.0  # one spike must survive the thinning
    image = draw(type="line", data=data, colors=["ff0000"], width=600, height=300, grid=0, max=20)
    red = pixels_near(image, RED, tolerance=90)
    assert min(y for _, y in red) < 30  # the spike reaches the top


def test_error_image_shows_the_message():
    image = render_error("width: must be an integer from 16 to 2000, got 'abc'", width=300, height=60)
    assert image.size == (300, 60)
    assert sum(image.convert("L").histogram()[:120]) > 100  # dark text pixels


@pytest.mark.parametrize("size", [(1, 1), (16, 16), (2000, 2000)])
def test_error_image_fits_any_size(size):
    assert render_error("x" * 500, width=size[0], height=size[1]).size == size


def test_api_reference_is_generated_from_params():
    """docs/api.md is written by docs/make_images.py from PARAMS; run `make docs` when a parameter changes."""
    import importlib.util

    from tests.conftest import ROOT

    path = ROOT / "docs" / "make_images.py"
    module_spec = importlib.util.spec_from_file_location("make_images", path)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    assert (ROOT / "docs" / "api.md").read_text(encoding="utf-8") == module.api_markdown(), "run `make docs`"
    for name in __import__("dyngraph.spec", fromlist=["PARAMS"]).PARAMS:
        assert f"| `{name}` |" in module.api_markdown()


def test_long_category_labels_are_shortened_rather_than_dropped():
    from dyngraph.render.canvas import Canvas
    from dyngraph.render.frame import _category_ticks

    labels = ["Northern Europe and Scandinavia", "Southern Europe Mediterranean", "Eastern Europe",
              "Western Europe and the Benelux", "British Isles"]
    spec = make(type="bar", data=[5, 8, 3, 9, 4], labels=labels)
    ticks = _category_ticks(spec, 5, 90, Canvas(480, 240, "ffffff"), 200)
    assert [i for i, _ in ticks] == [0, 1, 2, 3, 4]
    assert ticks[0][1].endswith("…") and ticks[2][1] == "Eastern Europe"
    crowded = _category_ticks(make(type="bar", data=[1] * 40, labels=labels * 8), 40, 11, Canvas(480, 240, "ffffff"), 200)
    assert 1 < len(crowded) < 40  # slots too narrow to shorten into: thinned out instead
