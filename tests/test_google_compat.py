"""The compatibility table in docs/google.md is the one in dyngraph.google.compat, and it is true."""

from pathlib import Path

import pytest

from dyngraph.google import compat, mapping
from dyngraph.settings import Settings
from dyngraph.sources import resolve, resolve_chart

DOC = Path(__file__).resolve().parent.parent / "docs" / "google.md"


def test_docs_table_is_generated_from_compat():
    text = DOC.read_text(encoding="utf-8")
    block = text.split("<!-- compat:start -->\n", 1)[1].split("<!-- compat:end -->", 1)[0]
    assert block == compat.markdown_table(), "run: .venv/bin/python docs/make_google_images.py"


def test_every_supported_chart_type_is_mapped():
    assert set(compat.CHART_TYPES) == set(mapping._TYPES)


@pytest.mark.parametrize("cht", compat.UNSUPPORTED_TYPES)
def test_unsupported_chart_types_are_refused(cht):
    from dyngraph.errors import SpecError

    with pytest.raises(SpecError, match="^cht:"):
        resolve(f"cht={cht}&chs=200x100&chd=t:1,2", Settings())


@pytest.mark.parametrize(("name", "level"), [(n, lvl) for n, (lvl, _) in compat.PARAMETERS.items()])
def test_not_supported_parameters_are_reported(name, level):
    if level != compat.NOT:
        return
    chart = resolve_chart(f"cht=lc&chs=200x100&chd=t:1,2&{name}=1", Settings())
    assert f"{name} (not supported" in dict(chart.headers)["X-Dyngraph-Unsupported"]


@pytest.mark.parametrize("cht", [t for t, (lvl, _) in compat.CHART_TYPES.items() if lvl == compat.PARTIAL])
def test_partial_chart_types_are_reported(cht):
    chd = "t:10,20|30,40|5,5" if cht in ("s", "lxy") else "t:10,20|30,40"
    if cht == "lxy":
        chd = "t:10,20|30,40"
    chart = resolve_chart(f"cht={cht}&chs=200x100&chd={chd}", Settings())
    assert "(partial" in dict(chart.headers)["X-Dyngraph-Unsupported"]
