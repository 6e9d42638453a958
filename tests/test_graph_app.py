"""The image application through WebTest: statuses, headers, decoded images."""

import pytest

from conftest import decode

FORMAT_TO_PIL = {"jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP"}
IMG_ACCEPT = {"Accept": "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8"}


def test_default_is_a_jpeg_of_the_requested_size(graph):
    response = graph.get("/", {"type": "line", "data": "1,5,3|2,4,6", "width": "600", "height": "300"})
    assert response.content_type == "image/jpeg"
    assert int(response.headers["Content-Length"]) == len(response.body)
    image = decode(response.body)
    assert (image.format, image.size) == ("JPEG", (600, 300))


@pytest.mark.parametrize("fmt", ["jpeg", "png", "gif", "webp"])
def test_every_format_decodes(graph, fmt):
    response = graph.get(f"/?data=1,2,3&format={fmt}&width=200&height=100")
    assert response.content_type == f"image/{fmt}"
    image = decode(response.body)
    assert (image.format, image.size) == (FORMAT_TO_PIL[fmt], (200, 100))


def test_caching_headers_and_304(graph):
    first = graph.get("/?data=1,2,3")
    etag = first.headers["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    assert first.headers["Cache-Control"].startswith("public, max-age=")
    assert first.headers["X-Content-Type-Options"] == "nosniff"
    again = graph.get("/?data=1.0,2,3", headers={"If-None-Match": etag}, status=304)
    assert again.body == b""
    assert again.headers["ETag"] == etag
    assert graph.get("/?data=1,2,3", headers={"If-None-Match": '"other"'}).status_int == 200
    assert graph.get("/?data=1,2,3", headers={"If-None-Match": "*"}, status=304)


def test_etag_differs_per_chart(graph):
    assert graph.get("/?data=1,2,3").headers["ETag"] != graph.get("/?data=1,2,4").headers["ETag"]


def test_head_has_headers_and_no_body(graph):
    get = graph.get("/?data=1,2,3&format=png")
    head = graph.head("/?data=1,2,3&format=png")
    assert head.body == b""
    assert head.headers["Content-Length"] == get.headers["Content-Length"]
    assert head.content_type == "image/png"


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_other_methods_get_405(graph, method):
    response = graph.request("/?data=1", method=method, status=405)
    assert response.headers["Allow"] == "GET, HEAD"


def test_bad_parameter_is_400_text(graph):
    response = graph.get("/?width=abc&data=1", status=400)
    assert response.content_type == "text/plain"
    assert response.text == "width: must be an integer from 16 to 2000, got 'abc'\n"
    assert response.headers["X-Dyngraph-Error"].startswith("width: must be an integer")


def test_bad_parameter_for_img_is_400_image(graph):
    response = graph.get("/?data=1,x&format=png&width=300&height=80", headers=IMG_ACCEPT, status=400)
    assert response.content_type == "image/png"
    image = decode(response.body)
    assert image.size == (300, 80)
    assert image.convert("RGB").getcolors(100000) and len(image.convert("RGB").getcolors(100000)) > 1
    assert response.headers["X-Dyngraph-Error"].startswith("data:")


def test_over_long_query_is_414(graph):
    response = graph.get("/?data=" + "1," * 5000 + "1", status=414)
    assert "query" in response.text


def test_series_colours_appear(graph):
    response = graph.get("/?data=1,1,1|5,5,5&colors=ff0000,0000ff&format=png&grid=0&width=300&height=200")
    image = decode(response.body).convert("RGB")
    colours = {c for _, c in image.getcolors(1 << 20)}
    assert (255, 0, 0) in colours and (0, 0, 255) in colours
