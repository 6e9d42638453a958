"""``pip wheel .``: the wheel installs into a clean venv and works there, CLI and install-cgi scripts included.

Slow (a build and an install, ~30 s): it builds from a copy of the project's
source files, so the checkout gets no build/ or egg-info, and runs what it
installed with nothing of the checkout on the path.
"""

import os
import shutil
import subprocess
import sys
import zipfile

import pytest
from PIL import ImageChops

from conftest import ROOT, decode
from test_cgi import run_cgi

pytestmark = pytest.mark.slow

CHART = "type=bar&data=3,1,2|2,2,1&width=240&height=120&format=png"
SOURCE_FILES = ("setup.cfg", "pyproject.toml", "README.md")


def _run(*command, cwd, clean=False):
    """Run ``command``; ``clean``: with only PATH in the environment (pip keeps the machine's index settings)."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")} if clean else os.environ.copy()
    env.pop("PYTHONPATH", None)
    result = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, timeout=600)
    assert result.returncode == 0, (command, result.stdout.decode()[-2000:], result.stderr.decode()[-2000:])
    return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(venv, wheel path, work dir): the wheel built from a copy of the sources, installed into a new venv."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    for name in SOURCE_FILES:
        shutil.copy(ROOT / name, source)
    shutil.copytree(ROOT / "lib", source / "lib", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    _run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", work / "dist", source, cwd=work)
    (wheel,) = (work / "dist").glob("dyngraph-*.whl")
    venv = work / "venv"
    _run(sys.executable, "-m", "venv", venv, cwd=work)
    _run(venv / "bin" / "python", "-m", "pip", "install", "--quiet", wheel, cwd=work)
    return venv, wheel, work


def test_the_wheel_holds_every_module(installed):
    _, wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {str(p.relative_to(ROOT / "lib")) for p in (ROOT / "lib" / "dyngraph").rglob("*.py")
               if "__pycache__" not in p.parts}
    assert modules - names == set()
    assert "dyngraph/cgi_scripts.py" in names


def test_it_imports_from_the_venv_not_the_checkout(installed):
    venv, _, work = installed
    where = _run(venv / "bin" / "python", "-c", "import dyngraph; print(dyngraph.__file__)", cwd=work, clean=True)
    assert where.decode().strip().startswith(str(venv / "lib"))


def test_dyngraph_render_draws_what_the_checkout_draws(installed):
    venv, _, work = installed
    _run(venv / "bin" / "dyngraph", "render", CHART, "-o", work / "wheel.png", cwd=work, clean=True)
    drawn = decode((work / "wheel.png").read_bytes())
    from dyngraph.encode import encode
    from dyngraph.render import render
    from dyngraph.spec import parse

    reference = decode(encode(render(parse(CHART)), "png"))
    assert drawn.size == (240, 120)
    assert len(drawn.convert("RGB").getcolors(1 << 16)) > 3  # background, two series, text: a chart, not a blank
    difference = ImageChops.difference(drawn.convert("RGB"), reference.convert("RGB"))
    assert max(high for _, high in difference.getextrema()) <= 8  # the same chart (Pillow may differ by a bit)


def test_install_cgi_from_the_wheel_answers_as_cgi(installed):
    venv, _, work = installed
    target = work / "public_html" / "cgi-bin"
    _run(venv / "bin" / "dyngraph", "install-cgi", target, cwd=work, clean=True)
    assert (target / "get_graph.py").read_text().startswith(f"#!{venv / 'bin' / 'python'}\n")
    headers, body, stderr = run_cgi("get_graph.py", CHART, cgi_bin=target, direct=True, cwd=work)
    assert headers["Status"] == "200 OK" and headers["Content-Type"] == "image/png", stderr
    assert decode(body).size == (240, 120)
    headers, body, stderr = run_cgi("page.py", cgi_bin=target, direct=True, cwd=work)
    assert headers["Status"] == "200 OK" and b'src="get_graph.py?' in body, stderr
