"""Phase B: Google features drawn, checked on decoded pixels (markers, axes, bars, grids, fills, text)."""

import sys

import pytest

from conftest import decode
from dyngraph.render import render
from dyngraph.settings import Settings
from dyngraph.sources import resolve, resolve_chart
from dyngraph.spec import parse, to_query


def draw(query):
    """The image dyngraph draws for a Google query string."""
    return render(resolve(query, Settings())).convert("RGB")


def near(image, rgb, box=None, tolerance=30):
    """Pixels within ``tolerance`` of ``rgb``, inside ``box`` (left, top, right, bottom)."""
    left, top, right, bottom = box or (0, 0, image.width, image.height)
    data = image.load()
    return [(x, y) for y in range(top, bottom) for x in range(left, right)
            if all(abs(a - b) <= tolerance for a, b in zip(data[x, y], rgb))]


def unsupported(query):
    return dict(resolve_chart(query, Settings()).headers).get("X-Dyngraph-Unsupported", "")


# --- line width ---------------------------------------------------------------


def test_a_one_pixel_line_is_solid_not_smeared():
    image = draw("cht=ls&chs=100x40&chco=0000ff&chls=1&chd=t:50,50,50,50")
    blue = near(image, (0, 0, 255), tolerance=10)
    rows = {y for _, y in blue}
    assert len(blue) >= 80 and len(rows) == 1  # one full-colour row, not two half-tone ones


# --- QR without segno ---------------------------------------------------------


def test_qr_without_segno_is_501_naming_cht_and_the_package(graph, monkeypatch):
    monkeypatch.setitem(sys.modules, "segno", None)  # import segno -> ImportError
    response = graph.get("/?cht=qr&chs=100x100&chl=hi", status=501)
    assert response.status == "501 Not Implemented"
    assert response.text.startswith("cht: ") and "segno" in response.text
    native = graph.get("/?type=qr&qrtext=hi", status=501)
    assert native.text.startswith("type: ") and "pip install segno" in native.text


# --- axes ---------------------------------------------------------------------


def _ink_rows_cols(image, box):
    """Rows and columns inside ``box`` holding dark (text) pixels."""
    dark = near(image, (0, 0, 0), box=box, tolerance=120)
    return {y for _, y in dark}, {x for x, _ in dark}


def test_chxt_right_and_top_axes_get_tick_labels_in_their_bands():
    base = "cht=lc&chs=300x200&chd=t:10,50,30&chxs=0,000000|1,000000|2,000000|3,000000"
    with_axes = draw(base + "&chxt=x,y,r,t&chxr=2,0,10|3,0,5")
    without = draw(base.split("&chxs")[0])
    assert not near(without, (0, 0, 0), tolerance=120)  # no chxt: no tick labels at all, as Google drew
    rows, cols = _ink_rows_cols(with_axes, (250, 30, 300, 170))
    assert len(rows) > 15 and max(rows) - min(rows) > 80  # right band: labels down the r axis
    rows, cols = _ink_rows_cols(with_axes, (30, 0, 270, 22))
    assert len(cols) > 8 and max(cols) - min(cols) > 150  # top band: labels across the t axis


def test_chxl_labels_centred_under_their_bars():
    image = draw("cht=bvg&chs=300x150&chd=t:50,50,50&chco=ff0000&chbh=a&chxt=x&chxl=0:|A|B|C&chxs=0,0000ff,12")
    red = near(image, (255, 0, 0), tolerance=10)
    blue = near(image, (0, 0, 255), tolerance=120)
    bars = sorted({x for x, _ in red})
    labels = sorted({x for x, _ in blue})
    thirds = [[x for x in labels if x < 100], [x for x in labels if 100 <= x < 200], [x for x in labels if x >= 200]]
    bar_thirds = [[x for x in bars if x < 100], [x for x in bars if 100 <= x < 200], [x for x in bars if x >= 200]]
    for text, bar in zip(thirds, bar_thirds):
        assert abs((min(text) + max(text)) / 2 - (min(bar) + max(bar)) / 2) <= 3


def test_chxr_step_sets_the_number_of_labels():
    few = draw("cht=lc&chs=200x200&chd=t:1,2&chxt=y&chxr=0,0,100,50&chxs=0,0000ff")
    many = draw("cht=lc&chs=200x200&chd=t:1,2&chxt=y&chxr=0,0,100,10&chxs=0,0000ff")

    def groups(image):
        rows = sorted({y for _, y in near(image, (0, 0, 255), box=(0, 0, 40, 200), tolerance=120)})
        return 1 + sum(1 for a, b in zip(rows, rows[1:]) if b - a > 1)

    assert groups(few) == 3 and groups(many) == 11


# --- markers --------------------------------------------------------------------


