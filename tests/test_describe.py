"""Generated descriptions on known data: exact strings for every chart type, and the 250-character cap."""

import pytest

from conftest import applicable

from dyngraph.describe import MAX_SHORT, long, number, pearson, short
from dyngraph.spec import CHART_TYPES, make

DAYS = ["Mon", "Tue", "Wed", "Thu"]

SHORT = [  # (options, the description a reader should get)
    (dict(type="line", data=[[3, 7, None, 5], [9, 4, 2, 1]], labels=DAYS, legend=["Cats", "Dogs"], title="Pets"),
     "Line chart: Pets. Cats rises from 3 (Mon) to 5 (Thu), peak 7 (Tue). Dogs falls from 9 (Mon) to 1 (Thu). "
     "1 missing value."),
    (dict(type="line", data=[1, 2, 9, 3]),
     "Line chart. Rises from 1 (point 1) to 3 (point 4), peak 9 (point 3)."),
    (dict(type="area", data=[[2, 2, 2]]), "Area chart. Flat at 2."),
    (dict(type="area", data=[[1, 4, 1]], labels=["a", "b", "c"], title="Hill."),
     "Area chart: Hill. Starts and ends at 1, peak 4 (b)."),
    (dict(type="area", data=[[None, 1, 6, None]], legend=["Rain"]),
     "Area chart. Rain rises from 1 (point 2) to 6 (point 3), its peak. 2 missing values."),
    (dict(type="bar", data=[[5, -3, 8, 12], [7, 2, -4, 9]], labels=["Q1", "Q2", "Q3", "Q4"], legend=["2025", "2026"],
          title="Profit"),
     "Bar chart: Profit. Largest Q4 at 12 (2025), smallest Q3 at -4 (2026)."),
    (dict(type="bar", stacked=True, data=[[20, 25], [10, 12]], labels=["Mon", "Tue"]),
     "Bar chart. Largest total Tue at 37, smallest Mon at 30."),
    (dict(type="bar", data=[[0, 0]]), "Bar chart. All values 0."),
    (dict(type="bar", data=[[3.25]], labels=["Q1"]), "Bar chart. One value: Q1 at 3.25."),
    (dict(type="hbar", data=[[1200, 950, 260]], labels=["Apache", "nginx", "Caddy"], title="Servers"),
     "Horizontal bar chart: Servers. Largest Apache at 1200, smallest Caddy at 260."),
    (dict(type="pie", data=[[10, 45, 5, 25, 15]], labels=["Mail", "Direct", "Other", "Search", "Social"],
          title="Where from"),
     "Pie chart: Where from. Direct 45%, Search 25%, Social 15%, Mail 10%, Other 5%."),
    (dict(type="pie", data=[[999, 1]], labels=["a", "b"]), "Pie chart. a 100%, b under 1%."),
    (dict(type="pie", data=[[1, 2], [3, 4, 5]], labels=list("abcde")),
     "Pie chart. Ring 1: b 67%, a 33%. Ring 2: e 42%, d 33%, c 25%."),
    (dict(type="donut", data=[[1, 3]], labels=["Free", "Used"], title="Disk"), "Donut chart: Disk. Used 75%, Free 25%."),
    (dict(type="donut", data=[[2, None, 2]]), "Donut chart. Slice 1 50%, Slice 3 50%. 1 missing value."),
    (dict(type="scatter", data=[[1, 2, 2, 4, 3, 6], [1, 5, 2, 3, 3, 4, 4, 1]], legend=["A", "B"], title="Load"),
     # B: r = -5.5 / sqrt(5 * 8.75) = -0.83
     "Scatter plot: Load. A: strong positive correlation (r = 1.00, 3 points). "
     "B: strong negative correlation (r = -0.83, 4 points)."),
    (dict(type="scatter", data=[[1, 2, 2, 1, 3, 3, 4, 1]]), "Scatter plot. No clear correlation (r = -0.13, 4 points)."),
    (dict(type="scatter", data=[[1, 1, 2, 1, 3, 1]]), "Scatter plot. No correlation (3 points, one coordinate constant)."),
    (dict(type="scatter", data=[[1, 1, 2, 2]]), "Scatter plot. 2 points."),
    (dict(type="radar", data=[[3, 9, 4], [5, 1, 2]], labels=["Speed", "Range", "Price"], legend=["A", "B"]),
     "Radar chart. Largest Range at 9 (A), smallest Range at 1 (B)."),
    (dict(type="sparkline", data=[[5, 6, 4, 7, 13, 9]]), "Sparkline. Range 4 to 13, last value 9."),
    (dict(type="sparkline", data=[[5, None, 0.5]], title="CPU"),
     "Sparkline: CPU. Range 0.5 to 5, last value 0.5. 1 missing value."),
]


