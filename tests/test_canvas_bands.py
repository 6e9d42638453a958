"""The canvas paints its supersampled shapes band by band: the pixels must be those of the whole canvas.

Each case draws the same shapes twice, once painted as one band (the whole supersampled canvas, as
before bands) and once in bands a few rows high, and compares the images byte for byte.
"""

import random

import pytest
from PIL import Image

from dyngraph.render import canvas as canvas_module
from dyngraph.render.canvas import Canvas
from dyngraph.spec import make
from dyngraph.render import _drawn


def _shapes(canvas, seed):
    """Every primitive, at random places (some straddling the image edges), opaque and translucent."""
    rng = random.Random(seed)
    w, h = canvas.width, canvas.height

    def x():
        return rng.uniform(-0.2 * w, 1.2 * w)

    def y():
        return rng.uniform(-0.2 * h, 1.2 * h)

    def ink():
        return (rng.randrange(256), rng.randrange(256), rng.randrange(256), rng.choice((255, 255, 120)))

    for _ in range(3):
        canvas.rect(x(), y(), x(), y(), ink())
        canvas.polygon([(x(), y()) for _ in range(rng.randint(3, 7))], ink())
        canvas.line([(x(), y()) for _ in range(rng.randint(2, 30))], ink(), rng.choice((1, 2, 2.5, 6)))
        canvas.circle(x(), y(), rng.uniform(0.5, h / 3), ink(), outline=ink(), outline_width=rng.choice((0, 1.5)))
        canvas.pieslice(x(), y(), rng.uniform(1, h / 2), rng.uniform(0, 360), rng.uniform(0, 360), ink())
        left = rng.uniform(0, w)
        canvas.dashes(left, -3, left, h + 3, ink(), rng.uniform(0.5, 4), rng.uniform(0.5, 3))
        top = rng.uniform(0, h)
        canvas.dashes(-2, top, w + 2, top, ink(), rng.uniform(0.5, 4), rng.uniform(0.5, 3))
    xs = sorted(rng.uniform(0, w) for _ in range(40))
    canvas.fill_between(xs, [rng.uniform(0, h) for _ in xs], [rng.uniform(0, h) for _ in xs], ink(),
                        clip=(0, 0, w, h))
    canvas.punch(rng.uniform(0, w), rng.uniform(0, h), rng.uniform(1, h / 4))
    stamp = Image.new("RGBA", (7 * canvas.scale, 5 * canvas.scale), ink())
    canvas.paste(int(rng.uniform(0, w - 8)), int(rng.uniform(0, h - 6)), stamp)


def _painted(monkeypatch, make_canvas, draw, band_bytes):
    """``band_bytes`` None: the reference, the whole supersampled canvas in one band, every column reduced."""
    monkeypatch.setattr(canvas_module, "BAND_BYTES", 1 << 40 if band_bytes is None else band_bytes)
    canvas = make_canvas()
    draw(canvas)
    if band_bytes is None:
        monkeypatch.setattr(canvas, "_dirty", lambda live, top, bottom: [(0, canvas.width * canvas.scale)])
    return canvas.finish()


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("background", ["ffffff", "20304080"])
@pytest.mark.parametrize(("size", "scale"), [((240, 120), 1), ((150, 90), 2), ((97, 61), 1)])
def test_bands_paint_the_pixels_of_the_whole_canvas(monkeypatch, seed, background, size, scale):
    def make_canvas():
        return Canvas(*size, background, scale=scale)

    whole = _painted(monkeypatch, make_canvas, lambda c: _shapes(c, seed), None)
    for band_bytes in (1, 30_000, 1 << 40):  # one output row per band; a few rows; one band
        banded = _painted(monkeypatch, make_canvas, lambda c: _shapes(c, seed), band_bytes)
        assert banded.mode == whole.mode and banded.size == whole.size
        assert banded.tobytes() == whole.tobytes(), f"bands of {band_bytes} bytes"


