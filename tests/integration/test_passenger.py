"""passenger_wsgi.py under Phusion Passenger in Apache, laid out as cPanel's "Setup Python App" does.

cPanel keeps the application root outside public_html, makes a venv per
application under ~/virtualenv/<app>/<python>/, and gives Apache the Passenger
lines for the app's URL (PassengerAppRoot, PassengerBaseURI, PassengerPython and
the app's environment variables as SetEnv). The test builds that for a user
``cpuser`` whose domain's document root is public_html, with the app at /charts:

    <tmp>/home/cpuser/dyngraph/{passenger_wsgi.py,lib}    the application root
    <tmp>/home/cpuser/virtualenv/dyngraph/3.X/            its venv: host python3 + Pillow
    <tmp>/home/cpuser/public_html/charts/                 the app's URL, empty

The lines go in a <Location /charts> of the server, as cPanel's Application
Manager includes them in the virtual host. (CloudLinux's Python Selector writes
the same lines into public_html/charts/.htaccess; that needs CloudLinux's own
mod_passenger: upstream's refuses PassengerAppRoot in .htaccess.)

Needs Debian's libapache2-mod-passenger (.ci/install-system-deps). Its wsgi
loader (Passenger 6.0.17) imports ``imp``, so it starts apps on Python <= 3.11
only; the host's python3 must be one of those.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from .conftest import (APACHE_MODULES, ARTIFACTS, BAD_LOG_LEVELS, HOST_PATH, ROOT, Site, _copy_pillow,
                       require_or_skip, start_apache, stop)
from .http_checks import *  # noqa: F401,F403 - the shared checks run against this site
from .http_checks import fetch

pytestmark = pytest.mark.integration

MOD_PASSENGER = APACHE_MODULES / "mod_passenger.so"
PASSENGER_STATUS = "/usr/sbin/passenger-status"
PASSENGER_ROOT = "/usr/lib/ruby/vendor_ruby/phusion_passenger/locations.ini"
BASE_URI = "/charts"
CACHE_MAX_AGE = 4321  # set in the app's .htaccess: proves cPanel's environment variables reach the app
# Passenger's own log lines: "[ W 2026-... ]" is a warning, "[ E ..." an error, "[ C ..." critical.
PASSENGER_BAD = ("[ W ", "[ E ", "[ C ", "Traceback")


def app_conf(app_root, python):
    """What cPanel's Application Manager includes in the domain's virtual host for an app at BASE_URI."""
    return f"""\
<Location "{BASE_URI}">
    PassengerAppRoot "{app_root}"
    PassengerBaseURI "{BASE_URI}"
    PassengerPython "{python}"
    PassengerAppEnv "production"
    SetEnv DYNGRAPH_CACHE_MAX_AGE {CACHE_MAX_AGE}