@pytest.mark.parametrize("options, expected", SHORT, ids=[f"{o['type']}-{i}" for i, (o, _) in enumerate(SHORT)])
def test_short_description(options, expected):
    assert short(make(**options)) == expected


def test_every_chart_type_has_an_exact_case():
    assert {options["type"] for options, _ in SHORT} == set(CHART_TYPES)


def test_marker_only_series_are_not_described():
    spec = make(type="line", data=[[1, 2], [50, 60]], hidden=1, legend=["Shown"])
    assert short(spec) == "Line chart. Shown rises from 1 (point 1) to 2 (point 2), its peak."


def test_qr_code_says_what_it_encodes():
    assert short(make(type="qr", qrtext="https://example.com/")) == "QR code: https://example.com/"


@pytest.mark.parametrize("kind", CHART_TYPES)
def test_the_short_description_never_exceeds_250_characters(kind):
    pairs = kind == "scatter"
    series = [[(i * 7 + j * 3) % 11 + (j if pairs else 0) for j in range(40 if pairs else 20)] for i in range(16)]
    data = series[:1] if kind in ("donut", "sparkline") else series[:4] if kind == "pie" else series
    slices = sum(map(len, data)) if kind in ("pie", "donut") else 20  # a pie needs a label per slice
    options = dict(type=kind, data=data,
                   title="A title that goes on and on " * 7, labels=[f"A label that is long {i}" for i in range(slices)],
                   legend=[f"A series name that is rather long {i}" for i in range(len(data))])
    text = short(make(**applicable(kind, options)))
    assert len(text) <= MAX_SHORT, text
    assert text.startswith(("Line", "Area", "Bar", "Horizontal", "Pie", "Donut", "Scatter", "Sparkline", "Radar"))
    if kind in ("line", "area", "scatter", "pie"):
        assert text.endswith((" more series.", " more slices.")), text


def test_too_many_series_end_with_a_count_of_the_rest():
    spec = make(type="line", data=[[i, i + 1] for i in range(16)], legend=[f"Series number {i:02}" for i in range(16)])
    text = short(spec)
    assert text == (
        "Line chart. Series number 00 rises from 0 (point 1) to 1 (point 2), its peak. "
        "Series number 01 rises from 1 (point 1) to 2 (point 2), its peak. "
        "Series number 02 rises from 2 (point 1) to 3 (point 2), its peak. 13 more series.")


def test_long_description_lists_every_value():
    spec = make(type="bar", data=[[5, -3, 8, 12], [7, None, -4, 9]], labels=["Q1", "Q2", "Q3", "Q4"],
                legend=["2025", "2026"], title="Profit")
    assert long(spec) == (
        "Bar chart: Profit.\n"
        "2025: Q1 = 5, Q2 = -3, Q3 = 8, Q4 = 12. Lowest -3 (Q2), highest 12 (Q4).\n"
        "2026: Q1 = 7, Q2 = missing, Q3 = -4, Q4 = 9. Lowest -4 (Q3), highest 9 (Q4).\n"
        "1 missing value.\n")


