"""``scale`` = 1, 2, 3: the 1x layout drawn at scale, checked on decoded pixels; limits count scaled pixels."""

import pytest
from PIL import Image, ImageChops, ImageStat

from conftest import applicable, decode
from dyngraph.errors import SpecError
from dyngraph.gallery import examples
from dyngraph.limits import Limits
from dyngraph.record import replace
from dyngraph.render import render
from dyngraph.render.canvas import Canvas
from dyngraph.spec import CHART_TYPES, make, parse, to_query
from test_render import SAMPLES

GALLERY = examples()


def ink_box(image, background=(255, 255, 255), threshold=80):
    """The bounding box of the pixels that differ clearly from ``background``."""
    grey = ImageChops.difference(image.convert("RGB"), Image.new("RGB", image.size, background)).convert("L")
    return grey.point(lambda v: 255 if v > threshold else 0).getbbox()


@pytest.mark.parametrize("scale", [2, 3])
@pytest.mark.parametrize("kind", CHART_TYPES)
def test_every_type_is_its_size_times_scale(kind, scale):
    spec = make(**applicable(kind, dict(type=kind, data=SAMPLES[kind], width=200, height=110, scale=scale, title="T",
                                        legend=["a"])))
    assert render(spec).size == (200 * scale, 110 * scale)


@pytest.mark.parametrize("scale", [2, 3])
@pytest.mark.parametrize("caption, spec", GALLERY, ids=[c for c, _ in GALLERY])
def test_scaled_image_reduced_to_1x_matches_the_1x_image(caption, spec, scale):
    one = render(spec).convert("RGB")
    reduced = render(replace(spec, scale=scale)).convert("RGB").reduce(scale)
    difference = ImageChops.difference(one, reduced)
    assert max(ImageStat.Stat(difference).mean) < 2.5  # same layout: only antialiasing and glyph shapes differ
    clearly_off = sum(difference.convert("L").histogram()[65:])
    assert clearly_off < 0.015 * one.width * one.height  # text edges; a layout shifted by 1 px moves far more


def test_a_layout_shifted_by_one_pixel_fails_that_comparison():
    """The tolerance above is tight enough to see a layout change of one pixel."""
    spec = GALLERY[0][1]
    one = render(spec).convert("RGB")
    shifted = ImageChops.offset(one, 1, 0)
    clearly_off = sum(ImageChops.difference(one, shifted).convert("L").histogram()[65:])
    assert clearly_off >= 0.015 * one.width * one.height


def test_lines_are_scale_times_as_thick():
    for scale in (1, 2, 3):
        canvas = Canvas(60, 40, scale=scale)
        canvas.line([(5, 20.5), (55, 20.5)], "000000", 1)
        image = canvas.finish()
        column = [image.getpixel((30 * scale, y))[0] for y in range(image.height)]
        dark = [y for y, v in enumerate(column) if v < 128]
        assert dark == list(range(20 * scale, 21 * scale))


def test_rects_and_circles_land_at_scaled_coordinates():
    canvas = Canvas(50, 50, scale=2)
    canvas.rect(10, 10, 20, 30, "ff0000")
    canvas.circle(35, 35, 5, "0000ff")
    image = canvas.finish()
    red = [(x, y) for y in range(100) for x in range(100) if image.getpixel((x, y)) == (255, 0, 0)]
    assert (min(red), max(red)) == ((20, 20), (39, 59))
    blue = [(x, y) for y in range(100) for x in range(100) if image.getpixel((x, y))[2] > 200
            and image.getpixel((x, y))[0] < 50]
    xs, ys = [x for x, _ in blue], [y for _, y in blue]
    assert 60 <= min(xs) <= 61 and 79 <= max(xs) <= 80 and 60 <= min(ys) <= 61 and 79 <= max(ys) <= 80


@pytest.mark.parametrize("text", ["Sales 2026", "Caddy", "LiteSpeed", "W"])
@pytest.mark.parametrize("scale", [2, 3])
def test_text_is_drawn_at_scale_times_its_size_position_and_width(scale, text):
    boxes = {}
    for s in (1, scale):
        canvas = Canvas(120, 40, scale=s)
        canvas.text(110, 8, text, size=12, fill="000000", anchor="ra")
        boxes[s] = ink_box(canvas.finish())
    one, scaled = boxes[1], boxes[scale]
    # Each edge where the 1x one is, times scale: within the 1x whole-pixel rounding (scale px) plus 1 px.
    # (A whole string drawn at 24 px is narrower than twice the 12 px one: "Caddy" by 8 px.)
    assert all(abs(a * scale - b) <= scale + 1 for a, b in zip(one, scaled)), (one, scaled)


def test_gradient_fill_is_drawn_at_output_resolution():
    spec = make(type="line", data=[[1, 2]], width=100, height=50, bgfill="lg,0,000000,0,ffffff,1", grid=0,
                axes="none")
    image = render(replace(spec, scale=2)).convert("L")
    row = [image.getpixel((x, 2)) for x in range(200)]
    assert row[0] < 10 and row[-1] > 245
    assert len(set(row)) > 150  # one level per output pixel, not steps of two copied pixels