def test_chm_circle_marker_colour_lands_on_its_point():
    image = draw("cht=lc&chs=200x100&chd=t:0,100,0&chco=cccccc&chm=o,ff0000,0,1,12&chma=0,0,0,0")
    red = near(image, (255, 0, 0), tolerance=20)
    xs, ys = [x for x, _ in red], [y for _, y in red]
    assert len(red) > 50
    assert abs(sum(xs) / len(xs) - 100) <= 2 and min(ys) <= 6  # the middle point, at the top


def test_chm_fill_under_the_line_and_value_labels():
    image = draw("cht=lc&chs=200x100&chd=t:50,50&chco=0000ff&chm=B,00ff00,0,0,0|N,ff0000,0,-1,12&chma=0,0,20,0")
    green = near(image, (0, 255, 0), tolerance=10)
    assert len(green) > 200 * 30 and min(y for _, y in green) > 50  # filled below the line only
    assert near(image, (255, 0, 0), box=(0, 20, 200, 60), tolerance=120)  # "50" above the line


def test_chm_horizontal_line_and_range():
    image = draw("cht=lc&chs=200x100&chd=t:0,0&chco=eeeeee&chma=0,0,0,0&chm=h,ff0000,0,0.5,2|r,0000ff,0,0.8,0.9")
    red_rows = {y for _, y in near(image, (255, 0, 0), tolerance=10)}
    blue_rows = {y for _, y in near(image, (0, 0, 255), tolerance=10)}
    assert red_rows and max(red_rows) - min(red_rows) <= 2 and 47 <= min(red_rows) <= 51
    assert blue_rows and 8 <= min(blue_rows) <= 12 and 18 <= max(blue_rows) <= 21


# --- grid, lines, title, fills ---------------------------------------------------


def test_chg_steps_and_dashes():
    image = draw("cht=lc&chs=200x100&chd=t:0,0&chco=ffffff&chma=0,0,0,0&chg=25,50,4,4")
    grid = near(image, (0xcc, 0xcc, 0xcc), tolerance=12)
    columns = sorted({x for x, y in grid if 20 < y < 40})
    assert [c for c in (50, 100, 150) if c in columns or c - 1 in columns] == [50, 100, 150]
    on = [y for y in range(100) if (100, y) in set(grid) or (99, y) in set(grid)]
    assert 30 <= len(on) <= 70  # dashed: about half the column is drawn


def test_chls_dashes_break_the_line():
    solid = near(draw("cht=lc&chs=200x100&chd=t:50,50&chco=ff0000&chls=2"), (255, 0, 0), tolerance=60)
    dashed = near(draw("cht=lc&chs=200x100&chd=t:50,50&chco=ff0000&chls=2,6,6"), (255, 0, 0), tolerance=60)
    assert 0.35 < len(dashed) / len(solid) < 0.65


def test_chtt_line_breaks_give_two_text_lines_in_the_title_colour():
    image = draw("cht=lc&chs=300x150&chd=t:1,2&chtt=First|Second&chts=ff0000,14")
    rows = sorted({y for _, y in near(image, (255, 0, 0), box=(0, 0, 300, 60), tolerance=90)})
    blocks = 1 + sum(1 for a, b in zip(rows, rows[1:]) if b - a > 2)
    assert blocks == 2


def test_chf_linear_gradient_changes_monotonically_across_the_image():
    image = draw("cht=lc&chs=300x100&chd=t:0,0&chco=ffffff&chf=bg,lg,0,000000,0,ffffff,1&chma=0,0,0,0")
    row = [image.getpixel((x, 50))[0] for x in range(0, 300, 10)]
    assert row[0] < 20 and row[-1] > 235 and all(a <= b for a, b in zip(row, row[1:]))


def test_chf_chart_area_stripes():
    image = draw("cht=lc&chs=200x200&chd=t:0,0&chco=ffffff&chf=c,ls,90,ff0000,0.5,0000ff,0.5&chma=0,0,0,0")
    assert image.getpixel((100, 190))[:3] == (255, 0, 0) and image.getpixel((100, 10))[:3] == (0, 0, 255)


# --- chart types ------------------------------------------------------------------


def test_lxy_joins_its_points_in_order():
    image = draw("cht=lxy&chs=200x200&chd=t:0,100|0,100&chco=ff0000&chma=0,0,0,0")
    red = set(near(image, (255, 0, 0), tolerance=70))
    diagonal = [(x, 199 - x) for x in range(20, 180, 10)]
    assert sum(1 for x, y in diagonal if any((x + dx, y + dy) in red for dx in (-1, 0, 1) for dy in (-1, 0, 1))) \
        == len(diagonal)


def test_scatter_size_series_sets_the_dot_sizes():
    image = draw("cht=s&chs=200x200&chd=t:25,75|50,50|20,100&chco=ff0000")
    red = near(image, (255, 0, 0), tolerance=80)
    small = [p for p in red if p[0] < 100]
    large = [p for p in red if p[0] >= 100]
    assert len(large) > 10 * len(small) > 0


# --- bar widths -------------------------------------------------------------------


