"""Google parameters onto the native ChartSpec, and the traps real URLs contain."""

import pytest

from dyngraph.errors import Forbidden, SpecError
from dyngraph.limits import Limits
from dyngraph.settings import Settings
from dyngraph.sources import resolve, resolve_chart
from dyngraph.spec import parse, to_query

SETTINGS = Settings()


def spec_of(query, settings=SETTINGS):
    return resolve(query, settings)


def notes_of(query):
    """How each Google parameter of ``query`` was read (mapping Notes)."""
    from dyngraph.google import mapping, params

    return mapping.map_query(params.split(query, SETTINGS.limits), SETTINGS.limits).notes


def unsupported(query):
    return dict(resolve_chart(query, SETTINGS).headers).get("X-Dyngraph-Unsupported", "")


@pytest.mark.parametrize(
    ("cht", "native", "stacked"),
    [("lc", "line", False), ("lc:nda", "line", False), ("ls", "sparkline", False), ("bvs", "bar", True),
     ("bvg", "bar", False), ("bhs", "hbar", True), ("bhg", "hbar", False), ("bvo", "bar", True),
     ("p", "pie", False), ("p3", "pie", False), ("pc", "pie", False)],
)
def test_chart_types_map_to_native_types(cht, native, stacked):
    spec = spec_of(f"cht={cht}&chs=200x100&chd=t:10,20,30")
    assert (spec.type, spec.stacked, spec.format, spec.width, spec.height) == (native, stacked, "png", 200, 100)


def test_canonical_query_round_trips_so_the_etag_covers_what_is_drawn():
    spec = spec_of("cht=bvg&chs=300x200&chd=t:5,5,5|10,10,10&chco=4d89f9,c6d9fd&chtt=Hi&chdl=A|B&chf=bg,s,eeeeee")
    assert parse(to_query(spec)) == spec
    assert spec.legend == ("A", "B") and spec.background == "eeeeee" and spec.title == "Hi"


def test_text_data_keeps_google_default_range():
    spec = spec_of("cht=lc&chs=200x100&chd=t:_,30,-30,50,80,200")
    assert spec.data == ((None, 30.0, None, 50.0, 80.0, 100.0),)
    assert (spec.min, spec.max) == (0, 100)


def test_custom_scaling_keeps_the_bar_zero_line():
    spec = spec_of("cht=bvg&chs=200x100&chd=t:-50,0,50&chds=-50,50")
    assert spec.data == ((-50.0, 0.0, 50.0),) and (spec.min, spec.max) == (-50, 50)


def test_value_axis_range_from_chxr_when_data_starts_at_zero():
    spec = spec_of("cht=bvs&chs=200x100&chd=t:10,50|50,60&chds=0,160&chxt=y&chxr=0,0,160")
    assert (spec.min, spec.max) == (0, 160) and spec.data == ((10.0, 50.0), (50.0, 60.0))


def test_per_series_ranges_are_rescaled_onto_the_first():
    spec = spec_of("cht=lc&chs=200x100&chd=t:0,100|0,1000&chds=0,100,0,1000")
    assert spec.data == ((0.0, 100.0), (0.0, 100.0))


def test_colours_cycle_like_google_and_default_to_one_colour():
    assert spec_of("cht=lc&chs=200x100&chd=t:1|2|3&chco=ff0000,0000ff").colors == ("ff0000", "0000ff", "ff0000")
    assert len(set(spec_of("cht=lc&chs=200x100&chd=t:1|2").colors)) == 1


def test_pie_colours_per_slice_and_interpolated():
    assert spec_of("cht=p&chs=200x100&chd=t:1,2,3&chco=ff0000|00ff00|0000ff").colors == ("ff0000", "00ff00", "0000ff")
    colours = spec_of("cht=p&chs=200x100&chd=t:1,2,3&chco=000000,ffffff").colors
    assert colours == ("000000", "808080", "ffffff")


def test_per_bar_and_per_segment_colours_are_drawn_on_bars_lines_sparklines_and_lxy():
    spec = spec_of("cht=bvg&chs=200x100&chd=t:1,2|3,4&chco=ff0000|00ff00")
    assert spec.pointcolors == (("ff0000", "00ff00"), ("ff0000", "00ff00")) and spec.colors == ("ff0000", "ff0000")
    assert "chco" not in unsupported("cht=bvg&chs=200x100&chd=t:1,2&chco=ff0000|00ff00")
    assert "chco" not in unsupported("cht=lc&chs=200x100&chd=t:1,2&chco=ff0000|00ff00")
    assert spec_of("cht=lc&chs=200x100&chd=t:1,2&chco=ff0000|00ff00").pointcolors == (("ff0000", "00ff00"),)
    for query in ("cht=ls&chs=200x100&chd=t:1,2&chco=ff0000|00ff00",
                  "cht=lxy&chs=200x100&chd=t:1,2|1,2&chco=ff0000|00ff00"):
        assert "chco" not in unsupported(query)
        assert spec_of(query).pointcolors == (("ff0000", "00ff00"),)
        assert any("each segment in the colour of the point it ends at" in n.text for n in notes_of(query)
                   if n.param == "chco")


