"""img_tag(map=True): one <area> per bar, slice or point, placed where the renderer drew it (checked on pixels)."""

import re

from dyngraph import chart, img_tag
from dyngraph.render import render
from test_page import parse_html

RED, BLUE = (255, 0, 0), (0, 0, 255)


def areas(tag):
    return [attrs for name, attrs in parse_html(tag) if name == "area"]


def near(pixel, rgb, tolerance=30):
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, rgb))


def test_bars_get_their_rectangles_with_label_series_and_value():
    spec = chart(type="bar", data=[[5, -3, None], [2, 4, 1]], labels=["Q1", "Q2", "Q3"], legend=["a", "b"],
                 colors=["ff0000", "0000ff"], format="png")
    tag = img_tag(spec, map=True)
    img = dict(parse_html(tag))["img"]
    name = dict(parse_html(tag))["map"]["name"]
    assert img["usemap"] == "#" + name
    found = areas(tag)
    assert [a["title"] for a in found] == ["Q1 (a): 5", "Q2 (a): -3", "Q1 (b): 2", "Q2 (b): 4", "Q3 (b): 1"]
    assert all(a["alt"] == a["title"] and a["shape"] == "rect" for a in found)
    image = render(spec).convert("RGB")
    for area in found:
        left, top, right, bottom = map(int, area["coords"].split(","))
        colour = RED if "(a)" in area["title"] else BLUE
        assert near(image.getpixel(((left + right) // 2, (top + bottom) // 2)), colour), area
        assert near(image.getpixel((left + 2, top + 2)), colour) and near(image.getpixel((right - 3, bottom - 3)), colour)
        assert not near(image.getpixel((left + (right - left) // 2, top - 3)), colour)  # the box ends where the bar does


def test_slices_and_points_get_circles_on_their_ink():
    pie = chart(type="pie", data=[[3, 1]], labels=["Big", "Small"], colors=["ff0000", "0000ff"])
    found = areas(img_tag(pie, map=True))
    assert [a["title"] for a in found] == ["Big: 3 (75%)", "Small: 1 (25%)"]
    image = render(pie).convert("RGB")
    for area, colour in zip(found, (RED, BLUE)):
        x, y, radius = map(int, area["coords"].split(","))
        assert area["shape"] == "circle" and radius > 0
        assert near(image.getpixel((x, y)), colour, tolerance=60)
    line = chart(type="line", data=[[1, 9, 4]], labels=["Mon", "Tue", "Wed"], colors=["ff0000"], linewidth=4)
    found = areas(img_tag(line, map=True))
    assert [a["title"] for a in found] == ["Mon: 1", "Tue: 9", "Wed: 4"]
    image = render(line).convert("RGB")
    for area in found:
        x, y, _ = map(int, area["coords"].split(","))
        assert any(near(image.getpixel((x + dx, y + dy)), RED, 60) for dx in (-1, 0, 1) for dy in (-1, 0, 1))
    scatter = chart(type="scatter", data=[[1, 2, 3, 4]], legend=["A"])
    assert [a["title"] for a in areas(img_tag(scatter, map=True))] == ["A: (1, 2)", "A: (3, 4)"]


def test_areas_become_links_and_everything_is_escaped():
    spec = chart(type="bar", data=[[1, 2]], labels=['"><b>x', "y"])
    tag = img_tag(spec, map=True, map_href=lambda series, index: f"/detail?s={series}&i={index}&q=\"")
    assert "<b>" not in tag
    found = areas(tag)
    assert [a["href"] for a in found] == ['/detail?s=0&i=0&q="', '/detail?s=0&i=1&q="']
    assert found[0]["title"] == '"><b>x: 1'
    assert re.search(r'href="/detail\?s=0&amp;i=0&amp;q=&quot;"', tag)


def test_no_map_unless_asked():
    assert "<map" not in img_tag(chart(data=[1, 2]))
    assert "usemap" not in img_tag(chart(data=[1, 2]))
