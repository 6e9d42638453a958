"""Work bounded by the picture: the bounds draw what the unbounded loops drew, or what the eye sees.

The runaway requests themselves are named cases in tests/test_abuse.py; these tests check the
pictures the bounds give and that each bound holds exactly where it says.
"""

import pytest

from dyngraph.render import render
from dyngraph.render.axes import thinned
from dyngraph.render.canvas import Canvas
from dyngraph.render.geometry import dash_polyline
from dyngraph.spec import parse

GREY = (0xcc, 0xcc, 0xcc)


def _dashes_one_rect_each(canvas, x0, y0, x1, y1, fill, dash, space):
    """The drawing Canvas.dashes replaced: one rectangle per dash."""
    vertical = x0 == x1
    start, end = (y0, y1) if vertical else (x0, x1)
    pos = start
    while pos < end:
        stop = min(end, pos + dash)
        if vertical:
            canvas.rect(x0, pos, x0 + 1, stop, fill)
        else:
            canvas.rect(pos, y0, stop, y0 + 1, fill)
        pos += dash + space


@pytest.mark.parametrize(("size", "line", "dash", "space"), [
    ((200, 100), (10, 5, 10, 95), 4, 1),
    ((200, 100), (3, 7.5, 190.25, 7.5), 0.5, 0.5),
    ((200, 100), (-5, 20, 250, 20), 3.3, 1.7),
    ((200, 100), (150, -3, 150, 120), 1, 2),
    ((700, 700), (1, 10, 690, 10), 0.25, 0.3),  # supersampled by 2: a dash every 1.1 samples
    ((60, 60), (2, 50, 58, 50), 0.2, 0.2),  # dashes closer than a sample: solid
])
@pytest.mark.parametrize("ink", [(0x33, 0x66, 0x99), (0xcc, 0x22, 0x00, 0x80)])
@pytest.mark.parametrize("background", ["ffffff", "00000000"])
@pytest.mark.parametrize("scale", [1, 2])
def test_a_stamped_dash_line_is_exactly_the_dashes_drawn_one_by_one(size, line, dash, space, ink, background, scale):
    stamped, drawn = Canvas(*size, background, scale=scale), Canvas(*size, background, scale=scale)
    stamped.dashes(*line, ink, dash, space)
    _dashes_one_rect_each(drawn, *line, ink, dash, space)
    a, b = stamped.finish(), drawn.finish()
    if len(ink) == 3:
        assert a.tobytes() == b.tobytes()
    else:  # a translucent ink: blended through the stamp's alpha, off by at most one level
        assert max(abs(p - q) for p, q in zip(a.tobytes(), b.tobytes())) <= 1


def _grid_columns(image, row):
    return [x for x in range(image.width) if image.getpixel((x, row))[:3] == GREY]


def test_a_grid_finer_than_two_pixels_is_thinned_to_every_nth_line_and_stays_a_grid():
    fine = render(parse("data=0,0&colors=ffffff&axes=none&margins=0,0,0,0&gridlines=0.1,50,0,0&width=400&height=100"))
    columns = _grid_columns(fine, 20)
    gaps = {b - a for a, b in zip(columns, columns[1:-1])}  # the last line is kept inside the plot
    assert len(columns) > 100  # still a dense grid across the plot ...
    assert min(gaps) >= 2  # ... of lines at least 2 px apart (0.1 % is 0.4 px: every 5th line)
    coarse = render(parse("data=0,0&colors=ffffff&axes=none&margins=0,0,0,0&gridlines=10,50,0,0&width=400&height=100"))
    assert _grid_columns(coarse, 20) == [40 * n for n in range(10)] + [399]  # no bound: every 10 %


def test_fine_dashed_grid_lines_are_dashed():
    image = render(parse("data=0,0&colors=ffffff&axes=none&margins=0,0,0,0&gridlines=50,0,2,2&width=200&height=100"))
    column = [image.getpixel((100, y))[:3] == GREY for y in range(100)]
    assert 40 <= sum(column) <= 60 and not all(column[10:14])


def test_a_tiny_axis_step_draws_at_most_a_tick_per_two_pixels_with_labels_that_do_not_overlap():
    image = render(parse("data=0,0&axes=x&axisranges=0,0,1000000,0.001&axisstyles=0,ff0000,10,,lt,0000ff"
                         "&colors=ffffff&width=400&height=100"))
    blue = {x for x in range(400) for y in range(50, 100) if image.getpixel((x, y)) == (0, 0, 255)}
    assert 50 < len(blue) <= 400 // 2 + 1
    red = sorted({x for x in range(400) for y in range(50, 100) if image.getpixel((x, y))[0] > 200 > image.getpixel((x, y))[2]})
    words = 1 + sum(1 for a, b in zip(red, red[1:]) if b - a > 3)
    assert 2 <= words <= 8  # a few readable labels, not a smear of a billion


def test_thinning_keeps_every_item_when_there_is_room():
    items = [(("f", i / 10), str(i * 10)) for i in range(11)]
    assert thinned(items, 400, 0, lambda text: 7 * len(text)) == items


