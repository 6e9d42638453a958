"""Debian's apache2 httpd, configured by apache.conf.example, running the CGI scripts.

The bundle is unpacked in /srv/dyngraph (inside a temporary tree) with the
admin's venv holding Pillow; httpd runs unprivileged on a free loopback port.
"""

import pytest

from .conftest import ROOT, apache_site
from .http_checks import *  # noqa: F401,F403 - the shared checks run against this site
from .http_checks import fetch

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def site(apache):
    return apache_site(apache)


def test_library_and_dot_files_are_not_served(site, apache):
    for path in ("/dyngraph/.htaccess.example", "/dyngraph/../lib/dyngraph/spec.py", "/dyngraph/nothing.py"):
        response = fetch(apache.base + path)
        assert response.status in (403, 404), (path, response.status)
        assert b"import" not in response.body


@pytest.mark.parametrize(("size", "status"), [(10, 403), (4096, 413)])
def test_request_with_a_body_is_refused_cleanly(site, size, status):
    """Never cut off: mod_cgid resets the connection when a script leaves its body unread."""
    response = fetch(site.graph_url + "?data=1,2", method="GET", body=b"x" * size,
                     headers={"Content-Type": "application/octet-stream"})
    assert response.status == status
    assert response.body.rstrip().endswith(b"</html>")


def test_example_is_included_unchanged(apache):
    included = (apache.error_log.parent.parent / "conf" / "dyngraph.conf").read_bytes()
    assert included == (ROOT / "apache.conf.example").read_bytes()