def _runs(xs):
    """Lengths of the runs of consecutive integers in sorted ``xs``."""
    runs, length = [], 1
    for a, b in zip(xs, xs[1:]):
        if b == a + 1:
            length += 1
        else:
            runs.append(length)
            length = 1
    return runs + [length] if xs else []


def test_chbh_sets_bar_width_and_gaps_in_pixels():
    image = draw("cht=bvg&chs=300x150&chd=t:50,50|50,50&chco=ff0000,0000ff&chbh=20,3,12")
    red = sorted({x for x, y in near(image, (255, 0, 0), tolerance=10) if y == 120})
    blue = sorted({x for x, y in near(image, (0, 0, 255), tolerance=10) if y == 120})
    assert _runs(red) == [20, 20] and _runs(blue) == [20, 20]
    assert blue[0] - (red[0] + 20) == 3  # gap between the bars of a group
    assert red[20] - (blue[19] + 1) == 12  # gap between groups


def test_chbh_a_fits_the_bars_to_the_plot():
    image = draw("cht=bvs&chs=300x150&chd=t:50,50,50,50,50,50,50,50,50,50&chco=ff0000&chbh=a,10")
    red = sorted({x for x, y in near(image, (255, 0, 0), tolerance=10) if y == 120})
    widths = _runs(red)
    assert len(widths) == 10 and max(widths) - min(widths) <= 1 and red[-1] < 300


def test_p3_top_is_an_ellipse_wider_than_high_over_its_rim():
    image = draw("cht=p3&chs=300x200&chd=t:100&chco=ff0000&chma=0,0,0,0")
    red = near(image, (255, 0, 0), tolerance=12)
    rim = near(image, (round(255 * 0.7), 0, 0), tolerance=12)
    width = max(x for x, _ in red) - min(x for x, _ in red)
    height = max(y for _, y in red) - min(y for _, y in red)
    assert height < 0.6 * width and width > 250  # squashed: Google's tilted look
    assert min(y for _, y in rim) > min(y for _, y in red) + height / 2  # the rim shows only at the front
    assert max(y for _, y in rim) > max(y for _, y in red) + 5  # and hangs below the top
    assert "cht (partial" not in unsupported("cht=p3&chs=300x200&chd=t:100")


def test_pc_draws_every_series_as_a_ring_at_its_radius():
    image = draw("cht=pc&chs=200x200&chd=t:100|100|100&chco=ff0000,00aa00,0000ff&chma=0,0,0,0")
    row = [image.getpixel((x, 100)) for x in range(100, 200)]  # from the centre to the right edge

    def extent(rgb):
        xs = [i for i, c in enumerate(row) if all(abs(a - b) <= 10 for a, b in zip(c, rgb))]
        return min(xs), max(xs)

    red, green, blue = extent((255, 0, 0)), extent((0, 170, 0)), extent((0, 0, 255))
    assert red[0] == 0 and 28 <= red[1] <= 34  # the first series: the middle, a third of the radius
    assert 31 <= green[0] <= 36 and 61 <= green[1] <= 67
    assert 64 <= blue[0] <= 69 and blue[1] >= 96
    assert "chd (partial" not in unsupported("cht=pc&chs=200x200&chd=t:1|2")


def test_p_still_ignores_further_series_as_google_did():
    assert resolve("cht=p&chs=200x100&chd=t:1,2|3,4", Settings()).data == ((1.0, 2.0),)


def test_p3_has_a_darker_rim_below_the_pie():
    flat, tilted = draw("cht=p&chs=200x100&chd=t:100&chco=ff0000"), draw("cht=p3&chs=200x100&chd=t:100&chco=ff0000")
    rim = (round(255 * 0.7), 0, 0)
    flat_bottom = max(y for _, y in near(flat, (255, 0, 0), tolerance=12))
    assert not [p for p in near(flat, rim, tolerance=12) if p[1] > flat_bottom]  # (the dark "100%" is inside)
    dark = near(tilted, rim, tolerance=12)
    red = near(tilted, (255, 0, 0), tolerance=12)
    assert len(dark) > 50 and min(y for _, y in dark) > sum(y for _, y in red) / len(red)  # below the pie's centre


# --- per-element colours (chco with |) ------------------------------------------------


def test_chco_pipes_colour_each_bar_in_turn():
    image = draw("cht=bvg&chs=300x150&chd=t:50,60,70,80&chco=ff0000|00aa00|0000ff&chbh=30,10,20&chma=0,0,0,0")
    row = [image.getpixel((x, 140)) for x in range(300)]
    starts = [x for x in range(1, 300) if row[x] != row[x - 1] and row[x] != (255, 255, 255)]
    assert [row[x + 15] for x in starts] == [(255, 0, 0), (0, 170, 0), (0, 0, 255), (255, 0, 0)]  # cycled
    assert unsupported("cht=bvg&chs=300x150&chd=t:50,60&chco=ff0000|00aa00").find("chco") == -1