</Location>
"""


@pytest.fixture(scope="module")
def cpanel(tree):
    """The cPanel user's home: app root, venv, public_html/charts/.htaccess."""
    require_or_skip(MOD_PASSENGER.exists(), f"{MOD_PASSENGER} not found: install libapache2-mod-passenger "
                    "(.ci/install-system-deps)")
    loader = Path("/usr/share/passenger/helper-scripts/wsgi-loader.py")
    old_loader = loader.exists() and re.search(r"^import .*\bimp\b", loader.read_text(), re.M)
    require_or_skip(not (old_loader and sys.version_info >= (3, 12)),
                    f"{loader} imports imp, which Python {sys.version_info[0]}.{sys.version_info[1]} no longer has "
                    "(fixed upstream after Passenger 6.0.18): run this test on Python <= 3.11")
    home = tree.root / "home" / "cpuser"
    app_root = home / "dyngraph"
    app_root.mkdir(parents=True)
    shutil.copy(ROOT / "passenger_wsgi.py", app_root)
    shutil.copytree(ROOT / "lib", app_root / "lib", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    minor = "%d.%d" % sys.version_info[:2]
    venv = home / "virtualenv" / "dyngraph" / minor
    python = shutil.which("python3", path=HOST_PATH)
    subprocess.run([python, "-m", "venv", "--without-pip", str(venv)], check=True)
    _copy_pillow(next((venv / "lib").glob("python3*/site-packages")))
    (home / "public_html" / BASE_URI.strip("/")).mkdir(parents=True)  # the app's URL, as cPanel makes it
    return home


@pytest.fixture(scope="module")
def passenger(tree, cpanel):
    """Apache with mod_passenger and the cPanel user's domain; Passenger's registry in httpd's run dir."""
    def extra(run_dir):
        return f"""\
LoadModule passenger_module {MOD_PASSENGER}
PassengerRoot {PASSENGER_ROOT}
PassengerDefaultRuby /usr/bin/ruby
PassengerInstanceRegistryDir "{run_dir}"
PassengerDataBufferDir "{run_dir}"
PassengerSpawnDir "{run_dir}"
PassengerDisableAnonymousTelemetry on
PassengerDisableSecurityUpdateCheck on
# The cPanel user's domain: its document root is public_html; the app is included in it.
DocumentRoot "{cpanel}/public_html"
{app_conf(cpanel / "dyngraph", venv_python(cpanel))}"""

    server, process = start_apache(tree, extra=extra)
    try:
        yield server
    finally:
        stop(process)
        ARTIFACTS.mkdir(exist_ok=True)  # Passenger reports spawn failures only there
        if server.error_log.exists():
            shutil.copyfile(server.error_log, ARTIFACTS / "passenger-error.log")


@pytest.fixture(scope="module")
def site(passenger):
    base = f"{passenger.base}{BASE_URI}"
    return Site("passenger", f"{base}/cgi-bin/page.py", f"{base}/cgi-bin/get_graph.py", index_url=f"{base}/",
                log_path=passenger.error_log, bad_markers=(*BAD_LOG_LEVELS, *PASSENGER_BAD)).mark_log()


def venv_python(home):
    return next((home / "virtualenv" / "dyngraph").glob("3.*")) / "bin" / "python"


def test_app_root_is_outside_the_document_root(cpanel):
    assert sorted(p.name for p in (cpanel / "public_html").iterdir()) == ["charts"]
    assert list((cpanel / "public_html" / "charts").iterdir()) == []
    assert sorted(p.name for p in (cpanel / "dyngraph").iterdir()) == ["lib", "passenger_wsgi.py"]


def test_settings_from_the_app_environment_reach_the_app(site):
    response = fetch(site.graph_url + "?data=1,2,3", method="HEAD")
    assert response.status == 200
    assert response.headers["Cache-Control"] == f"public, max-age={CACHE_MAX_AGE}"


def test_passenger_serves_it_from_long_lived_processes(site, cpanel, passenger):
    """passenger-status: one Python app, from the app root, on the venv's python, handling every request."""
    before = _processed(passenger)
    for _ in range(3):
        assert fetch(site.page_url).status == 200
    status = _status(passenger)
    (group,) = status.findall("supergroups/supergroup/group")
    assert group.findtext("app_root") == str(cpanel / "dyngraph")
    assert group.findtext("app_type") == "python"
    assert group.findtext("options/python") == str(venv_python(cpanel))
    assert group.findtext("options/base_uri") == BASE_URI
    assert _processed(passenger) == before + 3


def _status(server):
    result = subprocess.run([PASSENGER_STATUS, "--show=xml"], capture_output=True, timeout=30,
                            env={"PATH": HOST_PATH, "PASSENGER_INSTANCE_REGISTRY_DIR": str(server.error_log.parent)})
    assert result.returncode == 0, result.stdout + result.stderr
    return ElementTree.fromstring(result.stdout)


def _processed(server):
    """Requests handled so far by all the app's processes."""
    return sum(int(p.findtext("processed")) for p in _status(server).iter("process"))


def test_app_source_is_not_served(site, tree):
    for path in ("/passenger_wsgi.py", "/lib/dyngraph/spec.py", f"{BASE_URI}/passenger_wsgi.py",
                 f"{BASE_URI}/lib/dyngraph/spec.py"):
        response = fetch(site.page_url.split(BASE_URI)[0] + path)
        assert response.status == 404, (path, response.status, response.body[:200])
