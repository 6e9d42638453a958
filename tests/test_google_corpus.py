"""Every URL of the corpus of real Google chart URLs draws: size, content, colours, titles, QR text."""

import pytest

from conftest import decode, drawn_colour
from dyngraph.colour import contrast
from google_corpus import CORPUS, QR_TEXTS

IMG = {"Accept": "image/avif,image/webp,image/png,image/*;q=0.8"}


def _rgb_colours(image):
    rgba = image.convert("RGBA")
    return [(count, colour) for count, colour in rgba.getcolors(rgba.width * rgba.height)]


def _near(colours, hex_colour, minimum=0.2, residual=36):
    """True when some pixel is ``hex_colour`` blended over the background by at least ``minimum``.

    Antialiased 1 px lines and translucent dots never reach the pure colour,
    but they stay on the straight line from the background to it.
    """
    target = [int(hex_colour[i:i + 2], 16) for i in (0, 2, 4)]
    background = max(colours)[1][:3]
    direction = [t - b for t, b in zip(target, background)]
    length = sum(d * d for d in direction)
    for _, (*rgb, alpha) in colours:
        if alpha == 0:
            continue
        if length == 0:
            if sum(abs(c - t) for c, t in zip(rgb, target)) <= residual:
                return True
            continue
        t = sum((c - b) * d for c, b, d in zip(rgb, background, direction)) / length
        off = sum(abs(b + t * d - c) for c, b, d in zip(rgb, background, direction))
        if t >= minimum and off <= residual:
            return True
    return False


@pytest.mark.parametrize(("name", "query", "source", "colours", "titled"), CORPUS, ids=[c[0] for c in CORPUS])
def test_corpus_url_draws(graph, name, query, source, colours, titled):
    response = graph.get("/?" + query, headers=IMG)
    assert response.status_int == 200 and response.content_type == "image/png", source
    image = decode(response.body)
    width, height = (int(v) for v in query.split("chs=")[1].split("&")[0].split("x"))
    assert image.size == (width, height)
    found = _rgb_colours(image)
    assert len(found) > 1, "blank image"
    background = max(found)[1][:3]
    for colour in colours:
        drawn = drawn_colour(response.headers, colour)
        if drawn != colour:  # replaced because it did not read on the background: the variant does
            assert contrast(tuple(int(drawn[i:i + 2], 16) for i in (0, 2, 4)), background) >= 3.0, (name, drawn)
        assert _near(found, drawn), f"{colour} (drawn as {drawn}) missing from {name}"
    if titled:
        band = image.convert("L").crop((0, 0, width, max(12, height // 8)))
        assert band.getextrema()[0] < 100, "no dark title pixels in the top band"


@pytest.mark.parametrize("name", sorted(QR_TEXTS))
def test_corpus_qr_codes_decode(graph, name):
    zxingcpp = pytest.importorskip("zxingcpp")
    query = dict((c[0], c[1]) for c in CORPUS)[name]
    image = decode(graph.get("/?" + query).body)
    flat = image.convert("RGBA")
    from PIL import Image

    white = Image.new("RGBA", flat.size, (255, 255, 255, 255))
    white.alpha_composite(flat)
    assert [r.text for r in zxingcpp.read_barcodes(white.convert("L"))] == [QR_TEXTS[name]]