def test_chco_pipes_and_commas_mix_per_bar_and_per_series_colours_in_hbars():
    image = draw("cht=bhg&chs=200x200&chd=t:50,50|50,50&chco=ff0000|00aa00,0000ff&chbh=20,0,10&chma=0,0,0,0")
    column = [image.getpixel((20, y)) for y in range(200)]
    colours = [c for i, c in enumerate(column) if c != (255, 255, 255) and (i == 0 or column[i - 1] != c)]
    assert sorted(set(colours)) == [(0, 0, 255), (0, 170, 0), (255, 0, 0)] and colours.count((0, 0, 255)) == 2


def test_chco_pipes_colour_each_scatter_point():
    image = draw("cht=s&chs=200x200&chd=t:20,80|50,50&chco=ff0000|0000ff&chma=0,0,0,0")
    red, blue = near(image, (255, 0, 0), tolerance=70), near(image, (0, 0, 255), tolerance=70)
    assert red and blue and max(x for x, _ in red) < 100 < min(x for x, _ in blue)


def test_chco_pipes_colour_each_sparkline_segment_by_the_point_it_ends_at():
    query = "cht=ls&chs=200x40&chd=t:50,50,50&chco=ff0000|00aa00|0000ff&chls=2"
    image = draw(query)
    green, blue = near(image, (0, 170, 0), tolerance=60), near(image, (0, 0, 255), tolerance=60)
    assert green and blue and max(x for x, _ in green) <= 103 and min(x for x, _ in blue) >= 97  # meet midway
    assert not near(image, (255, 0, 0), box=(20, 0, 180, 40), tolerance=60)  # point 0's colour ends no segment
    assert "chco" not in unsupported(query)


def test_chco_pipes_colour_each_lxy_segment_and_series():
    query = "cht=lxy&chs=200x100&chd=t:0,50,100|50,50,50|0,100|10,10&chco=ff0000|00aa00|0000ff,ff00ff&chma=0,0,0,0"
    image = draw(query)
    green, blue = near(image, (0, 170, 0), tolerance=60), near(image, (0, 0, 255), tolerance=60)
    assert green and blue and max(x for x, _ in green) <= 103 and min(x for x, _ in blue) >= 97  # meet midway
    assert len(near(image, (255, 0, 255), tolerance=60)) > 100  # the second series keeps its own colour
    assert "chco" not in unsupported(query)
    assert parse(to_query(resolve(query, Settings()))) == resolve(query, Settings())


def test_per_point_colours_change_the_etag():
    from dyngraph.spec import to_query

    plain = resolve("cht=bvg&chs=200x100&chd=t:1,2&chco=ff0000", Settings())
    coloured = resolve("cht=bvg&chs=200x100&chd=t:1,2&chco=ff0000|00ff00", Settings())
    assert to_query(plain) != to_query(coloured) and "pointcolors=ff0000%7C00ff00" in to_query(coloured)


# --- transparency, title alignment -------------------------------------------------------


def test_chf_a_makes_the_whole_png_translucent(graph):
    body = graph.get("/?cht=bvg&chs=100x80&chd=t:50&chco=ff0000&chf=a,s,00000080").body
    image = decode(body)
    assert image.mode == "RGBA" and body[:8] == b"\x89PNG\r\n\x1a\n"
    alphas = {a for _, a in image.getchannel("A").getcolors()}
    assert alphas == {128}  # background and bars alike
    assert max(image.getpixel((x, 70))[0] for x in range(100)) == 255  # the red bar keeps its colour


def test_chts_alignment_moves_the_title():
    def title_columns(align):
        image = draw(f"cht=lc&chs=300x150&chd=t:1,2&chtt=Title&chts=ff0000,14,{align}")
        return sorted({x for x, _ in near(image, (255, 0, 0), box=(0, 0, 300, 30), tolerance=90)})

    left, centre, right = title_columns("l"), title_columns("c"), title_columns("r")
    assert left[0] < 20 and right[-1] > 280 and abs((centre[0] + centre[-1]) / 2 - 150) <= 3


# --- legend positions ---------------------------------------------------------------------


@pytest.mark.parametrize(("chdlp", "side"), [("l", "left"), ("r", "right"), ("t", "top"), ("b", "bottom")])
def test_chdlp_puts_the_legend_on_its_side_outside_the_plot(chdlp, side):
    query = f"cht=bvg&chs=300x200&chd=t:100&chco=ff0000&chdl=Reds&chdls=00aa00,14&chdlp={chdlp}&chf=c,s,0000ff"
    image = draw(query)
    plot = near(image, (0, 0, 255), tolerance=10)
    left, right = min(x for x, _ in plot), max(x for x, _ in plot)
    top, bottom = min(y for _, y in plot), max(y for _, y in plot)
    text = near(image, (0, 0xaa, 0), tolerance=90)
    assert len(text) > 20
    beyond = {"left": lambda x, y: x < left, "right": lambda x, y: x > right,
              "top": lambda x, y: y < top, "bottom": lambda x, y: y > bottom}[side]
    assert all(beyond(x, y) for x, y in text)
    assert "chdlp" not in unsupported(query)


