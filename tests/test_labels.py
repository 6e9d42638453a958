"""Labels that never collide: long words broken inside before an ellipsis; value labels on bars with room."""

import pytest

from dyngraph import fonts
from dyngraph.linebreak import lines
from dyngraph.render import layout
from dyngraph.spec import make

LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitän"


def _measure(counter=None):
    """A measure of the chart's own face at 12 px, counting its calls."""
    path = fonts.primary()

    def measure(text):
        if counter is not None:
            counter.append(text)
        return fonts.width(text, 12, path)

    return measure


def _fit(width):
    return lambda line: fonts.fit(line, 12, width, fonts.primary())


def _overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _no_two_overlap(texts):
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            assert not _overlap(a["box"], b["box"]), (a, b)


@pytest.mark.parametrize("share", [0.56, 0.7, 0.9])
def test_a_single_long_word_is_broken_with_a_hyphen_where_two_lines_hold_it(share):
    measure = _measure()
    width = round(measure(LONG_WORD) * share)  # too narrow for one line, wide enough for two
    first, second = lines(LONG_WORD, measure, width, 2, _fit(width))
    assert first.endswith("-") and first[-2].isalpha() and second[0].isalpha()
    assert first[:-1] + second == LONG_WORD  # all of it, no ellipsis
    assert measure(first) <= width and measure(second) <= width


def test_a_url_breaks_after_a_slash_or_dot_without_a_hyphen():
    url = "support.example.com/tickets/open_items"
    measure = _measure()
    first, second = lines(url, measure, 150, 2, _fit(150))
    assert first + second == url
    assert first[-1] in "/._" and measure(first) <= 150 and measure(second) <= 150


def test_a_cjk_run_breaks_between_characters_without_a_hyphen():
    text = "季度报告销售利润成本季度报告"
    measure = _measure()
    if fonts.missing(text, fonts.primary()):
        pytest.skip("no CJK font on this host (fonts-noto-cjk)")
    first, second = lines(text, measure, 110, 2, _fit(110))
    assert first + second == text and "-" not in first
    assert measure(first) <= 110 and measure(second) <= 110


def test_a_long_word_after_a_short_one_starts_on_the_same_line():
    text = "Der " + LONG_WORD
    measure = _measure()
    first, second = lines(text, measure, 180, 2, _fit(180))
    assert first.startswith("Der ") and len(first) > len("Der ") + 3
    assert (first[:-1] + second).replace(" ", "") == text.replace(" ", "")


def test_text_too_long_for_two_lines_ends_in_an_ellipsis_on_the_second():
    measure = _measure()
    first, second = lines(LONG_WORD * 3, measure, 120, 2, _fit(120))
    assert first.endswith("-") and second.endswith(fonts.ELLIPSIS)
    assert measure(first) <= 120 and measure(second) <= 120


def test_a_number_is_never_hyphenated():
    measure = _measure()
    first, _ = lines("12345678901234567890", measure, 60, 2, _fit(60))
    assert "-" not in first


def test_breaking_a_word_takes_a_bounded_number_of_measurements():
    calls = []
    word = "x" * 200  # longer than any label may be (max_label_length 100, titles 200)
    lines(word, _measure(calls), 100, 2, lambda line: line)
    assert len(calls) <= 2 + 2 * 9  # two tries, then a binary search over 200 prefixes (8 steps) and a hyphen


def test_a_title_of_one_long_word_wraps_onto_two_lines_without_an_ellipsis():
    title = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrente"
    data = layout(make(type="bar", data=[[1, 2]], title=title, width=300, height=200))
    rows = [t for t in data["texts"] if t["role"] == "title"]
    assert len(rows) == 2 and rows[0]["text"].endswith("-")
    assert rows[0]["text"][:-1] + rows[1]["text"] == title
    assert all(0 <= t["box"][0] and t["box"][2] <= 300 for t in rows)
    _no_two_overlap(data["texts"])


