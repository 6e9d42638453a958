"""QuickChart URLs through get_graph's WSGI app: dispatch, sizes, colours, headers, validate, errors."""

from urllib.parse import quote

import pytest

from conftest import decode
from dyngraph.errors import SpecError
from dyngraph.quickchart import mapping
from dyngraph.settings import Settings
from dyngraph.sources import resolve, resolve_chart

IMG = {"Accept": "image/avif,image/webp,image/png,image/*;q=0.8"}
BAR = "{type:'bar',data:{labels:['Q1','Q2','Q3','Q4'],datasets:[{label:'Users',data:[50,60,70,180]}]}}"


def url(config, extra=""):
    return "/?c=" + quote(config) + extra


def colours_of(image):
    rgba = image.convert("RGBA")
    return {c[:3] for _, c in rgba.getcolors(rgba.width * rgba.height) if c[3] == 255}


def test_c_selects_quickchart_and_chart_is_its_long_name():
    spec = resolve("c=" + quote(BAR), Settings())
    assert spec.type == "bar" and spec.data == ((50, 60, 70, 180),) and spec.labels == ("Q1", "Q2", "Q3", "Q4")
    assert resolve("chart=" + quote(BAR), Settings()) == spec
    assert resolve("w=300&c=" + quote(BAR), Settings()).width == 300


def test_default_image_is_a_transparent_png_of_quickcharts_size(graph):
    response = graph.get(url(BAR))
    assert response.content_type == "image/png"
    image = decode(response.body)
    assert image.size == (1000, 600) and image.mode == "RGBA"  # 500 x 300 at devicePixelRatio 2
    assert image.getpixel((2, 2))[3] == 0  # QuickChart's default background is transparent


def test_bars_are_drawn_in_quickcharts_default_colour(graph):
    image = decode(graph.get(url(BAR, "&bkg=white&w=400&h=200")).body).convert("RGB")
    # Tableau10's blue 4e79a7 at 50 % over white
    expected = tuple(round((c + 255) / 2) for c in (0x4e, 0x79, 0xa7))
    found = colours_of(image)
    assert any(all(abs(a - b) <= 2 for a, b in zip(colour, expected)) for colour in found)
    assert min(image.getpixel((1, 1))) >= 250  # bkg=white (the PNG may be palette-quantized)


def test_explicit_colours_in_css_forms(graph):
    config = ("{type:'bar',data:{labels:['a','b'],datasets:[{data:[3,4],backgroundColor:'rgb(200, 10, 20)'},"
              "{data:[2,5],backgroundColor:'forestgreen'}]}}")
    image = decode(graph.get(url(config, "&bkg=%23ffffff")).body)
    found = colours_of(image)
    assert (200, 10, 20) in found and (0x22, 0x8b, 0x22) in found


def test_format_and_size_parameters(graph):
    response = graph.get(url(BAR, "&w=320&h=180&f=webp"))
    assert response.content_type == "image/webp" and decode(response.body).size == (640, 360)
    jpeg = graph.get(url(BAR, "&width=200&height=100&format=jpg&devicePixelRatio=1"))
    assert jpeg.content_type == "image/jpeg" and decode(jpeg.body).size == (200, 100)


@pytest.mark.parametrize("fmt", ["svg", "pdf"])
def test_svg_and_pdf_are_refused_naming_what_is_accepted(graph, fmt):
    response = graph.get(url(BAR, f"&f={fmt}"), status=400)
    assert response.text.startswith("f: must be png, webp or jpg") or response.text.startswith("format: must be")


def test_bad_data_is_a_400_naming_the_key_path(graph):
    config = "{type:'bar',data:{datasets:[{data:[1,2,3,'x']}]}}"
    response = graph.get(url(config), status=400)
    assert response.text == "data.datasets[0].data[3]: must be a number, got 'x'\n"
    image = graph.get(url(config), headers=IMG, status=400)
    assert image.content_type == "image/png" and decode(image.body).size == (500, 300)
    assert image.headers["X-Dyngraph-Error"].startswith("data.datasets[0].data[3]:")


def test_syntax_errors_name_c_and_the_place(graph):
    response = graph.get(url("{type:'bar', data:{datasets:[{data:[1,2}]}}"), status=400)
    assert response.text.startswith("c: not a Chart.js config: expected ',' or ']' in an array at line 1, column")


def test_functions_are_never_run_and_are_reported(graph):
    config = ("{type:'bar',data:{labels:['a','b'],datasets:[{data:[1,2],"
              "backgroundColor:getGradientFillHelper('vertical',['red','blue'])}]},"
              "options:{scales:{yAxes:[{ticks:{callback:(v) => v + '%'}}]}}}")
    response = graph.get(url(config, "&bkg=white"))
    header = response.headers["X-Dyngraph-Unsupported"]
    assert "data.datasets[0].backgroundColor (not supported: a call" in header
    assert "options.scales.yAxes[0].ticks.callback (not supported: an arrow function, never run" in header
    expected = tuple(round((c + 255) / 2) for c in (0x4e, 0x79, 0xa7))  # the default colour instead
    assert any(all(abs(a - b) <= 2 for a, b in zip(c, expected)) for c in colours_of(decode(response.body)))


