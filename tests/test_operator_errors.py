"""Operator mistakes: settings checked when read and named in one line; CLI errors one line, exit status 2."""

import subprocess
import sys

import pytest
import webtest

from conftest import ROOT
from dyngraph.errors import SettingError
from dyngraph.settings import Settings, from_environ


def test_a_missing_font_file_is_named_when_the_settings_are_read(tmp_path):
    with pytest.raises(SettingError) as error:
        from_environ({"DYNGRAPH_FONT_PATH": str(tmp_path / "nope.ttf")})
    assert str(error.value).startswith("DYNGRAPH_FONT_PATH: ") and "nope.ttf" in str(error.value)
    assert "\n" not in str(error.value)


@pytest.mark.parametrize(("content", "words"), [(b"<html>not a font", "not a TrueType or OpenType font"),
                                                (None, "is a directory")])
def test_a_font_path_that_is_no_font_is_named(tmp_path, content, words):
    path = tmp_path / "font.ttf"
    if content is None:
        path.mkdir()
    else:
        path.write_bytes(content)
    with pytest.raises(SettingError, match=words):
        from_environ({"DYNGRAPH_FONT_PATH": str(path)})


def test_a_real_font_file_is_accepted():
    from dyngraph import fonts

    path = fonts.system_font()
    if path:
        assert from_environ({"DYNGRAPH_FONT_PATH": path}).font_path == path


@pytest.mark.parametrize("module", ["dyngraph.graph_app", "dyngraph.page_app"])
def test_an_app_with_a_bad_setting_answers_500_and_logs_one_line(monkeypatch, tmp_path, module):
    import importlib

    monkeypatch.setenv("DYNGRAPH_FONT_PATH", str(tmp_path / "missing.ttf"))
    app = importlib.import_module(module).make_app()
    response = webtest.TestApp(app).get("/?type=line&data=1,2", status=500, expect_errors=True)
    assert "misconfigured" in response.text
    logged = response.errors.strip().splitlines()
    assert len(logged) == 1 and "DYNGRAPH_FONT_PATH" in logged[0] and "missing.ttf" in logged[0]
    assert app.settings == Settings()  # the CGI gateway still finds its time limit


def test_a_file_that_looks_like_a_font_but_is_not_names_the_setting_when_drawing(tmp_path):
    from dyngraph.render import render
    from dyngraph.spec import make

    path = tmp_path / "broken.ttf"
    path.write_bytes(b"\x00\x01\x00\x00" + b"\x00" * 64)
    with pytest.raises(OSError, match="DYNGRAPH_FONT_PATH"):
        render(make(type="line", data=[1, 2], title="x"), font_path=str(path))


def _cli(*args, env=None):
    import os

    environ = {**os.environ, "PYTHONPATH": str(ROOT / "lib"), **(env or {})}
    return subprocess.run([sys.executable, "-m", "dyngraph", *args], capture_output=True, text=True, env=environ)


@pytest.mark.parametrize(("args", "env", "words"), [
    (("render", "type=line&data=1,2", "-o", "/missing/dir/x.png"), None, "/missing/dir/x.png: No such file"),
    (("render", "type=line&data=x", "-o", "out.png"), None, "data:"),
    (("render", "type=line&data=1,2", "-o", "out.png"), {"DYNGRAPH_FONT_PATH": "/nope/font.ttf"},
     "DYNGRAPH_FONT_PATH"),
    (("render", "type=line&data=1,2", "-o", "out.png"), {"DYNGRAPH_MAX_WIDTH": "wide"}, "DYNGRAPH_MAX_WIDTH"),
    (("export", "type=line&data=1,2", "--dir", "/proc/no/such"), None, "dyngraph: "),
])
def test_cli_errors_are_one_line_and_exit_status_2(tmp_path, args, env, words):
    result = _cli(*[str(tmp_path / a) if a == "out.png" else a for a in args], env=env)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("dyngraph: ") and words in lines[0], result.stderr
