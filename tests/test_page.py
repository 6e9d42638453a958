"""page.py: gallery, builder form, escaping, relative URLs, valid structure."""

from html.parser import HTMLParser

from dyngraph.spec import CHART_TYPES, parse


class _Collector(HTMLParser):
    """Collect tags and attributes, and check that every opened element is closed in order."""

    VOID = {"meta", "img", "input", "br", "link", "area"}

    def __init__(self):
        super().__init__()
        self.tags, self.stack, self.errors = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)


def parse_html(text):
    collector = _Collector()
    collector.feed(text)
    assert collector.errors == [] and collector.stack == [], (collector.errors, collector.stack)
    return collector.tags


def images(text):
    return [attrs for tag, attrs in parse_html(text) if tag == "img"]


def native_images(text):
    return [img for img in images(text) if "cht=" not in img["src"]]


def test_gallery_covers_every_chart_type(page):
    response = page.get("/")
    assert response.content_type == "text/html"
    assert response.text.startswith("<!DOCTYPE html>")
    imgs = native_images(response.text)
    types = {parse(img["src"].split("?", 1)[1]).type for img in imgs}
    assert types == set(CHART_TYPES)
    for img in imgs:
        assert img["src"].startswith("get_graph.py?")  # relative: works under any prefix
        assert img["alt"]
        spec = parse(img["src"].split("?", 1)[1])
        assert (int(img["width"]), int(img["height"])) == (spec.width, spec.height)


def test_each_gallery_image_draws_at_its_declared_size(page, graph):
    from conftest import decode

    imgs = images(page.get("/").text)
    assert len(imgs) > len(native_images(page.get("/").text))  # the Google URL examples are there too
    for img in imgs:
        body = graph.get("/?" + img["src"].split("?", 1)[1].replace("&amp;", "&")).body
        assert decode(body).size == (int(img["width"]), int(img["height"]))


def test_google_examples_show_unless_signing(settings):
    import webtest

    from dyngraph.page_app import make_app

    plain = webtest.TestApp(make_app(settings)).get("/").text
    signing = webtest.TestApp(make_app(settings, secrets=("s3cret",))).get("/").text
    assert 'id="google"' in plain and "cht=qr" in plain
    assert 'id="google"' not in signing and "cht=" not in signing


def test_snippets_are_copyable_img_tags(page):
    text = page.get("/").text
    assert text.count('<textarea class="snippet"') >= len(CHART_TYPES)
    assert "&lt;img src=&quot;get_graph.py?" in text


def test_builder_shows_the_chart_and_its_snippet(page):
    response = page.get("/?type=bar&data=3,1,2&labels=a|b|c&title=Mine&width=300&height=200&format=png&legend=")
    built = [img for img in images(response.text) if img["alt"].startswith("Bar chart: Mine. ")]
    assert len(built) == 1
    spec = parse(built[0]["src"].split("?", 1)[1])
    assert (spec.type, spec.data, spec.format, spec.width) == ("bar", ((3.0, 1.0, 2.0),), "png", 300)
    assert 'value="Mine"' in response.text


def test_builder_accepts_data_typed_with_spaces(page):
    # People type "1, 2, 3" into a form; the chart URL it makes is canonical all the same.
    response = page.get("/?type=line&data=+1,+2+,3+|+4,,+5+&title=Spaced")
    built = [img for img in images(response.text) if img["alt"].startswith("Line chart: Spaced. ")]
    assert len(built) == 1 and parse(built[0]["src"].split("?", 1)[1]).data == ((1.0, 2.0, 3.0), (4.0, None, 5.0))


def test_builder_error_is_400_and_escaped(page):
    response = page.get("/?data=1,<script>&title=x", status=400)
    assert "<script>" not in response.text
    assert "data: must be a decimal number" in response.text
    assert "&#x27;&lt;script&gt;&#x27;" in response.text


def test_builder_fields_are_escaped(page):
    response = page.get('/?data=1,2&title="><script>alert(1)</script>&labels=<b>|x')
    assert "<script>alert(1)" not in response.text
    assert "<b>" not in response.text
    assert "&quot;&gt;&lt;script&gt;" in response.text


def test_security_headers(page):
    headers = page.get("/").headers
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_page_rejects_post(page):
    assert page.post("/", {"data": "1"}, status=405).headers["Allow"] == "GET, HEAD"


def test_page_rejects_unknown_fields(page):
    assert "colour: unknown parameter" in page.get("/?colour=red", status=400).text