def test_long_single_word_category_labels_wrap_within_their_slots():
    labels = ["Kundendienstmitarbeiter", "example.com/tickets", "Other"]
    data = layout(make(type="bar", data=[[3, 5, 2]], labels=labels, width=300, height=220))
    ticks = [t for t in data["texts"] if t["role"] == "xtick"]
    shown = [t["text"] for t in ticks]
    assert not any(fonts.ELLIPSIS in t for t in shown)
    assert "".join(shown).replace("-", "") == "".join(labels).replace("-", "")  # every glyph drawn
    slot = (data["plot"]["right"] - data["plot"]["left"]) / 3
    assert all(t["box"][2] - t["box"][0] <= slot for t in ticks)
    _no_two_overlap(data["texts"])


def test_a_hyphenated_break_carries_at_least_three_letters_over():
    measure = _measure()
    width = round(measure("Escalatio-")) + 1  # the longest prefix that fits would leave "ns"
    first, second = lines("Escalations", measure, width, 2, _fit(width))
    assert first.endswith("-") and len(second) >= 3 and first[:-1] + second == "Escalations"


# --- value labels on bars --------------------------------------------------------

VALUE_LABEL_CASES = {  # every way value labels on bars are asked for, hard layouts among them
    "grouped": "type=bar&data=30,-12,55,100|20,40,-35,80|90,5,6,7&legend=A|B|C&legendpos=right&width=300&height=200"
               "&marks=N,000000,0,-1,11|N,000000,1,-1,11|N,000000,2,-1,11",
    "hbar-negative": "type=hbar&data=30,-120,55,1000&labels=a|b|c|d&marks=N*f2*,000000,0,-1,11&width=300&height=200",
    "fixed-range": "type=bar&data=30,-12,55,100&marks=N,ffffff,0,-1,11&min=-12&max=100&width=300&height=200",
    "hbar-fixed": "type=hbar&data=30,-12,55,100&marks=N,000000,0,-1,11&min=-12&max=100&width=300&height=200",
    "stacked": "type=bar&stacked=1&data=30,12,55,100|20,4,35,80|10,5,6,7&width=300&height=200"
               "&marks=N,000000,0,-1,11|N,000000,1,-1,11|N,000000,2,-1,11",
    "stacked-mixed": "type=hbar&stacked=1&data=30,-12,55,100|-20,40,-35,80&width=300&height=200"
                     "&marks=N,000000,0,-1,11|N,000000,1,-1,11",
    "many": "type=bar&data=" + ",".join(str(1000 + 37 * i % 900) for i in range(60)) + "&marks=N,000000,0,-1,11"
            "&width=400&height=200",
    "time": "type=bar&start=2026-01-01&step=1d&data=5,8,-3,12,7,9,4|2,3,4,5,1,2,8&width=360&height=200"
            "&marks=N,000000,0,-1,11|N,000000,1,-1,11",
    "google-bvg": "cht=bvg&chs=300x200&chd=t:30,-40,55,100|20,10,60,90&chds=-50,100&chm=N,000000,0,-1,11|N,000000,1,-1,11",
    "google-bhs": "cht=bhs&chs=300x200&chd=t:30,40,55,100|10,20,30,5&chm=N,000000,0,-1,11|N,ff0000,1,-1,11",
    "google-bhg-negative": "cht=bhg&chs=300x200&chd=t:30,-40,55,-100&chds=-100,100&chm=N,000000,0,-1,12&chxt=x,y",
    "quickchart": "c=" + "{type:'bar',data:{labels:['a','b','c'],datasets:[{data:[3,-4,5]},{data:[6,2,-1]}]},"
                  "options:{plugins:{datalabels:{color:'black'}}}}".replace(" ", ""),
}


def _resolved(query):
    from dyngraph.settings import Settings
    from dyngraph.sources import resolve

    return resolve(query, Settings())


def _bar_boxes(data):
    return [box for series in data["series"] for box in series.get("boxes", ()) if box]