def test_chf_bar_series_fill_sets_the_series_colour():
    assert spec_of("cht=bvg&chs=200x100&chd=t:1|2&chco=ff0000,00ff00&chf=b1,s,0000ff").colors == ("ff0000", "0000ff")


def test_overlapped_bars_become_equivalent_stacked_bands():
    spec = spec_of("cht=bvo&chs=200x100&chd=t:10,50|30,20&chco=ff0000,0000ff")
    # red (10, 50) behind blue (30, 20): from the bottom, blue up to its value, then the part of red above it
    assert spec.data == ((30.0, 20.0), (0.0, 30.0))
    assert spec.colors == ("0000ff", "ff0000")


def test_axes_map_onto_native_axis_parameters():
    spec = spec_of("cht=bhs&chs=200x100&chd=t:1,2,3&chxt=y,x&chxl=0:|low|mid|high&chxr=1,0,50,10&chxs=0,ff0000,12,1,lt")
    assert spec.axes == "y,x" and spec.axislabels == ((0, ("low", "mid", "high")),)
    assert spec.axisranges == ((1, 0.0, 50.0, 10.0),) and spec.axisstyles == ((0, "ff0000", 12.0, "1", "lt", "", "", ""),)
    assert spec_of("cht=lc&chs=200x100&chd=t:1,2").axes == "none"  # Google drew no labels without chxt


def test_chxs_number_formats_tick_colours_and_chxtc_map_onto_native_axis_styles():
    spec = spec_of("cht=lc&chs=200x100&chd=t:1,2&chxt=x,y,r&chxs=1N*cUSD*,0000ff,11,0,lt,ff0000,00ff00|2N*p*"
                   "&chxtc=1,-180|0,10,5|7,3")
    assert spec.axisstyles == ((1, "0000ff", 11.0, "0", "lt", "ff0000", "00ff00", "N*cUSD*"),
                               (2, "", 0.0, "", "", "", "", "N*p*"))
    assert spec.ticklengths == ((0, (10.0, 5.0)), (1, (-180.0,)))
    assert ("chxtc", "ignored") in {(n.param, n.level) for n in notes_of("cht=lc&chs=200x100&chd=t:1&chxt=x"
                                                                         "&chxtc=3,5")}
    assert spec_of("cht=lc&chs=200x100&chd=t:1&chxt=x&chxtc=0,90").ticklengths == ((0, (25.0,)),)  # Google's cap


def test_unreadable_chxs_number_format_is_reported_not_drawn():
    notes = notes_of("cht=lc&chs=200x100&chd=t:1&chxt=y&chxs=0N*q9*,ff0000")
    assert any(n.param == "chxs" and n.level == "partial" and "N*q9*" in n.text for n in notes)
    assert spec_of("cht=lc&chs=200x100&chd=t:1&chxt=y&chxs=0N*q9*,ff0000").axisstyles[0][-1] == ""


@pytest.mark.parametrize(
    ("chdlp", "order", "column"),
    [("r", "", False), ("b", "a", False), ("t|l", "", False), ("b|r", "r", False), ("r|a", "a", False),
     ("b|2,0,9", "2,0", False), ("bv", "", True), ("tv|r", "r", True), ("l|1", "1", False)],
)
def test_chdlp_label_orders_and_vertical_layouts(chdlp, order, column):
    spec = spec_of(f"cht=lc&chs=200x100&chd=t:1|2|3&chdl=a|b|c&chdlp={chdlp}")
    assert (spec.legendorder, spec.legendcolumn) == (order, column)
    assert "chdlp" not in unsupported(f"cht=lc&chs=200x100&chd=t:1|2|3&chdl=a|b|c&chdlp={chdlp}")


def test_chdlp_bad_label_order_is_a_400_naming_chdlp():
    with pytest.raises(SpecError, match="^chdlp: label order must be l, r, a or indices"):
        spec_of("cht=lc&chs=200x100&chd=t:1|2&chdl=a|b&chdlp=b|x")


def test_lxy_with_undefined_x_is_an_evenly_spaced_line():
    spec = spec_of("cht=lxy&chs=200x100&chd=t:-1|5,33,50")
    assert spec.type == "line" and spec.data == ((5.0, 33.0, 50.0),)


def test_scatter_pairs_x_and_y_with_sizes():
    spec = spec_of("cht=s&chs=200x100&chd=t:10,20|30,40|50,100")
    assert spec.type == "scatter" and spec.data == ((10.0, 30.0, 20.0, 40.0),)
    assert spec.sizes == (50.0, 100.0) and (spec.xmin, spec.xmax, spec.min, spec.max) == (0, 100, 0, 100)


# --- traps ---------------------------------------------------------------------


def test_leading_ampersand_and_plus_as_space():
    assert spec_of("&cht=lc&chs=200x100&chd=t:1,2&chtt=Sales+2008").title == "Sales 2008"


