"""Nothing silently ignored: type-specific parameters on other types, missing slice labels, mixed-sign stacks."""

import pytest

from dyngraph.errors import SpecError
from dyngraph.render import layout
from dyngraph.render.line import stack
from dyngraph.spec import APPLIES_TO, CHART_TYPES, PARAMS, make, parse

EXAMPLES = {"labels": "labels=a|b", "stacked": "stacked=1", "dots": "dots=1", "markers": "markers=min",
            "depth": "depth=10", "othershare": "othershare=0.1", "otherlabel": "otherlabel=Rest",
            "barwidth": "barwidth=10", "lines": "lines=1", "sizes": "sizes=10,20", "xmin": "xmin=-1", "xmax": "xmax=9",
            "smooth": "smooth=0.4", "slicelabels": "slicelabels=value", "linewidth": "linewidth=3",
            "linestyles": "linestyles=2,4,1", "min": "min=-5", "max": "max=50", "grid": "grid=0"}
DATA = {"scatter": "1,2,3,4", "pie": "1,2", "donut": "1,2"}


def test_every_entry_names_a_real_parameter_and_real_types():
    assert set(APPLIES_TO) == set(EXAMPLES) and set(APPLIES_TO) <= set(PARAMS)
    assert all(set(types) <= set(CHART_TYPES) for types in APPLIES_TO.values())


@pytest.mark.parametrize("kind", CHART_TYPES)
@pytest.mark.parametrize("name", sorted(APPLIES_TO))
def test_a_parameter_is_read_where_it_applies_and_a_400_elsewhere(kind, name):
    query = f"type={kind}&data={DATA.get(kind, '1,2')}&{EXAMPLES[name]}"
    if kind in APPLIES_TO[name]:
        assert parse(query).type == kind
    else:
        with pytest.raises(SpecError) as error:
            parse(query)
        message = str(error.value)
        assert message.startswith(f"{name}: does not apply to type={kind}")
        assert message.endswith(", ".join(APPLIES_TO[name]))


@pytest.mark.parametrize(("kind", "query"), [("line", "stacked=1"), ("bar", "depth=5"), ("line", "markers=max"),
                                             ("scatter", "labels=a|b")])
def test_the_cases_from_the_issue_are_400s(kind, query):
    with pytest.raises(SpecError):
        parse(f"type={kind}&data={DATA.get(kind, '1,2')}&{query}")


@pytest.mark.parametrize("query", ["cht=p&chs=200x100&chd=t:1,2&chl=a|b&chls=3",  # Google ignored chls on a pie
                                   "cht=bvg&chs=200x100&chd=t:1,2&chls=3,4,1"])
def test_dialects_still_draw_what_their_charts_ignored(query):
    from dyngraph.google import read
    from dyngraph.settings import Settings

    spec = read(query, Settings()).spec
    assert spec.linestyles == () and spec.linewidth == make(type=spec.type, data=[1]).linewidth


def test_default_values_given_explicitly_are_fine():
    assert parse("type=line&data=1,2&stacked=0&dots=0&depth=0").type == "line"


def test_a_pie_with_fewer_labels_than_slices_is_a_400_naming_both_counts():
    with pytest.raises(SpecError, match="labels: 2 labels for 3 slices"):
        parse("type=pie&data=1,2,3&labels=a|b")
    assert parse("type=pie&data=1,2,3&labels=a||c").labels == ("a", "", "c")  # an unnamed slice, said so


def test_mixed_sign_stacked_areas_stack_positives_up_and_negatives_down():
    assert stack([[2, -2], [1, -1]]) == [([0.0, 0.0], [2.0, -2.0]), ([2.0, -2.0], [3.0, -3.0])]
    data = layout(make(type="area", stacked=True, data=[[2, 2, 2], [-1, -1, -1], [1, 1, 1]], legend=["a", "b", "c"]))
    a, b, c = ([p[1] for p in s["points"]] for s in data["series"])
    zero = a[0] + (a[0] - c[0]) * 2  # a reaches 2, c 3: pixels per unit = c - a
    per_unit = a[0] - c[0]
    assert all(y > zero for y in b)  # the negative series hangs below zero
    assert all(abs(y - (zero + per_unit)) <= 1 for y in b)  # at -1, not stacked on top of a
    assert all(abs(y - (zero - 3 * per_unit)) <= 1 for y in c)  # c stacks on a only: at 3


# --- labels that never collide (checked through the layout) ------------------------


def _overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _no_two_overlap(data):
    texts = data["texts"]
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            assert not _overlap(a["box"], b["box"]), (a, b)


