"""The abuse corpus: named hostile or odd requests, each with the answer it must get.

Every case goes through ``wsgiref.validate`` with a raw QUERY_STRING (no client
normalises it first) and asserts the status, the message, the safety headers,
an empty error log, and whether a chart or an error image was drawn at all.
"""

import contextlib
import io
import os
import signal
import subprocess
import sys
import warnings
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import WSGIWarning, validator

import pytest

from conftest import ROOT, decode, unexpected_log

from dyngraph import draw
from dyngraph.graph_app import make_app as make_graph
from dyngraph.page_app import make_app as make_page
from dyngraph.settings import Settings

IMG = (("Accept", "image/avif,image/webp,image/*,*/*;q=0.8"),)
PAYLOAD = "\"'><script>alert(1)</script><img src=x onerror=alert(2)>"
PAYLOAD_Q = "%22%27%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E%3Cimg+src%3Dx+onerror%3Dalert(2)%3E"
PIL_FORMATS = {"jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP"}


@dataclass(frozen=True)
class Case:
    """One request and what must come back. ``draws``: None, "chart" or "error"."""

    name: str
    query: str
    status: int
    fragment: str = ""
    draws: str | None = None
    app: str = "graph"
    method: str = "GET"
    headers: tuple = ()
    body: bytes = b""
    size: tuple | None = None
    xfail: str = ""  # a known bug outside the core request path, with who owns it
    guard: bool = False  # a request that once ran away: ended by a hang guard instead of hanging the suite


def ok(name, query, size=(480, 240), **kw):
    """A request that must draw a chart of ``size``."""
    return Case(name, query, 200, draws="chart", size=size, **kw)


def bounded(name, query, size=(480, 240), **kw):
    """A request that once ran away (seconds, or gigabytes) and must now draw, within a hang guard."""
    return Case(name, query, 200, draws="chart", size=size, guard=True, **kw)


def series(count, pattern=(0, 9)):
    """``count`` comma-separated values cycling through ``pattern``."""
    return ",".join(str(pattern[i % len(pattern)]) for i in range(count))


def flat(series, points, **extra):
    """A query with ``series`` flat series of ``points`` values each in the compact form: the most points a
    URL can carry (a block of 64 equal values is one byte)."""
    from dyngraph.compact import encode

    data = encode(tuple(tuple(float(s + 1) for _ in range(points)) for s in range(series)))
    return "data=" + data + "".join(f"&{name}={value}" for name, value in extra.items())


def bad(name, query, fragment, status=400, **kw):
    """A request that must be refused as text, drawing nothing."""
    return Case(name, query, status, fragment, **kw)


