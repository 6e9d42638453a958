"""One CGI request: guards set up first, a minimal PEP 3333 gateway, and a quick exit.

A CGI process is ours alone, so it can be bounded from inside: a wall-clock
alarm whose default action ends the process even while Pillow is busy in C,
and a capped read of any request body, since Apache's mod_cgid resets the
connection when a script exits without reading what it was sent. For the same
reason it can skip what only long-lived processes need: the cyclic garbage
collector and the interpreter's shutdown.

:func:`run_cgi` does what ``wsgiref.handlers.CGIHandler().run`` does, byte for
byte (tests/test_gateway.py compares them), without its imports: wsgiref's
headers module pulls in ``re`` and ``enum``, ~6 ms of a render-cache hit.
"""

import os
import sys

try:  # the C module: signal.py wraps it in enums, and enum costs ~3 ms to import
    from _signal import alarm
except ImportError:
    from signal import alarm

MAX_DRAIN = 64 * 1024
ERROR_STATUS = "500 Internal Server Error"
ERROR_HEADERS = [("Content-Type", "text/plain")]
ERROR_BODY = b"A server error occurred.  Please contact the administrator."  # wsgiref's words
HOP_BY_HOP = frozenset(("connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
                        "transfer-encoding", "upgrade"))


def prepare_cgi(settings, *, environ=os.environ, stdin=None):
    """Arm the time limit and drain a small request body; call once per CGI process."""
    if settings.cgi_timeout > 0:
        alarm(settings.cgi_timeout)  # no handler: SIGALRM's default action ends the process
    raw = environ.get("CONTENT_LENGTH", "")
    if raw.isascii() and raw.isdigit() and int(raw) > 0:
        stream = stdin if stdin is not None else sys.stdin.buffer
        stream.read(min(int(raw), MAX_DRAIN))


def end_cgi():
    """End the process once CGIHandler has answered: flush, then skip interpreter shutdown.

    Shutdown runs a full garbage collection and tears down every module, Pillow
    included: ~6 ms of a ~50 ms chart request, with nothing to show for it in a
    process that served its one request (the kernel frees memory and sockets).
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def run_cgi(application, *, environ=None, stdin=None, stdout=None, stderr=None):
    """Serve the one request of this CGI process with a WSGI application, as wsgiref's CGIHandler does."""
    env = dict(os.environ if environ is None else environ)
    stdin = sys.stdin.buffer if stdin is None else stdin
    stdout = sys.stdout.buffer if stdout is None else stdout
    stderr = sys.stderr if stderr is None else stderr
    env.update({
        "wsgi.input": stdin, "wsgi.errors": stderr, "wsgi.version": (1, 0), "wsgi.run_once": True,
        "wsgi.url_scheme": "https" if env.get("HTTPS", "off").lower() in ("on", "1", "yes") else "http",
        "wsgi.multithread": False, "wsgi.multiprocess": True,
    })
    _Response(stdout, stderr).serve(application, env)


class _Response:
    """The state of one response: PEP 3333's start_response and write, headers sent before the first chunk."""

    def __init__(self, stdout, stderr):
        self.stdout, self.stderr = stdout, stderr
        self.status = self.headers = None
        self.sent = False

    def serve(self, application, environ):
        try:
            try:
                self.result = application(environ, self.start_response)
                self.finish()
            except Exception:
                self.fail()
        except (ConnectionAbortedError, BrokenPipeError, ConnectionResetError):
            pass  # the client went away: nothing left to tell it

    def finish(self):
        try:
            for data in self.result:
                self.write(data)
            if not self.sent:  # an empty body: wsgiref says so
                if not any(name.lower() == "content-length" for name, _ in self.headers):
                    self.headers.append(("Content-Length", "0"))
                self.send_headers()
        finally:
            close = getattr(self.result, "close", None)
            if close is not None:
                close()

    def fail(self):
        """Log the traceback; answer 500 unless the headers have gone out already."""
        import traceback  # only on failure

        try:
            traceback.print_exception(*sys.exc_info(), file=self.stderr)
            self.stderr.flush()
        finally:
            if not self.sent:
                self.result = [ERROR_BODY]
                self.start_response(ERROR_STATUS, ERROR_HEADERS[:], sys.exc_info())
                self.finish()

    def start_response(self, status, headers, exc_info=None):
        if exc_info:
            try:
                if self.sent:
                    raise exc_info[1].with_traceback(exc_info[2])
            finally:
                exc_info = None
        elif self.status is not None:
            raise AssertionError("Headers already set!")
        _check(status, headers)
        self.status, self.headers = status, list(headers)
        return self.write

    def write(self, data):
        if self.status is None:
            raise AssertionError("write() before start_response()")
        if not isinstance(data, bytes):
            raise AssertionError("write() argument must be a bytes instance")
        if not self.sent:
            if not any(name.lower() == "content-length" for name, _ in self.headers):
                result = getattr(self, "result", None)
                if isinstance(result, (list, tuple)) and len(result) == 1:  # the whole body is this chunk
                    self.headers.append(("Content-Length", str(len(data))))
            self.send_headers()
        self.stdout.write(data)
        self.stdout.flush()

    def send_headers(self):
        lines = [f"Status: {self.status}\r\n"]
        lines += [f"{name}: {value}\r\n" for name, value in self.headers]
        self.sent = True
        self.stdout.write(("".join(lines) + "\r\n").encode("iso-8859-1"))


def _check(status, headers):
    """PEP 3333's rules for what the application hands over, as wsgiref asserts them (and no CR/LF)."""
    if type(status) is not str or len(status) < 4 or not status[:3].isdigit() or status[3] != " ":
        raise AssertionError(f"Status must be a str like '200 OK', got {status!r}")
    for name, value in headers:
        if type(name) is not str or type(value) is not str:
            raise AssertionError(f"Header names and values must be str, got {name!r}: {value!r}")
        if name.lower() in HOP_BY_HOP:
            raise AssertionError(f"Hop-by-hop header {name!r} not allowed")
        if "\r" in name or "\n" in name or "\r" in value or "\n" in value or ":" in name:
            raise AssertionError(f"Header {name!r} would break the header block")
