"""Real QuickChart URLs draw: a 200 at w x devicePixelRatio by h x devicePixelRatio, their colours present.

CORPUS was used while building the mapping; HELD_OUT was collected afterwards and measures the share of
real URLs drawn (the issue's target: at least 90 %).
"""

from urllib.parse import parse_qsl

import pytest

from conftest import decode, drawn_colour
from dyngraph.settings import Settings
from quickchart_corpus import CORPUS, HELD_OUT, as_sent

IMG = {"Accept": "image/avif,image/webp,image/png,image/*;q=0.8"}
REFUSED = {"docs-radial-gauge": "radialGauge", "docs-violin": "violin"}  # plugin chart types: 400 naming type
COLOURS = {  # colours the config names, which must be in the image
    "docs-line": ["0000ff", "008000"],
    "kona-benchmark": ["10b981", "fbbf24", "ef4444", "6366f1"],
    "awesome-doughnut": ["fdd49e", "d7301f", "990000"],
    "docs-line-style": ["ff0000"],
    "docs-progress-fundraiser": ["008000"],
    "sparkline-api-colours": ["ff0000"],
    "marp-pie": ["e60012", "666666"],
    "credibot-hbar": ["ff0000"],
    "rubik-resources-hbar": ["36a2eb", "ff6384"],
    "nazha-growth": ["ffd700", "ffa500", "ffffff"],
}


def expected_size(query):
    """w x dpr by h x dpr (QuickChart's defaults 500, 300, 2), the ratio lowered to what the limits allow."""
    params = dict(parse_qsl(query))
    width = int(params.get("w", params.get("width", 500)))
    height = int(params.get("h", params.get("height", 300)))
    ratio = round(float(params.get("devicePixelRatio", 2)))
    limits = Settings().limits
    while ratio > 1 and (width * ratio > limits.max_width or height * ratio > limits.max_height
                         or width * height * ratio * ratio > limits.max_pixels):
        ratio -= 1
    return width * ratio, height * ratio


def _near(image, hex_colour, tolerance=40):
    target = [int(hex_colour[i:i + 2], 16) for i in (0, 2, 4)]
    rgba = image.convert("RGBA")
    for _, (r, g, b, a) in rgba.getcolors(rgba.width * rgba.height):
        if a > 200 and sum(abs(c - t) for c, t in zip((r, g, b), target)) <= tolerance:
            return True
    return False


@pytest.mark.parametrize(("name", "query", "source"), CORPUS, ids=[c[0] for c in CORPUS])
def test_corpus_url_draws(graph, name, query, source):
    response = graph.get("/?" + as_sent(query), headers=IMG, expect_errors=True)
    if name in REFUSED:
        assert response.status_int == 400, source
        assert response.headers["X-Dyngraph-Error"].startswith("type: must be one of")
        assert REFUSED[name] in response.headers["X-Dyngraph-Error"]
        return
    assert response.status_int == 200 and response.content_type.startswith("image/"), (source, response.headers)
    image = decode(response.body)
    assert image.size == expected_size(query)
    colours = image.convert("RGBA").getcolors(image.width * image.height)
    assert len(colours) > 2, "blank image"
    for colour in COLOURS.get(name, []):
        drawn = drawn_colour(response.headers, colour)  # a colour too pale for the background is drawn darker
        assert _near(image, drawn), f"{colour} (drawn as {drawn}) missing from {name}"


@pytest.mark.parametrize(("name", "query", "source"), HELD_OUT, ids=[c[0] for c in HELD_OUT])
def test_held_out_colours(graph, name, query, source):
    if name not in COLOURS:
        return
    image = decode(graph.get("/?" + as_sent(query), headers=IMG).body)
    for colour in COLOURS[name]:
        assert _near(image, colour), f"{colour} missing from {name}"


def test_at_least_90_percent_of_held_out_real_urls_draw_at_their_size(graph):
    drawn = []
    for name, query, _ in HELD_OUT:
        response = graph.get("/?" + as_sent(query), headers=IMG, expect_errors=True)
        if response.status_int == 200 and decode(response.body).size == expected_size(query):
            drawn.append(name)
    assert len(HELD_OUT) >= 25
    assert len(drawn) / len(HELD_OUT) >= 0.9, sorted({n for n, _, _ in HELD_OUT} - set(drawn))


def test_functions_in_real_configs_are_named_not_run(graph):
    query = dict((c[0], c[1]) for c in CORPUS)["sparkline-api-gradient"]
    header = graph.get("/?" + as_sent(query), headers=IMG).headers["X-Dyngraph-Unsupported"]
    assert "data.datasets[0].backgroundColor (not supported: a call" in header


def test_every_entry_names_its_source():
    for name, query, source in CORPUS + HELD_OUT:
        assert source and len(source) > 10, name
    assert len({c[0] for c in CORPUS + HELD_OUT}) == len(CORPUS) + len(HELD_OUT)
