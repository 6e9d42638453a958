"""figure(): <figure> (its implicit role groups it; HTML forbids role="group" beside a figcaption) with the description as caption, the <img>, and the data table; all escaped."""

from html.parser import HTMLParser

from dyngraph import chart, figure
from dyngraph.datatable import table
from test_page import parse_html


class _Text(HTMLParser):
    """Text inside each element of interest, in document order."""

    def __init__(self):
        super().__init__()
        self.open, self.found = [], []

    def handle_starttag(self, tag, attrs):
        self.open.append(tag)

    def handle_endtag(self, tag):
        self.open.pop()

    def handle_data(self, data):
        if self.open:
            self.found.append((self.open[-1], data))


def texts(html, tag):
    parser = _Text()
    parser.feed(html)
    return [data for name, data in parser.found if name == tag]


def test_figure_holds_caption_image_and_a_captioned_table_in_details():
    spec = chart(type="bar", data=[[5, None, 8], [7, 2, -4]], labels=["Q1", "Q2", "Q3"], legend=["2025", "2026"],
                 title="Profit")
    html = figure(spec, "/cgi-bin/get_graph.py", caption="Our year")
    tags = [tag for tag, _ in parse_html(html)]  # parse_html also checks every element is closed in order
    assert tags[:2] == ["figure", "figcaption"]
    assert "role" not in dict(parse_html(html))["figure"]  # the Nu checker refuses a role beside a figcaption
    assert tags.index("img") < tags.index("details") < tags.index("summary") < tags.index("table") < tags.index(
        "caption") < tags.index("thead")
    assert texts(html, "strong") == ["Our year"]
    assert texts(html, "figcaption") == [" Bar chart: Profit. Largest Q3 at 8 (2025), smallest Q3 at -4 (2026). "
                                         "1 missing value."]
    img = dict(parse_html(html))["img"]
    assert img["alt"] == "Bar chart: Profit" and img["src"].startswith("/cgi-bin/get_graph.py?type=bar&")
    assert texts(html, "caption") == ["Profit: the data"]
    assert texts(html, "th") == ["Label", "2025", "2026", "Q1", "Q2", "Q3"]
    assert texts(html, "td") == ["5", "7", "missing", "2", "8", "-4"]
    scopes = [attrs.get("scope") for tag, attrs in parse_html(html) if tag == "th"]
    assert scopes == ["col"] * 3 + ["row"] * 3


def test_everything_in_a_figure_is_escaped():
    evil = '"><script>alert(1)</script>'
    spec = chart(type="line", data=[[1, 2]], labels=[evil, "<b>"], legend=["<i>&"], title=evil)
    html = figure(spec, caption=evil, alt=evil)
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert texts(html, "th")[:3] == ["Label", "<i>&", evil]
    assert texts(html, "strong") == [evil]
    assert dict(parse_html(html))["img"]["alt"] == evil


def test_long_data_tables_are_cut_with_a_note():
    spec = chart(data=list(range(30)))
    html = figure(spec, max_rows=10)
    assert texts(html, "td")[-1] == "20 more rows not shown"
    assert len([tag for tag, _ in parse_html(html) if tag == "tr"]) == 1 + 10 + 1


def test_table_columns_per_chart_type():
    assert table(chart(type="scatter", data=[[1, 2, 3, 4], [5, 6]], legend=["A", "B"])) == (
        ["Point", "A x", "A y", "B x", "B y"], [["1", "1", "2", "5", "6"], ["2", "3", "4", "", ""]])
    assert table(chart(type="pie", data=[[3, 1]], labels=["a", "b"])) == (["Slice", "Value"], [["a", "3"], ["b", "1"]])
    assert table(chart(type="pie", data=[[3], [1, 2]], labels=["a", "b", ""])) == (
        ["Slice", "Ring", "Value"], [["a", "1", "3"], ["b", "2", "1"], ["Slice 3", "2", "2"]])
    assert table(chart(data=[[1.5, None]])) == (["Point", "Value"], [["1", "1.5"], ["2", ""]])
    assert table(chart(data=[[1], [2]], hidden=1)) == (["Point", "Value"], [["1", "1"]])


def test_the_gallery_shows_figures_with_data_tables(page):
    from dyngraph.spec import CHART_TYPES

    html = page.get("/").text
    figures = [attrs for tag, attrs in parse_html(html) if tag == "figure" and attrs.get("class") == "dyngraph"]
    assert len(figures) >= len(CHART_TYPES)
    assert html.count("<details><summary>Data table</summary><table>") == len(figures)
    assert "Pie chart: Where visitors come from. Direct 45%, Search 25%, Social 15%, Mail 10%, Other 5%." in html