CASES = [
    # --- sizes --------------------------------------------------------------------
    bad("width_zero", "data=1&width=0", "width: must be an integer from 16 to 2000, got '0'"),
    bad("width_negative", "data=1&width=-5", "width: must be an integer from 16 to 2000"),
    bad("width_below_minimum", "data=1&width=15", "width: must be an integer from 16 to 2000"),
    bad("height_huge", "data=1&height=99999999", "height: must be an integer from 16 to 2000"),
    bad("width_fifty_digits", "data=1&width=1" + "0" * 50, "width: must be an integer"),
    bad("width_non_numeric", "data=1&width=abc", "width: must be an integer"),
    bad("width_fractional", "data=1&width=100.5", "width: must be an integer"),
    bad("width_plus_sign", "data=1&width=+100", "width: must be an integer"),
    bad("width_arabic_indic_digits", "data=1&width=%D9%A1%D9%A2%D9%A0", "width: must be an integer"),
    bad("area_over_pixel_cap", "data=1&width=2000&height=2000", "at most 1000000 are accepted"),
    ok("area_exactly_at_cap", "data=1,2&width=1000&height=1000", size=(1000, 1000)),
    bad("area_one_pixel_over_cap", "data=1,2&width=1001&height=1000", "at most 1000000 are accepted"),
    ok("smallest_size", "data=1,2,3&width=16&height=16", size=(16, 16)),
    Case("error_image_capped", "data=x&width=99999&height=99999&format=png", 400, "data:", draws="error",
         headers=IMG, size=(480, 240)),
    Case("error_image_default_size_fills_the_img_box", "type=sparkline&data=x&format=png", 400, "data:",
         draws="error", headers=IMG, size=(120, 30)),
    Case("error_image_large_but_parsable", "data=x&width=5000&height=3000&format=gif", 400, "data:", draws="error",
         headers=IMG, size=(800, 800)),
    Case("error_image_zero_size", "width=0&height=0&format=webp", 400, "width:", draws="error",
         headers=IMG, size=(16, 16)),
    # --- numbers ------------------------------------------------------------------
    bad("nan", "data=1,nan,3", "data: must be a decimal number"),
    bad("nan_uppercase", "data=NaN", "data: must be a decimal number"),
    bad("inf", "data=inf", "data: must be a decimal number"),
    bad("negative_infinity", "data=-Infinity", "data: must be a decimal number"),
    bad("one_e_308", "data=1,1e308", "data: must be between -1e15 and 1e15"),
    bad("exponent_overflow", "data=1e999", "data: must be between -1e15 and 1e15"),
    bad("just_over_magnitude", "data=1000000000000001", "data: must be between -1e15 and 1e15"),
    bad("ten_thousand_digits", "data=" + "9" * 8000, "data: must be a decimal number"),
    bad("underscore_digits", "data=1_000", "data: must be a decimal number"),
    bad("arabic_indic_data", "data=%D9%A1%D9%A2", "data: must be a decimal number"),
    bad("fullwidth_digits", "data=%EF%BC%91", "data: must be a decimal number"),
    bad("hex_literal", "data=0x10", "data: must be a decimal number"),
    bad("comma_decimal_space", "data=1%2C5+", "data: must be a decimal number"),
    bad("empty_query", "", "data: required"),
    bad("too_many_series", "data=" + "|".join("1" for _ in range(17)), "at most 16 are accepted"),
    bad("pie_negative", "type=pie&data=1,-2", "pie values must not be negative"),
    bad("pie_too_many_slices", "type=pie&data=" + ",".join("1" for _ in range(361)),
        "pie takes at most 360 slices, got 361"),
    bad("pie_two_series", "type=donut&data=1|2", "donut takes one series"),
    bad("scatter_odd", "type=scatter&data=1,2,3", "scatter series must be x,y pairs"),
    bad("min_equals_max", "data=1&min=5&max=5", "max: must be greater than min"),
    bad("linewidth_huge", "data=1&linewidth=1e9", "linewidth: must be a number from 0.5 to 12"),
    bad("linewidth_nan", "data=1&linewidth=nan", "linewidth: must be a number from 0.5 to 12"),
    bad("quality_zero", "data=1&quality=0", "quality: must be an integer from 1 to 95"),
    ok("four_thousand_points", "data=" + ",".join(str(i % 7) for i in range(4000)) + "&dots=1"),
    ok("one_point", "data=5"),
    ok("all_equal", "data=3,3,3,3"),
    ok("all_missing", "data=,,,"),
    ok("two_empty_series", "data=|"),
    ok("underflow_is_zero", "data=1e-999,1"),
    ok("extreme_magnitudes", "data=-1e15,1e15,-1e15&dots=1&linewidth=12"),
    ok("tiny_range_huge_offset", "data=999999999999999,999999999999999.9"),
    ok("pie_all_zero", "type=pie&data=0,0,0&format=png"),
    ok("bar_extremes", "type=bar&data=-1e15,1e15|1e15,-1e15&stacked=1"),
    ok("scatter_one_pair", "type=scatter&data=1e15,-1e15&format=png"),
    ok("area_dense_sign_changes", "type=area&data=" + ",".join(["-1", "1"] * 150)),
    ok("area_dense_sign_changes_long", "type=area&data=" + ",".join(["-1", "1.5"] * 400)),
    # --- text ---------------------------------------------------------------------
    ok("title_control_characters", "data=1,2&title=a%00b%07c%1Bd%7F"),
    ok("title_carriage_return", "data=1,2&title=a%0Db%0D%0Ac"),
    ok("title_next_line_u0085", "data=1,2&title=a%C2%85b"),
    ok("title_bidi_override", "data=1,2&title=abc%E2%80%AEdef%E2%81%A6x"),
    ok("title_line_separator", "data=1,2&title=a%E2%80%A8b%E2%80%A9c"),
    ok("title_emoji", "data=1,2&title=%F0%9F%98%80%F0%9F%91%A9%E2%80%8D%F0%9F%94%AC%F0%9F%87%BA%F0%9F%87%B3"),
    ok("title_combining_marks", "data=1,2&title=e" + "%CC%81" * 150),
    ok("title_rtl", "data=1,2&title=%D7%A9%D7%9C%D7%95%D7%9D+%D9%85%D8%B1%D8%AD%D8%A8%D8%A7"),
    ok("labels_of_200_different_emoji", "type=bar&data=" + ",".join("1" * 50) + "&labels="
       + "|".join("".join(f"%F0%9F%{0x90 + (i * 4 + j) // 64:02X}%{0x80 + (i * 4 + j) % 64:02X}" for j in range(4))
                  for i in range(50)) + "&width=2000&height=500", size=(2000, 500)),
    ok("title_emoji_sequences_repeated", "data=1,2&titlesize=72&title=" + "%F0%9F%91%A8%E2%80%8D%F0%9F%91%A9%E2%80%8D"
       "%F0%9F%91%A7%F0%9F%87%AB%F0%9F%87%B7%F0%9F%91%8D%F0%9F%8F%BD" * 20),
    ok("labels_mixed_scripts", "type=bar&data=1,2,3&labels=%E4%B8%AD%E6%96%87|%D7%A2%D7%91|%F0%9F%90%8D"),
    ok("legend_only_controls", "data=1|2&legend=%01%02|%E2%80%AE"),
    ok("title_exactly_at_cap", "data=1,2&title=" + "W" * 200),
    ok("raw_utf8_bytes_in_query", "data=1,2&title=\xc3\xa9t\xc3\xa9"),
    bad("title_over_cap", "data=1&title=" + "x" * 201, "title: must be at most 200 characters, got 201"),
    bad("label_over_cap", "data=1&labels=" + "y" * 101, "labels: must be at most 100 characters"),
    bad("total_text_over_cap", "data=1&labels=" + "|".join("z" * 100 for _ in range(60)),
        "characters of text; at most 5000 in all"),
    bad("lone_surrogate_utf8", "data=1&title=%ED%A0%80", "title: must be valid UTF-8 text"),
    bad("overlong_utf8", "data=1&title=%C0%AF", "title: must be valid UTF-8 text"),
    bad("truncated_utf8", "data=1&title=%E2%82", "title: must be valid UTF-8 text"),
    bad("raw_latin1_byte", "data=1&title=\xff", "title: must be valid UTF-8 text"),
    # --- colours and formats -----------------------------------------------------
    bad("format_unknown", "data=1&format=bmp", "format: must be one of jpeg, png, gif, webp"),
    bad("format_path", "data=1&format=../../etc/passwd", "format: must be one of"),
    bad("format_mixed_case", "data=1&format=PNG", "format: must be one of"),
    bad("format_nul", "data=1&format=png%00", "format: must be one of"),
    bad("format_mime", "data=1&format=image/png", "format: must be one of"),
    bad("colour_name", "data=1&colors=red", "colors: must be a hex colour"),
    bad("colour_path", "data=1&background=../../etc", "background: must be a hex colour"),
    bad("colour_css_injection", "data=1&colors=ff0000;background:url(x)", "colors: must be a hex colour"),
    bad("colour_five_digits", "data=1&colors=12345", "colors: must be a hex colour"),
    bad("markers_unknown", "type=sparkline&data=1,2&markers=all", "markers: must be one of min, max, first, last"),
    bad("type_unknown", "type=../render&data=1", "type: must be one of line"),
    ok("colour_mixed_case_hash", "data=1,2&colors=%23FfAa00,AbC&format=png"),
    ok("transparent_png", "data=1,2&background=ffffff00&format=png"),
    ok("transparent_jpeg_flattened", "data=1,2&background=00000000"),
    ok("every_format_webp", "data=1,2&format=webp&width=100&height=50", size=(100, 50)),
    # --- query structure ----------------------------------------------------------
    bad("duplicate_parameter", "data=1&data=2", "data: given more than once"),
    bad("unknown_parameter", "data=1&foo=1", "foo: unknown parameter; accepted:"),
    bad("script_as_name", "%3Cscript%3E=1&data=1", "is not a parameter name"),
    bad("overlong_name", "a" * 40 + "=1&data=1", "is not a parameter name"),
    bad("invalid_percent", "data=%ZZ", "data: invalid percent-encoding"),
    bad("truncated_percent", "data=1%2", "data: invalid percent-encoding"),
    bad("percent_in_name", "da%ta=1", "query: invalid percent-encoding"),
    bad("encoded_ampersand", "data=1%262", "data: must be a decimal number"),
    bad("semicolon_separator", "data=1;width=100", "data: must be a decimal number"),
    bad("thousands_of_parameters", "a=1&" * 2000, "2000 parameters; at most 40 are accepted"),
    bad("over_long_query", "data=" + "1," * 5000, "at most 8190 are accepted", status=414),
    bad("non_latin1_query", "data=1&title=\u20ac", "query: must be percent-encoded ASCII"),
    ok("stray_ampersands", "&&&data=1,2&&"),
    ok("plus_is_space", "data=1,2&title=a+b"),
    # --- methods and headers -----------------------------------------------------
    bad("post_large_body", "data=1", "method: only GET and HEAD", status=405, method="POST",
        body=b"x" * 5_000_000, headers=(("Content-Type", "application/x-www-form-urlencoded"),)),
    bad("put", "data=1", "method: only GET and HEAD", status=405, method="PUT", body=b"data=1"),
    bad("delete", "data=1", "method: only GET and HEAD", status=405, method="DELETE"),
    bad("options", "", "method: only GET and HEAD", status=405, method="OPTIONS"),
    bad("unknown_method", "data=1", "method: only GET and HEAD", status=405, method="BREW"),
    bad("lowercase_get", "data=1", "method: only GET and HEAD", status=405, method="get"),
    bad("trace", "data=1", "method: only GET and HEAD", status=405, method="TRACE"),
    Case("head_draws_but_sends_no_body", "data=1,2", 200, draws="chart", method="HEAD"),
    ok("if_none_match_garbage", "data=1,2", headers=(("If-None-Match", "\"\x7f;;,,W/W/\"\"garbage"),)),
    ok("if_none_match_huge", "data=1,2", headers=(("If-None-Match", ", ".join(["*"] * 30_000)),)),
    ok("if_none_match_other_tag", "data=1,2", headers=(("If-None-Match", '"0123", W/"abc"'),)),
    Case("if_none_match_star", "data=1,2", 304, headers=(("If-None-Match", "*"),)),
    Case("if_none_match_star_head", "data=1,2", 304, method="HEAD", headers=(("If-None-Match", " * "),)),
    Case("if_none_match_weak_own_tag", "data=1,2", 304, headers=(("If-None-Match", "W/{etag}"),)),
    Case("if_none_match_own_tag_in_list", "data=1,2", 304, headers=(("If-None-Match", '"x", {etag}, "y"'),)),
    bad("if_none_match_star_on_bad_request", "data=nan", "data: must be a decimal number",
        headers=(("If-None-Match", "*"),)),
    ok("accept_garbage", "data=1,2", headers=(("Accept", "\x01" * 3000),)),
    # --- the page: every builder field, injected ---------------------------------
    *(Case(f"page_inject_{name}", f"data=1,2&{name}={PAYLOAD_Q}", 400, f"{name}: ", app="page")
      for name in ("type", "width", "height", "format")),
    Case("page_inject_data", f"data={PAYLOAD_Q}", 400, "data: must be a decimal number", app="page"),
    *(Case(f"page_inject_{name}", f"type=bar&data=1,2&{name}={PAYLOAD_Q}", 200, app="page")
      for name in ("labels", "legend", "title")),
    Case("page_inject_parameter_name", f"{PAYLOAD_Q}=1", 400, "is not a parameter name", app="page"),
    Case("page_unknown_field", "data=1&colors=ff0000", 400, "colors: unknown parameter", app="page"),
    Case("page_invalid_utf8", "title=%FF&data=1", 400, "title: must be valid UTF-8 text", app="page"),
    Case("page_over_long_query", "title=" + "x" * 9000, 414, "at most 8190 are accepted", app="page"),
    bad("page_post", "", "method: only GET and HEAD", status=405, method="POST", body=b"a=1" * 1000, app="page"),
    bad("page_unknown_method", "", "method: only GET and HEAD", status=405, method="PROPFIND", app="page"),
    # --- work bounded by the picture: requests that once ran away ---------------------
    bounded("axis_range_tiny_step", "data=1,2,3&axes=x,y&axisranges=1,0,1000000,0.001&format=png"),
    bounded("axis_range_subnormal_step", "data=1,2,3&axes=x,y&axisranges=0,0,1e15,1e-300|1,-1e15,1e15,5e-324"),
    bounded("google_chxr_tiny_step", "cht=lc&chs=600x300&chd=t:1,2,3&chxt=x,y&chxr=1,0,1000000,0.001", size=(600, 300)),
    bounded("eight_axes_small_steps", "data=1,2,3&axes=x,y,r,t,x,y,r,t&width=2000&height=500&axisranges="
            + "|".join(f"{i},0,1000,{0.5 + i / 10}" for i in range(8)), size=(2000, 500)),
    bounded("google_many_axes_small_steps", "cht=lc&chs=1000x300&chd=t:1,2,3&chxt=x,y,r,t,x,y,r,t&chxr="
            + "|".join(f"{i},0,100000,1" for i in range(8)), size=(1000, 300)),
    bounded("gridlines_fine_dashed", "data=1,2,3&gridlines=0.1,0.1,0.5,0.5"),
    bounded("gridlines_fine_dashed_wide", "data=1,2,3&gridlines=0.1,0.1,0.5,0.5&width=2000&height=500",
            size=(2000, 500)),
    bounded("gridlines_subnormal_step", "data=1,2,3&gridlines=1e-300,1e-300,0.001,0.001"),
    bounded("google_chg_fine_dashed", "cht=lc&chs=1000x300&chd=t:1,2,3&chg=0.1,0.1,0.5,0.5", size=(1000, 300)),
    bounded("dashed_long_series", f"data={series(1300)}|{series(1300)}|{series(1300)}"
            "&linestyles=2,1,1|2,1,1|2,1,1&width=2000&height=500", size=(2000, 500)),
    bounded("dashed_tiny_dashes", f"data={series(3900)}&linestyles=12,0.01,0.01&width=2000&height=500",
            size=(2000, 500)),
    bounded("google_chls_dashed_long_series", f"cht=lc&chs=1000x300&chd=t:{series(1300)}|{series(1300)}"
            f"|{series(1300)}&chls=2,1,1|2,1,1|2,1,1", size=(1000, 300)),
    bounded("shapes_on_every_point_of_long_series", f"data={series(1300)}|{series(1300)}|{series(1300)}"
            "&marks=o,ff0000,0,-1,5|s,00ff00,1,-1,5|d,0000ff,2,-1,5&width=2000&height=500", size=(2000, 500)),
    bounded("value_labels_on_every_point", f"data={series(1300)}|{series(1300)}|{series(1300)}"
            "&marks=N,ff0000,0,-1,9|N,00ff00,1,-1,9|N,0000ff,2,-1,9"),
    bounded("compact_three_flat_series_of_100k", flat(3, 100_000, width=2000, height=500), size=(2000, 500)),
    bounded("compact_stacked_area_of_300k", flat(3, 100_000, type="area", stacked=1, width=2000, height=500),
            size=(2000, 500)),
    bounded("compact_bars_300k", flat(3, 100_000, type="bar", width=2000, height=500), size=(2000, 500)),
    bounded("compact_bars_with_eight_axes", flat(3, 100_000, type="bar", width=500, height=99,
                                                 axes="x,y,r,t,x,y,r,t"), size=(500, 99)),
    bounded("compact_fixed_width_bars_past_the_plot", flat(3, 100_000, type="bar", width=500, height=99,
                                                           barwidth="1,0,0"), size=(500, 99)),
    bounded("compact_stacked_area_16_series", flat(16, 18_750, type="area", stacked=1, width=2000, height=500,
                                                   legendpos="left", legend="|".join(f"s{i}" for i in range(16)), bgfill="ls,90,00ff00,0.001,ff0000,0.001"),
            size=(2000, 500)),
    bounded("compact_bars_with_a_mark_on_every_bar", flat(3, 100_000, type="bar", width=500, height=99,
                                                          axes="x,y,r,t,x,y,r,t", barwidth="1,0,0",
                                                          marks="V,ff0000,0,-1,100", format="webp"), size=(500, 99)),
    bounded("compact_hbars_300k", flat(3, 100_000, type="hbar", width=500, height=2000), size=(500, 2000)),
    bounded("compact_marks_on_every_point", flat(3, 100_000, width=2000, height=500,
                                                 marks="o,ff0000,0,-1,5|N,000000,1,-1,9|V,00ff00,2,-1,3|E,0000ff,0,-1,3"),
            size=(2000, 500)),
    bounded("compact_dashed_wide_lines", flat(3, 100_000, width=2000, height=500, linestyles="12,1,1|12,1,1|12,1,1"),
            size=(2000, 500)),
    bounded("google_chm_every_point", f"cht=lc&chs=600x300&chd=t:{series(1300)}|{series(1300)}|{series(1300)}"
            "&chm=o,ff0000,0,-1,5|x,00ff00,1,-1,5|N,0000ff,2,-1,9", size=(600, 300)),
]


