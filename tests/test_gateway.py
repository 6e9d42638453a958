"""dyngraph.gateway.run_cgi against wsgiref's CGI handler: the same bytes out for the same application."""

import io
from wsgiref.handlers import BaseCGIHandler
from wsgiref.validate import validator

import pytest

from dyngraph import gateway
from dyngraph.graph_app import make_app as make_graph
from dyngraph.page_app import make_app as make_page
from dyngraph.settings import Settings

CGI_ENV = {"GATEWAY_INTERFACE": "CGI/1.1", "SERVER_NAME": "localhost", "SERVER_PORT": "80",
           "SERVER_PROTOCOL": "HTTP/1.1", "SCRIPT_NAME": "/cgi-bin/get_graph.py", "PATH_INFO": ""}


def app_single(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"one chunk"]


def app_chunks(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    yield b"first "
    yield b""
    yield b"second"


def app_empty(environ, start_response):
    start_response("204 No Content", [])
    return []


def app_write(environ, start_response):
    write = start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "11")])
    write(b"hello ")
    return [b"world"]


class Closing:
    closed = []

    def __iter__(self):
        yield b"x"

    def close(self):
        self.closed.append(True)


def app_closing(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return Closing()


def app_fails_early(environ, start_response):
    raise RuntimeError("before any header")


def app_fails_late(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    yield b"partial"
    raise RuntimeError("after the headers")


def app_exc_info(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    try:
        raise ValueError("changed its mind")
    except ValueError:
        import sys

        start_response("503 Service Unavailable", [("Content-Type", "text/plain")], sys.exc_info())
    return [b"later"]


def app_environ(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    keys = ("wsgi.version", "wsgi.url_scheme", "wsgi.multithread", "wsgi.multiprocess", "wsgi.run_once",
            "REQUEST_METHOD", "QUERY_STRING", "HTTPS")
    return [repr([(k, environ.get(k)) for k in keys]).encode()]


APPS = [app_single, app_chunks, app_empty, app_write, app_closing, app_fails_early, app_fails_late, app_exc_info,
        app_environ]


class WsgirefCGI(BaseCGIHandler):
    """wsgiref.handlers.CGIHandler with its streams and environ given (CGIHandler reads the process's)."""

    wsgi_run_once = True


def through_wsgiref(app, environ, body=b""):
    out, err = io.BytesIO(), io.StringIO()
    WsgirefCGI(io.BytesIO(body), out, err, dict(environ), multithread=False, multiprocess=True).run(app)
    return out.getvalue(), err.getvalue()


def through_ours(app, environ, body=b""):
    out, err = io.BytesIO(), io.StringIO()
    gateway.run_cgi(app, environ=dict(environ), stdin=io.BytesIO(body), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize("app", APPS, ids=lambda a: a.__name__)
@pytest.mark.parametrize("https", ["", "on"])
def test_the_same_bytes_as_wsgirefs_cgi_handler(app, https):
    environ = {**CGI_ENV, "REQUEST_METHOD": "GET", "QUERY_STRING": "a=1", **({"HTTPS": https} if https else {})}
    ours, ours_err = through_ours(app, environ)
    theirs, theirs_err = through_wsgiref(app, environ)
    assert ours == theirs
    assert ("Traceback" in ours_err) == ("Traceback" in theirs_err)
    if "fails" in app.__name__:
        assert "RuntimeError" in ours_err


def test_a_closable_result_is_closed():
    Closing.closed.clear()
    through_ours(app_closing, {**CGI_ENV, "REQUEST_METHOD": "GET"})
    assert Closing.closed == [True]


QUERIES = ["type=line&data=1,5,3|2,4,6&width=200&height=100&format=png", "data=1,2&width=huge",
           "cht=p3&chs=250x100&chd=t:60,40", "graphId=nonsense"]


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("method", ["GET", "HEAD", "POST"])
def test_both_apps_through_wsgiref_validate_give_the_same_bytes(query, method):
    """The real applications, linted by wsgiref.validate on both gateways (the linter checks the gateway too)."""
    for make in (make_graph, make_page):
        app = validator(make(Settings(cache_bytes=0)))
        environ = {**CGI_ENV, "REQUEST_METHOD": method, "QUERY_STRING": query}
        ours, ours_err = through_ours(app, environ)
        theirs, theirs_err = through_wsgiref(app, environ)
        assert ours == theirs and ours_err == theirs_err == ""
        assert ours.startswith(b"Status: ")


def test_headers_that_would_break_the_block_are_refused():
    def bad(environ, start_response):
        start_response("200 OK", [("X-Evil", "a\r\nSet-Cookie: b")])
        return [b""]

    out, err = through_ours(bad, {**CGI_ENV, "REQUEST_METHOD": "GET"})
    assert out.startswith(b"Status: 500 Internal Server Error\r\n") and b"Set-Cookie" not in out
    assert "would break the header block" in err


def test_the_gateway_imports_no_re_or_wsgiref():
    import subprocess
    import sys

    from conftest import ROOT

    code = (f"import sys; sys.path.insert(0, {str(ROOT / 'lib')!r}); import dyngraph.gateway, dyngraph.graph_app; "
            "print(' '.join(sys.modules))")
    modules = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert "dyngraph.gateway" in modules
    assert not {"re", "wsgiref", "wsgiref.handlers", "enum"} & set(modules)
