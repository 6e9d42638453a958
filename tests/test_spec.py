"""The wire format: parsing, validation messages, and the canonical round trip."""

import pytest
from hypothesis import given, settings as hsettings, strategies as st
from conftest import applicable
from strategies import chart_data

from dyngraph.errors import SpecError
from dyngraph.limits import Limits
from dyngraph.spec import FORMATS, ChartSpec, make, parse, to_query
from dyngraph.values import format_number

_numbers_any = st.one_of(
    st.none(),
    st.floats(min_value=-1e15, max_value=1e15, allow_nan=False, allow_infinity=False),
    st.integers(min_value=-10**15, max_value=10**15),
)


def test_parses_the_issue_example():
    spec = parse("type=line&data=1,5,3|2,4,6&width=600&height=300")
    assert spec.type == "line"
    assert spec.data == ((1.0, 5.0, 3.0), (2.0, 4.0, 6.0))
    assert (spec.width, spec.height, spec.format) == (600, 300, "jpeg")


def test_empty_value_is_a_gap():
    assert parse("data=1,,3").data == ((1.0, None, 3.0),)


def test_defaults_depend_on_type():
    assert (parse("data=1,2").width, parse("data=1,2").height) == (480, 240)
    assert (parse("type=sparkline&data=1,2").width, parse("type=sparkline&data=1,2").height) == (120, 30)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("width=abc&data=1", "width: must be an integer from 16 to 2000, got 'abc'"),
        ("data=1&width=5", "width: must be an integer from 16 to 2000, got '5'"),
        ("data=1,x", "data: must be a decimal number like -1.5 or 2e3, got 'x'"),
        ("data=nan", "data: must be a decimal number"),
        ("data=1e300", "data: must be between -1e15 and 1e15"),
        ("data=1&data=2", "data: given more than once"),
        ("data=1&colour=red", "colour: unknown parameter; accepted:"),
        ("type=polar&data=1", "type: must be one of line, area, bar, hbar, pie, donut, scatter, sparkline, radar, qr, got 'polar'"),
        ("format=bmp&data=1", "format: must be one of jpeg, png, gif, webp, json, txt, csv, got 'bmp'"),
        ("data=1&colors=red", "colors: must be a hex colour"),
        ("title=x", "data: required"),
        ("type=pie&data=1,-2", "data: pie values must not be negative"),
        ("type=scatter&data=1,2,3", "data: scatter series must be x,y pairs"),
        ("data=1&legend=a|b", "legend: 2 names for 1 series"),
        ("data=1&min=5&max=1", "max: must be greater than min (5), got 1"),
        ("data=1&grid=yes", "grid: must be 0 or 1, got 'yes'"),
        ("data=%E0%A4", "data: must be valid UTF-8"),
        ("data=1%2", "data: invalid percent-encoding"),
        ("data=1&width=2000&height=2000", "width: 2000x2000 is 4000000 pixels; at most 1000000"),
    ],
)
def test_bad_input_names_the_parameter(query, message):
    with pytest.raises(SpecError) as caught:
        parse(query)
    assert str(caught.value).startswith(message)
    assert caught.value.status == 400


def test_over_long_query_is_414():
    with pytest.raises(SpecError) as caught:
        parse("data=" + "1," * 5000 + "1")
    assert caught.value.status == 414


def test_limits_are_configurable():
    with pytest.raises(SpecError, match="3 series; at most 2 are accepted"):
        parse("data=1|2|3", limits=Limits(max_series=2))


def test_text_is_sanitised():
    spec = parse("data=1&title=a%0D%0Ab%C2%85c%E2%80%AEd")
    assert spec.title == "a b cd"


def test_make_accepts_python_values():
    spec = make(type="scatter", data=[[(1, 2), (3, 4.5)]], colors=["#ff0000"], lines=True)
    assert spec.data == ((1.0, 2.0, 3.0, 4.5),)
    assert spec.series == (((1.0, 2.0), (3.0, 4.5)),)
    assert spec.colors == ("ff0000",)


def test_make_reads_nan_as_a_gap():  # as pandas and matplotlib do (it was refused)
    assert make(data=[1, float("nan")]).data == ((1.0, None),)


def test_make_rejects_infinity_and_huge_numbers_as_spec_errors():
    for options, param in (({"data": [1, float("inf")]}, "data"), ({"data": [10**400]}, "data"),
                           ({"data": [1], "min": float("-inf")}, "min"), ({"data": [[1], [2e15]]}, "data")):
        with pytest.raises(SpecError) as caught:
            make(**options)
        assert caught.value.param == param and "1e15" in str(caught.value)


