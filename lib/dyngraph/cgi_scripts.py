"""The two CGI scripts as text: the one source of cgi-bin/ and of ``dyngraph install-cgi``.

cgi-bin/page.py and cgi-bin/get_graph.py are :func:`script` with the bundle's
shebang, byte for byte (tests/test_install_cgi.py checks it): to change them,
edit TEMPLATE and run ``dyngraph install-cgi cgi-bin --shebang '/usr/bin/env python3'``.
For an installed dyngraph (a wheel in a venv), ``install-cgi DIR`` writes them
with the shebang of the interpreter that runs it, so they import that install.
"""

import os
import sys

BUNDLE_SHEBANG = "/usr/bin/env python3"
MAX_SHEBANG = 255  # bytes Linux reads of a "#!" line (BINPRM_BUF_SIZE, since 5.1; 127 before)
# script name -> (module of its application, what its docstring says it does)
SCRIPTS = {
    "page.py": ("page_app", "the gallery and chart builder page"),
    "get_graph.py": ("graph_app", "draws the chart its query string describes"),
}
TEMPLATE = '''\
#!@SHEBANG@
"""@NAME@: @WHAT@ (CGI, or WSGI via mod_wsgi).

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

from dyngraph.@APP@ import application  # noqa: E402

if __name__ == "__main__":
    from dyngraph.gateway import end_cgi, prepare_cgi, run_cgi

    prepare_cgi(application.settings)  # time limit (DYNGRAPH_CGI_TIMEOUT), drain any request body
    run_cgi(application)  # PEP 3333 over stdin/stdout, as wsgiref's CGIHandler but without its imports
    end_cgi()  # flush and exit without interpreter shutdown (~6 ms)
'''


def script(name, shebang=BUNDLE_SHEBANG):
    """The text of the CGI script ``name`` (a key of SCRIPTS) starting ``#!shebang``."""
    app, what = SCRIPTS[name]
    return (TEMPLATE.replace("@SHEBANG@", shebang).replace("@NAME@", name).replace("@WHAT@", what)
            .replace("@APP@", app))


def check_shebang(shebang):
    """``shebang`` when the kernel can run it; ValueError naming the problem otherwise."""
    if not shebang:
        msg = "no interpreter path (sys.executable is empty); give --shebang"
        raise ValueError(msg)
    if "\n" in shebang or "\r" in shebang or "\0" in shebang:
        msg = "the shebang must be one line"
        raise ValueError(msg)
    if len(f"#!{shebang}".encode()) > MAX_SHEBANG:
        msg = f"the interpreter path is longer than the {MAX_SHEBANG} bytes a '#!' line may have; give --shebang"
        raise ValueError(msg)
    return shebang


def install(directory, *, shebang=None):
    """Write page.py and get_graph.py into ``directory`` (created if missing), mode 755; return their paths.

    ``shebang`` defaults to this interpreter; a path with a space cannot be a
    shebang's interpreter (the kernel splits there), so it is refused.
    """
    if shebang is None:
        if any(c.isspace() for c in sys.executable):
            msg = f"the interpreter path {sys.executable!r} contains a space, which a '#!' line cannot hold; " \
                  "give --shebang"
            raise ValueError(msg)
        shebang = sys.executable
    check_shebang(shebang)
    os.makedirs(directory, exist_ok=True)
    written = []
    for name in SCRIPTS:
        path = os.path.join(directory, name)
        temporary = f"{path}.tmp{os.getpid()}"
        with open(temporary, "w", encoding="utf-8", newline="\n") as f:
            f.write(script(name, shebang))
        os.chmod(temporary, 0o755)
        os.replace(temporary, path)  # a script being served is never seen half-written
        written.append(path)
    return written
