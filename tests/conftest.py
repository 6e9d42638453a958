"""Shared fixtures: the two WSGI apps under WebTest, and image decoding helpers."""

import io
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "lib"))

from dyngraph.settings import Settings  # noqa: E402

IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(autouse=True)
def _render_cache_only_where_asked(monkeypatch):
    """The render cache lives where a test's Settings(data_dir=…) says, never in the checkout's var/ or /tmp.

    A test drawing the same chart twice with the cache in a shared place
    would be answered by another test's drawing (tests/test_rendercache.py tests the cache itself).
    """
    from dyngraph import home

    monkeypatch.setattr(home, "writable_home", lambda data_dir, name: os.path.join(data_dir, name) if data_dir else "")


@pytest.fixture(autouse=True, scope="session")
def _no_render_cache_left_in_the_checkout():
    """A subprocess test that forgets cache_bytes=0 would leave var/cache behind: remove it, once, at the end."""
    import shutil

    cache = ROOT / "var" / "cache"
    existed = cache.exists()
    yield
    if not existed and cache.exists():
        shutil.rmtree(cache, ignore_errors=True)


@pytest.fixture
def settings():
    return Settings()


@pytest.fixture
def graph(settings):
    """The image application, linted by WebTest."""
    import webtest

    from dyngraph.graph_app import make_app

    return webtest.TestApp(make_app(settings))


@pytest.fixture
def page(settings):
    import webtest

    from dyngraph.page_app import make_app

    return webtest.TestApp(make_app(settings))


def decode(body):
    """Decode image bytes, fully, and return the Pillow image."""
    from PIL import Image

    image = Image.open(io.BytesIO(body))
    image.load()
    return image


def require_or_skip(condition, reason):
    """Skip an integration test whose prerequisite is missing, but fail under CI=true."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI=true and a prerequisite is missing: {reason}")
    pytest.skip(reason)


GLYPH_NOTICE = "dyngraph: no font on this host draws"


def unexpected_log(text):
    """The error-log lines other than the once-per-process notice of glyphs no font has (fonts, graph_app)."""
    return [line for line in text.splitlines() if not line.startswith(GLYPH_NOTICE)]


def applicable(kind, options):
    """``options`` without those that do not apply to chart type ``kind`` (spec.APPLIES_TO) or act on
    nothing without another (spec.NEEDS, spec.UNUSED_WITH): they are 400s."""
    from dyngraph import spec
    from dyngraph.errors import SpecError

    kept = {name: value for name, value in options.items() if kind in spec.APPLIES_TO.get(name, (kind,))}
    default = spec.ChartSpec()

    def says(name):  # given, as the API reads it (a title of spaces is no title), and not "none"
        if name not in kept:
            return False
        try:
            value = spec.PARAMS[name].read(spec._to_text(name, kept[name]), spec.DEFAULT_LIMITS)
        except SpecError:
            return True
        return value not in (getattr(default, name, None), "none")

    def unused(name):  # another's value leaves it nothing to do
        other, values = spec.UNUSED_WITH.get(name, ("", ()))
        return kept.get(other) in values

    return {name: value for name, value in kept.items() if not says(name) or (
            (spec.needed(name, kind) is None or says(spec.needed(name, kind))) and not unused(name))}


def drawn_colour(headers, hex_colour):
    """The colour ``hex_colour`` was drawn in: itself, or the variant X-Dyngraph-Unsupported names for it
    (a user colour with too little contrast on the background, see dyngraph.usercolours)."""
    import re

    found = re.search(rf": {hex_colour.lower()} drawn as ([0-9a-f]{{6}})", headers.get("X-Dyngraph-Unsupported", ""))
    return found.group(1) if found else hex_colour
