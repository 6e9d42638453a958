"""Colours the user gave: exact when they read on what is under them, else the nearest variant that does,
reported in X-Dyngraph-Unsupported and the layout; measured on decoded pixels."""

import json
import math

import pytest

from dyngraph import usercolours
from dyngraph.colour import contrast, lab, worst_contrast
from dyngraph.encode import encode
from dyngraph.render import layout, render
from dyngraph.spec import parse
from tests.conftest import decode

WHITE = (255, 255, 255)


def rgb(hex_colour):
    return tuple(int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))


def png(query):
    return decode(encode(render(parse(query)), "png")).convert("RGB")


def hue(colour):
    _, a, b = lab(colour)
    import math

    return math.degrees(math.atan2(b, a)) % 360


# --- the rule, on colours --------------------------------------------------------


def test_a_colour_that_reads_is_kept_exactly():
    assert usercolours.checked("0055aa", (WHITE,), 3.0) == ("0055aa", True)


@pytest.mark.parametrize("given, ground", [("ffcc00", WHITE), ("ff9900", WHITE), ("0000aa", (0x10, 0x10, 0x40)),
                                           ("e74c3c", (0x80, 0x80, 0x80))])
def test_a_colour_that_does_not_read_moves_only_as_far_as_it_must(given, ground):
    drawn, reached = usercolours.checked(given, (ground,), 3.0)
    assert reached and drawn != given
    ratio = contrast(rgb(drawn), ground)
    assert 3.0 <= ratio < 3.2  # the least change that reaches, not black or white
    assert abs(hue(rgb(drawn)) - hue(rgb(given))) < 12  # the same hue, darker or lighter


def test_a_colour_no_variant_can_read_on_is_kept_and_reported():
    black_to_white = tuple((v, v, v) for v in range(0, 256, 5))
    spec, replaced = usercolours.apply(parse("type=line&data=1,2&colors=ff8800"), black_to_white)
    assert spec.colors == ("ff8800",)
    assert [(r.param, r.given, r.drawn) for r in replaced] == [("colors", "ff8800", None)]
    assert "drawn as given" in replaced[0].note()


def test_translucent_colours_and_fills_are_grounds_kept_exactly():
    spec = parse("type=bar&data=1,2&colors=ffcc0080&background=ffcc00&plotfill=s,ffee88")
    drawn, replaced = usercolours.apply(spec, (WHITE,))
    assert drawn == spec and replaced == []


# --- pixels ------------------------------------------------------------------------


def line_and_swatch(query):
    """(the line's colour, the legend swatch's colour) from the pixels of a one-series line chart."""
    image = png(query)
    counts = sorted(((n, c) for n, c in image.getcolors(1 << 16) if c != WHITE), reverse=True)
    plot = image.crop((40, 60, image.width - 10, image.height - 30))
    line = max(((n, c) for n, c in plot.getcolors(1 << 16) if c != WHITE and n > 0), key=lambda p: p[0])[1]
    legend = image.crop((0, 0, image.width, 30)).getcolors(1 << 16)
    # the swatch: the most frequent colour of the legend row that is not a grey of the text
    swatch = max(((n, c) for n, c in legend if max(c) - min(c) > 16), key=lambda p: p[0])[1]
    assert counts and dict((c, n) for n, c in legend)[swatch] >= 12
    return line, swatch


def test_brand_yellow_on_white_is_drawn_at_three_to_one_and_the_swatch_matches():
    line, swatch = line_and_swatch("type=line&data=1,5,3,7&colors=ffcc00&legend=Brand&linewidth=4"
                                   "&width=360&height=200&grid=0&format=png")
    assert contrast(line, WHITE) >= 3.0  # measured from pixels
    assert line != rgb("ffcc00")
    assert swatch == line  # the legend shows the colour drawn


def test_a_user_colour_that_reads_comes_out_byte_exact():
    line, swatch = line_and_swatch("type=line&data=1,5,3,7&colors=2a6f3b&legend=Green&linewidth=4"
                                   "&width=360&height=200&grid=0&format=png")
    assert line == swatch == rgb("2a6f3b")


def test_bars_in_a_passing_colour_are_exact_and_too_pale_ones_keep_their_fill_inside_an_edge_that_reads():
    query = "type=bar&data=3,5|4,2&colors=8a1c00,ffee00&width=300&height=160&grid=0&format=png"
    bars, drawn = png(query), layout(parse(query))
    pale = drawn["series"][1]
    assert pale["colour"] == pale["given"] == "ffee00"
    (edged,) = drawn["colours"]
    assert edged["given"] == "ffee00" and contrast(rgb(edged["edge"]), WHITE) >= 3.0
    for left, top, right, bottom in pale["boxes"]:
        middle = round((left + right) / 2)
        assert bars.getpixel((middle, round((top + bottom) / 2))) == rgb("ffee00")  # the fill, exact
        assert contrast(bars.getpixel((middle, top)), WHITE) >= 3.0  # its top edge stands out
        assert contrast(bars.getpixel((math.ceil(left), round((top + bottom) / 2))), WHITE) >= 3.0
    for left, top, right, bottom in drawn["series"][0]["boxes"]:
        assert bars.getpixel((round((left + right) / 2), top)) == rgb("8a1c00")  # a colour that reads: no edge


