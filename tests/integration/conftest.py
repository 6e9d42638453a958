"""Real servers for the integration tests: Apache httpd, dyngraph serve, gunicorn.

Every server binds 127.0.0.1 on a free port, lives in a temporary directory
and is stopped (its whole process group) in the fixture's finalizer.

Apache runs the CGI scripts as an unprivileged user. When the suite runs as
root (CI does), httpd itself is started as ``www-data`` (or ``nobody``), so it
never needs ``User``/``Group`` and the scripts run exactly as on a real
server. That user cannot be assumed to read the checkout or the .venv (CI's
clone and pyenv's interpreter may sit under /root), so the test builds what a
real machine has, inside a world-readable temporary tree:

    <tmp>/srv/dyngraph/{cgi-bin,lib}      the bundle as unpacked by an admin
    <tmp>/srv/dyngraph/venv               the admin's venv: host python3 + Pillow
    <tmp>/home/user/public_html/{cgi-bin,lib}   the same bundle on shared hosting
    <tmp>/home/user/pylib/PIL             Pillow installed by the user (--target)
    <tmp>/apache-*/{conf,run}             httpd's own files, one folder per server

"The host's python3" is the first python3 on /usr/local/bin:/usr/bin:/bin;
the Pillow copied beside it is the one this test run imports, so both must be
the same Python minor version (they are when .venv was made from python3).
"""

import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import ROOT, require_or_skip

APACHE = "/usr/sbin/apache2"
APACHE_MODULES = Path("/usr/lib/apache2/modules")
MODULES = ["mpm_event", "authz_core", "alias", "cgid", "env", "mime", "dir", "userdir",
           "allowmethods"]  # log_config is built in
HOST_PATH = "/usr/local/bin:/usr/bin:/bin"
SERVICE_USERS = ("www-data", "nobody")
ARTIFACTS = ROOT / "test-artifacts"
START_TIMEOUT = 20
# Apache log levels that mean something went wrong (notice/info lines are fine).
BAD_LOG_LEVELS = (":warn]", ":error]", ":crit]", ":alert]", ":emerg]")
# Apache logs each request it refuses at error level; the tests make these on
# purpose (a POST, a request for lib/ or a dot-file) and check their status.
EXPECTED_REFUSALS = ("AH01623", "AH01630", "AH01797")


@dataclass
class Site:
    """One deployment to check over HTTP: where its page and image script answer."""

    name: str
    page_url: str
    graph_url: str
    index_url: str = ""
    log_path: Path | None = None
    bad_markers: tuple = BAD_LOG_LEVELS
    expected: tuple = EXPECTED_REFUSALS
    log_offset: int = field(default=0)

    def mark_log(self):
        """Start watching the log from its current end."""
        self.log_offset = self.log_path.stat().st_size if self.log_path and self.log_path.exists() else 0
        return self

    def log_problems(self):
        """Lines logged since mark_log() that report a warning or an error."""
        if self.log_path is None or not self.log_path.exists():
            return []
        with open(self.log_path, "rb") as f:
            f.seek(self.log_offset)
            text = f.read().decode("utf-8", "replace")
        return [line for line in text.splitlines()
                if any(m in line for m in self.bad_markers) and not any(e in line for e in self.expected)]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url, process, log_path=None, timeout=START_TIMEOUT):
    """Poll ``url`` until it answers, failing early if ``process`` exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = Path(log_path).read_text(errors="replace") if log_path and Path(log_path).exists() else ""
            pytest.fail(f"server exited with {process.returncode} before answering {url}\n{log}")
        try:
            with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answered
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"no answer from {url} within {timeout}s")


def stop(process, timeout=10):
    """Stop a server started with start_new_session: TERM, then KILL, its whole group."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)  # stragglers (CGI children, workers)
    except ProcessLookupError:
        pass
    process.wait(timeout)


# ---------------------------------------------------------------------------
# The tree a real machine has: bundle, host python3 with Pillow, public_html.


@dataclass
class Tree:
    root: Path
    run_user: str | None  # None: run as ourselves (not root)

    @property
    def admin_home(self):
        return self.root / "srv" / "dyngraph"

    @property
    def user_home(self):
        return self.root / "home" / "user"


def _host_python():
    python = shutil.which("python3", path=HOST_PATH)
    require_or_skip(python is not None, f"no python3 on {HOST_PATH} to run the CGI scripts")
    version = subprocess.run([python, "-c", "import sys; print(*sys.version_info[:2])"],
                             capture_output=True, text=True, check=True).stdout.split()
    ours = [str(n) for n in sys.version_info[:2]]
    require_or_skip(version == ours, f"the host's {python} is Python {'.'.join(version)} but this run's "
                    f"Pillow is built for {'.'.join(ours)}: make .venv from that python3")
    return python


def _copy_pillow(target):
    """Copy the Pillow this run imports (and its bundled libraries) into ``target``."""
    import PIL

    package = Path(PIL.__file__).parent
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(package, target / "PIL", ignore=shutil.ignore_patterns("__pycache__"))
    libs = package.parent / "pillow.libs"
    if libs.is_dir():
        shutil.copytree(libs, target / "pillow.libs")


