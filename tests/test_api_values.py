"""Python values into specs: escaped `|` in names, every kind of real number, NaN and None as gaps."""

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings as hsettings, strategies as st

from dyngraph.errors import SpecError
from dyngraph.render import layout
from dyngraph.spec import join_list, make, parse, split_list, to_query


@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",)), max_size=12), min_size=1, max_size=6))
@hsettings(max_examples=300, deadline=None)
def test_split_list_undoes_join_list(items):
    assert split_list(join_list(items)) == items


def test_a_bar_inside_a_label_is_kept_not_split():
    spec = make(type="bar", data=[[1, 2]], labels=["A|B", "C"], legend=["x\\y|z"])
    assert spec.labels == ("A|B", "C") and spec.legend == ("x\\y|z",)
    assert "labels=A%5C%7CB%7CC" in to_query(spec)
    assert parse(to_query(spec)) == spec
    texts = [t["text"] for t in layout(spec)["texts"] if t["role"] == "xtick"]
    assert texts == ["A|B", "C"]


def test_the_url_escapes_read_as_documented():
    assert parse("type=bar&data=1,2&labels=A\\|B|C").labels == ("A|B", "C")
    assert parse("type=bar&data=1,2&labels=A\\\\|B").labels == ("A\\", "B")
    assert parse("type=bar&data=1,2&labels=C:\\dir|D").labels == ("C:\\dir", "D")  # any other \ stays


def test_google_names_keep_their_backslashes():
    from dyngraph.settings import Settings
    from dyngraph.sources import resolve

    assert resolve("cht=p&chs=200x100&chd=t:1,2&chl=a\\|b", Settings()).labels == ("a\\", "b")  # Google had no escape


@pytest.mark.parametrize("value", [np.int64(3), np.float32(3.0), Decimal("3"), Fraction(6, 2), 3, 3.0, True * 0 + 3])
def test_every_kind_of_real_number_is_a_number(value):
    assert make(type="line", data=[1, value]).data == ((1.0, 3.0),)
    assert make(type="line", data=[1, 2], min=value).min == 3.0


def test_numpy_arrays_are_series():
    assert make(type="line", data=np.array([1, 2, 3])).data == ((1.0, 2.0, 3.0),)
    assert make(type="line", data=np.array([[1, 2], [3, 4]])).data == ((1.0, 2.0), (3.0, 4.0))
    assert make(type="line", data=[np.array([1, 2]), np.array([3.5, 4])]).data == ((1.0, 2.0), (3.5, 4.0))
    assert make(type="scatter", data=[np.array([[1, 2], [3, 4]])]).data == ((1.0, 2.0, 3.0, 4.0),)
    assert make(type="line", data=range(3)).data == ((0.0, 1.0, 2.0),)


def test_nan_and_none_are_gaps():
    assert make(type="line", data=[1, float("nan"), None, np.nan, 5]).data == ((1.0, None, None, None, 5.0),)
    assert make(type="line", data=np.array([1.0, np.nan, 3.0])).data == ((1.0, None, 3.0),)


@pytest.mark.parametrize(("value", "quoted"), [("1", "'1'"), (1j, "1j"), ({"a": 1}, "{'a': 1}"),
                                               (float("inf"), "inf"), (np.float64(1e300), "1e+300")])
def test_a_wrong_value_is_quoted_as_python_wrote_it(value, quoted):
    with pytest.raises(SpecError) as error:
        make(type="line", data=[1, value])
    assert quoted in str(error.value) and str(error.value).startswith("data:")


def test_bools_are_not_numbers():
    with pytest.raises(SpecError, match="got True"):
        make(type="line", data=[1, True])


def test_numeric_labels_read_as_the_url_writes_them():
    assert make(type="bar", data=[1, 2], labels=[np.int64(2025), 2026.0]).labels == ("2025", "2026")
