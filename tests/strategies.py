"""Hypothesis strategies shared by the spec and fuzz tests."""

from hypothesis import strategies as st

from dyngraph.spec import CHART_TYPES


@st.composite
def chart_data(draw, numbers, *, max_series, max_length, pie_rings=True):
    """(chart type, data) that the type accepts: x,y pairs for scatter, no negatives for pies.

    A pie takes further series as rings when ``pie_rings``; a donut always takes one.
    """
    chart_type = draw(st.sampled_from(CHART_TYPES))
    single = chart_type == "donut" or (chart_type == "pie" and not pie_rings)
    n_series = 1 if single else draw(st.integers(1, max_series))
    length = draw(st.integers(1, max_length)) * (2 if chart_type == "scatter" else 1)
    data = []
    for _ in range(n_series):
        series = draw(st.lists(numbers, min_size=length, max_size=length))
        if chart_type in ("pie", "donut"):
            series = [None if v is None else abs(v) for v in series]
        data.append(series)
    return chart_type, data