def test_without_chbh_bars_are_googles_23_px_with_8_px_between_groups():
    image = draw("cht=bvg&chs=300x150&chd=t:50,50,50|50,50,50&chco=ff0000,0000ff")
    red = sorted({x for x, y in near(image, (255, 0, 0), tolerance=10) if y == 140})
    blue = sorted({x for x, y in near(image, (0, 0, 255), tolerance=10) if y == 140})
    assert _runs(red) == [23, 23, 23] and _runs(blue) == [23, 23, 23]
    assert blue[0] - (red[0] + 23) == 4 and red[23] - (blue[22] + 1) == 8


def test_without_chbh_bars_that_would_not_fit_are_narrowed_to_fit():
    image = draw("cht=bvs&chs=200x100&chd=t:" + ",".join(["50"] * 20) + "&chco=ff0000")
    red = sorted({x for x, y in near(image, (255, 0, 0), tolerance=10) if y == 90})
    widths = _runs(red)
    assert len(widths) == 20 and max(widths) < 23 and red[-1] < 200


# --- more chm kinds ---------------------------------------------------------------------

_FLAT = "cht=lc&chs=200x100&chd=t:0,100,0&chco=eeeeee&chma=0,0,0,0&chm="


def test_chm_text_marker_sits_above_its_point():
    red = near(draw(_FLAT + "tPeak,ff0000,0,2,12"), (255, 0, 0), tolerance=120)
    assert len(red) > 10 and all(y < 100 for _, y in red) and min(x for x, _ in red) > 150  # at the last point


def test_chm_v_and_V_lines():
    image = draw(_FLAT + "v,00ff00,0,1,2|V,0000ff,0,2,2")
    green_rows = {y for x, y in near(image, (0, 255, 0), tolerance=10)}
    blue = near(image, (0, 0, 255), tolerance=10)
    assert min(green_rows) <= 2 and max(green_rows) >= 97  # the middle point is at the top: from it down
    assert {y for _, y in blue} >= set(range(1, 99)) and min(x for x, _ in blue) > 190


def test_chm_v_stops_at_its_point():
    image = draw("cht=lc&chs=200x100&chd=t:50,50,50&chco=eeeeee&chma=0,0,0,0&chm=v,00ff00,0,1,2")
    rows = {y for _, y in near(image, (0, 255, 0), tolerance=10)}
    assert 48 <= min(rows) <= 52 and max(rows) >= 97


def test_chm_arrow_points_down_at_its_point():
    image = draw("cht=lc&chs=200x100&chd=t:50,50,50&chco=eeeeee&chma=0,0,0,0&chm=a,0000ff,0,1,10")
    blue = near(image, (0, 0, 255), tolerance=60)
    xs, ys = [x for x, _ in blue], [y for _, y in blue]
    assert blue and abs(sum(xs) / len(xs) - 100) <= 2 and 48 <= max(ys) <= 51 and 20 <= min(ys) < 40
    head = [x for x, y in blue if y == max(ys) - 8]
    assert max(head) - min(head) >= 5 > len([x for x, y in blue if y == max(ys) - 1])  # widest away from the tip


def test_chm_D_draws_a_line_over_bars():
    image = draw("cht=bvg&chs=200x100&chd=t:20,80&chco=cccccc&chbh=a&chma=0,0,0,0&chm=D,ff0000,0,0,3")
    red = near(image, (255, 0, 0), tolerance=40)
    assert len(red) > 100 and max(x for x, _ in red) - min(x for x, _ in red) > 80


def test_chm_at_positions_place_a_mark_in_plot_fractions():
    red = near(draw(_FLAT + "@o,ff0000,0,0.25:0.75,10"), (255, 0, 0), tolerance=20)
    xs, ys = [x for x, _ in red], [y for _, y in red]
    assert abs(sum(xs) / len(xs) - 50) <= 2 and abs(sum(ys) / len(ys) - 25) <= 2


def test_chm_number_formats():
    from dyngraph.styles import format_value

    assert format_value("N*f2z*", 12.5) == "12.50" and format_value("N*f2*", 12.5) == "12.5"
    assert format_value("N*p0*", 0.256) == "26%" and format_value("N*e1*", 12345) == "1.2e+04"
    assert format_value("N*cUSD2s*K", 1234.5) == "$1,234.5K" and format_value("N~*f0*x", 3.4) == "~3x"
    wide = near(draw(_FLAT + "N*f3z*,ff0000,0,0,12"), (255, 0, 0), tolerance=120)
    narrow = near(draw(_FLAT + "N,ff0000,0,0,12"), (255, 0, 0), tolerance=120)
    assert max(x for x, _ in wide) - min(x for x, _ in wide) > max(x for x, _ in narrow) - min(x for x, _ in narrow) + 10
    assert "chm" not in unsupported(_FLAT + "N*f3z*,ff0000,0,0,12|tHi,ff0000,0,1,10|a,ff0000,0,1,8|D,ff0000,0,0,1")


