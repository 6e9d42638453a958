"""Phase B: Google features drawn, checked on decoded pixels (markers, axes, bars, grids, fills, text)."""

import sys

import pytest

from conftest import decode
from dyngraph.render import render
from dyngraph.settings import Settings
from dyngraph.sources import resolve, resolve_chart


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
