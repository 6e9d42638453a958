"""Both module-level ``application`` objects under one WSGI server, at Apache's paths.

gunicorn serves one WSGI callable; the page's relative <img src="get_graph.py?…">
needs the image script beside it, so mount both as ``dyngraph serve`` does:
``gunicorn --pythonpath tests/integration wsgi_mount:application``.
"""

from dyngraph.devserver import make_router
from dyngraph.graph_app import application as graph_application
from dyngraph.page_app import application as page_application

application = make_router(page_application, graph_application)