# --- the harness -------------------------------------------------------------------


class _Input(io.BytesIO):
    """wsgi.input that remembers whether anyone read from it."""

    touched = False

    def read(self, *args):
        self.touched = True
        return super().read(*args)

    readline = read


@dataclass
class Result:
    status: int
    headers: dict
    header_list: list
    body: bytes
    errors: str
    input_read: bool


def call(app, method="GET", query="", headers=(), body=b""):
    """Run one request through wsgiref.validate with a raw QUERY_STRING."""
    environ = {}
    setup_testing_defaults(environ)
    stream, errors = _Input(body), io.StringIO()
    environ.update({"REQUEST_METHOD": method, "QUERY_STRING": query, "PATH_INFO": "/",
                    "wsgi.input": stream, "wsgi.errors": errors})
    if body:
        environ["CONTENT_LENGTH"] = str(len(body))
    for name, value in headers:
        key = name.upper().replace("-", "_")
        environ[key if key in ("CONTENT_TYPE", "CONTENT_LENGTH") else "HTTP_" + key] = value
    started = {}

    def start_response(status, header_list, exc_info=None):
        started["status"], started["headers"] = status, header_list
        return lambda data: None

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Unknown REQUEST_METHOD", WSGIWarning)
        iterable = validator(app)(environ, start_response)
        try:
            data = b"".join(iterable)
        finally:
            iterable.close()
    header_list = started["headers"]
    return Result(int(started["status"][:3]), dict(header_list), header_list, data,
                  errors.getvalue(), stream.touched)


