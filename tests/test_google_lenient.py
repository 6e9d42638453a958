"""Google was lenient with short or empty sub-fields: so are we (drawn with Google's defaults, reported).

Real URLs carry ``chma=10,10``, an empty ``chdlp``, ``chts=,,``, ``chxr=1,,50``...; Google drew them.
Each is drawn, and the ``chof=validate`` report says how the short field was read.
"""

import pytest

from dyngraph.errors import SpecError
from dyngraph.render import render
from dyngraph.settings import Settings
from dyngraph.sources import resolve, resolve_chart

SETTINGS = Settings()
BASE = "cht=lc&chs=300x200&chd=t:10,20,30|30,20,10"
FULL = {  # every Google parameter with sub-fields, filled in
    "chxt": "x,y,r", "chxr": "1,0,100,10|2,5,50", "chxl": "0:|a|b|c", "chxp": "0,10,50,90",
    "chxs": "0N*f1*,ff0000,12,0,lt,00ff00,0000ff", "chxtc": "0,10|1,-100,5", "chg": "20,25,4,1,0,0",
    "chls": "2,4,1|1,2,2", "chm": "o,ff0000,0,-1,8|N*f1*,000000,1,-1,10|h,00ff00,0,0.5,2|r,0000ff30,0,0.2,0.4",
    "chf": "bg,s,eeeeee|c,lg,45,ffffff,0,ccccff,1", "chbh": "10,4,8", "chdlp": "b|r", "chts": "ff0000,14,l",
    "chdls": "0000ff,12", "chma": "10,20,30,40|50,60", "chco": "ff0000,00ff00", "chds": "0,50,0,40",
    "chdl": "A|B|C", "chl": "a|b|c",
}
BASES = {"lc": BASE, "bvg": BASE.replace("cht=lc", "cht=bvg"), "p": "cht=p&chs=300x200&chd=t:10,20,30",
         "s": BASE.replace("cht=lc", "cht=s")}


def shortened(value):
    """Every way to leave sub-fields of ``value`` out or empty: each block cut after each field, each
    field emptied, and the empty value."""
    out = {"", ",", ",,", ",,,,"} | ({"|", "||"} if "|" in value else set())
    blocks = value.split("|")
    for b, block in enumerate(blocks):
        fields = block.split(",")
        for n in range(len(fields)):
            out.add("|".join(blocks[:b] + [",".join(fields[:n])] + blocks[b + 1:]))
            emptied = fields[:n] + [""] + fields[n + 1:]
            out.add("|".join(blocks[:b] + [",".join(emptied)] + blocks[b + 1:]))
    return sorted(out)


CASES = [(cht, f"{base}&chxt=x,y&{name}={value}" if name.startswith("chx") and name != "chxt" else f"{base}&{name}={value}")
         for cht, base in BASES.items() for name, full in FULL.items() for value in shortened(full)]


def test_the_sweep_covers_every_parameter_with_sub_fields():
    assert len(CASES) > 800
    assert {name for name in FULL} <= {q.rsplit("&", 1)[1].split("=")[0] for _, q in CASES}


@pytest.mark.parametrize("cht", sorted(BASES))
def test_no_short_or_empty_sub_field_is_a_400(cht):
    refused = []
    for _, query in (case for case in CASES if case[0] == cht):
        try:
            resolve(query, SETTINGS)
        except SpecError as error:
            refused.append(f"{query}: {error}")
    assert refused == []


