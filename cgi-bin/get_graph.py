#!/usr/bin/env python3
"""get_graph.py: draws the chart its query string describes (CGI, or WSGI via mod_wsgi).

Admins: nothing to change here. Settings come from the environment
(Apache's SetEnv DYNGRAPH_...); see apache.conf.example.
"""

import gc
import os
import sys

if __name__ == "__main__":
    gc.disable()  # one request per process: the cycle collector only costs time here (~1.5 ms)

try:
    from dyngraph import home
except ModuleNotFoundError as error:  # the bundle as unpacked: lib/ lives beside cgi-bin/
    if error.name != "dyngraph":
        raise
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "lib"))
    from dyngraph import home

if __name__ == "__main__":
    home.use_writable_bytecode(os.environ)  # lib/ read-only to the web user: bytecode in the data dir instead

from dyngraph.graph_app import application  # noqa: E402

if __name__ == "__main__":
    from dyngraph.gateway import end_cgi, prepare_cgi, run_cgi

    prepare_cgi(application.settings)  # time limit (DYNGRAPH_CGI_TIMEOUT), drain any request body
    run_cgi(application)  # PEP 3333 over stdin/stdout, as wsgiref's CGIHandler but without its imports
    end_cgi()  # flush and exit without interpreter shutdown (~6 ms)