def test_many_category_labels_never_overprint_and_the_last_one_shows():
    labels = [f"2025-{1 + i // 31:02}-{1 + i % 28:02}" for i in range(365)]
    data = layout(make(type="bar", data=[[i % 9 + 1 for i in range(365)]], labels=labels, width=480, height=200))
    ticks = [t for t in data["texts"] if t["role"] == "xtick"]
    assert len(ticks) >= 3 and ticks[-1]["box"][2] <= data["width"]
    _no_two_overlap(data)


def test_a_label_pushed_inside_at_the_edge_never_overprints_its_neighbour():
    from dyngraph.render.frame import apart

    boxes = [(0, 50), (60, 110), (120, 170), (150, 200)]  # the last one pushed left, onto the third
    assert apart(boxes) == [(0, 50), (60, 110), (150, 200)]  # the neighbour gives way, the end stays


def test_hbar_rows_get_smaller_labels_before_they_are_thinned():
    from dyngraph import fonts, theme

    rows = 16
    spec = make(type="hbar", data=[list(range(1, rows + 1))], labels=[f"Row {i}" for i in range(rows)],
                width=300, height=230)
    data = layout(spec)
    ticks = [t for t in data["texts"] if t["role"] == "ytick"]
    pitch = (ticks[-1]["box"][1] - ticks[0]["box"][1]) / (rows - 1)
    assert pitch < fonts.line_height(theme.font_sizes(300, 230)[0], fonts.primary())  # the usual size would not fit
    assert len(ticks) == rows  # every row labelled, a size smaller
    _no_two_overlap(data)


def test_a_long_title_wraps_onto_two_lines_before_an_ellipsis():
    title = "Escalations to second line support by region and quarter, all teams"
    data = layout(make(type="bar", data=[[1, 2]], title=title, width=300, height=200))
    lines = [t["text"] for t in data["texts"] if t["role"] == "title"]
    assert len(lines) == 2 and " ".join(lines) == title  # all of it, no ellipsis
    _no_two_overlap(data)


def test_365_thin_bars_leave_no_gaps_between_columns():
    from dyngraph.render import render

    image = render(make(type="bar", data=[[10] * 365], width=480, height=200, grid=False, colors=["cc0000"]))
    data = layout(make(type="bar", data=[[10] * 365], width=480, height=200, grid=False, colors=["cc0000"]))
    left, right = round(data["plot"]["left"]) + 1, round(data["plot"]["right"]) - 1
    row = [image.getpixel((x, 150)) for x in range(left, right)]
    assert row.count((0xcc, 0, 0)) == len(row)  # a filled step area: no moire of empty columns


@pytest.mark.parametrize("kind", ["bar", "hbar"])
@pytest.mark.parametrize("fixed", ["", "&min=-12&max=100"])  # the axis' own range leaves room; a fixed one may not
def test_value_labels_sit_beyond_the_bar_end_or_inside_it_never_across_it(kind, fixed):
    from dyngraph import theme
    from dyngraph.colour import contrast
    from dyngraph.render import render

    spec = parse(f"type={kind}&data=30,-12,55,100&labels=North|South|East|West&marks=N,000000,0,-1,11"
                 f"&width=360&height=200{fixed}")
    data = layout(spec)
    values = [t for t in data["texts"] if t["role"] == "value"]
    boxes = data["series"][0]["boxes"]
    assert [t["text"] for t in values] == ["30", "-12", "55", "100"]
    image = render(spec)
    insides = []
    for text, bar in zip(values, boxes):
        left, top, right, bottom = text["box"]
        b_left, b_top, b_right, b_bottom = bar
        inside = b_left <= left and right <= b_right + 1 and b_top <= top and bottom <= b_bottom + 1
        beyond = (right <= b_left or left >= b_right) if kind == "hbar" else (bottom <= b_top or top >= b_bottom)
        assert inside or beyond, (text, bar)
        insides.append(inside)
        if inside:  # in an ink that reads on the bar, measured on the pixels
            bar_colour = image.getpixel((round(b_left) + 1, round(b_top) + 1))
            ink = max((image.getpixel((x, y)) for x in range(left, right) for y in range(top, bottom)),
                      key=lambda c: contrast(c, bar_colour))
            assert contrast(ink, bar_colour) >= theme.TEXT_CONTRAST
    assert any(insides) == bool(fixed)  # room reserved unless the range is fixed: then inside, readable
    if kind == "bar" and not fixed:  # the negative bar's label hangs below its end, not over its edge
        assert values[1]["box"][1] >= boxes[1][3]


def test_long_category_labels_wrap_onto_two_lines_before_an_ellipsis():
    spec = make(type="bar", data=[[3, 5, 2, 4]], labels=["Escalations", "Second line support", "Field service",
                                                         "Other"], width=300, height=240)
    data = layout(spec)
    ticks = [t["text"] for t in data["texts"] if t["role"] == "xtick"]
    assert "Field" in ticks and "service" in ticks  # two lines, not "Field ser…"
    assert "Other" in ticks
    _no_two_overlap(data)
