"""The bundle copied as unpacked into ~user/public_html, configured only by .htaccess.

dyngraph is not installed anywhere: the scripts find ../lib themselves. The
host's python3 runs them, with Pillow from the user's own folder, named in the
.htaccess made from cgi-bin/.htaccess.example (see conftest.shared_htaccess).
"""

import os
import subprocess

import pytest

from .conftest import HOST_PATH, SHARED_CACHE_MAX_AGE, shared_hosting_site
from .http_checks import *  # noqa: F401,F403 - the shared checks run against this site
from .http_checks import fetch

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def site(apache):
    return shared_hosting_site(apache)


def test_only_pillow_is_importable(tree):
    """The host's python3 with the user's PYTHONPATH has Pillow but no dyngraph."""
    env = {"PATH": HOST_PATH, "PYTHONPATH": str(tree.user_home / "pylib")}
    probe = "import importlib.util as u; print(bool(u.find_spec('PIL')), bool(u.find_spec('dyngraph')))"
    result = subprocess.run(["python3", "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "False"]


def test_bundle_is_laid_out_as_uploaded(tree):
    public_html = tree.user_home / "public_html"
    assert sorted(os.listdir(public_html)) == ["cgi-bin", "lib"]
    for script in ("page.py", "get_graph.py"):
        assert os.access(public_html / "cgi-bin" / script, os.X_OK)


def test_library_and_htaccess_are_not_served(site, apache):
    for path in ("/~user/lib/dyngraph/spec.py", "/~user/lib/", "/~user/cgi-bin/.htaccess",
                 "/~user/cgi-bin/.htaccess.example"):
        response = fetch(apache.base + path)
        assert response.status == 403, (path, response.status)


def test_settings_in_htaccess_reach_the_app(site):
    response = fetch(site.graph_url + "?data=1,2,3", method="HEAD")
    assert response.status == 200
    assert response.headers["Cache-Control"] == f"public, max-age={SHARED_CACHE_MAX_AGE}"