def test_make_rejects_non_numbers_naming_the_value():
    for bad in (True, "2", [3]):
        with pytest.raises(SpecError, match="data: must be numbers or None"):
            make(data=[1, bad])


def test_make_reads_data_text_as_the_url_does():
    assert make(data="1,,2.5|-3") == parse("data=1,,2.5|-3")
    with pytest.raises(SpecError, match="data: must be a decimal number"):
        make(data="1;2")


def test_make_enforces_the_data_limits():
    with pytest.raises(SpecError, match="3 series; at most 2 are accepted"):
        make(data=[[1], [2], [3]], limits=Limits(max_series=2))
    with pytest.raises(SpecError, match="at most 4 values per series"):
        make(data=[1, 2, 3, 4, 5], limits=Limits(max_points=4))


@given(st.lists(st.lists(_numbers_any, min_size=1, max_size=8), min_size=1, max_size=3))
def test_make_data_equals_the_parsed_text(data):
    text = "|".join(",".join("" if v is None else format_number(float(v)) for v in s) for s in data)
    assert make(data=data).data == parse("data=" + text).data


def test_canonical_query_leaves_defaults_out():
    assert to_query(parse("data=1.0,2&format=jpeg&width=480")) == "type=line&data=1,2"


# --- the round trip, property-based -----------------------------------------

_numbers = st.one_of(
    st.none(),
    st.floats(min_value=-1e15, max_value=1e15, allow_nan=False, allow_infinity=False),
    st.integers(min_value=-10**6, max_value=10**6).map(float),
)
_texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
_colours = st.from_regex(r"[0-9a-f]{6}", fullmatch=True)


@st.composite
def specs(draw):
    chart_type, data = draw(chart_data(_numbers, max_series=4, max_length=12))
    n_series = len(data)
    options = {"type": chart_type, "data": data}
    if draw(st.booleans()):
        options["title"] = draw(_texts)
    if draw(st.booleans()):
        options["labels"] = draw(st.lists(_texts, max_size=5))  # `|` and `\` inside travel escaped
    if draw(st.booleans()):
        options["legend"] = draw(st.lists(_texts, max_size=n_series))
    if draw(st.booleans()):
        options["colors"] = draw(st.lists(_colours, min_size=1, max_size=4))
    if draw(st.booleans()):
        options["width"] = draw(st.integers(16, 1000))
    options["format"] = draw(st.sampled_from(FORMATS))
    options["stacked"] = draw(st.booleans())
    options["grid"] = draw(st.booleans())
    if draw(st.booleans()):
        options["min"] = draw(st.integers(-100, 0))
        options["max"] = draw(st.integers(1, 100))
    options.update(draw(_styles(chart_type)))
    if n_series > 1 and draw(st.booleans()):
        options["hidden"] = draw(st.integers(0, n_series - 1))  # marker-only series (Google's t<N>:)
    if chart_type in ("pie", "donut") and options.get("labels"):  # a label per slice, empty ones allowed
        slices = sum(map(len, data))
        options["labels"] = options["labels"] + [""] * (slices - len(options["labels"]))
    return make(**applicable(chart_type, options))


_small = st.integers(0, 100).map(str)
_fill = st.one_of(
    _colours.map(lambda c: "s," + c),
    st.tuples(st.sampled_from(["lg", "ls"]), st.integers(-360, 360), st.lists(
        st.tuples(_colours, st.sampled_from(["0", "0.25", "0.5", "1"])), min_size=1, max_size=3))
    .map(lambda t: ",".join([t[0], str(t[1])] + [f"{c},{n}" for c, n in t[2]])),
)
_mark = st.one_of(
    st.tuples(st.sampled_from(["o", "s", "d", "c", "x", "N"]), _colours, st.integers(0, 3),
              st.sampled_from(["-1", "0", "2", "-2", "1:5:2", "3:", "1.5", "0.25"]), _small)
    .map(lambda t: ",".join(map(str, t))),
    st.tuples(st.sampled_from(["h", "r", "R"]), _colours, st.sampled_from(["0.25", "0", "1"]),
              st.sampled_from(["0.5", "1", "0"])).map(lambda t: f"{t[0]},{t[1]},0,{t[2]},{t[3]}"),
    _colours.map(lambda c: f"B,{c},0,0,0"),
    _colours.map(lambda c: f"b,{c},0,1,0"),
    st.tuples(st.sampled_from(["tHi there", "a", "v", "V", "D", "N*f2z*", "N$*cEUR1s*k", "N*p0*"]), _colours,
              st.sampled_from(["-1", "0", "1:3:1"]), _small).map(lambda t: f"{t[0]},{t[1]},0,{t[2]},{t[3]}"),
    st.tuples(st.sampled_from(["@o", "@tX", "@N"]), _colours, st.sampled_from(["0.5:0.5", "0:1"]))
    .map(lambda t: f"{t[0]},{t[1]},0,{t[2]},8"),
    st.tuples(st.sampled_from(["E", "F"]), _colours, st.integers(0, 3), st.sampled_from(["-1", "1", "0:4:2"]),
              _small).map(lambda t: ",".join(map(str, t))),
)


