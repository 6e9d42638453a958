"""Property tests: the QuickChart reader is total, and what it builds round-trips natively."""

from urllib.parse import quote

from hypothesis import given, settings as hsettings, strategies as st

from dyngraph.errors import SpecError
from dyngraph.settings import Settings
from dyngraph.sources import resolve
from dyngraph.spec import parse, to_query

SETTINGS = Settings()
_types = st.sampled_from(["bar", "horizontalBar", "line", "pie", "doughnut", "scatter", "radar", "sparkline",
                          "progressBar", "polarArea", "bubble", "sankey", "'bar'", "1"])
_value = st.one_of(st.integers(-50, 500).map(str), st.just("null"), st.just("'7'"), st.just("{x:1,y:2}"),
                   st.just("undefined"), st.floats(-1e3, 1e3, allow_nan=False).map(lambda f: f"{f:.3f}"),
                   st.just("'x'"), st.just("[1,2]"), st.just("v => v"))
_dataset = st.tuples(st.lists(_value, max_size=6), st.sampled_from(["", "label:'a',", "fill:false,", "type:'line',",
                                                                   "backgroundColor:['red','#0f0'],", "hidden:true,",
                                                                   "borderColor:'rgba(1,2,3,.5)',", "stack:'s',"]))
_options = st.sampled_from([
    "", "title:{display:true,text:'T'}", "legend:{display:false}", "plugins:{datalabels:{color:'white'}}",
    "scales:{yAxes:[{stacked:true,ticks:{min:0,max:100}}],xAxes:[{stacked:true}]}", "indexAxis:'y'",
    "scales:{y:{min:5,max:1}}", "scale:{ticks:{beginAtZero:true}}", "elements:{line:{fill:false}}"])
_extras = st.lists(st.sampled_from(["w=200", "h=120", "devicePixelRatio=1", "devicePixelRatio=3", "f=webp",
                                    "bkg=white", "v=3", "dyngraph=validate", "f=svg", "w=5"]), max_size=4)


@given(_types, st.lists(_dataset, max_size=3), st.lists(st.sampled_from(["'a'", "'b'", "3", "null"]), max_size=5),
       _options, _extras)
@hsettings(max_examples=300, deadline=None)
def test_quickchart_reader_is_total_and_round_trips(chart_type, datasets, labels, options, extras):
    sets = ",".join("{%sdata:[%s]}" % (extra, ",".join(values)) for values, extra in datasets)
    config = "{type:%s,data:{labels:[%s],datasets:[%s]},options:{%s}}" % (
        chart_type if chart_type[0] in "'1" else f"'{chart_type}'", ",".join(labels), sets, options)
    query = "&".join(["c=" + quote(config), *extras])
    try:
        spec = resolve(query, SETTINGS)
    except SpecError as error:
        assert error.param and error.status in (400, 414)
    else:
        assert parse(to_query(spec)) == spec


@given(st.text(max_size=300))
@hsettings(max_examples=300, deadline=None)
def test_any_config_text_is_a_spec_or_a_spec_error(text):
    try:
        resolve("c=" + quote(text), SETTINGS)
    except SpecError as error:
        assert error.status in (400, 414)
