"""Google URLs through get_graph's WSGI app: PNG by default, headers, validate, ETag/304, HEAD, QR."""

import pytest

from conftest import decode

PIE = "/?cht=p3&chs=250x100&chd=t:60,40&chl=Hello|World"


def test_default_output_is_png_of_the_requested_size(graph):
    response = graph.get(PIE)
    assert response.content_type == "image/png"
    assert decode(response.body).size == (250, 100)


def test_gif_output(graph):
    response = graph.get(PIE + "&chof=gif")
    assert response.content_type == "image/gif" and decode(response.body).size == (250, 100)


PARTIAL_URL = "/?cht=bvo&chs=250x100&chd=t:60,40|30,50"  # bvo is drawn as equivalent stacked bands: partial


def test_partial_features_are_named_in_a_header(graph):
    response = graph.get(PARTIAL_URL)
    assert "cht (partial: overlapped bars drawn as" in response.headers["X-Dyngraph-Unsupported"]
    assert "X-Dyngraph-Unsupported" not in graph.get("/?cht=p&chs=250x100&chd=t:60,40&chco=0072b2|8a1c00").headers
    # Google's default pie shades towards a pale yellow that does not read on white: drawn darker, and named
    assert graph.get("/?cht=p&chs=250x100&chd=t:60,40").headers["X-Dyngraph-Unsupported"].startswith("colours (")


def test_validate_returns_a_plain_text_report(graph):
    response = graph.get("/?cht=lc&chs=200x100&chd=t:1,2&chm=F%3Cb%3E,ff0000,0,-1,5&chtt=%3Cb%3E&chof=validate")
    assert response.content_type == "text/plain"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    text = response.text
    assert "[not supported] chm:" in text and "chtt = '<b>'" in text
    assert "result: OK" in text and "type=line" in text


def test_validate_reports_errors_instead_of_failing(graph):
    response = graph.get("/?cht=lc&chs=5000x100&chd=t:1&chof=validate")
    assert response.status_int == 200
    assert "result: error (HTTP 400): chs:" in response.text


def test_errors_are_400_naming_the_parameter(graph):
    response = graph.get("/?cht=lc&chs=200x100&chd=t:1,x", status=400)
    assert response.text.startswith("chd: must be a decimal number")
    assert response.headers["X-Dyngraph-Error"].startswith("chd:")


def test_etag_and_304_without_drawing(graph):
    first = graph.get(PIE)
    again = graph.get(PIE, headers={"If-None-Match": first.headers["ETag"]}, status=304)
    assert again.body == b""
    # the same chart through the native URL has the same ETag: the ETag covers what is drawn
    native = graph.get("/?type=pie&data=60,40&labels=Hello%7CWorld&width=250&height=100&format=png"
                       "&colors=ff9900,ffffcc&depth=8")
    assert native.headers["ETag"] == first.headers["ETag"]


def test_head_has_headers_and_no_body(graph):
    response = graph.head(PARTIAL_URL)
    assert response.body == b"" and int(response.headers["Content-Length"]) > 0
    assert response.headers["X-Dyngraph-Unsupported"]


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("chs=150x150&cht=qr&chl=Hello+world&choe=UTF-8", "Hello world"),
        ("cht=qr&chs=300x300&chld=H|1&chl=https%3A%2F%2Fexample.org%2F%3Fa%3D1%26b%3D2", "https://example.org/?a=1&b=2"),
        ("cht=qr&chs=200x200&chl=caf%C3%A9+%E6%97%A5%E6%9C%AC", "café 日本"),
        ("cht=qr&chs=200x200&choe=ISO-8859-1&chl=caf%C3%A9", "café"),
        ("cht=qr&chs=200x200&choe=Shift_JIS&chl=%E6%97%A5%E6%9C%AC", "日本"),
        ("cht=qr&chs=250x250&chld=M|2&chl=BEGIN%3AVCARD%0AFN%3AAda%0AEND%3AVCARD", "BEGIN:VCARD\nFN:Ada\nEND:VCARD"),
    ],
)
def test_qr_codes_decode_back_to_their_text(graph, query, text):
    zxingcpp = pytest.importorskip("zxingcpp")
    response = graph.get("/?" + query)
    image = decode(response.body)
    width, height = (int(v) for v in query.split("chs=")[1].split("&")[0].split("x"))
    assert image.size == (width, height) and response.content_type == "image/png"
    results = zxingcpp.read_barcodes(image.convert("L"))
    assert [r.text for r in results] == [text]


