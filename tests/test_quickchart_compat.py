"""The compatibility table in docs/quickchart.md is the one in dyngraph.quickchart.compat, and it is true."""

from pathlib import Path
from urllib.parse import quote

import pytest

from dyngraph.errors import SpecError
from dyngraph.quickchart import compat, mapping
from dyngraph.settings import Settings
from dyngraph.sources import resolve, resolve_chart

DOC = Path(__file__).resolve().parent.parent / "docs" / "quickchart.md"


def test_docs_table_is_generated_from_compat():
    text = DOC.read_text(encoding="utf-8")
    block = text.split("<!-- compat:start -->\n", 1)[1].split("<!-- compat:end -->", 1)[0]
    assert block == compat.markdown_table(), "run: .venv/bin/python docs/make_quickchart_images.py"


def test_every_chart_type_in_the_table_is_mapped_and_no_other():
    assert set(compat.CHART_TYPES) | {"donut"} == set(mapping.TYPES)


@pytest.mark.parametrize("chart_type", compat.UNSUPPORTED_TYPES)
def test_unsupported_types_are_refused_naming_type(chart_type):
    with pytest.raises(SpecError, match="^type: must be one of"):
        resolve("c=" + quote("{type:'%s',data:{datasets:[{data:[1,2]}]}}" % chart_type), Settings())


@pytest.mark.parametrize("chart_type", [t for t, (lvl, _) in compat.CHART_TYPES.items() if lvl == compat.PARTIAL])
def test_partial_types_are_reported(chart_type):
    config = "{type:'%s',data:{labels:['a','b'],datasets:[{data:[1,2]}]}}" % chart_type
    chart = resolve_chart("c=" + quote(config), Settings())
    assert "type (partial" in dict(chart.headers)["X-Dyngraph-Unsupported"]


@pytest.mark.parametrize("chart_type", [t for t, (lvl, _) in compat.CHART_TYPES.items() if lvl == compat.SUPPORTED])
def test_supported_types_draw_without_a_partial_type_note(chart_type):
    config = "{type:'%s',data:{labels:['a','b','c'],datasets:[{data:[1,2,3]}]}}" % chart_type
    chart = resolve_chart("c=" + quote(config), Settings())
    assert "type (partial" not in dict(chart.headers).get("X-Dyngraph-Unsupported", "")
