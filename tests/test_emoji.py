"""Colour emoji: sequences read as one emoji, drawn in colour from the colour face, measured as drawn."""

import colorsys
import io
import json
import subprocess
import sys
from wsgiref.util import setup_testing_defaults

import pytest
from PIL import ImageFont, features

from conftest import ROOT, require_or_skip

from dyngraph import emoji, fonts
from dyngraph.errors import SpecError
from dyngraph.graph_app import make_app
from dyngraph.render import layout, render
from dyngraph.render.canvas import Canvas, emoji_tile
from dyngraph.settings import Settings
from dyngraph.spec import make, quote

APPLE, TREE, THUMB, TONE = "\U0001F34E", "\U0001F333", "\U0001F44D", "\U0001F3FD"
FRANCE = "\U0001F1EB\U0001F1F7"
FAMILY = "\U0001F468\u200d\U0001F469\u200d\U0001F467"
HEART = "\u2764\ufe0f"
BOX = "\U00013000"  # no face here or in CI has it: drawn as the .notdef box
TITLE_SIZE = Canvas(300, 150).title_size  # the title's size on the 300 x 150 charts drawn here
NO_COLOUR_FACE = "no colour emoji face (Debian: fonts-noto-color-emoji)"


@pytest.mark.parametrize("text, pieces", [
    ("Sales", [("Sales", False)]),
    ("中文 €", [("中文 €", False)]),
    (f"a{APPLE}b", [("a", False), (APPLE, True), ("b", False)]),
    (THUMB + TONE, [(THUMB + TONE, True)]),
    (FAMILY + " x", [(FAMILY, True), (" x", False)]),
    (FRANCE + FRANCE, [(FRANCE, True), (FRANCE, True)]),
    (HEART + "\u2764", [(HEART, True), ("\u2764", False)]),  # text presentation by default
    ("\u2764\ufe0e", [("\u2764\ufe0e", False)]),  # text presentation asked for
    ("1\ufe0f\u20e3", [("1\ufe0f\u20e3", True)]),  # a keycap
    ("\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F", [
        ("\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F", True)]),  # England
    ("\u2b50", [("\u2b50", True)]),  # Emoji_Presentation below U+1F000
])
def test_sequences_are_read_as_one_emoji(text, pieces):
    assert emoji.split(text) == pieces
    assert "".join(piece for piece, _ in emoji.split(text)) == text


def test_a_sequence_falls_apart_into_the_emoji_it_joins():
    assert emoji.parts(FAMILY) == ["\U0001F468", "\U0001F469", "\U0001F467"]
    assert emoji.parts(THUMB + TONE) == [THUMB, TONE]
    assert emoji.parts(FRANCE) == ["\U0001F1EB", "\U0001F1F7"]


def _face():
    face = fonts.colour_face()
    require_or_skip(face and fonts.system_font(), NO_COLOUR_FACE)
    return face


def _saturated(image, box=None):
    """(count, mean hue in degrees) of the strongly coloured pixels of ``image`` (within ``box``)."""
    part = (image.crop(box) if box else image).convert("RGB")
    hues = []
    data = part.tobytes()
    for r, g, b in zip(data[0::3], data[1::3], data[2::3]):
        h, s, v = colorsys.rgb_to_hsv(r / 255, g / 255, b / 255)
        if s > 0.6 and v > 0.35:
            hues.append(h * 360)
    return len(hues), hues


def _ink_box(image, box):
    """The bounding box (in ``image``) of the pixels within ``box`` that differ from the background."""
    part = image.convert("RGB").crop(box)
    background = part.getpixel((0, 0))
    from PIL import ImageChops, Image

    diff = ImageChops.difference(part, Image.new("RGB", part.size, background)).convert("L").point(
        lambda v: 255 if v > 24 else 0)
    left, top, right, bottom = diff.getbbox()
    return (left + box[0], top + box[1], right + box[0], bottom + box[1])


def _chart(title, scale=1, **extra):
    spec = make(type="bar", data=[1, 2], title=title, width=300, height=150, scale=scale, **extra)
    return render(spec), layout(spec)


