"""pilcore draws what PIL.Image, ImageDraw and ImageFont draw: byte for byte, on every kind of chart.

Each chart is answered twice by the image application (render cache off): once through Pillow's C
core (pilcore.ENABLED, as a CGI request draws), once through PIL.Image, ImageDraw and ImageFont.
The bodies must be equal, in every format. The corpus covers each primitive the core path draws
(rectangles, lines with disc joints, polygons, discs, slices, dashes, text at 1x and 2x, pastes,
reductions of RGB and RGBA bands) and each path that hands over to PIL.Image (gradients, halos,
emoji, translucent lines, opacity), so a Pillow release whose core calls differ fails here.
.ci/matrix runs this file on a Pillow of each text-rendering convention in pilcore.VERIFIED.
"""

import sys
from contextlib import contextmanager

import pytest
import webtest

from conftest import ROOT, decode
from dyngraph import gallery, pilcore
from dyngraph.graph_app import make_app
from dyngraph.settings import Settings
from dyngraph.spec import to_query
from google_corpus import CORPUS

sys.path.insert(0, str(ROOT / "docs"))
from hard_cases import CASES  # noqa: E402
from make_hard_images import query as hard_query  # noqa: E402

pytestmark = pytest.mark.skipif(not pilcore.ENABLED, reason="pilcore is off for this Pillow: nothing to compare")

EXTRA = [  # what the gallery does not show: each hands some work to PIL.Image, or draws a rare primitive
    ("dashed grid and series", "type=line&data=3,5,2,6|1,4,4,2&grid=1&linestyles=2,6,3|1&gridlines=4,2"),
    ("translucent wide line", "type=line&data=3,8,2,9,4&colors=ff000080&linewidth=6"),
    ("translucent background", "type=bar&data=3,5,2&background=ffffff00"),
    ("translucent background, dashed translucent line",
     "type=line&data=3,5,2,6&background=20304080&colors=00ff0080&linestyles=2,4,2"),
    ("gradient with halos", "type=line&data=3,5,2,6&bgfill=lg,0,000000,0,ffffff,1&title=Halo+over+a+gradient"),
    ("stripes", "type=bar&data=3,5,2&plotfill=ls,90,eeeeee,0.2,ffffff,0.2"),
    ("opacity", "type=pie&data=3,5,2&opacity=0.5"),
    ("emoji and CJK", "type=bar&data=3,5,2&labels=%F0%9F%98%80|%E9%94%80%E5%94%AE|%E2%82%AC&title=%F0%9F%8E%89+Sales"),
    ("scale 2", "type=line&data=3,5,2,6|1,4,4,2&legend=A|B&title=Sharp&scale=2"),
    ("scale 3, pie", "type=pie&data=3,5,2&labels=a|b|c&width=300&height=200&scale=3"),
    ("value labels", "type=bar&data=3,5,2|4,1,6&marks=N,000000,0,-1,11|N,000000,1,-1,11&legend=A|B"),
    ("big", "type=area&data=" + ",".join(str(i % 17) for i in range(400)) + "&width=1400&height=700"),
]
FORMATS = ("png", "jpeg", "gif", "webp")


def cases():
    for caption, spec in gallery.examples():
        yield caption, to_query(spec)
    for caption, query, _, _ in gallery.GOOGLE_EXAMPLES:
        yield caption, query
    for case in CASES:
        yield f"hard {case['name']}", hard_query(case)
    for name, query, *_ in CORPUS:
        yield f"google {name}", query
    yield from EXTRA


CASES_ALL = list(cases())


@contextmanager
def core(enabled):
    saved = pilcore.ENABLED
    pilcore.ENABLED = enabled
    try:
        yield
    finally:
        pilcore.ENABLED = saved


@pytest.fixture(scope="module")
def app():
    return webtest.TestApp(make_app(Settings(cache_bytes=0)))


def body(app, query, fmt):
    query = "&".join(p for p in query.split("&") if not p.startswith(("format=", "chof=")))
    key = "chof" if "cht=" in query else "format"
    response = app.get(f"/?{query}&{key}={fmt}", status="*")
    return response.status_int, response.body