def test_qr_modules_are_crisp_and_centred(graph):
    image = decode(graph.get("/?cht=qr&chs=150x150&chl=Hello+world").body).convert("L")
    assert sorted(c for _, c in image.getcolors()) == [0, 255]  # no blur: only black and white
    box = image.point(lambda v: 255 - v).getbbox()
    left, top, right, bottom = box
    assert abs(left - (150 - right)) <= 1 and abs(top - (150 - bottom)) <= 1
    # 21 modules + 2 x 4 margin = 29 -> 5 px a module: the symbol is 105 px wide
    assert right - left == 105


def test_qr_margin_and_transparent_background(graph):
    image = decode(graph.get("/?cht=qr&chs=100x100&chld=L|0&chl=A&chf=bg,s,ffffff00").body)
    assert image.mode in ("RGBA", "P")
    rgba = image.convert("RGBA")
    assert rgba.getpixel((0, 0))[3] == 0  # margin 0: the symbol reaches the corner area; background clear
    assert rgba.getbbox() is not None


def test_native_qr_type(graph):
    zxingcpp = pytest.importorskip("zxingcpp")
    image = decode(graph.get("/?type=qr&qrtext=native&format=png").body)
    assert image.size == (200, 200)
    assert zxingcpp.read_barcodes(image.convert("L"))[0].text == "native"


def test_error_image_for_img_fetches_has_the_requested_size(graph):
    response = graph.get("/?cht=lc&chs=300x120&chd=t:1,x", headers={"Accept": "image/png,image/*"}, status=400)
    assert response.content_type == "image/png" and decode(response.body).size == (300, 120)
    assert response.headers["X-Dyngraph-Error"].startswith("chd:")


def test_cli_renders_google_urls(tmp_path):
    zxingcpp = pytest.importorskip("zxingcpp")
    from dyngraph.cli import main

    out = tmp_path / "qr.png"
    assert main(["render", "cht=qr&chs=120x120&chl=cli+test", "-o", str(out)]) == 0
    assert zxingcpp.read_barcodes(decode(out.read_bytes()).convert("L"))[0].text == "cli test"


def test_google_304_and_400_never_import_pillow_or_segno():
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    script = f"""
import sys
sys.path.insert(0, {str(root / 'lib')!r})
from dyngraph.graph_app import make_app
from dyngraph.settings import Settings
from dyngraph.sources import resolve
from dyngraph.spec import to_query
from dyngraph.http import make_etag
app = make_app(Settings(cache_bytes=0))  # no render cache in the checkout's var/
query = "cht=p3&chs=250x100&chd=t:60,40&chl=Hello|World&chm=o,ff0000,0,-1,5"
etag = make_etag(to_query(resolve(query, Settings())))
statuses = []
def start(status, headers):
    statuses.append(status)
for q, inm in ((query, etag), ("cht=lc&chs=200x100&chd=t:1,x", "")):
    app({{"REQUEST_METHOD": "GET", "QUERY_STRING": q, "HTTP_IF_NONE_MATCH": inm, "wsgi.errors": sys.stderr}}, start)
print(statuses, sorted({{m.split('.')[0] for m in sys.modules if m.startswith(('PIL', 'segno'))}}))
"""
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "['304 Not Modified', '400 Bad Request'] []"