def _title(layout_):
    return next(t["box"] for t in layout_["texts"] if t["role"] == "title")


def _title_ink(image, placed):
    """The box of the pixels drawn in and around the title's layout box (nothing else is there)."""
    box = _title(placed)
    return _ink_box(image, (box[0] - 8, 0, box[2] + 8, box[3] + 6))


def test_an_apple_draws_red_and_a_tree_green_where_the_title_is():
    _face()
    for glyph, low, high in ((APPLE, -25, 20), (TREE, 75, 160)):
        image, placed = _chart(glyph)
        box = _title(placed)
        count, hues = _saturated(image, (box[0], box[1], box[2], box[3]))
        assert count > 40, f"{glyph!r}: only {count} coloured pixels in its box"
        in_range = [h for h in hues if low <= (h if h < 300 else h - 360) <= high]
        assert len(in_range) > 0.6 * count, f"{glyph!r}: hues not in {low}..{high}"
        assert _saturated(image, (0, 0, 300, 30))[0] - count < 5  # the colour is in the text's box


def test_two_emoji_draw_differently_and_neither_as_the_box():
    _face()
    bands = {name: _chart(text)[0].crop((0, 0, 300, 30)).tobytes()
             for name, text in (("apple", APPLE), ("tree", TREE), ("box", BOX))}
    assert bands["apple"] != bands["tree"]
    assert bands["apple"] != bands["box"] and bands["tree"] != bands["box"]
    box_image = _chart(BOX)[0]
    assert _saturated(box_image, (0, 0, 300, 30))[0] == 0  # the box is drawn in the text ink


@pytest.mark.parametrize("title", [APPLE, f"Fruit {APPLE} and {TREE}", f"{FAMILY} {FRANCE}"])
def test_the_layout_box_is_where_the_pixels_are(title):
    _face()
    image, placed = _chart(title)
    box, ink = _title(placed), _title_ink(image, placed)
    assert all(abs(a - b) <= 2 for a, b in zip(box, ink)), (box, ink)


def test_the_width_measured_for_layout_is_the_width_drawn():
    _face()
    size = 14
    canvas = Canvas(300, 60, font_path=fonts.primary())
    text = f"Sales {APPLE} {FRANCE} up"
    canvas.text(10, 10, text, size=size)
    (_, _, box), = canvas.texts()
    assert abs((box[2] - box[0]) - fonts.width(text, size, fonts.primary())) <= 3
    one = fonts.width(APPLE, size, fonts.primary())
    assert size <= one <= 1.5 * size  # an emoji is about an em wide at the size it is drawn
    assert fonts.width(FAMILY, size, fonts.primary()) == pytest.approx(one, abs=0.5)  # one glyph


def test_scale_2_draws_the_emoji_twice_as_large():
    _face()
    one, placed_one = _chart(APPLE)
    two, placed_two = _chart(APPLE, scale=2)
    first, second = _title_ink(one, placed_one), _title_ink(two, placed_two)
    for a, b in ((first[2] - first[0], second[2] - second[0]), (first[3] - first[1], second[3] - second[1])):
        assert abs(2 * a - b) <= 2, (first, second)
    assert _saturated(two)[0] > 3.5 * _saturated(one)[0]
    assert abs(_title(placed_two)[0] - 2 * _title(placed_one)[0]) <= 2


def test_sequences_draw_as_one_glyph_and_are_not_reported():
    _face()
    require_or_skip(features.check_feature("raqm"), "Pillow without Raqm (libraqm, libfribidi) shapes no sequences")
    thumb = _title_ink(*_chart(THUMB))
    for sequence in (THUMB + TONE, FRANCE, FAMILY, HEART):
        image, placed = _chart(sequence)
        ink = _title_ink(image, placed)
        assert abs((ink[2] - ink[0]) - (thumb[2] - thumb[0])) <= 3, sequence  # one glyph wide, not two
        assert "unsupported" not in image.info
    toned, plain = _chart(THUMB + TONE)[0], _chart(THUMB)[0]
    assert toned.crop((0, 0, 300, 30)).tobytes() != plain.crop((0, 0, 300, 30)).tobytes()
    flag = _chart(FRANCE)[0]
    _, hues = _saturated(flag, (0, 0, 300, 30))
    assert any(200 <= h <= 250 for h in hues) and any(h <= 15 or h >= 345 for h in hues)  # blue and red


