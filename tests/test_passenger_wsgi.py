"""passenger_wsgi.py: both apps at Apache's paths under the app's URL, from the bundle as unpacked."""

import json
import shutil
import subprocess
import sys

import webtest

from conftest import ROOT, decode


def _load(path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("passenger_wsgi", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_it_serves_both_apps_under_the_apps_url():
    """Passenger gives SCRIPT_NAME=/charts (the base URI): the redirect, the page and its images stay under it."""
    app = webtest.TestApp(_load(ROOT / "passenger_wsgi.py").application, extra_environ={"SCRIPT_NAME": "/charts"})
    redirect = app.get("/", status=302)
    assert redirect.headers["Location"].endswith("/charts/cgi-bin/page.py")
    page = app.get("/cgi-bin/page.py")
    assert page.content_type == "text/html"
    src = page.html.find("img")["src"]
    assert src.startswith("get_graph.py?")
    image = app.get("/cgi-bin/" + src, headers={"Accept": "image/png,image/*"})
    assert decode(image.body).size[0] > 0
    assert app.get("/passenger_wsgi.py", status=404).text.startswith("path: ")


def test_the_bundle_as_unpacked_needs_no_install(tmp_path):
    """With dyngraph installed nowhere (python -S, no PYTHONPATH), the file finds lib/ beside itself and var/ there."""
    shutil.copy(ROOT / "passenger_wsgi.py", tmp_path)
    shutil.copytree(ROOT / "lib" / "dyngraph", tmp_path / "lib" / "dyngraph",
                    ignore=shutil.ignore_patterns("__pycache__"))
    code = (
        "import json, runpy, sys\n"
        "app = runpy.run_path('passenger_wsgi.py')['application']\n"
        "seen = []\n"
        "app({'REQUEST_METHOD': 'GET', 'SCRIPT_NAME': '/charts', 'PATH_INFO': '/'}, lambda s, h: seen.append([s, h]))\n"
        "from dyngraph.store import default_data_dir\n"
        "print(json.dumps([seen, sys.modules['dyngraph'].__file__, default_data_dir()]))\n"
    )
    result = subprocess.run([sys.executable, "-S", "-c", code], cwd=tmp_path, env={}, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    [[status, headers]], module_file, data_dir = json.loads(result.stdout)
    assert status == "302 Found"
    assert ["Location", "/charts/cgi-bin/page.py"] in headers
    assert module_file == str(tmp_path / "lib" / "dyngraph" / "__init__.py")
    assert data_dir == str(tmp_path / "var")  # graph ids and the render cache live in the app root's var/