def _copy_bundle(target):
    """The bundle as a user unpacks it: cgi-bin/ and lib/ only, modes kept."""
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    shutil.copytree(ROOT / "cgi-bin", target / "cgi-bin", ignore=ignore)
    shutil.copytree(ROOT / "lib", target / "lib", ignore=ignore)


def _run_user():
    if os.geteuid() != 0:
        return None
    for name in SERVICE_USERS:
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    pytest.fail("running as root but neither www-data nor nobody exists to run Apache as")


def _as_user(user):
    """Popen keyword arguments that drop to ``user`` (nothing when not root)."""
    if user is None:
        return {}
    entry = pwd.getpwnam(user)
    return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}


SHARED_CACHE_MAX_AGE = 3600


def shared_htaccess(pylib):
    """cgi-bin/.htaccess.example as a user would edit it: PYTHONPATH at their Pillow, one setting."""
    text = (ROOT / "cgi-bin" / ".htaccess.example").read_text()
    edits = {
        "#SetEnv PYTHONPATH /home/USER/pylib": f"SetEnv PYTHONPATH {pylib}",
        "#SetEnv DYNGRAPH_CACHE_MAX_AGE 86400": f"SetEnv DYNGRAPH_CACHE_MAX_AGE {SHARED_CACHE_MAX_AGE}",
    }
    for example, edited in edits.items():
        assert example in text, f"the .htaccess example lost its line {example!r}"
        text = text.replace(example, edited)
    return text


@pytest.fixture(scope="session")
def tree():
    """The temporary machine: bundle, admin venv, public_html; removed at the end."""
    require_or_skip(os.path.exists(APACHE), f"{APACHE} not found: install apache2 (.ci/install-system-deps)")
    python = _host_python()
    root = Path(tempfile.mkdtemp(prefix="dyngraph-it-"))
    try:
        root.chmod(0o755)
        result = Tree(root, _run_user())
        admin = result.admin_home
        _copy_bundle(admin)
        subprocess.run([python, "-m", "venv", "--without-pip", str(admin / "venv")], check=True)
        site_packages = next((admin / "venv" / "lib").glob("python3*/site-packages"))
        _copy_pillow(site_packages)
        public_html = result.user_home / "public_html"
        _copy_bundle(public_html)
        _copy_pillow(result.user_home / "pylib")
        (public_html / "cgi-bin" / ".htaccess").write_text(shared_htaccess(result.user_home / "pylib"))
        yield result
    finally:
        shutil.rmtree(root, ignore_errors=True)


# ---------------------------------------------------------------------------
# Apache httpd


@dataclass
class Apache:
    port: int
    error_log: Path
    access_log: Path

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"


def apache_config(tree, port, run_dir, extra=""):
    """httpd.conf for one test server; the dyngraph part is apache.conf.example, included unchanged."""
    modules = "\n".join(f"LoadModule {name}_module {APACHE_MODULES}/mod_{name}.so" for name in MODULES)
    return f"""\
# Generated by tests/integration/conftest.py for one test run.
ServerRoot "{run_dir.parent}"
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile "{run_dir}/httpd.pid"
DefaultRuntimeDir "{run_dir}"
Mutex file:{run_dir} default
ScriptSock "{run_dir}/cgisock"
ErrorLog "{run_dir}/error.log"
LogLevel warn
{modules}
TypesConfig "{run_dir.parent}/conf/mime.types"
LogFormat "%h %t \\"%r\\" %>s %b %D" timed
CustomLog "{run_dir}/access.log" timed
StartServers 1
ServerLimit 2
ThreadsPerChild 24
MaxRequestWorkers 48
MinSpareThreads 8
MaxSpareThreads 48
KeepAlive On

# What a stock Debian apache2.conf has: nothing served by default, no .ht files.
<Directory />
    Options FollowSymLinks
    AllowOverride None
    Require all denied
</Directory>
AccessFileName .htaccess
<FilesMatch "^\\.ht">
    Require all denied
</FilesMatch>

# The admin's install: /srv/dyngraph with its own venv.
Define DYNGRAPH_HOME {tree.admin_home}
Define DYNGRAPH_PATH {tree.admin_home}/venv/bin:{HOST_PATH}
Include "{run_dir.parent}/conf/dyngraph.conf"

# The shared host's user directories (as Debian's userdir.conf, plus what
# cgi-bin/.htaccess.example needs: Options=ExecCGI,Indexes).
UserDir "{tree.root}/home/*/public_html"
<Directory "{tree.root}/home/*/public_html">
    AllowOverride FileInfo AuthConfig Limit Indexes Options=ExecCGI,Indexes
    Options MultiViews SymLinksIfOwnerMatch IncludesNoExec
    Require all granted
</Directory>
{extra}"""


def start_apache(tree, attempts=3, extra=lambda run_dir: ""):
    """Start httpd in the foreground on a free port; returns (Apache, Popen).

    ``extra(run_dir)`` returns more configuration to append (mod_wsgi's test).
    """
    for module in MODULES:
        path = APACHE_MODULES / f"mod_{module}.so"
        require_or_skip(path.exists(), f"{path} not found: install apache2 (.ci/install-system-deps)")
    for attempt in range(attempts):
        try:
            return _start_apache_once(tree, extra)
        except PortTaken:  # another process took the free port between our check and httpd's bind
            if attempt == attempts - 1:
                raise