def _get(app, query, log):
    environ, answer = {"QUERY_STRING": query, "wsgi.errors": log}, {}
    setup_testing_defaults(environ)
    body = b"".join(app(environ, lambda status, headers, exc=None: answer.update(status=status,
                                                                                 headers=dict(headers))))
    return answer, body


@pytest.fixture
def unshaped(monkeypatch):
    """The colour face with Pillow's basic layout (as without Raqm): no sequence is one glyph."""
    path, strike, _ = _face()
    basic = ImageFont.truetype(path, strike, layout_engine=ImageFont.Layout.BASIC)
    caches = (fonts.drawable, fonts.emoji_width, fonts.emoji_box, emoji_tile)
    for cached in caches:
        cached.cache_clear()
    monkeypatch.setattr(fonts, "colour_face", lambda: (path, strike, basic))
    yield
    for cached in caches:
        cached.cache_clear()


def test_a_sequence_the_face_cannot_join_is_drawn_as_its_parts_and_named(unshaped):
    assert fonts.runs(FAMILY) == [(fonts.EMOJI, p) for p in emoji.parts(FAMILY)]
    assert fonts.missing(f"{FAMILY} {APPLE}", fonts.primary()) == {FAMILY}
    image, placed = _chart(FAMILY)
    ink = _title_ink(image, placed)
    one = fonts.width(APPLE, TITLE_SIZE, fonts.primary())
    assert ink[2] - ink[0] > 2 * one  # three people side by side, not three boxes
    assert _saturated(image, (0, 0, 300, 30))[0] > 100
    log = io.StringIO()
    answer, _ = _get(make_app(Settings()), f"type=bar&data=1,2&title={quote(FAMILY)}&format=png", log)
    assert answer["status"].startswith("200")
    assert "glyphs U+1F468+U+200D+U+1F469+U+200D+U+1F467" in answer["headers"]["X-Dyngraph-Unsupported"]
    assert "U+1F468+U+200D+U+1F469+U+200D+U+1F467" in log.getvalue()


def test_an_emoji_costs_work_and_the_budget_refuses_a_wall_of_them():
    _face()
    many = "".join(chr(0x1F345 + i) for i in range(20))  # twenty different fruit and food
    plain, distinct, repeated = Canvas(300, 150), Canvas(300, 150), Canvas(300, 150)
    plain.text(10, 10, "a" * 20)
    distinct.text(10, 10, many)
    repeated.text(10, 10, APPLE * 20)
    assert distinct.work - plain.work >= 20 * 500  # each drawn from the face and scaled: ~1 ms
    assert plain.work < repeated.work < distinct.work / 4  # a repeat reuses its tile
    spec = make(type="bar", data=[1, 2], title=many * 2, width=600, height=150)
    ascii_work = _work(make(type="bar", data=[1, 2], title="a" * 40, width=600, height=150))
    with pytest.raises(SpecError, match="DYNGRAPH_MAX_WORK"):
        render(spec, max_work=ascii_work + 5000)
    render(make(type="bar", data=[1, 2], title="a" * 40, width=600, height=150), max_work=ascii_work + 5000)


def _work(spec):
    from dyngraph.render import _drawn

    return _drawn(spec, "").work


def test_labels_with_emoji_are_measured_so_they_do_not_collide():
    _face()
    labels = [f"{APPLE}{TREE}{FRANCE}{i}" for i in range(8)]
    spec = make(type="bar", data=list(range(1, 9)), labels=labels, width=300, height=150)
    boxes = sorted(t["box"] for t in layout(spec)["texts"] if t["role"] == "xtick")
    assert boxes
    assert all(a[2] <= b[0] for a, b in zip(boxes, boxes[1:])), boxes