@pytest.fixture(scope="module")
def apps():
    settings = Settings()
    return {"graph": make_graph(settings), "page": make_page(settings)}


@pytest.fixture
def drawn(monkeypatch):
    """Count the calls into the drawing door (draw.draw_chart / draw.draw_error)."""
    calls = {"chart": 0, "error": 0}

    def spy(name):
        real = getattr(draw, f"draw_{name}")

        def wrapper(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(draw, f"draw_{name}", wrapper)

    spy("chart")
    spy("error")
    return calls


@contextlib.contextmanager
def hang_guard(seconds):
    """Fail (instead of hanging the suite) when the body runs longer than ``seconds`` (0: no guard)."""
    if not seconds:
        yield
        return

    def expired(signum, frame):
        raise TimeoutError(f"still drawing after {seconds} s: ran away")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.handlers = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]


def _with_etag(apps, case):
    """Replace {etag} in a header with the ETag the app gives the same request."""
    if not any("{etag}" in value for _, value in case.headers):
        return case.headers
    from dyngraph import http, spec

    etag = http.make_etag(spec.to_query(spec.parse(case.query)))
    return tuple((name, value.replace("{etag}", etag)) for name, value in case.headers)


def test_the_corpus_is_large_and_names_are_unique():
    names = [case.name for case in CASES]
    assert len(names) >= 60
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("case", [pytest.param(case, id=case.name, marks=[pytest.mark.xfail(strict=True,
                                                                                  reason=case.xfail)] * bool(case.xfail))
                                  for case in CASES])
