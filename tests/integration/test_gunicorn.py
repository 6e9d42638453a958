"""The module-level ``application`` objects of page_app and graph_app under gunicorn.

Two workers on a free loopback port, both apps mounted at the paths Apache
uses (dyngraph.wsgi), and the same HTTP checks as Apache.
"""

import pytest

from .http_checks import *  # noqa: F401,F403 - the shared checks run against this site

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def site(gunicorn):
    return gunicorn


def test_two_workers_answer(site):
    """gunicorn logs one 'Booting worker' line per worker."""
    log = site.log_path.read_text()
    assert log.count("Booting worker") == 2, log
