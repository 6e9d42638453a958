"""Inks and palettes: contrast measured on decoded pixels, colours counted and compared."""

import itertools

import pytest

from dyngraph import theme
from dyngraph.colour import contrast, delta_e, delta_e_lab, reach, simulate
from dyngraph.encode import encode
from dyngraph.render import render
from dyngraph.spec import parse
from tests.conftest import decode

BACKGROUNDS = ("808080", "666666", "999999", "4a90e2", "e74c3c", "ffcc00", "000000", "ffffff")
WHITE, BLACK = (255, 255, 255), (0, 0, 0)
KINDS = ("protan", "deutan", "tritan")


def rgb(hex_colour):
    return tuple(int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))


def png(query):
    return decode(encode(render(parse(query)), "png")).convert("RGB")


def best_contrast(image, box, ground):
    """The highest contrast of any pixel in ``box`` against ``ground``: the ink as the glyphs really show it."""
    data = image.load()
    left, top, right, bottom = box
    return max(contrast(data[x, y], ground) for x in range(left, right) for y in range(top, bottom))


# --- colour arithmetic ------------------------------------------------------------


def test_wcag_contrast_of_known_pairs():
    assert contrast(WHITE, BLACK) == pytest.approx(21.0)
    assert contrast(rgb("777777"), WHITE) == pytest.approx(4.48, abs=0.01)  # the classic just-failing grey
    assert contrast(rgb("808080"), rgb("808080")) == 1.0