@pytest.mark.parametrize("spec", [
    make(type="line", data=[[3, 9, 4, 12, 7, 15, 2], [5, 5, 8, 1, 9, 3, 6]], legend=["a", "b"], title="Lines",
         width=600, height=300, linewidth=3),
    make(type="area", stacked=True, data=[[3, 4, 6, 5, 7], [2, 2, 3, 4, 3]], width=480, height=240),
    make(type="pie", data=[[45, 25, 15, 10, 5]], labels=["a", "b", "c", "d", "e"], width=400, height=400),
    make(type="donut", data=[[62, 38]], width=500, height=260),
    make(type="scatter", data=[[1, 2, 2, 3.5, 3, 3.1, 4, 5.2], [1, 5, 2, 4.2]], width=480, height=240),
    make(type="radar", data=[[65, 59, 90, 81, 56, 55]], dots=True, width=480, height=300),
    make(type="bar", data=[[5, -3, 8, 12]], width=480, height=240, background="ffffff00"),
], ids=["line", "area", "pie", "donut", "scatter", "radar", "bar-translucent"])
def test_charts_drawn_in_bands_equal_the_whole_canvas(monkeypatch, spec):
    monkeypatch.setattr(canvas_module, "BAND_BYTES", 1 << 40)
    reference = _drawn(spec, "")
    monkeypatch.setattr(reference, "_dirty", lambda live, top, bottom: [(0, reference.width * reference.scale)])
    whole = reference.finish()
    monkeypatch.setattr(canvas_module, "BAND_BYTES", 20_000)
    canvas = _drawn(spec, "")
    assert canvas.height * canvas._m * canvas.width * canvas._m * 4 > 5 * 20_000  # really several bands
    assert canvas.finish().tobytes() == whole.tobytes()


def test_the_standard_chart_is_painted_in_bands_of_at_most_band_bytes(monkeypatch):
    """600x300 at k=3: the 6.5 MB supersampled canvas is never allocated whole."""
    sizes = []
    original = canvas_module.pilcore.new

    def recording_new(mode, size, *args, **kwargs):
        sizes.append(size)
        return original(mode, size, *args, **kwargs)

    spec = make(type="line", data=[[1, 3, 2, 5]], width=600, height=300)
    canvas = _drawn(spec, "")
    monkeypatch.setattr(canvas_module.pilcore, "new", recording_new)
    image = canvas.finish()
    assert image.size == (600, 300)
    assert canvas.k == 3
    assert max(w * h * 4 for w, h in sizes) <= canvas_module.BAND_BYTES


def test_disc_joints_cover_what_pillows_round_joints_cover():
    """An opaque line's round joints are discs: per joint they add at most a couple of samples to what
    Pillow's joint="curve" fills (the seams along the slice's straight edges) and almost never miss one."""
    from PIL import ImageChops, ImageDraw

    from dyngraph.render.canvas import _polyline, _segments

    rng = random.Random(5)
    joints = missing = extra = 0
    for _ in range(150):
        points = [(rng.randint(0, 300), rng.randint(0, 200)) for _ in range(rng.randint(3, 12))]
        pixels = rng.choice((5, 6, 8, 9, 12))
        pillow = Image.new("L", (300, 200))
        ImageDraw.Draw(pillow).line(points, fill=255, width=pixels, joint="curve")
        ours = Image.new("RGBA", (300, 200), (0, 0, 0, 255))
        _polyline(points, _segments(points, pixels + 2), (255, 255, 255, 255), pixels, "curve")(
            ours, ImageDraw.Draw(ours, "RGBA"), 0)
        ours = ours.convert("L")
        joints += len(points) - 2
        missing += ImageChops.subtract(pillow, ours).histogram()[255]
        extra += ImageChops.subtract(ours, pillow).histogram()[255]
    assert joints > 500
    assert missing <= joints / 20
    assert 0 < extra <= 2 * joints


def test_only_columns_with_fractional_shapes_are_reduced():
    """Whole-pixel rectangles and the background are painted at 1x; a short line's columns are supersampled."""
    canvas = Canvas(300, 100)
    assert canvas.k == 4
    canvas.rect(10, 10, 200, 11, (200, 200, 200))  # whole pixels
    canvas.rect(10.5, 50, 200, 51, (200, 200, 200))  # one unaligned edge, at x = 10.5
    canvas.line([(100, 20), (120, 80)], (0, 0, 255), 2)
    rows = canvas.height * canvas._m
    assert canvas._dirty(canvas._ops[:1], 0, rows) == []
    assert canvas._dirty(canvas._ops[1:2], 0, rows) == [(10, 11)]
    (left, right), = canvas._dirty(canvas._ops[2:], 0, rows)
    assert 95 <= left <= 100 and 120 <= right <= 125


@pytest.mark.parametrize("seed", range(3))
def test_a_chart_of_many_shapes_is_painted_in_one_band_with_the_same_pixels(monkeypatch, seed):
    def make_canvas():
        return Canvas(240, 120, scale=1)

    whole = _painted(monkeypatch, make_canvas, lambda c: _shapes(c, seed), None)
    monkeypatch.setattr(canvas_module, "BAND_SHAPES", 3)  # these ~30 shapes count as many
    assert _painted(monkeypatch, make_canvas, lambda c: _shapes(c, seed), 30_000).tobytes() == whole.tobytes()