def test_a_too_pale_pie_slice_keeps_its_fill_and_its_rim_reads():
    query = "type=pie&data=3,5&colors=0055aa,ffffcc&width=200&height=160&format=png"
    pie, drawn = png(query), layout(parse(query))
    colours = {c for n, c in pie.getcolors(1 << 16) if n > 300}
    assert rgb("0055aa") in colours and rgb("ffffcc") in colours
    (edged,) = drawn["colours"]
    centre_x = (drawn["plot"]["left"] + drawn["plot"]["right"]) / 2
    centre_y = (drawn["plot"]["top"] + drawn["plot"]["bottom"]) / 2
    # walk out from the middle of the pale slice: the last pixel before the background must read on it
    point = drawn["series"][1]["points"][0]
    dx, dy = point[0] - centre_x, point[1] - centre_y
    steps = [(round(centre_x + dx * t / 100), round(centre_y + dy * t / 100)) for t in range(100, 400)]
    inside = [p for p in steps if 0 <= p[0] < pie.width and 0 <= p[1] < pie.height and pie.getpixel(p) != WHITE]
    rim = max(contrast(pie.getpixel(p), WHITE) for p in inside[-4:])  # its outermost pixels are antialiased
    assert rim >= 3.0 and contrast(pie.getpixel(inside[-12]), WHITE) < 1.1  # the fill inside stays pale


def test_text_colours_reach_four_and_a_half_to_one_from_pixels():
    image = png("type=bar&data=3,5&title=Yellow title&titlecolor=ffff00&legend=Names&legendcolor=ffee88"
                "&axes=x,y&axisstyles=0,ffcc00&labels=Alpha|Beta&width=360&height=200&format=png")
    title = image.crop((100, 0, 260, 24))
    darkest = min((c for _, c in title.getcolors(1 << 16)), key=lambda c: sum(c))
    assert contrast(darkest, WHITE) >= 4.5
    legend = image.crop((100, 24, 260, 44))
    darkest = min((c for _, c in legend.getcolors(1 << 16)), key=lambda c: sum(c))
    assert contrast(darkest, WHITE) >= 4.5
    labels = image.crop((20, 182, 340, 200))
    darkest = min((c for _, c in labels.getcolors(1 << 16)), key=lambda c: sum(c))
    assert contrast(darkest, WHITE) >= 4.5


def test_fills_stay_exact_even_where_they_meet_the_series():
    image = png("type=bar&data=3,5&colors=0072b2&background=ffcc00&plotfill=s,ffcc00&width=200&height=120"
                "&format=png")
    assert image.getpixel((0, 0)) == rgb("ffcc00")
    assert image.getpixel((100, 30)) == rgb("ffcc00")


def test_replacements_are_named_in_the_header_and_the_layout(graph):
    query = "type=line&data=1,2|2,1&colors=ffcc00,2a6f3b&legend=Brand|Green&titlecolor=ffff00&title=T"
    note = graph.get(f"/?{query}&format=png").headers["X-Dyngraph-Unsupported"]
    assert "colors 0: ffcc00 drawn as" in note and "titlecolor: ffff00 drawn as" in note
    assert "2a6f3b" not in note
    layout = json.loads(graph.get(f"/?{query}&format=json").body)
    first, second = layout["series"]
    assert first["given"] == "ffcc00" and first["colour"] != "ffcc00"
    assert contrast(rgb(first["colour"]), WHITE) >= 3.0
    assert second["given"] == second["colour"] == "2a6f3b"
    assert {(c["param"], c["given"], c["drawn"]) for c in layout["colours"]} == {
        ("colors", "ffcc00", first["colour"]), ("titlecolor", "ffff00", next(
            c["drawn"] for c in layout["colours"] if c["param"] == "titlecolor"))}
    assert "X-Dyngraph-Unsupported" not in graph.get("/?type=line&data=1,2&colors=2a6f3b&format=png").headers


def test_on_a_dark_background_a_too_dark_colour_is_lightened():
    image = png("type=line&data=3,5,4&colors=202080&linewidth=4&background=101010&width=200&height=120&grid=0"
                "&format=png")
    ground = (0x10, 0x10, 0x10)
    lines = [c for n, c in image.getcolors(1 << 16) if n > 200 and c != ground]
    assert lines and all(worst_contrast(c, (ground,)) >= 3.0 for c in lines)


def test_on_a_dark_background_a_too_dark_bar_gets_a_light_edge():
    query = "type=bar&data=3,5&colors=202080&background=101010&width=200&height=120&grid=0&format=png"
    image, drawn = png(query), layout(parse(query))
    left, top, right, bottom = drawn["series"][0]["boxes"][0]
    assert image.getpixel((round((left + right) / 2), round((top + bottom) / 2))) == rgb("202080")
    assert worst_contrast(image.getpixel((round((left + right) / 2), math.ceil(top))), ((0x10, 0x10, 0x10),)) >= 3.0