@pytest.mark.parametrize("name", sorted(VALUE_LABEL_CASES))
def test_value_labels_never_meet_other_text_and_stay_in_the_plot(name):
    data = layout(_resolved(VALUE_LABEL_CASES[name]))
    values = [t for t in data["texts"] if t["role"] == "value"]
    assert values  # some are drawn in each case
    _no_two_overlap(data["texts"])
    plot = data["plot"]
    for t in values:
        left, top, right, bottom = t["box"]
        assert plot["left"] <= left and right <= plot["right"] and plot["top"] <= top and bottom <= plot["bottom"], t


def _inside(box, bar):
    return bar[0] - 1 <= box[0] and box[2] <= bar[2] + 1 and bar[1] - 1 <= box[1] and box[3] <= bar[3] + 1


@pytest.mark.parametrize("name", ["grouped", "hbar-negative", "fixed-range", "hbar-fixed", "stacked",
                                  "stacked-mixed", "many", "google-bvg", "google-bhg-negative", "quickchart"])
def test_a_value_label_is_inside_one_bar_or_over_none(name):
    data = layout(_resolved(VALUE_LABEL_CASES[name]))
    bars = _bar_boxes(data)
    assert bars
    for t in (t for t in data["texts"] if t["role"] == "value"):
        holders = [b for b in bars if _inside(t["box"], b)]
        if not holders:  # beyond a bar's end: over no bar at all, not even its edge
            assert not any(_overlap(t["box"], [b[0] + 0.5, b[1] + 0.5, b[2] - 0.5, b[3] - 0.5]) for b in bars), t


@pytest.mark.parametrize("name", ["grouped", "hbar-negative", "google-bhg-negative", "quickchart", "time"])
def test_labels_of_negative_bars_lie_beyond_the_negative_end(name):
    fixed = name.startswith("google")  # chds=-100,100: the axis ends at the -100 bar's end
    spec = _resolved(VALUE_LABEL_CASES[name])
    data = layout(spec)
    horizontal = spec.type == "hbar"
    values = [t for t in data["texts"] if t["role"] == "value"]
    negatives = [t for t in values if t["text"].startswith(("-", "\u2212"))]
    assert negatives
    for t in negatives:
        left, top, right, bottom = t["box"]
        middle = (top + bottom) / 2 if horizontal else (left + right) / 2
        own = [b for b in _bar_boxes(data) if (b[1] <= middle <= b[3] if horizontal else b[0] <= middle <= b[2])]
        if not own:  # time bars report their boxes only on image maps' request; the zero line then
            continue
        bar = min(own, key=lambda b: b[0] if horizontal else -b[3])  # the one reaching furthest down/left
        if fixed and _inside(t["box"], bar):  # the range ends at the bar's end: inside it, readable
            continue
        if horizontal:
            assert right <= bar[0], (t, bar)
        else:
            assert top >= bar[3], (t, bar)


@pytest.mark.parametrize("name", ["fixed-range", "hbar-fixed", "stacked", "stacked-mixed", "google-bhs"])
def test_labels_inside_bars_read_on_them(name):
    from dyngraph import theme
    from dyngraph.colour import contrast
    from dyngraph.render import render

    spec = _resolved(VALUE_LABEL_CASES[name])
    data = layout(spec)
    image = render(spec).convert("RGB")
    bars = _bar_boxes(data)
    inside = [(t, b) for t in data["texts"] if t["role"] == "value" for b in bars if _inside(t["box"], b)]
    assert inside
    for t, bar in inside:
        left, top, right, bottom = t["box"]
        pixels = [image.getpixel((x, y)) for x in range(left, right) for y in range(top, bottom)]
        ground = max(set(pixels), key=pixels.count)  # the bar, around the glyphs
        ink = max(pixels, key=lambda c: contrast(c, ground))
        assert contrast(ink, ground) >= theme.TEXT_CONTRAST, (t, ground, ink)


