"""Cold-path guards: a 304, a text 400 and a 405 never load Pillow (or other heavy modules).

Under CGI every request is a fresh interpreter, so what a path imports is
what it costs. These are assertions on ``sys.modules`` in a fresh
subprocess, not timings; bench/run.py measures the time.
"""

import json
import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT

# Imported by none of the cheap paths; each costs 2-8 ms per CGI process.
HEAVY = ("PIL", "dataclasses", "hashlib", "urllib.parse", "traceback", "inspect")

SERVE = r"""
import sys
sys.path.insert(0, {lib!r})
from dyngraph.graph_app import make_app
from dyngraph.settings import Settings

app = make_app(Settings(cache_bytes={cache_bytes!r}, data_dir={data_dir!r}))
environ = {{"REQUEST_METHOD": {method!r}, "QUERY_STRING": {query!r}, "HTTP_ACCEPT": "text/plain",
           "HTTP_IF_NONE_MATCH": {etag!r}, "wsgi.errors": sys.stderr}}
seen = []
body = b"".join(app(environ, lambda status, headers, exc_info=None: seen.append((status, dict(headers)))))
modules = sorted(sys.modules)  # before json, which imports re
import json
print(json.dumps({{"status": seen[0][0], "headers": seen[0][1], "body": body.decode("latin-1"),
                  "modules": modules}}))
"""

STANDARD = "type=line&data=1,5,3|2,4,6&width=600&height=300&format=png"


