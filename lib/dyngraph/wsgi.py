"""Both applications under one WSGI callable, at the paths Apache's cgi-bin uses.

For WSGI servers that serve a single callable (gunicorn, uWSGI, waitress):
``gunicorn -w 2 -b 127.0.0.1:8000 dyngraph.wsgi:application`` serves
/cgi-bin/page.py and /cgi-bin/get_graph.py, so the page's relative image URLs work.
"""

from .devserver import make_router
from .graph_app import application as graph_application
from .page_app import application as page_application

application = make_router(page_application, graph_application)


def _preload():
    """A server process draws many charts: load the renderer (Pillow and every chart kind) at start.
    Without Pillow the pages are still served and each chart request says what is missing, as before."""
    try:
        from . import render
    except ModuleNotFoundError as error:
        if error.name != "PIL":
            raise
        return
    render.preload()


_preload()
