"""passenger_wsgi.py: dyngraph under Phusion Passenger (cPanel's "Setup Python App").

Admins: nothing to change here. Point the app's root at this folder (lib/ lives
beside it), its entry point at this file, and Passenger serves the page and the
image script at cgi-bin/page.py and cgi-bin/get_graph.py under the app's URL.
Settings come from the environment (the app's environment variables, DYNGRAPH_...);
see docs/deploy.md.
"""

import os
import sys

try:
    from dyngraph.wsgi import application
except ModuleNotFoundError as error:  # the bundle as unpacked: lib/ lives beside this file
    if error.name != "dyngraph":
        raise
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
    from dyngraph.wsgi import application

__all__ = ["application"]