REAL = [  # shapes seen in pages that carried Google chart URLs
    ("chma", "cht=lc&chs=300x150&chd=t:1,5,3&chma=10,10", "missing margins take dyngraph's default"),
    ("chma", "cht=bvg&chs=300x150&chd=t:1,5,3&chma=,,30,", "missing margins"),
    ("chdlp", "cht=lc&chs=300x150&chd=t:1,5,3&chdl=Sales&chdlp=", "1 legend names, at the right"),
    ("chts", "cht=lc&chs=300x150&chd=t:1,5,3&chtt=Hi&chts=,,", "title colour"),
    ("chxr", "cht=lc&chs=300x150&chd=t:1,5,3&chxt=y&chxr=0,,50", "a missing start or end is Google's 0 or 100"),
    ("chxr", "cht=lc&chs=300x150&chd=t:1,5,3&chxt=y&chxr=,0,50", "no axis index, skipped"),
    ("chxs", "cht=lc&chs=300x150&chd=t:1,5,3&chxt=y&chxs=,ff0000", "no axis index, skipped"),
    ("chxtc", "cht=lc&chs=300x150&chd=t:1,5,3&chxt=y&chxtc=0", "no axis index or no length, skipped"),
    ("chm", "cht=lc&chs=300x150&chd=t:1,5,3&chm=o,ff0000", "missing fields take defaults"),
    ("chm", "cht=lc&chs=300x150&chd=t:1,5,3&chm=h,,0,,", "missing fields take defaults"),
    ("chf", "cht=lc&chs=300x150&chd=t:1,5,3&chf=bg,s", "no target or no colour, skipped"),
    ("chf", "cht=lc&chs=300x150&chd=t:1,5,3&chf=c,lg,,ffffff,0,cccccc", "empty or incomplete fields skipped"),
    ("chco", "cht=lc&chs=300x150&chd=t:1,5,3|2,3,4&chco=,00ff00", "series 0: no colour, Google's default"),
    ("chds", "cht=lc&chs=300x150&chd=t:1,5,3&chds=0", "0..100"),
    ("chxp", "cht=lc&chs=300x150&chd=t:1,5,3&chxt=x&chxp=0,10,,90", "empty positions skipped"),
    ("chxl", "cht=lc&chs=300x150&chd=t:1,5,3&chxt=x&chxl=|a|b|c", "have no axis index: axis 0's"),
    ("chld", "cht=qr&chs=150x150&chl=hi&chld=|", "error correction L, margin 4 modules"),
    ("chl", "cht=p&chs=300x150&chd=t:1,5,3&chl=One|Two", "2 names for 3 slices: the others unnamed"),
    ("chdl", "cht=p3&chs=300x150&chd=t:1,5,3&chdl=|B", "2 names for 3 slices: the others unnamed"),
    ("choe", "cht=qr&chs=150x150&chl=hi&choe=", "chl: 2 characters to encode"),
]


@pytest.mark.parametrize(("param", "query", "reported"), REAL, ids=[f"{p}-{n}" for n, (p, _, _) in enumerate(REAL)])
def test_a_short_field_is_drawn_and_reported(param, query, reported):
    resolved = resolve_chart(query, SETTINGS)
    spec = resolved.spec
    if spec.type != "qr":
        image = render(spec)
        assert image.size == (spec.width, spec.height)
    report = resolve_chart(query + "&chof=validate", SETTINGS).report
    assert "result: OK" in report
    assert reported in report


def test_short_margins_take_the_default_padding_for_the_missing_sides():
    spec = resolve("cht=lc&chs=300x150&chd=t:1,5,3&chma=10,20", SETTINGS)
    assert spec.margins == (10, 20, 8, 8)


def test_a_missing_axis_range_end_is_googles_100():
    spec = resolve("cht=lc&chs=300x150&chd=t:1,5,3&chxt=y&chxr=0,20", SETTINGS)
    assert spec.axisranges == ((0, 20.0, 100.0, None),)


def test_garbage_is_still_a_400_naming_the_parameter():
    with pytest.raises(SpecError, match="^chxr: must be <axis>"):
        resolve("cht=lc&chs=300x150&chd=t:1&chxt=y&chxr=x,0,50", SETTINGS)
    with pytest.raises(SpecError, match="^chdlp: must be one of"):
        resolve("cht=lc&chs=300x150&chd=t:1&chdl=a&chdlp=zz", SETTINGS)