def test_abuse_case(apps, drawn, case):
    with hang_guard(HANG_LIMIT if case.guard else 0):
        result = call(apps[case.app], case.method, case.query, _with_etag(apps, case), case.body)

    assert result.status == case.status, result.body[:300]
    assert result.headers["X-Content-Type-Options"] == "nosniff"
    for name, value in result.header_list:
        assert value.isascii() and "\r" not in value and "\n" not in value, (name, value)
    assert unexpected_log(result.errors) == [], "nothing but a missing-glyph notice may reach the error log"
    assert not result.input_read, "the request body is never read"
    assert drawn["chart"] == (1 if case.draws == "chart" else 0)
    assert drawn["error"] == (1 if case.draws == "error" else 0)
    if case.method == "HEAD" or result.status == 304:
        assert result.body == b""
    if result.status == 304:
        assert result.headers["ETag"].startswith('"') and "Content-Type" not in result.headers
    if result.status == 405:
        assert result.headers["Allow"] == "GET, HEAD"
    if case.app == "page" and result.status != 405:
        _check_page(result, case)
    elif case.draws in ("chart", "error") and case.method != "HEAD":
        _check_image(result, case)
    elif result.status >= 400:
        _check_text_error(result, case)


def _check_text_error(result, case):
    text = result.body.decode("utf-8")
    assert result.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert result.headers["Cache-Control"] == "no-store"
    assert text.endswith("\n") and "\n" not in text[:-1], "one line"
    assert case.fragment in text
    assert result.headers["X-Dyngraph-Error"].split(":")[0] == text.split(":")[0]
    # bounded, not an echo of the input; an unknown name's message lists every accepted parameter (~70 names)
    assert len(text) < 1000, "the message does not echo the whole input"


