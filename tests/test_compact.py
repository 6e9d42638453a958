"""The compact data encoding: exact round trips, the URL budget, strict decoding."""

import random

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from conftest import decode
from dyngraph import compact
from dyngraph.errors import SpecError
from dyngraph.limits import Limits
from dyngraph.spec import make, parse, to_query

LIMITS = Limits()


def walk(rng, n, step, decimals, start=20.0):
    """A random walk, rounded: the shape of real sensor or price data."""
    out, value = [], start
    for _ in range(n):
        value = round(value + rng.uniform(-step, step), decimals)
        out.append(value)
    return out


def test_three_series_of_a_thousand_points_fit_in_4000_bytes():
    rng = random.Random(4)
    spec = make(type="line", data=[walk(rng, 1000, 5, 1) for _ in range(3)], title="Sensors")
    query = to_query(spec)
    assert "data=~" in query
    assert len(f"get_graph.py?{query}") < 4000
    assert parse(query) == spec


def test_short_data_stays_readable():
    assert to_query(make(data=[[1, 5, 3], [2, 4, 6]])) == "type=line&data=1,5,3%7C2,4,6"


def test_compact_is_chosen_only_when_shorter():
    rng = random.Random(1)
    wild = [rng.choice([1e-9, 123456789.123, -5e14]) for _ in range(200)]  # 20+ decimals: not exact
    assert "data=~" not in to_query(make(data=[wild]))
    assert parse(to_query(make(data=[wild]))).data == make(data=[wild]).data


@pytest.mark.parametrize("series", [
    [[1, None, 3] * 100, [None] * 50 + [1.5]],
    [[-0.001 * i for i in range(300)]],
    [[10**14 + i for i in range(300)]],
    [[0.1, 0.2, 0.3] * 100, [2.5] * 300],
    [[1e-7 * i for i in range(300)]],
])
def test_exact_round_trip(series):
    spec = make(data=series)
    query = to_query(spec)
    assert "data=~" in query
    assert parse(query) == spec


def test_scatter_pairs_use_stride_two():
    spec = make(type="scatter", data=[[v for i in range(500) for v in (i, 1000 - i * 0.5)]])
    query = to_query(spec)
    assert parse(query) == spec
    plain_length = sum(len(str(v)) + 1 for v in spec.data[0])
    assert len(query) < plain_length / 5


_decimals = st.integers(0, 4)


@given(_decimals, st.lists(st.lists(st.one_of(st.none(), st.integers(-10**9, 10**9)), min_size=1, max_size=150),
                           min_size=1, max_size=4))
@hsettings(max_examples=150, deadline=None)
def test_encode_decode_is_exact(decimals, ints):
    series = tuple(tuple(None if k is None else k / 10**decimals for k in s) for s in ints)
    text = compact.encode(series)
    assert text is not None and text.startswith("~")
    assert compact.decode(text, LIMITS) == series


def test_graph_app_draws_compact_data(graph):
    rng = random.Random(2)
    spec = make(type="line", data=[walk(rng, 1000, 2, 1) for _ in range(3)], width=600, height=200, format="png")
    response = graph.get("/?" + to_query(spec))
    assert response.status_int == 200
    assert decode(response.body).size == (600, 200)


@pytest.mark.parametrize("text, message", [
    ("~", "truncated"),
    ("~AQ*", "must be '~' then base64url"),
    ("~A", "must be '~' then base64url"),
    ("~Ag", "version must be 1"),
    ("~AQAB", "truncated"),
    ("~AQABAQABAAA", "trailing bytes"),
    ("~AQABAQAD", "stride"),
    ("~AQABAQABQQ", "width"),
    ("~AQAA", "series; 1 to 16"),
    ("~AQGAgICAgICAgICAAQ", "number too long"),
    ("~AQABwJoM", "at most 100000 values"),
    ("~AQABAgMAAQ", "gaps"),
])
def test_malformed_compact_data_is_a_400(graph, text, message):
    response = graph.get(f"/?data={text}", expect_errors=True)
    assert response.status_int == 400
    assert response.body.decode().startswith("data: ")
    assert message in response.body.decode()


def test_decoded_values_are_bounded():
    text = compact.encode(((1.0,),))
    huge = compact.encode(((9e14,), (9e14,)))
    assert compact.decode(text, LIMITS) == ((1.0,),) and huge
    over = "~" + _b64(bytes([1, 0, 1, 1, 0, 1, 56]) + (2 ** 55).to_bytes(7, "little"))
    with pytest.raises(SpecError, match="between -1e15 and 1e15"):
        compact.decode(over, LIMITS)


def _b64(raw):
    import base64

    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
