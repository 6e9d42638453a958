"""A gunicorn worker stuck in the middle of a request is killed by ``--timeout`` and replaced.

Every loop in dyngraph is bounded by the picture and the canvas has a work budget, but a CGI
process also has its alarm (DYNGRAPH_CGI_TIMEOUT) in case anything below Python (Pillow's C code,
a slow disk) still hangs. A long-lived WSGI worker has no such alarm: the server's own timeout is
its protection (docs/deploy.md). This test starts the real gunicorn with one sync worker and
``--timeout 2``, sends a chart request and freezes the worker with SIGSTOP while it draws (a
process stopped by the kernel runs no code at all, not even a signal handler: the hardest hang
there is), then checks that the arbiter kills it, boots a new worker, and that the next request
is answered.
"""

import os
import re
import signal
import socket
import threading
import time
import urllib.request

import pytest

from conftest import decode, require_or_skip

from .conftest import free_port, python_server, stop, _importable

pytestmark = pytest.mark.integration

TIMEOUT = 2  # gunicorn --timeout, seconds
SLOW_CHART = ("/cgi-bin/get_graph.py?type=area&width=2000&height=500&format=png&stacked=1&data="
              + "|".join(",".join(str((i * (s + 3)) % 17) for i in range(300)) for s in range(8)))


def _workers(log_path):
    return re.findall(r"Booting worker with pid: (\d+)", log_path.read_text(errors="replace"))


def _wait(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    pytest.fail(f"not within {seconds} s: {what}")


def _alive(pid):
    """True while ``pid`` exists and is not a zombie (killed, not yet reaped by the arbiter)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.fixture
def one_worker(tmp_path):
    require_or_skip(_importable("gunicorn"), "gunicorn is not installed: pip install -e '.[test]'")
    port = free_port()
    log_path = tmp_path / "gunicorn.log"
    args = ["gunicorn", "--workers", "1", "--timeout", str(TIMEOUT), "--graceful-timeout", "1",
            "--bind", f"127.0.0.1:{port}", "--error-logfile", "-", "dyngraph.wsgi:application"]
    process = python_server(args, log_path, f"http://127.0.0.1:{port}/cgi-bin/page.py")
    try:
        yield port, log_path
    finally:
        for pid in map(int, _workers(log_path)):  # a worker still stopped would outlive the group's TERM
            try:
                os.kill(pid, signal.SIGCONT)
            except ProcessLookupError:
                pass
        stop(process)


def _request_in_flight(port, answers):
    """Send SLOW_CHART on a raw socket; record what comes back (b'' when the connection is cut)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(f"GET {SLOW_CHART} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        answers["sent"] = time.monotonic()
        data = b""
        try:
            while chunk := conn.recv(65536):
                data += chunk
        except OSError:
            pass
        answers["data"] = data


def test_a_worker_stuck_mid_request_is_killed_and_replaced(one_worker):
    port, log_path = one_worker
    _wait(lambda: len(_workers(log_path)) == 1, 10, "the first worker boots")
    stuck = int(_workers(log_path)[0])
    base = f"http://127.0.0.1:{port}"
    urllib.request.urlopen(base + "/cgi-bin/get_graph.py?data=1,2,3&format=png", timeout=10).read()  # warm

    answers = {}
    client = threading.Thread(target=_request_in_flight, args=(port, answers))
    client.start()
    _wait(lambda: "sent" in answers, 10, "the request is sent")
    time.sleep(0.02)  # the worker has read the request and is drawing a chart that takes far longer
    os.kill(stuck, signal.SIGSTOP)
    stopped_at = time.monotonic()

    _wait(lambda: not _alive(stuck), TIMEOUT + 15, f"gunicorn kills the stuck worker {stuck}")
    killed_after = time.monotonic() - stopped_at
    _wait(lambda: len(_workers(log_path)) >= 2, 15, "gunicorn boots a new worker")
    client.join(30)

    log = log_path.read_text(errors="replace")
    assert f"WORKER TIMEOUT (pid:{stuck})" in log, log
    assert not answers["data"].startswith(b"HTTP/1.1 200"), "the request was answered before the worker stopped"
    assert TIMEOUT <= killed_after < TIMEOUT + 15
    replacement = int(_workers(log_path)[-1])
    assert replacement != stuck and _alive(replacement)

    with urllib.request.urlopen(base + "/cgi-bin/get_graph.py?data=1,5,3&width=200&height=100&format=png",
                                timeout=10) as response:
        assert response.status == 200
        image = decode(response.read())
    assert image.size == (200, 100)