class PortTaken(Exception):
    pass


def _start_apache_once(tree, extra):
    base = Path(tempfile.mkdtemp(prefix="apache-", dir=tree.root))
    base.chmod(0o755)
    conf, run_dir = base / "conf", base / "run"
    conf.mkdir()
    run_dir.mkdir()
    if tree.run_user is not None:
        entry = pwd.getpwnam(tree.run_user)
        os.chown(run_dir, entry.pw_uid, entry.pw_gid)
    (conf / "mime.types").write_text("")
    shutil.copyfile(ROOT / "apache.conf.example", conf / "dyngraph.conf")
    port = free_port()
    (conf / "httpd.conf").write_text(apache_config(tree, port, run_dir, extra(run_dir)))
    check = subprocess.run([APACHE, "-t", "-f", str(conf / "httpd.conf")], capture_output=True, text=True,
                           **_as_user(tree.run_user))
    assert check.returncode == 0, f"apache2 -t refused the generated config:\n{check.stderr}"
    startup_log = run_dir / "startup.log"  # what httpd says before its ErrorLog is open
    with open(startup_log, "wb") as output:
        process = subprocess.Popen(
            [APACHE, "-DFOREGROUND", "-f", str(conf / "httpd.conf")],
            stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
            start_new_session=True, env={"PATH": HOST_PATH, "LANG": "C"}, **_as_user(tree.run_user),
        )
    server = Apache(port, run_dir / "error.log", run_dir / "access.log")
    try:
        wait_for_http(server.base + "/dyngraph/", process, startup_log)  # a redirect: no CGI, no log
    except BaseException:
        stop(process)
        said = startup_log.read_text(errors="replace")
        if server.error_log.exists():
            said += server.error_log.read_text(errors="replace")
        if "Address already in use" in said:
            raise PortTaken(port) from None
        raise
    return server, process


@pytest.fixture(scope="module")
def apache(tree):
    """A fresh Apache for one test module, stopped whatever happens."""
    server, process = start_apache(tree)
    try:
        yield server
    finally:
        stop(process)


def apache_site(apache):
    """The admin's install, at apache.conf.example's default URL /dyngraph/."""
    return Site("apache", f"{apache.base}/dyngraph/page.py", f"{apache.base}/dyngraph/get_graph.py",
                index_url=f"{apache.base}/dyngraph/", log_path=apache.error_log).mark_log()


def shared_hosting_site(apache):
    """The copy in ~user/public_html, configured only by its .htaccess."""
    return Site("shared-hosting", f"{apache.base}/~user/cgi-bin/page.py",
                f"{apache.base}/~user/cgi-bin/get_graph.py", index_url=f"{apache.base}/~user/cgi-bin/",
                log_path=apache.error_log).mark_log()


# ---------------------------------------------------------------------------
# WSGI servers from this checkout's .venv


def python_server(args, log_path, ready_url):
    """Start ``python -m <args>`` in its own process group and wait until it answers."""
    log = open(log_path, "wb")
    process = subprocess.Popen(
        [sys.executable, "-m", *args], stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "lib")},
    )
    log.close()
    try:
        wait_for_http(ready_url, process, log_path)
    except BaseException:
        stop(process)
        raise
    return process


@pytest.fixture(scope="module")
def devserver(tmp_path_factory):
    """``python -m dyngraph serve`` on a free port."""
    port = free_port()
    log_path = tmp_path_factory.mktemp("devserver") / "serve.log"
    base = f"http://127.0.0.1:{port}"
    process = python_server(["dyngraph", "serve", "--port", str(port), "--quiet"], log_path,
                            base + "/cgi-bin/page.py")
    try:
        yield Site("dyngraph-serve", f"{base}/cgi-bin/page.py", f"{base}/cgi-bin/get_graph.py",
                   index_url=base + "/", log_path=log_path, bad_markers=("Traceback", "Error")).mark_log()
    finally:
        stop(process)


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory):
    """gunicorn, 2 workers, serving dyngraph.wsgi:application (both apps at Apache's paths)."""
    require_or_skip(_importable("gunicorn"), "gunicorn is not installed: pip install -e '.[test]'")
    port = free_port()
    log_path = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    base = f"http://127.0.0.1:{port}"
    args = ["gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}", "--graceful-timeout", "5",
            "--error-logfile", "-", "dyngraph.wsgi:application"]
    process = python_server(args, log_path, base + "/cgi-bin/page.py")
    try:
        yield Site("gunicorn", f"{base}/cgi-bin/page.py", f"{base}/cgi-bin/get_graph.py", index_url=base + "/",
                   log_path=log_path, bad_markers=("[ERROR]", "[CRITICAL]", "Traceback")).mark_log()
    finally:
        stop(process)


def _importable(name):
    import importlib.util

    return importlib.util.find_spec(name) is not None