def _check_image(result, case):
    fmt = result.headers["Content-Type"].removeprefix("image/")
    image = decode(result.body)
    assert image.format == PIL_FORMATS[fmt]
    if case.size:
        assert image.size == case.size
    if result.status >= 400:
        assert case.fragment in result.headers["X-Dyngraph-Error"]
        assert result.headers["Cache-Control"] == "no-store"
        assert max(image.size) <= 800
    else:
        assert "ETag" in result.headers


def _check_page(result, case):
    html = result.body.decode("utf-8")
    assert result.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "default-src 'none'" in result.headers["Content-Security-Policy"]
    assert "script-src" not in result.headers["Content-Security-Policy"]
    assert result.headers["Referrer-Policy"] == "no-referrer"
    parser = _Tags()
    parser.feed(html)
    assert "script" not in parser.tags and parser.handlers == []
    assert "<script>" not in html
    assert case.fragment in unescape(html)
    if "inject" in case.name:
        assert "&lt;script&gt;" in html, "the injected text comes back, escaped"


# --- checks outside the table -----------------------------------------------------


def test_sanitised_text_gives_the_same_chart_as_clean_text(apps):
    dirty = call(apps["graph"], query="data=1,2&title=a%0D%C2%85%E2%80%AEb%00")
    clean = call(apps["graph"], query="data=1,2&title=a+b")
    assert dirty.headers["ETag"] == clean.headers["ETag"]