def test_every_key_not_read_is_listed():
    config = "{type:'bar',data:{datasets:[{data:[1],barPercentage:0.5}]},options:{layout:{padding:5}}}"
    chart = resolve_chart("c=" + quote(config), Settings())
    header = dict(chart.headers)["X-Dyngraph-Unsupported"]
    assert "data.datasets[0].barPercentage (not supported: not drawn)" in header
    assert "options.layout.padding (not supported: not drawn)" in header


def test_validate_returns_how_each_key_was_read(graph):
    config = "{type:'line',data:{labels:['a','b'],datasets:[{label:'x',data:[1,2]}]},options:{title:{text:'T'}}}"
    response = graph.get(url(config, "&dyngraph=validate"))
    assert response.content_type == "text/plain" and response.headers["X-Content-Type-Options"] == "nosniff"
    text = response.text
    assert "[ok] type: native line" in text
    assert "[ok] data.datasets[0].data: drawn as given" in text and "[ok] data.labels: drawn as given" in text
    assert "[ignored] options.title.display: the title is drawn only with display: true" in text
    assert "result: OK" in text and "type=line" in text


def test_validate_reports_errors_instead_of_failing(graph):
    response = graph.get(url("{type:'bar',data:{datasets:[{data:[1,true]}]}}", "&dyngraph=validate"))
    assert response.status_int == 200
    assert "result: error (HTTP 400): data.datasets[0].data[1]: must be a number, got true" in response.text


@pytest.mark.parametrize(("chart_type", "native"), [("bar", "bar"), ("horizontalBar", "hbar"), ("line", "line"),
                                                    ("pie", "pie"), ("doughnut", "donut"), ("sparkline", "sparkline")])
def test_chart_types_map_onto_native_types(chart_type, native):
    config = "{type:'%s',data:{labels:['a','b','c'],datasets:[{data:[3,1,2]}]}}" % chart_type
    assert resolve("c=" + quote(config), Settings()).type == native


def test_v3_index_axis_y_is_horizontal_and_v3_title_is_read():
    config = ("{type:'bar',data:{labels:['a','b'],datasets:[{data:[3,1]}]},options:{indexAxis:'y',"
              "plugins:{title:{display:true,text:'Hi'},legend:{display:false}}}}")
    spec = resolve("v=3&c=" + quote(config), Settings())
    assert spec.type == "hbar" and spec.title == "Hi"


def test_line_charts_fill_under_in_chartjs2_and_not_in_3():
    config = "{type:'line',data:{labels:['a','b'],datasets:[{data:[3,1]}]}}"
    v2 = resolve("c=" + quote(config), Settings())
    v3 = resolve("v=3&c=" + quote(config), Settings())
    assert [m[0] for m in v2.marks].count("B") == 1 and [m[0] for m in v3.marks].count("B") == 0


def test_mixed_bar_and_line_draws_the_line_over_the_bars():
    config = "{type:'bar',data:{labels:['a','b'],datasets:[{type:'line',label:'L',data:[1,2]},{label:'B',data:[3,4]}]}}"
    spec = resolve("c=" + quote(config), Settings())
    assert spec.type == "bar" and spec.data == ((3, 4), (1, 2)) and spec.hidden == 1
    assert ("D", "f28e2b", 1) == spec.marks[0][:3]


def test_stacked_scales_stack_bars():
    config = ("{type:'bar',data:{labels:['a'],datasets:[{data:[3]},{data:[4]}]},"
              "options:{scales:{xAxes:[{stacked:true}],yAxes:[{stacked:true}]}}}")
    assert resolve("c=" + quote(config), Settings()).stacked


def test_datalabels_become_value_marks():
    config = "{type:'bar',data:{labels:['a'],datasets:[{data:[3]}]},options:{plugins:{datalabels:{color:'red'}}}}"
    spec = resolve("c=" + quote(config), Settings())
    assert spec.marks == (("N", "ff0000", 0, "-1", 11.0),)


def test_unknown_chart_type_names_type():
    with pytest.raises(SpecError, match="^type: must be one of bar"):
        resolve("c=" + quote("{type:'sankey',data:{datasets:[{data:[1]}]}}"), Settings())


def test_base64_encoding():
    import base64

    encoded = base64.b64encode(BAR.encode()).decode()
    assert resolve("encoding=base64&c=" + quote(encoded), Settings()) == resolve("c=" + quote(BAR), Settings())


def test_default_palette_is_quickcharts_tableau10():
    assert mapping.TABLEAU10[:3] == ("4e79a7", "f28e2b", "e15759")


