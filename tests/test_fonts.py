"""Fonts: the built-in font covers ASCII; other text falls back to a system font when the host has one."""

from conftest import require_or_skip

from dyngraph import fonts
from dyngraph.render import render
from dyngraph.spec import make


def test_ascii_text_uses_the_built_in_font():
    assert fonts.path_for(["Sales 2026", "Q1"]) == ""


def test_configured_font_always_wins():
    assert fonts.path_for(["Café"], "/srv/fonts/Mine.ttf") == "/srv/fonts/Mine.ttf"
    assert fonts.path_for(["Cafe"], "/srv/fonts/Mine.ttf") == "/srv/fonts/Mine.ttf"


def test_non_ascii_text_uses_a_system_font():
    assert fonts.path_for(["Café"]) == fonts.system_font()
    assert fonts.system_font() in ("", *fonts.SYSTEM_FONTS)


def test_texts_of_finds_nested_strings():
    assert list(fonts.texts_of(("a", (1.0, ("b",)), 3, "c"))) == ["a", "b", "c"]


def _title_band(title):
    image = render(make(type="bar", data=[1, 2], title=title, width=300, height=150))
    return image.crop((0, 0, 300, 30)).convert("L").tobytes()


def test_accented_letters_are_drawn_not_boxes():
    """Pillow's built-in font draws é and ü as the same empty box; a real font draws two glyphs."""
    require_or_skip(fonts.system_font(), "no system TrueType font (Debian: fonts-dejavu-core or fonts-liberation)")
    assert _title_band("é") != _title_band("ü")
    assert _title_band("é") != _title_band("e")