# --- chxs number formats and colours, chxtc tick lengths ------------------------------------


def test_chxs_number_format_changes_the_numeric_labels():
    base = "cht=lc&chs=300x200&chd=t:10,50,30&chxt=y&chxr=0,0,10&chxs=0{},0000ff,11"
    plain, dollars = draw(base.format("")), draw(base.format("N*cUSD*"))
    plain_cols = {x for x, _ in near(plain, (0, 0, 255), tolerance=120)}
    dollar_cols = {x for x, _ in near(dollars, (0, 0, 255), tolerance=120)}
    assert plain_cols and max(dollar_cols) - min(dollar_cols) > max(plain_cols) - min(plain_cols) + 4  # "$10" wider


def test_chxs_tick_and_axis_line_colours():
    image = draw("cht=lc&chs=300x200&chd=t:10,50,30&chco=ffffff&chxt=y&chxs=0,000000,11,1,lt,ff0000,00ff00")
    red, green = near(image, (255, 0, 0), tolerance=20), near(image, (0, 255, 0), tolerance=20)
    assert len({y for _, y in red}) >= 5  # one tick per label, each its own row
    green_cols = {x for x, _ in green}
    assert len(green_cols) == 1 and len(green) > 150  # the axis line: one column down the plot
    assert max(x for x, _ in red) <= min(green_cols) + 1  # ticks point outwards, left of the y axis line


def test_chxtc_negative_ticks_cross_the_plot_like_grid_lines():
    base = "cht=lc&chs=300x200&chd=t:10,50,30&chco=ffffff&chxt=y&chxs=0,000000,11,1,lt,ff0000"
    short, long_ = draw(base), draw(base + "&chxtc=0,-300")
    short_red, long_red = near(short, (255, 0, 0), tolerance=20), near(long_, (255, 0, 0), tolerance=20)
    rows = {y for _, y in long_red}
    assert len(long_red) > 6 * 200 and len(rows) >= 5  # each tick runs across the plot
    for y in rows:
        xs = [x for x, yy in long_red if yy == y]
        assert max(xs) - min(xs) > 200 and max(xs) < 300  # stops at the plot's right edge
    assert max(x for x, _ in short_red) < 60  # default ticks stay outside


def test_chxtc_lengths_cycle_and_push_the_labels_out():
    base = "cht=lc&chs=300x200&chd=t:10,50,30&chco=ffffff&chxt=x&chxl=0:|a|b|c|d|e&chxs=0,0000ff,11,0,lt,ff0000"
    cycled = draw(base + "&chxtc=0,20,6")
    columns = {}
    for x, y in near(cycled, (255, 0, 0), tolerance=20):
        columns.setdefault(x, set()).add(y)
    heights = sorted(len(ys) for ys in columns.values())
    assert heights[0] in (5, 6, 7) and heights[-1] in (19, 20, 21)  # 6 px and 20 px ticks in turn
    top_of_labels = min(y for _, y in near(cycled, (0, 0, 255), tolerance=120))
    assert max(max(ys) for ys in columns.values()) < top_of_labels  # the labels start below the longest tick
    default_axis = min(y for _, y in near(draw(base), (255, 0, 0), tolerance=20))
    assert min(min(ys) for ys in columns.values()) < default_axis - 10  # the plot made room for the long ticks


def test_chco_pipes_colour_each_line_segment_by_the_point_it_ends_at():
    image = draw("cht=lc&chs=300x100&chd=t:50,50,50,50&chco=ff0000|00aa00|0000ff&chls=3")
    red, green, blue = (near(image, c, tolerance=20) for c in ((255, 0, 0), (0, 170, 0), (0, 0, 255)))
    spans = {name: (min(x for x, _ in ps), max(x for x, _ in ps)) for name, ps in
             (("green", green), ("blue", blue), ("red", red))}
    # four points, three segments: ending at points 1, 2, 3 -> green, blue, then red again (the list cycles)
    assert spans["green"][1] < spans["blue"][0] + 6 and spans["blue"][1] < spans["red"][0] + 6
    assert spans["green"][0] < 20 and spans["red"][1] > 280
    assert all(hi - lo > 80 for lo, hi in spans.values())



# --- chdlp label order and vertical layouts ---------------------------------------------------

_LEGEND = "cht=lc&chs=300x200&chd=t:10,50|30,20|5,5&chco=ff0000,00aa00,0000ff&chdl=Longer+name|B|Mid+one"
_KEYS = {"red": (255, 0, 0), "green": (0, 170, 0), "blue": (0, 0, 255)}


def _legend_keys(image, box):
    """Where each series' legend key sits inside ``box``: colour name -> (mean x, mean y)."""
    found = {}
    for name, rgb in _KEYS.items():
        pixels = near(image, rgb, box=box, tolerance=20)
        if pixels:
            found[name] = (sum(x for x, _ in pixels) / len(pixels), sum(y for _, y in pixels) / len(pixels))
    return found