def test_thinning_blanks_labels_before_it_drops_ticks():
    items = [(("f", i / 999), str(i)) for i in range(1000)]
    kept = thinned(items, 400, 0, lambda text: 7 * len(text))
    assert len(kept) <= 200 and kept[0] == items[0]
    labelled = [place for place, text in kept if text]
    assert 5 <= len(labelled) < len(kept)
    steps = {round((b[1] - a[1]) * 400, 6) for a, b in zip(labelled, labelled[1:])}
    assert len(steps) == 1  # evenly spaced: every n-th label


def test_dashes_past_the_limit_continue_as_one_solid_piece():
    line = [(0.0, 0.0), (1000.0, 0.0)]
    pieces = dash_polyline(line, 1, 1, limit=10)
    assert len(pieces) == 11
    assert pieces[-1][-1] == (1000.0, 0.0) and pieces[-1][0][0] == pytest.approx(19.0)  # from the end of the last dash
    assert len(dash_polyline(line, 1, 1)) == 500  # under the limit: every dash


def test_a_chart_draws_at_most_its_dash_allowance_then_solid_lines():
    zigzag = ",".join("0" if i % 2 else "9" for i in range(700))
    image = render(parse(f"data={zigzag}&linestyles=2,0.05,0.05&colors=000000&width=300&height=200"))
    assert image.size == (300, 200)
    dark = sum(image.convert("L").histogram()[:100])
    assert dark > 300 * 200 * 0.2  # drawn: the zigzag fills its plot


def test_marks_on_more_points_than_columns_keep_each_columns_extremes():
    values = ",".join(str((i * 37) % 97) for i in range(2000))
    query = f"data={values}&colors=ffffff&marks=s,ff0000,0,-1,3&width=200&height=120&grid=0"
    image = render(parse(query))
    red = [(x, y) for x in range(200) for y in range(120) if image.getpixel((x, y))[0] > 200 > image.getpixel((x, y))[1]]
    rows = {y for _, y in red}
    assert max(rows) - min(rows) >= 75  # the highest and lowest marks are all there: the plot's height


# --- the work budget -------------------------------------------------------------------

from dyngraph import gallery  # noqa: E402
from dyngraph.graph_app import make_app  # noqa: E402
from dyngraph.limits import DEFAULT_LIMITS, Limits  # noqa: E402
from dyngraph.record import replace  # noqa: E402
from dyngraph.render import _drawn  # noqa: E402
from dyngraph.settings import Settings  # noqa: E402

STANDARD = "data=" + "|".join(",".join(str((i * (s + 3)) % 7) for i in range(100)) for s in range(3)) + \
    "&width=600&height=300&format=png"


def _work(query):
    return _drawn(parse(query), "").work


@pytest.mark.parametrize(("caption", "spec"), gallery.examples(), ids=lambda v: str(v)[:30])
def test_gallery_charts_stay_far_below_the_work_budget(caption, spec):
    canvas = _drawn(spec, "")
    assert 0 < canvas.work < DEFAULT_LIMITS.max_work / 20


def test_the_budget_counts_the_work_a_chart_grows_with():
    few = _work("data=1,2,3&marks=o,ff0000,0,-1,5")
    many = _work("data=" + ",".join("123"[i % 3] for i in range(300)) + "&marks=o,ff0000,0,-1,5")
    texts = _work("data=1,2,3&marks=N,ff0000,0,-1,9")
    assert few < many and few < texts
    assert _work(STANDARD) < DEFAULT_LIMITS.max_work / 20


def test_a_chart_over_the_budget_is_a_400_naming_the_setting(graph):
    settings = replace(Settings(), limits=replace(Limits(), max_work=_work(STANDARD) // 2))
    import webtest

    app = webtest.TestApp(make_app(settings))
    refused = app.get("/?" + STANDARD, status=400)
    assert refused.content_type == "text/plain"
    assert refused.text.startswith("chart: this chart would take too long to draw; ")
    assert "DYNGRAPH_MAX_WORK" in refused.text and refused.text.count("\n") == 1
    image = app.get("/?" + STANDARD, headers={"Accept": "image/png"}, status=400)
    assert image.content_type == "image/png" and image.headers["X-Dyngraph-Error"].startswith("chart: this chart")
    assert app.get("/?data=1,2,3&format=png").status_int == 200  # a small chart still draws
    assert webtest.TestApp(make_app(Settings())).get("/?" + STANDARD).status_int == 200


def test_a_radar_of_100000_spokes_is_refused_by_the_budget_not_drawn_for_seconds(graph):
    from dyngraph.compact import encode

    from test_abuse import HANG_LIMIT, hang_guard

    query = "type=radar&width=1000&height=1000&data=" + encode(((1.0,) * 100_000,))
    with hang_guard(HANG_LIMIT):
        refused = graph.get("/?" + query, status=400)
    assert refused.text.startswith("chart: this chart would take too long to draw; ")
