"""Native radar charts (type=radar), natively and from Google's cht=r / cht=rs, checked on pixels and layout."""

import math

import pytest

from conftest import decode
from dyngraph.render import layout, render
from dyngraph.settings import Settings
from dyngraph.sources import resolve, resolve_chart
from dyngraph.spec import make, parse, to_query


def spec(**options):
    base = dict(type="radar", data=[[10, 5, 10, 5]], width=300, height=300, min=0, max=10, grid=False)
    base.update(options)
    return make(**base)


def test_spokes_run_clockwise_from_twelve_oclock():
    points = layout(spec())["series"][0]["points"]
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points
    centre_x, centre_y = (x0 + x2) / 2, (y0 + y2) / 2
    assert abs(x0 - centre_x) < 1 and y0 < centre_y  # the first value straight up
    assert x1 > centre_x and abs(y1 - centre_y) < 1  # the second to the right: clockwise
    assert abs(x3 - centre_x) < 1 or x3 < centre_x
    radius = centre_y - y0
    assert math.isclose(x1 - centre_x, radius / 2, rel_tol=0.02)  # 5 of 0-10 is half way out


def test_each_series_is_a_closed_outline_in_its_colour():
    image = render(spec(colors=["ff0000"], linewidth=3)).convert("RGB")
    points = layout(spec(colors=["ff0000"], linewidth=3))["series"][0]["points"]
    (x0, y0), (x1, y1) = points[0], points[3]  # the closing segment, from the last point back to the first
    mx, my = round((x0 + x1) / 2), round((y0 + y1) / 2)
    assert image.getpixel((mx, my))[0] > 200 and image.getpixel((mx, my))[1] < 80


def test_marks_b_fill_the_series_polygon():
    drawn = render(spec(colors=["0000ff"], marks="B,00ff00,0,0,0")).convert("RGB")
    plain = render(spec(colors=["0000ff"])).convert("RGB")
    x0, y0 = layout(spec())["series"][0]["points"][0]
    x2, y2 = layout(spec())["series"][0]["points"][2]
    centre = (round((x0 + x2) / 2), round((y0 + y2) / 2))
    assert drawn.getpixel(centre) == (0, 255, 0) and plain.getpixel(centre) == (255, 255, 255)


def test_gaps_break_the_outline():
    points = layout(spec(data=[[10, None, 10, 5]]))["series"][0]["points"]
    assert points[1] is None and points[0] is not None


def test_spoke_labels_and_the_grid_are_drawn():
    texts = layout(spec(labels=["North", "East", "South", "West"], grid=True))["texts"]
    assert {t["text"] for t in texts if t["role"] == "xtick"} == {"North", "East", "South", "West"}
    assert [t["text"] for t in texts if t["role"] == "ytick"]  # ring values up the first spoke
    north = next(t for t in texts if t["text"] == "North")["box"]
    south = next(t for t in texts if t["text"] == "South")["box"]
    assert north[3] < south[1]


def test_radar_round_trips():
    made = spec(labels=["a", "b", "c", "d"], legend=["x"], marks="B,00ff0080,0,0,0", dots=True)
    assert parse(to_query(made)) == made


def test_google_radar_drops_a_closing_repeat_and_fills_with_chm_b(graph):
    chart = resolve("cht=r&chs=200x200&chd=t:10,20,30,40,10&chm=B,FF000080,0,0,0&chco=0000ff", Settings())
    assert chart.type == "radar" and chart.data == ((10, 20, 30, 40),)
    assert chart.marks[0][:2] == ("B", "ff000080")
    image = decode(graph.get("/?cht=r&chs=200x200&chd=t:10,20,30,40,10&chm=B,FF000080,0,0,0&chco=0000ff").body)
    assert image.size == (200, 200)
    colours = {c[:3] for _, c in image.convert("RGBA").getcolors(40000)}
    assert (0, 0, 255) in colours


@pytest.mark.parametrize("cht", ["r", "rs"])
def test_google_radar_types_are_drawn(cht):
    chart = resolve_chart(f"cht={cht}&chs=200x200&chd=t:10,20,30,40&chxt=x&chxl=0:|a|b|c|d", Settings())
    assert chart.spec.type == "radar" and chart.spec.labels == ("a", "b", "c", "d")
    header = dict(chart.headers).get("X-Dyngraph-Unsupported", "")
    assert ("cht (partial" in header) == (cht == "rs")


def test_quickchart_radar_fills_under_in_chartjs2():
    from urllib.parse import quote

    config = "{type:'radar',data:{labels:['a','b','c'],datasets:[{label:'x',data:[3,4,5]}]}}"
    chart = resolve("c=" + quote(config), Settings())
    assert chart.type == "radar" and chart.labels == ("a", "b", "c") and chart.marks[0][0] == "B"


def _ink_along(image, a, b, ink, steps=400):
    """How many of ``steps`` points on the segment a-b are close to ``ink``."""
    hits = 0
    for i in range(steps):
        x = round(a[0] + (b[0] - a[0]) * i / steps)
        y = round(a[1] + (b[1] - a[1]) * i / steps)
        pixel = image.getpixel((x, y))
        hits += sum(abs(p - q) for p, q in zip(pixel, ink)) < 120
    return hits / steps


def test_dashed_linestyles_draw_dashes_on_the_outline():
    solid = render(spec(colors=["ff0000"], linestyles="3")).convert("RGB")
    dashed = render(spec(colors=["ff0000"], linestyles="3,8,8")).convert("RGB")
    a, b = layout(spec())["series"][0]["points"][:2]
    inner = (a[0] + (b[0] - a[0]) * 0.1, a[1] + (b[1] - a[1]) * 0.1)
    outer = (a[0] + (b[0] - a[0]) * 0.9, a[1] + (b[1] - a[1]) * 0.9)
    assert _ink_along(solid, inner, outer, (255, 0, 0)) > 0.95
    assert 0.3 < _ink_along(dashed, inner, outer, (255, 0, 0)) < 0.75  # dash and gap alternate


def test_series_past_the_palette_differ_by_dashes_not_by_nothing():
    count = 14  # the palette has 12 colours: the 13th repeats the first one's colour
    data = [[2 + (n % 7), 9 - (n % 5), 3 + (n % 4), 8 - (n % 3)] for n in range(count)]
    first = [[0] * 4 for _ in range(count)]
    first[0], thirteenth = data[0], [[0] * 4 for _ in range(count)]
    thirteenth[12] = data[0]
    one = render(spec(data=first)).convert("RGB")
    other = render(spec(data=thirteenth)).convert("RGB")
    assert one.tobytes() != other.tobytes()  # the same outline, the same colour: only the dashes tell them apart
