"""Fonts: one primary face per chart, glyph-by-glyph fallback (CJK, symbols), missing glyphs reported."""

import pytest

from conftest import require_or_skip

from dyngraph import fonts
from dyngraph.graph_app import make_app
from dyngraph.render import render
from dyngraph.settings import Settings
from dyngraph.spec import make, quote

BOX = "\U00013000"  # an Egyptian hieroglyph: no face installed here or in CI has it, so it draws as .notdef
CJK = next((p for p in fonts.FALLBACK_FONTS[:8] if __import__("os").path.isfile(p)), "")


def test_the_configured_font_wins_then_a_system_face():
    assert fonts.primary("/srv/fonts/Mine.ttf") == "/srv/fonts/Mine.ttf"
    assert fonts.primary("") == fonts.system_font()
    assert fonts.system_font() in ("", *fonts.SYSTEM_FONTS)


def test_a_real_face_is_preferred_when_the_host_has_one():
    require_or_skip(fonts.system_font(), "no system TrueType font (Debian: fonts-dejavu-core)")
    spec = make(type="bar", data=[1, 2], title="Sales", labels=["Mon", "Tue"], width=300, height=150)
    assert render(spec).tobytes() == render(spec, font_path=fonts.system_font()).tobytes()


def test_the_built_in_font_gets_a_readable_word_space():
    gap = fonts.width("a b", 12, "") - fonts.width("ab", 12, "")
    assert gap >= 0.3 * 12 - 1  # its own space is 3 px at 12 px: "Escalationsto"


def test_runs_split_text_by_the_face_that_has_each_glyph():
    require_or_skip(fonts.system_font() and CJK, "no CJK font (Debian: fonts-noto-cjk)")
    primary = fonts.system_font()
    assert fonts.runs("Sales", primary) == [(primary, "Sales")]
    assert fonts.runs("Sales 中文 €", primary) == [(primary, "Sales "), (CJK, "中文"), (primary, " €")]
    assert fonts.missing("Sales 中文 €", primary) == set()
    assert fonts.missing("a" + BOX, primary) == {BOX}


def _title_band(title, font_path=""):
    image = render(make(type="bar", data=[1, 2], title=title, width=300, height=150), font_path=font_path)
    return image.crop((0, 0, 300, 30)).convert("L").tobytes()


def test_accented_letters_are_drawn_not_boxes():
    require_or_skip(fonts.system_font(), "no system TrueType font (Debian: fonts-dejavu-core or fonts-liberation)")
    assert _title_band("é") != _title_band("ü")
    assert _title_band("é") != _title_band("e")


def test_two_cjk_strings_draw_differently_and_not_as_boxes():
    require_or_skip(CJK, "no CJK font (Debian: fonts-noto-cjk)")
    first, second, boxes = _title_band("销售额"), _title_band("利润率"), _title_band(BOX * 3)
    assert first != second
    assert first != boxes and second != boxes


def test_the_euro_sign_from_a_number_format_is_drawn_not_a_box():
    require_or_skip(fonts.system_font(), "no system TrueType font (Debian: fonts-dejavu-core)")
    assert _title_band("€") != _title_band(BOX)
    euro = render(make(type="bar", data=[10, 20], axes="x,y", axisstyles="1N*cEUR0*", width=300, height=150))
    box = render(make(type="bar", data=[10, 20], axes="x,y", axisstyles="1N*cUSD0*", width=300, height=150))
    assert "unsupported" not in euro.info
    assert euro.crop((0, 0, 60, 150)).tobytes() != box.crop((0, 0, 60, 150)).tobytes()


def test_a_glyph_no_font_has_is_named_in_a_header_and_logged_once():
    import io
    from wsgiref.util import setup_testing_defaults

    app, log = make_app(Settings()), io.StringIO()

    def get(query):
        environ, answer = {"QUERY_STRING": query, "wsgi.errors": log}, {}
        setup_testing_defaults(environ)
        b"".join(app(environ, lambda status, headers, exc=None: answer.update(status=status, headers=dict(headers))))
        return answer

    for _ in range(2):
        answer = get(f"type=bar&data=1,2&title=Q{quote(BOX)}&format=png")
        assert answer["status"].startswith("200")
        assert "glyphs U+13000" in answer["headers"]["X-Dyngraph-Unsupported"]
    assert log.getvalue().count("U+13000") == 1  # once per process
    assert "X-Dyngraph-Unsupported" not in get("type=bar&data=1,2&title=Plain&format=png")["headers"]


@pytest.mark.parametrize("text", ["Sales 中文", "€ 1,000", "a b c"])
def test_width_matches_what_is_drawn(text):
    from dyngraph.render.canvas import Canvas

    canvas = Canvas(300, 60, font_path=fonts.primary())
    canvas.text(10, 10, text, size=14)
    (_, _, box), = canvas.texts()
    assert abs((box[2] - box[0]) - fonts.width(text, 14, fonts.primary())) <= 4