@pytest.mark.parametrize(("first", "second", "expected"), [  # Sharma, Wu & Dalal (2005), table 1
    ((50, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425),
    ((50, -1.3802, -84.2814), (50, 0, -82.7485), 1.0),
    ((50, 2.5, 0), (73, 25, -18), 27.1492),
    ((2.0776, 0.0795, -1.135), (0.9033, -0.0636, -0.5514), 0.9082),
])
def test_ciede2000_matches_the_published_test_data(first, second, expected):
    assert delta_e_lab(first, second) == pytest.approx(expected, abs=1e-4)


def test_reach_changes_an_ink_only_as_much_as_needed():
    assert reach(rgb("444444"), [WHITE], 4.5) == rgb("444444")
    darker = reach(rgb("999999"), [WHITE], 4.5)
    assert 4.5 <= contrast(darker, WHITE) < 4.7
    lighter = reach(rgb("444444"), [rgb("222222")], 3.0)
    assert contrast(lighter, rgb("222222")) >= 3.0 and sum(lighter) > sum(rgb("444444"))


# --- palettes -----------------------------------------------------------------------


@pytest.mark.parametrize(("palette", "ground"), [(theme.PALETTE, WHITE), (theme.DARK_PALETTE, BLACK)])
def test_palettes_have_twelve_colours_apart_from_each_other_and_the_background(palette, ground):
    colours = [rgb(c) for c in palette]
    assert len(set(colours)) >= 12
    for a, b in itertools.combinations(colours, 2):
        assert delta_e(a, b) >= 10, (a, b)
        for kind in KINDS:  # colour-blind safe: still apart as seen with each dichromacy
            assert delta_e(simulate(a, kind), simulate(b, kind)) >= 8, (a, b, kind)
    for c in colours:
        assert delta_e(c, ground) >= 10 and contrast(c, ground) >= theme.SERIES_CONTRAST, c


def test_the_palette_starts_with_okabe_and_ito_where_contrast_allows():
    assert theme.PALETTE[:3:2] == ("0072b2", "009e73")  # blue and green meet 3:1 on white as they are
    assert theme.DARK_PALETTE[:8] == ("0072b2", "e69f00", "009e73", "d55e00", "cc79a7", "56b4e9", "ffffff",
                                      "f0e442")  # all of them meet it on black; white replaces black


def test_a_dark_background_gets_the_dark_palette_without_black():
    assert theme.palette(BLACK)[:8] == theme.DARK_PALETTE[:8]
    assert "000000" not in theme.palette(rgb("222222"))


# --- pixels: contrast as drawn ----------------------------------------------------


@pytest.mark.parametrize("background", BACKGROUNDS)
def test_text_reads_at_four_and_a_half_to_one_on_any_background(background):
    image = png(f"type=bar&data=3,5,2|4,1,6|2,2,3&labels=Alpha|Beta|Gamma&legend=One|Two|Three"
                f"&title=Contrast&background={background}&width=360&height=200&format=png")
    ground = rgb(background)
    regions = {"title": (100, 0, 260, 24), "ticks": (0, 45, 16, 180), "categories": (20, 182, 340, 198)}
    for name, box in regions.items():
        assert best_contrast(image, box, ground) >= theme.TEXT_CONTRAST, name


@pytest.mark.parametrize("background", BACKGROUNDS)
def test_series_colours_have_three_to_one_and_the_legend_shows_them(background):
    image = png(f"type=bar&data=3,5,2|4,1,6|2,2,3&legend=One|Two|Three&background={background}"
                f"&width=360&height=200&format=png&grid=0")
    ground = rgb(background)
    counts = sorted(((n, c) for n, c in image.getcolors(65536) if c != ground), reverse=True)
    bars = [c for n, c in counts if n > 500]  # (the axis line is ~330 px)
    assert len(bars) == 3
    for colour in bars:
        assert contrast(colour, ground) >= theme.SERIES_CONTRAST, colour
    legend_row = {image.getpixel((x, y)) for x in range(image.width) for y in range(0, 30)}
    assert set(bars) <= legend_row  # each swatch in the colour its bars have


@pytest.mark.parametrize("background", BACKGROUNDS)
def test_grid_and_axis_lines_are_visible_on_any_background(background):
    image = png(f"type=line&data=0,10&background={background}&width=300&height=200&format=png&colors=ff00ff00")
    ground = rgb(background)
    data = image.load()
    lines = []
    for y in range(image.height):
        row = [data[x, y] for x in range(60, 280)]
        colour = max(set(row), key=row.count)
        if colour != ground and row.count(colour) > 0.9 * len(row):
            lines.append(colour)
    assert len(lines) >= 3  # the grid lines and the axis
    for colour in lines:
        assert contrast(colour, ground) >= 1.5, colour


def test_text_on_a_gradient_reads_against_its_worst_point():
    image = png("type=bar&data=3,5&labels=Left|Right&title=Gradient title&bgfill=lg,0,ffffff,0,4a90e2,1"
                "&width=300&height=160&format=png")
    blue_end = image.getpixel((image.width - 2, 2))
    assert contrast(blue_end, rgb("4a90e2")) < 1.1
    right_label = (image.width // 2 + 20, image.height - 20, image.width - 4, image.height - 2)
    assert best_contrast(image, right_label, blue_end) >= theme.TEXT_CONTRAST


def test_grid_lines_read_against_a_dark_plot_fill():
    image = png("type=line&data=0,10&plotfill=s,222222&width=300&height=200&format=png&colors=ff00ff00")
    data = image.load()
    column = [data[150, y] for y in range(image.height)]
    lines = {c for c in column if c not in ((0x22, 0x22, 0x22), WHITE)}
    assert lines and all(contrast(c, (0x22, 0x22, 0x22)) >= 1.5 for c in lines)


def test_labels_inside_slices_take_the_ink_that_reads_on_the_slice():
    image = png("type=pie&data=1,3&colors=ffcc00,0000aa&width=200&height=200&legendpos=none&format=png")
    assert best_contrast(image, (115, 45, 165, 75), rgb("ffcc00")) >= theme.TEXT_CONTRAST  # the 25% on yellow
    assert best_contrast(image, (35, 125, 90, 155), rgb("0000aa")) >= theme.TEXT_CONTRAST  # the 75% on blue


# --- many series: colours never repeat without another difference --------------------


def test_a_pie_with_more_slices_than_colours_folds_the_smallest_into_other():
    values = [30, 22, 15, 12, 9, 7, 6, 5, 4, 3, 3, 2, 2, 1, 1, 1, 0.5, 0.5]
    query = (f"type=pie&data={','.join(map(str, values))}&labels={'|'.join(f'S{i}' for i in range(18))}"
             "&width=420&height=300&legendpos=none&format=png")
    image = png(query)
    big = [c for n, c in image.getcolors(1 << 16) if n > 600 and c != WHITE]  # slices, not their edges
    assert len(big) == len(theme.PALETTE)  # 11 slices and "Other", each in its own colour
    assert len({c for c in big}) == len(big)
    from dyngraph.render import layout
    names = [s["name"] for s in layout(parse(query))["series"]]
    assert names == [f"S{i}" for i in range(11)] + ["Other"]


def test_othershare_folds_small_slices_under_the_given_name():
    from dyngraph.render import layout
    query = "type=pie&data=50,30,10,4,3,3&labels=a|b|c|d|e|f&othershare=0.05&otherlabel=Rest"
    assert [s["name"] for s in layout(parse(query))["series"]] == ["a", "b", "c", "Rest"]
    assert [s["name"] for s in layout(parse(query.replace("0.05", "0.035")))["series"]] == \
        ["a", "b", "c", "d", "Rest"]


def _row_cover(image, y, colour, left, right):
    return sum(image.getpixel((x, y)) == colour for x in range(left, right)) / (right - left)


def test_series_past_the_palette_are_dashed():
    n = len(theme.PALETTE) + 1  # the last one has the first one's colour
    query = (f"type=line&data={'|'.join(f'{i},{i}' for i in range(n))}&width=400&height=300&grid=0"
             "&format=png&linewidth=1")
    from dyngraph.render import layout
    series = layout(parse(query))["series"]
    assert series[0]["colour"] == series[-1]["colour"]
    image = png(query)
    colour = rgb(series[0]["colour"])
    first, last = (round(s["points"][0][1]) for s in (series[0], series[-1]))
    left, right = round(series[0]["points"][0][0]) + 2, round(series[0]["points"][1][0]) - 2
    solid = max(_row_cover(image, y, colour, left, right) for y in (first - 1, first, first + 1))
    dashed = max(_row_cover(image, y, colour, left, right) for y in (last - 1, last, last + 1))
    assert solid > 0.95 and 0.4 < dashed < 0.8


def test_bars_whose_colour_repeats_are_hatched():
    image = png("type=bar&data=4|4&colors=cc0000&width=300&height=200&grid=0&format=png&legendpos=none")
    red = (0xcc, 0, 0)
    columns = [x for x in range(image.width) if image.getpixel((x, 150)) == red]
    middle_first, middle_second = columns[len(columns) // 4], columns[3 * len(columns) // 4]
    first = [image.getpixel((middle_first, y)) for y in range(60, 160)]
    second = [image.getpixel((middle_second, y)) for y in range(60, 160)]
    assert first.count(WHITE) == 0 and second.count(WHITE) >= 15  # rows of background across the second


def test_luminance_is_the_wcag_formula_for_every_channel_value_and_beyond():
    from dyngraph.colour import _linear, luminance

    def formula(rgb):
        r, g, b = (_linear(c) for c in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    for rgb in [(v, (v * 7) % 256, (v * 13) % 256) for v in range(256)] + [(12.5, 3, 4), (-1, 0, 0), (256, 0, 0)]:
        assert luminance(rgb) == formula(rgb), rgb
