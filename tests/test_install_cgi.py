"""``dyngraph install-cgi``: the cgi-bin scripts for an installed dyngraph, from the one template cgi-bin/ is."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, decode
from test_cgi import run_cgi

from dyngraph.cgi_scripts import BUNDLE_SHEBANG, SCRIPTS, install, script

CHART = "type=bar&data=3,1,2&width=240&height=120&format=png"


@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_cgi_bin_is_the_template(name):
    """cgi-bin/ and install-cgi cannot drift: the bundle's scripts are the template with the bundle's shebang."""
    path = ROOT / "cgi-bin" / name
    assert path.read_text(encoding="utf-8") == script(name, BUNDLE_SHEBANG), (
        f"cgi-bin/{name} differs from lib/dyngraph/cgi_scripts.py: edit TEMPLATE there, then run "
        f"dyngraph install-cgi cgi-bin --shebang '{BUNDLE_SHEBANG}'")
    assert os.access(path, os.X_OK)


def _dyngraph(*args, cwd):
    return subprocess.run([sys.executable, "-m", "dyngraph", *args], capture_output=True, text=True, timeout=60,
                          cwd=cwd, env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")})


def test_install_cgi_writes_scripts_for_this_interpreter(tmp_path):
    target = tmp_path / "htdocs" / "cgi-bin"
    result = _dyngraph("install-cgi", str(target), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"wrote {target / name}" for name in SCRIPTS]
    assert sorted(os.listdir(target)) == sorted(SCRIPTS)  # no temporary files left behind
    for name in SCRIPTS:
        path = target / name
        assert stat.S_IMODE(path.stat().st_mode) == 0o755
        text = path.read_text(encoding="utf-8")
        assert text.splitlines()[0] == f"#!{sys.executable}"
        assert text.split("\n", 1)[1] == script(name).split("\n", 1)[1]  # the template, only the shebang differs


def test_installed_scripts_answer_as_cgi(tmp_path):
    """Executed themselves (shebang and mode 755 matter), far from the checkout, with no lib/ beside them."""
    target = tmp_path / "cgi-bin"
    install(str(target))
    headers, body, stderr = run_cgi("get_graph.py", CHART, cgi_bin=target, direct=True, cwd=tmp_path)
    assert headers["Status"] == "200 OK" and headers["Content-Type"] == "image/png", stderr
    image = decode(body)
    assert image.size == (240, 120)
    assert stderr == b""
    headers, body, stderr = run_cgi("page.py", cgi_bin=target, direct=True, cwd=tmp_path)
    assert headers["Status"] == "200 OK" and headers["Content-Type"] == "text/html; charset=utf-8", stderr
    assert b'src="get_graph.py?' in body
    headers, body, _ = run_cgi("get_graph.py", "data=1,2&width=huge", cgi_bin=target, direct=True, cwd=tmp_path)
    assert headers["Status"] == "400 Bad Request" and body.startswith(b"width: ")


def test_installing_again_replaces_the_scripts(tmp_path):
    (tmp_path / "page.py").write_text("old")
    os.chmod(tmp_path / "page.py", 0o600)
    install(str(tmp_path), shebang="/usr/bin/python3")
    assert (tmp_path / "page.py").read_text() == script("page.py", "/usr/bin/python3")
    assert stat.S_IMODE((tmp_path / "page.py").stat().st_mode) == 0o755


def test_an_interpreter_path_with_a_space_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "executable", "/home/me/my venv/bin/python")
    with pytest.raises(ValueError, match="contains a space"):
        install(str(tmp_path))
    assert os.listdir(tmp_path) == []
    install(str(tmp_path), shebang="/usr/bin/env python3")  # an explicit shebang may hold one argument
    assert (tmp_path / "page.py").read_text().startswith("#!/usr/bin/env python3\n")


@pytest.mark.parametrize(("shebang", "message"), [
    ("/usr/bin/python3\nimport os", "one line"),
    ("/" + "x" * 300, "longer than the 255 bytes"),
])
def test_a_shebang_the_kernel_cannot_run_is_refused(tmp_path, shebang, message):
    result = _dyngraph("install-cgi", str(tmp_path / "out"), "--shebang", shebang, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("dyngraph: install-cgi: ") and message in result.stderr
    assert not Path(tmp_path / "out").exists()