LAZY = r"""
import sys
sys.path.insert(0, {lib!r})
from dyngraph.render import render
from dyngraph.spec import make
from dyngraph import fonts
render(make(type="bar", data=[1, 2], title={title!r}, labels=["a", "b"], width=300, height=150))
print("dyngraph.emoji" in sys.modules, fonts.colour_face.cache_info().currsize)
"""


@pytest.mark.parametrize("title, emoji_module, face_loaded", [
    ("Plain ASCII", False, 0), ("中文 € é", True, 0), (f"Apples {APPLE}", True, 1)])
def test_the_colour_face_is_opened_only_for_text_with_emoji(title, emoji_module, face_loaded):
    if face_loaded:
        _face()
    code = LAZY.format(lib=str(ROOT / "lib"), title=title)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(emoji_module), str(face_loaded)]


def test_emoji_in_the_layout_json_through_the_app():
    _face()
    answer, body = _get(make_app(Settings()), f"type=bar&data=1,2&title={quote(APPLE + ' up')}&format=json",
                        io.StringIO())
    title = next(t for t in json.loads(body)["texts"] if t["role"] == "title")
    assert title["text"] == APPLE + " up"
    assert title["box"][2] - title["box"][0] >= fonts.width(APPLE + " up", TITLE_SIZE, fonts.primary()) - 3


@pytest.mark.parametrize("max_width", [20, 40, 50, 61, 75, 100])
def test_wrapping_and_cutting_never_split_a_sequence(max_width):
    word = (THUMB + TONE + FAMILY + FRANCE) * 4  # one long word of emoji sequences
    lines = fonts.wrap(word, 12, max_width, 3, fonts.primary())
    for line in lines:
        pieces = [p for p, is_emoji in emoji.split(line.rstrip("…")) if is_emoji]
        assert "".join(pieces) == line.rstrip("…"), line  # nothing but whole emoji
        assert set(pieces) <= {THUMB + TONE, FAMILY, FRANCE}, line
    cut = fonts.fit(word, 12, max_width, fonts.primary())
    assert set(p for p, _ in emoji.split(cut.rstrip("…"))) <= {THUMB + TONE, FAMILY, FRANCE}


def test_measuring_emoji_new_to_the_chart_costs_work_once():
    _face()
    many = "".join(chr(0x1F400 + i) for i in range(100))  # a hundred animals: the face is asked for each
    canvas = Canvas(600, 150)
    before = canvas.work
    canvas.text_width(many)
    first = canvas.work - before
    canvas.text_width(many)
    canvas.fit(many, 200)
    again = canvas.work - before - first
    assert first >= 100 * 200
    assert again < first / 10


def test_without_a_colour_face_emoji_go_through_the_fallback_faces_and_are_named(monkeypatch):
    caches = (fonts.drawable, fonts.emoji_width, fonts.emoji_box)
    for cached in caches:
        cached.cache_clear()
    monkeypatch.setattr(fonts, "colour_face", lambda: None)
    try:
        primary = fonts.primary()
        assert all(face != fonts.EMOJI for face, _ in fonts.runs(f"a {APPLE} {FAMILY}", primary))
        drawn_by = [f for f in fonts.chain(primary) if fonts.has(f, APPLE)]
        assert (APPLE in fonts.missing(APPLE, primary)) == (not drawn_by)  # a monochrome face, or named
        assert FAMILY in fonts.missing(FAMILY, primary)  # no face joins it: drawn as its parts, named
    finally:
        for cached in caches:
            cached.cache_clear()


def test_an_error_image_draws_a_quoted_emoji_in_colour():
    _face()
    from dyngraph.render import render_error

    def green(image):  # the error's own inks are orange and dark red
        return sum(75 <= h <= 160 for h in _saturated(image)[1])

    assert green(render_error(f"title: cannot be drawn, got '{TREE}'", width=300, height=40)) > 20
    assert green(render_error(f"title: cannot be drawn, got '{BOX}'", width=300, height=40)) == 0