def test_chdlp_bottom_legend_is_ordered_shortest_first_by_default():
    keys = _legend_keys(draw(_LEGEND + "&chdlp=b"), (0, 180, 300, 200))
    assert sorted(keys, key=lambda k: keys[k][0]) == ["green", "blue", "red"]  # B, Mid one, Longer name
    keys = _legend_keys(draw(_LEGEND + "&chdlp=b|l"), (0, 180, 300, 200))
    assert sorted(keys, key=lambda k: keys[k][0]) == ["red", "green", "blue"]  # as given


def test_chdlp_index_order_lists_only_those_series_in_that_order():
    keys = _legend_keys(draw(_LEGEND + "&chdlp=r|2,0"), (215, 0, 300, 200))
    assert sorted(keys, key=lambda k: keys[k][1]) == ["blue", "red"]  # green is not listed


def test_chdlp_bv_stacks_the_entries_in_one_left_aligned_column():
    image = draw(_LEGEND + "&chdlp=bv|r")
    keys = _legend_keys(image, (0, 140, 60, 200))
    assert sorted(keys, key=lambda k: keys[k][1]) == ["blue", "green", "red"]  # reversed, one per row
    xs = [x for x, _ in keys.values()]
    ys = sorted(y for _, y in keys.values())
    assert max(xs) - min(xs) < 2 and ys[1] - ys[0] > 8 and ys[2] - ys[1] > 8


def test_chm_fractional_positions_lie_between_two_points():
    image = draw("cht=lc&chs=300x150&chd=t:10,90,10&chco=cccccc&chm=o,ff0000,0,0.5,12|o,0000ff,0,1,12")
    red, blue = near(image, (255, 0, 0), tolerance=20), near(image, (0, 0, 255), tolerance=20)
    centre = lambda ps: (sum(x for x, _ in ps) / len(ps), sum(y for _, y in ps) / len(ps))  # noqa: E731
    (rx, ry), (bx, by) = centre(red), centre(blue)
    assert red and blue and "chm" not in unsupported("cht=lc&chs=300x150&chd=t:10,90&chm=o,ff0000,0,0.5,12")
    # point 0 is near the left edge at the bottom, point 1 (blue) at the top in the middle: red halfway on both axes
    grey = near(image, (204, 204, 204), tolerance=10)
    left = min(x for x, _ in grey)
    start_y = sum(y for x, y in grey if x == left) / len([1 for x, _ in grey if x == left])
    assert abs(rx - (left + bx) / 2) < 4 and abs(ry - (start_y + by) / 2) < 4


# --- marker data (t<N>:, native hidden): error bars E and candlesticks F -------------------------------------


def _rows(points, x):
    """The rows of ``points`` in pixel column ``x``."""
    return sorted(y for px, y in points if px == x)


