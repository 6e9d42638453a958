"""Both cgi-bin scripts as real processes with a CGI environment, reading raw stdout."""

import os
import subprocess
import sys

import pytest

from conftest import ROOT, decode

CGI_BIN = ROOT / "cgi-bin"


def run_cgi(script, query="", method="GET", extra_env=None, pythonpath=None, python_flags=(), cgi_bin=CGI_BIN, body=b"",
            direct=False, cwd=None):
    """Run a script as Apache would and split its raw output into headers and body.

    ``direct``: execute the file itself, as Apache does, so its shebang picks the interpreter.
    """
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "GATEWAY_INTERFACE": "CGI/1.1",
        "REQUEST_METHOD": method,
        "QUERY_STRING": query,
        "SCRIPT_NAME": f"/cgi-bin/{script}",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "DYNGRAPH_CACHE_BYTES": "0",  # the render cache off unless a test turns it on (it would live in var/)
        **(extra_env or {}),
    }
    if pythonpath is not None:
        env["PYTHONPATH"] = pythonpath
    command = [str(cgi_bin / script)] if direct else [sys.executable, *python_flags, str(cgi_bin / script)]
    result = subprocess.run(command, env=env, input=body, capture_output=True, timeout=60, cwd=cwd)
    head, _, body = result.stdout.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines)
    return headers, body, result.stderr


def test_get_graph_writes_a_jpeg():
    headers, body, stderr = run_cgi("get_graph.py", "type=line&data=1,5,3|2,4,6&width=600&height=300")
    assert headers["Status"] == "200 OK"
    assert headers["Content-Type"] == "image/jpeg"
    assert int(headers["Content-Length"]) == len(body)
    image = decode(body)
    assert (image.format, image.size) == ("JPEG", (600, 300))
    assert stderr == b""


def test_get_graph_png_on_request():
    headers, body, _ = run_cgi("get_graph.py", "type=line&data=1,5,3|2,4,6&width=600&height=300&format=png")
    assert headers["Content-Type"] == "image/png"
    assert decode(body).format == "PNG"


def test_get_graph_bad_query_is_400():
    headers, body, stderr = run_cgi("get_graph.py", "data=1,2&width=huge")
    assert headers["Status"] == "400 Bad Request"
    assert body == b"width: must be an integer from 16 to 2000, got 'huge'\n"
    assert stderr == b""


def test_get_graph_head_and_405():
    headers, body, _ = run_cgi("get_graph.py", "data=1,2", method="HEAD")
    assert headers["Status"] == "200 OK" and body == b"" and int(headers["Content-Length"]) > 0
    headers, _, _ = run_cgi("get_graph.py", "data=1,2", method="POST")
    assert headers["Status"] == "405 Method Not Allowed"


def test_page_writes_html():
    headers, body, stderr = run_cgi("page.py")
    assert headers["Status"] == "200 OK"
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert body.startswith(b"<!DOCTYPE html>")
    assert b'src="get_graph.py?' in body
    assert stderr == b""


@pytest.mark.parametrize("script", ["get_graph.py", "page.py"])
def test_scripts_are_executable_with_a_shebang(script):
    path = CGI_BIN / script
    assert os.access(path, os.X_OK)
    assert path.read_bytes().startswith(b"#!/usr/bin/env python3\n")


def test_unpacked_bundle_finds_lib_without_install(tmp_path):
    """A copy of the bundle, with only Pillow importable (no site-packages), still works."""
    import shutil

    import PIL

    shutil.copytree(CGI_BIN, tmp_path / "cgi-bin")
    shutil.copytree(ROOT / "lib" / "dyngraph", tmp_path / "lib" / "dyngraph")
    only_pillow = tmp_path / "site"
    only_pillow.mkdir()
    (only_pillow / "PIL").symlink_to(os.path.dirname(PIL.__file__))
    headers, body, stderr = run_cgi("get_graph.py", "data=1,2,3&format=png", pythonpath=str(only_pillow),
                                    python_flags=("-S",), cgi_bin=tmp_path / "cgi-bin")
    assert headers["Status"] == "200 OK", stderr
    assert decode(body).format == "PNG"


def test_gateway_drains_a_small_body_and_caps_a_large_one():
    """mod_cgid resets the connection if a script exits without reading its body."""
    import io

    from dyngraph.gateway import MAX_DRAIN, prepare_cgi
    from dyngraph.settings import Settings

    small, large = io.BytesIO(b"x" * 20), io.BytesIO(b"x" * (MAX_DRAIN * 2))
    prepare_cgi(Settings(cgi_timeout=0), environ={"CONTENT_LENGTH": "10"}, stdin=small)
    prepare_cgi(Settings(cgi_timeout=0), environ={"CONTENT_LENGTH": str(10**12)}, stdin=large)
    prepare_cgi(Settings(cgi_timeout=0), environ={"CONTENT_LENGTH": "-5"}, stdin=io.BytesIO(b"abc"))
    assert (small.tell(), large.tell()) == (10, MAX_DRAIN)


def test_gateway_time_limit_ends_a_stuck_process():
    import signal
    import time

    code = ("from dyngraph.gateway import prepare_cgi; from dyngraph.settings import Settings; "
            "prepare_cgi(Settings(cgi_timeout=1), environ={}); import time; time.sleep(30)")
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", code], env={"PYTHONPATH": str(ROOT / "lib")}, timeout=60)
    assert result.returncode == -signal.SIGALRM
    assert time.monotonic() - started < 10


def test_get_graph_with_a_request_body_still_answers():
    headers, body, stderr = run_cgi("get_graph.py", "data=1,2&format=png", extra_env={"CONTENT_LENGTH": "5"},
                                    body=b"hello")
    assert headers["Status"] == "200 OK", stderr
    assert decode(body).format == "PNG"


def test_gateway_end_flushes_everything_before_skipping_shutdown():
    """end_cgi() leaves with os._exit: what was written to stdout and stderr must still arrive, all of it."""
    code = ("import sys; from dyngraph.gateway import end_cgi; sys.stdout.write('x' * 300000); "
            "sys.stdout.buffer.write(b'y' * 5); sys.stderr.write('logged'); end_cgi(); print('not reached')")
    result = subprocess.run([sys.executable, "-c", code], env={"PYTHONPATH": str(ROOT / "lib")},
                            capture_output=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout == b"x" * 300000 + b"y" * 5
    assert result.stderr == b"logged"


def test_get_graph_sends_a_large_image_whole():
    """More than a pipe's 64 KiB: the response is complete although the script skips interpreter shutdown."""
    headers, body, stderr = run_cgi("get_graph.py", "type=line&data=1,5,3|2,4,6&width=1400&height=700&quality=95")
    assert headers["Status"] == "200 OK", stderr
    assert int(headers["Content-Length"]) == len(body) > 65536
    assert decode(body).size == (1400, 700)
    assert stderr == b""
