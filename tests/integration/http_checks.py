"""The HTTP checks every real server must pass, written once.

Each server's test module defines a module-scoped ``site`` fixture (a
conftest.Site) and imports these test functions, so Apache, shared hosting
and gunicorn run exactly the same checks. Plain http.client, no extra deps.
The error-log check is last on purpose: it reads what the others caused.
"""

import http.client
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from conftest import decode

IMAGE_ACCEPT = "image/avif,image/webp,image/apng,image/*,*/*;q=0.8"  # what Chromium sends for <img>
CONCURRENCY = 16
LOAD_REQUESTS = 200
TIMEOUT = 60

__all__ = [
    "fetch", "page_images",
    "test_page_is_served_as_html", "test_index_redirects_to_the_page", "test_every_img_decodes_at_its_declared_size",
    "test_head_has_the_headers_and_no_body", "test_if_none_match_gets_304", "test_bad_query_is_400_with_its_message",
    "test_bad_query_from_an_img_is_an_error_image", "test_post_is_refused",
    "test_concurrent_image_requests_all_succeed", "test_error_log_is_clean",
]


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


def fetch(url, method="GET", headers=None, body=None):
    """One request on a fresh connection; any status is returned, never raised."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT)
    try:
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request(method, target, body=body, headers=headers or {})
        response = connection.getresponse()
        return Response(response.status, response.headers, response.read())
    finally:
        connection.close()


class _ImgParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))


def page_images(html):
    """Every <img>'s attributes, in page order (entities already unescaped)."""
    parser = _ImgParser()
    parser.feed(html)
    parser.close()
    return parser.images


def _chart_url(site, query):
    return f"{site.graph_url}?{query}"


def _assert_image(response, size, context):
    assert response.status == 200, f"{context}: {response.status} {response.body[:200]!r}"
    assert response.headers["Content-Type"].startswith("image/"), context
    if response.headers["Content-Length"] is not None:  # Apache streams CGI output chunked
        assert int(response.headers["Content-Length"]) == len(response.body), context
    image = decode(response.body)
    assert image.size == size, f"{context}: decoded {image.size}, declared {size}"
    assert image.format.lower() == response.headers["Content-Type"].removeprefix("image/"), context
    return image


def test_page_is_served_as_html(site):
    response = fetch(site.page_url)
    assert response.status == 200, response.body[:300]
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "img-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.body.startswith(b"<!DOCTYPE html>")
    assert b"</html>" in response.body


def test_index_redirects_to_the_page(site):
    response = fetch(site.index_url)
    if response.status == 200:  # DirectoryIndex serves the page itself
        assert response.body.startswith(b"<!DOCTYPE html>")
        return
    assert response.status in (301, 302), response.status
    assert urljoin(site.index_url, response.headers["Location"]) == site.page_url


def test_every_img_decodes_at_its_declared_size(site):
    html = fetch(site.page_url).body.decode("utf-8")
    images = page_images(html)
    assert len(images) >= 9, "the gallery should show one chart per kind"
    for img in images:
        assert not img["src"].startswith(("/", "http")), f"image URLs are relative: {img['src']}"
        url = urljoin(site.page_url, img["src"])
        assert url.startswith(site.graph_url + "?"), url
        size = (int(img["width"]), int(img["height"]))
        _assert_image(fetch(url, headers={"Accept": IMAGE_ACCEPT}), size, img["alt"])


def test_head_has_the_headers_and_no_body(site):
    url = _chart_url(site, "type=bar&data=3,1,4,1,5&width=320&height=160&format=png")
    get = fetch(url)
    head = fetch(url, method="HEAD")
    assert head.status == 200
    assert head.body == b""
    assert head.headers["Content-Type"] == "image/png"
    assert head.headers["ETag"] == get.headers["ETag"]
    assert len(get.body) > 0
    if head.headers["Content-Length"] is not None:
        assert int(head.headers["Content-Length"]) == len(get.body)


def test_if_none_match_gets_304(site):
    url = _chart_url(site, "type=line&data=1,5,3|2,4,6&width=300&height=150")
    first = fetch(url)
    etag = first.headers["ETag"]
    assert first.status == 200 and etag and etag.startswith('"')
    assert "max-age=" in first.headers["Cache-Control"]
    again = fetch(url, headers={"If-None-Match": etag})
    assert again.status == 304
    assert again.body == b""
    assert again.headers["ETag"] == etag
    other = fetch(url, headers={"If-None-Match": '"not-this-one"'})
    assert other.status == 200 and other.body == first.body


def test_bad_query_is_400_with_its_message(site):
    response = fetch(_chart_url(site, "data=1,2&width=huge"))
    assert response.status == 400
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    message = response.body.decode("utf-8")
    assert message.startswith("width: ") and "huge" in message and message.endswith("\n")
    assert response.headers["X-Dyngraph-Error"] == message.strip()


def test_bad_query_from_an_img_is_an_error_image(site):
    response = fetch(_chart_url(site, "data=1,2&width=300&height=120&colors=nope&format=png"),
                     headers={"Accept": IMAGE_ACCEPT})
    assert response.status == 400
    assert response.headers["Content-Type"].startswith("image/")
    assert decode(response.body).size[0] > 0
    assert response.headers["X-Dyngraph-Error"]


def test_post_is_refused(site):
    response = fetch(_chart_url(site, "data=1,2"), method="POST", body=b"x=1",
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    if response.status == 403:  # .htaccess: <LimitExcept GET HEAD> Require all denied
        return
    assert response.status == 405
    if response.headers["X-Dyngraph-Error"]:  # refused by the app, not by Apache's AllowMethods
        assert response.headers["Allow"] == "GET, HEAD"


def test_concurrent_image_requests_all_succeed(site):
    """LOAD_REQUESTS distinct charts, CONCURRENCY at a time: every one decodes at its size."""
    def one(i):
        width, height = 200 + i % 7 * 10, 100 + i % 5 * 10
        query = f"type={('line', 'bar', 'area')[i % 3]}&data={i},{i % 13},{i % 7},5&width={width}&height={height}"
        return _assert_image(fetch(_chart_url(site, query), headers={"Accept": IMAGE_ACCEPT}),
                             (width, height), query)

    started = time.monotonic()
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        images = list(pool.map(one, range(LOAD_REQUESTS)))
    elapsed = time.monotonic() - started
    assert len(images) == LOAD_REQUESTS
    print(f"{site.name}: {LOAD_REQUESTS} images at concurrency {CONCURRENCY} in {elapsed:.1f}s "
          f"({LOAD_REQUESTS / elapsed:.0f}/s)")


def test_error_log_is_clean(site):
    time.sleep(0.2)  # let the server flush what the checks above caused
    problems = site.log_problems()
    assert problems == [], f"{site.name} logged problems:\n" + "\n".join(problems)