def test_device_pixel_ratio_scales_the_image(graph):
    default = decode(graph.get(url(BAR, "&w=300&h=200")).body)
    assert default.size == (600, 400)  # QuickChart's default ratio is 2
    assert decode(graph.get(url(BAR, "&w=300&h=200&devicePixelRatio=1")).body).size == (300, 200)
    assert decode(graph.get(url(BAR, "&w=300&h=200&devicePixelRatio=3")).body).size == (900, 600)


def test_a_ratio_beyond_the_limits_draws_at_the_largest_that_fits(graph):
    response = graph.get(url(BAR, "&w=900&h=500&devicePixelRatio=2"))  # 1800x1000 is over 1,000,000 pixels
    assert decode(response.body).size == (900, 500)
    assert "devicePixelRatio (partial: 2 drawn at 1 (the largest that fits" in response.headers["X-Dyngraph-Unsupported"]


@pytest.mark.parametrize(("scales", "axes"), [
    ("xAxes:[{display:false}]", "y"), ("yAxes:[{display:false}]", "x"),
    ("xAxes:[{display:false}],yAxes:[{ticks:{display:false}}]", "none"), ("x:{display:false}", "y")])
def test_hidden_axes_map_onto_native_sides(scales, axes):
    for chart_type in ("bar", "horizontalBar", "line"):
        config = "{type:'%s',data:{labels:['a','b'],datasets:[{data:[1,2]}]},options:{scales:{%s}}}" % (
            chart_type, scales)
        assert resolve("c=" + quote(config), Settings()).axes == axes


def test_tick_and_legend_colours_for_dark_backgrounds():
    config = ("{type:'line',data:{labels:['a','b'],datasets:[{label:'L',data:[1,2]}]},options:{legend:{labels:"
              "{fontColor:'white',fontSize:16}},scales:{xAxes:[{ticks:{fontColor:'#ff0000'}}],"
              "yAxes:[{ticks:{fontColor:'rgb(0,255,0)',fontSize:18}}]}}}")
    spec = resolve("bkg=black&c=" + quote(config), Settings())
    assert (spec.legendcolor, spec.legendsize) == ("ffffff", 16)
    assert spec.axes == "x,y"
    assert [style[:3] for style in spec.axisstyles] == [(0, "ff0000", 0.0), (1, "00ff00", 18.0)]


def test_pies_show_values_as_quickcharts_datalabels_do():
    from dyngraph.render import layout

    config = "{type:'pie',data:{labels:['a','b'],datasets:[{data:[30,90]}]}}"
    spec = resolve("w=300&h=200&devicePixelRatio=1&c=" + quote(config), Settings())
    assert spec.slicelabels == "value"
    assert {t["text"] for t in layout(spec)["texts"] if t["role"] == "label"} == {"30", "90"}
    hidden = "{type:'pie',data:{datasets:[{data:[30,90]}]},options:{plugins:{datalabels:{display:false}}}}"
    spec = resolve("c=" + quote(hidden), Settings())
    assert spec.slicelabels == "none" and not [t for t in layout(spec)["texts"] if t["role"] == "label"]


def test_native_slice_labels_default_to_percentages_and_round_trip():
    from dyngraph.render import layout
    from dyngraph.spec import make, parse, to_query

    spec = make(type="donut", data=[[1, 3]], width=300, height=200)
    assert {t["text"] for t in layout(spec)["texts"] if t["role"] == "label"} == {"25%", "75%"}
    valued = make(type="pie", data=[[1, 3]], slicelabels="value")
    assert parse(to_query(valued)) == valued and "slicelabels=value" in to_query(valued)


def test_per_bar_colour_arrays_with_non_colours_take_the_arrays_first_colour():
    config = ("{type:'bar',data:{labels:['a','b','c'],datasets:[{data:[1,2,3],backgroundColor:['red',1,null]},"
              "{data:[3,2,1],backgroundColor:'blue'}]}}")
    spec = resolve("c=" + quote(config), Settings())
    assert spec.pointcolors == (("ff0000", "ff0000", "ff0000"), ("0000ff",)) and spec.colors == ("ff0000", "0000ff")


def test_pipes_and_backslashes_in_labels_stay_in_their_label():
    config = ("{type:'bar',data:{labels:['a|b','c\\\\d'],datasets:[{label:'x|y',data:[1,2]}]},"
              "options:{title:{display:true,text:'T|U'}}}")
    spec = resolve("c=" + quote(config), Settings())
    assert spec.labels == ("a|b", "c\\d") and spec.legend == ("x|y",) and spec.title == "T\u00a6U"


def test_pies_with_fewer_labels_than_slices_draw_every_slice():
    config = "{type:'pie',data:{labels:['a','b'],datasets:[{data:[1,2,3,4]},{data:[5,6]}]}}"
    spec = resolve("c=" + quote(config), Settings())
    assert spec.data == ((1, 2, 3, 4), (5, 6)) and spec.labels == ("a", "b", "", "", "", "")
