"""Property-based fuzzing: the parser is total, the applications never answer 5xx.

Queries are generated both as raw bytes and as near-miss structures built from
real parameter names, so the fuzzer reaches deep into the readers; valid specs
are drawn and decoded to check the image is exactly the size asked for.
"""

from urllib.parse import quote

from hypothesis import HealthCheck, assume, given, settings as hsettings, strategies as st

from conftest import decode, unexpected_log
from strategies import chart_data
from test_abuse import PIL_FORMATS, call

from dyngraph.errors import SpecError
from dyngraph.graph_app import make_app as make_graph
from dyngraph.page_app import BUILDER_FIELDS
from dyngraph.page_app import make_app as make_page
from dyngraph.settings import Settings
from dyngraph.spec import FORMATS, PARAMS, ChartSpec, make, parse, to_query

SETTINGS = Settings()
GRAPH = make_graph(SETTINGS)
PAGE = make_page(SETTINGS)
KNOWN_STATUSES = {200, 304, 400, 403, 404, 405, 414}
FUZZ = hsettings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- queries: raw bytes, and near misses built from real names -------------------

_NUMBERISH = st.text(alphabet="0123456789.-+eE,|%_ nainfx", max_size=30)
_ANY_TEXT = st.text(max_size=40)
_VALUE = st.one_of(
    _NUMBERISH,
    _ANY_TEXT.map(lambda t: quote(t.encode("utf-8", "surrogatepass"), safe="")),
    st.binary(max_size=30).map(lambda b: b.decode("latin-1")),
    st.sampled_from(["", "0", "16", "2000", "99999", "-1", "png", "jpeg", "PNG", "pie", "scatter", "ff0000",
                     "%FF", "%", "%zz", "1e308", "nan", "inf", "*", "1,2,3|4,5,6", "min,max", "12"]),
)
_NAME = st.one_of(st.sampled_from(sorted(PARAMS)), st.sampled_from(["", "x", "Data", "data[]", "%64ata", "a b"]))
_PAIR = st.tuples(_NAME, st.sampled_from(["=", "", "=="]), _VALUE).map("".join)
STRUCTURED = st.lists(_PAIR, max_size=8).map("&".join)
RAW = st.binary(max_size=300).map(lambda b: b.decode("latin-1"))
QUERIES = st.one_of(STRUCTURED, RAW, st.text(max_size=100))
METHODS = st.one_of(
    st.sampled_from(["GET", "GET", "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "get", "BREW", ""]),
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ-", min_size=1, max_size=12),
)
HEADERS = st.lists(
    st.tuples(st.sampled_from(["If-None-Match", "Accept", "Accept"]),
              st.one_of(st.just("*"), st.just("image/*"), st.just("text/html,image/*"),
                        st.text(st.characters(min_codepoint=32, max_codepoint=255), max_size=60))),
    max_size=2, unique_by=lambda h: h[0],
)


@given(st.one_of(st.binary(max_size=400), st.text(max_size=400), STRUCTURED))
@FUZZ
def test_parser_is_total(query):
    try:
        spec = parse(query)
    except SpecError as error:
        assert error.status in (400, 414)
        assert str(error).split(":", 1)[0] and "\n" not in str(error)
    else:
        assert isinstance(spec, ChartSpec)
        assert parse(to_query(spec)) == spec


def _check_well_formed(result, method):
    assert result.status in KNOWN_STATUSES, result.body[:200]
    assert unexpected_log(result.errors) == []
    assert result.headers["X-Content-Type-Options"] == "nosniff"
    for name, value in result.header_list:
        assert value.isascii() and "\r" not in value and "\n" not in value
    assert int(result.headers["Content-Length"]) == len(result.body) or method == "HEAD" or result.status == 304
    if method == "HEAD" or result.status == 304:
        assert result.body == b""


@given(QUERIES, METHODS, HEADERS)
@FUZZ
def test_graph_app_never_fails(query, method, headers):
    result = call(GRAPH, method, query, headers)
    _check_well_formed(result, method)
    if result.status >= 400:
        assert result.headers["Cache-Control"] == "no-store"
        assert result.headers["X-Dyngraph-Error"]
    content_type = result.headers.get("Content-Type", "")
    if content_type.startswith("image/") and method != "HEAD":
        image = decode(result.body)
        assert image.format == PIL_FORMATS[content_type.removeprefix("image/")]
        if result.status >= 400:
            assert max(image.size) <= 800


@given(st.one_of(QUERIES, st.lists(st.tuples(st.sampled_from(BUILDER_FIELDS), _VALUE).map("=".join),
                                   max_size=8).map("&".join)), METHODS)
@FUZZ
def test_page_app_never_fails(query, method):
    result = call(PAGE, method, query)
    _check_well_formed(result, method)
    if result.status != 405 and method != "HEAD":
        html = result.body.decode("utf-8")
        assert html.startswith("<!DOCTYPE html>") and "<script" not in html.lower()


# --- valid specs draw exactly what they ask for ------------------------------------

_NUMBERS = st.one_of(
    st.none(),
    st.floats(min_value=-1e15, max_value=1e15, allow_nan=False, allow_infinity=False),
    st.integers(-1000, 1000),
)
_TEXT = st.text(max_size=30).map(lambda t: t.replace("|", "/"))


@st.composite
def valid_specs(draw):
    chart_type, data = draw(chart_data(_NUMBERS, max_series=5, max_length=40, pie_rings=False))
    n_series, length = len(data), len(data[0])
    options = {"type": chart_type, "data": data, "format": draw(st.sampled_from(FORMATS)),
               "width": draw(st.integers(16, 640)), "height": draw(st.integers(16, 400))}
    for name, strategy in [
        ("title", _TEXT), ("labels", st.lists(_TEXT, max_size=length)),
        ("legend", st.lists(_TEXT, max_size=n_series)),
        ("colors", st.lists(st.from_regex(r"[0-9a-f]{6}([0-9a-f]{2})?", fullmatch=True), min_size=1, max_size=6)),
        ("background", st.from_regex(r"[0-9a-f]{6}([0-9a-f]{2})?", fullmatch=True)),
        ("stacked", st.booleans()), ("grid", st.booleans()), ("dots", st.booleans()),
        ("linewidth", st.sampled_from([0.5, 1, 3.5, 12])),
        ("legendpos", st.sampled_from(["auto", "right", "bottom", "top", "none"])),
        ("markers", st.lists(st.sampled_from(["min", "max", "first", "last"]), unique=True)),
    ]:
        if draw(st.booleans()):
            options[name] = draw(strategy)
    if draw(st.integers(0, 3)) == 0:
        bounds = sorted(draw(st.lists(st.floats(-1e15, 1e15), min_size=2, max_size=2, unique=True)))
        options["min"], options["max"] = bounds
    try:
        return make(**options)
    except SpecError:
        assume(False)


@given(valid_specs())
@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_valid_specs_render_at_exactly_the_requested_size(spec):
    result = call(GRAPH, "GET", to_query(spec))
    assert result.status == 200, result.body[:300]
    assert unexpected_log(result.errors) == []
    image = decode(result.body)
    assert image.format == PIL_FORMATS[spec.format]
    assert image.size == (spec.width, spec.height)


@st.composite
def dense_specs(draw):
    """Long series (hundreds to thousands of points) built from a repeated pattern.

    Dense data takes the renderer's per-column paths (min/max bands, column fills),
    which short random series never reach.
    """
    chart_type = draw(st.sampled_from(["line", "area", "bar", "hbar", "scatter", "sparkline"]))
    pattern = draw(st.lists(st.one_of(st.none(), st.integers(-5, 5), st.floats(-1e6, 1e6)), min_size=2, max_size=8))
    repeats = draw(st.integers(50, 400))
    series = [pattern * repeats for _ in range(draw(st.integers(1, 3)))]
    if chart_type == "scatter":
        series = [s[: len(s) // 2 * 2] for s in series]
    options = {"type": chart_type, "data": series, "format": "png", "stacked": draw(st.booleans()),
               "width": draw(st.integers(16, 640)), "height": draw(st.integers(16, 300))}
    try:
        return make(**options)
    except SpecError:
        assume(False)


@given(dense_specs())
@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_dense_specs_render_at_exactly_the_requested_size(spec):
    from dyngraph.draw import draw_chart
    from dyngraph.settings import Settings

    image = decode(draw_chart(spec, Settings()))
    assert image.size == (spec.width, spec.height)