def serve_fresh(query, method="GET", etag="", cache_dir=None):
    """Answer one request through graph_app in a new interpreter; return status, headers, body, modules.

    The render cache is off unless ``cache_dir`` is given (then it lives there).
    """
    cache_bytes = 0 if cache_dir is None else 1 << 20
    code = SERVE.format(lib=str(ROOT / "lib"), method=method, query=query, etag=etag, cache_bytes=cache_bytes,
                        data_dir=str(cache_dir or ""))
    env = {key: value for key, value in os.environ.items() if not key.startswith("DYNGRAPH_")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def loaded(modules, name):
    return any(m == name or m.startswith(name + ".") for m in modules)


def current_etag():
    answer = serve_fresh(STANDARD, method="HEAD")
    assert answer["status"] == "200 OK"
    return answer["headers"]["ETag"]


def test_a_304_does_not_import_pillow():
    answer = serve_fresh(STANDARD, etag=current_etag())
    assert answer["status"] == "304 Not Modified"
    assert answer["body"] == ""
    for name in HEAVY:
        assert not loaded(answer["modules"], name), f"{name} imported on the 304 path"


def test_a_text_400_does_not_import_pillow():
    answer = serve_fresh("data=1,2&width=huge")
    assert answer["status"] == "400 Bad Request"
    assert answer["body"] == "width: must be an integer from 16 to 2000, got 'huge'\n"
    for name in HEAVY:
        assert not loaded(answer["modules"], name), f"{name} imported on the text 400 path"


def test_a_quickchart_400_does_not_import_pillow():
    answer = serve_fresh("c=%7Btype:%27bar%27,data:%7Bdatasets:%5B%7Bdata:%5B1,%27x%27%5D%7D%5D%7D%7D")
    assert answer["status"] == "400 Bad Request"
    assert answer["body"] == "data.datasets[0].data[1]: must be a number, got 'x'\n"
    for name in HEAVY:
        assert not loaded(answer["modules"], name), f"{name} imported on the QuickChart 400 path"


def test_a_quickchart_304_does_not_import_pillow():
    query = "c=%7Btype:%27radar%27,data:%7Blabels:%5B%27a%27,%27b%27,%27c%27%5D,datasets:%5B%7Bdata:%5B1,2,3%5D%7D%5D%7D%7D"
    etag = serve_fresh(query, method="HEAD")["headers"]["ETag"]
    answer = serve_fresh(query, etag=etag)
    assert answer["status"] == "304 Not Modified"
    for name in HEAVY:
        assert not loaded(answer["modules"], name), f"{name} imported on the QuickChart 304 path"


# Nor does parsing a chart without a time axis import these: re with enum and functools (~4 ms per
# CGI process), datetime, unicodedata for ASCII text, math, and binascii for short data (docs/performance.md,
# "The cold path"); dyngraph.styles only for the style parameters.
NOT_WHEN_PARSING = ("re", "enum", "functools", "collections", "datetime", "zoneinfo", "unicodedata", "math",
                    "binascii", "dyngraph.timeparse")
# Many readers at once: numbers in every spelling, lists, text, colours, value formats, fills.
RICH = ("type=bar&data=1.5,2e3,-3,.25|4,5,6,7&labels=a|b|c|d&legend=One|Two&title=Sales+%28EUR%29"
        "&colors=ff8800,08f&marks=N*f2*,000000,0,-1,10&axes=x,y&axisstyles=1N*cEUR1s*,ff0000"
        "&background=%23ffffffcc&bgfill=lg,90,ffffff,0,eeeeee,1&width=400&height=200&format=png&min=-5&max=1e4")


def interpreter_modules():
    """What a bare ``python -c`` of this interpreter has loaded: a site hook may import anything."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DYNGRAPH_")}
    result = subprocess.run([sys.executable, "-c", "import sys; print(' '.join(sys.modules))"],
                            capture_output=True, text=True, timeout=60, env=env, check=True)
    return set(result.stdout.split())


@pytest.mark.parametrize("query, styled", [(STANDARD, False), (RICH, True)])
def test_a_parsed_304_and_a_text_400_import_neither_re_nor_datetime(query, styled):
    """The render cache off: the query is parsed, its canonical form written and hashed, without ``re``."""
    at_start = interpreter_modules()
    etag = serve_fresh(query, method="HEAD")["headers"]["ETag"]
    bad = re.sub(r"width=\d+", "width=huge", query)  # every parameter before width read, then a 400
    answers = {"304": serve_fresh(query, etag=etag), "400": serve_fresh(bad)}
    assert answers["304"]["status"] == "304 Not Modified" and answers["304"]["headers"]["ETag"] == etag
    assert answers["400"]["status"] == "400 Bad Request"
    assert answers["400"]["body"] == "width: must be an integer from 16 to 2000, got 'huge'\n"
    for path, answer in answers.items():
        assert loaded(answer["modules"], "dyngraph.spec"), "the guard needs the parsing path"
        for name in NOT_WHEN_PARSING:
            assert name in at_start or not loaded(answer["modules"], name), f"{name} imported on the {path} path"
        assert loaded(answer["modules"], "dyngraph.styles") == styled, path


def test_a_google_304_and_400_import_neither_re_nor_functools():
    """A Google URL (a lone % in a label, as hand-written URLs had) is read without re or the renderer's theme."""
    at_start = interpreter_modules()
    query = "cht=p&chs=300x150&chd=t:25,75&chl=25%|75%&chtt=Share&chco=ff8800"
    etag = serve_fresh(query, method="HEAD")["headers"]["ETag"]
    answers = {"304": serve_fresh(query, etag=etag), "400": serve_fresh(query.replace("300x150", "huge"))}
    assert answers["304"]["status"] == "304 Not Modified" and answers["304"]["headers"]["ETag"] == etag
    assert answers["400"]["body"] == "chs: must be <width>x<height> with sides from 16 to 1000, got 'huge'\n"
    for path, answer in answers.items():
        assert loaded(answer["modules"], "dyngraph.google.mapping"), "the guard needs the Google reader"
        for name in (*HEAVY, "re", "enum", "functools", "collections", "dyngraph.theme"):
            assert name in at_start or not loaded(answer["modules"], name), f"{name} imported on the Google {path} path"


def test_a_stored_chart_304_imports_neither_re_nor_random(tmp_path):
    """graphId=: the store is read (sqlite3), but the id is checked without re and no lot is drawn."""
    from dyngraph.settings import Settings
    from dyngraph.store import open_store

    at_start = interpreter_modules()
    query = "graphId=" + open_store(Settings(data_dir=str(tmp_path))).put("type=bar&data=1,2,3")
    etag = serve_fresh(query, method="HEAD", cache_dir=tmp_path)["headers"]["ETag"]
    answer = serve_fresh(query, etag=etag, cache_dir=tmp_path)
    assert answer["status"] == "304 Not Modified" and answer["headers"]["ETag"] == etag
    assert loaded(answer["modules"], "sqlite3"), "the guard needs the store read"
    for name in (*HEAVY, "re", "enum", "random"):
        assert name in at_start or not loaded(answer["modules"], name), f"{name} imported on a graphId 304"


def test_a_time_axis_does_import_the_time_readers():
    """The guard above can fail: a chart with ``start`` + ``step`` reads them with dyngraph.timeparse."""
    answer = serve_fresh("data=1,2,3&start=2026-03-01&step=1d&width=huge")
    assert answer["status"] == "400 Bad Request"
    assert loaded(answer["modules"], "dyngraph.timeparse") and loaded(answer["modules"], "datetime")


def test_a_405_does_not_import_pillow():
    answer = serve_fresh(STANDARD, method="POST")
    assert answer["status"] == "405 Method Not Allowed"
    for name in HEAVY:
        assert not loaded(answer["modules"], name), f"{name} imported on the 405 path"


def test_a_drawn_chart_does_import_pillow():
    """The guard can fail: the 200 path really does load Pillow in the same harness."""
    answer = serve_fresh(STANDARD)
    assert answer["status"] == "200 OK"
    assert answer["body"].startswith("\x89PNG")
    assert loaded(answer["modules"], "PIL")


# A render cache hit reads one or two files: no spec parsing, no renderer, no Pillow.
NOT_ON_A_HIT = (*HEAVY, "dyngraph.spec", "dyngraph.sources", "dyngraph.query", "dyngraph.values", "dyngraph.draw",
                "dyngraph.render", "dyngraph.encode")


def test_a_render_cache_hit_imports_neither_pillow_nor_the_parser(tmp_path):
    first = serve_fresh(STANDARD, cache_dir=tmp_path)
    assert first["status"] == "200 OK" and loaded(first["modules"], "PIL")
    again = serve_fresh(STANDARD, cache_dir=tmp_path)
    assert again["status"] == "200 OK"
    assert (again["headers"], again["body"]) == (first["headers"], first["body"])
    for name in NOT_ON_A_HIT:
        assert not loaded(again["modules"], name), f"{name} imported on a render cache hit"


def test_a_304_from_the_render_cache_imports_neither_pillow_nor_the_parser(tmp_path):
    etag = serve_fresh(STANDARD, cache_dir=tmp_path)["headers"]["ETag"]
    answer = serve_fresh(STANDARD, etag=etag, cache_dir=tmp_path)
    assert answer["status"] == "304 Not Modified" and answer["body"] == ""
    assert answer["headers"]["ETag"] == etag
    for name in NOT_ON_A_HIT:
        assert not loaded(answer["modules"], name), f"{name} imported on a 304 from the render cache"


@pytest.mark.parametrize("module", ["dyngraph", "dyngraph.graph_app"])
def test_importing_the_package_does_not_import_pillow(module):
    code = f"import sys; sys.path.insert(0, {str(ROOT / 'lib')!r}); import {module}; print(' '.join(sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    modules = result.stdout.split()
    assert module in modules
    for name in HEAVY:
        assert not loaded(modules, name), f"import {module} imports {name}"


def test_records_still_work_with_dataclasses_helpers():
    """ChartSpec is a light record, yet dataclasses.replace/fields/asdict keep working."""
    import copy
    import dataclasses
    import pickle

    from dyngraph.spec import ChartSpec, parse, to_query

    spec = parse("data=1,2,3&title=Hi")
    changed = dataclasses.replace(spec, format="png")
    assert (changed.format, changed.title, spec.format) == ("png", "Hi", "jpeg")
    assert [f.name for f in dataclasses.fields(ChartSpec)][:3] == ["type", "data", "labels"]
    assert dataclasses.asdict(spec)["data"] == ((1.0, 2.0, 3.0),)
    assert parse(to_query(changed)) == changed and hash(parse(to_query(changed))) == hash(changed)
    assert pickle.loads(pickle.dumps(spec)) == spec and copy.deepcopy(spec) == spec
    assert spec != changed and ChartSpec() == ChartSpec(width=480, height=240)
    assert repr(ChartSpec()).startswith("ChartSpec(type='line', data=(), ")
    with pytest.raises(AttributeError):
        spec.title = "changed"


def test_inlined_quote_matches_urllib():
    from urllib.parse import quote as urllib_quote

    from dyngraph.spec import _SAFE, quote

    text = "".join(map(chr, range(0, 0x2FF))) + "€ 😀 |,~+%&=#?/"
    assert quote(text) == urllib_quote(text, safe=_SAFE)


# A fresh chart draws through Pillow's C core (dyngraph.pilcore): PIL.Image, and the re, enum, typing
# and EXIF tables it imports (~20 ms of a ~50 ms request), are loaded only for what the core path
# hands over (gradients, halos, emoji, GIF and WebP). tests/test_pilcore.py checks the bytes are Pillow's.
def _fresh_charts():
    from dyngraph import gallery
    from dyngraph.spec import to_query

    yield STANDARD
    yield STANDARD.replace("format=png", "format=jpeg")
    yield "cht=lc&chs=300x160&chd=t:10,25,20,45&chg=0,25,4,2&chxt=x,y&chtt=Dashed"
    yield "type=pie&data=3,5,2&labels=a|b|c&scale=2&format=png"
    for _, spec in gallery.examples():
        if not spec.times and spec.start is None:  # a time axis reads its times with re and datetime
            yield to_query(spec) + "&format=png"


# Nor what those import: functools builds a namedtuple, whose exec initialises the compiler's AST types
# (~4 ms with collections, once frame.report's lru_cache imported it for every chart).
NOT_WHEN_DRAWING = ("PIL.Image", "PIL.ImageDraw", "PIL.ImageFont", "re", "enum", "typing", "functools", "collections")


@pytest.mark.parametrize("query", list(_fresh_charts()))
def test_a_fresh_chart_is_drawn_without_importing_pil_image(query):
    from dyngraph import pilcore

    if not pilcore.ENABLED:
        pytest.skip("pilcore is off for this Pillow: charts go through PIL.Image")
    at_start = interpreter_modules()
    answer = serve_fresh(query)
    assert answer["status"] == "200 OK" and answer["headers"]["Content-Type"].startswith("image/")
    assert loaded(answer["modules"], "PIL._imaging")
    for name in NOT_WHEN_DRAWING:
        assert name in at_start or not loaded(answer["modules"], name), f"{name} imported drawing {query[:40]}"


def test_a_quickchart_png_on_its_transparent_ground_is_drawn_without_pil_image():
    """Chart.js's default background is transparent: an RGBA PNG, written from the core (encode.truecolour_png)."""
    from dyngraph import pilcore

    if not pilcore.ENABLED:
        pytest.skip("pilcore is off for this Pillow: charts go through PIL.Image")
    answer = serve_fresh("c=%7Btype:%27bar%27,data:%7Blabels:%5B%27a%27,%27b%27%5D,datasets:%5B%7Bdata:%5B1,2%5D%7D%5D%7D%7D")
    assert answer["status"] == "200 OK" and answer["headers"]["Content-Type"] == "image/png"
    assert not loaded(answer["modules"], "PIL.Image")


def test_a_gradient_chart_hands_over_to_pil_image():
    answer = serve_fresh("type=line&data=3,5,2&bgfill=lg,0,ffffff,0,dddddd,1&format=png")
    assert answer["status"] == "200 OK" and loaded(answer["modules"], "PIL.Image")
