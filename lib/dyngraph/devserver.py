"""``dyngraph serve``: a wsgiref server laid out like Apache's cgi-bin.

``/cgi-bin/page.py`` and ``/cgi-bin/get_graph.py`` answer at the same paths
Apache would use, so relative URLs behave the same; ``/`` redirects to the page.
"""

from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from . import http

PAGE_PATH = "/cgi-bin/page.py"
GRAPH_PATH = "/cgi-bin/get_graph.py"


def make_router(page_app, graph_app):
    """One WSGI app that dispatches by path, as Apache's ScriptAlias does."""

    def router(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == GRAPH_PATH:
            return _mounted(graph_app, environ, start_response, GRAPH_PATH)
        if path == PAGE_PATH:
            return _mounted(page_app, environ, start_response, PAGE_PATH)
        if path in ("", "/", "/cgi-bin/", "/cgi-bin"):  # under the mount point (Passenger's base URI)
            location = environ.get("SCRIPT_NAME", "") + PAGE_PATH
            start_response("302 Found", [("Location", location), ("Content-Length", "0")])
            return []
        return http.text_error(environ, start_response, 404, f"path: nothing here; try {PAGE_PATH}")

    return router


def _mounted(app, environ, start_response, script_name):
    environ = dict(environ, SCRIPT_NAME=environ.get("SCRIPT_NAME", "") + script_name, PATH_INFO="")
    return app(environ, start_response)


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature from BaseHTTPRequestHandler
        pass


def serve(host="127.0.0.1", port=8000, *, quiet=False):
    """Serve page and graph apps until interrupted."""
    from .graph_app import make_app as make_graph
    from .page_app import make_app as make_page

    router = make_router(make_page(), make_graph())
    handler = _QuietHandler if quiet else WSGIRequestHandler
    with make_server(host, port, router, server_class=_ThreadingServer, handler_class=handler) as server:
        print(f"dyngraph serving on http://{host}:{server.server_port}{PAGE_PATH}", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
