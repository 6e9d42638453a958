"""Google's chd encodings and chds scaling (dyngraph.google.data)."""

import pytest

from dyngraph.errors import SpecError
from dyngraph.google import data
from dyngraph.limits import Limits

LIMITS = Limits()


def fractions(chd, chds=""):
    return data.read(chd, chds, LIMITS).fractions


def test_text_default_range_clamps_above_and_drops_below():
    # Google's own example: _ is missing, -30 is below the range, 200 is drawn at 100.
    assert fractions("t:_,30,-30,50,80,200") == ((None, 0.3, None, 0.5, 0.8, 1.0),)


def test_simple_encoding_maps_letters_and_digits():
    assert fractions("s:A9_a") == ((0.0, 1.0, None, 26 / 61),)
    assert fractions("s:hello,world")[1][0] == 48 / 61


def test_extended_encoding_pairs_and_missing():
    chd = data.read("e:AA..__BA", "", LIMITS)
    assert chd.fractions == ((0.0, 1.0, None, 64 / 4095),)
    assert chd.encoding == "extended"


def test_chds_pairs_last_pair_reused():
    chd = data.read("t:0,50,100|0,500,1000|0,1000,2000", "0,100,0,1000", LIMITS)
    assert chd.ranges == ((0, 100), (0, 1000), (0, 1000))
    assert chd.fractions[2] == (0.0, 1.0, 1.0)


def test_chds_auto_scales_from_zero_or_the_smallest_value():
    assert data.read("t:10,20,40", "a", LIMITS).ranges[0] == (0.0, 40.0)
    assert data.read("t:-5,30,200", "a", LIMITS).ranges[0] == (-5.0, 200.0)


def test_zero_span_range_puts_values_at_the_bottom():
    assert fractions("t:5,5,6", "5,5") == ((0.0, 0.0, 0.0),)


def test_chds_is_ignored_for_simple_encoding():
    chd = data.read("s:9", "0,10", LIMITS)
    assert chd.fractions == ((1.0,),)
    assert any("ignored" in n for n in chd.notes)


def test_t_n_prefix_counts_line_series():
    assert data.read("t1:1,2|3,4", "", LIMITS).line_series == 1


def test_values_map_onto_a_display_range():
    chd = data.read("t:0,50,100", "", LIMITS)
    assert chd.values(0, -10, 10) == (-10.0, 0.0, 10.0)


def test_a_min_without_its_max_takes_googles_default_max():
    assert data.read("t:1,2|3,4", "0,10,5", LIMITS).ranges == ((0.0, 10.0), (5.0, 100.0))


@pytest.mark.parametrize(
    ("chd", "chds", "message"),
    [
        ("x:1,2", "", "chd: must start with t:, t<N>:, s: or e:"),
        ("1,2,3", "", "chd: must start with"),
        ("t:1,abc", "", "chd: must be a decimal number"),
        ("s:ab*", "", "chd: '*' is not simple-encoded"),
        ("e:ABC", "", "chd: extended encoding takes two characters per value"),
        ("t:1,2", "0,10,x", "chds: must be a decimal number"),
        ("t:1,2", "10,0", "chds: max must not be below min"),
        ("t:" + "|".join(["1"] * 17), "", "chd: 17 series; at most 16"),
    ],
)
def test_bad_data_names_the_parameter(chd, chds, message):
    with pytest.raises(SpecError) as caught:
        data.read(chd, chds, LIMITS)
    assert str(caught.value).startswith(message)
