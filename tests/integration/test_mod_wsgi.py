"""The same two scripts loaded by mod_wsgi, from apache.conf.example's commented block.

The block is taken from the example, uncommented and pointed at the temporary
/srv/dyngraph (served under /wsgi/ beside the CGI mount), so the documented
alternative cannot rot either. Needs Debian's libapache2-mod-wsgi-py3, which
embeds the host's python3: the admin venv (host python3 + Pillow) is its home.
"""

import re

import pytest

from .conftest import APACHE_MODULES, ROOT, Site, require_or_skip, start_apache, stop
from .http_checks import *  # noqa: F401,F403 - the shared checks run against this site

pytestmark = pytest.mark.integration

MOD_WSGI = APACHE_MODULES / "mod_wsgi.so"


def wsgi_block(home):
    """The example's mod_wsgi lines, uncommented, for the bundle at ``home``, under /wsgi/."""
    text = (ROOT / "apache.conf.example").read_text()
    start = text.index("# WSGIDaemonProcess")
    lines = [re.sub(r"^# ?", "", line) for line in text[start:].splitlines()]
    block = "\n".join(lines)
    assert "WSGIScriptAlias /dyngraph/get_graph.py" in block, "apache.conf.example lost its mod_wsgi block"
    return block.replace("/srv/dyngraph", "@HOME@").replace("/dyngraph/", "/wsgi/").replace("@HOME@", str(home))


@pytest.fixture(scope="module")
def site(tree):
    require_or_skip(MOD_WSGI.exists(), f"{MOD_WSGI} not found: install libapache2-mod-wsgi-py3 "
                    "(.ci/install-system-deps)")

    def extra(run_dir):
        return (f"LoadModule wsgi_module {MOD_WSGI}\nWSGISocketPrefix {run_dir}/wsgi\n"
                f"{wsgi_block(tree.admin_home)}\n")

    server, process = start_apache(tree, extra=extra)
    try:
        yield Site("mod_wsgi", f"{server.base}/wsgi/page.py", f"{server.base}/wsgi/get_graph.py",
                   index_url=f"{server.base}/wsgi/page.py", log_path=server.error_log).mark_log()
    finally:
        stop(process)