def test_long_description_of_a_line_has_the_trend_too():
    spec = make(type="line", data=[[3, 7, 5]], labels=["Mon", "Tue", "Wed"], legend=["Cats"])
    assert long(spec) == ("Line chart.\nCats: Mon = 3, Tue = 7, Wed = 5. Lowest 3 (Mon), highest 7 (Tue). "
                          "Rises from 3 (Mon) to 5 (Wed), peak 7 (Tue).\n")


def test_long_description_of_pie_and_scatter():
    assert long(make(type="pie", data=[[1, 3]], labels=["Free", "Used"])) == (
        "Pie chart.\nUsed 75% (3), Free 25% (1); total 4.\n")
    assert long(make(type="scatter", data=[[1, 2, 2, 4, 3, 6]], legend=["A"])) == (
        "Scatter plot.\nA: strong positive correlation (r = 1.00, 3 points). x from 1 to 3, y from 2 to 6. "
        "Points: (1, 2), (2, 4), (3, 6).\n")


def test_long_labels_are_clipped_in_the_short_description_only():
    label = "x" * 60
    spec = make(type="hbar", data=[[2, 1]], labels=[label, "b"])
    assert short(spec) == f"Horizontal bar chart. Largest {'x' * 31}… at 2, smallest b at 1."
    assert label in long(spec)


@pytest.mark.parametrize("value, text", [(12.0, "12"), (1234.5678, "1235"), (-3.5, "-3.5"), (0.0001234, "0.000123"),
                                         (-0.004, "-0.004"), (2.25, "2.25"), (99.999, "100"), (0.0, "0"), (-0.0, "0")])
def test_numbers_read_as_people_write_them(value, text):
    assert number(value) == text


def test_pearson_on_known_pairs():
    assert pearson([(1, 2), (2, 4), (3, 6)]) == pytest.approx(1.0)
    assert pearson([(1, 5), (2, 3), (3, 4), (4, 1)]) == pytest.approx(-5.5 / (5 * 8.75) ** 0.5)
    assert pearson([(1, 1), (2, 1)]) is None


# --- any valid chart: a description within the cap, a CSV that reads back, an escaped figure ------------

from hypothesis import given, settings as hsettings, strategies as st  # noqa: E402

from strategies import chart_data  # noqa: E402

_NUMBERS = st.one_of(st.none(), st.floats(min_value=-1e15, max_value=1e15, allow_nan=False, allow_infinity=False),
                     st.integers(-1000, 1000))
_TEXT = st.text(max_size=40).map(lambda t: t.replace("|", "/")) | st.sampled_from(["<script>", "<x a='1'>&"])


@hsettings(max_examples=150, deadline=None)
@given(chart_data(_NUMBERS, max_series=12, max_length=30), _TEXT, st.lists(_TEXT, max_size=30),
       st.lists(_TEXT, max_size=16), st.booleans())
def test_any_chart_gets_a_capped_description_a_faithful_csv_and_an_escaped_figure(kind_data, title, labels, legend,
                                                                                 stacked):
    import csv as csv_module
    import io

    from dyngraph.api import figure
    from dyngraph.textformats import csv_text

    kind, data = kind_data
    labels = labels[:len(data[0])]
    if kind in ("pie", "donut") and any(labels):  # a label per slice (empty ones allowed)
        labels += [""] * (sum(map(len, data)) - len(labels))
    spec = make(**applicable(kind, dict(type=kind, data=data, title=title, labels=labels, legend=legend[:len(data)],
                                        stacked=stacked)))
    text = short(spec)
    assert 0 < len(text) <= MAX_SHORT
    assert long(spec).endswith("\n")
    rows = list(csv_module.reader(io.StringIO(csv_text(spec), newline="")))
    header, body = rows[0], rows[1:]
    assert all(len(row) == len(header) for row in body)
    if kind not in ("pie", "donut", "scatter"):
        for n, series in enumerate(spec.data):
            cells = [row[1 + n] for row in body][:len(series)]
            assert [None if c == "" else float(c) for c in cells] == list(series)
    html = figure(spec)
    assert "<script" not in html and "<x" not in html  # every text escaped (the strategy writes any characters)