def test_qr_code_at_scale_is_larger():
    pytest.importorskip("segno")
    from dyngraph.draw import draw_chart
    from dyngraph.settings import Settings

    spec = make(type="qr", qrtext="hello", width=100, height=100, format="png", scale=2)
    assert decode(draw_chart(spec, Settings())).size == (200, 200)


def test_scale_round_trips_and_is_left_out_at_1():
    spec = make(data=[1, 2, 3], scale=2)
    assert to_query(spec).endswith("&scale=2")
    assert parse(to_query(spec)) == spec
    assert "scale" not in to_query(make(data=[1, 2, 3]))


@pytest.mark.parametrize("text", ["0", "4", "1.5", "x", ""])
def test_bad_scale_is_refused(text):
    with pytest.raises(SpecError, match=r"^scale: must be an integer from 1 to 3"):
        parse(f"data=1,2&scale={text}")


def test_limits_count_scaled_pixels():
    limits = Limits()
    parse("data=1,2&width=700&height=700&scale=1", limits=limits)
    with pytest.raises(SpecError, match=r"^scale: 700x700 at scale 2 is 1400x1400 = 1960000 pixels; at most 1000000"):
        parse("data=1,2&width=700&height=700&scale=2", limits=limits)
    with pytest.raises(SpecError, match=r"^scale: 1200x100 at scale 2 is 2400x200 pixels; at most 2000x2000"):
        parse("data=1,2&width=1200&height=100&scale=2", limits=limits)
    with pytest.raises(SpecError, match=r"^scale: 100x800 at scale 3 is 300x2400 pixels; at most 2000x2000"):
        parse("data=1,2&width=100&height=800&scale=3", limits=limits)
    parse("data=1,2&width=480&height=240&scale=2", limits=limits)  # the common 2x chart fits


def test_image_app_serves_scaled_images_and_refuses_too_many_pixels(graph):
    response = graph.get("/?data=1,5,3&width=300&height=150&scale=2&format=png")
    assert decode(response.body).size == (600, 300)
    one = graph.get("/?data=1,5,3&width=300&height=150&format=png")
    assert one.headers["ETag"] != response.headers["ETag"]
    refused = graph.get("/?data=1,5,3&width=800&height=800&scale=2", status=400)
    assert refused.content_type == "text/plain"
    assert refused.text.startswith("scale: 800x800 at scale 2 is 1600x1600")


# --- srcset: the 2x candidate beside the 1x src ----------------------------------------------------------


def candidates(tag_or_value):
    """{descriptor: url} of an <img> tag's srcset (or of a srcset value), entities decoded."""
    from html import unescape

    value = tag_or_value
    if tag_or_value.startswith("<img"):
        attrs = images(tag_or_value)[0]
        value = attrs.get("srcset", "")
    found = {}
    for candidate in unescape(value).split(", "):
        link, _, descriptor = candidate.rpartition(" ")
        found[descriptor] = link
    return found


def images(text):
    from test_page import images as page_images

    return page_images(text)


def test_img_tag_offers_the_same_chart_at_scale_2_with_the_1x_size():
    from dyngraph import chart, img_tag

    spec = chart(type="bar", data=[3, 1, 2], labels=["a", "b", "c"], title="Q & A", width=300, height=150)
    tag = img_tag(spec, "/cgi-bin/get_graph.py")
    img = images(tag)[0]
    assert (img["width"], img["height"]) == ("300", "150")
    found = candidates(tag)
    assert set(found) == {"1x", "2x"}
    assert found["1x"] == img["src"]
    assert found["2x"] == img["src"] + "&scale=2"
    assert parse(found["2x"].split("?", 1)[1]) == replace(spec, scale=2)


def test_srcset_candidates_are_each_signed_and_drawn_at_their_scale(settings):
    import webtest

    from dyngraph import chart, img_tag
    from dyngraph.graph_app import make_app

    signed = replace(settings, secrets=("s3cret",))
    app = webtest.TestApp(make_app(signed))
    tag = img_tag(chart(data=[1, 5, 3], width=200, height=100, format="png"), settings=signed)
    found = candidates(tag)
    assert "sig=" in found["1x"] and "sig=" in found["2x"]
    assert decode(app.get("/?" + found["1x"].split("?", 1)[1]).body).size == (200, 100)
    assert decode(app.get("/?" + found["2x"].split("?", 1)[1]).body).size == (400, 200)
    tampered = found["1x"].split("?", 1)[1].replace("&sig=", "&scale=2&sig=")
    assert app.get("/?" + tampered, status=403)