@pytest.mark.parametrize("char", ["\r", "\n", "\x85", "\x00", "\u202e", "\u2066", "\u2028", "\udfff"])
def test_clean_text_removes_what_breaks_layout(char):
    from dyngraph.values import clean_text

    cleaned = clean_text(f"a{char}b")
    assert char not in cleaned and cleaned in ("a b", "ab")


def test_post_body_is_not_read_even_when_huge(apps):
    class Bomb(io.RawIOBase):
        def read(self, *args):
            raise AssertionError("the body was read")

        readline = read

    environ = {}
    setup_testing_defaults(environ)
    environ.update(REQUEST_METHOD="POST", QUERY_STRING="data=1", CONTENT_LENGTH=str(10**12), **{"wsgi.input": Bomb()})
    started = []
    body = b"".join(apps["graph"](environ, lambda status, headers, exc_info=None: started.append(status)))
    assert started == ["405 Method Not Allowed"] and body.startswith(b"method:")


NO_PILLOW_SCRIPT = r"""
import sys
sys.path.insert(0, sys.argv[1])
from wsgiref.util import setup_testing_defaults
from dyngraph.graph_app import make_app
from dyngraph.settings import Settings
app = make_app(Settings(cache_bytes=0))  # no render cache in the checkout's var/
seen = []
for method, query, inm in [("GET", "data=nan", ""), ("GET", "width=0", ""), ("POST", "data=1", ""),
                           ("BREW", "", ""), ("GET", "data=1,2", "*"), ("GET", "a=1&" * 3000, ""),
                           ("GET", "data=%FF", "")]:
    environ = {}
    setup_testing_defaults(environ)
    environ.update(REQUEST_METHOD=method, QUERY_STRING=query, HTTP_IF_NONE_MATCH=inm)
    b"".join(app(environ, lambda status, headers, exc_info=None: seen.append(status[:3])))
print(" ".join(seen), "PIL" in sys.modules)
"""


def test_refusals_and_304_never_import_pillow():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DYNGRAPH_")}
    out = subprocess.run([sys.executable, "-c", NO_PILLOW_SCRIPT, str(ROOT / "lib")],
                         capture_output=True, text=True, check=True, env=env, timeout=60).stdout
    assert out.split() == ["400", "400", "405", "405", "304", "414", "400", "False"]


# --- the worst cases the default limits allow finish: a hang guard, not a timing -----
# (Their time against the 1 s budget is measured by bench/worst_case.py: performance
# targets live in bench/, never in timed unit tests, which a loaded machine would flake.)