def test_error_bars_span_their_two_hidden_series_at_each_point():
    # the line at 50; error bars 30..70 at point 0 and 40..60 at point 2; green reference lines at 30 and 70
    image = draw("cht=lc&chs=300x200&chd=t1:50,50,50|30,45,40|70,55,60&chco=0000ff"
                 "&chm=E,ff0000,1,0:2:2,2|h,00ff00,0,0.3,1|h,00ff00,0,0.7,1")
    red = near(image, (255, 0, 0), tolerance=40)
    assert red, "no error bars drawn"
    columns = sorted({x for x, _ in red})
    left_bar = [x for x in columns if x < 100]
    right_bar = [x for x in columns if x > 200]
    assert left_bar and right_bar and not [x for x in columns if 100 <= x <= 200]  # 0:2:2 skips point 1
    green_rows = _rows(near(image, (0, 255, 0), tolerance=70), 150)
    top_ref, bottom_ref = green_rows[0], green_rows[-1]
    middle = left_bar[len(left_bar) // 2]
    rows = _rows(red, middle)
    assert abs(rows[0] - top_ref) <= 2 and abs(rows[-1] - bottom_ref) <= 2  # 70 and 30
    span_right = _rows(red, right_bar[len(right_bar) // 2])
    assert abs((span_right[-1] - span_right[0]) * 2 - (rows[-1] - rows[0])) <= 4  # 40..60 is half as long
    caps = _rows(red, right_bar[len(right_bar) // 2] - 3)  # beside the bar: only its two caps
    assert 2 <= len(caps) <= 6 and caps[0] <= span_right[0] + 2 and caps[-1] >= span_right[-1] - 2
    blue_rows = _rows(near(image, (0, 0, 255), tolerance=60), 150)
    assert blue_rows and top_ref < blue_rows[0] < bottom_ref  # only the first series is drawn as a line
    assert not near(image, (0, 0, 255), box=(0, 0, 300, top_ref - 3))  # the hidden series are not lines


def test_candlesticks_have_a_body_between_open_and_close_and_a_wick_from_low_to_high():
    # one line series; candles from series 1-4 (low, open, close, high): point 1 falls (70 -> 30), point 2 rises
    image = draw("cht=lc&chs=300x200&chd=t1:5,5,5,5|10,10,10,10|0,70,30,0|0,30,70,0|90,90,90,90&chco=dddddd&chls=1"
                 "&chm=F,000000,1,1:2,16|h,00ff00,0,0.3,1|h,00ff00,0,0.7,1|h,ff0000,0,0.9,1|h,0000ff,0,0.1,1")
    black = near(image, (0, 0, 0), tolerance=40)
    green = _rows(near(image, (0, 255, 0), tolerance=70), 150)
    y70, y30 = green[0], green[-1]
    y90 = _rows(near(image, (255, 0, 0), tolerance=70), 150)[0]
    y10 = _rows(near(image, (0, 0, 255), tolerance=70), 150)[0]
    middle = sorted(x for x, y in black if y == (y70 + y30) // 2)  # a row through both bodies
    first = [x for x in middle if x < 150]
    second = [x for x in middle if x >= 150]
    assert len(first) == 16 and first[-1] - first[0] == 15  # the falling candle: a filled 16 px body
    assert len(second) == 2 and second[-1] - second[0] == 15  # the rising one: hollow, its two sides
    body = _rows(black, first[2])  # a column of the body, off the wick
    assert abs(body[0] - y70) <= 2 and abs(body[-1] - y30) <= 2
    wick = _rows(black, first[7]) + _rows(black, first[8])
    assert abs(min(wick) - y90) <= 2 and abs(max(wick) - y10) <= 2
    assert abs(_rows(black, second[0])[0] - y70) <= 2 and abs(_rows(black, second[0])[-1] - y30) <= 2


def test_marker_data_is_kept_as_native_hidden_series():
    spec = spec_of_google("cht=bvg&chs=200x100&chd=t1:30,10,20|60,40,50&chm=D,ff0000,1,0,3")
    assert spec.hidden == 1 and len(spec.data) == 2
    assert parse(to_query(spec)) == spec
    assert "chm" not in unsupported("cht=bvg&chs=200x100&chd=t1:30,10,20|60,40,50&chm=D,ff0000,1,0,3")
    image = draw("cht=bvg&chs=200x100&chd=t1:30,10,20|60,40,50&chm=D,ff0000,1,0,3&chco=0000ff")
    assert near(image, (255, 0, 0), tolerance=40)  # the tracking line over the bars
    assert len({x for x, _ in near(image, (0, 0, 255), tolerance=40)}) < 100  # only the first series' bars


def test_error_bars_and_candlesticks_without_their_series_are_reported():
    header = unsupported("cht=lc&chs=200x100&chd=t1:1,2|3,4&chm=E,ff0000,1,-1,2|F,000000,0,-1,5")
    assert "E for series 1 to 2" in header and "F for series 0 to 3" in header
    header = unsupported("cht=p&chs=200x100&chd=t1:1,2|3,4&chm=E,ff0000,0,-1,2")
    assert "marker data" in header  # pies keep no marker data


def spec_of_google(query):
    return resolve(query, Settings())


def test_native_hidden_must_leave_a_series_drawn(graph):
    response = graph.get("/?type=line&data=1,2|3,4&hidden=2", status=400)
    assert response.text.startswith("hidden: must leave at least one series drawn")
    image = decode(graph.get("/?type=line&data=1,2|3,4&hidden=1&legend=a|b&format=png").body)
    assert image.size == (480, 240)


# --- depth on pies with several series (rings) ---------------------------------------------------------------


def test_a_tilted_pie_with_rings_has_the_rings_on_its_top_and_the_outer_rim_below(graph):
    body = graph.get("/?type=pie&data=1|1&pointcolors=ff0000,0000ff&depth=20&width=300&height=200&format=png"
                     "&legendpos=none").body
    image = decode(body).convert("RGB")
    assert image.size == (300, 200)
    red, blue = near(image, (255, 0, 0), tolerance=30), near(image, (0, 0, 255), tolerance=30)
    rim = near(image, (0, 0, 178), tolerance=20)  # the outer ring's colour darkened to 70 %
    assert red and blue and rim
    red_x, red_y = [x for x, _ in red], [y for _, y in red]
    assert not [p for p in near(image, (178, 0, 0), tolerance=20) if p[1] > max(red_y)]  # inner ring: no rim
    blue_x, blue_y = [x for x, _ in blue], [y for _, y in blue]
    assert min(blue_x) < min(red_x) and max(red_x) < max(blue_x)  # the first series inside the second
    assert (max(blue_y) - min(blue_y)) < 0.6 * (max(blue_x) - min(blue_x))  # the top squashed into an ellipse
    assert min(y for _, y in rim) > (min(red_y) + max(red_y)) / 2 and max(y for _, y in rim) > max(blue_y)