def test_no_srcset_for_data_uris_beyond_the_limits_or_already_scaled(settings):
    from dyngraph import chart, img_tag

    assert "srcset" not in img_tag(chart(data=[1, 2], format="png"), output="data", settings=settings)
    assert "srcset" not in img_tag(chart(data=[1, 2], width=1200, height=300), settings=settings)
    assert "srcset" not in img_tag(chart(data=[1, 2], scale=2), settings=settings)
    tight = replace(settings, limits=Limits(max_pixels=200_000))
    assert "srcset" not in img_tag(chart(data=[1, 2]), settings=tight)  # 960x480 is 460,800 pixels
    # A data: URI too long for the page falls back to a URL, with its srcset.
    assert "srcset" in img_tag(chart(data=[1, 2], format="png"), output="data", max_bytes=100, settings=settings)


def test_a_trailing_gap_survives_srcset_parsing():
    from dyngraph import chart, srcset

    value = srcset(chart(data=[1, 2, None]))
    assert value.startswith("get_graph.py?type=line&data=1,2%2C 1x, ")  # srcset would drop a bare trailing ","
    for link in candidates(value).values():
        assert parse(link.split("?", 1)[1]).data == ((1.0, 2.0, None),)


def test_page_gallery_and_builder_offer_2x_candidates(page, graph):
    text = page.get("/?type=bar&data=3,1,2&title=Mine&width=300&height=200&format=png").text
    native = [img for img in images(text) if "cht=" not in img["src"]]
    assert len(native) >= len(CHART_TYPES) + 1
    for img in native:
        double = candidates(img["srcset"])["2x"]
        body = graph.get("/?" + double.split("?", 1)[1]).body
        assert decode(body).size == (2 * int(img["width"]), 2 * int(img["height"]))


# --- format=json at scale: the same layout, in output pixels ---------------------------------------------


@pytest.mark.parametrize("caption, spec", GALLERY, ids=[c for c, _ in GALLERY])
def test_json_layout_at_scale_2_is_the_1x_layout_doubled(graph, caption, spec):
    query = to_query(replace(spec, format="json"))
    one = graph.get("/?" + query).json
    two = graph.get("/?" + query + "&scale=2").json
    assert (two["width"], two["height"]) == (2 * one["width"], 2 * one["height"])
    assert all(two["plot"][side] == pytest.approx(2 * one["plot"][side], abs=0.02) for side in one["plot"])
    assert [(t["role"], t["text"]) for t in two["texts"]] == [(t["role"], t["text"]) for t in one["texts"]]
    for a, b in zip(one["texts"], two["texts"]):
        # Every edge doubled within 1 px of the 1x layout (2 px of the 2x image), plus the 2x box's own
        # rounding outward to a whole pixel: 24 px glyphs are hinted otherwise than 12 px ones.
        assert all(abs(2 * p - q) <= 2 + 1 for p, q in zip(a["box"], b["box"])), (a, b)
    assert len(one["series"]) == len(two["series"])
    for a, b in zip(one["series"], two["series"]):
        assert [p is None for p in a["points"]] == [q is None for q in b["points"]]
        for p, q in zip(a["points"], b["points"]):
            if p is not None:
                assert q == pytest.approx([2 * p[0], 2 * p[1]], abs=0.03)


def test_json_text_boxes_hold_the_ink_drawn_at_scale_2():
    from dyngraph.render import layout

    spec = make(type="hbar", data=[[1200, 950, 260]], labels=["Apache", "nginx", "Caddy"], width=300, height=150,
                scale=2, grid=0)
    image = render(spec).convert("RGB")
    drawn = layout(spec)
    for text in drawn["texts"]:
        if text["role"] != "ytick":
            continue
        left, top, right, bottom = text["box"]
        band = image.crop((0, top - 2, int(drawn["plot"]["left"]) - 2, bottom + 2))  # left of the axis line
        ink = ink_box(band, threshold=40)
        assert ink is not None
        assert left - 1 <= ink[0] and ink[2] <= right + 1, (text, ink)
        assert ink[2] - ink[0] >= right - left - 3  # the box is the ink's, not a loose guess


def test_responsive_img_tags_shrink_with_their_box_and_keep_their_size():
    from dyngraph import chart, img_tag

    img = images(img_tag(chart(data=[1, 2], width=600, height=300), responsive=True))[0]
    assert img["style"] == "max-width:100%;height:auto"
    assert (img["width"], img["height"]) == ("600", "300")
    assert "style" not in images(img_tag(chart(data=[1, 2])))[0]


HARD_TEXT = [
    make(type="bar", data=[[3, 5, 2]], labels=["Zürich", "Genève", "日本"], title="Städte — été", titlesize=30),
    make(type="line", data=[[1, 2, 3]], title="A big title", titlesize=40, legend=["Wide legend text"], legendsize=20),
]


@pytest.mark.parametrize("scale", [2, 3])
@pytest.mark.parametrize("spec", HARD_TEXT, ids=["fallback-font", "big-text"])
def test_json_text_boxes_scale_with_fallback_fonts_and_big_text(spec, scale):
    from dyngraph.render import layout

    one, scaled = layout(spec), layout(replace(spec, scale=scale))
    for a, b in zip(one["texts"], scaled["texts"]):
        assert all(abs(scale * p - q) <= scale + 1 for p, q in zip(a["box"], b["box"])), (a, b)
