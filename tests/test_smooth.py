"""smooth=<tension>: Chart.js's curved lines, natively and from QuickChart's lineTension/tension."""

from urllib.parse import quote

from dyngraph.render import layout, render
from dyngraph.render.curve import spline
from dyngraph.settings import Settings
from dyngraph.sources import resolve
from dyngraph.spec import make, parse, to_query


def test_the_curve_passes_through_every_point():
    points = [(0.0, 50.0), (40.0, 10.0), (80.0, 60.0), (120.0, 20.0)]
    curve = spline(points, 0.4)
    for point in points:
        assert any(abs(x - point[0]) < 1e-9 and abs(y - point[1]) < 1e-9 for x, y in curve)
    assert len(curve) > len(points) and spline(points, 0) == points


def test_points_closer_than_a_few_pixels_stay_straight():
    dense = [(i * 1.0, (i % 2) * 5.0) for i in range(50)]
    assert spline(dense, 0.4) == dense


def _peak(smooth):
    spec = make(type="line", data=[[0, 10, 0]], width=300, height=200, colors=["ff0000"], linewidth=2,
                grid=False, max=12, **({"smooth": smooth} if smooth else {}))
    (x0, y0), (x1, y1), (x2, y2) = layout(spec)["series"][0]["points"]
    image = render(spec).convert("RGB")
    probe = (round(x1 + 0.15 * (x2 - x1)), round(y1 + 3))  # just right of the peak, near its height
    return image.getpixel(probe)


def test_a_smooth_line_rounds_over_a_peak_where_a_straight_one_falls_away():
    curved, straight = _peak(0.4), _peak(0)
    assert curved[0] > 200 and curved[1] < 120  # the red line passes there
    assert straight == (255, 255, 255)


def test_smooth_round_trips():
    spec = make(type="area", data=[[1, 3, 2]], smooth=0.4)
    assert parse(to_query(spec)) == spec and "smooth=0.4" in to_query(spec)


def test_quickchart_line_tension_curves_the_line():
    config = "{type:'line',data:{labels:['a','b','c'],datasets:[{data:[1,3,2],lineTension:0.4}]}}"
    assert resolve("c=" + quote(config), Settings()).smooth == 0.4


def test_quickchart_draws_chartjs2_lines_straight_unless_a_dataset_asks():
    config = ("{type:'line',data:{labels:['a','b','c'],datasets:[{data:[1,3,2]}]},"
              "options:{elements:{line:{tension:0.4}}}}")
    assert resolve("c=" + quote(config), Settings()).smooth == 0  # QuickChart sets lineTension 0 in v2
    assert resolve("v=3&c=" + quote(config), Settings()).smooth == 0.4


def test_smooth_and_slice_labels_apply_only_to_their_chart_types():
    import pytest

    from dyngraph.errors import SpecError

    with pytest.raises(SpecError, match="^smooth: does not apply to type=bar"):
        make(type="bar", data=[[1, 2]], smooth=0.4)
    with pytest.raises(SpecError, match="^slicelabels: does not apply to type=line"):
        make(type="line", data=[[1, 2]], slicelabels="value")
