"""Property tests: the Google reader is total, and what it builds round-trips natively."""

from hypothesis import given, settings as hsettings, strategies as st

from dyngraph.errors import SpecError
from dyngraph.settings import Settings
from dyngraph.sources import resolve
from dyngraph.spec import make, parse, to_query

SETTINGS = Settings()
_types = st.sampled_from(["lc", "ls", "lxy", "bvs", "bvg", "bhs", "bhg", "bvo", "p", "p3", "pc", "s", "qr", "v"])
_numbers = st.one_of(st.integers(-20, 250).map(str), st.just("_"), st.floats(-1e3, 1e3).map(lambda f: f"{f:.3f}"))
_series = st.lists(_numbers, min_size=1, max_size=6).map(",".join)
_chd = st.one_of(
    st.lists(_series, min_size=1, max_size=4).map(lambda s: "t:" + "|".join(s)),
    st.text("ABCXYZabcxyz0189_", min_size=1, max_size=8).map(lambda s: "s:" + s),
    st.text("AZaz09-._", min_size=2, max_size=8).map(lambda s: "e:" + s),
)
_extras = st.lists(st.sampled_from([
    "chco=ff0000,00ff00", "chco=ff0000|0000ff", "chds=a", "chds=-50,150", "chtt=A+title|two", "chdl=a|b|c",
    "chdlp=b", "chl=x|y|z", "chf=bg,s,efefef|c,lg,0,ffffff,0,000000,1", "chxt=x,y", "chxl=0:|a|b|c",
    "chxr=1,0,200", "chg=20,20", "chls=3,6,3", "chm=B,ff000080,0,0,0", "chof=validate", "chld=H|2", "chs=90x60",
]), max_size=6)


@given(_types, _chd, _extras, st.text(max_size=20))
@hsettings(max_examples=300, deadline=None)
def test_google_reader_is_total_and_round_trips(cht, chd, extras, chl):
    from urllib.parse import quote

    query = "&".join([f"cht={cht}", "chs=200x120", f"chd={quote(chd, safe=':|,')}", *extras,
                      f"chl={quote(chl)}" if cht == "qr" else ""])
    try:
        spec = resolve(query, SETTINGS)
    except SpecError as error:
        assert error.param and error.status in (400, 414)
    else:
        assert parse(to_query(spec)) == spec


@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60), st.sampled_from("LMQH"),
       st.integers(0, 8))
@hsettings(max_examples=100, deadline=None)
def test_native_qr_specs_round_trip(text, level, margin):
    spec = make(type="qr", qrtext=text, qrlevel=level, qrmargin=margin, width=300, height=300)
    assert parse(to_query(spec)) == spec
    assert spec.qrtext == text