def test_a_repeated_parameter_uses_the_last_value():
    spec = spec_of("cht=lc&chs=200x100&chd=t:1,2&chs=300x150")
    assert (spec.width, spec.height) == (300, 150)
    assert "given more than once" in resolve_chart("cht=lc&chs=200x100&chd=t:1&chs=300x150&chof=validate", SETTINGS).report


def test_percent_encoded_separators_mix_with_raw_ones():
    raw = spec_of("cht=lc&chs=200x100&chd=t:1,2|3,4&chdl=a|b")
    mixed = spec_of("cht=lc&chs=200x100&chd=t%3A1%2C2%7C3,4&chdl=a%7Cb")
    assert raw == mixed


def test_html_escaped_ampersands_are_read_as_the_browser_would():
    spec = spec_of("cht=p&amp;chs=200x100&amp;chd=t:1,2")
    assert (spec.type, spec.width) == ("pie", 200)


def test_utf8_labels():
    spec = spec_of("cht=p&chs=200x100&chd=t:1,2&chl=%E6%97%A5%E6%9C%AC|caf%C3%A9")
    assert spec.labels == ("日本", "café")


def test_invalid_utf8_is_still_refused():
    with pytest.raises(SpecError, match="chtt: must be valid UTF-8"):
        spec_of("cht=lc&chs=200x100&chd=t:1&chtt=%E0%A4")


def test_empty_sub_fields_are_tolerated():
    spec = spec_of("cht=lc&chs=200x100&chd=t:1,2&chts=,,&chtt=T")
    assert spec.title == "T"


def test_chxl_for_an_axis_not_in_chxt_is_ignored():
    spec = spec_of("cht=bvg&chs=200x100&chd=t:1,2&chxt=y&chxl=1:|a|b")
    assert spec.labels == () and spec.axislabels == () and spec.axisranges == ((0, 0.0, 100.0, None),)


def test_title_line_breaks_are_kept():
    spec = spec_of("cht=lc&chs=200x100&chd=t:1&chtt=One|Two")
    assert spec.title == "One|Two"
    assert "chtt" not in unsupported("cht=lc&chs=200x100&chd=t:1&chtt=One|Two")


def test_unknown_and_unsupported_parameters_are_reported_not_drawn():
    header = unsupported("cht=lc&chs=200x100&chd=t:1,2&chm=F,ff0000,0,-1,5&chp=1&chxyz=1")  # F: candlesticks
    assert "chm (not supported" in header and "chp (not supported" in header and "chxyz" in header


def test_native_requests_carry_no_extra_headers():
    assert resolve_chart("type=line&data=1,2", SETTINGS).headers == ()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("cht=v&chs=200x100&chd=t:1", "cht: must be one of lc,"),
        ("cht=lc&chd=t:1", "chs: required"),
        ("cht=lc&chs=200&chd=t:1", "chs: must be <width>x<height>"),
        ("cht=lc&chs=1001x100&chd=t:1", "chs: must be <width>x<height> with sides from 16 to 1000"),
        ("cht=lc&chs=1000x400&chd=t:1", "chs: 1000x400 is 400000 pixels; at most 300000"),
        ("cht=lc&chs=200x100", "chd: required"),
        ("cht=lc&chs=200x100&chd=t:1&chco=red", "chco: must be a hex colour"),
        ("cht=lc&chs=200x100&chd=t:1&chof=jpg", "chof: must be one of png, gif, validate"),
        ("cht=lc&chs=200x100&chd=t:1&chdlp=x&chdl=a", "chdlp: must be one of b, t, r, l"),
        ("cht=s&chs=200x100&chd=t:1", "chd: a scatter chart (cht=s) needs an x series and a y series"),
        ("cht=qr&chs=200x200", "chl: required for cht=qr"),
        ("cht=qr&chs=200x200&chl=x&chld=Z", "chld: error correction must be one of L, M, Q, H"),
        ("cht=qr&chs=20x20&chl=" + "x" * 200, "width: 20x20 is too small for this QR code"),
    ],
)
def test_bad_google_input_names_the_parameter(query, message):
    with pytest.raises(SpecError) as caught:
        spec_of(query)
    assert str(caught.value).startswith(message)
    assert caught.value.status == 400


def test_google_size_limits_are_configurable():
    settings = Settings(limits=Limits(google_max_side=1500, google_max_pixels=600_000))
    assert spec_of("cht=lc&chs=1200x400&chd=t:1", settings).width == 1200


def test_signed_sites_refuse_unsigned_google_urls():
    with pytest.raises(Forbidden):
        spec_of("cht=lc&chs=200x100&chd=t:1", Settings(secrets=("s3cret-s3cret-s3cret",)))


def test_a_lone_percent_sign_is_literal_as_browsers_send_it():
    spec = spec_of("cht=p3&chd=s:ZZZZ&chs=250x100&chl=25%|25%|25%|25%")
    assert spec.labels == ("25%",) * 4
    assert spec_of("cht=p&chs=200x100&chd=t:1&chl=100%25").labels == ("100%",)
