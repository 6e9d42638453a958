"""Nothing silently ignored: type-specific parameters on other types, missing slice labels, mixed-sign stacks."""

import pytest

from dyngraph.errors import SpecError
from dyngraph.render import layout
from dyngraph.render.line import stack
from dyngraph.spec import APPLIES_TO, CHART_TYPES, PARAMS, make, parse

EXAMPLES = {"labels": "labels=a|b", "stacked": "stacked=1", "dots": "dots=1", "markers": "markers=min",
            "depth": "depth=10", "othershare": "othershare=0.1", "otherlabel": "otherlabel=Rest",
            "barwidth": "barwidth=10", "lines": "lines=1", "sizes": "sizes=10,20", "xmin": "xmin=-1", "xmax": "xmax=9"}
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
