"""format=json: the layout the renderer really drew, checked against the pixels of the same chart."""

import json

import pytest
import webtest
from PIL import ImageChops

from dyngraph.gallery import examples
from dyngraph.graph_app import make_app
from dyngraph.record import replace
from dyngraph.render import _drawn, layout, render
from dyngraph.render.canvas import ROLES
from dyngraph.settings import Settings
from dyngraph.theme import MARKERS
from dyngraph.signing import sign
from dyngraph.spec import make, parse, to_query

GALLERY = [pytest.param(spec, id=caption) for caption, spec in examples()]
TEXTED = [pytest.param(spec, id=caption) for caption, spec in examples() if spec.type != "sparkline"]


def truetype():
    """A TrueType font every test environment has: matplotlib's DejaVu Sans (a test extra)."""
    from pathlib import Path

    import matplotlib

    return str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")
LINE = "type=line&data=3,5,,4|1,2,3,2&labels=Mon|Tue|Wed|Thu&legend=Sales|Costs&title=Week"


def overlapping(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_json_through_the_app_is_the_layout_of_the_image(graph):
    response = graph.get("/?" + LINE + "&format=json")
    assert response.content_type == "application/json"
    body = response.json
    assert body == layout(parse(LINE))
    assert (body["width"], body["height"]) == (480, 240)
    roles = {t["role"] for t in body["texts"]}
    assert {"title", "legend", "xtick", "ytick"} <= roles <= set(ROLES)
    assert [t["text"] for t in body["texts"] if t["role"] == "xtick"] == ["Mon", "Tue", "Wed", "Thu"]
    assert [t["text"] for t in body["texts"] if t["role"] == "legend"] == ["Sales", "Costs"]
    assert [(s["name"], s["colour"]) for s in body["series"]] == [("Sales", "0072b2"), ("Costs", "c88800")]  # the palette, 3:1 on white
    sales = body["series"][0]["points"]
    assert sales[2] is None and all(len(p) == 2 for p in sales if p is not None)
    plot = body["plot"]
    assert 0 <= plot["left"] < plot["right"] <= 480 and 0 <= plot["top"] < plot["bottom"] <= 240


def test_json_has_the_image_caching_rules(graph):
    first = graph.get("/?" + LINE + "&format=json")
    etag = first.headers["ETag"]
    assert etag != graph.get("/?" + LINE + "&format=png").headers["ETag"]
    assert graph.get("/?" + LINE + "&format=json", headers={"If-None-Match": etag}, status=304).body == b""
    head = graph.head("/?" + LINE + "&format=json")
    assert head.body == b"" and head.headers["Content-Length"] == first.headers["Content-Length"]


def test_a_bad_json_request_is_a_text_400_even_for_an_img_fetch(graph):
    accept = {"Accept": "image/avif,image/webp,image/*,*/*;q=0.8"}
    response = graph.get("/?data=1,x&format=json", headers=accept, status=400)
    assert response.content_type == "text/plain"
    assert response.text.startswith("data:")
    image = graph.get("/?data=1,x&format=png", headers=accept, status=400)  # images still explain themselves
    assert image.content_type == "image/png"


def test_qr_codes_have_no_layout(graph):
    response = graph.get("/?type=qr&qrtext=hello&format=json", status=400)
    assert response.text.startswith("format:")


def test_signed_sites_sign_json_too():
    settings = Settings(secrets=("s3cret",))
    app = webtest.TestApp(make_app(settings))
    query = "type=bar&data=1,2,3&format=json"
    assert app.get("/?" + query, status=403).content_type == "text/plain"
    assert app.get("/?" + sign(query, settings)).json["series"][0]["points"][0] is not None


@pytest.mark.parametrize("scale", [1, 2])
@pytest.mark.parametrize("font", ["built-in", "truetype"])
@pytest.mark.parametrize("spec", TEXTED)
def test_every_text_box_holds_its_ink_and_nothing_else(spec, font, scale):
    """Drawn without its texts, the image differs only inside the text boxes, and inside every one."""
    spec = replace(spec, scale=scale)
    canvas = _drawn(spec, truetype() if font == "truetype" else "")
    texts = canvas.texts()
    with_text = canvas.finish()
    canvas._texts = []
    without = canvas.finish()
    difference = ImageChops.difference(with_text.convert("RGB"), without.convert("RGB")).convert("L")
    pixels = difference.load()
    inked = {(x, y) for y in range(spec.height * scale) for x in range(spec.width * scale) if pixels[x, y] > 0}
    assert texts and inked
    for role, text, (left, top, right, bottom) in texts:
        assert role in ROLES
        assert any(left <= x < right and top <= y < bottom for x, y in inked), (role, text)
    outside = [p for p in inked if not any(b[0] <= p[0] < b[2] and b[1] <= p[1] < b[3] for _, _, b in texts)]
    assert outside == []


@pytest.mark.parametrize("spec", GALLERY)
def test_no_two_texts_overlap_in_the_gallery(spec):
    texts = layout(spec)["texts"]
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            assert not overlapping(a["box"], b["box"]), (a, b)


@pytest.mark.parametrize("spec", GALLERY)
def test_series_points_lie_on_their_colour(spec):
    """Every reported point is drawn in its series' colour (a line's vertex, a bar's top, a slice's middle)."""
    image = render(spec).convert("RGB")
    data = layout(spec)
    checked = 0
    for series in data["series"]:
        colours = [series["colour"]] + [MARKERS[m] for m in spec.markers]  # sparkline markers cover points
        wants = [tuple(int(c[i:i + 2], 16) for i in (0, 2, 4)) for c in colours]
        for point in series["points"]:
            if point is None:
                continue
            x, y = point
            steps = [(0, 0)]
            if spec.type == "bar":  # the bar's end: a step inside it (down from a top, up from a negative end)
                steps = [(0, 2), (0, -2)]
            elif spec.type == "hbar":
                steps = [(-2, 0), (2, 0)]
            near = [image.getpixel((min(max(round(x) + sx + dx, 0), spec.width - 1),
                                    min(max(round(y) + sy + dy, 0), spec.height - 1)))
                    for sx, sy in steps for dx in (-2, -1, 0, 1, 2) for dy in (-2, -1, 0, 1, 2)]
            assert any(max(abs(a - b) for a, b in zip(pixel, want)) < 60 for pixel in near for want in wants), \
                (series, point)
            checked += 1
    assert checked > 0


def test_negative_bars_report_their_lower_end():
    data = layout(make(type="bar", data=[[4, -2]]))
    (up, down), plot = data["series"][0]["points"], data["plot"]
    assert plot["top"] <= up[1] < down[1] <= plot["bottom"]
    assert (down[1] - up[1]) == pytest.approx((plot["bottom"] - plot["top"]) * 6 / 6, abs=1)


def test_pie_reports_one_series_per_slice_at_its_middle():
    data = layout(make(type="pie", data=[[1, 0, 3]], labels=["a", "b", "c"], colors=["ff0000", "00aa00", "0000ff"]))
    assert [(s["name"], s["colour"]) for s in data["series"]] == [("a", "ff0000"), ("b", "00aa00"), ("c", "0000ff")]
    (a,), (b,), (c,) = (s["points"] for s in data["series"])
    plot = data["plot"]
    cx, cy = (plot["left"] + plot["right"]) / 2, (plot["top"] + plot["bottom"]) / 2
    assert b is None
    assert a[0] > cx and a[1] < cy  # a quarter, clockwise from 12 o'clock: its middle is up right
    assert c[0] < cx  # three quarters: its middle, at 7:30, is left and below
    assert c[1] > cy


def test_sparkline_has_no_texts_and_its_line_box_as_plot():
    data = layout(make(type="sparkline", data=[[1, 3, 2]]))
    assert data["texts"] == []
    xs = [p[0] for p in data["series"][0]["points"]]
    assert xs[0] == data["plot"]["left"] and xs[-1] == data["plot"]["right"]


def test_json_round_trips_in_the_spec():
    spec = make(type="line", data=[[1, 2]], format="json")
    assert parse(to_query(spec)) == spec and spec.mime_type == "application/json"
    assert json.loads(json.dumps(layout(spec)))["series"][0]["name"] == ""


def test_roles_name_what_each_text_is():
    hbar = layout(make(type="hbar", data=[[3, 1]], labels=["north", "south"]))
    assert [t["text"] for t in hbar["texts"] if t["role"] == "ytick"] == ["north", "south"]
    assert {t["role"] for t in hbar["texts"]} == {"ytick", "xtick"}
    marked = layout(make(type="bar", data=[[3, 1]], marks=["N,000000,0,-1,11"], axes="x,y",
                         axislabels=["0:|a|b"]))
    assert sorted(t["text"] for t in marked["texts"] if t["role"] == "value") == ["1", "3"]
    assert {t["text"] for t in marked["texts"] if t["role"] == "axis"} >= {"a", "b"}
    pie = layout(make(type="pie", data=[[1, 3]]))
    assert [t["text"] for t in pie["texts"]] == ["25%", "75%"] and {t["role"] for t in pie["texts"]} == {"label"}
    empty = layout(make(type="line", data=[[None]]))
    assert [(t["role"], t["text"]) for t in empty["texts"]] == [("label", "No data")]


@pytest.mark.parametrize("scale", [2, 3])
def test_a_scaled_chart_reports_the_same_layout_in_its_own_pixels(scale):
    spec = parse(LINE)
    one, big = layout(spec), layout(replace(spec, scale=scale))
    assert (big["width"], big["height"]) == (480 * scale, 240 * scale)
    assert big["plot"] == {side: pytest.approx(v * scale, abs=0.02) for side, v in one["plot"].items()}
    for a, b in zip(one["series"], big["series"]):
        assert [p and [pytest.approx(c * scale, abs=0.02) for c in p] for p in a["points"]] == b["points"]
    assert [(t["role"], t["text"]) for t in one["texts"]] == [(t["role"], t["text"]) for t in big["texts"]]
    for a, b in zip(one["texts"], big["texts"]):  # the same box, drawn with a font `scale` times the size
        assert all(abs(p * scale - q) <= 2 * scale for p, q in zip(a["box"], b["box"])), (a, b)
