"""Ticks, scales and number labels (no Pillow)."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dyngraph.scale import Linear, format_number, nice_step, nice_ticks, widen


def _mantissa(step):
    return round(step / 10 ** math.floor(math.log10(step)), 6)


@pytest.mark.parametrize(("span", "ticks", "step"), [
    (10, 5, 2), (10, 10, 1), (100, 6, 20), (1, 5, 0.2), (0.3, 6, 0.05), (7, 3, 5), (2e15, 4, 5e14), (3e-9, 6, 5e-10),
])
def test_nice_step_is_1_2_or_5_times_a_power_of_ten(span, ticks, step):
    assert nice_step(span, ticks) == pytest.approx(step)


def test_nice_ticks_widen_to_whole_steps():
    ticks = nice_ticks(3, 97, 6)
    assert (ticks.low, ticks.high, ticks.step) == (0, 100, 20)
    assert ticks.values == (0, 20, 40, 60, 80, 100)


def test_nice_ticks_cross_zero_and_include_it():
    ticks = nice_ticks(-3, 12, 5)
    assert ticks.low <= -3 and ticks.high >= 12 and 0 in ticks.values


def test_fixed_bounds_are_kept_exactly_with_ticks_inside():
    ticks = nice_ticks(0, 100, 5, fixed_low=3, fixed_high=97)
    assert (ticks.low, ticks.high) == (3, 97)
    assert ticks.values == (20, 40, 60, 80)


def test_tick_values_have_no_float_noise():
    ticks = nice_ticks(0.1, 0.7, 6)
    assert ticks.values == (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)


@pytest.mark.parametrize(("low", "high"), [(5, 5), (0, 0), (-2, -2), (1e15, 1e15), (1e-300, 1e-300), (1, 1 + 1e-14)])
def test_degenerate_ranges_are_widened_around_the_value(low, high):
    a, b = widen(low, high)
    assert a < low <= high < b
    ticks = nice_ticks(low, high, 5)
    assert ticks.low < ticks.high and len(ticks.values) >= 2


@given(st.floats(-1e15, 1e15), st.floats(-1e15, 1e15), st.integers(1, 12))
def test_ticks_cover_the_data_in_1_2_5_steps(a, b, max_ticks):
    low, high = min(a, b), max(a, b)
    ticks = nice_ticks(low, high, max_ticks)
    slack = ticks.step * 1e-6  # float noise below a millionth of a step is ignored
    assert ticks.low <= low + slack and ticks.high >= high - slack
    assert 2 <= len(ticks.values) <= max_ticks + 2
    assert _mantissa(ticks.step) in (1, 2, 5, 10)
    assert all(ticks.low - ticks.step * 1e-6 <= v <= ticks.high + ticks.step * 1e-6 for v in ticks.values)


@pytest.mark.parametrize(("value", "text"), [
    (0, "0"), (12, "12"), (1500, "1.5k"), (2_000_000, "2M"), (-0.25, "-0.25"), (1234, "1.23k"), (999_999, "1M"),
    (3e9, "3G"), (1e15, "1P"), (-1e15, "-1P"), (0.001234, "0.00123"), (1e-7, "1e-7"), (-0.0, "0"),
])
def test_format_number_is_short(value, text):
    assert format_number(value) == text


@pytest.mark.parametrize(("values", "step", "texts"), [
    ((0, 500, 1000, 1500), 500, ["0", "500", "1k", "1.5k"]),
    ((0, 0.25, 0.5), 0.25, ["0", "0.25", "0.5"]),
    ((-1e15, 0, 1e15), 5e14, ["-1P", "0", "1P"]),
    ((1e-9, 1.5e-9), 5e-10, ["1e-9", "1.5e-9"]),
    ((2.0000000000000004e-16,), 0.1, ["0"]),
    # A suffix only while its labels stay short: not 1.00018k, 1.00020k for ticks 0.02 apart
    ((1000.16, 1000.18, 1000.2), 0.02, ["1000.16", "1000.18", "1000.2"]),
    ((1_233_000, 1_234_000), 1000, ["1233k", "1234k"]),
    ((1_200_000, 1_250_000), 50_000, ["1.2M", "1.25M"]),
])
def test_format_number_with_step_uses_the_axis_decimals(values, step, texts):
    assert [format_number(v, step) for v in values] == texts


def test_linear_maps_and_inverts():
    scale = Linear(0, 10, 200, 100)  # y grows downwards
    assert scale(0) == 200 and scale(10) == 100 and scale(5) == 150
    assert scale.inverse(150) == 5
    a, b = scale.coefficients()
    assert a * 5 + b == 150
    assert Linear(3, 3, 0, 100)(3) == 50
