"""The real corpus' configs, mutated at random (fixed seeds): always a spec or a SpecError, and drawable."""

import json
import random
from urllib.parse import parse_qsl, quote

import pytest

from dyngraph.draw import draw_chart
from dyngraph.errors import SpecError
from dyngraph.quickchart import read
from dyngraph.quickchart.literal import UNDEFINED, Code, parse
from dyngraph.settings import Settings
from quickchart_corpus import CORPUS, HELD_OUT, as_sent

SETTINGS = Settings()
REPLACEMENTS = [None, True, False, 0, -1, 1e20, "red", "", "x", [], {}, [1, 2], {"a": 1}, UNDEFINED, Code("f(x)"),
                3.5, "#abc", "rgba(1,2,3,0.5)", [None], ["a", 1], {"display": False}, "y", "line", "bar"]
KEYS = ["type", "fill", "stack", "hidden", "display", "position", "stacked", "min", "max", "indexAxis",
        "datalabels", "labels", "data", "text", "borderDash", "pointRadius", "tension", "lineTension",
        "backgroundColor", "borderColor", "scales", "ticks", "r"]


def _source(value):
    """A parsed config back to JavaScript source (functions as their text)."""
    if isinstance(value, Code):
        return value.text
    if value is UNDEFINED:
        return "undefined"
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(k)}:{_source(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_source(v) for v in value) + "]"
    return json.dumps(value)


def _mutate(value, rnd):
    if rnd.random() < 0.08:
        return rnd.choice(REPLACEMENTS)
    if isinstance(value, dict):
        out = {k: _mutate(v, rnd) for k, v in value.items()}
        if rnd.random() < 0.1:
            out[rnd.choice(KEYS)] = rnd.choice(REPLACEMENTS)
        return out
    if isinstance(value, list):
        return [_mutate(v, rnd) for v in value]
    return value


def _configs():
    out = []
    for _, query, _ in CORPUS + HELD_OUT:
        params = dict(parse_qsl(as_sent(query).replace("+", "%2B")))
        out.append(parse(params.get("c") or params["chart"], max_length=100_000))
    return out


@pytest.mark.parametrize("seed", range(4))
def test_mutated_real_configs_give_a_spec_or_a_spec_error(seed):
    rnd = random.Random(seed)
    configs = _configs()
    drawn = 0
    for _ in range(150):
        config = _mutate(rnd.choice(configs), rnd)
        query = "c=" + quote(_source(config)) + rnd.choice(["", "&v=3", "&dyngraph=validate"]) + "&w=160&h=100"
        try:
            chart = read(query, SETTINGS)
        except SpecError as error:
            assert error.param and error.status in (400, 414)
            continue
        if chart.spec is not None and drawn < 8:  # a few drawn all the way: the renderer takes what was mapped
            assert draw_chart(chart.spec, SETTINGS).startswith(b"\x89PNG")
            drawn += 1
    assert drawn  # the mutations leave drawable charts too, so the loop tested both paths