HANG_LIMIT = 15  # seconds: 15x the budget; only a runaway request (e.g. a 25 s ellipse) gets here
BUDGET_SCRIPT = r"""
import signal, sys, time
HANG_LIMIT = float(sys.argv[5])
sys.path[:0] = sys.argv[1:3]
import worst_case
app = worst_case.make_app(worst_case.Settings())
worst_case.run(app, "data=1,2,3&format=" + sys.argv[4])  # imports and fonts are not the request's cost
query = dict(worst_case.candidates(sys.argv[3].split(":")[0]))[sys.argv[3].split(":", 1)[1]]
signal.setitimer(signal.ITIMER_REAL, HANG_LIMIT)  # SIGALRM's default action ends even C code
status, seconds, body = worst_case.run(app, query + "&format=" + sys.argv[4])
print(status, f"{seconds:.3f}")
"""
WORST = [
    pytest.param("line:query filled with zigzag values, widest lines and dots, at the pixel cap", "png"),
    pytest.param("line:same, square", "jpeg"),
    pytest.param("area:same, square", "jpeg"),
    pytest.param("area:thousands of labels", "png"),  # long areas are filled column by column
    pytest.param("bar:same, square", "png"),
    pytest.param("hbar:16 series with long legend names", "png"),
    pytest.param("pie:most slices allowed, square at the pixel cap", "png"),
    pytest.param("pie:slices with a label each", "jpeg"),
    pytest.param("donut:most slices allowed, square at the pixel cap", "jpeg"),
    pytest.param("scatter:query filled with zigzag values, widest lines and dots, at the pixel cap", "png"),
    pytest.param("sparkline:sparkline with every marker", "png"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("candidate", "fmt"), WORST, ids=lambda v: v.split(",")[0].replace(" ", "-"))
def test_worst_case_requests_finish_and_draw(candidate, fmt):
    """The bench's worst requests, each in a child killed by SIGALRM if it runs away."""
    process = subprocess.run(
        [sys.executable, "-c", BUDGET_SCRIPT, str(ROOT / "lib"), str(ROOT / "bench"), candidate, fmt,
         str(HANG_LIMIT)], capture_output=True, text=True, timeout=120)
    assert process.returncode != -14, f"{candidate} ({fmt}) ran away: killed after {HANG_LIMIT} s"
    assert process.returncode == 0, process.stderr[-2000:]
    status, _seconds = process.stdout.split()
    assert status == "200"


# --- what bench/hunt.py found slowest: answered (drawn, or refused by the work budget), never hung -------

LEGEND16 = "|".join(f"L{i:02d}" + "W" * 60 for i in range(16))
HUNT_FINDS = [
    ("area_zigzag_wide_lines_at_the_cap", "type=area&width=2000&height=500&linewidth=12&data=" + series(3900)),
    ("sixteen_wide_zigzag_series_with_dots", "type=line&width=2000&height=500&dots=1&linewidth=12&data="
     + "|".join(series(30, (1, 8, 3)) for _ in range(16)) + "&legend=" + LEGEND16),
    ("sixteen_stacked_wide_areas_with_dots", "type=area&width=2000&height=500&stacked=1&dots=1&linewidth=12&data="
     + "|".join(series(30, (1, 8, 3)) for _ in range(16)) + "&legend=" + LEGEND16),
    ("sixteen_wide_sparklines", "type=sparkline&width=2000&height=500&linewidth=12&data="
     + "|".join(series(30, (1, 8, 3)) for _ in range(16))),
    ("radar_zigzag_wide_lines", "type=radar&width=2000&height=500&linewidth=12&dots=1&data=" + series(3900)),
    ("compact_bars_eight_axes_big_title", flat(3, 100_000, type="bar", width=500, height=99, axes="x,y,r,t,x,y,r,t",
                                               titlesize=72, title="W" * 20, gridlines="100,100,0,0")),
    ("compact_hbars_gradient_eight_axes", flat(3, 100_000, type="hbar", width=500, height=360, axes="x,y,r,t,x,y,r,t",
                                               bgfill="lg,45,00ff00,0,ff0000,1")),
    ("compact_line_marks_every_point", flat(3, 100_000, width=2000, height=500,
                                            marks="o,ff0000,0,-1,5|N,000000,1,-1,9|E,0000ff,0,-1,3")),
    ("compact_radar_100k_spokes", flat(1, 100_000, type="radar", width=1000, height=1000)),
]


@pytest.mark.parametrize(("name", "query"), HUNT_FINDS, ids=[name for name, _ in HUNT_FINDS])
def test_what_the_hunt_found_slowest_is_answered(apps, name, query):
    with hang_guard(HANG_LIMIT):
        result = call(apps["graph"], query=query + "&format=png")
    assert result.errors == ""
    if result.status == 400:  # the work budget's safety net, and nothing else
        assert result.body.startswith(b"chart: this chart would take too long to draw; "), result.body[:200]
    else:
        assert result.status == 200 and decode(result.body).format == "PNG"
