"""The Chart.js config parser: JavaScript literals read, code never run, any text a value or a SpecError."""

import json
import math

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from dyngraph.errors import SpecError
from dyngraph.quickchart.literal import MAX_DEPTH, UNDEFINED, Code, parse


def read(text):
    return parse(text, max_length=100_000)


def test_object_literal_forms_real_urls_use():
    text = """{type:'bar', /* block */ data:{labels:["a",'b\\'s',],  // line comment
              datasets:[{label:`plain`, data:[.5,-1e3,+2,0x1F,null,undefined,true,false,],},],},}"""
    assert read(text) == {"type": "bar", "data": {"labels": ["a", "b's"], "datasets": [
        {"label": "plain", "data": [0.5, -1000.0, 2, 31, None, UNDEFINED, True, False]}]}}


def test_string_escapes():
    assert read(r"'\n\t\x41\u00e9\u{1F600}\ud83d\ude00\\\"'") == "\n\tAé😀😀\\\""
    assert read(r"'\ud800'") == "\ufffd"  # a lone surrogate is not text
    assert read("'a\\\nb'") == "ab"  # a line continuation


@pytest.mark.parametrize(("text", "kind"), [
    ("function(value) { return value + '%'; }", "a function"),
    ("(v, ctx) => { return v }", "an arrow function"),
    ("v => v * 2", "an arrow function"),
    ("getGradientFillHelper('vertical', ['#36a2eb', '#a336eb'])", "a call"),
    ("Chart.helpers.color('red').alpha(0.5).rgbString()", "a call"),
    ("someVariable", "a variable"),
    ("'a' + 'b'", "an expression"),
    ("`tick ${value}`", "an expression"),
])
def test_code_is_kept_as_text_and_never_run(text, kind):
    value = read("{a: %s, b: 1}" % text)
    assert value["a"] == Code(text) and value["a"].kind == kind
    assert value["b"] == 1  # the parser picks up right after the code


def test_methods_and_shorthand_properties_are_code():
    value = read("{formatter(v) { return v + ',' }, data, n: 2}")
    assert isinstance(value["formatter"], Code) and value["data"] == Code("data") and value["n"] == 2


def test_holes_in_arrays_are_undefined():
    assert read("[1,,3]") == [1, UNDEFINED, 3]


@pytest.mark.parametrize("text", ["{", "{a:}", "{a:1 b:2}", "'abc", "{a: (1}", "", "/* open", "{a:1}}", "[1 2]",
                                  "{[k]: 1}", "{a: f(}", "{'a\nb': 1}"])
def test_malformed_configs_are_spec_errors_naming_c_and_the_place(text):
    with pytest.raises(SpecError) as caught:
        read(text)
    assert caught.value.param == "c"
    assert "not a Chart.js config:" in str(caught.value) and ", column " in str(caught.value)


def test_depth_is_bounded():
    assert read("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None
    with pytest.raises(SpecError, match=f"nested more than {MAX_DEPTH} levels"):
        read("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    with pytest.raises(SpecError, match="nested more than"):
        read("{a:" * 10_000 + "1" + "}" * 10_000)  # no RecursionError


def test_length_is_bounded():
    with pytest.raises(SpecError, match="13 characters; at most 10 are accepted"):
        parse("{a: 12345678}", max_length=10)


def test_huge_numbers_are_values_the_mapping_refuses():
    assert read("1e999") == math.inf
    assert isinstance(read("9" * 5000), float)  # no int-string conversion limit error


_json = st.recursive(
    st.none() | st.booleans() | st.integers(-10**15, 10**15) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=25)


@given(_json)
@hsettings(max_examples=300, deadline=None)
def test_json_reads_as_json(value):
    assert read(json.dumps(value)) == value
    assert read(json.dumps(value, ensure_ascii=False, indent=1)) == value


def _js(value):
    """JavaScript-style source for a JSON value: bare keys where possible, single quotes, trailing commas."""
    if isinstance(value, dict):
        keys = [k if k.isidentifier() and k.isascii() else json.dumps(k) for k in value]
        return "{" + "".join(f"{k}: {_js(v)}, /* c */ " for k, v in zip(keys, value.values())) + "}"
    if isinstance(value, list):
        return "[" + "".join(f"{_js(v)},\n" for v in value) + "]"
    if isinstance(value, str):
        return "'" + json.dumps(value)[1:-1].replace("'", "\\'").replace('\\"', '"') + "'"
    return json.dumps(value)


@given(_json)
@hsettings(max_examples=300, deadline=None)
def test_javascript_forms_read_as_the_same_values(value):
    assert read(_js(value)) == value


@given(st.text(max_size=200) | st.text(alphabet="{}[]()'\"`,:;./*\\-+=>$ \nab01ex", max_size=200))
@hsettings(max_examples=1000, deadline=None)
def test_parser_is_total(text):
    try:
        read(text)
    except SpecError as error:
        assert error.param == "c" and error.status == 400