def test_a_stacked_segment_too_thin_for_its_label_leaves_it_out_and_says_so(graph):
    query = VALUE_LABEL_CASES["stacked"]
    data = layout(_resolved(query))
    shown = sorted(t["text"] for t in data["texts"] if t["role"] == "value")
    assert len(shown) < 12 and "4" not in shown  # the 4 of a 4-unit segment in a 300-unit axis: no room
    assert any("value label" in note for note in data["notes"])
    response = graph.get("/?" + query + "&format=png")
    assert "value labels not drawn" in response.headers["X-Dyngraph-Unsupported"]


def test_a_chart_whose_labels_all_fit_has_no_notes():
    data = layout(_resolved("type=bar&data=3,5,2&marks=N,000000,0,-1,11&width=300&height=200"))
    assert len([t for t in data["texts"] if t["role"] == "value"]) == 3 and "notes" not in data


@pytest.mark.parametrize("query", [VALUE_LABEL_CASES["grouped"], VALUE_LABEL_CASES["hbar-negative"],
                                   "type=bar&data=30,-12,55,100&marks=N,ffffff,0,-1,11&width=300&height=200",
                                   "type=bar&data=30,-12,55,100&marks=N,ffffff,0,-1,11&width=300&height=200"
                                   "&background=202020"])
def test_every_value_label_reads_where_it_is_drawn(query):
    """Measured on the pixels: the ink of each label against the colour around it, 4.5:1 (white labels the
    user asked for go inside the bars, where white reads; beside a bar they take a readable ink)."""
    from dyngraph import theme
    from dyngraph.colour import contrast
    from dyngraph.render import render

    spec = _resolved(query)
    data = layout(spec)
    image = render(spec).convert("RGB")
    for t in (t for t in data["texts"] if t["role"] == "value"):
        left, top, right, bottom = t["box"]
        pixels = [image.getpixel((x, y)) for x in range(left, right) for y in range(top, bottom)]
        ground = max(set(pixels), key=pixels.count)
        assert contrast(max(pixels, key=lambda c: contrast(c, ground)), ground) >= theme.TEXT_CONTRAST, t


def test_hbar_rows_tall_enough_take_a_long_label_on_two_lines():
    labels = ["Customer service and field support", "Donaudampfschifffahrtsgesellschaft", "Other"]
    data = layout(make(type="hbar", data=[[3, 5, 2]], labels=labels, width=300, height=200))
    ticks = [t for t in data["texts"] if t["role"] == "ytick"]
    assert not any(fonts.ELLIPSIS in t["text"] for t in ticks)
    assert " ".join(t["text"] for t in ticks).replace("- ", "") == " ".join(labels)  # all of each, in order
    assert all(t["box"][2] <= data["plot"]["left"] for t in ticks)
    _no_two_overlap(data["texts"])


def test_hbar_rows_too_short_for_two_lines_keep_one():
    labels = [f"Customer service region {i}" for i in range(12)]
    data = layout(make(type="hbar", data=[list(range(1, 13))], labels=labels, width=300, height=200))
    ticks = [t for t in data["texts"] if t["role"] == "ytick"]
    assert len(ticks) <= 12
    _no_two_overlap(data["texts"])


@pytest.mark.parametrize("query", [
    "type=line&data=" + ",".join(str(100 + i * 13 % 50) for i in range(60)) + "&marks=N,000000,0,-1,10"
    "&width=400&height=200&title=Daily",
    "type=radar&data=" + ",".join(str(50 + i * 7 % 40) for i in range(36)) + "&marks=N,000000,0,-1,10&width=240&height=240",
    "cht=lc&chs=200x100&chd=t:0,100,0,100,0,100,0,100,0,100,0,100,0,100,0,100&chm=N,ff0000,0,-1,12&chma=0,0,0,0",
])
def test_value_labels_on_points_never_overprint_and_stay_in_the_image(query):
    data = layout(_resolved(query))
    values = [t for t in data["texts"] if t["role"] == "value"]
    assert values
    _no_two_overlap(data["texts"])
    assert all(0 <= t["box"][0] and t["box"][2] <= data["width"] and 0 <= t["box"][1] and t["box"][3] <= data["height"]
               for t in values)