@pytest.mark.parametrize("caption, query", CASES_ALL, ids=[c for c, _ in CASES_ALL])
def test_the_core_path_draws_the_bytes_pillow_draws(app, caption, query):
    for fmt in FORMATS if "cht=" not in query else ("png", "gif"):  # Google's chof has no JPEG or WebP
        with core(True):
            status, fast = body(app, query, fmt)
        with core(False):
            _, slow = body(app, query, fmt)
        assert status == 200, (fmt, fast[:200])
        assert fast == slow, f"{fmt}: the core path drew other bytes than PIL.Image"
    assert decode(fast).size[0] > 0


def test_the_corpus_reaches_every_primitive():
    """The comparison is only as good as its corpus: it must draw each thing the core path does itself."""
    seen = set()
    originals = {name: getattr(pilcore.Pen, name) for name in ("rectangle", "polygon", "line", "ellipse", "pieslice",
                                                                 "text", "_fallback")}

    def spy(name):
        def call(self, *args, **kwargs):
            seen.add(name)
            return originals[name](self, *args, **kwargs)
        return call
    app = webtest.TestApp(make_app(Settings(cache_bytes=0)))
    try:
        for name in originals:
            setattr(pilcore.Pen, name, spy(name))
        for _, query in CASES_ALL:
            body(app, query, "png")
    finally:
        for name, original in originals.items():
            setattr(pilcore.Pen, name, original)
    assert seen == set(originals)


def test_a_surface_shares_its_pixels_with_its_pil_view():
    surface = pilcore.new("RGB", (4, 3), (10, 20, 30))
    view = pilcore.pil(surface)
    view.putpixel((1, 1), (200, 0, 0))
    assert surface.getpixel((1, 1)) == (200, 0, 0)
    pilcore.draw(surface).rectangle((0, 0, 0, 0), fill=(0, 255, 0))
    assert view.getpixel((0, 0)) == (0, 255, 0)
    assert view.size == surface.size == (4, 3) and view.mode == "RGB"


def test_only_verified_pillow_releases_use_the_core():
    assert pilcore.convention("10.1.0") == "10.1"
    assert pilcore.convention("11.1.0") == "10.2"
    assert pilcore.convention("13.0.0") == "11.2"
    assert pilcore.convention("9.5.0") is None
    assert pilcore.convention("99.0.0") is None  # a release nobody read: PIL.Image draws, as before


def test_a_face_measures_as_pillows_font():
    from PIL import ImageFont

    from dyngraph import fonts

    path = fonts.system_font()
    if not path:
        pytest.skip("no TrueType face on this host")
    face, font = pilcore.Face(path, 13), ImageFont.truetype(path, 13)
    for text in ("Traffic 2026", "gjpq|ÉÅ", "0.25", "…"):
        assert face.getlength(text) == font.getlength(text)
        for anchor in (None, "ls", "mm", "rb"):
            assert face.getbbox(text, anchor=anchor) == font.getbbox(text, anchor=anchor)
        assert bytes(face.getmask(text)) == bytes(font.getmask(text))
    assert face.getmetrics() == font.getmetrics()


def test_text_masks_kept_for_the_process_are_bounded_in_count_and_size():
    from dyngraph import fonts

    path = fonts.system_font()
    if not path:
        pytest.skip("no TrueType face on this host")
    face, big = pilcore.Face(path, 12), pilcore.Face(path, 200)
    pilcore._MASKS.clear()
    first = face.mask("Jan", None, 0, (0.25, 0.5), "L", True)
    assert face.mask("Jan", None, 0, (0.25, 0.5), "L", True) is first  # drawn again: the same mask
    for n in range(pilcore.MASKS + 50):
        face.mask(f"label {n}", None, 0, (0.0, 0.0), "L", True)
    assert len(pilcore._MASKS) <= pilcore.MASKS
    banner = big.mask("A title too large to keep", None, 0, (0.0, 0.0), "L", True)
    assert banner[0].size[0] * banner[0].size[1] > pilcore.MASK_PIXELS
    assert all(key[1] != 200 for key in pilcore._MASKS)