@st.composite
def _styles(draw, chart_type):
    """The style parameters added for Google's chxt/chxl/chm/chf/chbh/chg/chls/chts/chdls/chma/p3/s/lxy."""
    options = {}
    if draw(st.booleans()):
        sides = draw(st.lists(st.sampled_from("xyrt"), min_size=1, max_size=4))
        options["axes"] = draw(st.sampled_from(["none", ",".join(sides)]))
        labels = draw(st.lists(_texts.filter(lambda t: "|" not in t), max_size=3))
        options["axislabels"] = "0:" + "".join("|" + t for t in labels)
        options["axisranges"] = draw(st.sampled_from(["1,0,100", "0,-5,5,2.5|2,10,0"]))
        options["axispositions"] = draw(st.sampled_from(["0,10,50", "1,0"]))
        options["axisstyles"] = draw(st.sampled_from(["0,ff0000", "0,00ff00,12,-1,lt|1,0000ff,0,,_", "2,123456,9,0",
                                                      "1N*cUSD2*,ff0000,12,0,lt,00ff00,0000ff|0N*p*",
                                                      "0,,0,,,aabbcc", "3N$*f1s*k,,10"]))
        options["ticklengths"] = draw(st.sampled_from(["0,10", "1,-300,5|0,0", "2,25,-1000"]))
    if draw(st.booleans()):
        options["gridlines"] = draw(st.sampled_from(["20,25", "10,0,3,2,5,-5", "0,50,1,0"]))
        options["barwidth"] = draw(st.sampled_from(["23", "a,4,8", "a,4,8,23", "r,0.5,1.5", "10,0,2"]))
        options["marks"] = "|".join(draw(st.lists(_mark, min_size=1, max_size=4)))
        options["linestyles"] = draw(st.sampled_from(["2", "2,4,1|1", "0|3,2,2"]))
    if draw(st.booleans()):
        options["titlecolor"], options["legendcolor"] = draw(_colours), draw(_colours)
        options["titlesize"], options["legendsize"] = draw(st.integers(4, 72)), draw(st.integers(4, 72))
        options["margins"] = draw(st.sampled_from(["0,0,0,0", "20,10,5,30"]))
    if draw(st.booleans()):
        options["bgfill"], options["plotfill"] = draw(_fill), draw(_fill)
        options["depth"] = draw(st.integers(0, 100))
        options["lines"] = draw(st.booleans())
        options["sizes"] = ",".join(map(str, draw(st.lists(st.integers(0, 100), max_size=4))))
        options["xmin"], options["xmax"] = draw(st.integers(-100, 0)), draw(st.integers(1, 100))
    if draw(st.booleans()):
        options["pointcolors"] = [draw(st.lists(_colours, min_size=1, max_size=3))]
        options["opacity"] = draw(st.sampled_from([0, 0.25, 0.5, 1]))
        options["titlealign"] = draw(st.sampled_from(["center", "left", "right"]))
        options["legendpos"] = draw(st.sampled_from(["auto", "right", "bottom", "top", "left", "none"]))
        options["legendorder"] = draw(st.sampled_from(["", "r", "a", "2,0,1", "1"]))
        options["legendcolumn"] = draw(st.booleans())
    return options


@given(specs())
@hsettings(max_examples=300, deadline=None)
def test_round_trip(spec):
    assert parse(to_query(spec)) == spec


@given(st.text(max_size=200))
@hsettings(max_examples=300, deadline=None)
def test_parser_is_total(query):
    try:
        result = parse(query.encode("utf-8"))
    except SpecError as error:
        assert str(error).split(":", 1)[0]
    else:
        assert isinstance(result, ChartSpec)
